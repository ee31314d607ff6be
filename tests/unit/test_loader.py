"""Loading a whole content root: clean packs, warnings, references, hostile files."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config.issues import Issue, errors, warnings
from kiosk.config.kinds import KINDS_BY_NAME
from kiosk.config.loader import load_content, load_file
from kiosk.config.models.slides import ImageSlide, TextSlide


def test_minipack_is_clean(minipack: Path) -> None:
    result = load_content(minipack)
    assert result.issues == []
    assert result.files == 13
    content = result.content
    assert set(content.devices) == {"stele"}
    assert isinstance(content.slides["hafen"].model, ImageSlide)
    text = content.slides["willkommen"].model
    assert isinstance(text, TextSlide)
    assert text.duration.total_seconds() == 10
    assert content.playlists["tag"].model.windows[0].start.hour == 7


def test_every_problem_is_reported_at_once(minipack: Path) -> None:
    (minipack / "content/slides/willkommen.yaml").write_text("type: text\nbody: {de: A}\nduraton: 1s\n")
    (minipack / "content/playlists/tag.yaml").write_text("name: X\nitems: [hafen, nix]\npriority: 500\n")
    result = load_content(minipack)
    found = {(i.file, i.line, i.code) for i in errors(result.issues)}
    assert ("content/slides/willkommen.yaml", 3, "extra_forbidden") in found
    assert ("content/playlists/tag.yaml", 3, "less_than_equal") in found


def test_misspelt_key_gets_did_you_mean(minipack: Path) -> None:
    (minipack / "content/slides/hafen.yaml").write_text(
        "type: image\nimage: images/hafen.png\nalt: {de: Hafen, en: Harbour, ls: Hafen}\nfitt: cover\n"
    )
    (issue,) = errors(load_content(minipack).issues)
    assert issue.line == 4 and issue.hint == "did you mean 'fit'?"


def test_dangling_reference_gets_did_you_mean(minipack: Path) -> None:
    (minipack / "content/playlists/band.yaml").write_text("name: Band\nitems:\n  - bandd\n")
    (issue,) = errors(load_content(minipack).issues)
    assert (issue.file, issue.line, issue.hint) == ("content/playlists/band.yaml", 3, "did you mean 'band'?")


def test_missing_translation_is_a_warning(minipack: Path) -> None:
    (minipack / "content/slides/band.yaml").write_text("type: ticker\nitems:\n  - {de: Moin, en: Hi}\n")
    result = load_content(minipack)
    assert result.ok
    (warning,) = warnings(result.issues)
    assert warning.line == 3 and "Leichte Sprache" in warning.message and warning.key == "items[0]"


def test_unused_slide_and_unreachable_page_warn(minipack: Path) -> None:
    (minipack / "content/slides/extra.yaml").write_text("type: clock\ntitle: {de: Uhr, en: Clock, ls: Uhr}\n")
    (minipack / "content/pages/waise.yaml").write_text(
        "title: {de: W, en: W, ls: W}\nblocks:\n  - type: text\n    text: {de: a, en: a, ls: a}\n"
    )
    codes = {(i.file, i.code) for i in warnings(load_content(minipack).issues)}
    assert ("content/slides/extra.yaml", "unused") in codes
    assert ("content/pages/waise.yaml", "unused") in codes


def test_yaml_in_a_wrong_folder_is_not_silently_ignored(minipack: Path) -> None:
    (minipack / "content/slide").mkdir()
    (minipack / "content/slide/neu.yaml").write_text("type: clock\n")
    (warning,) = warnings(load_content(minipack).issues)
    assert warning.code == "stray-file" and "content/slides" in warning.hint


def test_bad_file_name(minipack: Path) -> None:
    (minipack / "content/slides/Neue Folie.yaml").write_text("type: clock\n")
    assert any(i.code == "file-name" for i in errors(load_content(minipack).issues))


def test_empty_root(tmp_path: Path) -> None:
    result = load_content(tmp_path)
    assert not result.ok and result.issues[0].code == "empty-root"


def test_a_broken_file_leaves_the_rest_usable(minipack: Path) -> None:
    (minipack / "content/slides/willkommen.yaml").write_text("type: [\n")
    result = load_content(minipack)
    assert not result.ok
    assert "willkommen" not in result.content.slides
    assert "hafen" in result.content.slides and "stele" in result.content.devices


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gives_issues_not_exceptions(minipack: Path, text: str) -> None:
    path = minipack / "content/slides/zufall.yaml"
    path.write_text(text, encoding="utf-8")
    for kind in ("slide", "device", "playlist", "page"):
        entry, issues = load_file(minipack, path, KINDS_BY_NAME[kind])
        assert entry is not None or errors(issues)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_yaml_structure_gives_issues_not_exceptions(minipack: Path, data: object) -> None:
    import yaml

    path = minipack / "content/slides/zufall.yaml"
    path.write_text(yaml.safe_dump({"type": "text", "body": data}), encoding="utf-8")
    entry, issues = load_file(minipack, path, KINDS_BY_NAME["slide"])
    assert entry is not None or errors(issues)
    for issue in issues:
        assert issue.line is None or issue.line >= 1


def test_a_playlist_that_is_not_yaml_still_counts_for_the_slides_it_names(minipack: Path) -> None:
    # an unclosed quote: the playlist cannot be read, but 'hafen' is in its text: not "in no playlist"
    (minipack / "content/playlists/tag.yaml").write_text('name: "Tagsüber\nitems: [hafen, willkommen]\n')
    result = load_content(minipack)
    assert [(i.file, i.code) for i in result.issues] == [("content/playlists/tag.yaml", "yaml-syntax")]


def test_a_slide_listed_nowhere_is_still_reported_beside_a_broken_playlist(minipack: Path) -> None:
    (minipack / "content/playlists/tag.yaml").write_text("name: X\npriority: 500\nitems: [willkommen]\n")
    result = load_content(minipack)
    unused = [(i.file, i.code) for i in warnings(result.issues)]
    assert unused == [("content/slides/hafen.yaml", "unused")]  # only the broken list is trusted, not more


def test_children_of_a_broken_page_stay_reachable_and_others_do_not(minipack: Path) -> None:
    (minipack / "content/pages/extra.yaml").write_text(
        "title: {de: Extra, en: Extra, ls: Extra}\nblocks:\n  - {type: text, text: {de: A, en: A, ls: A}}\n"
    )
    (minipack / "content/pages/start.yaml").write_text(
        "title: {de: Start, en: Home, ls: Start}\nview: tiles\nchildren: [info]\nfarbe: rot\n"
    )
    result = load_content(minipack)
    found = {(i.file, i.code) for i in result.issues}
    assert found == {("content/pages/start.yaml", "extra_forbidden"), ("content/pages/extra.yaml", "unused")}


def test_a_broken_device_keeps_its_home_page_reachable(minipack: Path) -> None:
    stele = minipack / "device-config/stele.yaml"
    stele.write_text(stele.read_text().replace("role: touch-terminal", "role: kiosk"))
    (minipack / "device-config/halle.yaml").write_text(
        "name: Halle\nrole: hall-display\nlayout: hoch\nzones:\n  main: {playlists: [tag]}\n"
        "  band: {playlists: [band]}\n"
    )
    result = load_content(minipack)
    assert [(i.file, i.code) for i in result.issues] == [("device-config/stele.yaml", "literal_error")]


def _only_error(minipack: Path, rel: str, text: str) -> Issue:
    (minipack / rel).write_text(text, encoding="utf-8")
    found = load_content(minipack).issues
    assert len(found) == 1, [i.format() for i in found]
    return found[0]


def test_a_key_indented_under_its_neighbour_is_told_as_indentation(minipack: Path) -> None:
    issue = _only_error(
        minipack,
        "content/pages/info.yaml",
        "title: {de: Info, en: Info, ls: Info}\nblocks:\n  - type: contact\n    name:\n"
        "      de: Amt\n      en: Office\n      ls: Amt\n      address: Neuer Markt 1\n",
    )
    assert (issue.line, issue.column) == (8, 7)
    assert issue.text("de") == (
        "„address“ ist zu weit eingerückt: es gehört neben „name“, nicht darunter",
        "beginnen Sie „address“ in Spalte 5, wie „name“ in Zeile 4",
    )
    assert issue.hint == "start 'address' in column 5, like 'name' in line 4"  # not the list of languages


def test_a_key_in_a_language_map_and_two_levels_too_far(minipack: Path) -> None:
    issue = _only_error(
        minipack,
        "content/slides/willkommen.yaml",
        "type: text\ntitle:\n  de: Willkommen\n  en: Welcome\n  ls: Hallo\nheading: {de: A, en: A, ls: A}\n"
        "body:\n  de: Hallo\n  en: Hello\n  ls: Hallo\n  duration: 5s\n",
    )
    assert issue.message == "'duration' is indented too far: it belongs beside 'body', not under it"
    (minipack / "content/slides/willkommen.yaml").write_text("type: text\nbody: {de: A, en: A, ls: A}\n")
    stele = minipack / "device-config/stele.yaml"
    text = (
        stele.read_text()
        .replace("home_page: start\n", "")
        .replace("band:\n", "band:\n    home_page: start\n")
    )
    issue = _only_error(minipack, "device-config/stele.yaml", text)
    assert issue.message == "'home_page' is indented too far: it belongs beside 'zones', not under it"
    assert issue.hint == "start 'home_page' in column 1, like 'zones' in line 8"


def test_a_key_that_slipped_out_of_the_list_entry_above_is_not_far_enough(minipack: Path) -> None:
    issue = _only_error(
        minipack,
        "content/playlists/tag.yaml",
        "name: Tag\nitems:\n  - slide: hafen\n    duration: 20s\n  - slide: willkommen\nduration: 5s\n",
    )
    assert issue.line == 6
    assert issue.text("en") == (
        "'duration' is not indented far enough: it belongs under 'items', in its last entry",
        "indent it to column 5, like the keys under 'items'",
    )


def test_a_misspelt_key_still_gets_did_you_mean(minipack: Path) -> None:
    issue = _only_error(
        minipack,
        "content/slides/willkommen.yaml",
        "type: text\nbody: {de: A, en: A, ls: A}\ntitel: {de: A}\n",
    )
    assert (issue.message, issue.hint) == ("unknown key 'titel'", "did you mean 'title'?")


def test_keys_that_slipped_out_of_an_empty_mapping_are_told_once_each(minipack: Path) -> None:
    stele = minipack / "device-config/stele.yaml"
    stele.write_text(stele.read_text().replace("  width: 540\n  height: 960\n", "width: 540\nheight: 960\n"))
    found = load_content(minipack).issues
    # not also "screen must be a mapping": the empty screen is the same mistake
    assert [(i.line, i.message) for i in found] == [
        (7, "'width' is not indented far enough: it belongs under 'screen'"),
        (8, "'height' is not indented far enough: it belongs under 'screen'"),
    ]
    assert found[0].hint == "indent it to column 3, like the keys under 'screen'"


def test_broken_files_with_odd_shapes_do_not_break_the_reference_checks(minipack: Path) -> None:
    for text in ("name: X\nitems: 5\n", "name: X\nitems: {a: 1}\n", "items:\n  - slide: [1]\n  - 7\n"):
        (minipack / "content/playlists/tag.yaml").write_text(text)
        (minipack / "content/pages/start.yaml").write_text("title: 3\nchildren: {x: 1}\n")
        odd_device = "name: S\nzones: [1]\nlanguages: 5\nhome_page: [a]\n"
        (minipack / "device-config/stele.yaml").write_text(odd_device)
        result = load_content(minipack)
        assert errors(result.issues) and not result.ok
