"""The emergency overlay fits every window from 640 × 360 to 3840 × 2160, in both orientations and every
language: nothing clipped, no word broken, nothing overlapping (issue 9: at 1280 × 720 "ENTWARN…" ran off
the right edge and the sign overlapped the severity; at 640 × 360 the headline was gone).

The warnings are the real records of the NINA connector (``plain_kit.nina_alerts``), given texts in
English and Leichte Sprache as a multilingual source sends them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.config.loader import load_content
from kiosk.data.emergency import ActiveAlert
from kiosk.paths import bundled_root
from kiosk.ui.alert import AlertBanner, AlertOverlay
from kiosk.ui.theme import Look, look_for
from tests.gui.fit_kit import fit_problems, shown
from tests.gui.plain_kit import nina_alerts

TZ = ZoneInfo("Europe/Berlin")
SIZES = [(640, 360), (1280, 720), (1920, 1080), (1080, 1920), (540, 960), (3840, 2160)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
HEADLINES = {
    "de": "Amtliche UNWETTERWARNUNG vor ORKANBÖEN und Sturmflut — Entwarnung nicht vor Sonntagabend",
    "en": "Official SEVERE WEATHER WARNING of HURRICANE-FORCE GUSTS and storm surge — "
    "no all-clear before Sunday evening",
    "ls": "Große Gefahr durch Sturm und Hoch·wasser an der Küste. "
    "Die Gefahr ist erst am Sonntag·abend vorbei.",
}
INSTRUCTIONS = {
    "de": "Bleiben Sie in Gebäuden und meiden Sie die Kaikante, Brücken, Uferwege und die Warnemünder "
    "Mole. Schließen Sie Fenster und Türen, sichern Sie Gegenstände im Freien. Achten Sie auf "
    "herabfallende Äste, Dachziegel und Bauzäune. Fahren Sie nicht mit dem Auto in überflutete "
    "Straßen und Unterführungen. Informieren Sie sich über Radio, Warn-App NINA und rostock.de. "
    "Folgen Sie den Anweisungen der Einsatzkräfte von Feuerwehr, Polizei und Katastrophenschutz.",
    "en": "Stay indoors and keep away from the quay edge, bridges, riverside paths and the Warnemünde "
    "pier. Close windows and doors and secure objects outdoors. Watch out for falling branches, roof "
    "tiles and construction fences. Do not drive into flooded streets or underpasses. Follow the "
    "radio, the NINA warning app and rostock.de, and the instructions of the emergency services.",
    "ls": "Bleiben Sie im Haus. Gehen Sie nicht an das Wasser. Gehen Sie nicht auf Brücken. Machen Sie "
    "Fenster und Türen zu. Äste und Dach·ziegel können herunter·fallen. Fahren Sie nicht mit dem "
    "Auto durch Wasser auf der Straße. Hören Sie Radio. Oder lesen Sie die Warn-App NINA. Machen Sie, "
    "was Feuer·wehr und Polizei sagen.",
}
# German compounds no line can break: the headline gets a smaller size instead
COMPOUNDS = (
    "Amtliche WARNUNG: Hochwasserschutzanlagen und Katastrophenschutzbehörden in Alarmbereitschaft — "
    "Niederschlagswahrscheinlichkeit 100 %, Sturmflutwarnstufe ROT"
)


def theme_look(scale: float = 1.0) -> Look:
    theme = load_content(bundled_root()).content.themes["rostock"].model
    return look_for(theme, scale)


LOOK = theme_look()


def hall_look(width: int, text_scale: float = 1.0) -> Look:
    """The sports hall's look (7 m, 0.63 mm at 1920 px) for a window ``width`` pixels wide."""
    return replace(LOOK, viewing_distance_m=7.0, pixel_pitch_mm=0.63 * 1920 / width, text_scale=text_scale)


