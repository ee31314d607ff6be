"""``kiosk doctor``: every check, one line each, and the exit code (0: nothing failed, 1: something did)."""

from __future__ import annotations

import sys
import time

from kiosk.runtime.doctor.context import Context, DoctorRequest
from kiosk.runtime.doctor.result import Report, failed, text_report
from kiosk.runtime.doctor.runner import TITLES, run_checks, stderr_if_tty


def _fancy() -> bool:
    """✔ and ✘ where the terminal (or the journal) takes UTF-8, words where it does not."""
    return (sys.stdout.encoding or "").lower().replace("-", "") in ("utf8", "utf_8")


def run(request: DoctorRequest) -> int:
    started = time.monotonic()
    ctx = Context(request)
    results = run_checks(ctx, progress=None if request.as_json else stderr_if_tty())
    elapsed = time.monotonic() - started
    if request.as_json:
        print(
            Report(
                ctx.device_name or request.device, str(request.root), tuple(results), elapsed, TITLES
            ).to_json()
        )
    else:
        who = ctx.device_name or request.device or "(no device)"
        fancy = _fancy()
        text = text_report(f"kiosk doctor: {who} in {request.root}", TITLES, results, elapsed, fancy)
        if not fancy:  # a summary's × or a source's ✔ must not end the report with an encoding error
            encoding = sys.stdout.encoding or "ascii"
            text = text.encode(encoding, "replace").decode(encoding)
        print(text)
    return 1 if failed(results) else 0
