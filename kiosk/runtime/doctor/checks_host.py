"""The doctor's checks of what the machine offers the kiosk: voices, sound, fonts, writable folders."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from kiosk.config.loader import ContentSet
from kiosk.media.audio_device import check_audio
from kiosk.runtime.doctor.context import Context
from kiosk.runtime.doctor.result import Result, Status, tail
from kiosk.runtime.doctor.subproc import run_probe

VOICES_TIMEOUT_S = 20.0
FC_TIMEOUT_S = 10.0
SPEECH_FIX = "apt install espeak-ng espeak-ng-data libespeak-ng1"
# fontconfig's language tags for the kiosk's languages (Leichte Sprache is German)
FC_LANG = {"ls": "de"}
FONT_PACKAGES = {"DejaVu Sans": "fonts-dejavu-core", "Noto Sans": "fonts-noto-core"}
MIN_FREE_MB = 50  # below: last good data and the picture cache can no longer be written
LOW_FREE_MB = 500
SYSTEM_FONTS_FIX = "apt install fonts-dejavu-core fonts-noto-core"


def spoken_as(language: str) -> str:
    """The language a voice is for (``ls`` is spoken by the German voice)."""
    return FC_LANG.get(language, language)


def check_voices(ctx: Context, wait_s: float) -> Result:
    found = ctx.device(wait_s)
    if found is None:
        return Result("voices", "skip", "needs a valid device file (see config)")
    _name, device, _content = found
    languages = list(device.languages)
    run = run_probe(["voices", *languages], VOICES_TIMEOUT_S)
    answer = run.answer
    if answer is None or "error" in answer:
        why = str(answer["error"]) if answer else f"the espeak-ng probe {run.why}"
        return Result("voices", "fail", why, fix=SPEECH_FIX, details=tail(run.stderr))
    voices: dict[str, dict[str, object]] = answer.get("voices", {})
    missing = [lang for lang in languages if not voices.get(lang, {}).get("ok")]
    same = [f"{lang} uses {spoken_as(lang)}" for lang in languages if spoken_as(lang) != lang]
    shown = ", ".join(lang for lang in languages if spoken_as(lang) == lang) + (
        f" ({', '.join(same)})" if same else ""
    )
    if missing:
        details = tuple(f"{lang}: {voices.get(lang, {}).get('error', 'no answer')}" for lang in missing)
        return Result(
            "voices",
            "fail",
            f"no voice for {', '.join(missing)} "
            + ("(no speech at all)" if "de" in missing else "(the kiosk would read it out in German)"),
            fix=f"{SPEECH_FIX}; `espeak-ng --voices` lists what is installed",
            details=details,
        )
    return Result("voices", "pass", f"espeak-ng: {shown}")


def check_audio_out(ctx: Context, wait_s: float) -> Result:
    audio = check_audio()
    if not audio.missing:
        return Result("audio", "pass", ", ".join([*audio.cards, *audio.servers]))
    found = ctx.device(wait_s)
    hall = found is not None and found[1].role == "hall-display"
    fix = "connect the speakers (aplay -l lists the cards) and start the sound server (pipewire-pulse)"
    if hall:  # signage speaks to nobody; only the alert chime is lost
        return Result("audio", "warn", f"{audio.reason}: the alert chime is not heard", fix=fix)
    return Result("audio", "fail", f"{audio.reason}: speech and the alert chime are not heard", fix=fix)


def _families(language: str | None) -> set[str] | None:
    """Font families fontconfig has (for ``language``); ``None`` when fc-list cannot be asked."""
    command = ["fc-list", f":lang={language}" if language else ":", "family"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=FC_TIMEOUT_S, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return {name.strip() for line in done.stdout.splitlines() for name in line.split(",") if name.strip()}


def _shipped_coverage(content_dir: Path, files: list[str], family: str) -> set[str] | None:
    """The fontconfig language tags the content's own files of ``family`` cover (``fc-query`` reads a file
    without installing it); ``None`` when fc-query cannot be asked."""
    if shutil.which("fc-query") is None:
        return None
    tags: set[str] = set()
    for rel in files:
        command = ["fc-query", "--format", "%{family}\t%{lang}\n", str(content_dir / rel)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=FC_TIMEOUT_S, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        for line in done.stdout.splitlines():  # one line per face in the file
            names, _tab, langs = line.partition("\t")
            if family in (name.strip() for name in names.split(",")):
                tags.update(tag for tag in langs.split("|") if tag)
    return tags


def check_fonts(ctx: Context, wait_s: float) -> Result:
    found = ctx.device(wait_s)
    if found is None:
        return Result("fonts", "skip", "needs a valid device file (see config)")
    name, device, content = found
    theme = content.themes.get(device.theme)
    family = theme.model.font_family if theme is not None else "DejaVu Sans"
    if shutil.which("fc-list") is None:
        return Result("fonts", "warn", "cannot tell: fc-list is missing", fix="apt install fontconfig")
    every = _families(None) or set()
    tags = sorted({spoken_as(lang) for lang in device.languages})
    covering = {tag: _families(tag) or set() for tag in tags}
    package = FONT_PACKAGES.get(family, f"a package with the font {family!r}")
    files = list(theme.model.font_files) if theme is not None else []
    if family not in every and files:  # the kiosk loads the content's own font files itself
        return _shipped_font(content, name, device.theme, family, files, tags, covering, every)
    if family not in every:
        return Result(
            "fonts",
            "fail",
            f"the theme's font {family!r} is not installed (Qt would draw another one)",
            fix=f"apt install {package}, or change font_family in content/themes/{device.theme}.yaml",
        )
    uncovered = [tag for tag in tags if not covering[tag]]
    if uncovered:
        return Result("fonts", "fail", f"no font covers {', '.join(uncovered)}", fix=SYSTEM_FONTS_FIX)
    other = [tag for tag in tags if family not in covering[tag]]
    if other:
        return Result(
            "fonts",
            "warn",
            f"{family!r} does not cover {', '.join(other)}: Qt takes those letters from another font",
            fix=f"choose a font_family for content/themes/{device.theme}.yaml that covers them (Noto Sans)",
        )
    return Result("fonts", "pass", f"{family} covers {', '.join(tags)}")


def _shipped_font(
    content: ContentSet,
    name: str,
    theme: str,
    family: str,
    files: list[str],
    tags: list[str],
    covering: dict[str, set[str]],
    every: set[str],
) -> Result:
    """The theme's font comes with the content (``font_files``), not installed: the kiosk's own text is
    drawn in it. Installed fonts are still needed for what it lacks: QtWebEngine draws web pages with the
    system's fonts only (the content's files are Qt's, not Chromium's), and a letter outside the font
    (a feed's emoji, another script) has no font to come from; drawn as boxes."""
    shipped = _shipped_coverage(content.content_dir, files, family)
    if shipped is None:
        return Result(
            "fonts",
            "warn",
            "cannot tell what the theme's font covers: fc-query is missing",
            fix="apt install fontconfig",
        )
    uncovered = [tag for tag in tags if tag not in shipped and not covering[tag]]
    if uncovered:
        return Result("fonts", "fail", f"no font covers {', '.join(uncovered)}", fix=SYSTEM_FONTS_FIX)
    other = [tag for tag in tags if tag not in shipped]
    if other:
        return Result(
            "fonts",
            "warn",
            f"{family!r} (content/fonts) does not cover {', '.join(other)}: Qt takes those letters from "
            "another font",
            fix=f"choose a font_family for content/themes/{theme}.yaml that covers them (Noto Sans)",
        )
    if every:
        return Result("fonts", "pass", f"{family} (content/fonts) covers {', '.join(tags)}")
    from kiosk.runtime.app import uses_web

    web = uses_web(content, name)
    lacking = "web pages have no font for their text, and letters" if web else "letters"
    return Result(
        "fonts",
        "fail" if web else "warn",
        f"{family} (content/fonts) covers {', '.join(tags)}, but no font is installed: {lacking} it lacks "
        "(a feed's emoji, other scripts) show as boxes",
        fix=SYSTEM_FONTS_FIX,
    )


def _writable(folder: Path) -> str | None:
    """Why the kiosk cannot write in ``folder`` (created as the kiosk would create it), or None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        return f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    return None


def kiosk_folders() -> dict[str, Path]:
    from kiosk.media.cache import default_cache_dir
    from kiosk.runtime.datahub import default_data_dir

    return {"state": default_data_dir(), "cache": default_cache_dir()}


def check_dirs(ctx: Context) -> Result:
    """The folders the kiosk writes: last good data (state) and decoded pictures (cache)."""
    lines, problems, free = [], [], []
    worst: Status = "pass"
    for role, folder in kiosk_folders().items():
        variable = "XDG_STATE_HOME" if role == "state" else "XDG_CACHE_HOME"
        problem = _writable(folder)
        if problem is not None:
            worst = "fail"
            lines.append(f"✘ {role}: {folder} is not writable ({problem})")
            problems.append(f"make {folder} writable for the kiosk's user (or set ${variable})")
            continue
        free_mb = shutil.disk_usage(folder).free // 1_000_000
        free.append(free_mb)
        lines.append(f"{role}: {folder}, {free_mb:,} MB free")
        if free_mb < MIN_FREE_MB:
            worst = "fail"
            problems.append(f"free space on the disk of {folder} (e.g. journalctl --vacuum-size=100M)")
        elif free_mb < LOW_FREE_MB:
            worst = "fail" if worst == "fail" else "warn"
            problems.append(f"free space on the disk of {folder}")
    if worst == "pass":
        summary = f"writable, {min(free):,} MB free"
    else:
        summary = (
            "; ".join(line.removeprefix("✘ ") for line in lines if line.startswith("✘"))
            or "little space left"
        )
    return Result("dirs", worst, summary, fix="; ".join(problems), details=tuple(lines))


__all__ = ["check_audio_out", "check_dirs", "check_fonts", "check_voices", "kiosk_folders"]
