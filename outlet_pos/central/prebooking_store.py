"""Pre-bookings at the server: issuing one, looking one up, and its single use.

A booking is all personal data, so it is kept sealed whole (``payload_ct``, under its
issue month's data key, as a shipment's ``personal_ct``); its code, dates and use are in
clear. Its QR is never stored: Ed25519 signs deterministically, so the same sealed
booking gives the same QR text each time it is asked for.

The use comes with a shipment (``shipment.created`` with ``prebooking``), in the batch's
own transaction (``use``): an open code becomes used by that shipment; a code already used
by another shipment refuses the event (``prebooking_used``: the outlet parks it) and a
conflict row names both waybills; a code the server never issued keeps the shipment (the
parcel is real) and a conflict row says so. The same shipment again is no conflict.
Marking is one conditional UPDATE, so two outlets racing on PostgreSQL cannot both win.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Engine, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..protocol.prebooking import (
    Prebooked,
    PrebookingLookup,
    PrebookingRequest,
    encode_qr,
    new_code,
    valid_code,
)
from .db import Clock, iso
from .enrollment import DeviceRow
from .keyring import Keyring
from .models import AdminAccess, Prebooking, PrebookingConflict
from .secrets_file import ServerSecrets

_p, _x, _a = Prebooking.__table__, PrebookingConflict.__table__, AdminAccess.__table__
OPEN, USED = "open", "used"
USED_TWICE, UNKNOWN_CODE = "used_twice", "unknown_code"
PROBLEM_USED = "prebooking_used"  # the refused event's reason, as the outlet reads it
LOOKUP_COMMAND = "prebooking.lookup"  # its admin_audit rows
LOOKUP_REASON = "drop-off: the outlet's counter looked the pre-booking up by its code"
MAX_CONFLICTS = 500  # an outlet's answer: the newest


MAX_QR = 2000  # characters: a QR of version 40 at level M holds 2,331; cheap scanners less


class TooLong(ValueError):
    """The booking's QR would be longer than ``MAX_QR``: no counter could scan it."""


class GoneError(Exception):
    """The booking's month was shredded: the code is known, its contents are not."""


def _aad(code: str) -> str:
    return f"prebookings/{code}"


def issue(engine: Engine, secrets: ServerSecrets, clock: Clock, client: str,
          request: PrebookingRequest) -> tuple[Prebooked, str]:
    """A new pre-booking for ``client``: the booking and its QR text."""
    now = clock()
    for _attempt in range(5):  # 35 random bits: a clash is rare, and is simply redrawn
        booking = Prebooked.issue(request, now, new_code())
        qr = encode_qr(booking, secrets.prebooking_key)
        if len(qr) > MAX_QR:
            raise TooLong(f"the booking's QR would be {len(qr)} characters, over {MAX_QR}")
        try:
            with engine.begin() as conn:
                sealed = Keyring(secrets).sealer(conn, now).seal(
                    booking.issued_at[:10], orjson.dumps(booking.model_dump(mode="json")),
                    _aad(booking.code))
                if sealed is None:  # only if this very month were already shredded
                    raise RuntimeError("this month's data key was destroyed; cannot seal")
                conn.execute(insert(_p).values(
                    code=booking.code, app_client=client, payload_ct=sealed, status=OPEN,
                    issued_at=booking.issued_at, expires_at=booking.expires_at,
                    used_shipment_id=None, used_outlet=None, used_waybill=None, used_at=None))
        except IntegrityError:
            continue
        return booking, qr
    raise RuntimeError("no free pre-booking code after 5 draws")


def _open(conn: Any, secrets: ServerSecrets, row: Any) -> Prebooked:
    raw = Keyring(secrets).opener(conn).open(row.payload_ct, _aad(row.code))
    if raw is None:
        raise GoneError(row.code)
    return Prebooked.model_validate(orjson.loads(raw))


def _status(row: Any, now: datetime) -> str:
    if row.status == USED:
        return USED
    return "expired" if iso(now) >= _as_iso(row.expires_at) else OPEN


def _as_iso(stamp: str) -> str:
    # expires_at is "…Z" (protocol.prebooking), the clock's iso "…+00:00": compare moments
    return iso(datetime.fromisoformat(stamp))


