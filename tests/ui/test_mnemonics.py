"""Alt keys across the window: on every page, no two of its keys and the tabs' keys are
the same letter, in either language (Qt would cycle between them instead of acting)."""

from __future__ import annotations

import pytest

from outlet_pos.i18n import set_language
from outlet_pos.ui.main_window import MainWindow
from tests.conftest import MANAGER, TECH
from tests.ui.test_day_review import _mnemonics


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("who", [MANAGER, TECH])
def test_no_alt_key_is_taken_twice_on_any_page(app, qtbot, lang, who):
    set_language(lang)
    try:
        w = MainWindow(app, app.auth.login(*who), start_sync=False)
        qtbot.addWidget(w)
        tabs = [w.pages.tabText(i).replace("&&", "") for i in range(w.pages.count())]
        tab_keys = [t[t.index("&") + 1].lower() for t in tabs if "&" in t]
        assert len(set(tab_keys)) == len(tab_keys), tabs
        clashes = {}
        for i in range(w.pages.count()):
            page = w.pages.widget(i)
            keys = list(_mnemonics(page).values())
            twice = sorted({k for k in keys if keys.count(k) > 1 or k in tab_keys})
            if twice:
                clashes[tabs[i]] = twice
        assert not clashes, f"Alt keys taken twice ({lang}): {clashes}"
        w.close()
    finally:
        set_language("id")
