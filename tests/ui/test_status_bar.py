"""The counter's status bar: a failure on this PC is red and says so, refused events amber;
the failure's whole message (what failed and what to do) is the tooltip."""

from __future__ import annotations

import outlet_pos.i18n as i18n
from outlet_pos.domain.sync_status import SyncStatus
from outlet_pos.i18n import Msg, set_language
from outlet_pos.ui.status_bar import CounterStatusBar

BASE = dict(enrolled=True, online=True, queue_depth=0, parked=0, oldest_unsent_age=None,
            last_success=None, last_error=None, last_error_at=None, clock_skew_s=None)
FAULT = Msg("the disk holding {path} failed to read or write; nothing was saved. Check the "
            "disk (outlet-pos doctor), then try again", path="/data")


def test_failure_refusal_and_all_well_in_the_clerks_words(qtbot):
    before = i18n._language
    set_language("id")
    try:
        bar = CounterStatusBar()
        qtbot.addWidget(bar)
        bar.show_sync(SyncStatus(**BASE, local_error=FAULT))
        assert bar.sync.text().startswith("Gangguan di PC ini")
        assert "semua" not in bar.sync.text() and "Daring" not in bar.sync.text()
        assert "gagal dibaca atau ditulis" in bar.sync.toolTip()
        assert "#c62828" in bar.sync.styleSheet()
        bar.show_sync(SyncStatus(**{**BASE, "parked": 3}))
        assert "3 ditolak server" in bar.sync.text() and "semua" not in bar.sync.text()
        assert "#ffb74d" in bar.sync.styleSheet()
        bar.show_sync(SyncStatus(**{**BASE, "enrolled": False, "parked": 2}))
        assert "2 ditolak server" in bar.sync.text()  # a revoked credential hides nothing
        bar.show_sync(SyncStatus(**BASE))  # well again: the red goes
        assert "semua" in bar.sync.text() and bar.sync.styleSheet() == ""
    finally:
        i18n._language = before
