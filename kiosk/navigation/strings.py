"""The touch pages' interface words: thin names over ``kiosk.i18n`` (keys ``nav.*``).

Visible labels may carry break hints for narrow buttons: a soft hyphen (shown as "-" only where the
line breaks) or a zero-width space after a Mediopunkt (Leichte Sprache). ``plain()`` removes them for
speech and accessible names. The words and the fallback rule live in ``kiosk/i18n``.
"""

from __future__ import annotations

from kiosk import i18n
from kiosk.i18n import SHY, ZWSP, language_name


def plain(text: str) -> str:
    """``text`` without break hints: what is spoken and what an accessible name contains."""
    return text.replace(SHY, "").replace(ZWSP, "")


def ui_text(key: str, language: str, **fmt: object) -> str:
    """The interface word ``nav.<key>`` in ``language`` (``kiosk.i18n.text``: its fallback rule, ``n=1``
    singular, ``KeyError`` for an unknown key)."""
    return i18n.text(f"nav.{key}", language, **fmt)


def count_text(n: int, language: str) -> str:
    """ "6 Einträge" / "1 Eintrag" / "6 items"."""
    return ui_text("items", language, n=n)


__all__ = ["SHY", "ZWSP", "count_text", "language_name", "plain", "ui_text"]
