"""The ``kiosk preview`` command line: one picture of an instant, or ``--watch`` for editors (a window or a
picture drawn again after every save). No Qt here: it is imported when the command runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.paths import find_root, output_problem


def add_command(sub: Any, instant: Callable[[str], datetime], size: Callable[[str], tuple[int, int]]) -> None:
    """``kiosk preview``; ``instant`` and ``size`` are the command line's argument types."""
    p = sub.add_parser(
        "preview", help="render what a device shows at an instant to a PNG (offscreen); --watch: follow saves"
    )
    p.add_argument("device", help="device name (file in device-config/)")
    p.add_argument(
        "--at", type=instant, help="instant, e.g. 2026-12-24T17:00 (device time; with --watch: now)"
    )
    p.add_argument("--out", type=Path, help="PNG file to write (with --watch: rewritten after every save)")
    p.add_argument("--size", type=size, help="picture size WxH (default: the device's screen)")
    p.add_argument("--root", type=Path, help="content root (default: as for validate)")
    p.add_argument(
        "--watch",
        action="store_true",
        help="for editors: draw again within a second of every save, problems beside the picture "
        "(a window, or the --out picture); Ctrl+C ends it",
    )
    p.add_argument("--slide", help="with --watch: this slide alone, in each zone that can show it")
    touch = p.add_argument_group("a touch terminal in a session (instead of its attract loop)")
    touch.add_argument("--page", help="show this page (file in content/pages/) as a passer-by sees it")
    touch.add_argument("--panel", action="store_true", help="show the accessibility panel")
    touch.add_argument(
        "--lang",
        help="session language, e.g. en or ls (default: the device's); with --watch also the language "
        "of the messages and status line (en: English, otherwise German)",
    )
    touch.add_argument("--large-text", action="store_true", help="large-text mode")
    touch.add_argument("--high-contrast", action="store_true", help="high-contrast mode")
    p.set_defaults(func=run_command)


def run_command(args: argparse.Namespace) -> int:
    if not args.watch and (args.at is None or args.out is None):
        print(
            "kiosk preview: give --at and --out (or --watch for a preview that follows saves)",
            file=sys.stderr,
        )
        return 2
    if args.slide and not args.watch:
        print("kiosk preview: --slide works with --watch", file=sys.stderr)
        return 2
    # before Qt and the render: a picture that cannot be written is a wrong argument, said at once
    if args.out is not None and (problem := output_problem(args.out)):
        print(f"kiosk preview: cannot write {args.out}: {problem}", file=sys.stderr)
        return 2
    from kiosk.runtime.app import SessionView, preview

    session = None
    wants_session = args.page or args.panel or args.large_text or args.high_contrast
    if wants_session or (args.lang and not args.watch):
        session = SessionView(args.page, args.panel, args.lang, args.large_text, args.high_contrast)
    if args.watch:
        from kiosk.runtime.watch import WatchRequest, run_watch

        if args.slide and session is not None:
            print(
                "kiosk preview: --slide shows a slide, not a page: leave out --page/--panel", file=sys.stderr
            )
            return 2
        lang = "en" if args.lang == "en" else "de"
        request = WatchRequest(
            find_root(args.root), args.device, args.at, args.out, args.size, session, args.slide, lang
        )
        return run_watch(request)
    return preview(
        root=find_root(args.root),
        device=args.device,
        at=args.at,
        out=args.out,
        size=args.size,
        session=session,
    )
