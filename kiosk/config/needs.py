"""What one device needs of a content root: its data sources, and the files a bundle for it must hold
(``kiosk publish`` writes one manifest per device from this)."""

from __future__ import annotations

from pathlib import Path

from kiosk.config.catalogue import ALERT_KINDS
from kiosk.config.loader import ContentSet
from kiosk.config.models.page import ImageBlock, VideoBlock, WidgetBlock
from kiosk.config.models.slides import DataSlide, ImageSlide, TickerSlide, VideoSlide


def playlists_of(content: ContentSet, device: str) -> set[str]:
    model = content.devices[device].model
    return {
        p
        for zone in model.zones.values()
        for p in [*zone.playlists, *([zone.default] if zone.default else [])]
    } & set(content.playlists)


def slides_of(content: ContentSet, device: str) -> set[str]:
    return {
        item.slide for name in playlists_of(content, device) for item in content.playlists[name].model.items
    } & set(content.slides)


def pages_of(content: ContentSet, device: str) -> set[str]:
    """Pages a passer-by can reach from the device's home page (none on a hall display)."""
    model = content.devices[device].model
    if model.role != "touch-terminal" or model.home_page is None:
        return set()
    seen: set[str] = set()
    todo = [model.home_page]
    while todo:
        page_id = todo.pop()
        if page_id in seen or page_id not in content.pages:
            continue
        seen.add(page_id)
        todo.extend(content.pages[page_id].model.children)
    return seen


def sources_for(content: ContentSet, device: str) -> set[str]:
    """Sources a device needs: those its slides (and a touch terminal's pages) show, plus every warning
    source and every gauge with a storm-surge banner."""
    model = content.devices[device].model
    needed: set[str] = set()
    for slide_id in slides_of(content, device):
        slide = content.slides[slide_id].model
        if isinstance(slide, DataSlide | TickerSlide) and slide.source:
            needed.add(slide.source)
    if model.role == "touch-terminal":  # a hall display has no sessions, so it never shows a page
        for page in content.pages.values():
            needed |= {b.source for b in page.model.blocks if isinstance(b, WidgetBlock)}
    needed |= {
        sid for sid, s in content.sources.items() if s.model.kind in ALERT_KINDS or s.model.surge_banner
    }
    return needed & set(content.sources)


def files_for(content: ContentSet, device: str) -> set[str]:
    """Paths (relative to the content root, POSIX) of every file the device plays from: its device file,
    layout and theme, the playlists, slides and pages it shows with their pictures, videos and captions,
    its sources with their snapshots and GTFS folders, and the manual alerts meant for it."""
    model = content.devices[device].model
    files = {content.devices[device].file}
    media: set[str] = set()  # relative to content/
    for table, name in ((content.layouts, model.layout), (content.themes, model.theme)):
        if name in table:
            files.add(table[name].file)
    files |= {content.playlists[p].file for p in playlists_of(content, device)}
    for slide_id in slides_of(content, device):
        entry = content.slides[slide_id]
        files.add(entry.file)
        slide = entry.model
        if isinstance(slide, ImageSlide):
            media.add(slide.image)
        elif isinstance(slide, VideoSlide):
            media |= {slide.video, *([slide.captions] if slide.captions else [])}
    for page_id in pages_of(content, device):
        page = content.pages[page_id]
        files.add(page.file)
        media |= {page.model.icon} if page.model.icon else set()
        media |= {b.image for b in page.model.blocks if isinstance(b, ImageBlock)}
        for block in page.model.blocks:
            if isinstance(block, VideoBlock):
                media |= {block.video, *([block.captions] if block.captions else [])}
    base = content.content_dir
    for source_id in sources_for(content, device):
        source = content.sources[source_id]
        files.add(source.file)
        if source.model.snapshot:
            media.add(source.model.snapshot)
        if source.model.static and (base / source.model.static).is_dir():
            folder = base / source.model.static
            media |= {p.relative_to(base).as_posix() for p in folder.rglob("*") if p.is_file()}
    files |= {a.file for a in content.alerts.values() if not a.model.devices or device in a.model.devices}
    files |= {f"content/{rel}" for rel in media if (base / rel).is_file()}
    return files


def all_files(root: Path) -> set[str]:
    """Every file of the editor folders (what a device gets when its own selection would not validate)."""
    out: set[str] = set()
    for top in ("device-config", "layouts", "content"):
        folder = root / top
        if folder.is_dir():
            out |= {p.relative_to(root).as_posix() for p in folder.rglob("*") if p.is_file()}
    return out
