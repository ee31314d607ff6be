"""English words for the spoken form: tables, not code (editors add more in ``content/speech/*.yaml``)."""

from __future__ import annotations

ABBREVIATIONS = {
    "Park+Ride": "Park and Ride",
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "approx.": "approximately",
    "incl.": "including",
    "excl.": "excluding",
    "max.": "maximum",
    "min.": "minimum",
    "no.": "number",
    "No.": "number",
    "tel.": "phone",
    "Tel.": "phone",
    "Mr.": "Mister",
    "Mrs.": "Missis",
    "Dr.": "Doctor",
    "Rd.": "Road",
    "Ave.": "Avenue",
    "Sq.": "Square",
    "Str.": "Strasse",
    "St.": "Street",
    "Hbf": "Central Station",
    "vs.": "versus",
    "hrs": "hours",
    "Jan.": "January",
    "Feb.": "February",
    "Aug.": "August",
    "Sept.": "September",
    "Sep.": "September",
    "Oct.": "October",
    "Nov.": "November",
    "Dec.": "December",
}

WEEKDAYS = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Thur": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

UNITS = {
    "km/h": "kilometres per hour",
    "°C": "degrees Celsius",
    "%": "percent",
    "mm": "millimetres",
    "cm": "centimetres",
    "km": "kilometres",
    "m²": "square metres",
    "m": "metres",
    "kWh": "kilowatt hours",
    "kW": "kilowatts",
    "kg": "kilograms",
    "min": "minutes",
    "h": "hours",
}

WORDS = {
    "to": "to",
    "dot": "dot",
    "slash": "slash",
    "dash": "dash",
    "underscore": "underscore",
    "at": "at",
    "and": "and",
    "or": "or",
    "plus": "plus",
    "minus": "minus",
    "euro": "euros",
    "cent": "cents",
    "degree": "degrees",
    "paragraph": "section",
    "wheelchair": "for wheelchairs",
    "always": "around the clock",
}

PHONE_WORDS = (
    "phone",
    "Phone",
    "police",
    "Police",
    "emergency",
    "tel",
    "Tel",
    "call",
    "Call",
    "fax",
    "Fax",
    "hotline",
    "Hotline",
)
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def ordinal(n: int) -> str:
    """3 → "3rd", 11 → "11th" (espeak-ng says these well)."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, 'th')}"


def time_of_day(hour: int, minute: int) -> str:
    """14:30 → "2:30 pm", 14:00 → "2 pm", 9:05 → "9 oh 5 am", 12:00 → "12 noon", 0:00 → "midnight"."""
    if minute == 0 and hour in (0, 24):
        return "midnight"
    if minute == 0 and hour == 12:
        return "12 noon"
    suffix = "am" if hour % 24 < 12 else "pm"
    twelve = hour % 12 or 12
    if minute == 0:
        return f"{twelve} {suffix}"
    if minute < 10:
        return f"{twelve} oh {minute} {suffix}"
    return f"{twelve}:{minute:02d} {suffix}"


def date(day: int, month: int, year: str, oblique: bool) -> str:
    """18.10.2025 → "18th October 2025"."""
    text = f"{ordinal(day)} {MONTHS[month - 1]}"
    return f"{text} {year}" if year else text


def money(euros: str, cents: str) -> str:
    if euros in ("", "0") and cents:
        return f"{int(cents)} cents"
    return f"{euros} euros" + (f" {int(cents)}" if cents and int(cents) else "")
