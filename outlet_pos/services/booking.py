"""Quoting and booking: validate, price, number, store, queue — in one transaction.

A booking identical to one made minutes ago (same sender, recipient and parcel) is
refused with ``DuplicateBooking`` unless the caller says it is meant: a second key
press at a frozen counter, or the same JSON run twice, must not send two parcels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.address import RegionDirectory
from ..domain.calendar import WorkingCalendar
from ..domain.dropoff import PrebookingUsedHere, due_now
from ..domain.errors import DomainError, ValidationError
from ..domain.ids import new_id
from ..domain.money import format_rupiah
from ..domain.parcel import Parcel
from ..domain.records import NewShipment
from ..domain.roles import Action
from ..domain.shipment import ShipmentOrder, ShipmentRecord, parse_order
from ..domain.stored_settings import SYNC_DEVICE_ID, SYNC_REVOKED_DEVICE, TERMINAL
from ..domain.tariff import Quote, TariffTable, quote_all, quote_service
from ..domain.waybill import make_waybill
from ..domain.weighing import OVERRIDE_ACTION
from ..i18n import Msg
from . import events
from .auth import UserSession
from .cash import DayNotClosed, unclosed_day_before
from .closing import open_business_date
from .loyalty import checked as loyalty_checked
from .outlet import OutletInfo
from .ports import Clock, TariffSource, UnitOfWork, UnitOfWorkFactory
from .printing import parse_copies
from .refusals import require
from .shifts import require_shift

DUPLICATE_WINDOW = timedelta(minutes=10)  # a customer back with a second parcel takes longer


class DuplicateBooking(DomainError):
    """The same sender, recipient and parcel were booked ``minutes`` ago as ``waybill``.

    Names only the waybill and the time: nothing personal."""

    def __init__(self, waybill: str, minutes: int) -> None:
        self.waybill, self.minutes = waybill, minutes
        super().__init__(Msg("the same sender, recipient and parcel were booked {minutes} min "
                             "ago as waybill {waybill}", minutes=minutes, waybill=waybill))


class DeviceRevoked(DomainError):
    """The server revoked this PC's device (another PC replaced it): booking on would
    number waybills in a series the outlet no longer gives this PC."""

    def __init__(self) -> None:
        super().__init__(Msg("this PC may not book any more: the central server revoked it "
                             "(another PC replaced it for this terminal). Book on the new PC, "
                             "or have a technician enroll this one again"))


def bookable_terminal(uow: UnitOfWork, outlet: OutletInfo) -> int:
    """The terminal this PC numbers waybills in now: the one its last enrolment gave (read
    each time, so a running window follows an enrolment); DeviceRevoked once revoked."""
    revoked = uow.meta.get(SYNC_REVOKED_DEVICE.key)  # the device id the server refused
    if revoked and revoked == uow.meta.get(SYNC_DEVICE_ID.key):
        raise DeviceRevoked()
    terminal = _enrolled(uow.meta.get(TERMINAL.key), outlet)
    if terminal != outlet.terminal:
        # The server gave this PC another terminal since the app started (enroll from the
        # settings page or the command line). Every service shares this one OutletInfo: the
        # closing, the labels and the backups follow it too. The one change made to it.
        object.__setattr__(outlet, "terminal", terminal)
    return terminal


def _enrolled(terminal: str | None, outlet: OutletInfo) -> int:
    return int(terminal or outlet.terminal)


@dataclass(frozen=True)
class Booking:
    shipment_id: str
    waybill: str
    total: int
    change: int
    quote: Quote
    print_jobs: tuple[int, ...] = ()  # spool jobs written with the shipment, sent afterwards


class BookingService:
    def __init__(self, uow: UnitOfWorkFactory, tariffs: TariffSource,
                 directory: RegionDirectory, calendar: WorkingCalendar, clock: Clock,
                 outlet: OutletInfo) -> None:
        self._uow = uow
        self._tariffs = tariffs
        self._directory = directory
        self._calendar = calendar
        self._clock = clock
        self._outlet = outlet

    def tariff_version(self) -> str:
        """The version of the tariff in force (the server's newest signed one, once fetched)."""
        return self._tariffs.current().version

    def destination_district(self, postal_code: str) -> str:
        """The district a postal code lies in; asks for the district when there are several."""
        pc = (postal_code or "").strip()
        if not (len(pc) == 5 and pc.isdigit()):
            raise ValidationError(("dest_postal_code", Msg("must be 5 digits, e.g. 40115")))
        districts = sorted({v.district_code for v in self._directory.villages_with_postal_code(pc)})
        if not districts:
            raise ValidationError(
                ("dest_postal_code", Msg("is not a known Indonesian postal code; check it")))
        if len(districts) > 1:
            names = ", ".join(self._directory.district_name(d) or d for d in districts)
            raise ValidationError(("dest_postal_code", Msg(
                "covers several districts ({names}); give the district code", names=names)))
        return districts[0]

    def quote(self, parcel: Parcel, dest_district: str, service: str | None = None,
              on: date | None = None, *, tariff_order: bool = False) -> list[Quote]:
        """Every service to the destination, cheapest first; or just ``service``.

        ``tariff_order`` keeps the table's own order of services instead (the counter's
        list: the same arrow keys pick the same service whatever the parcel)."""
        with self._uow() as uow:
            table = self._tariffs.current(uow)
            day = on or self._open_day(uow, self._clock())
        if service:
            return [quote_service(table, parcel, dest_district, service.upper(), booked_on=day,
                                  calendar=self._calendar)]
        quotes = quote_all(table, parcel, dest_district, booked_on=day, calendar=self._calendar)
        if tariff_order:
            rank = {code: i for i, code in enumerate(table.services)}
            quotes.sort(key=lambda q: rank.get(q.service, len(rank)))
        return quotes

    def business_date(self) -> date:
        """The day a booking now belongs to: today, or the next day once today is closed."""
        with self._uow() as uow:
            return self._open_day(uow, self._clock())

    def _open_day(self, uow: UnitOfWork, now: datetime) -> date:
        return open_business_date(uow, self._outlet, self._outlet.business_date(now))

    def validate(self, data: Any) -> ShipmentOrder:
        """Parse and check an order without booking it (all problems at once)."""
        return loyalty_checked(self._uow, parse_order(data, self._directory))

    def book(self, session: UserSession, data: Any, print_copies: Sequence[str] = (), *,
             allow_duplicate: bool = True) -> Booking:
        return self.book_many(session, [data], print_copies,
                              allow_duplicate=allow_duplicate)[0]

    def book_many(self, session: UserSession, items: Sequence[Any],
                  print_copies: Sequence[str] = (), *,
                  allow_duplicate: bool = True) -> list[Booking]:
        """Validate every order first, then book each in one durable transaction of its own.

        If any order is invalid nothing is booked and the error names it by
        position (``shipments[2].recipient.phone``). ``print_copies`` (label,
        receipt, outlet) are queued in the print spool in the same transaction, so a
        crash after the commit still leaves the waybill to print; the printer itself
        is never touched here. With ``allow_duplicate=False`` an order identical to a
        booking of the last ``DUPLICATE_WINDOW`` raises ``DuplicateBooking`` and nothing
        is booked (the counter and the command line ask first).

        One order is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``): the tariff in
        force, the open business day, the price, the twin check, the number and the
        writes all see the same database. Several orders are first priced and checked
        together in one read transaction, so that a bad one books none of them.
        """
        require(self._uow, session, Action.BOOK)
        copies = [c.value for c in parse_copies(print_copies)]
        orders: list[ShipmentOrder] = []
        problems: list[tuple[str, str]] = []
        for i, data in enumerate(items):
            try:
                orders.append(data if isinstance(data, ShipmentOrder) else self.validate(data))
            except ValidationError as e:
                problems += _at(e, i, len(items))
        if problems:
            raise ValidationError(problems)
        single = len(orders) == 1
        if not single:
            self._check_all(orders, allow_duplicate)
        return [self._book_one(session, order, copies, refuse_twin=single and not
                               allow_duplicate) for order in orders]

    def _check_all(self, orders: Sequence[ShipmentOrder], allow_duplicate: bool) -> None:
        """Price every order and look for twins before any is booked (one read)."""
        problems: list[tuple[str, str]] = []
        now = self._clock()
        with self._uow() as uow:
            table = self._tariffs.current(uow)
            day = self._open_day(uow, now)
            for i, order in enumerate(orders):
                try:
                    self._price(table, order, day)
                except ValidationError as e:
                    problems += _at(e, i, len(orders))
            if problems:
                raise ValidationError(problems)
            if not allow_duplicate:
                for order in orders:
                    self._refuse_twin(uow, order, now)

    def _price(self, table: TariffTable, order: ShipmentOrder, day: date) -> Quote:
        q = quote_service(table, order.parcel, order.recipient.address.district_code,
                          order.service.upper(), booked_on=day, calendar=self._calendar) \
            if order.service else quote_all(table, order.parcel,
                                            order.recipient.address.district_code,
                                            booked_on=day, calendar=self._calendar)[0]
        _check_payment(order, q)
        return q

    def _book_one(self, session: UserSession, order: ShipmentOrder,
                  print_copies: Sequence[str], *, refuse_twin: bool) -> Booking:
        now = self._clock()
        outlet = self._outlet
        with self._uow(write=True) as uow:
            table = self._tariffs.current(uow)
            today = outlet.business_date(now)
            # The day, the device, the earlier days and the number in one read. Only when
            # today is closed or an enrolment gave this PC another terminal are they read
            # one by one, as each of those moves the day or the terminal first.
            read = uow.shipments.booking_checks(outlet.number, outlet.terminal, today)
            usual = not read.day_closed and _enrolled(read.terminal, outlet) == outlet.terminal
            day = today if usual else self._open_day(uow, now)
            q = self._price(table, order, day)
            if refuse_twin:
                self._refuse_twin(uow, order, now)
            if order.prebooking is not None:  # a code is used once; here at once, offline too
                used = uow.prebookings.used_by(order.prebooking.code)
                if used is not None:
                    raise PrebookingUsedHere(order.prebooking.code, used)
            if usual:
                if read.revoked_device and read.revoked_device == read.device_id:
                    raise DeviceRevoked()
                terminal, seq = outlet.terminal, read.next_sequence
                earlier = (date.fromisoformat(read.unclosed_before) if read.unclosed_before
                           else None)
            else:
                terminal = bookable_terminal(uow, outlet)
                earlier = unclosed_day_before(uow, outlet.terminal, day)
                seq = uow.shipments.next_sequence(outlet.number, terminal)
            if earlier is not None:
                raise DayNotClosed(earlier)
            require_shift(uow, outlet.terminal)  # a drawer with a keeper, if shifts are kept
            waybill = make_waybill(outlet.number, terminal, seq)
            shipment = NewShipment(
                id=new_id(), waybill=waybill, outlet=outlet.number,
                terminal=terminal, sequence=seq, booked_at=now,
                business_date=day,
                clerk_id=session.user_id,
                origin_district=outlet.origin_district, sender=order.sender,
                recipient=order.recipient, parcel=order.parcel, quote=q, payment=order.payment,
                prebooking=order.prebooking,
                weighing=order.weighing,
            )
            uow.shipments.add(shipment)
            uow.outbox.add(events.ShipmentCreated.KIND, shipment.id,
                           events.shipment_created(shipment, session.username), now)
            uow.audit.append(session.username, "shipment_booked", waybill,
                             {"service": q.service, "total": q.total})
            if order.weighing.overridden:  # typed over the scale: the manager sees it
                uow.audit.append(session.username, OVERRIDE_ACTION, waybill,
                                 order.weighing.audit_details(order.parcel.weight_g))
            jobs = tuple(uow.print_jobs.add(waybill, c, 0, session.username, now)
                         for c in print_copies)
            uow.commit()
        return Booking(shipment.id, waybill, q.total,
                       order.payment.change(due_now(q.total, order.prebooking)), q, jobs)

    def recent_twin(self, order: ShipmentOrder) -> ShipmentRecord | None:
        """A live booking of the last minutes with this order's sender, recipient and parcel.

        Compared inside the service on the decrypted records the blind index finds (the
        recipient's phone), so no fingerprint of anyone's data is stored for it."""
        with self._uow() as uow:
            return self._twin(uow, order, self._clock())

    def _twin(self, uow: UnitOfWork, order: ShipmentOrder,
              now: datetime) -> ShipmentRecord | None:
        for waybill in self._recent_waybills(uow, order.recipient.phone, now):
            record = uow.shipments.get(waybill)
            if record is not None and _same(record, order) \
                    and now - record.booked_at <= DUPLICATE_WINDOW:
                return record
        return None

    def _recent_waybills(self, uow: UnitOfWork, phone: str, now: datetime) -> list[str]:
        outlet = self._outlet
        days = {outlet.business_date(now - DUPLICATE_WINDOW), outlet.business_date(now),
                self._open_day(uow, now)}
        return [w for day in sorted(days) for w in uow.shipments.waybills_by_phone(phone, day)]

    def _refuse_twin(self, uow: UnitOfWork, order: ShipmentOrder, now: datetime) -> None:
        twin = self._twin(uow, order, now)
        if twin is not None:
            minutes = int((now - twin.booked_at).total_seconds() // 60)
            raise DuplicateBooking(twin.waybill, max(0, minutes))


def _at(e: ValidationError, i: int, n: int) -> list[tuple[str, str]]:
    """The problems of order ``i`` of ``n``, named by position when there are several."""
    return list(e.prefixed(f"shipments[{i}]").problems if n > 1 else e.problems)


def _same(record: ShipmentRecord, order: ShipmentOrder) -> bool:
    p = order.parcel
    return (record.status != "void" and record.sender == order.sender
            and record.recipient == order.recipient
            and (record.weight_g, record.dims_cm, record.pieces, record.description,
                 record.declared_value, record.insured, record.cod_amount, record.packing)
            == (p.weight_g, (p.length_cm, p.width_cm, p.height_cm), p.pieces, p.description,
                p.declared_value, p.insured, p.cod_amount, p.packing))


def _check_payment(order: ShipmentOrder, q: Quote) -> None:
    p, due = order.payment, due_now(q.total, order.prebooking)  # a drop-off: the difference
    if p.method == "cash" and p.tendered is not None and p.tendered < due:
        raise ValidationError(("payment.tendered", Msg("is less than the total {amount}",
                                                       amount=format_rupiah(due))))
