"""The device web allowlist."""

from __future__ import annotations

import pytest

from kiosk.config.allowlist import url_allowed

ALLOW = ["www.rostock.de", "*.opendata-hro.de", "127.0.0.1"]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.rostock.de/x", True),
        ("https://WWW.Rostock.de./", True),
        ("https://rostock.de/", False),
        ("https://evil-www.rostock.de/", False),
        ("https://www.rostock.de.evil.org/", False),
        ("https://opendata-hro.de/", True),
        ("https://a.b.opendata-hro.de/", True),
        ("http://127.0.0.1:8123/page.html", True),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("ftp://www.rostock.de/", False),
    ],
)
def test_url_allowed(url: str, ok: bool) -> None:
    assert url_allowed(url, ALLOW) is ok
