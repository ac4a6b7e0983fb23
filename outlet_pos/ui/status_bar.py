"""The status bar: sync state (an amber banner when offline, a progress bar while a backlog
drains), printer, user and outlet. Sync status arrives from the worker's thread by signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from ..i18n import tr
from ..sync.status import SyncStatus, age_text


class SyncBridge(QObject):
    """Carries the worker's status snapshots onto the GUI thread."""

    changed = Signal(object)

    def __call__(self, status: SyncStatus) -> None:  # called on the worker's thread
        self.changed.emit(status)


def sync_text(s: SyncStatus) -> tuple[str, str]:
    """(text, level): level is ok | offline | warn | error.

    Only an empty queue with nothing refused and a working database is "all sent"."""
    if s.local_error:  # the whole message is the tooltip (sync_detail): it names the fix
        return tr("Failure on this PC: nothing is being synced. Call the technician."), "error"
    if not s.enrolled:
        return tr("Not connected to the central server (not enrolled)"), "offline"
    parts = [tr("{n} waiting", n=s.queue_depth)] if s.queue_depth else []
    oldest = age_text(s.oldest_unsent_age)
    if oldest:
        parts.append(tr("oldest {age}", age=oldest))
    if s.parked:
        parts.append(tr("{n} refused by the server (a manager sees them in Day review)",
                        n=s.parked))
    waiting = " · ".join(parts) or tr("all sent")
    if s.stale:
        return tr("Not sent for a long time: {waiting}. Check the network.",
                  waiting=waiting), "warn"
    if s.online is False:
        return tr("Offline — saved here, sent when the network is back ({waiting})",
                  waiting=waiting), "offline"
    return tr("Online · {waiting}", waiting=waiting), "warn" if s.parked else "ok"


def sync_detail(s: SyncStatus) -> str:
    """The tooltip: the failure's own message (what failed, what to do), else the text."""
    return tr(s.local_error) if s.local_error else sync_text(s)[0]


_STYLE = {"ok": "", "offline": "background: #ffe0a3; color: #5a3d00; padding: 2px 6px;",
          "warn": "background: #ffb74d; color: #3d2600; padding: 2px 6px;",
          "error": "background: #c62828; color: #ffffff; padding: 2px 6px;"}


class CounterStatusBar(QStatusBar):
    def __init__(self) -> None:
        super().__init__()
        self.sync = QLabel()
        self.sync.setAccessibleName(tr("Sync state"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Sending backlog"))
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.printer = QLabel()
        self.printer.setAccessibleName(tr("Printer"))
        self.user = QLabel()
        self.user.setAccessibleName(tr("User"))
        self.outlet = QLabel()
        self.outlet.setAccessibleName(tr("Outlet"))
        self.addWidget(self.sync, 1)
        self.retranslate()
        self.addWidget(self.progress)
        for w in (self.printer, self.user, self.outlet):
            self.addPermanentWidget(w)

    def retranslate(self) -> None:
        for w, name in ((self.sync, "Sync state"), (self.progress, "Sending backlog"),
                        (self.printer, "Printer"), (self.user, "User"),
                        (self.outlet, "Outlet")):
            w.setAccessibleName(tr(name))

    def show_sync(self, s: SyncStatus) -> None:
        text, level = sync_text(s)
        self.sync.setText(text)
        self.sync.setToolTip(sync_detail(s))
        self.sync.setStyleSheet(_STYLE[level])
        if s.draining:
            self.progress.setRange(0, s.drain_total)
            self.progress.setValue(s.drain_sent)
            self.progress.show()
        else:
            self.progress.hide()
