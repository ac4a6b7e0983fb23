"""Every shipment state, payment method and tracking status, walked through every place a
person reads it (Today's shipments, Day review and its totals, Track, the waybill, the Z
report): in Indonesian none shows a stored code ("cash", "IN_TRANSIT") or an English
catalogue word, and the paper says what the screen says."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt

from outlet_pos.domain.day_figures import GroupTotal
from outlet_pos.domain.records import PrintJobRow, ShipmentSummary
from outlet_pos.domain.shipment import PAYMENT_METHODS
from outlet_pos.domain.waybill_document import Copy, OutletLine, Pair, Text, build_waybill
from outlet_pos.domain.words import SHIPMENT_STATUSES, TRACKING_STATUSES
from outlet_pos.domain.z_report import MethodTotal, ZReport, build_z_report
from outlet_pos.i18n import catalog, tr
from outlet_pos.ui.pages.day_review_model import DayReviewModel, GroupModel
from outlet_pos.ui.pages.today_model import TodayModel, TodayRow
from tests.shipment_factory import book_random

AT = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
CODES = set(PAYMENT_METHODS) | set(SHIPMENT_STATUSES) | set(TRACKING_STATUSES)


@pytest.fixture(autouse=True)
def indonesian():
    from outlet_pos import i18n

    before = i18n._language
    i18n.set_language("id")
    yield
    i18n._language = before


def _english_words() -> set[str]:
    """Catalogue templates whose Indonesian differs: English on an Indonesian screen."""
    return {src for src, dst in catalog("id").items() if src != dst and "{" not in src}


def _check(text: str, where: str) -> None:
    assert text, where
    assert text not in CODES and text.upper() not in CODES, (where, text)
    assert "_" not in text, (where, text)
    assert text not in _english_words(), (where, text)


def _summary(method: str, status: str, synced: bool = False) -> ShipmentSummary:
    return ShipmentSummary(waybill="0004203000000010", booked_at=AT, clerk="kasir1",
                           service="REG", dest_district="31.71.07", weight_g=1200,
                           chargeable_kg=2, pieces=1, cod_amount=0, total=15_000,
                           payment_method=method, status=status, synced=synced)


def _job(status: str) -> PrintJobRow:
    return PrintJobRow(id=1, waybill="0004203000000010", copy="label", reprint=0,
                       status=status, requested_by="kasir1", created_at=AT, updated_at=AT,
                       attempts=1, printer="net:127.0.0.1:9100",
                       fault="unreachable" if status == "failed" else None, detail=None)


def _cell(model, column: int) -> str:
    return model.data(model.index(0, column), Qt.ItemDataRole.DisplayRole)


def test_todays_list_and_day_review_say_every_method_and_state_in_words(app):
    tz = app.outlet.timezone
    today, review = TodayModel(tz), DayReviewModel(tz)
    methods = GroupModel("Payment method", translate_names=True)
    states = {(m, s, synced, job) for m in PAYMENT_METHODS for s in SHIPMENT_STATUSES
              for synced in (False, True) for job in (None, "queued", "done", "failed")}
    seen_states: set[str] = set()
    seen_methods: set[str] = set()
    for method, status, synced, job in sorted(states, key=str):
        summary = _summary(method, status, synced)
        today.set_rows([TodayRow(summary, _job(job) if job else None)])
        review.set_rows([summary])
        methods.set_groups([GroupTotal(method, 1, 15_000)])
        payment, state = _cell(today, 5), _cell(today, 6)
        for text, where in ((payment, "Today payment"), (state, "Today state"),
                            (_cell(review, 8), "Day review payment"),
                            (_cell(review, 9), "Day review status"),
                            (_cell(methods, 0), "totals by payment method")):
            _check(text, f"{where} {method}/{status}/{synced}/{job}")
        # the two lists use the same word for the same method
        assert payment == _cell(review, 8) == _cell(methods, 0)
        seen_states.add(state)
        seen_methods.add(payment)
    assert seen_methods == {"Tunai", "QRIS", "Transfer bank", "Kartu debit/kredit"}
    assert seen_states == {"antre", "tercetak", "gagal cetak", "tersinkron ke pusat", "batal"}
    # synced to the server and delivered are never the same word
    assert tr("synced") != tr(TRACKING_STATUSES["DELIVERED"])
    assert "terkirim" not in tr("synced") and "terkirim" not in tr("all sent")


def test_track_shows_every_server_status_as_words(app, qtbot, clock):
    from outlet_pos.ui.pages.track import TrackPage

    waybill = book_random(app, app.auth.login("manajer", "rahasia-manajer"), 1)[0]
    history = [{"at": AT.isoformat(), "status": code} for code in TRACKING_STATUSES]
    with app.db.uow(write=True) as uow:
        uow.tracking.put(waybill, history, clock())
        uow.commit()
    page = TrackPage(app)
    qtbot.addWidget(page)
    page.waybill.setText(waybill)
    page.track()
    qtbot.waitUntil(lambda: page.history.count() == len(history), timeout=15_000)
    for i, code in enumerate(TRACKING_STATUSES):
        status = page.history.item(i).text().split("  ")[1]
        _check(status, f"Track {code}")
        assert status == tr(TRACKING_STATUSES[code])


def _pairs(doc) -> dict[str, str]:
    return {b.label: b.value for b in doc.blocks if isinstance(b, Pair)}


def test_the_paper_uses_the_screens_words(app, clerk):
    o = app.outlet
    line = OutletLine(o.number, o.terminal, o.name, o.timezone)
    record = app.shipments.show(clerk, book_random(app, clerk, 1)[0])
    today = TodayModel(o.timezone)
    for method in PAYMENT_METHODS:
        doc = build_waybill(replace(record, payment_method=method, payment_ref="R1"), line,
                            Copy.RECEIPT)
        today.set_rows([TodayRow(_summary(method, "booked"), None)])
        assert _pairs(doc)["Bayar"] == _cell(today, 5), method  # paper == screen
        _check(_pairs(doc)["Bayar"], f"waybill {method}")
    void = build_waybill(replace(record, status="void"), line, Copy.LABEL, reprint=1)
    texts = [b.text for b in void.blocks if isinstance(b, Text)]
    today.set_rows([TodayRow(_summary("cash", "void"), None)])
    assert _cell(today, 6).upper() in texts  # BATAL on paper, batal on screen
    assert "CETAK ULANG 1" in texts and tr("Printed again, marked REPRINT {n}", n=1) \
        .endswith("CETAK ULANG 1")

    z = ZReport(sequence=1, business_date=date(2026, 11, 25), closed_by="manajer",
                closed_at=AT, shipments=4, voided=0, revenue=60_000, cash_expected=15_000,
                cash_counted=15_000,
                by_method=tuple(MethodTotal(m, 1, 15_000) for m in PAYMENT_METHODS))
    labels = list(_pairs(build_z_report(z, line)))
    for method in PAYMENT_METHODS:
        today.set_rows([TodayRow(_summary(method, "booked"), None)])
        assert f"{_cell(today, 5)} (1)" in labels, (method, labels)
    for label in labels:
        _check(label.split(" (")[0], "Z report")


def test_service_points_say_what_kind_of_place_each_is(app, qtbot, clock):
    from outlet_pos.ui.pages.service_points import ServicePointsPage

    points = [{"code": "OUTLET-42", "kind": "outlet", "name": "Outlet Dago", "city": "Bandung"},
              {"code": "BDG-001", "kind": "drop_point", "name": "Toko Sukasari",
               "city": "Bandung"}]
    with app.db.uow(write=True) as uow:
        uow.reference.set("service_points", "1", points, None, clock())
        uow.commit()
    page = ServicePointsPage(app)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=15_000)
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert headers[:2] == ["Kode", "Jenis"] and "Kind" not in headers
    kinds = [page.table.item(r, 1).text() for r in range(2)]
    assert kinds == ["outlet", "agen (drop point)"]
    for k in kinds:
        _check(k, "service point kind")
    page.search.setText("agen")  # the words shown are what a search finds
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "BDG-001"
