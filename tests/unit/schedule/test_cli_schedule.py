"""``kiosk schedule``: the table, the chart, and helpful exits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.schedule.chart import WIDTH
from kiosk.schedule.clock import FixedClock
from kiosk.schedule.command import ScheduleRequest, run
from tests.conftest import REPO
from tests.unit.schedule.packs import at, make_pack

PACK = {
    "werktags": "windows: [{days: [mon, tue, wed, thu, fri], from: '07:00', to: '18:00'}]\nitems: [d, e]",
    "ansage": "takeover: {at: ['10:02'], duration: 5m}\nitems: [d]",
    "immer": "items: [e, f]",
}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    make_pack(
        tmp_path / "pack",
        PACK,
        "main: {playlists: [werktags, ansage], default: immer}\nside: {default: immer}",
        device_extra="opening_hours: [{from: '06:00', to: '22:00'}]\n",
        layout_zones=("main", "side"),
    )
    return tmp_path / "pack"


def test_table_per_zone(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "schedule",
        "screen",
        "--root",
        str(pack),
        "--from",
        "2026-08-07T09:58",
        "--to",
        "2026-08-07T10:10",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Testschirm (screen): Fri 2026-08-07 09:58 – Fri 2026-08-07 10:10 (Europe/Berlin)" in out
    assert "opening hours: Fri 09:58–Fri 10:10" in out
    lines = out.splitlines()
    main_zone = lines[lines.index("zone main") :]
    assert "  Fri 2026-08-07" in main_zone
    rows = [line.split() for line in main_zone]
    # werktags cycles d (1 m), e (5 m) from 07:00; the takeover at 10:02 interrupts 'e' 1 m in.
    assert ["09:58:00–10:00:00", "scheduled", "werktags", "e", "(#1),", "from", "3m", "in"] in rows
    assert ["10:00:00–10:01:00", "scheduled", "werktags", "d", "(#0)"] in rows
    assert ["10:02:00–10:03:00", "takeover", "ansage", "d", "(#0)"] in rows
    assert ["10:07:00–10:10:00", "scheduled", "werktags", "e", "(#1),", "from", "1m", "in"] in rows
    assert "zone side" in out


def test_summary_and_one_zone(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["schedule", "screen", "--root", str(pack), "--from", "2026-08-07", "--summary", "--zone", "main"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "zone side" not in out
    rows = [line.split() for line in out.splitlines() if line.startswith("    ")]
    assert rows[0] == ["00:00:00–06:00:00", "closed", "–"]
    assert rows[1][:3] == ["06:00:00–07:00:00", "default", "immer"]
    assert rows[-1][:2] == ["22:00:00–Sat", "08.08."]  # default --to: 24 h later


def test_unknown_device_and_zone_exit_2(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "scren", "--root", str(pack)]) == 2
    assert "no device 'scren'; did you mean 'screen'?" in capsys.readouterr().err
    assert main(["schedule", "screen", "--root", str(pack), "--zone", "mian"]) == 2
    assert "did you mean 'main'?" in capsys.readouterr().err
    assert main(["schedule", "screen", "--root", str(pack), "--from", "morgen"]) == 2
    assert (
        main(["schedule", "screen", "--root", str(pack), "--from", "2026-08-07", "--to", "2026-08-06"]) == 2
    )


def test_png_is_a_readable_picture(pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "out" / "plan.png"
    png.parent.mkdir()  # kiosk schedule creates no folders (tests/e2e/test_exit_codes.py)
    args = [
        "schedule",
        "screen",
        "--root",
        str(pack),
        "--from",
        "2026-08-07T05:00",
        "--to",
        "2026-08-08T05:00",
    ]
    assert main([*args, "--png", str(png)]) == 0
    assert f"wrote {png}" in capsys.readouterr().out
    image = Image.open(png)
    assert image.format == "PNG" and image.width == WIDTH and 300 <= image.height <= 1000
    colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 50  # bars, text, hatching: not blank
    background = max(colours)[0] / (image.width * image.height)
    assert background < 0.7


def test_shipped_devices_with_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for device in ("stadthafen-stele", "sporthalle-schmarl"):
        png = tmp_path / f"{device}.png"
        args = [
            "schedule",
            device,
            "--root",
            str(REPO),
            "--from",
            "2026-08-07T08:00",
            "--to",
            "2026-08-08T08:00",
        ]
        assert main([*args, "--png", str(png), "--summary"]) == 0
        assert png.stat().st_size > 10_000
    out = capsys.readouterr().out
    assert "hanse-sail-stele" in out and "hanse-sail-halle" in out


def test_default_range_is_now_plus_24_hours(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Across the autumn DST change: 24 h of real time end at 09:00 wall-clock time.
    clock = FixedClock(at("2026-10-24 10:00"))
    assert run(ScheduleRequest(pack, "screen", summary=True), clock=clock) == 0
    assert "Sat 2026-10-24 10:00 – Sun 2026-10-25 09:00 (Europe/Berlin)" in capsys.readouterr().out


def test_a_chart_that_cannot_be_written_leaves_nothing_behind(tmp_path: Path) -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from kiosk.schedule.chart import ChartInput, save

    start = datetime(2026, 8, 7, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    chart = ChartInput("Stele", "Test", start, start + timedelta(hours=2), {}, None, {})
    target = tmp_path / "plan.png"
    target.mkdir()  # the file name is taken by a folder: the final rename fails
    (target / "keep").write_text("x")
    with pytest.raises(IsADirectoryError):
        save(chart, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.png"]  # no temporary file left
    save(chart, tmp_path / "ok.png")
    assert Image.open(tmp_path / "ok.png").format == "PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.png", "plan.png"]
