"""The first-run wizard runs the same setup as the CLI, off the GUI thread."""

from __future__ import annotations

from outlet_pos.config import Settings
from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.setup_wizard import SetupWizard


def _to_last_page(wizard: SetupWizard) -> None:
    for _ in range(len(wizard.pageIds()) - 1):
        wizard.next()


def test_the_wizard_sets_up_the_outlet_and_prints_a_test_page(qtbot, tmp_path, clock):
    settings = Settings(tmp_path / "data", keystore="file")
    w = SetupWizard(settings, clock)
    qtbot.addWidget(w)
    w.show()
    w.outlet_number.setValue(77)
    w.terminal.setValue(2)
    w.outlet_name.setText("Outlet Coba")
    w.manager.setText("manajer")
    w.password.setText("rahasia-manajer")
    w.password2.setText("rahasia-manajer")
    w.connection.setText(f"file:{tmp_path / 'paper.bin'}")
    w.profile.setCurrentIndex(w.profile.findData("generic-58"))
    _to_last_page(w)
    qtbot.waitUntil(lambda: w.done_ok, timeout=20_000)
    assert [s.step for s in w.steps] == ["outlet", "printer", "language", "test_print"]
    assert all(s.ok for s in w.steps)
    assert (settings.data_dir / "outlet.db").exists()
    assert (tmp_path / "paper.bin").stat().st_size > 500
    assert w.result_page.isComplete() and "✘" not in w.result_page.text.text()
    assert wait_for_background()


def test_a_mistake_creates_nothing_and_can_be_corrected(qtbot, tmp_path, clock):
    settings = Settings(tmp_path / "data", keystore="file")
    w = SetupWizard(settings, clock)
    qtbot.addWidget(w)
    w.show()
    w.manager.setText("manajer")
    w.password.setText("rahasia-manajer")
    w.password2.setText("rahasia-manajer")
    w.connection.setText("usb:zz")
    _to_last_page(w)
    qtbot.waitUntil(lambda: not w.running and "connection" in w.result_page.text.text(),
                    timeout=20_000)
    assert not w.result_page.isComplete() and not (settings.data_dir / "outlet.db").exists()
    w.back()
    w.connection.setText("")
    w.next()
    qtbot.waitUntil(lambda: w.done_ok, timeout=20_000)
    assert (settings.data_dir / "outlet.db").exists()
    assert wait_for_background()
