"""``kiosk proof-of-play`` and ``kiosk statistics`` read what a device left, torn lines and all."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.records.jsonl import JsonlFile
from tests.kiosk_cli import run_kiosk


def _proof(slide: str, start: str, end: str, device: str = "halle") -> dict[str, object]:
    return {"device": device, "zone": "main", "slide": slide, "playlist": "p", "start": start, "end": end}


def test_proof_of_play_reader_filters_and_survives_a_torn_line(tmp_path: Path) -> None:
    log = JsonlFile(tmp_path / "records", "proof-of-play", max_bytes=300, keep=3)
    log.append(_proof("a", "2026-12-02T07:00:00.000+01:00", "2026-12-02T07:00:10.000+01:00"))
    log.append(_proof("b", "2026-12-02T07:00:10.000+01:00", "2026-12-02T07:00:20.000+01:00"))
    log.append(_proof("c", "2026-12-02T07:00:20.000+01:00", "2026-12-02T07:00:30.000+01:00", device="tor"))
    log.close()
    with open(log.path, "ab") as f:
        f.write(b'{"device": "halle", "zone": "ma')  # the power cut
    done = run_kiosk("proof-of-play", "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["slide"] for line in done.stdout.splitlines()] == ["a", "b", "c"]
    assert "1 line(s)" in done.stderr
    since = run_kiosk(
        "proof-of-play", "--data-dir", str(tmp_path), "--since", "2026-12-02T06:00:15Z", "--device", "halle"
    )
    assert [json.loads(line)["slide"] for line in since.stdout.splitlines()] == ["b"]
    table = run_kiosk("proof-of-play", "--data-dir", str(tmp_path), "--table")
    assert table.stdout.splitlines()[0].split() == [
        "2026-12-02T07:00:00.000+01:00",
        "2026-12-02T07:00:10.000+01:00",
        "halle",
        "main",
        "p",
        "a",
    ]


def test_statistics_reader_adds_up_an_hour_cut_by_a_restart(tmp_path: Path) -> None:
    log = JsonlFile(tmp_path / "records", "statistics")
    for views, lang in ((2, "de"), (3, "en")):
        log.append(
            {
                "hour": "2026-12-02T14:00+01:00",
                "page": "parken",
                "views": views,
                "sessions": 1,
                "speech_sessions": 0,
                "language": {lang: 1},
            }
        )
    log.close()
    done = run_kiosk("statistics", "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert json.loads(line) == {
        "hour": "2026-12-02T14:00+01:00",
        "page": "parken",
        "views": 5,
        "sessions": 2,
        "speech_sessions": 0,
        "language": {"de": 1, "en": 1},
    }


def test_the_readers_never_import_qt(tmp_path: Path) -> None:
    """A technician reads the records over SSH on a device whose display is off: no Qt for that."""
    import subprocess
    import sys

    code = (
        "import sys; from kiosk.cli import main; "
        f"main(['proof-of-play', '--data-dir', {str(tmp_path)!r}]); "
        f"main(['statistics', '--data-dir', {str(tmp_path)!r}]); "
        "print('PySide6' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
