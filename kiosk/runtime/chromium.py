"""Chromium switches the kiosk sets for itself before QtWebEngine starts: no traffic the request
interceptor cannot see.

The request interceptor (``ui/slides/web_page.py``) checks every HTTP request against the device's
``web_allowlist``, but two kinds of traffic never pass it:

- **WebRTC** sends STUN over UDP straight from the network stack. ``--force-webrtc-ip-handling-policy=
  disable_non_proxied_udp`` makes WebRTC use UDP only through a proxy; the kiosk has none, so no UDP at
  all. (``QWebEngineSettings.WebRTCPublicInterfacesOnly`` only hides local addresses: STUN still goes out,
  and ``--webrtc-ip-handling-policy`` without ``force-`` is not read by QtWebEngine; both measured with
  QtWebEngine 6.11 / Chromium 140.)
- **Speculative connections**: ``<link rel=preconnect>``, ``Link: …; rel=preconnect`` headers and the
  HTML preload scanner open TCP (and TLS) to any host; QtWebEngine's network hints handler has no switch
  for it, and ``--disable-preconnect`` / ``--dns-prefetch-disable`` are Chrome-only. What stops them is
  the host resolver: ``--host-resolver-rules`` maps every name that is not on the allowlist to "not found",
  so no socket to another host can even be attempted (IP literals included: the rules match them too).

The rules are read once, when Chromium starts: a host added to ``web_allowlist`` later resolves only after
a restart (``added_after_start`` says which), while a removed host is refused at once by the interceptor.

Why ``QTWEBENGINE_CHROMIUM_FLAGS`` and not ``--webEngineArgs`` on the QApplication's command line:
QtWebEngine ignores ``--webEngineArgs`` entirely as soon as that variable is set (it logs "webEngineArgs
are overridden"), and the test setup and some deployments set it (``--no-sandbox`` as root). So the
product appends its switches to the variable in its own process, before the QApplication exists, and keeps
every switch already there. No mode of the product is chosen by this: it is how Chromium takes switches.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
from collections.abc import Iterable

log = logging.getLogger(__name__)

FLAGS_VAR = "QTWEBENGINE_CHROMIUM_FLAGS"
WEBRTC_SWITCH = "--force-webrtc-ip-handling-policy"
RESOLVER_SWITCH = "--host-resolver-rules"
# a host name, an IPv4 address or a '*.' pattern; anything else cannot be written into the rules safely
_HOST = re.compile(r"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def _usable(pattern: str) -> str | None:
    host = pattern.strip().lower().rstrip(".")
    return host if _HOST.match(host) else None


def resolver_rules(allowlist: Iterable[str]) -> str:
    """Chromium host rules: every name resolves to "not found" except the allowlisted ones.

    ``*.rostock.de`` also allows ``rostock.de`` itself, as ``config.allowlist.host_allowed`` does.
    """
    rules = ["MAP * ~NOTFOUND"]
    for pattern in allowlist:
        host = _usable(pattern)
        if host is None:
            log.warning("web_allowlist entry %r is not a host name; pages there cannot load", pattern)
            continue
        for name in (host, host.removeprefix("*.")):
            rule = f"EXCLUDE {name}"
            if rule not in rules:
                rules.append(rule)
    return ", ".join(rules)


def kiosk_switches(allowlist: Iterable[str] | None) -> list[str]:
    """The switches the kiosk needs; without an allowlist (tools, tests) only the WebRTC one."""
    switches = [f"{WEBRTC_SWITCH}=disable_non_proxied_udp"]
    if allowlist is not None:
        # Qt splits the variable at spaces but keeps double-quoted parts together (measured)
        switches.append(f'{RESOLVER_SWITCH}="{resolver_rules(allowlist)}"')
    return switches


def _split(flags: str) -> list[str]:
    try:
        return shlex.split(flags)
    except ValueError:  # an unbalanced quote: Qt would split at spaces, so do the same
        return flags.split()


def with_kiosk_switches(existing: str, allowlist: Iterable[str] | None) -> str:
    """``existing`` flags plus the kiosk's; a switch the environment already sets is left as it is."""
    present = {name: value for name, _, value in (p.partition("=") for p in _split(existing))}
    added = []
    for switch in kiosk_switches(allowlist):
        name, _, value = switch.partition("=")
        if name not in present:
            added.append(switch)
        elif present[name] != value.strip('"'):
            log.warning("%s already sets %s; the kiosk keeps that value", FLAGS_VAR, name)
    return " ".join(part for part in (existing.strip(), *added) if part)


def add_kiosk_switches(allowlist: Iterable[str] | None) -> None:
    """Before the QApplication (and so QtWebEngine) starts; calling it again changes nothing."""
    existing = os.environ.get(FLAGS_VAR, "")
    os.environ[FLAGS_VAR] = with_kiosk_switches(existing, allowlist)


def resolvable_at_start() -> frozenset[str] | None:
    """The names Chromium was started to resolve (``None``: no host rules, everything resolves)."""
    try:
        parts = shlex.split(os.environ.get(FLAGS_VAR, ""))
    except ValueError:
        return None
    rules = next((p.split("=", 1)[1] for p in parts if p.startswith(RESOLVER_SWITCH + "=")), None)
    if rules is None:
        return None
    return frozenset(
        r.strip()[len("EXCLUDE ") :] for r in rules.split(",") if r.strip().startswith("EXCLUDE ")
    )


def added_after_start(allowlist: Iterable[str]) -> list[str]:
    """Allowlisted hosts that Chromium cannot resolve until a restart."""
    known = resolvable_at_start()
    if known is None:
        return []
    return [p for p in allowlist if (host := _usable(p)) is not None and host not in known]
