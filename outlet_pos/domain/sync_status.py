"""The sync status the GUI's status bar and ``outlet-pos sync status`` show (a row the sync
front hands up from the worker: no network or storage type in it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..i18n import tr


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    online: bool | None  # None: not tried yet in this process
    queue_depth: int
    parked: int
    oldest_unsent_age: timedelta | None
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    clock_skew_s: int | None
    drain_sent: int = 0  # progress of the backlog being drained now
    drain_total: int = 0
    stale_after: timedelta = timedelta(hours=24)
    # This PC's own database failed (cannot be read or written): the message, a Msg. Then
    # the counts above are unknown or stale, and nothing may read as "all sent".
    local_error: str | None = None

    @property
    def stale(self) -> bool:
        """The warning: something has waited longer than the configured age."""
        return self.oldest_unsent_age is not None and self.oldest_unsent_age > self.stale_after

    @property
    def draining(self) -> bool:
        return self.drain_total > 0 and self.drain_sent < self.drain_total


def age_text(age: timedelta | None) -> str:
    """How long something has waited, as a clerk reads it: 5 min, 3 h, 2 days."""
    if age is None:
        return ""
    minutes = int(age.total_seconds() // 60)
    if minutes < 60:
        return tr("{n} min", n=minutes)
    if minutes < 48 * 60:
        return tr("{n} h", n=str(minutes // 60))
    return tr("{n} days", n=str(minutes // 1440))
