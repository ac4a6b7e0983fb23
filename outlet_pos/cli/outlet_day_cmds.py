"""``outlet-pos outlet-day [--date D] [--offline] [--json]``: the whole outlet's business day
(manager), as the Day review's "Outlet by terminal" tab shows it: this terminal's figures
from its own database, the other terminals' as the central server last received them
(asked now, unless ``--offline``: then the answer kept from the last time), each with how
fresh it is, and the outlet's totals. Figures only: no waybill, name or typed text.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from ..bootstrap import App
from ..domain.money import format_rupiah
from ..domain.words import payment_name
from ..i18n import tr
from ..services.outlet_day import TerminalPart
from ..services.outlet_day_words import (
    NONE,
    closing_text,
    freshness_text,
    source_text,
    terminal_name,
)
from .common import EXIT_OK, emit_json, login, parse_day, with_app


def _line(name: str, count: int, void: int, revenue: int, cash: int, cod: int) -> str:
    return tr("{name}: {count} shipments ({void} void), revenue {revenue}, cash {cash}, "
              "COD {cod}", name=name, count=count, void=void, revenue=format_rupiah(revenue),
              cash=format_rupiah(cash), cod=format_rupiah(cod))


def _part(p: TerminalPart, app: App, now: datetime) -> str:
    fresh = freshness_text(p, now, app.outlet.timezone)
    if not p.known:
        return f"{terminal_name(p)}: {NONE}; {fresh}"
    figures = _line(terminal_name(p), p.shipments, p.voided, p.revenue, p.cash_sales,
                    p.cod_total)
    return f"{figures}; {closing_text(p)}; {fresh}"


def cmd_outlet_day(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        view = app.outlet_day.view(session, parse_day(args.date), ask_server=not args.offline)
        if args.json:
            emit_json(view)
            return EXIT_OK
        print(tr("Outlet {n}, {day}", n=app.outlet.number, day=view.day.isoformat()))
        print(source_text(view, False, app.outlet.timezone))
        for p in view.terminals:
            print("  " + _part(p, app, view.now))
        t = view.total
        print(_line(tr("Whole outlet"), t.shipments, t.voided, t.revenue, t.cash_sales,
                    t.cod_total) + "; " + tr("{closed} of {all} closed",
                                             closed=t.terminals_closed, all=t.terminals))
        for g in t.by_payment:
            print(f"  {payment_name(g.name):<20} {g.count:>6}  {format_rupiah(g.revenue):>16}")
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    p = sub.add_parser("outlet-day", parents=[common, auth],
                       help="the whole outlet's day, every terminal with how fresh (manager)")
    p.add_argument("--date", help="business date YYYY-MM-DD (default today)")
    p.add_argument("--offline", action="store_true",
                   help="do not ask the server: the other terminals as last fetched")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_outlet_day)
