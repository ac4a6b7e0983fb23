"""The facts the doctor's checks judge, as the storage, sync and printing probes find them.

Plain data (counts, ages, paths, error classes; never personal data or secrets), so the
probes in storage/, sync/ and printing/ can fill them without importing the services,
and ``services.doctor`` judges them without importing a probe.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DbFacts:
    exists: bool
    problems: tuple[str, ...] = ()  # PRAGMA integrity_check lines other than "ok"
    unreadable: str | None = None  # the error class when SQLite cannot read the file at all
    locked: bool = False  # another program holds it: not damage, nothing to restore
    revision: str | None = None
    head: str = ""
    known_revisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyFacts:
    store: str  # a description of the key store
    problem: str | None = None  # why the keys cannot be used (English template, no secrets)
    rows_checked: int = 0  # encrypted fields decrypted as a canary
    edited_users: tuple[str, ...] = ()  # user records whose seal fails (edited in SQL)


@dataclass(frozen=True)
class BackupFacts:
    newest: datetime | None = None  # the newest backup file that exists, and its time
    newest_file: str | None = None
    restorable: str | None = None  # the newest daily backup this PC's backup key opens


@dataclass(frozen=True)
class PrinterFacts:
    ok: bool
    fault: str | None = None  # a domain.print_faults.FaultKind value
    detail: str = ""


@dataclass(frozen=True)
class ServerFacts:
    ok: bool
    kind: str | None = None  # tls | transient | config | auth | invalid (sync.errors)
    message: str = ""
    skew_s: int | None = None  # our clock minus the server's, in seconds
