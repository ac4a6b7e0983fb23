"""The main window: a thin shell of pages (one module each), the status bar and the lock.

It starts the sync worker, shows its status as it changes, and locks the counter on
F12 ("Lock now"), on Shift+F12 ("Switch user") and after ``idle_minutes`` without a
key or a click (a shared PC). Locked, the window shows only a privacy screen and an
application-modal log-in (lock_screen.py); who logs in owns the counter: the same
user finds the work as it was, another gets fresh pages for their role.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from ..bootstrap import App
from ..domain.roles import Action, allowed
from ..i18n import get_language, tr
from ..services.auth import UserSession
from .background import run_in_background
from .backup_schedule import DailyBackup
from .lock_screen import Lockdown, PrivacyScreen
from .login import LoginDialog
from .pages.backup_page import BackupPage
from .pages.cash_dialog import CASH_KEY, CashDialog
from .pages.customer_requests import CustomerRequestsPage
from .pages.day_review import DayReviewPage
from .pages.diagnostics import DiagnosticsPage
from .pages.new_shipment import NewShipmentPage
from .pages.service_points import ServicePointsPage
from .pages.settings import SettingsPage
from .pages.shift_dialog import SHIFT_KEY, open_shift_dialog, show_shift
from .pages.today import TodayPage
from .pages.track import TrackPage
from .scanner import ScanFilter, route, takes
from .status_bar import CounterStatusBar, SyncBridge
from .translation import translations

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}
LOCK_KEY = "F12"  # no page uses it; the same key on every keyboard layout
SWITCH_USER_KEY = "Shift+F12"


class MainWindow(QMainWindow):
    def __init__(self, app: App, session: UserSession, idle_minutes: int = 10,
                 start_sync: bool = True) -> None:
        super().__init__()
        self.app, self.session = app, session
        self.lock_dialog: LoginDialog | None = None
        self._lockdown = Lockdown(self)
        self._focused_once = False
        self._fresh_pages = False  # on unlock: new pages whoever logs in (Switch user)
        self.setWindowTitle(tr("Outlet POS — {outlet}", outlet=app.outlet.name))
        self.stack = QStackedWidget()
        self.privacy = PrivacyScreen(app.outlet.name, app.outlet.timezone, app.clock)
        self.stack.addWidget(self.privacy)
        self.pages: QTabWidget | None = None
        self._build_pages()
        self.setCentralWidget(self.stack)
        self.status = CounterStatusBar()
        self.setStatusBar(self.status)
        self._show_identity()
        self.bridge = SyncBridge()
        self.bridge.changed.connect(self.status.show_sync)
        app.sync.subscribe(self.bridge)
        self._refresh_status()
        # The region indexes (0.5 s to build) are made now, off the GUI thread, so the first
        # postal code or place name a clerk types answers at once.
        run_in_background(self, lambda: (app.directory.villages_with_postal_code("40135"),
                                         app.directory.search("coblong")),
                          lambda _villages: None)
        # Window-wide keys; every one of them is off while locked (Lockdown, and a guard).
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self._sync_now)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self._toggle_language)
        QShortcut(QKeySequence(LOCK_KEY), self, activated=self.lock)
        QShortcut(QKeySequence(SWITCH_USER_KEY), self, activated=self.switch_user)
        QShortcut(QKeySequence(CASH_KEY), self, activated=self.open_cash)
        QShortcut(QKeySequence(SHIFT_KEY), self, activated=lambda: open_shift_dialog(self))
        show_shift(self)  # the open shift's clerk in the status bar
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_minutes * 60_000)
        self.idle.timeout.connect(self.lock)
        QApplication.instance().installEventFilter(self)
        # A barcode scanner's burst, anywhere in the window, opens what it read (scanner.py).
        self.scanner = ScanFilter(self, takes=lambda scan: takes(self, scan),
                                  active=lambda: not self.locked)
        self.scanner.scanned.connect(lambda scan: route(self, scan))
        QApplication.instance().installEventFilter(self.scanner)
        self.idle.start()
        self.today.refresh()
        if start_sync:
            app.sync.start()
            self.backups = DailyBackup(self, app.backup)  # the daily backup, off this thread

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    # -- pages ------------------------------------------------------------------------
    def _build_pages(self) -> None:
        """The pages for the session's role, new (the old ones go, with what they held)."""
        app, session = self.app, self.session
        old, self.pages = self.pages, QTabWidget()
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
        if allowed(session.role, Action.CUSTOMER_COPY):  # a customer's requests (UU PDP)
            # No Alt key, as Settings: the letters are taken; Ctrl+Tab reaches it.
            self.pages.addTab(CustomerRequestsPage(app, session), tr("Customer requests"))
        self.diagnostics: DiagnosticsPage | None = None
        if session.role == "technician":  # the doctor's checks
            self.diagnostics = DiagnosticsPage(app)
            self.pages.addTab(self.diagnostics, tr("Dia&gnostics"))
        if allowed(session.role, Action.RESTORE):  # back up now, restore with its checks
            self.pages.addTab(BackupPage(app, session, self.close), tr("Backup"))
        self.settings: SettingsPage | None = None
        if allowed(session.role, Action.CHANGE_SETTINGS):  # printer, server, language
            self.settings = SettingsPage(app, session, self.switch_language)
            self.settings.printer.changed.connect(lambda: self.status.refresh_printer(
                self.app.printing))  # the printer in use, shown at once
            # No Alt key: every letter of the word is taken on some page, in both languages
            # (a shared one would cycle instead of acting); Ctrl+Tab reaches it.
            self.pages.addTab(self.settings, tr("Settings"))
        self.pages.setCornerWidget(self._lock_buttons(), Qt.Corner.TopRightCorner)
        self.pages.currentChanged.connect(self._page_shown)
        self.stack.addWidget(self.pages)
        if not self.locked:
            self.stack.setCurrentWidget(self.pages)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()  # its pages' calls still out are dropped (background.py)

    def _lock_buttons(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 4, 0)
        buttons = [
            (tr("Lock now ({key})", key=LOCK_KEY), tr("Lock now"), LOCK_KEY, self.lock),
            (tr("Switch user ({key})", key=SWITCH_USER_KEY), tr("Switch user"),
             SWITCH_USER_KEY, self.switch_user)]
        if allowed(self.session.role, Action.MOVE_CASH):
            buttons.insert(0, (tr("Drawer cash ({key})", key=CASH_KEY), tr("Drawer cash"),
                               CASH_KEY, self.open_cash))
        if allowed(self.session.role, Action.OPEN_SHIFT):
            buttons.insert(0, (tr("Shift ({key})", key=SHIFT_KEY), tr("Shift"), SHIFT_KEY,
                               lambda: open_shift_dialog(self)))
        for text, name, key, slot in buttons:
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.setToolTip(key)
            # Out of the Tab order of the form (the keys reach it from anywhere).
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            row.addWidget(button)
        return box

    def open_cash(self) -> CashDialog | None:
        """The float, cash in and out (F7), modal to this window."""
        if self.locked or not allowed(self.session.role, Action.MOVE_CASH):
            return None
        dialog = CashDialog(self.app, self.session, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self.cash_dialog = dialog
        return dialog

    def _page_shown(self, index: int) -> None:
        page = self.pages.widget(index) if self.pages is not None else None
        if page is self.today:
            self.today.refresh()
        elif page is self.points:
            self.points.refresh()
        elif page is not None and page is self.day_review:
            self.day_review.refresh()
        elif page is not None and page is self.diagnostics:
            self.diagnostics.refresh()
        elif page is not None and page is self.settings:
            self.settings.refresh()

    def focus_first_field(self) -> None:
        """The cursor where typing starts: the sender's phone on New shipment."""
        page = self.pages.currentWidget() if self.pages is not None else None
        if page is None or self.locked:
            return
        if hasattr(page, "focus_first_field"):
            page.focus_first_field()
        elif page is self.new_shipment:
            self.new_shipment.sender.phone.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            first = page.nextInFocusChain()
            while first is not page and not (
                    page.isAncestorOf(first) and first.isVisibleTo(page)
                    and first.isEnabled() and first.focusPolicy() & Qt.FocusPolicy.TabFocus):
                first = first.nextInFocusChain()
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._focused_once:  # after log-in: typing starts in the first field
            self._focused_once = True
            QTimer.singleShot(0, self.focus_first_field)

    # -- language ---------------------------------------------------------------------
    def switch_language(self, lang: str) -> None:
        """Bahasa Indonesia or English, now: the pages are rebuilt in the new language,
        the half-filled form and the page shown stay."""
        if self.locked:
            return
        form = getattr(self.new_shipment, "form_state", None)
        state = form() if form is not None else None
        translations(QApplication.instance()).apply(lang)
        current = self.pages.currentIndex() if self.pages is not None else 0
        self._build_pages()
        self.pages.setCurrentIndex(current)
        if state is not None and hasattr(self.new_shipment, "restore_form_state"):
            self.new_shipment.restore_form_state(state)
        self.setWindowTitle(tr("Outlet POS — {outlet}", outlet=self.app.outlet.name))
        self.status.retranslate()
        self.privacy.retranslate()
        self._show_identity()
        self._refresh_status()
        show_shift(self)  # its words in the new language
        self.today.refresh()
        self.focus_first_field()

    def _toggle_language(self) -> None:
        if not self.locked:
            self.switch_language("en" if get_language() == "id" else "id")

    def _sync_now(self) -> None:
        if not self.locked:
            self.app.sync.sync_now()

    # -- status -----------------------------------------------------------------------
    def _refresh_status(self) -> None:
        """Sync state and printer setting, read off the GUI thread; the worker updates sync."""
        run_in_background(self, self.app.sync.status, self.status.show_sync)
        self.status.refresh_printer(self.app.printing)  # by name, and again with each sync

    def _show_identity(self) -> None:
        self.status.user.setText(tr("User: {user}", user=self.session.username))
        self.status.outlet.setText(tr("Outlet {n}/{t}", n=str(self.app.outlet.number),
                                      t=self.app.outlet.terminal))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.idle.isActive():
            self.idle.start()  # restart the idle countdown
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F12
                and not self.locked):
            # Lock now from any of our windows: a dialog in front (a void's authorisation)
            # blocks the window's own shortcut, and the person may be leaving all the same.
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.switch_user() if shift else self.lock()
            return True
        if (event.type() == QEvent.Type.Show and self.lock_dialog is not None
                and watched.isWidgetType() and watched.isWindow() and watched is not self
                and not Lockdown.belongs_to(watched, self.lock_dialog)):
            # A late answer opening a dialog under the lock (a failed print, a question)
            # would take the keyboard from the log-in and could show the customer.
            QTimer.singleShot(0, lambda w=watched: Lockdown.put_away(w))
        return False

    # -- the lock ---------------------------------------------------------------------
    def lock(self) -> None:
        """Hide the work, ask for a log-in; the one who logs in owns the counter."""
        self._lock(locked_by=self.session.username)

    def switch_user(self) -> None:
        """Lock for the next person: whoever logs in, the pages start fresh."""
        self._lock(locked_by=None)

    def _lock(self, locked_by: str | None) -> None:
        if self.locked:
            return
        self.idle.stop()
        self._fresh_pages = locked_by is None
        self.lock_dialog = LoginDialog(self.app, locked_by=locked_by, lock=True, parent=self)
        self.lock_dialog.accepted.connect(self._unlocked)
        self._lockdown.engage(keep=self.lock_dialog)
        self.privacy.show_locked(locked_by)
        self.stack.setCurrentWidget(self.privacy)  # the pages are hidden, not just disabled
        self.status.hide()
        self.lock_dialog.show()  # application-modal (open() would make it window-modal)
        self.lock_dialog.raise_()
        self.lock_dialog.activateWindow()

    def _unlocked(self) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        assert dialog is not None and dialog.session is not None
        previous, self.session = self.session, dialog.session
        if self._fresh_pages or previous.username != self.session.username:
            # Another clerk: the half-filled form, searches and tabs were the last one's.
            self._build_pages()
            self.today.refresh()
        self._lockdown.release()
        self.privacy.stop()
        self.stack.setCurrentWidget(self.pages)
        self.status.show()
        self._show_identity()
        self.idle.start()
        self.activateWindow()
        self.focus_first_field()
        dialog.deleteLater()

    def closeEvent(self, event) -> None:
        QApplication.instance().removeEventFilter(self)
        QApplication.instance().removeEventFilter(self.scanner)
        self.app.sync.unsubscribe(self.bridge)
        self.app.sync.stop(timeout=2)
        super().closeEvent(event)
