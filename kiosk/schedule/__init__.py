"""Pure scheduling (no Qt): which playlist and slide every zone of a device shows, when, and until when.

- ``clock``: injected time (``SystemClock``, ``FixedClock``).
- ``rules``: wall-clock windows, dates and takeover times as real (UTC) intervals, DST-safe.
- ``cycle``: a playlist's playable items and their (sequential or seeded-shuffle) order.
- ``spans``: precedence; who wins a zone when.
- ``timeline``: runs, positions and takeover resume; ``timeline()`` over a range.
- ``resolver``: ``resolve()`` at one instant, with the deadline of the next change.
- ``chart`` and ``report``: the ``kiosk schedule`` picture and table.

The semantics are documented in ``resolver`` (overview), ``spans``, ``timeline`` and ``rules``.
"""
