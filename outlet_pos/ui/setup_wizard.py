"""The first-run wizard: what ``outlet-pos setup`` does, asked page by page.

``outlet-pos gui`` shows it when the data directory holds no outlet yet. The
last page runs ``techkit.first_run_setup`` (the same service as the CLI) off the
GUI thread and shows each step's verdict; a mistake found before anything is
created can be corrected with Back.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime

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
    QWizard,
    QWizardPage,
)

from ..bootstrap import utc_now
from ..config import Settings
from ..domain.waybill import MAX_OUTLET, MAX_TERMINAL
from ..i18n import tr
from ..printing.profiles import all_profiles
from ..techkit import SetupRequest, SetupStep, choose_usb_printer, first_run_setup
from .background import run_in_background
from .texts import error_text


def _form(page: QWizardPage, rows: list[tuple[str, object]]) -> QFormLayout:
    form = QFormLayout(page)
    for label, widget in rows:
        form.addRow(label, widget)  # type: ignore[arg-type]
    return form


class SetupWizard(QWizard):
    """Callbacks run on the GUI thread; the setup itself runs in the thread pool."""

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.settings, self.clock = settings, clock
        self.steps: list[SetupStep] = []
        self.done_ok = False
        self.running = False
        self.setWindowTitle(tr("Outlet POS — first-run setup"))

        outlet = QWizardPage()
        outlet.setTitle(tr("The outlet"))
        self.outlet_number = QSpinBox(maximum=MAX_OUTLET, minimum=1)
        self.terminal = QSpinBox(maximum=MAX_TERMINAL, minimum=1)
        self.outlet_name = QLineEdit()
        self.timezone = QComboBox()
        self.timezone.addItems(["WIB", "WITA", "WIT"])
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        _form(outlet, [(tr("Outlet number"), self.outlet_number),
                       (tr("Terminal"), self.terminal), (tr("Outlet name"), self.outlet_name),
                       (tr("Time zone"), self.timezone), (tr("Language"), self.language)])

        manager = QWizardPage()
        manager.setTitle(tr("The first manager"))
        self.manager = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        _form(manager, [(tr("User id"), self.manager), (tr("Password"), self.password),
                        (tr("Repeat the password"), self.password2)])

        server = QWizardPage()
        server.setTitle(tr("The central server (leave empty to enroll later)"))
        self.server = QLineEdit(placeholderText="https://pusat.example.co.id")
        self.code = QLineEdit()
        self.provisioning = QLineEdit()
        _form(server, [(tr("Server address"), self.server), (tr("Enrollment code"), self.code),
                       (tr("or a provisioning file"), self.provisioning)])

        printer = QWizardPage()
        printer.setTitle(tr("The printer"))
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
        form = _form(printer, [(tr("Profile"), self.profile)])
        form.insertRow(0, tr("Connection"), row)
        form.addRow("", self.detected)
        form.addRow("", self.test_print)

        self.result_page = _ResultPage(self)
        for page in (outlet, manager, server, printer, self.result_page):
            self.addPage(page)

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
            printer=self.connection.text().strip() or None, profile=self.profile.currentData(),
            language=self.language.currentData(), test_print=self.test_print.isChecked())

    def start_setup(self) -> None:
        if self.password.text() != self.password2.text():
            self.result_page.show_error(tr("password: the two entries differ; type it again"))
            return
        self.running = True
        self.result_page.show_running()
        req, settings, clock = self.request(), self.settings, self.clock
        run_in_background(self, lambda: first_run_setup(settings, req, clock), self._finished,
                          self._failed)

    def _finished(self, steps: list[SetupStep]) -> None:
        self.running = False
        self.steps, self.done_ok = steps, True
        self.result_page.show_steps(steps)

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.result_page.show_error(error_text(error))


class _ResultPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(tr("Setting up"))
        self.text = QLabel(wordWrap=True)
        self.text.setAccessibleName(tr("Setup result"))
        QVBoxLayout(self).addWidget(self.text)

    def initializePage(self) -> None:
        if not self._wizard.done_ok:  # once set up, Back and Next again change nothing
            self._wizard.start_setup()

    def isComplete(self) -> bool:
        return self._wizard.done_ok

    def show_running(self) -> None:
        self.text.setText(tr("Creating the outlet, enrolling and testing the printer…"))
        self.completeChanged.emit()

    def show_error(self, text: str) -> None:
        self.text.setText(tr("Nothing was set up: {why}. Go back and correct it.", why=text))
        self.completeChanged.emit()

    def show_steps(self, steps: list[SetupStep]) -> None:
        lines = []
        for s in steps:
            lines.append(("✔ " if s.ok else "✘ ") + tr(s.message))
            if s.remedy and not s.ok:
                lines.append("    " + tr("What to do: {remedy}", remedy=tr(s.remedy)))
        ok = all(s.ok for s in steps)
        lines.append("")
        lines.append(tr("Setup complete.") if ok else
                     tr("The outlet is created; finish the failed steps later (see above)."))
        self.text.setText("\n".join(lines))
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
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    translations(qt).apply()
    wizard = SetupWizard(settings)
    wizard.exec()
    return wizard.done_ok
