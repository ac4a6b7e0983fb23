"""A pre-booked parcel dropped off at the counter: read the booking, price it again, book it.

The customer booked in the courier's app and brings the parcel with a QR (or its code).
A scanned QR is trusted offline: its signature is checked with the server's keys this
PC keeps (``sync/prebookings.py`` fetches them). A typed code has no signature to check,
so it is looked up at the server (online only). The counter weighs the parcel again and
prices it with the same tariff service as every booking; what the app took is
subtracted: the clerk takes the difference, or gives it back.

A code becomes one waybill: used here already is refused at once, offline too; used at
another outlet while this one was offline, the server refuses the second booking and both
managers see the conflict (``conflicts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from ..domain.dropoff import Difference, PrebookingConflict, PrebookingUse, PrebookingUsedHere
from ..domain.errors import AppError, DomainError
from ..domain.parcel import Parcel
from ..domain.roles import Action
from ..domain.shipment import ShipmentOrder
from ..i18n import Msg
from ..protocol.events import Party as WireParty
from ..protocol.prebooking import (
    QR_PREFIX,
    Prebooked,
    PrebookingInvalid,
    PrebookingLookup,
    decode_qr,
    normalize_code,
)
from .auth import UserSession
from .booking import Booking, BookingService
from .ports import Clock, UnitOfWorkFactory
from .refusals import require

# What the clerk reads for each reason a QR is refused (protocol.prebooking.REASONS).
_REFUSED = {
    "malformed": Msg("this is not a readable pre-booking QR; scan it again or type its code"),
    "unknown_key": Msg("this pre-booking QR is signed by a key this PC does not know yet; "
                       "type its code (the PC fetches the server's keys when online)"),
    "bad_signature": Msg("this pre-booking QR failed its signature check: it was altered. "
                         "Do not accept it; book the parcel as a new shipment"),
    "expired": Msg("this pre-booking has expired; book the parcel as a new shipment"),
}


class PrebookingRefused(DomainError):
    """The scan or code cannot become a drop-off; the message says why and what to do."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class PrebookingDirectory(Protocol):
    """The server's pre-bookings, as the sync side reaches them (``sync/prebookings.py``)."""

    def lookup(self, code: str) -> PrebookingLookup | None:
        """The booking of ``code``, None when the server has none; raises an AppError
        (SyncError) when the server cannot be reached."""
        ...

    def refresh_keys(self) -> int:
        """Fetch and keep the server's QR keys now; how many it lists."""
        ...


@dataclass(frozen=True)
class DropOff:
    """A pre-booking read at the counter, ready to fill the form."""

    prebooked: Prebooked
    source: str  # qr | lookup

    @property
    def use(self) -> PrebookingUse:
        p = self.prebooked
        return PrebookingUse(p.code, p.paid, p.quoted_total)


@dataclass(frozen=True)
class DropOffBooking:
    booking: Booking
    difference: Difference


