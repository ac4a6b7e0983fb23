"""free text encrypted at rest: void reason, payment reference, closing note, reopen reason,
the typed text inside audit rows

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 18:50:00

Adds the ciphertext columns, encrypts the existing rows and drops the clear columns, all in
the one transaction Alembic runs this in (a failure leaves the database at 0004, intact).

The keys: ``storage.schema.upgrade`` runs before the app has unwrapped them, so this
migration reads them the way the app does, from the database's own folder (install.json,
the key store it names, the wrapped keys in data_keys). It does so only when there is text
to encrypt (a new database has none). Without the master key it stops with the key
store's message and nothing changes; the app could not open that database anyway.

- shipments: ``payment_ref`` and ``void_reason`` go under the shipment's own key (AAD
  shipments/<column>/<id>), shredded with its personal columns. A shipment already past
  retention has no key: its text is dropped, as retention would have.
- day_closings: ``note`` and ``reopen_reason`` go under the period key of ``closed_at``
  (AAD day_closings/<column>/<terminal>-<sequence>).
- audit_log: the typed values of ``details`` (storage/free_text.is_private) go to
  ``details_ct`` under the period key of the row's time. Each row keeps its hash, as the
  central server saw it; a ``seal`` over the ciphertext, made only after that row's
  hash was checked against the clear text, binds the new content to it (storage/audit.py).
  A row that did not verify gets a seal that never matches: ``audit verify`` still names it.
  A period whose data key retention destroyed loses its text instead.
- tracking_cache: the couriers' notes ("received by ...") came back from the server in
  clear; the cache is emptied (it refills on the next look-up) and holds ``body_ct``
  under the period key of ``fetched_at`` from now on.

The downgrade decrypts back into the clear columns and seals the chain in the old form.

This revision first landed as its first step alone (the ciphertext columns; commits of
2026-12-01 from 18:45 to 19:01 UTC, whose code still wrote the clear columns). A database
that such a build upgraded is marked 0005 (or 0006) with both sets of columns and its text
in clear: ``finish_if_partial`` finds that and runs the rest, from 0006 and 0007.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_ships = sa.table("shipments", sa.column("id"), sa.column("key_id"),
                  sa.column("personal_destroyed_at"), sa.column("payment_ref"),
                  sa.column("void_reason"), sa.column("payment_ref_ct"),
                  sa.column("void_reason_ct"))
_closings = sa.table("day_closings", sa.column("id"), sa.column("terminal"),
                     sa.column("sequence"), sa.column("closed_at"), sa.column("note"),
                     sa.column("reopen_reason"), sa.column("key_id"), sa.column("note_ct"),
                     sa.column("reopen_reason_ct"))
_audit = sa.table("audit_log", sa.column("seq"), sa.column("at"), sa.column("actor"),
                  sa.column("action"), sa.column("subject"), sa.column("details"),
                  sa.column("prev_hash"), sa.column("hash"), sa.column("details_ct"),
                  sa.column("key_id"), sa.column("seal"))
_keys_t = sa.table("data_keys", sa.column("id"), sa.column("purpose"), sa.column("period"),
                   sa.column("wrapped"))
NEVER = bytes(32)  # the seal of a row that failed its check before: it never verifies


class _Keys:
    """The app's keys for this database, read once and only if needed."""

    def __init__(self, conn: sa.Connection) -> None:
        self._conn = conn
        self._loaded: tuple[Any, Any] | None = None
        self._by_period: dict[str, Any] = {}

    def get(self) -> tuple[Any, Any]:
        if self._loaded is None:
            from outlet_pos.storage import keys as keymod
            from outlet_pos.storage.database import InstallInfo
            from outlet_pos.storage.keystore import open_keystore

            config = op.get_context().config
            given = config.attributes.get("outlet_keys") if config is not None else None
            if given is not None:
                self._loaded = given
            else:
                data_dir = Path(self._conn.engine.url.database or ".").parent
                info = InstallInfo.read(data_dir)
                store = open_keystore(info.keystore, data_dir, info.install_id)
                self._loaded = (keymod.load(self._conn, store), store)
        return self._loaded

    def cipher(self, key_id: str | None) -> Any:
        keys, store = self.get()
        from outlet_pos.storage.keys import cipher_for

        return cipher_for(self._conn, store, keys, key_id) if key_id else None

    def for_time(self, at: str) -> Any:
        """The data key of ``at``'s period; None where retention destroyed that period."""
        from outlet_pos.storage.timeutil import period_of

        period = period_of(datetime.fromisoformat(at))
        if period not in self._by_period:
            self._by_period[period] = self._period_cipher(period)
        return self._by_period[period]

    def _period_cipher(self, period: str) -> Any:
        from outlet_pos.storage.keys import data_key_for
        from outlet_pos.storage.timeutil import to_iso

        keys, store = self.get()
        live = self._conn.execute(sa.select(sa.func.count()).select_from(_keys_t).where(
            _keys_t.c.purpose == "data", _keys_t.c.period == period,
            _keys_t.c.wrapped.is_not(None))).scalar()
        dead = self._conn.execute(sa.select(sa.func.count()).select_from(_keys_t).where(
            _keys_t.c.purpose == "data", _keys_t.c.period == period,
            _keys_t.c.wrapped.is_(None))).scalar()
        if dead and not live:
            return None
        return keys.ciphers[data_key_for(self._conn, store, keys, period,
                                         to_iso(datetime.now(UTC)))]


