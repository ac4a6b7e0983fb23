"""The central server's tables. Personal data is stored only as AES-GCM ciphertext.

Shipments keep their figures in clear (for tracking, billing and reports) and the
parties (names, phones, addresses, goods description, payment reference) in
``personal_ct``; a closing's note and reopen reason are sealed inside ``body_json``.
Each ciphertext is sealed under its month's data key (``data_keys``, see ``keyring``);
destroying a month's keys shreds that month.
Events keep only the hash of their body: enough to tell a repeat from a
different body under the same idempotency key.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import (
    BigInteger,
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
    # Every model is one plain table: SQLAlchemy types ``__table__`` as the wider
    # FromClause, without insert()/update(), so Core statements would not type-check.
    __table__: ClassVar[Table]


class Outlet(Base):
    __tablename__ = "outlets"
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    origin_district: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(40), default="Asia/Jakarta")
    created_at: Mapped[str] = mapped_column(String(40))


class EnrollmentCode(Base):
    """A one-time code; only its SHA-256 is stored."""

    __tablename__ = "enrollment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    outlet: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40))
    used_at: Mapped[str | None] = mapped_column(String(40))
    device_id: Mapped[str | None] = mapped_column(String(36))


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    outlet: Mapped[int] = mapped_column(Integer)
    terminal: Mapped[int] = mapped_column(Integer)
    public_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))  # active | revoked
    enrolled_at: Mapped[str] = mapped_column(String(40))
    revoked_at: Mapped[str | None] = mapped_column(String(40))
    last_seen: Mapped[str | None] = mapped_column(String(40))
    last_skew_s: Mapped[int | None] = mapped_column(Integer)
    audit_seq: Mapped[int | None] = mapped_column(Integer)
    audit_head: Mapped[str | None] = mapped_column(String(64))
    audit_alert: Mapped[str | None] = mapped_column(Text)


class AuditHead(Base):
    """The highest audit-chain link a device reported, one row per device (migration c0002:
    it was a row per upload). The same seq reported again with another hash = rewrite."""

    __tablename__ = "audit_heads"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    head: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[str] = mapped_column(String(40))


class Nonce(Base):
    __tablename__ = "nonces"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    ts: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_nonces_ts", "ts"),)


class Event(Base):
    __tablename__ = "events"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    body_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(40))  # on the outlet
    received_at: Mapped[str] = mapped_column(String(40))
    # pruning by month reads only what it deletes; BRIN: the column grows with the inserts
    __table_args__ = (Index("ix_events_created_at", "created_at", postgresql_using="brin"),)


class RetentionHorizon(Base):
    """``before``: events created before it were pruned (``retention prune``), so the server
    refuses them rather than take a re-send for new; ``set_at``: when it was moved there."""

    __tablename__ = "retention_horizons"
    what: Mapped[str] = mapped_column(String(32), primary_key=True)  # "events"
    before: Mapped[str] = mapped_column(String(40))
    set_at: Mapped[str] = mapped_column(String(40))


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    waybill: Mapped[str] = mapped_column(String(16), unique=True)
    outlet: Mapped[int] = mapped_column(Integer)
    terminal: Mapped[int] = mapped_column(Integer)
    booked_at: Mapped[str] = mapped_column(String(40))
    business_date: Mapped[str] = mapped_column(String(10))
    service: Mapped[str] = mapped_column(String(8))
    origin_district: Mapped[str] = mapped_column(String(16))
    dest_district: Mapped[str] = mapped_column(String(16))
    weight_g: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    cod_amount: Mapped[int] = mapped_column(Integer)
    payment_method: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(8))  # booked | void
    figures_json: Mapped[str] = mapped_column(Text)  # the event body without personal data
    personal_ct: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[str] = mapped_column(String(40))
    voided_at: Mapped[str | None] = mapped_column(String(40))
    void_reason_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    __table_args__ = (Index("ix_central_shipments_outlet_date", "outlet", "business_date"),)


class ShipmentCorrection(Base):
    """The old value of a party field an outlet corrected at the customer's request (UU
    PDP), sealed under the shipment's month, deleted after ``expires_at`` or on erasure
    (central/customer_requests.py)."""

    __tablename__ = "shipment_corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shipment_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(24))
    old_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    corrected_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40), index=True)


class DayClosing(Base):
    __tablename__ = "day_closings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outlet: Mapped[int] = mapped_column(Integer)
    terminal: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    business_date: Mapped[str] = mapped_column(String(10))
    body_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(String(40))
    __table_args__ = (UniqueConstraint("outlet", "terminal", "sequence"),)


class TrackingEvent(Base):
    __tablename__ = "tracking"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    waybill: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(40))
    __table_args__ = (Index("ix_tracking_at", "at", postgresql_using="brin"),)


class Tariff(Base):
    __tablename__ = "tariffs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    origin_district: Mapped[str] = mapped_column(String(16))
    body_gz: Mapped[bytes] = mapped_column(LargeBinary)  # canonical JSON, gzip
    digest: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[str] = mapped_column(String(40))
    __table_args__ = (UniqueConstraint("origin_district", "version"),)


class ServicePoint(Base):
    """Outlets and drop points, public business data. ``revision`` grows with each change."""

    __tablename__ = "service_points"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # outlet | drop_point
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text)
    district_code: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(20))
    hours: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[int] = mapped_column(Integer, default=1)
    revision: Mapped[int] = mapped_column(Integer, index=True)


class DataKey(Base):
    """One data key of one month (``period`` YYYY-MM), wrapped by the master secret.

    The newest generation of a period is ``active`` (new data), older ones ``retired``
    (still decrypt). Retention sets every generation of an expired period ``destroyed`` and
    drops the wrapped key: what it sealed can never be read again.
    """

    __tablename__ = "data_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(7))
    generation: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10))  # active | retired | destroyed
    wrapped: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(40))
    destroyed_at: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (UniqueConstraint("period", "generation"),)


class AdminAccess(Base):
    """Who decrypted what through an admin command, when and why (the reason sealed)."""

    __tablename__ = "admin_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    operator: Mapped[str] = mapped_column(String(64))
    command: Mapped[str] = mapped_column(String(40))
    scope: Mapped[str] = mapped_column(String(200))  # the filter given, e.g. "outlet 42"
    records: Mapped[int] = mapped_column(Integer)
    waybills: Mapped[str] = mapped_column(Text)  # JSON list of what was shown
    reason_ct: Mapped[bytes | None] = mapped_column(LargeBinary)


class CashMovement(Base):
    """An outlet's float, cash in or cash out (``cash.moved``); the reason sealed."""

    __tablename__ = "cash_movements"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    outlet: Mapped[int] = mapped_column(Integer)
    terminal: Mapped[int] = mapped_column(Integer)
    business_date: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(8))
    amount: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))
    by: Mapped[str] = mapped_column(String(64))
    reason_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    received_at: Mapped[str] = mapped_column(String(40))


