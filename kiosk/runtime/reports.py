"""What a running device records for the city: proof of play and hourly page statistics.

Files (JSON lines, rotated, see ``records.jsonl``) in the records folder: ``proof-of-play.jsonl`` and
``statistics.jsonl``. The folder is ``$XDG_STATE_HOME/smile-city-touchpoint/records`` beside the last good
data, or ``records/`` inside ``kiosk run --data-dir DIR`` (a test or a demo keeps all it leaves in the
folder it named). Lines are handed to one writer thread (``records.writer``), so a flush never holds up a
switch; ``stop()`` writes the showing on screen and the open hours' statistics, then flushes.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer

from kiosk.config.models.device import Records
from kiosk.records.jsonl import JsonlFile
from kiosk.records.place import PROOF, STATISTICS
from kiosk.records.proof import ProofOfPlay
from kiosk.records.stats import HourlyStats
from kiosk.records.writer import RecordWriter
from kiosk.runtime.datahub import timer_ms
from kiosk.schedule.clock import Clock, real_seconds
from kiosk.session.settings import Settings

log = logging.getLogger(__name__)


def log_file(folder: Path, name: str, settings: Records) -> JsonlFile:
    return JsonlFile(
        folder,
        name,
        max_bytes=round(settings.max_file_mb * 1_000_000),
        keep=settings.keep_files,
        sync_every_s=settings.sync_every.total_seconds(),
    )


class Reports(QObject):
    def __init__(
        self, device: str, settings: Records, folder: Path, clock: Clock, tz: ZoneInfo, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.folder = folder
        self.clock = clock
        self.tz = tz
        self.proof = ProofOfPlay(device)
        self.stats = HourlyStats()
        self.writer = RecordWriter()
        self.proof_file = log_file(folder, PROOF, settings)
        self.stats_file = log_file(folder, STATISTICS, settings)
        self._flush = QTimer(self)  # the end of the oldest open hour of statistics
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self._flush_hours)
        self._stopped = False
        self.latest: dict[str, tuple[str | None, str | None]] = {}  # zone -> what the player shows there
        self.covers: set[str] = set()  # "session", "alert": something hides every zone
        log.info(
            "records: %s in %s",
            " and ".join(
                name
                for name, on in (
                    ("proof of play", settings.proof_of_play),
                    ("statistics", settings.statistics),
                )
                if on
            )
            or "none",
            folder,
        )

    def now(self) -> datetime:
        return self.clock.now().astimezone(self.tz)

    def shown(self, zone: str, playlist: str | None, slide: str | None) -> None:
        """A zone changed what it shows (None: standby or closed)."""
        self.latest[zone] = (playlist, slide)
        self._seen(zone)

    def cover(self, why: str, covered: bool) -> None:
        """A session's page or an emergency overlay hides (or no longer hides) every zone: what is under
        it is not seen, so its showing ends there and a new one starts when it is seen again."""
        before = bool(self.covers)
        (self.covers.add if covered else self.covers.discard)(why)
        if bool(self.covers) != before:
            for zone in self.latest:
                self._seen(zone)

    def _seen(self, zone: str) -> None:
        playlist, slide = (None, None) if self.covers else self.latest.get(zone, (None, None))
        ended = self.proof.shown(zone, playlist, slide, self.now())
        if self.settings.proof_of_play and not self._stopped:
            for record in ended:
                self.writer.put(self.proof_file, record)

    def page_view(self, page: str, settings: Settings) -> None:
        if not self.settings.statistics or self._stopped:
            return
        self.stats.page_view(page, self.now(), settings.language, settings.speech)
        if not self._flush.isActive():
            self._arm_flush()

    def session_ended(self) -> None:
        self.stats.session_ended()

    def _arm_flush(self) -> None:
        due = self.stats.next_flush(self.now())
        if due is None:
            return
        delay = max(0.0, real_seconds(self.clock, due - self.clock.now())) + 1.0
        self._flush.start(timer_ms(timedelta(seconds=delay), minimum_ms=0))

    def _flush_hours(self) -> None:
        for record in self.stats.flush(self.now()):
            self.writer.put(self.stats_file, record)
        self._arm_flush()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._flush.stop()
        now = self.now()
        if self.settings.proof_of_play:
            for record in self.proof.stop(now):
                self.writer.put(self.proof_file, record)
        if self.settings.statistics:
            for record in self.stats.flush(now, everything=True):
                self.writer.put(self.stats_file, record)
        if not self.writer.close():
            log.error("records: the last lines were not written within 3 s (disk too slow?)")
