"""The first-run wizard runs the same setup as the CLI, off the GUI thread, and checks each
page as it is left."""

from __future__ import annotations

import gc
import weakref

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard

from outlet_pos.config import Settings
from outlet_pos.ui.background import stop_gui_thread_collection, wait_for_background
from outlet_pos.ui.setup_wizard import SetupWizard, run_setup_wizard

_W = QWizard.WizardButton


def _to_last_page(wizard: SetupWizard) -> None:
    for _ in range(len(wizard.pageIds()) - 1):
        wizard.next()


def _fill(w: SetupWizard, paper) -> None:
    w.outlet_number.setValue(77)
    w.terminal.setValue(2)
    w.outlet_name.setText("Outlet Coba")
    w.manager.setText("manajer")
    w.password.setText("rahasia-manajer")
    w.password2.setText("rahasia-manajer")
    w.connection.setText(f"file:{paper}")
    w.profile.setCurrentIndex(w.profile.findData("generic-58"))


def _wizard(qtbot, tmp_path, clock) -> tuple[SetupWizard, Settings]:
    settings = Settings(tmp_path / "data", keystore="file")
    w = SetupWizard(settings, clock)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w, settings


def test_the_wizard_sets_up_the_outlet_and_prints_a_test_page(qtbot, tmp_path, clock):
    w, settings = _wizard(qtbot, tmp_path, clock)
    _fill(w, tmp_path / "paper.bin")
    _to_last_page(w)
    qtbot.waitUntil(lambda: w.done_ok, timeout=20_000)
    assert [s.step for s in w.steps] == ["outlet", "printer", "language", "test_print"]
    assert all(s.ok for s in w.steps)
    assert (settings.data_dir / "outlet.db").exists()
    assert (tmp_path / "paper.bin").stat().st_size > 500
    assert w.result_page.isComplete() and "✘" not in w.result_page.text.text()
    assert wait_for_background()


def test_a_printer_mistake_is_named_on_the_printer_page_and_creates_nothing(qtbot, tmp_path,
                                                                            clock):
    w, settings = _wizard(qtbot, tmp_path, clock)
    _fill(w, tmp_path / "paper.bin")
    w.connection.setText("usb:zz")
    _to_last_page(w)
    assert w.currentPage() is w.printer_page  # refused as it was left
    assert w.printer_page.message.text().startswith("Koneksi: ")
    assert w.connection.hasFocus()
    assert not (settings.data_dir / "outlet.db").exists()
    w.connection.setText("")
    w.next()
    qtbot.waitUntil(lambda: w.done_ok, timeout=20_000)
    assert (settings.data_dir / "outlet.db").exists()
    assert wait_for_background()


def test_the_password_rules_are_checked_on_the_password_page_typed_at_a_persons_pace(
        qtbot, tmp_path, clock):
    w, _settings = _wizard(qtbot, tmp_path, clock)
    w.next()
    assert w.currentPage() is w.manager_page
    qtbot.waitUntil(w.manager.hasFocus)  # the cursor is in the page's first field
    QTest.keyClicks(w.manager, "manajer", delay=80)
    QTest.keyClick(w.manager, Qt.Key.Key_Tab)
    QTest.keyClicks(w.password, "pendek", delay=80)
    QTest.keyClick(w.password, Qt.Key.Key_Tab)
    QTest.keyClicks(w.password2, "pendek", delay=80)
    w.next()
    assert w.currentPage() is w.manager_page
    assert "Kata sandi: " in w.manager_page.message.text()
    assert "password:" not in w.manager_page.message.text()
    assert w.password.hasFocus()
    w.password.clear()
    QTest.keyClicks(w.password, "rahasia-manajer", delay=80)
    w.password2.clear()
    QTest.keyClicks(w.password2, "rahasia-manajr", delay=80)  # a slip of the finger
    w.next()
    assert w.currentPage() is w.manager_page
    assert w.manager_page.message.text().startswith("Ulangi kata sandi: ")
    assert w.password2.hasFocus()
    w.password2.clear()
    QTest.keyClicks(w.password2, "rahasia-manajer", delay=80)
    QTest.keyClick(w.password2, Qt.Key.Key_Return)  # Enter is Next
    assert w.currentPage() is w.server_page
    assert w.manager_page.message.text() == ""


def test_the_server_page_wants_both_address_and_code(qtbot, tmp_path, clock):
    w, _settings = _wizard(qtbot, tmp_path, clock)
    _fill(w, tmp_path / "paper.bin")
    w.server.setText("https://pusat.example.co.id")
    w.next()
    w.next()
    w.next()
    assert w.currentPage() is w.server_page
    assert w.server_page.message.text().startswith("Kode pendaftaran: ")
    assert w.code.hasFocus()


def test_the_printer_page_puts_the_cursor_in_its_field(qtbot, tmp_path, clock):
    w, _settings = _wizard(qtbot, tmp_path, clock)
    _fill(w, tmp_path / "paper.bin")
    for _ in range(3):
        w.next()
    assert w.currentPage() is w.printer_page
    qtbot.waitUntil(w.connection.hasFocus)
    w.back()
    qtbot.waitUntil(w.server.hasFocus)


