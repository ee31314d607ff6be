"""Editor Markdown, made safe for Qt's rich-text engine."""

from __future__ import annotations

import html


def safe_markdown(text: str) -> str:
    """Escape raw HTML so that only the Markdown subset renders.

    Qt's Markdown reader passes HTML through (``<img src=file:…>`` would read local files); editor text
    must never reach that path.
    """
    return html.escape(text, quote=False)
