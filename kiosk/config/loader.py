"""Load and check every editor file of a content root. The CLI and the device runtime share this code."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from kiosk.config.fields import is_identifier
from kiosk.config.issues import Issue, Severity, errors, format_key_path
from kiosk.config.kinds import KINDS, FileKind
from kiosk.config.models import DataSource, Device, Layout, ManualAlert, Page, Playlist, SpeechWords, Theme
from kiosk.config.models.easy import EasyLanguage
from kiosk.config.models.slides import SlideBase
from kiosk.config.pydantic_issues import translate
from kiosk.config.suggest import did_you_mean
from kiosk.config.yamlpos import YamlDocument, parse_yaml

T = TypeVar("T")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One validated editor file: its id (file name without suffix), where it is, and its model."""

    id: str
    file: str
    model: T
    doc: YamlDocument

    def where(self, *path: str | int) -> tuple[int | None, int | None]:
        """1-based (line, column) of ``path`` in this file, for follow-up issues."""
        pos = self.doc.position(tuple(path))
        return pos if pos else (None, None)

    def issue(
        self,
        path: tuple[str | int, ...],
        message: str,
        hint: str = "",
        severity: Severity = "error",
        code: str = "",
    ) -> Issue:
        """A follow-up problem of this file at ``path`` (cross-file checks: references, contrast)."""
        line, col = self.where(*path)
        return Issue(severity, self.file, line, col, format_key_path(path), message, hint, code)


@dataclass
class ContentSet:
    """Everything that validated, by kind and id."""

    root: Path
    devices: dict[str, Entry[Device]] = field(default_factory=dict)
    sources: dict[str, Entry[DataSource]] = field(default_factory=dict)
    layouts: dict[str, Entry[Layout]] = field(default_factory=dict)
    slides: dict[str, Entry[SlideBase]] = field(default_factory=dict)
    playlists: dict[str, Entry[Playlist]] = field(default_factory=dict)
    pages: dict[str, Entry[Page]] = field(default_factory=dict)
    themes: dict[str, Entry[Theme]] = field(default_factory=dict)
    alerts: dict[str, Entry[ManualAlert]] = field(default_factory=dict)
    easy_language: dict[str, Entry[EasyLanguage]] = field(default_factory=dict)
    speech: dict[str, Entry[SpeechWords]] = field(default_factory=dict)
    #: (kind, id) of files that exist but have errors: references to them are not reported again
    broken: set[tuple[str, str]] = field(default_factory=set)
    #: what each broken file still says: its raw mapping when the YAML reads, else its text, so the
    #: files it names are not reported as unused because of its mistake (see kiosk.config.broken)
    raw: dict[tuple[str, str], Any] = field(default_factory=dict)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def table(self, kind: FileKind) -> dict[str, Entry[Any]]:
        tables: dict[str, dict[str, Entry[Any]]] = {
            "device": self.devices,
            "source": self.sources,
            "layout": self.layouts,
            "slide": self.slides,
            "playlist": self.playlists,
            "page": self.pages,
            "theme": self.themes,
            "alert": self.alerts,
            "easy-language": self.easy_language,
            "speech": self.speech,
        }
        return tables[kind.name]

    def entries(self) -> Iterator[Entry[Any]]:
        for kind in KINDS:
            yield from self.table(kind).values()


@dataclass
class LoadResult:
    content: ContentSet
    issues: list[Issue]
    files: int

    @property
    def ok(self) -> bool:
        return not errors(self.issues)


def _files_of(root: Path, kind: FileKind) -> list[Path]:
    folder = root / kind.folder
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)


def _stray_yaml(root: Path) -> list[Issue]:
    """YAML files outside the known folders would be silently ignored: say so."""
    known = {(root / kind.folder).resolve() for kind in KINDS}
    issues = []
    for top in ("content", "layouts", "device-config"):
        base = root / top
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix in YAML_SUFFIXES and path.is_file() and path.parent.resolve() not in known:
                rel = path.parent.relative_to(root).as_posix()
                hint = did_you_mean(rel, [k.folder for k in KINDS])
                issues.append(
                    Issue(
                        "warning",
                        path.relative_to(root).as_posix(),
                        None,
                        None,
                        "",
                        f"not read: '{rel}/' is not a folder for editor files",
                        hint=hint,
                        code="stray-file",
                    )
                )
    return issues


def load_file(root: Path, path: Path, kind: FileKind) -> tuple[Entry[Any] | None, list[Issue]]:
    """Parse and validate one file of a known kind."""
    entry, issues, _ = _load(root, path, kind)
    return entry, issues


def _load(root: Path, path: Path, kind: FileKind) -> tuple[Entry[Any] | None, list[Issue], Any]:
    """``(entry, issues, raw)``: ``raw`` is what a file that did not validate still says (its mapping,
    or its text when it is not YAML), for the checks that must not blame other files for its mistake."""
    rel = path.relative_to(root).as_posix()
    issues: list[Issue] = []
    if not is_identifier(path.stem):
        issues.append(
            Issue(
                "error",
                rel,
                None,
                None,
                "",
                f"file name '{path.name}' is not a valid name",
                hint="use lower-case letters, digits, '-' and '_' (the name is how other files refer to it)",
                code="file-name",
            )
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        unreadable = Issue(
            "error", rel, None, None, "", f"cannot read the file: {exc.strerror}", code="unreadable"
        )
        return None, [*issues, unreadable], ""
    doc, parse_issues = parse_yaml(raw, rel)
    issues.extend(parse_issues)
    if doc is None:
        return None, issues, raw.decode("utf-8", errors="replace")
    try:
        model = kind.adapter.validate_python(doc.data)
    except ValidationError as exc:
        issues.extend(translate(exc, kind.model, doc, rel))
        return None, issues, doc.data
    if errors(issues):
        return None, issues, doc.data
    return Entry(path.stem, rel, model, doc), issues, None


def load_content(root: Path, lang: str = "de") -> LoadResult:
    """Load every editor file below ``root`` and check references between them.

    Files with errors are left out of the content set (the rest stays usable); every problem is in
    ``issues``, sorted by file and line. ``lang`` is the editor's language for the messages that have
    one (German or English).
    """
    # late: these import this module
    from kiosk.config.easy.check import check_easy_language
    from kiosk.config.references import check_references
    from kiosk.config.translations import check_translations

    root = root.resolve()
    content = ContentSet(root=root)
    issues: list[Issue] = []
    files = 0
    for kind in KINDS:
        table = content.table(kind)
        for path in _files_of(root, kind):
            files += 1
            entry, found, raw = _load(root, path, kind)
            issues.extend(found)
            if entry is not None:
                table[entry.id] = entry
            else:
                content.broken.add((kind.name, path.stem))
                content.raw[(kind.name, path.stem)] = raw
    if files == 0:
        issues.append(
            Issue(
                "error",
                str(root),
                None,
                None,
                "",
                "no editor files found here",
                hint="point at a folder containing device-config/, layouts/ and content/",
                code="empty-root",
            )
        )
    issues.extend(_stray_yaml(root))
    issues.extend(check_references(content))
    issues.extend(check_translations(content, lang))
    issues.extend(check_easy_language(content, lang))
    issues.sort(key=Issue.sort_key)
    return LoadResult(content, issues, files)
