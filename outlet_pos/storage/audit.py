"""The audit log as an HMAC hash chain: each row seals the one before it.

``hash = HMAC(audit key, prev_hash || canonical row)``. Editing, deleting or
reordering a row breaks every link after it; ``verify`` names the first broken
row. Because the chain is keyed, rewriting it needs the audit key, not just
write access to the file; the head hash also travels to the central server
with each sync batch, so even a rewrite with the key shows there.

Typed text in a row's details (free_text.is_private: reasons, who asked) is never
stored in clear: it goes to ``details_ct`` under the period data key ``key_id``, and
the row is sealed over that ciphertext. Retention destroys the period key: the text
is gone for good and the chain still verifies. Three row forms verify:

- no typed text: the canonical row is the original six fields (rows from before
  migration 0005 keep their hashes);
- with typed text: the canonical row adds the ciphertext and its key id;
- encrypted by migration 0005 (``seal`` set): ``hash`` is the row's original link, as the
  server saw it, checked against the clear text by the migration before it encrypted;
  ``seal = HMAC(audit key, "0005" || prev_hash || hash || canonical with ciphertext)``
  binds the encrypted content to that link, so the row still cannot change without the key.
"""

from __future__ import annotations

import functools
import hmac
import json
from collections.abc import Callable
from typing import Any

import orjson
from sqlalchemy import Connection, bindparam, select

from ..domain.records import ChainReport
from ..i18n import Msg
from .crypto import FieldCipher
from .free_text import split_details
from .hotpath import compile_named, cursor
from .models import AuditEntry

_audit = AuditEntry.__table__
T = "audit_log"
GENESIS = bytes(32)
MIGRATED = b"0005"
_LAST = compile_named(select(_audit.c.seq, _audit.c.hash).order_by(_audit.c.seq.desc())
                      .limit(1), literal=True)
_INSERT = compile_named(_audit.insert().values({c.name: bindparam(c.name) for c in _audit.c}))
# A row without typed text names only the original columns, so it can still be written
# into an image of an older schema (a restore stamps one before it is opened and upgraded).
_PLAIN = ("seq", "at", "actor", "action", "subject", "details", "prev_hash", "hash")
_INSERT_PLAIN = compile_named(_audit.insert().values({c: bindparam(c) for c in _PLAIN}))
# Encoder made once: json.dumps with options builds a JSONEncoder per call. The same
# options, so the same bytes (the chain's hashes depend on them).
_DETAILS = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def canonical(seq: int, at: str, actor: str | None, action: str, subject: str | None,
              details: str, details_ct: bytes | None = None, key_id: str | None = None,
              encrypted: bool = False) -> bytes:
    fields: list[Any] = [seq, at, actor, action, subject, details]
    if encrypted:
        fields += [details_ct.hex() if details_ct is not None else None, key_id]
    # A list of whole numbers, texts and None: orjson writes exactly the bytes of
    # json.dumps(ensure_ascii=False, separators=(",", ":")), which sealed the older rows
    # (tests/unit/test_audit_canonical.py holds the two together).
    return orjson.dumps(fields)


@functools.lru_cache(maxsize=4)  # the audit key of each open database
def _keyed(key: bytes) -> hmac.HMAC:
    return hmac.new(key, digestmod="sha256")


def seal(key: bytes, prev: bytes, body: bytes) -> bytes:
    """HMAC-SHA256(key, prev || body). The keyed state is made once and copied: OpenSSL's
    one-shot HMAC set the key up again on every row."""
    h = _keyed(key).copy()
    h.update(prev)
    h.update(body)
    return h.digest()


def dumps(details: dict[str, Any]) -> str:
    """Sorted, compact JSON. orjson for the usual details (text keys; texts, whole numbers,
    flags: the same text, a tenth of the time); json for what orjson refuses, such as
    whole-number keys.
    Either way the row is sealed over the text stored, which verify reads back as it is."""
    try:
        return orjson.dumps(details, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return _DETAILS(details)


def ct_row_id(seq: int) -> str:
    return str(seq)


def append(conn: Connection, key: bytes, *, at: str, actor: str | None, action: str,
           subject: str | None = None, details: dict[str, Any] | None = None,
           cipher: Callable[[], FieldCipher] | None = None) -> int:
    """Add a row inside the caller's (write) transaction; returns its sequence number.

    ``cipher`` gives the period key for typed text in ``details``; without one such text
    is refused, never written in clear."""
    cur = cursor(conn)
    last = cur.execute(_LAST).fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    public, private = split_details(details or {})
    text = dumps(public if private else (details or {}))
    ct, key_id = None, None
    if private:
        if cipher is None:
            raise ValueError("typed text in an audit row needs a data key")
        c = cipher()
        ct, key_id = c.encrypt(dumps(private), T, "details_ct", ct_row_id(seq)), c.key_id
    digest = seal(key, prev, canonical(seq, at, actor, action, subject, text, ct, key_id,
                                       encrypted=bool(private)))
    row = {"seq": seq, "at": at, "actor": actor, "action": action, "subject": subject,
           "details": text, "prev_hash": prev, "hash": digest}
    if private:
        cur.execute(_INSERT, {**row, "details_ct": ct, "key_id": key_id, "seal": None})
    else:
        cur.execute(_INSERT_PLAIN, row)
    return seq


def row_ok(key: bytes, prev: bytes, r: Any) -> bool:
    """Whether row ``r`` (any of the three forms) is sealed by ``key`` after ``prev``."""
    if r.seal is not None:
        body = canonical(r.seq, r.at, r.actor, r.action, r.subject, r.details, r.details_ct,
                         r.key_id, encrypted=True)
        return hmac.compare_digest(seal(key, MIGRATED + prev + r.hash, body), r.seal)
    body = canonical(r.seq, r.at, r.actor, r.action, r.subject, r.details, r.details_ct,
                     r.key_id, encrypted=r.details_ct is not None or r.key_id is not None)
    return hmac.compare_digest(seal(key, prev, body), r.hash)


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
        if not row_ok(key, prev, r):
            return ChainReport(False, rows, "", r.seq, Msg("its content was altered"))
        prev = r.hash
        expected_seq += 1
    return ChainReport(True, rows, prev.hex() if rows else "")


def entries(conn: Connection, cipher_of: Callable[[str], FieldCipher | None],
            action: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Rows oldest first, typed text decrypted into ``details`` (its keys listed in
    ``typed``); where its key was destroyed (retention) that text is simply absent and
    ``shredded`` is true."""
    q = select(_audit).order_by(_audit.c.seq)
    if action is not None:
        q = q.where(_audit.c.action == action)
    if limit is not None:
        q = q.order_by(None).order_by(_audit.c.seq.desc()).limit(limit)
    out = []
    for r in conn.execute(q):
        details = json.loads(r.details) if r.details else {}
        typed: dict[str, Any] = {}
        shredded = False
        if r.details_ct is not None:
            c = cipher_of(r.key_id) if r.key_id else None
            if c is None:
                shredded = True
            else:
                typed = json.loads(c.decrypt(r.details_ct, T, "details_ct", ct_row_id(r.seq)))
        out.append({"seq": r.seq, "at": r.at, "actor": r.actor, "action": r.action,
                    "subject": r.subject, "details": {**details, **typed},
                    "typed": sorted(typed), "shredded": shredded})
    return sorted(out, key=lambda e: e["seq"])


def head(conn: Connection) -> str:
    h = conn.execute(select(_audit.c.hash).order_by(_audit.c.seq.desc()).limit(1)).scalar()
    return h.hex() if h else ""
