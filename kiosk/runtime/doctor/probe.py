"""The parts of ``kiosk doctor`` that start Qt, QtWebEngine or espeak-ng, each in a child process of its
own (``python -m kiosk.runtime.doctor.probe display|webengine|voices LANG…``).

A platform plugin that cannot connect aborts the process (Qt's ``qFatal``), Chromium may hang in its
start, espeak-ng is C behind ctypes: in a child, a crash or a hang is one clean "fail" of one check,
with the child's last words, and the doctor goes on. A child prints one JSON object as its last line of
stdout and ends with ``os._exit`` so no Qt or Chromium teardown can hang it after the answer.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WEB_TIMEOUT_S = 20.0
PAGE_TITLE = "kiosk-doctor"
PAGE = f"data:text/html;charset=utf-8,<title>{PAGE_TITLE}</title><p>Smile City</p>"
SPOKEN = "Smile City"  # a short text every voice can say


def _answer(doc: dict[str, Any], code: int = 0) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def display() -> None:
    from PySide6.QtGui import QGuiApplication

    started = time.monotonic()
    app = QGuiApplication([sys.argv[0]])
    screen = app.primaryScreen()
    geometry = screen.geometry() if screen is not None else None
    _answer(
        {
            "platform": app.platformName(),
            "ms": round((time.monotonic() - started) * 1000),
            "screen": screen.name() if screen is not None else None,
            "width": geometry.width() if geometry is not None else None,
            "height": geometry.height() if geometry is not None else None,
            "screens": len(app.screens()),
        }
    )


def webengine() -> None:
    from kiosk.runtime.app import prepare_qt

    started = time.monotonic()
    prepare_qt(None, web=True)  # the kiosk's own Chromium switches and start order
    from PySide6.QtCore import QTimer, qVersion
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, qWebEngineChromiumVersion
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    profile = QWebEngineProfile(app)  # off the record: the doctor leaves nothing on disk
    page = QWebEnginePage(profile, app)
    outcome: dict[str, Any] = {"qt": qVersion(), "chromium": qWebEngineChromiumVersion()}

    def finish(ok: bool, why: str = "") -> None:
        outcome.update(ok=ok, error=why, ms=round((time.monotonic() - started) * 1000))
        _answer(outcome)

    def titled(title: object) -> None:
        ok = title == PAGE_TITLE
        finish(ok, "" if ok else f"the page ran but its title read {title!r}")

    def loaded(ok: bool) -> None:
        if not ok:
            finish(False, "the data: page did not load")
        page.runJavaScript("document.title", 0, titled)

    page.loadFinished.connect(loaded)
    QTimer.singleShot(
        round(WEB_TIMEOUT_S * 1000), lambda: finish(False, f"no page within {WEB_TIMEOUT_S:g} s")
    )
    page.load(PAGE)
    app.exec()
    finish(False, "the event loop ended without an answer")


def voices(languages: list[str]) -> None:
    """For each language: is its voice there, and does it say a word into a WAV file with samples."""
    import ctypes

    from kiosk.speech.synth import VOICES, wav_stats, write_wav

    try:
        from pyttsx3.drivers import _espeak
    except Exception as exc:  # the library itself is missing: pyttsx3 raises RuntimeError at import
        _answer({"error": f"espeak-ng cannot be loaded: {exc}"})
    rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 100)
    if rate <= 0:
        _answer({"error": "espeak-ng could not be initialised (its data folder is missing?)"})
    pieces: list[bytes] = []

    def collect(wav: Any, count: int, events: Any) -> int:
        if count > 0 and wav:
            pieces.append(ctypes.string_at(wav, count * 2))
        return 0

    _espeak.SetSynthCallback(collect)
    found: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-doctor-") as folder:
        for language in languages:
            voice = VOICES.get(language, "")
            entry: dict[str, Any] = {"voice": voice, "ok": False, "seconds": 0.0, "error": ""}
            found[language] = entry
            if not voice:
                entry["error"] = "the kiosk has no voice for this language"
                continue
            if _espeak.SetVoiceByName(voice.encode()) != _espeak.EE_OK:
                entry["error"] = f"espeak-ng has no voice {voice}"  # the kiosk would speak German instead
                continue
            pieces.clear()
            _espeak.Synth(SPOKEN, flags=_espeak.CHARS_UTF8 | _espeak.ENDPAUSE)
            wav = Path(folder) / f"{language}.wav"
            write_wav(wav, b"".join(pieces), rate)
            seconds, level = wav_stats(wav)
            entry["seconds"] = round(seconds, 2)
            entry["ok"] = seconds > 0.1 and level > 0.001
            if not entry["ok"]:
                entry["error"] = f"the voice {voice} made {seconds:.2f} s of silence"
    _answer({"rate": rate, "voices": found})


def main(argv: list[str]) -> None:
    what = argv[0] if argv else ""
    if what == "display":
        display()
    elif what == "webengine":
        webengine()
    elif what == "voices":
        voices(argv[1:])
    print(f"unknown probe {what!r}", file=sys.stderr)
    os._exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
