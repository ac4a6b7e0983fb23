"""Turning an enrollment code, or an offline provisioning file, into device credentials."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..domain.roles import Action, require
from ..i18n import Msg
from ..services.auth import UserSession
from ..services.ports import Clock, DeviceCredential, UnitOfWorkFactory
from . import wire
from .client import CONFIG, SyncClient, SyncError, check_server_url

PROVISIONING_FORMAT = "outlet-pos-provisioning"


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
    require(session.role, Action.ENROLL_DEVICE)
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


def read_provisioning(path: Path) -> DeviceCredential:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        if d.get("format") != PROVISIONING_FORMAT:
            raise ValueError("not a provisioning file")
        cred = DeviceCredential(server=check_server_url(d["server"]),
                                device_id=str(d["device_id"]), seed=wire.unb64(d["device_key"]),
                                tariff_public_key=str(d["tariff_public_key"]),
                                ca_pem=d.get("ca_pem") or None)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise SyncError(CONFIG, Msg("{file} is not an outlet-pos provisioning file ({error})",
                                    file=path.name, error=type(e).__name__)) from None
    if len(cred.seed) != 32:
        raise SyncError(CONFIG, Msg("{file} holds a damaged device key", file=path.name))
    return cred


def enroll_offline(uow_factory: UnitOfWorkFactory, clock: Clock, session: UserSession,
                   path: Path) -> DeviceCredential:
    require(session.role, Action.ENROLL_DEVICE)
    cred = read_provisioning(path)
    _store(uow_factory, clock, cred, session, "provisioning_file")
    return cred
