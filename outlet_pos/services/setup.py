"""First-run setup: outlet, manager, enrolment, printer, language and a test print.

The technician's ``outlet-pos setup`` and the GUI's first-run wizard both run
``SetupService.run``; a second look at the wizard's pages runs ``update`` on the
outlet just created. What lives outside the services (creating or opening the
outlet, USB detection, checking a printer's connection string or a server's
address) comes in as ports, wired in ``bootstrap.setup_service``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..domain.errors import AppError, ValidationError
from ..domain.print_faults import PrinterFault
from ..i18n import LANGUAGES, Msg
from .auth import AuthService, UserSession, check_password, check_username
from .enrolment import EnrolmentService
from .preferences import Preferences
from .printing import PrintService
from .scale import ScaleService
from .setup_scale import ScaleFinding, ScalePorts, check_scale, scale_step

Problems = list[tuple[str, str]]


@dataclass
class SetupRequest:
    """Everything a first-run setup needs: the CLI's flags, the wizard's pages."""

    outlet_number: int
    terminal: int
    manager: str
    password: str
    outlet_name: str = ""
    timezone: str = "WIB"
    server: str | None = None
    enroll_code: str | None = None
    ca_bundle: str | None = None
    provisioning_file: str | None = None
    printer: str | None = None  # a connection string, or "auto" (USB ids vs profiles)
    profile: str | None = None
    language: str | None = None
    test_print: bool = False
    scale: str | None = None  # a scale connection string, or "auto" (probe this PC)
    scale_profile: str | None = None


@dataclass(frozen=True)
class SetupStep:
    step: str  # outlet | enroll | printer | language | test_print
    ok: bool
    message: Msg
    remedy: str | None = None


class UsbFinding(Protocol):
    """One attached USB printer (``printing.detect.UsbPrinter``)."""

    @property
    def connection(self) -> str: ...
    @property
    def profiles(self) -> Sequence[str]: ...


Detect = Callable[[], tuple[Sequence[UsbFinding], str | None]]


class SetupOutlet(Protocol):
    """The outlet setup works on (``bootstrap.App``); ``close`` ends it."""

    @property
    def auth(self) -> AuthService: ...
    @property
    def enrolment(self) -> EnrolmentService: ...
    @property
    def printing(self) -> PrintService: ...
    @property
    def preferences(self) -> Preferences: ...
    @property
    def scale(self) -> ScaleService: ...
    @property
    def key_store(self) -> str | None: ...
    def close(self) -> None: ...


LATER_STEPS = frozenset({"enroll", "printer", "language", "test_print", "scale"})


def choose_usb_printer(found: Sequence[UsbFinding]) -> tuple[str, str] | None:
    """The first attached USB printer a profile knows: (connection, profile)."""
    for p in found:
        if p.profiles:
            return p.connection, p.profiles[0]
    return None


def changed_steps(before: SetupRequest, after: SetupRequest) -> set[str]:
    """Which later steps a second look at the pages (Back, change, Next) must run again."""
    changed: set[str] = set()
    if (before.server, before.enroll_code, before.provisioning_file) != \
            (after.server, after.enroll_code, after.provisioning_file):
        changed.add("enroll")
    if (before.printer, before.profile) != (after.printer, after.profile):
        changed.add("printer")
        if after.test_print:
            changed.add("test_print")
    if before.language != after.language:
        changed.add("language")
    if (before.scale, before.scale_profile) != (after.scale, after.scale_profile):
        changed.add("scale")
    if after.test_print and not before.test_print:
        changed.add("test_print")
    return changed


def check_manager(req: SetupRequest) -> Problems:
    """The first manager's user id and password rules (the wizard's page two)."""
    problems: Problems = []
    try:
        check_username(req.manager)
    except ValidationError as e:
        problems += e.problems
    try:
        check_password(req.password, req.manager)
    except ValidationError as e:
        problems += e.problems
    return problems


class SetupService:
    """``run`` and ``update`` block on the disk, the network and the printer: the wizard
    runs them off the GUI thread. The ``check_*`` methods only check the answers."""

    def __init__(self, *, data_dir: Path, create: Callable[[SetupRequest], SetupOutlet],
                 open_outlet: Callable[[], SetupOutlet], detect: Detect,
                 printer_problems: Callable[[str, str | None], Problems],
                 profile_problems: Callable[[str], Problems],
                 server_problem: Callable[[str], str | None],
                 enrol_error: type[Exception] = AppError,
                 scales: ScalePorts | None = None) -> None:
        self._data_dir, self._create, self._open = data_dir, create, open_outlet
        self._detect, self._printer_problems = detect, printer_problems
        self._profile_problems, self._server_problem = profile_problems, server_problem
        self._enrol_error = enrol_error  # the exchange's failure: reported, not raised
        self._scales = scales

    # -------------------------------------------------------------- the answers
    def find_scales(self) -> tuple[Sequence[ScaleFinding], Sequence[str]]:
        """The scales this PC has (probes its serial ports: only when the technician asks)."""
        return self._scales.detect() if self._scales is not None else ([], [])

    def check_printer(self, req: SetupRequest) -> Problems:
        """The printer's connection string and profile (the wizard's printer page)."""
        problems: Problems = []
        if req.printer and req.printer != "auto":
            problems += self._printer_problems(req.printer, req.profile)
        if req.profile and (not req.printer or req.printer == "auto"):
            problems += self._profile_problems(req.profile)
        if self._scales is not None:  # the wizard's printer page has the scale's rows too
            problems += check_scale(self._scales, req.scale, req.scale_profile)
        return problems

    def check_server(self, req: SetupRequest) -> Problems:
        """Server address and code, or a provisioning file (the wizard's server page)."""
        problems: Problems = []
        if req.provisioning_file and (req.server or req.enroll_code):
            problems.append(("provisioning_file", Msg("give either --server and "
                                                      "--enroll-code, or --provisioning-file, "
                                                      "not both")))
        elif bool(req.server) != bool(req.enroll_code):
            problems.append(("enroll_code" if req.server else "server",
                             Msg("--server and --enroll-code go together")))
        if req.server:
            why = self._server_problem(req.server)
            if why is not None:
                problems.append(("server", why))
        if req.provisioning_file and not Path(req.provisioning_file).is_file():
            problems.append(("provisioning_file", Msg("no such file: {file}",
                                                      file=req.provisioning_file)))
        if req.ca_bundle and not Path(req.ca_bundle).is_file():
            problems.append(("ca_bundle", Msg("no such file: {file}", file=req.ca_bundle)))
        return problems

    def _check_request(self, req: SetupRequest) -> None:
        """Every mistake found before anything is created, so a typo leaves no half-setup."""
        problems: Problems = []
        if req.language and req.language not in LANGUAGES:
            problems.append(("language", Msg("must be id or en")))
        problems += self.check_printer(req) + self.check_server(req)
        if problems:
            raise ValidationError(problems)

    # -------------------------------------------------------------- the setup
    def run(self, req: SetupRequest) -> list[SetupStep]:
        """Outlet, manager, enrolment, printer, language and a test print, in that order.

        Refuses (AlreadyInitialised) on a data directory that is already set up, and
        (ValidationError) on any mistake in ``req`` before creating anything. Once the
        outlet exists, a failed later step (server offline, printer off) is reported
        with its remedy and the steps after it still run.
        """
        self._check_request(req)
        outlet = self._create(req)
        steps = [SetupStep("outlet", True, Msg(
            "outlet {outlet} terminal {terminal} created in {path}; manager '{user}'; keys in "
            "{store}", outlet=str(req.outlet_number), terminal=req.terminal,
            path=self._data_dir, user=req.manager, store=outlet.key_store or "-"))]
        try:
            session = outlet.auth.login(req.manager, req.password)
            steps += self._later_steps(outlet, session, req, LATER_STEPS)
        finally:
            outlet.close()
        return steps

    def update(self, before: SetupRequest, after: SetupRequest) -> list[SetupStep]:
        """After ``run``: the steps whose answers changed (printer, enrolment, language,
        test print) again, on the outlet just created. The outlet and the manager stay."""
        if (before.outlet_number, before.terminal, before.manager, before.password) != \
                (after.outlet_number, after.terminal, after.manager, after.password):
            raise ValidationError(("manager", Msg("the outlet and its manager are created; "
                                                  "they cannot be changed here")))
        self._check_request(after)
        parts = changed_steps(before, after)
        if not parts:
            return []
        outlet = self._open()
        try:
            session = outlet.auth.login(after.manager, after.password)
            return self._later_steps(outlet, session, after, parts)
        finally:
            outlet.close()

    def _later_steps(self, outlet: SetupOutlet, session: UserSession, req: SetupRequest,
                     parts: frozenset[str] | set[str]) -> list[SetupStep]:
        steps: list[SetupStep] = []
        if "enroll" in parts and (req.server or req.provisioning_file):
            steps.append(self._enrol(outlet, session, req))
        printer_ok = outlet.printing.printer_setting() is not None and "printer" not in parts
        if "printer" in parts and req.printer:
            step = self._printer(outlet, session, req)
            printer_ok = step.ok
            steps.append(step)
        if "language" in parts and req.language:
            outlet.preferences.save_language(session, req.language)
            steps.append(SetupStep("language", True, Msg("language: {lang}",
                                                         lang=req.language)))
        if "test_print" in parts and req.test_print:
            steps.append(self._test_print(outlet, session, printer_ok))
        if "scale" in parts and req.scale and self._scales is not None:
            got = scale_step(outlet.scale, session, self._scales, req.scale, req.scale_profile)
            steps.append(SetupStep("scale", got.ok, got.message, got.remedy))
        return steps

    def _enrol(self, outlet: SetupOutlet, session: UserSession,
               req: SetupRequest) -> SetupStep:
        try:
            if req.provisioning_file:
                got = outlet.enrolment.offline(session, Path(req.provisioning_file))
            else:
                ca_pem = Path(req.ca_bundle).read_text() if req.ca_bundle else None
                got = outlet.enrolment.online(session, server=str(req.server),
                                              code=str(req.enroll_code), ca_pem=ca_pem,
                                              ca_path=req.ca_bundle)
        except self._enrol_error as e:
            return SetupStep("enroll", False, Msg("not enrolled: {why}",
                                                  why=getattr(e, "message", "")),
                             Msg("when the server is reachable: outlet-pos enroll "
                                 "--server URL --code CODE --user {user}", user=req.manager))
        return SetupStep("enroll", True, Msg("enrolled as device {device}",
                                             device=got.device_id))

    def _printer(self, outlet: SetupOutlet, session: UserSession,
                 req: SetupRequest) -> SetupStep:
        connection, profile = str(req.printer), req.profile
        if connection == "auto":
            found, problem = self._detect()
            chosen = choose_usb_printer(found)
            if chosen is None:
                return SetupStep("printer", False, Msg(
                    "no USB printer with a known profile was found{why}",
                    why=f" ({problem})" if problem else ""),
                    Msg("plug the printer in and switch it on, or name it: --printer "
                        "usb:VID:PID --profile NAME (see outlet-pos printer list)"))
            connection, profile = chosen[0], profile or chosen[1]
        p = outlet.printing.configure(session, connection, profile)
        return SetupStep("printer", True, Msg("printer {connection} as {profile}",
                                              connection=p.connection,
                                              profile=p.profile_name))

    def _test_print(self, outlet: SetupOutlet, session: UserSession,
                    printer_ok: bool) -> SetupStep:
        if not printer_ok:
            return SetupStep("test_print", False, Msg("no test page: no printer is set up"),
                             Msg("choose one: outlet-pos printer use CONNECTION --profile "
                                 "NAME, then outlet-pos printer test"))
        try:
            p = outlet.printing.test_page(session)
        except PrinterFault as f:
            return SetupStep("test_print", False, Msg(
                "the test page was not printed: {problem} ({detail})",
                problem=f.message, detail=f.detail), f.remedy)
        return SetupStep("test_print", True, Msg(
            "the test page went to {connection}: check on paper that the barcode and QR "
            "scan and the accents print", connection=p.connection))
