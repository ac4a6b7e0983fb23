"""The rows that cross a port: what repositories return and take, as plain typed records.

They live in ``domain`` so adapters (storage, reports, printing, sync) and services share them
without an adapter importing ``services``; the Protocols stay in ``services/ports.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .parcel import Parcel
from .party import Party
from .shipment import Payment
from .tariff import Quote


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
