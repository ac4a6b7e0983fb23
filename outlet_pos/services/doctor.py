"""``doctor``: the checks a technician runs on an outlet PC, each with a remedy for a failure.

The checks read facts (``domain.doctor_facts``) through ``DoctorPorts``, which the
technician's commands wire from the storage, sync and printing probes, and judge them
here. They need no log-in and never crash: each check isolates its own exceptions, so a
corrupt database or a missing key becomes a failed line, not a traceback. Findings hold
counts, ages, paths and error classes, never personal data.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from ..domain.doctor_facts import BackupFacts, DbFacts, KeyFacts, PrinterFacts, ServerFacts
from ..domain.print_faults import UDEV_RULE, message_for, remedy_for
from ..domain.scale_readings import Reading
from ..domain.stored_settings import (
    CREATED_AT,
    PRINTER_CONNECTION,
    PRINTER_PROFILE,
    RESTORE_UNCONFIRMED,
    SYNC_CA_PEM,
    SYNC_DEVICE_ID,
    SYNC_LAST_SUCCESS,
    SYNC_SERVER,
)
from ..i18n import N_, Msg, tr
from .doctor_reasons import db_reason, server_reason
from .doctor_scale import scale_check

log = logging.getLogger(__name__)
OK, WARN, FAIL = "ok", "warn", "fail"
MB = 1024 * 1024
DISK_FAIL_BYTES = 300 * MB  # below this a day's bookings, backups and logs may not fit
DISK_WARN_BYTES = 1024 * MB
SKEW_WARN_S = 60
SKEW_FAIL_S = 300  # the server refuses signed requests further off (wire.MAX_SKEW_S)
BACKUP_WARN_AGE = timedelta(days=2)
BACKUP_GRACE = timedelta(days=7)  # a new outlet may run a week before "never" is a failure


class Check(StrEnum):
    DATABASE = "database"
    SCHEMA = "schema"
    KEYS = "keys"
    DISK = "disk"
    PRINTER = "printer"
    USB = "usb_permissions"
    SERVER = "server"
    CLOCK = "clock"
    UNSENT = "unsent_events"
    REFUSED = "refused_events"
    BACKUP = "backup"
    LOGS = "logs"
    SCALE = "scale"


_NEED_DB = frozenset({Check.PRINTER, Check.USB, Check.SERVER, Check.CLOCK, Check.UNSENT,
                      Check.REFUSED, Check.BACKUP, Check.SCALE})
TITLES: dict[str, str] = {  # by Check; a result names its check as a plain str
    Check.DATABASE: N_("database integrity"), Check.SCHEMA: N_("database schema"),
    Check.KEYS: N_("key store"), Check.DISK: N_("free disk"), Check.PRINTER: N_("printer"),
    Check.USB: N_("USB permissions"), Check.SERVER: N_("central server"),
    Check.CLOCK: N_("clock"), Check.UNSENT: N_("unsent events"), Check.BACKUP: N_("backup"),
    Check.REFUSED: N_("refused events"),
    Check.LOGS: N_("log directory"), Check.SCALE: N_("scale"),
}


@dataclass(frozen=True)
class CheckResult:
    check: str
    status: str  # ok | warn | fail
    finding: Msg
    remedy: Msg | None = None

    def as_dict(self) -> dict[str, str | None]:
        """The stable ``--json`` shape: texts in the chosen language."""
        return {"check": self.check, "status": self.status, "finding": tr(self.finding),
                "remedy": tr(self.remedy) if self.remedy else None}


# ------------------------------------------------------------------ the ports
class DoctorPorts(Protocol):
    data_dir: str
    platform: str

    def database(self) -> DbFacts: ...
    def keys(self) -> KeyFacts: ...
    def meta(self) -> dict[str, str]: ...
    def oldest_unsent(self) -> datetime | None: ...
    def refused_events(self) -> int: ...  # events the server refused (parked)
    def free_bytes(self) -> int: ...
    def printer(self, connection: str, profile: str | None) -> PrinterFacts: ...
    def udev_rule(self) -> str | None: ...  # the path of the installed rule, or None
    def server(self, url: str, ca_pem: str | None) -> ServerFacts: ...
    def last_backup(self) -> datetime | None: ...
    def backups(self) -> BackupFacts: ...
    def logs_writable(self) -> str | None: ...  # None when writable, else the error
    def scale(self, connection: str, profile: str | None, timeout: float) -> Reading: ...


# ------------------------------------------------------------------ the checks
def _human_bytes(n: int) -> Msg:
    """``78.7 GB`` / ``78,7 GB``: the decimal sign is the language's (the catalogue's)."""
    if n < 1024 * MB:
        return Msg("{n} MB", n=str(n // MB))
    tenths = round(n / MB / 1024 * 10)
    return Msg("{whole}.{tenth} GB", whole=str(tenths // 10), tenth=str(tenths % 10))


def _age(age: timedelta) -> Msg:
    hours = int(age.total_seconds() // 3600)
    if hours < 48:
        return Msg("{n} h", n=str(hours))
    return Msg("{n} days", n=str(hours // 24))


def summary(results: list[CheckResult], at: datetime) -> dict[str, Any]:
    """What is kept of a run (``DOCTOR_LAST``, sent in the fleet health report): each
    check's status and when; no finding's text."""
    return {"at": at.isoformat(), "checks": {r.check: r.status for r in results}}


class Doctor:
    def __init__(self, ports: DoctorPorts, clock: Callable[[], datetime],
                 stale_after: timedelta = timedelta(hours=24),
                 keep: Callable[[dict[str, Any]], None] | None = None) -> None:
        self._p, self._clock, self._stale_after = ports, clock, stale_after
        self._keep = keep  # stores the run's summary in the outlet database
        self._meta: dict[str, str] | None = None
        self._db_facts: DbFacts | None = None
        self._server_facts: ServerFacts | None = None
        self._server_asked = False

    def meta(self) -> dict[str, str]:
        if self._meta is None:
            self._meta = self._p.meta()
        return self._meta

    def run(self) -> list[CheckResult]:
        """Every check, in a fixed order; one never stops the others."""
        out = []
        db = self._db()
        db_usable = db.exists and not db.unreadable
        for name, fn in self._checks():
            if not db_usable and name in _NEED_DB:
                out.append(CheckResult(name, WARN, Msg("not checked: the database cannot be "
                                                       "read")))
                continue
            try:
                out.append(fn())
            except Exception as e:  # the check itself broke: that is a finding too
                log.error("doctor: the %s check failed with %s", name, type(e).__name__)
                out.append(CheckResult(name, FAIL, Msg(
                    "the check itself failed; the details are in the log"),
                    Msg("run outlet-pos doctor again; if it repeats, send outlet-pos logs "
                        "bundle to support")))
        if self._keep is not None and db_usable:
            try:
                self._keep(summary(out, self._clock()))
            except Exception as e:  # e.g. locked: the run's findings still stand
                log.warning("doctor: the summary was not kept (%s)", type(e).__name__)
        return out

    def _checks(self) -> list[tuple[str, Callable[[], CheckResult]]]:
        return [(Check.DATABASE, self.database), (Check.SCHEMA, self.schema),
                (Check.KEYS, self.keys), (Check.DISK, self.disk), (Check.PRINTER, self.printer),
                (Check.USB, self.usb), (Check.SERVER, self.server), (Check.CLOCK, self.clock),
                (Check.UNSENT, self.unsent), (Check.REFUSED, self.refused),
                (Check.BACKUP, self.backup), (Check.LOGS, self.logs), (Check.SCALE, self.scale)]

    def scale(self) -> CheckResult:
        return CheckResult(Check.SCALE, *scale_check(self.meta(), self._p.scale, self._p.platform))

    # -------------------------------------------------------------- database
    def _db(self) -> DbFacts:
        if self._db_facts is None:
            self._db_facts = self._p.database()
        return self._db_facts

    def database(self) -> CheckResult:
        f = self._db()
        if not f.exists:
            return CheckResult(Check.DATABASE, FAIL, Msg("no outlet database in {path}",
                                                         path=self._p.data_dir),
                               Msg("set the outlet up (outlet-pos setup) or restore a backup "
                                   "(outlet-pos restore FILE)"))
        if f.locked:
            return CheckResult(Check.DATABASE, FAIL, Msg(
                "the database is locked by another program ({what})",
                what=db_reason(f.unreadable or "")),
                Msg("close the other Outlet POS window or program that uses {path} (or restart "
                    "the PC), then run outlet-pos doctor again; the data is not damaged",
                    path=self._p.data_dir))
        if f.unreadable or f.problems:
            what = db_reason(f.unreadable) if f.unreadable else "; ".join(f.problems[:3])[:200]
            return CheckResult(Check.DATABASE, FAIL, Msg(
                "the database file is damaged ({what})", what=what),
                Msg("close Outlet POS, then restore the newest backup: outlet-pos restore "
                    "--force --user NAME FILE (the damaged file is kept aside)"))
        return CheckResult(Check.DATABASE, OK, Msg("integrity check passed"))

    def schema(self) -> CheckResult:
        f = self._db()
        if not f.exists or f.unreadable:
            return CheckResult(Check.SCHEMA, FAIL, Msg("cannot read the schema version"),
                               Msg("fix the database first (see database integrity)"))
        if f.revision is None:
            return CheckResult(Check.SCHEMA, FAIL, Msg("the database has no schema version"),
                               Msg("restore the newest backup: outlet-pos restore --force "
                                   "--user NAME FILE"))
        if f.revision == f.head:
            return CheckResult(Check.SCHEMA, OK, Msg("schema {rev} is the newest", rev=f.revision))
        if f.revision not in f.known_revisions:
            return CheckResult(Check.SCHEMA, FAIL, Msg(
                "schema {rev} was made by a newer Outlet POS (this one knows {head})",
                rev=f.revision, head=f.head),
                Msg("install the newer Outlet POS version again"))
        return CheckResult(Check.SCHEMA, WARN, Msg(
            "schema {rev} is older than {head}; it is upgraded at the next start",
            rev=f.revision, head=f.head), Msg("start Outlet POS once; back up first"))

    def keys(self) -> CheckResult:
        f = self._p.keys()
        db = self._db()
        if f.problem and f.store != "-" and db.exists and (db.unreadable or db.problems):
            # The key store opened; the damaged database kept the keys from being tried. A
            # restore of the newest backup (the database check's remedy) brings both back.
            return CheckResult(Check.KEYS, WARN, Msg(
                "the key store {store} opens; the keys were not tried, as the database is "
                "damaged", store=f.store), Msg("fix the database first (see database "
                                               "integrity)"))
        if f.problem:
            daily = self._p.backups().restorable
            if daily:  # the daily backup carries the master key, locked with the backup key
                remedy = Msg("restore the newest daily backup, which brings the keys back: "
                             "outlet-pos restore --force --user NAME {file}", file=daily)
            else:
                remedy = Msg("restore the keys with a portable backup: outlet-pos restore "
                             "--portable --force FILE (made on this outlet with backup "
                             "--portable)")
            return CheckResult(Check.KEYS, FAIL, Msg("the keys cannot be used: {why}",
                                                     why=f.problem), remedy)
        if f.edited_users:  # the keys work, and show who-may-do-what was edited in SQL
            return CheckResult(Check.KEYS, FAIL, Msg(
                "user records changed outside Outlet POS: {users}", users=", ".join(
                    f.edited_users)), Msg("those users cannot log in; keep this database as "
                                          "evidence and call support"))
        return CheckResult(Check.KEYS, OK, Msg("keys present in {store}; {n} encrypted fields "
                                               "decrypted", store=f.store, n=f.rows_checked))

    # -------------------------------------------------------------- machine
    def disk(self) -> CheckResult:
        free = self._p.free_bytes()
        finding = Msg("{free} free on the data drive", free=_human_bytes(free))
        remedy = Msg("free disk space: empty the recycle bin, remove old downloads, or move "
                     "old backups off this PC")
        if free < DISK_FAIL_BYTES:
            return CheckResult(Check.DISK, FAIL, finding, remedy)
        if free < DISK_WARN_BYTES:
            return CheckResult(Check.DISK, WARN, finding, remedy)
        return CheckResult(Check.DISK, OK, finding)

    def logs(self) -> CheckResult:
        error = self._p.logs_writable()
        if error:
            return CheckResult(Check.LOGS, FAIL, Msg("cannot write to the log directory ({error})",
                                                     error=error),
                               Msg("give this Windows/Linux user write access to {path}",
                                   path=f"{self._p.data_dir}/logs"))
        return CheckResult(Check.LOGS, OK, Msg("the log directory is writable"))

    # -------------------------------------------------------------- printer
    def _printer_setting(self) -> tuple[str | None, str | None]:
        m = self.meta()
        return PRINTER_CONNECTION.read(m), PRINTER_PROFILE.read(m)

    def printer(self) -> CheckResult:
        connection, profile = self._printer_setting()
        if not connection:
            return CheckResult(Check.PRINTER, FAIL, Msg("no printer is set up for this counter"),
                               Msg("choose one: outlet-pos printer use CONNECTION --profile NAME "
                                   "(see outlet-pos printer list)"))
        f = self._p.printer(connection, profile)
        if f.ok:
            return CheckResult(Check.PRINTER, OK, Msg("{connection} answers",
                                                      connection=connection))
        from_fault = _printer_remedy(f.fault, self._p.platform)
        return CheckResult(Check.PRINTER, FAIL, Msg("{connection}: {problem} ({detail})",
                                                    connection=connection,
                                                    problem=from_fault[0], detail=f.detail),
                           from_fault[1])

    def usb(self) -> CheckResult:
        connection, _ = self._printer_setting()
        if not connection or not connection.startswith("usb:"):
            return CheckResult(Check.USB, OK, Msg("not needed (the printer is not on direct USB)"))
        if not self._p.platform.startswith("linux"):
            return CheckResult(Check.USB, OK, Msg("no udev rule needed on this system"))
        path = self._p.udev_rule()
        if path is None:
            return CheckResult(Check.USB, FAIL, Msg("the udev rule {rule} is not installed",
                                                    rule=UDEV_RULE),
                               Msg("install the outlet-pos .deb package, or: sudo cp "
                                   "printers/udev/{rule} /etc/udev/rules.d/ && sudo udevadm "
                                   "control --reload && sudo udevadm trigger; then replug the "
                                   "printer", rule=UDEV_RULE))
        return CheckResult(Check.USB, OK, Msg("udev rule installed: {path}", path=path))

    # -------------------------------------------------------------- server and clock
    def _server(self) -> ServerFacts | None:
        if not self._server_asked:
            self._server_asked = True
            m = self.meta()
            url = SYNC_SERVER.read(m)
            self._server_facts = self._p.server(url, SYNC_CA_PEM.read(m)) \
                if url and SYNC_DEVICE_ID.read(m) else None
        return self._server_facts

    def server(self) -> CheckResult:
        f = self._server()
        if f is None:
            return CheckResult(Check.SERVER, WARN, Msg("this terminal is not enrolled; shipments "
                                                       "stay on this PC"),
                               Msg("enroll it: outlet-pos enroll --server URL --code CODE"))
        if f.ok:
            return CheckResult(Check.SERVER, OK, Msg("the server answers over a trusted "
                                                     "connection"))
        if f.kind == "tls":
            return CheckResult(Check.SERVER, FAIL, Msg(
                "the server's certificate is not trusted (expired, made for another name, "
                "not signed by the courier's CA, or this PC's date is wrong)"),
                Msg("check the date and time, then enroll again with the courier's CA "
                    "certificate: outlet-pos enroll --server URL --code CODE --ca-bundle "
                    "FILE; never accept an unknown certificate"))
        if f.kind == "config":
            return CheckResult(Check.SERVER, FAIL, Msg("the server address is wrong ({why})",
                                                       why=server_reason(f.message)),
                               Msg("enroll again with the right address: outlet-pos enroll "
                                   "--server URL --code CODE"))
        last = self.meta().get(SYNC_LAST_SUCCESS.key)
        since = Msg("last successful sync {when} ago",
                    when=_age(self._clock() - datetime.fromisoformat(last))) if last \
            else Msg("no successful sync yet")
        return CheckResult(Check.SERVER, WARN, Msg(
            "{why}; {since}", why=server_reason(f.message), since=since),
            Msg("working offline is normal; events are sent when the network is back. Check "
                "the network cable or Wi-Fi if this lasts"))

    def clock(self) -> CheckResult:
        f = self._server()
        if f is None or f.skew_s is None:
            return CheckResult(Check.CLOCK, OK, Msg("not compared (the server is not reachable)"))
        skew = f.skew_s
        finding = Msg("this PC's clock is {n} s {side} the server's", n=str(abs(skew)),
                      side=Msg("ahead of") if skew > 0 else Msg("behind"))
        remedy = Msg("set the date, time and time zone of this PC (automatic time on); "
                     "bookings, closings and sync depend on it")
        if abs(skew) > SKEW_FAIL_S:
            return CheckResult(Check.CLOCK, FAIL, finding, remedy)
        if abs(skew) > SKEW_WARN_S:
            return CheckResult(Check.CLOCK, WARN, finding, remedy)
        return CheckResult(Check.CLOCK, OK, finding)

    # -------------------------------------------------------------- queue and backups
    def unsent(self) -> CheckResult:
        oldest = self._p.oldest_unsent()
        if oldest is None:
            return CheckResult(Check.UNSENT, OK, Msg("nothing waiting to be sent"))
        age = self._clock() - oldest
        finding = Msg("the oldest unsent event has waited {age}", age=_age(age))
        if age > self._stale_after:
            return CheckResult(Check.UNSENT, WARN, finding, Msg(
                "check the server line above; run outlet-pos sync --once and read its message"))
        return CheckResult(Check.UNSENT, OK, finding)

    def refused(self) -> CheckResult:
        """Refused events never reach the server by themselves: not sent is not "well"."""
        n = self._p.refused_events()
        if not n:
            return CheckResult(Check.REFUSED, OK, Msg("the server refused no event"))
        return CheckResult(Check.REFUSED, FAIL, Msg(
            "the server refused {n} events; they are not sent", n=n), Msg(
            "a manager reads them in Day review (by waybill, with the server's reason), fixes "
            "the cause with support, then sends them again: Send refused again, or outlet-pos "
            "sync resend-refused --user NAME"))

    def backup(self) -> CheckResult:
        held = self.meta().get(RESTORE_UNCONFIRMED.key)
        if held:
            info = json.loads(held)
            return CheckResult(Check.BACKUP, FAIL, Msg(
                "restored from a backup of {when} on {at}: sync is held until a technician "
                "confirms", when=str((info.get("backup") or {}).get("created_at", "?"))[:16],
                at=str(info.get("at", "?"))[:16]),
                Msg("check the outlet's shipments and closings against the server, then: "
                    "outlet-pos confirm-restore --user NAME"))
        facts = self._p.backups()
        now = self._clock()
        remedy = Msg("make one now: outlet-pos backup (and keep a portable one off this PC: "
                     "outlet-pos backup --portable --to FILE)")
        if facts.newest is None:  # whatever the database says, no file is there
            created = self.meta().get(CREATED_AT.key)
            young = created and now - datetime.fromisoformat(created) < BACKUP_GRACE
            return CheckResult(Check.BACKUP, WARN if young else FAIL,
                               Msg("no backup yet"), remedy)
        age = max(now - facts.newest, timedelta(0))
        finding = Msg("last backup {age} ago", age=_age(age))
        if age > BACKUP_WARN_AGE:
            return CheckResult(Check.BACKUP, WARN, finding, remedy)
        return CheckResult(Check.BACKUP, OK, finding)


def _printer_remedy(fault: str | None, platform: str) -> tuple[Msg, Msg]:
    kind = fault or "unreachable"
    return message_for(kind), remedy_for(kind, platform)


def exit_code(results: list[CheckResult]) -> int:
    return 1 if any(r.status == FAIL for r in results) else 0
