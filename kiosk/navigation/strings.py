"""Interface strings of the touch pages in German, English and Leichte Sprache.

Visible labels may carry break hints for narrow buttons: a soft hyphen (shown as "-" only where the
line breaks) or a zero-width space after a Mediopunkt (Leichte Sprache). ``plain()`` removes them for
speech and accessible names. Other languages fall back to English: a tourist reads English more often
than German.
"""

from __future__ import annotations

from kiosk.config.models.base import LANGUAGE_NAMES

SHY = "\u00ad"  # soft hyphen: a break point shown with a hyphen
ZWSP = "\u200b"  # zero-width space: a break point without a hyphen (after "·" in Leichte Sprache)
BASE_LANGUAGES = ("de", "en", "ls")
FALLBACK = "en"

# key -> language -> text. A key ending in "#1" is the singular form used when ``n == 1``.
STRINGS: dict[str, dict[str, str]] = {
    "back": {"de": "Zurück", "en": "Back", "ls": "Zurück"},
    "home": {"de": "Start", "en": "Home", "ls": "Start"},
    "help": {"de": "Hilfe", "en": "Help", "ls": "Hilfe"},
    "access": {
        "de": f"Barriere{SHY}freiheit",
        "en": f"Access{SHY}ibility",
        "ls": f"Barriere·{ZWSP}freiheit",
    },
    "repeat": {"de": f"Wieder{SHY}holen", "en": "Repeat", "ls": "Noch einmal"},
    "pause": {"de": "Pause", "en": "Pause", "ls": "Pause"},
    "resume": {"de": "Weiter", "en": "Resume", "ls": "Weiter"},
    "close": {"de": "Schließen", "en": "Close", "ls": "Schließen"},
    "language": {"de": "Sprache", "en": "Language", "ls": "Sprache"},
    "display": {"de": "Anzeige", "en": "Display", "ls": "Bild·schirm"},
    "listening": {"de": "Vorlesen", "en": "Read aloud", "ls": "Vor·lesen"},
    "large_text": {"de": "Große Schrift", "en": "Large text", "ls": "Große Schrift"},
    "high_contrast": {"de": "Hoher Kontrast", "en": "High contrast", "ls": "Starke Farben"},
    "speech": {"de": "Vorlesen", "en": "Read aloud", "ls": "Vor·lesen"},
    "motion_pause": {
        "de": "Bewegung anhalten",
        "en": "Stop moving content",
        "ls": "Bewegte Bilder an·halten",
    },
    "blank_screen": {
        "de": "Bildschirm dunkel beim Vorlesen",
        "en": "Dark screen while reading aloud",
        "ls": "Bild·schirm dunkel beim Vor·lesen",
    },
    "volume_down": {"de": "Leiser", "en": "Quieter", "ls": "Leiser"},
    "volume_up": {"de": "Lauter", "en": "Louder", "ls": "Lauter"},
    "volume_level": {
        "de": "Lautstärke {n} von {of}",
        "en": "Volume {n} of {of}",
        "ls": "Laut·stärke {n} von {of}",
    },
    "on": {"de": "an", "en": "on", "ls": "an"},
    "off": {"de": "aus", "en": "off", "ls": "aus"},
    "state": {"de": "{name}: {state}", "en": "{name}: {state}", "ls": "{name}: {state}"},
    "selected": {"de": "ausgewählt", "en": "selected", "ls": "aus·gewählt"},
    "items": {"de": "{n} Einträge", "en": "{n} items", "ls": "{n} Sachen"},
    "items#1": {"de": "1 Eintrag", "en": "1 item", "ls": "1 Sache"},
    "page_has": {"de": "{title}. {count}.", "en": "{title}. {count}.", "ls": "{title}. {count}."},
    "touch_to_start": {
        "de": "Bitte berühren Sie den Bildschirm",
        "en": "Please touch the screen",
        "ls": "Tippen Sie auf den Bild·schirm",
    },
    "speech_hint": {
        "de": "Zum Vorlesen halten Sie einen Finger drei Sekunden auf den Bildschirm "
        "oder drücken Sie die Hilfe-Taste.",
        "en": "To hear the screen read aloud, hold a finger on the screen for three seconds "
        "or press the help key.",
        "ls": "Sie wollen alles hören? Halten Sie einen Finger lange auf den Bild·schirm. "
        "Oder drücken Sie die Taste mit dem Frage·zeichen.",
    },
    "double_tap_hint": {
        "de": "Zweimal tippen zum Öffnen.",
        "en": "Double-tap to open.",
        "ls": "Tippen Sie 2-mal. Dann geht es auf.",
    },
    "idle_warning": {
        "de": "Sind Sie noch da? In {s} Sekunden beginnt der Bildschirm von vorn.",
        "en": "Are you still there? The screen starts over in {s} seconds.",
        "ls": "Sind Sie noch da? Der Bild·schirm fängt gleich neu an. Noch {s} Sekunden.",
    },
    "more_time": {"de": "Mehr Zeit", "en": "More time", "ls": "Mehr Zeit"},
    "end_session": {"de": "Beenden", "en": "Finish", "ls": "Fertig"},
    "scroll_up": {"de": "Nach oben", "en": "Scroll up", "ls": "Nach oben"},
    "scroll_down": {"de": "Nach unten", "en": "Scroll down", "ls": "Nach unten"},
    "error_page_missing": {
        "de": "Diese Seite gibt es gerade nicht. Sie sind wieder auf der Startseite.",
        "en": "This page is not available right now. You are back on the home page.",
        "ls": "Diese Seite geht gerade nicht. Sie sind wieder auf der Start·seite.",
    },
    "speech_on": {
        "de": "Vorlesen ist an.",
        "en": "Reading aloud is on.",
        "ls": "Vor·lesen ist an.",
    },
    "speech_off": {
        "de": "Vorlesen ist aus.",
        "en": "Reading aloud is off.",
        "ls": "Vor·lesen ist aus.",
    },
    # orientation in speech mode (issue 15): how to use it, roles and positions, the ends of a list
    "speech_usage": {
        "de": "Berühren Sie den Bildschirm, dann hören Sie, was dort ist. Zweimal tippen öffnet es. "
        "Oder nehmen Sie die Tasten: Pfeil hoch und runter wählt, die runde Taste öffnet, "
        "Zurück geht zurück, die Taste mit dem Fragezeichen hilft.",
        "en": "Touch the screen to hear what is there. Double-tap to open it. Or use the keys: arrow up "
        "and down choose, the round key opens, Back goes back, the question mark key gives help.",
        "ls": "Tippen Sie auf den Bild·schirm. Dann hören Sie, was dort ist. Tippen Sie 2-mal. "
        "Dann geht es auf. Oder nehmen Sie die Tasten. Die Pfeile wählen aus. Die runde Taste macht auf. "
        "Die Taste mit dem Frage·zeichen hilft.",
    },
    "role_heading": {"de": "Überschrift", "en": "heading", "ls": "Über·schrift"},
    "role_text": {"de": "Text", "en": "text", "ls": "Text"},
    "role_button": {"de": "Schaltfläche", "en": "button", "ls": "Knopf"},
    "role_switch": {"de": "Schalter", "en": "switch", "ls": "Schalter"},
    "role_choice": {"de": "Auswahl", "en": "option", "ls": "Auswahl"},
    "position": {"de": "{i} von {n}", "en": "{i} of {n}", "ls": "{i} von {n}"},
    "end_of_list": {
        "de": "Ende der Liste. Noch einmal Pfeil runter: zurück zum Anfang.",
        "en": "End of the list. Press down again to go back to the top.",
        "ls": "Das ist das Ende. Drücken Sie noch einmal nach unten. Dann geht es von vorne los.",
    },
    "top_of_list": {
        "de": "Anfang der Liste. Noch einmal Pfeil hoch: zum Ende.",
        "en": "Top of the list. Press up again to go to the end.",
        "ls": "Das ist der Anfang. Drücken Sie noch einmal nach oben. Dann geht es zum Ende.",
    },
    "help_closed": {"de": "Hilfe geschlossen.", "en": "Help closed.", "ls": "Die Hilfe ist zu."},
    "panel_closed": {
        "de": "Einstellungen geschlossen.",
        "en": "Settings closed.",
        "ls": "Die Einstellungen sind zu.",
    },
    "help_tiles": {
        "de": "Tippen Sie auf ein Feld, um die Seite zu öffnen.",
        "en": "Tap a tile to open its page.",
        "ls": "Tippen Sie auf ein Feld. Dann sehen Sie mehr.",
    },
    "help_detail": {
        "de": "Mit „Zurück“ kommen Sie zur vorigen Seite, mit „Start“ zur Startseite.",
        "en": "“Back” takes you to the previous page, “Home” to the home page.",
        "ls": "Sie wollen zurück? Tippen Sie auf „Zurück“.",
    },
    "access_intro": {
        "de": "Stellen Sie Sprache, Schrift, Farben und Vorlesen ein.",
        "en": "Choose language, text size, colours and reading aloud.",
        "ls": "Hier stellen Sie ein: Sprache. Schrift. Farben. Vor·lesen.",
    },
    "qr": {"de": "QR-Code: {caption}", "en": "QR code: {caption}", "ls": "QR-Code: {caption}"},
    "image": {"de": "Bild: {alt}", "en": "Picture: {alt}", "ls": "Bild: {alt}"},
    "video": {
        "de": "Video ohne Ton, mit Untertiteln: {alt}",
        "en": "Video without sound, with captions: {alt}",
        "ls": "Ein stiller Film mit Text·zeilen: {alt}",
    },
    "address": {"de": "Adresse", "en": "Address", "ls": "Adresse"},
    "phone": {"de": "Telefon", "en": "Phone", "ls": "Telefon"},
    "email": {"de": "E-Mail", "en": "E-mail", "ls": "E-Mail"},
    "hours": {"de": "Öffnungszeiten", "en": "Opening hours", "ls": "Offen"},
    "website": {"de": "Internetseite", "en": "Website", "ls": "Internet·seite"},
    "web_unavailable": {
        "de": "Die Internetseite kann hier gerade nicht gezeigt werden.",
        "en": "The web page cannot be shown here right now.",
        "ls": "Die Internet·seite geht hier gerade nicht.",
    },
    "data_unavailable": {
        "de": "Diese Angaben sind gerade nicht verfügbar.",
        "en": "This information is not available right now.",
        "ls": "Diese Infos gibt es gerade nicht.",
    },
    "video_unavailable": {
        "de": "Das Video kann gerade nicht gezeigt werden.",
        "en": "The video cannot be shown right now.",
        "ls": "Der Film geht gerade nicht.",
    },
    "image_unavailable": {
        "de": "Das Bild kann gerade nicht gezeigt werden.",
        "en": "The picture cannot be shown right now.",
        "ls": "Das Bild geht gerade nicht.",
    },
}

