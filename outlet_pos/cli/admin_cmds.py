"""``keys rotate``, ``audit verify``, ``audit list`` and ``retention run``."""

from __future__ import annotations

import argparse

from ..bootstrap import App
from ..i18n import tr
from .common import EXIT_FAIL, EXIT_OK, emit_json, login, with_app


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        new_id = app.admin.rotate_keys(login(app, args))
        print(tr("New master key {key} is in use; every data key was re-wrapped and a new "
                 "data key started for this month.", key=new_id))
        return EXIT_OK

    return with_app(args, run)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        report = app.admin.verify_audit(login(app, args))
        if args.json:
            emit_json(report)
        elif report.ok:
            print(tr("Audit log intact: {rows} rows, head {head}…", rows=report.rows,
                     head=report.head[:16]))
        elif report.first_broken is None:  # the chain holds; a user record does not
            print(tr("Audit log BROKEN: {reason}. Keep this database as evidence and call "
                     "support.", reason=tr(report.reason)))
        else:
            print(tr("Audit log BROKEN at row {row}: {reason}. Keep this database as evidence "
                     "and call support.", row=report.first_broken, reason=tr(report.reason)))
        return EXIT_OK if report.ok else EXIT_FAIL

    return with_app(args, run)


def cmd_audit_list(args: argparse.Namespace) -> int:
    """The audit rows, typed text decrypted (masked for a technician), newest last."""
    def run(app: App) -> int:
        rows = app.admin.audit_entries(login(app, args), args.action, args.limit)
        if args.json:
            emit_json(rows)
            return EXIT_OK
        for r in rows:
            details = " ".join(f"{k}={v}" for k, v in sorted(r["details"].items()))
            gone = f" {tr('(personal data removed after the retention period)')}" \
                if r["shredded"] else ""
            print(f"{r['seq']:>6}  {r['at'][:19]}  {r['actor'] or '-'}  {r['action']}  "
                  f"{r['subject'] or ''}  {details}{gone}".rstrip())
        return EXIT_OK

    return with_app(args, run)


def cmd_retention_run(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        days = args.days or app.settings.retention_days
        r = app.admin.run_retention(login(app, args), days)
        print(tr("Personal data older than {days} days: {shredded} shipments shredded, {held} "
                 "kept until they reach the server, {keys} period keys destroyed, {events} "
                 "sent events cleared.", days=days, shredded=r.shipments_shredded,
                 held=r.held_unsynced, keys=r.keys_destroyed, events=r.outbox_payloads_cleared))
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    keys = sub.add_parser("keys", help="encryption keys").add_subparsers(dest="keys_cmd",
                                                                         required=True)
    p = keys.add_parser("rotate", parents=[common, auth], help="new master key and data key")
    p.set_defaults(func=cmd_keys_rotate)

    audit = sub.add_parser("audit", help="the audit log").add_subparsers(dest="audit_cmd",
                                                                         required=True)
    p = audit.add_parser("verify", parents=[common, auth], help="check the hash chain")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit_verify)
    p = audit.add_parser("list", parents=[common, auth],
                         help="the rows, reasons decrypted (masked for a technician)")
    p.add_argument("--action", help="only rows of this action, e.g. shipment_voided")
    p.add_argument("--limit", type=int, help="only the newest N rows")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit_list)

    ret = sub.add_parser("retention", help="destroy old personal data").add_subparsers(
        dest="ret_cmd", required=True)
    p = ret.add_parser("run", parents=[common, auth],
                       help="shred personal data of synced shipments past the retention period")
    p.add_argument("--days", type=int, help="default 90 (OUTLET_POS_RETENTION_DAYS)")
    p.set_defaults(func=cmd_retention_run)
