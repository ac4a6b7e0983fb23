"""SQLAlchemy 2 table models. Columns ending in ``_ct`` hold AES-GCM ciphertext.

Personal data (names, phones, e-mails, addresses, goods descriptions, outbox
payloads) and every free text a person types (void reasons, payment references,
closing notes, reopen reasons, the reasons inside audit rows) exist here only as
ciphertext; figures (weights, amounts, services,
district codes, dates) stay in clear for reports and survive retention.
Times are ISO-8601 strings in UTC; ``business_date`` is the outlet's local date.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    # Every model here is one plain table; SQLAlchemy types ``__table__`` as the wider
    # FromClause, which has no insert()/update(), so the repositories' Core statements
    # would not type-check.
    __table__: ClassVar[Table]


class Meta(Base):
    """Key/value facts about this installation: outlet, terminal, master key id."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(40))
    disabled: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[str] = mapped_column(String(40))
    must_change: Mapped[int] = mapped_column(Integer, default=0)  # after a manager's reset
    # HMAC of the row's role, password hash, lock-out and flags (storage/users_repo.py)
    mac: Mapped[bytes | None] = mapped_column(LargeBinary)


class DataKey(Base):
    """A data key wrapped by the master key. ``wrapped`` is NULL once destroyed."""

    __tablename__ = "data_keys"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))  # data | index | audit | device
    period: Mapped[str | None] = mapped_column(String(7))  # "2026-11" for data keys
    state: Mapped[str] = mapped_column(String(16))  # active | retired | destroyed
    wrapped: Mapped[bytes | None] = mapped_column(LargeBinary)
    master_key_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(40))
    destroyed_at: Mapped[str | None] = mapped_column(String(40))


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # client UUID
    waybill: Mapped[str] = mapped_column(String(16), unique=True)
    outlet: Mapped[int] = mapped_column(Integer)
    terminal: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    booked_at: Mapped[str] = mapped_column(String(40))
    business_date: Mapped[str] = mapped_column(String(10))
    clerk_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    service: Mapped[str] = mapped_column(String(8))
    origin_district: Mapped[str] = mapped_column(String(16))
    dest_district: Mapped[str] = mapped_column(String(16))
    weight_g: Mapped[int] = mapped_column(Integer)
    volumetric_g: Mapped[int] = mapped_column(Integer)
    chargeable_kg: Mapped[int] = mapped_column(Integer)
    length_cm: Mapped[int] = mapped_column(Integer)
    width_cm: Mapped[int] = mapped_column(Integer)
    height_cm: Mapped[int] = mapped_column(Integer)
    pieces: Mapped[int] = mapped_column(Integer)
    packing: Mapped[str] = mapped_column(String(16))
    declared_value: Mapped[int] = mapped_column(Integer)
    insured: Mapped[int] = mapped_column(Integer)
    cod_amount: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    quote_json: Mapped[str] = mapped_column(Text)  # itemised lines, no personal data
    tariff_version: Mapped[str] = mapped_column(String(40))
    eta_date: Mapped[str] = mapped_column(String(10))
    payment_method: Mapped[str] = mapped_column(String(16))
    tendered: Mapped[int | None] = mapped_column(Integer)
    payment_ref_ct: Mapped[bytes | None] = mapped_column(LargeBinary)  # QRIS/transfer ref.
    status: Mapped[str] = mapped_column(String(8))  # booked | void
    void_reason_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    voided_at: Mapped[str | None] = mapped_column(String(40))
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    key_id: Mapped[str] = mapped_column(ForeignKey("data_keys.id"))
    sender_name_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    sender_phone_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    sender_email_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    sender_address_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    # the sender's loyalty card number (migration 0010), sealed like sender_phone_ct
    sender_loyalty_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    recipient_name_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    recipient_phone_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    recipient_email_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    recipient_address_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    description_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    sender_phone_idx: Mapped[bytes | None] = mapped_column(LargeBinary)
    recipient_phone_idx: Mapped[bytes | None] = mapped_column(LargeBinary)
    personal_destroyed_at: Mapped[str | None] = mapped_column(String(40))
    # how the weight was had (migration 0008): scale | typed | override, the scale's stable
    # reading, and the reason typed for booking another weight (under the row's key)
    weight_source: Mapped[str] = mapped_column(String(8), server_default="typed")
    scale_weight_g: Mapped[int | None] = mapped_column(Integer)
    override_reason_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    # a pre-booked parcel dropped off (migration 0011): its code and what the app took
    prebooking_code: Mapped[str | None] = mapped_column(String(10), index=True)
    prebooking_paid: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_shipments_business_date", "business_date"),
        Index("ix_shipments_sender_phone_idx", "sender_phone_idx"),
        Index("ix_shipments_recipient_phone_idx", "recipient_phone_idx"),
        Index("ix_shipments_terminal_sequence", "outlet", "terminal", "sequence", unique=True),
    )


