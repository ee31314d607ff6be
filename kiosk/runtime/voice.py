"""The session's use of the speaker: when speech is allowed, what Repeat repeats, what Pause holds.

Every user action silences speech first (EN 301 549 5.1.3.5), including the press on Pause itself. So
Pause cannot simply pause the player: it *holds* what that press cut off, and Resume speaks it again from
the sentence where it stopped. The names of the Repeat and Pause controls, spoken when they are explored,
are never what Repeat repeats or Pause holds.
"""

from __future__ import annotations

from kiosk.runtime.speaker import Speaker


class Voice:
    def __init__(self, speaker: Speaker | None) -> None:
        self.speaker = speaker
        self.repeatable: tuple[str, str] | None = None  # the last content utterance
        self.cut: tuple[str, str, int] | None = None  # what the latest input silenced, and where
        self.held: tuple[str, str, int] | None = None  # what Pause keeps for Resume
        self._control = False  # the latest utterance was the name of Repeat or Pause

    def say(self, text: str, language: str, control: bool = False) -> None:
        if self.speaker is None or not text:
            return
        self._control = control
        if not control:
            self.repeatable = (text, language)
            self.held = self.cut = None  # new content: there is nothing left to resume or to hold
        self.speaker.say(text, language)

    def interrupt(self) -> None:
        """Silence at once; remember what was cut off (unless it was only a control's name)."""
        if self.speaker is None:
            return
        if not self._control:
            self.cut = self.speaker.position()
        self.speaker.stop()

    @property
    def can_pause(self) -> bool:
        """Pause has something to act on: content is being spoken, the latest input cut it off (the
        press on Pause itself), or it is held for Resume."""
        if self.speaker is None:
            return False
        return self.held is not None or self.cut is not None or (self.speaker.speaking and not self._control)

    def repeat(self) -> None:
        if self.repeatable is not None:
            self.say(*self.repeatable)

    def toggle_pause(self) -> bool:
        """Pause (hold what was cut off) or Resume (speak it from where it stopped); True if paused."""
        if self.speaker is None:
            return False
        if self.held is not None:
            text, language, sentence = self.held
            self.held, self._control = None, False
            self.repeatable = (text, language)
            self.speaker.say(text, language, start=sentence)
            return False
        if self.cut is not None:
            self.held, self.cut = self.cut, None
        return self.held is not None

    def reset(self) -> None:
        self.repeatable = self.cut = self.held = None
        self._control = False
        if self.speaker is not None:
            self.speaker.stop()
