"""1 000 devices polling one nginx on loopback for their signed manifests: what an unchanged poll costs,
what moves when one picture changes, and what nginx spends doing it.

A pack of five pictures (about 200 KB each) and 1 000 device files, each with its own manifest (kiosk
publish). 1 000 simulated devices (asyncio, raw HTTP/1.1, the request headers the kiosk's ``requests``
session sends) first fetch everything, then poll with If-None-Match (a 304 each), then one picture is
repainted and published again and every device fetches its new manifest, the signature and only the blobs
it does not have (``fleet.manifest.missing``). Each request opens its own connection, as a device
polling every few minutes would. nginx runs one worker; its CPU time is read from /proc. Prints figures;
no pass/fail (target: ≤ 1 KB per unchanged poll; only the changed blob moves).
Run: .venv/bin/python bench/bench_fleet_sync.py [DEVICES]
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from PIL import Image  # noqa: E402

from kiosk import __version__  # noqa: E402
from kiosk.fleet.manifest import Manifest, missing, parse  # noqa: E402
from kiosk.fleet.publish import publish  # noqa: E402
from kiosk.fleet.signing import load_private, make_keys, verify  # noqa: E402
from tests.fleetpack import sync_pack  # noqa: E402
from tests.nginx import Nginx  # noqa: E402

PICTURES = 5
AT_ONCE = 100  # connections open at once (a fleet's polls spread over its jitter)


class Device:
    def __init__(self, name: str) -> None:
        self.name = name
        self.etag = ""
        self.manifest: Manifest | None = None
        self.blobs: set[str] = set()


async def request(port: int, path: str, etag: str = "") -> tuple[int, dict[str, str], bytes, int]:
    """(status, headers, body, bytes on the wire both ways) of one GET on a fresh connection."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"User-Agent: SmileCityTouchpoint/{__version__} (+https://github.com/smile-city-rostock)\r\n"
        "Accept-Encoding: gzip, deflate\r\nAccept: */*\r\nConnection: close\r\n"
        + (f"If-None-Match: {etag}\r\n" if etag else "")
        + "\r\n"
    ).encode()
    writer.write(head)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    raw_head, _, body = answer.partition(b"\r\n\r\n")
    lines = raw_head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body, len(head) + len(answer)


async def sync(device: Device, port: int, keys: list[str], gate: asyncio.Semaphore) -> tuple[int, int, int]:
    """One check as the kiosk makes it: (bytes moved, blobs fetched, blob bytes)."""
    async with gate:
        status, headers, body, moved = await request(port, f"/devices/{device.name}.json", device.etag)
        if status == 304:
            return moved, 0, 0
        assert status == 200, status
        _, _, signature, sig_moved = await request(port, f"/devices/{device.name}.json.sig")
        verify(body, signature, keys)
        manifest = parse(body, device.name)
        fetched = blob_bytes = 0
        for entry in missing(manifest, device.blobs):
            status, _, blob, blob_moved = await request(port, f"/blobs/sha256/{entry.sha256}")
            assert status == 200 and len(blob) == entry.size
            device.blobs.add(entry.sha256)
            fetched += 1
            blob_bytes += len(blob)
            moved += blob_moved
        device.etag, device.manifest = headers.get("etag", ""), manifest
        return moved + sig_moved, fetched, blob_bytes


async def round_(
    devices: list[Device], port: int, keys: list[str]
) -> tuple[list[tuple[int, int, int]], float]:
    gate = asyncio.Semaphore(AT_ONCE)
    started = time.perf_counter()
    results = await asyncio.gather(*(sync(d, port, keys, gate) for d in devices))
    return list(results), time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    work = Path(tempfile.mkdtemp(prefix="bench-fleet-"))
    try:
        (work / "keys").mkdir()
        private, _, public = make_keys(work / "keys")
        site = work / "site"
        site.mkdir()
        nginx = Nginx(site).start()
        names = tuple(f"geraet-{i:04d}" for i in range(count))
        pack = sync_pack(work / "pack", nginx.url, public, names)
        slides = []
        for i in range(PICTURES):
            name = f"bild-{i}"
            pack.colour_slide(name, (10 * i, 80, 120), "10s")
            Image.effect_noise((260, 260), 60 + i).convert("RGB").save(
                pack.root / f"content/images/{name}.png"
            )
            slides.append(name)
        pack.playlist("main", ["main", *slides])
        started = time.perf_counter()
        report = publish(pack.root, site, load_private(private))
        publish_s = time.perf_counter() - started
        assert not report.issues, report.issues
        sizes = sorted(p.stat().st_size for p in (site / "blobs/sha256").iterdir())
        one = site / f"devices/{names[0]}.json"
        files = len(parse(one.read_bytes()).files)
        print(f"publish: {count} devices, {len(sizes)} blobs ({sum(sizes) / 1e6:.2f} MB), {publish_s:.1f} s")
        print(f"  one manifest: {one.stat().st_size} bytes, {files} files")
        devices = [Device(n) for n in names]
        cpu0 = nginx.cpu_seconds()
        first, first_s = asyncio.run(round_(devices, nginx.port, [public]))
        cpu1 = nginx.cpu_seconds()
        print(
            f"first sync: {sum(m for m, _, _ in first) / count / 1e6:.3f} MB per device, "
            f"{sum(f for _, f, _ in first) / count:.1f} blobs each, {first_s:.1f} s for all, "
            f"nginx CPU {cpu1 - cpu0:.2f} s"
        )
        unchanged, polls_s = asyncio.run(round_(devices, nginx.port, [public]))
        cpu2 = nginx.cpu_seconds()
        per_poll = [m for m, _, _ in unchanged]
        assert all(f == 0 for _, f, _ in unchanged)
        print(
            f"unchanged poll (304): {sum(per_poll) / count:.0f} bytes per poll (max {max(per_poll)}; "
            "target ≤ 1024), "
            f"{count / polls_s:.0f} polls/s, nginx CPU {(cpu2 - cpu1) * 1000:.0f} ms for {count} polls "
            f"({(cpu2 - cpu1) / polls_s * 100:.0f} % of one core while they ran)"
        )
        Image.effect_noise((260, 260), 99).convert("RGB").save(pack.root / "content/images/bild-2.png")
        changed = (pack.root / "content/images/bild-2.png").stat().st_size
        report = publish(pack.root, site, load_private(private))
        assert report.blobs_written == 1
        update, update_s = asyncio.run(round_(devices, nginx.port, [public]))
        cpu3 = nginx.cpu_seconds()
        moved = [m for m, _, _ in update]
        blobs = {f for _, f, _ in update}
        blob_bytes = {b for _, _, b in update}
        print(
            f"one picture changed ({changed:,} bytes): every device fetched {blobs} blob(s) of "
            f"{blob_bytes} bytes; {sum(moved) / count:,.0f} bytes moved per device (manifest, signature, "
            f"blob and headers), {sum(moved) / 1e6:.1f} MB for the fleet, {update_s:.1f} s, "
            f"nginx CPU {(cpu3 - cpu2) * 1000:.0f} ms"
        )
        nginx.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