class OutboxEvent(Base):
    """An event waiting for the central server; ``event_id`` is the idempotency key."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    aggregate_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[str] = mapped_column(String(40))
    key_id: Mapped[str] = mapped_column(ForeignKey("data_keys.id"))
    payload_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16))  # pending | sent | parked
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (
        Index("ix_outbox_status_id", "status", "id"),
        Index("ix_outbox_aggregate", "aggregate_id"),
    )


class AuditEntry(Base):
    """One link of the audit hash chain. ``details`` holds only what nobody typed; typed
    text (reasons, who asked) is in ``details_ct`` under the period key ``key_id``.
    ``seal`` is set on rows encrypted by migration 0005 (storage/audit.py)."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary)
    hash: Mapped[bytes] = mapped_column(LargeBinary)
    details_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    key_id: Mapped[str | None] = mapped_column(String(32))  # no FK: rows outlive their key
    seal: Mapped[bytes | None] = mapped_column(LargeBinary)


class PrintJob(Base):
    """One print of one copy of a waybill. Holds no personal data: it is rendered at send time."""

    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    waybill: Mapped[str] = mapped_column(String(16))
    copy: Mapped[str] = mapped_column(String(8))  # label | receipt | outlet | test
    reprint: Mapped[int] = mapped_column(Integer, default=0)  # 0 = first print
    status: Mapped[str] = mapped_column(String(8))  # queued | sending | done | failed
    requested_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    printer: Mapped[str | None] = mapped_column(String(200))  # connection used last
    fault: Mapped[str | None] = mapped_column(String(20))  # faults.FaultKind
    detail: Mapped[str | None] = mapped_column(Text)  # technical, never personal data

    __table_args__ = (
        Index("ix_print_jobs_waybill", "waybill", "copy"),
        Index("ix_print_jobs_status", "status"),
    )


class ReferenceData(Base):
    """What the server sent down: the signed tariff, service points, configuration."""

    __tablename__ = "reference_data"
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)  # tariff | service_points
    version: Mapped[str] = mapped_column(String(40))
    body: Mapped[bytes] = mapped_column(LargeBinary)  # gzip JSON; public business data
    signature: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[str] = mapped_column(String(40))


class TrackingCache(Base):
    """The last tracking history fetched per waybill, shown (as such) when offline. Its
    notes are typed by couriers ("received by ..."): encrypted under ``key_id``."""

    __tablename__ = "tracking_cache"
    waybill: Mapped[str] = mapped_column(String(16), primary_key=True)
    body_ct: Mapped[bytes] = mapped_column(LargeBinary)
    key_id: Mapped[str] = mapped_column(String(32))
    fetched_at: Mapped[str] = mapped_column(String(40))


class DayClosing(Base):
    """One end-of-day closing of this terminal; ``sequence`` counts closings 1, 2, 3…"""

    __tablename__ = "day_closings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    terminal: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    business_date: Mapped[str] = mapped_column(String(10))
    closed_at: Mapped[str] = mapped_column(String(40))
    closed_by: Mapped[str] = mapped_column(String(64))
    shipments: Mapped[int] = mapped_column(Integer)
    voided: Mapped[int] = mapped_column(Integer)
    revenue: Mapped[int] = mapped_column(Integer)
    cash_expected: Mapped[int] = mapped_column(Integer)
    cash_counted: Mapped[int] = mapped_column(Integer)
    key_id: Mapped[str | None] = mapped_column(String(32), nullable=True)  # of the _ct columns
    note_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    denominations: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON {face: n}
    reopened_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    reopened_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reopen_reason_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)

    __table_args__ = (
        UniqueConstraint("terminal", "sequence", name="uq_day_closings_sequence"),
        Index("ix_day_closings_date", "terminal", "business_date"),
    )


