"""When the screen is powered: open, or an emergency warning takes over; one command per change."""

from __future__ import annotations

from kiosk.schedule.power import PowerDecision, PowerState


def test_on_while_open_or_under_a_takeover_warning() -> None:
    assert PowerState(open=True, takeover=False).wanted == "on"
    assert PowerState(open=False, takeover=True).wanted == "on"
    assert PowerState(open=False, takeover=False).wanted == "off"
    assert PowerState(open=False).quiet and not PowerState(open=True).quiet


def test_one_command_per_change_and_off_again_after_the_warning_if_still_closed() -> None:
    decision = PowerDecision()
    assert decision.update(open=True) is None, "a kiosk starts with its screen on"
    assert decision.update(open=False) == "off"
    assert decision.reason() == "closed"
    assert decision.update(open=False) is None, "the same state every tick sends nothing"
    assert decision.update(takeover=True) == "on"
    assert decision.reason() == "emergency warning while closed"
    assert decision.update(open=True) is None, "opening under a warning changes nothing"
    assert decision.update(takeover=False) is None
    assert decision.update(open=False) == "off"
    assert decision.update(takeover=True) == "on"
    assert decision.update(takeover=False) == "off", "the warning ended while still closed"
    assert decision.update(open=True) == "on"
    assert decision.reason() == "open"
