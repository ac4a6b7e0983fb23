"""The wizard's Find scales probes (off the GUI thread) and the setup stores the scale."""

from __future__ import annotations

from PySide6.QtCore import Qt

from outlet_pos.bootstrap import open_app, setup_service
from outlet_pos.config import Settings
from outlet_pos.scales.virtual import VirtualScale
from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.setup_wizard import SetupWizard


def test_find_scales_fills_the_rows_and_the_setup_stores_the_scale(qtbot, tmp_path, clock):
    settings = Settings(tmp_path / "data", keystore="file")
    with VirtualScale("stream", grams=2350, interval=0.05) as vs:
        w = SetupWizard(settings, clock)
        qtbot.addWidget(w)
        # the pty is the "detected" port: list_ports does not show pseudo-terminals
        w.setup = setup_service(settings, clock, scale_ports=lambda: ([(vs.path, "pty")], None))
        w.show()
        qtbot.mouseClick(w.scale.find, Qt.MouseButton.LeftButton)
        assert not w.scale.find.isEnabled()  # the probe runs in the background
        qtbot.waitUntil(lambda: w.scale.find.isEnabled(), timeout=10_000)
        assert w.scale.connection.text() == f"serial:{vs.path}"
        assert w.scale.profile.currentData() == "stream"
        w.outlet_number.setValue(77)
        w.terminal.setValue(2)
        w.manager.setText("manajer")
        w.password.setText("rahasia-manajer")
        w.password2.setText("rahasia-manajer")
        w.connection.setText(f"file:{tmp_path / 'paper.bin'}")
        w.test_print.setChecked(False)
        for _ in range(len(w.pageIds()) - 1):
            w.next()
        qtbot.waitUntil(lambda: w.done_ok, timeout=20_000)
        assert {s.step: s.ok for s in w.steps}["scale"] is True
        assert wait_for_background()
    app = open_app(settings, clock)
    try:
        assert app.scale.setting() == (f"serial:{vs.path}", "stream")
    finally:
        app.close()


def test_a_mistyped_scale_is_named_on_the_printer_page(qtbot, tmp_path, clock):
    w = SetupWizard(Settings(tmp_path / "data", keystore="file"), clock)
    qtbot.addWidget(w)
    w.scale.connection.setText("COM3")
    problems = w._check_printer()
    assert [k for k, _ in problems] == ["scale_connection"]
