"""Every setting the outlet keeps in its database's ``meta`` table, declared once.

Each entry names its key, its type (how the stored text is read and written), its
default and who may set it. Readers and writers go through an entry (``LANGUAGE.read(
uow.meta)``, ``SYNC_LAST_ERROR.write(uow.meta, text)``) or at least its ``key`` (raw SQL
in storage), never a string of their own, so a key cannot be misspelt in one place and a
value cannot be read as another type than it was written.

Pure Python with no I/O, in domain so that every layer may import it. A value read is
``None`` when the key is absent or cleared (stored as ""), unless the entry has a default.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
JsonObject = dict[str, Any]


class MetaReader(Protocol):
    def get(self, key: str) -> str | None: ...


class MetaStore(MetaReader, Protocol):
    def set(self, key: str, value: str) -> None: ...


def _text(raw: str) -> str:
    return raw


def _json_dump(value: JsonObject) -> str:
    return json.dumps(value)  # in insertion order: some keep it as an age order


def _json_load(raw: str) -> JsonObject:
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError("a stored JSON setting must be an object")
    return value


def _time_dump(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("stored times are timezone-aware")
    return value.isoformat()


@dataclass(frozen=True)
class Stored(Generic[T]):
    """One stored setting: ``key`` in ``meta``, read with ``load``, written with ``dump``."""

    key: str
    kind: str  # text | int | time | json: what ``load`` gives back
    load: Callable[[str], T]
    dump: Callable[[T], str]
    set_by: str  # who may set it (a person's role, a command or a part of the app)
    default: T | None = None

    def read(self, meta: MetaReader | Mapping[str, str]) -> T | None:
        """The value, the default when the key is absent or cleared."""
        raw = meta.get(self.key)
        return self.default if raw is None or raw == "" else self.load(raw)

    def require(self, meta: MetaReader | Mapping[str, str]) -> T:
        """The value; a LookupError naming the key when there is none (a damaged database)."""
        value = self.read(meta)
        if value is None:
            raise LookupError(f"the outlet database has no {self.key!r} setting")
        return value

    def write(self, meta: MetaStore, value: T) -> None:
        meta.set(self.key, self.dump(value))

    def clear(self, meta: MetaStore) -> None:
        """Cleared, not deleted: ``meta`` keeps the key with an empty value."""
        meta.set(self.key, "")


REGISTRY: dict[str, Stored[Any]] = {}


_CODECS: dict[str, tuple[Callable[[str], Any], Callable[[Any], str]]] = {
    "text": (_text, _text), "int": (int, str), "time": (datetime.fromisoformat, _time_dump),
    "json": (_json_load, _json_dump)}


def _declare(key: str, kind: str, set_by: str, default: Any = None) -> Stored[Any]:
    load, dump = _CODECS[kind]
    if key in REGISTRY:
        raise ValueError(f"stored setting {key!r} declared twice")
    entry: Stored[Any] = Stored(key, kind, load, dump, set_by, default)
    REGISTRY[key] = entry
    return entry


def text(key: str, set_by: str, default: str | None = None) -> Stored[str]:
    return _declare(key, "text", set_by, default)


def integer(key: str, set_by: str, default: int | None = None) -> Stored[int]:
    return _declare(key, "int", set_by, default)


def time(key: str, set_by: str) -> Stored[datetime]:
    return _declare(key, "time", set_by)


def json_object(key: str, set_by: str) -> Stored[JsonObject]:
    return _declare(key, "json", set_by)


# The outlet and this install: written once by ``bootstrap.init_outlet`` (storage.database).
OUTLET_NUMBER = integer("outlet_number", "init")
TERMINAL = integer("terminal", "init; enrolment, when the server gives another terminal")
OUTLET_NAME = text("outlet_name", "init", default="")
TIMEZONE = text("timezone", "init", default="Asia/Jakarta")
ORIGIN_DISTRICT = text("origin_district", "init")
INSTALL_ID = text("install_id", "init")
CREATED_AT = time("created_at", "init")
MASTER_KEY_ID = text("master_key_id", "init; key rotation (manager, technician)")

# The counter's preferences.
LANGUAGE = text("language", "setup; Settings page (CHANGE_SETTINGS: manager, technician)")
PRINTER_CONNECTION = text("printer_connection",
                          "setup; printer set-up (CHANGE_SETTINGS: manager, technician)")
PRINTER_PROFILE = text("printer_profile",
                       "setup; printer set-up (CHANGE_SETTINGS: manager, technician)")
COURIER_NAME = text("courier_name", "configuration (printed on the waybill)")
SCALE_CONNECTION = text("scale_connection",
                        "scale set-up: outlet-pos scale use (CHANGE_SETTINGS: manager, technician)")
SCALE_PROFILE = text("scale_profile",
                     "scale set-up: outlet-pos scale use (CHANGE_SETTINGS: manager, technician)")
# The courier's loyalty card number format (domain/loyalty.py CardFormat.to_dict).
LOYALTY_FORMAT = json_object("loyalty_card_format",
                             "outlet-pos loyalty format (CHANGE_SETTINGS: manager, technician)")

# Enrolment with the central server (services/enrolment, storage/sync_repo).
SYNC_SERVER = text("sync_server", "enrolment (technician)")
SYNC_DEVICE_ID = text("sync_device_id", "enrolment (technician)")
SYNC_TARIFF_KEY = text("sync_tariff_key", "enrolment (technician)")
SYNC_CA_PEM = text("sync_ca_pem", "enrolment (technician)")
SYNC_ENROLLED_AT = time("sync_enrolled_at", "enrolment (technician)")
SYNC_REVOKED_DEVICE = text("sync_revoked_device",
                           "sync worker (the server refused the device); enrolment clears it")

# The sync worker's state.
SYNC_AUDIT_ACKED = integer("sync_audit_acked", "sync worker; restore (to the backup's)")
SYNC_LAST_SUCCESS = time("sync_last_success", "sync worker")
SYNC_LAST_ERROR = text("sync_last_error", "sync worker; restore (a held restore)")
SYNC_LAST_ERROR_AT = time("sync_last_error_at", "sync worker; restore (a held restore)")

# The technician's doctor (services/doctor): its last run, read by the fleet health report.
DOCTOR_LAST = json_object("doctor_last", "doctor (outlet-pos doctor, Diagnostics page)")

# Backups and restores.
BACKUP_LAST_AT = time("backup_last_at", "backup")
BACKUP_LAST_FILE = text("backup_last_file", "backup")
BACKUP_LAST_PATH = text("backup_last_path", "backup")
RESTORE_UNCONFIRMED = json_object("restore_unconfirmed",
                                  "restore; a technician's confirm-restore clears it")
WAYBILL_SEQUENCE_FLOOR = integer("waybill_sequence_floor", "restore (the replaced top)")

# Log-in and users.
AUTH_UNKNOWN_FAILURES = json_object("auth.unknown_failures", "log-in (failed unknown names)")
AUTH_UNKNOWN_SALT = text("auth.unknown_salt", "log-in (first failed unknown name)")
USERS_UNSEALED = text("users_unsealed", "migration 0006; the first log-in after it clears it")
USERS_SEALS = json_object("users_seals", "user changes (storage/users_repo)")
