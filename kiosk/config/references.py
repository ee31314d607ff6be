"""Checks across files: every name an editor writes must point at something that exists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from kiosk.config import broken
from kiosk.config.allowlist import url_allowed
from kiosk.config.catalogue import WIDGET_SOURCES
from kiosk.config.composed import check_composed
from kiosk.config.issues import Issue, Severity
from kiosk.config.kinds import KINDS_BY_NAME
from kiosk.config.loader import ContentSet, Entry
from kiosk.config.models.page import ImageBlock, VideoBlock, WebBlock, WidgetBlock
from kiosk.config.models.slides import (
    BackgroundPicture,
    DataSlide,
    ImageSlide,
    TextSlide,
    TickerSlide,
    VideoSlide,
    WebSlide,
)
from kiosk.config.suggest import did_you_mean
from kiosk.media.webvtt import VttError, parse_vtt

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg")
VIDEO_SUFFIXES = (".mp4", ".webm", ".mkv", ".mov", ".avi")


def _issue(
    entry: Entry[Any],
    path: tuple[str | int, ...],
    message: str,
    hint: str = "",
    severity: Severity = "error",
    code: str = "reference",
) -> Issue:
    return entry.issue(path, message, hint, severity, code)


_WHAT = {
    "slide": ("slide", "content/slides"),
    "playlist": ("playlist", "content/playlists"),
    "page": ("page", "content/pages"),
    "source": ("data source", "device-config/sources"),
    "layout": ("layout", "layouts"),
    "theme": ("theme", "content/themes"),
    "device": ("device", "device-config"),
}


def _ref(
    c: ContentSet, entry: Entry[Any], path: tuple[str | int, ...], name: str | None, kind: str
) -> Iterator[Issue]:
    """An error when ``name`` names no file of ``kind`` (silent when that file exists but is broken)."""
    table: dict[str, Any] = c.table(KINDS_BY_NAME[kind])
    if name is None or name in table or (kind, name) in c.broken:
        return
    what, folder = _WHAT[kind]
    hint = did_you_mean(name, table) or f"no file {folder}/{name}.yaml exists"
    yield _issue(entry, path, f"unknown {what} '{name}'", hint)


def _fits(
    c: ContentSet, entry: Entry[Any], path: tuple[str | int, ...], widget: str, source: str | None
) -> Iterator[Issue]:
    """A widget can only show what its source's kind delivers."""
    found = c.sources.get(source) if source else None
    if found is not None and found.model.kind not in WIDGET_SOURCES[widget]:
        allowed = ", ".join(sorted(WIDGET_SOURCES[widget]))
        yield _issue(
            entry,
            path,
            f"a {widget} widget cannot show '{source}' (a {found.model.kind} source)",
            f"use a source of kind {allowed}",
            code="reference",
        )


def _file(
    content: ContentSet,
    entry: Entry[Any],
    path: tuple[str | int, ...],
    rel: str | None,
    suffixes: tuple[str, ...],
) -> Iterator[Issue]:
    if rel is None:
        return
    target = (content.content_dir / rel).resolve()
    base = content.content_dir.resolve()
    if base not in target.parents:
        yield _issue(entry, path, f"'{rel}' points outside content/", code="file")
    elif not target.is_file():
        near = (
            [p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()] if base.is_dir() else []
        )
        yield _issue(entry, path, f"file content/{rel} does not exist", did_you_mean(rel, near), code="file")
    elif target.suffix.lower() not in suffixes:
        yield _issue(
            entry,
            path,
            f"'{rel}' has an unsupported file type",
            "allowed: " + ", ".join(suffixes),
            code="file",
        )