class CashMovement(Base):
    """Cash put in or taken out of this terminal's drawer outside a sale: the day's opening
    float, cash in, cash out. The reason is typed by a person: encrypted like the personal
    columns (the period's data key), shredded with them."""

    __tablename__ = "cash_movements"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # uuid, the event's subject
    terminal: Mapped[int] = mapped_column(Integer)
    business_date: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(8))  # float | in | out
    amount: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))
    by: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(ForeignKey("data_keys.id"))
    reason_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)

    __table_args__ = (Index("ix_cash_movements_day", "terminal", "business_date"),)


class PrebookingKey(Base):
    """A public key the central server signs pre-booking QRs with (public data): the
    counter checks a scanned QR with it offline."""

    __tablename__ = "prebooking_keys"
    key_id: Mapped[str] = mapped_column(String(8), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw Ed25519, 32 bytes
    fetched_at: Mapped[str] = mapped_column(String(40))


class PrebookingConflict(Base):
    """A pre-booking code used twice (or unknown to the server), as the server reported it:
    codes, outlets and waybills only, no personal data."""

    __tablename__ = "prebooking_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(20))  # used_twice | unknown_code
    first_outlet: Mapped[int | None] = mapped_column(Integer)
    first_waybill: Mapped[str | None] = mapped_column(String(16))
    first_used_at: Mapped[str | None] = mapped_column(String(40))
    second_outlet: Mapped[int] = mapped_column(Integer)
    second_waybill: Mapped[str] = mapped_column(String(16))
    second_used_at: Mapped[str | None] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(40))  # when the server recorded it
    fetched_at: Mapped[str] = mapped_column(String(40))

    __table_args__ = (
        UniqueConstraint("code", "second_waybill", name="uq_prebooking_conflicts"),
    )


class ShiftRecord(Base):
    """A clerk's shift at this terminal's drawer: the float at its opening, the count at its
    closing (JSON {face: n}), the figures and the next shift when handed over. The note is
    typed text: encrypted under the period's data key (``key_id``), like cash reasons."""

    __tablename__ = "shifts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # uuid, the events' subject
    terminal: Mapped[int] = mapped_column(Integer)
    business_date: Mapped[str] = mapped_column(String(10))
    clerk_id: Mapped[int] = mapped_column(Integer)
    clerk: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[str] = mapped_column(String(40))
    opening_float: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    counted: Mapped[str | None] = mapped_column(Text, nullable=True)
    counted_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expected_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    difference: Mapped[int | None] = mapped_column(Integer, nullable=True)
    handed_to: Mapped[str | None] = mapped_column(String(36), nullable=True)
    key_id: Mapped[str | None] = mapped_column(ForeignKey("data_keys.id"), nullable=True)
    note_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)

    __table_args__ = (Index("ix_shifts_day", "terminal", "business_date"),
                      Index("ix_shifts_open", "terminal", "closed_at"))


class ShipmentCorrection(Base):
    """The old value of a field a customer had corrected (UU PDP), under the shipment's
    period key, until ``expires_at`` (domain/customer_requests.py)."""

    __tablename__ = "shipment_corrections"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipments.id"))
    field: Mapped[str] = mapped_column(String(24))  # recipient.street ...
    key_id: Mapped[str] = mapped_column(ForeignKey("data_keys.id"))
    old_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    corrected_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40))

    __table_args__ = (Index("ix_shipment_corrections_shipment", "shipment_id"),
                      Index("ix_shipment_corrections_expires", "expires_at"))


class DayCarryOver(Base):
    """A manager let the next business day open while this one is still not closed."""

    __tablename__ = "day_carry_overs"
    terminal: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_date: Mapped[str] = mapped_column(String(10), primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    by: Mapped[str] = mapped_column(String(64))
