"""The watched "other host": listeners on 127.0.0.2 that record every TCP connection and UDP datagram
reaching it, and a page that tries every way there past a request interceptor.

Not an HTTP server (the fake platform, ``kiosk.devtools.platform_sim``, serves pages, also on 127.0.0.2):
the wire tests must see a SYN or a STUN datagram that never becomes an HTTP request.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

OTHER_HOST = "127.0.0.2"  # stands for any host that is not on the allowlist
DONE_COLOUR = "#1eaa3c"  # the WebRTC page's background once it has tried everything


@dataclass
class OtherHost:
    """Listeners on 127.0.0.2: a UDP socket (a STUN server for WebRTC) and a TCP port (any web server)."""

    udp_port: int = 0
    tcp_port: int = 0
    arrived: list[str] = field(default_factory=list)  # "udp 20 bytes from …", "tcp from …"

    def quiet_for(self, seconds: float) -> bool:
        """Wait ``seconds``; True if nothing arrived by then (a wire that stays silent has no event to
        wait for: the wait is the observation)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end and not self.arrived:
            time.sleep(0.05)
        return not self.arrived


@contextmanager
def other_host() -> Iterator[OtherHost]:
    """Watch 127.0.0.2 (a free UDP and TCP port each) for the duration of a ``with`` block."""
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((OTHER_HOST, 0))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind((OTHER_HOST, 0))
    tcp.listen(16)
    for sock in (udp, tcp):
        sock.settimeout(0.1)
    host = OtherHost(udp.getsockname()[1], tcp.getsockname()[1])
    stop = threading.Event()

    def watch_udp() -> None:
        while not stop.is_set():
            try:
                data, peer = udp.recvfrom(4096)
            except (TimeoutError, OSError):
                continue
            host.arrived.append(f"udp {len(data)} bytes from {peer[0]}:{peer[1]}")

    def watch_tcp() -> None:
        while not stop.is_set():
            try:
                conn, peer = tcp.accept()
            except (TimeoutError, OSError):
                continue
            host.arrived.append(f"tcp from {peer[0]}:{peer[1]}")
            conn.close()

    threads = [threading.Thread(target=f, daemon=True) for f in (watch_udp, watch_tcp)]
    for thread in threads:
        thread.start()
    try:
        yield host
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=2)
        udp.close()
        tcp.close()


def webrtc_and_preconnect_page(other: OtherHost) -> str:
    """A page that tries every way past the request interceptor to the other host: WebRTC (STUN over UDP)
    from the page and from a fresh frame (where a page script could not have been replaced yet),
    ``<link rel=preconnect>`` and ``dns-prefetch``. Its title ends as ``done {what it could do}``, and its
    background turns ``DONE_COLOUR``."""
    stun = f"stun:{OTHER_HOST}:{other.udp_port}"
    target = f"http://{OTHER_HOST}:{other.tcp_port}"
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>loading</title>
<link rel="preconnect" href="{target}"><link rel="preconnect" href="{target}" crossorigin>
<link rel="dns-prefetch" href="{target}"></head>
<body style="margin:0;background:#1d4f91;color:#fff;font:32px sans-serif"><p>WebRTC</p>
<script>
const seen = [];
function tryRtc(where, Rtc) {{
  if (typeof Rtc !== 'function') {{ seen.push(where + ':absent'); return; }}
  try {{
    const pc = new Rtc({{iceServers: [{{urls: '{stun}'}}]}});
    pc.createDataChannel('x');
    pc.onicecandidate = (e) => {{ if (e.candidate) seen.push(where + ':candidate'); }};
    pc.createOffer().then((offer) => pc.setLocalDescription(offer));
    seen.push(where + ':made');
  }} catch (e) {{ seen.push(where + ':refused'); }}
}}
tryRtc('page', window.RTCPeerConnection);
const frame = document.createElement('iframe');
document.body.appendChild(frame);
tryRtc('frame', frame.contentWindow && frame.contentWindow.RTCPeerConnection);
setTimeout(() => {{
  document.title = 'done ' + seen.join(' ');
  document.body.style.background = '{DONE_COLOUR}';  // seen from outside: a field test reads pixels
}}, 2500);
</script></body></html>"""
