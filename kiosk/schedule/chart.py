"""A Gantt-like picture of a device's schedule (Pillow only), for editors: ``kiosk schedule --png``.

One lane per zone (and one for the opening hours), a time axis with hour ticks and date labels,
a bar per playlist stretch coloured by playlist and labelled with it (and with each slide where there
is room), takeovers hatched with a dark frame, standby and closed in greys, and a legend.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.schedule.report import Stretch, stretches
from kiosk.schedule.timeline import Segment

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#a0cbe8", "#8cd17d", "#d37295", "#499894", "#ffbe7d", "#86bcb6", "#bab0ac",
)  # fmt: skip
BACKGROUND = "#ffffff"
INK = "#1f2328"
GRID = "#d0d7de"
STANDBY = "#e4e7eb"
CLOSED = "#59636e"
OPEN = "#a6d96a"
TAKEOVER_FRAME = "#b3001b"

WIDTH = 1800
LABEL_W = 200
RIGHT = 30
LANE_H = 64
OPEN_H = 30
GAP = 10
TOP = 92
STEPS_MIN = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def _font(size: int, bold: bool = False) -> Font:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:  # no DejaVu on this machine: Pillow's own font still gives a readable chart
        return ImageFont.load_default(size)


@dataclass(frozen=True)
class ChartInput:
    """What to draw.

    Attributes:
        title: First line (device name).
        subtitle: Second line (range, time zone).
        start: Left edge (aware).
        end: Right edge (aware).
        lanes: Zone id → its timeline segments, in layout order.
        opening: (start, end, open) periods, or None when the device is always open.
        names: Playlist id → its human name, for the legend.
    """

    title: str
    subtitle: str
    start: datetime
    end: datetime
    lanes: Mapping[str, Sequence[Segment]]
    opening: Sequence[tuple[datetime, datetime, bool]] | None
    names: Mapping[str, str]


class _Canvas:
    """Time ↔ pixels and the drawing helpers shared by the lanes."""

    def __init__(self, chart: ChartInput, height: int) -> None:
        self.chart = chart
        self.image = Image.new("RGB", (WIDTH, height), BACKGROUND)
        self.draw = ImageDraw.Draw(self.image)
        self.x0, self.x1 = LABEL_W, WIDTH - RIGHT
        self.t0 = chart.start.timestamp()
        self.span = max(chart.end.timestamp() - self.t0, 1.0)
        self.small, self.normal, self.bold = _font(13), _font(15), _font(15, bold=True)

    def x(self, at: datetime) -> float:
        return self.x0 + (at.timestamp() - self.t0) / self.span * (self.x1 - self.x0)

    def text_in(
        self,
        box: tuple[float, float, float, float],
        text: str,
        font: Font,
        fill: str,
        backdrop: str | None = None,
    ) -> None:
        """``text`` left-aligned in ``box``, shortened with … to fit, or left out if nothing fits;
        on a ``backdrop`` rectangle if given."""
        left, top, right, bottom = box
        fitted = _fit(self.draw, text, font, right - left - 8)
        if fitted:
            height = font.getbbox("Hg")[3]
            y = top + (bottom - top - height) / 2
            if backdrop:
                width = self.draw.textlength(fitted, font=font)
                self.draw.rectangle((left + 2, y - 1, left + 6 + width, y + height + 2), fill=backdrop)
            self.draw.text((left + 4, y), fitted, font=font, fill=fill)

    def hatch(self, box: tuple[float, float, float, float], colour: str, step: int = 8) -> None:
        left, top, right, bottom = box
        h = bottom - top
        x = left - h
        while x < right:
            # Clip each diagonal to the box so neighbouring bars stay untouched.
            a = (max(x, left), top + (max(x, left) - x))
            b = (min(x + h, right), top + (min(x + h, right) - x))
            if a[0] < b[0]:
                self.draw.line([a, b], fill=colour, width=2)
            x += step


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Font, room: float) -> str:
    if draw.textlength(text, font=font) <= room:
        return text
    while text and draw.textlength(text + "…", font=font) > room:
        text = text[:-1]
    return text + "…" if len(text) >= 3 else ""


def _shade(colour: str, factor: float) -> str:
    """``colour`` darkened towards black by ``factor`` (0–1)."""
    r, g, b = (round(int(colour[i : i + 2], 16) * (1 - factor)) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def _ink_on(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _colours(chart: ChartInput) -> dict[str, str]:
    seen: list[str] = []
    for segments in chart.lanes.values():
        for s in segments:
            if s.playlist and s.playlist not in seen:
                seen.append(s.playlist)
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(seen))}


def render(chart: ChartInput) -> Image.Image:
    """Draw the chart."""
    colours = _colours(chart)
    legend_rows = 2 + (len(colours) + 2) // 3
    lanes_top = TOP + (OPEN_H + GAP if chart.opening is not None else 0)
    lanes_bottom = lanes_top + len(chart.lanes) * (LANE_H + GAP)
    height = lanes_bottom + 56 + legend_rows * 24 + 20
    canvas = _Canvas(chart, height)
    draw = canvas.draw
    draw.text((20, 16), chart.title, font=_font(26, bold=True), fill=INK)
    draw.text((20, 52), chart.subtitle, font=_font(16), fill=INK)
    _grid(canvas, TOP - 4, lanes_bottom)
    if chart.opening is not None:
        _opening_lane(canvas, TOP)
    for n, (zone, segments) in enumerate(chart.lanes.items()):
        top = lanes_top + n * (LANE_H + GAP)
        draw.text((20, top + LANE_H / 2 - 10), f"zone {zone}", font=canvas.bold, fill=INK)
        for stretch in stretches(segments):
            _bar(canvas, stretch, top, colours)
    _midnights(canvas, TOP, lanes_bottom)
    _legend(canvas, lanes_bottom + 56, colours)
    return canvas.image


def save(chart: ChartInput, path: Path) -> None:
    """Draw the chart and write it as PNG into an existing folder (no folder is created). Written to a
    temporary file beside it first, so a failed write leaves neither a broken picture nor a stray file.

    Raises:
        OSError: the file could not be written; nothing was left behind.
    """
    image = render(chart)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            image.save(out, format="PNG")
        mask = os.umask(0)  # mkstemp makes the file private; a chart gets the usual permissions
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _grid(canvas: _Canvas, top: float, bottom: float) -> None:
    """Time ticks (at a step that leaves room for labels) and date labels at every local midnight."""
    chart, draw = canvas.chart, canvas.draw
    tz = chart.start.tzinfo
    per_minute = (canvas.x1 - canvas.x0) / (canvas.span / 60)
    step = next((s for s in STEPS_MIN if s * per_minute >= 56), STEPS_MIN[-1])
    # Walk real time (UTC) and test the local wall clock, so DST days get the right ticks.
    walk = timedelta(minutes=1 if step < 60 else 15)
    at = chart.start.astimezone(UTC).replace(second=0, microsecond=0)
    last_label = float("-inf")
    while at <= chart.end:
        local = at.astimezone(tz)
        minute_of_day = local.hour * 60 + local.minute
        if at >= chart.start and minute_of_day % step == 0:
            x = canvas.x(at)
            if minute_of_day == 0:
                draw.line([(x, top), (x, bottom + 4)], fill=INK, width=2)
                if x < canvas.x1 - 60:
                    draw.text((x + 4, bottom + 24), local.strftime("%a %d.%m."), font=canvas.bold, fill=INK)
            else:
                draw.line([(x, top), (x, bottom + 6)], fill=GRID, width=1)
            label = local.strftime("%H:%M")
            w = draw.textlength(label, font=canvas.small)
            # Skip a label that would touch the previous one (the repeated hour of the autumn DST day).
            if max(canvas.x0, last_label + 8) <= x - w / 2 and x + w / 2 <= canvas.x1 + RIGHT:
                draw.text((x - w / 2, bottom + 6), label, font=canvas.small, fill=INK)
                last_label = x + w / 2
        at += walk
    start_local = chart.start.astimezone(tz)
    if (start_local.hour, start_local.minute) != (0, 0):
        draw.text((canvas.x0, bottom + 24), start_local.strftime("%a %d.%m."), font=canvas.bold, fill=INK)
    draw.line([(canvas.x0, bottom), (canvas.x1, bottom)], fill=INK, width=1)


def _midnights(canvas: _Canvas, top: float, bottom: float) -> None:
    """Day boundaries drawn across the bars, so days can be told apart in a week view."""
    chart = canvas.chart
    tz = chart.start.tzinfo
    day = chart.start.astimezone(tz).date() + timedelta(days=1)
    while (m := datetime.combine(day, datetime.min.time(), tzinfo=tz)) < chart.end:
        x = canvas.x(m)
        canvas.draw.line([(x, top), (x, bottom)], fill=INK, width=1)
        day += timedelta(days=1)


def _opening_lane(canvas: _Canvas, top: float) -> None:
    draw = canvas.draw
    draw.text((20, top + 6), "opening hours", font=canvas.bold, fill=INK)
    for start, end, is_open in canvas.chart.opening or ():
        box = (canvas.x(start), top, canvas.x(end), top + OPEN_H)
        draw.rectangle(box, fill=OPEN if is_open else CLOSED)
        text = f"open {start:%H:%M}–{end:%H:%M}" if is_open else "closed"
        canvas.text_in(box, text, canvas.small, INK if is_open else "#ffffff")


def _bar(canvas: _Canvas, stretch: Stretch, top: float, colours: Mapping[str, str]) -> None:
    """One playlist stretch: playlist name on the upper half, slide names (or a count) on the lower."""
    draw = canvas.draw
    box = (canvas.x(stretch.start), top, canvas.x(stretch.end), top + LANE_H)
    if stretch.playlist is None:
        closed = stretch.reason == "closed"
        draw.rectangle(box, fill=CLOSED if closed else STANDBY)
        if not closed:
            canvas.hatch(box, "#c8cdd3", step=10)
        canvas.text_in(box, stretch.reason, canvas.normal, "#ffffff" if closed else INK)
        return
    colour = colours[stretch.playlist]
    ink = _ink_on(colour)
    takeover = stretch.reason == "takeover"
    backdrop = colour if takeover else None  # labels stay readable on the hatching
    draw.rectangle(box, fill=colour)
    if takeover:
        _takeover_mark(canvas, box, colour)
    half, low = top + LANE_H / 2, top + LANE_H - 2
    widths = [(canvas.x(s.start), canvas.x(s.end), s) for s in stretch.segments]
    named = any(x1 - x0 >= 40 for x0, x1, _ in widths)
    for x0, x1, seg in widths:
        if x1 - x0 >= 4 and x0 > box[0] + 0.5:
            # Slide changes: full-height lines under slide names, short ticks under a count.
            draw.line([(x0, half + 2 if named else low - 8), (x0, low)], fill=BACKGROUND, width=1)
        if named and x1 - x0 >= 40 and seg.slide:
            canvas.text_in((x0, half, x1, low), seg.slide, canvas.small, ink, backdrop)
    if not named and len(widths) > 1:
        canvas.text_in((box[0], half - 4, box[2], low - 8), f"{len(widths)} slides", canvas.small, ink)
    label = f"takeover {stretch.playlist}" if takeover else stretch.playlist
    if stretch.reason == "default":
        label += " (default)"
    canvas.text_in((box[0], top + 2, box[2], half), label, canvas.bold, ink, backdrop)


def _takeover_mark(canvas: _Canvas, box: tuple[float, float, float, float], colour: str) -> None:
    """Hatching and a red frame; a takeover too short to see (2 min in a day) is widened to 5 px and
    gets a red triangle above the lane, so it is never lost."""
    left, top, right, bottom = box
    if right - left < 5:
        middle = (left + right) / 2
        left, right = middle - 2.5, middle + 2.5
        canvas.draw.rectangle((left, top, right, bottom), fill=colour)
    canvas.hatch((left, top, right, bottom), _shade(colour, 0.45), step=6)
    canvas.draw.rectangle((left, top, right, bottom), outline=TAKEOVER_FRAME, width=2)
    if box[2] - box[0] < 5:
        middle = (left + right) / 2
        canvas.draw.polygon(
            [(middle - 6, top - 9), (middle + 6, top - 9), (middle, top - 1)], fill=TAKEOVER_FRAME
        )


def _legend(canvas: _Canvas, top: float, colours: Mapping[str, str]) -> None:
    draw, names = canvas.draw, canvas.chart.names
    draw.text((20, top), "Legend", font=canvas.bold, fill=INK)
    x: float = LABEL_W
    y = top
    samples = [
        ("takeover (interrupts, then the zone resumes)", "takeover"),
        ("standby screen", "standby"),
        ("closed (outside opening hours)", "closed"),
    ]
    for text, kind in samples:
        box = (x, y + 2, x + 34, y + 18)
        if kind == "takeover":
            _takeover_mark(canvas, box, "#bab0ac")
        else:
            draw.rectangle(box, fill=CLOSED if kind == "closed" else STANDBY, outline=GRID)
        draw.text((x + 42, y + 2), text, font=canvas.small, fill=INK)
        x += 42 + draw.textlength(text, font=canvas.small) + 30
    column = (WIDTH - LABEL_W - RIGHT) / 3
    for i, (playlist, colour) in enumerate(colours.items()):
        cx = LABEL_W + (i % 3) * column
        cy = top + 28 + (i // 3) * 24
        draw.rectangle((cx, cy + 2, cx + 34, cy + 18), fill=colour)
        text = f"{playlist} – {names.get(playlist, '')}".rstrip(" –")
        fitted = _fit(draw, text, canvas.small, column - 50)
        draw.text((cx + 42, cy + 2), fitted, font=canvas.small, fill=INK)
