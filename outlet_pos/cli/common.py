"""What every CLI command shares: opening the app, logging in, printing, exit codes.

Exit codes: 0 ok, 2 a user's mistake (the message names the field), 1 anything
else. Every error is told as the counter window tells it (``outlet_pos.i18n.errors``):
its message, then what to do. A user's mistake never prints a traceback; unexpected
errors print one line and log the details (without personal data) for support.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import getpass
import json
import logging
import signal
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from ..bootstrap import App, open_app
from ..config import Settings
from ..domain.errors import EXIT_FAULT, EXIT_USER, ValidationError
from ..i18n import Msg, tr
from ..i18n.errors import describe, log_details
from ..services.auth import UserSession

log = logging.getLogger("outlet_pos.cli")
EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, EXIT_FAULT, EXIT_USER


class Stdin:
    """Lines of standard input handed out one at a time (passwords, then data)."""

    def __init__(self) -> None:
        self._lines: Iterator[str] | None = None

    def line(self, what: str) -> str:
        if self._lines is None:
            self._lines = iter(sys.stdin.readline, "")
        try:
            return next(self._lines).rstrip("\r\n")
        except StopIteration:
            raise ValidationError(
                (what, Msg("expected on standard input, but input ended"))) from None


STDIN = Stdin()


def read_password(args: argparse.Namespace, prompt: str, what: str = "password") -> str:
    if getattr(args, "password_stdin", False):
        return STDIN.line(what)
    if not sys.stdin.isatty():
        raise ValidationError((what, Msg("needs a terminal to prompt; or use --password-stdin")))
    return getpass.getpass(prompt)


def settings_of(args: argparse.Namespace) -> Settings:
    return Settings.load(args.data_dir)


def with_app(args: argparse.Namespace, fn: Callable[[App], int]) -> int:
    app = open_app(settings_of(args))
    try:
        return fn(app)
    finally:
        app.close()


def login(app: App, args: argparse.Namespace) -> UserSession:
    return login_with_password(app, args)[0]


def login_with_password(app: App, args: argparse.Namespace) -> tuple[UserSession, str]:
    """The session, and the password just typed (for a service that re-checks it)."""
    if not args.user:
        raise ValidationError(("user", Msg("is required for this command: --user NAME")))
    password = read_password(args, tr("Password for {user}: ", user=args.user))
    return app.auth.login(args.user, password), password


def parse_day(value: str | None, field: str = "date") -> date | None:
    """``--date YYYY-MM-DD``; None means the business day of now."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError((field, Msg("must be a date like 2026-11-25"))) from None


def _jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, date | datetime):
        return obj.isoformat()
    return str(obj)


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_jsonable)
    sys.stdout.write("\n")


def problem_line(field: str, message: str) -> str:
    """A field's problem for the command line, as ``run_guarded`` prints it: the label the
    screen uses, then the key ("HP penerima - recipient.phone: ...")."""
    return describe(ValidationError((field, message))).terminal_lines()[0]


def fail(message: str, code: int) -> int:
    print(f"outlet-pos: {tr(message)}", file=sys.stderr)
    return code


def run_guarded(fn: Callable[[], int]) -> int:
    """Run a command and turn every error into its message, its remedy and its exit code
    (``outlet_pos.i18n.errors.describe``: the same words the counter window shows)."""
    try:
        return fn()
    except (Exception, KeyboardInterrupt) as e:
        log_details(e, log)
        told = describe(e)
        for line in told.terminal_lines():
            print(f"outlet-pos: {line}", file=sys.stderr)
        return told.exit_code


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM raise KeyboardInterrupt inside the ``with``, whatever the
    process inherited: a program started in the background by a shell without job control
    (``cmd &`` in a script) begins with SIGINT ignored, and Python then installs no handler
    for it, so Ctrl-C or ``kill -INT`` would not stop a virtual device."""
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
