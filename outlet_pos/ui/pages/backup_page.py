"""Backup (technician, manager): back up now, and restore a backup with the command's checks.

The page is a face of ``BackupService``, like ``outlet-pos backup`` and ``restore``:
a restore first checks the chosen file and lists what the current database has
that the backup lacks (``RestorePlan``); with unsent events it needs a file to save
them to first; then a confirmation dialog with our own Indonesian buttons (Qt's
standard ones have no translation). Every file and database step runs in the
thread pool; the callbacks run on the GUI thread. A restore needs the database
free, so the job stops this window's sync and closes its database first; the
window then closes (``on_restored``) and Outlet POS is started again on the
restored data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.backup_records import SHOWN, BackupInfo, RestorePlan, RestoreReport
from ...i18n import Msg, tr
from ...services.auth import UserSession
from ..background import run_in_background
from ..texts import error_text

log = logging.getLogger(__name__)


def loss_lines(plan: RestorePlan) -> list[str]:
    """What restoring ``plan`` loses, one line each, in the user's language."""
    if plan.current == "damaged":
        return [tr("The current database cannot be read: what it holds cannot be listed. It "
                   "is kept aside, not deleted.")]
    lost = plan.losses
    out = []
    for n, text, names in (
            (len(lost.shipments), Msg("{n} shipments", n=len(lost.shipments)), lost.shipments),
            (len(lost.voids), Msg("{n} voids", n=len(lost.voids)), lost.voids),
            (len(lost.closings), Msg("{n} day closings", n=len(lost.closings)), lost.closings),
            (lost.unsent, Msg("{n} events not yet sent to the server", n=lost.unsent), ()),
            (lost.sent, Msg("{n} events the server already has", n=lost.sent), ())):
        if n:
            shown = ", ".join(names[:SHOWN]) + (" …" if len(names) > SHOWN else "")
            out.append(f"• {tr(text)}" + (f": {shown}" if shown else ""))
    return out


