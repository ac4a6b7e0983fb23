"""The audit log as an HMAC hash chain: each row seals the one before it.

``hash = HMAC(audit key, prev_hash || canonical row)``. Editing, deleting or
reordering a row breaks every link after it; ``verify`` names the first broken
row. Because the chain is keyed, rewriting it needs the audit key, not just
write access to the file; the head hash also travels to the central server
with each sync batch, so even a rewrite with the key shows there.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select

from ..i18n import Msg
from .hotpath import compile_named, cursor
from .models import AuditEntry

_audit = AuditEntry.__table__
GENESIS = bytes(32)
_LAST = compile_named(select(_audit.c.seq, _audit.c.hash).order_by(_audit.c.seq.desc())
                      .limit(1), literal=True)
_INSERT = compile_named(_audit.insert().values({c.name: bindparam(c.name) for c in _audit.c}))


def _canonical(seq: int, at: str, actor: str | None, action: str, subject: str | None,
               details: str) -> bytes:
    return json.dumps([seq, at, actor, action, subject, details], ensure_ascii=False,
                      separators=(",", ":")).encode()


def _seal(key: bytes, prev: bytes, body: bytes) -> bytes:
    return hmac.new(key, prev + body, hashlib.sha256).digest()


def append(conn: Connection, key: bytes, *, at: str, actor: str | None, action: str,
           subject: str | None = None, details: dict[str, Any] | None = None) -> int:
    """Add a row inside the caller's (write) transaction; returns its sequence number."""
    cur = cursor(conn)
    last = cur.execute(_LAST).fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    text = json.dumps(details or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = _seal(key, prev, _canonical(seq, at, actor, action, subject, text))
    cur.execute(_INSERT, {"seq": seq, "at": at, "actor": actor, "action": action,
                           "subject": subject, "details": text, "prev_hash": prev,
                           "hash": digest})
    return seq


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    head: str  # hex hash of the last row ("" when empty)
    first_broken: int | None = None
    reason: str = ""


def verify(conn: Connection, key: bytes) -> ChainReport:
    prev = GENESIS
    expected_seq = 1
    rows = 0
    for r in conn.execute(select(_audit).order_by(_audit.c.seq)):
        rows += 1
        if r.seq != expected_seq:
            return ChainReport(False, rows, "", r.seq,
                               Msg("row {row} is missing", row=expected_seq))
        if r.prev_hash != prev:
            return ChainReport(False, rows, "", r.seq,
                               Msg("does not link to the row before it"))
        body = _canonical(r.seq, r.at, r.actor, r.action, r.subject, r.details)
        if not hmac.compare_digest(_seal(key, prev, body), r.hash):
            return ChainReport(False, rows, "", r.seq, Msg("its content was altered"))
        prev = r.hash
        expected_seq += 1
    return ChainReport(True, rows, prev.hex() if rows else "")


def head(conn: Connection) -> str:
    h = conn.execute(select(_audit.c.hash).order_by(_audit.c.seq.desc()).limit(1)).scalar()
    return h.hex() if h else ""
