"""The blind passer-by's journey on the real kiosk, heard through its spoken log (issue 15 acceptance).

``kiosk run --log-speech`` on Xvfb, real input through the X server (xdotool), real time: a long touch
starts reading aloud → a finger explores the home page (each item with role and position) → a double
tap opens a tile → Back → the other language chosen with the keypad in the accessibility panel → Help →
closed again. Once on a German device and once on an English one; each step must have been *said*, in
the session's language, before the next one starts. The screen's geometry is never read: like a blind
user, the test touches and listens.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.field.conftest import PORTRAIT, StartKiosk
from tests.field.kioskproc import KioskProcess
from tests.field.packs import touch_pack
from tests.field.xinput import key, xdotool
from tests.field.xserver import XServer

pytestmark = pytest.mark.field

# what the journey hears in each language (the product's words, copied here on purpose: a change of
# them must be a change of this test too)
WORDS = {
    "de": {
        "intro": "Vorlesen ist an. Berühren Sie den Bildschirm, dann hören Sie, was dort ist.",
        "home": "Start",
        "items": "Einträge",
        "of": "von",
        "heading": "Überschrift",
        "button": "Schaltfläche",
        "tile": "Auskunft",
        "access": "Barrierefreiheit",
        "usage": "Berühren Sie den Bildschirm, dann hören Sie, was dort ist.",
        "settings_closed": "Einstellungen geschlossen.",
        "help_closed": "Hilfe geschlossen.",
        "language": "Sprache: Deutsch",
        "option": "Auswahl",
    },
    "en": {
        "intro": "Reading aloud is on. Touch the screen to hear what is there.",
        "home": "Home",
        "items": "items",
        "of": "of",
        "heading": "heading",
        "button": "button",
        "tile": "Information",
        "access": "Accessibility",
        "usage": "Touch the screen to hear what is there.",
        "settings_closed": "Settings closed.",
        "help_closed": "Help closed.",
        "language": "Language: English",
        "option": "option",
    },
}
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
LONG_PRESS_S = 1.0
SPOKEN = r"spoken \((\w+)\): (.*)$"


class Listener:
    """The kiosk's spoken log, read from the moment of an action on."""

    def __init__(self, kiosk: KioskProcess) -> None:
        self.kiosk = kiosk
        self.mark = time.monotonic()

    def act(self) -> None:
        self.mark = time.monotonic()

    def hear(self, pattern: str, language: str, timeout: float = 10) -> re.Match[str]:
        """Wait for an utterance since the last action matching ``pattern`` (whole text) in ``language``."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while time.monotonic() < deadline:
            for _t, m in self.kiosk.find_log(SPOKEN, since=self.mark):
                if m.group(1) == language and (found := regex.fullmatch(m.group(2))):
                    return found
            time.sleep(0.05)
        found = self.kiosk.find_log(SPOKEN, self.mark)
        heard = "\n".join(f"  ({m.group(1)}) {m.group(2)}" for _t, m in found)
        raise AssertionError(f"not heard /{pattern}/ in {language}; heard since the action:\n{heard}")

    def latest(self) -> tuple[str, str] | None:
        found = self.kiosk.find_log(SPOKEN, since=self.mark)
        return (found[-1][1].group(1), found[-1][1].group(2)) if found else None


def touch(display: str, x: int, y: int) -> None:
    xdotool(display, "mousemove", str(x), str(y), "click", "1")


def double_tap(display: str, x: int, y: int) -> None:
    xdotool(display, "mousemove", str(x), str(y), "click", "--repeat", "2", "--delay", "120", "1")


def long_press(display: str, x: int, y: int) -> None:
    xdotool(display, "mousemove", str(x), str(y), "mousedown", "1")
    time.sleep(LONG_PRESS_S + 0.5)
    xdotool(display, "mouseup", "1")


def key_until(display: str, ear: Listener, name: str, pattern: str, language: str, limit: int = 30) -> str:
    """Press ``name`` until the item matching ``pattern`` is said (the keypad reaches everything)."""
    regex = re.compile(pattern)
    for _ in range(limit):
        ear.act()
        key(display, name)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and ear.latest() is None:
            time.sleep(0.03)
        time.sleep(0.05)
        heard = ear.latest()
        if heard is not None and regex.fullmatch(heard[1]):
            assert heard[0] == language, heard
            return heard[1]
    raise AssertionError(f"/{pattern}/ never said with {name}")


def journey(kiosk: KioskProcess, display: str, lang: str, other: str) -> None:
    w, o = WORDS[lang], WORDS[other]
    ear = Listener(kiosk)
    x = PORTRAIT[0] // 2

    # 1. a long touch anywhere on the attract loop: reading aloud is on, how it works, where one is
    ear.act()
    long_press(display, x, PORTRAIT[1] // 3)
    opened = ear.hear(rf"{re.escape(w['intro'])}.* {w['home']}\. (\d+) {w['items']}\.", lang)
    count = int(opened.group(1))
    time.sleep(0.6)  # the settle time of the new page

    # 2. explore: touch down the middle of the screen until the first tile is under the finger; every
    # item says its role and its position among all ``count`` the keypad reaches
    tile_y = None
    for y in range(60, PORTRAIT[1] - 40, 45):
        ear.act()
        touch(display, x, y)
        time.sleep(0.6)  # slower than a double tap
        heard = ear.latest()
        if heard is None:
            continue
        said = heard[1]
        assert re.fullmatch(rf".+, \w+, \d+ {w['of']} {count}", said), said
        if said.startswith(f"{w['tile']}, {w['button']}, "):
            tile_y = y
            break
    assert tile_y is not None, f"no tile found by touch\n{kiosk.tail()}"
    assert kiosk.find_log(rf"spoken \({lang}\): {w['home']}, {w['heading']}, 1 {w['of']} {count}$")

    # 3. a double tap opens what was touched
    ear.act()
    double_tap(display, x, tile_y)
    ear.hear(rf"{w['tile']}\. \d+ {w['items']}\.", lang)
    time.sleep(0.6)

    # 4. Back: the home page again, with its count, on the tile that was opened
    ear.act()
    key(display, "BackSpace")
    ear.hear(rf"{w['home']}\. {count} {w['items']}\. {w['tile']}, {w['button']}, \d+ {w['of']} {count}", lang)

    # 5. the other language with the keypad: to the panel, to the language, Enter; confirmed in it
    key_until(display, ear, "Down", rf"{w['access']}, {w['button']}, \d+ {w['of']} {count}", lang)
    ear.act()
    key(display, "Return")
    ear.hear(rf"{w['access']}\. \d+ {w['items']}\.", lang)
    name = LANGUAGE_NAMES[other]
    key_until(display, ear, "Down", rf"{name}, {o['option']}, \d+ {o['of']} \d+", other)
    ear.act()
    key(display, "Return")
    ear.hear(re.escape(o["language"]), other)
    ear.act()
    key(display, "BackSpace")  # closes the panel: where one is, in the new language
    ear.hear(rf"{re.escape(o['settings_closed'])} {o['home']}\. {count} {o['items']}\.", other)

    # 6. Help knows the mode: how speech mode works comes first; closing it says where one is
    ear.act()
    key(display, "F1")
    ear.hear(rf"{re.escape(o['usage'])}.*", other)
    ear.act()
    key(display, "BackSpace")
    ear.hear(rf"{re.escape(o['help_closed'])} {o['home']}\. {count} {o['items']}\.", other)


@pytest.mark.parametrize(("lang", "other"), [("de", "en"), ("en", "de")])
def test_blind_journey_heard_in_the_spoken_log(
    lang: str, other: str, tmp_path: Path, portrait_xserver: XServer, start_kiosk: StartKiosk
) -> None:
    pack = touch_pack(tmp_path / "pack", languages=["de", "en"], size=PORTRAIT)
    device = pack.root / "device-config/stele.yaml"
    text = device.read_text(encoding="utf-8")
    device.write_text(
        text + f"default_language: {lang}\nspeech:\n  long_press: {LONG_PRESS_S:g}s\n", encoding="utf-8"
    )
    pack.validate()
    kiosk = start_kiosk(pack.root, "stele", ["--log-speech"], server=portrait_xserver)
    began = time.monotonic()
    journey(kiosk, portrait_xserver.display, lang, other)
    took = time.monotonic() - began
    heard = [f"({m.group(1)}) {m.group(2)}" for _t, m in kiosk.find_log(SPOKEN)]
    print(f"blind journey ({lang} → {other}): {took:.1f} s, {len(heard)} utterances:", *heard, sep="\n  ")
    assert took < 60
    assert not kiosk.problems(), kiosk.tail()
