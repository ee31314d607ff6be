"""What the text of a text slide stands on in each mode (``text_ground``: one rule for the widget and the
validator), and that ``kiosk validate`` checks the text on it in every mode the slide can be shown in."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config.composed import check_composed
from kiosk.config.loader import ContentSet, load_content
from kiosk.config.models.slides import TextSlide, text_ground
from kiosk.ui.theme import FALLBACK

BODY = {"de": "Schön, dass Sie da sind."}
PALETTE = FALLBACK  # the look of a broken theme file: a contrast-checked palette of white on blue
HIGH = PALETTE.model_copy(update={"background": "#000000", "accent": "#ffff00", "accent_text": "#000000"})


def text_slide(background: object, layout: str = "text-over-picture") -> TextSlide:
    return TextSlide.model_validate(
        {"type": "text", "body": BODY, "background": background, "layout": layout}
    )


@pytest.mark.parametrize(
    ("background", "layout", "normal"),
    [
        ({"gradient": ["accent", "#001020"]}, "text-over-picture", ("gradient", ("#ffffff", "#001020"))),
        ("#5a1e00", "text-over-picture", ("colour", ("#5a1e00",))),
        ({"image": "images/hafen.png"}, "text-over-picture", ("picture", ())),
        ({"image": "images/hafen.png"}, "picture-beside-text", ("colour", ("#003d7c",))),
    ],
)
def test_high_contrast_puts_the_text_on_the_plain_background(
    background: object, layout: str, normal: tuple[str, tuple[str, ...]]
) -> None:
    slide = text_slide(background, layout)
    ground = text_ground(slide, PALETTE)
    assert (ground.kind, ground.colours) == normal
    # in high contrast: the palette's plain background under the palette's text, whatever the slide says
    high = text_ground(slide, HIGH, high_contrast=True)
    assert (high.kind, high.colours, high.texts) == ("colour", ("#000000",), ("#ffffff",))


def with_slide(content: ContentSet, background: object) -> ContentSet:
    entry = content.slides["willkommen"]
    model = entry.model.model_copy(update={"background": text_slide(background).background})
    return replace(content, slides={"willkommen": replace(entry, model=model)})


def with_high_contrast(content: ContentSet, **colours: str) -> ContentSet:
    """The theme with other high-contrast colours, unchecked (a theme file with them does not load: the
    validator must still hold if the rule of what is drawn in high contrast ever changes)."""
    entry = content.themes["rostock"]
    high = entry.model.high_contrast.model_copy(update=colours)
    return replace(
        content,
        themes={"rostock": replace(entry, model=entry.model.model_copy(update={"high_contrast": high}))},
    )


def messages(content: ContentSet) -> list[str]:
    return [issue.message for issue in check_composed(content) if issue.severity == "error"]


def test_every_mode_is_checked_on_what_it_draws(minipack: Path) -> None:
    content = load_content(minipack).content
    good = with_slide(content, {"gradient": ["#003d7c", "#001020"]})
    assert messages(good) == []
    # a gradient that reads in the normal palette: in high contrast it is not drawn, the plain
    # background is, and its contrast with the text is what counts there
    weak = with_high_contrast(good, background="#666666")  # white on it: 5.7:1
    (message,) = messages(weak)
    assert message.startswith("in high contrast the text of this slide has a contrast of 5.74:1")
    assert "below 7.0:1" in message
    german = next(iter(check_composed(weak))).format("de")
    assert "im hohen Kontrast" in german and "high_contrast-Farben des Farbschemas" in german, german
    over_picture = with_high_contrast(
        with_slide(content, {"image": "images/hafen.png"}), background="#666666"
    )
    assert any("in high contrast" in m for m in messages(over_picture))  # the picture is not drawn there


def test_a_slide_colour_is_checked_with_the_theme_text(minipack: Path) -> None:
    content = load_content(minipack).content
    assert messages(with_slide(content, "#5a1e00")) == []  # white on dark brown: 12:1
    (message,) = messages(with_slide(content, "#ffd400"))  # white on signal yellow
    assert message.startswith("the text on this background colour has a contrast of 1.4")
    assert "below 4.5:1" in message