class DropOffService:
    def __init__(self, uow: UnitOfWorkFactory, booking: BookingService, clock: Clock,
                 directory: PrebookingDirectory | None = None) -> None:
        self._uow, self._booking, self._clock = uow, booking, clock
        self._directory = directory

    def read(self, session: UserSession, text: str) -> DropOff:
        """A scanned QR (checked offline) or a typed code (looked up at the server)."""
        require(self._uow, session, Action.BOOK)
        text = text.strip()
        if text.startswith(QR_PREFIX):
            found = DropOff(self._decode(text), "qr")
        else:
            found = DropOff(self._look_up(text), "lookup")
        self._refuse_used_here(found.prebooked.code)
        return found

    def _decode(self, text: str, fetched: bool = False) -> Prebooked:
        with self._uow() as uow:
            keys = uow.prebookings.keys()
        try:
            return decode_qr(text, keys, self._clock())
        except PrebookingInvalid as e:
            if e.reason == "unknown_key" and not fetched and self._fetch_keys():
                return self._decode(text, fetched=True)  # the server's new key, once
            raise PrebookingRefused(_REFUSED[e.reason], e.reason) from None

    def _fetch_keys(self) -> bool:
        """The server's keys now (a QR signed since the last hourly fetch); False offline."""
        if self._directory is None:
            return False
        try:
            return self._directory.refresh_keys() > 0
        except AppError:  # offline or refused: the QR stays unknown, its code can be typed
            return False

    def _look_up(self, text: str) -> Prebooked:
        try:
            code = normalize_code(text)
        except ValueError:
            raise PrebookingRefused(Msg("this is not a pre-booking code (PB and 8 letters or "
                                        "digits); check it"), "malformed") from None
        if self._directory is None:
            raise PrebookingRefused(Msg("a typed pre-booking code is looked up at the central "
                                        "server, and this PC is not enrolled; scan the "
                                        "customer's QR"), "offline")
        got = self._directory.lookup(code)  # offline: the SyncError says so
        if got is None:
            raise PrebookingRefused(Msg("the server knows no pre-booking {code}; check the "
                                        "code", code=code), "unknown_code")
        if got.status == "used":
            raise PrebookingRefused(Msg("pre-booking {code} was already dropped off as "
                                        "waybill {waybill}", code=code,
                                        waybill=got.used_waybill or "?"), "used")
        if got.status == "expired" or got.prebooked.expired(self._clock()):
            raise PrebookingRefused(_REFUSED["expired"], "expired")
        return got.prebooked

    def _refuse_used_here(self, code: str) -> None:
        with self._uow() as uow:
            used = uow.prebookings.used_by(code)
        if used is not None:
            raise PrebookingUsedHere(code, used)

    @staticmethod
    def order_data(drop: DropOff) -> dict[str, Any]:
        """The booking as the form's order (``parse_order``'s shape): the parties and the
        declared parcel; the counter weighs it again and takes the payment."""
        p = drop.prebooked
        parcel: dict[str, Any] = {
            "weight_g": p.parcel.weight_g, "pieces": p.parcel.pieces,
            "description": p.parcel.description or "",
            "declared_value": p.parcel.declared_value or 0,
            "packing": p.parcel.packing or "none"}
        dims = (p.parcel.length_cm, p.parcel.width_cm, p.parcel.height_cm)
        if all(d for d in dims):
            parcel.update(length_cm=dims[0], width_cm=dims[1], height_cm=dims[2])
        return {"sender": _party(p.sender), "recipient": _party(p.recipient),
                "parcel": parcel, "service": p.service}

    def difference(self, drop: DropOff, parcel: Parcel, dest_district: str,
                   service: str | None = None) -> Difference:
        """What the parcel costs now against what the app took."""
        quote = self._booking.quote(parcel, dest_district, service or drop.prebooked.service)[0]
        return Difference(paid=drop.prebooked.paid, total=quote.total)

    def book(self, session: UserSession, data: Any, drop: DropOff,
             print_copies: Sequence[str] = ()) -> DropOffBooking:
        """Book the parcel as the counter has it now, carrying the pre-booking's code: the
        drawer takes the difference (``payment`` is for it) or gives it back."""
        order = data if isinstance(data, ShipmentOrder) else self._booking.validate(data)
        booked = self._booking.book(session, replace(order, prebooking=drop.use), print_copies)
        return DropOffBooking(booked, Difference(paid=drop.prebooked.paid, total=booked.total))

    def conflicts(self, session: UserSession, limit: int = 200) -> list[PrebookingConflict]:
        """Codes used twice (or unknown to the server) involving this outlet, newest first,
        as the last sync fetched them: codes, outlets and waybills only."""
        require(self._uow, session, Action.REVIEW_DAY)
        with self._uow() as uow:
            return uow.prebookings.conflicts(limit)

    def fetched_at(self) -> datetime | None:
        """When the server's QR keys were last fetched (None: never, QRs cannot be read)."""
        with self._uow() as uow:
            return uow.prebookings.keys_fetched_at()


def _party(p: WireParty) -> dict[str, Any]:
    address = p.address.model_dump(exclude_none=True) if p.address is not None else {}
    return {"name": p.name, "phone": p.phone, "email": p.email, "address": address}
