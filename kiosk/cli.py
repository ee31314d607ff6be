"""The ``kiosk`` command: run | preview | schedule | validate | schema | say | doctor | admin |
platform-sim | proof-of-play | statistics | keys | publish | rollback."""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.paths import bundled_root, find_root

MAX_EXIT_AFTER_S = 24 * 86_400  # a Qt timer counts milliseconds in 32 bits: at most ≈ 24.8 days


def _cmd_validate(args: argparse.Namespace) -> int:
    from kiosk.config.issues import errors, summary, warnings
    from kiosk.config.loader import load_content

    root = find_root(args.path)
    if not root.exists():
        print(f"kiosk validate: {root} does not exist", file=sys.stderr)
        return 2
    result = load_content(root, args.lang)
    if args.translations:
        from kiosk.config.translation_report import report_text

        print(report_text(result, args.lang, args.json))
        return 0 if result.ok else 1
    shown = errors(result.issues) if args.quiet else result.issues
    if args.json:
        print(json.dumps([_issue_dict(issue, args.lang) for issue in shown], ensure_ascii=False, indent=1))
    else:
        for issue in shown:
            print(issue.format(args.lang))
        if not args.quiet or shown:
            print(summary(result.issues, result.files, args.lang) + f" in {root}")
    failed = bool(errors(result.issues)) or (args.strict and bool(warnings(result.issues)))
    if args.render:  # every slide laid out in its zones and languages (kiosk.runtime.render_check)
        from kiosk.runtime.render_check import report

        failed = bool(report(root, args.lang, args.strict)) or failed
    return 1 if failed else 0


def _issue_dict(issue: Any, lang: str = "en") -> dict[str, object]:
    """The issue's fields as before (English ``message``), plus ``text``/``hint_text`` in ``lang``."""
    from dataclasses import asdict

    text, hint = issue.text(lang)
    return {**asdict(issue), "lang": lang, "text": text, "hint_text": hint}


def _cmd_schema(args: argparse.Namespace) -> int:
    from kiosk.config.schema_export import editor_reference, schema_texts, write_schemas

    root = bundled_root()
    out_dir = args.out or root / "schema"
    reference = args.reference or root / "docs" / "editor-reference.md"
    if args.check:
        stale = [
            name
            for name, text in schema_texts().items()
            if not (out_dir / name).is_file() or (out_dir / name).read_text(encoding="utf-8") != text
        ]
        if not reference.is_file() or reference.read_text(encoding="utf-8") != editor_reference():
            stale.append(str(reference))
        for name in stale:
            print(f"out of date: {name} (run 'kiosk schema')")
        return 1 if stale else 0
    for path in write_schemas(out_dir):
        print(f"wrote {path}")
    reference.parent.mkdir(parents=True, exist_ok=True)
    reference.write_text(editor_reference(), encoding="utf-8")
    print(f"wrote {reference}")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from kiosk.runtime.run import RunOptions, run  # Qt is imported only for commands that show something

    transform, note = None, ""
    if args.platform:  # a demo against the fake city platform: same files, sources fetched from there
        from kiosk.devtools.shipped_routes import point_at

        platform: str = args.platform
        transform = lambda content: point_at(content, platform)  # noqa: E731
        note = f"data sources point at the fake city platform {platform}"
    return run(
        RunOptions(
            root=find_root(args.root),
            device=args.device,
            windowed=args.window,
            size=args.size,
            exit_after=args.exit_after,
            screenshot=args.screenshot,
            at=args.at,
            speed=args.speed,
            offline=args.offline,
            data_dir=args.data_dir,
            transform=transform,
            transform_note=note,
            log_json=args.log_json,
            log_speech=args.log_speech,
            **({"device_setting": args.device_setting} if args.device_setting else {}),
        )
    )


def _cmd_say(args: argparse.Namespace) -> int:
    from kiosk.speech.say import SayRequest, run

    return run(SayRequest(args.text, args.lang, args.rate, args.out))


def _language(text: str) -> str:
    """A language the kiosk has a voice for (argparse type of ``say --lang``)."""
    from kiosk.config.suggest import did_you_mean
    from kiosk.speech.say import known_languages

    code = text.strip().lower()
    known = known_languages()
    if code not in known:
        hint = did_you_mean(code, known)
        hint = f"; {hint}" if hint and not hint.startswith("allowed") else ""
        raise argparse.ArgumentTypeError(f"unknown language '{text}'{hint}; known: {', '.join(known)}")
    return code


