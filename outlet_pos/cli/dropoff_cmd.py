"""``dropoff``: a pre-booked parcel at the counter from the command line, through the same
service as New shipment (services/dropoff.py): the QR's text or the booking code (``-``
reads it from standard input, after the password: the QR carries personal data, which a
command line would show to every process), the counter's weight, the payment for the
difference. ``--check`` prints the difference and books nothing."""

from __future__ import annotations

import argparse

from ..bootstrap import App
from ..domain.money import format_rupiah, rupiah_digits
from ..domain.shipment import parse_parcel, parse_weight_g
from ..i18n import tr
from ..services.dropoff import DropOffService
from . import common
from .common import EXIT_OK, emit_json, login, with_app


def cmd_dropoff(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        # "-": the line after the password (the QR is personal data, not for the arguments)
        text = common.STDIN.line("prebooking") if args.prebooking == "-" else args.prebooking
        drop = app.dropoff.read(session, text)
        data = DropOffService.order_data(drop)
        if args.weight is not None:
            data["parcel"]["weight_g"] = parse_weight_g(args.weight, "weight")
        if args.service:
            data["service"] = args.service.upper()
        payment: dict[str, object] = {"method": args.method}
        if args.method == "cash" and args.tendered:
            payment["tendered"] = int(rupiah_digits(args.tendered) or 0)
        elif args.method != "cash":
            payment["reference"] = args.reference
        data["payment"] = payment
        code, paid = drop.prebooked.code, drop.prebooked.paid
        if args.check:
            parcel = parse_parcel(data["parcel"])
            dest = app.booking.destination_district(
                data["recipient"]["address"].get("postal_code", ""))
            diff = app.dropoff.difference(drop, parcel, dest, data["service"])
        else:
            done = app.dropoff.book(session, data, drop, print_copies=args.print or ())
            diff = done.difference
        if args.json:
            out = {"code": code, "paid": paid, "total": diff.total, "difference": diff.due}
            if not args.check:
                out.update(waybill=done.booking.waybill, change=done.booking.change)
            emit_json(out)
            return EXIT_OK
        if not args.check:
            print(tr("booked {waybill} from pre-booking {code}", waybill=done.booking.waybill,
                     code=code))
        print(tr("total {total}, already paid {paid}", total=format_rupiah(diff.total),
                 paid=format_rupiah(paid)))
        print(tr("refund {amount} to the customer", amount=format_rupiah(diff.refund))
              if diff.refund else tr("take {amount}", amount=format_rupiah(diff.to_take)))
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    p = sub.add_parser("dropoff", parents=[common, auth],
                       help="book a parcel pre-booked in the courier's app (its QR or code)")
    p.add_argument("prebooking", help="the booking code, or - to read the QR's text (or the "
                                      "code) from standard input")
    p.add_argument("--weight", help="the counter's weight in kg (default: as declared)")
    p.add_argument("--service", help="another service than the one booked")
    p.add_argument("--method", default="cash", choices=("cash", "qris", "transfer", "card"),
                   help="how the difference is paid")
    p.add_argument("--tendered", help="cash handed over for the difference")
    p.add_argument("--reference", help="the non-cash payment's reference")
    p.add_argument("--print", nargs="*", choices=("label", "receipt", "outlet"),
                   help="copies to print")
    p.add_argument("--check", action="store_true", help="show the difference, book nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_dropoff)
