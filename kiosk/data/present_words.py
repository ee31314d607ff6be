"""The words data widgets show: thin name over ``kiosk.i18n`` (keys ``data.*``, its fallback rule)."""

from __future__ import annotations

from kiosk import i18n


def t(key: str, language: str) -> str:
    """The data widget word ``data.<key>`` in ``language``."""
    return i18n.text(f"data.{key}", language)


__all__ = ["t"]
