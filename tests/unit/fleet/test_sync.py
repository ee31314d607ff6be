"""One device's sync against a real nginx on loopback: conditional polls, only new blobs, resume, and every
failure leaving ``current`` where it was."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.fleet.fetch import Origin
from kiosk.fleet.manifest import parse
from kiosk.fleet.state import read_state
from kiosk.fleet.sync import check_once
from tests.fleetpack import BLUE, GREEN, paint, sign_anyway
from tests.unit.fleet.conftest import Fleet


def _statuses(fleet: Fleet) -> list[tuple[str, int]]:
    """(path, status) of every request nginx answered so far."""
    lines = (fleet.nginx.dir / "access.log").read_text().splitlines()
    return [(line.split('"')[1].split()[1], int(line.split('"')[2].split()[0])) for line in lines]


def _blob_of(fleet: Fleet, rel: str) -> Path:
    manifest = parse((fleet.site / "devices/feld.json").read_bytes())
    return fleet.site / "blobs/sha256" / manifest.by_path()[rel].sha256


def test_first_sync_then_304_then_only_the_changed_picture(fleet: Fleet) -> None:
    fleet.publish()
    store, config = fleet.store(), fleet.config()
    first = check_once("feld", config, store)
    assert first.kind == "applied" and first.files == 6 and first.result is not None and first.result.ok
    assert store.current() == first.version and (store.dir / "current").is_symlink()
    assert first.result.content.root == store.version_dir(first.version or "")
    assert check_once("feld", config, store).kind == "unchanged"
    assert _statuses(fleet)[-1] == ("/devices/feld.json", 304)  # one small answer, no signature fetched
    paint(fleet.pack, "main", BLUE)
    fleet.publish()
    second = check_once("feld", config, store)
    assert second.kind == "applied" and second.files == 1 and second.changed == {"content/images/main.png"}
    blobs = [path for path, status in _statuses(fleet) if path.startswith("/blobs/")]
    assert (
        len(blobs) == 7
        and blobs[-1]
        == "/blobs/sha256/"
        + parse((fleet.site / "devices/feld.json").read_bytes()).by_path()["content/images/main.png"].sha256
    )
    picture = store.version_dir(second.version or "") / "content/images/main.png"
    assert Image.open(picture).getpixel((5, 5)) == BLUE
    state = read_state(store.dir)  # what the heartbeat reads
    assert state.current_version == second.version == state.published_version and state.up_to_date
    assert state.versions == (first.version, second.version) and state.last_error is None


def test_a_download_cut_short_resumes_with_a_range_request(fleet: Fleet) -> None:
    Image.effect_noise((400, 400), 80).convert("RGB").save(fleet.pack.root / "content/images/main.png")
    fleet.publish()
    blob = _blob_of(fleet, "content/images/main.png")
    store = fleet.store()
    half = blob.stat().st_size // 2
    store.partial.mkdir(parents=True)
    (store.partial / blob.name).write_bytes(blob.read_bytes()[:half])
    outcome = check_once("feld", fleet.config(), store)
    assert outcome.kind == "applied"
    assert (f"/blobs/sha256/{blob.name}", 206) in _statuses(fleet)
    assert not (store.partial / blob.name).exists()


@pytest.mark.parametrize(
    "fault", ["corrupt blob", "bad signature", "invalid content", "too large", "origin down"]
)
def test_every_failure_keeps_the_current_version(fleet: Fleet, tmp_path: Path, fault: str) -> None:
    fleet.publish()
    store, config = fleet.store(), fleet.config()
    good = check_once("feld", config, store).version
    paint(fleet.pack, "main", GREEN)
    fleet.publish()
    if fault == "corrupt blob":
        blob = _blob_of(fleet, "content/images/main.png")
        blob.write_bytes(b"\0" * blob.stat().st_size)
    elif fault == "bad signature":
        other = tmp_path / "other"
        other.mkdir()
        from kiosk.fleet.signing import make_keys

        fleet.publish(make_keys(other)[0])  # the same manifest signed again, with a stranger's key
    elif fault == "invalid content":
        broken = b"type: image\n"  # no picture, no title: the loader refuses it
        sign_anyway(fleet.site, "feld", fleet.keys.private, {"content/slides/main.yaml": broken}, "broken-1")
    elif fault == "too large":
        config = config.model_copy(update={"max_mb": 0.001})
    else:
        fleet.nginx.stop()
    outcome = check_once("feld", config, store)
    assert outcome.kind == "failed" and store.current() == good, outcome
    assert outcome.error and read_state(store.dir).last_error == outcome.error
    expected = {
        "corrupt blob": "does not match its sha256",
        "bad signature": "none of the device's public keys",
        "invalid content": "is not valid content",
        "too large": "more than the limit",
        "origin down": "cannot reach 127.0.0.1",
    }[fault]
    assert expected in outcome.error
    assert not list(store.versions.glob(".*")), "a half-built version is left behind"
    if fault == "invalid content":  # remembered: the next poll is a 304 and the same answer, no download
        before = len(_statuses(fleet))
        again = check_once("feld", config, store)
        assert again.kind == "failed" and again.error == outcome.error
        assert [s for _, s in _statuses(fleet)[before:]] == [304]


def test_an_older_manifest_replayed_or_from_a_stale_cache_never_moves_a_device_back(fleet: Fleet) -> None:
    store, config = fleet.store(), fleet.config()
    fleet.publish()
    old = {p: (fleet.site / p).read_bytes() for p in ("devices/feld.json", "devices/feld.json.sig")}
    check_once("feld", config, store)
    time.sleep(1.0)  # versions are stamped to the second
    paint(fleet.pack, "main", BLUE)
    fleet.publish()
    newer = check_once("feld", config, store).version
    for path, data in old.items():
        (fleet.site / path).write_bytes(data)  # validly signed, but yesterday's
        later = (fleet.site / path).stat().st_mtime + 2
        os.utime(fleet.site / path, (later, later))  # nginx's ETag is mtime second and size: make it new
    outcome = check_once("feld", config, store)
    assert outcome.kind == "older" and store.current() == newer and outcome.error is None


def test_the_total_deadline_stops_an_update(fleet: Fleet) -> None:
    fleet.publish()
    outcome = check_once("feld", fleet.config(), fleet.store(), Origin(fleet.nginx.url, time.monotonic() - 1))
    assert outcome.kind == "failed" and "deadline" in (outcome.error or "")


def test_rollback_holds_the_version_back_until_a_newer_one(fleet: Fleet) -> None:
    store, config = fleet.store(), fleet.config().model_copy(update={"keep": 2})
    versions = []
    for colour in (BLUE, GREEN, (250, 200, 0)):
        paint(fleet.pack, "main", colour)
        fleet.publish()
        versions.append(check_once("feld", config, store).version)
    assert [p.name for p in store.versions.iterdir()] and sorted(
        p.name for p in store.versions.iterdir()
    ) == sorted(versions[1:])  # keep: 2
    assert main(["rollback", "--data-dir", str(store.dir.parent)]) == 0
    assert store.current() == versions[1]
    held = check_once("feld", config, store)
    assert held.kind == "held" and store.current() == versions[1] and held.files == 0
    with pytest.raises(ValueError, match="no earlier version"):
        store.rollback()
    assert main(["rollback", "--data-dir", str(store.dir.parent / "elsewhere")]) == 1
    paint(fleet.pack, "main", (10, 10, 10))
    fleet.publish()
    newer = check_once("feld", config, store)
    assert newer.kind == "applied" and store.current() == newer.version
    assert read_state(store.dir).held_back is None
    assert config.interval == timedelta(seconds=1)
