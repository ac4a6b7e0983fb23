"""What every CLI command shares: opening the app, logging in, printing, exit codes.

Exit codes: 0 ok, 2 a user's mistake (the message names the field), 1 anything
else. A user's mistake never prints a traceback; unexpected errors print one
line and log the details (without personal data) for support.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from ..bootstrap import App, open_app
from ..config import Settings
from ..domain.errors import DomainError, ValidationError
from ..i18n import Msg, tr
from ..i18n.fields import field_label
from ..services.auth import UserSession
from ..storage.crypto import TamperedData
from ..storage.database import AlreadyInitialised, NotInitialised
from ..storage.faults import StorageFault
from ..storage.keystore import KeyStoreError
from ..storage.schema import SchemaTooNew

log = logging.getLogger("outlet_pos.cli")
EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2


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
    """A field's problem for the command line: the label the screen uses, then the key as
    the JSON file or the option names it ("HP penerima - recipient.phone: ..."); ASCII
    between them, as a Windows console may not have a dash."""
    label = field_label(field)
    return f"{label} - {field}: {tr(message)}" if label else f"{field}: {tr(message)}"


def fail(message: str, code: int) -> int:
    print(f"outlet-pos: {tr(message)}", file=sys.stderr)
    return code


def _message(e: BaseException) -> str:
    """The exception's own Msg (translatable) when it has one."""
    first = e.args[0] if e.args else ""
    return first if isinstance(first, str) else str(e)


def run_guarded(fn: Callable[[], int]) -> int:
    """Run a command and turn every error into a message and an exit code."""
    try:
        return fn()
    except ValidationError as e:
        for field, message in e.problems:
            print(f"outlet-pos: {problem_line(field, message)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except StorageFault as e:  # the disk's fault, not the user's input: exit 1
        return fail(_message(e), EXIT_FAIL)
    except DomainError as e:
        return fail(_message(e), EXIT_BAD_INPUT)
    except (NotInitialised, AlreadyInitialised, KeyStoreError, SchemaTooNew) as e:
        return fail(_message(e), EXIT_FAIL)
    except TamperedData as e:
        log.error("integrity failure: %s", e)
        return fail(Msg("integrity check failed: {reason}. Nothing was changed; run "
                        "'outlet-pos audit verify' and call support.", reason=tr(_message(e))),
                    EXIT_FAIL)
    except KeyboardInterrupt:
        return fail(Msg("interrupted"), EXIT_FAIL)
    except OSError as e:
        log.error("OS error %s (%s)", type(e).__name__, e.errno)
        return fail(f"{e.strerror or type(e).__name__}"
                    f"{f': {e.filename}' if e.filename else ''}", EXIT_FAIL)
    except Exception as e:
        # Only the type goes to the screen and the log: an unexpected message may quote data.
        log.error("unexpected %s at\n%s", type(e).__name__,
                  "".join(traceback.format_tb(e.__traceback__)))
        return fail(Msg("unexpected error ({error}); details are in the log",
                        error=type(e).__name__), EXIT_FAIL)
