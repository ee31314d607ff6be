"""Invisible language tags: what a tag holds and what it leaves outside."""

from __future__ import annotations

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