def _update_many(conn: sa.Connection, table: Any, key: str, rows: list[dict[str, Any]]) -> None:
    """One executemany: a year of an outlet's rows is tens of thousands."""
    if rows:
        cols = [c for c in rows[0] if c != "_k"]
        conn.execute(sa.update(table).where(table.c[key] == sa.bindparam("_k"))
                     .values({c: sa.bindparam(c) for c in cols}), rows)


def _encrypt_shipments(conn: sa.Connection, k: _Keys) -> int:
    from outlet_pos.storage.free_text import encrypt

    rows = conn.execute(sa.select(_ships).where(
        _ships.c.payment_ref.is_not(None) | _ships.c.void_reason.is_not(None))).all()
    out = []
    for r in rows:
        c = k.cipher(r.key_id) if r.personal_destroyed_at is None else None
        out.append({"_k": r.id,
                    "payment_ref_ct": encrypt(c, r.payment_ref, "shipments", "payment_ref_ct",
                                              r.id) if c else None,
                    "void_reason_ct": encrypt(c, r.void_reason, "shipments", "void_reason_ct",
                                              r.id) if c else None})
    _update_many(conn, _ships, "id", out)
    return len(rows)


def _encrypt_closings(conn: sa.Connection, k: _Keys) -> int:
    from outlet_pos.storage.free_text import closing_row_id, encrypt
    from outlet_pos.storage.timeutil import to_iso

    rows = conn.execute(sa.select(_closings).where(
        _closings.c.note.is_not(None) | _closings.c.reopen_reason.is_not(None))).all()
    for r in rows:
        c = k.for_time(to_iso(datetime.fromisoformat(r.closed_at)))
        rid = closing_row_id(r.terminal, r.sequence)
        conn.execute(sa.update(_closings).where(_closings.c.id == r.id).values(
            key_id=c.key_id if c else None,
            note_ct=encrypt(c, r.note, "day_closings", "note_ct", rid) if c else None,
            reopen_reason_ct=encrypt(c, r.reopen_reason, "day_closings", "reopen_reason_ct",
                                     rid) if c else None))
    return len(rows)


def _encrypt_audit(conn: sa.Connection, k: _Keys) -> int:
    from outlet_pos.storage import audit
    from outlet_pos.storage.free_text import split_details

    out: list[dict[str, Any]] = []
    prev = audit.GENESIS
    rows = conn.execute(sa.select(_audit).order_by(_audit.c.seq)).all()
    for r in rows:
        public, private = split_details(json.loads(r.details) if r.details else {})
        if private:
            keys, _ = k.get()
            key = keys.audit_key
            was_ok = r.prev_hash == prev and audit.row_ok(key, prev, r)
            c = k.for_time(r.at)
            ct = (c.encrypt(audit.dumps(private), audit.T, "details_ct", audit.ct_row_id(r.seq))
                  if c else None)
            text = audit.dumps(public)
            body = audit.canonical(r.seq, r.at, r.actor, r.action, r.subject, text, ct,
                                   c.key_id if c else None, encrypted=True)
            out.append({"_k": r.seq, "details": text, "details_ct": ct,
                        "key_id": c.key_id if c else None,
                        "seal": audit.seal(key, audit.MIGRATED + r.prev_hash + r.hash, body)
                        if was_ok else NEVER})
        prev = r.hash
    _update_many(conn, _audit, "seq", out)
    return len(out)


