"""The counter window's daily backup runs off the GUI thread and only when due."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from outlet_pos.ui.backup_schedule import DailyBackup


def test_daily_backup_runs_in_the_background_when_due(qtbot, app, clock):
    owner = QWidget()
    qtbot.addWidget(owner)
    sched = DailyBackup(owner, app.backup, first_ms=0, every_ms=3_600_000)
    qtbot.waitUntil(lambda: sched.last is not None, timeout=10_000)
    assert sched.last.path.exists()
    first = sched.last
    sched.check()  # not due again within 20 hours
    qtbot.waitUntil(lambda: not sched._running, timeout=10_000)
    assert sched.last is first and len(app.backup.existing()) == 1
    clock.advance(hours=21)
    sched.check()
    qtbot.waitUntil(lambda: sched.last is not first, timeout=10_000)
    assert len(app.backup.existing()) == 2
