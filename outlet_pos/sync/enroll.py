"""The enrolment exchange: an enrollment code over HTTPS, or an offline provisioning file,
turned into a device credential (``services.enrolment.EnrolmentExchange``).

Only the exchange lives here: the key made on this PC, the signed re-enrolment, the
request, reading a provisioning file within bounds, and refusing another outlet's code or
file before anything changes. Who may enrol, what is kept and the audit row are
``services.enrolment``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.enrolment import Enrolled
from ..domain.errors import ValidationError
from ..domain.json_input import nesting_depth, parse_json
from ..domain.records import DeviceCredential
from ..domain.waybill import MAX_TERMINAL
from ..i18n import Msg
from ..protocol import wire
from .errors import CONFIG, SyncError

PROVISIONING_FORMAT = "outlet-pos-provisioning"
MAX_PROVISIONING_BYTES = 1024 * 1024  # a key, an address and a CA certificate: a few KB
MAX_PROVISIONING_DEPTH = 4  # one flat object


def code_outlet(code: str) -> int | None:
    """The outlet a code names (``1201-ABCD-...``); None for a code of the older kind."""
    head, _, rest = code.strip().partition("-")
    return int(head) if head.isdecimal() and len(head) <= 9 and rest else None


def _checked_url(server: str) -> str:
    from .client import check_server_url

    return check_server_url(server)


def _wrong_outlet(mine: int) -> SyncError:
    return SyncError(CONFIG, Msg("this enrollment code is for another outlet, not outlet "
                                 "{outlet}: ask the head office for this outlet's code. "
                                 "Nothing was changed.", outlet=str(mine)), code="wrong_outlet")


class HttpEnrolment:
    """``EnrolmentExchange`` over the sync client: the network and the file, nothing kept."""

    def by_code(self, *, server: str, code: str, terminal: int, origin_district: str,
                outlet: int, replaces: DeviceCredential | None, ca_pem: str | None,
                ca_path: str | None) -> Enrolled:
        """A key made here (it never leaves) and ``code``, for a device id bound to it.

        Another outlet's code is refused before the request (the code names its outlet) and
        at the server (told this PC's ``outlet``). ``replaces``, the credential held now,
        signs the new key: the server then keeps this PC's terminal."""
        named = code_outlet(code)
        if named is not None and named != outlet:
            raise _wrong_outlet(outlet)
        seed = wire.new_device_key()
        public_key = wire.public_key_of(seed)
        checks: dict[str, Any] = {"outlet": outlet}
        if replaces is not None:
            checks.update(replaces=replaces.device_id, replaces_signature=wire.sign_reenroll(
                replaces.seed, replaces.device_id, public_key))
        from .client import SyncClient  # requests loads with the first enrolment

        client = SyncClient(server, ca_bundle=ca_path)
        try:
            out = client.enroll(code.strip(), terminal, public_key, origin_district, **checks)
        except SyncError as e:
            if e.code == "wrong_outlet":
                raise _wrong_outlet(outlet) from None
            raise
        finally:
            client.close()
        if out.get("outlet") != outlet:  # a server that ignored the check: keep nothing
            raise _wrong_outlet(outlet)
        cred = DeviceCredential(server=_checked_url(server), device_id=out["device_id"],
                                seed=seed, tariff_public_key=out["tariff_public_key"],
                                ca_pem=ca_pem)
        return Enrolled(cred, int(out["terminal"]),
                        tuple(str(d) for d in out.get("replaced") or ()))

    def by_file(self, path: Path, *, outlet: int) -> Enrolled:
        """The credential in a provisioning file the server made: another outlet's file is
        refused, a terminal out of range too."""
        cred, d = _provisioning(path)
        named = _whole(d.get("outlet"))
        if named is not None and named != outlet:
            raise SyncError(CONFIG, Msg("{file} is for outlet {other}, not outlet {outlet}: "
                                        "ask the head office for this outlet's file. Nothing "
                                        "was changed.", file=path.name, other=str(named),
                                        outlet=str(outlet)), code="wrong_outlet")
        terminal = _whole(d.get("terminal"))
        if terminal is not None and not 1 <= terminal <= MAX_TERMINAL:
            raise _not_provisioning(path, Msg("terminal out of range"))
        return Enrolled(cred, terminal)


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
        cred = DeviceCredential(server=_checked_url(d["server"]),
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
