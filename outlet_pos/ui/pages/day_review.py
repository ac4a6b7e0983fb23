"""Day review (manager): the transactions of a chosen day with filters, totals by service,
payment method and clerk, the closing state, the events the central server refused, and
the manager's actions — void, close and reopen the day, the daily PDF, the CSV export
(masked, or unmasked after re-authentication with a written reason).

Every service call runs off the GUI thread (``run_in_background``); callbacks run on the
GUI thread. Sensitive actions ask for a password again (``ReauthDialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.money import format_rupiah
from ...i18n import tr
from ...services.auth import UserSession
from ...services.closing import Closing
from ...services.reports import DayReview
from ..background import run_in_background
from ..reauth import ReauthDialog
from ..texts import error_text
from .close_day_dialog import CloseDayDialog
from .day_review_actions import DayActions, FileChooser, choose_save_path
from .day_review_model import DayReviewModel, GroupModel, kg_text, method_name, status_name

ANY = None


def _load(app: App, session: UserSession, day: date,
          filters: dict[str, str | None]) -> tuple[DayReview, list[Closing]]:
    review = app.reports.review(session, day, **filters)
    return review, app.closing.history(session, day)


def _time(iso: str | None, app: App) -> str:
    from datetime import datetime

    if not iso:
        return ""
    return app.outlet.local(datetime.fromisoformat(iso)).strftime("%H:%M")


class DayReviewPage(DayActions, QWidget):
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
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_table())
        split.addWidget(self._build_side())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([800, 460])
        layout.addWidget(split, 1)
        layout.addLayout(self._build_actions())
        order = [self.date, self.clerk, self.service, self.method, self.status, self.reload,
                 self.table, self.void_button, self.close_button, self.reopen_button,
                 self.z_button, self.pdf_button, self.csv_button, self.csv_full_button, self.groups,
                 self.refused, self.resend]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)  # filters, the list, its actions, the rest
        today = app.outlet.business_date(app.db.clock())
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
        caption = QLabel(tr("Sh&ipments"))
        self.table = QTableView()
        caption.setBuddy(self.table)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Shipments of the day"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Column widths from the first rows, not all 2,000 of a busy day (1.2 s → 0.1 s).
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.count = QLabel()
        self.count.setAccessibleName(tr("Number of shipments shown"))
        v.addWidget(caption)
        v.addWidget(self.table, 1)
        v.addWidget(self.count)
        return box

    def _build_side(self) -> QWidget:
        side = QWidget()
        v = QVBoxLayout(side)
        v.setContentsMargins(0, 0, 0, 0)
        totals = QGroupBox(tr("Totals"))
        grid = QGridLayout(totals)
        self.figures: dict[str, QLabel] = {}
        names = (("shipments", tr("Shipments")), ("voided", tr("Voided")),
                 ("pieces", tr("Pieces")), ("weight", tr("Weight")),
                 ("revenue", tr("Revenue")), ("cod", tr("COD total")),
                 ("cash", tr("Cash expected")))
        for i, (key, title) in enumerate(names):
            value = QLabel("–")
            value.setAccessibleName(title)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.figures[key] = value
            grid.addWidget(QLabel(title), i // 2, (i % 2) * 2)
            grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
        v.addWidget(totals)
        closing = QGroupBox(tr("Closing"))
        cl = QVBoxLayout(closing)
        self.closing_state = QLabel()
        self.closing_state.setWordWrap(True)
        self.closing_state.setAccessibleName(tr("Closing state"))
        cl.addWidget(self.closing_state)
        v.addWidget(closing)
        self.groups = QTabWidget()
        self.groups.setAccessibleName(tr("Totals by group"))
        self.by_service = GroupModel("Service")
        self.by_method = GroupModel("Payment method", translate_names=True)
        self.by_clerk = GroupModel("Clerk")
        for model, title in ((self.by_service, tr("By service")),
                             (self.by_method, tr("By payment method")),
                             (self.by_clerk, tr("By clerk"))):
            view = QTableView()
            view.setModel(model)
            view.setAccessibleName(title)
            view.verticalHeader().setVisible(False)
            view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.groups.addTab(view, title)
        v.addWidget(self.groups, 1)
        refused = QGroupBox(tr("Refused by the central server"))
        rl = QVBoxLayout(refused)
        self.refused = QTableWidget(0, 4)
        self.refused.setAccessibleName(tr("Events the central server refused"))
        self.refused.setHorizontalHeaderLabels([tr("Event"), tr("Time"), tr("Reason"),
                                                tr("What to do")])
        self.refused.verticalHeader().setVisible(False)
        header = self.refused.horizontalHeader()
        for col, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(col, mode)
        self.refused.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refused.setWordWrap(True)
        self.resend = QPushButton(tr("Send &refused again"))
        self.resend.setAccessibleName(tr("Send the refused events again"))
        self.resend.clicked.connect(self.resend_refused)
        rl.addWidget(self.refused, 1)
        rl.addWidget(self.resend, 0, Qt.AlignmentFlag.AlignRight)
        v.addWidget(refused, 1)
        return side

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
        for b in (self.void_button, self.close_button, self.reopen_button, self.z_button,
                  self.pdf_button, self.csv_button, self.csv_full_button):
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
        return {"clerk": self.clerk.currentData(), "service": self.service.currentData(),
                "payment_method": self.method.currentData(),
                "status": self.status.currentData()}

    def refresh(self) -> None:
        """Reload the chosen day with the chosen filters, off the GUI thread."""
        self.count.setText(tr("Loading…"))
        self._generation += 1
        generation, day, filters = self._generation, self.day(), self.filters()
        run_in_background(self, lambda: _load(self.app, self.session, day, filters),
                          lambda result: self._loaded(generation, result), self._failed)

    def _loaded(self, generation: int, result: tuple[DayReview, list[Closing]]) -> None:
        if generation != self._generation:
            return  # an older request answered late
        self.review, self.history = result
        r = self.review
        self.model.set_rows(r.rows)
        self.table.resizeColumnsToContents()
        self.count.setText(tr("{n} shipments", n=len(r.rows)))
        self._fill_choices(self.clerk, r.clerks, str)
        self._fill_choices(self.service, r.services, str)
        self._fill_choices(self.method, r.methods, method_name)
        f = r.figures
        for key, text in (("shipments", str(f.shipments)), ("voided", str(f.voided)),
                          ("pieces", str(f.pieces)), ("weight", kg_text(f.weight_g)),
                          ("revenue", format_rupiah(f.revenue)),
                          ("cod", format_rupiah(f.cod_total)),
                          ("cash", format_rupiah(f.cash_total))):
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

    def _closing_text(self) -> str:
        assert self.review is not None
        c = self.review.closing
        lines = []
        if c is None:
            lines.append(tr("Open: the day takes bookings and voids."))
        else:
            lines.append(tr("Closed: closing {n} by {user} at {time}.", n=c.sequence,
                            user=c.closed_by, time=_time(c.closed_at, self.app)))
            lines.append(tr("Cash expected {expected}, counted {counted}, difference {diff}.",
                            expected=format_rupiah(c.cash_expected),
                            counted=format_rupiah(c.cash_counted),
                            diff=format_rupiah(c.difference)))
            if c.note:
                lines.append(tr("Note: {note}", note=c.note))
        for old in self.history:
            if old.reopened_at:
                lines.append(tr("Closing {n} reopened by {user} at {time}: {reason}",
                                n=old.sequence, user=old.reopened_by or "",
                                time=_time(old.reopened_at, self.app),
                                reason=old.reopen_reason or ""))
        return "\n".join(lines)

    def _fill_refused(self) -> None:
        assert self.review is not None
        events = self.review.refused
        self.refused.setRowCount(len(events))
        for i, e in enumerate(events):
            for col, text in enumerate((f"{e.kind} {e.event_id[:8]}",
                                        _time(e.created_at, self.app), e.reason, tr(e.remedy))):
                item = QTableWidgetItem(text)
                item.setToolTip(e.event_id if col == 0 else text)
                self.refused.setItem(i, col, item)
        self.refused.resizeRowsToContents()
        self.resend.setEnabled(bool(events))

    def _failed(self, e: Exception) -> None:
        self.count.setText("")
        self.message.setText(error_text(e))

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
        else:
            super().keyPressEvent(event)
