"""The fake city platform: real paths and headers from routes.json, 304s, every fault, the control
endpoint and the ``kiosk platform-sim`` command. Everything stays on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests

from kiosk.cli import build_parser
from kiosk.data.connectors import nina
from kiosk.data.errors import FetchError, ParseError
from kiosk.data.http import RequestsHttp
from kiosk.devtools.platform_sim import (
    HTML,
    Fault,
    LoggedRequest,
    PlatformSim,
    Reply,
    default_fixtures_dir,
    is_loopback,
    load_routes,
    parse_fault_arg,
)
from tests.kiosk_cli import kiosk_command

FIXTURES = default_fixtures_dir()
DASHBOARD = "/api31/dashboard/130030000000.json"
DASHBOARD_FILE = "nina/dashboard_130030000000.json"
JSON = ("application/json",)


def http(timeout_s: float = 5, max_bytes: int = 5_000_000) -> RequestsHttp:
    return RequestsHttp(timeout_s=timeout_s, max_bytes=max_bytes)


# --- serving ------------------------------------------------------------------------------------------


def test_serves_the_fixture_with_its_headers_etag_and_last_modified(sim: PlatformSim) -> None:
    answer = requests.get(sim.url + DASHBOARD, timeout=5)
    assert answer.status_code == 200
    assert answer.content == (FIXTURES / DASHBOARD_FILE).read_bytes()
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.headers["ETag"].startswith('"') and len(answer.headers["ETag"]) == 26
    assert answer.headers["Last-Modified"].endswith(" GMT")
    assert sim.url.startswith("http://127.0.0.1:")


def test_ngsi_ld_routes_match_on_query_and_accept_with_link_and_count_headers(sim: PlatformSim) -> None:
    url = sim.url + "/ngsi-ld/v1/entities"
    key_values = requests.get(
        url,
        params={"type": "OffStreetParking", "options": "keyValues"},
        headers={"Accept": "application/json"},
        timeout=5,
    )
    assert (
        key_values.content
        == (FIXTURES / "ngsi-ld/entities_type_OffStreetParking_keyValues.json").read_bytes()
    )
    assert key_values.headers["NGSILD-Results-Count"] == "1"
    assert 'rel="http://www.w3.org/ns/json-ld#context"' in key_values.headers["Link"]
    linked = requests.get(
        url, params={"type": "OffStreetParking"}, headers={"Accept": "application/ld+json"}, timeout=5
    )
    assert linked.headers["Content-Type"] == "application/ld+json"
    assert linked.content == (FIXTURES / "ngsi-ld/entities_type_OffStreetParking.jsonld").read_bytes()
    assert "Link" not in linked.headers
    # the ld+json route does not answer a plain JSON request
    plain = requests.get(
        url, params={"type": "OffStreetParking"}, headers={"Accept": "application/json"}, timeout=5
    )
    assert plain.status_code == 404


def test_ngsi_v2_query_decides_between_normalized_and_key_values(sim: PlatformSim) -> None:
    url = sim.url + "/v2/entities"
    key_values = requests.get(url, params={"type": "OffStreetParking", "options": "keyValues"}, timeout=5)
    assert key_values.headers["Fiware-Total-Count"] == "3"
    assert (
        key_values.content
        == (FIXTURES / "ngsi-v2/entities_type_OffStreetParking_keyValues.json").read_bytes()
    )
    normalized = requests.get(url, params={"type": "OffStreetParking"}, timeout=5)
    assert (
        normalized.content
        == (FIXTURES / "ngsi-v2/entities_type_OffStreetParking_normalized.json").read_bytes()
    )
    extra = requests.get(
        url, params={"type": "WeatherObserved", "options": "keyValues", "limit": "100"}, timeout=5
    )
    assert extra.status_code == 200  # extra parameters are tolerated
    wrong = requests.get(url, params={"type": "Nothing"}, timeout=5)
    assert wrong.status_code == 404
    assert "/v2/entities?type=OffStreetParking" in " ".join(wrong.json()["routes"])


def test_non_ascii_path_and_every_fixture_route_answers(sim: PlatformSim) -> None:
    answer = requests.get(
        sim.url_for("/webservices/rest-api/v2/stations/WARNEMÜNDE/W/currentmeasurement.json")
    )
    assert answer.status_code == 200
    assert json.loads(answer.content) == json.loads(
        (FIXTURES / "pegelonline/stations_WARNEMUENDE_W_currentmeasurement.json").read_bytes()
    )
    for route in load_routes(FIXTURES):
        if route.method != "GET":
            continue
        headers = {"Accept": route.accept} if route.accept else {}
        got = requests.get(sim.url_for(route.path), params=dict(route.query), headers=headers, timeout=5)
        assert got.status_code == 200, route.describe()
        assert got.content == (FIXTURES / route.file).read_bytes(), route.describe()


def test_unknown_path_is_a_404_with_a_json_body(sim: PlatformSim) -> None:
    answer = requests.get(sim.url + "/nowhere.json", timeout=5)
    assert answer.status_code == 404
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.json()["path"] == "/nowhere.json"


def test_post_route_answers_its_status_and_logs_the_body(sim: PlatformSim) -> None:
    body = (FIXTURES / "ngsi-v2/entity_Device_kiosk_keyValues.json").read_bytes()
    answer = requests.post(
        sim.url + "/v2/entities", params={"options": "keyValues,upsert"}, data=body, timeout=5
    )
    assert answer.status_code == 204
    assert sim.requests[-1].method == "POST" and sim.requests[-1].body == body
    assert requests.post(sim.url + DASHBOARD, timeout=5).status_code == 405


def test_if_none_match_and_if_modified_since_give_304(sim: PlatformSim) -> None:
    first = requests.get(sim.url + DASHBOARD, timeout=5)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = requests.get(sim.url + DASHBOARD, headers={"If-None-Match": etag}, timeout=5)
    assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == etag
    weak = requests.get(sim.url + DASHBOARD, headers={"If-None-Match": f'"other", W/{etag}'}, timeout=5)
    assert weak.status_code == 304
    assert requests.get(sim.url + DASHBOARD, headers={"If-None-Match": '"x"'}, timeout=5).status_code == 200
    since = requests.get(sim.url + DASHBOARD, headers={"If-Modified-Since": modified}, timeout=5)
    assert since.status_code == 304
    # the project's Http remembers the validators: the second GET is a 304 (not_modified)
    client = http()
    assert not client.get(sim.url + DASHBOARD, accept=JSON).not_modified
    assert client.get(sim.url + DASHBOARD, accept=JSON).not_modified
    assert not client.get(sim.url + DASHBOARD, accept=JSON, conditional=False).not_modified


def test_request_log_lists_paths_but_not_control_calls(sim: PlatformSim) -> None:
    requests.get(sim.url + DASHBOARD, timeout=5)
    requests.get(sim.url + "/__faults", timeout=5)
    requests.get(sim.url_for("/webservices/rest-api/v2/stations/WARNEMÜNDE/W/currentmeasurement.json"))
    assert sim.log == [DASHBOARD, "/webservices/rest-api/v2/stations/WARNEMÜNDE/W/currentmeasurement.json"]
    assert requests.get(sim.url + "/__log", timeout=5).json()[0]["path"] == DASHBOARD


# --- ad-hoc routes (a test's own payloads) ------------------------------------------------------------


def test_ad_hoc_route_wins_over_the_fixture_and_is_conditional(sim: PlatformSim) -> None:
    sim.add_route(DASHBOARD, '[{"id": "mine"}]', headers={"X-Test": "1"})
    answer = requests.get(sim.url + DASHBOARD, timeout=5)
    assert answer.json() == [{"id": "mine"}] and answer.headers["X-Test"] == "1"
    assert answer.headers["Content-Type"] == "application/json"
    again = requests.get(sim.url + DASHBOARD, headers={"If-None-Match": answer.headers["ETag"]}, timeout=5)
    assert again.status_code == 304
    sim.add_route("/seite.html", "<h1>Hallo</h1>", content_type="text/html; charset=utf-8")
    page = requests.get(sim.url_for("/seite.html"), timeout=5)
    assert page.text == "<h1>Hallo</h1>" and page.headers["Content-Type"].startswith("text/html")
    sim.reset()  # back to the fixtures alone
    assert requests.get(sim.url + DASHBOARD, timeout=5).content == (FIXTURES / DASHBOARD_FILE).read_bytes()
    assert requests.get(sim.url_for("/seite.html"), timeout=5).status_code == 404


def test_replaced_reply_is_modified_later_so_if_modified_since_sees_the_change(sim: PlatformSim) -> None:
    sim.add_route("/level.json", '{"level": 1}')
    first = requests.get(sim.url_for("/level.json"), timeout=5)
    sim.add_route("/level.json", '{"level": 2}')  # within the same second
    since = {"If-Modified-Since": first.headers["Last-Modified"]}
    changed = requests.get(sim.url_for("/level.json"), headers=since, timeout=5)
    assert changed.status_code == 200 and changed.json() == {"level": 2}


def test_a_sequence_of_replies_is_served_in_turn_and_the_last_repeats(sim: PlatformSim) -> None:
    sim.add_replies(
        "/flaky.json",
        [Reply(b'{"error": 1}', status=500), Reply(b"<html>", content_type="text/html"), Reply(b"[1]")],
    )
    url = sim.url_for("/flaky.json")
    got = [requests.get(url, timeout=5) for _ in range(5)]
    assert [g.status_code for g in got] == [500, 200, 200, 200, 200]
    assert [g.content for g in got[1:]] == [b"<html>", b"[1]", b"[1]", b"[1]"]
    sim.set_faults("/flaky.json", status=503)  # faults apply to ad-hoc routes too
    assert requests.get(url, timeout=5).status_code == 503


def test_wait_for_request_returns_the_request_with_its_headers(sim: PlatformSim) -> None:
    later = threading.Timer(0.2, lambda: requests.get(sim.url_for("/late"), headers={"X-Kiosk": "7"}))
    later.start()
    try:
        seen = sim.wait_for_request("/late", timeout=10)
    finally:
        later.join()
    assert seen.headers["x-kiosk"] == "7" and seen.method == "GET"
    with pytest.raises(TimeoutError, match="/never"):
        sim.wait_for_request("/never", timeout=0.1)


def test_a_page_and_a_reply_with_its_own_status_and_headers(sim: PlatformSim) -> None:
    url = sim.add_page("/seite.html", "<h1>Grüße</h1>")
    page = requests.get(url, timeout=5)
    assert page.headers["Content-Type"] == HTML and page.text == "<h1>Grüße</h1>"
    sim.add_route(
        "/intern.html", "Anmeldung nötig", status=401, headers={"WWW-Authenticate": 'Basic realm="x"'}
    )
    refused = requests.get(sim.url_for("/intern.html"), timeout=5)
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"] == 'Basic realm="x"'
    assert refused.text == "Anmeldung nötig"
    sim.add_route("/weg.html", status=302, headers={"Location": "http://127.0.0.2:9/"})
    away = requests.get(sim.url_for("/weg.html"), allow_redirects=False, timeout=5)
    assert away.status_code == 302 and away.headers["Location"] == "http://127.0.0.2:9/"


def test_requests_are_logged_with_arrival_time_host_and_credentials(sim: PlatformSim) -> None:
    sim.add_page("/a.html", "a")
    before = time.monotonic()
    requests.get(sim.url_for("/a.html"), timeout=5)
    between = time.monotonic()
    requests.get(sim.url_for("/a.html"), auth=("anna", "geheim"), timeout=5)
    requests.get(sim.url_for("/b.html?x=1"), timeout=5)  # unknown paths are logged too
    first, second, third = sim.requests
    assert before <= first.received <= between <= second.received
    assert first.host == "127.0.0.1" and first.method == "GET"
    assert first.authorization is None and (second.authorization or "").startswith("Basic ")
    assert sim.count("/a.html") == 2 and sim.count("/b.html") == 1 and third.query == {"x": "1"}
    assert sim.requests_since(between) == [second, third]


def test_another_loopback_address_stands_for_another_host() -> None:
    with PlatformSim(host="127.0.0.2") as other:
        assert other.url.startswith("http://127.0.0.2:")
        assert requests.get(other.url + DASHBOARD, timeout=5).ok
        assert other.requests[0].host == "127.0.0.2"
        with pytest.raises(requests.ConnectionError):  # 127.0.0.1 is a different address: nobody there
            requests.get(f"http://127.0.0.1:{other.port}{DASHBOARD}", timeout=5)


def test_a_reply_function_makes_every_answer_and_may_hold_it(sim: PlatformSim) -> None:
    made: list[str] = []

    def respond(request: LoggedRequest) -> Reply:
        made.append(request.query.get("n", ""))
        return Reply(
            f"answer {len(made)}".encode(), content_type="text/plain", headers={"X-N": str(len(made))}
        )

    sim.add_responder("/jetzt", respond)
    first = requests.get(sim.url_for("/jetzt?n=1"), timeout=5)
    assert first.text == "answer 1" and first.headers["X-N"] == "1"
    again = requests.get(
        sim.url_for("/jetzt?n=2"), headers={"If-None-Match": first.headers["ETag"]}, timeout=5
    )
    assert again.status_code == 200 and again.text == "answer 2"  # made anew: never a 304
    assert made == ["1", "2"]
    # a reply that arrives only when the test lets it (the request waits on the server's side)
    release = threading.Event()
    sim.add_responder("/langsam", lambda _request: Reply(b"da") if release.wait(10) else Reply(b"zu spaet"))
    got: list[requests.Response] = []
    worker = threading.Thread(target=lambda: got.append(requests.get(sim.url_for("/langsam"), timeout=10)))
    worker.start()
    sim.wait_for_request("/langsam")
    worker.join(0.2)
    assert worker.is_alive() and not got  # held
    release.set()
    worker.join(10)
    assert got[0].text == "da"


def test_a_failing_reply_function_is_a_500_that_says_why(sim: PlatformSim) -> None:
    def broken(_request: LoggedRequest) -> Reply:
        raise RuntimeError("kaputt")

    sim.add_responder("/kaputt", broken)
    answer = requests.get(sim.url_for("/kaputt"), timeout=5)
    assert answer.status_code == 500 and "kaputt" in answer.json()["detail"]


def test_stop_leaves_no_thread_behind() -> None:
    before = set(threading.enumerate())
    with PlatformSim() as server:
        session = requests.Session()  # keep-alive: a handler thread waits on the open connection
        assert session.get(server.url + DASHBOARD, timeout=5).ok
    session.close()
    assert set(threading.enumerate()) <= before


# --- faults, each one produced and seen by the project's Http / parsers -------------------------------


def test_latency(sim: PlatformSim) -> None:
    sim.set_faults(latency_ms=300)
    started = time.monotonic()
    assert http().get(sim.url + DASHBOARD, accept=JSON).status == 200
    assert time.monotonic() - started >= 0.3


@pytest.mark.parametrize("status", [500, 503, 404])
def test_status(sim: PlatformSim, status: int) -> None:
    sim.set_faults(DASHBOARD, status=status)
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        http().get(sim.url + DASHBOARD, accept=JSON)


def test_timeout_holds_the_connection_until_the_client_gives_up(sim: PlatformSim) -> None:
    sim.set_faults(timeout=10)
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer"):
        http(timeout_s=0.3).get(sim.url + DASHBOARD, accept=JSON)
    assert time.monotonic() - started < 5


def test_truncate_sends_half_the_body_and_the_parser_says_parse_error(sim: PlatformSim) -> None:
    sim.set_faults(DASHBOARD_FILE, truncate=True)  # keyed by the fixture file
    response = http().get(sim.url + DASHBOARD, accept=JSON)
    full = (FIXTURES / DASHBOARD_FILE).read_bytes()
    assert response.body == full[: len(full) // 2]
    with pytest.raises(ParseError):
        nina.parse_dashboard(response.body)


def test_garbage_sends_random_bytes_and_the_parser_says_parse_error(sim: PlatformSim) -> None:
    sim.set_faults(garbage=True)
    response = http().get(sim.url + DASHBOARD, accept=JSON)
    assert response.body != (FIXTURES / DASHBOARD_FILE).read_bytes()
    assert len(response.body) >= 256
    with pytest.raises(ParseError):
        nina.parse_dashboard(response.body)


def test_huge_streams_until_the_size_limit_stops_it(sim: PlatformSim) -> None:
    sim.set_faults(huge=4)
    answer = requests.get(sim.url + DASHBOARD, stream=True, timeout=5)
    assert "Content-Length" not in answer.headers and answer.headers["Transfer-Encoding"] == "chunked"
    answer.close()
    with pytest.raises(FetchError, match="exceeds the limit of 100,000 bytes"):
        http(max_bytes=100_000).get(sim.url + DASHBOARD, accept=JSON)
    sim.set_faults(huge=0.25)
    assert len(http().get(sim.url + DASHBOARD, accept=JSON).body) == 256 * 1024


def test_wrong_content_type(sim: PlatformSim) -> None:
    sim.set_faults(wrong_content_type=True)
    with pytest.raises(FetchError, match="unexpected content type 'text/html'"):
        http().get(sim.url + DASHBOARD, accept=JSON)


def test_reset_closes_the_socket_without_an_answer(sim: PlatformSim) -> None:
    sim.set_faults(reset=True)
    with pytest.raises(FetchError, match="cannot reach"):
        http().get(sim.url + DASHBOARD, accept=JSON)


def test_route_fault_applies_to_its_route_only_and_replaces_the_global_one(sim: PlatformSim) -> None:
    sim.set_faults(DASHBOARD, status=503)
    assert requests.get(sim.url + "/alerts", params={"lat": "54.09", "lon": "12.13"}, timeout=5).ok
    assert requests.get(sim.url + DASHBOARD, timeout=5).status_code == 503
    sim.set_faults(status=500)
    assert requests.get(sim.url + DASHBOARD, timeout=5).status_code == 503
    assert requests.get(sim.url + "/nowhere", timeout=5).status_code == 500
    sim.clear_faults()
    assert requests.get(sim.url + DASHBOARD, timeout=5).ok


def test_faults_at_start() -> None:
    with PlatformSim(FIXTURES, faults={"*": {"status": 503}, DASHBOARD: Fault(latency_ms=1)}) as server:
        assert requests.get(server.url + "/events/rss.xml", timeout=5).status_code == 503
        assert requests.get(server.url + DASHBOARD, timeout=5).status_code == 200


def test_control_endpoint_sets_shows_and_clears_faults(sim: PlatformSim) -> None:
    control = sim.url + "/__faults"
    shown = requests.post(control, json={"route": DASHBOARD, "status": 503, "latency_ms": 10}, timeout=5)
    assert shown.json() == {DASHBOARD: {"status": 503, "latency_ms": 10}}
    assert requests.get(sim.url + DASHBOARD, timeout=5).status_code == 503
    requests.post(control, json={"faults": {"*": {"truncate": True}}}, timeout=5)
    assert sim.faults == {"*": Fault(truncate=True)}
    assert requests.get(control, timeout=5).json() == {"*": {"truncate": True}}
    assert requests.post(control, json={"clear": True}, timeout=5).json() == {}
    requests.post(control, json={"reset": True}, timeout=5)
    assert requests.delete(control, timeout=5).json() == {}
    assert requests.get(sim.url + DASHBOARD, timeout=5).ok
    assert requests.post(control, json={"explode": 1}, timeout=5).status_code == 400
    assert requests.post(control, json={"status": 200}, timeout=5).status_code == 400
    assert requests.post(control, data=b"{nope", timeout=5).status_code == 400
    assert requests.get(sim.url + "/__routes", timeout=5).json()[0].startswith("GET  /opendata-hro/")


def test_stop_releases_a_held_connection() -> None:
    server = PlatformSim(FIXTURES, faults={"*": Fault(timeout=30)}).start()
    url = server.url + DASHBOARD
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(_get_or_error(url)))
    worker.start()
    server.wait_for_request(DASHBOARD)  # the connection is held now
    started = time.monotonic()
    server.stop()
    worker.join(10)
    assert not worker.is_alive() and time.monotonic() - started < 5
    assert isinstance(outcome[0], Exception)


def _get_or_error(url: str) -> object:
    try:
        return requests.get(url, timeout=20)
    except requests.RequestException as exc:
        return exc


# --- safety, parsing of fault specs, CLI ----------------------------------------------------------------


def test_refuses_non_loopback_hosts_unless_allowed() -> None:
    with pytest.raises(ValueError, match="only loopback"):
        PlatformSim(FIXTURES, host="0.0.0.0")
    with pytest.raises(ValueError, match="only loopback"):
        PlatformSim(FIXTURES, host="192.168.1.20")
    PlatformSim(FIXTURES, host="0.0.0.0", allow_non_loopback=True)  # constructed, never started here
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("example.org")


def test_fault_specs() -> None:
    assert parse_fault_arg("/alerts=status:503,latency_ms:200") == (
        "/alerts",
        Fault(latency_ms=200, status=503),
    )
    assert parse_fault_arg("truncate") == ("*", Fault(truncate=True))
    assert parse_fault_arg("*=huge:20") == ("*", Fault(huge=20.0))
    assert parse_fault_arg('{"timeout": 5}') == ("*", Fault(timeout=5.0))
    assert Fault.parse("reset,wrong_content_type,garbage") == Fault(
        reset=True, wrong_content_type=True, garbage=True
    )
    with pytest.raises(ValueError, match="unknown fault"):
        Fault.parse("explode")
    with pytest.raises(ValueError, match="error status"):
        Fault(status=302)
    with pytest.raises(ValueError, match="not a valid value"):
        Fault.parse("latency_ms:soon")


def test_cli_parser_has_platform_sim() -> None:
    args = build_parser().parse_args(
        ["platform-sim", "--port", "0", "--fault", "/a=status:500", "--fault", "reset"]
    )
    assert args.port == 0 and args.fault == ["/a=status:500", "reset"] and args.fixtures is None


def test_cli_serves_until_ctrl_c(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = kiosk_command("platform-sim", "--port", "0", "--fixtures", str(FIXTURES))
    process = subprocess.Popen(
        [*command, "--fault", f"{DASHBOARD}=status:503"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("Fake city platform at http://127.0.0.1:")
        base = first.split()[4]
        routes = [process.stdout.readline() for _ in range(3)]
        assert "/opendata-hro/api/3/action/datastore_search" in routes[0]
        assert requests.get(base + DASHBOARD, timeout=5).status_code == 503
        assert requests.get(base + "/events/rss.xml", timeout=5).ok
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "stopped" in out


def test_cli_rejects_a_bad_fault(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    assert main(["platform-sim", "--fixtures", str(FIXTURES), "--fault", "/a=explode"]) == 2
    assert "unknown fault 'explode'" in capsys.readouterr().out
    assert main(["platform-sim", "--fixtures", str(tmp_path)]) == 2
