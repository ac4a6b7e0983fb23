"""The sync worker: drains the outbox in batches, brings reference data down, tracks.

Exactly-once comes from three facts: an event is written to the outbox in the
same transaction as its change; it is marked sent only after the server
answered ``applied`` or ``duplicate`` for it; and the server applies an event id
at most once. Whatever fails in between (network, server, this process) only
makes the event go again and come back as a duplicate.

``run`` is the background loop (a thread of the GUI or ``outlet-pos sync``);
``sync_once`` is one full pass, used by ``sync --once`` and "sync now".
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..domain.backup_records import SYNC_HELD
from ..domain.errors import DomainError
from ..domain.records import AuditHead, DeviceCredential, OutboxItem, StoredReference
from ..domain.stored_settings import (
    RESTORE_UNCONFIRMED,
    SYNC_LAST_ERROR,
    SYNC_LAST_ERROR_AT,
    SYNC_LAST_SUCCESS,
    SYNC_REVOKED_DEVICE,
)
from ..domain.sync_status import SyncStatus
from ..domain.tariff import TariffTable
from ..i18n import Msg
from ..protocol import wire
from ..protocol.outlet_day import OutletDay
from ..services.ports import Clock, UnitOfWorkFactory
from .backoff import Backoff
from .errors import AUTH, CONFIG, INVALID, NOT_ENROLLED, TLS, SyncError
from .prebookings import PrebookingSync

if TYPE_CHECKING:
    from .client import SyncClient

log = logging.getLogger(__name__)
BATCH = 500
REFERENCE_EVERY = timedelta(hours=1)
ClientFactory = Callable[[DeviceCredential], "SyncClient"]


@dataclass(frozen=True)
class PassReport:
    applied: int = 0
    duplicates: int = 0
    parked: int = 0
    remaining: int = 0
    reference: bool = False
    error: SyncError | None = None


def _events(items: list[OutboxItem]) -> list[dict[str, Any]]:
    return [{"id": i.event_id, "kind": i.kind, "created_at": i.created_at, "body": i.body}
            for i in items]


def _wire_head(head: AuditHead | None) -> dict[str, Any] | None:
    """The audit head as the upload carries it."""
    if head is None:
        return None
    out: dict[str, Any] = {"seq": head.seq, "hash": head.hash}
    if head.earlier is not None:
        out["earlier"] = {"seq": head.earlier.seq, "hash": head.earlier.hash}
    return out


def _call(fn: Callable[..., Any], *args: Any) -> Future[Any]:
    """``fn(*args)`` run here and now, as an already finished Future."""
    future: Future[Any] = Future()
    try:
        future.set_result(fn(*args))
    except Exception as e:
        future.set_exception(e)
    return future


def local_failure(e: BaseException, reading: bool = False) -> str:
    """What to show for a failure on this PC (not the network's): a storage fault's own
    message (a DomainError naming the fault and the fix), else only the error's kind (its
    text may quote data)."""
    first = e.args[0] if e.args else None
    if isinstance(e, DomainError) and isinstance(first, str):
        return first
    if reading:  # nothing but database reads ran
        return Msg("this PC's database cannot be read ({error}); run outlet-pos doctor",
                   error=type(e).__name__)
    return Msg("sync stopped on an unexpected error ({error}); details are in the log",
               error=type(e).__name__)


class SyncWorker:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, make_client: ClientFactory, *,
                 batch_size: int = BATCH, stale_after: timedelta = timedelta(hours=24),
                 interval_s: float = 60.0, backoff: Backoff | None = None,
                 health: Callable[[int], dict[str, Any] | None] | None = None) -> None:
        self._uow, self._clock, self._make_client = uow, clock, make_client
        # this terminal's health report, sent with each batch; given how many events are
        # on their way (this batch's and the one before it), so it counts those behind
        self.health = health
        self.batch_size, self.stale_after, self.interval_s = batch_size, stale_after, interval_s
        self.backoff = backoff or Backoff()
        self._client: SyncClient | None = None
        self._cred: DeviceCredential | None = None
        self._online: bool | None = None
        self._drain = (0, 0)
        self._skew: int | None = None
        self._last_reference: datetime | None = None
        self._local_error: str | None = None  # the last pass failed on this PC's database
        self._wake = threading.Event()
        self.prebookings = PrebookingSync(uow, clock, self.client)  # QR keys, conflicts
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.listeners: list[Callable[[SyncStatus], None]] = []

    # ------------------------------------------------------------ status
    def status(self) -> SyncStatus:
        """The state now. Never raises: a database that cannot be read is the state."""
        try:
            with self._uow() as uow:
                stats = uow.queue.stats()
                enrolled = uow.device.get() is not None
                last_ok, err, err_at = (uow.meta.get(s.key) for s in
                                        (SYNC_LAST_SUCCESS, SYNC_LAST_ERROR,
                                         SYNC_LAST_ERROR_AT))
        except Exception as e:
            log.error("sync status: the local database cannot be read (%s)", type(e).__name__)
            return SyncStatus(
                enrolled=self._cred is not None, online=self._online, queue_depth=0, parked=0,
                oldest_unsent_age=None, last_success=None, last_error=None,
                last_error_at=None, clock_skew_s=self._skew, stale_after=self.stale_after,
                local_error=local_failure(e, reading=True))
        now = self._clock()
        online = self._online
        if online is None and enrolled and (last_ok or err_at):
            # Another process (the sync service) did the talking: its last outcome counts.
            online = bool(last_ok and (not err or not err_at or last_ok > err_at))
        return SyncStatus(
            enrolled=enrolled, online=online, queue_depth=stats.pending,
            parked=stats.parked,
            oldest_unsent_age=(now - stats.oldest_pending_at) if stats.oldest_pending_at
            else None,
            last_success=datetime.fromisoformat(last_ok) if last_ok else None,
            last_error=err or None,
            last_error_at=datetime.fromisoformat(err_at) if err_at else None,
            clock_skew_s=self._skew, drain_sent=self._drain[0], drain_total=self._drain[1],
            stale_after=self.stale_after, local_error=self._local_error)

    def _notify(self) -> None:
        if not self.listeners:
            return
        snapshot = self.status()
        for fn in list(self.listeners):
            try:
                fn(snapshot)
            except Exception:  # a listener's bug must not stop sync
                log.exception("sync status listener failed")

    def _record(self, error: SyncError | None) -> None:
        now = self._clock().isoformat()
        with self._uow(write=True) as uow:
            if error is None:
                uow.meta.set(SYNC_LAST_SUCCESS.key, now)
                SYNC_LAST_ERROR.clear(uow.meta)
            else:
                SYNC_LAST_ERROR.write(uow.meta, error.message)
                uow.meta.set(SYNC_LAST_ERROR_AT.key, now)
                if error.code == "revoked" and self._cred is not None:  # bookings stop
                    SYNC_REVOKED_DEVICE.write(uow.meta, self._cred.device_id)
            uow.commit()

    # ------------------------------------------------------------ plumbing
    def client(self) -> SyncClient:
        with self._uow() as uow:
            cred = uow.device.get()
            # Restored from an older backup: a technician first.
            held = uow.meta.get(RESTORE_UNCONFIRMED.key)
        if held:
            raise SyncError(CONFIG, SYNC_HELD, code="restore_unconfirmed")
        if cred is None:
            raise SyncError(AUTH, NOT_ENROLLED)
        if self._client is None or cred != self._cred:
            if self._client is not None:
                self._client.close()
            self._client, self._cred = self._make_client(cred), cred
        return self._client

    # ------------------------------------------------------------ upward
    def drain(self) -> PassReport:
        """Send every pending event, batch by batch, until none is left or a call fails.

        Two batches are in the pipe: while the server applies one, this thread marks
        the one before and reads and encrypts the next (both cores busy). Reading goes
        by row id, so a batch never repeats one still on its way.
        """
        counts = [0, 0, 0]  # applied, duplicates, parked
        client = self.client()
        with self._uow() as uow:
            total = uow.queue.stats().pending
        self._drain = (0, total)
        in_flight: deque[tuple[list[OutboxItem], AuditHead | None, Future[Any]]] = deque()
        after = 0
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="sync-upload") as pool:
                try:
                    while True:
                        with self._uow() as uow:
                            items = uow.queue.batch(self.batch_size, after)
                            head = uow.audit_acks.head()
                        if items:
                            after = items[-1].row
                            in_flight.append((items, head, pool.submit(
                                client.upload, _events(items), _wire_head(head),
                                self.health(len(items) + sum(len(b[0]) for b in in_flight))
                                if self.health else None)))
                        if not in_flight:
                            return PassReport(counts[0], counts[1], counts[2], remaining=0)
                        if len(in_flight) < 2 and items:
                            continue
                        done, done_head, future = in_flight.popleft()
                        for k, n in enumerate(self._settle(client, done, done_head, future)):
                            counts[k] += n
                        self._drain = (min(self._drain[0] + len(done), total), total)
                        self._notify()
                finally:
                    for _, _, future in in_flight:  # let a batch on its way finish first
                        future.cancel() or future.exception()
        finally:
            self._skew = client.last_skew
            self._drain = (0, 0)

    def _settle(self, client: SyncClient, items: list[OutboxItem],
                head: AuditHead | None, future: Future[Any]) -> tuple[int, int, int]:
        """Record the server's answer to one batch: sent, parked, or (on failure) raise."""
        try:
            results = future.result()
        except SyncError as e:
            if e.kind == INVALID and len(items) > 1:
                # One event the server cannot even parse: send one by one to find it.
                totals = [self._settle(client, [i], head, _call(
                    client.upload, _events([i]), _wire_head(head))) for i in items]
                return (sum(t[0] for t in totals), sum(t[1] for t in totals),
                        sum(t[2] for t in totals))
            with self._uow(write=True) as uow:
                if e.kind == INVALID:
                    uow.queue.park(items[0].event_id, f"refused by the server: {e.message}")
                else:
                    uow.queue.attempted([i.event_id for i in items], e.message)
                uow.commit()
            if e.kind == INVALID:
                return 0, 0, 1
            raise
        done = [r["id"] for r in results if r.get("result") in (wire.RESULT_APPLIED,
                                                                 wire.RESULT_DUPLICATE)]
        rejected = [r for r in results if r.get("result") == wire.RESULT_REJECTED]
        with self._uow(write=True) as uow:
            uow.queue.sent(done, self._clock())
            if head:
                uow.audit_acks.acked(head.seq)
            for r in rejected:
                uow.queue.park(r["id"], str(r.get("reason") or "rejected"))
            uow.commit()
        for r in rejected:
            log.warning("event %s parked: %s", r["id"], r.get("reason"))
        dup = sum(1 for r in results if r.get("result") == wire.RESULT_DUPLICATE)
        return len(done) - dup, dup, len(rejected)

    # ------------------------------------------------------------ downward
    def refresh_reference(self) -> bool:
        """Tariff, service points and configuration; True when the tariff changed."""
        client = self.client()
        assert self._cred is not None
        with self._uow() as uow:
            have = uow.reference.get("tariff")
            points = uow.reference.get("service_points")
        # A stored tariff that fails its own check is no base for a delta: ask for the whole
        # table, even of the same version ('outlet-pos tariffs update' is the remedy shown).
        base = have.version if have and self._intact(have) else None
        got = client.tariffs(base)
        changed = False
        if got is not None:
            table = self._verified_tariff(got, have)
            if table is None and got.get("delta") is not None:  # base mismatch: take it whole
                whole = client.tariffs(None)
                table = self._verified_tariff(whole, None) if whole else None
                got = whole or got
            if table is None:
                raise SyncError(INVALID, Msg("the tariff download failed its signature check; "
                                             "the current tariff stays in use"))
            with self._uow(write=True) as uow:
                uow.reference.set("tariff", got["version"], table, got["signature"],
                                  self._clock())
                uow.audit.append(None, "tariff_updated", got["version"])
                uow.commit()
            changed = True
        since = int(points.version) if points else 0
        sp = client.service_points(since)
        if sp["points"] or not points:
            merged = {p["code"]: p for p in (points.body if points else [])}
            merged.update({p["code"]: p for p in sp["points"]})
            with self._uow(write=True) as uow:
                uow.reference.set("service_points", str(sp["revision"]),
                                  sorted(merged.values(), key=lambda p: p["code"]), None,
                                  self._clock())
                uow.commit()
        cfg = client.config()
        with self._uow(write=True) as uow:
            uow.reference.set("config", "1", cfg, None, self._clock())
            uow.commit()
        self._last_reference = self._clock()
        return changed

    def _intact(self, have: StoredReference) -> bool:
        assert self._cred is not None
        return isinstance(have.body, dict) and have.body.get("version") == have.version \
            and wire.tariff_is_signed(self._cred.tariff_public_key, have.body,
                                      str(have.signature))

    def _verified_tariff(self, got: dict[str, Any],
                         have: StoredReference | None) -> dict[str, Any] | None:
        assert self._cred is not None
        table: object
        if got.get("delta") is not None:
            if not have or have.version != got.get("base_version"):
                return None
            table = wire.apply_tariff_delta(have.body, got["delta"])
        else:
            table = got.get("table")
        if not isinstance(table, dict) or table.get("version") != got.get("version") or \
                not wire.tariff_is_signed(self._cred.tariff_public_key, table,
                                          str(got.get("signature"))):
            log.error("tariff %s failed its signature check", got.get("version"))
            return None
        try:
            TariffTable.from_dict(table)
        except ValueError:
            log.error("signed tariff %s does not parse", got.get("version"))
            return None
        return table

    # ------------------------------------------------------------ passes and the loop
    def sync_once(self, reference: bool | None = None) -> PassReport:
        """Drain the outbox, then (hourly, or when asked) refresh reference data.

        A network or server failure comes back in the report. A failure on this PC (its
        database's disk, or a bug) is no network matter: the status shows it, then it is
        raised."""
        try:
            report = self._pass(reference)
        except Exception as e:
            self._local_error = local_failure(e)
            log.error("sync pass failed on this PC (%s)", type(e).__name__)
            self._notify()
            raise
        self._local_error = None  # the pass read and wrote the database
        self._notify()
        return report

    def _pass(self, reference: bool | None) -> PassReport:
        try:
            report = self.drain()
            due = reference if reference is not None else (
                self._last_reference is None
                or self._clock() - self._last_reference >= REFERENCE_EVERY)
            if due:
                report = replace(report, reference=self.refresh_reference())
            elif report == PassReport():
                # Nothing went up or down: ask all the same, or a server that stopped would
                # read "online" until the next upload or the hourly reference pass.
                self.client().health()
            self.prebookings.cycle()  # after the drain: the server has seen our drop-offs
        except SyncError as e:
            self._online = e.kind not in ("transient", TLS)
            self._record(e)
            with self._uow() as uow:
                remaining = uow.queue.stats().pending
            return PassReport(remaining=remaining, error=e)
        self._online = True
        self._record(None)
        return report

    def track(self, waybill: str) -> tuple[list[dict[str, Any]], datetime | None, bool]:
        """(history, fetched at, live): live from the server, else the last one seen."""
        try:
            history = self.client().tracking(waybill)
        except SyncError as e:
            with self._uow() as uow:
                cached = uow.tracking.get(waybill)
            if cached is None:
                raise e from None
            return cached.history, cached.fetched_at, False
        with self._uow(write=True) as uow:
            uow.tracking.put(waybill, history, self._clock())
            uow.commit()
        return history, self._clock(), True

    def outlet_day(self, day: date) -> OutletDay:
        """This outlet's figures of ``day`` per terminal, from the server (raises offline)."""
        return self.client().outlet_day(day)

    def service_points(self) -> list[dict[str, Any]]:
        """The outlets and drop points of the last download (no network)."""
        with self._uow() as uow:
            got = uow.reference.get("service_points")
        return list(got.body) if got else []

    def sync_now(self) -> None:
        self._wake.set()

    def run(self, stop: threading.Event | None = None) -> None:
        """Sync until ``stop`` is set: every interval when well, backing off when not."""
        stop = stop or self._stop
        while not stop.is_set():
            try:
                report = self.sync_once()
            except Exception as e:  # a bug or a full disk must not end the loop for good
                log.error("sync pass failed unexpectedly: %s", type(e).__name__)
                report = PassReport(error=SyncError("transient", Msg(
                    "unexpected error ({error}); details are in the log",
                    error=type(e).__name__)))
            if report.error is None:
                self.backoff.succeeded()
                wait = self.interval_s
            else:
                wait = self.backoff.failed(report.error.retry_after)
                log.info("sync failed (%s); next try in %.0f s", report.error.kind, wait)
            self._wake.wait(wait)
            self._wake.clear()

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self.run, name="sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._client is not None:
            self._client.close()
