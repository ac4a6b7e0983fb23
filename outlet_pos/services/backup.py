"""Backups: daily, rotated, on demand, portable (keys included) — and restore with checks.

Restore sits inside the trust boundary (issue 16): it needs a technician's or a
manager's log-in on the current database (a ``RestoreGrant``), or, where that
database cannot be opened, a log-in found in the backup itself or the portable
backup's passphrase. Before anything is replaced it says what the current database
holds that the backup lacks (``Losses``) and goes on only when that is confirmed;
unsent events are never left behind unless they were exported first. The restore is
audited in the restored database, and an outlet that may have gone back behind what
the server has seen holds its sync until a technician confirms (``confirm_restore``).

The storage adapter (``storage.backup_restore.SqliteRestores``) takes the consistent
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
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Protocol

from ..domain import roles
from ..domain.backup_records import (
    BackupError,
    BackupInfo,
    RestoreGrant,
    RestorePlan,
    RestoreRefused,
    RestoreReport,
    RestoreStamp,
)
from ..domain.roles import Action, Role
from ..domain.stored_settings import RESTORE_UNCONFIRMED
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


class BackupStore(Protocol):
    def write(self, dest: Path, created_at: datetime,
              passphrase: str | None) -> BackupInfo: ...
    def record(self, at: datetime, path: Path) -> None: ...
    def last_backup(self) -> datetime | None: ...
    def restore(self, path: Path, *, force: bool, passphrase: str | None,
                moved_at: datetime, stamp: RestoreStamp | None = None) -> RestoreReport: ...
    def plan(self, path: Path, passphrase: str | None) -> RestorePlan: ...
    def current_state(self) -> str: ...
    def backup_login(self, path: Path, passphrase: str | None, username: str,
                     password: str) -> str | None: ...


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

    # ------------------------------------------------------------------ restore
    def authorise_restore(self, session: UserSession) -> RestoreGrant:
        """A log-in on the current database: a technician or a manager (a refusal is
        audited there)."""
        require(self._uow, session, Action.RESTORE)
        return RestoreGrant(session.username, session.role.value, "login")

    def authorise_from_backup(self, path: Path, username: str, password: str,
                              passphrase: str | None = None) -> RestoreGrant:
        """Where the current database cannot be opened: a technician's or manager's log-in
        as the backup itself holds it (the file opens only with this PC's backup key or
        the portable passphrase)."""
        role = self._store.backup_login(path, passphrase, username, password)
        if role is None:
            raise RestoreRefused(Msg("wrong user id or password"))
        roles.require(Role(role), Action.RESTORE)
        return RestoreGrant(username, role, "backup_login")

    def current_state(self) -> str:
        """none | readable | damaged: what a restore here would replace."""
        return self._store.current_state()

    def plan_restore(self, path: Path, passphrase: str | None = None) -> RestorePlan:
        """Open and check ``path`` and compare it with the current database; changes nothing."""
        return self._store.plan(path, passphrase)

    def restore(self, path: Path, *, grant: RestoreGrant | None = None, force: bool = False,
                passphrase: str | None = None, confirm: bool = False,
                export_unsent: Path | None = None,
                plan: RestorePlan | None = None) -> RestoreReport:
        """Replace the outlet database with the backup in ``path`` — only with a grant (or
        a portable passphrase where no database can be opened here), only with ``confirm``
        when the current database holds what the backup lacks, and never leaving unsent
        events behind unless ``export_unsent`` saves them first (an encrypted backup of the
        current database, which restores like any other). ``plan`` is the check already
        shown (else it is made here); the store refuses if the current database changed
        since."""
        if plan is None or plan.path != path:
            plan = self._store.plan(path, passphrase)
        if grant is None:
            if plan.current == "readable" or not plan.portable:
                raise RestoreRefused(Msg(
                    "a restore needs the log-in of a technician or a manager: --user NAME"))
            grant = RestoreGrant(None, None, "passphrase")  # the passphrase opened it
        exported = None
        if plan.needs_confirm:
            # Unsent events of a database that opens can be sent or saved first; where it does
            # not open (a lost key) they can be neither, and stay in the copy set aside.
            if plan.losses.unsent and export_unsent is None and grant.how == "login":
                raise RestoreRefused(Msg(
                    "the current database has {n} events the server has not received yet, "
                    "and the backup lacks them; nothing was changed. Send them first "
                    "(outlet-pos sync --once), or save them with --export-unsent FILE",
                    n=plan.losses.unsent))
            if not confirm:
                raise RestoreRefused(Msg(
                    "restoring this backup loses what the current database has and the backup "
                    "lacks (listed above); nothing was changed. Add --confirm to restore "
                    "anyway"))
            if plan.losses.unsent and export_unsent is not None and grant.how == "login":
                exported = self._store.write(export_unsent, self._clock(), None).path
        now = self._clock()
        details: dict[str, object] = {
            "how": grant.how, "role": grant.role,
            "backup": {"kind": "portable" if plan.portable else "daily",
                       "created_at": plan.created_at.isoformat(),
                       "file": path.name if _NAME.match(path.name) else None,
                       "shipments": plan.counts.get("shipments", 0)},
            "current": plan.current, "lost": plan.losses.summary(),
            "unsent_exported": exported is not None}
        # Behind what the server may have seen: held until a technician has looked (with no
        # database here, only where the restored outlet is enrolled).
        hold = plan.current != "readable" or plan.losses.blocking or plan.losses.server_rows > 0
        report = self._store.restore(path, force=force, passphrase=passphrase, moved_at=now,
                                     stamp=RestoreStamp(grant.actor, details, hold,
                                                        plan.losses if plan.current ==
                                                        "readable" else None))
        log.info("restored a backup of outlet %s terminal %s (%s shipments) by %s", report.outlet,
                 report.terminal, report.counts.get("shipments"), grant.how)
        return RestoreReport(**{**report.__dict__, "exported": exported})

    def held_restore(self) -> dict[str, object] | None:
        """The restore that holds sync (when, by whom, which backup), or None."""
        if self._uow is None:
            return None
        with self._uow() as uow:
            return RESTORE_UNCONFIRMED.read(uow.meta)

    def confirm_restore(self, session: UserSession) -> bool:
        """A technician (or manager) has checked the restored outlet: sync may go on. False
        when nothing was held."""
        require(self._uow, session, Action.RESTORE)
        assert self._uow is not None
        with self._uow(write=True) as uow:
            held = RESTORE_UNCONFIRMED.read(uow.meta)
            if not held:
                return False
            uow.audit.append(session.username, "restore_confirmed", None,
                             {"restored": held.get("at")})
            RESTORE_UNCONFIRMED.clear(uow.meta)
            uow.commit()
        return True
