"""The words data widgets show: thin name over ``kiosk.i18n`` (keys ``data.*``, its fallback rule)."""

from __future__ import annotations

from kiosk import i18n


def t(key: str, language: str, **fmt: object) -> str:
    """The data widget word ``data.<key>`` in ``language``, with ``fmt`` filled in (``kiosk.i18n.text``:
    a filled-in text keeps its own language for the voice)."""
    return i18n.text(f"data.{key}", language, **fmt)


__all__ = ["t"]
