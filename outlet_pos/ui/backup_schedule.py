"""The daily backup while the counter window is open: checked hourly, made off the GUI thread.

``BackupService.backup_if_due`` decides (the last backup is older than 20 hours);
this only asks it now and then. A failure is logged (doctor shows the age of the
last backup); the counter is never interrupted for it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from ..services.backup import BackupInfo, BackupService
from .background import run_in_background

log = logging.getLogger(__name__)
FIRST_CHECK_MS = 2 * 60_000  # not during start-up
EVERY_MS = 60 * 60_000


class DailyBackup(QObject):
    """Callbacks run on the GUI thread; the backup itself runs in the thread pool."""

    def __init__(self, parent: QObject, service: BackupService,
                 first_ms: int = FIRST_CHECK_MS, every_ms: int = EVERY_MS) -> None:
        super().__init__(parent)
        self._service = service
        self._running = False
        self.last: BackupInfo | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(first_ms, self, self.check)

    def check(self) -> None:
        if self._running:
            return
        self._running = True
        run_in_background(self, self._service.backup_if_due, self._done, self._failed)

    def _done(self, info: BackupInfo | None) -> None:
        self._running = False
        if info is not None:
            self.last = info

    def _failed(self, error: Exception) -> None:
        self._running = False
        log.error("daily backup failed: %s", type(error).__name__)
