"""RSS/Atom connector: the events feed over HTTP from the fake platform; Atom; HTML stripping; broken
feeds; never a file read from a body; fuzzing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config.models.source import DataSource
from kiosk.data.connectors import rss
from kiosk.data.connectors.base import FetchContext, NotModified
from kiosk.data.errors import FetchError, ParseError
from kiosk.data.http import RequestsHttp
from kiosk.data.records import NewsRecord
from kiosk.devtools.platform_sim import PlatformSim, default_fixtures_dir

FIXTURES = default_fixtures_dir()
NOW = datetime(2025, 10, 18, 12, 30, tzinfo=UTC)
PATH = "/events/rss.xml"


def fetch(sim: PlatformSim, http: RequestsHttp | None = None) -> list[NewsRecord]:
    source = DataSource.model_validate({"name": "Veranstaltungen", "kind": "rss", "url": sim.url + PATH})
    return rss.fetch(http or RequestsHttp(5, 5_000_000), source, FetchContext(now=NOW))


def test_rss_over_http(sim: PlatformSim) -> None:
    assert fetch(sim) == [
        NewsRecord(
            title="Herbstkonzert in der Stadthalle Rostock – Sa 18.10.2025, 19:30 Uhr",
            published=datetime(2025, 10, 15, 8, 0, tzinfo=UTC),
            link="https://veranstaltungen.rostock.example/herbstkonzert-2025",
            summary="Stadthalle Rostock, Südring 90, 18059 Rostock",
        ),
        NewsRecord(
            title="Vernissage „Ostsee-Licht“ – So 19.10.2025, 11:00 Uhr",
            published=datetime(2025, 10, 15, 8, 0, tzinfo=UTC),
            link="https://veranstaltungen.rostock.example/vernissage-ostsee-licht",
            summary="Kunsthalle Rostock, Hamburger Straße 40, 18069 Rostock. Eintritt frei.",
        ),
    ]
    assert sim.log == [PATH]


def test_not_modified(sim: PlatformSim) -> None:
    http = RequestsHttp(5, 5_000_000)
    fetch(sim, http)
    with pytest.raises(NotModified):
        fetch(sim, http)


@pytest.mark.parametrize("fault", [{"truncate": True}, {"garbage": True}])
def test_payload_faults(sim: PlatformSim, fault: dict[str, Any]) -> None:
    sim.set_faults(PATH, **fault)
    with pytest.raises(ParseError):
        fetch(sim)


@pytest.mark.parametrize(
    "fault", [{"status": 503}, {"wrong_content_type": True}, {"huge": 1}, {"timeout": 5}]
)
def test_fetch_faults(sim: PlatformSim, fault: dict[str, Any]) -> None:
    sim.set_faults(PATH, **fault)
    with pytest.raises(FetchError):
        fetch(sim, RequestsHttp(0.5, 200_000))


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Rathaus Rostock</title><id>urn:x</id><updated>2025-10-18T12:00:00+02:00</updated>
  <entry>
    <title type="html">Sturmflut: &lt;b&gt;Mittelmole&lt;/b&gt; gesperrt</title>
    <id>urn:1</id><link href="https://rathaus.rostock.example/1"/>
    <updated>2025-10-18T12:10:00+02:00</updated>
    <summary type="html">&lt;p&gt;Die Mittelmole ist &lt;em&gt;gesperrt&lt;/em&gt;.&lt;/p&gt;
    &lt;p&gt;Bitte &amp;amp; danke&lt;/p&gt; &lt;script&gt;alert(1)&lt;/script&gt;</summary>
  </entry>
  <entry><title>Ohne Datum</title><id>urn:2</id></entry>
</feed>"""


def test_atom_with_html() -> None:
    first, second = rss.parse_feed(ATOM, "application/atom+xml")
    assert first == NewsRecord(
        title="Sturmflut: Mittelmole gesperrt",
        published=datetime(2025, 10, 18, 10, 10, tzinfo=UTC),  # updated, as no published is given
        link="https://rathaus.rostock.example/1",
        summary="Die Mittelmole ist gesperrt. Bitte & danke",
    )
    assert second == NewsRecord(title="Ohne Datum")


def test_broken_feed_without_entries_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="ends early"):
        rss.parse_feed(b"<rss><channel><item><title>kaputt", "application/rss+xml")
    with pytest.raises(ParseError, match="not a valid RSS/Atom feed"):
        rss.parse_feed(b'<rss version="2.0"><channel><item></item><x></channel></rss>')
    with pytest.raises(ParseError):
        rss.parse_feed(b"<html><body>Bitte anmelden</body></html>")
    with pytest.raises(ParseError):
        rss.parse_feed(b"")


def test_valid_empty_feed_is_empty() -> None:
    assert (
        rss.parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
        == []
    )


def test_a_body_is_never_opened_as_a_file_name(tmp_path: Path) -> None:
    secret = tmp_path / "feed.xml"
    secret.write_bytes((FIXTURES / "events/events_rss.xml").read_bytes())
    with pytest.raises(ParseError):
        rss.parse_feed(str(secret).encode())


