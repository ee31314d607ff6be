"""Time from a touch to the first audio sample written to the output, offscreen, vs pyttsx3's own say().

kiosk: a real mouse press (QTest) on a widget whose handler calls ``Speaker.say()``; the time is taken on
the PcmPlayer (``t_first_sample``). Cold cache: the sentence cache is emptied before every run, so the
first sentence is synthesised by the (running) worker process each time. Warm cache: the same text again,
as with a button label or Repeat.

pyttsx3: ``engine.say(text)`` + ``engine.runAndWait()`` in a separate process, timed until runAndWait
returns. Its espeak driver synthesises the whole text, writes a temporary WAV and only then runs a blocking
``aplay``: with a sound card nothing is heard before synthesis ends and runAndWait returns only after
playback. On a machine without a card aplay fails at once, so the time measured is synthesis + WAV + the
aplay attempt: a lower bound for pyttsx3's time to first sound, and it blocks the calling thread throughout.

Prints p50/p95; no pass/fail. Run: .venv/bin/python bench/bench_speech_latency.py [runs]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEXT = (
    "Willkommen am Stadthafen in Rostock. Hier legen im Sommer die großen Segelschiffe an. "
    "Die Fähre nach Gedser fährt jeden Tag um 14.30 Uhr."
)

PYTTSX3_CHILD = """
import json, sys, time
import pyttsx3
engine = pyttsx3.init()
engine.setProperty("voice", "gmw/de")
engine.setProperty("rate", 160)
engine.say("Guten Tag.")
engine.runAndWait()  # warm-up, as the kiosk's worker does
text, runs, out = sys.argv[1], int(sys.argv[2]), []
for _ in range(runs):
    start = time.perf_counter()
    engine.say(text)
    engine.runAndWait()
    out.append((time.perf_counter() - start) * 1000)
print(json.dumps(out))
"""


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def measure_kiosk(runs: int) -> tuple[float, list[float], list[float], list[float]]:
    from PySide6.QtCore import QEvent, QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.runtime.speaker import Speaker

    app = QApplication.instance() or QApplication([])
    speaker = Speaker(160)

    class Pad(QWidget):
        def event(self, event: QEvent) -> bool:
            if event.type() == QEvent.Type.MouseButtonPress:
                speaker.say(TEXT, "de")
                return True
            return super().event(event)

    pad = Pad()
    pad.resize(300, 300)
    pad.show()

    def touch() -> float:
        """ms from the press to the first sample written; the speech is stopped afterwards."""
        loop = QEventLoop()
        speaker.started.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        start = time.perf_counter()
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
        if speaker.player.t_first_sample is None:
            loop.exec()
        speaker.started.disconnect(loop.quit)
        first = speaker.player.t_first_sample
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
        assert first is not None, "no speech within 20 s"
        # the interrupt: a touch while it speaks silences it (stop() is what every interrupt calls);
        # timed to the player no longer playing (a sound card's own buffer adds its latency, unseen here)
        begun = time.perf_counter()
        speaker.stop()
        while speaker.player.state == "playing" and time.perf_counter() - begun < 5:
            app.processEvents()
        stops.append((time.perf_counter() - begun) * 1000)
        for _ in range(5):  # a calm event loop between runs, like a visitor's pause
            app.processEvents()
            time.sleep(0.01)
        return (first - start) * 1000

    stops: list[float] = []
    first_after_start = touch()  # the worker process may still be starting: reported on its own
    cold, warm = [], []
    for _ in range(runs):
        speaker.clear_cache()
        cold.append(touch())
    for _ in range(runs):
        warm.append(touch())
    speaker.shutdown()
    pad.close()
    pad.deleteLater()
    return first_after_start, cold, warm, stops[1:]


def measure_pyttsx3(runs: int) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", PYTTSX3_CHILD, TEXT, str(runs)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    first_after_start, cold, warm, stops = measure_kiosk(runs)
    reference = measure_pyttsx3(runs)
    print(f"text: {TEXT!r} ({len(TEXT)} chars, 3 sentences)")
    print(f"{'path':<58} {'runs':>4} {'p50 ms':>8} {'p95 ms':>8}")
    rows = [
        ("kiosk: touch → first sample, cold cache", cold),
        ("kiosk: touch → first sample, warm cache", warm),
        ("kiosk: interrupt while speaking → output silent", stops),
        ("pyttsx3: say()+runAndWait() returns (no card: lower bound)", reference),
    ]
    for name, samples in rows:
        p50, p95 = percentiles(samples)
        print(f"{name:<58} {len(samples):>4} {p50:>8.1f} {p95:>8.1f}")
    print(f"kiosk: first touch right after start (worker warming up): {first_after_start:.1f} ms")
    print("pyttsx3 blocks its thread for all of that and, with a sound card, for the whole playback too.")


if __name__ == "__main__":  # the speech worker is a spawned process: it re-imports this module
    main()
