"""The fault screen: the window that opens instead of the counter when this outlet's data
cannot be used — a damaged database, a missing or wrong master key, a schema made by a
newer Outlet POS, a database another program holds. It says what is wrong and what to
do, and lists the doctor's checks with their remedies (run off the GUI thread).

It needs no open ``App`` (nothing could be opened) and no log-in: what it shows is the
doctor's findings and the error's own message, neither of which holds personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..bootstrap import doctor_for
from ..config import Settings
from ..domain.errors import (
    ABOUT_DAMAGED,
    ABOUT_KEYS,
    ABOUT_LOCKED,
    ABOUT_MISSING,
    ABOUT_SCHEMA,
    AppError,
)
from ..i18n import N_, tr
from ..i18n.errors import describe
from ..services.doctor import FAIL, Check, CheckResult
from .background import run_in_background
from .pages.diagnostics import checks_table, fill_checks
from .style import scale_font

DAMAGED, KEYS, SCHEMA, LOCKED, MISSING = (ABOUT_DAMAGED, ABOUT_KEYS, ABOUT_SCHEMA,
                                          ABOUT_LOCKED, ABOUT_MISSING)
OTHER = "other"
HEADLINES = {
    MISSING: N_("This PC's outlet database is missing (removed or moved): nothing can be "
                "read."),
    DAMAGED: N_("The database on this PC is damaged: this outlet's shipments cannot be read."),
    KEYS: N_("The key that unlocks this outlet's data is missing or wrong: the data cannot "
             "be read."),
    SCHEMA: N_("This outlet's data was made by a newer Outlet POS: this version cannot "
               "use it."),
    LOCKED: N_("Another program is using this outlet's database."),
    OTHER: N_("Outlet POS cannot open this outlet's data."),
}
# The doctor's check whose remedy is the screen's "What to do", for each fault.
CHECK_OF = {DAMAGED: Check.DATABASE, LOCKED: Check.DATABASE, MISSING: Check.DATABASE,
            KEYS: Check.KEYS, SCHEMA: Check.SCHEMA}
_KIND_OF_CHECK = {Check.DATABASE: DAMAGED, Check.SCHEMA: SCHEMA, Check.KEYS: KEYS}
Clock = Callable[[], datetime]


def fault_kind(e: BaseException | None) -> str:
    """Which fault an error opening the outlet is: what the error says it is about."""
    about = e.about if isinstance(e, AppError) else ""
    return about if about in HEADLINES else OTHER


def fault_message(e: BaseException | None) -> str:
    """The error as the CLI tells it (``outlet_pos.i18n.errors``): its own message and remedy
    when it is one of ours (naming no data), else its kind only: an unexpected error's text
    may quote data."""
    return "" if e is None else describe(e).screen_text()


class FaultScreen(QDialog):
    """Shown instead of the counter. ``checked`` fires (GUI thread) once the doctor's
    results are on the screen."""

    checked = Signal()

    def __init__(self, settings: Settings, clock: Clock, kind: str, detail: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self.clock, self.kind = settings, clock, kind
        self.results: list[CheckResult] = []
        self.running = False
        self.setWindowTitle(tr("Outlet POS cannot open"))
        self.setMinimumSize(900, 560)
        self.headline = QLabel()
        self.headline.setAccessibleName(tr("What is wrong"))
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("background: #c62828; color: #ffffff; padding: 10px;")
        scale_font(self.headline, 1.3)
        self.detail = QLabel(detail)
        self.detail.setAccessibleName(tr("The error"))
        self.detail.setWordWrap(True)
        self.detail.setVisible(bool(detail))
        self.todo = QLabel(tr("Checking this PC… (a few seconds)"))
        self.todo.setAccessibleName(tr("What to do"))
        self.todo.setWordWrap(True)
        self.todo.setStyleSheet("font-weight: bold;")
        scale_font(self.todo, 1.1)
        self.call = QLabel(tr("Counter staff: nothing can be booked on this PC now. Call the "
                              "technician and show them this screen."))
        self.call.setWordWrap(True)
        self.table = checks_table()
        self.again = QPushButton(tr("&Run the checks again"))
        self.again.clicked.connect(self.refresh)
        buttons = QDialogButtonBox()
        buttons.addButton(self.again, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(tr("&Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAccessibleName(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.todo)
        layout.addWidget(self.call)
        checks = QLabel(tr("The doctor's checks (outlet-pos doctor):"))
        layout.addWidget(checks)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._show_headline()
        self.refresh()

    def _show_headline(self) -> None:
        self.headline.setText(tr(HEADLINES.get(self.kind, HEADLINES[OTHER])))

    def refresh(self) -> None:
        if self.running:
            return
        self.running = True
        self.again.setEnabled(False)
        settings, clock = self.settings, self.clock
        run_in_background(self, lambda: doctor_for(settings, clock).run(), self._shown,
                          self._failed)

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.again.setEnabled(True)
        self.todo.setText(tr("The checks could not run ({error}): run outlet-pos doctor in a "
                             "terminal and call support.", error=type(error).__name__))
        self.checked.emit()

    def _shown(self, results: list[CheckResult]) -> None:
        self.running = False
        self.again.setEnabled(True)
        self.results = results
        fill_checks(self.table, results)
        by_check = {r.check: r for r in results}
        wanted = by_check.get(CHECK_OF.get(self.kind, ""))
        if wanted is None or wanted.status != FAIL:
            # The error did not say which (or the doctor sees another first cause): the first
            # failing check among database, schema and keys names it.
            wanted = next((r for r in results if r.check in _KIND_OF_CHECK
                           and r.status == FAIL), wanted)
            if wanted is not None and wanted.status == FAIL and self.kind == OTHER:
                self.kind = _KIND_OF_CHECK[Check(wanted.check)]
                self._show_headline()
        if wanted is not None and wanted.status == FAIL and wanted.remedy:
            self.todo.setText(tr("What to do: {remedy}", remedy=tr(wanted.remedy)))
        else:
            self.todo.setText(tr("What to do: read the failed checks below and their "
                                 "remedies; if none helps, send outlet-pos logs bundle to "
                                 "support."))
        self.checked.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
        else:
            super().keyPressEvent(event)