@pytest.mark.parametrize(
    ("html", "lines", "one_line"),
    [
        ("a<br/>b", "a\nb", "a b"),
        ("<p>Eins</p><p>Zwei &amp; drei</p>", "Eins\nZwei & drei", "Eins Zwei & drei"),
        ("x <style>p{}</style>y", "x y", "x y"),
        ("  viel   \t Platz\u00a0 ", "viel Platz", "viel Platz"),
        ("<![weird[ x ]]>", "", ""),  # html.parser asserts on this; the fallback strips it
        ("kein Tag", "kein Tag", "kein Tag"),
    ],
)
def test_html_to_text(html: str, lines: str, one_line: str) -> None:
    assert rss.html_to_text(html) == lines
    assert rss.html_to_text(html, keep_lines=False) == one_line


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        # feedparser finds plain text: the characters are kept, not decoded or stripped a second time
        ("&lt;img src=file:///etc/hostname&gt; Hallo", "<img src=file:///etc/hostname> Hallo"),
        ("a &lt; b", "a < b"),
        # HTML (a closing tag or an entity): tags removed, entities decoded, exactly once
        ("&lt;b&gt;fett&lt;/b&gt; a", "fett a"),
        ("&amp;lt;font&amp;gt;Entwarnung&amp;lt;/font&amp;gt;", "<font>Entwarnung</font>"),
        ("<![CDATA[<b>fett</b> &amp;lt;i&amp;gt;]]>", "fett &lt;i&gt;"),
    ],
)
def test_titles_come_out_as_plain_text(title: str, shown: str) -> None:
    body = f'<rss version="2.0"><channel><title>x</title><item><title>{title}</title></item></channel></rss>'
    (record,) = rss.parse_feed(body.encode())
    assert record.title == shown  # plain text: the screen shows these characters as they are


def test_html_to_text_decodes_once_into_plain_text() -> None:
    assert rss.html_to_text("&lt;img src=x&gt; &amp;amp;") == "<img src=x> &amp;"


# --- property tests --------------------------------------------------------------------------------------

TAGS = ["rss", "channel", "item", "title", "link", "description", "pubDate", "feed", "entry", "summary", "br"]
FRAGMENT = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(
        [
            '<rss version="2.0">',
            '<feed xmlns="http://www.w3.org/2005/Atom">',
            "<![CDATA[",
            "]]>",
            "&amp;",
            "&bogus;",
            "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
            "&e;",
            "Sat, 18 Oct 2025 12:30:00 +0000",
            "2025-10-18T12:30:00Z",
            "<?xml version='1.0'?>",
        ]
    ),
    st.text(max_size=12),
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_news_or_parse_error(body: bytes) -> None:
    try:
        records = rss.parse_feed(body)
    except ParseError:
        return
    assert all(isinstance(r, NewsRecord) for r in records)
    assert all(r.published is None or r.published.tzinfo is not None for r in records)
    assert not any("root:" in r.summary or "root:" in r.title for r in records)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(body: bytes) -> None:
    _only_news_or_parse_error(body)


@FUZZ
@given(st.lists(FRAGMENT, max_size=25))
def test_xml_ish_text(fragments: list[str]) -> None:
    _only_news_or_parse_error("".join(fragments).encode())


@FUZZ
@given(st.integers(0, 2000), st.text(max_size=30))
def test_corrupted_fixture(at: int, noise: str) -> None:
    original = (FIXTURES / "events/events_rss.xml").read_bytes()
    _only_news_or_parse_error(original[:at] + noise.encode() + original[at + len(noise) :])


@FUZZ
@given(st.text(max_size=200))
def test_html_to_text_never_fails(text: str) -> None:
    assert "<" not in rss.html_to_text(f"<p>{text}</p>") or "<" in text


# --- shape: only a feed document is a feed ---------------------------------------------------------------

LOGIN_PAGE = (
    "<!DOCTYPE html><html><head><title>WLAN</title></head><body><h1>Bitte anmelden</h1></body></html>"
)


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (LOGIN_PAGE, "text/xml", "an HTML page"),  # a captive portal that says XML
        (
            "<html><body><item><title>Kein Feed</title></item></body></html>",
            "application/xml",
            "an HTML page",
        ),
        ("", "application/rss+xml", "the body is empty"),
        ("<?xml version='1.0'?><response><item><title>x</title></item></response>", "text/xml", "<response>"),
        ("<channel><item><title>ohne rss</title></item></channel>", "application/rss+xml", "<channel>"),
    ],
)
def test_what_is_no_feed_document_is_a_parse_error(
    sim: PlatformSim, body: str, content_type: str, message: str
) -> None:
    sim.add_route(PATH, body, content_type=content_type)
    with pytest.raises(ParseError, match=f"not an RSS/Atom feed: .*{message}"):
        fetch(sim)


def test_an_html_page_served_as_html_is_refused_before_parsing(sim: PlatformSim) -> None:
    sim.add_page(PATH, LOGIN_PAGE)
    with pytest.raises(FetchError):
        fetch(sim)


RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://rathaus.rostock.example/"><title>Rathaus</title></channel>
  <item rdf:about="https://rathaus.rostock.example/2"><title>Bürgerschaft tagt</title>
    <link>https://rathaus.rostock.example/2</link></item>
</rdf:RDF>"""


@pytest.mark.parametrize(
    ("body", "content_type", "titles"),
    [
        (RDF, "application/rdf+xml", ["Bürgerschaft tagt"]),
        ('<rss version="2.0"><channel><title>leer</title></channel></rss>', "application/rss+xml", []),
        ('<feed xmlns="http://www.w3.org/2005/Atom"><title>leer</title></feed>', "application/atom+xml", []),
        (
            "<rss><channel><item><title>ohne Version</title></item></channel></rss>",
            "text/xml",
            ["ohne Version"],
        ),
    ],
)
def test_feed_documents_over_http(sim: PlatformSim, body: str, content_type: str, titles: list[str]) -> None:
    sim.add_route(PATH, body, content_type=content_type)
    assert [r.title for r in fetch(sim)] == titles
