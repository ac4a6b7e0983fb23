"""Backups: daily, rotated, on demand, portable (keys included) — and restore with checks.

The storage adapter (``storage.backup_file.SqliteBackups``) takes the consistent
copy, encrypts and writes it; this service decides names, when one is due and
which old ones go. Daily backups live in ``<data dir>/backups`` as
``outlet-<outlet>-<terminal>-<YYYYMMDD-HHMMSS>.opbk`` (the outlet's local time);
rotation keeps the newest of each of the last ``KEEP_DAILY`` days and of each of
the ``KEEP_WEEKLY`` ISO weeks before them. Files given with ``--to`` are the technician's to keep.

Thread contract: ``backup_if_due`` may run on any thread but the GUI's; it
opens its own SQLite connections.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Protocol

from ..domain.errors import DomainError
from ..domain.roles import Action
from ..i18n import Msg
from .auth import UserSession
from .ports import UnitOfWorkFactory
from .refusals import require

log = logging.getLogger(__name__)
KEEP_DAILY = 7
KEEP_WEEKLY = 4
DUE_AFTER = timedelta(hours=20)  # "daily", without creeping later each day
MIN_PASSPHRASE = 10
SUFFIX = ".opbk"
_NAME = re.compile(r"^outlet-\d+-\d+-(\d{8}-\d{6})\.opbk$")


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


@dataclass(frozen=True)
class RestoreReport:
    outlet: str
    terminal: str
    schema: str
    counts: dict[str, int]
    decrypted: int  # personal fields decrypted as a check
    created_at: datetime
    replaced: Path | None  # where the database that was there before was kept


class BackupStore(Protocol):
    def write(self, dest: Path, created_at: datetime,
              passphrase: str | None) -> BackupInfo: ...
    def record(self, at: datetime, path: Path) -> None: ...
    def last_backup(self) -> datetime | None: ...
    def restore(self, path: Path, *, force: bool, passphrase: str | None,
                moved_at: datetime) -> RestoreReport: ...


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(Msg("the passphrase must be at least {n} characters", n=MIN_PASSPHRASE))


def keep(backups: list[tuple[Path, datetime]], daily: int = KEEP_DAILY,
         weekly: int = KEEP_WEEKLY) -> set[Path]:
    """Which backups rotation keeps: the newest of each of the last ``daily`` days with a
    backup, then the newest of each of the ``weekly`` ISO weeks before those."""
    kept: set[Path] = set()
    days: list[date] = []
    weeks: list[tuple[int, int]] = []
    for path, at in sorted(backups, key=lambda x: x[1], reverse=True):
        day = at.date()
        if day in days:
            continue  # an older backup of a day already kept
        if len(days) < daily:
            days.append(day)
            kept.add(path)
            continue
        week = tuple(at.isocalendar())[:2]
        if week in weeks or week in {tuple(d.isocalendar())[:2] for d in days}:
            continue
        if len(weeks) < weekly:
            weeks.append(week)  # type: ignore[arg-type]
            kept.add(path)
    return kept


class BackupService:
    def __init__(self, store: BackupStore, clock: Callable[[], datetime], backup_dir: Path,
                 label: Callable[[], str],
                 local: Callable[[datetime], datetime] = lambda d: d,
                 uow: UnitOfWorkFactory | None = None) -> None:
        self._store, self._clock, self.backup_dir, self._label = store, clock, backup_dir, label
        self._local = local  # names and rotation days in the outlet's own time zone
        self._uow = uow  # for the audit row of a portable backup (keys leave the PC)

    def _default_path(self, now: datetime) -> Path:
        stamp = self._local(now).strftime("%Y%m%d-%H%M%S")
        return self.backup_dir / f"{self._label()}-{stamp}{SUFFIX}"

    def backup(self, to: Path | None = None) -> BackupInfo:
        """A backup locked with this outlet's backup key (no passphrase); rotates the folder."""
        now = self._clock()
        info = self._store.write(to or self._default_path(now), now, None)
        self._store.record(now, info.path)
        if to is None:
            self.rotate()
        log.info("backup written: %s bytes, %s shipments", info.size,
                 info.counts.get("shipments"))
        return info

    def backup_portable(self, session: UserSession, to: Path, passphrase: str) -> BackupInfo:
        """Database and keys, locked with a passphrase: for a new PC. A manager's decision."""
        require(self._uow, session, Action.PORTABLE_BACKUP)
        check_passphrase(passphrase)
        now = self._clock()
        info = self._store.write(to, now, passphrase)
        if self._uow is not None:
            with self._uow(write=True) as uow:
                uow.audit.append(session.username, "keys_exported", None,
                                 {"why": "portable_backup", "file": info.path.name,
                                  "shipments": info.counts.get("shipments", 0)})
                uow.commit()
        self._store.record(now, info.path)
        log.info("portable backup written by %s", session.username)
        return info

    def due(self) -> bool:
        last = self._store.last_backup()
        return last is None or self._clock() - last >= DUE_AFTER

    def backup_if_due(self) -> BackupInfo | None:
        """The daily backup, when the last one is older than 20 hours (schedule hook)."""
        return self.backup() if self.due() else None

    def existing(self) -> list[tuple[Path, datetime]]:
        out = []
        if self.backup_dir.is_dir():
            for p in self.backup_dir.iterdir():
                m = _NAME.match(p.name)
                if m:
                    out.append((p, datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")))
        return out

    def rotate(self) -> list[Path]:
        found = self.existing()
        kept = keep(found)
        removed = []
        for path, _ in found:
            if path not in kept:
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed

    def restore(self, path: Path, *, force: bool = False,
                passphrase: str | None = None) -> RestoreReport:
        report = self._store.restore(path, force=force, passphrase=passphrase,
                                     moved_at=self._clock())
        log.info("restored a backup of outlet %s terminal %s (%s shipments)", report.outlet,
                 report.terminal, report.counts.get("shipments"))
        return report
