"""Render the counter window's pages offscreen, in Bahasa Indonesia and English, into
docs/images/ui-<page>-<lang>.png (shown in the README). Real windows on a throw-away outlet.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from outlet_pos.bootstrap import init_outlet  # noqa: E402
from outlet_pos.config import Settings  # noqa: E402
from outlet_pos.domain.shipment import parse_parcel  # noqa: E402
from outlet_pos.printing.virtual.server import VirtualPrinter  # noqa: E402
from outlet_pos.ui.background import wait_for_background  # noqa: E402
from outlet_pos.ui.login import LoginDialog  # noqa: E402
from outlet_pos.ui.main_window import MainWindow  # noqa: E402
from outlet_pos.ui.translation import translations  # noqa: E402
from tests.shipment_factory import book_random  # noqa: E402

OUT = ROOT / "docs" / "images"


def _settle(qt: QApplication) -> None:
    for _ in range(3):
        wait_for_background()
        qt.processEvents()


def _outlet(d: Path):
    app = init_outlet(Settings(d / "data", keystore="file"), outlet_number=1201, terminal=1,
                      manager="manajer", password="demo-manajer-1",
                      outlet_name="Outlet Demo Coblong")
    boss = app.auth.login("manajer", "demo-manajer-1")
    app.auth.add_user(boss, "kasir1", "clerk", "demo-kasir-1")
    from outlet_pos.cli.demo import demo_order

    app.booking.book(boss, demo_order())  # Siti, the example sender, is a known customer
    numbers = book_random(app, boss, 6, seed=21)
    with app.db.uow(write=True) as uow:
        uow.reference.set("service_points", "3", [
            {"code": "OUTLET-1201", "kind": "outlet", "name": "Outlet Demo Coblong",
             "address": "Jl. Ir. H. Juanda No. 123", "city": "Kota Bandung",
             "hours": "08.00-21.00", "phone": "022-2500123", "active": True},
            {"code": "DP-0042", "kind": "drop_point", "name": "Agen Sukajadi",
             "address": "Jl. Sukajadi No. 5", "city": "Kota Bandung", "hours": "09.00-20.00",
             "phone": "022-2031234", "active": True},
            {"code": "DP-0077", "kind": "drop_point", "name": "Agen Dago Atas",
             "address": "Jl. Dago Giri No. 17", "city": "Kab. Bandung Barat",
             "hours": "08.00-17.00", "phone": None, "active": True}], None, app.db.clock())
        uow.tracking.put(numbers[0], [
            {"status": "BOOKED", "at": "2026-11-25T02:05:00+00:00", "location": "Outlet 1201"},
            {"status": "PICKED_UP", "at": "2026-11-25T07:40:00+00:00", "location": "Outlet 1201",
             "note": "kurir Budi"},
            {"status": "AT_HUB", "at": "2026-11-25T13:10:00+00:00", "location": "Hub Bandung"}],
            datetime(2026, 11, 25, 13, 30, tzinfo=UTC))
        uow.commit()
    return app, boss, numbers


def _manager_day(qt: QApplication, app, boss) -> None:
    """The Day review page on a busy-ish day (three clerks, voids, a refused event) and the
    Close-day dialog with a count under way."""
    import random

    from outlet_pos.domain.errors import ValidationError
    from outlet_pos.i18n import tr
    from outlet_pos.ui.pages.cash_dialog import CashDialog
    from outlet_pos.ui.pages.close_day_dialog import CloseDayDialog
    from tests.shipment_factory import random_order

    for name in ("kasir2", "kasir3"):
        app.auth.add_user(boss, name, "clerk", f"demo-{name}-1")
    rng = random.Random(5)
    codes = sorted(app.directory._postal_index())
    clerks = [app.auth.login("kasir1", "demo-kasir-1")] + [
        app.auth.login(n, f"demo-{n}-1") for n in ("kasir2", "kasir3")]
    booked: list[str] = []
    while len(booked) < 60:
        order = random_order(app, rng, codes)
        order["service"] = rng.choice(("REG", "REG", "OKE", "YES"))
        try:
            booked.append(app.booking.book(rng.choice(clerks), order).waybill)
        except ValidationError:
            continue  # no such service to that place; draw again
    for w in booked[5:60:20]:
        app.shipments.void(boss, w, "salah input berat")
    app.cash.record(clerks[0], "float", 200_000)
    app.cash.record(clerks[1], "in", 50_000, "tambahan uang kecil dari brankas")
    app.cash.record(boss, "out", 12_500, "beli lakban dan plastik")
    with app.db.uow(write=True) as uow:  # one event the server refused, for the panel
        uow.conn.exec_driver_sql(
            "update outbox set status='parked', last_error='waybill belongs to another "
            "outlet' where id = (select max(id) from outbox where kind='shipment.created')")
        uow.commit()
    for lang in ("id", "en"):
        translations(qt).apply(lang)
        w = MainWindow(app, boss, start_sync=False)
        w.resize(1280, 760)
        w.show()
        w.pages.setCurrentWidget(w.day_review)
        _settle(qt)
        w.day_review.table.selectRow(1)
        w.grab().save(str(OUT / f"ui-day-review-{lang}.png"))
        d = CloseDayDialog(app, boss, w.day_review.day())
        d.show()
        _settle(qt)
        left = (d.expected or 0) // 100 * 100 - 1_500  # Rp 1.500 short
        for face in d.spins:
            n, left = divmod(left, face)
            d.spins[face].setValue(n)
        d.note.setPlainText("uang kecil dipakai untuk kembalian")
        d.note.setFocus()
        _settle(qt)
        d.grab().save(str(OUT / f"ui-close-day-{lang}.png"))
        d.close()
        cash = CashDialog(app, boss, parent=w)
        cash.show()
        _settle(qt)
        cash.grab().save(str(OUT / f"ui-drawer-cash-{lang}.png"))
        cash.close()
        for title in (tr("Backup"), tr("Settings")):
            w.pages.setCurrentIndex(next(i for i in range(w.pages.count())
                                         if w.pages.tabText(i) == title))
            _settle(qt)
            name = "backup" if title == tr("Backup") else "settings-users"
            w.grab().save(str(OUT / f"ui-{name}-{lang}.png"))
        _customer_requests(qt, w)
        w.grab().save(str(OUT / f"ui-customer-requests-{lang}.png"))
        w.close()


def _dropoff(qt: QApplication, w: MainWindow, app) -> None:
    """New shipment filled from a scanned pre-booking QR, weighed heavier than declared."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from outlet_pos.cli.demo import demo_order
    from tests.prebooking_helpers import give_keys, prebooked, qr

    key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    give_keys(app, key, app.clock())
    p = prebooked(demo_order(), app.clock(), quoted_total=18_000, paid=18_000,
                  weight_g=1000)
    page = w.new_shipment
    w.pages.setCurrentWidget(page)
    page.new()
    page.dropoff.start(qr(p, key))
    _settle(qt)
    page.weight.setText("2,6")  # the counter's scale
    page.pricer.ask()
    _settle(qt)


