"""The admin commands that touch personal data or its keys: ``shipments list``,
``audit list``, ``keys rotate|list|migrate`` and ``retention run``.

Output is masked unless ``--unmasked`` comes with ``--operator NAME --reason TEXT``; then
an audit row is written first (``admin_view``), and without both the command refuses
with exit 2 before it reads anything.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from . import admin_view, reference, retention
from .db import utc_now
from .keyring import Keyring
from .models import DataKey, Shipment
from .schema_cmds import register_prune

Handler = Callable[[Any, argparse.Namespace], int]


def _identity(a: argparse.Namespace) -> tuple[str, str] | None:
    """(operator, reason) when unmasked output is asked for; ValueError when not allowed."""
    if not a.unmasked:
        if a.operator or a.reason:
            raise ValueError("--operator and --reason go with --unmasked (the output is "
                             "masked without it)")
        return None
    return admin_view.check_identity(a.operator, a.reason)


def _party_line(body: dict[str, Any]) -> str:
    def one(p: Any) -> str:
        return f"{p.get('name')} {p.get('phone')}" if isinstance(p, dict) else "-"
    if body.get("shredded"):
        return "    (personal data shredded by retention)"
    return f"    {one(body.get('sender'))} -> {one(body.get('recipient'))}"


def shipments_list(ctx: Any, a: argparse.Namespace) -> int:
    who = _identity(a)
    rows = reference.shipments(ctx.engine, ctx.secrets, a.outlet, personal=True,
                               waybill=a.waybill, void_reason=True)
    if who is not None:
        scope = " ".join(f"{k} {v}" for k, v in (("outlet", a.outlet),
                                                  ("waybill", a.waybill)) if v) or "all"
        admin_view.record(ctx.engine, ctx.secrets, utc_now, who[0], who[1],
                          "shipments list", scope, [r["waybill"] for r in rows])
    else:
        rows = [admin_view.mask_shipment(r) for r in rows]
    if a.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in rows:
        print(f"{r['waybill']}  outlet {r['outlet']}/{r['terminal']}  {r['booked_at'][:16]}  "
              f"{r['service']:4} {r['quote']['total']:>10,}  {r['status']}".replace(",", "."))
        print(_party_line(r))
    print(f"{len(rows)} shipments")
    return 0


def audit_list(ctx: Any, a: argparse.Namespace) -> int:
    who = _identity(a)
    if who is not None:
        admin_view.record(ctx.engine, ctx.secrets, utc_now, who[0], who[1], "audit list",
                          "reasons", [])
    rows = admin_view.entries(ctx.engine, ctx.secrets, unmasked=who is not None)
    if a.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in rows:
        shown = ", ".join(r["waybills"][:5]) + (" …" if len(r["waybills"]) > 5 else "")
        print(f"{r['at'][:19]}  {r['operator']}  {r['command']} ({r['scope']}): "
              f"{r['records']} records {shown}\n    reason: {r['reason'] or '(shredded)'}")
    # The fleet page's log-ins, log-outs and refusals share the table with the decryptions.
    page = sum(1 for r in rows if str(r["command"]).startswith("fleet."))
    print(f"{len(rows)} entries: {len(rows) - page} decryptions, "
          f"{page} fleet page log-ins, log-outs and refusals")
    return 0


def keys_rotate(ctx: Any, a: argparse.Namespace) -> int:
    with ctx.engine.begin() as conn:
        done = Keyring(ctx.secrets).rotate(conn, utc_now(), a.period)
    print(f"new active data key for {', '.join(done)}; the keys before stay, retired, and "
          "still decrypt until retention shreds their month")
    return 0


def keys_list(ctx: Any, a: argparse.Namespace) -> int:
    _k, _s = DataKey.__table__, Shipment.__table__
    with ctx.engine.connect() as conn:
        keys = conn.execute(select(_k.c.id, _k.c.period, _k.c.generation, _k.c.state,
                                   _k.c.created_at, _k.c.destroyed_at)
                            .order_by(_k.c.period, _k.c.generation)).all()
        per_month: dict[str, int] = {}
        for day, n in conn.execute(select(_s.c.business_date, func.count())
                                   .group_by(_s.c.business_date)).all():
            per_month[day[:7]] = per_month.get(day[:7], 0) + n
    if a.json:
        json.dump([dict(r._mapping) for r in keys], sys.stdout, indent=2)
        print()
        return 0
    for r in keys:
        if r.state == "destroyed" and r.created_at == r.destroyed_at:
            print(f"{r.period}  retention horizon (months up to here are shredded; no key)")
            continue
        print(f"{r.period}  key {r.id} (generation {r.generation})  {r.state:9}  "
              f"created {r.created_at[:10]}"
              + (f"  destroyed {r.destroyed_at[:10]}" if r.destroyed_at else "")
              + f"  shipments of the month: {per_month.get(r.period, 0)}")
    print(f"{len(keys)} data keys")
    return 0


def keys_migrate(ctx: Any, a: argparse.Namespace) -> int:
    done = retention.reseal(ctx.engine, ctx.secrets, utc_now)
    print(f"sealed under per-month keys: {done.shipments} shipments, {done.closings} "
          f"closings, {done.tracking_notes} tracking notes (rows already sealed so are left "
          "alone)")
    if ctx.engine.dialect.name == "postgresql" and (done.shipments or done.closings
                                                    or done.tracking_notes):
        print("PostgreSQL keeps the old row versions until they are vacuumed: run "
              "VACUUM FULL shipments, day_closings, tracking in a quiet hour (it locks them)")
    return 0


def retention_run(ctx: Any, a: argparse.Namespace) -> int:
    months = retention.default_months() if a.months is None else a.months
    r = retention.run(ctx.engine, utc_now, months)
    print(f"retention {months} months: kept from {r.kept_from}; months shredded now: "
          f"{', '.join(r.periods) or 'none'}\n"
          f"keys destroyed: {r.keys_destroyed}\nshipments shredded: {r.shipments}\n"
          f"closings shredded: {r.closings}\ntracking notes shredded: {r.tracking_notes}\n"
          f"audit reasons shredded: {r.audit_reasons}")
    return 0


def _who(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unmasked", action="store_true",
                   help="personal data in clear (needs --operator and --reason; audited)")
    p.add_argument("--operator", help="your name, recorded with the decryption")
    p.add_argument("--reason", help="why (e.g. the legal request's number), recorded "
                   "encrypted with the decryption")


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    sh = sub.add_parser("shipments", help="received shipments").add_subparsers(
        dest="sub", required=True)
    ls = sh.add_parser("list", parents=[common], help="shipments, personal data masked")
    ls.add_argument("--outlet", type=int)
    ls.add_argument("--waybill")
    ls.add_argument("--json", action="store_true", help="whole records (masked by default)")
    _who(ls)
    ls.set_defaults(func=shipments_list)

    au = sub.add_parser("audit", help="who decrypted personal data, when and why"
                        ).add_subparsers(dest="sub", required=True)
    al = au.add_parser("list", parents=[common], help="the decryptions (reasons masked)")
    al.add_argument("--json", action="store_true")
    _who(al)
    al.set_defaults(func=audit_list)

    ks = sub.add_parser("keys", help="the per-month data keys").add_subparsers(
        dest="sub", required=True)
    kr = ks.add_parser("rotate", parents=[common], help="a new active key (every live month, "
                       "or --period YYYY-MM)")
    kr.add_argument("--period")
    kr.set_defaults(func=keys_rotate)
    kl = ks.add_parser("list", parents=[common], help="keys by month and their state")
    kl.add_argument("--json", action="store_true")
    kl.set_defaults(func=keys_list)
    km = ks.add_parser("migrate", parents=[common], help="seal rows stored before per-month "
                       "keys (run once after upgrading)")
    km.set_defaults(func=keys_migrate)

    rt = sub.add_parser("retention", help="crypto-shred months past the retention period"
                        ).add_subparsers(dest="sub", required=True)
    rr = rt.add_parser("run", parents=[common], help="destroy the keys and personal data of "
                       "months older than --months (idempotent)")
    rr.add_argument("--months", type=int, help=f"months kept (default: "
                    f"${retention.MONTHS_ENV} or {retention.DEFAULT_MONTHS})")
    rr.set_defaults(func=retention_run)
    register_prune(rt, common)  # retention prune
