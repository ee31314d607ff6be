"""The shipped Rostock pack: clean, broad enough, and every deliberate mistake is found at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config.kinds import KINDS
from kiosk.config.loader import ContentSet, load_content
from kiosk.config.models import Device, Page, Playlist
from kiosk.config.models.slides import SLIDE_TYPES, DataSlide, TickerSlide
from tests.conftest import REPO


@pytest.fixture(scope="module")
def shipped() -> ContentSet:
    result = load_content(REPO)
    assert result.issues == [], "\n".join(i.format() for i in result.issues)
    return result.content


def test_shipped_pack_has_no_errors_or_warnings(shipped: ContentSet) -> None:
    assert shipped.devices


def test_shipped_pack_is_broad_enough(shipped: ContentSet) -> None:
    devices = [d.model for d in shipped.devices.values()]
    assert any(d.role == "touch-terminal" and shipped.layouts[d.layout].model.portrait for d in devices)
    assert any(d.role == "hall-display" and not shipped.layouts[d.layout].model.portrait for d in devices)
    assert len(shipped.layouts) >= 3
    assert len(shipped.slides) >= 12
    assert {s.model.type for s in shipped.slides.values()} == set(SLIDE_TYPES)
    playlists = [p.model for p in shipped.playlists.values()]
    assert len(playlists) >= 4
    assert any(p.dates is not None and p.dates.start and p.dates.start.month == 8 for p in playlists)
    days = [set(w.days) for p in playlists for w in p.windows]
    assert {"sat", "sun"} in days or any(d == {"sat", "sun"} for d in days)
    assert any({"mon", "fri"} <= d and "sun" not in d for d in days)
    assert any(w.end <= w.start or w.start.hour >= 17 for p in playlists for w in p.windows)


def test_page_tree_is_at_least_three_levels_deep(shipped: ContentSet) -> None:
    homes = {d.model.home_page for d in shipped.devices.values() if d.model.home_page}

    def depth(page: str) -> int:
        children = shipped.pages[page].model.children
        return 1 + max((depth(c) for c in children), default=0)

    assert max(depth(h) for h in homes) >= 3


# --- one deliberate mistake in any shipped file -----------------------------------------------


def shipped_files() -> list[Path]:
    return [p for kind in KINDS for p in sorted((REPO / kind.folder).glob("*.yaml"))]


_TOP_KEY = re.compile(r"^([a-z_]+):(.*)$")


def top_keys(lines: list[str]) -> list[tuple[int, str, str]]:
    return [(i, m.group(1), m.group(2)) for i, line in enumerate(lines) if (m := _TOP_KEY.match(line))]


def misspell(lines: list[str]) -> int:
    i, key, rest = [k for k in top_keys(lines) if k[1] != "type"][-1]
    lines[i] = f"{key}x:{rest}"
    return i


def duplicate(lines: list[str]) -> int:
    _, key, rest = top_keys(lines)[0]
    lines.append(f"{key}:{rest}")
    return len(lines) - 1


def tab(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if line.startswith("  ") and line.strip() and not line.lstrip().startswith("#"):
            lines[i] = "\t" + line[2:]
            return i
    lines.append("\tx: 1")
    return len(lines) - 1


def wrong_type(lines: list[str]) -> int:
    for i, key, rest in top_keys(lines):
        if key != "type" and rest.strip() and not rest.strip().startswith(("[", "{", "|", ">")):
            lines[i] = f"{key}: [1, 2]"
            return i
    i, key, _ = top_keys(lines)[0]
    lines[i] = f"{key}: [1, 2]"
    # a file whose keys all hold blocks (content/speech): the block goes too, or the mistake would be
    # a YAML syntax error on the next line instead of one wrong type
    while i + 1 < len(lines) and lines[i + 1].startswith((" ", "- ")):
        del lines[i + 1]
    return i


_NUMBER = re.compile(r"^(\s*(?:- )?[a-z_]+: )(\d+(?:\.\d+)?)\s*$")


def out_of_range(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if (m := _NUMBER.match(line)) and "seed" not in line:
            lines[i] = m.group(1) + "99999999999"
            return i
    return None


MUTATIONS = {
    "misspelt-key": misspell,
    "duplicate-key": duplicate,
    "tab": tab,
    "wrong-type": wrong_type,
    "out-of-range": out_of_range,
}


def mutation_cases() -> list[tuple[Path, str]]:
    """Every shipped file with every mutation that applies to it (not every file has a number)."""
    cases = []
    for path in shipped_files():
        for name, mutate in MUTATIONS.items():
            if mutate(path.read_text(encoding="utf-8").splitlines()) is not None:
                cases.append((path, name))
    return cases


@pytest.mark.parametrize(
    ("path", "mutation"),
    mutation_cases(),
    ids=lambda v: v.relative_to(REPO).as_posix() if isinstance(v, Path) else v,
)
def test_one_mistake_is_found_at_its_line(
    path: Path, mutation: str, shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rel = path.relative_to(REPO).as_posix()
    target = shipped_copy / rel
    lines = target.read_text(encoding="utf-8").splitlines()
    index = MUTATIONS[mutation](lines)
    assert index is not None
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", "--quiet", str(shipped_copy)]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"^{re.escape(rel)}:{index + 1}(:\d+)?: Fehler: ", out, re.M), out


def first_reference(model: object) -> str | None:
    """The first name this model uses to refer to another file, if any."""
    if isinstance(model, Playlist):
        return model.items[0].slide
    if isinstance(model, Page) and model.children:
        return model.children[0]
    if isinstance(model, Device):
        return model.layout
    if isinstance(model, DataSlide | TickerSlide) and model.source:
        return model.source
    return None


def test_dangling_reference_in_any_shipped_file(
    shipped: ContentSet, shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [(e.file, name) for e in shipped.entries() if (name := first_reference(e.model))]
    assert len(cases) >= 10
    for rel, name in cases:
        target = shipped_copy / rel
        original = target.read_text(encoding="utf-8")
        lines = original.splitlines()
        ref = re.compile(rf"^\s*(-\s+)?([a-z_]+:\s*)?(\[[^\]]*)?\b{re.escape(name)}\b")
        index = next(i for i, line in enumerate(lines) if ref.match(line))
        lines[index] = re.sub(rf"\b{re.escape(name)}\b", name + "zz", lines[index], count=1)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert main(["validate", "--quiet", str(shipped_copy)]) == 1
        out = capsys.readouterr().out
        assert re.search(
            rf"^{re.escape(rel)}:{index + 1}(:\d+)?: Fehler: .*„{re.escape(name)}zz“ gibt es nicht", out, re.M
        ), out
        target.write_text(original, encoding="utf-8")
