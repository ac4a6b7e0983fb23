"""The outbox events as typed models: one pydantic model per kind, and the registry of kinds.

The outlet's services build each body through its model (``Model(...).body()``); the
central server validates each body it receives against the model of its kind
(``protocol.problems``), and the OpenAPI document shows every body's fields as a union
discriminated on ``kind`` (``event_union``). A kind's name is written once, here.

The body bytes matter: the outbox keeps the body as canonical JSON and the server hashes
it, so an event sent again must dump exactly as it did. ``body()`` dumps every field,
``None`` too, except those in ``OMIT_IF_NONE`` (absent when empty, as they always were).

Fields the server relies on are required; the rest are typed but optional, so an older
outlet's body still passes. Unknown fields are kept and only bounded (``bounds``): a
newer outlet may send more than this server knows.

How to add an event kind
------------------------
1. Here: a model derived from ``EventBody`` with ``KIND = "thing.happened"`` and its
   fields (bounds from ``protocol.bounds``), decorated with ``@register``. Nothing else
   names the kind: the services take ``Model.KIND``, the sync client sends whatever the
   outbox holds, the server's envelope accepts every registered kind and its OpenAPI
   document lists it.
2. The outlet: a service builds ``Model(...)`` and calls
   ``uow.outbox.add(Model.KIND, key, model.body(), now)`` in the change's transaction.
3. The server: a registered kind it has no code for is checked against its model and
   kept as a generic event (its id, kind and body hash in ``events``, so it is applied
   once and its duplicates are recognised). Give it its own table and code in
   ``central/ingest.py`` only when the server must act on it.
4. ``outlet-pos-central openapi --out docs/sync-openapi.json`` and commit the document.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    Strict,
    TypeAdapter,
    create_model,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .bounds import INT_MAX, UUID_PATTERN, Int64, IsoDate, IsoTime, Text, Whole, json_at, text
from .prebooking_use import PrebookingUse

SHIPMENT_CREATED = "shipment.created"
SHIPMENT_VOIDED = "shipment.voided"
DAY_CLOSED = "day.closed"
DAY_REOPENED = "day.reopened"
CASH_MOVED = "cash.moved"
SCHEMA = 1  # the body format's version, in every body the outlet builds
CASH_KINDS = ("float", "in", "out")

# Free-form values at the level where each model's unknown fields sit; the precise kind,
# so a refusal names its cause (the outlet's bodies have no unknown fields: no cost).
J1, J2, J3, J4 = (json_at(n, precise=True) for n in (1, 2, 3, 4))
Flag = Annotated[bool, Strict()]


class _Part(BaseModel):
    """A nested object of a body: unknown fields kept, bounded below by the subclass."""

    model_config = ConfigDict(extra="allow", frozen=True, validate_by_name=True,
                              validate_by_alias=True, serialize_by_alias=True)


class EventBody(_Part):
    """The body of one outbox event; ``KIND`` names it on the wire."""

    KIND: ClassVar[str]
    OMIT_IF_NONE: ClassVar[frozenset[str]] = frozenset()
    if not TYPE_CHECKING:  # pydantic checks unknown fields against this
        __pydantic_extra__: dict[str, J1]

    def body(self) -> dict[str, Any]:
        """The body as the outbox keeps it and the server hashes it."""
        out = self.model_dump()
        for key in self.OMIT_IF_NONE:
            if out.get(key, 0) is None:
                del out[key]
        return out


_REGISTRY: dict[str, type[EventBody]] = {}
_KIND_NAME = re.compile(r"[a-z][a-z_]*(\.[a-z][a-z_]*)+")
B = TypeVar("B", bound=type[EventBody])


def register(model: B) -> B:
    """Make ``model.KIND`` a kind both ends know (a decorator)."""
    if len(model.KIND) > 32 or not _KIND_NAME.fullmatch(model.KIND):  # events.kind: 32
        raise ValueError(f"event kind {model.KIND!r} is not of the form thing.happened, "
                         "at most 32 characters")
    if model.KIND in _REGISTRY and _REGISTRY[model.KIND] is not model:
        raise ValueError(f"event kind {model.KIND} is already registered")
    _REGISTRY[model.KIND] = model
    return model


def unregister(kind: str) -> None:
    """Forget a kind (tests add throw-away kinds and take them away again)."""
    _REGISTRY.pop(kind, None)


def kinds() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def model_of(kind: str) -> type[EventBody] | None:
    return _REGISTRY.get(kind)


# ---------------------------------------------------------------- shipment.created

class Address(_Part):
    if not TYPE_CHECKING:  # pydantic checks unknown fields against this
        __pydantic_extra__: dict[str, J3]
    street: Text | None = None
    village: Text | None = None
    district: Text | None = None
    city: Text | None = None
    province: Text | None = None
    postal_code: Text | None = None
    village_code: Text | None = None
    district_code: Text | None = None


class Party(_Part):
    """A sender or a recipient: all personal data, sealed by the server."""

    if not TYPE_CHECKING:  # pydantic checks unknown fields against this
        __pydantic_extra__: dict[str, J2]
    name: Text | None = None
    phone: Text | None = None
    email: Text | None = None
    address: Address | None = None
    # the sender's loyalty card number (domain/loyalty.py): absent when none, so a body
    # without one dumps, and hashes, as it did before the field existed
    loyalty_card: text(32) | None = Field(  # type: ignore[valid-type]
        default=None, exclude_if=lambda card: card is None,
        description="the sender's loyalty card number; absent when none was given")


class ParcelBody(_Part):
    if not TYPE_CHECKING:  # pydantic checks unknown fields against this
        __pydantic_extra__: dict[str, J2]
    weight_g: Whole
    length_cm: Int64 | None = None
    width_cm: Int64 | None = None
    height_cm: Int64 | None = None
    pieces: Int64 | None = None
    description: Text | None = Field(default=None, description="sealed by the server")
    declared_value: Int64 | None = None
    insured: Flag | None = None
    cod_amount: Whole | None = None
    packing: Text | None = None
    # how the weight was had (domain/weighing.py), absent when no scale reading was on screen
    # (and from older outlets): typed. An override's reason stays at the outlet, encrypted.
    weight_source: Text | None = None
    scale_weight_g: Int64 | None = None

    @model_serializer(mode="wrap")
    def _omit_weighing_when_empty(self, handler: SerializerFunctionWrapHandler) -> Any:
        # absent, not null, when no reading was on screen: a body re-dumped (the server's
        # checks, tests) is the outlet's own, and an older outlet's parcel dumps as it did
        out = handler(self)
        for key in ("weight_source", "scale_weight_g"):
            if out.get(key, 0) is None:
                del out[key]
        return out


class QuoteLine(_Part):
    if not TYPE_CHECKING:  # pydantic checks unknown fields against this
        __pydantic_extra__: dict[str, J4]
    code: Text | None = None
    label: Text | None = None
    amount: Int64 | None = None


class QuoteBody(_Part):
    if not TYPE_CHECKING:  # pydantic checks unknown fields against this
        __pydantic_extra__: dict[str, J2]
    service: Text | None = None
    service_name: Text | None = None
    actual_weight_g: Int64 | None = None
    volumetric_weight_g: Int64 | None = None
    chargeable_kg: Int64 | None = None
    price_per_kg: Int64 | None = None
    lines: list[QuoteLine] | None = None
    total: Whole
    eta_min_days: Int64 | None = None
    eta_max_days: Int64 | None = None
    eta_date: Text | None = None
    tariff_version: Text | None = None


class PaymentBody(_Part):
    if not TYPE_CHECKING:  # pydantic checks unknown fields against this
        __pydantic_extra__: dict[str, J2]
    method: text(16, min_length=1)  # type: ignore[valid-type]
    tendered: Int64 | None = None
    reference: Text | None = Field(default=None, description="sealed by the server")


@register
class ShipmentCreated(EventBody):
    """A shipment booked at the counter. The server seals the parties, the goods'
    description and the payment reference; the rest it keeps as figures."""

    KIND: ClassVar[str] = SHIPMENT_CREATED
    OMIT_IF_NONE: ClassVar[frozenset[str]] = frozenset({"prebooking"})
    shipment_id: text(36)  # type: ignore[valid-type]
    waybill: text(16)  # type: ignore[valid-type]
    outlet: Whole
    terminal: Whole
    booked_at: IsoTime
    business_date: IsoDate
    service: text(8)  # type: ignore[valid-type]
    origin_district: text(16)  # type: ignore[valid-type]
    dest_district: text(16)  # type: ignore[valid-type]
    sender: Party
    recipient: Party
    parcel: ParcelBody
    quote: QuoteBody
    payment: PaymentBody
    schema_: Int64 | None = Field(default=None, alias="schema")
    clerk: Text | None = None
    prebooking: PrebookingUse | None = None  # the app's pre-booking it was made from


@register
class ShipmentVoided(EventBody):
    KIND: ClassVar[str] = SHIPMENT_VOIDED
    shipment_id: text(36)  # type: ignore[valid-type]
    reason: text(2000)  # type: ignore[valid-type]
    voided_at: IsoTime
    schema_: Int64 | None = Field(default=None, alias="schema")
    waybill: Text | None = None
    voided_by: Text | None = None


# ---------------------------------------------------------------- the day and the drawer

class _ClosingKey(EventBody):
    sequence: Whole = Field(description="the closing's number on its terminal, from 1")
    business_date: IsoDate
    outlet: Whole
    terminal: Whole


@register
class DayClosed(_ClosingKey):
    """A terminal's end-of-day closing (the Z report's figures and the cash counted)."""

    KIND: ClassVar[str] = DAY_CLOSED
    OMIT_IF_NONE: ClassVar[frozenset[str]] = frozenset({"note", "denominations"})
    schema_: Int64 | None = Field(default=None, alias="schema")
    closed_at: Text | None = None
    closed_by: Text | None = None
    shipments: Int64 | None = None
    voided: Int64 | None = None
    revenue: Int64 | None = None
    cash_expected: Int64 | None = None
    cash_counted: Int64 | None = None
    difference: Int64 | None = None
    float_: Int64 | None = Field(default=None, alias="float")
    cash_in: Int64 | None = None
    cash_out: Int64 | None = None
    note: Text | None = Field(default=None, description="sealed by the server")
    denominations: dict[Text, Int64] | None = Field(
        default=None, description="count per rupiah note or coin, keyed by its face value")


@register
class DayReopened(_ClosingKey):
    """A closing undone by a manager; the day closes again under a new number."""

    KIND: ClassVar[str] = DAY_REOPENED
    reopened_at: text(40)  # type: ignore[valid-type]
    reopened_by: text(64)  # type: ignore[valid-type]
    reason: text(500) = Field(description="sealed by the server")  # type: ignore[valid-type]
    schema_: Int64 | None = Field(default=None, alias="schema")


@register
class CashMoved(EventBody):
    """The day's float, cash put in or taken out of a terminal's drawer."""

    KIND: ClassVar[str] = CASH_MOVED
    OMIT_IF_NONE: ClassVar[frozenset[str]] = frozenset({"reason"})
    id: text(36)  # type: ignore[valid-type]
    outlet: Whole
    terminal: Whole
    business_date: IsoDate
    kind: text(8) = Field(json_schema_extra={"enum": list(CASH_KINDS)})  # type: ignore[valid-type]
    amount: Whole
    at: text(40)  # type: ignore[valid-type]
    by: text(64)  # type: ignore[valid-type]
    reason: text(200) | None = Field(  # type: ignore[valid-type]
        default=None, description="required for in and out; sealed by the server")
    schema_: Int64 | None = Field(default=None, alias="schema")

    @field_validator("kind")
    @classmethod
    def _known(cls, kind: str) -> str:
        if kind not in CASH_KINDS:
            raise PydanticCustomError("cash_kind", "field kind must be float, in or out")
        return kind

    @model_validator(mode="after")
    def _reason_for_in_and_out(self) -> CashMoved:
        if self.kind != "float" and not self.reason:
            raise PydanticCustomError("cash_reason", "cash in or out needs a reason")
        return self


# ---------------------------------------------------------------- the envelope

EventId = Annotated[str, Field(pattern=UUID_PATTERN,
                               description="idempotency key, made by the outlet")]
CreatedAt = Annotated[str, Field(max_length=40, pattern=r"^[^\x00]*$")]


@cache
def _union(registered: tuple[tuple[str, type[EventBody]], ...]) -> Any:
    members = [create_model(f"{model.__name__}Event", id=(EventId, ...),
                            kind=(Literal[kind], ...),  # type: ignore[arg-type]
                            created_at=(CreatedAt, ...), body=(model, ...))
               for kind, model in registered]
    union: Any = members[0]
    for m in members[1:]:
        union = union | m
    return Annotated[union, Field(discriminator="kind")]


def event_union() -> Any:
    """One event as the contract shows it: the envelope with the body of its kind,
    discriminated on ``kind`` (built from the registry as it is now)."""
    return _union(tuple(_REGISTRY.items()))


@cache
def _adapter(registered: tuple[tuple[str, type[EventBody]], ...]) -> TypeAdapter[Any]:
    return TypeAdapter(_union(registered))


def event_adapter() -> TypeAdapter[Any]:
    return _adapter(tuple(_REGISTRY.items()))


def registered_kind(kind: str) -> str:
    """The envelope's check of ``kind``: a kind this build knows."""
    if kind not in _REGISTRY:
        raise ValueError(f"unknown event kind; known: {', '.join(_REGISTRY)}")
    return kind


__all__ = ["CASH_KINDS", "CASH_MOVED", "DAY_CLOSED", "DAY_REOPENED", "INT_MAX", "SCHEMA",
           "SHIPMENT_CREATED", "SHIPMENT_VOIDED", "CashMoved", "DayClosed", "DayReopened",
           "EventBody", "ShipmentCreated", "ShipmentVoided", "event_union", "kinds",
           "model_of", "register", "registered_kind", "unregister"]
from . import customer_events  # noqa: E402,F401,I001  (registers its kinds)
from . import shift_events  # noqa: E402,F401  (registers its kinds)
