"""The scrim under text over a picture, worked by hand: WCAG luminance, blending and the bisection."""

from __future__ import annotations

import pytest
from PIL import Image

from kiosk.media.scrim import best_scrim, blend, picture_extremes, ratio, scrim_for, text_on

WHITE, BLACK = (255, 255, 255), (0, 0, 0)


def test_ratio_by_hand() -> None:
    assert ratio(WHITE, BLACK) == pytest.approx(21.0)
    # #777777: channel 119/255 = 0.4667 → ((0.4667+0.055)/1.055)^2.4 = 0.1845; (1.05)/(0.2345) = 4.48
    assert ratio(WHITE, (119, 119, 119)) == pytest.approx(4.48, abs=0.01)


def test_no_scrim_when_the_picture_is_dark_enough() -> None:
    made = scrim_for([(20, 30, 60)], WHITE, BLACK, 4.5)
    assert made.alpha == 0.0 and made.contrast > 4.5


def test_white_sky_under_white_text_needs_the_dark_scrim_that_makes_it_4_5() -> None:
    # white under white text: black at alpha a gives grey 255·(1−a); 4.5:1 needs luminance ≤ 0.1833,
    # i.e. sRGB 118.4 → a = 1 − 118.4/255 = 0.536
    made = scrim_for([WHITE], WHITE, BLACK, 4.5)
    assert made.alpha == pytest.approx(0.536, abs=0.002)
    assert made.contrast >= 4.5
    assert ratio(WHITE, blend(WHITE, BLACK, made.alpha - 0.01)) < 4.5  # and no stronger than needed


def test_the_worst_pixel_decides_and_the_lighter_scrim_wins_on_a_bright_picture() -> None:
    pixels = [(250, 250, 240)] * 50 + [(200, 210, 230)] * 50  # a pale sky
    made = best_scrim(pixels, WHITE, (26, 26, 26), 4.5)
    assert made.color == WHITE and made.text == (26, 26, 26)  # dark text on a light wash
    assert min(ratio(made.text, blend(p, made.color, made.alpha)) for p in pixels) >= 4.5
    dark = best_scrim([(10, 20, 40), (60, 60, 90)], WHITE, (26, 26, 26), 4.5)
    assert dark.color == BLACK and dark.text == WHITE and dark.alpha == 0.0


def test_extremes_of_a_picture_bound_every_pixel_under_the_box() -> None:
    img = Image.new("RGB", (400, 300), (40, 60, 120))
    img.putpixel((201, 151), (255, 255, 255))  # one white pixel in the box: it must not be averaged away
    img.putpixel((10, 10), (0, 0, 0))  # outside the box: ignored
    found = picture_extremes(img, (100, 100, 300, 200))
    assert (255, 255, 255) in found
    assert min(sum(p) for p in found) == 40 + 60 + 120


def test_gradient_text_colour_is_the_one_that_reads_on_both_ends() -> None:
    colour, contrast = text_on(("#003d7c", "#001f3f"), ("#1a1a1a", "#ffffff"))
    assert colour == "#ffffff" and contrast == pytest.approx(ratio(WHITE, (0, 61, 124)), abs=1e-9)
    _, weak = text_on(("#000000", "#ffffff"), ("#1a1a1a", "#ffffff"))
    assert weak < 1.3
