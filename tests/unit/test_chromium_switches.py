"""The Chromium switches the kiosk adds for itself: what they say, and that they keep the environment's.
(That they work is shown on the wire in tests/gui/test_web_wire.py.)"""

from __future__ import annotations

import os
import shlex

import pytest

from kiosk.runtime.chromium import (
    FLAGS_VAR,
    add_kiosk_switches,
    added_after_start,
    resolvable_at_start,
    resolver_rules,
    with_kiosk_switches,
)


def test_only_allowlisted_names_resolve() -> None:
    rules = resolver_rules(["www.rostock.de", "*.opendata-hro.de", "127.0.0.1", "WWW.Rostock.DE."])
    assert rules == (
        "MAP * ~NOTFOUND, EXCLUDE www.rostock.de, EXCLUDE *.opendata-hro.de, EXCLUDE opendata-hro.de, "
        "EXCLUDE 127.0.0.1"
    )
    assert resolver_rules([]) == "MAP * ~NOTFOUND"  # no allowlist: no web host at all


def test_an_entry_that_is_no_host_name_is_left_out(caplog) -> None:
    rules = resolver_rules(['evil", --disable-web-security', "ok.de", "a b"])
    assert rules == "MAP * ~NOTFOUND, EXCLUDE ok.de"
    assert len([r for r in caplog.records if "not a host name" in r.getMessage()]) == 2


def test_the_environments_switches_are_kept_and_come_first() -> None:
    flags = with_kiosk_switches("--no-sandbox --disable-gpu", ["www.rostock.de"])
    parts = shlex.split(flags)  # how Qt reads the variable: spaces split, double quotes group
    assert parts == [
        "--no-sandbox",
        "--disable-gpu",
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE www.rostock.de",
    ]
    assert with_kiosk_switches(flags, ["www.rostock.de"]) == flags  # twice is once


def test_a_switch_the_environment_sets_is_not_overridden(caplog) -> None:
    flags = with_kiosk_switches("--force-webrtc-ip-handling-policy=default", None)
    assert flags == "--force-webrtc-ip-handling-policy=default"
    assert any("keeps that value" in r.getMessage() for r in caplog.records)


def test_without_an_allowlist_only_webrtc_is_switched() -> None:
    assert with_kiosk_switches("", None) == "--force-webrtc-ip-handling-policy=disable_non_proxied_udp"


def test_hosts_added_after_the_start_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FLAGS_VAR, "--no-sandbox")
    add_kiosk_switches(["www.rostock.de", "*.rostock.de"])
    assert "--no-sandbox" in os.environ[FLAGS_VAR]
    assert resolvable_at_start() == {"www.rostock.de", "*.rostock.de", "rostock.de"}
    assert added_after_start(["www.rostock.de", "www.opendata-hro.de"]) == ["www.opendata-hro.de"]
    monkeypatch.setenv(FLAGS_VAR, "--no-sandbox")  # no rules: everything resolves, nothing waits
    assert resolvable_at_start() is None and added_after_start(["x.de"]) == []
