"""Editor Markdown, made safe for Qt's rich-text engine."""

from __future__ import annotations

import html


def safe_markdown(text: str) -> str:
    """Escape raw HTML so that only the Markdown subset renders.

    Qt's Markdown reader passes HTML through (``<img src=file:…>`` would read local files); editor text
    must never reach that path.
    """
    escaped = html.escape(text, quote=False)
    # Editors expect a line break in the file to be one on screen (Leichte Sprache: one sentence per
    # line); Markdown would join the lines, so make single breaks hard breaks. Blank lines stay paragraphs.
    lines = escaped.split("\n")
    out = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        hard = line.strip() and nxt.strip() and not nxt.lstrip().startswith(("- ", "* ", "+ "))
        out.append(line.rstrip() + "  " if hard else line)
    return "\n".join(out)