def warning(
    language: str, headline: str | None = None, others: int = 0, instruction: str | None = None
) -> list[ActiveAlert]:
    """The NINA warning with its texts in ``language`` (and ``others`` more warnings behind it)."""
    alert = nina_alerts(HEADLINES["de"], INSTRUCTIONS["de"])[0]
    alert = replace(
        alert,
        headline={**alert.headline, language: headline or HEADLINES[language]},
        instruction={**alert.instruction, language: instruction or INSTRUCTIONS[language]},
    )
    return [alert] + [replace(alert, id=f"{alert.id}-{n}") for n in range(others)]


def host(qtbot, size: tuple[int, int]) -> QWidget:
    """A top-level window as the kiosk's main window (kept alive until the test ends)."""
    window = QWidget()
    window.resize(*size)
    qtbot.addWidget(window)
    WINDOWS.append(window)
    window.show()
    qtbot.waitExposed(window)
    return window


WINDOWS: list[QWidget] = []


@pytest.fixture(autouse=True)
def _windows() -> Iterator[None]:
    yield
    WINDOWS.clear()


def show(qtbot, size: tuple[int, int], look: Look, alerts: list[ActiveAlert], language: str) -> AlertOverlay:
    window = host(qtbot, size)
    overlay = AlertOverlay(look, language, TZ, window)
    overlay.show_alerts(alerts)
    qtbot.waitUntil(lambda: overlay.isVisible() and overlay.headline.height() > 0)
    return overlay


def check(overlay: AlertOverlay, shot: Path) -> None:
    window = overlay.parentWidget()
    assert overlay.geometry() == window.rect()
    problems = fit_problems([*shown(overlay), overlay.sign], window, shot=shot)
    assert not problems, "\n".join(problems)
    sizes = {role: label.font().pixelSize() for role, label in overlay.roles.items()}
    # the severity word and the headline are the biggest things, the fine print the smallest
    assert min(sizes["severity"], sizes["headline"]) >= sizes["instruction"] >= sizes["meta"], sizes
    assert overlay.severity.text() == overlay.full["severity"]
    if overlay.instruction.text() != overlay.full["instruction"]:
        # cut only as the last resort: at the smallest readable sizes, after a word, with an ellipsis
        assert overlay.instruction.font().pixelSize() == max(11, round(overlay.floors[1])), sizes
        assert overlay.instruction.text().endswith("…")
        assert overlay.full["instruction"].startswith(overlay.instruction.text()[:-1])


