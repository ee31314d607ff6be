#!/usr/bin/env python3
"""Golden pictures: what the shipped pack looks like, rendered by the real ``kiosk preview`` path and kept
in ``tests/golden/`` so that a change of the look is seen, not guessed.

    .venv/bin/python tools/golden.py --check            # compare every picture with its golden
    .venv/bin/python tools/golden.py --update           # render them all again (after a deliberate change)
    .venv/bin/python tools/golden.py --gallery          # rewrite docs/gallery.md from the manifest
    .venv/bin/python tools/golden.py --check --only 'stadthafen-stele--page-start--*'

The set (``kiosk/devtools/golden_cases.py``): every device in ``device-config/`` at three fixed instants
(Wed 16 Dec 2026 11:00 and 18:30, Sat 19 Dec 2026 14:00), every page of ``content/pages/`` in the
default language, home and two detail pages and the accessibility panel in every mode (each language;
the default one also in large text and in high contrast).

Deterministic: the clock is fixed by ``--at``; no data is fetched (the bundled snapshots, and a fresh,
empty last-good store instead of the developer's); web pages cannot reach the network (a closed proxy),
so they show their offline notice; tickers stay where they start (a preview holds them). Every picture
is rendered in this one process, one after another (about a second each), downscaled to 640 px wide in
256 colours and stored as an optimized PNG; the manifest ``tests/golden/manifest.json`` records each
one's ``kiosk preview`` arguments, size and SHA-256.

``--check`` compares perceptually (``kiosk/devtools/golden_compare.py``): a one-pixel shift of an edge or
other antialiasing passes, a changed word fails. For each failure it writes
``tests/golden/_diff/<name>.diff.png`` (golden | new | changes in red) and ``<name>.new.png``. Exit status
1 on any difference, missing or surplus golden.

When a golden fails: look at the diff picture. If the change is a mistake, fix the code. If it is what
you meant, run ``--update`` (all pictures, or ``--only`` the ones you changed), look at the new pictures,
and commit them with the change. ``--update`` rewrites only pictures that differ beyond the tolerance
(``--force``: every picture whose pixels changed at all), drops the goldens of cases that no longer exist
and rewrites the gallery.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageChops  # noqa: E402

from kiosk.devtools.golden_cases import (  # noqa: E402
    GALLERY,
    GOLDEN_DIR,
    MANIFEST,
    Case,
    gallery_text,
    load_cases,
    manifest_text,
    read_manifest,
)
from kiosk.devtools.golden_compare import compare, diff_picture, stored_form  # noqa: E402

DIFF_DIR = GOLDEN_DIR / "_diff"
# The representative subset the pytest test checks (the whole set is the tool's): every device at every
# instant, home, the departures page and the panel in every mode, a picture page in normal and large
# text, and a page with a web block.
QUICK = (
    "*--2026-12-*",
    "*--page-start--*",
    "*--page-bus-und-bahn--*",
    "*--panel--*",
    "*--page-sporthallen--de",
    "*--page-sporthallen--de-large",
    "*--page-offene-daten--*",
)


def offline_environment(state: Path) -> None:
    """Before Qt starts: offscreen, a fresh last-good store, web pages without network (and able to run
    as root, as on the CI machine; QtWebEngine otherwise ends the process)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["XDG_STATE_HOME"] = str(state)
    os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox --disable-gpu --proxy-server=127.0.0.1:9"
    os.environ.pop("KIOSK_ROOT", None)


@contextlib.contextmanager
def captured() -> Iterator[list[str]]:
    """stdout and stderr of Python, Qt and Chromium into a list (one string), shown only on failure."""
    sink: list[str] = []
    with tempfile.TemporaryFile(mode="w+b") as log:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield sink
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            log.seek(0)
            sink.append(log.read().decode("utf-8", "replace"))



def render(case: Case, scratch: Path) -> tuple[Image.Image | None, str]:
    """The case's picture in stored form, or None and what the preview said."""
    from kiosk.cli import main

    out = scratch / f"{case.name}.png"
    with captured() as said:
        rc = main(["preview", *case.args(), "--root", str(ROOT), "--out", str(out)])
    if rc != 0 or not out.exists():
        return None, f"kiosk preview {' '.join(case.args())} ended with {rc}:\n{said[0]}"
    release_windows()
    with Image.open(out) as full:
        picture = stored_form(full)
    out.unlink()
    return picture, ""


