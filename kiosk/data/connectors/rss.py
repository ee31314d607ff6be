"""RSS 2.0 / Atom / RSS 1.0 feeds → ``NewsRecord`` (via feedparser).

The body is handed to feedparser as a stream, never as ``bytes``/``str``: feedparser treats a plain
string as a URL or a *file name* and would open it. External entities stay disabled (feedparser's
default). ``html_to_text`` is also used by other connectors for HTML in texts (CAP descriptions).

Every text a connector returns is *plain text*: ``&lt;b&gt;`` in an HTML title becomes the three
characters ``<b>``, which the screen shows as they are (``kiosk.ui.text``: labels are plain text). So an
HTML text is decoded exactly once (``html_to_text``), and a title that feedparser already found to be
plain text (``title_detail.type``) is not decoded again: a second pass would turn text that was escaped
on purpose back into tags.
"""

from __future__ import annotations

import calendar
import html
import io
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from xml.sax import SAXParseException

import feedparser

from kiosk.config.models.source import DataSource
from kiosk.data.connectors.base import FetchContext, Http, NotModified
from kiosk.data.errors import ParseError
from kiosk.data.records import NewsRecord

KIND = "rss"
ACCEPT = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
# feedparser's ``version`` of an RSS 0.9x/2.0 (``<rss>``), RSS 1.0 (``<rdf:RDF>``) or Atom (``<feed>``)
FEED_VERSIONS = ("rss", "atom")


def fetch(http: Http, source: DataSource, ctx: FetchContext) -> list[NewsRecord]:
    response = http.get(source.url, params=dict(source.params) or None, accept=ACCEPT)
    if response.not_modified:
        raise NotModified
    return parse_feed(response.body, response.headers.get("content-type", ""))


def parse_feed(body: bytes, content_type: str = "") -> list[NewsRecord]:
    """Entries in feed order. A broken feed (feedparser's ``bozo``) without usable entries, a feed that
    ends early (truncated: XML "no element found"/"unclosed token") and anything that is no feed
    document at all (an empty body, an HTML login page, other XML: the root is not ``<rss>``,
    ``<feed>`` or ``<rdf:RDF>``) are a ``ParseError``, so the last good news stays; a feed with small
    defects that still has entries is used, and a feed without entries is an empty list."""
    headers = {"content-type": content_type} if content_type else {}
    try:
        parsed: Any = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except Exception as exc:  # feedparser is lenient, but its sub-parsers are third-party code
        raise ParseError(f"feed could not be read: {type(exc).__name__}") from None
    entries = list(parsed.get("entries") or [])
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, SAXParseException) and problem.getMessage() in _ENDS_EARLY:
        raise ParseError(f"the feed ends early (truncated?): {problem}")
    version = parsed.get("version") or ""
    if not isinstance(version, str) or not version.startswith(FEED_VERSIONS):
        # feedparser also finds <item>/<entry> in an HTML page or any XML: only a feed document counts
        raise ParseError(f"not an RSS/Atom feed: {_what_it_is(body, problem)}")
    records: list[NewsRecord] = []
    for entry in entries:
        title = _entry_text(entry, "title")
        summary = _entry_text(entry, "summary")
        if not title and not summary:
            continue
        records.append(
            NewsRecord(
                title=title or summary[:120],
                # plain dict look-ups: FeedParserDict maps published → updated with a DeprecationWarning
                published=_when(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")),
                link=_web_link(entry.get("link")),
                summary=summary,
            )
        )
    if problem is not None and not records:
        raise ParseError(f"not a valid RSS/Atom feed: {problem}")
    return records


def _what_it_is(body: bytes, problem: object) -> str:
    """For the message: an empty body, an HTML page, or the root element that arrived."""
    if not body.strip():
        return "the body is empty"
    match = _ROOT_RE.search(body[:4096])
    root = match.group(1).decode("ascii", "replace").lower() if match else ""
    if root == "html":
        return "an HTML page"
    if root:
        return f"the document is <{root[:40]}>"
    return str(problem)[:120] if problem else "no XML document"


def _web_link(value: object) -> str:
    """Only http(s) links: an Atom ``id`` such as ``urn:…`` is not something to open or show as QR code."""
    link = _text(value)
    return link if link.lower().startswith(("http://", "https://")) else ""


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _entry_text(entry: Any, key: str) -> str:
    """One line of plain text from an entry's ``title``/``summary``: HTML (as feedparser classified it,
    sanitised) is decoded once, plain text only tidied."""
    value = _text(entry.get(key))
    detail = entry.get(f"{key}_detail")
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    if "html" in kind or not kind:
        return html_to_text(value, keep_lines=False)
    return " ".join(_SPACES_RE.sub(" ", value).split())


def _when(value: object) -> datetime | None:
    """feedparser normalises every date it understands to a UTC ``struct_time``."""
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return None


# --- HTML → plain text ------------------------------------------------------------------------------

_ENDS_EARLY = frozenset({"no element found", "unclosed token"})  # expat: the document stops mid-way
_BLOCK_TAGS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"})
_SKIP_TAGS = frozenset({"script", "style", "head", "title"})
_TAG_RE = re.compile(r"<[^>]*>")
_ROOT_RE = re.compile(rb"<([A-Za-z_][\w:.-]*)")  # the first element (declarations start with ? or !)
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(text: str, keep_lines: bool = True) -> str:
    """Tags removed, entities decoded, white space tidied. ``keep_lines``: ``<br>``/``<p>`` become line
    breaks (else everything is one line).

    The result is plain text, never HTML again: ``&lt;img&gt;`` comes out as the characters ``<img>``.
    Call it once per text (a second call would strip those as tags) and show the result as plain text.
    """
    if "<" not in text and "&" not in text:
        raw = text
    else:
        collector = _TextCollector()
        try:
            collector.feed(text)
            collector.close()
            raw = "".join(collector.parts)
        except Exception:  # html.parser asserts on some malformed declarations: fall back to a strip
            raw = html.unescape(_TAG_RE.sub(" ", text))
    lines = (_SPACES_RE.sub(" ", line).strip() for line in raw.splitlines())
    kept = [line for line in lines if line]
    return ("\n" if keep_lines else " ").join(kept)
