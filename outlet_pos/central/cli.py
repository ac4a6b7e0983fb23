"""``outlet-pos-central``: serve the sync API and administer outlets, tariffs and tracking.

Every command takes the same ``--db URL`` (default ``sqlite:///central.db``, or
``OUTLET_POS_CENTRAL_DB``) and ``--secrets FILE``. Exit codes: 0 ok, 2 bad
input (an unmasked listing without ``--operator`` and ``--reason`` included), 1 anything
else. The commands that show personal data or handle its keys are in ``admin_cmds``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.errors import ValidationError
from ..domain.json_input import MAX_BYTES, parse_json
from ..refdata.tariffs import MAX_TARIFF_BYTES, tariff_from_bytes
from . import admin_cmds, reference, serving
from .db import make_engine, utc_now
from .enrollment import AuthError, add_outlet, provision, revoke
from .fleet_cmds import register_fleet
from .migrations import SchemaTooNew
from .operator_cmds import register_operators
from .prebooking_cmds import register_prebookings
from .schema_cmds import register_db
from .secrets_file import SecretsError, ServerSecrets, default_path, load_or_create

DEFAULT_DB = "sqlite:///central.db"


class _Ctx:
    def __init__(self, args: argparse.Namespace) -> None:
        self.url = args.db
        self.engine = make_engine(args.db)
        self._secrets_path = Path(args.secrets) if args.secrets else default_path(args.db)
        self._secrets: ServerSecrets | None = None

    @property
    def secrets(self) -> ServerSecrets:
        if self._secrets is None:
            self._secrets = load_or_create(self._secrets_path)
        return self._secrets


def _serve(ctx: _Ctx, a: argparse.Namespace) -> int:
    from .app import create_app

    if bool(a.tls_cert) != bool(a.tls_key):
        print("outlet-pos-central: --tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    from .limits import Limits

    limits = Limits(upload_bytes=a.max_upload_bytes, inflated_bytes=a.max_inflated_bytes,
                    other_bytes=a.max_other_bytes, enroll_attempts=a.enroll_attempts,
                    enroll_window_s=a.enroll_window, inflight_bytes=a.max_inflight_bytes)
    app = create_app(ctx.engine, ctx.secrets, limits=limits,
                     admission_limits=serving.admission_limits(a, ctx.engine))
    serving.run(app, a)  # logs, metrics listener, draining on SIGTERM
    return 0


def _outlets_add(ctx: _Ctx, a: argparse.Namespace) -> int:
    code = add_outlet(ctx.engine, utc_now, a.number, a.name, a.origin_district, a.timezone)
    if a.provisioning_file:
        creds = provision(ctx.engine, utc_now, a.number, a.terminal)
        doc = {"format": "outlet-pos-provisioning", "format_version": 1,
               "server": a.server_url, "tariff_public_key": ctx.secrets.tariff_public_key,
               "ca_pem": Path(a.ca).read_text() if a.ca else None, **creds}
        path = Path(a.provisioning_file)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(doc, f, indent=2)
        print(f"provisioning file for outlet {a.number} terminal {a.terminal}: {path} "
              "(it holds the device key: hand it over like a password)")
    print(f"enrollment code for outlet {a.number} (valid 14 days, one use): {code}")
    return 0


def _tracking_add(ctx: _Ctx, a: argparse.Namespace) -> int:
    reference.add_tracking(ctx.engine, utc_now, a.waybill, a.status.upper(), a.note,
                           a.location, secrets=ctx.secrets)
    print(f"{a.waybill}: {a.status.upper()}")
    return 0


def _read_capped(path: Path, cap: int) -> bytes:
    """The file's bytes, or ValueError naming it when it is over ``cap`` (never read whole)."""
    with path.open("rb") as f:
        raw = f.read(cap + 1)
    if len(raw) > cap:
        raise ValueError(f"{path.name}: larger than {cap // 2**20} MiB")
    return raw


def _tariffs_import(ctx: _Ctx, a: argparse.Namespace) -> int:
    path = Path(a.file)
    try:
        table_in = tariff_from_bytes(_read_capped(path, MAX_TARIFF_BYTES))
    except ValueError as e:
        raise ValueError(f"{path.name}: {e}") from None
    data = table_in.to_dict()  # checked, in our form
    table = reference.import_tariff(ctx.engine, ctx.secrets, utc_now, data)
    print(f"tariff {table.version} for origin {table.origin_district}: "
          f"{len(table.rates)} destinations, signed")
    return 0


def _points_import(ctx: _Ctx, a: argparse.Namespace) -> int:
    path = Path(a.file)
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8") as f:
            rows: list[dict[str, Any]] = list(csv.DictReader(f))
    else:
        try:
            rows = parse_json(_read_capped(path, MAX_BYTES), field="file", name=path.name)
        except ValidationError as e:
            raise ValueError(f"{path.name}: {e.problems[0][1]}") from None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValueError(f"{path.name}: must be a JSON list of service points (objects)")
    n = reference.import_service_points(ctx.engine, rows)
    print(f"{n} service points imported")
    return 0


def _devices_list(ctx: _Ctx, a: argparse.Namespace) -> int:
    from sqlalchemy import select

    from .audit_watch import flag
    from .models import Device

    with ctx.engine.connect() as conn:
        rows = conn.execute(select(Device.__table__).order_by(Device.outlet,
                                                               Device.terminal)).all()
    if a.json:
        json.dump([dict(r._mapping) for r in rows], sys.stdout, indent=2)
        print()
        return 0
    for r in rows:
        print(f"{r.id}  outlet {r.outlet}/{r.terminal}  {r.status:8} last seen "
              f"{(r.last_seen or '-')[:16]}  clock {r.last_skew_s or 0:+d} s"
              + flag(r.audit_alert)
              + (f"\n    ALERT: {r.audit_alert}" if r.audit_alert else ""))
    return 0


