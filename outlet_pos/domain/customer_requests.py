"""A customer's requests under UU PDP (Law 27/2022): a copy, a correction, an erasure.

Pure rules, no I/O: which fields a correction may change, when a correction is still
allowed, which legal holds stop an erasure, and how long an old value is kept.

The periods, and why (the law names rights, the periods are the company's reading of
them; change them here only, with the privacy officer):

- ``TAX_RECORD_YEARS`` (10): UU KUP (Law 28/2007 art. 28(11)) keeps the books and the
  documents behind them for ten years. That binds the *figures* (amounts, weights,
  services, dates), which an erasure never touches; it does not need the sender's or the
  recipient's name, address or phone, so it is no hold on them.
- A parcel not yet delivered (or returned) holds its parties: they are what delivers it
  (UU PDP art. 20(2)(b), the performance of the contract the customer asked for).
- Cash on delivery holds the parties until the money is settled: the outlet learns the
  delivery from tracking, and the courier pays the seller out within
  ``COD_SETTLE_DAYS`` of it; until then a dispute about the money needs both parties.
- A shipment whose events the server has not yet received is held: the erasure must
  reach the server after them, or the server would keep what the outlet shredded.
- ``CORRECTION_KEEP_DAYS`` (90): the old value of a corrected field is evidence of what
  was asked and changed, for a misdelivery claim; it is kept as long as the outlet
  keeps personal data at all (``services.admin.DEFAULT_RETENTION_DAYS``, 90 days) and
  then removed, never longer than the data it replaced would have been.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from ..i18n import Msg
from .errors import ValidationError
from .shipment import ShipmentRecord
from .text import clean_text

TAX_RECORD_YEARS = 10
COD_SETTLE_DAYS = 14
CORRECTION_KEEP_DAYS = 90
MAX_REFERENCE = 200
MIN_REFERENCE = 3
MAX_SHIPMENTS = 500  # of one customer at one outlet, in one request (one event's bound)
FINAL_STATUSES = frozenset({"DELIVERED", "RETURNED"})  # the parcel was handed over
PARTIES = ("sender", "recipient")
# What a correction may change: the who and how to reach them. The village, district and
# postal code set the price and the route: a parcel going elsewhere is a new shipment.
CORRECTABLE = ("name", "phone", "email", "street")


class RequestKind(StrEnum):
    COPY = "copy"
    CORRECT = "correct"
    ERASE = "erase"


class Hold(StrEnum):
    """Why a shipment's personal data may not be erased yet."""

    NOT_SYNCED = "not_synced"
    IN_DELIVERY = "in_delivery"
    COD_OPEN = "cod_open"


HOLD_WORDS: dict[Hold, Msg] = {
    Hold.NOT_SYNCED: Msg("not yet sent to the server; sync first"),
    Hold.IN_DELIVERY: Msg("not yet delivered: the addresses are needed to deliver it"),
    Hold.COD_OPEN: Msg("cash on delivery not yet settled"),
}


@dataclass(frozen=True, slots=True)
class ShipmentFacts:
    """What the rules need to know of one shipment; no personal data."""

    waybill: str
    status: str  # booked | void
    cod_amount: int
    synced: bool
    tracking_status: str | None  # the newest tracking code the outlet has seen
    tracking_at: datetime | None
    erased: bool = False


@dataclass(frozen=True, slots=True)
class FieldPath:
    who: str  # sender | recipient
    attr: str  # one of CORRECTABLE

    @property
    def text(self) -> str:
        return f"{self.who}.{self.attr}"


def holds(facts: ShipmentFacts, now: datetime) -> tuple[Hold, ...]:
    """The legal holds on this shipment's personal data now; empty: it may be erased."""
    out: list[Hold] = []
    if not facts.synced:
        out.append(Hold.NOT_SYNCED)
    if facts.status == "void":  # never sent anywhere: nothing to deliver or to settle
        return tuple(out)
    handed_over = facts.tracking_status in FINAL_STATUSES
    if not handed_over:
        out.append(Hold.IN_DELIVERY)
    if facts.cod_amount > 0 and (not handed_over or facts.tracking_at is None
                                 or now < facts.tracking_at + timedelta(days=COD_SETTLE_DAYS)):
        out.append(Hold.COD_OPEN)
    return tuple(out)


