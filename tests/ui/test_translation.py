"""The GUI's language comes from Qt's QTranslator with the .qm that make compiles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from outlet_pos.i18n import TS_FILES, catalog, get_language, tr
from outlet_pos.ui.translation import qm_file, translations

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")


def test_the_ts_compiles_with_nothing_unfinished(tmp_path):
    out = subprocess.run([str(LRELEASE), str(TS_FILES["id"]), "-qm", str(tmp_path / "x.qm")],
                         capture_output=True, text=True, check=True).stdout
    assert " 0 unfinished" in out, out


def test_the_gui_translates_from_the_compiled_qm(qtbot):
    app = QApplication.instance()
    qm = qm_file("id")
    assert qm is not None and qm.exists(), "run: make translations"
    t = translations(app)
    try:
        t.apply("id")
        assert t.from_qm, "the .qm is older than the .ts: run make translations"
        # Every template the .ts translates comes out of the .qm the same way.
        assert all(tr(src) == dst for src, dst in catalog("id").items() if "{" not in src)
        # Qt's own standard buttons are ours too (Qt has no Indonesian).
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Batal"
        t.apply("en")
        assert get_language() == "en" and tr("Customer") == "Customer"
        box2 = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box2)
        assert box2.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    finally:
        t.apply("id")
    assert tr("Customer") == "Pelanggan"


def test_a_stale_qm_falls_back_to_the_ts(tmp_path, monkeypatch, qtbot):
    import outlet_pos.i18n as i18n

    ts = tmp_path / "outlet_pos_id.ts"
    ts.write_bytes(TS_FILES["id"].read_bytes())
    monkeypatch.setitem(i18n.TS_FILES, "id", ts)  # no .qm beside it
    t = translations(QApplication.instance())
    try:
        t.apply("id")
        assert not t.from_qm and tr("Customer") == "Pelanggan"
    finally:
        monkeypatch.undo()
        t.apply("id")


def test_a_qm_rewritten_under_the_running_window_changes_nothing(tmp_path, monkeypatch,
                                                                  qtbot):
    # Found by the X session (tests/x_run.py): `make translations` (or an update) rewrote the
    # .qm in place while a window ran; QTranslator had mapped the file, so every later text
    # came out English, and one run died with SIGSEGV inside translate().
    import outlet_pos.i18n as i18n

    ts = tmp_path / "outlet_pos_id.ts"
    ts.write_bytes(TS_FILES["id"].read_bytes())
    qm = tmp_path / "outlet_pos_id.qm"
    subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(qm)], check=True)
    monkeypatch.setitem(i18n.TS_FILES, "id", ts)
    t = translations(QApplication.instance())
    try:
        t.apply("id")
        assert t.from_qm and tr("Customer") == "Pelanggan"
        with qm.open("r+b") as f:  # in place, as lrelease writes: same inode, new bytes
            f.truncate(0)
            f.write(b"\0" * 64)
        assert tr("Customer") == "Pelanggan"
    finally:
        monkeypatch.undo()
        t.apply("id")


def test_the_calendar_of_a_date_field_speaks_the_windows_language(qtbot):
    from PySide6.QtWidgets import QCalendarWidget, QToolButton

    t = translations(QApplication.instance())
    try:
        t.apply("id")
        cal = QCalendarWidget()
        qtbot.addWidget(cal)
        cal.setCurrentPage(2026, 1)
        assert cal.locale().monthName(1) == "Januari"
        assert cal.locale().dayName(3) == "Rabu"
        month = cal.findChild(QToolButton, "qt_calendar_monthbutton")
        assert month.text() == "Januari"  # the popup's header, as the clerk sees it
        t.apply("en")
        english = QCalendarWidget()
        qtbot.addWidget(english)
        assert english.locale().monthName(1) == "January"
    finally:
        t.apply("id")
