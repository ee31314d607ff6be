"""A data widget's row as a spoken sentence, with its column words (``spoken.*`` in kiosk/i18n; pure).

On screen a departure is four cells in columns whose heads the eye takes from the layout; read out as
"5 · Südblick · 14:30 · fällt aus" it is a riddle. So each widget says its row with the words a person
would use: "Linie 5 nach Südblick, 14:30, fällt aus", in the order the cells are shown (what is heard
matches what is seen, for a listener who also sees a little). The times and units stay as shown; the speech
normalisation (``kiosk.speech.normalise``) says them ("14 Uhr 30", "2:30 pm"). Widgets without a rule here
(and message rows such as "Keine Einträge") are read cell by cell with a pause between the cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kiosk.data.present_words import t
from kiosk.i18n import text

_DELAY = re.compile(r"^(\d{1,2}:\d{2}) \(([+−-])(\d+)\)$")


def _w(key: str, language: str, **fmt: object) -> str:
    return text(f"spoken.{key}", language, **fmt)


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def _departure(row: Sequence[str], lang: str) -> str:
    line, destination, planned, real = (*row, "", "", "", "")[:4]
    head = f"{_w('line', lang)} {line}"
    if destination == t("arrival", lang):
        head = f"{head}, {destination}"
    elif destination:
        head = f"{head} {_w('to', lang)} {destination}"
    delay = _DELAY.match(real)
    if delay:
        minutes = int(delay.group(3))
        key = "late" if delay.group(2) == "+" else "early"
        said = _w(key, lang, n=minutes)
        real = f"{_w('expected', lang)} {delay.group(1)}, {said}"
    return _joined(head, planned, real)


def _event(row: Sequence[str], lang: str) -> str:
    when, title, location = (*row, "", "", "")[:3]
    return _joined(when, title, f"{_w('venue', lang)} {location}" if location else "")


def _booking(row: Sequence[str], lang: str) -> str:
    when, title = (*row, "", "")[:2]
    return _joined(when, title)


def _report(row: Sequence[str], lang: str) -> str:
    service, stage, address = (*row, "", "", "")[:3]
    return _joined(service, stage, address)


def _warning(row: Sequence[str], lang: str) -> str:
    severity, headline, provider = (*row, "", "", "")[:3]
    lead = f"{severity}: {headline}" if severity and headline else severity or headline
    return _joined(lead, f"{_w('source', lang)} {provider}" if provider else "")


def _pairs(row: Sequence[str], lang: str) -> str:
    """(label, value, …): "Temperatur 12,5 °C", "Pegel Warnemünde 512 cm, steigend"."""
    label, *rest = row
    rest = [cell for cell in rest if cell]
    return f"{label} {rest[0]}" + "".join(f", {cell}" for cell in rest[1:]) if rest else label


SENTENCES: dict[str, Callable[[Sequence[str], str], str]] = {
    "departures": _departure,
    "events": _event,
    "hall-bookings": _booking,
    "reports": _report,
    "warnings": _warning,
    "weather": _pairs,
    "water-level": _pairs,
}


def spoken_row(widget: str, row: Sequence[str], language: str) -> str:
    """One row of ``widget`` as it is spoken in ``language`` (a message row is spoken as it is)."""
    cells = [cell for cell in row if cell]
    if len(row) <= 1 or not cells:
        return " ".join(cells)
    rule = SENTENCES.get(widget)
    return rule(row, language) if rule else _joined(*cells)


__all__ = ["SENTENCES", "spoken_row"]
