"""The firewall list in docs/deployment.md is the list of hosts the shipped sources fetch from: a source
added, moved or removed without the table changing fails here."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml

from tests.conftest import REPO

DOC = REPO / "docs" / "deployment.md"


def _hosts_from_sources() -> dict[str, list[str]]:
    hosts: dict[str, list[str]] = {}
    for path in sorted((REPO / "device-config" / "sources").glob("*.yaml")):
        url = yaml.safe_load(path.read_text(encoding="utf-8"))["url"]
        parts = urlsplit(url)
        assert parts.scheme == "https", f"{path.name}: {url} is not HTTPS (the firewall list says 443)"
        hosts.setdefault(parts.hostname or "", []).append(path.stem)
    return hosts


def _hosts_in_doc() -> dict[str, list[str]]:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- outbound-hosts:start.*?-->(.*?)<!-- outbound-hosts:end -->", text, re.S)
    assert block, "the marked host table is missing from docs/deployment.md"
    rows = [line.strip("| ").split(" | ") for line in block.group(1).strip().splitlines()[2:]]
    return {host: [s.strip() for s in sources.split(",")] for host, sources in rows}


def test_firewall_table_lists_exactly_the_hosts_of_the_shipped_sources() -> None:
    assert _hosts_in_doc() == _hosts_from_sources()


def test_placeholder_for_kiosk_doctor_is_the_last_heading() -> None:
    headings = re.findall(r"^## .+$", DOC.read_text(encoding="utf-8"), re.M)
    assert headings[-1] == "## Checking a device: kiosk doctor"
