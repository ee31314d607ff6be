"""Reading every page of a CKAN ``datastore_search`` (``limit``/``offset``, ``_links.next``).

Kept apart from ``ckan`` (the envelope and the column mapping) because it is about requests, not rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from kiosk.data.connectors.base import Http

MAX_PAGES = 20  # 20 × CKAN's default limit of 100 rows: far more car parks than a city has

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    """One ``datastore_search`` answer: its rows and what it says about the rest."""

    rows: list[object]
    total: int | None  # None: not given (``include_total=false``) or not a count
    estimated: bool  # ``total_was_estimated``: the total is a guess, read on to a short page
    limit: int | None
    next: str | None  # ``_links.next`` as written (a path relative to the portal, or a URL)


def read_pages(
    http: Http,
    first: Page,
    first_url: str,
    url: str,
    params: dict[str, str],
    parse: Callable[[bytes], Page],
    accept: tuple[str, ...],
) -> list[object]:
    """The rows of ``first`` and of the pages after it.

    CKAN pages by ``limit``/``offset`` and always writes a ``_links.next`` (also on the last page), so
    reading stops at an empty page, at a page shorter than ``limit``, or when ``total`` rows are read
    (unless ``total_was_estimated``). The next page is ``_links.next`` resolved against the answer's
    URL when it stays on the same host and path and names its ``offset``; otherwise (no ``_links``,
    another host, a portal mounted under a prefix the link omits, a link without an offset) our own
    URL with ``offset`` advanced (to the link's offset if it has one). A next page that does not
    advance the offset ends the reading (logged): as every page must start further on, no page is
    asked for twice. ``MAX_PAGES`` pages end it too (logged once while it lasts).
    Later pages are unconditional: a 304 for page 2 would say nothing about the rows we need.
    """
    rows = list(first.rows)
    offset = whole(params.get("offset")) or 0
    page, page_url = first, first_url
    for _ in range(MAX_PAGES - 1):
        if _last_page(page, offset):
            _recovered(url)
            return rows
        target, target_params, next_offset = _next_request(page, page_url, url, params, offset)
        if next_offset <= offset:
            where = page_key(target, target_params)
            _note_once(url, f"CKAN paging of {url} stops: the next page does not advance ({where})")
            return rows
        response = http.get(target, params=target_params, accept=accept, conditional=False)
        page, page_url, offset = parse(response.body), response.url, next_offset
        rows.extend(page.rows)
    if not _last_page(page, offset):
        _note_once(url, f"CKAN paging of {url} stops after {MAX_PAGES} pages ({len(rows)} records)")
    else:
        _recovered(url)
    return rows


def _last_page(page: Page, offset: int) -> bool:
    if not page.rows:
        return True
    if page.limit is not None and len(page.rows) < page.limit:
        return True
    return page.total is not None and not page.estimated and offset + len(page.rows) >= page.total


def _next_request(
    page: Page, page_url: str, url: str, params: dict[str, str], offset: int
) -> tuple[str, dict[str, str] | None, int]:
    """(URL, params, offset) of the page after ``page`` (which started at ``offset``)."""
    step = offset + len(page.rows)
    if page.next:
        link = urljoin(page_url, page.next)
        here, there = urlsplit(page_url), urlsplit(link)
        link_offset = whole(dict(parse_qsl(there.query)).get("offset"))
        same_place = (there.scheme, there.netloc, there.path) == (here.scheme, here.netloc, here.path)
        if link_offset is not None and same_place:
            return link, None, link_offset
        if link_offset is not None:
            step = link_offset
    return url, {**params, "offset": str(step)}, step


def page_key(url: str, params: dict[str, str] | None) -> str:
    """One text per page asked for, whatever the order of its query (to recognise a repeat)."""
    parts = urlsplit(url)
    query = sorted([*parse_qsl(parts.query, keep_blank_values=True), *(params or {}).items()])
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, urlencode(query), ""))


def whole(value: object) -> int | None:
    """A non-negative whole number (JSON int or decimal text), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value if isinstance(value, int) and value >= 0 else None


_noted: dict[str, str] = {}  # source URL → the paging problem last logged (state changes, not ticks)


def _note_once(url: str, message: str) -> None:
    if _noted.get(url) != message:
        _noted[url] = message
        log.warning("%s", message)


def _recovered(url: str) -> None:
    if _noted.pop(url, None) is not None:
        log.info("CKAN paging of %s reads to the end again", url)