class _LanguageOption(argparse._StoreAction):
    """``say --lang``, whose help lists the voices: read from the speech module only when help is shown
    (importing it costs every command's start, ``kiosk run`` and ``preview`` included, ~30–100 ms)."""

    @property
    def help(self) -> str:
        from kiosk.speech.say import known_languages

        return f"one of {', '.join(known_languages())} (ls: Leichte Sprache, German spoken slower)"

    @help.setter
    def help(self, value: object) -> None:  # argparse.Action.__init__ sets it; the property says it
        pass


def _wpm(text: str) -> int:
    """Words per minute, the bounds of a device's ``speech.rate_wpm`` (argparse type of ``say --rate``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of words per minute") from None
    if not 80 <= value <= 300:
        raise argparse.ArgumentTypeError(f"'{text}': between 80 and 300 words per minute")
    return value


def _seconds(text: str) -> float:
    """A number of seconds ≥ 0 that a timer can hold (argparse type of ``run --exit-after``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}': give a number of seconds, 0 or more")
    if value > MAX_EXIT_AFTER_S:
        raise argparse.ArgumentTypeError(f"'{text}': at most {MAX_EXIT_AFTER_S} seconds (24 days)")
    return value


def _instant(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("write an ISO date-time, e.g. 2026-12-24T17:00") from None


def _cmd_schedule(args: argparse.Namespace) -> int:
    from kiosk.schedule.command import ScheduleRequest, run

    request = ScheduleRequest(
        find_root(args.root), args.device, args.start, args.end, args.png, args.zone, args.summary
    )
    return run(request)


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0.01 <= value <= 1000:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text} is out of range: 0.01 to 1000")
    return value


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("write the size as WIDTHxHEIGHT, e.g. 1080x1920") from None
    if not (64 <= width <= 8192 and 64 <= height <= 8192):
        raise argparse.ArgumentTypeError("width and height must be between 64 and 8192")
    return width, height


def _cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.runtime.doctor import DoctorRequest, run  # Qt and espeak-ng start in its child processes

    transform, note = None, ""
    if args.platform:  # as for run: the sources fetched from the fake platform
        from kiosk.devtools.shipped_routes import point_at

        platform: str = args.platform
        transform = lambda content: point_at(content, platform)  # noqa: E731
        note = f"pointed at the fake city platform {platform}"
    request = DoctorRequest(find_root(args.root), args.device, args.offline, args.json, transform, note)
    return run(request)


def _cmd_admin(args: argparse.Namespace) -> int:
    from kiosk.session.admin_pin import set_pin_command

    return set_pin_command(args.file, args.pin_stdin)


