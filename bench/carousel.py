"""The content every side plays: three text slides, 1920×1080, a crossfade every 2 s.

Written three ways from the same list of slides: a kiosk content pack (optionally with a fourth, web,
slide), an HTML page for Chromium (the same texts, colours and 0.7 s crossfade, cycled by a timer), and
a bare PySide6 program (three labels in a window, switched by a timer: the floor of our own stack).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import yaml

SIZE = (1920, 1080)
BACKGROUND, TEXT = "#003d7c", "#ffffff"
SLIDES = [
    ("Willkommen in Rostock", "Schön, dass Sie da sind. Die Touchpoints der Stadt sprechen mit Ihnen."),
    ("Stadthafen", "Hanse Sail vom 6. bis 9. August: Schiffe, Musik und Feuerwerk am Wasser."),
    ("Sporthalle Schmarl", "Heute Training ab 18 Uhr. Bitte nur mit Hallenschuhen."),
]
SECONDS = 2
FADE_MS = 700  # the kiosk's crossfade (kiosk/ui/transition.py)

THEME = {
    name: {
        "background": BACKGROUND if name == "normal" else "#000000",
        "surface": "#0b4f96" if name == "normal" else "#000000",
        "text": TEXT,
        "muted_text": "#e6eef7" if name == "normal" else "#ffffff",
        "accent": "#ffffff" if name == "normal" else "#ffff00",
        "accent_text": "#003d7c" if name == "normal" else "#000000",
        "focus": "#ffd400" if name == "normal" else "#ffff00",
        "warning": "#ffd400" if name == "normal" else "#ffff00",
        "warning_text": "#000000",
        "alert": "#b00020" if name == "normal" else "#ffffff",
        "alert_text": "#ffffff" if name == "normal" else "#000000",
    }
    for name in ("normal", "high_contrast")
}


def _three(text: str) -> dict[str, str]:
    return {"de": text, "en": text, "ls": text}


def _zone_ids(zones: int) -> list[str]:
    return ["main"] if zones == 1 else [f"main{i}" for i in range(zones)]


def _write(root: Path, rel: str, data: dict[str, object]) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def write_pack(
    root: Path,
    web_url: str | None = None,
    seconds: float = SECONDS,
    transition: str = "crossfade",
    records_sync: str | None = None,
    zones: int = 1,
) -> Path:
    """A hall display ``carousel`` playing the slides; with ``web_url`` a web slide joins the loop; with
    ``zones`` > 1, that many side-by-side zones each play the loop (the soak: more switches per tick)."""
    _write(root, "content/themes/rostock.yaml", {"name": "Bench", **THEME})
    _write(
        root,
        "layouts/voll.yaml",
        {
            "name": "voll",
            "reference_size": {"width": SIZE[0], "height": SIZE[1]},
            "zones": [
                {
                    "id": zone,
                    "x": i * (SIZE[0] // zones),
                    "y": 0,
                    "width": SIZE[0] // zones,
                    "height": SIZE[1],
                }
                for i, zone in enumerate(_zone_ids(zones))
            ],
        },
    )
    names = []
    duration = f"{seconds:g}s"
    for i, (heading, body) in enumerate(SLIDES):
        slide = {"type": "text", "title": _three(heading), "heading": _three(heading), "body": _three(body)}
        _write(
            root, f"content/slides/text{i}.yaml", {**slide, "duration": duration, "transition": transition}
        )
        names.append(f"text{i}")
    device: dict[str, object] = {
        "name": "Bench",
        "role": "hall-display",
        "layout": "voll",
        "screen": {"width": SIZE[0], "height": SIZE[1]},
        "zones": {zone: {"default": "main"} for zone in _zone_ids(zones)},
    }
    if web_url:
        web = {"type": "web", "title": _three("Seite"), "url": web_url, "alt": _three("Die Seite")}
        _write(root, "content/slides/seite.yaml", {**web, "duration": duration, "transition": transition})
        names.append("seite")
        device["web_allowlist"] = ["127.0.0.1"]
    if records_sync:
        device["records"] = {"sync_every": records_sync, "max_file_mb": 100, "keep_files": 100}
    _write(root, "content/playlists/main.yaml", {"name": "main", "items": names})
    _write(root, "device-config/carousel.yaml", device)
    return root


def carousel_html(cycle: bool = True) -> str:
    """The same slides as one page: stacked, the shown one opaque, a 0.7 s opacity fade every 2 s."""
    slides = "\n".join(
        f'<section class="s{" on" if i == 0 else ""}">'
        f"<h1>{html.escape(h)}</h1><p>{html.escape(b)}</p></section>"
        for i, (h, b) in enumerate(SLIDES)
    )
    script = (
        f"<script>let i=0;const s=document.querySelectorAll('.s');setInterval(()=>{{"
        f"s[i].classList.remove('on');i=(i+1)%s.length;s[i].classList.add('on')}},{SECONDS * 1000});</script>"
        if cycle
        else ""
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Carousel</title><style>
html,body{{margin:0;width:{SIZE[0]}px;height:{SIZE[1]}px;overflow:hidden;background:{BACKGROUND};color:{TEXT};
font-family:'DejaVu Sans',sans-serif}}
.s{{position:absolute;inset:0;padding:120px;opacity:0;background:{BACKGROUND};
transition:opacity {FADE_MS}ms linear}}
.s.on{{opacity:1}} h1{{font-size:96px;margin:0 0 48px}} p{{font-size:48px;line-height:1.3}}
</style></head><body>
{slides}
{script}</body></html>
"""


FLOOR = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget
SLIDES = %r
app = QApplication([])
stack = QStackedWidget()
stack.setStyleSheet("background:%s;color:%s")
for heading, body in SLIDES:
    label = QLabel(f"<h1 style='font-size:96px'>{heading}</h1><p style='font-size:48px'>{body}</p>")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setContentsMargins(120, 120, 120, 120)
    stack.addWidget(label)
stack.resize(%d, %d)
stack.show()
if sys.argv[1] == "shot":
    app.processEvents()
    sys.exit(0 if stack.grab().save(sys.argv[2]) else 1)
timer = QTimer()
timer.timeout.connect(lambda: stack.setCurrentIndex((stack.currentIndex() + 1) %% stack.count()))
timer.start(%d)
QTimer.singleShot(int(float(sys.argv[2]) * 1000), app.quit)
app.exec()
"""


def floor_command(*args: str) -> list[str]:
    """The bare PySide6 program: ``shot PNG`` (one picture, then exit) or ``play SECONDS``."""
    code = FLOOR % (SLIDES, BACKGROUND, TEXT, SIZE[0], SIZE[1], SECONDS * 1000)
    return [sys.executable, "-c", code, *args]
