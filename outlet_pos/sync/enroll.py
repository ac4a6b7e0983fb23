"""Turning an enrollment code, or an offline provisioning file, into device credentials."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.errors import ValidationError
from ..domain.json_input import nesting_depth, parse_json
from ..domain.records import DeviceCredential
from ..domain.roles import Action
from ..domain.waybill import MAX_TERMINAL
from ..i18n import Msg
from ..services.auth import UserSession
from ..services.booking import REVOKED_DEVICE
from ..services.ports import Clock, UnitOfWorkFactory
from ..services.refusals import require
from . import wire
from .client import CONFIG, SyncClient, SyncError, check_server_url

PROVISIONING_FORMAT = "outlet-pos-provisioning"
MAX_PROVISIONING_BYTES = 1024 * 1024  # a key, an address and a CA certificate: a few KB
MAX_PROVISIONING_DEPTH = 4  # one flat object


def _store(uow_factory: UnitOfWorkFactory, clock: Clock, cred: DeviceCredential,
           session: UserSession, how: str, terminal: int | None = None) -> None:
    """Keep the credential; with ``terminal``, the one the server gave (the series the PC
    numbers its waybills in from now on). A new credential is not a revoked one."""
    with uow_factory(write=True) as uow:
        uow.sync.set_device(cred, clock())
        uow.meta.set(REVOKED_DEVICE, "")
        details: dict[str, Any] = {"how": how}
        old = uow.meta.get("terminal")
        if terminal is not None and old != str(terminal):
            uow.meta.set("terminal", str(terminal))
            details.update(terminal_was=old, terminal=terminal)
        uow.audit.append(session.username, "device_enrolled", cred.device_id, details)
        uow.commit()


def code_outlet(code: str) -> int | None:
    """The outlet a code names (``1201-ABCD-...``); None for a code of the older kind."""
    head, _, rest = code.strip().partition("-")
    return int(head) if head.isdecimal() and len(head) <= 9 and rest else None


def _wrong_outlet(mine: int) -> SyncError:
    return SyncError(CONFIG, Msg("this enrollment code is for another outlet, not outlet "
                                 "{outlet}: ask the head office for this outlet's code. "
                                 "Nothing was changed.", outlet=str(mine)), code="wrong_outlet")


def enroll_online(uow_factory: UnitOfWorkFactory, clock: Clock, session: UserSession, *,
                  server: str, code: str, terminal: int, origin_district: str,
                  ca_pem: str | None, ca_path: str | None) -> dict[str, Any]:
    """Exchange ``code`` for a device id bound to a key made here (it never leaves).

    Another outlet's code is refused before anything changes, here (the code names its
    outlet) and at the server (told this PC's outlet). Enrolling again, the PC signs the
    new key with its old one: the server then keeps its terminal. The answer's terminal
    is adopted: it may differ when another PC held the one asked for."""
    require(uow_factory, session, Action.ENROLL_DEVICE)
    with uow_factory() as uow:
        mine = int(uow.meta.get("outlet_number") or 0)
        old = uow.sync.device()
    named = code_outlet(code)
    if named is not None and named != mine:
        raise _wrong_outlet(mine)
    seed = wire.new_device_key()
    public_key = wire.public_key_of(seed)
    checks: dict[str, Any] = {"outlet": mine}
    if old is not None:
        checks.update(replaces=old.device_id, replaces_signature=wire.sign_reenroll(
            old.seed, old.device_id, public_key))
    client = SyncClient(server, ca_bundle=ca_path)
    try:
        out = client.enroll(code.strip(), terminal, public_key, origin_district, **checks)
    except SyncError as e:
        if e.code == "wrong_outlet":
            raise _wrong_outlet(mine) from None
        raise
    finally:
        client.close()
    if out.get("outlet") != mine:  # a server that ignored the check: keep nothing of it
        raise _wrong_outlet(mine)
    cred = DeviceCredential(server=check_server_url(server), device_id=out["device_id"],
                            seed=seed, tariff_public_key=out["tariff_public_key"],
                            ca_pem=ca_pem)
    _store(uow_factory, clock, cred, session, "code", int(out["terminal"]))
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
    return _provisioning(path)[0]


def _provisioning(path: Path) -> tuple[DeviceCredential, dict[str, Any]]:
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
    return cred, d


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def enroll_offline(uow_factory: UnitOfWorkFactory, clock: Clock, session: UserSession,
                   path: Path) -> DeviceCredential:
    """Like ``enroll_online`` from a file the server made: another outlet's file is refused
    before anything changes, and the file's terminal is adopted."""
    require(uow_factory, session, Action.ENROLL_DEVICE)
    cred, d = _provisioning(path)
    with uow_factory() as uow:
        mine = int(uow.meta.get("outlet_number") or 0)
    outlet = _whole(d.get("outlet"))
    if outlet is not None and outlet != mine:
        raise SyncError(CONFIG, Msg("{file} is for outlet {other}, not outlet {outlet}: ask "
                                    "the head office for this outlet's file. Nothing was "
                                    "changed.", file=path.name, other=str(outlet),
                                    outlet=str(mine)), code="wrong_outlet")
    terminal = _whole(d.get("terminal"))
    if terminal is not None and not 1 <= terminal <= MAX_TERMINAL:
        raise _not_provisioning(path, Msg("terminal out of range"))
    _store(uow_factory, clock, cred, session, "provisioning_file", terminal)
    return cred
