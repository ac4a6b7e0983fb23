"""``quote``, ``book``, ``shipments list|show`` and ``customer find``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from ..bootstrap import App
from ..domain.errors import DomainError, ValidationError
from ..domain.json_input import MAX_BYTES, parse_json
from ..domain.money import format_rupiah
from ..domain.party import Party
from ..domain.shipment import parse_dims, parse_parcel, parse_weight_g
from ..domain.waybill import format_waybill
from ..i18n import Msg, tr
from ..services.booking import DuplicateBooking
from .common import EXIT_OK, emit_json, login, with_app


def _quote_parcel(args: argparse.Namespace) -> Any:
    length, width, height = parse_dims(args.dims, "dims")
    return parse_parcel({
        "weight_g": parse_weight_g(args.weight, "weight"), "length_cm": length,
        "width_cm": width, "height_cm": height, "pieces": args.pieces,
        "declared_value": args.declared_value,
        "insured": args.declared_value > 0 and not args.no_insurance,
        "cod_amount": args.cod, "packing": args.packing,
    }, for_quote=True)


def cmd_quote(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        parcel = _quote_parcel(args)
        district = args.dest_district or app.booking.destination_district(args.dest_postal_code)
        quotes = app.booking.quote(parcel, district, args.service)
        if args.json:
            emit_json({"destination": district,
                       "destination_name": app.directory.district_name(district),
                       "quotes": [q.to_dict() for q in quotes]})
            return EXIT_OK
        print(tr("To {place} ({code})", place=app.directory.district_name(district),
                 code=district))
        for q in quotes:
            print(f"\n{q.service:4} {q.service_name}: {format_rupiah(q.total)}  " + tr(
                "(arrives by {date}, {lo}-{hi} working days)", date=q.eta_date.isoformat(),
                lo=q.eta_min_days, hi=q.eta_max_days))
            print("     " + tr("chargeable {kg} kg (actual {actual} g, volumetric {vol} g)",
                             kg=q.chargeable_kg, actual=q.actual_weight_g,
                             vol=q.volumetric_weight_g))
            for line in q.lines:
                print(f"     {line.label:28} {format_rupiah(line.amount):>14}")
        return EXIT_OK

    return with_app(args, run)


def _read_orders(source: str) -> list[Any]:
    name = tr("standard input") if source == "-" else source
    try:
        if source == "-":
            stdin = getattr(sys.stdin, "buffer", None)  # a test's StringIO has none
            raw = stdin.read(MAX_BYTES + 1) if stdin is not None else \
                sys.stdin.read(MAX_BYTES + 1).encode("utf-8")
        else:
            with open(source, "rb") as f:  # read no more than the cap, whatever the file
                raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ValidationError(("json", Msg("file not found: {path}", path=source))) from None
    except IsADirectoryError:
        raise ValidationError(("json", Msg("{path} is a folder, not a file",
                                           path=source))) from None
    if len(raw) > MAX_BYTES:
        raise ValidationError(("json", Msg("{file} is larger than {mb} MB; split the orders "
                                           "into smaller files", file=name,
                                           mb=MAX_BYTES // (1024 * 1024))))
    data = parse_json(raw, field="json", name=name)
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ValidationError(("json", Msg("holds no shipment")))
    return items


def cmd_book(args: argparse.Namespace) -> int:
    if args.json == "-" and args.password_stdin:
        raise ValidationError(("password_stdin",
                               Msg("cannot share standard input with --json -")))

    def run(app: App) -> int:
        items = _read_orders(args.json)
        session = login(app, args)
        try:
            bookings = app.booking.book_many(session, items,
                                             allow_duplicate=args.allow_duplicate)
        except DuplicateBooking as e:  # the same JSON run twice: say so, book nothing
            raise DomainError(Msg(
                "nothing booked: the same sender, recipient and parcel were booked {minutes} "
                "min ago as waybill {waybill}; to book it again on purpose, add "
                "--allow-duplicate", minutes=e.minutes, waybill=format_waybill(e.waybill))
            ) from None
        if args.output == "json":
            emit_json([{"waybill": b.waybill, "shipment_id": b.shipment_id, "total": b.total,
                        "change": b.change, "service": b.quote.service,
                        "eta_date": b.quote.eta_date.isoformat()} for b in bookings])
        else:
            for b in bookings:
                print(f"{b.waybill}  {b.quote.service}  {format_rupiah(b.total)}  " + tr(
                    "change {change}  arrives by {date}", change=format_rupiah(b.change),
                    date=b.quote.eta_date.isoformat()))
        return EXIT_OK

    return with_app(args, run)


def cmd_list(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        day = _day(args.date) if args.date else app.today()
        rows = app.shipments.list_day(session, day)
        if args.json:
            emit_json(rows)  # dataclasses: emit_json writes their fields
            return EXIT_OK
        print(tr("{n} shipments on {day}", n=len(rows), day=day.isoformat()))
        for r in rows:
            local = app.outlet.local(r.booked_at)
            print(f"{r.waybill}  {local:%H:%M}  {r.service:4} {r.chargeable_kg:>4} kg  "
                  f"{format_rupiah(r.total):>12}  {r.payment_method:8} {r.status:6} "
                  f"{tr('synced') if r.synced else tr('queued')}  {r.clerk}")
        return EXIT_OK

    return with_app(args, run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(("date", Msg("must be YYYY-MM-DD, e.g. 2026-11-25"))) from None


def _party_lines(p: Party | None) -> list[str]:
    if p is None:
        return [tr("(personal data removed after the retention period)")]
    return [p.name, p.phone, *( [p.email] if p.email else []), *p.address.lines(),
            *([tr("Loyalty card no. {card}", card=p.loyalty_card)] if p.loyalty_card else [])]


def cmd_show(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        s = app.shipments.show(session, args.waybill)
        if args.json:
            emit_json(s)
            return EXIT_OK
        print(tr("Waybill {waybill}  [{status}]", waybill=format_waybill(s.waybill),
                 status=tr(s.status)) + (f"  {tr('void')}: {s.void_reason}" if s.void_reason
                                         else ""))
        print(tr("Booked {when} by {clerk}; service {service}; arrives by {date}",
                 when=f"{app.outlet.local(s.booked_at):%Y-%m-%d %H:%M %Z}", clerk=s.clerk,
                 service=s.service, date=s.eta_date.isoformat()))
        for title, party in ((tr("Sender"), s.sender), (tr("Recipient"), s.recipient)):
            print(f"{title}:")
            for line in _party_lines(party):
                print(f"  {line}")
        print(tr("Parcel: {pieces} pc, {grams} g, {dims} cm, chargeable {kg} kg; {what}",
                 pieces=s.pieces, grams=s.weight_g, dims="x".join(map(str, s.dims_cm)),
                 kg=s.chargeable_kg, what=s.description or ""))
        if s.scale_weight_g is not None:  # a scale reading was on screen (domain/weighing.py)
            print("  " + (tr("weighed on the scale: {grams} g", grams=s.scale_weight_g)
                          if s.weight_source == "scale" else
                          tr("typed over the scale's {grams} g; reason: {reason}",
                             grams=s.scale_weight_g, reason=s.override_reason or "-")))
        for _code, label, amount in s.lines:
            print(f"  {label:28} {format_rupiah(amount):>14}")
        print(f"  {tr('Total'):28} {format_rupiah(s.total):>14}   "
              + tr("paid by {method}", method=s.payment_method))
        return EXIT_OK

    return with_app(args, run)


def cmd_customer_find(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        matches = app.shipments.find_customer(session, args.phone)
        if args.json:
            emit_json([{"name": m.party.name, "phone": m.party.phone, "email": m.party.email,
                        "loyalty_card": m.party.loyalty_card,
                        "address": m.party.address.to_dict(), "last_used": m.last_used,
                        "as": m.as_role, "times": m.times} for m in matches])
            return EXIT_OK
        if not matches:
            print(tr("No customer with that phone number."))
        for i, m in enumerate(matches, 1):
            print(f"{i}. {m.party.name} — " + tr(
                "last {role} on {day}, {n}×", role=tr(m.as_role),
                day=f"{m.last_used:%Y-%m-%d}", n=m.times))
            for line in m.party.address.lines():
                print(f"   {line}")
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    p = sub.add_parser("quote", parents=[common], help="price a parcel for every service")
    dest = p.add_mutually_exclusive_group(required=True)
    dest.add_argument("--dest-postal-code")
    dest.add_argument("--dest-district", help="Kemendagri district code, e.g. 32.73.02")
    p.add_argument("--weight", required=True, help="kilograms, e.g. 1.31")
    p.add_argument("--dims", required=True, help="LxWxH in cm, e.g. 30x20x10")
    p.add_argument("--pieces", type=int, default=1)
    p.add_argument("--service")
    p.add_argument("--declared-value", type=int, default=0, help="rupiah; insures the parcel")
    p.add_argument("--no-insurance", action="store_true")
    p.add_argument("--cod", type=int, default=0, help="cash-on-delivery amount in rupiah")
    p.add_argument("--packing", default="none", choices=["none", "bubble", "wood"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_quote)

    p = sub.add_parser("book", parents=[common, auth],
                       help="book shipments from JSON (see examples/shipment.json; the "
                            "sender may have a \"loyalty_card\")")
    p.add_argument("--json", required=True, metavar="FILE|-",
                   help="a shipment or a list of them; - reads standard input")
    p.add_argument("--output", choices=["text", "json"], default="text")
    p.add_argument("--allow-duplicate", action="store_true",
                   help="book even if the same sender, recipient and parcel were booked "
                        "in the last minutes (otherwise refused)")
    p.set_defaults(func=cmd_book)

    ships = sub.add_parser("shipments", help="list or show shipments").add_subparsers(
        dest="ship_cmd", required=True)
    p = ships.add_parser("list", parents=[common, auth],
                         help="a day's shipments (no personal data)")
    p.add_argument("--date", help="YYYY-MM-DD, default today at the outlet")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = ships.add_parser("show", parents=[common, auth], help="one shipment in full (audited)")
    p.add_argument("waybill")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    cust = sub.add_parser("customer", help="find repeat customers").add_subparsers(
        dest="cust_cmd", required=True)
    p = cust.add_parser("find", parents=[common, auth], help="by phone number (audited)")
    p.add_argument("phone")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_customer_find)

