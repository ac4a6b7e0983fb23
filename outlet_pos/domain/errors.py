"""Errors a user can cause, each naming the field at fault and the fix.

Messages never quote the offending value: it may be personal data.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base for errors that are the user's to fix (CLI exit code 2)."""


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
