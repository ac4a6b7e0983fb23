"""The main window: a thin shell of pages (one module each) and the status bar.

It starts the sync worker, shows its status as it changes, and locks the counter
after ``idle_minutes`` without a key or a click (a shared PC): the same or another
user logs in to go on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

from ..bootstrap import App
from ..domain.roles import Action, allowed
from ..i18n import get_language, tr
from ..services.auth import UserSession
from .background import run_in_background
from .backup_schedule import DailyBackup
from .login import LoginDialog
from .pages.day_review import DayReviewPage
from .pages.diagnostics import DiagnosticsPage
from .pages.new_shipment import NewShipmentPage
from .pages.service_points import ServicePointsPage
from .pages.today import TodayPage
from .pages.track import TrackPage
from .status_bar import CounterStatusBar, SyncBridge
from .translation import translations

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class MainWindow(QMainWindow):
    def __init__(self, app: App, session: UserSession, idle_minutes: int = 10,
                 start_sync: bool = True) -> None:
        super().__init__()
        self.app, self.session = app, session
        self.setWindowTitle(tr("Outlet POS — {outlet}", outlet=app.outlet.name))
        self._build_pages()
        self.status = CounterStatusBar()
        self.setStatusBar(self.status)
        self._show_identity()
        self.bridge = SyncBridge()
        self.bridge.changed.connect(self.status.show_sync)
        app.sync.listeners.append(self.bridge)
        self._refresh_status()
        # The region indexes (0.5 s to build) are made now, off the GUI thread, so the first
        # postal code or place name a clerk types answers at once.
        run_in_background(self, lambda: (app.directory.villages_with_postal_code("40135"),
                                         app.directory.search("coblong")),
                          lambda _villages: None)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=app.sync.sync_now)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self._toggle_language)
        self.lock_dialog: LoginDialog | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_minutes * 60_000)
        self.idle.timeout.connect(self.lock)
        QApplication.instance().installEventFilter(self)
        self.idle.start()
        self.today.refresh()
        if start_sync:
            app.sync.start()
            self.backups = DailyBackup(self, app.backup)  # the daily backup, off this thread

    def _build_pages(self) -> None:
        app, session = self.app, self.session
        self.pages = QTabWidget()
        self.pages.setAccessibleName(tr("Pages"))
        self.new_shipment = NewShipmentPage(app, session)
        self.new_shipment.booked.connect(lambda _w: self.today.refresh())
        self.today = TodayPage(app, session)
        self.track = TrackPage(app)
        self.points = ServicePointsPage(app)
        self.pages.addTab(self.new_shipment, tr("&New shipment"))
        self.pages.addTab(self.today, tr("Today's s&hipments"))
        self.pages.addTab(self.track, tr("Tr&ack"))
        self.pages.addTab(self.points, tr("Service &points"))
        self.day_review: DayReviewPage | None = None
        if allowed(session.role, Action.REVIEW_DAY):  # the manager's day
            self.day_review = DayReviewPage(app, session)
            self.pages.addTab(self.day_review, tr("Da&y review"))
        self.diagnostics: DiagnosticsPage | None = None
        if session.role == "technician":  # the doctor's checks
            self.diagnostics = DiagnosticsPage(app)
            self.pages.addTab(self.diagnostics, tr("Dia&gnostics"))
        self.pages.currentChanged.connect(self._page_shown)
        self.setCentralWidget(self.pages)  # the old pages go with the old widget

    def switch_language(self, lang: str) -> None:
        """Bahasa Indonesia or English, now: the pages are rebuilt in the new language."""
        translations(QApplication.instance()).apply(lang)
        current = self.pages.currentIndex()
        self._build_pages()
        self.pages.setCurrentIndex(current)
        self.setWindowTitle(tr("Outlet POS — {outlet}", outlet=self.app.outlet.name))
        self.status.retranslate()
        self._show_identity()
        self._refresh_status()
        self.today.refresh()

    def _toggle_language(self) -> None:
        self.switch_language("en" if get_language() == "id" else "id")

    def _refresh_status(self) -> None:
        """Sync state and printer setting, read off the GUI thread; the worker updates sync."""
        run_in_background(self, self.app.sync.status, self.status.show_sync)
        run_in_background(self, self.app.printing.printer_setting, self._show_printer)

    def _show_printer(self, setting: str | None) -> None:
        self.status.printer.setText(tr("Printer: {p}", p=setting) if setting
                                    else tr("No printer set up"))

    def _show_identity(self) -> None:
        self.status.user.setText(tr("User: {user}", user=self.session.username))
        self.status.outlet.setText(tr("Outlet {n}/{t}", n=str(self.app.outlet.number),
                                      t=self.app.outlet.terminal))

    def _page_shown(self, index: int) -> None:
        page = self.pages.widget(index)
        if page is self.today:
            self.today.refresh()
        elif page is self.points:
            self.points.refresh()
        elif page is not None and page is self.day_review:
            self.day_review.refresh()
        elif page is not None and page is self.diagnostics:
            self.diagnostics.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.idle.isActive():
            self.idle.start()  # restart the idle countdown
        return False

    def lock(self) -> None:
        """Hide the work, ask for a log-in; the one who logs in owns the counter."""
        if self.lock_dialog is not None:
            return
        self.centralWidget().setEnabled(False)
        self.lock_dialog = LoginDialog(self.app, locked_by=self.session.username)
        self.lock_dialog.accepted.connect(self._unlocked)
        self.lock_dialog.rejected.connect(self.lock_dialog.open)  # a lock is not cancelled
        self.lock_dialog.open()

    def _unlocked(self) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        assert dialog is not None and dialog.session is not None
        self.session = dialog.session
        self.today.session = dialog.session
        self.new_shipment.session = dialog.session
        for box in (self.new_shipment.sender, self.new_shipment.recipient):
            box.session = dialog.session
        if (self.day_review is not None) != allowed(self.session.role, Action.REVIEW_DAY):
            self._build_pages()  # the Day review tab only for who may review the day
            self.today.refresh()
        self._show_identity()
        self.centralWidget().setEnabled(True)
        self.idle.start()
        dialog.deleteLater()

    def closeEvent(self, event) -> None:
        QApplication.instance().removeEventFilter(self)
        if self.bridge in self.app.sync.listeners:
            self.app.sync.listeners.remove(self.bridge)
        self.app.sync.stop(timeout=2)
        super().closeEvent(event)
