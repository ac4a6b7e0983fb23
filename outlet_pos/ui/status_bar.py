"""The status bar: sync state (an amber banner when offline, a progress bar while a backlog
drains), printer, user and outlet. Sync status arrives from the worker's thread by signal;
the printer in use is read off the GUI thread and shown by name ("network 192.168.1.50
(model)"), read again with each sync status."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from ..domain.sync_status import SyncStatus, age_text
from ..i18n import tr
from ..services.printing import PrintService
from .background import run_in_background


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
    refused = tr("{n} refused by the server (a manager sees them in Day review)",
                 n=s.parked) if s.parked else ""
    if not s.enrolled:  # refused ones stay refused after the credential went (revoked)
        text = tr("Not connected to the central server (not enrolled)")
        return (f"{text} · {refused}", "warn") if refused else (text, "offline")
    parts = [tr("{n} waiting", n=s.queue_depth)] if s.queue_depth else []
    oldest = age_text(s.oldest_unsent_age)
    if oldest:
        parts.append(tr("oldest {age}", age=oldest))
    if refused:
        parts.append(refused)
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


def printer_text(connection: str | None, profile: str | None = None) -> str:
    """The printer as a clerk names it ("Printer: network 192.168.1.50 (Epson TM-T82)"),
    never the raw "net:…" string. Reads the profiles (files): call it off the GUI thread."""
    if not connection:
        return tr("No printer set up")
    kind, _, target = connection.partition(":")
    if kind == "net":
        host, _, port = target.rpartition(":")
        where = tr("network {host}", host=host if host and port == "9100" else target)
    elif kind == "usb":
        where = tr("USB {id}", id=target)
    elif kind == "serial":
        where = tr("serial port {port}", port=target)
    elif kind in ("win", "cups"):
        where = target
    elif kind == "file":
        where = tr("file {name}", name=target.replace("\\", "/").rsplit("/", 1)[-1])
    else:
        where = connection
    title = ""
    if profile:
        from ..printing.profiles import all_profiles

        found = all_profiles().get(profile)
        title = found.title if found is not None else profile
    return tr("Printer: {p}", p=tr("{where} ({model})", where=where, model=title) if title
              else where)


def _printer_of(printing: PrintService) -> tuple[str, str]:
    """(label, tooltip) of the printer in use now (runs off the GUI thread)."""
    printer = printing.printer()
    if printer is None:
        return tr("No printer set up"), ""
    return printer_text(printer.connection, printer.profile_name), printer.connection


class CounterStatusBar(QStatusBar):
    def __init__(self) -> None:
        super().__init__()
        self._printing: PrintService | None = None
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
        self.shift = QLabel()  # the open shift's clerk (pages/shift_dialog.show_shift)
        for w in (self.shift, self.printer, self.user, self.outlet):
            self.addPermanentWidget(w)

    def retranslate(self) -> None:
        for w, name in ((self.sync, "Sync state"), (self.progress, "Sending backlog"),
                        (self.printer, "Printer"), (self.user, "User"),
                        (self.outlet, "Outlet")):
            w.setAccessibleName(tr(name))

    def refresh_printer(self, printing: PrintService) -> None:
        """Read the printer in use (off the GUI thread) and show it; again with every sync
        status from then on, so a change made in Settings or by ``outlet-pos printer use``
        shows within one sync interval (Settings also asks at once)."""
        self._printing = printing
        run_in_background(self, lambda: _printer_of(printing), self._show_printer,
                          lambda _e: None)  # an unreadable setting: the sync state says why

    def _show_printer(self, shown: tuple[str, str]) -> None:
        self.printer.setText(shown[0])
        self.printer.setToolTip(shown[1])

    def show_sync(self, s: SyncStatus) -> None:
        if self._printing is not None and not s.draining:  # not once per batch sent
            self.refresh_printer(self._printing)
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
