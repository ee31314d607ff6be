"""Manifests, signatures, keys and the selection of files per device: no server needed."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config.loader import load_content
from kiosk.config.needs import files_for
from kiosk.fleet.manifest import FileEntry, Manifest, ManifestError, changed_paths, missing, parse
from kiosk.fleet.publish import publish
from kiosk.fleet.signing import SignatureError, load_private, make_keys, sign, verify
from tests.conftest import REPO
from tests.fleetpack import BLUE, paint, sync_pack
from tests.unit.fleet.conftest import Keys

SHA_A, SHA_B = "a" * 64, "b" * 64


def _raw(files: list[dict[str, object]], device: str = "feld") -> bytes:
    return json.dumps({"format": 1, "device": device, "version": "v1", "time": "t", "files": files}).encode()


def test_keys_are_a_pair_the_private_one_0600_and_never_overwritten(tmp_path: Path) -> None:
    private, public, line = make_keys(tmp_path)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert public.read_text().strip() == line
    signature = sign(load_private(private), b"manifest")
    assert verify(b"manifest", signature, ["x" * 43 + "=", line]) == line  # any listed key may sign
    with pytest.raises(FileExistsError):
        make_keys(tmp_path)


def test_kiosk_keys_refuses_a_folder_inside_the_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inside = tmp_path / "pack" / "content" / "keys"
    inside.mkdir(parents=True)
    assert main(["keys", str(inside)]) == 2
    assert "inside the content" in capsys.readouterr().err
    assert not list(inside.iterdir())
    outside = tmp_path / "secrets"
    outside.mkdir()
    assert main(["keys", str(outside)]) == 0
    assert "public_keys: [" in capsys.readouterr().out
    assert main(["keys", str(outside)]) == 2  # a second pair would replace the first: refused


def test_a_changed_byte_or_another_key_fails_the_signature(tmp_path: Path) -> None:
    private, _, line = make_keys(tmp_path)
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other, _, _ = make_keys(other_dir)
    data = _raw([])
    good = sign(load_private(private), data)
    with pytest.raises(SignatureError):
        verify(data.replace(b"v1", b"v2"), good, [line])
    with pytest.raises(SignatureError):
        verify(data, sign(load_private(other), data), [line])
    with pytest.raises(SignatureError):
        verify(data, b"not base64!\n", [line])


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ({"path": "content/../../etc/passwd", "sha256": SHA_A, "size": 1}, "not a plain relative path"),
        ({"path": "/etc/passwd", "sha256": SHA_A, "size": 1}, "outside"),
        ({"path": "secrets/key", "sha256": SHA_A, "size": 1}, "outside"),
        ({"path": "content/a.png", "sha256": "md5", "size": 1}, "no sha256"),
        ({"path": "content/a.png", "sha256": SHA_A, "size": -1}, "no size"),
    ],
)
def test_a_manifest_is_refused_for_any_unsafe_entry(entry: dict[str, object], reason: str) -> None:
    with pytest.raises(ManifestError, match=reason):
        parse(_raw([entry]))


def test_a_manifest_is_refused_for_another_device_twice_listed_files_or_its_size() -> None:
    one = {"path": "content/a.png", "sha256": SHA_A, "size": 600}
    with pytest.raises(ManifestError, match="not 'stele'"):
        parse(_raw([one]), "stele")
    with pytest.raises(ManifestError, match="twice"):
        parse(_raw([one, {**one, "sha256": SHA_B}]))
    with pytest.raises(ManifestError, match="limit"):
        parse(_raw([one]), max_bytes=599)
    assert parse(_raw([one]), "feld", max_bytes=600).total_bytes == 600


def test_only_new_hashes_are_fetched_each_once_and_changes_are_by_path() -> None:
    old = Manifest(
        "feld", "v1", "t", (FileEntry("content/a.png", SHA_A, 1), FileEntry("layouts/l.yaml", SHA_B, 2))
    )
    new = Manifest(
        "feld",
        "v2",
        "t",
        (
            FileEntry("content/a.png", SHA_A, 1),
            FileEntry("content/b.png", "c" * 64, 3),
            FileEntry("content/copy-of-b.png", "c" * 64, 3),
            FileEntry("layouts/l.yaml", "d" * 64, 2),
        ),
    )
    assert [f.sha256 for f in missing(new, [SHA_A, SHA_B])] == ["c" * 64, "d" * 64]
    assert changed_paths(old, new) == {"content/b.png", "content/copy-of-b.png", "layouts/l.yaml"}
    assert parse(new.to_bytes()) == new  # the canonical bytes read back as the same manifest


def test_each_shipped_device_gets_only_what_it_plays() -> None:
    content = load_content(REPO).content
    hall, stele = files_for(content, "sporthalle-schmarl"), files_for(content, "stadthafen-stele")
    assert (
        "device-config/sporthalle-schmarl.yaml" in hall and "device-config/stadthafen-stele.yaml" not in hall
    )
    assert not any(p.startswith("content/pages/") for p in hall)  # a hall display shows no pages
    assert "content/pages/start.yaml" in stele
    assert "content/images/sporthalle-schmarl.png" in hall
    # the Hanse Sail page's video block and its captions (the stele's pages), with the video slide
    assert {"content/videos/hafen-loop.mp4", "content/videos/hafen-loop.vtt"} <= stele
    for rel in hall | stele:
        assert (REPO / rel).is_file(), rel


def test_a_page_video_block_brings_its_video_and_captions(minipack: Path) -> None:
    (minipack / "content/videos").mkdir()
    (minipack / "content/videos/film.mp4").write_bytes(b"\x00")
    (minipack / "content/videos/film.vtt").write_text("WEBVTT\n", encoding="utf-8")
    (minipack / "content/pages/info.yaml").write_text(
        "title: {de: Info, en: Info, ls: Info}\nview: detail\nblocks:\n"
        "  - type: video\n    video: videos/film.mp4\n    captions: videos/film.vtt\n"
        "    alt: {de: Ein Film, en: A film, ls: Ein Film}\n",
        encoding="utf-8",
    )
    files = files_for(load_content(minipack).content, "stele")
    assert {"content/videos/film.mp4", "content/videos/film.vtt"} <= files


def test_publish_writes_content_addressed_blobs_and_a_signed_manifest_once(
    tmp_path: Path, keys: Keys
) -> None:
    pack = sync_pack(tmp_path / "pack", "http://127.0.0.1:9/", keys.public, devices=("feld", "feld-2"))
    site = tmp_path / "site"
    key = load_private(keys.private)
    first = publish(pack.root, site, key)
    assert not first.issues and set(first.new_versions) == {"feld", "feld-2"} and not first.whole
    raw = (site / "devices/feld.json").read_bytes()
    assert verify(raw, (site / "devices/feld.json.sig").read_bytes(), [keys.public])
    manifest = parse(raw, "feld")
    assert {f.path for f in manifest.files} == {
        "device-config/feld.yaml",
        "layouts/feld.yaml",
        "content/themes/rostock.yaml",
        "content/playlists/main.yaml",
        "content/slides/main.yaml",
        "content/images/main.png",
    }
    for entry in manifest.files:
        blob = (site / "blobs/sha256" / entry.sha256).read_bytes()
        assert hashlib.sha256(blob).hexdigest() == entry.sha256 and len(blob) == entry.size
    stamps = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    again = publish(pack.root, site, key)  # unchanged: nothing is written, so ETags stay the same
    assert again.blobs_written == 0 and again.unchanged == first.new_versions
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == stamps
    paint(pack, "main", BLUE)
    third = publish(pack.root, site, key)
    assert third.blobs_written == 1 and set(third.new_versions) == {"feld", "feld-2"}
    new = parse((site / "devices/feld.json").read_bytes())
    assert changed_paths(manifest, new) == {"content/images/main.png"}


def test_publish_refuses_invalid_content_and_writes_nothing(
    tmp_path: Path, keys: Keys, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = sync_pack(tmp_path / "pack", "http://127.0.0.1:9/", keys.public)
    pack.playlist("main", ["does-not-exist"])
    site = tmp_path / "site"
    code = main(["publish", str(site), "--key", str(keys.private), "--root", str(pack.root)])
    out = capsys.readouterr().out
    assert code == 1 and "unknown slide 'does-not-exist'" in out and "refused" in out
    assert not site.exists()
    assert (
        main(
            ["publish", str(pack.root / "content/out"), "--key", str(keys.private), "--root", str(pack.root)]
        )
        == 2
    )
