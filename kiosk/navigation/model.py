"""What one page shows and says, in one language: a frozen view model the widgets paint.

The same value feeds the screen, the speech (every item's ``spoken`` text) and the tests, so what is
shown and what is spoken cannot drift apart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from kiosk.config.loader import ContentSet
from kiosk.config.models.page import (
    Block,
    ContactBlock,
    ImageBlock,
    Page,
    QrBlock,
    TextBlock,
    VideoBlock,
    WebBlock,
    WidgetBlock,
)
from kiosk.data.present_words import t as data_text
from kiosk.navigation.strings import count_text, ui_text

log = logging.getLogger(__name__)

ItemKind = Literal["child", "text", "image", "qr", "widget", "web", "video", "contact"]


class PageMissing(KeyError):
    """The page does not exist (or failed validation and was left out)."""


@dataclass(frozen=True)
class Item:
    """One entry of a page: a child page (tile or row) or a content block of a detail page.

    ``label`` is the visible text, ``spoken`` what speech says (always contains ``label``), ``target``
    the child page id, ``block`` the content block, ``icon`` the picture path (content-relative) of a
    child's tile, ``subtitle`` the child's intro shown under the title in list rows.
    """

    kind: ItemKind
    label: str
    spoken: str
    target: str | None = None
    block: Block | None = None
    icon: str | None = None
    subtitle: str = ""


@dataclass(frozen=True)
class PageView:
    """A page in one language. ``announcement`` is said when the page opens ("Mobilität. 3 Einträge.")."""

    page_id: str
    title: str
    intro: str
    view: Literal["tiles", "list", "detail"]
    items: tuple[Item, ...]
    help: str
    announcement: str
    language: str


def _join(*parts: str) -> str:
    """Sentences joined for speech; each part ends with a full stop unless it already has punctuation."""
    out = []
    for part in (p.strip() for p in parts):
        if part:
            out.append(part if part[-1] in ".!?:…" else part + ".")
    return " ".join(out)


def block_item(block: Block, language: str) -> Item:
    """The item of a detail-page block: what it is called and what is spoken for it."""
    if isinstance(block, TextBlock):
        text = block.text.get(language)
        return Item("text", text, text, block=block)
    if isinstance(block, ImageBlock):
        alt = block.alt.get(language)
        return Item("image", alt, ui_text("image", language, alt=alt), block=block)
    if isinstance(block, QrBlock):
        caption = block.caption.get(language)
        return Item("qr", caption, ui_text("qr", language, caption=caption), block=block)
    if isinstance(block, WidgetBlock):
        heading = data_text(block.widget, language)
        return Item("widget", heading, heading, block=block)
    if isinstance(block, WebBlock):
        alt = block.alt.get(language)
        return Item("web", alt, alt, block=block)
    if isinstance(block, VideoBlock):
        # the description, then the transcript: in speech mode the video's words are heard (R08), as
        # the video itself never plays sound on a page
        alt = block.alt.get(language)
        transcript = block.transcript.get(language) if block.transcript is not None else ""
        return Item("video", alt, _join(ui_text("video", language, alt=alt), transcript), block=block)
    return _contact_item(block, language)


def contact_lines(block: ContactBlock, language: str) -> list[str]:
    """The lines of a contact card, each one shown and spoken: name, address, phone, e-mail, hours."""
    lines = [block.name.get(language)]
    if block.address:
        lines.append(f"{ui_text('address', language)}: {block.address}")
    if block.phone:
        lines.append(f"{ui_text('phone', language)}: {block.phone}")
    if block.email:
        lines.append(f"{ui_text('email', language)}: {block.email}")
    if block.hours is not None:
        lines.append(f"{ui_text('hours', language)}: {block.hours.get(language).strip()}")
    return lines


def _contact_item(block: ContactBlock, language: str) -> Item:
    lines = contact_lines(block, language)
    return Item("contact", lines[0], _join(*lines), block=block)


def _child_item(content: ContentSet, child_id: str, language: str, with_intro: bool) -> Item | None:
    entry = content.pages.get(child_id)
    if entry is None:
        # fail soft: a broken or deleted child page costs one tile, not the whole menu
        log.warning("page %s is missing; its tile is left out", child_id)
        return None
    child: Page = entry.model
    title = child.title.get(language)
    subtitle = child.intro.get(language) if with_intro and child.intro is not None else ""
    return Item(
        "child",
        title,
        _join(title, subtitle) if subtitle else title,
        target=child_id,
        icon=child.icon,
        subtitle=subtitle,
    )


def page_view(content: ContentSet, page_id: str, language: str) -> PageView:
    """The view of ``page_id`` in ``language``; raises ``PageMissing`` if there is no such page."""
    entry = content.pages.get(page_id)
    if entry is None:
        raise PageMissing(page_id)
    page: Page = entry.model
    title = page.title.get(language)
    items: list[Item] = []
    if page.view in ("tiles", "list"):
        for child_id in page.children:
            item = _child_item(content, child_id, language, with_intro=page.view == "list")
            if item is not None:
                items.append(item)
    else:
        items = [block_item(block, language) for block in page.blocks]
    help_text = page.help.get(language) if page.help is not None else ""
    if not help_text:
        help_text = ui_text("help_tiles" if page.view != "detail" else "help_detail", language)
    announcement = ui_text(
        "page_has", language, title=title.rstrip("."), count=count_text(len(items), language)
    )
    return PageView(
        page_id=page_id,
        title=title,
        intro=page.intro.get(language) if page.intro is not None else "",
        view=page.view,
        items=tuple(items),
        help=help_text,
        announcement=announcement,
        language=language,
    )


__all__ = ["Item", "ItemKind", "PageMissing", "PageView", "block_item", "contact_lines", "page_view"]
