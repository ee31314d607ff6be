"""The Leichte Sprache check: each rule finds its kind of problem, a clean text stays quiet, the allow
comment works, and messages come in German and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config.easy import rules as r
from kiosk.config.easy.words import sentences, split_compound, syllables
from kiosk.config.issues import warnings
from kiosk.config.loader import load_content

GLOSSARY = r.Bounds(
    hard_words=(("sturmflut", ("Sturm·flut", "", "Sturm·flut heißt: Das Wasser kommt an Land.")),),
    known_words=frozenset({"nina"}),
    lexicon=frozenset({"straßen", "bahn", "halte", "stelle"}),
)


def found(text: str, bounds: r.Bounds = GLOSSARY) -> dict[str, list[str]]:
    """rule → needles, for one Leichte Sprache text."""
    out: dict[str, list[str]] = {}
    for finding in [*r.check_sentences(text, bounds), *r.check_words(text, bounds)]:
        out.setdefault(finding.rule, []).append(finding.needle)
    return out


# one text per kind of problem, as editors write them, and the rule that must find it
PROBLEMS = [
    ("Heute gibt es am Stadt·hafen Musik und Essen und Trinken für alle Menschen hier.", r.SENTENCE_LENGTH),
    ("Bitte warten Sie, weil der Bus später kommt.", r.STATEMENTS),
    ("Wenn es regnet, bleiben Sie im Haus.", r.STATEMENTS),
    ("Der Bus, der zum Hafen fährt, kommt gleich.", r.STATEMENTS),
    ("Die Straße wird morgen gesperrt.", r.PASSIVE),
    ("Dann steht da, was gebaut wird.", r.PASSIVE),
    ("Der Weg wurde repariert.", r.PASSIVE),
    ("Das ist schon erledigt worden.", r.PASSIVE),
    ("Baden Sie heute nicht.", r.NEGATION),
    ("Hier gibt es keine Toilette.", r.NEGATION),
    ("Das Amt ist z. B. am Montag offen.", r.ABBREVIATION),
    ("Das Rathaus ist in der Lange Str. 1.", r.ABBREVIATION),
    ("Das Amt ist Mo 8–12 Uhr offen.", r.ABBREVIATION),
    ("Infos gibt es bei HRO.", r.ABBREVIATION),
    ("Der Bus kommt in drei Minuten.", r.NUMBER),
    ("Nur 14 % der Plätze sind frei.", r.NUMBER),
    ("Zur Hanse Sail kommen 500.000 Menschen.", r.NUMBER),
    ("Das Fest ist am 7.8.2026.", r.NUMBER),
    ("Das Amt ist von 9–12 Uhr offen.", r.DASH),
    ("Gehen Sie zur Straßenbahnhaltestelle.", r.LONG_WORD),
    ("Bei Sturmflut bleiben Sie zu Hause.", r.HARD_WORD),
]


@pytest.mark.parametrize(
    ("text", "rule"), PROBLEMS, ids=[f"{rule}-{i}" for i, (_, rule) in enumerate(PROBLEMS)]
)
def test_each_kind_of_problem_is_found(text: str, rule: str) -> None:
    assert rule in found(text), found(text)


def test_a_clean_text_is_not_flagged() -> None:
    # Leichte Sprache as the rule book wants it: short sentences, one statement each, active, positive,
    # digits, long words split with a Mediopunkt, a hard word explained, a known name in capitals
    clean = (
        "Sturm·flut heißt: Das Wasser kommt an Land.\n"
        "Bleiben Sie weg vom Wasser.\n"
        "Sie brauchen Hilfe?\n"
        "Dann rufen Sie die Nummer 112 an.\n"
        "Die Warn·app heißt NINA.\n"
        "Die Straßen·bahn kommt in 3 Minuten.\n"
        "Das Fest ist am 7. August 2026.\n"
        "Das Amt ist von 9 Uhr bis 12 Uhr offen.\n"
        "Die Adresse ist rathaus.rostock.de."
    )
    assert found(clean) == {r.HARD_WORD: ["Sturm·flut"]}  # found here, explained by the file (below)
    assert r.explained_words(clean, GLOSSARY) == {"Sturm·flut"}


def test_the_long_word_hint_suggests_a_split_at_known_parts() -> None:
    (finding,) = [
        f for f in r.check_words("Gehen Sie zur Straßenbahnhaltestelle.", GLOSSARY) if f.rule == r.LONG_WORD
    ]
    assert finding.values["letters"] == 22
    assert split_compound("Haltestelle", GLOSSARY.lexicon) == "Halte·stelle"
    assert split_compound("Baustellen", frozenset()) == "Bau·stellen"  # "stelle" is a common last part
    assert split_compound("Veranstaltungen", frozenset()) is None  # no honest split: the hint says so
    assert syllables("Veranstaltungen") == 5 and syllables("Haus") == 1


def test_sentences_do_not_end_at_abbreviations_or_ordinals() -> None:
    assert [s.text for s in sentences("Am 7. August z. B. im Hafen. Dann: Musik!")] == [
        "Am 7. August z. B. im Hafen.",
        "Dann:",
        "Musik!",
    ]
    assert len(sentences("Rufen Sie 112. Dann kommt Hilfe.")) == 2  # a number at the end still ends it
    assert r.check_words("So, jetzt sind Sie da.", GLOSSARY) == []  # "So," is no Sunday


def test_titles_identical_dashed_and_hours_that_describe() -> None:
    assert [f.rule for f in r.check_title("Musik am Hafen", "Musik am Hafen")] == [r.SAME_AS_GERMAN]
    assert r.check_title("Hanse Sail", "Hanse Sail") == []  # one or two words are often the same
    assert r.check_title("Hanse Sail 2026", "Hanse Sail 2026") == []
    assert [f.rule for f in r.check_title("Bau·amt – Beratung", "Bauamt – Beratung")] == [r.DASH]
    assert r.check_title("E-Auto laden", "E-Autos laden") == []  # a hyphen inside a word is no dash
    assert r.check_hours("Montag von 8 Uhr bis 12 Uhr. Mittwoch ist zu. Rufen Sie vorher an.") == []
    (finding,) = r.check_hours("Dienstag 10 Uhr. Im Museum sehen Sie Bilder.")
    assert finding.rule == r.FIELD and finding.values["start"] == "Im Museum sehen Sie"


def _slide(minipack: Path, ls: str, comment: str = "") -> None:
    (minipack / "content/slides/willkommen.yaml").write_text(
        f"type: text\ntitle: {{de: Strand, en: Beach, ls: Strand}}\nbody:\n  de: Baden verboten.\n"
        f"  en: No swimming.\n{comment}  ls: {ls}\n",
        encoding="utf-8",
    )


def test_the_allow_comment_silences_its_rule_in_its_text_only(minipack: Path) -> None:
    _slide(
        minipack,
        "Baden Sie heute nicht. Die Fahne wird gehisst.",
        "  # leichte-sprache: verneinung – ein Verbot\n",
    )
    (issue,) = warnings(load_content(minipack).issues)
    assert issue.code == "leichte-sprache:passiv" and (issue.line, issue.column) == (7, 45)
    assert issue.key == "body.ls" and "wird … gehisst" in issue.message


def test_messages_in_german_by_default_and_in_english(minipack: Path) -> None:
    _slide(minipack, "Baden Sie heute nicht.")
    (german,) = warnings(load_content(minipack).issues)
    (english,) = warnings(load_content(minipack, "en").issues)
    assert german.message == "Leichte Sprache, Regel positiv schreiben: Verneinung „nicht“"
    assert "sagen Sie, was man tun soll" in german.hint
    assert english.message == "Leichte Sprache, rule write positively: negation 'nicht'"
    assert (
        (german.file, german.line, german.column)
        == (english.file, english.line, english.column)
        == (
            "content/slides/willkommen.yaml",
            6,
            23,
        )
    )


def test_the_glossary_file_sets_bounds_and_hard_words(minipack: Path) -> None:
    _slide(minipack, "Am Strand gibt es heute Musik und Essen.")
    assert warnings(load_content(minipack).issues) == []
    folder = minipack / "content/leichte-sprache"
    folder.mkdir()
    (folder / "regeln.yaml").write_text(
        "max_sentence_words: 6\nhard_words:\n  - word: Strand\n    easy: Ufer\n"
    )
    found_codes = {(i.code, i.hint) for i in warnings(load_content(minipack).issues)}
    assert (
        "leichte-sprache:satzlänge",
        "teilen Sie ihn in kurze Sätze, jeder mit einer Aussage",
    ) in found_codes
    assert ("leichte-sprache:schweres-wort", "nehmen Sie „Ufer“") in found_codes


def test_the_shipped_pack_is_clean_because_of_its_texts_not_despite_the_check(shipped_copy: Path) -> None:
    assert warnings(load_content(shipped_copy).issues) == []
    # each allow comment in the pack gives a reason and keeps a real finding quiet: without it, it warns
    page = shipped_copy / "content/pages/starkregen.yaml"
    lines = page.read_text(encoding="utf-8").splitlines()
    (at,) = [i for i, line in enumerate(lines) if "# leichte-sprache:" in line]
    assert " – " in lines[at]
    page.write_text("\n".join(lines[:at] + lines[at + 1 :]) + "\n", encoding="utf-8")
    found = warnings(load_content(shipped_copy).issues)
    assert {i.code for i in found} == {"leichte-sprache:verneinung"} and len(found) == 2
    assert {i.line for i in found} == {at + 6, at + 7}  # "- Gehen Sie nicht in den Keller." and the next


def test_a_finding_in_a_one_line_text_points_into_the_leichte_sprache_part(minipack: Path) -> None:
    (minipack / "content/pages/info.yaml").write_text(
        "title: {de: Info – Hafen, en: Info – harbour, ls: Info – Hafen}\nblocks:\n"
        "  - type: text\n    text: {de: Hallo, en: Hello, ls: Hallo}\n",
        encoding="utf-8",
    )
    (issue,) = warnings(load_content(minipack).issues)
    assert issue.code == "leichte-sprache:strich" and (issue.line, issue.column) == (1, 56)


def test_a_description_in_hours_is_found_in_german_too(minipack: Path) -> None:
    (minipack / "content/pages/info.yaml").write_text(
        "title: {de: Info, en: Info, ls: Info}\nblocks:\n  - type: contact\n"
        "    name: {de: Museum, en: Museum, ls: Museum}\n    hours:\n"
        "      de: Wechselnde Ausstellungen moderner Kunst.\n      en: Changing exhibitions.\n"
        "      ls: Dienstag bis Sonntag von 10 Uhr bis 18 Uhr.\n",
        encoding="utf-8",
    )
    (issue,) = warnings(load_content(minipack).issues)
    assert (issue.code, issue.key, issue.line, issue.column) == ("field", "blocks[0].hours.de", 6, 11)
    assert (
        issue.message
        == "„Wechselnde Ausstellungen moderner Kunst …“ ist keine Öffnungs·zeit, steht aber im Feld hours"
    )


def test_the_allow_comment_takes_english_rule_names_and_reports_unknown_ones(minipack: Path) -> None:
    _slide(minipack, "Baden Sie heute nicht.", "  # leichte-sprache: negation – a ban on a beach\n")
    assert warnings(load_content(minipack).issues) == []
    _slide(minipack, "Baden Sie heute nicht.", "  # leichte-sprache: negation, verneinnung – Grund\n")
    (issue,) = warnings(load_content(minipack, "en").issues)
    assert issue.message == "comment 'leichte-sprache': unknown rule 'verneinnung'" and issue.line == 6
