"""``kiosk preview`` refuses what cannot work, at once and in one line, before Qt starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.kiosk_cli import run_kiosk

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--out", "x.png"], "give --at and --out (or --watch"),
        (["--at", "2026-12-24T17:00"], "give --at and --out (or --watch"),
        (["--watch", "--slide", "halle-willkommen", "--page", "start"], "--slide shows a slide, not a page"),
        (
            ["--at", "2026-12-24T17:00", "--out", "x.png", "--slide", "halle-willkommen"],
            "--slide works with --watch",
        ),
    ],
)
def test_wrong_combinations_are_refused(shipped_copy: Path, args: list[str], says: str) -> None:
    proc = run_kiosk("preview", "sporthalle-schmarl", "--root", str(shipped_copy), *args)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert says in proc.stderr and "Traceback" not in proc.stderr


def test_a_watched_picture_inside_the_watched_folders_is_refused(shipped_copy: Path) -> None:
    out = shipped_copy / "content/images/vorschau.png"
    proc = run_kiosk(
        "preview", "sporthalle-schmarl", "--root", str(shipped_copy), "--watch", "--out", str(out)
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "outside content/, layouts/ and device-config/" in proc.stderr
    assert not out.exists()


def test_an_unknown_device_is_refused_with_a_suggestion(shipped_copy: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "v.png")
    proc = run_kiosk("preview", "sporthalle-schmar", "--root", str(shipped_copy), "--watch", "--out", out)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "no valid device 'sporthalle-schmar'" in proc.stderr and "sporthalle-schmarl" in proc.stderr


@pytest.mark.parametrize(
    ("option", "name", "near"),
    [("--slide", "halle-wilkommen", "halle-willkommen"), ("--page", "sporthalen", "sporthallen")],
)
def test_an_unknown_slide_or_page_is_refused_with_a_suggestion(
    shipped_copy: Path, tmp_path: Path, option: str, name: str, near: str
) -> None:
    device = "sporthalle-schmarl" if option == "--slide" else "stadthafen-stele"
    out = str(tmp_path / "v.png")
    proc = run_kiosk("preview", device, "--root", str(shipped_copy), "--watch", "--out", out, option, name)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"'{name}'" in proc.stderr and near in proc.stderr
