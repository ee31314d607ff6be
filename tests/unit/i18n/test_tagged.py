"""Fallback words and texts carry the language they are in (invisible tags), and only their own parts."""

from __future__ import annotations

from kiosk import i18n
from kiosk.config.models.base import Text
from kiosk.i18n.tagged import in_language, untagged
from kiosk.speech.marks import hide_marks, marked


def test_a_tag_leaves_the_ends_outside_and_never_nests() -> None:
    tagged = in_language(" Stadthafen. ", "de")
    assert untagged(tagged) == " Stadthafen. "
    assert tagged.rstrip(". ") != tagged and tagged.strip()[-1] == "."  # callers still see the full stop
    assert marked(tagged) == [(None, " "), ("de", "Stadthafen"), (None, ". ")]
    # a passage an editor marked for another voice keeps it; the rest takes the fallback's language
    inner = hide_marks("Walk to the [Kröpeliner Tor]{de} now")
    assert [code for code, _ in marked(in_language(inner, "en"))] == ["en", None, "de", None, "en"]
    assert untagged(in_language(inner, "en")) == "Walk to the Kröpeliner Tor now"
    assert in_language("…", "en") == "…" and in_language("Port", "en-GB") == "Port"  # nothing to say / no tag


def test_an_interface_word_tags_its_own_parts_not_the_text_filled_in() -> None:
    own = Text(de="Hafen", fr="Port de Rostock").get("fr")
    assert own == "Port de Rostock"  # the session's own language: no tag
    said = i18n.text("nav.page_has", "fr", title=own, count=i18n.text("nav.items", "fr", n=3))
    assert untagged(said) == "Port de Rostock. 3 items."
    assert marked(said) == [(None, "Port de Rostock. "), ("en", "3 items"), (None, ".")]
    # numbers the word formats are the word's: "3 of 14" is English in an English sentence
    assert marked(i18n.text("nav.position", "fr", i=3, n=14)) == [("en", "3 of 14")]
    # a language's own words and an unknown code stay as they are
    assert i18n.text("nav.back", "de") == "Zurück" and i18n.text("nav.back", "xx") == "Zurück"
