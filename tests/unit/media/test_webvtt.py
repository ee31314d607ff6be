"""The WebVTT reader on files shaped like what editors and subtitle tools really write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config.issues import errors
from kiosk.config.loader import load_content
from kiosk.media.webvtt import Cue, CueTrack, VttError, parse_vtt, read_captions

# as exported by a subtitle editor: BOM, CRLF, header text, cue ids, full hours, cue settings, a NOTE,
# a STYLE block and speaker tags
SUBTITLE_EDIT = (
    "\ufeffWEBVTT - Hanse Sail 2026\r\nKind: captions\r\nLanguage: de\r\n\r\n"
    "STYLE\r\n::cue { color: yellow; }\r\n\r\n"
    "NOTE Übersetzung: Stadtverwaltung\r\nzweite Zeile der Notiz\r\n\r\n"
    "intro\r\n00:00:00.500 --> 00:00:03.250 position:10% line:0 align:start\r\n"
    "<v Moderatorin>Willkommen zur <b>Hanse Sail</b>!\r\n\r\n"
    "2\r\n00:00:03.250 --> 00:00:06.000\r\n<i>Schiffe</i> aus 12 Ländern\r\n"
    "liegen im Stadthafen &amp; in Warnemünde.\r\n"
)
# the short form browsers accept: no ids, mm:ss.ttt, LF, entities and a class span, a timestamp tag
SHORT_FORM = """WEBVTT

01:02.000 --> 01:04.500
<c.yellow>Tor</c> &lt;Steintor&gt;&nbsp;geöffnet

