"""A busy-ish day for the manager's pages: several clerks and services, cash and non-cash,
some voids (small enough for UI tests; the 2,000-shipment day is an integration test)."""

from __future__ import annotations

import random

from outlet_pos.domain.errors import ValidationError
from tests.conftest import CLERK, MANAGER
from tests.shipment_factory import book_random, random_order

CLERKS = (CLERK, ("kasir2", "rahasia-kasir2"), ("kasir3", "rahasia-kasir3"))


def busy_day(app, clock, per_clerk: int = 30, voids: int = 4) -> list[str]:
    """Book ``per_clerk`` REG shipments for each of three clerks plus a few OKE and YES,
    an hour apart per clerk; void ``voids`` of them. Returns every waybill booked."""
    boss = app.auth.login(*MANAGER)
    for name, password in CLERKS[1:]:
        app.auth.add_user(boss, name, "clerk", password)
    waybills: list[str] = []
    for i, (name, password) in enumerate(CLERKS):
        session = app.auth.login(name, password)
        waybills += book_random(app, session, per_clerk, seed=10 + i)
        rng = random.Random(i)
        codes = sorted(app.directory._postal_index())
        extra = 0
        while extra < 4:
            order = random_order(app, rng, codes)
            order["service"] = ("OKE", "YES")[extra % 2]
            try:
                waybills.append(app.booking.book(session, order).waybill)
            except ValidationError:
                continue  # no such service to that place; draw again
            extra += 1
        clock.advance(hours=1)
    for w in waybills[3::len(waybills) // voids][:voids]:  # spread over the clerks
        app.shipments.void(boss, w, "salah input berat")
    return waybills


def audit_rows(app, action: str) -> list[tuple[str, str | None, dict]]:
    """(actor, subject, details) of the audit rows of ``action``, oldest first; typed text
    (reasons) is stored encrypted, so the rows are read through the repository."""
    with app.db.uow() as uow:
        rows = uow.audit.entries(action)
    return [(e["actor"], e["subject"], e["details"]) for e in rows]
