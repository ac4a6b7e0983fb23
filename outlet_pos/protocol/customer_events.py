"""The events of a customer's requests under UU PDP: a correction and an erasure.

``shipment.corrected`` carries the new value of one party field (personal data: the
outbox keeps it encrypted, the server seals it into the shipment's sealed parties and
never keeps it in clear). ``customer.erased`` carries only which shipments were erased:
the server removes their sealed parties and keeps their figures. Neither carries the
request's reference, which is typed text kept in the outlet's audit (encrypted).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import Field

from .bounds import Int64, IsoTime, Whole, text
from .events import J2, EventBody, _Part, register

SHIPMENT_CORRECTED = "shipment.corrected"
CUSTOMER_ERASED = "customer.erased"
MAX_ERASED = 500  # shipments of one customer at one outlet in one request
FIELD_PATTERN = r"^(sender|recipient)\.(name|phone|email|street)$"


@register
class ShipmentCorrected(EventBody):
    """A party's field of a shipment not yet delivered, corrected at the customer's request."""

    KIND: ClassVar[str] = SHIPMENT_CORRECTED
    shipment_id: text(36)  # type: ignore[valid-type]
    waybill: text(16)  # type: ignore[valid-type]
    field: Annotated[str, Field(pattern=FIELD_PATTERN, max_length=24)]
    value: text(200, min_length=1)  # type: ignore[valid-type]
    corrected_at: IsoTime
    outlet: Whole
    schema_: Int64 | None = Field(default=None, alias="schema")


class ErasedShipment(_Part):
    if not TYPE_CHECKING:  # pydantic checks unknown fields against this
        __pydantic_extra__: dict[str, J2]
    shipment_id: text(36)  # type: ignore[valid-type]
    waybill: text(16)  # type: ignore[valid-type]


@register
class CustomerErased(EventBody):
    """A customer's personal data erased from these shipments at their request."""

    KIND: ClassVar[str] = CUSTOMER_ERASED
    request_id: text(36)  # type: ignore[valid-type]
    outlet: Whole
    erased_at: IsoTime
    shipments: Annotated[list[ErasedShipment], Field(min_length=1, max_length=MAX_ERASED)]
    schema_: Int64 | None = Field(default=None, alias="schema")
