"""``cash.moved`` at the server: an outlet's float, cash in and cash out.

Kept per outlet and terminal for the courier's cash reconciliation; the reason, typed at
the counter, is sealed like the customers' data, never stored in clear.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from .enrollment import DeviceRow
from .keyring import Sealer
from .models import CashMovement

_cm = CashMovement.__table__


def apply_cash_moved(conn: Any, dev: DeviceRow, b: dict[str, Any], seal: Sealer,
                     now: str) -> str | None:
    """Store one movement (its body already checked against ``CashMoved`` by ``ingest``);
    a problem is the event's ``rejected`` reason."""
    if b["outlet"] != dev.outlet or b["terminal"] != dev.terminal:
        return "cash movement of another outlet or terminal"
    if conn.execute(select(_cm.c.id).where(_cm.c.id == b["id"])).first() is not None:
        return "cash movement already received under another event"
    reason = b.get("reason")
    conn.execute(insert(_cm).values(
        id=b["id"], outlet=dev.outlet, terminal=dev.terminal,
        business_date=b["business_date"], kind=b["kind"], amount=b["amount"], at=b["at"],
        by=b["by"], received_at=now,
        # sealed under the key of the day's month: shredded with it by retention
        reason_ct=seal.seal(b["business_date"], reason.encode(), f"cash/{b['id']}")
        if reason else None))
    return None