class BackupPage(QWidget):
    """Signals fire on the GUI thread: ``backed_up`` after a backup, ``checked`` after a
    backup file was checked (its plan in ``plan``), ``restored`` after a restore."""

    backed_up = Signal()
    checked = Signal()
    restored = Signal()

    def __init__(self, app: App, session: UserSession,
                 on_restored: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.app, self.session, self._on_restored = app, session, on_restored
        self.plan: RestorePlan | None = None
        self.last: BackupInfo | RestoreReport | None = None
        self.busy = False
        self.backup_button = QPushButton(tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        self.backups = QListWidget()
        self.backups.setAccessibleName(tr("Daily backups"))
        self.backups.currentTextChanged.connect(self._picked)
        self.file = QLineEdit()
        self.file.setAccessibleName(tr("Backup file"))
        self.file.setPlaceholderText(tr("a backup file, e.g. on a USB stick"))
        self.check_button = QPushButton(tr("Check this backup"))
        self.check_button.clicked.connect(self.check)
        self.file.returnPressed.connect(self.check)
        self.export = QLineEdit()
        self.export.setAccessibleName(tr("Save the unsent events to"))
        self.export.setPlaceholderText(tr("where to save the unsent events first (a file "
                                          "outside the data folder)"))
        self.export_label = QLabel(tr("Save the unsent events first to:"))
        self.export_label.setBuddy(self.export)
        self.export.hide()
        self.export_label.hide()
        self.restore_button = QPushButton(tr("Restore this backup…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.ask_restore)
        self.held = QLabel()
        self.held.setWordWrap(True)
        self.held.setAccessibleName(tr("Restore waiting for confirmation"))
        self.confirm_button = QPushButton(tr("Confirm the restore: sync may go on"))
        self.confirm_button.clicked.connect(self.confirm_restore)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName(tr("Backup result"))
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        now = QGroupBox(tr("Backup"))
        row = QHBoxLayout(now)
        row.addWidget(QLabel(tr("A daily backup is made by itself; make one now before "
                                "changing anything on this PC.")), 1)
        row.addWidget(self.backup_button)
        back = QGroupBox(tr("Restore"))
        col = QVBoxLayout(back)
        col.addWidget(QLabel(tr("Daily backups on this PC (newest first):")))
        self.backups.setMaximumHeight(160)  # a week of daily backups and four weekly ones
        col.addWidget(self.backups)
        pick = QHBoxLayout()
        pick.addWidget(self.file, 1)
        pick.addWidget(self.check_button)
        col.addLayout(pick)
        col.addWidget(self.export_label)
        col.addWidget(self.export)
        col.addWidget(self.restore_button)
        self.held_box = QGroupBox(tr("Sync held after a restore"))
        held = QHBoxLayout(self.held_box)
        held.addWidget(self.held, 1)
        held.addWidget(self.confirm_button)
        self.held_box.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.held_box)
        layout.addWidget(now)
        layout.addWidget(back)
        layout.addWidget(self.result)
        layout.addStretch(1)

    # -- the list of backups -------------------------------------------------------------
    def refresh(self) -> None:
        run_in_background(self, self.app.backup.existing, self._listed, self._failed)
        run_in_background(self, self.app.backup.held_restore, self._held, self._failed)

    def _held(self, held: dict[str, object] | None) -> None:
        self.held_box.setVisible(held is not None)
        if held is not None:
            backup = held.get("backup") if isinstance(held.get("backup"), dict) else {}
            self.held.setText(tr(
                "This outlet was restored on {at} from a backup of {when}. Check its shipments "
                "and closings against the server, then confirm: sync goes on.",
                at=self._local(held.get("at")), when=self._local(backup.get("created_at"))))

    def _local(self, stamp: object) -> str:
        try:
            return self.app.outlet.local(datetime.fromisoformat(str(stamp))).strftime(
                "%Y-%m-%d %H:%M")
        except ValueError:
            return "?"

    def confirm_restore(self) -> None:
        if self.busy:
            return
        self._busy(True)
        session = self.session
        run_in_background(self, lambda: self.app.backup.confirm_restore(session),
                          self._confirmed, self._failed)

    def _confirmed(self, _was_held: bool) -> None:
        self._busy(False)
        self.held_box.hide()
        self.result.setText(tr("restore confirmed: sync goes on"))
        self.app.sync.sync_now()

    def _listed(self, found: list[tuple[Path, object]]) -> None:
        self.backups.clear()
        for path, _at in sorted(found, key=lambda x: x[0].name, reverse=True):
            self.backups.addItem(str(path))

    def _picked(self, text: str) -> None:
        if text:
            self.file.setText(text)

    def _busy(self, on: bool) -> None:
        self.busy = on
        for b in (self.backup_button, self.check_button, self.confirm_button):
            b.setEnabled(not on)
        self.restore_button.setEnabled(not on and self.plan is not None)

    # -- back up now ---------------------------------------------------------------------
    def back_up(self) -> None:
        if self.busy:
            return
        self._busy(True)
        self.result.setText(tr("Backing up…"))
        run_in_background(self, self.app.backup.backup, self._backed_up, self._failed)

    def _backed_up(self, info: BackupInfo) -> None:
        self._busy(False)
        self.last = info
        self.result.setText(tr("Backup written: {path} ({n} shipments)", path=info.path,
                               n=info.counts.get("shipments", 0)))
        self.refresh()
        self.backed_up.emit()

    # -- restore -------------------------------------------------------------------------
    def check(self) -> None:
        path = self.file.text().strip()
        if self.busy or not path:
            return
        self.plan = None
        self._busy(True)
        self.result.setText(tr("Checking the backup…"))
        run_in_background(self, lambda: self.app.backup.plan_restore(Path(path)),
                          self._checked, self._failed)

    def _checked(self, plan: RestorePlan) -> None:
        self.plan = plan
        self._busy(False)
        head = tr("The backup of {when} is intact: {n} shipments.", when=self._when(plan),
                  n=plan.counts.get("shipments", 0))
        lines = loss_lines(plan)
        if lines:
            head += "\n" + tr("Restoring it loses what the current database has and the backup "
                              "lacks:") + "\n" + "\n".join(lines)
        else:
            head += "\n" + tr("Nothing of the current database is lost by restoring it.")
        self.export.setVisible(plan.losses.unsent > 0)
        self.export_label.setVisible(plan.losses.unsent > 0)
        if plan.losses.unsent and not self.export.text():
            from ...reports.private_file import exports_dir  # the user's exports folder

            self.export.setText(str(exports_dir(self.app.settings.data_dir, create=False)
                                    / f"unsent-before-restore-{plan.path.stem}.opbk"))
        self.result.setText(head)
        self.checked.emit()

    def _when(self, made: RestorePlan | RestoreReport) -> str:
        """When the backup was made, in the outlet's own time (its file name's time)."""
        return self.app.outlet.local(made.created_at).strftime("%Y-%m-%d %H:%M")

    def confirm_box(self) -> QMessageBox:
        """The confirmation, with our own buttons (Qt's standard ones speak only English)."""
        assert self.plan is not None
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Restore this backup?"),
                          tr("Restore the backup of {when}? The current database is kept aside; "
                             "this window closes and Outlet POS is started again on the "
                             "restored data.", when=self._when(self.plan)), parent=self)
        lines = loss_lines(self.plan)
        if lines:
            box.setInformativeText(tr("It loses:") + "\n" + "\n".join(lines))
        box.restore = box.addButton(tr("Restore"), QMessageBox.ButtonRole.DestructiveRole)
        box.cancel = box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(box.cancel)  # Enter does not lose a day
        box.setEscapeButton(box.cancel)
        return box

    def ask_restore(self) -> None:
        if self.busy or self.plan is None:
            return
        box = self.confirm_box()
        box.finished.connect(lambda _r, b=box: self._answered(b))
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        yes = box.clickedButton() is box.restore
        box.deleteLater()
        if yes:
            self.restore()

    def restore(self) -> None:
        """The restore itself, after the confirmation: in the thread pool."""
        plan = self.plan
        if plan is None or self.busy:
            return
        export = Path(self.export.text().strip()) if plan.losses.unsent else None
        if plan.losses.unsent and not self.export.text().strip():
            self.result.setText(tr("Say where to save the unsent events first."))
            return
        self._busy(True)
        self.result.setText(tr("Restoring…"))
        app, session = self.app, self.session
        self._db_closed = False

        def job() -> RestoreReport:
            if export is not None:
                from ...reports.private_file import BACKUP_SIGNATURE, check_output

                checked = check_output(export, app.settings.data_dir,
                                       "Save the unsent events to", BACKUP_SIGNATURE)
            grant = app.backup.authorise_restore(session)  # a refusal is audited here
            app.release_database()  # the restore needs the database free of this window
            self._db_closed = True  # a plain flag, read back on the GUI thread
            return app.backup.restore(plan.path, grant=grant, force=True, confirm=True,
                                      export_unsent=checked if export is not None else None,
                                      plan=plan)

        run_in_background(self, job, self._restored, self._failed)

    def _restored(self, report: RestoreReport) -> None:
        self.last = report
        text = tr("restored outlet {outlet} terminal {terminal} from the backup of {when}",
                  outlet=report.outlet, terminal=report.terminal,
                  when=self._when(report))
        if report.held:
            text += "\n" + tr("Sync to the server is held until a technician confirms the "
                              "restore (outlet-pos confirm-restore).")
        self.result.setText(text + "\n" + tr("Outlet POS closes now; start it again."))
        self.restored.emit()
        if self._on_restored is not None:
            self._on_restored()

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        log.info("backup page: %s", type(error).__name__)
        self.result.setText(error_text(error))
        if getattr(self, "_db_closed", False):  # refused after letting the database go
            self._db_closed = False
            run_in_background(self, self._reopen, lambda _r: None, self._failed)

    def _reopen(self) -> None:
        self.app.reopen_database()
