"""``close-day``: the end-of-day closing of this terminal, counted cash against expected."""

from __future__ import annotations

import argparse
from datetime import date

from ..bootstrap import App
from ..domain.money import check_rupiah, format_rupiah, rupiah_digits
from ..i18n import tr
from .common import EXIT_OK, emit_json, login, with_app


def cmd_close_day(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        day = date.fromisoformat(args.date) if args.date else None
        counted = check_rupiah("counted_cash", rupiah_digits(args.counted_cash))
        c = app.closing.close_day(session, counted, day)
        if args.json:
            emit_json({**c.__dict__, "difference": c.difference})
            return EXIT_OK
        print(tr("closing {n} of {day}: {count} shipments ({void} void), revenue {revenue}",
                 n=str(c.sequence), day=c.business_date.isoformat(), count=c.shipments,
                 void=c.voided, revenue=format_rupiah(c.revenue)))
        print(tr("cash expected {expected}, counted {counted}, difference {diff}",
                 expected=format_rupiah(c.cash_expected), counted=format_rupiah(c.cash_counted),
                 diff=format_rupiah(c.difference)))
        print(tr("queued for the central server"))
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    p = sub.add_parser("close-day", parents=[common, auth],
                       help="end-of-day closing of this terminal (manager)")
    p.add_argument("--counted-cash", required=True, help="cash in the drawer, whole rupiah")
    p.add_argument("--date", help="business date YYYY-MM-DD (default today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_close_day)