class Operator(Base):
    """One of the courier's IT staff who may log in to the fleet page (not a device).

    Only an Argon2id hash of the password is kept (``operators``)."""

    __tablename__ = "operators"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(12))  # active | disabled
    created_at: Mapped[str] = mapped_column(String(40))
    disabled_at: Mapped[str | None] = mapped_column(String(40))
    last_login_at: Mapped[str | None] = mapped_column(String(40))


class OperatorSession(Base):
    """A fleet-page log-in. The cookie holds the token, this table only its SHA-256: every
    instance behind the load balancer finds it, and a copy of the table logs nobody in."""

    __tablename__ = "operator_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    operator: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[str] = mapped_column(String(40))
    last_seen: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40), index=True)
    ended_at: Mapped[str | None] = mapped_column(String(40))


class LoginThrottle(Base):
    """Failed fleet-page log-ins per operator name and per client address, in the database so
    that every instance counts the same. The key is an HMAC: neither a typed name nor an
    address is stored."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[str] = mapped_column(String(40))
    locked_until: Mapped[str | None] = mapped_column(String(40))


class TerminalHealthRow(Base):
    """The last health report of each device (``protocol.health``), one row per device,
    overwritten: counts, codes, a version, check names; no personal data."""

    __tablename__ = "terminal_health"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    received_at: Mapped[str] = mapped_column(String(40))
    app_version: Mapped[str] = mapped_column(String(40))
    queue_depth: Mapped[int] = mapped_column(Integer)
    oldest_queued_s: Mapped[int | None] = mapped_column(Integer)
    parked: Mapped[int] = mapped_column(Integer)
    doctor_at: Mapped[int | None] = mapped_column(BigInteger)
    doctor_failing: Mapped[str] = mapped_column(String(1000))  # codes, comma-separated
    faults: Mapped[str] = mapped_column(String(1000))


class Prebooking(Base):
    """A booking made in the courier's app (``prebookings``): the booking sealed whole
    (it is all personal data), its use by one shipment in clear (figures only)."""

    __tablename__ = "prebookings"
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    app_client: Mapped[str] = mapped_column(String(64))
    payload_ct: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(8))  # open | used
    issued_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40))
    used_shipment_id: Mapped[str | None] = mapped_column(String(36))
    used_outlet: Mapped[int | None] = mapped_column(Integer)
    used_waybill: Mapped[str | None] = mapped_column(String(16))
    used_at: Mapped[str | None] = mapped_column(String(40))


class AppClient(Base):
    """A program of the courier (its app's backend) that may create pre-bookings. Only
    the SHA-256 of its bearer token is kept; it is not a device and signs nothing."""

    __tablename__ = "app_clients"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(12))  # active | disabled
    created_at: Mapped[str] = mapped_column(String(40))
    disabled_at: Mapped[str | None] = mapped_column(String(40))
    last_used_at: Mapped[str | None] = mapped_column(String(40))


class PrebookingConflict(Base):
    """A code used a second time, or a code the server never issued: both outlets' waybills
    and times, no personal data. ``first_*`` is empty for an unknown code."""

    __tablename__ = "prebooking_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(20))  # used_twice | unknown_code
    first_shipment_id: Mapped[str | None] = mapped_column(String(36))
    first_outlet: Mapped[int | None] = mapped_column(Integer, index=True)
    first_waybill: Mapped[str | None] = mapped_column(String(16))
    first_used_at: Mapped[str | None] = mapped_column(String(40))
    second_shipment_id: Mapped[str] = mapped_column(String(36))
    second_outlet: Mapped[int] = mapped_column(Integer, index=True)
    second_waybill: Mapped[str] = mapped_column(String(16))
    second_used_at: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(40))
    __table_args__ = (UniqueConstraint("code", "second_shipment_id"),)
