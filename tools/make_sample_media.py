#!/usr/bin/env python3
"""Draw the pictures, tile icons and the short harbour video of the sample content pack.

    .venv/bin/python tools/make_sample_media.py [--root /path/to/repo] [--no-video]

Writes
  content/images/*.png          slide and page pictures (1920x1080 or 1080x1080)
  content/images/icons/*.png    256x256 tile icons of the top-level touch pages
  content/videos/hafen-loop.mp4 an 8-second muted loop of the Stadthafen (only if ffmpeg is on PATH)

Everything is drawn with Pillow from shapes; no photos, no downloads. The script is deterministic
(fixed random seeds, no time stamps in the files) and safe to re-run: it overwrites its own output.
Shapes are drawn at twice the size and scaled down, which smooths their edges.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)

Color = tuple[int, int, int]
RGBA = tuple[int, int, int, int]
Point = tuple[float, float]

ROSTOCK_BLUE: Color = (0, 61, 124)
DEEP_BLUE: Color = (0, 38, 84)
WHITE: Color = (255, 255, 255)
INK: Color = (26, 26, 26)
SIGNAL_YELLOW: Color = (255, 213, 79)
BRICK: Color = (158, 62, 44)


# --- drawing helpers --------------------------------------------------------------------------


def _font_path(bold: bool, italic: bool = False) -> str | None:
    name = (
        "DejaVuSans"
        + ("-Bold" if bold else "")
        + ("Oblique" if italic and bold else "-Oblique" if italic else "")
        + ".ttf"
    )
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return str(folder / name)
    return None


_FONTS: dict[tuple[int, bool, bool], ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}


def font(size: int, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    key = (size, bold, italic)
    if key not in _FONTS:
        path = _font_path(bold, italic)
        _FONTS[key] = ImageFont.truetype(path, size) if path else ImageFont.load_default(size)
    return _FONTS[key]


def mix(a: Sequence[int], b: Sequence[int], t: float) -> Color:
    t = min(1.0, max(0.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


class Pen:
    """A canvas in design units: coordinates are scaled by ``k`` and drawn ``ss`` times larger.

    ``finish()`` scales the drawing down to ``size`` (the supersampling smooths edges).
    """

    def __init__(
        self, size: tuple[int, int], design_width: float | None = None, ss: int = 2, background: Color = WHITE
    ) -> None:
        self.size = size
        self.ss = ss
        self.k = size[0] / (design_width or size[0]) * ss
        self.img = Image.new("RGB", (size[0] * ss, size[1] * ss), background)
        self.d = ImageDraw.Draw(self.img)

    # coordinates
    def p(self, v: float) -> int:
        return round(v * self.k)

    def pts(self, points: Sequence[Point]) -> list[tuple[int, int]]:
        return [(self.p(x), self.p(y)) for x, y in points]

    def box(self, b: Sequence[float]) -> tuple[int, int, int, int]:
        return (self.p(b[0]), self.p(b[1]), self.p(b[2]), self.p(b[3]))

    # shapes
    def poly(
        self, points: Sequence[Point], fill: Color | None, outline: Color | None = None, width: float = 0
    ) -> None:
        line_width = max(0, self.p(width)) if outline else 0
        self.d.polygon(self.pts(points), fill=fill, outline=outline, width=line_width)

    def rect(
        self,
        b: Sequence[float],
        fill: Color | None,
        radius: float = 0,
        outline: Color | None = None,
        width: float = 0,
    ) -> None:
        if radius:
            self.d.rounded_rectangle(
                self.box(b),
                radius=self.p(radius),
                fill=fill,
                outline=outline,
                width=max(1, self.p(width)) if outline else 0,
            )
        else:
            line_width = max(1, self.p(width)) if outline else 0
            self.d.rectangle(self.box(b), fill=fill, outline=outline, width=line_width)

    def ellipse(
        self, b: Sequence[float], fill: Color | None, outline: Color | None = None, width: float = 0
    ) -> None:
        self.d.ellipse(self.box(b), fill=fill, outline=outline, width=max(1, self.p(width)) if outline else 0)

    def circle(
        self, c: Point, r: float, fill: Color | None, outline: Color | None = None, width: float = 0
    ) -> None:
        self.ellipse((c[0] - r, c[1] - r, c[0] + r, c[1] + r), fill, outline, width)

    def line(self, points: Sequence[Point], fill: Color, width: float, round_caps: bool = True) -> None:
        w = max(1, self.p(width))
        self.d.line(self.pts(points), fill=fill, width=w, joint="curve")
        if round_caps and w > 2:
            for x, y in (points[0], points[-1]):
                cx, cy = self.p(x), self.p(y)
                self.d.ellipse((cx - w / 2, cy - w / 2, cx + w / 2, cy + w / 2), fill=fill)

    def arc(self, b: Sequence[float], start: float, end: float, fill: Color, width: float) -> None:
        self.d.arc(self.box(b), start, end, fill=fill, width=max(1, self.p(width)))

    def text(
        self,
        xy: Point,
        text: str,
        size: float,
        fill: Color,
        bold: bool = False,
        anchor: str = "la",
        italic: bool = False,
    ) -> None:
        self.d.text(
            (self.p(xy[0]), self.p(xy[1])),
            text,
            font=font(self.p(size), bold, italic),
            fill=fill,
            anchor=anchor,
        )

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        left, _, right, _ = self.d.textbbox((0, 0), text, font=font(self.p(size), bold))
        return (right - left) / self.k

    # fills
    def vgradient(self, b: Sequence[float], stops: Sequence[tuple[float, Color]]) -> None:
        """Vertical gradient through colour stops (position 0..1, colour) inside box ``b``."""
        x0, y0, x1, y1 = self.box(b)
        h = max(1, y1 - y0)
        column = Image.new("RGB", (1, h))
        px = column.load()
        assert px is not None
        for y in range(h):
            t = y / max(1, h - 1)
            for (p0, c0), (p1, c1) in itertools.pairwise(stops):
                if p0 <= t <= p1:
                    px[0, y] = mix(c0, c1, (t - p0) / max(1e-9, p1 - p0))
                    break
            else:
                px[0, y] = stops[-1][1] if t > stops[-1][0] else stops[0][1]
        self.img.paste(column.resize((max(1, x1 - x0), h), Image.Resampling.NEAREST), (x0, y0))

    def translucent(self, draw: Callable[[ImageDraw.ImageDraw, Pen], None]) -> None:
        """Draw with alpha on a transparent layer and blend it onto the picture."""
        layer = Image.new("RGBA", self.img.size, (0, 0, 0, 0))
        draw(ImageDraw.Draw(layer), self)
        base = self.img.convert("RGBA")
        base.alpha_composite(layer)
        self.img = base.convert("RGB")
        self.d = ImageDraw.Draw(self.img)

    def glow(self, c: Point, r: float, color: Color, strength: int = 90, rings: int = 14) -> None:
        def draw(d: ImageDraw.ImageDraw, pen: Pen) -> None:
            for i in range(rings, 0, -1):
                rr = r * (1 + i * 0.25)
                a = round(strength * (1 - i / (rings + 1)) ** 2 / 3)
                d.ellipse(pen.box((c[0] - rr, c[1] - rr, c[0] + rr, c[1] + rr)), fill=(*color, a))

        self.translucent(draw)

    def finish(self) -> Image.Image:
        if self.ss == 1:
            return self.img.copy()
        return self.img.resize(self.size, Image.Resampling.LANCZOS)


def save_png(img: Image.Image, path: Path, colors: int = 0) -> None:
    """Save a PNG without metadata; ``colors`` > 0 stores it as a palette image (much smaller)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if colors:
        img = img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG)
    img.save(path, format="PNG", optimize=True)
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


