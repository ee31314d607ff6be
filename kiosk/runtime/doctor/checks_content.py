"""The doctor's checks of the editor files and of the data sources a device fetches."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import requests

from kiosk.config.issues import errors, summary, warnings
from kiosk.config.loader import ContentSet, LoadResult, load_content
from kiosk.config.suggest import did_you_mean
from kiosk.runtime.doctor.context import Context
from kiosk.runtime.doctor.result import Result, Status

SOURCES_BUDGET_S = 20.0  # all sources together, whatever their own timeouts: the doctor ends in < 60 s
MAX_ISSUES_SHOWN = 12


def check_config(ctx: Context) -> Result:
    """``kiosk validate``'s findings; publishes the content (and which device) for the other checks."""
    request = ctx.request
    if not request.root.exists():
        ctx.publish(None, None)
        return Result(
            "config", "fail", f"{request.root} does not exist", fix="give the content root: --root DIR"
        )
    try:
        loaded = load_content(request.root)
    except Exception:
        ctx.publish(None, None)
        raise
    if request.transform is not None:  # the checks see the sources where --platform points them
        loaded = LoadResult(request.transform(loaded.content), loaded.issues, loaded.files)
    content = loaded.content
    name, unchosen = device_name(request.device, request.root)
    problems, notes = errors(loaded.issues), warnings(loaded.issues)
    shown = tuple(i.format().replace("\n    hint:", " (hint:") + (")" if i.hint else "") for i in problems)
    shown += tuple(i.format().split("\n")[0] for i in notes)
    more = len(shown) - MAX_ISSUES_SHOWN
    details = shown[:MAX_ISSUES_SHOWN] + ((f"… and {more} more (kiosk validate)",) if more > 0 else ())
    text = summary(loaded.issues, loaded.files)
    if name is None or name not in content.devices:
        ctx.publish(loaded, None)
        broken = name is not None and ("device", name) in content.broken
        why = f"device '{name}' has errors" if broken else f"no device '{name}' in device-config/"
        if name is None:
            why = unchosen
        hint = "" if broken or name is None else did_you_mean(name, content.devices)
        return Result(
            "config",
            "fail",
            f"{why}; {text}",
            fix="correct the device file (kiosk validate shows file and line)"
            if broken
            else _name_fix(content, hint),
            details=details,
        )
    device = content.devices[name].model
    if device.layout not in content.layouts:
        ctx.publish(loaded, None)
        return Result(
            "config",
            "fail",
            f"device '{name}' needs layout '{device.layout}', which is missing or invalid",
            fix="correct the layout file (kiosk validate shows file and line)",
            details=details,
        )
    ctx.publish(loaded, name)
    if problems:
        return Result(
            "config",
            "fail",
            text + "; files with errors are left out on screen",
            fix="correct each file at the line shown, then run kiosk validate",
            details=details,
        )
    if notes:
        return Result("config", "warn", text, fix="see kiosk validate", details=details)
    return Result("config", "pass", text, details=details)


def device_name(named: str | None, root: Path) -> tuple[str | None, str]:
    """The device to check: the one ``kiosk run`` would play (named, this machine's setting, the only
    one), or None and why ``kiosk run`` would refuse to guess."""
    from kiosk.runtime.identity import choose_device

    choice = choose_device(named, root)
    return choice.name, choice.problem or ""


def _name_fix(content: ContentSet, hint: str) -> str:
    names = ", ".join(sorted(content.devices)) or "none"
    return f"name a device of device-config/ ({names})" + (f"; {hint}" if hint else "")


@dataclass(frozen=True)
class Reach:
    """One request to a source: HTTP status (0: none) and how long it took."""

    status: int
    ms: int
    error: str = ""


def _reach(url: str, params: dict[str, str], timeout_s: float) -> Reach:
    from kiosk.data.http import USER_AGENT

    started = time.monotonic()
    try:
        # stream: the status and headers are enough; a 50 MB feed is not downloaded to say it is there
        with requests.get(
            url, params=params or None, timeout=timeout_s, stream=True, headers={"User-Agent": USER_AGENT}
        ) as answer:
            status = answer.status_code
    except requests.Timeout:
        return Reach(0, round((time.monotonic() - started) * 1000), f"no answer within {timeout_s:g} s")
    except requests.RequestException as exc:
        return Reach(0, round((time.monotonic() - started) * 1000), f"cannot connect ({type(exc).__name__})")
    return Reach(status, round((time.monotonic() - started) * 1000))


