"""The Day review as an accountant's source (issue 17, points 6 and 7): a filtered list
exports exactly its rows, in the outlet's time and with district names; the list sorts by
any column and searches by waybill; and on a 1366×768 screen every column, Status
included, can be read without scrolling."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle

from outlet_pos.domain.money import format_rupiah
from outlet_pos.domain.waybill import format_waybill
from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.main_window import MainWindow
from outlet_pos.ui.pages.day_review import DayReviewPage
from tests.conftest import MANAGER
from tests.ui.daybook import audit_rows, busy_day

TIMEOUT = 15_000


@pytest.fixture
def day(app, clock):
    return busy_day(app, clock, per_clerk=12)


@pytest.fixture
def window(app, day, qtbot):
    w = MainWindow(app, app.auth.login(*MANAGER), start_sync=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.today.model.modelReset, timeout=TIMEOUT):
        pass  # the Today list the window loads at start
    yield w
    w.close()
    assert wait_for_background(TIMEOUT)


@pytest.fixture
def page(window, qtbot) -> DayReviewPage:
    p = window.day_review
    assert p is not None
    with qtbot.waitSignal(p.model.modelReset, timeout=TIMEOUT):
        window.pages.setCurrentWidget(p)
    return p


def _choose(qtbot, page: DayReviewPage, combo, value) -> None:
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        combo.setCurrentIndex(combo.findData(value))


def _shown(page: DayReviewPage) -> list[str]:
    """The waybills in the order the table shows them."""
    view = page.table.model()
    return [view.index(i, 0).data().replace(" ", "") for i in range(view.rowCount())]


def _export(page: DayReviewPage, qtbot, button, target) -> None:
    page.choose_file = lambda *_a: str(target)
    button.click()
    qtbot.waitUntil(lambda: str(target) in page.message.text(), timeout=TIMEOUT)


def test_the_csv_of_a_filtered_review_has_exactly_its_rows(app, page, qtbot, tmp_path):
    _choose(qtbot, page, page.clerk, "kasir2")
    _choose(qtbot, page, page.method, "qris")
    shown = _shown(page)
    assert 0 < len(shown) < page.app.reports.review(app.auth.login(*MANAGER)).figures.shipments
    target = tmp_path / "qris-kasir2.csv"
    _export(page, qtbot, page.csv_button, target)
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert sorted(r["waybill"] for r in rows) == sorted(shown)
    assert {(r["clerk"], r["payment_method"]) for r in rows} == {("kasir2", "qris")}
    assert all(r["payment_ref"] == "QR123" for r in rows)
    # the screen's clock and the file's are one: each row's time as the table shows it
    times = {page.table.model().index(i, 0).data().replace(" ", ""):
             page.table.model().index(i, 1).data() for i in range(len(shown))}
    assert {r["waybill"]: r["time"] for r in rows} == times
    for r in rows:
        assert r["dest_district_name"] == app.directory.district_name(r["dest_district"])
    (_actor, _day, details), = audit_rows(app, "day_exported_masked")
    assert details["rows"] == len(shown)
    assert details["filters"] == {"clerk": "kasir2", "payment_method": "qris"}


def test_the_search_box_narrows_the_list_and_the_export(app, page, qtbot, tmp_path, day):
    target_waybill = day[5]
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        qtbot.keyClicks(page.search, format_waybill(target_waybill)[-9:])  # as typed
    assert _shown(page) == [w for w in day if format_waybill(target_waybill)[-9:].replace(
        " ", "") in w]
    assert target_waybill in _shown(page) and len(_shown(page)) < len(day)
    assert page.count.text().startswith(str(len(_shown(page))))
    target = tmp_path / "cari.csv"
    _export(page, qtbot, page.csv_button, target)
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert sorted(r["waybill"] for r in rows) == sorted(_shown(page))
    assert audit_rows(app, "day_exported_masked")[-1][2]["filters"] == {"search": True}
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.search.clear()
    assert len(_shown(page)) == len(day)


def test_the_xlsx_of_the_review_opens_with_its_rows(app, page, qtbot, tmp_path):
    _choose(qtbot, page, page.status, "booked")
    target = tmp_path / "hari.xlsx"
    _export(page, qtbot, page.xlsx_button, target)
    book = openpyxl.load_workbook(target)
    body = list(book.worksheets[1].iter_rows(values_only=True))[1:]
    assert sorted(r[0] for r in body) == sorted(_shown(page))
    f = page.review.figures
    assert sum(r[11] for r in body) == f.revenue
    assert ["void" not in str(r) for r in body]


def test_every_column_sorts(page, qtbot):
    view = page.table.model()
    header = page.table.horizontalHeader()
    assert page.table.isSortingEnabled()
    for col, key in ((7, lambda r: r.total), (4, lambda r: r.weight_g),
                     (1, lambda r: r.booked_at), (2, lambda r: r.clerk),
                     (9, lambda r: r.status)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            header.setSortIndicator(col, order)
            rows = [page.model.row_at(i) for i in range(view.rowCount())]
            keys = [key(r) for r in rows]
            assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder), col
    # money sorts as numbers, not as text ("Rp 9.000" after "Rp 10.000")
    header.setSortIndicator(7, Qt.SortOrder.AscendingOrder)
    totals = [page.model.row_at(i).total for i in range(view.rowCount())]
    assert totals == sorted(totals) and totals[0] < totals[-1]
    assert [view.index(i, 7).data() for i in (0, view.rowCount() - 1)] == \
        [format_rupiah(totals[0]), format_rupiah(totals[-1])]
    # the selection follows its row through a sort, and a reload keeps the order
    page.table.selectRow(0)
    chosen = page.selected()
    assert chosen.total == totals[0]
    header.setSortIndicator(7, Qt.SortOrder.DescendingOrder)
    assert page.selected() is chosen and page.table.currentIndex().row() == view.rowCount() - 1
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.refresh()
    assert [page.model.row_at(i).total for i in range(view.rowCount())] == \
        sorted(totals, reverse=True)


# 12 points: the list needed 1,085 px beside the side panel's 300, 45 px more than a
# 1366-pixel screen has, while every title kept room for a sort arrow (fit_columns)
_TWELVE_POINTS = pytest.param(12 / 11, id="12-point-font")


@pytest.fixture(params=[pytest.param(1.0, id="counter-font"), _TWELVE_POINTS])
def big_day_window(request, app, clock, qtbot):
    """The window at 1366×768 on a busy day with refused events and wide values booked
    last (a sample of the first rows would miss them), in the counter's own 11-point font
    and in a desktop set to 12 points, as outlet PCs often are."""
    from PySide6.QtWidgets import QApplication

    busy_day(app, clock, per_clerk=16)
    session = app.auth.login("kasir3", "rahasia-kasir3")
    rng = __import__("random").Random(7)
    codes = sorted(app.directory._postal_index())
    from tests.shipment_factory import random_order

    order = random_order(app, rng, codes)
    order["parcel"].update(cod_amount=49_999_000, weight_g=29_950, pieces=5)
    order["payment"] = {"method": "transfer", "reference": "TRF-889900"}
    app.booking.book(session, order)
    with app.db.uow(write=True) as uow:
        uow.conn.exec_driver_sql(
            "update outbox set status='parked', last_error='waybill belongs to another "
            "outlet and the server holds another record' where id <= 3")
        uow.commit()
    from outlet_pos.ui.style import apply_base_font

    qapp = QApplication.instance()
    font = qapp.font()
    # from the counter's own type (11 pt, ui/style.py), not whatever the test before left:
    # a test that ran the app in this process left 11 pt, others the offscreen 9 pt
    base = apply_base_font(qapp).pointSizeF()
    bigger = qapp.font()
    bigger.setPointSizeF(base * request.param)
    qapp.setFont(bigger)
    w = MainWindow(app, app.auth.login(*MANAGER), start_sync=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    page = w.day_review
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        w.pages.setCurrentWidget(page)
    yield w, page
    w.close()
    qapp.setFont(font)
    assert wait_for_background(TIMEOUT)


def test_at_1366_by_768_every_column_fits_and_status_is_readable(big_day_window, qtbot):
    window, page = big_day_window
    header = page.table.horizontalHeader()
    last = header.count() - 1

    def fits() -> bool:
        edge = header.sectionViewportPosition(last) + header.sectionSize(last)
        return edge <= page.table.viewport().width() and \
            not page.table.horizontalScrollBar().isVisible()

    qtbot.waitUntil(fits, timeout=TIMEOUT)  # the layout settles after the load; or never
    assert window.width() <= 1366
    view = page.table.model()
    metrics, head_metrics = page.table.fontMetrics(), header.fontMetrics()
    for col in range(header.count()):
        title = view.headerData(col, Qt.Orientation.Horizontal)
        cells = [view.index(i, col).data() or "" for i in range(view.rowCount())]
        widest = max(metrics.horizontalAdvance(t) for t in cells)
        assert header.sectionSize(col) >= widest + 6, (col, title, widest)  # not elided
        assert header.sectionSize(col) >= head_metrics.horizontalAdvance(title) + 6, title
    assert view.index(0, last).data() in ("aktif", "batal")  # Status, in Indonesian
    # sorted by any column, the list still fits and the sorted title keeps its arrow's room
    style = header.style()
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    for col in (5, 9, 2, 1):  # Koli, Status, Kasir: short titles; then back to Jam
        x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        qtbot.waitUntil(lambda c=col: header.sortIndicatorSection() == c, timeout=TIMEOUT)
        title = view.headerData(col, Qt.Orientation.Horizontal)
        qtbot.waitUntil(lambda c=col, t=title: header.sectionSize(c) >=
                        head_metrics.horizontalAdvance(t) + arrow + 6, timeout=TIMEOUT)
        qtbot.waitUntil(fits, timeout=TIMEOUT)
    # the side panel keeps room to be read: its own minimum, and the groups' amounts whole
    assert page.groups.width() >= page.split.widget(1).minimumSizeHint().width() - 1
    for i in range(page.groups.count()):
        page.groups.setCurrentIndex(i)
        table = page.groups.widget(i)
        qtbot.waitUntil(table.isVisible, timeout=TIMEOUT)
        amounts = [table.model().index(r, 2).data() for r in range(table.model().rowCount())]
        assert amounts and table.horizontalHeader().sectionSize(2) >= max(
            table.fontMetrics().horizontalAdvance(a) for a in amounts) + 6, amounts


def test_refused_events_are_named_by_waybill_in_the_clerks_words(app, page, qtbot, day):
    """The Day review's refused list said 'shipment.created 9d36a9d5' and the server's
    English sentence; Diagnostics already names the waybill in Indonesian (issue 17, 2)."""
    waybill = day[0]
    with app.db.uow(write=True) as uow:
        uow.conn.exec_driver_sql(
            "update outbox set status='parked', last_error=? where kind='shipment.created' "
            "and aggregate_id=(select id from shipments where waybill=?)",
            (f"waybill {waybill} already belongs to another shipment", waybill))
        uow.commit()
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.refresh()
    assert page.refused.rowCount() == 1
    cells = [page.refused.item(0, c).text() for c in range(4)]
    assert cells[0] == format_waybill(waybill)
    assert cells[2] == "server sudah punya kiriman lain dengan nomor resi ini"
    assert "tim dukungan" in cells[3] and "already" not in " ".join(cells)
    assert page.refused.horizontalHeaderItem(0).text() == "Resi"
