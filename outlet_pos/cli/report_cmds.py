"""``report daily`` and ``void``: the manager's day from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..bootstrap import App
from ..domain.errors import ValidationError
from ..domain.money import format_rupiah
from ..domain.waybill import format_waybill
from ..i18n import Msg, get_language, tr
from ..printing.words import payment_name
from ..reports.figures import DayFigures, kg_text
from ..reports.private_file import CSV_SIGNATURE, check_output, write_private
from .common import EXIT_OK, emit_json, login, login_with_password, parse_day, with_app


def _print_figures(f: DayFigures) -> None:
    print(tr("{day}: {count} shipments ({void} void), {pieces} pieces, {kg} kg, revenue "
             "{revenue}, cash {cash}, COD to collect {cod}", day=f.day.isoformat(),
             count=f.shipments, void=f.voided, pieces=f.pieces,
             kg=kg_text(f.weight_g, get_language()).removesuffix(" kg"),
             revenue=format_rupiah(f.revenue),
             cash=format_rupiah(f.cash_total), cod=format_rupiah(f.cod_total)))
    for title, groups, name in ((tr("By service"), f.by_service, str),
                                (tr("By payment method"), f.by_payment, payment_name),
                                (tr("By clerk"), f.by_clerk, str)):
        print(title)
        for g in groups:
            print(f"  {name(g.name):<20} {g.count:>6}  {format_rupiah(g.revenue):>16}")


def cmd_report_daily(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        if args.unmasked and not args.csv:
            raise ValidationError(("unmasked", Msg("applies to the CSV export: add --csv FILE")))
        # Checked before anything is done or audited: exit 2 naming the option.
        data_dir = app.settings.data_dir
        pdf = check_output(Path(args.pdf), data_dir, "--pdf") if args.pdf else None
        if args.csv:
            check_output(Path(args.csv), data_dir, "--csv", CSV_SIGNATURE)
        session, password = login_with_password(app, args)
        day = parse_day(args.date)
        review = app.reports.review(session, day)
        if pdf is not None:
            app.reports.daily_pdf(session, pdf, review.day)
        if args.csv:
            n = _write_csv(app, session, args, password, review.day)
        if args.json:
            emit_json({"figures": review.figures, "closing": review.closing,
                       "refused": [r.__dict__ for r in review.refused]})
            return EXIT_OK
        _print_figures(review.figures)
        if review.closing is not None:
            c = review.closing
            print(tr("closed: closing {n}, difference {diff}", n=str(c.sequence),
                     diff=format_rupiah(c.difference)))
        for r in review.refused:
            print(tr("refused by the server: {kind} {id}: {reason}. {remedy}", kind=r.kind,
                     id=r.event_id, reason=r.reason, remedy=tr(r.remedy)))
        if args.pdf:
            print(tr("report written to {path}", path=args.pdf))
        if args.csv:
            print(tr("{n} rows written to {path}{masked}", n=str(n), path=args.csv,
                     masked="" if args.unmasked else tr(" (personal data masked)")))
        return EXIT_OK

    return with_app(args, run)


def _write_csv(app: App, session, args: argparse.Namespace, password: str, day) -> int:
    return write_private(Path(args.csv), lambda out: app.reports.export_csv(
        session, out, day, unmasked=args.unmasked, reason=args.reason, password=password),
        data_dir=app.settings.data_dir, option="--csv")


def cmd_void(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        app.shipments.void(session, args.waybill, args.reason,
                           requested_by=args.requested_by)
        print(tr("{waybill} is void; a reprint will say VOID",
                 waybill=format_waybill(args.waybill.replace(" ", ""))))
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    rep = sub.add_parser("report", help="reports of the day").add_subparsers(
        dest="report_cmd", required=True)
    p = rep.add_parser("daily", parents=[common, auth],
                       help="the day's totals; --pdf and --csv write files (manager)")
    p.add_argument("--date", help="business date YYYY-MM-DD (default today)")
    p.add_argument("--pdf", metavar="FILE", help="the daily report as PDF, with charts")
    p.add_argument("--csv", metavar="FILE", help="the day's shipments as CSV")
    p.add_argument("--unmasked", action="store_true",
                   help="CSV with full personal data (needs --reason; audited)")
    p.add_argument("--reason", help="why the unmasked export is needed")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_report_daily)
    p = sub.add_parser("void", parents=[common, auth],
                       help="void a waybill, with a reason (manager)")
    p.add_argument("waybill")
    p.add_argument("--reason", required=True)
    p.add_argument("--requested-by", metavar="USER", help="the clerk who asked, if not you")
    p.set_defaults(func=cmd_void)
