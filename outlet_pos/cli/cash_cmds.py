"""``cash``: the drawer's cash outside sales — the opening float, cash in and out with a
reason, the day's list — and ``cash carry-over``, which lets the next business day open
while an earlier one is still not closed (a manager's decision, audited)."""

from __future__ import annotations

import argparse

from ..bootstrap import App
from ..domain.errors import ValidationError
from ..domain.money import format_rupiah, rupiah_digits
from ..domain.records import Movement
from ..i18n import Msg, tr
from .common import EXIT_OK, emit_json, login, parse_day, with_app


def _kind(kind: str) -> str:
    return {"float": tr("Opening float"), "in": tr("Cash in"), "out": tr("Cash out")}[kind]


def _describe(m: Movement) -> str:
    return tr("{time} {kind} {amount} by {user}", time=f"{m.at:%H:%M}", kind=_kind(m.kind),
              amount=format_rupiah(m.amount), user=m.by)


def cmd_cash_record(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        m = app.cash.record(session, args.kind, rupiah_digits(args.amount),
                            getattr(args, "reason", None))
        print(tr("recorded: {what}", what=_describe(m)))
        return EXIT_OK

    return with_app(args, run)


def cmd_cash_list(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        day = app.cash.day(session, parse_day(args.date) if args.date else None)
        if args.json:
            emit_json({"business_date": day.business_date.isoformat(), "float": day.float,
                       "cash_in": day.cash_in, "cash_out": day.cash_out,
                       "movements": [{"kind": m.kind, "amount": m.amount,
                                      "at": m.at.isoformat(), "by": m.by}
                                     for m in day.movements]})
            return EXIT_OK
        for m in day.movements:
            print(_describe(m) + (f" — {m.reason}" if m.reason else ""))
        print(tr("float {float}, cash in {cin}, cash out {cout}", float=format_rupiah(day.float),
                 cin=format_rupiah(day.cash_in), cout=format_rupiah(day.cash_out)))
        return EXIT_OK

    return with_app(args, run)


def cmd_carry_over(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        day = parse_day(args.date)
        if day is None:  # an empty argument: "today" is no answer for which day to carry
            raise ValidationError(("date", Msg("must be a date like 2026-11-25")))
        app.cash.carry_over(session, day, args.reason)
        print(tr("{day} carried over: the next day opens; close {day} before closing the "
                 "next one", day=day.isoformat()))
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    cash = sub.add_parser("cash", help="the drawer's float, cash in and out, carry-over")
    csub = cash.add_subparsers(dest="cash_command", required=True)
    p = csub.add_parser("float", parents=[common, auth],
                        help="the day's opening float (once a day)")
    p.add_argument("amount", help="whole rupiah, e.g. 200000 or 200.000")
    p.set_defaults(func=cmd_cash_record, kind="float")
    for kind, text in (("in", "cash put into the drawer"), ("out", "cash taken out")):
        p = csub.add_parser(kind, parents=[common, auth], help=f"{text}, with a reason")
        p.add_argument("amount", help="whole rupiah")
        p.add_argument("--reason", required=True, help="why, in a few words")
        p.set_defaults(func=cmd_cash_record, kind=kind)
    p = csub.add_parser("list", parents=[common, auth], help="the day's cash movements")
    p.add_argument("--date", help="business date YYYY-MM-DD (default today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cash_list)
    p = csub.add_parser("carry-over", parents=[common, auth],
                        help="open the next day with this one not closed yet (manager)")
    p.add_argument("date", help="business date YYYY-MM-DD")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_carry_over)
