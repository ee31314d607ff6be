"""A fake city platform for tests and demos: the fixture files served at the real API paths.

Pure standard library (``http.server``), no Qt; binds to loopback only unless
``allow_non_loopback=True``, because fixtures are not for the network.

- ``routes``: the routing table (``routes.json``, the packaged fixtures by default) and ad-hoc replies;
- ``faults``: what can go wrong with an answer (latency, error status, timeout, truncation, …), per route
  (key: the route path or its fixture file) or for all (``*``), set at start, with ``set_faults``, or at
  run time with ``POST /__faults``;
- ``handler``: one request (conditional answers, faults, the ``/__`` control endpoints);
- ``server``: ``PlatformSim``, the server on a background thread with its request log;
- ``command``: ``kiosk platform-sim``.

    with PlatformSim() as sim:
        sim.add_route("/seite.html", "<h1>Hallo</h1>", content_type="text/html; charset=utf-8")
        requests.get(sim.url_for("/seite.html"))
        sim.wait_for_request("/seite.html")
"""

from kiosk.devtools.platform_sim.command import serve
from kiosk.devtools.platform_sim.faults import GLOBAL, Fault, parse_fault_arg
from kiosk.devtools.platform_sim.routes import (
    FIXTURES_DIR,
    LoggedRequest,
    Reply,
    Route,
    default_fixtures_dir,
    load_routes,
)
from kiosk.devtools.platform_sim.server import PlatformSim, is_loopback

__all__ = [
    "FIXTURES_DIR",
    "GLOBAL",
    "Fault",
    "LoggedRequest",
    "PlatformSim",
    "Reply",
    "Route",
    "default_fixtures_dir",
    "is_loopback",
    "load_routes",
    "parse_fault_arg",
    "serve",
]
