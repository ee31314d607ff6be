"""The doctor's runner and report: a hanging or crashing check is one failure with a fix, never the end
of the doctor; and the platform plugin Qt would pick, read from the environment as Qt reads it."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.runtime.doctor.checks_qt import expected_platform
from kiosk.runtime.doctor.context import Context, DoctorRequest
from kiosk.runtime.doctor.result import Result, text_report
from kiosk.runtime.doctor.runner import Task, run_checks


def test_a_hung_check_and_a_crashed_check_are_failures_with_fixes_and_the_others_still_report() -> None:
    release = threading.Event()

    def crash(_ctx: Context) -> Result:
        raise OSError("no such thing")

    tasks = (
        Task(("hangs",), 0.5, lambda _c: [Result("hangs", "pass", "never")] if release.wait(30) else []),
        Task(("crashes",), 5, crash),
        Task(
            ("fine", "also"),
            5,
            lambda _c: [Result("fine", "pass", "ok"), Result("also", "warn", "hm", "do x")],
        ),
    )
    ctx = Context(DoctorRequest(Path(".")))
    results = run_checks(ctx, budget_s=5, tasks=tasks, order=("fine", "also", "hangs", "crashes"))
    release.set()
    by_id = {r.check: r for r in results}
    assert [r.check for r in results] == ["fine", "also", "hangs", "crashes"]
    assert by_id["hangs"].status == "fail" and by_id["hangs"].summary == "did not finish within 0.5 s"
    assert by_id["crashes"].status == "fail" and "OSError: no such thing" in by_id["crashes"].summary
    assert all(by_id[c].fix for c in ("hangs", "crashes"))
    assert by_id["fine"].status == "pass" and by_id["also"].fix == "do x"


def test_a_failed_content_load_releases_the_checks_waiting_for_the_device() -> None:
    def load(_ctx: Context) -> Result:
        raise RuntimeError("disk gone")

    waits = Task(("voices",), 10, lambda c: Result("voices", "pass" if c.device(8) else "skip", "x"))
    ctx = Context(DoctorRequest(Path(".")))
    results = run_checks(
        ctx, budget_s=10, tasks=(Task(("config",), 5, load), waits), order=("config", "voices")
    )
    assert [r.status for r in results] == ["fail", "skip"]
    assert results[1].ms < 5000  # released by the failed load, not by its own deadline


def test_the_text_report_has_one_line_per_check_and_the_fix_below_it() -> None:
    results = [Result("a", "pass", "fine"), Result("b", "fail", "broken", fix="mend it", details=("x: 1",))]
    text = text_report("head", {"a": "alpha", "b": "beta"}, results, 1.25, fancy=True)
    assert text.splitlines() == [
        "head",
        "✔ alpha  fine",
        "✘ beta   broken",
        "    x: 1",
        "    → fix: mend it",
        "2 checks: 1 passed, 1 failed (1.2 s)",
    ]
    plain = text_report("head", {"a": "alpha", "b": "beta"}, results, 1.0, fancy=False)
    assert "FAIL beta   broken" in plain and "-> fix: mend it" in plain


def test_the_platform_qt_would_pick() -> None:
    assert expected_platform({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}) == (
        "offscreen",
        "QT_QPA_PLATFORM=offscreen",
    )
    assert expected_platform({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"})[0] == "wayland"
    assert (
        expected_platform({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"})[0]
        == "xcb"
    )
    assert expected_platform({})[0] is None


def test_an_unknown_device_fails_config_with_the_names_there_are() -> None:
    from kiosk.runtime.doctor.checks_content import check_config
    from tests.conftest import REPO

    ctx = Context(DoctorRequest(REPO, "stadthafen-stel"))
    result = check_config(ctx)
    assert result.status == "fail" and result.summary.startswith(
        "no device 'stadthafen-stel' in device-config/"
    )
    assert result.fix == (
        "name a device of device-config/ (sporthalle-schmarl, stadthafen-stele); "
        "did you mean 'stadthafen-stele'?"
    )
    assert ctx.device(0) is None  # the checks that need the device are told at once