def lookup(engine: Engine, secrets: ServerSecrets, clock: Clock, dev: DeviceRow,
           code: str) -> PrebookingLookup | None:
    """The booking for an outlet's device, audited before it is answered (it is personal
    data leaving the server); None for a code never issued."""
    now = clock()
    with engine.begin() as conn:
        row = conn.execute(select(_p).where(_p.c.code == code)).first()
        if row is None:
            return None
        booking = _open(conn, secrets, row)
        at, operator = iso(now), f"device {dev.id}"[:64]
        # the reason is the route's own (a counter taking the parcel), sealed as every
        # audit reason is, so ``audit list`` reads it like the others and not as shredded
        reason = Keyring(secrets).sealer(conn, now).seal(
            at, LOOKUP_REASON.encode(), f"admin_audit/{at}/{operator}")
        conn.execute(insert(_a).values(
            at=at, operator=operator, command=LOOKUP_COMMAND,
            scope=f"outlet {dev.outlet} terminal {dev.terminal}", records=1,
            waybills=json.dumps([code]), reason_ct=reason))
    return PrebookingLookup(prebooked=booking, status=_status(row, now),  # type: ignore[arg-type]
                            used_waybill=row.used_waybill)


def qr_text(engine: Engine, secrets: ServerSecrets, client: str, code: str) -> str | None:
    """The QR text of a booking ``client`` made (None for any other code)."""
    with engine.connect() as conn:
        row = conn.execute(select(_p).where(_p.c.code == code,
                                            _p.c.app_client == client)).first()
        if row is None:
            return None
        return encode_qr(_open(conn, secrets, row), secrets.prebooking_key)


def use(conn: Any, dev: DeviceRow, b: dict[str, Any], now: str) -> str | None:
    """Apply a shipment's ``prebooking`` in the batch's transaction ``conn``: None to go on
    storing the shipment, or the problem that refuses its event."""
    pre = b.get("prebooking")
    if not isinstance(pre, dict):
        return None
    code, sid, waybill, at = str(pre.get("code")), b["shipment_id"], b["waybill"], b["booked_at"]
    second = dict(code=code, second_shipment_id=sid, second_outlet=dev.outlet,
                  second_waybill=waybill, second_used_at=at, at=now)
    if valid_code(code) and conn.execute(
            update(_p).where(_p.c.code == code, _p.c.status == OPEN).values(
                status=USED, used_shipment_id=sid, used_outlet=dev.outlet,
                used_waybill=waybill, used_at=at)).rowcount:
        return None
    row = conn.execute(select(_p.c.used_shipment_id, _p.c.used_outlet, _p.c.used_waybill,
                              _p.c.used_at).where(_p.c.code == code)).first() \
        if valid_code(code) else None
    if row is None:
        _note(conn, dict(second, reason=UNKNOWN_CODE, first_shipment_id=None,
                         first_outlet=None, first_waybill=None, first_used_at=None))
        return None
    if row.used_shipment_id == sid:  # the same shipment again (another event id, a retry)
        return None
    _note(conn, dict(second, reason=USED_TWICE, first_shipment_id=row.used_shipment_id,
                     first_outlet=row.used_outlet, first_waybill=row.used_waybill,
                     first_used_at=row.used_at))
    return PROBLEM_USED


def _note(conn: Any, values: dict[str, Any]) -> None:
    # once per (code, shipment): a parked event sent again adds no second row. Checked, not
    # left to the unique constraint: an IntegrityError would roll the whole batch back
    if conn.execute(select(_x.c.id).where(
            _x.c.code == values["code"],
            _x.c.second_shipment_id == values["second_shipment_id"])).first() is None:
        conn.execute(insert(_x).values(**values))


def conflicts_for(engine: Engine, outlet: int) -> list[dict[str, Any]]:
    """The conflicts ``outlet`` was part of, as first user or second: waybills, outlets
    and times only, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(_x).where(or_(_x.c.first_outlet == outlet,
                                                 _x.c.second_outlet == outlet))
                            .order_by(_x.c.id.desc()).limit(MAX_CONFLICTS)).all()
    return [{"code": r.code, "reason": r.reason,
             "first": None if r.first_outlet is None else {
                 "outlet": r.first_outlet, "waybill": r.first_waybill,
                 "used_at": r.first_used_at},
             "second": {"outlet": r.second_outlet, "waybill": r.second_waybill,
                        "used_at": r.second_used_at},
             "at": r.at} for r in rows]


__all__ = ["MAX_QR", "PROBLEM_USED", "GoneError", "TooLong", "conflicts_for", "issue",
           "lookup", "qr_text", "use"]