def _customer_requests(qt: QApplication, w: MainWindow) -> None:
    """The manager's Customer requests page with Siti's shipments looked up (UU PDP)."""
    from outlet_pos.ui.pages.customer_requests import CustomerRequestsPage

    page = next(w.pages.widget(i) for i in range(w.pages.count())
                if isinstance(w.pages.widget(i), CustomerRequestsPage))
    w.pages.setCurrentWidget(page)
    page.phone.setText("0812-2345-6789")
    page.reference.setText("Surat 12/XII/2026")
    page.find()
    _settle(qt)
    page.shipments.setCurrentRow(0)
    _settle(qt)


def _shift(qt: QApplication, app, clerk) -> None:
    """The Shift dialog (Shift+F7) on an open shift: the float, a few bookings, the count
    under way. Last of all, so the pictures before show a terminal with no shift."""
    from outlet_pos.ui.pages.shift_dialog import ShiftDialog

    app.shifts.open(clerk, 200_000)
    book_random(app, clerk, 4, seed=7)
    for lang in ("id", "en"):
        translations(qt).apply(lang)
        d = ShiftDialog(app, clerk)
        d.show()
        _settle(qt)
        left = (d.figures.expected if d.figures else 0) // 100 * 100
        for face in d.count.spins:
            n, left = divmod(left, face)
            d.count.spins[face].setValue(n)
        _settle(qt)
        d.grab().save(str(OUT / f"ui-shift-{lang}.png"))
        d.close()


