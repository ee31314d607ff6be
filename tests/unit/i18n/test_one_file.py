"""Adding a language is one file in kiosk/i18n: written into a copy of the package, it is offered."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

KIOSK = Path(__file__).resolve().parents[3] / "kiosk"

ITALIAN = '''"""Italian (a test language)."""

from kiosk.i18n.language import Language

LANGUAGE = Language(
    code="it",
    name="Italiano",
    locale="it_IT",
    fallback="en",
    voice="roa/it",
    field_description="Italian (optional).",
)

WORDS: dict[str, str] = {"nav.back": "Indietro", "nav.items": "{n} voci", "nav.items#1": "1 voce"}
'''

PROBE = """
import json
from kiosk import i18n
from kiosk.config.models.base import LANGUAGE_NAMES, Text
from kiosk.config.models.speech import SpeechWords
from kiosk.i18n.tagged import untagged
from kiosk.navigation.strings import count_text, language_name, ui_text
from kiosk.speech.synth import VOICES

try:
    text = Text(de="Hallo", it="Ciao")
    speech = SpeechWords.model_validate({"names": {"it": ["Rostock"]}}).names["it"]
except ValueError:  # before the language exists, its key is an error
    text, speech = Text(de="Hallo"), []
print(json.dumps({
    "codes": list(i18n.codes()),
    "back": ui_text("back", "it"),
    "home": untagged(ui_text("home", "it")),  # from English: tagged English for the voice
    "count": [count_text(1, "it"), count_text(4, "it")],
    "name": language_name("it"),
    "listed": LANGUAGE_NAMES.get("it"),
    "text": text.get("it"),
    "text_languages": list(text.languages()),
    "voice": VOICES.get("it"),
    "speech_words": list(speech),
}))
"""


def _probe(root: Path) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return dict(json.loads(run.stdout.splitlines()[-1]))


def test_a_new_language_module_is_all_it_takes(tmp_path: Path) -> None:
    shutil.copytree(KIOSK, tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    before = _probe(tmp_path)
    assert "it" not in before["codes"] and before["listed"] is None
    assert before["text"] == "Hallo" and before["back"] == "Zurück"  # unknown: German
    (tmp_path / "kiosk" / "i18n" / "it.py").write_text(ITALIAN, encoding="utf-8")

    after = _probe(tmp_path)
    assert "it" in after["codes"]
    assert after["back"] == "Indietro"
    assert after["home"] == "Home"  # no Italian word: English, the fallback the module declares
    assert after["count"] == ["1 voce", "4 voci"]
    assert after["name"] == after["listed"] == "Italiano"
    assert after["text"] == "Ciao" and after["text_languages"] == ["de", "it"]
    assert after["voice"] == "roa/it"
    assert after["speech_words"] == ["Rostock"]
