"""Refused is never "sent": one event the real central server (127.0.0.1) refused shows in
the status bar, on its shipment's row in Today, in doctor, in ``sync --once``'s exit code
and in the Diagnostics panel by waybill with the reason in Indonesian."""

from __future__ import annotations

import pytest

import outlet_pos.i18n as i18n
from outlet_pos.bootstrap import doctor_for
from outlet_pos.central.models import Shipment as CentralShipment
from outlet_pos.domain.waybill import format_waybill
from outlet_pos.i18n import set_language
from outlet_pos.services.doctor import FAIL, exit_code
from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.main_window import MainWindow
from tests.central_server import CentralServer
from tests.conftest import MANAGER, TECH
from tests.integration.test_cli import run
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll

TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def indonesian():
    before = i18n._language
    set_language("id")
    yield
    i18n._language = before


@pytest.fixture
def refused(app, tmp_path):
    """Four bookings synced; the server already held the first one's waybill (another
    outlet's device claimed it), so it refuses that one: (app, refused waybill, others)."""
    srv = CentralServer(tmp_path / "central").start()
    boss = app.auth.login(*MANAGER)
    enroll(app, srv, boss)
    first = book_random(app, boss, 1, seed=1)[0]
    with srv.engine.begin() as c:
        c.execute(CentralShipment.__table__.insert().values(
            id="other", waybill=first, outlet=42, terminal=9, booked_at="x",
            business_date="x", service="REG", origin_district="x", dest_district="x",
            weight_g=1, total=1, cod_amount=0, payment_method="cash", status="booked",
            figures_json="{}", personal_ct=b"\0", received_at="x"))
    others = book_random(app, boss, 3, seed=2)
    report = app.sync.sync_once()
    assert (report.applied, report.parked, report.remaining) == (3, 1, 0)
    yield app, first, others
    srv.close()


def test_a_refused_event_is_seen_in_the_status_bar_todays_row_and_the_panel(qtbot, refused):
    app, waybill, others = refused
    w = MainWindow(app, app.auth.login(*TECH), start_sync=False)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "ditolak server" in w.status.sync.text(), timeout=TIMEOUT)
    assert "1 ditolak server" in w.status.sync.text()
    assert "semua terkirim" not in w.status.sync.text()

    today = w.today
    qtbot.waitUntil(lambda: today.model.rowCount() == 4, timeout=TIMEOUT)
    states = {today.model.row_at(r).summary.waybill: today.model.row_at(r).state
              for r in range(4)}
    assert states[waybill] == "ditolak server"
    assert {states[o] for o in others} == {"tersinkron ke pusat"}
    row = [today.model.row_at(r).summary.waybill for r in range(4)].index(waybill)
    tip = today.model.data(today.model.index(row, 6), 3)  # ToolTipRole: the reason
    assert "nomor resi ini" in tip and "already" not in tip

    w.pages.setCurrentWidget(w.diagnostics)  # showing the page reads the checks and events
    panel = w.diagnostics.refused
    qtbot.waitUntil(lambda: len(panel.events) == 1, timeout=TIMEOUT)
    cells = [panel.table.item(0, c).text() for c in range(4)]
    assert cells[0] == format_waybill(waybill)  # by waybill, not "shipment.created bb7d…"
    assert cells[2] == "server sudah punya kiriman lain dengan nomor resi ini"
    assert "dukungan" in cells[3]
    assert panel.table.wordWrap() and panel.table.rowCount() == 1
    qtbot.waitUntil(lambda: not w.diagnostics.running, timeout=TIMEOUT)
    check = next(r for r in w.diagnostics.results if r.check == "refused_events")
    assert check.status == FAIL
    assert wait_for_background()


def test_a_refused_event_fails_doctor_and_sync_once_exits_1(refused, clock):
    app, _waybill, _others = refused
    results = doctor_for(app.settings, clock).run()
    finding = next(r for r in results if r.check == "refused_events")
    assert finding.status == FAIL and exit_code(results) == 1
    said = finding.as_dict()
    assert said["finding"] == "server menolak 1 kejadian; kejadian itu tidak dikirim ke pusat"
    assert "resend-refused" in str(said["remedy"])

    p = run(app.settings.data_dir, "sync", "--once", lang="id")
    assert p.returncode == 1, (p.stdout, p.stderr)  # README: 1 when not all are sent
    assert "1 ditolak server" in p.stderr
