"""One way to tell a person about an error, for the command line and the counter window alike.

``describe(e)`` turns any exception into an ``ErrorText``: what happened and what to do,
in the user's language, and the CLI's exit code. The GUI shows ``screen_text()``, the
CLI prints ``terminal_lines()``: the same message and the same remedy in both.

- An ``AppError`` shows its own message and remedy (templates naming no personal data);
  a ``ValidationError`` names each field by its label as the screen shows it.
- An ``OSError`` shows the system's text for it and the file it was about.
- Anything else shows only its type: its text may quote personal data. ``log_details``
  puts the type and the traceback, never the text, in the log for support.

Pure: no Qt, no I/O beyond the logger it is handed.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass

from ..domain.errors import EXIT_FAULT, AppError, ValidationError
from . import Msg, tr
from .fields import field_label


@dataclass(frozen=True)
class Problem:
    """One field's problem: its key, its label on the screen (None if it has none), the
    translated message."""

    key: str
    label: str | None
    message: str


@dataclass(frozen=True)
class ErrorText:
    """An error as a person reads it, already translated."""

    message: str
    remedy: str
    exit_code: int
    problems: tuple[Problem, ...] = ()

    def remedy_line(self) -> str:
        return tr("What to do: {remedy}", remedy=self.remedy) if self.remedy else ""

    def screen_text(self) -> str:
        """For a page or a dialog: each field's problem on its own line by its label,
        else the message; then what to do."""
        lines = [f"{p.label}: {p.message}" if p.label else p.message for p in self.problems]
        lines = lines or [self.message]
        if self.remedy:
            lines.append(self.remedy_line())
        return "\n".join(lines)

    def terminal_lines(self) -> list[str]:
        """For standard error: each problem with its label and the key as the JSON file or
        the option names it ("HP penerima - recipient.phone: ..."; ASCII between them, as a
        Windows console may not have a dash), else the message; then what to do."""
        lines = [f"{p.label} - {p.key}: {p.message}" if p.label else f"{p.key}: {p.message}"
                 for p in self.problems] or [self.message]
        if self.remedy:
            lines.append(self.remedy_line())
        return lines


def _text(value: object) -> str:
    """A Msg or English template translated; any other text as it is."""
    return tr(value) if isinstance(value, str) else ""


def describe(e: BaseException) -> ErrorText:
    """The message, the remedy and the exit code for any exception (see the module)."""
    if isinstance(e, ValidationError):
        problems = tuple(Problem(key, field_label(key), tr(msg)) for key, msg in e.problems)
        return ErrorText("; ".join(f"{p.label}: {p.message}" if p.label else p.message
                                   for p in problems), "", e.exit_code, problems)
    if isinstance(e, AppError):
        # ``message``/``remedy`` may be properties of a subclass (PrinterFault's are).
        message = getattr(e, "message", None) or (e.args[0] if e.args else "")
        return ErrorText(_text(message) or type(e).__name__,
                         _text(getattr(e, "remedy", "")), e.exit_code)
    if isinstance(e, KeyboardInterrupt):
        return ErrorText(tr(Msg("interrupted")), "", EXIT_FAULT)
    if isinstance(e, OSError):
        where = f": {e.filename}" if e.filename else ""
        return ErrorText(f"{e.strerror or type(e).__name__}{where}", "", EXIT_FAULT)
    return ErrorText(tr(Msg("unexpected error ({error}); details are in the log",
                            error=type(e).__name__)), "", EXIT_FAULT)


def log_details(e: BaseException, log: logging.Logger) -> None:
    """What support needs, without personal data: a fault's English message when it is one
    of our templates, an OSError's number, else only the type and where it was raised."""
    if isinstance(e, ValidationError | KeyboardInterrupt):
        return  # the user's to fix; nothing for support
    if isinstance(e, AppError):
        if e.exit_code == EXIT_FAULT:
            message = getattr(e, "message", "")
            # Only our templates are known to name no personal data; other text (a
            # server's answer, an f-string) stays out of the log.
            log.error("%s: %s", type(e).__name__,
                      message if isinstance(message, Msg) else "(text not logged)")
        return
    if isinstance(e, OSError):
        log.error("OS error %s (%s)", type(e).__name__, e.errno)
        return
    log.error("unexpected %s at\n%s", type(e).__name__,
              "".join(traceback.format_tb(e.__traceback__)))
