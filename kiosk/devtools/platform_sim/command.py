"""``kiosk platform-sim``: the fake platform in the foreground, with its routes printed, until Ctrl-C."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk.devtools.platform_sim.faults import parse_fault_arg
from kiosk.devtools.platform_sim.server import PlatformSim


def serve(
    fixtures_dir: Path,
    port: int = 8088,
    fault_args: Iterable[str] = (),
    out: Callable[[str], None] = print,
) -> int:
    """Run until Ctrl-C, printing the base URL and the routes; returns the exit code."""
    if not (fixtures_dir / "routes.json").is_file():
        out(f"kiosk platform-sim: no routes.json in {fixtures_dir}")
        return 2
    try:
        faults = dict(parse_fault_arg(arg) for arg in fault_args)
    except ValueError as exc:
        out(f"kiosk platform-sim: --fault: {exc}")
        return 2
    sim = PlatformSim(fixtures_dir, port=port, faults=faults)
    try:
        sim.start()
    except OSError as exc:
        out(f"kiosk platform-sim: cannot listen on port {port}: {exc.strerror}")
        return 1
    out(f"Fake city platform at {sim.url}  (fixtures: {fixtures_dir})")
    for route in sim.routes:
        out(f"  {route.describe()}")
    for key, fault in sim.faults.items():
        out(f"  fault {key}: {fault.to_dict()}")
    out(f'Faults at run time: curl -X POST {sim.url}/__faults -d \'{{"route": "*", "status": 503}}\'')
    out("Ctrl-C stops.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        out("stopped")
    finally:
        sim.stop()
    return 0
