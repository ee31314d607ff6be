"""Sentence chunks for per-sentence synthesis: cut where a sentence surely ends, nowhere else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.speech.text import LONG, sentences


@pytest.mark.parametrize(
    "text",
    [
        "Das gilt z. B. für Busse und u. a. für Fähren.",
        "Das gilt z.B. für Busse.",
        "Geöffnet Mo. bis Fr., ca. 9 bis 18 Uhr, bzw. nach Absprache.",
        "Haltestelle Lange Str. Ecke Am Strande.",
        "Bitte wenden Sie sich an Dr. Meier im Raum Nr. 3.",
        "Am 3. Oktober ist Feiertag.",
        "Am 18.10.2025 um 14.30 Uhr beginnt das Fest.",
        "Der Pegel steigt um 0,5 Meter.",
        "Mehr unter https://www.rostock.de/hafen.html im Netz.",
        "Das Büro von A. Müller ist zu.",
        "Sie erreichen uns tägl. von 8 bis 16 Uhr.",
        "Der 2. Bauabschnitt ist fertig.",
    ],
)
def test_no_cut_inside_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hallo. Wie geht es?", ["Hallo.", "Wie geht es?"]),
        ("Achtung! Sturmflut. Bitte weg vom Ufer…", ["Achtung!", "Sturmflut.", "Bitte weg vom Ufer…"]),
        ("Er sagte: „Bis bald.“ Dann ging er.", ["Er sagte: „Bis bald.“", "Dann ging er."]),
        ("Mehr unter www.rostock.de. Danke.", ["Mehr unter www.rostock.de.", "Danke."]),
        ("Das war 2025. Jetzt ist es anders.", ["Das war 2025.", "Jetzt ist es anders."]),
        ("Zeile eins\nZeile zwei\n\n  Zeile drei  ", ["Zeile eins", "Zeile zwei", "Zeile drei"]),
        ("Der Stadt·hafen ist schön. Kommen Sie.", ["Der Stadt·hafen ist schön.", "Kommen Sie."]),
        ("Wirklich?! Ja...  Gut.", ["Wirklich?!", "Ja...", "Gut."]),
        ("", []),
        ("   \n ", []),
    ],
)
def test_cuts_at_sentence_ends_and_lines(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_long_sentences_are_cut_at_clauses_not_in_numbers() -> None:
    clause = "die Fähre nach Gedser fährt um 14.30 Uhr mit 3,5 Stunden Fahrzeit ab Warnemünde"
    text = f"{clause}; {clause}, {clause}, {clause}."
    chunks = sentences(text)
    assert len(chunks) >= 3 and all(len(chunk) <= LONG for chunk in chunks)
    assert chunks[0].endswith(";") and all("3,5" in chunk for chunk in chunks)
    assert "".join(chunks).replace(" ", "") == text.replace(" ", "")


def test_a_long_sentence_without_clauses_stays_whole() -> None:
    text = "Wort " * 80
    assert sentences(text) == [text.strip()]


_alphabet = st.sampled_from(list("abcXYZ019 .,;!?…\n·-:\"'»«“”)(/ßäÖ\t"))


@given(st.text(alphabet=_alphabet, max_size=600) | st.text(max_size=300))
def test_never_loses_characters_never_empty(text: str) -> None:
    chunks = sentences(text)
    assert all(chunk and chunk == chunk.strip() for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())


def test_markup_is_kept_as_the_characters_shown() -> None:
    # feed text is plain text on screen; the voice reads the same characters (espeak-ng gets no SSML flag)
    text = '<font color=green>Entwarnung</font> & <img src="file:///etc/hostname">. Bitte warten.'
    assert sentences(text) == [
        '<font color=green>Entwarnung</font> & <img src="file:///etc/hostname">.',
        "Bitte warten.",
    ]
