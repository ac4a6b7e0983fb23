"""Pre-bookings at the counter in SQL: the server's QR keys, codes used here, conflicts.

Nothing here is personal: public keys, booking codes, outlets and waybills. The shipment
that used a code keeps it in ``shipments.prebooking_code`` (written by the booking).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update

from ..domain.dropoff import ConflictSide, PrebookingConflict
from .models import PrebookingConflict as ConflictRow
from .models import PrebookingKey, Shipment
from .timeutil import from_iso, to_iso

_k = PrebookingKey.__table__
_c = ConflictRow.__table__
_s = Shipment.__table__


class SqlPrebookings:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def keys(self) -> dict[str, bytes]:
        """key id -> raw Ed25519 public key, as last fetched."""
        return {r.key_id: bytes(r.public_key) for r in self._conn.execute(select(_k))}

    def keys_fetched_at(self) -> datetime | None:
        at = self._conn.execute(select(_k.c.fetched_at).limit(1)).scalar()
        return from_iso(at) if at else None

    def set_keys(self, keys: Mapping[str, bytes], now: datetime) -> None:
        """The server's list replaces ours: a key it no longer lists signs nothing valid."""
        self._conn.execute(delete(_k))
        if keys:
            self._conn.execute(insert(_k), [
                {"key_id": k, "public_key": v, "fetched_at": to_iso(now)}
                for k, v in keys.items()])

    def used_by(self, code: str) -> str | None:
        """The waybill of a live (not voided) shipment here that used ``code``."""
        return self._conn.execute(
            select(_s.c.waybill).where(_s.c.prebooking_code == code, _s.c.status != "void")
            .limit(1)).scalar()

    def put_conflicts(self, conflicts: Iterable[PrebookingConflict], now: datetime) -> int:
        """Keep what the server reported; a conflict already kept is updated. Returns how
        many were new."""
        new = 0
        for c in conflicts:
            values = {
                "reason": c.reason, "at": c.at, "fetched_at": to_iso(now),
                "first_outlet": c.first.outlet if c.first else None,
                "first_waybill": c.first.waybill if c.first else None,
                "first_used_at": c.first.used_at if c.first else None,
                "second_outlet": c.second.outlet, "second_used_at": c.second.used_at}
            done = self._conn.execute(update(_c).where(
                _c.c.code == c.code, _c.c.second_waybill == c.second.waybill).values(**values))
            if done.rowcount == 0:
                self._conn.execute(insert(_c).values(
                    code=c.code, second_waybill=c.second.waybill, **values))
                new += 1
        return new

    def conflicts(self, limit: int = 200) -> list[PrebookingConflict]:
        """The newest first."""
        rows = self._conn.execute(select(_c).order_by(_c.c.at.desc(), _c.c.id.desc())
                                  .limit(limit))
        return [PrebookingConflict(
            code=r.code, reason=r.reason, at=r.at,
            first=(ConflictSide(r.first_outlet, r.first_waybill, r.first_used_at)
                   if r.first_waybill is not None else None),
            second=ConflictSide(r.second_outlet, r.second_waybill, r.second_used_at))
            for r in rows]
