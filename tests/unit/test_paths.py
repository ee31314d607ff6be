"""Where a command may write a file: never into a folder it would have to create."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.paths import output_problem


def test_a_file_in_an_existing_folder_can_be_written(tmp_path: Path) -> None:
    assert output_problem(tmp_path / "plan.png") is None
    (tmp_path / "plan.png").write_bytes(b"old")
    assert output_problem(tmp_path / "plan.png") is None  # replacing a file is fine


def test_nothing_is_created_for_a_missing_folder(tmp_path: Path) -> None:
    problem = output_problem(tmp_path / "typo" / "deeper" / "plan.png")
    assert problem == f"the folder {tmp_path / 'typo' / 'deeper'} does not exist (no folders are created)"
    assert list(tmp_path.iterdir()) == []


def test_folders_and_files_in_the_way(tmp_path: Path) -> None:
    assert output_problem(tmp_path) == "that is a folder; give a file name"
    (tmp_path / "file").write_text("x")
    assert output_problem(tmp_path / "file" / "plan.png") == f"{tmp_path / 'file'} is not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert output_problem(folder / "plan.png") == f"the folder {folder} is not writable"
    finally:
        folder.chmod(0o755)