def test_back_after_setup_to_change_the_printer_applies_the_change(qtbot, tmp_path, clock):
    w, settings = _wizard(qtbot, tmp_path, clock)
    _fill(w, tmp_path / "paper.bin")
    _to_last_page(w)
    qtbot.waitUntil(lambda: w.done_ok and not w.running, timeout=20_000)
    assert "Kembali" in w.result_page.hint.text()  # it says how to change things
    w.back()
    assert w.currentPage() is w.printer_page
    w.connection.setText(f"file:{tmp_path / 'other.bin'}")
    w.next()
    qtbot.waitUntil(lambda: not w.running and (tmp_path / "other.bin").exists(),
                    timeout=20_000)
    assert (tmp_path / "other.bin").stat().st_size > 500  # the test page went to the new one
    assert "other.bin" in w.result_page.text.text()
    assert w.result_page.isComplete()
    from outlet_pos.bootstrap import open_app

    app = open_app(settings, clock)
    try:
        assert app.printing.printer_setting() == f"file:{tmp_path / 'other.bin'}"
    finally:
        app.close()
    # Back and Next with nothing changed says so instead of doing nothing silently.
    w.back()
    w.next()
    qtbot.waitUntil(lambda: not w.running, timeout=20_000)
    assert "Tidak ada yang berubah" in w.result_page.text.text()
    # The outlet and its manager, created, are shown but locked; the language is not.
    assert not w.outlet_number.isEnabled() and not w.manager.isEnabled()
    assert w.language.isEnabled()
    assert wait_for_background()


def test_qts_own_wizard_buttons_speak_indonesian(qtbot, tmp_path, clock):
    w, _settings = _wizard(qtbot, tmp_path, clock)
    texts = {b: w.buttonText(b) for b in (_W.BackButton, _W.NextButton, _W.CancelButton,
                                          _W.FinishButton, _W.CommitButton, _W.HelpButton)}
    assert texts == {_W.BackButton: "< &Kembali", _W.NextButton: "&Lanjut >",
                     _W.CancelButton: "Batal", _W.FinishButton: "&Selesai",
                     _W.CommitButton: "&Siapkan", _W.HelpButton: "&Bantuan"}
    shown = w.button(_W.NextButton).text()
    assert shown == "&Lanjut >"


def test_the_finished_wizard_leaves_nothing_for_the_garbage_collector(qtbot, tmp_path):
    """The crash after the wizard: its wrappers sat in a reference cycle and a pool thread's
    garbage collection deleted the widgets. Once run_setup_wizard returns, no Qt object of
    the wizard may be alive, so nothing is left for any thread to delete."""
    settings = Settings(tmp_path / "data", keystore="file")
    seen: list[weakref.ref] = []

    def drive() -> None:
        w = QApplication.activeModalWidget()
        if not isinstance(w, SetupWizard):
            QTimer.singleShot(20, drive)
            return
        seen.append(weakref.ref(w))
        _fill(w, tmp_path / "paper.bin")
        _to_last_page(w)

        def finish() -> None:
            if w.done_ok and not w.running:
                w.button(_W.FinishButton).click()
            else:
                QTimer.singleShot(20, finish)
        finish()

    was = gc.isenabled()
    gc.disable()  # a cycle stays until looked for, whatever the allocation pattern
    QTimer.singleShot(0, drive)
    try:
        assert run_setup_wizard(settings)
        left = [o for o in gc.get_objects()
                if isinstance(o, SetupWizard) and shiboken6.isValid(o)]
    finally:
        stop_gui_thread_collection()
        if was:
            gc.enable()
    assert seen and not left


def test_the_installers_answers_fill_the_wizard_and_the_manager_types_the_password(
        qtbot, tmp_path, clock):
    from outlet_pos import setup_answers

    paper = tmp_path / "paper.bin"
    answers_file = tmp_path / "setup-answers.ini"
    answers_file.write_text(f"[setup]\noutlet_number = 88\nterminal = 3\nmanager = manajer\n"
                            f"timezone = wita\nprinter = file:{paper}\nprofile = generic-58\n"
                            f"language = en\ntest_print = no\n", encoding="utf-8")
    settings = Settings(tmp_path / "data", keystore="file")
    w = SetupWizard(settings, clock, answers=setup_answers.load(answers_file))
    qtbot.addWidget(w)
    w.show()
    assert (w.outlet_number.value(), w.terminal.value()) == (88, 3)
    assert w.timezone.currentText() == "WITA" and w.language.currentData() == "en"
    assert w.manager.text() == "manajer" and w.password.text() == ""
    assert w.profile.currentData() == "generic-58" and not w.test_print.isChecked()
    assert "jawaban teknisi" in w.outlet_page.message.text()
    w.next()
    w.password.setFocus()
    QTest.keyClicks(w.password, "rahasia-manajer", delay=5)  # the manager, at the counter
    QTest.keyClicks(w.password2, "rahasia-manajer", delay=5)
    _to_last_page(w)
    qtbot.waitUntil(lambda: w.done_ok, timeout=20_000)
    assert all(s.ok for s in w.steps), [(s.step, s.message) for s in w.steps]
    assert w.applied is not None and w.applied.terminal == 3 and w.applied.timezone == "WITA"
    assert wait_for_background()
