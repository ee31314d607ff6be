"""Last good data on disk: one JSON file per source, written atomically, read back at start.

Records are stored (not raw bodies) because some sources need several requests (NINA: dashboard plus
details). A torn or foreign file is ignored, never trusted: the worst case is "no cached data".
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import types
import typing
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.data import records as rec

# every member of the ``Record`` union can be stored: a new record type needs no entry here
RECORD_TYPES: dict[str, type[Any]] = {cls.__name__: cls for cls in typing.get_args(rec.Record)}
FORMAT = 1


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    return value


def record_to_json(record: Any) -> dict[str, Any]:
    fields = {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}
    return {"type": type(record).__name__, "fields": fields}


def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(rec))


def _decode(value: Any, hint: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$dt"}:
        parsed = datetime.fromisoformat(str(value["$dt"]))
        if parsed.tzinfo is None:
            raise ValueError("naive datetime in cache")
        return parsed
    origin = typing.get_origin(hint)
    if origin is tuple and isinstance(value, list):  # JSON has no tuples: ``tuple[X, ...]`` comes as a list
        item_hint = typing.get_args(hint)[0]
        return tuple(_decode(item, item_hint) for item in value)
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):  # a NamedTuple
        if not isinstance(value, list) or len(value) != len(hint._fields):
            raise ValueError(f"unexpected value {value!r} for {hint.__name__}")
        item_hints = typing.get_type_hints(hint)
        return hint(*(_decode(v, item_hints[name]) for name, v in zip(hint._fields, value, strict=True)))
    allowed = typing.get_args(hint) if origin in (typing.Union, types.UnionType) else (hint,)
    if value is None and type(None) in allowed:
        return None
    for kind in allowed:
        if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if isinstance(kind, type) and kind is not datetime and isinstance(value, kind):
            return value
        if typing.get_origin(kind) is typing.Literal and value in typing.get_args(kind):
            return value
    raise ValueError(f"unexpected value {value!r} for {hint}")


def record_from_json(data: Any) -> Any:
    if (
        not isinstance(data, dict)
        or data.get("type") not in RECORD_TYPES
        or not isinstance(data.get("fields"), dict)
    ):
        raise ValueError("not a stored record")
    cls = RECORD_TYPES[data["type"]]
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    fields = {k: _decode(v, hints[k]) for k, v in data["fields"].items() if k in names}
    return cls(**fields)


@dataclasses.dataclass(frozen=True)
class Stored:
    """What one source's file holds."""

    records: tuple[Any, ...]
    as_of: datetime
    validators: dict[str, tuple[str, str]]


def dumps(stored: Stored) -> bytes:
    doc = {
        "format": FORMAT,
        "as_of": stored.as_of.isoformat(),
        "validators": {k: list(v) for k, v in stored.validators.items()},
        "records": [record_to_json(r) for r in stored.records],
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


def loads(raw: bytes) -> Stored:
    """Parse a stored file; ``ValueError`` for anything that is not exactly what ``dumps`` writes."""
    try:
        doc = json.loads(raw)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError("unknown cache format")
        as_of = datetime.fromisoformat(str(doc["as_of"]))
        if as_of.tzinfo is None:
            raise ValueError("naive as_of")
        validators = {str(k): (str(v[0]), str(v[1])) for k, v in dict(doc.get("validators", {})).items()}
        records = tuple(record_from_json(item) for item in doc["records"])
    except (KeyError, TypeError, IndexError, json.JSONDecodeError) as exc:
        raise ValueError(f"damaged cache file: {exc}") from None
    return Stored(records, as_of, validators)


class LastGoodStore:
    """``save(source, stored)`` atomically; ``load(source)`` → Stored or None."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, source: str) -> Path:
        return self.directory / f"{source}.json"

    def save(self, source: str, stored: Stored) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        data = dumps(stored)
        # temp file + fsync + rename: a crash leaves either the old or the new file, never half of one
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=f".{source}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path(source))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for stale in self.directory.glob(f".{source}.*.tmp"):  # left behind by a crash mid-write
            stale.unlink(missing_ok=True)

    def load(self, source: str) -> Stored | None:
        try:
            return loads(self.path(source).read_bytes())
        except (OSError, ValueError):
            return None


def load_snapshot(path: Path) -> Stored | None:
    """A bundled snapshot (same format as the cache), shipped with the content for offline demos."""
    try:
        return loads(path.read_bytes())
    except (OSError, ValueError):
        return None