# --- shared scene parts -----------------------------------------------------------------------


def clouds(
    pen: Pen, rng: random.Random, n: int, area: tuple[float, float, float, float], alpha: int = 150
) -> None:
    specs = []
    for _ in range(n):
        cx = rng.uniform(area[0], area[2])
        cy = rng.uniform(area[1], area[3])
        w = rng.uniform(160, 320)
        specs.append((cx, cy, w))

    def draw(d: ImageDraw.ImageDraw, p: Pen) -> None:
        for cx, cy, w in specs:
            for j in range(5):
                ox = (j - 2) * w * 0.22
                rr = w * (0.22 if j in (0, 4) else 0.3 if j in (1, 3) else 0.36)
                d.ellipse(
                    p.box((cx + ox - rr, cy - rr * 0.7, cx + ox + rr, cy + rr * 0.45)),
                    fill=(255, 255, 255, alpha),
                )

    pen.translucent(draw)


def gull(pen: Pen, c: Point, span: float, color: Color = (40, 48, 60), flap: float = 0.0) -> None:
    lift = span * (0.18 + 0.12 * flap)
    for side in (-1, 1):
        tip = (c[0] + side * span, c[1] - lift)
        wing = [tip, (c[0] + side * span * 0.45, c[1] - lift * 1.3), (c[0], c[1])]
        pen.line(wing, color, span * 0.09)


