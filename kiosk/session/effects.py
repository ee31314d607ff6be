"""What the session controller is told about the screens, and what it asks the runtime to do (pure).

The controller (``kiosk.session.controller``) never touches a widget: it reads the screens as plain
descriptions (``Screen`` of ``Item``) and answers every event with a list of effects. The Qt adapter
(``kiosk.runtime.interaction``) applies them in order and reports back what it built (``page_shown``
and friends), so the rules of a session can be tested with dataclasses alone.

``Say`` has one meaning: speak this text now, replacing whatever is being spoken. Whether speech mode
allows it was decided by the controller; the adapter never filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from kiosk.i18n.tagged import in_language
from kiosk.session.settings import Settings

MARKABLE = re.compile(r"[^\[\]\n]+")  # text an inline language mark can hold (kiosk.speech.marks)


class Layer(Enum):
    """The session's layers, bottom to top; the topmost one that is open takes the input."""

    PAGE = "page"
    PANEL = "panel"
    NOTICE = "notice"


# roles of an item, as they are spoken ("Schaltfläche, 3 von 14")
ROLES = ("heading", "text", "button", "switch", "choice")


@dataclass(frozen=True)
class Item:
    """One readable or operable thing of a screen, in reading (and keypad) order."""

    name: str  # its spoken text (the accessible name; switches carry their state: "Große Schrift: an")
    role: str = "text"  # one of ROLES
    language: str = ""  # its own voice ("English" in the German panel); "" = the session's
    action: bool = False  # Enter or a double tap operates it (an enabled button)
    control: bool = False  # Repeat or Pause: its name is not what Repeat repeats
    help: str = ""  # its own help text, the first layer of Help
    key: str = ""  # a stable name, to find it again in a rebuilt screen


@dataclass(frozen=True)
class Screen:
    """What a layer shows: its title, its items (everything the keypad reaches) and its help."""

    title: str
    items: tuple[Item, ...] = ()
    help: str = ""


# --- effects ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShowPage:
    """Build the last page of ``stack`` and put it on top of the attract loop (the old one goes). The
    adapter answers ``page_shown`` or, when the page cannot be built, ``page_failed``."""

    stack: tuple[str, ...]


@dataclass(frozen=True)
class OpenPanel:
    """Show the accessibility panel for ``settings``; the adapter answers ``panel_shown``."""

    settings: Settings


@dataclass(frozen=True)
class ClosePanel:
    pass


@dataclass(frozen=True)
class ShowNotice:
    """Help, an error or the idle warning above everything of the session. ``buttons``: (label,
    command) with the commands ``close``, ``more_time``, ``end_session``. The adapter answers
    ``notice_shown``; ``countdown``: the text counts the warning's seconds down."""

    text: str
    buttons: tuple[tuple[str, str], ...]
    countdown: bool = False


@dataclass(frozen=True)
class CloseNotice:
    pass


@dataclass(frozen=True)
class Say:
    """Speak ``text`` in ``language`` now, instead of whatever is spoken. ``control``: the name of
    Repeat or Pause, which Repeat must not repeat."""

    text: str
    language: str
    control: bool = False


@dataclass(frozen=True)
class Cue:
    """Show ``text`` briefly: a key did something that changes nothing else on screen (the end of a
    list, a volume step, Repeat), so every press is seen as well as heard."""

    text: str


@dataclass(frozen=True)
class Focus:
    """Highlight item ``index`` of the top layer (scrolled into view); None: no highlight."""

    index: int | None


@dataclass(frozen=True)
class Activate:
    """Operate item ``index`` of the top layer (click the button)."""

    index: int


@dataclass(frozen=True)
class Settle:
    """A page just opened: touches are captured for a double tap's time, so the second tap of a quick
    double tap cannot operate the new page."""


@dataclass(frozen=True)
class ApplySettings:
    """The session's settings changed (volume, speech, look, motion, blank screen). ``restyle``: the
    look changed, screens are built again (the controller asks for them with ShowPage/OpenPanel)."""

    old: Settings
    new: Settings
    restyle: bool = False


@dataclass(frozen=True)
class Repeat:
    """Say the last content utterance again."""


@dataclass(frozen=True)
class TogglePause:
    """Pause what the latest input cut off, or resume it."""


@dataclass(frozen=True)
class SessionStarted:
    """Hide the attract bar; the loop behind pauses."""


@dataclass(frozen=True)
class Wipe:
    """The session ended (``why``: idle, ended): close every layer, forget speech, drop the web
    profile, show the attract loop again with the device's defaults."""

    why: str
    pages_seen: int = 0


Effect = (
    ShowPage
    | OpenPanel
    | ClosePanel
    | ShowNotice
    | CloseNotice
    | Say
    | Cue
    | Focus
    | Activate
    | Settle
    | ApplySettings
    | Repeat
    | TogglePause
    | SessionStarted
    | Wipe
)


@dataclass
class Effects:
    """The answer to one event, in order. Several texts said for one event become one utterance (a
    second ``Say`` would cut the first off after a few milliseconds); a text in another voice becomes a
    marked passage of it ("English, option, 5 of 18" after German words)."""

    items: list[Effect] = field(default_factory=list)

    def add(self, effect: Effect) -> None:
        if isinstance(effect, Say):
            if not effect.text:
                return
            for i, old in enumerate(self.items):
                if isinstance(old, Say) and not old.control and not effect.control:
                    if old.language == effect.language:
                        self.items[i] = Say(f"{old.text} {effect.text}", old.language)
                        return
                    if MARKABLE.fullmatch(effect.text):  # another voice: a passage of its own
                        # tags do not nest: a passage of the newer text in yet another voice keeps it
                        passage = in_language(effect.text, effect.language)
                        self.items[i] = Say(f"{old.text} {passage}", old.language)
                        return
                    del self.items[i]  # cannot be marked: the newer text wins
                    break
        self.items.append(effect)

    def said(self) -> str:
        return " ".join(e.text for e in self.items if isinstance(e, Say))


__all__ = [
    "ROLES",
    "Activate",
    "ApplySettings",
    "CloseNotice",
    "ClosePanel",
    "Cue",
    "Effect",
    "Effects",
    "Focus",
    "Item",
    "Layer",
    "OpenPanel",
    "Repeat",
    "Say",
    "Screen",
    "SessionStarted",
    "Settle",
    "ShowNotice",
    "ShowPage",
    "TogglePause",
    "Wipe",
]
