"""Every copy-paste recipe of the German editor guide (docs/redaktion.md) works on the shipped pack: applied
in order to a copy of it, the content loads without errors and without a warning the pack did not have."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from kiosk.config.issues import errors
from kiosk.config.loader import load_content
from tests.conftest import REPO

GUIDE = REPO / "docs/redaktion.md"
# a recipe is a YAML block right after <!-- rezept: neu PATH --> (a new file) or
# <!-- rezept: ergänzen PATH --> (merged into the file: lists get the new entries, mappings the new keys)
RECIPE = re.compile(r"<!-- rezept: (neu|ergänzen) (\S+) -->\n```yaml\n(.*?)```", re.S)


def _recipes() -> list[tuple[str, str, str]]:
    return [(m[1], m[2], m[3]) for m in RECIPE.finditer(GUIDE.read_text(encoding="utf-8"))]


def _merge(old: Any, new: Any) -> Any:
    if isinstance(old, dict) and isinstance(new, dict):
        return {**old, **{k: _merge(old[k], v) if k in old else v for k, v in new.items()}}
    if isinstance(old, list) and isinstance(new, list):
        return old + [item for item in new if item not in old]
    return new


def _apply(root: Path, how: str, path: str, text: str) -> None:
    target = root / path
    if how == "neu":
        assert not target.exists(), f"the recipe for {path} would overwrite a shipped file"
        target.write_text(text, encoding="utf-8")
        return
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    merged = _merge(data, yaml.safe_load(text))
    target.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _copy(root: Path) -> Path:
    for top in ("content", "layouts", "device-config"):
        shutil.copytree(REPO / top, root / top)
    return root


def test_the_guide_has_a_recipe_for_each_task() -> None:
    paths = [path for _, path, _ in _recipes()]
    assert len(paths) >= 10
    for folder in (
        "content/slides/",
        "content/playlists/",
        "content/pages/",
        "device-config/",
        "content/speech/",
    ):
        assert any(p.startswith(folder) for p in paths), folder


def test_every_recipe_applies_to_the_shipped_pack_without_problems(tmp_path: Path) -> None:
    root = _copy(tmp_path / "pack")
    before = load_content(root)
    assert not errors(before.issues)
    known = {(i.file, i.message) for i in before.issues}
    for how, path, text in _recipes():
        _apply(root, how, path, text)
    after = load_content(root)
    assert not errors(after.issues), "\n".join(i.format() for i in errors(after.issues))
    new = [i.format() for i in after.issues if (i.file, i.message) not in known]
    assert not new, "\n".join(new)
    content = after.content
    assert "halle-turnier" in content.slides and "bild-hafen-abend" in content.slides
    zone = content.devices["sporthalle-schmarl"].model.zones["inhalt"]
    assert {"halle-turnier-samstag", "weihnachtsmarkt-halle"} <= set(zone.playlists)
    assert "sporthalle-anfahrt" in content.pages["sport-ehrenamt"].model.children
    assert content.speech["rostock"].model.abbreviations["de"]["OT"] == "Ortsteil"


def test_every_yaml_block_of_the_guide_is_yaml() -> None:
    for block in re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S):
        yaml.safe_load(block)


def test_the_german_and_english_guides_link_each_other() -> None:
    assert "(editor-guide.md)" in GUIDE.read_text(encoding="utf-8")
    assert "(redaktion.md)" in (REPO / "docs/editor-guide.md").read_text(encoding="utf-8")