def stepped_gable(
    pen: Pen,
    x: float,
    base: float,
    w: float,
    h: float,
    roof: float,
    fill: Color,
    window: Color,
    steps: int = 4,
) -> None:
    """A brick-gothic house front with a stepped gable (Backsteingotik, as along the Stadthafen)."""
    pen.rect((x, base - h, x + w, base), fill)
    step_w = w / (2 * steps + 1)
    step_h = roof / steps
    for i in range(steps):
        top = base - h - (i + 1) * step_h
        pen.rect((x + i * step_w, top, x + w - i * step_w, top + step_h + 1), fill)
    top = base - h - roof
    pen.rect((x + steps * step_w, top - step_h * 0.6, x + w - steps * step_w, top + 1), fill)
    rows = max(2, int(h // 55))
    cols = max(2, int(w // 40))
    for r in range(rows):
        for c in range(cols):
            wx = x + (c + 0.5) * w / cols - 7
            wy = base - h + 22 + r * (h - 40) / rows
            pen.rect((wx, wy, wx + 14, wy + 24), window)
    # a round window in the gable
    pen.circle((x + w / 2, base - h - roof * 0.45), min(w, roof) * 0.09, window)


def harbour_crane(
    pen: Pen, x: float, base: float, color: Color, boom_angle: float, scale: float = 1.0
) -> None:
    s = scale
    leg = 150 * s
    pen.line([(x - 40 * s, base), (x - 10 * s, base - leg)], color, 9 * s)
    pen.line([(x + 40 * s, base), (x + 10 * s, base - leg)], color, 9 * s)
    pen.line([(x - 30 * s, base - leg * 0.5), (x + 30 * s, base - leg * 0.5)], color, 6 * s)
    pen.rect((x - 32 * s, base - leg - 70 * s, x + 32 * s, base - leg), color)
    pen.rect((x - 22 * s, base - leg - 58 * s, x + 4 * s, base - leg - 36 * s), (230, 235, 240))
    pivot = (x + 20 * s, base - leg - 50 * s)
    length = 260 * s
    angle = math.radians(boom_angle)
    tip = (pivot[0] + length * math.cos(angle), pivot[1] - length * math.sin(angle))
    pen.line([pivot, tip], color, 10 * s)
    pen.line([(x - 10 * s, base - leg - 70 * s), (x, base - leg - 110 * s), tip], color, 3 * s)
    pen.line([tip, (tip[0], tip[1] + 120 * s)], (60, 60, 60), 2 * s)
    pen.rect((tip[0] - 8 * s, tip[1] + 120 * s, tip[0] + 8 * s, tip[1] + 132 * s), (60, 60, 60))


def tall_ship(
    pen: Pen,
    x: float,
    water: float,
    length: float,
    sails_set: bool,
    hull: Color = (34, 40, 52),
    stripe: Color = WHITE,
    sail: Color = (250, 246, 234),
    flag: Color = (0, 61, 124),
    bob: float = 0.0,
    masts: int = 3,
    flap: float = 0.0,
) -> None:
    """A square-rigged sailing ship; ``x`` is the bow at the left end, ``water`` the waterline."""
    y = water + bob
    L = length
    hull_h = L * 0.13
    pen.poly(
        [(x, y - hull_h), (x + L, y - hull_h * 1.15), (x + L * 0.93, y), (x + L * 0.08, y + hull_h * 0.15)],
        hull,
    )
    pen.poly(
        [
            (x + L * 0.015, y - hull_h * 0.72),
            (x + L * 0.985, y - hull_h * 0.85),
            (x + L * 0.975, y - hull_h * 0.65),
            (x + L * 0.03, y - hull_h * 0.52),
        ],
        stripe,
    )
    # gun-port squares on the stripe
    for i in range(10):
        px = x + L * (0.12 + i * 0.075)
        pen.rect((px, y - hull_h * 0.69, px + L * 0.02, y - hull_h * 0.59), hull)
    # bowsprit
    pen.line([(x + L * 0.02, y - hull_h), (x - L * 0.22, y - hull_h * 2.2)], hull, L * 0.012)
    mast_xs = [x + L * (0.22 + i * 0.56 / max(1, masts - 1)) for i in range(masts)]
    mast_h = [L * 0.95, L * 1.05, L * 0.85][:masts] if masts == 3 else [L * 0.95] * masts
    top_y = []
    for mx, mh in zip(mast_xs, mast_h, strict=True):
        top = y - hull_h - mh
        top_y.append(top)
        pen.line([(mx, y - hull_h), (mx, top)], (70, 52, 40), L * 0.012)
    # rigging
    pen.line([(x - L * 0.22, y - hull_h * 2.2), (mast_xs[0], top_y[0] + L * 0.05)], (90, 90, 90), L * 0.003)
    for (mx0, t0), (mx1, t1) in itertools.pairwise(zip(mast_xs, top_y, strict=True)):
        pen.line([(mx0, t0 + L * 0.05), (mx1, t1 + L * 0.05)], (90, 90, 90), L * 0.003)
    pen.line([(mast_xs[-1], top_y[-1] + L * 0.05), (x + L * 0.97, y - hull_h * 1.1)], (90, 90, 90), L * 0.003)
    for mx, mh, top in zip(mast_xs, mast_h, top_y, strict=True):
        tiers = 4
        for t in range(tiers):
            yy0 = top + mh * (0.12 + t * 0.2)
            yy1 = yy0 + mh * 0.17
            half0 = L * (0.09 + t * 0.018)
            half1 = L * (0.1 + t * 0.02)
            pen.line([(mx - half0 * 1.05, yy0), (mx + half0 * 1.05, yy0)], (70, 52, 40), L * 0.006)
            if sails_set:
                belly = L * 0.02 * (1 + 0.25 * math.sin(flap + t))
                pen.poly(
                    [
                        (mx - half0, yy0),
                        (mx + half0, yy0),
                        (mx + half1 + belly * 0.3, yy1),
                        (mx, yy1 + belly),
                        (mx - half1 - belly * 0.3, yy1),
                    ],
                    sail,
                )
                seam = mix(sail, (120, 110, 90), 0.3)
                pen.line([(mx - half1, yy1), (mx, yy1 + belly), (mx + half1, yy1)], seam, L * 0.003)
            else:
                pen.line([(mx - half0, yy0 + L * 0.008), (mx + half0, yy0 + L * 0.008)], sail, L * 0.014)
        # pennant
        wave = math.sin(flap) * L * 0.01
        pen.poly([(mx, top), (mx + L * 0.09, top + L * 0.012 + wave), (mx, top + L * 0.03)], flag)
    if sails_set:
        # jibs between bowsprit and fore mast
        pen.poly(
            [
                (x - L * 0.2, y - hull_h * 2.1),
                (mast_xs[0], top_y[0] + L * 0.12),
                (mast_xs[0] - L * 0.02, y - hull_h * 1.3),
            ],
            sail,
        )


def water(
    pen: Pen,
    top: float,
    bottom: float,
    width: float,
    rng: random.Random,
    light: Color,
    deep: Color,
    phase: float = 0.0,
    glints: Sequence[tuple[float, Color]] = (),
    count: int = 260,
) -> None:
    pen.vgradient((0, top, width, bottom), [(0.0, light), (1.0, deep)])
    for i in range(count):
        y = top + (bottom - top) * (rng.random() ** 1.6)
        depth = (y - top) / (bottom - top)
        x = rng.uniform(-50, width + 50) + math.sin(phase + i * 0.7) * (6 + 20 * depth)
        length = 20 + 120 * depth * rng.random()
        col = mix(light, WHITE, 0.35) if rng.random() < 0.6 else mix(deep, (0, 0, 0), 0.25)
        pen.line([(x, y), (x + length, y)], col, 1.5 + 3 * depth, round_caps=False)
    for gx, gcol in glints:
        for i in range(40):
            y = top + 8 + i * (bottom - top - 8) / 40
            spread = 30 + i * 4
            x = gx + math.sin(phase * 1.3 + i * 1.9) * spread * 0.5
            pen.line([(x - spread * 0.4, y), (x + spread * 0.4, y)], gcol, 2 + i * 0.08, round_caps=False)


# --- the Stadthafen ---------------------------------------------------------------------------

HARBOUR_WATER_TOP = 660


def harbour_background(pen: Pen) -> None:
    """Sky, clouds, the Altstadt skyline, cranes and quay of the Stadthafen (design size 1920x1080)."""
    rng = random.Random(1218)  # Rostock's town charter year
    pen.vgradient(
        (0, 0, 1920, HARBOUR_WATER_TOP),
        [(0.0, (52, 112, 186)), (0.55, (140, 182, 222)), (1.0, (250, 218, 176))],
    )
    pen.glow((1390, 250), 70, (255, 226, 160), strength=140)
    pen.circle((1390, 250), 62, (255, 240, 200))
    clouds(pen, rng, 6, (100, 80, 1800, 300))
    # distant churches: St. Marien (massive west tower), St. Petri (tall spire), St. Nikolai
    far = (92, 112, 146)
    pen.rect((560, 330, 640, 600), far)  # Marien tower
    pen.poly([(560, 330), (600, 290), (640, 330)], far)
    pen.rect((590, 262, 610, 292), far)
    pen.rect((640, 420, 860, 600), far)  # Marien nave
    pen.poly([(640, 420), (750, 360), (860, 420)], far)
    pen.rect((1230, 340, 1290, 600), far)  # Petri tower
    pen.poly([(1226, 340), (1260, 120), (1294, 340)], far)
    pen.rect((1290, 450, 1420, 600), far)
    pen.rect((1000, 400, 1050, 600), far)  # Nikolai
    pen.poly([(996, 400), (1025, 300), (1054, 400)], far)
    # a row of gabled houses and warehouses along the quay
    x = 0.0
    palette = [
        (176, 74, 52),
        (212, 170, 96),
        (150, 60, 48),
        (226, 206, 176),
        (112, 132, 150),
        (190, 98, 70),
        (232, 190, 120),
        (140, 72, 60),
    ]
    i = 0
    while x < 1920:
        w = rng.choice([110, 130, 150, 170])
        h = rng.choice([130, 150, 170, 190])
        roof = rng.choice([70, 90, 110])
        color = palette[i % len(palette)]
        stepped_gable(pen, x, 630, w - 6, h, roof, color, mix(color, (40, 40, 50), 0.55))
        x += w
        i += 1
    # quay wall
    pen.rect((0, 628, 1920, HARBOUR_WATER_TOP), (118, 118, 122))
    pen.rect((0, 628, 1920, 636), (150, 150, 154))
    harbour_crane(pen, 1600, 630, (162, 40, 36), 32, 1.1)
    harbour_crane(pen, 1840, 630, ROSTOCK_BLUE, 48, 0.9)


def harbour_foreground(pen: Pen) -> None:
    """The pier in front of the viewer with bollards and a rope."""
    pen.poly([(0, 1000), (1920, 985), (1920, 1080), (0, 1080)], (96, 92, 88))
    pen.poly([(0, 1000), (1920, 985), (1920, 996), (0, 1011)], (150, 146, 140))
    for bx in (330, 1500):
        pen.rect((bx - 28, 940, bx + 28, 1000), (40, 44, 50), radius=10)
        pen.ellipse((bx - 44, 924, bx + 44, 956), (52, 58, 66))
    pen.line([(330, 950), (600, 1010), (900, 1030), (1200, 1012), (1500, 950)], (196, 160, 100), 8)


def draw_harbour(
    pen: Pen,
    phase: float = 0.0,
    bob: float = 0.0,
    gulls: Sequence[tuple[Point, float]] | None = None,
    flap: float = 0.0,
    ferry_shift: float = 0.0,
) -> None:
    harbour_background(pen)
    water(
        pen,
        HARBOUR_WATER_TOP,
        1080,
        1920,
        random.Random(54),
        (70, 124, 176),
        (12, 46, 92),
        phase,
        glints=[(1390, (255, 228, 170))],
    )
    tall_ship(pen, 260, 800, 620, sails_set=False, bob=bob, flap=flap)
    # a small harbour ferry
    fx = 1120 + ferry_shift
    fy = 742 + bob * 0.6
    pen.poly([(fx, fy - 30), (fx + 230, fy - 30), (fx + 210, fy), (fx + 20, fy)], WHITE)
    pen.rect((fx + 40, fy - 70, fx + 180, fy - 30), (236, 240, 244))
    for wx in range(4):
        pen.rect((fx + 52 + wx * 32, fy - 62, fx + 74 + wx * 32, fy - 44), ROSTOCK_BLUE)
    pen.rect((fx, fy - 14, fx + 222, fy - 8), ROSTOCK_BLUE)
    for c, span in gulls if gulls is not None else [((900, 200), 26), ((980, 240), 18), ((300, 150), 22)]:
        gull(pen, c, span, flap=math.sin(flap * 2 + c[0]))
    harbour_foreground(pen)


def stadthafen(out: Path) -> None:
    pen = Pen((1920, 1080))
    draw_harbour(pen)
    save_png(pen.finish(), out / "stadthafen.png", colors=256)


# --- Hanse Sail -------------------------------------------------------------------------------


def hanse_sail(out: Path) -> None:
    rng = random.Random(2026)
    pen = Pen((1920, 1080))
    pen.vgradient((0, 0, 1920, 640), [(0.0, (28, 96, 176)), (1.0, (178, 214, 240))])
    clouds(pen, rng, 7, (0, 60, 1920, 360), alpha=170)
    # far coast with the Warnemünde lighthouse
    pen.poly(
        [(0, 640), (0, 600), (300, 590), (700, 604), (1100, 596), (1500, 606), (1920, 598), (1920, 640)],
        (118, 150, 126),
    )
    pen.rect((1820, 500, 1838, 600), (238, 238, 230))
    pen.rect((1816, 490, 1842, 502), (60, 70, 80))
    water(pen, 640, 1080, 1920, random.Random(7), (60, 132, 190), (6, 50, 100), 0.4, count=320)
    tall_ship(pen, 1000, 700, 260, sails_set=True, flag=(200, 30, 40), sail=(244, 236, 214))
    tall_ship(pen, 200, 820, 560, sails_set=True, flag=ROSTOCK_BLUE)
    tall_ship(pen, 1420, 900, 380, sails_set=True, hull=(120, 40, 36), flag=(240, 190, 40), masts=2)
    # small boats
    for bx, by, s in ((1260, 760, 1.0), (1020, 850, 0.8)):
        pen.poly([(bx, by), (bx + 90 * s, by), (bx + 75 * s, by + 18 * s), (bx + 12 * s, by + 18 * s)], WHITE)
        pen.poly([(bx + 40 * s, by - 6), (bx + 40 * s, by - 110 * s), (bx + 88 * s, by - 6)], (250, 250, 250))
        pen.poly([(bx + 36 * s, by - 6), (bx + 36 * s, by - 80 * s), (bx + 6 * s, by - 6)], (232, 96, 60))
    for c, span in (((700, 180), 30), ((780, 230), 20), ((1700, 140), 24)):
        gull(pen, c, span)
    # title banner
    subtitle = "6.–9. August · Stadthafen & Warnemünde"
    width = max(pen.text_width("Hanse Sail 2026", 84, True), pen.text_width(subtitle, 38)) + 100
    pen.rect((60, 850, 60 + width, 1040), ROSTOCK_BLUE, radius=28)
    pen.text((110, 880), "Hanse Sail 2026", 84, WHITE, bold=True)
    pen.text((112, 985), subtitle, 38, WHITE)
    save_png(pen.finish(), out / "hanse-sail.png", colors=256)


# --- Sporthalle Schmarl -----------------------------------------------------------------------


def sporthalle(out: Path) -> None:
    rng = random.Random(18106)
    pen = Pen((1920, 1080))
    pen.vgradient((0, 0, 1920, 760), [(0.0, (64, 140, 210)), (1.0, (206, 230, 246))])
    clouds(pen, rng, 5, (0, 60, 1920, 300))
    # prefabricated housing blocks of Schmarl in the background
    for bx, bw, bh, col in (
        (60, 360, 420, (222, 218, 206)),
        (470, 280, 330, (210, 206, 196)),
        (1300, 300, 380, (216, 212, 200)),
        (1640, 260, 300, (226, 222, 212)),
    ):
        pen.rect((bx, 760 - bh, bx + bw, 760), col)
        for r in range(int(bh // 38)):
            for c in range(int(bw // 44)):
                wx = bx + 14 + c * 44
                wy = 760 - bh + 16 + r * 38
                pen.rect((wx, wy, wx + 26, wy + 20), (120, 140, 160) if (r + c) % 5 else (250, 226, 150))
        pen.rect((bx, 760 - bh, bx + bw, 760 - bh + 10), mix(col, INK, 0.25))
    # lawn
    pen.vgradient((0, 760, 1920, 1080), [(0.0, (120, 170, 90)), (1.0, (78, 128, 60))])
    # the hall
    x0, x1, top, base = 300, 1620, 370, 840
    pen.poly([(x0 - 30, top), (x1 + 30, top), (x1 + 30, top + 24), (x0 - 30, top + 24)], (40, 46, 56))
    pen.rect((x0, top + 24, x1, base - 200), ROSTOCK_BLUE)
    for vx in range(x0 + 40, x1, 80):
        pen.line([(vx, top + 30), (vx, base - 206)], mix(ROSTOCK_BLUE, WHITE, 0.15), 3, round_caps=False)
    pen.rect((x0 + 80, top + 70, x0 + 920, top + 170), mix(ROSTOCK_BLUE, DEEP_BLUE, 0.5), radius=8)
    pen.text((x0 + 500, top + 120), "SPORTHALLE SCHMARL", 66, WHITE, bold=True, anchor="mm")
    # glass band
    pen.vgradient((x0, base - 200, x1, base), [(0.0, (170, 210, 236)), (1.0, (92, 140, 180))])
    for gx in range(x0, x1 + 1, 110):
        pen.line([(gx, base - 200), (gx, base)], (50, 60, 72), 6, round_caps=False)
    pen.line([(x0, base - 100), (x1, base - 100)], (50, 60, 72), 5, round_caps=False)
    # entrance canopy and doors
    ex = 1240
    pen.rect((ex - 40, base - 240, ex + 260, base - 210), (230, 232, 236))
    pen.rect((ex + 20, base - 180, ex + 200, base), (44, 52, 62))
    pen.rect((ex + 30, base - 170, ex + 105, base), (140, 186, 220))
    pen.rect((ex + 115, base - 170, ex + 190, base), (140, 186, 220))
    pen.text((ex + 110, base - 225), "Eingang", 22, INK, bold=True, anchor="mm")
    # path, bicycles, trees
    pen.poly([(ex + 20, base), (ex + 200, base), (ex + 420, 1080), (ex - 140, 1080)], (200, 196, 186))
    for i in range(4):
        cx = 520 + i * 120
        pen.circle((cx, 900), 30, None, (40, 40, 40), 5)
        pen.circle((cx + 70, 900), 30, None, (40, 40, 40), 5)
        pen.line([(cx, 900), (cx + 30, 866), (cx + 70, 900)], (200, 40, 40) if i % 2 else ROSTOCK_BLUE, 5)
        pen.line([(cx + 30, 866), (cx + 26, 856)], (40, 40, 40), 4)
    for tx, s in ((150, 1.2), (1790, 1.0), (1000, 0.7)):
        pen.rect((tx - 12 * s, 840 - 20 * s, tx + 12 * s, 960), (96, 70, 50))
        for dx, dy, r in ((0, -170, 110), (-70, -110, 90), (70, -110, 90), (0, -70, 100)):
            pen.circle((tx + dx * s, 860 + dy * s), r * s, (54, 120, 66) if dy < -100 else (66, 140, 74))
    save_png(pen.finish(), out / "sporthalle-schmarl.png", colors=256)


# --- Warnemünde lighthouse and Teepott ----------------------------------------------------------


def warnemuende(out: Path) -> None:
    rng = random.Random(1897)  # the lighthouse was lit in 1898
    pen = Pen((1080, 1080))
    pen.vgradient((0, 0, 1080, 700), [(0.0, (40, 118, 196)), (1.0, (196, 226, 246))])
    clouds(pen, rng, 4, (0, 60, 1080, 280))
    water(pen, 700, 820, 1080, random.Random(3), (74, 150, 200), (30, 96, 150), count=90)
    pen.vgradient((0, 820, 1080, 1080), [(0.0, (238, 220, 180)), (1.0, (214, 190, 140))])
    # Teepott: a round pavilion under a wavy concrete shell roof
    tx0, tx1, troof, tbase = 90, 520, 640, 830
    pen.rect((tx0 + 20, troof + 30, tx1 - 20, tbase), (120, 170, 204))
    for gx in range(tx0 + 20, tx1 - 10, 40):
        pen.line([(gx, troof + 30), (gx, tbase)], (230, 236, 240), 4, round_caps=False)
    shell: list[Point] = [(tx0, troof + 40)]
    for i in range(61):
        t = i / 60
        shell.append((tx0 + (tx1 - tx0) * t, troof - 46 * abs(math.sin(t * math.pi * 3))))
    shell += [(tx1, troof + 40), (tx1 - 10, troof + 52)]
    shell += [
        (tx0 + (tx1 - tx0) * (1 - i / 60), troof + 30 - 20 * abs(math.sin((1 - i / 60) * math.pi * 3)))
        for i in range(61)
    ]
    shell.append((tx0 + 10, troof + 52))
    pen.poly(shell, (246, 246, 242), (150, 150, 150), 2)
    # the lighthouse
    cx, base, top = 720, 840, 210
    pen.poly([(cx - 70, base), (cx + 70, base), (cx + 48, top + 120), (cx - 48, top + 120)], (246, 244, 236))
    pen.poly([(cx + 20, base), (cx + 70, base), (cx + 48, top + 120), (cx + 14, top + 120)], (222, 220, 210))
    for by in (500, 680):
        w = 70 - (base - by) * 22 / (base - top - 120)
        pen.rect((cx - w, by, cx + w, by + 14), (196, 200, 200))
    for wy in (380, 560, 720):
        pen.rect((cx - 9, wy, cx + 9, wy + 32), (70, 84, 100), radius=8)
    # upper gallery, lantern and cap
    pen.rect((cx - 70, top + 106, cx + 70, top + 124), (60, 70, 80))
    for rx in range(cx - 66, cx + 67, 12):
        pen.line([(rx, top + 84), (rx, top + 106)], (60, 70, 80), 3, round_caps=False)
    pen.line([(cx - 70, top + 84), (cx + 70, top + 84)], (60, 70, 80), 4)
    pen.rect((cx - 42, top + 40, cx + 42, top + 106), (60, 70, 80))
    pen.rect((cx - 34, top + 48, cx + 34, top + 100), (255, 236, 160))
    pen.ellipse((cx - 46, top, cx + 46, top + 70), (40, 92, 84))
    pen.line([(cx, top), (cx, top - 34)], (60, 70, 80), 5)
    pen.glow((cx, top + 74), 40, (255, 240, 180), strength=110)
    # beach chairs (Strandkörbe)
    for i, sx in enumerate((120, 310, 500, 860)):
        sy = 930 + (i % 2) * 40
        pen.rect((sx, sy - 70, sx + 120, sy + 40), (220, 196, 150), radius=10)
        stripe = (0, 61, 124) if i % 2 == 0 else (200, 52, 48)
        pen.poly([(sx - 8, sy - 74), (sx + 128, sy - 74), (sx + 120, sy - 120), (sx, sy - 120)], stripe)
        for k in range(4):
            pen.line([(sx + 10 + k * 32, sy - 118), (sx + 6 + k * 34, sy - 76)], WHITE, 6, round_caps=False)
        pen.rect((sx + 14, sy - 54, sx + 106, sy + 20), (176, 146, 100), radius=6)
    for c, span in (((300, 200), 26), ((380, 250), 18), ((950, 140), 20)):
        gull(pen, c, span)
    save_png(pen.finish(), out / "warnemuende-leuchtturm.png", colors=256)


# --- a schematic map of the city centre -------------------------------------------------------


def innenstadt_karte(out: Path) -> None:
    pen = Pen((1080, 1080))
    land, street, casing = (243, 239, 229), WHITE, (198, 192, 180)
    pen.rect((0, 0, 1080, 1080), land)
    # Warnow and the Stadthafen in the north
    pen.poly(
        [(0, 0), (1080, 0), (1080, 250), (900, 238), (700, 214), (480, 206), (260, 220), (0, 236)],
        (156, 196, 228),
    )
    for px in (180, 420, 660):
        pen.rect((px, 190, px + 120, 222), (200, 198, 190))  # piers
    pen.text((330, 150), "Warnow", 40, (40, 90, 140), italic=True, anchor="mm")
    # green belt along the old town wall (Wallanlagen)
    pen.poly([(40, 620), (300, 640), (560, 800), (560, 860), (260, 760), (40, 700)], (190, 220, 170))
    pen.text((250, 720), "Wallanlagen", 22, (60, 110, 60), italic=True, anchor="mm")

    def road(points: list[Point], width: float, fill: Color = street) -> None:
        pen.line(points, casing, width + 6)
        pen.line(points, fill, width)

    road([(0, 268), (1080, 276)], 26)  # Am Strande
    road([(0, 390), (1080, 392)], 36)  # Lange Straße
    road([(120, 560), (470, 560), (720, 600)], 30, (255, 236, 170))  # Kröpeliner Straße (pedestrian zone)
    road([(720, 600), (1080, 610)], 22)
    road([(470, 276), (470, 560)], 18)
    road([(720, 276), (720, 900)], 20)  # Große Wasserstraße / Steinstraße
    road([(920, 276), (920, 1080)], 22)
    road([(300, 392), (300, 620)], 16)
    road([(0, 950), (1080, 930)], 30)  # Wallstraße / Richtung Südring
    road([(720, 900), (700, 1080)], 24)
    # places
    pen.rect((650, 560, 800, 680), (232, 224, 206), outline=casing, width=3)  # Neuer Markt
    pen.rect((800, 560, 860, 680), BRICK)  # Rathaus
    pen.rect((420, 500, 540, 560), (232, 224, 206), outline=casing, width=3)  # Universitätsplatz

    def church(c: Point) -> None:
        pen.rect((c[0] - 14, c[1] - 10, c[0] + 14, c[1] + 26), (120, 80, 70))
        pen.poly([(c[0] - 14, c[1] - 10), (c[0], c[1] - 40), (c[0] + 14, c[1] - 10)], (120, 80, 70))
        pen.line([(c[0], c[1] - 52), (c[0], c[1] - 36)], (120, 80, 70), 3)
        pen.line([(c[0] - 6, c[1] - 46), (c[0] + 6, c[1] - 46)], (120, 80, 70), 3)

    def gate(c: Point) -> None:
        pen.rect((c[0] - 22, c[1] - 30, c[0] + 22, c[1] + 24), BRICK)
        pen.poly([(c[0] - 22, c[1] - 30), (c[0], c[1] - 58), (c[0] + 22, c[1] - 30)], BRICK)
        pen.rect((c[0] - 8, c[1] + 2, c[0] + 8, c[1] + 24), (60, 40, 30), radius=6)

    def label(xy: Point, text: str, size: float = 26, anchor: str = "la", bold: bool = True) -> None:
        w = pen.text_width(text, size, bold)
        x = xy[0] - (w / 2 if anchor[0] == "m" else w if anchor[0] == "r" else 0)
        pen.rect((x - 8, xy[1] - 6, x + w + 8, xy[1] + size + 8), WHITE, radius=8)
        pen.text((x, xy[1]), text, size, INK, bold=bold)

    church((680, 520))
    label((680, 440), "Marienkirche", 22, "m", bold=False)
    church((960, 350))
    label((1060, 250), "Petrikirche", 22, "r", bold=False)
    gate((120, 560))
    label((60, 604), "Kröpeliner Tor", 24, "l")
    gate((730, 900))
    label((760, 880), "Steintor", 24, "l")
    label((290, 500), "Kröpeliner Straße", 22, "m", bold=False)
    label((725, 700), "Neuer Markt", 24, "m")
    label((880, 520), "Rathaus", 24, "l")
    label((480, 460), "Universitätsplatz", 22, "m", bold=False)
    label((40, 350), "Lange Straße", 20, "l", bold=False)
    # you are here
    here = (560, 250)
    pen.circle(here, 34, (214, 40, 40))
    pen.circle(here, 14, WHITE)
    label((600, 140), "Sie sind hier: Stadthafen", 28, "l")
    # off-map hints
    for text, right in (("← Kunsthalle", False), ("↓ Hauptbahnhof · Stadthalle", True)):
        w = pen.text_width(text, 26, True) + 40
        x0 = 1060 - w if right else 20
        pen.rect((x0, 990, x0 + w, 1062), ROSTOCK_BLUE, radius=14)
        pen.text((x0 + w / 2, 1026), text, 26, WHITE, bold=True, anchor="mm")
    # north arrow and note
    pen.circle((1010, 70), 44, WHITE, casing, 3)
    pen.poly([(1010, 36), (1026, 88), (1010, 78), (994, 88)], INK)
    pen.text((1010, 100), "N", 20, INK, bold=True, anchor="mm")
    pen.rect((20, 20, 520, 96), WHITE, radius=12, outline=casing, width=2)
    pen.text((40, 30), "Innenstadt Rostock", 34, ROSTOCK_BLUE, bold=True)
    pen.text((40, 70), "schematisch, nicht maßstabsgetreu", 18, (80, 80, 80))
    save_png(pen.finish(), out / "innenstadt-karte.png", colors=256)


# --- tile icons -------------------------------------------------------------------------------

ICON_TILE = (8, 8, 248, 248)
ICON_RADIUS = 48


def icon_base(tile: Color = ROSTOCK_BLUE) -> Pen:
    pen = Pen((256, 256), ss=4, background=tile)
    pen.vgradient(ICON_TILE, [(0.0, mix(tile, WHITE, 0.12)), (1.0, tile)])
    return pen


def icon_finish(pen: Pen) -> Image.Image:
    """The icon with transparent corners around its rounded tile."""
    mask = Image.new("L", pen.img.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle(pen.box(ICON_TILE), radius=pen.p(ICON_RADIUS), fill=255)
    img = pen.finish().convert("RGBA")
    img.putalpha(mask.resize(pen.size, Image.Resampling.LANCZOS))
    return img


def icon_bus(pen: Pen) -> None:
    pen.rect((58, 46, 198, 200), WHITE, radius=26)
    pen.rect((72, 66, 184, 126), ROSTOCK_BLUE, radius=10)
    pen.rect((90, 52, 166, 60), ROSTOCK_BLUE, radius=4)
    pen.circle((88, 160), 12, ROSTOCK_BLUE)
    pen.circle((168, 160), 12, ROSTOCK_BLUE)
    pen.rect((104, 154, 152, 166), ROSTOCK_BLUE, radius=5)
    pen.rect((70, 196, 98, 218), WHITE, radius=6)
    pen.rect((158, 196, 186, 218), WHITE, radius=6)
    pen.rect((44, 80, 52, 118), WHITE, radius=4)
    pen.rect((204, 80, 212, 118), WHITE, radius=4)


def icon_calendar(pen: Pen) -> None:
    pen.rect((50, 62, 206, 210), WHITE, radius=18)
    pen.rect((50, 62, 206, 104), SIGNAL_YELLOW, radius=18)
    pen.rect((50, 90, 206, 104), SIGNAL_YELLOW)
    for x in (88, 168):
        pen.rect((x - 7, 44, x + 7, 80), WHITE, radius=7)
        pen.rect((x - 4, 48, x + 4, 76), ROSTOCK_BLUE, radius=4)
    for r in range(3):
        for c in range(4):
            x = 68 + c * 32
            y = 118 + r * 30
            pen.rect((x, y, x + 22, y + 20), ROSTOCK_BLUE if (r, c) != (1, 2) else (214, 40, 40), radius=4)


def icon_townhall(pen: Pen) -> None:
    # the Rostock Rathaus: a Gothic front with seven turrets above a Baroque arcade
    pen.rect((52, 92, 204, 132), WHITE)
    for i in range(7):
        x = 52 + i * 152 / 7
        pen.poly([(x + 2, 94), (x + 152 / 14, 50), (x + 152 / 7 - 2, 94)], WHITE)
    for i in range(7):
        x = 58 + i * 152 / 7
        pen.rect((x, 102, x + 9, 124), ROSTOCK_BLUE, radius=4)
    pen.rect((40, 138, 216, 206), WHITE)
    for i in range(5):
        x = 56 + i * 32
        pen.rect((x, 154, x + 20, 206), ROSTOCK_BLUE, radius=10)
    pen.rect((30, 206, 226, 218), WHITE, radius=4)


def icon_sport(pen: Pen) -> None:
    c, r = (128, 128), 78
    ball = Pen((256, 256), ss=pen.ss, background=(240, 130, 50))
    w = 7
    ball.line([(c[0] - r, c[1]), (c[0] + r, c[1])], INK, w, round_caps=False)
    ball.line([(c[0], c[1] - r), (c[0], c[1] + r)], INK, w, round_caps=False)
    ball.arc((c[0] - r * 1.55, c[1] - r, c[0] - r * 0.35, c[1] + r), -62, 62, INK, w)
    ball.arc((c[0] + r * 0.35, c[1] - r, c[0] + r * 1.55, c[1] + r), 118, 242, INK, w)
    mask = Image.new("L", pen.img.size, 0)
    ImageDraw.Draw(mask).ellipse(pen.box((c[0] - r, c[1] - r, c[0] + r, c[1] + r)), fill=255)
    pen.img.paste(ball.img, (0, 0), mask)
    pen.circle(c, r, None, INK, 5)


def icon_warning(pen: Pen) -> None:
    pen.poly([(128, 40), (222, 206), (34, 206)], SIGNAL_YELLOW)
    pen.line([(128, 40), (222, 206), (34, 206), (128, 40)], INK, 8)
    pen.rect((118, 92, 138, 158), INK, radius=8)
    pen.circle((128, 180), 12, INK)


def icon_easy(pen: Pen) -> None:
    # an open book with a large check mark: "easy to read"
    pen.poly([(128, 82), (40, 62), (40, 190), (128, 212)], WHITE)
    pen.poly([(128, 82), (216, 62), (216, 190), (128, 212)], (232, 238, 246))
    for i in range(4):
        y = 96 + i * 24
        pen.line([(58, y - 3), (110, y + 9)], ROSTOCK_BLUE, 6)
    pen.line([(142, 150), (166, 176), (204, 104)], (30, 140, 70), 16)


ICONS: dict[str, Callable[[Pen], None]] = {
    "mobilitaet": icon_bus,
    "veranstaltungen": icon_calendar,
    "rathaus": icon_townhall,
    "sport": icon_sport,
    "warnungen": icon_warning,
    "leichte-sprache": icon_easy,
}


def icons(out: Path) -> None:
    for name, draw in ICONS.items():
        pen = icon_base()
        draw(pen)
        save_png(icon_finish(pen), out / "icons" / f"{name}.png")


# --- the harbour video ------------------------------------------------------------------------

VIDEO_SIZE = (1280, 720)
VIDEO_FPS = 25
VIDEO_SECONDS = 8


def video_frame(t: float) -> Image.Image:
    """Frame at ``t`` seconds; every motion has the period VIDEO_SECONDS, so the video loops seamlessly."""
    phase = 2 * math.pi * t / VIDEO_SECONDS
    pen = Pen(VIDEO_SIZE, design_width=1920, ss=2)
    gulls = [
        ((960 + 260 * math.cos(phase), 200 + 60 * math.sin(phase)), 40),
        ((700 + 180 * math.cos(phase + 2.1), 260 + 40 * math.sin(2 * phase)), 30),
        ((1250 + 140 * math.cos(-phase + 1), 150 + 30 * math.sin(phase)), 34),
    ]
    draw_harbour(
        pen,
        phase=phase,
        bob=5 * math.sin(phase * 2),
        gulls=gulls,
        flap=phase * 4,
        ferry_shift=90 * math.sin(phase),
    )
    return pen.finish()


def video(out: Path) -> None:
    ffmpeg = shutil.which("ffmpeg")
    target = out / "hafen-loop.mp4"
    if not ffmpeg:
        print(f"ffmpeg is not on PATH: skipped {target} (the existing file, if any, is kept)")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [
        ffmpeg,
        "-y",
        "-loglevel",
        "error",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-s",
        f"{VIDEO_SIZE[0]}x{VIDEO_SIZE[1]}",
        "-r",
        str(VIDEO_FPS),
        "-i",
        "-",
        "-an",
        "-c:v",
        "libx264",
        "-preset",
        "slow",
        "-crf",
        "30",
        "-pix_fmt",
        "yuv420p",
        "-profile:v",
        "main",
        "-threads",
        "1",
        "-movflags",
        "+faststart",
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        str(target),
    ]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    frames = VIDEO_FPS * VIDEO_SECONDS
    for n in range(frames):
        proc.stdin.write(video_frame(n / VIDEO_FPS).tobytes())
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit(f"ffmpeg failed with exit code {proc.returncode}")
    print(f"wrote {target} ({target.stat().st_size // 1024} KiB, {frames} frames)")


# --- main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="repository root (default: the folder above tools/)",
    )
    parser.add_argument("--no-video", action="store_true", help="skip the video")
    args = parser.parse_args()
    images = args.root / "content" / "images"
    stadthafen(images)
    hanse_sail(images)
    sporthalle(images)
    warnemuende(images)
    innenstadt_karte(images)
    icons(images)
    if not args.no_video:
        video(args.root / "content" / "videos")


if __name__ == "__main__":
    main()
