"""``kiosk fleet status``: every device on the broker, green / yellow / red (kiosk.telemetry.fleet_status).

The broker comes from ``--broker HOST[:PORT]`` or from a device file's ``fleet.mqtt`` (``--device NAME``
in the content root, so an operator in the content checkout types no address). Exit 0 when no device is
red, 1 when one is (or the broker cannot be read), 2 for a wrong argument.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from typing import Any

from kiosk.config.models.fleet import FleetMqtt


def add_commands(sub: Any) -> None:
    fleet = sub.add_parser("fleet", help="the fleet of devices: their status on the MQTT broker")
    commands = fleet.add_subparsers(dest="fleet_command", required=True, metavar="COMMAND")
    p = commands.add_parser("status", help="every device's retained status: online, content, last error")
    p.add_argument("--broker", metavar="HOST[:PORT]", help="the MQTT broker (default: the device file's)")
    p.add_argument("--device", help="take the broker settings from this device's file (fleet.mqtt)")
    p.add_argument("--root", help="content root of --device (default: as for kiosk run)")
    p.add_argument("--prefix", help="topic prefix (default: the device file's, else touchpoint)")
    p.add_argument("--published", metavar="VERSION", help="the content version devices should play")
    p.add_argument("--tls", action="store_true", help="connect with TLS")
    p.add_argument("--username", help="user name at the broker")
    p.add_argument("--password-file", metavar="FILE", help="file holding the broker password")
    p.add_argument("--wait", type=float, default=3.0, metavar="S", help="how long to wait for the broker")
    p.set_defaults(func=_cmd_status)


def _settings(args: argparse.Namespace) -> FleetMqtt | str:
    base = FleetMqtt()
    if args.device:
        from kiosk.config.loader import load_content
        from kiosk.paths import find_root

        content = load_content(find_root(args.root)).content
        if args.device not in content.devices:
            return f"no valid device {args.device!r} in {find_root(args.root)}/device-config"
        base = content.devices[args.device].model.fleet.mqtt
    changes: dict[str, Any] = {}
    if args.broker:
        host, _, port = args.broker.rpartition(":") if ":" in args.broker else (args.broker, "", "")
        if port and not port.isdigit():
            return f"--broker {args.broker!r}: the port must be a number"
        changes.update(host=host, port=int(port) if port else base.port)
    for key in ("prefix", "username", "password_file"):
        if getattr(args, key):
            changes["topic_prefix" if key == "prefix" else key] = getattr(args, key)
    if args.tls:
        changes["tls"] = True
    try:
        settings = FleetMqtt.model_validate({**base.model_dump(), **changes})
    except ValueError as error:
        return str(error).splitlines()[0]
    if settings.host is None:
        return "which broker? give --broker HOST[:PORT] or --device NAME (a device file with fleet.mqtt.host)"
    return settings


def _cmd_status(args: argparse.Namespace) -> int:
    from kiosk.telemetry.fleet_status import classify, format_rows, retained_statuses

    settings = _settings(args)
    if isinstance(settings, str):
        print(f"kiosk fleet status: {settings}", file=sys.stderr)
        return 2
    try:
        statuses = retained_statuses(settings, max(0.5, args.wait))
    except (ConnectionError, OSError) as error:
        print(f"kiosk fleet status: {error}", file=sys.stderr)
        return 1
    now = datetime.now(UTC)
    rows = [classify(status, now, args.published) for status in statuses.values()]
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    for line in format_rows(rows, colour):
        print(line)
    counts = {c: sum(1 for r in rows if r.colour == c) for c in ("green", "yellow", "red")}
    print(
        f"{len(rows)} device(s) on {settings.host}:{settings.port}: "
        f"{counts['green']} green, {counts['yellow']} yellow, {counts['red']} red"
    )
    return 1 if counts["red"] else 0
