"""The sync contract as pydantic models; FastAPI turns them into the OpenAPI document."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..sync import wire
from .checks import INT_MAX

EventKind = Literal["shipment.created", "shipment.voided", "day.closed", "day.reopened",
                    "cash.moved"]
VERSION_PATTERN = r"^[A-Za-z0-9._-]{1,40}$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class Problem(BaseModel):
    code: str = Field(description="machine-readable reason, e.g. replay, clock_skew, revoked")
    message: str


class EnrollRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[A-Za-z0-9 -]{4,40}$")
    terminal: int | None = Field(default=None, ge=1, le=99, description=(
        "the terminal number asked for; granted only when no device of the outlet ever "
        "held it, else the lowest number never held (an active device holding it is "
        "replaced). The answer's terminal is the one to use."))
    public_key: str = Field(pattern=r"^[A-Za-z0-9_-]{43}$",
                            description="Ed25519 public key, 32 bytes, base64url without padding")
    origin_district: str | None = Field(default=None, pattern=r"^[0-9.]{1,16}$")
    outlet: int | None = Field(default=None, ge=1, le=INT_MAX, description=(
        "the outlet the PC is set up for: a code of another outlet is refused, unused"))
    replaces: str | None = Field(default=None, max_length=64, description=(
        "the PC's earlier device id, when it enrolls again: with replaces_signature it "
        "keeps that device's terminal (its waybill series)"))
    replaces_signature: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{86}$",
                                           description="the earlier key's signature of "
                                           "the new public key")


class EnrollResponse(BaseModel):
    device_id: str
    outlet: int
    outlet_name: str
    terminal: int
    replaced: list[str] = Field(default=[], description="active devices this one replaced "
                                "(revoked now): they refuse to book once they hear so")
    tariff_public_key: str = Field(description="verifies tariff signatures")
    server_time: int


class AuditPoint(BaseModel):
    seq: int = Field(ge=1, le=INT_MAX)
    hash: str = Field(pattern=r"^([0-9a-f]{64})?$", description="empty: the row is gone")


class AuditHead(BaseModel):
    """The outlet's audit chain: its last link, and the link the server acknowledged last
    as the outlet reads it now (a different hash there means the log was rewritten)."""

    seq: int = Field(ge=1, le=INT_MAX)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    earlier: AuditPoint | None = None


class OutboxEvent(BaseModel):
    id: str = Field(pattern=UUID_PATTERN, description="idempotency key, made by the outlet")
    kind: EventKind
    created_at: str = Field(max_length=40, pattern=r"^[^\x00]*$")
    body: dict[str, Any]


class Batch(BaseModel):
    """POST /v1/events body; may be gzip-compressed (Content-Encoding: gzip)."""

    model_config = ConfigDict(extra="forbid")
    audit_head: AuditHead | None = None
    events: list[OutboxEvent] = Field(max_length=wire.MAX_BATCH)


class EventResult(BaseModel):
    id: str
    result: Literal["applied", "duplicate", "rejected"]
    reason: str | None = None


class BatchResponse(BaseModel):
    results: list[EventResult]
    server_time: int


class TariffResponse(BaseModel):
    version: str
    signature: str = Field(description="Ed25519 over the digest of the whole table")
    digest: str
    base_version: str | None = None
    delta: dict[str, Any] | None = Field(default=None, description="present with base_version")
    table: dict[str, Any] | None = Field(default=None, description="present without a base")


class ServicePointOut(BaseModel):
    code: str
    kind: str
    name: str
    address: str
    district_code: str | None = None
    city: str | None = None
    phone: str | None = None
    hours: str | None = None
    active: bool


class ServicePointsResponse(BaseModel):
    revision: int
    points: list[ServicePointOut]


class ConfigResponse(BaseModel):
    outlet: int
    outlet_name: str
    timezone: str
    terminal: int
    sync_interval_s: int
    stale_warning_hours: int


class TrackingEntry(BaseModel):
    status: str
    at: str
    note: str | None = None
    location: str | None = None


class TrackingResponse(BaseModel):
    waybill: str
    history: list[TrackingEntry]
