"""``kiosk doctor``: is this machine ready to play its device for months? One line per check.

- ``command``: the command (``run(DoctorRequest)`` → exit code);
- ``runner``: the checks at once, each with its own deadline, all within one budget (< 60 s);
- ``checks_content`` (editor files, data sources), ``checks_qt`` (platform plugin, screen, QtWebEngine),
  ``checks_host`` (voices, audio, fonts, folders), ``checks_system`` (clock, time zone, service);
- ``probe``: what starts Qt, QtWebEngine or espeak-ng, run in a child process each (``subproc``);
- ``result``: a check's result and the report (text or ``--json``).

What each check means and how to fix what it finds: docs/doctor.md.
"""

from kiosk.runtime.doctor.command import run
from kiosk.runtime.doctor.context import DoctorRequest

__all__ = ["DoctorRequest", "run"]
