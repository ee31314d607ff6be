"""Checks of the composed look: the theme's font files, and composed text slides (the background
picture exists, is big enough and, with a fixed scrim, leaves the text legible; a gradient's colours or
the slide's own colour give the text its contrast in every theme of the pack, in each mode the slide
can be shown in: normal and high contrast, on the ground the device draws there, ``text_ground``).

The contrast is computed as on the device (``kiosk.media.scrim``), from the picture's own pixels. The
box the text will cover depends on the zone, so the whole picture is taken: what passes here passes
wherever the text lands."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image, ImageFont

from kiosk.config.issues import Issue, Severity
from kiosk.config.loader import ContentSet, Entry
from kiosk.config.models.slides import BackgroundPicture, TextSlide, text_ground
from kiosk.media.images import ImageError, load_picture
from kiosk.media.scrim import parse_hex, picture_extremes, scrim_for, text_on

TARGET = 4.5  # WCAG 1.4.3 for body text: composed slides carry body text
HIGH_TARGET = 7.0  # WCAG 1.4.6: the text pairs of a theme's high-contrast palette (models.theme)
MODES = (("normal", False, TARGET), ("high_contrast", True, HIGH_TARGET))  # palette, high contrast, target
MIN_SHORT_SIDE = 720  # pixels: smaller pictures look soft once scaled to a signage zone
LIGHT_TEXT = "#ffffff"
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


def _issue(
    entry: Entry[Any],
    path: tuple[str | int, ...],
    message: str,
    hint: str = "",
    severity: Severity = "error",
    code: str = "contrast",
) -> Issue:
    return entry.issue(path, message, hint, severity, code)


def _dark_text(c: ContentSet) -> list[tuple[str, str]]:
    """(theme, its text colour) for every theme of the pack; the shipped default without one."""
    return [(name, t.model.normal.text) for name, t in sorted(c.themes.items())] or [("", "#1a1a1a")]


def _picture(c: ContentSet, entry: Entry[Any], bg: BackgroundPicture) -> Iterator[Issue]:
    target = c.content_dir / bg.image
    if not target.is_file() or target.suffix.lower() not in PICTURE_SUFFIXES:
        return  # the reference check reports a missing file or a wrong type
    try:
        img = load_picture(target)
    except ImageError as exc:
        yield _issue(entry, ("background", "image"), f"the picture cannot be read: {exc}", code="file")
        return
    if min(img.size) < MIN_SHORT_SIDE:
        yield _issue(
            entry,
            ("background", "image"),
            f"the picture is only {img.width}×{img.height} pixels: it looks soft on a signage zone",
            f"use one at least {MIN_SHORT_SIDE} pixels on its shorter side",
            severity="warning",
            code="file",
        )
    if bg.scrim is None:
        return  # computed on the device for the real text box: legible by construction
    worst = picture_extremes(img, (0, 0, img.width, img.height))
    for _theme, dark in _dark_text(c):
        on_dark = scrim_for(worst, parse_hex(LIGHT_TEXT), (0, 0, 0), TARGET)
        on_light = scrim_for(worst, parse_hex(dark), (255, 255, 255), TARGET)
        needed = min(on_dark.alpha, on_light.alpha)
        if needed > bg.scrim:
            yield _issue(
                entry,
                ("background", "scrim"),
                f"with scrim {bg.scrim:g} the text reaches too little contrast over the lightest and "
                f"darkest parts of the picture (needs {TARGET}:1)",
                f"raise scrim to {min(0.9, needed + 0.005):.2f} or leave it empty (computed on the device)",
            )
            return


def _grounds(c: ContentSet, entry: Entry[Any], slide: TextSlide) -> Iterator[Issue]:
    """The text on the gradient or colour it stands on, as drawn in each theme and mode; over a picture
    its pixels decide (``_picture``)."""
    for name, theme in sorted(c.themes.items()):
        for mode, high, target in MODES:
            ground = text_ground(slide, getattr(theme.model, mode), high)
            if ground.kind == "picture":
                continue
            _, contrast = text_on(ground.colours, ground.texts)
            if contrast >= target:
                continue
            if high:
                yield _issue(
                    entry,
                    ("background",),
                    f"in high contrast the text of this slide has a contrast of {contrast:.2f}:1 on the "
                    f"plain background of theme {name}, below {target}:1",
                    "raise the contrast of text and background in the theme's high_contrast colours",
                )
            elif ground.kind == "gradient":
                yield _issue(
                    entry,
                    ("background", "gradient"),
                    f"the text on this gradient has a contrast of {contrast:.2f}:1 at its weaker end in "
                    f"theme {name}, below {target}:1",
                    "take two dark or two light colours, so the text colour reads on both",
                )
            else:
                yield _issue(
                    entry,
                    ("background",),
                    f"the text on this background colour has a contrast of {contrast:.2f}:1 in theme "
                    f"{name}, below {target}:1",
                    f"take a colour on which the theme's text colour {ground.texts[0]} reads, or leave "
                    "background empty",
                )
            return  # one problem per slide: the same fix serves every theme


def _transparent(path: Path) -> bool:
    """Whether a picture has any pixel that is not fully opaque (an unreadable one: the loader says so)."""
    try:
        with Image.open(path) as img:
            if img.mode not in ("RGBA", "LA", "PA") and "transparency" not in img.info:
                return False
            least = img.convert("RGBA").getchannel("A").getextrema()[0]
            return isinstance(least, int) and least < 255
    except (OSError, ValueError, Image.DecompressionBombError):
        return True


def _fonts(c: ContentSet) -> Iterator[Issue]:
    """Each theme's font files exist and are fonts, one of them is the family the theme names, and the
    brand mark is a PNG that exists."""
    for entry in c.themes.values():
        theme = entry.model
        families: set[str] = set()
        for i, rel in enumerate(theme.font_files):
            target = c.content_dir / rel
            if not target.is_file():
                yield _issue(entry, ("font_files", i), f"file content/{rel} does not exist", code="file")
                continue
            try:
                family = ImageFont.truetype(str(target), 10).getname()[0]
                families.add(family or rel)
            except OSError:
                yield _issue(entry, ("font_files", i), f"'{rel}' is not a font file", code="file")
        mark = theme.brand.mark
        if mark is not None and not (c.content_dir / mark).is_file():
            yield _issue(entry, ("brand", "mark"), f"file content/{mark} does not exist", code="file")
        elif mark is not None and not mark.lower().endswith(".png"):
            yield _issue(
                entry,
                ("brand", "mark"),
                f"'{mark}' has an unsupported file type",
                "allowed: .png",
                code="file",
            )
        elif mark is not None and not _transparent(c.content_dir / mark):
            yield _issue(
                entry,
                ("brand", "mark"),
                f"'{mark}' is opaque: the header shows a solid square",
                "save the mark as a PNG with transparency",
                code="file",
            )
        if families and theme.font_family not in families:
            yield _issue(
                entry,
                ("font_family",),
                f"font_family '{theme.font_family}' is not in font_files ({', '.join(sorted(families))})",
                "write the family name of the files",
                code="file",
            )


def check_composed(c: ContentSet) -> Iterator[Issue]:
    yield from _fonts(c)
    for entry in c.slides.values():
        slide = entry.model
        if not isinstance(slide, TextSlide):
            continue
        if isinstance(slide.background, BackgroundPicture):
            yield from _picture(c, entry, slide.background)
        if slide.background is not None:  # without one the theme's own pairs hold (models.theme)
            yield from _grounds(c, entry, slide)
