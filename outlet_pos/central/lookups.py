"""What a batch reads before it writes: the stored events of its ids, the shipments holding
its waybills or shipment ids, and (PostgreSQL) the newest data key of each month it seals
under, all in one round trip, which on PostgreSQL also admits the request (its nonce and
the device's status, ``enrollment.ADMIT_PG_CTES``).

On PostgreSQL one ``UNION ALL`` of driver SQL, each list one array literal
(``db.text_array``); the data keys come as text, read by ``Sealer`` as its own ``_NEWEST``
would have read them, in the same transaction. On SQLite two keyed selects; the sealer
reads its keys itself.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .db import pg_rows, select_where_in, text_array
from .enrollment import ADMIT_PG_CTES, ADMIT_PG_SELECT
from .models import Event, Shipment

_e, _s = Event.__table__, Shipment.__table__


def look_up(conn: Any, event_ids: list[str], waybills: list[str], ids: list[str],
            creates: bool, months: list[str], seen: dict[str, Any] | None = None
            ) -> tuple[dict[str, str], dict[str, str], dict[str, Any],
                       tuple[str | None, str] | None]:
    """(event id -> body hash, waybill -> shipment id, on PostgreSQL the newest data key
    row of each of ``months``, None where it has none yet, and with ``seen`` (PostgreSQL:
    ``Authenticator.seen``) the request admitted in the same statement: the device's status
    and "1" if its nonce was new, for ``Authenticator.admitted``)."""
    if conn.dialect.name == "postgresql":
        found: tuple[dict[str, Any], ...] = ({}, {}, dict.fromkeys(months), {})
        params = {"events": text_array(event_ids), "waybills": text_array(waybills),
                  "ids": text_array(ids), "months": text_array(months)}
        for what, key, value in pg_rows(conn, _LOOK_UP_PG if seen is None else
                                        _ADMIT_AND_LOOK_UP_PG, {**params, **(seen or {})}):
            found[what][key] = _key_row(value) if what == 2 else value
        admitted: tuple[str | None, str] | None = None
        if seen is not None:
            admitted = next(iter(found[3].items()), (None, "0"))
        return found[0], found[1], found[2], admitted
    if seen is not None:
        raise ValueError("a look-up admits a request on PostgreSQL only")
    known = {r[0]: r[1] for r in select_where_in(
        conn, _e, ("event_id", "body_sha256"), event_id=event_ids)}
    holder = {r[0]: r[1] for r in select_where_in(
        conn, _s, ("waybill", "id"), waybill=waybills, id=ids)} if creates else {}
    return known, holder, {}, None


# Empty lists are empty arrays: their part finds nothing.
_LOOK_UP_PG = (
    "SELECT 0, event_id, body_sha256 FROM events "
    "WHERE event_id = ANY(%(events)s::VARCHAR[]) UNION ALL "
    "SELECT 1, waybill, id FROM shipments "
    "WHERE waybill = ANY(%(waybills)s::VARCHAR[]) OR id = ANY(%(ids)s::VARCHAR[]) "
    # keyring's _NEWEST for each month, as text: id, generation, state and the wrapped key
    "UNION ALL (SELECT DISTINCT ON (period) 2, period, concat_ws(':', id, generation, "
    "state, encode(wrapped, 'hex')) FROM data_keys WHERE period = ANY(%(months)s::VARCHAR[]) "
    "ORDER BY period, generation DESC)")


# One round trip for both: the request admitted (enrollment's statement) and the look-up.
_ADMIT_AND_LOOK_UP_PG = f"WITH {ADMIT_PG_CTES} {ADMIT_PG_SELECT} UNION ALL {_LOOK_UP_PG}"


class _KeyRow(NamedTuple):
    id: int
    generation: int
    state: str
    wrapped: bytes | None


def _key_row(text: str) -> _KeyRow:
    parts = text.split(":")  # a destroyed key's wrapped is NULL, which concat_ws leaves out
    wrapped = bytes.fromhex(parts[3]) if len(parts) > 3 else None
    return _KeyRow(int(parts[0]), int(parts[1]), parts[2], wrapped)