def _cmd_platform_sim(args: argparse.Namespace) -> int:
    from kiosk.devtools.platform_sim import default_fixtures_dir, serve  # test tooling, loaded on demand

    return serve(args.fixtures or default_fixtures_dir(), port=args.port, fault_args=args.fault)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Smile City Touchpoint kiosk and signage.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check editor files and report every problem with file and line")
    p.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="content root or a file in it (default: current folder "
        "if it holds content, else the bundled Rostock pack)",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("--quiet", action="store_true", help="print errors only")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("de", "en"), default="de", help="language of the messages (default de)")
    p.add_argument("--translations", action="store_true", help="per language: texts missing or as in German")
    p.add_argument("--render", action="store_true", help="also lay out every slide: text that does not fit")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("schema", help="write JSON Schema files and the editor reference")
    p.add_argument("--out", type=Path, help="folder for *.schema.json (default: schema/)")
    p.add_argument("--reference", type=Path, help="markdown file (default: docs/editor-reference.md)")
    p.add_argument("--check", action="store_true", help="only check that the written files are current")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser("run", help="show a device's screen (full screen, or --window)")
    p.add_argument(
        "device",
        nargs="?",
        help="device name (file in device-config/); default: this machine's device setting "
        "(/etc/smile-city-touchpoint/device), else the only device; never a guess among several",
    )
    p.add_argument(
        "--device-setting",
        type=Path,
        metavar="FILE",
        help="read this machine's device name from FILE instead of /etc/smile-city-touchpoint/device",
    )
    p.add_argument("--root", type=Path, help="content root (default: as for validate)")
    p.add_argument("--window", action="store_true", help="windowed instead of full screen")
    p.add_argument("--size", type=_size, help="window size WxH (default: the device's screen)")
    p.add_argument("--exit-after", type=_seconds, metavar="SECONDS", help="quit after this many seconds")
    p.add_argument("--screenshot", type=Path, metavar="PNG", help="save a screenshot when quitting")
    p.add_argument("--at", type=_instant, help="play as if the clock started at this instant (demos, tests)")
    p.add_argument(
        "--offline", action="store_true", help="never fetch live data: last good data and snapshots"
    )
    p.add_argument(
        "--platform",
        metavar="URL",
        help="fetch data from a fake city platform (kiosk platform-sim); its data is thrown away at exit",
    )
    p.add_argument(
        "--speed",
        type=_speed,
        default=1.0,
        metavar="F",
        help="run the clock F times as fast as real time (demos of a day in minutes, field tests)",
    )
    p.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="where last good data is kept (default: $XDG_STATE_HOME/smile-city-touchpoint/data); "
        "records go to its records/ folder",
    )
    p.add_argument(
        "--log-json", action="store_true", help="log one JSON object per line (time, level, logger, message)"
    )
    p.add_argument("--log-speech", action="store_true", help="log every spoken text (tests; may be personal)")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("say", help="speak a text with the kiosk's voice for a language (or write a WAV)")
    p.add_argument("text", help="what to say")
    p.add_argument("--lang", type=_language, default="de", action=_LanguageOption)
    p.add_argument("--rate", type=_wpm, default=160, help="words per minute, 80–300 (default 160)")
    p.add_argument(
        "--out", type=Path, metavar="WAV", help="write the speech to this file instead of playing it"
    )
    p.set_defaults(func=_cmd_say)

    from kiosk.runtime.preview_command import add_command as add_preview  # no Qt until it runs

    add_preview(sub, _instant, _size)  # kiosk preview, kiosk preview --watch

    p = sub.add_parser("schedule", help="what a device plays when: a table per zone, optionally a chart")
    p.add_argument("device", help="device name (file in device-config/)")
    p.add_argument("--from", dest="start", metavar="WHEN", help="ISO date-time, device time (default: now)")
    p.add_argument("--to", dest="end", metavar="WHEN", help="ISO date-time (default: 24 h after --from)")
    p.add_argument("--root", type=Path, help="content root (default: as for validate)")
    p.add_argument("--png", type=Path, metavar="FILE", help="also draw a chart of the timeline")
    p.add_argument("--zone", help="only this zone")
    p.add_argument("--summary", action="store_true", help="one line per playlist stretch, not per slide")
    p.set_defaults(func=_cmd_schedule)

    p = sub.add_parser("doctor", help="check that this machine can play a device: one line per check, fixes")
    p.add_argument("device", nargs="?", help="device name (file in device-config/); default: the first")
    p.add_argument("--root", type=Path, help="content root (default: as for validate)")
    p.add_argument("--json", action="store_true", help="machine-readable results")
    p.add_argument("--offline", action="store_true", help="do not contact the data sources")
    p.add_argument("--platform", metavar="URL", help="check the sources on a fake city platform instead")
    p.set_defaults(func=_cmd_doctor)

    p = sub.add_parser("admin", help="machine-local admin settings (the PIN of the hidden admin screen)")
    admin = p.add_subparsers(dest="admin_command", required=True)
    q = admin.add_parser("set-pin", help="set the admin PIN (asked twice; stored as a salted scrypt hash)")
    q.add_argument("--pin-stdin", action="store_true", help="read the PIN once from standard input (scripts)")
    q.add_argument(
        "--file",
        type=Path,
        metavar="JSON",
        help="where to store it (default: $XDG_CONFIG_HOME/smile-city-touchpoint/admin.json; "
        "the kiosk also reads /etc/smile-city-touchpoint/admin.json)",
    )
    q.set_defaults(func=_cmd_admin)

    p = sub.add_parser("platform-sim", help="serve the test fixtures as a fake city platform (loopback)")
    p.add_argument("--port", type=int, default=8088, help="port on 127.0.0.1 (default: 8088)")
    p.add_argument(
        "--fixtures", type=Path, help="folder with routes.json (default: the fixtures packaged with kiosk)"
    )
    p.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="ROUTE=SPEC",
        help="inject a fault, e.g. /alerts=status:503 or '*=latency_ms:500,truncate' (repeatable)",
    )
    p.set_defaults(func=_cmd_platform_sim)

    from kiosk.telemetry.command import add_commands as add_fleet_status

    add_fleet_status(sub)  # kiosk fleet status
    from kiosk.records.command import add_commands  # stdlib only

    add_commands(sub)  # kiosk proof-of-play, kiosk statistics
    from kiosk.fleet.command import add_commands as add_fleet_commands  # no cryptography until used

    add_fleet_commands(sub)  # kiosk keys, kiosk publish, kiosk rollback
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
