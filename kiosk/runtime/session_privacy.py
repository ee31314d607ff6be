"""Private listening and a private screen.

Headphones plugged in start reading aloud (R02): whoever brings their own needs neither sight nor touch
(``HeadphoneWatch`` decides, this acts).

Screen blanking while reading aloud (US DOT 49 CFR 27.71(k): a blind passer-by may not want the people
behind them to read along). A switch of the accessibility panel; the blank holds only while speech mode
is on, and ends with the session, since a reset brings the device's defaults back.

Every new settings value (a panel switch, speech started by a key, the reset at the end of a session, a
reloaded device file) reaches the adapter as one ``ApplySettings`` effect, which syncs the blank: there
is no path that can forget it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.ui.blank import BlankScreen

if TYPE_CHECKING:
    from kiosk.session.settings import Settings
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class SessionPrivacy:
    _blank: BlankScreen | None = None
    if TYPE_CHECKING:  # provided by Interaction
        window: MainWindow

        @property
        def settings(self) -> Settings: ...

        def read_aloud(self) -> None: ...

    def headphones_plugged(self, description: str = "") -> None:
        """Start reading aloud, as a long touch would."""
        self.read_aloud()

    @property
    def screen_blanked(self) -> bool:
        return self._blank is not None and not self._blank.isHidden()

    def _sync_blank(self) -> None:
        wanted = self.settings.screen_blanked
        if wanted == self.screen_blanked:
            return
        if self._blank is None:
            self._blank = BlankScreen()
            self.window.add_layer(self._blank, "blank")
        self._blank.setVisible(wanted)
        if wanted:
            self.window.arrange_layers()  # on top of the band, under emergency overlays
        log.info("screen %s for privacy while reading aloud", "blanked" if wanted else "shown again")