def _captions(c: ContentSet, rel: str | None) -> Iterator[Issue]:
    """A captions file that exists must also read as WebVTT (the problem is reported in the .vtt file)."""
    target = c.content_dir / rel if rel else None
    if target is None or target.suffix.lower() != ".vtt" or not target.is_file():
        return  # _file reports a missing file or a wrong type
    where = f"content/{rel}"
    try:
        parse_vtt(target.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        yield Issue(
            "error", where, None, None, "", "not UTF-8 text", "save the captions as UTF-8", "captions"
        )
    except OSError as exc:
        yield Issue(
            "error", where, None, None, "", f"cannot read the file: {exc.strerror}", code="unreadable"
        )
    except VttError as exc:
        yield Issue("error", where, exc.line, 1, "", exc.message, exc.hint, "captions")


def _check_captions(c: ContentSet) -> Iterator[Issue]:
    """Every captions file named by a video slide or a page's video block, read once (a file shared by
    several videos is reported once, at its own line)."""
    named = [s.model.captions for s in c.slides.values() if isinstance(s.model, VideoSlide)]
    named += [b.captions for p in c.pages.values() for b in p.model.blocks if isinstance(b, VideoBlock)]
    for rel in sorted({r for r in named if r}):
        yield from _captions(c, rel)


def _check_slides(c: ContentSet) -> Iterator[Issue]:
    for entry in c.slides.values():
        s = entry.model
        if isinstance(s, ImageSlide):
            yield from _file(c, entry, ("image",), s.image, IMAGE_SUFFIXES)
        elif isinstance(s, TextSlide) and isinstance(s.background, BackgroundPicture):
            yield from _file(c, entry, ("background", "image"), s.background.image, IMAGE_SUFFIXES[:-1])
        elif isinstance(s, VideoSlide):
            yield from _file(c, entry, ("video",), s.video, VIDEO_SUFFIXES)
            yield from _file(c, entry, ("captions",), s.captions, (".vtt",))
        elif isinstance(s, DataSlide):
            yield from _ref(c, entry, ("source",), s.source, "source")
            yield from _fits(c, entry, ("source",), s.widget, s.source)
        elif isinstance(s, TickerSlide):
            yield from _ref(c, entry, ("source",), s.source, "source")
            yield from _fits(c, entry, ("source",), "ticker", s.source)


def _check_playlists(c: ContentSet) -> Iterator[Issue]:
    used = broken.listed_slides(c)  # a playlist with a mistake still lists its slides
    for entry in c.playlists.values():
        for i, item in enumerate(entry.model.items):
            used.add(item.slide)
            yield from _ref(c, entry, ("items", i), item.slide, "slide")
    for slide in c.slides.values():
        if slide.id not in used:
            yield _issue(
                slide,
                (),
                f"slide '{slide.id}' is in no playlist, so it never plays",
                severity="warning",
                code="unused",
            )


def _check_pages(c: ContentSet) -> Iterator[Issue]:
    for entry in c.pages.values():
        p = entry.model
        yield from _file(c, entry, ("icon",), p.icon, IMAGE_SUFFIXES)
        for i, child in enumerate(p.children):
            yield from _ref(c, entry, ("children", i), child, "page")
        for i, block in enumerate(p.blocks):
            if isinstance(block, ImageBlock):
                yield from _file(c, entry, ("blocks", i, "image"), block.image, IMAGE_SUFFIXES)
            elif isinstance(block, VideoBlock):
                yield from _file(c, entry, ("blocks", i, "video"), block.video, VIDEO_SUFFIXES)
                yield from _file(c, entry, ("blocks", i, "captions"), block.captions, (".vtt",))
            elif isinstance(block, WidgetBlock):
                yield from _ref(c, entry, ("blocks", i, "source"), block.source, "source")
                yield from _fits(c, entry, ("blocks", i, "source"), block.widget, block.source)
    yield from _page_cycles(c)


def _page_cycles(c: ContentSet) -> Iterator[Issue]:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(page_id: str) -> Iterator[Issue]:
        state[page_id] = 1
        entry = c.pages[page_id]
        for i, child in enumerate(entry.model.children):
            if child not in c.pages:
                continue
            if state.get(child) == 1:
                yield _issue(
                    entry,
                    ("children", i),
                    f"page '{child}' leads back here: the page tree has a loop",
                    "a page may appear only once on any path from the home page; use Back/Home",
                )
            elif child not in state:
                yield from visit(child)
        state[page_id] = 2

    # walk from the home pages first, so the loop is reported at the link that closes it
    homes = [d.model.home_page for d in c.devices.values() if d.model.home_page in c.pages]
    for page_id in [*sorted(set(homes)), *sorted(c.pages)]:
        if page_id not in state:
            yield from visit(page_id)


def reachable_pages(c: ContentSet, homes: set[str]) -> set[str]:
    """Pages reachable from ``homes``, also through pages that have a mistake (they still have children)."""
    seen: set[str] = set()
    todo = sorted(homes)
    while todo:
        page_id = todo.pop()
        if page_id in seen or (page_id not in c.pages and ("page", page_id) not in c.raw):
            continue
        seen.add(page_id)
        todo.extend(broken.children(c, page_id))
    return seen


def _check_devices(c: ContentSet) -> Iterator[Issue]:
    reachable = reachable_pages(
        c, set().union(*broken.device_home_pages(c).values())
    )  # a device file with a mistake, too
    for entry in c.devices.values():
        d = entry.model
        yield from _ref(c, entry, ("layout",), d.layout, "layout")
        yield from _ref(c, entry, ("theme",), d.theme, "theme")
        yield from _ref(c, entry, ("home_page",), d.home_page, "page")
        layout = c.layouts.get(d.layout)
        zone_ids = [z.id for z in layout.model.zones] if layout else []
        playlists: set[str] = set()
        for zone, assignment in d.zones.items():
            if layout and zone not in zone_ids:
                yield _issue(
                    entry,
                    ("zones", zone),
                    f"layout '{d.layout}' has no zone '{zone}'",
                    did_you_mean(zone, zone_ids),
                )
            for i, name in enumerate(assignment.playlists):
                playlists.add(name)
                yield from _ref(c, entry, ("zones", zone, "playlists", i), name, "playlist")
            if assignment.default is not None:
                playlists.add(assignment.default)
                yield from _ref(c, entry, ("zones", zone, "default"), assignment.default, "playlist")
            if not assignment.playlists and assignment.default is None:
                yield _issue(
                    entry,
                    ("zones", zone),
                    f"zone '{zone}' plays nothing and shows the standby screen",
                    "add playlists: or default:",
                    severity="warning",
                    code="empty-zone",
                )
        for zone in zone_ids:
            if zone not in d.zones:
                yield _issue(
                    entry,
                    ("zones",),
                    f"zone '{zone}' of layout '{d.layout}' has nothing assigned",
                    "it shows the standby screen; add it under zones:",
                    severity="warning",
                    code="empty-zone",
                )
        pages = reachable_pages(c, {d.home_page}) if d.home_page else set()
        reachable |= pages
        yield from _check_web(c, entry, playlists, pages)
    if c.devices:
        for page in c.pages.values():
            if page.id not in reachable:
                yield _issue(
                    page,
                    (),
                    f"page '{page.id}' cannot be reached from any device's home page",
                    "list it under children: of another page",
                    severity="warning",
                    code="unused",
                )


def _check_web(c: ContentSet, device: Entry[Any], playlists: set[str], pages: set[str]) -> Iterator[Issue]:
    allow = device.model.web_allowlist
    hint = "add the host to web_allowlist in this device file"
    slide_ids = {
        item.slide for name in playlists & set(c.playlists) for item in c.playlists[name].model.items
    }
    for slide_id in sorted(slide_ids & set(c.slides)):
        slide = c.slides[slide_id]
        if isinstance(slide.model, WebSlide) and not url_allowed(slide.model.url, allow):
            host = urlsplit(slide.model.url).hostname
            yield _issue(
                device,
                ("web_allowlist",),
                f"slide '{slide.id}' shows {host}, which this device does not allow",
                hint,
            )
    for page_id in sorted(pages & set(c.pages)):
        for block in c.pages[page_id].model.blocks:
            if isinstance(block, WebBlock) and not url_allowed(block.url, allow):
                yield _issue(
                    device,
                    ("web_allowlist",),
                    f"page '{page_id}' embeds "
                    f"{urlsplit(block.url).hostname}, which this device does not allow",
                    hint,
                )


def _check_sources_and_alerts(c: ContentSet) -> Iterator[Issue]:
    for entry in c.sources.values():
        yield from _file(
            c,
            entry,
            ("snapshot",),
            entry.model.snapshot,
            (".json", ".jsonld", ".xml", ".ics", ".pb", ".csv", ".geojson"),
        )
        static = entry.model.static
        if static is not None and not (c.content_dir / static).is_dir():
            yield _issue(entry, ("static",), f"folder content/{static} does not exist", code="file")
    for alert in c.alerts.values():
        for i, device in enumerate(alert.model.devices):
            yield from _ref(c, alert, ("devices", i), device, "device")


def check_references(content: ContentSet) -> list[Issue]:
    """All cross-file problems of a content set."""
    return [
        *_check_slides(content),
        *_check_playlists(content),
        *_check_pages(content),
        *_check_captions(content),
        *_check_devices(content),
        *_check_sources_and_alerts(content),
        *check_composed(content),
    ]


__all__ = ["check_references"]
