"""The rules of a session, as events and effects, without Qt (issue 15): what is shown, focused and said.

Screens are plain ``Screen``/``Item`` values here, exactly what the Qt adapter reports after it built a
page; no test in this folder imports PySide6 (``test_no_qt`` checks that, in a fresh interpreter).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from kiosk.config.models.device import Device
from kiosk.session.controller import SessionController
from kiosk.session.effects import (
    Activate,
    ApplySettings,
    CloseNotice,
    ClosePanel,
    Cue,
    Effects,
    Focus,
    Item,
    Layer,
    OpenPanel,
    Say,
    Screen,
    SessionStarted,
    Settle,
    ShowNotice,
    ShowPage,
    Wipe,
)
from kiosk.session.machine import Phase
from kiosk.speech.marks import marked

T0 = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
USAGE_DE = "Berühren Sie den Bildschirm, dann hören Sie, was dort ist."


def device(**extra: object) -> Device:
    return Device.model_validate(
        {
            "name": "Stele",
            "role": "touch-terminal",
            "layout": "stele",
            "zones": {"inhalt": {"default": "schleife"}},
            "home_page": "start",
            "languages": ["de", "en", "ls"],
            **extra,
        }
    )


def page(title: str = "Start", tiles: tuple[str, ...] = ("Rathaus", "Hafen")) -> Screen:
    items = (
        Item(title, role="heading"),
        *(Item(t, role="button", action=True, key=f"tile-{t}") for t in tiles),
        Item("Zurück", role="button", action=True, key="back"),
        Item("Hilfe", role="button", action=True, key="help"),
    )
    return Screen(title=title, items=items, help="Tippen Sie auf ein Feld.")


PANEL = Screen(
    title="Barrierefreiheit",
    items=(
        Item("Barrierefreiheit", role="heading"),
        Item("English", role="choice", language="en", action=True, key="access-lang-en"),
        Item("Große Schrift: aus", role="switch", action=True, key="access-large_text"),
        Item("Schließen", role="button", action=True, key="access-close"),
    ),
)
NOTICE = Screen(title="", items=(Item("Hilfe-Text"), Item("Schließen", role="button", action=True)))


def said(effects: Effects) -> list[tuple[str, str]]:
    return [(e.text, e.language) for e in effects.items if isinstance(e, Say)]


def kinds(effects: Effects) -> list[type]:
    return [type(e) for e in effects.items]


def started(speech: bool = True, **extra: object) -> tuple[SessionController, Effects]:
    """A session on the home page, as the adapter would answer: ShowPage → page_shown."""
    c = SessionController(device(**extra))
    e = c.start(T0, speech=speech)
    assert kinds(e) == [SessionStarted, ApplySettings, ShowPage] and e.items[-1] == ShowPage(("start",))
    return c, c.page_shown(page())


def test_speech_mode_starts_with_how_it_works_and_the_reachable_item_count() -> None:
    c, e = started()
    assert c.phase is Phase.INTERACTIVE and c.stack == ("start",) and c.top() is Layer.PAGE
    assert Settle() in e.items and Focus(None) in e.items
    [(text, language)] = said(e)  # one utterance: a second would cut the first off
    assert language == "de" and text.startswith(f"Vorlesen ist an. {USAGE_DE}")
    assert "Zweimal tippen" in text and "Tasten" in text
    assert text.endswith("Start. 5 Einträge.")  # the count is what the keypad reaches, not the tiles


def test_the_intro_is_in_the_sessions_language() -> None:
    _c, e = started(default_language="en")
    [(text, language)] = said(e)
    assert language == "en" and text.startswith("Reading aloud is on. Touch the screen to hear")
    assert text.endswith("Start. 5 items.")


def test_items_are_read_with_role_state_and_position_and_the_end_is_said_before_wrapping() -> None:
    c, _ = started()
    heard = [said(c.key("down", T0))[0][0] for _ in range(5)]
    assert heard == [
        "Start, Überschrift, 1 von 5",
        "Rathaus, Schaltfläche, 2 von 5",
        "Hafen, Schaltfläche, 3 von 5",
        "Zurück, Schaltfläche, 4 von 5",
        "Hilfe, Schaltfläche, 5 von 5",
    ]
    end = c.key("down", T0)
    assert said(end) == [("Ende der Liste. Noch einmal Pfeil runter: zurück zum Anfang.", "de")]
    assert Focus(4) in end.items and c.focus == 4  # the highlight stays on the last item
    assert said(c.key("down", T0)) == [("Start, Überschrift, 1 von 5", "de")] and c.focus == 0
    assert said(c.key("up", T0))[0][0].startswith("Anfang der Liste.")
    assert said(c.key("up", T0))[0][0] == "Hilfe, Schaltfläche, 5 von 5"


def test_an_item_with_its_own_voice_says_role_and_position_in_that_language() -> None:
    c, _ = started()
    c.open_panel()
    c.panel_shown(PANEL)
    c.key("down", T0)
    assert said(c.key("down", T0)) == [("English, option, 2 of 4", "en")]
    assert said(c.key("down", T0)) == [("Große Schrift: aus, Schalter, 3 von 4", "de")]


def test_explore_reads_and_a_double_tap_operates_the_item() -> None:
    c, _ = started()
    e = c.pressed(T0, 1)
    assert said(e) == [("Rathaus, Schaltfläche, 2 von 5", "de")] and Activate(1) not in e.items
    assert c.explore(1).items == []  # the same item under the moving finger: not read again
    assert c.double_tapped(T0).items == [Activate(1)]
    c.explore(0)
    assert said(c.double_tapped(T0)) == [("Start, Überschrift, 1 von 5", "de")]  # text: read again


def test_a_new_page_shows_after_the_adapter_built_it_and_back_returns() -> None:
    c, _ = started()
    assert c.open_page("rathaus", known=True).items == [ShowPage(("start", "rathaus"))]
    assert c.stack == ("start",)  # not before it is shown: what is shown and where Back leads agree
    e = c.page_shown(page("Rathaus", ("Bürgerservice",)))
    assert c.stack == ("start", "rathaus") and said(e) == [("Rathaus. 4 Einträge.", "de")]
    assert c.key("back", T0).items[-1] == ShowPage(("start",))
    missing = c.open_page("gibtsnicht", known=False)
    assert any(isinstance(x, ShowNotice) for x in missing.items) and said(missing)[0][0].startswith(
        "Diese Seite gibt es gerade nicht."
    )


def test_the_first_help_press_starts_speech_and_shows_how_it_works() -> None:
    c, _ = started(speech=False)
    e = c.key("help", T0)
    notice = next(x for x in e.items if isinstance(x, ShowNotice))
    assert c.settings.speech and notice.text.startswith(USAGE_DE)  # seen as well as heard
    [(text, _lang)] = said(e)
    assert text == f"Vorlesen ist an. {notice.text}"


def test_help_knows_the_mode_and_closing_it_says_where_one_is() -> None:
    c, _ = started()
    c.key("down", T0)
    c.key("down", T0)  # on "Rathaus"
    first = c.key("help", T0)
    assert next(x for x in first.items if isinstance(x, ShowNotice)).text.startswith(USAGE_DE)
    c.notice_shown(NOTICE)
    second = c.key("help", T0)  # the next layer: the page's help
    assert said(second) == [("Tippen Sie auf ein Feld.", "de")] and CloseNotice() in second.items
    c.notice_shown(NOTICE)
    back = c.key("back", T0)
    assert CloseNotice() in back.items and Focus(1) in back.items and c.top() is Layer.PAGE
    assert said(back) == [("Hilfe geschlossen. Start. 5 Einträge. Rathaus, Schaltfläche, 2 von 5", "de")]


def test_touch_mode_help_ends_with_how_to_start_speech() -> None:
    c, _ = started(speech=False)
    c.help()
    c.notice_shown(NOTICE)
    e = c.help()
    assert said(e) == []  # touch mode: seen, not heard
    assert next(x for x in e.items if isinstance(x, ShowNotice)).text.startswith("Zum Vorlesen halten Sie")


def test_every_settings_change_is_confirmed_in_the_new_language() -> None:
    c, _ = started()
    c.open_panel()
    c.panel_shown(PANEL)
    c.key("down", T0)
    c.key("down", T0)  # on "English"
    e = c.change_settings(replace(c.settings, language="en"))
    assert kinds(e)[:4] == [ApplySettings, ShowPage, ClosePanel, OpenPanel] and e.items[0].restyle
    assert said(e) == [("Language: English", "en")]
    assert c.page_shown(page("Home")).items == [Settle()]  # rebuilt quietly, under the panel
    again = c.panel_shown(replace(PANEL, title="Accessibility"))
    assert again.items == [Focus(1)] and c.focus == 1  # still on the item just chosen
    big = c.change_settings(c.settings.toggled("large_text"))
    assert said(big) == [("Large text: on", "en")]
    assert said(c.key("volume_up", T0)) == [("Volume 6 of 10", "en")]
    closed = c.key("back", T0)
    assert said(closed) == [("Settings closed. Home. 5 items.", "en")] and ClosePanel() in closed.items


def test_say_has_one_rule_speech_mode_or_forced() -> None:
    c, _ = started(speech=False)
    assert c.say("Hallo").items == [] and c.key("down", T0).items == [Focus(0)]
    assert said(c.say("Fehler", force=True)) == [("Fehler", "de")]
    assert said(c.key("volume_down", T0)) == [("Lautstärke 4 von 10", "de")]  # a key's effect is heard
    off = c.start_speech()
    assert c.settings.speech and said(off)[0][0].startswith("Vorlesen ist an.")
    assert said(c.change_settings(replace(c.settings, speech=False))) == [("Vorlesen ist aus.", "de")]


def test_an_emergency_is_a_model_flag_and_input_only_replays_it() -> None:
    c, _ = started()
    c.set_alert(True)
    assert c.top() is None and c.items() == () and c.key("down", T0).items == []
    assert said(c.under_alert(T0, "Sturmwarnung.", "de")) == [("Sturmwarnung.", "de")]
    c.set_alert(False)
    assert c.top() is Layer.PAGE


def test_idle_warning_then_wipe_with_the_device_defaults() -> None:
    c, _ = started(speech=False, session={"idle_timeout": "60s", "idle_warning": "20s"})
    c.change_settings(c.settings.toggled("high_contrast"))
    assert c.tick(T0 + timedelta(seconds=59)).items == []
    warned = c.tick(T0 + timedelta(seconds=60))
    notice = next(x for x in warned.items if isinstance(x, ShowNotice))
    assert notice.countdown and [cmd for _, cmd in notice.buttons] == ["more_time", "end_session"]
    c.notice_shown(NOTICE)
    wiped = c.tick(T0 + timedelta(seconds=80))
    assert kinds(wiped) == [Wipe, ApplySettings] and wiped.items[0] == Wipe("idle", 1)
    assert c.phase is Phase.ATTRACT and not c.settings.high_contrast and c.screens == {}


def test_a_home_page_that_cannot_be_built_ends_the_session() -> None:
    c = SessionController(device())
    c.start(T0, panel=True)
    e = c.page_failed()
    assert kinds(e) == [Wipe, ApplySettings] and c.phase is Phase.ATTRACT
    c.closed = True
    assert c.start(T0).items == []  # closed: no session starts


def test_the_panel_opens_after_the_home_page_from_the_attract_bar() -> None:
    c = SessionController(device())
    c.start(T0, panel=True)
    e = c.page_shown(page())
    assert said(e) == [] and isinstance(e.items[-1], OpenPanel)


def test_effects_merge_texts_of_one_event_into_one_utterance() -> None:
    e = Effects()
    e.add(Say("Eins.", "de"))
    e.add(Say("Zwei.", "de"))
    e.add(Say("", "de"))
    assert e.items == [Say("Eins. Zwei.", "de")]
    e.add(Say("Three.", "en"))
    [one] = e.items  # another voice: a passage in its language, in the same utterance
    assert one.language == "de" and one.text.startswith("Eins. Zwei. ")
    assert marked(one.text) == [(None, "Eins. Zwei. "), ("en", "Three"), (None, ".")]  # "." ends it too
    e.add(Say("[x]", "ls"))
    assert e.items == [Say("[x]", "ls")]  # cannot be marked: the newer text wins


def test_every_key_press_changes_something_on_screen() -> None:
    c, _ = started(speech=False)
    assert c.key("volume_up", T0).items[0] == Cue("Lautstärke 6 von 10")
    assert Cue("Wiederholen") in c.key("repeat", T0).items
    assert Cue("Start. 5 Einträge.") in c.key("back", T0).items  # Back on the home page: nowhere to go
    assert all(isinstance(c.key("down", T0).items[0], Focus) for _ in range(5))
    end = c.key("down", T0)
    assert Cue("Ende der Liste. Noch einmal Pfeil runter: zurück zum Anfang.") in end.items
    assert any(isinstance(x, ShowNotice) for x in c.key("help", T0).items)  # the first Help press


def test_help_starts_from_its_first_layer_again_after_it_was_closed() -> None:
    c, _ = started()
    c.key("help", T0)
    c.notice_shown(NOTICE)
    c.key("back", T0)
    again = c.key("help", T0)
    assert said(again)[0][0].startswith(USAGE_DE)


def test_where_one_is_keeps_an_item_in_another_voice_in_the_same_utterance() -> None:
    c, _ = started()
    c.open_panel()
    c.panel_shown(PANEL)
    c.key("down", T0)
    c.key("down", T0)  # on "English"
    c.key("help", T0)
    c.notice_shown(NOTICE)
    [(text, language)] = said(c.key("back", T0))
    assert language == "de" and marked(text) == [
        (None, "Hilfe geschlossen. Barrierefreiheit. 4 Einträge. "),
        ("en", "English, option, 2 of 4"),
    ]


def test_back_returns_to_the_item_that_opened_the_page() -> None:
    c, _ = started()
    c.explore(2)  # "Hafen"
    c.open_page("hafen", known=True)
    c.page_shown(page("Hafen", ()))
    back = c.key("back", T0)
    assert back.items[-1] == ShowPage(("start",))
    shown = c.page_shown(page())
    assert c.focus == 2 and Focus(2) in shown.items
    assert said(shown) == [("Start. 5 Einträge. Hafen, Schaltfläche, 3 von 5", "de")]
    assert said(c.key("down", T0)) == [("Zurück, Schaltfläche, 4 von 5", "de")]
