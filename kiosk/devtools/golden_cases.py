"""Which golden pictures exist (``tools/golden.py``): every shipped device at three fixed instants, every
page of the pack, and home, two detail pages and the accessibility panel in every mode. Also the
manifest that records them and the gallery page made from it. No Qt: the rendering is in the tool.

The set follows the content: a new device or page is a missing golden until ``tools/golden.py --update``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config.loader import ContentSet, load_content
from kiosk.config.models.page import VideoBlock
from kiosk.i18n import language_name

# A Wednesday morning and evening and a Saturday afternoon in December: the stele's weekday, evening and
# weekend playlists and the hall's day, evening and weekend ones (at night the hall's screen is off).
INSTANTS = ("2026-12-16T11:00", "2026-12-16T18:30", "2026-12-19T14:00")
PAGE_INSTANT = "2026-12-16T11:00"  # pages show the header clock: one fixed instant for all of them
DETAIL_PAGES = ("bus-und-bahn", "sporthallen")  # a data page and a text-and-picture page, in every mode
GOLDEN_DIR = Path("tests/golden")
MANIFEST = GOLDEN_DIR / "manifest.json"
GALLERY = Path("docs/gallery.md")


@dataclass(frozen=True)
class Mode:
    language: str
    large_text: bool = False
    high_contrast: bool = False

    @property
    def slug(self) -> str:
        return (
            self.language
            + ("-large" if self.large_text else "")
            + ("-contrast" if self.high_contrast else "")
        )

    @property
    def caption(self) -> str:
        extras = [
            x for x, on in (("large text", self.large_text), ("high contrast", self.high_contrast)) if on
        ]
        return ", ".join([language_name(self.language), *extras])

    def args(self) -> list[str]:
        return (
            ["--lang", self.language]
            + ["--large-text"] * self.large_text
            + ["--high-contrast"] * self.high_contrast
        )


@dataclass(frozen=True)
class Case:
    """One golden picture: ``kiosk preview`` with ``args`` (without ``--out``)."""

    name: str
    device: str
    at: str
    page: str | None = None  # None and not panel: the attract loop (what the device shows unattended)
    panel: bool = False
    mode: Mode | None = None
    moving: bool = False  # the page plays a video: its frame depends on when the picture is taken

    def args(self) -> list[str]:
        args = [self.device, "--at", self.at]
        if self.page is not None:
            args += ["--page", self.page]
        if self.panel:
            args.append("--panel")
        return args + (self.mode.args() if self.mode is not None else [])

    @property
    def what(self) -> str:
        return "accessibility panel" if self.panel else f"page {self.page}" if self.page else "attract loop"


def modes(languages: list[str], default: str) -> list[Mode]:
    """Every language as it comes; the default language also in large text and in high contrast."""
    first = [Mode(default), Mode(default, large_text=True), Mode(default, high_contrast=True)]
    return first + [Mode(lang) for lang in languages if lang != default]


def cases(content: ContentSet) -> list[Case]:
    found: list[Case] = []
    for device in sorted(content.devices):
        for at in INSTANTS:
            found.append(Case(f"{device}--{at.replace(':', '')}", device, at))
    touch = sorted(
        d for d, e in content.devices.items() if e.model.role == "touch-terminal" and e.model.home_page
    )
    if not touch:
        return found
    device = touch[0]  # the pages are the pack's: one touch terminal shows them all
    model = content.devices[device].model
    all_modes = modes(list(model.languages), model.default_language)
    home = model.home_page or ""
    in_every_mode = [home, *(p for p in DETAIL_PAGES if p in content.pages)]
    for page in sorted(content.pages):
        moving = any(isinstance(b, VideoBlock) for b in content.pages[page].model.blocks)
        for mode in all_modes if page in in_every_mode else all_modes[:1]:
            name = f"{device}--page-{page}--{mode.slug}"
            found.append(Case(name, device, PAGE_INSTANT, page=page, mode=mode, moving=moving))
    for mode in all_modes:
        found.append(Case(f"{device}--panel--{mode.slug}", device, PAGE_INSTANT, panel=True, mode=mode))
    return found


def load_cases(root: Path) -> list[Case]:
    return cases(load_content(root).content)


def read_manifest(root: Path) -> dict[str, Any]:
    path = root / MANIFEST
    if not path.exists():
        return {"pictures": {}}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def manifest_text(entries: dict[str, dict[str, Any]]) -> str:
    data = {
        "about": "golden pictures of kiosk preview; regenerate with tools/golden.py --update",
        "pictures": {name: entries[name] for name in sorted(entries)},
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def gallery_text(found: list[Case], manifest: dict[str, Any]) -> str:
    """docs/gallery.md: a table of thumbnails per group, each linking to its golden picture."""
    pictures = manifest.get("pictures", {})
    lines = [
        "# Gallery",
        "",
        "What the shipped pack looks like, drawn by `kiosk preview` at fixed instants with the bundled",
        "offline data (the snapshots, marked with their date). These are the golden pictures of the visual",
        "regression test (`tests/gui/test_golden.py`); this page is generated by `tools/golden.py --gallery`",
        "— do not edit it by hand.",
        "",
    ]
    groups: dict[tuple[int, str], list[Case]] = {}
    for case in found:
        if case.name in pictures:
            groups.setdefault(_group(case, found), []).append(case)
    for (_order, title), members in sorted(groups.items(), key=lambda item: item[0][0]):
        lines += [f"## {title}", ""]
        # a device's instants, or a page's modes, side by side in one row
        width = len(INSTANTS) if members[0].page is None and not members[0].panel else 5
        for start in range(0, len(members), width):
            row = members[start : start + width]
            lines.append("| " + " | ".join(_caption(c) for c in row) + " |")
            lines.append("|" + "---|" * len(row))
            lines.append("| " + " | ".join(_thumbnail(c, pictures[c.name]) for c in row) + " |")
            lines.append("")
    return "\n".join(lines)


def _group(case: Case, found: list[Case]) -> tuple[int, str]:
    """(place on the page, title): the devices, the pages in every mode, the panel, the other pages."""
    if case.page is None and not case.panel:
        return 0, "Every device at fixed instants"
    if case.panel:
        return 2, f"{case.device}: the accessibility panel in every mode"
    if sum(c.page == case.page for c in found) > 1:
        return 1, f"{case.device}: pages in every mode"
    return 3, f"{case.device}: every other page ({case.mode.caption if case.mode else ''})"


def _caption(case: Case) -> str:
    parts = [case.device, case.at.replace("T", " ")]
    if case.page is not None or case.panel:
        parts.append(case.what)
    if case.mode is not None:
        parts.append(case.mode.caption)
    return "<br>".join(parts)


def _thumbnail(case: Case, entry: dict[str, Any]) -> str:
    width, height = entry.get("size", (640, 1138))
    shown = 280 if width > height else 160  # a landscape hall picture as tall as it is readable
    path = f"../{GOLDEN_DIR.as_posix()}/{case.name}.png"
    return f'<a href="{path}"><img src="{path}" width="{shown}" alt="{case.name}"></a>'