@pytest.mark.parametrize("language", ["de", "en", "ls"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_overlay_fits_every_window_in_every_language(qtbot, tmp_path, size, language) -> None:
    overlay = show(qtbot, size, LOOK, warning(language, others=2), language)
    check(overlay, tmp_path / "overlay.png")
    # a real headline is shown whole: at any of these sizes only the instruction may be cut
    assert overlay.headline.text() == HEADLINES[language]
    assert overlay.more.isVisible() and overlay.more.text().startswith("+ 2")


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_overlay_fits_at_the_halls_viewing_distance_and_in_large_text(qtbot, tmp_path, size) -> None:
    far = show(qtbot, size, hall_look(size[0]), warning("de"), "de")
    check(far, tmp_path / "far.png")
    assert far.headline.text() == HEADLINES["de"]
    large = show(qtbot, size, hall_look(size[0], text_scale=1.6), warning("de"), "de")
    check(large, tmp_path / "large.png")


def test_the_type_is_sized_from_the_window_not_from_the_layout_scale(qtbot) -> None:
    sizes = []
    for size in [(640, 360), (1280, 720), (1920, 1080), (3840, 2160)]:
        px = {
            show(qtbot, size, theme_look(scale), warning("de", "Sturmflut"), "de").headline.font().pixelSize()
            for scale in (0.33, 1.0, 2.0)  # a layout's reference canvas may be any size
        }
        assert len(px) == 1, f"{size}: the headline size depends on the layout's scale: {px}"
        sizes.append(px.pop())
    assert sizes == sorted(set(sizes)), f"the headline does not grow with the window: {sizes}"
    assert sizes[2] >= 80  # read across a room: a cap height of ≥ 58 px on a 1920 × 1080 screen


def test_viewing_distance_makes_the_type_bigger(qtbot) -> None:
    short = warning("de", "Sturmflut", instruction="Meiden Sie die Kaikante.")
    near = show(qtbot, (1920, 1080), LOOK, short, "de")
    far = show(qtbot, (1920, 1080), hall_look(1920), short, "de")
    # 0.7° at 7 m on a 0.63 mm pitch: a cap height of 136 px, about 186 px of DejaVu Sans Bold
    assert far.headline.font().pixelSize() > near.headline.font().pixelSize()
    assert far.headline.font().pixelSize() >= 180
    assert far.meta.font().pixelSize() >= 50  # DIN 4844: letters of 7 m / 300 = 23 mm = 37 px cap height


@pytest.mark.parametrize("size", [(540, 960), (640, 360), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_compounds_that_cannot_wrap_get_a_smaller_size(qtbot, tmp_path, size) -> None:
    plain = show(qtbot, size, LOOK, warning("de", "Sturmflut an der Küste"), "de")
    long = show(qtbot, size, LOOK, warning("de", COMPOUNDS), "de")
    check(long, tmp_path / "compounds.png")
    assert long.headline.text() == COMPOUNDS  # whole, and not broken inside a word (no break inserted)
    assert long.headline.font().pixelSize() < plain.headline.font().pixelSize()


def test_a_word_too_wide_for_any_readable_size_is_broken_not_cut_off(qtbot, tmp_path) -> None:
    overlay = show(qtbot, (640, 360), LOOK, warning("de", "W" * 150), "de")
    check(overlay, tmp_path / "unbroken.png")
    assert overlay.headline.text().replace("\u200b", "") == "W" * 150


def test_overlay_fits_again_when_the_window_changes(qtbot, tmp_path) -> None:
    overlay = show(qtbot, (1920, 1080), LOOK, warning("de"), "de")
    big = overlay.headline.font().pixelSize()
    window = overlay.parentWidget()
    for size in [(640, 360), (1080, 1920), (1280, 720)]:
        window.resize(*size)
        overlay.setGeometry(window.rect())  # as MainWindow.arrange_layers does on a resize
        qtbot.waitUntil(lambda: overlay.headline.geometry().bottom() < window.height())
        check(overlay, tmp_path / f"resized-{size[0]}.png")
    assert overlay.headline.font().pixelSize() < big


@pytest.mark.parametrize("size", [(540, 960), (640, 360), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_warning_banner_wraps_and_grows_instead_of_clipping(qtbot, tmp_path, size) -> None:
    window = host(qtbot, size)
    banner = AlertBanner(theme_look(size[0] / 1080), "de", window)
    banner.show_alerts(nina_alerts(COMPOUNDS + " " + HEADLINES["de"], severity="Moderate"))
    qtbot.waitUntil(lambda: banner.isVisible() and banner.text.height() > 0)
    assert banner.geometry().width() == window.width() and banner.y() == 0
    problems = fit_problems(shown(banner), window, banner.geometry(), shot=tmp_path / "banner.png")
    assert not problems, "\n".join(problems)
    assert banner.height() <= window.height() * AlertBanner.MAX_SHARE


def test_an_overlay_shown_before_its_window_has_a_size_fits_once_it_has_one(qtbot, tmp_path) -> None:
    window = host(qtbot, (640, 360))
    tiny = QWidget(window)  # a child not yet laid out: 100 × 30 px
    tiny.show()
    overlay = AlertOverlay(LOOK, "de", TZ, tiny)
    overlay.show_alerts(warning("de"))  # nothing fits there; it must not fail
    assert overlay.isVisible() and overlay.size() == tiny.size()
    tiny.setGeometry(window.rect())
    overlay.setGeometry(tiny.rect())
    check(overlay, tmp_path / "late.png")
    assert overlay.headline.text() == HEADLINES["de"]
