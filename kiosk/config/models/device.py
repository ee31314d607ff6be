"""Devices: one file in ``device-config/`` per screen."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from kiosk.config.fields import DurationRange, Identifier, dur
from kiosk.config.models.base import LANGUAGE_NAMES, EditorModel, FieldProblem
from kiosk.config.models.fleet import Fleet
from kiosk.config.models.playlist import TimeWindow
from kiosk.config.models.sync import Sync
from kiosk.config.suggest import did_you_mean

# Key names as Qt spells them without the ``Key_`` prefix; kept here (not imported from Qt) so the
# pure core can validate them. The runtime maps them with getattr(Qt.Key, "Key_" + name).
KEY_NAMES = frozenset(
    [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    + [str(d) for d in range(10)]
    + [f"F{n}" for n in range(1, 25)]
    + [
        "Up",
        "Down",
        "Left",
        "Right",
        "Return",
        "Enter",
        "Escape",
        "Backspace",
        "Space",
        "Tab",
        "Home",
        "End",
        "PageUp",
        "PageDown",
        "Insert",
        "Delete",
        "Plus",
        "Minus",
        "Asterisk",
        "Slash",
        "NumberSign",
        "Question",
        "Period",
        "Comma",
        "VolumeUp",
        "VolumeDown",
        "VolumeMute",
        "Help",
        "Select",
        "Back",
        "Menu",
        "MediaPlay",
        "MediaPause",
        "MediaTogglePlayPause",
        "MediaStop",
    ]
)


class Screen(EditorModel):
    """The physical screen."""

    width: int = Field(1920, ge=320, le=8192, description="Width in pixels as mounted (after rotation).")
    height: int = Field(1080, ge=240, le=8192, description="Height in pixels as mounted (after rotation).")
    rotation: Literal[0, 90, 180, 270] = Field(
        0,
        description="Rotate the picture clockwise by this many degrees (for a panel mounted on its side). "
        "Applied in full-screen mode by the display server (xrandr on X11, wlr-randr on Wayland), so touch "
        "input turns with the picture.",
    )
    pixel_pitch_mm: float = Field(
        0.4845,
        ge=0.05,
        le=5.0,
        description="Size of one pixel in millimetres "
        "(panel width in mm / horizontal pixels); used for 20 mm touch targets.",
    )
    show_cursor: bool = Field(
        False,
        description="Show the mouse pointer in full screen (a hall display run with a mouse); "
        "off, touch terminals and signage never show one.",
    )
    viewing_distance_m: float = Field(
        0.5,
        ge=0.2,
        le=30.0,
        description="Typical distance of a reader from the screen: every signage text is sized from it "
        "(DIN 1450 visual angle per text type, headings and times with a cap height ≥ 0.7°), and so is "
        "the large-text size of touch pages.",
    )
    low_vision_factor: float = Field(
        1.0,
        ge=1.0,
        le=2.0,
        description="Multiplies every minimum text size from viewing_distance_m, for places where many "
        "readers see poorly (DIN 1450 names 1.4–1.75); 1.0 sizes for a visus of 0.7.",
    )


class ZoneAssignment(EditorModel):
    """What a layout zone plays on this device."""

    playlists: list[Identifier] = Field(
        default=[],
        max_length=32,
        description="Scheduled playlists, highest priority wins; on equal "
        "priority the one listed first wins.",
    )
    default: Identifier | None = Field(
        None,
        description="Playlist played when none of 'playlists' is "
        "scheduled; empty shows the standby screen (city name, clock).",
    )


class Session(EditorModel):
    """Interactive sessions on touch terminals."""

    idle_timeout: Annotated[timedelta, DurationRange("30s", "30m")] = Field(
        dur("90s"), description="No touch for this long starts the idle warning."
    )
    idle_warning: Annotated[timedelta, DurationRange("20s", "5m")] = Field(
        dur("30s"),
        description="How long the (visible and spoken) warning lasts before the session is reset; "
        "at least 20 s (WCAG 2.2.1).",
    )
    max_extensions: int = Field(20, ge=10, le=1000, description="How often 'more time' may be chosen.")


class Speech(EditorModel):
    """Speech output defaults; every session starts from these."""

    enabled: bool = Field(
        False, description="Speak from the first touch (otherwise started by Help key or long touch)."
    )
    volume: int = Field(5, ge=1, le=10, description="Start volume step (1–10); reset after every session.")
    rate_wpm: int = Field(
        160,
        ge=80,
        le=300,
        description="Speaking rate in words per minute; Leichte Sprache is spoken 20 % slower.",
    )
    long_press: Annotated[timedelta, DurationRange("1s", "10s")] = Field(
        dur("3s"), description="A touch held this long anywhere starts speech mode."
    )
    attract_hint: Annotated[timedelta, DurationRange("1m", "2h")] | None = Field(
        None,
        description="On the attract screen, say how to start speech mode this often; empty = never "
        "(the hint is always shown as text; a street terminal that talks to nobody annoys neighbours).",
    )


# the keypad's actions, in the order of the editor reference; the runtime maps each to a Qt key code
KEYPAD_ACTIONS = ("up", "down", "enter", "back", "help", "volume_up", "volume_down", "repeat", "pause")


class Keypad(EditorModel):
    """Key names of a tactile EZ-Access-style keypad (it sends ordinary key events)."""

    up: str = Field("Up", description="Move focus to the previous item.")
    down: str = Field("Down", description="Move focus to the next item.")
    enter: str = Field("Return", description="Activate the focused item.")
    back: str = Field("Backspace", description="Go back one page.")
    help: str = Field("F1", description="Context help; pressed on the attract screen it starts speech mode.")
    volume_up: str = Field("F12", description="One volume step up.")
    volume_down: str = Field("F11", description="One volume step down.")
    repeat: str = Field("F2", description="Say the last spoken content again (not the name of a key).")
    pause: str = Field(
        "F3", description="Pause speech; pressed again, it goes on from the sentence where it stopped."
    )
    debounce: Annotated[timedelta, DurationRange("0s", "1s")] = Field(
        dur("0s"),
        description="Ignore a second press of the same key within this time (tremor filter, "
        "EN 301 549 5.8); held keys never repeat.",
    )

    @field_validator(*KEYPAD_ACTIONS)
    @classmethod
    def _known_key(cls, value: str) -> str:
        if value not in KEY_NAMES:
            raise ValueError(f"unknown key name {value!r}; {did_you_mean(value, KEY_NAMES)}")
        return value


AdminCorner = Literal["top-left", "top-right", "bottom-left", "bottom-right"]


class Admin(EditorModel):
    """The hidden service gesture that asks for the admin PIN (set on the device with
    ``kiosk admin set-pin``; without a PIN the gesture does nothing).

    The gesture is a few quick taps in one corner followed by a long hold in the same corner. A
    passer-by exploring by touch does not make it by chance (a speech-mode double-tap is two taps, a
    long touch for speech mode is one hold); if the hold starts speech mode on the way, opening the PIN
    pad ends that session, so nothing of it stays."""

    corner: AdminCorner = Field("top-left", description="Corner of the screen where the gesture is made.")
    corner_mm: float = Field(
        30.0,
        ge=15.0,
        le=80.0,
        description="Size of the square corner area in millimetres (from screen.pixel_pitch_mm).",
    )
    taps: int = Field(3, ge=2, le=6, description="Quick taps in the corner before the hold.")
    hold: Annotated[timedelta, DurationRange("4s", "15s")] = Field(
        dur("5s"),
        description="How long the touch after the taps must stay in the corner; longer than "
        "speech.long_press, so the gesture differs from the long touch for speech mode.",
    )
    keys: list[str] = Field(
        default=[],
        max_length=8,
        description="A key sequence on a service keypad that asks for the PIN too (pressed within 5 s, "
        "e.g. [F9, F9, F10]); empty = no key sequence. Keys of the passer-by keypad are not allowed.",
    )
    idle_close: Annotated[timedelta, DurationRange("20s", "10m")] = Field(
        dur("60s"), description="The admin screen closes itself after this long without input."
    )

    @field_validator("keys")
    @classmethod
    def _known_keys(cls, value: list[str]) -> list[str]:
        for i, name in enumerate(value):
            if name not in KEY_NAMES:
                raise FieldProblem((i,), f"unknown key name {name!r}", hint=did_you_mean(name, KEY_NAMES))
        return value


class Location(EditorModel):
    """Where the device stands: used for nearby data and warnings."""

    latitude: float = Field(ge=-90, le=90, description="Latitude in degrees (WGS84).")
    longitude: float = Field(ge=-180, le=180, description="Longitude in degrees (WGS84).")
    ars: str = Field(
        "130030000000",
        pattern=r"^\d{12}$",
        description="Amtlicher Regionalschlüssel (12 digits) for NINA warnings; Rostock is 130030000000.",
    )
    address: str = Field("", max_length=200, description="Street address, for the operator.")


class Records(EditorModel):
    """What the device records for the city's reports (operator settings; files in the state folder)."""

    proof_of_play: bool = Field(
        True, description="Write one line per finished showing of a slide (device, zone, slide, times)."
    )
    statistics: bool = Field(
        True,
        description="Count page views per page and hour on touch terminals (no session ids, nothing finer "
        "than the hour).",
    )
    max_file_mb: float = Field(
        5.0,
        ge=0.1,
        le=100.0,
        description="A records file is rotated before it grows past this (MB); 5 MB of proof of play "
        "hold about three days of one zone switching every 10 s.",
    )
    keep_files: int = Field(
        20, ge=1, le=100, description="Rotated files kept per kind; older ones are removed."
    )
    sync_every: Annotated[timedelta, DurationRange("0s", "10m")] = Field(
        dur("30s"),
        description="Flush records to the card at most this often (and at stop): what a power cut may "
        "lose; 0s flushes every record (wears an SD card faster).",
    )