def correction_problem(facts: ShipmentFacts) -> Msg | None:
    """Why this shipment may not be corrected, or None."""
    if facts.erased:
        return Msg("its personal data was erased; there is nothing to correct")
    if facts.status == "void":
        return Msg("is void; a void shipment is not delivered, so it is not corrected")
    if facts.tracking_status in FINAL_STATUSES:
        return Msg("was already handed over; a correction is only for a parcel on its way")
    if not facts.synced:
        return Msg("is not yet at the server; sync first, then correct it")
    return None


def parse_field(value: str) -> FieldPath:
    """``recipient.street`` and the like; a ValidationError names what may be corrected."""
    who, _, attr = value.strip().lower().partition(".")
    if who not in PARTIES or attr not in CORRECTABLE:
        raise ValidationError(("field", Msg(
            "must be one of {fields}", fields=", ".join(
                f"{w}.{a}" for w in PARTIES for a in CORRECTABLE))))
    return FieldPath(who, attr)


def clean_reference(value: object) -> str:
    """The request's reference as the manager typed it (a letter's number, a ticket)."""
    ref = clean_text("reference", value, max_len=MAX_REFERENCE)
    if len(ref) < MIN_REFERENCE:
        raise ValidationError(("reference", Msg(
            "give the request's reference, e.g. the letter's number")))
    return ref


def correction_expires(now: datetime) -> datetime:
    """When the old value of a correction made ``now`` is removed."""
    return now + timedelta(days=CORRECTION_KEEP_DAYS)


def figures_kept_until(business_date: date) -> date:
    """The last day the figures must be kept for the tax office (they are never erased
    by a request; shown on the customer's copy so they know why)."""
    try:
        return business_date.replace(year=business_date.year + TAX_RECORD_YEARS)
    except ValueError:  # 29 February
        return business_date.replace(year=business_date.year + TAX_RECORD_YEARS, day=28)


@dataclass(frozen=True, slots=True)
class ErasePlan:
    """The customer's shipments split by the rules: erased now, and held (with why)."""

    erasable: tuple[str, ...]
    held: tuple[tuple[str, tuple[Hold, ...]], ...]


def plan_erasure(shipments: list[ShipmentFacts], now: datetime) -> ErasePlan:
    erasable: list[str] = []
    held: list[tuple[str, tuple[Hold, ...]]] = []
    for f in shipments:
        if f.erased:
            continue
        h = holds(f, now)
        if h:
            held.append((f.waybill, h))
        else:
            erasable.append(f.waybill)
    return ErasePlan(tuple(erasable), tuple(held))


@dataclass(frozen=True, slots=True)
class CorrectionRow:
    """One stored correction: the field, its old value (None once its key is gone)."""

    field: str
    old_value: str | None
    corrected_at: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class TrackingStep:
    status: str
    at: str
    location: str | None
    note: str | None  # a courier's note ("received by ..."): about the customer too


@dataclass(frozen=True, slots=True)
class CustomerShipment:
    """One of the customer's shipments with everything stored about it."""

    record: ShipmentRecord
    roles: tuple[str, ...]  # which parties of it are this customer: sender, recipient
    facts: ShipmentFacts
    holds: tuple[Hold, ...]
    corrections: tuple[CorrectionRow, ...]
    tracking: tuple[TrackingStep, ...]


@dataclass(frozen=True, slots=True)
class CustomerCopy:
    """What the customer's copy (a PDF) shows; made for the customer, so unmasked for
    their own parties, masked for the other party of each shipment (another person)."""

    phone: str
    reference: str
    outlet_label: str
    generated_at: datetime
    shipments: tuple[CustomerShipment, ...]


@dataclass(frozen=True, slots=True)
class EraseResult:
    erased: tuple[str, ...]
    held: tuple[tuple[str, tuple[Hold, ...]], ...]
    wal_cleared: bool  # the write-ahead log was emptied after (False: another reader held it)


def newest_step(steps: tuple[TrackingStep, ...]) -> TrackingStep | None:
    return max(steps, key=lambda s: s.at) if steps else None
