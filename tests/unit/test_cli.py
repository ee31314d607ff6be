"""The kiosk command as editors and CI use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main


def test_validate_clean_pack_exits_0(minipack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(minipack)]) == 0
    assert "0 Fehler, 0 Warnungen" in capsys.readouterr().out


def test_validate_reports_file_line_and_exits_1(minipack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minipack / "content/slides/hafen.yaml").write_text(
        "type: image\nimage: images/hafen.png\nalt: {de: H, en: H, ls: H}\nfit: cove\n"
    )
    assert main(["validate", str(minipack)]) == 1
    out = capsys.readouterr().out
    assert "content/slides/hafen.yaml:4:1: Fehler: fit: 'cove' geht hier nicht" in out
    assert "    Tipp: meinten Sie „cover“?" in out
    assert "Dateien geprüft: 1 Fehler, 0 Warnungen" in out
    assert main(["validate", "--lang", "en", str(minipack)]) == 1
    out = capsys.readouterr().out
    assert "content/slides/hafen.yaml:4:1: error: fit: 'cove' is not allowed here" in out
    assert "    hint: did you mean 'cover'?" in out


def test_warnings_fail_only_with_strict(minipack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minipack / "content/slides/band.yaml").write_text("type: ticker\nitems:\n  - {de: Moin}\n")
    assert main(["validate", str(minipack)]) == 0
    assert main(["validate", "--strict", str(minipack)]) == 1
    out = capsys.readouterr().out
    assert "Warnung: items, Eintrag 1: es fehlt der Text für English, Leichte Sprache" in out
    assert main(["validate", "--lang", "en", str(minipack)]) == 0
    assert "warning: items, entry 1: no text for English, Leichte Sprache" in capsys.readouterr().out


def test_validate_a_single_file_checks_its_root(minipack: Path) -> None:
    assert main(["validate", str(minipack / "content/slides/hafen.yaml")]) == 0


def test_validate_json(minipack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minipack / "content/playlists/band.yaml").write_text("name: B\nitems: [nix]\n")
    assert main(["validate", "--json", str(minipack)]) == 1
    issues = json.loads(capsys.readouterr().out)
    (issue,) = [i for i in issues if i["severity"] == "error"]
    assert (
        issue["file"] == "content/playlists/band.yaml" and issue["line"] == 2 and issue["severity"] == "error"
    )


def test_validate_missing_path(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "nope")]) == 2


def test_schema_writes_json_and_reference(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path / "s"), "--reference", str(tmp_path / "ref.md")]) == 0
    names = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert "slide.schema.json" in names and len(names) == 10
    assert (
        main(["schema", "--check", "--out", str(tmp_path / "s"), "--reference", str(tmp_path / "ref.md")])
        == 0
    )
    (tmp_path / "ref.md").write_text("old")
    assert (
        main(["schema", "--check", "--out", str(tmp_path / "s"), "--reference", str(tmp_path / "ref.md")])
        == 1
    )


def test_run_unknown_device(minipack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "stelle", "--root", str(minipack), "--exit-after", "0"]) == 2
    assert "did you mean 'stele'?" in capsys.readouterr().err
