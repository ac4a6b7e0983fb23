"""``report daily``, ``report --from D --to D``, ``report weekly``, ``report monthly`` and
``void``: the manager's day and the accountant's period from the command line. Files
(PDF, CSV, XLSX) go through the one checked writer: never inside the data directory, 0600.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..bootstrap import App
from ..domain.day_figures import BY, DayFigures, PeriodReport, kg_text, month_of, week_of
from ..domain.errors import ValidationError
from ..domain.money import format_rupiah
from ..domain.waybill import format_waybill
from ..domain.words import payment_name
from ..i18n import Msg, get_language, tr
from ..reports.private_file import (
    CSV_SIGNATURE,
    ZIP_SIGNATURE,
    check_output,
    write_private,
    write_private_binary,
)
from ..services.reports import check_range
from .common import EXIT_OK, emit_json, login, login_with_password, parse_day, with_app


def _print_figures(f: DayFigures, label: str | None = None) -> None:
    print(tr("{day}: {count} shipments ({void} void), {pieces} pieces, {kg} kg, revenue "
             "{revenue}, cash {cash}, COD to collect {cod}", day=label or f.day.isoformat(),
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
        if args.xlsx:
            check_output(Path(args.xlsx), data_dir, "--xlsx", ZIP_SIGNATURE)
        session, password = login_with_password(app, args)
        day = parse_day(args.date)
        review = app.reports.review(session, day)
        if pdf is not None:
            app.reports.daily_pdf(session, pdf, review.day)
        if args.csv:
            n = _write_csv(app, session, args, password, review.day)
        if args.xlsx:
            _write_xlsx(app, session, args, review.day, review.day, "day")
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
                     id=format_waybill(r.waybill) if r.waybill else r.event_id,
                     reason=tr(r.reason), remedy=tr(r.remedy)))
        if args.pdf:
            print(tr("report written to {path}", path=args.pdf))
        if args.csv:
            print(tr("{n} rows written to {path}{masked}", n=str(n), path=args.csv,
                     masked="" if args.unmasked else tr(" (personal data masked)")))
        if args.xlsx:
            print(tr("spreadsheet written to {path}", path=args.xlsx))
        return EXIT_OK

    return with_app(args, run)


def _write_csv(app: App, session, args: argparse.Namespace, password: str, day: date,
               end: date | None = None) -> int:
    return write_private(Path(args.csv), lambda out: app.reports.export_csv(
        session, out, day, end=end, unmasked=args.unmasked, reason=args.reason,
        password=password), data_dir=app.settings.data_dir, option="--csv")


def _write_xlsx(app: App, session, args: argparse.Namespace, start: date, end: date,
                by: str) -> PeriodReport:
    # An XLSX file is a zip: an earlier export starts like one, anything else is refused.
    return write_private_binary(Path(args.xlsx), lambda out: app.reports.export_xlsx(
        session, out, start, end, by=by), data_dir=app.settings.data_dir, option="--xlsx",
        signature=ZIP_SIGNATURE)


def cmd_report_range(args: argparse.Namespace) -> int:
    """``report --from D --to D [--by week]``; ``report weekly``/``monthly`` set the range."""
    def run(app: App) -> int:
        if args.unmasked and not args.csv:
            raise ValidationError(("--unmasked", Msg(
                "applies to the CSV export: add --csv FILE")))
        start, end, by = _range(app, args)
        check_range(start, end, by, end_field="--to", by_field="--by")
        data_dir = app.settings.data_dir
        if args.csv:
            check_output(Path(args.csv), data_dir, "--csv", CSV_SIGNATURE)
        if args.xlsx:
            check_output(Path(args.xlsx), data_dir, "--xlsx", ZIP_SIGNATURE)
        session, password = login_with_password(app, args)
        report = app.reports.period(session, start, end, by)
        n = _write_csv(app, session, args, password, start, end) if args.csv else 0
        if args.xlsx:
            _write_xlsx(app, session, args, start, end, by)
        if args.json:
            emit_json(report)
            return EXIT_OK
        _print_period(report)
        if args.csv:
            print(tr("{n} rows written to {path}{masked}", n=str(n), path=args.csv,
                     masked="" if args.unmasked else tr(" (personal data masked)")))
        if args.xlsx:
            print(tr("spreadsheet written to {path}", path=args.xlsx))
        return EXIT_OK

    return with_app(args, run)


def _range(app: App, args: argparse.Namespace) -> tuple[date, date, str]:
    today = app.today()
    kind = getattr(args, "period", None)
    if kind == "week":
        return *week_of(parse_day(args.date) or today), "day"
    if kind == "month":
        return *month_of(_parse_month(args.month) or today), "day"
    if not args.from_ or not args.to:
        raise ValidationError(("--to" if args.from_ else "--from", Msg(
            "give the range: --from YYYY-MM-DD --to YYYY-MM-DD")))
    start, end = parse_day(args.from_, "--from"), parse_day(args.to, "--to")
    assert start is not None and end is not None
    return start, end, args.by


def _parse_month(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip() + "-01")
    except ValueError:
        raise ValidationError(("--month", Msg("must be a month like 2026-11"))) from None


def _print_period(report: PeriodReport) -> None:
    for b in report.buckets:
        f = b.figures
        print(tr("{label}: {count} shipments ({void} void), revenue {revenue}, cash {cash}, "
                 "COD {cod}", label=b.label, count=f.shipments, void=f.voided,
                 revenue=format_rupiah(f.revenue), cash=format_rupiah(f.cash_total),
                 cod=format_rupiah(f.cod_total)))
    print(tr("Total"))
    _print_figures(report.total, f"{report.start.isoformat()} – {report.end.isoformat()}")


def cmd_void(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        app.shipments.void(session, args.waybill, args.reason,
                           requested_by=args.requested_by)
        print(tr("{waybill} is void; a reprint will say VOID",
                 waybill=format_waybill(args.waybill.replace(" ", ""))))
        return EXIT_OK

    return with_app(args, run)


def _files(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--csv", metavar="FILE", help=f"{what} shipments as CSV (personal data "
                   "masked)")
    p.add_argument("--xlsx", metavar="FILE", help=f"{what} summary and shipments as an Excel "
                   "workbook (no personal data)")
    p.add_argument("--unmasked", action="store_true",
                   help="CSV with full personal data (needs --reason; audited)")
    p.add_argument("--reason", help="why the unmasked export is needed")
    p.add_argument("--json", action="store_true")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    top = sub.add_parser(
        "report", parents=[common, auth],
        help="reports: a day, a date range (--from D --to D), a week, a month (manager)",
        description="Without a subcommand: the range --from D --to D, by day, week or month.")
    top.add_argument("--from", dest="from_", metavar="DATE", help="first business date")
    top.add_argument("--to", metavar="DATE", help="last business date (at most a year on)")
    top.add_argument("--by", choices=BY, default="day", help="one line per day, ISO week "
                     "or month (default day)")
    _files(top, "the range's")
    top.set_defaults(func=cmd_report_range)
    rep = top.add_subparsers(dest="report_cmd")
    p = rep.add_parser("daily", parents=[common, auth],
                       help="the day's totals; --pdf, --csv and --xlsx write files (manager)")
    p.add_argument("--date", help="business date YYYY-MM-DD (default today)")
    p.add_argument("--pdf", metavar="FILE", help="the daily report as PDF, with charts")
    _files(p, "the day's")
    p.set_defaults(func=cmd_report_daily)
    p = rep.add_parser("weekly", parents=[common, auth],
                       help="a week's summary, Monday to Sunday, day by day (manager)")
    p.add_argument("--date", help="a date of the week (default today)")
    _files(p, "the week's")
    p.set_defaults(func=cmd_report_range, period="week", by="day")
    p = rep.add_parser("monthly", parents=[common, auth],
                       help="a month's summary, day by day (manager)")
    p.add_argument("--month", help="YYYY-MM (default this month)")
    _files(p, "the month's")
    p.set_defaults(func=cmd_report_range, period="month", by="day")
    p = sub.add_parser("void", parents=[common, auth],
                       help="void a waybill, with a reason (manager)")
    p.add_argument("waybill")
    p.add_argument("--reason", required=True)
    p.add_argument("--requested-by", metavar="USER", help="the clerk who asked, if not you")
    p.set_defaults(func=cmd_void)