def _kept(ctx: Context, source_id: str, snapshot: str | None) -> datetime | None:
    """When the data the kiosk would fall back to is from (last good data, else the snapshot)."""
    from kiosk.data.store import LastGoodStore, load_snapshot
    from kiosk.runtime.datahub import default_data_dir

    stored = LastGoodStore(default_data_dir()).load(source_id)
    if stored is not None:
        return stored.as_of
    if snapshot and ctx.loaded is not None:
        snap = load_snapshot(ctx.loaded.content.content_dir / snapshot)
        return snap.as_of if snap is not None else None
    return None


def check_sources(ctx: Context, wait_s: float) -> Result:
    """One request to each source the device fetches. Unreachable: a warning while the kiosk has data to
    fall back to (last good data or a snapshot), a failure when it has none (the widget shows nothing)."""
    if ctx.request.offline:
        return Result("sources", "skip", "skipped (--offline)")
    found = ctx.device(wait_s)
    if found is None:
        return Result("sources", "skip", "needs a valid device file (see config)")
    name, _device, content = found
    from kiosk.config.needs import sources_for
    from kiosk.data.connectors.registry import connector_for

    ids = sorted(sources_for(content, name))
    if not ids:
        return Result("sources", "pass", "the device fetches no data")
    deadline = time.monotonic() + SOURCES_BUDGET_S
    answers: dict[str, Reach] = {}
    # a daemon thread per source: one that is stuck past the budget is left behind and never holds the
    # doctor's exit (a thread pool's threads are joined when the interpreter ends)
    threads = []
    for sid in ids:
        source = content.sources[sid].model
        options = set(getattr(connector_for(source.kind), "OPTION_KEYS", ()))  # read by the kiosk, not sent
        params = {k: v for k, v in source.params.items() if k not in options}
        timeout = min(source.timeout.total_seconds(), SOURCES_BUDGET_S)

        def ask(
            sid: str = sid, url: str = str(source.url), params: dict[str, str] = params, t: float = timeout
        ) -> None:
            answers[sid] = _reach(url, params, t)

        threads.append(threading.Thread(target=ask, daemon=True, name=f"doctor-{sid}"))
        threads[-1].start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    late = Reach(0, round(SOURCES_BUDGET_S * 1000), f"no answer within {SOURCES_BUDGET_S:g} s")
    lines: list[str] = []
    worst: Status = "pass"
    reached = 0
    unreachable: list[str] = []
    refusing: list[str] = []
    for sid in ids:
        source = content.sources[sid].model
        reach = answers.get(sid, late)
        host = urlsplit(str(source.url)).netloc
        if reach.status and reach.status < 400:
            reached += 1
            lines.append(f"✔ {sid}: HTTP {reach.status} from {host} in {reach.ms} ms")
            continue
        problem = reach.error or f"HTTP {reach.status}"
        (refusing if reach.status else unreachable).append(sid)
        kept = _kept(ctx, sid, source.snapshot)
        if kept is not None:
            worst = "fail" if worst == "fail" else "warn"
            lines.append(
                f"! {sid}: {problem} from {host} ({reach.ms} ms); shows data of {kept:%Y-%m-%d %H:%M}"
            )
        else:
            worst = "fail"
            lines.append(f"✘ {sid}: {problem} from {host} ({reach.ms} ms); no last good data, no snapshot")
    text = f"{reached} of {len(ids)} reachable"
    if ctx.request.transform_note:
        text += f" ({ctx.request.transform_note})"
    fixes = []
    if unreachable:
        fixes.append(f"check the network and firewall (DNS, HTTPS out) for {_hosts(content, unreachable)}")
    if refusing:  # the network is fine, the server says no: a wrong url or parameter, or it is down
        files = ", ".join(f"device-config/sources/{sid}.yaml" for sid in refusing)
        fixes.append(f"check url and params in {files} (or the service is down)")
    return Result("sources", worst, text, fix="; ".join(fixes), details=tuple(lines))


def _hosts(content: ContentSet, ids: list[str]) -> str:
    hosts = sorted({urlsplit(str(content.sources[sid].model.url)).netloc for sid in ids})
    return ", ".join(hosts)


__all__ = ["check_config", "check_sources"]
