"""``outlet-pos-central app-clients add|disable|list`` and ``outlet-pos-central prebook FILE``.

An app client is the courier's app (its backend): ``add`` prints its bearer token once
(only its hash is kept; a lost token is replaced by disabling the client and adding a
new one). ``prebook`` makes a pre-booking from a JSON file shaped as the app's POST
(``protocol.prebooking.PrebookingRequest``) and prints its code and QR text, for
operators trying a counter and for tests. Exit codes as the rest of the CLI: 2 for a bad
name, a bad file or an unknown client.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..protocol.prebooking import PrebookingRequest
from .app_clients import add_client, check_name, disable_client, list_clients
from .db import utc_now
from .prebooking_store import issue

MAX_FILE = 64 * 1024  # a booking is a few hundred bytes


def _add(ctx: Any, a: argparse.Namespace) -> int:
    token = add_client(ctx.engine, utc_now, a.name)
    print(f"app client {a.name} added. Its token (shown only now; keep it in the app's "
          f"secret store):\n{token}")
    return 0


def _disable(ctx: Any, a: argparse.Namespace) -> int:
    disable_client(ctx.engine, utc_now, a.name)
    print(f"app client {a.name} disabled: its token is refused from now on")
    return 0


def _list(ctx: Any, a: argparse.Namespace) -> int:
    rows = list_clients(ctx.engine)
    if a.json:
        print(json.dumps([r.__dict__ for r in rows], indent=2))
        return 0
    if not rows:
        print("no app clients; add one with: outlet-pos-central app-clients add NAME")
    for r in rows:
        print(f"{r.name:<32} {r.status:<9} created {r.created_at[:16]}  "
              f"last used {(r.last_used_at or 'never')[:16]}")
    return 0


def _read_request(path: Path) -> PrebookingRequest:
    with path.open("rb") as f:
        raw = f.read(MAX_FILE + 1)
    if len(raw) > MAX_FILE:
        raise ValueError(f"{path.name} is larger than {MAX_FILE} bytes")
    try:
        return PrebookingRequest.model_validate_json(raw)
    except ValidationError as e:  # its own text would quote the values: personal data
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "the file"
        raise ValueError(f"{path.name}: {where}: {first['msg']}") from None


def _prebook(ctx: Any, a: argparse.Namespace) -> int:
    request = _read_request(Path(a.file))
    booking, qr = issue(ctx.engine, ctx.secrets, utc_now, check_name(a.app_client), request)
    print(booking.code)
    print(qr)
    print(f"expires {booking.expires_at}")
    return 0


def register_prebookings(sub: Any, common: argparse.ArgumentParser) -> None:
    ac = sub.add_parser("app-clients", help="the courier's app as a client (pre-bookings)"
                        ).add_subparsers(dest="sub", required=True)
    add = ac.add_parser("add", parents=[common], help="add an app client, print its token")
    add.add_argument("name", help="3-64 characters: a-z first, then a-z 0-9 . _ -")
    add.set_defaults(func=_add)
    dis = ac.add_parser("disable", parents=[common], help="refuse an app client's token")
    dis.add_argument("name")
    dis.set_defaults(func=_disable)
    ls = ac.add_parser("list", parents=[common], help="app clients and their last use")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list)
    pb = sub.add_parser("prebook", parents=[common], help="make a pre-booking from a JSON "
                        "file (the app's POST /v1/prebookings body); print code and QR text")
    pb.add_argument("file")
    pb.add_argument("--app-client", default="operator-cli",
                    help="the name the booking is recorded under (default operator-cli)")
    pb.set_defaults(func=_prebook)


__all__ = ["register_prebookings"]
