"""The Day review page's actions: void, close and reopen the day, resend refused events,
the daily PDF, the CSV export (masked, or unmasked after re-authentication) and the XLSX
workbook. Both exports take the filters shown at the moment of the click.

Service calls and file writing run off the GUI thread; callbacks run on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from ...bootstrap import App
from ...domain.errors import ValidationError
from ...domain.roles import Role
from ...domain.waybill import format_waybill
from ...i18n import tr
from ...reports.private_file import (
    ZIP_SIGNATURE,
    exports_dir,
    refuse_inside,
    write_private,
    write_private_binary,
)
from ...services.auth import UserSession
from ...services.closing import Closing
from ...services.reports import MIN_REASON
from ..background import run_in_background
from ..reauth import ReauthDialog
from .close_day_dialog import CloseDayDialog

FileChooser = Callable[[QWidget, str, str, str], str]


def default_exports(data_dir: Path) -> Path | None:
    """The exports folder to open the dialog in, or None (the dialog's own choice)."""
    try:
        return exports_dir(data_dir, create=False)
    except ValidationError:
        return None


def save_dialog(parent: QWidget, title: str, suggested: str, filters: str,
                folder: Path | None = None) -> QFileDialog:
    """Qt's own (not the system's) save dialog, so it speaks our language: its labels are
    set here, its buttons, tool tips and columns come from the QFileDialog contexts of
    our catalogue. ``suggested`` is a file name, placed in the exports folder."""
    start = str((folder / suggested) if folder is not None else suggested)
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    for label, text in ((QFileDialog.DialogLabel.LookIn, tr("&Folder:")),
                        (QFileDialog.DialogLabel.FileName, tr("File &name:")),
                        (QFileDialog.DialogLabel.FileType, tr("File &type:")),
                        (QFileDialog.DialogLabel.Accept, tr("&Save")),
                        (QFileDialog.DialogLabel.Reject, tr("Cancel"))):
        dialog.setLabelText(label, text)
    dialog.selectFile(start)
    return dialog


def choose_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    """A save dialog opened in the exports folder; '' when cancelled. Tests replace
    ``DayReviewPage.choose_file``."""
    app: App | None = getattr(parent, "app", None)
    folder = default_exports(app.settings.data_dir) if app is not None else None
    dialog = save_dialog(parent, title, suggested, filters, folder)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return ""
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else ""


class DayActions:
    """Mixed into DayReviewPage (a QWidget with ``app``, ``session``, ``day()``,
    ``selected()``, ``refresh()``, ``_say``, ``_failed`` and ``choose_file``)."""

    app: App
    session: UserSession
    choose_file: FileChooser
    dialog: ReauthDialog | CloseDayDialog | None
    day: Callable[[], date]
    filters: Callable[[], dict[str, str | None]]
    selected: Callable[[], Any]
    refresh: Callable[[], None]
    _say: Callable[[str], None]
    _failed: Callable[[Exception], None]

    def _done(self, text: str) -> Callable[[Any], None]:
        def show(_result: Any) -> None:
            self._say(text)
            self.refresh()
        return show

    def _reauth(self, title: str, explanation: str, then: Callable[[ReauthDialog], None], *,
                roles=(Role.MANAGER,), reason_min: int | None = None) -> None:
        dialog = ReauthDialog(self.app, title=title, explanation=explanation,
                              user=self.session.username, roles=roles,
                              reason_min=reason_min, parent=self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: then(dialog))
        dialog.open()

    def resend_refused(self) -> None:
        run_in_background(self, lambda: self.app.reports.resend_refused(self.session),
                          self._resent, self._failed)

    def _resent(self, n: int) -> None:
        self._say(tr("{n} refused events queued again", n=n))
        self.refresh()

    def void_selected(self) -> None:
        row = self.selected()
        if row is None:
            self._say(tr("Select a shipment first"))
            return
        if row.status == "void":
            self._say(tr("{waybill} is already void", waybill=format_waybill(row.waybill)))
            return
        waybill, requester = row.waybill, self.session.username

        def go(d: ReauthDialog) -> None:
            assert d.session is not None
            who, why = d.session, d.reason_text
            self._say(tr("Voiding {waybill}…", waybill=format_waybill(waybill)))
            run_in_background(self, lambda: self.app.shipments.void(
                who, waybill, why, requested_by=requester), self._done(tr(
                    "{waybill} is void; a reprint will say VOID",
                    waybill=format_waybill(waybill))), self._failed)

        self._reauth(tr("Void {waybill}", waybill=format_waybill(waybill)),
                     tr("A manager authorises the void; write why it is void."), go,
                     reason_min=5)

    def close_day(self) -> None:
        dialog = CloseDayDialog(self.app, self.session, self.day(), parent=self)
        self.dialog = dialog
        dialog.closed.connect(self._closed)
        dialog.open()

    def _closed(self, closing: Closing) -> None:
        self._say(tr("Day {day} closed: closing {n}", day=closing.business_date.isoformat(),
                     n=closing.sequence))
        self.refresh()

    def print_z_report(self) -> None:
        """The closed day's Z report on the receipt printer again (marked CETAK ULANG)."""
        review = getattr(self, "review", None)
        closing = review.closing if review is not None else None
        if closing is None:
            self._say(tr("The day is not closed: there is no Z report yet"))
            return
        self._say(tr("Printing the Z report…"))
        run_in_background(self, lambda: self.app.printing.print_z_report(
            self.session, closing.business_date, closing.sequence), self._z_printed,
            self._failed)

    def _z_printed(self, outcome: Any) -> None:
        if outcome.ok:
            self._say(tr("Z report printed."))
        else:
            self._say(tr("Z report NOT printed: {reason}. {remedy} The closing is saved; "
                         "print it again when the printer is ready.",
                         reason=tr(outcome.message or ""), remedy=tr(outcome.remedy or "")))

    def reopen_day(self) -> None:
        day = self.day()

        def go(d: ReauthDialog) -> None:
            assert d.session is not None
            who, why = d.session, d.reason_text
            run_in_background(self, lambda: self.app.closing.reopen(who, day, why),
                              self._done(tr("{day} reopened", day=day.isoformat())),
                              self._failed)

        self._reauth(tr("Reopen {day}", day=day.isoformat()),
                     tr("A manager or technician reopens a closed day; write why."), go,
                     roles=(Role.MANAGER, Role.TECHNICIAN), reason_min=5)

    def export_pdf(self) -> None:
        day = self.day()
        path = self.choose_file(self, tr("Daily report as PDF"),
                                f"laporan-{day.isoformat()}.pdf", "PDF (*.pdf)")
        if not path:
            return
        self._say(tr("Writing the report…"))
        data_dir = self.app.settings.data_dir
        run_in_background(self, lambda: self.app.reports.daily_pdf(
            self.session, refuse_inside(Path(path), data_dir), day),
                          self._done(tr("Report written to {path}", path=path)), self._failed)

    def export_csv(self, unmasked: bool) -> None:
        day, filters = self.day(), self.filters()
        if not unmasked:
            self._write_csv(self.session, day, filters, False, None, None)
            return

        def go(d: ReauthDialog) -> None:
            assert d.session is not None
            self._write_csv(d.session, day, filters, True, d.reason_text, d.password_text)

        self._reauth(tr("Export personal data"),
                     tr("The full names, phones and addresses of {day} leave the program: "
                        "only for a legal request. Enter your password again and write "
                        "why (for example the request's number); this is recorded.",
                        day=day.isoformat()), go, reason_min=MIN_REASON)

    def _write_csv(self, who: UserSession, day: date, filters: dict[str, str | None],
                   unmasked: bool, reason: str | None, password: str | None) -> None:
        suffix = "lengkap" if unmasked else "samaran"
        path = self.choose_file(self, tr("Shipments of the day as CSV"),
                                f"kiriman-{day.isoformat()}-{suffix}.csv", "CSV (*.csv)")
        if not path:
            return
        self._say(tr("Writing the CSV…"))
        note = "" if unmasked else tr(" (personal data masked)")

        data_dir = self.app.settings.data_dir

        def write() -> int:
            target = refuse_inside(Path(path), data_dir)  # never inside the data directory
            return write_private(target, lambda out: self.app.reports.export_csv(
                who, out, day, unmasked=unmasked, reason=reason, password=password,
                **filters))

        run_in_background(self, write, lambda n: self._say(tr(
            "{n} rows written to {path}{masked}", n=str(n), path=path, masked=note)),
            self._failed)

    def export_xlsx(self) -> None:
        """The rows shown, with the day's summary, as an Excel workbook (no personal data)."""
        day, filters, who = self.day(), self.filters(), self.session
        path = self.choose_file(self, tr("Shipments of the day as an Excel workbook"),
                                f"kiriman-{day.isoformat()}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        self._say(tr("Writing the workbook…"))
        data_dir = self.app.settings.data_dir

        def write() -> int:
            target = refuse_inside(Path(path), data_dir)
            report = write_private_binary(target, lambda out: self.app.reports.export_xlsx(
                who, out, day, day, **filters), signature=ZIP_SIGNATURE)
            return report.total.shipments + report.total.voided

        run_in_background(self, write, lambda n: self._say(tr(
            "{n} rows written to {path}", n=str(n), path=path)), self._failed)
