"""``close-day`` and ``reopen-day``: the end-of-day closing of this terminal (the Z
report: counted cash against expected, by denomination if wished) and undoing it.

``close-day`` prints the Z report on the counter's printer like the window does (a
printer fault leaves the job for ``printer retry``; the closing stands), and with
``--pdf DIR`` saves the closing's PDF there (never inside the data directory)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..bootstrap import App
from ..domain.errors import ValidationError
from ..domain.money import check_rupiah, format_rupiah, rupiah_digits
from ..i18n import Msg, tr
from ..reports.private_file import refuse_inside
from ..services.closing import Closing
from .common import EXIT_OK, emit_json, login, parse_day, with_app


def parse_counts(values: list[str] | None) -> dict[int, int] | None:
    """``--count 100000x3 --count 500x12`` → {100000: 3, 500: 12}."""
    if not values:
        return None
    counts: dict[int, int] = {}
    for v in values:
        face, _, n = v.lower().replace("×", "x").partition("x")
        face, n = rupiah_digits(face), n.strip()
        if not face.isdecimal() or not n.isdecimal():
            raise ValidationError(("count", Msg(
                "{value} is not NOTExCOUNT, e.g. 100000x3 for three Rp 100.000 notes",
                value=v)))
        counts[int(face)] = counts.get(int(face), 0) + int(n)
    return counts


def print_closing(c: Closing) -> None:
    print(tr("closing {n} of {day}: {count} shipments ({void} void), revenue {revenue}",
             n=str(c.sequence), day=c.business_date.isoformat(), count=c.shipments,
             void=c.voided, revenue=format_rupiah(c.revenue)))
    print(tr("cash expected {expected}, counted {counted}, difference {diff}",
             expected=format_rupiah(c.cash_expected), counted=format_rupiah(c.cash_counted),
             diff=format_rupiah(c.difference)))
    for face, n in sorted(c.denominations.items(), reverse=True):
        print(f"  {format_rupiah(face):>12} x {n:>5} = {format_rupiah(face * n)}")
    if c.note:
        print(tr("note: {note}", note=c.note))


def cmd_close_day(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        counted = None if args.counted_cash is None else \
            check_rupiah("counted_cash", rupiah_digits(args.counted_cash))
        pdf_dir = refuse_inside(Path(args.pdf), app.settings.data_dir) if args.pdf else None
        c = app.closing.close_day(session, counted, parse_day(args.date),
                                  denominations=parse_counts(args.count), note=args.note)
        outcome = None if args.no_print else \
            app.printing.print_z_report(session, c.business_date, c.sequence)
        pdf = None
        if pdf_dir is not None:
            pdf_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            pdf = app.reports.closing_pdf(session, pdf_dir, c.business_date, c.sequence)
        if args.json:
            emit_json({**c.__dict__, "difference": c.difference,
                       "z_report": outcome.status if outcome else "queued",
                       "pdf": str(pdf) if pdf else None})
            return EXIT_OK
        print_closing(c)
        print(tr("The day is closed: bookings from now on belong to the next day. "
                 "Queued for the central server."))
        if outcome is None:
            print(tr("Z report queued: print it with outlet-pos printer retry"))
        elif outcome.ok:
            print(tr("Z report printed."))
        else:
            print(tr("Z report NOT printed: {reason}. {remedy} The closing is saved; print "
                     "it again when the printer is ready.", reason=tr(outcome.message or ""),
                     remedy=tr(outcome.remedy or "")), file=sys.stderr)
            print("  " + tr("Retry with: outlet-pos printer retry {id}", id=outcome.job_id),
                  file=sys.stderr)
        if pdf is not None:
            print(tr("Closing saved as PDF: {path}", path=str(pdf)))
        return EXIT_OK

    return with_app(args, run)


def cmd_reopen_day(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        day = parse_day(args.date) or app.today()
        c = app.closing.reopen(session, day, args.reason)
        print(tr("{day} reopened (closing {n} set aside); close it again when done",
                 day=day.isoformat(), n=str(c.sequence)))
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    p = sub.add_parser("close-day", parents=[common, auth],
                       help="end-of-day closing of this terminal (manager)")
    p.add_argument("--counted-cash", help="cash in the drawer, whole rupiah")
    p.add_argument("--count", action="append", metavar="NOTExN",
                   help="notes or coins counted, e.g. --count 100000x3 --count 500x12")
    p.add_argument("--note", help="why the cash is off, when it is")
    p.add_argument("--date", help="business date YYYY-MM-DD (default today)")
    p.add_argument("--no-print", action="store_true",
                   help="do not print the Z report now (its job waits for printer retry)")
    p.add_argument("--pdf", metavar="DIR", help="also save the closing's PDF in this folder")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_close_day)
    p = sub.add_parser("reopen-day", parents=[common, auth],
                       help="undo a day's closing, with a reason (manager or technician)")
    p.add_argument("--date", help="business date YYYY-MM-DD (default today)")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_reopen_day)
