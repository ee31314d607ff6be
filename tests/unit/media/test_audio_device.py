"""Looking for sound cards and sound servers without opening either."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.media.audio_device import check_audio

CARDS = """\
 0 [PCH            ]: HDA-Intel - HDA Intel PCH
                      HDA Intel PCH at 0xf7f10000 irq 32
 1 [Device         ]: USB-Audio - USB Audio Device
                      C-Media USB Audio Device at usb-0000:00:14.0-2, full speed
"""


@pytest.fixture
def runtime(tmp_path: Path) -> Path:
    folder = tmp_path / "run-user"
    folder.mkdir()
    return folder


@pytest.fixture
def pulse_socket(runtime: Path) -> Iterator[Path]:
    """A real listening Unix socket where PulseAudio (or pipewire-pulse) puts its own."""
    (runtime / "pulse").mkdir()
    path = runtime / "pulse/native"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    yield path
    server.close()


def test_no_card_no_server(tmp_path: Path, runtime: Path) -> None:
    cards = tmp_path / "cards"
    cards.write_text("--- no soundcards ---\n")
    check = check_audio({"XDG_RUNTIME_DIR": str(runtime)}, cards, ())
    assert check.missing and check.cards == () and check.servers == ()
    assert check.reason == "no sound card and no sound server (PipeWire or PulseAudio)"
    # a kernel without ALSA (containers) has no cards file at all: no card either
    assert check_audio({"XDG_RUNTIME_DIR": str(runtime)}, tmp_path / "absent", ()).missing


def test_cards_are_found_by_name(tmp_path: Path, runtime: Path) -> None:
    cards = tmp_path / "cards"
    cards.write_text(CARDS)
    check = check_audio({"XDG_RUNTIME_DIR": str(runtime)}, cards, ())
    assert check.cards == ("HDA-Intel - HDA Intel PCH", "USB-Audio - USB Audio Device")
    assert not check.missing and check.reason == ""


def test_a_server_socket_counts_and_a_plain_file_does_not(
    tmp_path: Path, runtime: Path, pulse_socket: Path
) -> None:
    (runtime / "pipewire-0").write_text("not a socket")
    check = check_audio({"XDG_RUNTIME_DIR": str(runtime)}, tmp_path / "absent", ())
    assert check.servers == (str(pulse_socket),) and not check.missing


def test_a_server_named_in_the_environment_counts(tmp_path: Path, runtime: Path) -> None:
    env = {"XDG_RUNTIME_DIR": str(runtime), "PULSE_SERVER": "tcp:192.0.2.1"}
    assert check_audio(env, tmp_path / "absent", ()).servers == ("$PULSE_SERVER",)
    env = {"XDG_RUNTIME_DIR": str(runtime), "PIPEWIRE_REMOTE": "pipewire-1"}
    assert check_audio(env, tmp_path / "absent", ()).servers == ("$PIPEWIRE_REMOTE",)