class Device(EditorModel):
    """A device (file in ``device-config/``)."""

    kind_title = "device"

    name: str = Field(min_length=1, max_length=120, description="Name for operators and logs.")
    role: Literal["touch-terminal", "hall-display"] = Field(
        description="touch-terminal: attract loop plus interactive pages; hall-display: signage only."
    )
    layout: Identifier = Field(description="Layout (file in layouts/).")
    theme: Identifier = Field("rostock", description="Theme (file in content/themes/).")
    zones: dict[Identifier, ZoneAssignment] = Field(description="For each zone of the layout, what it plays.")
    timezone: str = Field("Europe/Berlin", description="IANA time zone of the device.")
    languages: list[str] = Field(
        default=["de", "en", "ls"],
        min_length=1,
        max_length=10,
        description="Languages offered to passers-by, in menu order.",
    )
    default_language: str = Field("de", description="Language every session starts in.")
    screen: Screen = Field(Screen(), description="The physical screen.")
    opening_hours: list[TimeWindow] = Field(
        default=[],
        max_length=32,
        description="When the screen is on; empty means always. Warnings wake it anyway.",
    )
    home_page: Identifier | None = Field(
        None, description="First page of an interactive session (touch terminals; file in content/pages/)."
    )
    session: Session = Field(Session(), description="Interactive sessions.")
    speech: Speech = Field(Speech(), description="Speech output.")
    keypad: Keypad = Field(Keypad(), description="Tactile keypad keys.")
    reduce_motion: bool = Field(False, description="Switch off animated transitions and smooth scrolling.")
    web_allowlist: list[str] = Field(
        default=[],
        max_length=100,
        description="Host names web pages may come from ('*.rostock.de' allows sub-domains).",
    )
    location: Location | None = Field(None, description="Where the device stands.")
    records: Records = Field(Records(), description="Proof of play and interaction statistics.")
    fleet: Fleet = Field(Fleet(), description="Doorbell, heartbeat, metrics, remote screenshots (all off).")
    admin: Admin = Field(Admin(), description="The hidden service gesture for the admin screen.")
    sync: Sync | None = Field(
        None,
        description="Fetch this device's content from a signed bundle on a web server or CDN "
        "(docs/fleet.md); empty = play only the files on this machine.",
    )

    @field_validator("timezone")
    @classmethod
    def _zone_exists(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r}; write an IANA name such as 'Europe/Berlin'"
            ) from None
        return value

    @field_validator("languages")
    @classmethod
    def _languages_known(cls, value: list[str]) -> list[str]:
        for i, code in enumerate(value):
            if code not in LANGUAGE_NAMES:
                raise FieldProblem(
                    (i,), f"unknown language {code!r}", hint=did_you_mean(code, LANGUAGE_NAMES)
                )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Device:
        if self.default_language not in self.languages:
            raise FieldProblem(
                ("default_language",),
                f"'{self.default_language}' is not in 'languages'",
                hint="add it to languages or pick one of " + ", ".join(self.languages),
            )
        if self.role == "touch-terminal" and self.home_page is None:
            raise FieldProblem(
                ("home_page",),
                "a touch terminal needs a home_page",
                hint="name the first page of the page tree, e.g. home_page: start",
            )
        keypad = {getattr(self.keypad, k) for k in KEYPAD_ACTIONS}
        if clash := sorted(set(self.admin.keys) & keypad):
            raise FieldProblem(
                ("admin", "keys"),
                f"{', '.join(clash)} is a key of the passer-by keypad",
                hint="use keys only a service keypad has, e.g. F9 or F10",
            )
        if self.admin.hold <= self.speech.long_press:
            raise FieldProblem(
                ("admin", "hold"),
                "the admin hold is not longer than the long touch for speech mode",
                hint="make admin.hold longer than speech.long_press",
            )
        if self.session.idle_warning >= self.session.idle_timeout * 4:
            raise FieldProblem(
                ("session", "idle_warning"),
                "the idle warning is far longer than the idle timeout",
                hint="keep idle_warning shorter than four idle_timeouts",
            )
        return self