def _weighed(qt: QApplication, app, boss, clerk) -> None:
    """New shipment after F4 on a virtual scale (1,503 kg): the weight from the scale, then
    typed over it (1,2), which asks for the reason. Before the shift: no shift is kept."""
    import time

    from outlet_pos.scales.virtual import VirtualScale

    for lang in ("id", "en"):  # a scale per window: a closed window keeps its device open
        vs = VirtualScale("stream", grams=1503, interval=0.1)
        vs.start()
        try:
            app.scale.configure(boss, f"serial:{vs.path}", "stream")
            translations(qt).apply(lang)
            w = MainWindow(app, clerk, start_sync=False)
            w.resize(1280, 760)
            w.show()
            page = w.new_shipment
            page.sender.phone.setText("0812-2345-6789")
            page.sender.look_up()
            _settle(qt)
            page.weight.setFocus()
            got: list[object] = []
            page.scale.weighed.connect(got.append)
            page.scale.weigh()
            end = time.monotonic() + 10
            while not got and time.monotonic() < end:
                _settle(qt)
            _settle(qt)
            w.grab().save(str(OUT / f"ui-new-shipment-scale-{lang}.png"))
            page.weight.setText("1,2" if lang == "id" else "1.2")  # typed over the reading
            _settle(qt)
            w.grab().save(str(OUT / f"ui-new-shipment-override-{lang}.png"))
            w.close()
        finally:
            vs.stop()


def main() -> int:
    qt = QApplication.instance() or QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app, boss, numbers = _outlet(Path(tmp))
        printer = VirtualPrinter(Path(tmp) / "paper", port=0)
        printer.start()
        app.printing.configure(boss, f"net:127.0.0.1:{printer.port}", "generic-80")
        for n in numbers[:4]:
            app.printing.print_waybill(boss, n)
        clerk = app.auth.login("kasir1", "demo-kasir-1")
        for lang in ("id", "en"):
            translations(qt).apply(lang)
            login = LoginDialog(app)
            login.user.setText("kasir1")
            login.resize(420, 220)
            login.show()
            _settle(qt)
            login.grab().save(str(OUT / f"ui-login-{lang}.png"))
            login.close()
            w = MainWindow(app, clerk, start_sync=False)
            w.resize(1280, 760)
            w.show()
            page = w.new_shipment
            page.sender.phone.setText("0812-2345-6789")
            page.sender.look_up()
            _settle(qt)
            r = page.recipient
            r.phone.setText("0857-1111-2222")
            r.name.setText("Andi Wijaya")
            r.street.setText("Jl. Sudirman Kav. 1")
            r.postal.setText("12190")
            r._fill_villages("12190", None)
            page.weight.setText("1,3")
            page.dims.setText("30x20x10")
            page.description.setText("Baju batik")
            page.tendered.setText("100000")
            village = r.village_obj()
            assert village is not None
            page._show_quotes(app.booking.quote(parse_parcel(page._parcel()),
                                                village.district_code))
            _settle(qt)
            w.grab().save(str(OUT / f"ui-new-shipment-{lang}.png"))
            _dropoff(qt, w, app)
            w.grab().save(str(OUT / f"ui-dropoff-{lang}.png"))
            for name, widget in (("today", w.today), ("track", w.track),
                                 ("service-points", w.points)):
                w.pages.setCurrentWidget(widget)
                if widget is w.track:
                    w.track.waybill.setText(numbers[0])
                    w.track.track()  # no server here: the last known history, offline
                _settle(qt)
                w.grab().save(str(OUT / f"ui-{name}-{lang}.png"))
            w.close()
        _manager_day(qt, app, boss)
        _weighed(qt, app, boss, clerk)
        _shift(qt, app, clerk)
        printer.stop()
        app.close()
    print(f"screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