def release_windows() -> None:
    """Between pictures: the last shell's windows really go (``deleteLater`` needs the event loop), so the
    next render neither waits for their timers nor paints beside them."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for window in QApplication.topLevelWidgets():
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()
    gc.collect()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def selected(cases: list[Case], patterns: list[str]) -> list[Case]:
    if not patterns:
        return cases
    return [c for c in cases if any(fnmatch.fnmatch(c.name, p) for p in patterns)]


def update(cases: list[Case], chosen: list[Case], scratch: Path, force: bool = False) -> int:
    manifest = read_manifest(ROOT).get("pictures", {})
    entries = {name: manifest[name] for name in manifest if name in {c.name for c in cases}}
    failed = 0
    states: dict[str, int] = {}
    for number, case in enumerate(chosen, 1):
        started = time.monotonic()
        picture, problem = render(case, scratch)
        if picture is None:
            print(f"[{number}/{len(chosen)}] {case.name}: FAILED\n{problem}", flush=True)
            failed += 1
            continue
        path = ROOT / GOLDEN_DIR / f"{case.name}.png"
        state = "new"
        if path.exists():
            with Image.open(path) as stored:
                old = stored.convert("RGB")
            rgb = picture.convert("RGB")
            exact = old.size == rgb.size and ImageChops.difference(old, rgb).getbbox() is None
            # within the tolerance it is the same picture (a video's frame, a ticker a pixel further):
            # the golden stays, so the repository does not churn; --force writes it anyway
            state = "same" if exact or (not force and compare(old, rgb).same) else "changed"
        states[state] = states.get(state, 0) + 1
        if state != "same":
            path.parent.mkdir(parents=True, exist_ok=True)
            picture.save(path, optimize=True)
        entries[case.name] = {"args": case.args(), "size": list(picture.size), "sha256": sha256(path)}
        # after every picture: a run cut short (Ctrl+C, a crash) leaves goldens and manifest agreeing
        (ROOT / MANIFEST).write_text(manifest_text(entries), encoding="utf-8")
        print(
            f"[{number}/{len(chosen)}] {case.name}: {state} ({time.monotonic() - started:.1f} s)", flush=True
        )
    if len(chosen) == len(cases):  # the whole set: goldens of cases that are gone go too
        for stale in sorted((ROOT / GOLDEN_DIR).glob("*.png")):
            if stale.stem not in entries:
                stale.unlink()
                print(f"removed {stale.relative_to(ROOT)} (no longer in the set)")
    (ROOT / MANIFEST).write_text(manifest_text(entries), encoding="utf-8")
    write_gallery(cases)
    summary = ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
    print(f"{summary}{f', {failed} FAILED' if failed else ''}", flush=True)
    return 1 if failed else 0


def check(cases: list[Case], chosen: list[Case], scratch: Path) -> int:
    pictures = read_manifest(ROOT).get("pictures", {})
    problems = [
        f"{c.name}: no golden (run tools/golden.py --update)" for c in chosen if c.name not in pictures
    ]
    if len(chosen) == len(cases):
        names = {c.name for c in cases}
        problems += [
            f"{n}: golden of a case no longer in the set (run --update)" for n in pictures if n not in names
        ]
    for number, case in enumerate(chosen, 1):
        if case.name not in pictures:
            continue
        started = time.monotonic()
        problem = check_one(case, pictures[case.name]["sha256"], scratch)
        if problem:
            problems.append(f"{case.name}: {problem}")
        state = "DIFFERS" if problem else "ok"
        print(
            f"[{number}/{len(chosen)}] {case.name}: {state} ({time.monotonic() - started:.1f} s)", flush=True
        )
    for line in problems:
        print(f"golden: {line}", flush=True)
    return 1 if problems else 0


def check_one(case: Case, sha: str, scratch: Path) -> str:
    """Why the case's new picture is not its golden ("" when it is); writes the diff picture."""
    path = ROOT / GOLDEN_DIR / f"{case.name}.png"
    if not path.exists() or sha256(path) != sha:
        return f"{path.name} is missing or not the one in the manifest (run --update)"
    with Image.open(path) as stored:
        golden = stored.convert("RGB")
    # a video's frame depends on when the picture is taken: up to three tries for such a page
    for _attempt in range(3 if case.moving else 1):
        picture, problem = render(case, scratch)
        if picture is None:
            return problem
        new = picture.convert("RGB")
        verdict = compare(golden, new)
        if verdict.same:
            return ""
    diff_dir = ROOT / DIFF_DIR
    diff_dir.mkdir(parents=True, exist_ok=True)
    diff_picture(golden, new).save(diff_dir / f"{case.name}.diff.png")
    new.save(diff_dir / f"{case.name}.new.png")
    return f"{verdict.reason}; see {DIFF_DIR}/{case.name}.diff.png"


def write_gallery(cases: list[Case]) -> None:
    (ROOT / GALLERY).write_text(gallery_text(cases, read_manifest(ROOT)), encoding="utf-8")
    print(f"wrote {GALLERY}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument(
        "--check", action="store_true", help="compare with the goldens (exit 1 on a difference)"
    )
    action.add_argument("--update", action="store_true", help="render the goldens again")
    action.add_argument("--gallery", action="store_true", help="rewrite docs/gallery.md from the manifest")
    action.add_argument("--list", action="store_true", help="print the names of the set")
    parser.add_argument(
        "--only", action="append", default=[], metavar="GLOB", help="these names (repeatable)"
    )
    parser.add_argument(
        "--force", action="store_true", help="with --update: write pictures within the tolerance too"
    )
    parser.add_argument(
        "--quick", action="store_true", help="the representative subset the pytest test checks"
    )
    args = parser.parse_args(argv)
    cases = load_cases(ROOT)
    if args.gallery:
        write_gallery(cases)
        return 0
    chosen = selected(cases, [*args.only, *(QUICK if args.quick else ())])
    if args.list:
        print("\n".join(c.name for c in chosen))
        return 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="golden-") as scratch:
        offline_environment(Path(scratch) / "state")
        if args.update:
            rc = update(cases, chosen, Path(scratch), force=args.force)
        else:
            rc = check(cases, chosen, Path(scratch))
    print(f"{len(chosen)} pictures in {time.monotonic() - started:.1f} s", flush=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
