"""The bundled offline snapshots (content/snapshots/, built by tools/make_snapshots.py): every shipped
source has one, it loads, it is dated to the fixture scenario, it holds what the source's widgets
read, and every widget fed by it shows rows marked as stored sample data."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.loader import ContentSet, load_content
from kiosk.config.models.page import WidgetBlock
from kiosk.config.models.slides import DataSlide, TickerSlide
from kiosk.data.present import ROWS, present
from kiosk.data.present_words import t
from kiosk.data.records import AlertRecord, NewsRecord, WaterLevelRecord, WeatherRecord
from kiosk.data.state import DataState
from kiosk.data.store import Stored, load_snapshot
from kiosk.devtools.platform_sim import default_fixtures_dir
from tests.conftest import REPO

BERLIN = ZoneInfo("Europe/Berlin")
SCENARIO = datetime(2025, 10, 18, 14, 30, tzinfo=BERLIN)  # Saturday, the fixtures' scenario
NOTE = "Gespeicherte Beispieldaten vom 18.10.2025, 14:30"

# What each widget reads from its source's records (the presenters' own table, plus the two
# widgets with their own row builders; a ticker appends news headlines and warnings).
EXPECTED: dict[str, tuple[type[Any], ...]] = {
    **{widget: (kind,) for widget, (kind, _row) in ROWS.items()},
    "weather": (WeatherRecord,),
    "water-level": (WaterLevelRecord,),
    "ticker": (NewsRecord, AlertRecord),
}
# the single row a widget shows when nothing is left after its filters: not data
PLACEHOLDERS = {(t(key, "de"),) for key in ("empty", "none_today", "no_warnings")}


@dataclass(frozen=True)
class Consumer:
    where: str  # slide or page (and block) that shows the source
    widget: str
    source: str
    max_items: int = 6


@pytest.fixture(scope="module")
def shipped() -> ContentSet:
    result = load_content(REPO)
    assert result.ok, "\n".join(issue.format() for issue in result.issues)
    return result.content


def consumers(content: ContentSet) -> Iterator[Consumer]:
    for slide_id, slide in sorted(content.slides.items()):
        model = slide.model
        if isinstance(model, DataSlide):
            yield Consumer(f"slide {slide_id}", model.widget, model.source, model.max_items)
        elif isinstance(model, TickerSlide) and model.source:
            yield Consumer(f"slide {slide_id}", "ticker", model.source)
    for page_id, page in sorted(content.pages.items()):
        for index, block in enumerate(page.model.blocks):
            if isinstance(block, WidgetBlock):
                yield Consumer(f"page {page_id} block {index}", block.widget, block.source, block.max_items)


def snapshot_of(content: ContentSet, source_id: str) -> Stored:
    source = content.sources[source_id].model
    assert source.snapshot == f"snapshots/{source_id}.json", f"{source_id}: snapshot key"
    stored = load_snapshot(content.content_dir / source.snapshot)
    assert stored is not None, f"{source_id}: content/{source.snapshot} is missing or does not load"
    return stored


def test_every_shipped_source_has_a_snapshot_of_the_fixture_scenario(shipped: ContentSet) -> None:
    assert len(shipped.sources) >= 10
    for source_id in shipped.sources:
        stored = snapshot_of(shipped, source_id)
        assert stored.as_of == SCENARIO, source_id
        assert stored.as_of.utcoffset() == SCENARIO.utcoffset(), source_id  # written as +02:00
        assert stored.records, f"{source_id}: the snapshot is empty"
        assert stored.validators == {}, source_id


def test_snapshot_records_are_what_the_widgets_of_the_source_read(shipped: ContentSet) -> None:
    used = list(consumers(shipped))
    assert {c.source for c in used} == set(shipped.sources), "every shipped source feeds some widget"
    for consumer in used:
        records = snapshot_of(shipped, consumer.source).records
        wrong = [type(r).__name__ for r in records if not isinstance(r, EXPECTED[consumer.widget])]
        assert not wrong, f"{consumer.where}: {consumer.widget} cannot show {wrong} from {consumer.source}"


def test_every_widget_shows_snapshot_rows_marked_as_sample_data(shipped: ContentSet) -> None:
    checked = 0
    for consumer in consumers(shipped):
        if consumer.widget == "ticker":
            continue  # tickers append fresh feed items only, never a snapshot
        stored = snapshot_of(shipped, consumer.source)
        state = DataState(consumer.source, stored.records, stored.as_of, origin="snapshot")
        # at the snapshot's own moment: the widgets filter by time (today, not yet over, not expired)
        table = present(consumer.widget, state, "de", stored.as_of, BERLIN, consumer.max_items)
        assert table.status == "snapshot", consumer
        assert table.note == NOTE, consumer
        assert table.rows, consumer
        assert not set(table.rows) & PLACEHOLDERS, f"{consumer.where}: only {table.rows}"
        checked += 1
    data_slides = [s for s in shipped.slides.values() if isinstance(s.model, DataSlide)]
    assert data_slides and checked >= len(data_slides)


def _make_snapshots() -> ModuleType:
    path = REPO / "tools" / "make_snapshots.py"
    spec = importlib.util.spec_from_file_location("make_snapshots", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(spec.name, None)
    return module


def test_shipped_snapshots_are_up_to_date_with_the_fixtures(tmp_path: Path) -> None:
    """Re-running tools/make_snapshots.py (connectors against the fake platform) changes nothing."""
    fixtures = default_fixtures_dir()
    if not (fixtures / "routes.json").is_file():
        pytest.skip(f"no fixtures at {fixtures}")
    shutil.copytree(REPO / "device-config", tmp_path / "device-config")
    counts = _make_snapshots().build(tmp_path, fixtures)
    assert all(counts.values()), counts
    for folder in ("snapshots", "gtfs-static"):
        built = {p.name: p.read_bytes() for p in (tmp_path / "content" / folder).iterdir()}
        shipped = {p.name: p.read_bytes() for p in (REPO / "content" / folder).iterdir()}
        stale = sorted(name for name in built.keys() | shipped.keys() if built.get(name) != shipped.get(name))
        assert not stale, (
            f"content/{folder}: {stale} out of date: run .venv/bin/python tools/make_snapshots.py"
        )
