"""The browser side of web content on a public kiosk: an off-the-record profile whose request interceptor
enforces the device's ``web_allowlist``, and a page that never opens anything over the kiosk.

Nothing a page does may put a window, a prompt or a question in front of a passer-by, or hold the kiosk
on a page: JavaScript dialogs are answered at once as if nobody were there, ``beforeunload`` never asks,
a login is refused (after one request, not in a loop), permissions, full screen and file choosers are
denied. Each of these is logged once per page, never per call: a page calling ``alert()`` in a loop must
not flood the journal. Traffic that the interceptor cannot see (WebRTC's UDP, preconnects) is stopped by
Chromium switches set at start (``runtime/chromium.py``) and, in the page, by ``GUARD_JS``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtNetwork import QAuthenticator
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEngineFileSystemAccessRequest,
    QWebEngineFullScreenRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from kiosk.config.allowlist import url_allowed

log = logging.getLogger(__name__)

# In every frame before any script of the page runs: no WebRTC objects (their UDP never passes the request
# interceptor; the Chromium switch stops it too, this is the second wall) and no beforeunload handler.
GUARD_JS = """(function () {
  'use strict';
  ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel', 'RTCIceCandidate',
   'RTCSessionDescription', 'RTCRtpSender', 'RTCRtpReceiver', 'RTCRtpTransceiver'].forEach(function (name) {
    try { Object.defineProperty(window, name, {value: undefined, writable: false, configurable: false}); }
    catch (e) {}
  });
  var add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type) {
    if (this === window && String(type).toLowerCase() === 'beforeunload') { return; }
    return add.apply(this, arguments);
  };
  try {
    Object.defineProperty(window, 'onbeforeunload',
      {get: function () { return null; }, set: function () {}, configurable: false});
  } catch (e) {}
})();"""

# What QtWebEngine asks through javaScriptConfirm() when a page's beforeunload handler wants to keep the
# passer-by on it (qwebenginepage.cpp); answered "leave", so nothing can hold the kiosk on a page.
UNLOAD_QUESTION = "Are you sure you want to leave this page? Changes that you made may not be saved."


class AllowlistInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request (navigation, scripts, images) whose host is not on the device allowlist.

    The allowlist is read on every request, so ``set_allowlist`` (hot reload) applies to the next one.
    """

    def __init__(self, allowlist: Iterable[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allowlist = tuple(allowlist)

    def set_allowlist(self, hosts: Iterable[str]) -> None:
        self.allowlist = tuple(hosts)  # one reference swapped: a request sees the old or the new list

    def allows(self, url: str) -> bool:
        return url.startswith(("data:", "blob:")) or url_allowed(url, self.allowlist)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        if not self.allows(info.requestUrl().toString()):
            info.block(True)


class KioskProfile(QWebEngineProfile):
    """An off-the-record profile (nothing reaches the disk) locked down for public use."""

    def __init__(self, allowlist: Iterable[str], parent: QObject | None = None) -> None:
        super().__init__(parent)  # no storage name: off the record
        settings = self.settings()
        attribute = QWebEngineSettings.WebAttribute
        for name, value in (
            (attribute.JavascriptCanOpenWindows, False),
            (attribute.LocalContentCanAccessFileUrls, False),
            (attribute.LocalContentCanAccessRemoteUrls, False),
            (attribute.PluginsEnabled, False),
            (attribute.FullScreenSupportEnabled, False),
            (attribute.PdfViewerEnabled, False),
            (attribute.NavigateOnDropEnabled, False),
            (attribute.ShowScrollBars, False),
            (attribute.ErrorPageEnabled, False),  # never Chromium's error page with the address on it
            (attribute.DnsPrefetchEnabled, False),
            (attribute.WebRTCPublicInterfacesOnly, True),  # a third wall: never the local addresses
            (attribute.ScreenCaptureEnabled, False),
            (attribute.JavascriptCanAccessClipboard, False),
            (attribute.JavascriptCanPaste, False),
            (attribute.AllowWindowActivationFromJavaScript, False),
        ):
            settings.setAttribute(name, value)
        # owned by the profile and referenced from Python, or the override is silently dropped
        self.interceptor = AllowlistInterceptor(allowlist, self)
        self.setUrlRequestInterceptor(self.interceptor)
        guard = QWebEngineScript()
        guard.setName("kiosk-guard")
        guard.setSourceCode(GUARD_JS)
        guard.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        guard.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)  # where the page's own scripts look
        guard.setRunsOnSubFrames(True)
        self.scripts().insert(guard)
        self.downloadRequested.connect(_refuse_download)

    def set_allowlist(self, hosts: Iterable[str]) -> None:
        self.interceptor.set_allowlist(hosts)

    def allows(self, url: str) -> bool:
        return self.interceptor.allows(url)


def make_kiosk_profile(allowlist: Iterable[str], parent: QObject | None = None) -> KioskProfile:
    """An off-the-record profile (nothing reaches the disk) locked down for public use."""
    return KioskProfile(allowlist, parent)


def _refuse_download(download: QWebEngineDownloadRequest) -> None:
    download.cancel()


class KioskPage(QWebEnginePage):
    """A page that shows nothing but itself: no dialog, prompt, login, permission or file chooser.

    ``refused`` (with a reason) tells the widget the page cannot be shown as meant: its main frame wanted
    to leave the allowlist, or it asks for a login.
    """

    refused = Signal(str)

    def __init__(self, profile: KioskProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.kiosk_profile = profile
        self.told: set[str] = set()
        self.authenticationRequired.connect(self._login_wanted)
        self.proxyAuthenticationRequired.connect(self._proxy_login_wanted)
        self.permissionRequested.connect(self._deny_permission)
        self.fullScreenRequested.connect(self._deny_full_screen)
        self.fileSystemAccessRequested.connect(self._deny_file_access)

    def _tell(self, kind: str, what: str) -> None:
        """Log once per page and kind."""
        if kind not in self.told:
            self.told.add(kind)
            log.warning("web page %s: %s", self.url().host() or self.requestedUrl().host(), what)

    # --- JavaScript dialogs: answered as if nobody were there ------------------------------------------
    def javaScriptAlert(self, securityOrigin: QUrl | str, msg: str) -> None:
        self._tell("alert", "alert() suppressed (no dialog on a kiosk)")

    def javaScriptConfirm(self, securityOrigin: QUrl | str, msg: str) -> bool:
        unload = QCoreApplication.translate("QWebEnginePage", UNLOAD_QUESTION)
        if msg in (UNLOAD_QUESTION, unload):
            self._tell("beforeunload", "beforeunload question suppressed; the page is left")
            return True
        self._tell("confirm", "confirm() suppressed and answered 'cancel'")
        return False

    def javaScriptPrompt(self, securityOrigin: QUrl | str, msg: str, defaultValue: str) -> tuple[bool, str]:
        self._tell("prompt", "prompt() suppressed and answered 'cancel'")
        return False, ""

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        lineNumber: int,
        sourceID: str,
    ) -> None:
        pass  # a page's console is not the kiosk's journal (a page logging in a loop would flood it)

    def chooseFiles(
        self, mode: QWebEnginePage.FileSelectionMode, old: Sequence[str], mime_types: Sequence[str]
    ) -> list[str]:
        self._tell("files", "file chooser refused")
        return []

    # --- navigation ------------------------------------------------------------------------------------
    def acceptNavigationRequest(
        self, url: QUrl | str, type: QWebEnginePage.NavigationType, isMainFrame: bool
    ) -> bool:
        url = QUrl(url)
        text = url.toString()
        if self.kiosk_profile.allows(text):
            return True
        if not isMainFrame:
            # an empty or inline frame loads nothing from anywhere; any other frame off the list stays empty
            return text.startswith(("about:blank", "about:srcdoc"))
        host = url.host() or url.scheme()
        self._tell(f"navigation:{host}", f"navigation to {host} refused: not on the device's web_allowlist")
        self.refused.emit(f"{host} is not on the device's web_allowlist")
        return False

    # --- logins, permissions, full screen, files -------------------------------------------------------
    def _login_wanted(self, url: QUrl, authenticator: QAuthenticator) -> None:
        self._refuse_login(url, "a login")

    def _proxy_login_wanted(self, url: QUrl, authenticator: QAuthenticator, proxy_host: str) -> None:
        self._refuse_login(url, f"a proxy login for {proxy_host}")

    def _refuse_login(self, url: QUrl, what: str) -> None:
        # An authenticator left as it is sends empty credentials, the server answers 401 again and asks
        # again: 32 requests in 3 s (measured). PySide cannot null the authenticator, which would cancel;
        # stopping the load cancels the request, so the server sees exactly one.
        self.triggerAction(QWebEnginePage.WebAction.Stop)
        self._tell("login", f"{what} is wanted for {url.host()}; refused (no login on a kiosk)")
        self.refused.emit(f"{url.host()} wants {what}")

    def _deny_permission(self, permission: QWebEnginePermission) -> None:
        self._tell(
            f"permission:{permission.permissionType().name}", f"{permission.permissionType().name} denied"
        )
        permission.deny()

    def _deny_full_screen(self, request: QWebEngineFullScreenRequest) -> None:
        self._tell("fullscreen", "full screen refused")
        request.reject()

    def _deny_file_access(self, request: QWebEngineFileSystemAccessRequest) -> None:
        self._tell("filesystem", "file system access refused")
        request.reject()
