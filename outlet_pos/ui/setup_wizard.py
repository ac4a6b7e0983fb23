"""The first-run wizard: what ``outlet-pos setup`` does, asked page by page.

``outlet-pos gui`` shows it when the data directory holds no outlet yet. Each page
checks its own answers as it is left (the password rules on the password's page)
and says on itself what is wrong. The last page runs ``SetupService.run``
(the same service as the CLI) off the GUI thread and shows each step's verdict.
After the setup, Back, a changed printer, server or language, and Next again runs
those steps again (``SetupService.update``); the outlet and manager stay as created.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..bootstrap import setup_service, utc_now
from ..config import Settings
from ..domain.errors import ValidationError
from ..domain.waybill import MAX_OUTLET, MAX_TERMINAL
from ..i18n import Msg, tr
from ..printing.profiles import all_profiles
from ..services.setup import SetupRequest, SetupStep, check_manager, choose_usb_printer
from .background import (
    collect_garbage_on_gui_thread,
    dispose,
    run_in_background,
    wait_for_background,
)
from .setup_scale_fields import ScaleFields
from .texts import error_text

_W = QWizard.WizardButton


class _Page(QWizardPage):
    """A page with a form, a line for what is wrong, and a check run as it is left."""

    def __init__(self, title: str, check: Callable[[], list[tuple[str, Any]]] | None = None,
                 ) -> None:
        super().__init__()
        self.setTitle(title)
        self._check = check
        self.labels: dict[str, str] = {}  # problem key → the label on this page
        self.fields: dict[str, QWidget] = {}
        self.first: QWidget | None = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #b00020")
        self.message.setAccessibleName(tr("What is wrong on this page"))
        layout.addWidget(self.message)
        layout.addStretch(1)

    def row(self, key: str, label: str, widget: QWidget, field: QWidget | None = None) -> None:
        self.form.addRow(label, widget)
        self.labels[key] = label.replace("&", "")
        self.fields[key] = field or widget
        self.first = self.first or self.fields[key]

    def focus_first(self) -> None:
        if self.first is not None and self.first.isEnabled():
            self.first.setFocus()

    def validatePage(self) -> bool:
        problems = self._check() if self._check else []
        if not problems:
            self.message.clear()
            return True
        self.message.setText("\n".join(
            f"{self.labels.get(key, key)}: {tr(msg)}" for key, msg in problems))
        field = next((self.fields[k] for k, _ in problems if k in self.fields), None)
        if field is not None:
            field.setFocus()
        return False

    def lock(self, note: str, keep: tuple[str, ...] = ()) -> None:
        """Created by the setup: shown, no longer changed here (but for ``keep``)."""
        for key, widget in self.fields.items():
            widget.setEnabled(key in keep)
        self.message.setStyleSheet("")
        self.message.setText(note)


class SetupWizard(QWizard):
    """Callbacks run on the GUI thread; the setup itself runs in the thread pool."""

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = utc_now,
                 answers: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.settings, self.clock = settings, clock
        self.setup = setup_service(settings, clock)
        self.steps: list[SetupStep] = []
        self.done_ok = False
        self.running = False
        self.applied: SetupRequest | None = None  # what the outlet was set up with
        self.ca_bundle: str | None = None  # only from the answers file: no field for it
        self.setWindowTitle(tr("Outlet POS — first-run setup"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setMinimumSize(760, 480)  # the result's paths and remedies fit without a scroll
        # Qt's own button texts are English whatever the language: ours, with Alt keys.
        for button, text in ((_W.BackButton, tr("< &Back")), (_W.NextButton, tr("&Next >")),
                             (_W.CommitButton, tr("&Set up")), (_W.FinishButton, tr("&Finish")),
                             (_W.CancelButton, tr("Cancel")), (_W.HelpButton, tr("&Help"))):
            self.setButtonText(button, text)

        self.outlet_page = outlet = _Page(tr("The outlet"))
        self.outlet_number = QSpinBox(maximum=MAX_OUTLET, minimum=1)
        self.terminal = QSpinBox(maximum=MAX_TERMINAL, minimum=1)
        self.outlet_name = QLineEdit()
        self.timezone = QComboBox()
        self.timezone.addItems(["WIB", "WITA", "WIT"])
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        outlet.row("outlet_number", tr("Outlet number"), self.outlet_number)
        outlet.row("terminal", tr("Terminal"), self.terminal)
        outlet.row("outlet_name", tr("Outlet name"), self.outlet_name)
        outlet.row("timezone", tr("Time zone"), self.timezone)
        outlet.row("language", tr("Language"), self.language)

        self.manager_page = manager = _Page(tr("The first manager"), self._check_manager)
        self.manager = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        manager.row("user", tr("User id"), self.manager)
        manager.row("password", tr("Password"), self.password)
        manager.row("password2", tr("Repeat the password"), self.password2)

        self.server_page = server = _Page(tr("The central server (leave empty to enroll later)"),
                                          self._check_server)
        self.server = QLineEdit(placeholderText="https://pusat.example.co.id")
        self.code = QLineEdit()
        self.provisioning = QLineEdit()
        server.row("server", tr("Server address"), self.server)
        server.row("enroll_code", tr("Enrollment code"), self.code)
        server.row("provisioning_file", tr("or a provisioning file"), self.provisioning)

        self.printer_page = printer = _Page(tr("The printer"), self._check_printer)
        self.connection = QLineEdit(placeholderText="usb:0416:5011, net:192.168.1.50:9100")
        self.profile = QComboBox()
        self.profile.addItem(tr("by USB id, else generic-80"), None)
        for name, p in all_profiles().items():
            self.profile.addItem(f"{name} — {p.title}", name)
        self.detect = QPushButton(tr("&Find USB printers"))
        self.detect.clicked.connect(self._detect)
        self.detected = QLabel()
        self.test_print = QCheckBox(tr("Print a test page at the end"), checked=True)
        row = QHBoxLayout()
        row.addWidget(self.connection, 1)
        row.addWidget(self.detect)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        printer.row("connection", tr("Connection"), holder, self.connection)
        printer.row("profile", tr("Profile"), self.profile)
        printer.form.addRow("", self.detected)
        printer.form.addRow("", self.test_print)
        self.scale = ScaleFields(self, printer, lambda: self.setup.find_scales)

        self.result_page = _ResultPage()
        for page in (outlet, manager, server, printer, self.result_page):
            self.addPage(page)
        # The cursor goes into the first field of each page, whichever way it was reached
        # (after QWizard has moved its own focus to the buttons).
        self.currentIdChanged.connect(self._page_changed)
        if answers:
            self.fill(answers)

    def fill(self, answers: dict[str, Any]) -> None:
        """The technician's answers (the installer's file) in the fields; all still editable."""
        spins = {"outlet_number": self.outlet_number, "terminal": self.terminal}
        lines = {"outlet_name": self.outlet_name, "manager": self.manager,
                 "server": self.server, "enroll_code": self.code,
                 "provisioning_file": self.provisioning, "printer": self.connection}
        for key, value in answers.items():
            if key in spins:
                spins[key].setValue(int(value))
            elif key in lines:
                lines[key].setText(str(value))
            elif key == "timezone":
                self.timezone.setCurrentText(str(value).upper())
            elif key in ("language", "profile"):
                box = self.language if key == "language" else self.profile
                box.setCurrentIndex(max(box.findData(value), 0))
            elif key == "test_print":
                self.test_print.setChecked(bool(value))
            elif key in ("scale", "scale_profile"):
                self.scale.fill(*((value, None) if key == "scale" else (None, value)))
            elif key == "ca_bundle":
                self.ca_bundle = str(value)
        self.outlet_page.message.setStyleSheet("")
        self.outlet_page.message.setText(tr(
            "Filled in from the technician's answers; check them, then Next."))

    def _page_changed(self, _id: int) -> None:
        QTimer.singleShot(0, self, self._focus_page)

    def _focus_page(self) -> None:
        page = self.currentPage()
        if isinstance(page, _Page):
            page.focus_first()

    # -------------------------------------------------------------- page checks
    def _check_manager(self) -> list[tuple[str, Any]]:
        problems = check_manager(self.request())
        if self.password.text() != self.password2.text():
            problems.append(("password2", Msg("the two entries differ; type it again")))
        return problems

    def _check_server(self) -> list[tuple[str, Any]]:
        req = self.request()
        if req.provisioning_file and (req.server or req.enroll_code):
            return [("provisioning_file", Msg("either the server and its code, or a "
                                              "provisioning file, not both"))]
        if bool(req.server) != bool(req.enroll_code):
            return [("enroll_code" if req.server else "server",
                     Msg("type both the server address and the enrollment code, or neither"))]
        return self.setup.check_server(req)

    def _check_printer(self) -> list[tuple[str, Any]]:
        return self.setup.check_printer(self.request())

    # -------------------------------------------------------------- printer detection
    def _detect(self) -> None:
        from ..printing.detect import usb_printers

        self.detect.setEnabled(False)
        run_in_background(self, usb_printers, self._detected, self._detect_failed)

    def _detected(self, found_problem: tuple[list, object]) -> None:
        self.detect.setEnabled(True)
        found, problem = found_problem
        chosen = choose_usb_printer(found)
        if chosen:
            self.connection.setText(chosen[0])
            self.profile.setCurrentIndex(max(0, self.profile.findData(chosen[1])))
            self.detected.setText(tr("found {connection} ({profile})", connection=chosen[0],
                                     profile=chosen[1]))
        else:
            self.detected.setText(tr(problem) if problem else tr("no USB printer found"))

    def _detect_failed(self, error: Exception) -> None:
        self.detect.setEnabled(True)
        self.detected.setText(error_text(error))

    # -------------------------------------------------------------- the setup
    def request(self) -> SetupRequest:
        return SetupRequest(
            outlet_number=self.outlet_number.value(), terminal=self.terminal.value(),
            manager=self.manager.text().strip(), password=self.password.text(),
            outlet_name=self.outlet_name.text().strip(), timezone=self.timezone.currentText(),
            server=self.server.text().strip() or None, enroll_code=self.code.text().strip()
            or None, provisioning_file=self.provisioning.text().strip() or None,
            ca_bundle=self.ca_bundle,
            printer=self.connection.text().strip() or None, profile=self.profile.currentData(),
            language=self.language.currentData(), test_print=self.test_print.isChecked(),
            scale=self.scale.answers()[0], scale_profile=self.scale.answers()[1])

    def start_setup(self) -> None:
        """The first time: everything. After it: only what was changed or had failed."""
        if self.running:
            return
        req, setup = self.request(), self.setup
        self.running = True
        self.result_page.show_running()
        if self.applied is None:
            run_in_background(self, lambda: setup.run(req),
                              lambda steps: self._finished(req, steps), self._failed)
            return
        before = self.applied
        failed = {s.step for s in self.steps if not s.ok}
        if failed:  # a failed step is tried again, even with the same answers
            before = SetupRequest(**{**vars(before), **_forget(failed)})
        run_in_background(self, lambda: setup.update(before, req),
                          lambda steps: self._finished(req, steps), self._failed)

    def _finished(self, req: SetupRequest, steps: list[SetupStep]) -> None:
        self.running = False
        first = self.applied is None
        self.applied, self.done_ok = req, True
        if first or steps:
            self.steps = steps if first else [*_kept(self.steps, steps), *steps]
        self.result_page.show_steps(steps, again=not first)
        note = tr("Created by the setup; it cannot be changed here.")
        self.outlet_page.lock(note, keep=("language",))
        self.manager_page.lock(note)
        if any(s.step == "enroll" and s.ok for s in self.steps):
            self.server_page.lock(tr("Enrolled; it cannot be changed here."))

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.result_page.show_error(error_text(error))


def _forget(failed: set[str]) -> dict[str, Any]:
    """Fields of ``SetupRequest`` blanked so ``changed_steps`` sees the failed steps as new."""
    out: dict[str, Any] = {}
    if "enroll" in failed:
        out.update(server=None, enroll_code=None, provisioning_file=None)
    if "printer" in failed:
        out.update(printer=None, profile=None)
    if "test_print" in failed:
        out.update(test_print=False)
    if "scale" in failed:
        out.update(scale=None, scale_profile=None)
    return out


def _kept(old: list[SetupStep], new: list[SetupStep]) -> list[SetupStep]:
    again = {s.step for s in new}
    return [s for s in old if s.step not in again]


class _ResultPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Setting up"))
        self.text = QLabel(wordWrap=True)
        self.text.setAccessibleName(tr("Setup result"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.hint = QLabel(wordWrap=True)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def _wizard(self) -> SetupWizard:
        # Asked of Qt each time: a Python reference back to the wizard would make a cycle.
        return cast(SetupWizard, self.wizard())

    def initializePage(self) -> None:
        self._wizard().start_setup()

    def isComplete(self) -> bool:
        w = self._wizard()
        return w.done_ok and not w.running

    def show_running(self) -> None:
        self.text.setText(tr("Creating the outlet, enrolling and testing the printer…")
                          if self._wizard().applied is None else tr("Applying the changes…"))
        self.hint.clear()
        self.completeChanged.emit()

    def show_error(self, text: str) -> None:
        if self._wizard().applied is None:
            self.text.setText(tr("Nothing was set up: {why}. Go back and correct it.", why=text))
        else:
            self.text.setText(tr("The change was not applied: {why}. Go back and correct it.",
                                 why=text))
        self.completeChanged.emit()

    def show_steps(self, steps: list[SetupStep], again: bool = False) -> None:
        lines = []
        for s in steps:
            lines.append(("✔ " if s.ok else "✘ ") + tr(s.message))
            if s.remedy and not s.ok:
                lines.append("    " + tr("What to do: {remedy}", remedy=tr(s.remedy)))
        if again and not steps:
            lines.append(tr("Nothing was changed: the answers are the ones already set up."))
        ok = all(s.ok for s in self._wizard().steps)
        lines.append("")
        lines.append(tr("Setup complete.") if ok else
                     tr("The outlet is created; finish the failed steps later (see above)."))
        self.text.setText("\n".join(lines))
        self.hint.setText(tr("To change the printer, the server or the language: press Back, "
                             "change it, then Next. Finish opens the log-in."))
        self.completeChanged.emit()


def run_setup_wizard(settings: Settings) -> bool:
    """Show the wizard (``outlet-pos gui`` on an empty data directory). True once set up."""
    from .platform_check import XCB_PACKAGES, missing_display_library
    from .translation import translations

    lib = missing_display_library()
    if lib is not None:
        print(tr("The counter window cannot open: Qt needs the system library {lib}. "
                 "Install: sudo apt-get install {packages}", lib=lib,
                 packages=" ".join(XCB_PACKAGES)), file=sys.stderr)
        return False
    from .style import apply_base_font

    qt = QApplication.instance() or QApplication(sys.argv[:1])
    collect_garbage_on_gui_thread()
    apply_base_font(qt)  # the counter's readable type from the first window on
    translations(qt).apply()
    from .. import setup_answers

    answers_file = setup_answers.default_path()
    try:  # a few hundred bytes, read before the window exists
        answers = setup_answers.load(answers_file) if answers_file.is_file() else None
    except ValidationError as e:
        print(error_text(e), file=sys.stderr)  # a bad file: the wizard starts empty
        answers = None
    wizard = SetupWizard(settings, answers=answers)
    try:
        wizard.exec()
        wait_for_background(60_000)  # a setup still running (Cancel pressed) ends first
        if wizard.done_ok and answers is not None and not setup_answers.remove(answers_file):
            print(tr("Remove the answers file {path}: it holds the enrollment code.",
                     path=answers_file), file=sys.stderr)
        return wizard.done_ok
    finally:
        dispose(wizard)  # now, on this thread: never by the collector on a worker's
