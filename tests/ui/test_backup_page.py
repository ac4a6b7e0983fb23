"""The Backup page (issue 17, point 4): a technician backs up now and restores from the window
with the command's checks — the loss list shown, the unsent events saved first, a
confirmation in Indonesian that defaults to Cancel — all off the GUI thread; a clerk has no
such page."""

from __future__ import annotations

import contextlib
import json
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from outlet_pos.domain.stored_settings import RESTORE_UNCONFIRMED
from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.main_window import MainWindow
from outlet_pos.ui.pages.backup_page import BackupPage
from tests.conftest import CLERK, TECH
from tests.shipment_factory import book_random
from tests.ui.human import Human


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def _box() -> QMessageBox:
    boxes = _boxes()
    assert len(boxes) == 1, boxes
    return boxes[0]


def test_a_technician_backs_up_and_restores_an_older_backup_from_the_window(
        qtbot, app, clerk, tmp_path):
    book_random(app, clerk, 3, seed=4)
    w = MainWindow(app, app.auth.login(*TECH), start_sync=False)
    qtbot.addWidget(w)
    w.show()
    page = next(w.pages.widget(i) for i in range(w.pages.count())
                if isinstance(w.pages.widget(i), BackupPage))
    w.pages.setCurrentWidget(page)
    with qtbot.waitSignal(page.backed_up, timeout=30_000):
        page.backup_button.click()
        assert page.busy and not page.backup_button.isEnabled()  # the work is elsewhere
    backup = page.last.path
    assert backup.exists() and "3 kiriman" in page.result.text()
    qtbot.waitUntil(lambda: page.backups.count() == 1, timeout=10_000)

    later = book_random(app, clerk, 2, seed=5)  # the counter goes on after the backup
    human = Human(qtbot, w)
    page.file.clear()
    human.click(page.file)
    with qtbot.waitSignal(page.checked, timeout=30_000):
        human.field(str(backup))  # typed, then Enter checks it
    shown = page.result.text()
    assert "2 kiriman" in shown and all(wb in shown for wb in later), shown
    assert "belum terkirim" in shown and page.export.isVisible()
    page.export.clear()
    human.click(page.export)
    human.field(str(tmp_path / "unsent.opbk"), then=None)

    page.restore_button.click()  # Cancel first: the default, nothing happens
    box = _box()
    texts = {b.text() for b in box.buttons()}
    assert texts == {"Pulihkan", "Batal"}, texts
    assert box.defaultButton() is box.cancel and "2 kiriman" in box.informativeText()
    Human(qtbot, box).key(Qt.Key.Key_Return)  # Enter, as a technician in a hurry presses
    qtbot.waitUntil(lambda: not _boxes(), timeout=5_000)
    assert not page.busy and app.db.engine is not None

    page.restore_button.click()
    box = _box()
    with qtbot.waitSignal(page.restored, timeout=60_000):
        human.click(box.restore)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=10_000)  # the window closes itself
    assert page.last.replaced is not None and (tmp_path / "unsent.opbk").exists()
    db = app.settings.data_dir / "outlet.db"
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as c:
        n = c.execute("select count(*) from shipments").fetchone()[0]
        actor, action, details = c.execute("select actor, action, details from audit_log "
                                           "order by seq desc limit 1").fetchone()
    assert n == 3 and (actor, action) == (TECH[0], "restored")
    assert json.loads(details)["lost"]["shipments"] == 2
    assert wait_for_background()


def test_a_clerk_has_no_backup_page(qtbot, app):
    w = MainWindow(app, app.auth.login(*CLERK), start_sync=False)
    qtbot.addWidget(w)
    assert not any(isinstance(w.pages.widget(i), BackupPage) for i in range(w.pages.count()))
    assert wait_for_background()


def test_a_held_restore_is_confirmed_from_the_window(qtbot, app):
    with app.db.uow(write=True) as uow:  # what a restore behind the server leaves (see
        RESTORE_UNCONFIRMED.write(uow.meta, {  # tests/reliability/test_attacks_restore.py)
            "at": "2026-11-25T03:00:00+00:00", "by": TECH[0],
            "backup": {"created_at": "2026-11-24T02:00:00+00:00"}})
        uow.commit()
    w = MainWindow(app, app.auth.login(*TECH), start_sync=False)
    qtbot.addWidget(w)
    w.show()
    page = next(w.pages.widget(i) for i in range(w.pages.count())
                if isinstance(w.pages.widget(i), BackupPage))
    w.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.held_box.isVisible(), timeout=10_000)
    assert "2026-11-25 10:00" in page.held.text() and "2026-11-24 09:00" in page.held.text()
    Human(qtbot, w).click(page.confirm_button)
    qtbot.waitUntil(lambda: not page.held_box.isVisible(), timeout=10_000)
    assert app.backup.held_restore() is None
    with app.db.uow() as uow:
        assert uow.audit.verify().ok
    with contextlib.closing(sqlite3.connect(f"file:{app.db.path}?mode=ro", uri=True)) as c:
        assert c.execute("select actor, action from audit_log order by seq desc limit 1"
                         ).fetchone() == (TECH[0], "restore_confirmed")
    assert wait_for_background()
