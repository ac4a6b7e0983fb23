"""What the admin commands show of personal data, and the record of who saw it.

By default everything personal is masked the way the outlet masks it (``B*** S***``,
``+62812*****890``, ``***`` for addresses and typed text). In clear only for an operator
who gives their name and a reason: each such decryption writes an ``admin_audit`` row
(who, when, which command, which waybills; the reason sealed like personal data, under
the month's key) before anything is shown. Reading the audit log's reasons is itself
such a decryption.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, insert, select

from ..domain.loyalty import mask_card
from ..domain.party import mask_name, mask_phone
from .db import Clock, iso
from .keyring import Keyring
from .models import AdminAccess
from .secrets_file import ServerSecrets

_a = AdminAccess.__table__
MASK = "***"
REASON_MIN, REASON_MAX, OPERATOR_MAX = 8, 500, 64
NEEDS_IDENTITY = ("personal data in clear needs --operator NAME (who you are) and --reason "
                  f"TEXT (why: the request or case it answers, at least {REASON_MIN} "
                  "characters); both are recorded in the server's audit log")


def _printable(value: str) -> bool:
    return all(unicodedata.category(c)[0] != "C" for c in value)


def check_identity(operator: str | None, reason: str | None) -> tuple[str, str]:
    """(operator, reason) cleaned, or ValueError saying what is missing (exit 2)."""
    op, why = (operator or "").strip(), " ".join((reason or "").split())
    if not op or len(why) < REASON_MIN:
        raise ValueError(NEEDS_IDENTITY)
    if len(op) > OPERATOR_MAX or not _printable(op) or not _printable(why):
        raise ValueError(f"--operator must be at most {OPERATOR_MAX} characters, and neither "
                         "it nor --reason may hold control characters")
    if len(why) > REASON_MAX:
        raise ValueError(f"--reason must be at most {REASON_MAX} characters")
    return op, why


def record(engine: Engine, secrets: ServerSecrets, clock: Clock, operator: str, reason: str,
           command: str, scope: str, waybills: Iterable[str]) -> None:
    """One audit row for one decryption, committed before the caller shows anything."""
    shown = sorted(waybills)
    now = clock()
    at = iso(now)
    with engine.begin() as conn:
        sealed = Keyring(secrets).sealer(conn, now).seal(
            at, reason.encode(), f"admin_audit/{at}/{operator}")
        conn.execute(insert(_a).values(at=at, operator=operator, command=command,
                                       scope=scope[:200], records=len(shown),
                                       waybills=json.dumps(shown), reason_ct=sealed))


def entries(engine: Engine, secrets: ServerSecrets, unmasked: bool) -> list[dict[str, Any]]:
    """The audit rows, oldest first; reasons masked unless ``unmasked`` (None if shredded)."""
    with engine.connect() as conn:
        opener = Keyring(secrets).opener(conn)
        out = []
        for r in conn.execute(select(_a).order_by(_a.c.id)):
            reason: str | None = MASK
            if unmasked:
                raw = opener.open(r.reason_ct, f"admin_audit/{r.at}/{r.operator}")
                reason = raw.decode() if raw is not None else None
            elif r.reason_ct is None:
                reason = None
            out.append({"at": r.at, "operator": r.operator, "command": r.command,
                        "scope": r.scope, "records": r.records,
                        "waybills": json.loads(r.waybills), "reason": reason})
    return out


def _masked_text(value: Any) -> Any:
    return None if value is None else MASK


def mask_party(p: Any) -> Any:
    if not isinstance(p, dict):
        return p
    given = p.get("address")
    address = given if isinstance(given, dict) else {}
    return {**p, "name": mask_name(str(p["name"])) if p.get("name") else p.get("name"),
            "phone": mask_phone(str(p["phone"])) if p.get("phone") else p.get("phone"),
            "email": _masked_text(p.get("email")),
            "address": {k: (v if k == "district_code" else _masked_text(v))
                        for k, v in address.items()},
            **({"loyalty_card": mask_card(str(p["loyalty_card"]))}  # as on the receipt
               if p.get("loyalty_card") else {})}


def mask_shipment(body: dict[str, Any]) -> dict[str, Any]:
    """A shipment as ``reference.shipments(personal=True)`` gives it, every personal or
    typed value masked; figures, codes and states unchanged."""
    out = {**body, "sender": mask_party(body.get("sender")),
           "recipient": mask_party(body.get("recipient"))}
    if isinstance(body.get("parcel"), dict):
        out["parcel"] = {**body["parcel"],
                         "description": _masked_text(body["parcel"].get("description"))}
    if isinstance(body.get("payment"), dict) and "reference" in body["payment"]:
        out["payment"] = {**body["payment"],
                          "reference": _masked_text(body["payment"]["reference"])}
    if "void_reason" in body:
        out["void_reason"] = _masked_text(body["void_reason"])
    return out
