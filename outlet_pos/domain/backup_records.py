"""What a backup and a restore are, as data: the errors, what a backup holds, what a
restore would lose, the plan and the report, and the stamp written into a restored image.

Shared by the backup service (which decides) and the storage adapter that copies,
encrypts and restores the database (``storage.backup_*``, ``storage.restore_check``),
so neither imports the other. Waybills, counts and user names only: no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..i18n import Msg
from .errors import DomainError

SHOWN = 20  # waybills named in a loss list and its audit row; the rest are counted
SYNC_HELD = Msg("this outlet was restored from a backup that may be older than what the "
                "server has; sync is held until a technician checks it and runs "
                "outlet-pos confirm-restore --user NAME")


class BackupError(DomainError):
    """A backup that cannot be made or restored; the message says why and what to do."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    db_size: int
    created_at: datetime
    portable: bool
    counts: dict[str, int]
    schema: str


class RestoreRefused(BackupError):
    """A restore that stops before anything is changed (missing log-in, unconfirmed losses)."""


@dataclass(frozen=True)
class Losses:
    """What the current database holds that the backup lacks (waybills, never personal data)."""

    shipments: tuple[str, ...] = ()  # waybills
    voids: tuple[str, ...] = ()  # waybills voided here, not void in the backup
    closings: tuple[str, ...] = ()  # "YYYY-MM-DD #n"
    unsent: int = 0  # events not yet accepted by the server, absent from the backup
    sent: int = 0  # events the server already has, absent from the backup
    audit_rows: int = 0  # audit rows after the backup's last one
    server_rows: int = 0  # of those, rows the server has acknowledged: it sees the rollback

    @property
    def blocking(self) -> bool:
        """Business records lost: a restore needs confirmation."""
        return bool(self.shipments or self.voids or self.closings or self.unsent or self.sent)

    @property
    def none(self) -> bool:
        return not (self.blocking or self.audit_rows or self.server_rows)

    def summary(self) -> dict[str, object]:
        """For the audit row: counts and the first waybills."""
        return {"shipments": len(self.shipments), "waybills": list(self.shipments[:SHOWN]),
                "voids": len(self.voids), "void_waybills": list(self.voids[:SHOWN]),
                "closings": list(self.closings[:SHOWN]), "unsent": self.unsent,
                "sent": self.sent, "audit_rows": self.audit_rows,
                "server_rows": self.server_rows}


@dataclass(frozen=True)
class RestoreGrant:
    """Who lets this restore happen, and how that was proven."""

    actor: str | None  # None: the portable backup's passphrase, no user
    role: str | None
    how: str  # login | backup_login | passphrase


@dataclass(frozen=True)
class RestorePlan:
    """A checked backup and what restoring it would cost."""

    path: Path
    portable: bool
    created_at: datetime
    counts: dict[str, int]
    current: str  # none | readable | damaged (then what it holds cannot be listed)
    losses: Losses = field(default_factory=Losses)

    @property
    def needs_confirm(self) -> bool:
        return self.current == "readable" and self.losses.blocking


@dataclass(frozen=True)
class RestoreReport:
    outlet: str
    terminal: str
    schema: str
    counts: dict[str, int]
    decrypted: int  # personal fields decrypted as a check
    created_at: datetime
    replaced: Path | None  # where the database that was there before was kept
    held: bool = False  # sync held until a technician confirms (confirm_restore)
    exported: Path | None = None  # where the current database's unsent events were saved


@dataclass(frozen=True)
class RestoreStamp:
    """What the store writes into the restored image before it replaces anything: the
    audit row, the sync hold, and a check that the losses are still those accepted."""

    actor: str | None
    details: dict[str, object]
    hold: bool
    accepted: Losses | None  # None: the current database could not be read
