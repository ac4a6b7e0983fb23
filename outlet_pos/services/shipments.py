"""Looking at shipments and customers, and voiding: role-gated, personal views audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from ..domain.errors import DomainError, ValidationError
from ..domain.party import normalize_phone
from ..domain.records import CustomerMatch, ShipmentSummary
from ..domain.roles import Action
from ..domain.shipment import ShipmentRecord
from ..domain.text import clean_text
from ..domain.waybill import normalize_waybill, parse_waybill
from ..i18n import Msg
from . import events
from .auth import UserSession
from .ports import Clock, UnitOfWork, UnitOfWorkFactory
from .refusals import require

T = TypeVar("T")


class NotFound(DomainError):
    pass


def get_shipment(uow: UnitOfWork, number: str) -> ShipmentRecord:
    """The stored shipment with this (normalised) waybill number, or NotFound."""
    record = uow.shipments.get(number)
    if record is None:
        raise NotFound(Msg("waybill {number} is not in this outlet's database", number=number))
    return record


class ShipmentService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def list_day(self, session: UserSession, day: date) -> list[ShipmentSummary]:
        require(self._uow, session, Action.LIST_SHIPMENTS)
        with self._uow() as uow:
            return uow.shipments.list_day(day)

    def show(self, session: UserSession, waybill: str) -> ShipmentRecord:
        """The whole shipment with personal data; the view is audited before it is returned."""
        require(self._uow, session, Action.VIEW_PERSONAL)
        number = normalize_waybill(waybill)
        with self._uow(write=True) as uow:
            record = get_shipment(uow, number)
            uow.audit.append(session.username, "view_personal", number)
            uow.commit()
        return record

    def day_waybills_for_phone(self, session: UserSession, phone: str, day: date) -> list[str]:
        """Waybills of a day sent by or to this phone; a personal look-up, so audited."""
        return self._phone_lookup(session, phone,
                                  lambda uow, e164: uow.shipments.waybills_by_phone(e164, day))

    def find_customer(self, session: UserSession, phone: str,
                      limit: int = 10) -> list[CustomerMatch]:
        return self._phone_lookup(session, phone,
                                  lambda uow, e164: uow.shipments.find_by_phone(e164, limit))

    def _phone_lookup(self, session: UserSession, phone: str,
                      find: Callable[[UnitOfWork, str], list[T]]) -> list[T]:
        require(self._uow, session, Action.FIND_CUSTOMER)
        e164 = normalize_phone(phone)
        with self._uow(write=True) as uow:
            found = find(uow, e164)
            # The phone itself is personal: the audit row records only that a look-up happened.
            uow.audit.append(session.username, "customer_lookup", None, {"matches": len(found)})
            uow.commit()
        return found

    def void(self, session: UserSession, waybill: str, reason: str,
             requested_by: str | None = None) -> None:
        """Void a shipment. ``session`` is the manager who authorises it (logged in for
        this, at the counter); ``requested_by`` the clerk who asked, when not the same."""
        require(self._uow, session, Action.VOID)
        number = normalize_waybill(waybill)
        why = clean_text("reason", reason, max_len=500)
        if len(why) < 5:
            raise ValidationError(("reason", Msg("explain the void in a few words")))
        now = self._clock()
        with self._uow(write=True) as uow:
            record = get_shipment(uow, number)
            if record.status == "void":
                raise ValidationError(("waybill", Msg("is already void")))
            if uow.closings.for_date(parse_waybill(number).terminal,
                                     record.business_date.isoformat()) is not None:
                raise ValidationError(("waybill", Msg(
                    "belongs to {day}, which is closed; a manager reopens the day first",
                    day=record.business_date.isoformat())))
            uow.shipments.mark_void(number, why, session.user_id, now)
            uow.outbox.add(events.ShipmentVoided.KIND, record.id,
                           events.shipment_voided(record.id, number, why, session.username,
                                                  now.isoformat()), now)
            uow.audit.append(session.username, "shipment_voided", number,
                             {"reason": why, "requested_by": requested_by or session.username})
            uow.commit()