01:03.000 --> 01:05.000
Karaoke <01:03.500>Wort für <01:04.000>Wort
"""


def test_subtitle_tool_export() -> None:
    assert parse_vtt(SUBTITLE_EDIT) == [
        Cue(500, 3250, "Willkommen zur Hanse Sail!"),
        Cue(3250, 6000, "Schiffe aus 12 Ländern\nliegen im Stadthafen & in Warnemünde."),
    ]


def test_short_form_with_entities_and_overlap() -> None:
    cues = parse_vtt(SHORT_FORM)
    assert cues[0] == Cue(62_000, 64_500, "Tor <Steintor> geöffnet")  # decoded after the tags are gone
    assert cues[1].text == "Karaoke Wort für Wort"
    track = CueTrack(cues)
    assert track.text_at(61_999) == ""
    assert track.text_at(62_000) == "Tor <Steintor> geöffnet"
    assert track.text_at(63_500) == "Tor <Steintor> geöffnet\nKaraoke Wort für Wort"
    assert track.text_at(64_500) == "Karaoke Wort für Wort"  # the end is exclusive
    assert track.text_at(65_000) == ""


def test_back_to_back_cues_never_show_together() -> None:
    track = CueTrack(parse_vtt(SUBTITLE_EDIT))
    assert track.text_at(3249) == "Willkommen zur Hanse Sail!"
    assert track.text_at(3250).startswith("Schiffe")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "not a WebVTT file"),
        ("WEBVTTX\n\n00:01.000 --> 00:02.000\nHallo\n", 1, "not a WebVTT file"),
        ("1\n00:00:01,000 --> 00:00:02,000\nHallo\n", 1, "not a WebVTT file"),  # an .srt renamed
        ("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nHallo\n", 3, "cannot be read"),  # SRT commas
        ("WEBVTT\n\nHallo Rostock\n", 3, "without a timing line"),
        ("WEBVTT\n\nid\nHallo\n00:01.000 --> 00:02.000\n", 3, "without a timing line"),
        ("WEBVTT\n\nNOTE x\n\nid\n00:01.000 --> 00:61.000\nHallo\n", 6, "cannot be read"),
        ("WEBVTT\n\n00:03.000 --> 00:02.000\nHallo\n", 3, "ends before it starts"),
    ],
)
def test_broken_files_say_where(text: str, line: int, words: str) -> None:
    with pytest.raises(VttError) as caught:
        parse_vtt(text)
    assert caught.value.line == line and words in caught.value.message and caught.value.hint


def test_unreadable_file_costs_only_the_captions(tmp_path: Path) -> None:
    (tmp_path / "latin1.vtt").write_bytes("WEBVTT\n\n00:01.000 --> 00:02.000\nGrüße\n".encode("latin-1"))
    assert read_captions(tmp_path / "latin1.vtt") is None
    assert read_captions(tmp_path / "missing.vtt") is None


def test_validate_reports_a_bad_captions_file_at_its_line(minipack: Path) -> None:
    (minipack / "content/videos").mkdir()
    (minipack / "content/videos/hafen.mp4").write_bytes(b"\x00")
    (minipack / "content/videos/hafen.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGut\n\n00:00:03,000 --> 00:00:04,000\nKomma\n", "utf-8"
    )
    (minipack / "content/slides/film.yaml").write_text(
        "type: video\nvideo: videos/hafen.mp4\ncaptions: videos/hafen.vtt\n"
        "alt: {de: Film, en: Film, ls: Film}\n"
    )
    (minipack / "content/slides/film2.yaml").write_text(  # the same file twice: reported once
        (minipack / "content/slides/film.yaml").read_text()
    )
    (issue,) = errors(load_content(minipack).issues)
    assert (issue.file, issue.line) == ("content/videos/hafen.vtt", 6)
    assert "00:01.000 --> 00:04.000" in issue.hint
    shown = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", "--lang", "en", str(minipack)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert shown.returncode == 1
    assert "content/videos/hafen.vtt:6:1: error: the timing line cannot be read" in shown.stdout
    german = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(minipack)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "content/videos/hafen.vtt:6:1: Fehler:" in german.stdout  # the editor's language by default


def test_a_page_video_block_is_checked_like_a_video_slide(minipack: Path) -> None:
    """A page's video block names its files like a slide; a missing video is an error at the block's key,
    a broken captions file one at its own line (once, though a slide names it too)."""
    (minipack / "content/videos").mkdir()
    (minipack / "content/videos/hafen.vtt").write_text(
        "WEBVTT\n\nNOTE fine so far\n\n1\n00:01.000 -> 00:02.000\nEin Pfeil zu kurz\n", "utf-8"
    )
    (minipack / "content/pages/film.yaml").write_text(
        "title: {de: Film, en: Film, ls: Film}\nview: detail\nblocks:\n"
        "  - type: video\n    video: videos/hafn.mp4\n    captions: videos/hafen.vtt\n"
        "    alt: {de: Ein Film, en: A film, ls: Ein Film}\n",
        "utf-8",
    )
    (minipack / "content/slides/film.yaml").write_text(
        "type: video\nvideo: videos/hafn.mp4\ncaptions: videos/hafen.vtt\n"
        "alt: {de: Film, en: Film, ls: Film}\n"
    )
    found = {(i.file, i.line, i.message) for i in errors(load_content(minipack).issues)}
    assert ("content/videos/hafen.vtt", 5, "a cue without a timing line") in found  # the cue's first line
    assert ("content/pages/film.yaml", 5, "file content/videos/hafn.mp4 does not exist") in found
    assert len([f for f in found if f[0] == "content/videos/hafen.vtt"]) == 1, found


def test_an_unknown_key_on_a_video_block_is_named(minipack: Path) -> None:
    (minipack / "content/pages/film.yaml").write_text(
        "title: {de: Film, en: Film, ls: Film}\nview: detail\nblocks:\n"
        "  - type: video\n    video: videos/a.mp4\n    caption: videos/a.vtt\n"
        "    alt: {de: Ein Film, en: A film, ls: Ein Film}\n",
        "utf-8",
    )
    issues = [i for i in errors(load_content(minipack).issues) if i.file == "content/pages/film.yaml"]
    assert any(i.line == 6 and "captions" in i.hint for i in issues), issues
