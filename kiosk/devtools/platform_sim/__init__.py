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

    with PlatformSim() as sim, PlatformSim(host="127.0.0.2") as other:  # the second: "another host"
        url = sim.add_page("/seite.html", "<h1>Hallo</h1>")
        sim.add_route("/intern.html", "Anmeldung", status=401, headers={"WWW-Authenticate": "Basic"})
        sim.add_responder("/jetzt.json", lambda request: Reply(str(time.time()).encode()))
        requests.get(url)
        sim.wait_for_request("/seite.html")  # a LoggedRequest: method, path, headers, received, host
"""

from kiosk.devtools.platform_sim.command import serve
from kiosk.devtools.platform_sim.faults import GLOBAL, Fault, parse_fault_arg
from kiosk.devtools.platform_sim.routes import (
    FIXTURES_DIR,
    Ending,
    LoggedRequest,
    Reply,
    Responder,
    Route,
    default_fixtures_dir,
    load_routes,
)
from kiosk.devtools.platform_sim.server import HTML, PlatformSim, is_loopback

__all__ = [
    "FIXTURES_DIR",
    "GLOBAL",
    "HTML",
    "Ending",
    "Fault",
    "LoggedRequest",
    "PlatformSim",
    "Reply",
    "Responder",
    "Route",
    "default_fixtures_dir",
    "is_loopback",
    "load_routes",
    "parse_fault_arg",
    "serve",
]
