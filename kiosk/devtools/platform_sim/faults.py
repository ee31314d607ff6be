"""What can go wrong with an answer of the fake platform, and how a fault is written on the command line.

``latency_ms``          wait before answering
``status``              answer 4xx/5xx (e.g. 404, 500, 503) with a JSON error body
``timeout``             hold the connection for N s without answering, then close it
``truncate``            send only the first half of the body (Content-Length says so)
``garbage``             random bytes instead of the body
``huge``                stream N MB (chunked, no Content-Length)
``drip``                send the body N bytes per second (Content-Length says the whole size): a server
                        that never trips a per-read timeout; the platform logs when the client gave up
``wrong_content_type``  ``text/html`` instead of the route's type (like a captive portal)
``reset``               close the socket with a TCP reset, no answer
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

#: the fault key that applies to every route without a fault of its own
GLOBAL = "*"

_FLAGS = ("truncate", "garbage", "wrong_content_type", "reset")


@dataclass(frozen=True)
class Fault:
    """What goes wrong with an answer. The default (all off) is a healthy server."""

    latency_ms: int = 0
    status: int | None = None
    timeout: float = 0.0
    truncate: bool = False
    garbage: bool = False
    huge: float = 0.0
    drip: float = 0.0
    wrong_content_type: bool = False
    reset: bool = False

    def __post_init__(self) -> None:
        if self.latency_ms < 0 or self.timeout < 0 or self.huge < 0 or self.drip < 0:
            raise ValueError("latency_ms, timeout, huge and drip must not be negative")
        if self.status is not None and not 400 <= self.status <= 599:
            raise ValueError(f"status must be an error status (400–599), not {self.status}")

    @property
    def active(self) -> bool:
        """True if anything goes wrong at all."""
        return self != Fault()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fault:
        """A fault from ``{"status": 503, "latency_ms": 200}``; unknown names raise ``ValueError``."""
        known = [f.name for f in fields(cls)]
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known:
                raise ValueError(f"unknown fault {name!r} (known: {', '.join(known)})")
            values[name] = _coerce(name, value)
        return cls(**values)

    @classmethod
    def parse(cls, spec: str) -> Fault:
        """``status:503,latency_ms:200`` / ``truncate`` / ``huge:20`` / ``timeout:5`` / ``drip:1`` or JSON."""
        spec = spec.strip()
        if spec.startswith("{"):
            return cls.from_dict(json.loads(spec))
        data: dict[str, Any] = {}
        for item in filter(None, (part.strip() for part in spec.split(","))):
            name, _, value = item.partition(":")
            data[name.strip()] = value.strip() if value else True
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """Only the settings that differ from a healthy server."""
        return {k: v for k, v in asdict(self).items() if v != getattr(Fault(), k)}


def _coerce(name: str, value: Any) -> Any:
    try:
        if name in _FLAGS:
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on", "")
            return bool(value)
        if name == "latency_ms":
            return int(value)
        if name == "status":
            return None if value is None else int(value)
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"fault {name}: {value!r} is not a valid value") from None


def parse_fault_arg(text: str) -> tuple[str, Fault]:
    """``ROUTE=SPEC`` (or just ``SPEC`` for every route) as given to ``kiosk platform-sim --fault``."""
    route, sep, spec = text.partition("=")
    if not sep or route.strip().startswith("{"):
        return GLOBAL, Fault.parse(text)
    return route.strip() or GLOBAL, Fault.parse(spec)
