"""The rows that cross a port: what repositories return and take, as plain typed records.

They live in ``domain`` so adapters (storage, reports, printing, sync) and services share them
without an adapter importing ``services``; the Protocols stay in ``services/ports.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .dropoff import PrebookingUse
from .parcel import Parcel
from .party import Party
from .shipment import Payment
from .tariff import Quote
from .weighing import NOT_WEIGHED, Weighing


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


@dataclass(frozen=True, slots=True)
class BookingChecks:
    """What a booking checks before it numbers a waybill, for one terminal and day, read
    together inside the booking's transaction (``ShipmentRepository.booking_checks``)."""

    day_closed: bool  # the day has a closing in force (not reopened) on the terminal
    device_id: str | None  # this PC's device, as enrolled
    revoked_device: str | None  # the device id the server refused, if any
    terminal: str | None  # the terminal on record (init, then each enrolment), if any
    unclosed_before: str | None  # latest earlier day with activity never closed or carried
    next_sequence: int  # the next number on the terminal, above any restored floor


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
    prebooking: PrebookingUse | None = None  # a pre-booked parcel dropped off
    weighing: Weighing = NOT_WEIGHED


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
    weight_source: str = "typed"  # "override": typed over the scale's reading (flagged)
    paid_before: int = 0  # a pre-booked drop-off: what the app took (not in the drawer)


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


@dataclass(frozen=True)
class ParkedEvent:
    """An event the server refused, kept in the outbox for a manager to see."""

    event_id: str
    kind: str
    created_at: str  # ISO-8601, UTC
    last_error: str | None  # the server's reason, as it gave it
    waybill: str | None  # its shipment's; None for a closing or reopening


@dataclass(frozen=True)
class AuditLink:
    seq: int
    hash: str  # hex


@dataclass(frozen=True)
class AuditHead:
    """The audit chain's last link and, when the server acknowledged one, that link as it
    reads now: if the log was rewritten since, the server sees the two hashes differ."""

    seq: int
    hash: str  # hex
    earlier: AuditLink | None = None


@dataclass(frozen=True)
class ChainReport:
    """The audit chain checked from its first row."""

    ok: bool
    rows: int
    head: str  # hex hash of the last row ("" when empty)
    first_broken: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class StoredReference:
    """Reference data from the server (tariff, service points, configuration)."""

    version: str
    body: Any  # the JSON document as the server sent it
    signature: str | None  # the tariff's; None for the others


@dataclass(frozen=True)
class CachedTracking:
    """The last tracking history fetched for a waybill, for when the server is away."""

    history: list[dict[str, Any]]
    fetched_at: datetime


@dataclass(frozen=True)
class Movement:
    """Cash put in or taken out of a terminal's drawer outside a sale."""

    id: str
    kind: str  # float | in | out
    amount: int
    at: datetime
    by: str
    reason: str | None  # None: none given (a float), or shredded by retention


@dataclass(frozen=True)
class ClosingRow:
    """One stored closing of a terminal, its typed text decrypted (None once shredded)."""

    terminal: int
    sequence: int
    business_date: date
    closed_at: str  # ISO-8601
    closed_by: str
    shipments: int
    voided: int
    revenue: int
    cash_expected: int
    cash_counted: int
    note: str | None = None
    denominations: dict[int, int] = field(default_factory=dict)  # face value: count
    reopened_at: str | None = None
    reopened_by: str | None = None
    reopen_reason: str | None = None
