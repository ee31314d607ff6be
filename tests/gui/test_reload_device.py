"""A reload of the device file re-applies the whole device while the kiosk runs (no restart)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from kiosk.config.loader import load_content
from kiosk.paths import bundled_root
from kiosk.session.machine import Phase
from tests.gui.session_kit import stele

EDITOR_DIRS = ("content", "layouts", "device-config")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    for name in EDITOR_DIRS:
        shutil.copytree(bundled_root() / name, root / name)
    return root


def test_device_reload_applies_allowlist_timings_languages(qtbot, tmp_path: Path, caplog) -> None:
    root = _copy(tmp_path)
    with stele(qtbot, tmp_path, content=load_content(root).content) as (shell, session, _clock):
        device_file = root / "device-config" / "stadthafen-stele.yaml"
        text = device_file.read_text(encoding="utf-8")
        before = tuple(shell.content.devices["stadthafen-stele"].model.web_allowlist)
        assert "www.rostock.de" in before
        edited = text.replace("idle_timeout: 90s", "idle_timeout: 45s").replace(
            "languages: [de, en, ls]", "languages: [de, en]"
        )
        edited = edited.replace("  - www.rostock.de\n", "")
        assert edited != text
        device_file.write_text(edited, encoding="utf-8")
        result = load_content(root)
        assert result.ok, [i.format() for i in result.issues]
        with caplog.at_level(logging.INFO):
            shell.apply_reload(result)
        assert "applying" in caplog.text and "restart" not in caplog.text
        assert session.machine.timing.idle_timeout.total_seconds() == 45
        assert session.device.languages == ["de", "en"] and session.attract.languages == ["de", "en"]
        assert "www.rostock.de" not in session.web.allowlist
        assert "www.rostock.de" not in shell.factory.ctx.allowlist
        assert shell.pages.device.languages == ["de", "en"]
        # a session started now runs on the new idle time
        session.start_session()
        assert session.phase is Phase.INTERACTIVE
        deadline = session.machine.deadline()
        assert deadline is not None and (deadline - session.now()).total_seconds() == 45


def test_layout_change_is_logged_as_restart_to_apply(qtbot, tmp_path: Path, caplog) -> None:
    root = _copy(tmp_path)
    with stele(qtbot, tmp_path, content=load_content(root).content) as (shell, _session, _clock):
        used = shell.content.devices["stadthafen-stele"].model.layout
        layout = root / "layouts" / f"{used}.yaml"
        text = layout.read_text(encoding="utf-8")
        layout.write_text(text.replace("name: ", "name: Neu ", 1), encoding="utf-8")
        result = load_content(root)
        assert result.ok
        with caplog.at_level(logging.WARNING):
            shell.apply_reload(result)
        assert "layout of stadthafen-stele changed: restart the kiosk to apply it" in caplog.text
