"""The one error type a user can meet, and the errors that are the user's to fix.

Every error a clerk, manager or technician can meet is an ``AppError``: a
translatable message (a ``Msg``: what happened), a remedy (a ``Msg``: what to
do or what to run) and whose fault it is, as the CLI's exit code: 2 a user's
mistake, 1 a fault of the machine, the disk or the data. One formatter
(``outlet_pos.i18n.errors``) turns it into text for the CLI and the GUI alike.

Messages never quote the offending value: it may be personal data.
"""

from __future__ import annotations

from typing import ClassVar

EXIT_FAULT, EXIT_USER = 1, 2
# What a fault met at start-up is about (``AppError.about``): the fault screen's headline.
ABOUT_KEYS, ABOUT_SCHEMA, ABOUT_MISSING, ABOUT_LOCKED, ABOUT_DAMAGED = (
    "keys", "schema", "missing", "locked", "damaged")


class AppError(Exception):
    """An error with a message a person can read and a remedy saying what to do.

    ``message`` and ``remedy`` are English templates (``Msg``) translated where shown;
    a subclass may set ``default_remedy`` for the remedy that always applies to it.
    ``exit_code`` is ``EXIT_FAULT`` (1) unless the subclass is the user's to fix.
    ``about`` (one of the ``ABOUT_*``, or "") says which part of the outlet's data failed,
    so a screen can tell the faults apart without importing where they are raised.
    """

    exit_code: ClassVar[int] = EXIT_FAULT
    default_remedy: ClassVar[str] = ""
    about: str = ""

    def __init__(self, message: str = "", *, remedy: str | None = None) -> None:
        super().__init__(message)
        self.message: str = message
        self.remedy: str = self.default_remedy if remedy is None else remedy


class DomainError(AppError):
    """Base for errors that are the user's to fix (CLI exit code 2)."""

    exit_code: ClassVar[int] = EXIT_USER


class ValidationError(DomainError):
    """One or more fields are invalid.

    ``problems`` is a list of (field, message) pairs; ``field`` is a dotted path
    such as ``recipient.phone`` so a form can show the message at the field.
    """

    def __init__(self, problems: list[tuple[str, str]] | tuple[str, str]) -> None:
        if isinstance(problems, tuple):
            problems = [problems]
        self.problems: list[tuple[str, str]] = list(problems)
        super().__init__("; ".join(f"{f}: {m}" for f, m in self.problems))

    @property
    def fields(self) -> list[str]:
        return [f for f, _ in self.problems]

    def prefixed(self, prefix: str) -> ValidationError:
        """The same problems with ``prefix.`` in front of every field name."""
        return ValidationError([(f"{prefix}.{f}", m) for f, m in self.problems])


def collect(problems: list[tuple[str, str]]) -> None:
    """Raise one ValidationError carrying every problem, if there are any."""
    if problems:
        raise ValidationError(problems)
