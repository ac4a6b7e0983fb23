"""Key rotation, audit verification and listing, and retention (crypto-shredding)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ..domain.errors import ValidationError
from ..domain.records import RetentionResult
from ..domain.roles import Action, allowed
from ..i18n import Msg
from .auth import UserSession
from .ports import Clock, UnitOfWorkFactory
from .refusals import require

DEFAULT_RETENTION_DAYS = 90
MASK = "•••"


class AdminService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock,
                 after_shred: Callable[[], None] = lambda: None) -> None:
        self._uow = uow
        self._clock = clock
        self._after_shred = after_shred  # e.g. a WAL checkpoint, so old pages leave the log

    def rotate_keys(self, session: UserSession) -> str:
        require(self._uow, session, Action.ROTATE_KEYS)
        with self._uow(write=True) as uow:
            new_id = uow.keys.rotate(self._clock())
            uow.audit.append(session.username, "keys_rotated", None, {"master_key_id": new_id})
            uow.commit()
        return new_id

    def verify_audit(self, session: UserSession) -> Any:
        require(self._uow, session, Action.VERIFY_AUDIT)
        with self._uow() as uow:
            report = uow.audit.verify()
            edited = [u.username for u in uow.users.all() if not u.intact]
        if edited and report.ok:  # the chain holds, but who-may-do-what was edited in SQL
            report = dataclasses.replace(report, ok=False, reason=Msg(
                "user records changed outside Outlet POS: {users}", users=", ".join(edited)))
        return report

    def audit_entries(self, session: UserSession, action: str | None = None,
                      limit: int | None = None) -> list[dict[str, Any]]:
        """The audit rows, oldest first, typed text decrypted (gone where retention shredded
        it). That text is what a customer said: a role that may not view personal data sees
        it masked; a role that may sees it, and that reading is audited like any view of
        personal data."""
        require(self._uow, session, Action.VERIFY_AUDIT)
        shown = allowed(session.role, Action.VIEW_PERSONAL)
        with self._uow(write=shown) as uow:
            rows = uow.audit.entries(action, limit)
            typed = sum(1 for r in rows if r["typed"])
            if shown and typed:
                uow.audit.append(session.username, "audit_read", action,
                                 {"rows": len(rows), "with_text": typed})
                uow.commit()
        if not shown:
            for r in rows:
                r["details"] = {k: MASK if k in r["typed"] else v
                                for k, v in r["details"].items()}
        return rows

    def run_retention(self, session: UserSession,
                      days: int = DEFAULT_RETENTION_DAYS) -> RetentionResult:
        require(self._uow, session, Action.RUN_RETENTION)
        if not 1 <= days <= 3650:
            raise ValidationError(("days", Msg("must be between {lo} and {hi} {unit}", lo=1,
                                               hi=3650, unit=Msg("days"))))
        now = self._clock()
        with self._uow(write=True) as uow:
            result = uow.keys.retention(now - timedelta(days=days), now)
            uow.customer_requests.purge_expired(now)  # corrections' old values, expired or orphaned
            uow.audit.append(session.username, "retention_run", None, {
                "days": days, "shredded": result.shipments_shredded,
                "held_unsynced": result.held_unsynced, "keys_destroyed": result.keys_destroyed})
            uow.commit()
        self._after_shred()
        return result