def _devices_revoke(ctx: _Ctx, a: argparse.Namespace) -> int:
    if not revoke(ctx.engine, utc_now, a.device_id):
        print(f"outlet-pos-central: no device {a.device_id}", file=sys.stderr)
        return 2
    print(f"device {a.device_id} revoked")
    return 0


def contract() -> dict[str, Any]:
    """The OpenAPI document of the sync API (no database or keys needed to describe it)."""
    from .app import create_app

    engine = make_engine("sqlite://")
    try:
        return create_app(engine, ServerSecrets(bytes(32), bytes(32))).openapi()
    finally:
        engine.dispose()


def _openapi(_ctx: _Ctx | None, a: argparse.Namespace) -> int:
    doc = contract()
    text = json.dumps(doc, indent=2, sort_keys=True) + "\n"
    if a.out:
        Path(a.out).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=os.environ.get("OUTLET_POS_CENTRAL_DB", DEFAULT_DB),
                        help="SQLAlchemy URL: sqlite:///central.db or "
                        "postgresql+psycopg://user@host/db")
    common.add_argument("--secrets", help="the servers' shared key file (default: beside a "
                        "SQLite database; required for PostgreSQL)")
    p = argparse.ArgumentParser(prog="outlet-pos-central",
                                description="Outlet POS central server and its admin tools.")
    p.add_argument("--version", action="version", version=f"outlet-pos-central {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", parents=[common], help="serve the /v1 sync API")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8443)
    s.add_argument("--tls-cert")
    s.add_argument("--tls-key")
    from .limits import Limits

    d = Limits()
    s.add_argument("--max-upload-bytes", type=int, default=d.upload_bytes,
                   help="largest /v1/events body as sent, usually gzip (413 beyond)")
    s.add_argument("--max-inflated-bytes", type=int, default=d.inflated_bytes,
                   help="largest /v1/events body once gunzipped (413 beyond)")
    s.add_argument("--max-other-bytes", type=int, default=d.other_bytes,
                   help="largest body of any other route (413 beyond)")
    s.add_argument("--max-inflight-bytes", type=int, default=d.inflight_bytes,
                   help="bodies being read at once, all requests together (503 beyond)")
    s.add_argument("--enroll-attempts", type=int, default=d.enroll_attempts,
                   help="enrollment attempts per client address per --enroll-window")
    s.add_argument("--enroll-window", type=float, default=d.enroll_window_s,
                   help="seconds over which --enroll-attempts refill (429 beyond)")
    serving.add_options(s)  # admission control, metrics, logs, draining
    s.set_defaults(func=_serve)

    o = sub.add_parser("outlets", help="outlets and their enrollment").add_subparsers(
        dest="sub", required=True)
    add = o.add_parser("add", parents=[common], help="add an outlet, print an enrollment code")
    add.add_argument("--number", type=int, required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--origin-district", help="district code the outlet ships from")
    add.add_argument("--timezone", default="Asia/Jakarta")
    add.add_argument("--provisioning-file", help="also write offline credentials to this file")
    add.add_argument("--terminal", type=int, default=1, help="terminal of the provisioning file")
    add.add_argument("--server-url", default="https://127.0.0.1:8443",
                     help="server address written into the provisioning file")
    add.add_argument("--ca", help="CA certificate (PEM) written into the provisioning file")
    add.set_defaults(func=_outlets_add)

    admin_cmds.add_commands(sub, common)  # shipments, audit, keys, retention
    register_db(sub)  # db current | upgrade
    register_operators(sub, common)  # operators add | disable | list (the fleet page)
    register_fleet(sub, common)  # fleet status
    register_prebookings(sub, common)  # app-clients add | disable | list; prebook FILE

    tr = sub.add_parser("tracking", help="tracking history").add_subparsers(
        dest="sub", required=True)
    ta = tr.add_parser("add", parents=[common])
    ta.add_argument("waybill")
    ta.add_argument("--status", required=True, help=", ".join(reference.TRACKING_CODES))
    ta.add_argument("--note")
    ta.add_argument("--location")
    ta.set_defaults(func=_tracking_add)

    tf = sub.add_parser("tariffs", help="tariff tables").add_subparsers(dest="sub", required=True)
    ti = tf.add_parser("import", parents=[common], help="check, sign and publish a table")
    ti.add_argument("file")
    ti.set_defaults(func=_tariffs_import)

    sp = sub.add_parser("service-points", help="outlets and drop points").add_subparsers(
        dest="sub", required=True)
    si = sp.add_parser("import", parents=[common], help="CSV or JSON rows: code, kind, name, "
                       "address, district_code, city, phone, hours, active")
    si.add_argument("file")
    si.set_defaults(func=_points_import)

    dv = sub.add_parser("devices", help="enrolled terminals").add_subparsers(
        dest="sub", required=True)
    dl = dv.add_parser("list", parents=[common], help="devices, last contact, audit alerts")
    dl.add_argument("--json", action="store_true")
    dl.set_defaults(func=_devices_list)
    rv = dv.add_parser("revoke", parents=[common])
    rv.add_argument("device_id")
    rv.set_defaults(func=_devices_revoke)

    oa = sub.add_parser("openapi", help="print the OpenAPI document (the sync contract)")
    oa.add_argument("--out")
    oa.set_defaults(func=_openapi)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(_Ctx(args) if hasattr(args, "db") else None, args))
    except (ValueError, AuthError) as e:
        print(f"outlet-pos-central: {getattr(e, 'message', e)}", file=sys.stderr)
        return 2
    except (SecretsError, OSError, SchemaTooNew) as e:
        print(f"outlet-pos-central: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