def plain(text: str) -> str:
    """``text`` without break hints: what is spoken and what an accessible name contains."""
    return text.replace(SHY, "").replace(ZWSP, "")


def ui_text(key: str, language: str, **fmt: object) -> str:
    """The interface string ``key`` in ``language`` (English for languages without own strings).

    ``n=1`` picks the singular form where one exists. Raises ``KeyError`` for an unknown key: a typo
    must fail in the tests, not show an empty button.
    """
    table = STRINGS[key]
    if fmt.get("n") == 1 and f"{key}#1" in STRINGS:
        table = STRINGS[f"{key}#1"]
    text = table.get(language) or table[FALLBACK]
    return text.format(**fmt) if fmt else text


def language_name(code: str) -> str:
    """The name of a language in that language ("English", "Deutsch", "Leichte Sprache")."""
    return LANGUAGE_NAMES.get(code, code)


def count_text(n: int, language: str) -> str:
    """ "6 Einträge" / "1 Eintrag" / "6 items"."""
    return ui_text("items", language, n=n)


__all__ = ["BASE_LANGUAGES", "SHY", "STRINGS", "ZWSP", "count_text", "language_name", "plain", "ui_text"]


# added for the chrome
STRINGS.update(
    {
        # a control that keeps its place but cannot act now: "Zurück: nicht verfügbar"
        "unavailable": {"de": "nicht verfügbar", "en": "not available", "ls": "geht gerade nicht"},
    }
)