def upgrade() -> None:
    with op.batch_alter_table("shipments") as t:
        t.add_column(sa.Column("void_reason_ct", sa.LargeBinary(), nullable=True))
        t.add_column(sa.Column("payment_ref_ct", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("day_closings") as t:
        t.add_column(sa.Column("key_id", sa.String(length=32), nullable=True))
        t.add_column(sa.Column("note_ct", sa.LargeBinary(), nullable=True))
        t.add_column(sa.Column("reopen_reason_ct", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("audit_log") as t:
        t.add_column(sa.Column("details_ct", sa.LargeBinary(), nullable=True))
        t.add_column(sa.Column("key_id", sa.String(length=32), nullable=True))
        t.add_column(sa.Column("seal", sa.LargeBinary(), nullable=True))
    _encrypt_and_drop()


def finish_if_partial() -> bool:
    """Run the rest of this revision where only its first step ran (see the docstring);
    True when it did."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("shipments")}
    if not {"void_reason", "void_reason_ct"} <= columns:
        return False
    _encrypt_and_drop()
    return True


def _encrypt_and_drop() -> None:
    conn = op.get_bind()
    k = _Keys(conn)
    counts = {"shipments": _encrypt_shipments(conn, k), "closings": _encrypt_closings(conn, k),
              "audit_rows": _encrypt_audit(conn, k)}
    if any(counts.values()):
        from outlet_pos.storage import audit

        keys, _ = k.get()
        audit.append(conn, keys.audit_key, at=datetime.now(UTC).isoformat(
            timespec="microseconds"), actor=None, action="free_text_encrypted",
            subject="0005", details=counts)

    with op.batch_alter_table("shipments") as t:
        t.drop_column("void_reason")
        t.drop_column("payment_ref")
    with op.batch_alter_table("day_closings") as t:
        t.drop_column("reopen_reason")
        t.drop_column("note")
    op.execute("delete from tracking_cache")
    with op.batch_alter_table("tracking_cache") as t:
        t.drop_column("body")
        t.add_column(sa.Column("body_ct", sa.LargeBinary(), nullable=False))
        t.add_column(sa.Column("key_id", sa.String(length=32), nullable=False))


def _decrypt_all(conn: sa.Connection, k: _Keys) -> None:
    from outlet_pos.storage import audit
    from outlet_pos.storage.free_text import closing_row_id, decrypt

    for r in conn.execute(sa.select(_ships).where(
            _ships.c.payment_ref_ct.is_not(None) | _ships.c.void_reason_ct.is_not(None))).all():
        c = k.cipher(r.key_id)
        conn.execute(sa.update(_ships).where(_ships.c.id == r.id).values(
            payment_ref=decrypt(c, r.payment_ref_ct, "shipments", "payment_ref_ct", r.id),
            void_reason=decrypt(c, r.void_reason_ct, "shipments", "void_reason_ct", r.id)))
    for r in conn.execute(sa.select(_closings).where(
            _closings.c.note_ct.is_not(None) | _closings.c.reopen_reason_ct.is_not(None))).all():
        c, rid = k.cipher(r.key_id), closing_row_id(r.terminal, r.sequence)
        conn.execute(sa.update(_closings).where(_closings.c.id == r.id).values(
            note=decrypt(c, r.note_ct, "day_closings", "note_ct", rid),
            reopen_reason=decrypt(c, r.reopen_reason_ct, "day_closings", "reopen_reason_ct",
                                  rid)))
    rows = conn.execute(sa.select(_audit).order_by(_audit.c.seq)).all()
    if not any(r.details_ct is not None or r.seal is not None for r in rows):
        return
    key = k.get()[0].audit_key
    prev, resealing = audit.GENESIS, False
    for r in rows:
        details = json.loads(r.details) if r.details else {}
        encrypted = r.details_ct is not None or r.seal is not None or r.key_id is not None
        if r.details_ct is not None:
            c = k.cipher(r.key_id)
            if c is not None:
                details.update(json.loads(c.decrypt(r.details_ct, audit.T, "details_ct",
                                                    audit.ct_row_id(r.seq))))
        resealing = resealing or encrypted
        if resealing:  # the old form seals the clear text: every link from here is new
            text = audit.dumps(details)
            digest = audit.seal(key, prev, audit.canonical(r.seq, r.at, r.actor, r.action,
                                                           r.subject, text))
            conn.execute(sa.update(_audit).where(_audit.c.seq == r.seq).values(
                details=text, prev_hash=prev, hash=digest))
            prev = digest
        else:
            prev = r.hash


def downgrade() -> None:
    with op.batch_alter_table("shipments") as t:
        t.add_column(sa.Column("payment_ref", sa.String(length=64), nullable=True))
        t.add_column(sa.Column("void_reason", sa.Text(), nullable=True))
    with op.batch_alter_table("day_closings") as t:
        t.add_column(sa.Column("note", sa.Text(), nullable=True))
        t.add_column(sa.Column("reopen_reason", sa.Text(), nullable=True))
    _decrypt_all(op.get_bind(), _Keys(op.get_bind()))
    op.execute("delete from tracking_cache")  # a cache: it refills on the next look-up
    with op.batch_alter_table("tracking_cache") as t:
        t.drop_column("key_id")
        t.drop_column("body_ct")
        t.add_column(sa.Column("body", sa.Text(), nullable=False))
    with op.batch_alter_table("audit_log") as t:
        for c in ("seal", "key_id", "details_ct"):
            t.drop_column(c)
    with op.batch_alter_table("day_closings") as t:
        for c in ("reopen_reason_ct", "note_ct", "key_id"):
            t.drop_column(c)
    with op.batch_alter_table("shipments") as t:
        for c in ("payment_ref_ct", "void_reason_ct"):
            t.drop_column(c)
