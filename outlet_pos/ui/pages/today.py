"""Today's shipments: the day's list loaded off the GUI thread, search by waybill or phone,
reprint (F6; marked CETAK ULANG, audited), void (F8; a manager authorises it with their
password, and a reprint then says BATAL), and each row's state with the reason when
printing failed.

Any business day can be shown (the date chooser); by default the open one, which after
a closing is the next day. A closed day's parcels can be looked at and reprinted, not
voided. After a refresh the selection stays on the shipment acted on, so the next F6 or
F8 never lands on another waybill.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.roles import Action, allowed
from ...domain.waybill import format_waybill
from ...i18n import tr
from ...services.auth import UserSession
from ...services.refused import Refused
from ..background import run_in_background
from ..reauth import ReauthDialog
from ..texts import error_text
from .today_model import TodayModel, TodayRow


@dataclass(frozen=True)
class Loaded:
    day: date
    open_day: date  # the day bookings go to now
    closed: bool
    rows: list[TodayRow]


def _load(app: App, session: UserSession, query: str, chosen: date | None) -> Loaded:
    # after closing, the next day takes the bookings: the open day is the default
    open_day = app.booking.business_date()
    day = chosen or open_day
    closed = app.closing.current(session, day) is not None
    rows = app.shipments.list_day(session, day)
    q = query.replace(" ", "").replace("-", "")
    if q:
        if q.isdigit() and len(q) == 16:  # a whole waybill (phones have at most 13 digits)
            rows = [r for r in rows if r.waybill == q]
        elif q.startswith(("08", "+62", "62")) and len(q) >= 9:
            wanted = set(app.shipments.day_waybills_for_phone(session, query, day))
            rows = [r for r in rows if r.waybill in wanted]
        else:
            rows = [r for r in rows if q in r.waybill]
    jobs = app.printing.latest_jobs([r.waybill for r in rows])
    refused: dict[str, Refused] = {}
    for event in app.refused.list():  # in queue order: the latest one stays
        if event.waybill:
            refused[event.waybill] = event
    return Loaded(day, open_day, closed, [TodayRow(r, jobs.get(r.waybill), refused.get(r.waybill))
                                          for r in reversed(rows)])  # newest first


class TodayPage(QWidget):
    _scanned: str | None = None  # a scanned waybill the list is being searched for

    def __init__(self, app: App, session: UserSession) -> None:
        super().__init__()
        self.app, self.session = app, session
        self._generation = 0
        self.chosen_day: date | None = None  # None: the open business day, whichever it is
        self.shown_day: date | None = None
        self.day_closed = False
        self.model = TodayModel(app.outlet.timezone)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setAccessibleName(tr("Business date"))
        self.date.setToolTip(tr("The business day shown; a closed day can be looked at"))
        self._open_day = app.today()  # no database read here
        self._set_date(self._open_day)
        self.date.dateChanged.connect(self._date_chosen)
        date_label = QLabel(tr("&Date"))
        date_label.setBuddy(self.date)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("waybill or phone number"))
        self.search.setAccessibleName(tr("Search shipments"))
        self.search.returnPressed.connect(self.refresh)
        find_label = QLabel(tr("&Find"))
        find_label.setBuddy(self.search)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Today's shipments"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(50)  # not every row's width
        self.reprint = QPushButton(tr("&Reprint"))
        self.reprint.setAccessibleName(tr("Reprint the selected waybill"))
        self.reprint.clicked.connect(self.reprint_selected)
        self.void = QPushButton(tr("&Void…"))
        self.void.setAccessibleName(tr("Void the selected shipment"))
        self.void.setToolTip(tr("F8; a manager authorises it"))
        self.void.clicked.connect(self.void_selected)
        self.void_dialog: ReauthDialog | None = None
        self.message = QLabel()
        self.message.setAccessibleName(tr("Message"))
        self.count = QLabel()
        self.count.setAccessibleName(tr("Number of shipments shown"))
        top = QHBoxLayout()
        top.addWidget(date_label)
        top.addWidget(self.date)
        top.addWidget(find_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.reprint)
        top.addWidget(self.void)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.count)
        layout.addLayout(bottom)

    def _set_date(self, day: date) -> None:
        self.date.blockSignals(True)  # shown, not chosen by the clerk
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.date.blockSignals(False)

    def _date_chosen(self, d: QDate) -> None:
        day = date(d.year(), d.month(), d.day())
        # Choosing the open day again means "follow the open day" (past a closing too).
        self.chosen_day = None if day == self._open_day else day
        self.refresh()

    def refresh(self) -> None:
        query = self.search.text().strip()
        current = self.selected()
        keep = current.summary.waybill if current is not None else None
        self.count.setText(tr("Loading…"))
        self._generation += 1
        generation, chosen = self._generation, self.chosen_day
        run_in_background(self, lambda: _load(self.app, self.session, query, chosen),
                          lambda got: self._loaded(generation, got, keep), self._failed)

    def _loaded(self, generation: int, got: Loaded, keep: str | None = None) -> None:
        if generation != self._generation:
            return  # an older request answered late; a newer one is on its way
        rows = got.rows
        self.shown_day, self.day_closed, self._open_day = got.day, got.closed, got.open_day
        if self.chosen_day is None:
            self._set_date(got.day)
        self.model.set_rows(rows)
        self.count.setStyleSheet("")
        self.table.resizeColumnsToContents()
        counted = tr("{n} shipments", n=len(rows))
        self.count.setText(tr("{shipments} · closed day", shipments=counted) if got.closed
                           else counted)
        self.void.setEnabled(not got.closed)
        if self._scanned is not None and not rows:  # an older waybill, another terminal's
            self.message.setText(tr("{waybill} is not in the list of {day}; Track looks it "
                                    "up (Alt+A)", waybill=format_waybill(self._scanned),
                                    day=str(got.day)))
        self._scanned = None
        if rows:
            waybills = [r.summary.waybill for r in rows]
            self.table.selectRow(waybills.index(keep) if keep in waybills else 0)

    def _failed(self, e: Exception) -> None:
        self.message.setText(error_text(e))
        if self.count.text() == tr("Loading…"):
            # The list could not be read: an empty table must not read as "0 shipments".
            self.model.set_rows([])
            self.count.setText(tr("The list could not be read"))
            self.count.setStyleSheet("background: #c62828; color: #ffffff; padding: 2px 6px;")

    def open_waybill(self, waybill: str) -> None:
        """A scanned waybill: the list shows it selected, for F6 (reprint) or F8 (void)."""
        self._scanned = waybill
        self.search.setText(format_waybill(waybill))  # read aloud in fours, searched whole
        self.table.setFocus()
        self.refresh()

    def selected(self) -> TodayRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def reprint_selected(self) -> None:
        row = self.selected()
        if row is None:
            self.message.setText(tr("Select a shipment first"))
            return
        waybill = row.summary.waybill
        self.message.setText(tr("Printing {waybill}…", waybill=waybill))
        run_in_background(self, lambda: self.app.printing.print_waybill(self.session, waybill),
                          self._printed, self._failed)

    def _printed(self, outcomes: list) -> None:
        failed = [o for o in outcomes if not o.ok]
        if failed:
            o = failed[0]
            self.message.setText(tr("NOT printed: {reason}. {remedy}",
                                    reason=tr(o.message or ""), remedy=tr(o.remedy or "")))
        elif any(o.reprint for o in outcomes):
            self.message.setText(tr("Printed again, marked REPRINT {n}",
                                    n=max(o.reprint for o in outcomes)))
        else:
            self.message.setText(tr("Printed"))
        self.refresh()

    def void_selected(self) -> None:
        """Void the selected shipment once a manager authorises it (the clerk asked)."""
        row = self.selected()
        if row is None:
            self.message.setText(tr("Select a shipment first"))
            return
        waybill = row.summary.waybill
        if self.day_closed:
            self.message.setText(tr("{day} is closed: a manager reopens it in Day review "
                                    "before a void", day=str(self.shown_day)))
            return
        if row.summary.status == "void":
            self.message.setText(tr("{waybill} is already void",
                                    waybill=format_waybill(waybill)))
            return
        manager = allowed(self.session.role, Action.VOID)
        dialog = ReauthDialog(
            self.app, title=tr("Void {waybill}", waybill=format_waybill(waybill)),
            explanation=tr("A manager authorises the void; write why it is void.") if manager
            else tr("A manager authorises the void: the manager types their user id and "
                    "password here; write why it is void."),
            user=self.session.username if manager else "", reason_min=5, parent=self)
        self.void_dialog = dialog
        dialog.accepted.connect(lambda: self._void(dialog, waybill))
        dialog.open()

    def _void(self, dialog: ReauthDialog, waybill: str) -> None:
        who, why, asked = dialog.session, dialog.reason_text, self.session.username
        assert who is not None
        self.message.setText(tr("Voiding {waybill}…", waybill=format_waybill(waybill)))
        run_in_background(self, lambda: self.app.shipments.void(who, waybill, why,
                                                                requested_by=asked),
                          lambda _none: self._voided(waybill), self._failed)

    def _voided(self, waybill: str) -> None:
        self.message.setText(tr("{waybill} is void; a reprint will say VOID",
                                waybill=format_waybill(waybill)))
        self.refresh()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
        elif event.key() == Qt.Key.Key_F6:
            self.reprint_selected()
        elif event.key() == Qt.Key.Key_F8:
            self.void_selected()
        else:
            super().keyPressEvent(event)
