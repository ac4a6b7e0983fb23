"""One outlet's business day as the central server knows it (``GET /v1/outlet-day``): the
figures of each of its terminals as of their last upload, for the manager's Day review.

Figures only: counts, integer rupiah, closing numbers and times. No waybill, name, phone,
address, user name or typed text ever crosses in this answer, so the outlet may keep it
(its last answer) without sealing it. Both ends share these models: the server builds the
answer through them, the outlet validates what it receives against them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from .bounds import IsoDate, IsoTime, Whole

PATH = "/outlet-day"  # under wire.API
Method = Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[a-z0-9_]+$")]


class PaymentTotal(BaseModel):
    """Booked (not voided) shipments of one payment method and their revenue."""

    model_config = ConfigDict(frozen=True)
    method: Method
    shipments: Whole
    amount: Whole


class TerminalDay(BaseModel):
    """One terminal's part of the day, as far as the server has received it."""

    # A newer server may add figures: an older outlet reads the ones it knows.
    model_config = ConfigDict(frozen=True, extra="ignore")
    terminal: Whole
    shipments: Whole = Field(description="booked and not voided")
    voided: Whole
    revenue: Whole = Field(description="rupiah, voided shipments left out")
    cod_total: Whole = Field(description="rupiah to collect on delivery, voids left out")
    by_payment: tuple[PaymentTotal, ...] = ()
    cash_float: Whole = 0
    cash_in: Whole = 0
    cash_out: Whole = 0
    closed: bool = Field(description="a closing of the day stands (not reopened)")
    closing_sequence: Whole | None = Field(
        default=None, description="the standing closing's number, else the last one reopened")
    last_received_at: IsoTime | None = Field(
        default=None, description="UTC: when the server received the newest of this "
        "terminal's data of the day (a shipment, a closing or a cash movement)")
    last_seen_at: IsoTime | None = Field(
        default=None, description="UTC: the terminal's last signed request of any kind")
    last_batch_at: IsoTime | None = Field(
        default=None, description="UTC: when the server last received a batch from this "
        "terminal (kept with the batch's health report, to the minute)")

    @property
    def cash_sales(self) -> int:
        return sum(p.amount for p in self.by_payment if p.method == "cash")


class OutletDay(BaseModel):
    """The asking device's outlet only, whatever the request names."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    outlet: Whole
    business_date: IsoDate
    server_time: IsoTime
    terminals: tuple[TerminalDay, ...]
