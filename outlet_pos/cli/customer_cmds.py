"""``customer shipments|copy|correct|erase``: a customer's requests under UU PDP.

A manager's commands, through the same service as the window
(``services/customer_requests.py``); each is audited with ``--reference`` (the letter's
number or the ticket), which is encrypted in the audit like any typed text:

    outlet-pos customer shipments --phone 0812... --user manajer
    outlet-pos customer copy --phone 0812... --reference "Surat 12/XII" --out salinan.pdf
    outlet-pos customer correct --waybill W --field recipient.street --value - --reference R
    outlet-pos customer erase --phone 0812... --reference R

``--value -`` reads the new value from standard input (after the password with
``--password-stdin``), so it does not stay in the shell's history. They join the
``customer`` command of shipment_cmds.py (``customer find``, the counter's repeat-customer
look-up), which is why this module finds that parser instead of adding its own.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..bootstrap import App
from ..domain.customer_requests import HOLD_WORDS, CustomerShipment
from ..domain.money import format_rupiah
from ..i18n import tr
from .common import EXIT_OK, STDIN, emit_json, login, with_app


def _holds(s: CustomerShipment) -> str:
    return "; ".join(tr(HOLD_WORDS[h]) for h in s.holds) or tr("no hold: may be erased")


def cmd_shipments(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        found = app.customer_requests.find(login(app, args), args.phone)
        if args.json:
            emit_json([{"waybill": s.record.waybill, "booked_at": s.record.booked_at,
                        "as": list(s.roles), "status": s.record.status,
                        "tracking": s.facts.tracking_status, "total": s.record.total,
                        "holds": [h.value for h in s.holds]} for s in found])
            return EXIT_OK
        if not found:
            print(tr("No shipment with that phone number."))
        for s in found:
            print(f"{s.record.waybill}  {s.record.booked_at:%Y-%m-%d}  "
                  f"{'/'.join(tr(r) for r in s.roles)}  {format_rupiah(s.record.total)}  "
                  f"{s.facts.tracking_status or tr(s.record.status)}")
            print(f"    {_holds(s)}")
        return EXIT_OK

    return with_app(args, run)


def cmd_copy(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        n = app.customer_requests.copy(session, args.phone, args.reference, Path(args.out))
        print(tr("Copy written to {path}: {n} shipments.", path=args.out, n=n))
        return EXIT_OK

    return with_app(args, run)


def cmd_correct(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        value = STDIN.line("value") if args.value == "-" else args.value
        app.customer_requests.correct(session, args.waybill, args.field, value,
                                      args.reference)
        print(tr("Corrected {field} of {waybill}; the server is told at the next sync.",
                 field=args.field, waybill=args.waybill))
        return EXIT_OK

    return with_app(args, run)


def cmd_erase(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        result = app.customer_requests.erase(login(app, args), args.phone, args.reference)
        print(tr("Erased: {n} shipments; the server is told at the next sync.",
                 n=len(result.erased)))
        for waybill in result.erased:
            print(f"    {waybill}")
        if result.held:
            print(tr("Kept, a legal hold applies: {n} shipments.", n=len(result.held)))
            for waybill, holds in result.held:
                print(f"    {waybill}  " + "; ".join(tr(HOLD_WORDS[h]) for h in holds))
        if not result.wal_cleared:
            print(tr("Another program held the database: the erased pages leave its log "
                     "when it closes."))
        return EXIT_OK

    return with_app(args, run)


def _customer_commands(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    parser = sub.choices["customer"]  # made by shipment_cmds.register
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("the customer command has no subcommands")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    cust = _customer_commands(sub)
    ref_help = "the request's reference, e.g. the letter's number (audited, encrypted)"
    p = cust.add_parser("shipments", parents=[common, auth],
                        help="a customer's shipments here and what holds their data (manager)")
    p.add_argument("--phone", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_shipments)
    p = cust.add_parser("copy", parents=[common, auth],
                        help="a PDF of everything stored about a customer (manager)")
    p.add_argument("--phone", required=True)
    p.add_argument("--reference", required=True, help=ref_help)
    p.add_argument("--out", required=True, help="the PDF, never inside the data directory")
    p.set_defaults(func=cmd_copy)
    p = cust.add_parser("correct", parents=[common, auth],
                        help="correct a name, phone, e-mail or street on a parcel on its "
                             "way (manager)")
    p.add_argument("--waybill", required=True)
    p.add_argument("--field", required=True, help="e.g. recipient.street, sender.name")
    p.add_argument("--value", required=True, help="the new value; - reads standard input")
    p.add_argument("--reference", required=True, help=ref_help)
    p.set_defaults(func=cmd_correct)
    p = cust.add_parser("erase", parents=[common, auth],
                        help="erase a customer's data where no legal hold applies (manager)")
    p.add_argument("--phone", required=True)
    p.add_argument("--reference", required=True, help=ref_help)
    p.set_defaults(func=cmd_erase)
