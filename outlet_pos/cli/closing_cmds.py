"""``close-day``: the end-of-day closing of this terminal, counted cash against expected."""

from __future__ import annotations

import argparse
from datetime import date

from ..bootstrap import App
from ..domain.errors import ValidationError
from ..domain.money import format_rupiah
from ..i18n import Msg, tr
from .common import EXIT_OK, emit_json, login, with_app


def _rupiah(text: str) -> int:
    digits = text.replace(".", "").replace(",", "").replace("Rp", "").strip()
    if not digits.isdigit():
        raise ValidationError(("counted_cash", Msg("must be whole rupiah, e.g. 1250000")))
    return int(digits)


def cmd_close_day(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        day = date.fromisoformat(args.date) if args.date else None
        c = app.closing.close_day(session, _rupiah(args.counted_cash), day)
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
