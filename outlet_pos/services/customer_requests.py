"""A customer's requests under UU PDP: find by phone, a copy, a correction, an erasure.

Each is a manager's (``Action.CUSTOMER_*``), and each is audited with the request's
reference (the letter's number or a ticket the manager types: typed text, so encrypted in
the audit row like a void reason). The rules (which holds stop an erasure, when a
correction is allowed, how long an old value stays) are domain/customer_requests.py.

- **find**: the customer's shipments at this outlet (sender or recipient), with their
  holds; a personal look-up, audited.
- **copy**: a PDF of every shipment of theirs and every stored field about it (the other
  party of each shipment masked: that is another person's data), audited.
- **correct**: one party field of a shipment on its way; the row is rewritten, the old
  value kept encrypted until it expires, and ``shipment.corrected`` tells the server.
- **erase**: the personal columns of every shipment without a hold are shredded here
  (nulled; ``secure_delete`` zeroes the freed bytes; then the WAL is checkpointed), and
  ``customer.erased`` tells the server to drop its sealed copy. Figures stay.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from ..domain import customer_requests as rules
from ..domain.address import MAX_STREET
from ..domain.customer_requests import (
    CustomerCopy,
    CustomerShipment,
    EraseResult,
    ShipmentFacts,
    TrackingStep,
)
from ..domain.errors import ValidationError
from ..domain.ids import new_id
from ..domain.party import MAX_NAME, normalize_email, normalize_phone
from ..domain.roles import Action
from ..domain.shipment import ShipmentRecord
from ..domain.text import clean_text
from ..domain.waybill import normalize_waybill
from ..i18n import Msg
from ..protocol.customer_events import CustomerErased, ErasedShipment, ShipmentCorrected
from ..protocol.events import SCHEMA
from .auth import UserSession
from .ports import Clock, UnitOfWork, UnitOfWorkFactory
from .refusals import require
from .shipments import get_shipment


class CopyWriter(Protocol):
    """Lays the copy out as a PDF at ``out`` (reports/customer_copy_pdf.py, 0600)."""

    def __call__(self, copy: CustomerCopy, out: Path) -> None: ...


def _facts(uow: UnitOfWork, record: ShipmentRecord) -> tuple[ShipmentFacts,
                                                             tuple[TrackingStep, ...]]:
    cached = uow.tracking.get(record.waybill)
    steps = tuple(TrackingStep(str(h.get("status", "")), str(h.get("at", "")),
                               h.get("location"), h.get("note"))
                  for h in (cached.history if cached else []))
    newest = rules.newest_step(steps)
    at = None
    if newest is not None:
        try:
            at = datetime.fromisoformat(newest.at)
        except ValueError:
            at = None
    return ShipmentFacts(
        waybill=record.waybill, status=record.status, cod_amount=record.cod_amount,
        synced=record.synced, tracking_status=newest.status if newest else None,
        tracking_at=at, erased=record.sender is None and record.recipient is None), steps


def _clean_value(attr: str, value: str) -> str:
    if attr == "name":
        return clean_text("value", value, max_len=MAX_NAME)
    if attr == "phone":
        return normalize_phone(value, "value")
    if attr == "email":
        email = normalize_email(value, "value")
        if not email:
            raise ValidationError(("value", Msg("give the new e-mail address")))
        return email
    return clean_text("value", value, max_len=MAX_STREET)


class CustomerRequestService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, outlet_number: int,
                 outlet_label: str, write_copy: CopyWriter,
                 after_erase: Callable[[], bool] = lambda: True) -> None:
        self._uow = uow
        self._clock = clock
        self._outlet = outlet_number
        self._label = outlet_label
        self._write_copy = write_copy
        self._after_erase = after_erase  # empties the WAL; False when a reader held it

    def _shipments(self, uow: UnitOfWork, e164: str) -> list[CustomerShipment]:
        now = self._clock()
        out = []
        for waybill in uow.customer_requests.waybills_of(e164):
            record = get_shipment(uow, waybill)
            facts, steps = _facts(uow, record)
            roles = tuple(who for who, p in (("sender", record.sender),
                                             ("recipient", record.recipient))
                          if p is not None and p.phone == e164)
            out.append(CustomerShipment(record, roles, facts, rules.holds(facts, now),
                                        tuple(uow.customer_requests.corrections(record.id)),
                                        steps))
        return out

    def find(self, session: UserSession, phone: str) -> list[CustomerShipment]:
        """The customer's shipments at this outlet, oldest first, with their holds."""
        require(self._uow, session, Action.CUSTOMER_COPY)
        e164 = normalize_phone(phone)
        with self._uow(write=True) as uow:
            found = self._shipments(uow, e164)
            uow.audit.append(session.username, "customer_request_find", None,
                             {"shipments": len(found)})
            uow.commit()
        return found

    def copy(self, session: UserSession, phone: str, reference: str, out: Path) -> int:
        """Write the customer's copy to ``out``; the number of shipments in it."""
        require(self._uow, session, Action.CUSTOMER_COPY)
        e164 = normalize_phone(phone)
        ref = rules.clean_reference(reference)
        now = self._clock()
        # Audited before the copy exists, as a view is before it is shown; the PDF is
        # written after the commit, outside any write lock.
        with self._uow(write=True) as uow:
            found = self._shipments(uow, e164)
            uow.audit.append(session.username, "customer_copy", None, {
                "reference_text": ref, "shipments": len(found),
                "waybills": [s.record.waybill for s in found]})
            uow.commit()
        self._write_copy(CustomerCopy(e164, ref, self._label, now, tuple(found)), out)
        return len(found)

    def correct(self, session: UserSession, waybill: str, field: str, value: str,
                reference: str) -> None:
        """Correct one party field of a shipment on its way, at the customer's request."""
        require(self._uow, session, Action.CUSTOMER_CORRECT)
        path = rules.parse_field(field)
        new = _clean_value(path.attr, value)
        ref = rules.clean_reference(reference)
        number = normalize_waybill(waybill)
        now = self._clock()
        with self._uow(write=True) as uow:
            record = get_shipment(uow, number)
            facts, _ = _facts(uow, record)
            problem = rules.correction_problem(facts)
            if problem is not None:
                raise ValidationError(("waybill", problem))
            uow.customer_requests.correct(record.id, path.who, path.attr, new, new_id(), now,
                                          rules.correction_expires(now))
            body = ShipmentCorrected(shipment_id=record.id, waybill=number, field=path.text,
                                     value=new, corrected_at=now.isoformat(),
                                     outlet=self._outlet, schema=SCHEMA).body()
            uow.outbox.add(ShipmentCorrected.KIND, record.id, body, now)
            uow.audit.append(session.username, "customer_correct", number,
                             {"reference_text": ref, "field": path.text})
            uow.customer_requests.purge_expired(now)
            uow.commit()

    def erase(self, session: UserSession, phone: str, reference: str) -> EraseResult:
        """Erase the customer's personal data from every shipment no hold keeps."""
        require(self._uow, session, Action.CUSTOMER_ERASE)
        e164 = normalize_phone(phone)
        ref = rules.clean_reference(reference)
        now = self._clock()
        with self._uow(write=True) as uow:
            found = self._shipments(uow, e164)
            plan = rules.plan_erasure([s.facts for s in found], now)
            chosen = [s.record for s in found if s.record.waybill in plan.erasable]
            for start in range(0, len(chosen), rules.MAX_SHIPMENTS):
                part = chosen[start:start + rules.MAX_SHIPMENTS]
                request_id = new_id()
                body = CustomerErased(
                    request_id=request_id, outlet=self._outlet, erased_at=now.isoformat(),
                    shipments=[ErasedShipment(shipment_id=r.id, waybill=r.waybill)
                               for r in part], schema=SCHEMA).body()
                uow.customer_requests.erase([r.id for r in part], now)
                uow.outbox.add(CustomerErased.KIND, request_id, body, now)
            uow.audit.append(session.username, "customer_erase", None, {
                "reference_text": ref, "erased": list(plan.erasable),
                "held": {w: [h.value for h in hs] for w, hs in plan.held}})
            uow.customer_requests.purge_expired(now)
            uow.commit()
        cleared = self._after_erase() if chosen else True
        return EraseResult(plan.erasable, plan.held, cleared)
