"""A PC whose device the server revoked (another PC replaced it) refuses to book at the
counter and says why, in the clerk's language; the form keeps what was typed.
The server is the real central server on 127.0.0.1."""

from __future__ import annotations

from PySide6.QtCore import Qt

from outlet_pos.bootstrap import utc_now
from outlet_pos.central.enrollment import revoke
from outlet_pos.i18n import set_language
from tests.central_server import CentralServer
from tests.conftest import MANAGER
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll
from tests.ui.human import Human
from tests.ui.test_one_press_one_shipment import _count, _fill, _page, _settle, window

__all__ = ["window"]  # the fixture, used by name


def test_the_counter_of_a_revoked_pc_refuses_to_book_and_says_why(app, clerk, qtbot, window,
                                                                  tmp_path):
    set_language("id")
    srv = CentralServer(tmp_path / "central").start()
    try:
        enroll(app, srv, app.auth.login(*MANAGER))
        book_random(app, clerk, 1)
        with app.db.uow() as uow:
            device = uow.device.get()
        assert device is not None and revoke(srv.engine, utc_now, device.device_id)
        assert app.sync.sync_once().error.code == "revoked"  # the next sync hears it
    finally:
        srv.close()
    p = _page(app, clerk, qtbot, window)
    _fill(p, qtbot)
    Human(qtbot, window, pace=0).key(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "tidak boleh mencatat kiriman lagi" in p.message.text(),
                    timeout=10_000)
    _settle(qtbot)
    assert "PC lain menggantikannya" in p.message.text()
    assert p.form.isEnabled() and p.sender.name.text() == "Siti Nurhaliza"
    assert _count(app, clerk) == 1  # only the one booked before it was revoked
