"""The web of one session: an off-the-record browser profile made on first use and destroyed at reset,
and the "pause moving content" switch applied to embedded pages."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # QtWebEngine is loaded by the first web block of a page, not by a session
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from kiosk.ui.slides.web import KioskProfile

WEB_VIEWS = "PySide6.QtWebEngineWidgets"


def _web_views(screen: QWidget) -> list[QWebEngineView]:
    """The web views under ``screen``; none (and Chromium not loaded) if no web view was ever made."""
    if WEB_VIEWS not in sys.modules:
        return []
    from PySide6.QtWebEngineWidgets import QWebEngineView

    return screen.findChildren(QWebEngineView)


# Stop CSS animations, transitions and videos of embedded web pages ("pause moving content", WCAG 2.2.2)
MOTION_JS = """(function(paused){
  var id='kiosk-motion-pause', old=document.getElementById(id);
  if (old) old.remove();
  if (paused) {
    var s=document.createElement('style'); s.id=id;
    s.textContent='*,*::before,*::after{animation-play-state:paused!important;transition:none!important;'
      + 'scroll-behavior:auto!important}';
    (document.head||document.documentElement).appendChild(s);
  }
  document.querySelectorAll('video,audio').forEach(function(m){ if (paused) m.pause(); });
  return paused;
})(%s)"""


class SessionWeb(QObject):
    """``profile()`` for the session's web blocks; ``drop()`` wipes cookies, storage, cache and history."""

    def __init__(self, window: QWidget, allowlist: Iterable[str]) -> None:
        super().__init__(window)
        self.window = window
        self.allowlist = tuple(allowlist)
        self.current: KioskProfile | None = None

    def set_allowlist(self, hosts: Iterable[str]) -> None:
        """A new ``web_allowlist`` (hot reload): the running session's next request obeys it too."""
        self.allowlist = tuple(hosts)
        if self.current is not None:
            self.current.set_allowlist(self.allowlist)

    def profile(self) -> KioskProfile:
        if self.current is None:  # Chromium only once a page embeds the web
            from kiosk.ui.slides.web import make_kiosk_profile

            self.current = make_kiosk_profile(self.allowlist, None)
        return self.current

    def drop(self) -> None:
        """Off the record, everything lives in memory and goes with the profile. The profile must
        outlive the pages using it ("Release of profile requested but WebEnginePage still not deleted"):
        it goes once the last of them, already deleteLater'd, is gone; a zero timer alone does not order
        the two when the reset runs outside the event loop."""
        profile, self.current = self.current, None
        if profile is None:
            return
        profile.clearHttpCache()
        profile.clearAllVisitedLinks()
        store = profile.cookieStore()
        if store is not None:
            store.deleteAllCookies()
        from PySide6.QtWebEngineCore import QWebEnginePage  # loaded: the profile exists

        users = [page for page in self.window.findChildren(QWebEnginePage) if page.profile() is profile]
        if not users:
            QTimer.singleShot(0, profile.deleteLater)
            return
        left = {id(page) for page in users}

        def page_gone(key: int) -> None:
            left.discard(key)
            if not left:  # out of the page's destructor first: the timer holds the last reference
                QTimer.singleShot(0, profile.deleteLater)

        for page in users:
            page.destroyed.connect(partial(page_gone, id(page)))

    @staticmethod
    def watch_motion(screen: QWidget, paused: Callable[[], bool]) -> None:
        """Apply the motion setting to every web view of ``screen`` whenever one finishes loading."""
        for view in _web_views(screen):
            view.loadFinished.connect(lambda ok, v=view: SessionWeb.set_motion(v, paused()))

    @staticmethod
    def apply_motion(screen: QWidget | None, paused: bool) -> None:
        """The motion setting changed: web views of ``screen`` run the script, its videos hold still."""
        for view in _web_views(screen) if screen is not None else []:
            SessionWeb.set_motion(view, paused)
        hold = getattr(screen, "hold_motion", None)  # a page's video blocks
        if callable(hold):
            hold(paused)

    @staticmethod
    def set_motion(view: QWebEngineView, paused: bool) -> None:
        if shiboken6.isValid(view):
            view.page().runJavaScript(MOTION_JS % ("true" if paused else "false"))
