"""Turning an enrollment code, or an offline provisioning file, into device credentials."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.errors import ValidationError
from ..domain.json_input import nesting_depth, parse_json
from ..domain.roles import Action
from ..i18n import Msg
from ..services.auth import UserSession
from ..services.ports import Clock, DeviceCredential, UnitOfWorkFactory
from ..services.refusals import require
from . import wire
from .client import CONFIG, SyncClient, SyncError, check_server_url

PROVISIONING_FORMAT = "outlet-pos-provisioning"
MAX_PROVISIONING_BYTES = 1024 * 1024  # a key, an address and a CA certificate: a few KB
MAX_PROVISIONING_DEPTH = 4  # one flat object


def _store(uow_factory: UnitOfWorkFactory, clock: Clock, cred: DeviceCredential,
           session: UserSession, how: str) -> None:
    with uow_factory(write=True) as uow:
        uow.sync.set_device(cred, clock())
        uow.audit.append(session.username, "device_enrolled", cred.device_id, {"how": how})
        uow.commit()


def enroll_online(uow_factory: UnitOfWorkFactory, clock: Clock, session: UserSession, *,
                  server: str, code: str, terminal: int, origin_district: str,
                  ca_pem: str | None, ca_path: str | None) -> dict[str, Any]:
    """Exchange ``code`` for a device id bound to a key made here (it never leaves)."""
    require(uow_factory, session, Action.ENROLL_DEVICE)
    seed = wire.new_device_key()
    client = SyncClient(server, ca_bundle=ca_path)
    try:
        out = client.enroll(code.strip(), terminal, wire.public_key_of(seed), origin_district)
    finally:
        client.close()
    cred = DeviceCredential(server=check_server_url(server), device_id=out["device_id"],
                            seed=seed, tariff_public_key=out["tariff_public_key"],
                            ca_pem=ca_pem)
    _store(uow_factory, clock, cred, session, "code")
    return out


def _not_provisioning(path: Path, why: str | Msg) -> SyncError:
    return SyncError(CONFIG, Msg("{file} is not an outlet-pos provisioning file ({error})",
                                 file=path.name, error=why))


def _read_object(path: Path) -> dict[str, Any]:
    """The file's JSON object, read within bounds: never the whole of a huge or deep file."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_PROVISIONING_BYTES + 1)
    except OSError as e:
        raise _not_provisioning(path, type(e).__name__) from None
    if len(raw) > MAX_PROVISIONING_BYTES:
        raise _not_provisioning(path, Msg("too large"))
    if nesting_depth(raw.decode("utf-8", "replace"),
                     MAX_PROVISIONING_DEPTH) > MAX_PROVISIONING_DEPTH:
        raise _not_provisioning(path, Msg("nested too deep"))
    try:
        d = parse_json(raw, field="provisioning_file", name=path.name,
                       max_depth=MAX_PROVISIONING_DEPTH)
    except ValidationError:
        raise _not_provisioning(path, Msg("not JSON")) from None
    if not isinstance(d, dict):
        raise _not_provisioning(path, Msg("not a JSON object"))
    return d


def read_provisioning(path: Path) -> DeviceCredential:
    d = _read_object(path)
    try:
        if d.get("format") != PROVISIONING_FORMAT:
            raise ValueError("not a provisioning file")
        cred = DeviceCredential(server=check_server_url(d["server"]),
                                device_id=str(d["device_id"]), seed=wire.unb64(d["device_key"]),
                                tariff_public_key=str(d["tariff_public_key"]),
                                ca_pem=d.get("ca_pem") or None)
    except (ValueError, KeyError, TypeError) as e:
        raise _not_provisioning(path, type(e).__name__) from None
    if len(cred.seed) != 32:
        raise SyncError(CONFIG, Msg("{file} holds a damaged device key", file=path.name))
    return cred


def enroll_offline(uow_factory: UnitOfWorkFactory, clock: Clock, session: UserSession,
                   path: Path) -> DeviceCredential:
    require(uow_factory, session, Action.ENROLL_DEVICE)
    cred = read_provisioning(path)
    _store(uow_factory, clock, cred, session, "provisioning_file")
    return cred
