"""The admin screen's status lines: the content commit from .git files, sources, the network."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.data.state import DataState
from kiosk.runtime.admin_status import content_version, network_lines, source_lines, status_lines

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def test_the_commit_of_a_checkout_a_worktree_and_packed_refs(tmp_path: Path) -> None:
    repo = tmp_path / "content"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "a.txt").write_text("a")
    git(repo, "add", "a.txt")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "a")
    head = git(repo, "rev-parse", "HEAD")[:12]
    assert content_version(repo) == f"main {head}"
    git(repo, "worktree", "add", "-q", str(tmp_path / "wt"), "-b", "feature")
    assert content_version(tmp_path / "wt") == f"feature {head}"
    git(repo, "pack-refs", "--all")
    assert content_version(repo) == f"main {head}"
    git(repo, "checkout", "-q", "--detach")
    assert content_version(repo) == head
    assert content_version(tmp_path) is None


def test_source_lines_say_state_age_and_last_error() -> None:
    states = {
        "wetter": DataState("wetter", (), NOW - timedelta(minutes=5), "live", None, timedelta(hours=1)),
        "nina": DataState("nina", (), NOW - timedelta(days=3), "cache", "HTTP 503", timedelta(hours=1)),
        "leer": DataState("leer", (), None, "none", "timed out"),
    }
    assert source_lines(states, NOW, "en") == [
        "  leer: none, out of date, last error: timed out",
        "  nina: cache, out of date, 2026-11-29 12:00 (age 3.0 d), last error: HTTP 503",
        "  wetter: live, current, 2026-12-02 11:55 (age 5 min)",
    ]
    assert source_lines({}, NOW, "de") == ["  keine"]


def test_network_lines_from_sys_and_proc(tmp_path: Path) -> None:
    for name, state in (("eth0", "up"), ("wlan0", "down"), ("lo", "unknown")):
        (tmp_path / "net" / name).mkdir(parents=True)
        (tmp_path / "net" / name / "operstate").write_text(state + "\n")
    route = tmp_path / "route"
    route.write_text(
        "Iface\tDestination\tGateway\tFlags\neth0\t0002A8C0\t00000000\t0001\neth0\t00000000\t0102A8C0\t0003\n"
    )
    lines = network_lines("de", tmp_path / "net", route)
    assert lines[1:] == ["  eth0: up", "  wlan0: down", "  Standardroute über eth0 (192.168.2.1)"]
    route.write_text("Iface\tDestination\tGateway\n")
    assert network_lines("en", tmp_path / "net", route)[-1] == "  no default route"


def test_status_lines_name_the_device_and_the_content(tmp_path: Path) -> None:
    lines = status_lines("stele", "Stele Hafen", "touch-terminal", tmp_path, {}, NOW, "de")
    assert lines[0].startswith("Gerät: Stele Hafen (stele, touch-terminal), kiosk ")
    assert lines[1] == f"Inhalt: {tmp_path} – kein Git-Stand"
