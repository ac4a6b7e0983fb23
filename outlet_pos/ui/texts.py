"""Turning service errors into the text a clerk reads, in the chosen language.

Problems of a ValidationError are named by the field's label as the screen shows it
(``outlet_pos.i18n.fields``), never by the service's internal key.
"""

from __future__ import annotations

from ..domain.errors import DomainError, ValidationError
from ..i18n import tr
from ..i18n.fields import problem_text
from ..sync.errors import SyncError


def error_text(e: Exception) -> str:
    if isinstance(e, ValidationError):
        return "\n".join(problem_text(field, msg) for field, msg in e.problems)
    if isinstance(e, SyncError):
        return tr(e.message)
    if isinstance(e, DomainError):
        first = e.args[0] if e.args else ""
        return tr(first) if isinstance(first, str) else str(e)
    # An unexpected error's message may quote data: show only its kind.
    return tr("unexpected error ({error}); details are in the log", error=type(e).__name__)
