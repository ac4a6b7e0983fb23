"""Events the central server refused (parked in the outbox), as the screens name them: by
waybill (not by event id), with the server's reason in the user's language and what to do.

The server answers a refusal with an English sentence (central/ingest.py, checks.py);
``reason_words`` maps each kind of sentence to a translatable Msg, keeping only the
parameters that name no person (waybill, outlet and terminal numbers, a field's name).
A sentence it does not know is shown as the server wrote it, after a translated lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.records import ParkedEvent
from ..i18n import N_, Msg
from ..protocol.events import DAY_CLOSED, DAY_REOPENED, SHIPMENT_CREATED, SHIPMENT_VOIDED
from .ports import UnitOfWorkFactory

SHIPMENT_KINDS = (SHIPMENT_CREATED, SHIPMENT_VOIDED)

# (pattern over the server's sentence, template; the pattern's named groups fill it)
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), t) for p, t in (
        (r"^shipment of outlet (?P<outlet>\d+) terminal (?P<terminal>\d+) sent by the device "
         r"of outlet (?P<dev_outlet>\d+) terminal (?P<dev_terminal>\d+)",
         N_("the server knows this PC as outlet {dev_outlet} terminal {dev_terminal}, but the "
            "shipment is of outlet {outlet} terminal {terminal}")),
        (r"^waybill \d+ belongs to outlet (?P<outlet>\d+) terminal (?P<terminal>\d+)",
         N_("the waybill number belongs to outlet {outlet} terminal {terminal}, not to this "
            "PC")),
        (r"^waybill \d+ already belongs to another shipment",
         N_("the server already has another shipment with this waybill number")),
        (r"^waybill \d+ is not a valid waybill number",
         N_("the waybill number is not valid (length or check digit)")),
        (r"^shipment was already received under another event id",
         N_("the server already received this shipment (as another event)")),
        (r"^shipment id was already received with another waybill",
         N_("the server already received this shipment with another waybill number")),
        (r"^idempotency key already used with a different body",
         N_("the server already received this event with different contents")),
        (r"^void of a shipment the server has not received",
         N_("the void arrived before its shipment: the server has not received the shipment")),
        (r"^void of another outlet's shipment",
         N_("the void is of a shipment of another outlet")),
        (r"^closing of another outlet or terminal",
         N_("the closing is of another outlet or terminal")),
        (r"^closing number (?P<n>\d+) of this terminal was already received",
         N_("the server already has closing number {n} of this terminal")),
        (r"^reopening of another outlet or terminal",
         N_("the reopening is of another outlet or terminal")),
        (r"^reopening of closing number (?P<n>\d+), which the server has not received",
         N_("the reopening of closing number {n} arrived before the closing")),
        (r"^event created before (?P<horizon>\d{4}-\d{2}-\d{2}): the server no longer keeps",
         N_("the event is older than the server keeps (created before {horizon}): the server "
            "cannot take it any more")),
        (r"^prebooking_used",  # central/prebooking_store.py
         N_("the pre-booking code was already used for another waybill (see the "
            "pre-booking conflicts)")),
        (r"^unknown event kind",
         N_("the server does not know this kind of event (its version is older)")),
        (r"^field (?P<field>[\w.]+) is (missing|out of range|longer)",
         N_("the event's data is incomplete or out of range ({field})")),
        (r"^(body is nested too deeply|a text holds a NUL|a number is out of range|numbers "
         r"must be whole|parcel\.|payment\.method|booked_at or business_date|voided_at is|"
         r"business_date is)",
         N_("the event's data is not valid for the server")),
    ))
UNKNOWN = N_("the server refused it: {reason}")


def reason_words(reason: str) -> Msg:
    """The server's sentence as a translatable Msg."""
    text = reason.removeprefix("refused by the server: ").strip()
    for pattern, template in _REASONS:
        m = pattern.search(text)
        if m:
            return Msg(template, **m.groupdict())
    return Msg(UNKNOWN, reason=text[:200] or "-")


def remedy_words(kind: str, reason: str) -> Msg:
    """What a manager or technician does about it, in words they can act on."""
    if "no longer keeps the record of events" in reason:  # central/horizon.py
        return Msg("the event is too old to send: ask support to check what the server has "
                   "of it (the waybill, or the day's closing)")
    if "sent by the device of outlet" in reason or "belongs to outlet" in reason:
        return Msg("this PC is enrolled as the wrong outlet or terminal: enroll it again with "
                   "its own outlet's code (outlet-pos enroll), then send the refused events "
                   "again")
    if "prebooking_used" in reason:
        return Msg("the customer's app payment went to the other waybill: take the full "
                   "price for this one, or void it; sending it again will not help")
    if "another" in reason or "already" in reason:
        return Msg("call support with the waybill: the server holds another record for it")
    if kind == SHIPMENT_VOIDED:
        return Msg("send again after the shipment itself is synced")
    if kind in (DAY_CLOSED, DAY_REOPENED):
        return Msg("check the closing numbers of this terminal with support, then send again")
    return Msg("fix the cause with support, then send the refused events again "
               "(Day review, or outlet-pos sync resend-refused)")


@dataclass(frozen=True)
class Refused:
    event_id: str
    kind: str
    created_at: str
    waybill: str | None  # None for a closing or reopening
    reason: Msg
    remedy: Msg


def _one(p: ParkedEvent) -> Refused:
    raw = p.last_error or ""
    return Refused(event_id=p.event_id, kind=p.kind, created_at=p.created_at,
                   waybill=p.waybill, reason=reason_words(raw),
                   remedy=remedy_words(p.kind, raw))


refused_event = _one  # one parked row as a Refused (Day review reads them in its own read)


class RefusedEvents:
    """The refused events of this outlet; reads only (sending again is the manager's, in
    ReportService.resend_refused)."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def list(self, limit: int = 500) -> list[Refused]:
        with self._uow() as uow:
            parked = uow.queue.parked(limit=limit)
        return [_one(p) for p in parked]

    def waybills(self) -> set[str]:
        """The waybills with a refused event (Today marks their rows)."""
        return {r.waybill for r in self.list(limit=10_000) if r.waybill}
