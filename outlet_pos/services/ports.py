"""The ports the services need, as Protocols; ``storage`` and ``refdata`` implement them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from ..domain.parcel import Parcel
from ..domain.party import Party
from ..domain.shipment import Payment, ShipmentRecord
from ..domain.tariff import Quote, TariffTable

Clock = Callable[[], datetime]  # returns an aware datetime (UTC)


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    role: str
    password_hash: str
    failed_count: int
    locked_until: datetime | None
    disabled: bool
    must_change: bool = False  # a manager reset the password: change it at the next log-in
    intact: bool = True  # the row's MAC holds: nobody edited it outside the app


@dataclass(frozen=True)
class NewShipment:
    """Everything a booking stores; the repository encrypts the personal parts."""

    id: str
    waybill: str
    outlet: int
    terminal: int
    sequence: int
    booked_at: datetime
    business_date: date
    clerk_id: int
    origin_district: str
    sender: Party
    recipient: Party
    parcel: Parcel
    quote: Quote
    payment: Payment


@dataclass(slots=True)
class ShipmentSummary:
    """A row of a day list: figures only, no personal data.

    Not frozen: a day list holds thousands of rows and a frozen dataclass's init costs
    ~4 µs a row against ~0.3 µs (benchmarks/bench_report.py). Treat it as read-only.
    """

    waybill: str
    booked_at: datetime
    clerk: str
    service: str
    dest_district: str
    weight_g: int
    chargeable_kg: int
    pieces: int
    cod_amount: int
    total: int
    payment_method: str
    status: str
    synced: bool


@dataclass(frozen=True)
class CustomerMatch:
    party: Party
    last_used: datetime
    as_role: str  # sender | recipient
    times: int


@dataclass(frozen=True)
class RetentionResult:
    shipments_shredded: int
    held_unsynced: int
    keys_destroyed: int
    outbox_payloads_cleared: int


@dataclass(frozen=True)
class PrintJobRow:
    id: int
    waybill: str
    copy: str
    reprint: int
    status: str  # queued | sending | done | failed
    requested_by: str | None
    created_at: datetime
    updated_at: datetime
    attempts: int
    printer: str | None
    fault: str | None
    detail: str | None


@dataclass(frozen=True)
class OutboxItem:
    event_id: str
    kind: str
    created_at: str
    body: dict[str, Any]
    row: int = 0  # position in the queue


@dataclass(frozen=True)
class OutboxStats:
    pending: int
    parked: int
    oldest_pending_at: datetime | None


@dataclass(frozen=True)
class DeviceCredential:
    """What enrollment gives a terminal: who it is to the server and how it signs."""

    server: str
    device_id: str
    seed: bytes  # Ed25519 private key; stored wrapped by the master key
    tariff_public_key: str
    ca_pem: str | None = None


class UserRepository(Protocol):
    def get(self, username: str) -> UserRow | None: ...
    def add(self, username: str, role: str, password_hash: str, now: datetime) -> int: ...
    def set_failures(self, user_id: int, count: int, locked_until: datetime | None) -> None: ...
    def count(self) -> int: ...
    def all(self) -> list[UserRow]: ...
    def set_disabled(self, user_id: int, disabled: bool) -> None: ...
    def set_password(self, user_id: int, password_hash: str, must_change: bool) -> None: ...
    def seal_legacy(self) -> int: ...


class ShipmentRepository(Protocol):
    def next_sequence(self, outlet: int, terminal: int) -> int: ...
    def add(self, s: NewShipment) -> None: ...
    def get(self, waybill: str) -> ShipmentRecord | None: ...
    def list_day(self, day: date) -> list[ShipmentSummary]: ...
    def find_by_phone(self, e164: str, limit: int) -> list[CustomerMatch]: ...
    def waybills_by_phone(self, e164: str, day: date) -> list[str]: ...
    def mark_void(self, waybill: str, reason: str, by_user: int, now: datetime) -> None: ...
    def wire_payload(self, waybill: str) -> dict[str, Any]: ...


class PrintJobRepository(Protocol):
    def add(self, waybill: str, copy: str, reprint: int, requested_by: str | None,
            now: datetime) -> int: ...
    def get(self, job_id: int) -> PrintJobRow | None: ...
    def printed_count(self, waybill: str, copy: str) -> int: ...
    def for_waybill(self, waybill: str) -> list[PrintJobRow]: ...
    def latest_by_waybill(self, waybills: list[str]) -> dict[str, PrintJobRow]: ...
    def with_status(self, *statuses: str, limit: int = 500) -> list[PrintJobRow]: ...
    def claim(self, job_id: int, printer: str, now: datetime) -> bool: ...
    def finish(self, job_id: int, status: str, fault: str | None, detail: str | None,
               now: datetime) -> None: ...
    def fail_stuck(self, now: datetime) -> int: ...


class Outbox(Protocol):
    def add(self, kind: str, aggregate_id: str, payload: dict[str, Any], now: datetime) -> str: ...
    def pending_count(self) -> int: ...


class SyncStore(Protocol):
    def outbox_batch(self, limit: int, after: int = 0) -> list[OutboxItem]: ...
    def outbox_sent(self, event_ids: list[str], now: datetime) -> None: ...
    def outbox_park(self, event_id: str, reason: str) -> None: ...
    def outbox_attempted(self, event_ids: list[str], error: str) -> None: ...
    def outbox_stats(self) -> OutboxStats: ...
    def parked(self, limit: int = 100) -> list[dict[str, Any]]: ...
    def unpark(self) -> int: ...
    def audit_head(self) -> dict[str, Any] | None: ...
    def audit_acked(self, seq: int) -> None: ...
    def device(self) -> DeviceCredential | None: ...
    def set_device(self, cred: DeviceCredential, now: datetime) -> None: ...
    def reference(self, kind: str) -> tuple[str, Any, str | None] | None: ...
    def set_reference(self, kind: str, version: str, body: Any, signature: str | None,
                      now: datetime) -> None: ...
    def tracking(self, waybill: str) -> tuple[list[dict[str, Any]], datetime] | None: ...
    def cache_tracking(self, waybill: str, history: list[dict[str, Any]],
                       now: datetime) -> None: ...


class ClosingRepository(Protocol):
    def last(self, terminal: int) -> dict[str, Any] | None: ...
    def for_date(self, terminal: int, business_date: str) -> dict[str, Any] | None: ...
    def history(self, terminal: int, business_date: str) -> list[dict[str, Any]]: ...
    def add(self, row: dict[str, Any]) -> None: ...
    def reopen(self, terminal: int, sequence: int, at: str, by: str, reason: str) -> None: ...


class CashRepository(Protocol):
    def add(self, row_id: str, terminal: int, business_date: str, kind: str, amount: int,
            at: datetime, by: str, reason: str | None) -> None: ...
    def list_day(self, terminal: int, business_date: str) -> list[dict[str, Any]]: ...
    def carry_over(self, terminal: int, business_date: str, at: datetime, by: str) -> None: ...
    def carried_over(self, terminal: int, business_date: str) -> bool: ...
    def last_day_before(self, terminal: int, business_date: str) -> str | None: ...
    def never_closed_before(self, terminal: int, business_date: str) -> str | None: ...


class AuditLog(Protocol):
    def append(self, actor: str | None, action: str, subject: str | None = None,
               details: dict[str, Any] | None = None) -> int: ...
    def verify(self) -> Any: ...


class Meta(Protocol):
    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str) -> None: ...


class KeyAdmin(Protocol):
    def rotate(self, now: datetime) -> str: ...
    def retention(self, cutoff: datetime, now: datetime) -> RetentionResult: ...


class UnitOfWork(Protocol):
    """One transaction. ``commit`` makes it durable; leaving without it rolls back."""

    users: UserRepository
    shipments: ShipmentRepository
    outbox: Outbox
    audit: AuditLog
    meta: Meta
    keys: KeyAdmin
    print_jobs: PrintJobRepository
    sync: SyncStore
    closings: ClosingRepository
    cash: CashRepository

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...


UnitOfWorkFactory = Callable[..., UnitOfWork]  # call with write=True for a write transaction


class TariffSource(Protocol):
    def current(self) -> TariffTable: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password: str, encoded: str) -> bool: ...
