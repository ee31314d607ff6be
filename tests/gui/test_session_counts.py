"""The number of items a screen announces is the number the keypad reaches (issue 15): on every shipped
page of the stele, in German and with large text (where pages overflow and scroll buttons appear)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from tests.gui.session_kit import pump, shipped, spoken, stele


def test_every_page_announces_what_the_keypad_reaches(qtbot, tmp_path: Path) -> None:
    with stele(qtbot, tmp_path) as (_shell, session, _clock):
        session.start_session(speech=True)
        pages = sorted(shipped().pages)
        checked = overflowing = 0
        for large in (False, True):
            if large:
                session.apply_settings(replace(session.settings, large_text=True))
            for page_id in pages:
                session.open_page(page_id)
                if session.stack[-1] != page_id:
                    continue  # a page that cannot be built here (shown as an error): not this test's
                said = spoken(session)[-1]
                pump(30)  # the layout settles: scroll buttons appear where the page overflows
                match = re.search(r"(\d+) Einträge?\.$", said) or re.search(r"1 Eintrag\.$", said)
                assert match, said
                count = int(match.group(1)) if match.groups() else 1
                assert count == len(session.items()), (page_id, large, said)
                checked += 1
                overflowing += bool(session.page is not None and session.page.scroll_row.items())
        assert checked >= len(pages) and overflowing >= 1, (checked, overflowing)
