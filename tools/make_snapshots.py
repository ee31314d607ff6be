#!/usr/bin/env python3
"""Build the bundled offline snapshots of every shipped data source from the fixture scenario.

    .venv/bin/python tools/make_snapshots.py [--root /path/to/repo] [--fixtures /path/to/fixtures]

For every source in ``device-config/sources/`` the real connector fetches from the fake city platform
(``kiosk.devtools.platform_sim``, on loopback) instead of the public endpoint: a copy of the source gets
the simulator's URL and query from ``SIM_ROUTES`` below; the YAML files keep the real public URLs. The
moment is the fixture scenario, Saturday 2025-10-18 14:30 Europe/Berlin, at the Stadthafen stele.

Writes
  content/gtfs-static/*.txt          the GTFS static excerpt of the fixtures (the gtfs-rt join needs it)
  content/snapshots/<source-id>.json  ``dumps(Stored(records, as_of=2025-10-18T14:30+02:00, {}))``

Deterministic (fixed moment, no validators, no time stamps of the run) and safe to re-run: it
overwrites its own output. Exits non-zero if a source has no route below, a route names no shipped
source, a connector fails, or a source yields no records.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.kinds import KINDS_BY_NAME
from kiosk.config.loader import load_file
from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext
from kiosk.data.connectors.registry import connector_for
from kiosk.data.http import RequestsHttp
from kiosk.data.store import Stored, dumps
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir
from kiosk.devtools.shipped_routes import SIM_ROUTES, SimRoute, on_platform

REPO = Path(__file__).resolve().parents[1]
BERLIN = ZoneInfo("Europe/Berlin")
#: the fixture scenario (see kiosk/devtools/fixtures/README.md): Saturday, 14:30 CEST
SCENARIO = datetime(2025, 10, 18, 14, 30, tzinfo=BERLIN)
DEVICE = "stadthafen-stele"  # whose location is the "here" of nearby reports and warnings
SNAPSHOT_DIR = "snapshots"  # below content/
GTFS_STATIC = "gtfs-static"  # below content/; the abfahrten-stadthafen source names it in 'static'


class SnapshotError(Exception):
    """Something the operator must fix before the snapshots can be trusted."""


def load_sources(root: Path) -> dict[str, DataSource]:
    kind = KINDS_BY_NAME["source"]
    sources: dict[str, DataSource] = {}
    for path in sorted((root / kind.folder).glob("*.yaml")):
        entry, issues = load_file(root, path, kind)
        if entry is None:
            problems = "; ".join(issue.message for issue in issues) or "does not load"
            raise SnapshotError(f"{path.relative_to(root)}: {problems}")
        sources[entry.id] = entry.model
    if not sources:
        raise SnapshotError(f"no sources in {root / kind.folder}")
    return sources


def fetch_context(root: Path) -> FetchContext:
    kind = KINDS_BY_NAME["device"]
    entry, issues = load_file(root, root / kind.folder / f"{DEVICE}.yaml", kind)
    if entry is None:
        problems = "; ".join(issue.message for issue in issues) or "does not load"
        raise SnapshotError(f"device {DEVICE}: {problems}")
    if entry.model.location is None:
        raise SnapshotError(f"device {DEVICE} has no location")
    location = entry.model.location
    return FetchContext(
        now=SCENARIO,
        latitude=location.latitude,
        longitude=location.longitude,
        ars=location.ars,
        content_dir=root / "content",
    )


def copy_gtfs_static(fixtures: Path, content_dir: Path) -> None:
    """The small GTFS excerpt of the fixtures into content/ (stale files of an older excerpt go)."""
    source = fixtures / "gtfs" / "static"
    target = content_dir / GTFS_STATIC
    target.mkdir(parents=True, exist_ok=True)
    wanted = {path.name for path in source.glob("*.txt")}
    if not wanted:
        raise SnapshotError(f"no GTFS static files in {source}")
    for stale in target.glob("*.txt"):
        if stale.name not in wanted:
            stale.unlink()
    for name in sorted(wanted):
        shutil.copyfile(source / name, target / name)


def on_sim(source: DataSource, route: SimRoute, sim: PlatformSim) -> DataSource:
    return on_platform(source, route, sim.url)


def snapshot_records(source_id: str, source: DataSource, sim: PlatformSim, ctx: FetchContext) -> list[object]:
    connector = connector_for(source.kind)
    http = RequestsHttp(source.timeout.total_seconds(), source.max_bytes, conditional=False)
    http.session.trust_env = False  # loopback only: no proxy from the environment
    records = list(connector.fetch(http, on_sim(source, SIM_ROUTES[source_id], sim), ctx))
    if not records:
        raise SnapshotError(f"{source_id}: the connector returned no records from the simulator")
    return records


def build(root: Path, fixtures: Path) -> dict[str, int]:
    """Write every snapshot; returns record counts by source id."""
    sources = load_sources(root)
    missing = sorted(set(sources) - set(SIM_ROUTES))
    unknown = sorted(set(SIM_ROUTES) - set(sources))
    if missing or unknown:
        raise SnapshotError(
            f"SIM_ROUTES is out of date: no route for {missing or '–'}, no source for {unknown or '–'}"
        )
    content_dir = root / "content"
    copy_gtfs_static(fixtures, content_dir)
    ctx = fetch_context(root)
    out_dir = content_dir / SNAPSHOT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    with PlatformSim(fixtures) as sim:  # every source first: one failure leaves all files as they were
        built = {
            source_id: snapshot_records(source_id, source, sim, ctx) for source_id, source in sources.items()
        }
    for source_id, records in built.items():
        stored = Stored(tuple(records), as_of=SCENARIO, validators={})
        (out_dir / f"{source_id}.json").write_bytes(dumps(stored))
        expected = f"{SNAPSHOT_DIR}/{source_id}.json"
        if sources[source_id].snapshot != expected:
            print(f"note: {source_id} should declare 'snapshot: {expected}'", file=sys.stderr)
    return {source_id: len(records) for source_id, records in built.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="repository root (default: this checkout)")
    parser.add_argument(
        "--fixtures", type=Path, default=None, help="fixtures folder (default: kiosk/devtools/fixtures)"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    fixtures = (args.fixtures or default_fixtures_dir()).resolve()
    try:
        counts = build(root, fixtures)
    except Exception as exc:  # a connector's FetchError/ParseError included: fail loudly, non-zero
        print(f"make_snapshots: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    for source_id, count in counts.items():
        print(f"{source_id:24} {count:3d} record(s) → content/{SNAPSHOT_DIR}/{source_id}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
