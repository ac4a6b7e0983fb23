"""Signed batches for the central server's load tests: devices provisioned in the database,
shipment.created events whose personal fields are the canaries of tests/reliability/pii.py,
and a way to hold every batch in progress (SQLite's write lock held by another connection).
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, select

from outlet_pos.central.db import utc_now
from outlet_pos.central.enrollment import add_outlet, provision
from outlet_pos.central.models import Event
from outlet_pos.domain.waybill import make_waybill
from outlet_pos.protocol import wire
from outlet_pos.sync.client import SyncClient
from tests.reliability import pii

JAKARTA = timedelta(hours=7)


@dataclass(frozen=True)
class Terminal:
    device_id: str
    seed: bytes
    outlet: int
    terminal: int

    def client(self, url: str) -> SyncClient:
        return SyncClient(url, device_id=self.device_id, seed=self.seed)

    def signed_request(self, events: list[dict[str, Any]]) -> bytes:
        """The raw HTTP/1.1 upload of ``events``, exactly as the terminal signs and zips it."""
        body = wire.encode_batch({"events": events, "audit_head": None})
        heads = wire.sign_headers(self.seed, self.device_id, "POST", "/v1/events", body,
                                  int(datetime.now(UTC).timestamp()))
        lines = [f"{k}: {v}" for k, v in {
            **heads, "Host": "127.0.0.1", "Content-Type": "application/json",
            "Content-Encoding": "gzip", "Content-Length": str(len(body))}.items()]
        return ("POST /v1/events HTTP/1.1\r\n" + "\r\n".join(lines) + "\r\n\r\n").encode() \
            + body


def terminals(engine: Engine, outlet: int, count: int) -> list[Terminal]:
    """``count`` terminals of a new outlet, provisioned (no enrollment round trip)."""
    add_outlet(engine, utc_now, outlet, f"Outlet {outlet}", "32.73.01")
    out = []
    for t in range(1, count + 1):
        cred = provision(engine, utc_now, outlet, t)
        out.append(Terminal(cred["device_id"], wire.unb64(cred["device_key"]), outlet, t))
    return out


def shipments(term: Terminal, first: int, n: int) -> list[dict[str, Any]]:
    """``n`` shipment.created events of ``term`` (waybill sequence from ``first``), booked
    now, sender and recipient the canaries."""
    now = datetime.now(UTC)
    local = now + JAKARTA
    out = []
    for seq in range(first, first + n):
        body = {
            "shipment_id": str(uuid.uuid4()),
            "waybill": make_waybill(term.outlet, term.terminal, seq),
            "outlet": term.outlet, "terminal": term.terminal,
            "booked_at": local.replace(tzinfo=None).isoformat(timespec="seconds") + "+07:00",
            "business_date": local.date().isoformat(),
            "service": "REG", "origin_district": "32.73.01", "dest_district": "31.71.01",
            "sender": {"name": pii.SENDER_NAME, "phone": pii.SENDER_PHONE,
                       "address": {"street": pii.SENDER_STREET}},
            "recipient": {"name": pii.RECIPIENT_NAME, "phone": pii.RECIPIENT_PHONE,
                          "address": {"street": pii.RECIPIENT_STREET}},
            "parcel": {"weight_g": 1200, "cod_amount": None, "description": pii.DESCRIPTION},
            "quote": {"total": 15000}, "payment": {"method": "cash"}}
        out.append({"id": str(uuid.uuid4()), "kind": "shipment.created",
                    "created_at": now.isoformat(timespec="seconds"), "body": body})
    return out


def stored_event_ids(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(Event.__table__.c.event_id)).scalars())


def stored_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Event.__table__)).scalar_one())


@contextlib.contextmanager
def write_lock(db_file: str) -> Iterator[sqlite3.Connection]:
    """Another writer holds SQLite's write lock: every batch in progress waits for it (up to
    the server's busy timeout of 10 s), as on a database that has stalled."""
    con = sqlite3.connect(db_file, isolation_level=None, timeout=10)
    try:
        con.execute("BEGIN IMMEDIATE")
        yield con  # the one connection that can read meanwhile
        con.execute("ROLLBACK")
    finally:
        con.close()
