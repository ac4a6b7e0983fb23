"""The Day review's side panel: the day's totals, its closing (and earlier reopenings),
the totals by group and the events the central server refused, with "send again".

Mixed into DayReviewPage; everything here runs on the GUI thread.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
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
from ...services.closing import Closing
from ...services.reports import DayReview
from .day_review_model import GroupModel
from .prebooking_conflicts import PrebookingConflictsPanel
from .refused_panel import HEADERS as REFUSED_HEADERS
from .refused_panel import event_name


def _time(iso: str | None, app: App) -> str:
    if not iso:
        return ""
    return app.outlet.local(datetime.fromisoformat(iso)).strftime("%H:%M")


class DaySide:
    """Mixed into DayReviewPage (a QWidget with ``app``, ``review``, ``history`` and
    ``resend_refused``)."""

    app: App
    review: DayReview | None
    history: list[Closing]

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
                 ("cash", tr("Cash sales")),
                 ("typed_over", tr("Weight typed over the scale")))  # the rows shown; the
        # float and cash in and out are counted by the closing (Close day shows the whole sum)
        for i, (key, title) in enumerate(names):
            value = QLabel("–")
            value.setAccessibleName(title)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.figures[key] = value
            # One figure a line: two side by side made the panel too wide for the list to
            # keep its columns on a 1366-pixel screen with a desktop's larger font.
            grid.addWidget(QLabel(title), i, 0)
            grid.addWidget(value, i, 1)
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
            # The name takes what is left: the amounts keep their digits in a narrow panel.
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.groups.addTab(view, title)
        v.addWidget(self.groups, 1)
        refused = QGroupBox(tr("Refused by the central server"))
        rl = QVBoxLayout(refused)
        self.refused = QTableWidget(0, 4)
        self.refused.setAccessibleName(tr("Events the central server refused"))
        self.refused.setHorizontalHeaderLabels([tr(h) for h in REFUSED_HEADERS])
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
        self.prebooking_conflicts = PrebookingConflictsPanel(self.app, self.session)
        v.addWidget(self.prebooking_conflicts, 1)  # hidden while there is none
        return side


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
            for col, text in enumerate((event_name(e), _time(e.created_at, self.app),
                                        tr(e.reason), tr(e.remedy))):
                item = QTableWidgetItem(text)
                item.setToolTip(e.event_id if col == 0 else text)
                self.refused.setItem(i, col, item)
        self.refused.resizeRowsToContents()
        self.resend.setEnabled(bool(events))

