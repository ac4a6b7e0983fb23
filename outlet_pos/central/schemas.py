"""The sync contract as pydantic models; FastAPI turns them into the OpenAPI document.

The event bodies are the protocol's (``protocol/events.py``). A batch is parsed with each
body as plain JSON, so one malformed body is that event's ``rejected`` answer (checked
against its kind's model in ``ingest``), not a 422 for the whole batch; the document
still shows every body's fields, as a union discriminated on ``kind``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    TypeAdapter,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ..protocol import events, wire
from ..protocol.bounds import INT_MAX
from ..protocol.events import CreatedAt, EventId
from ..protocol.health import HealthReport

VERSION_PATTERN = r"^[A-Za-z0-9._-]{1,40}$"


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
    """One event of a batch: its body is checked against its kind's model per event."""

    id: EventId
    kind: Annotated[str, AfterValidator(events.registered_kind)]
    created_at: CreatedAt
    body: dict[str, Any]

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # documented as what it is checked against: each kind's envelope and body
        return handler(TypeAdapter(events.event_union()).core_schema)


class Batch(BaseModel):
    """POST /v1/events body; may be gzip-compressed (Content-Encoding: gzip)."""

    model_config = ConfigDict(extra="forbid")
    audit_head: AuditHead | None = None
    events: list[OutboxEvent] = Field(max_length=wire.MAX_BATCH)
    # Read as plain JSON and checked apart (central/fleet.py): a bad report is dropped,
    # never the batch's events. Documented as it is: the report's shape, but any object.
    health: Annotated[dict[str, Any] | None, WithJsonSchema(
        {"anyOf": [HealthReport.model_json_schema(), {"type": "object"}, {"type": "null"}],
         "description": "the terminal's health (HealthReport); one that does not fit it is "
         "dropped, the batch's events are applied all the same"})] = None


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
