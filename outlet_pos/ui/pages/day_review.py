"""Day review (manager): the transactions of a chosen day with filters and a waybill search,
sortable by any column, totals by service, payment method and clerk, the closing state,
the events the central server refused, and the manager's actions — void, close and reopen
the day, the daily PDF, the CSV export (masked, or unmasked after re-authentication with a
written reason) and the XLSX workbook. Exports have exactly the rows the filters show.
Columns are sized to the whole day's widest values and the list takes the width it needs
(a 1366×768 screen shows every column, Status included).

Every service call runs off the GUI thread (``run_in_background``); callbacks run on the
GUI thread. Sensitive actions ask for a password again (``ReauthDialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.money import format_rupiah
from ...domain.weighing import typed_over
from ...i18n import tr
from ...services.auth import UserSession
from ...services.closing import Closing
from ...services.reports import DayReview
from ..background import run_in_background
from ..reauth import ReauthDialog
from ..texts import error_text
from .close_day_dialog import CloseDayDialog
from .day_review_actions import DayActions, FileChooser, choose_save_path
from .day_review_model import (
    TIME_COLUMN,
    DayReviewModel,
    fit_columns,
    kg_text,
    method_name,
    status_name,
)
from .day_review_outlet import OutletDayPanel
from .day_review_side import DaySide

ANY = None
SEARCH_PAUSE_MS = 300  # reload once the typing pauses, not at every digit


def _load(app: App, session: UserSession, day: date,
          filters: dict[str, str | None]) -> tuple[DayReview, list[Closing]]:
    review = app.reports.review(session, day, **filters)
    return review, app.closing.history(session, day)


class DayReviewPage(DayActions, DaySide, QWidget):
    _found: str | None = None  # a scanned waybill, selected once the list has it

    def __init__(self, app: App, session: UserSession) -> None:
        super().__init__()
        self.app, self.session = app, session
        self.choose_file: FileChooser = choose_save_path
        self.review: DayReview | None = None
        self.history: list[Closing] = []
        self.dialog: ReauthDialog | CloseDayDialog | None = None
        self._generation = 0
        self.model = DayReviewModel(app.outlet.timezone)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        self.views = QTabWidget()  # this terminal's list, or every terminal's figures
        # no frame around the pages: at 1366 px and a large font every column still fits
        self.views.setDocumentMode(True)
        self.views.addTab(self._build_table(), tr("Sh&ipments"))
        self.outlet_view = OutletDayPanel(app, session)
        self.views.addTab(self.outlet_view, tr("Outlet &by terminal"))
        self.views.currentChanged.connect(
            lambda i: (self.table, self.outlet_view.table)[i].setFocus())
        split.addWidget(self.views)
        split.addWidget(self._build_side())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([800, 460])
        layout.addWidget(split, 1)
        layout.addLayout(self._build_actions())
        order = [self.date, self.clerk, self.service, self.method, self.status, self.search,
                 self.reload, self.table, self.void_button, self.close_button,
                 self.reopen_button, self.z_button, self.pdf_button, self.csv_button,
                 self.csv_full_button, self.xlsx_button, self.groups, self.refused, self.resend]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)  # filters, the list, its actions, the rest
        today = app.today()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.date.dateChanged.connect(self.refresh)

    # -- building ---------------------------------------------------------------------

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setAccessibleName(tr("Business date"))
        self.clerk = QComboBox()
        self.service = QComboBox()
        self.method = QComboBox()
        self.status = QComboBox()
        for label, w, name in ((tr("&Date"), self.date, None),
                               (tr("C&lerk"), self.clerk, tr("Clerk filter")),
                               (tr("&Service"), self.service, tr("Service filter")),
                               (tr("Pay&ment"), self.method, tr("Payment method filter")),
                               (tr("S&tatus"), self.status, tr("Status filter"))):
            caption = QLabel(label)
            caption.setBuddy(w)
            if name:
                w.setAccessibleName(name)
                w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
                w.setMinimumContentsLength(8)
            row.addWidget(caption)
            row.addWidget(w)
        for combo in (self.clerk, self.service, self.method):
            combo.addItem(tr("All"), ANY)
        self.status.addItem(tr("All"), ANY)
        self.status.addItem(status_name("booked"), "booked")
        self.status.addItem(status_name("void"), "void")
        for combo in (self.clerk, self.service, self.method, self.status):
            combo.currentIndexChanged.connect(self.refresh)
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("Search by waybill"))
        self.search.setPlaceholderText(tr("digits of the waybill"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(24)  # a waybill with its spaces, no more
        caption = QLabel(tr("Search &waybill"))
        caption.setBuddy(self.search)
        self._pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._pause.start())
        row.addWidget(caption)
        row.addWidget(self.search)
        row.addStretch(1)
        self.reload = QPushButton(tr("Re&fresh"))
        self.reload.setAccessibleName(tr("Refresh the day review"))
        self.reload.clicked.connect(self.refresh)
        row.addWidget(self.reload)
        return row

    def _build_table(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Shipments of the day"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(TIME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # a header click sorts; booking order to start
        # the sorted column's title alone keeps room for the arrow (fit_columns)
        self.table.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_: self.model.rowCount() and self._fit())
        self.count = QLabel()
        self.count.setAccessibleName(tr("Number of shipments shown"))
        v.addWidget(self.table, 1)
        v.addWidget(self.count)
        return box

    def _build_actions(self) -> QVBoxLayout:
        box = QVBoxLayout()
        row = QHBoxLayout()
        self.void_button = QPushButton(tr("&Void selected…"))
        self.void_button.setAccessibleName(tr("Void the selected shipment"))
        self.void_button.clicked.connect(self.void_selected)
        self.close_button = QPushButton(tr("&Close day…"))
        self.close_button.setAccessibleName(tr("Close the day"))
        self.close_button.clicked.connect(self.close_day)
        self.reopen_button = QPushButton(tr("R&eopen day…"))
        self.reopen_button.setAccessibleName(tr("Reopen the day"))
        self.reopen_button.clicked.connect(self.reopen_day)
        self.z_button = QPushButton(tr("Print the &Z report"))
        self.z_button.setAccessibleName(tr("Print the Z report of the closing"))
        self.z_button.clicked.connect(self.print_z_report)
        self.pdf_button = QPushButton(tr("E&xport PDF…"))
        self.pdf_button.setAccessibleName(tr("Export the daily report as PDF"))
        self.pdf_button.clicked.connect(self.export_pdf)
        self.csv_button = QPushButton(tr("CSV (mas&ked)…"))
        self.csv_button.setAccessibleName(tr("Export CSV with personal data masked"))
        self.csv_button.clicked.connect(lambda: self.export_csv(unmasked=False))
        self.csv_full_button = QPushButton(tr("CSV &unmasked…"))
        self.csv_full_button.setAccessibleName(tr("Export CSV with full personal data"))
        self.csv_full_button.clicked.connect(lambda: self.export_csv(unmasked=True))
        self.xlsx_button = QPushButton(tr("Excel w&orkbook…"))
        self.xlsx_button.setAccessibleName(tr("Export the shipments shown as an Excel workbook"))
        self.xlsx_button.clicked.connect(self.export_xlsx)
        for b in (self.void_button, self.close_button, self.reopen_button, self.z_button,
                  self.pdf_button, self.csv_button, self.csv_full_button, self.xlsx_button):
            row.addWidget(b)
        row.addStretch(1)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Message"))
        self.message.setWordWrap(True)
        box.addLayout(row)
        box.addWidget(self.message)
        return box

    # -- loading ----------------------------------------------------------------------

    def day(self) -> date:
        d = self.date.date()
        return date(d.year(), d.month(), d.day())

    def filters(self) -> dict[str, str | None]:
        """The filters as the screen shows them: the list's and every export's."""
        return {"clerk": self.clerk.currentData(), "service": self.service.currentData(),
                "payment_method": self.method.currentData(),
                "status": self.status.currentData(),
                "search": self.search.text().strip() or None}

    def refresh(self) -> None:
        """Reload the chosen day with the chosen filters, off the GUI thread."""
        self._pause.stop()
        self.count.setText(tr("Loading…"))
        self._generation += 1
        generation, day, filters = self._generation, self.day(), self.filters()
        run_in_background(self, lambda: _load(self.app, self.session, day, filters),
                          lambda result: self._loaded(generation, result), self._failed)
        if self.sender() not in (self.clerk, self.service, self.method, self.status, self._pause):
            self.outlet_view.refresh(day)  # on its own: the page never waits for the server
            self.prebooking_conflicts.refresh()  # as the last sync fetched them

    def _loaded(self, generation: int, result: tuple[DayReview, list[Closing]]) -> None:
        if generation != self._generation:
            return  # an older request answered late
        self.review, self.history = result
        r = self.review
        self.model.set_rows(r.rows)
        found = [i for i in range(self.model.rowCount())
                 if self.model.row_at(i).waybill == self._found]  # in the list's order
        if found:
            self.table.selectRow(found[0])
            self._found = None
        self.count.setText(tr("{n} shipments", n=len(r.rows)))
        self._fill_choices(self.clerk, r.clerks, str)
        self._fill_choices(self.service, r.services, str)
        self._fill_choices(self.method, r.methods, method_name)
        f = r.figures
        for key, text in (("shipments", str(f.shipments)), ("voided", str(f.voided)),
                          ("pieces", str(f.pieces)), ("weight", kg_text(f.weight_g)),
                          ("revenue", format_rupiah(f.revenue)),
                          ("cod", format_rupiah(f.cod_total)),
                          ("cash", format_rupiah(f.cash_total)),
                          ("typed_over", str(typed_over(r.rows)))):  # flagged rows
            self.figures[key].setText(text)
        self.by_service.set_groups(f.by_service)
        self.by_method.set_groups(f.by_payment)
        self.by_clerk.set_groups(f.by_clerk)
        self.closing_state.setText(self._closing_text())
        self._fill_refused()
        closed = r.closing is not None
        self.close_button.setEnabled(not closed)
        self.reopen_button.setEnabled(closed)
        self.z_button.setEnabled(closed)
        self.void_button.setEnabled(not closed and bool(r.rows))
        self._fit()  # last: the side panel's minimum width depends on what it now shows

    def _fill_choices(self, combo: QComboBox, values: list[str],
                      name: Callable[[str], str]) -> None:
        """The day's values as choices, keeping the current one (even if not in the day)."""
        current = combo.currentData()
        wanted = [ANY, *values] + ([current] if current not in (ANY, *values) else [])
        if [combo.itemData(i) for i in range(combo.count())] == wanted:
            return
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("All"), ANY)
        for v in wanted[1:]:
            combo.addItem(name(v), v)
        combo.setCurrentIndex(wanted.index(current))
        combo.blockSignals(False)

    def _fit(self) -> None:
        """Columns to the day's widest values; the list widened (the side panel narrowed,
        never below its own minimum) when they would not fit, so nothing hides behind a
        scroll bar on a 1366-pixel screen."""
        needed = fit_columns(self.table, self.model)
        table, side = self.split.sizes()
        spare = side - self.split.widget(1).minimumSizeHint().width()
        if needed > table and spare > 0:
            grow = min(needed - table, spare)
            self.split.setSizes([table + grow, side - grow])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.model.rowCount():
            self._fit()

    def _failed(self, e: Exception) -> None:
        self.count.setText("")
        self.message.setText(error_text(e))

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def open_waybill(self, waybill: str) -> None:
        """A scanned waybill: the list finds it (selected: Void is one key away)."""
        self._found = waybill
        self.search.setText(waybill)
        self.table.setFocus()
        self.refresh()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
        else:
            super().keyPressEvent(event)
