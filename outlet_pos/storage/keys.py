"""The key hierarchy: one master key (in the key store) wraps every data key (in the DB).

- ``data`` keys, one active per calendar month (period), encrypt personal fields;
  destroying a period's key crypto-shreds whatever it still covers.
- one ``index`` key for the phone blind index, one ``audit`` key for the audit chain.

Everything in this module runs inside the caller's transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sqlalchemy import Connection, select, update

from ..domain.stored_settings import MASTER_KEY_ID
from ..i18n import Msg
from .crypto import BlindIndex, FieldCipher, new_key, unwrap_key, wrap_key
from .keystore import KeyStore, KeyStoreError
from .models import DataKey, Meta

_dk = DataKey.__table__
_meta = Meta.__table__


class MissingMasterKey(KeyStoreError):
    pass


def _label(key_id: str, purpose: str, period: str | None) -> str:
    return f"outlet-pos/data-key/{key_id}/{purpose}/{period or '-'}"


def _master_name(master_id: str) -> str:
    return f"master-{master_id}"


@dataclass
class Keys:
    """Unwrapped keys held in memory while the app runs."""

    master_key_id: str
    master: bytes
    ciphers: dict[str, FieldCipher] = field(default_factory=dict)
    active_by_period: dict[str, str] = field(default_factory=dict)
    index: BlindIndex | None = None
    audit_key: bytes = b""
    device_seed: bytes | None = None  # Ed25519 key that signs sync requests, once enrolled
    # Set when this process changed keys inside a transaction not yet committed;
    # a rollback then reloads them so memory never refers to keys the DB lacks.
    dirty: bool = False


def _insert_key(conn: Connection, keys: Keys, purpose: str, period: str | None, now: str,
                raw: bytes | None = None) -> str:
    key_id = secrets.token_hex(8)
    raw = raw or new_key()
    keys.dirty = True
    conn.execute(_dk.insert().values(
        id=key_id, purpose=purpose, period=period, state="active",
        wrapped=wrap_key(keys.master, raw, _label(key_id, purpose, period)),
        master_key_id=keys.master_key_id, created_at=now,
    ))
    _install(keys, key_id, purpose, period, raw)
    return key_id


def _install(keys: Keys, key_id: str, purpose: str, period: str | None, raw: bytes) -> None:
    if purpose == "data":
        keys.ciphers[key_id] = FieldCipher(key_id, raw)
    elif purpose == "index":
        keys.index = BlindIndex(raw)
    elif purpose == "audit":
        keys.audit_key = raw
    elif purpose == "device":
        keys.device_seed = raw


def create_all(conn: Connection, store: KeyStore, now: str, period: str) -> Keys:
    """A new installation: master key in the store, index, audit and first data key."""
    master_id = secrets.token_hex(8)
    master = new_key()
    store.put(_master_name(master_id), master)
    conn.execute(_meta.insert().values(key=MASTER_KEY_ID.key, value=master_id))
    keys = Keys(master_key_id=master_id, master=master)
    _insert_key(conn, keys, "index", None, now)
    _insert_key(conn, keys, "audit", None, now)
    keys.active_by_period[period] = _insert_key(conn, keys, "data", period, now)
    return keys


# The doctor's remedy for a database whose key records are gone (services/doctor.py).
_RESTORE = Msg("restore the newest backup: outlet-pos restore --force --user NAME FILE")


def load(conn: Connection, store: KeyStore) -> Keys:
    """Unwrap every live key. Raises MissingMasterKey or TamperedData, never guesses."""
    master_id = conn.execute(select(_meta.c.value).where(_meta.c.key == MASTER_KEY_ID.key)).scalar()
    if master_id is None:
        raise MissingMasterKey(Msg("this database has no key record; it was not set up "
                                   "with init"), remedy=_RESTORE)
    master = store.get(_master_name(master_id))
    if master is None:
        raise MissingMasterKey(Msg(
            "the master key ({key}) is not in {store}; restore the keys from the outlet's "
            "backup. Nothing was changed.", key=master_id, store=store.description))
    keys = Keys(master_key_id=master_id, master=master)
    rows = conn.execute(select(_dk).where(_dk.c.wrapped.is_not(None))).all()
    for r in rows:
        raw = unwrap_key(master, r.wrapped, _label(r.id, r.purpose, r.period))
        _install(keys, r.id, r.purpose, r.period, raw)
        if r.purpose == "data" and r.state == "active" and r.period:
            keys.active_by_period[r.period] = r.id
    if keys.index is None or not keys.audit_key:
        raise MissingMasterKey(Msg("the index or audit key is missing from the key table"),
                               remedy=_RESTORE)
    return keys


def _current_master_id(conn: Connection) -> str | None:
    return conn.execute(select(_meta.c.value).where(_meta.c.key == MASTER_KEY_ID.key)).scalar()


def _ensure_current_master(conn: Connection, store: KeyStore, keys: Keys) -> None:
    # Wrapping with a master another process has rotated away would strand the new key.
    if _current_master_id(conn) != keys.master_key_id:
        reload_into(conn, store, keys)


def cipher_for(conn: Connection, store: KeyStore, keys: Keys, key_id: str) -> FieldCipher | None:
    """The cipher of ``key_id``; None only when that key has been destroyed.

    A miss re-reads the keys: another process (the CLI beside the GUI) may have
    made it."""
    cipher = keys.ciphers.get(key_id)
    if cipher is None:
        reload_into(conn, store, keys)
        cipher = keys.ciphers.get(key_id)
    return cipher


def data_key_for(conn: Connection, store: KeyStore, keys: Keys, period: str, now: str) -> str:
    """The active data key of ``period``, created on the first booking of a new month.

    Runs inside the caller's write transaction, so no other process can add the
    same period's key between the check and the insert.
    """
    key_id = keys.active_by_period.get(period)
    if key_id is None:
        reload_into(conn, store, keys)
        key_id = keys.active_by_period.get(period)
    if key_id is None:
        key_id = _insert_key(conn, keys, "data", period, now)
        keys.active_by_period[period] = key_id
    return key_id


def rotate(conn: Connection, store: KeyStore, keys: Keys, period: str, now: str) -> str:
    """New master key (every live key re-wrapped) and a fresh data key for ``period``.

    The new master key is written to the store first; the caller commits the
    transaction and only then calls ``forget_master`` for the old one.
    Returns the old master key id.
    """
    _ensure_current_master(conn, store, keys)
    old_id = keys.master_key_id
    keys.dirty = True
    new_id = secrets.token_hex(8)
    new_master = new_key()
    store.put(_master_name(new_id), new_master)
    rows = conn.execute(select(_dk).where(_dk.c.wrapped.is_not(None))).all()
    for r in rows:
        label = _label(r.id, r.purpose, r.period)
        raw = unwrap_key(keys.master, r.wrapped, label)
        conn.execute(update(_dk).where(_dk.c.id == r.id).values(
            wrapped=wrap_key(new_master, raw, label), master_key_id=new_id))
    conn.execute(update(_meta).where(_meta.c.key == MASTER_KEY_ID.key).values(value=new_id))
    keys.master_key_id, keys.master = new_id, new_master
    # Retire this month's data key: it keeps decrypting, new writes use the new one.
    conn.execute(update(_dk).where(_dk.c.purpose == "data", _dk.c.state == "active")
                 .values(state="retired"))
    keys.active_by_period.clear()
    keys.active_by_period[period] = _insert_key(conn, keys, "data", period, now)
    return old_id


def reload_into(conn: Connection, store: KeyStore, keys: Keys) -> None:
    """Replace ``keys`` in place with what ``conn`` sees (after a rollback, or a change
    made by another process). ``dirty`` is the caller's to reset."""
    fresh = load(conn, store)
    keys.master_key_id, keys.master = fresh.master_key_id, fresh.master
    keys.ciphers, keys.active_by_period = fresh.ciphers, fresh.active_by_period
    keys.index, keys.audit_key = fresh.index, fresh.audit_key
    keys.device_seed = fresh.device_seed


def set_device_key(conn: Connection, keys: Keys, seed: bytes, now: str) -> None:
    """Keep the sync device key wrapped like the others; an earlier one is destroyed."""
    old = conn.execute(select(_dk.c.id).where(_dk.c.purpose == "device",
                                              _dk.c.wrapped.is_not(None))).scalars().all()
    for key_id in old:
        destroy(conn, keys, key_id, now)
    _insert_key(conn, keys, "device", None, now, raw=seed)


def forget_master(store: KeyStore, master_id: str) -> None:
    store.delete(_master_name(master_id))


def destroy(conn: Connection, keys: Keys, key_id: str, now: str) -> None:
    """Crypto-shred: the wrapped key is deleted, so its ciphertexts are noise forever."""
    keys.dirty = True
    conn.execute(update(_dk).where(_dk.c.id == key_id)
                 .values(wrapped=None, state="destroyed", destroyed_at=now))
    keys.ciphers.pop(key_id, None)
    for period, kid in list(keys.active_by_period.items()):
        if kid == key_id:
            del keys.active_by_period[period]
