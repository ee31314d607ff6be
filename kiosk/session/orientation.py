"""What a blind passer-by hears to know where they are (pure): the start of speech mode, each item's role,
state and position, a screen's title with the number of items the keypad reaches, and the confirmation
of a changed setting in the language it leaves the screen in (EN 301 549 5.1.3.3, ACCESSIBILITY.md R04,
R24, R36).
"""

from __future__ import annotations

from kiosk.navigation.strings import count_text, language_name, ui_text
from kiosk.session.effects import Item, Screen
from kiosk.session.settings import VOLUME_STEPS, Settings

# settings switches and the words that name them (as in the accessibility panel)
SWITCH_WORDS = (
    ("large_text", "large_text"),
    ("high_contrast", "high_contrast"),
    ("motion_paused", "motion_pause"),
    ("blank_screen", "blank_screen"),
)


def joined(*parts: str) -> str:
    """Sentences and phrases joined so the voice pauses where a reader would."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and out[-1] not in ".!?:":
            out += "."
        out = f"{out} {part}" if out else part
    return out


def intro(language: str) -> str:
    """ "Vorlesen ist an." and how to use it: touch reads, a double tap opens, the keys."""
    return joined(ui_text("speech_on", language), ui_text("speech_usage", language))


def announcement(screen: Screen, language: str) -> str:
    """ "Rostock – Stadthafen. 14 Einträge.": the title and every item the keypad reaches."""
    return ui_text(
        "page_has", language, title=screen.title.rstrip("."), count=count_text(len(screen.items), language)
    )


def item_text(item: Item, index: int, count: int, language: str) -> str:
    """ "Stadtverwaltung, Schaltfläche, 3 von 14": name (with its state), role, position. An item with
    a voice of its own ("English") says all of it in that language."""
    lang = item.language or language
    role = ui_text(f"role_{item.role}", lang)
    position = ui_text("position", lang, i=index + 1, n=count)
    name = item.name.strip()
    if not name:
        return f"{role}, {position}"
    glue = " " if name[-1] in ".!?:" else ", "
    return f"{name}{glue}{role}, {position}"


def confirmation(old: Settings, new: Settings) -> tuple[str, bool]:
    """What a settings change says, in the new language; and whether it is said outside speech mode
    too (turning speech off, the volume: whoever pressed the key must hear that it worked)."""
    lang = new.language
    if new.speech != old.speech:
        return ui_text("speech_on" if new.speech else "speech_off", lang), True
    parts = []
    if new.language != old.language:
        parts.append(ui_text("state", lang, name=ui_text("language", lang), state=language_name(lang)))
    for field, word in SWITCH_WORDS:
        value = bool(getattr(new, field))
        if value != bool(getattr(old, field)):
            state = ui_text("on" if value else "off", lang)
            parts.append(ui_text("state", lang, name=ui_text(word, lang), state=state))
    if new.volume != old.volume:
        parts.append(ui_text("volume_level", lang, n=new.volume, of=VOLUME_STEPS))
        return joined(*parts), True
    return joined(*parts), False


__all__ = ["announcement", "confirmation", "intro", "item_text", "joined"]
