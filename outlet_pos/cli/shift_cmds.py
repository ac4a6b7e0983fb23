"""``shift``: a clerk's shift at this terminal's drawer — ``open --float``, ``close`` with
the count (as ``close-day`` takes it: ``--counted-cash`` or ``--count 100000x3``),
``handover --to USER`` (the incoming clerk types their own password at this PC, and takes
the counted cash as their float), ``x-report --out F.pdf`` and ``list``.

With ``--password-stdin``, ``handover`` reads two lines: the outgoing clerk's password,
then the incoming one's."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..bootstrap import App
from ..domain.money import check_rupiah, format_rupiah, rupiah_digits
from ..domain.shifts import ShiftFigures, ShiftRow, ShiftsTotal
from ..i18n import tr
from ..reports.private_file import refuse_inside
from .closing_cmds import parse_counts
from .common import EXIT_OK, emit_json, login, parse_day, read_password, with_app


def _time(app: App, row: ShiftRow) -> str:
    opened = f"{app.outlet.local(row.opened_at):%H:%M}"
    return opened + (f"-{app.outlet.local(row.closed_at):%H:%M}" if row.closed_at else "-…")


def print_figures(app: App, f: ShiftFigures) -> None:
    s = f.shift
    print(tr("shift {id} of {clerk}, {time}: {count} shipments, revenue {revenue}",
             id=s.id[:8], clerk=s.clerk, time=_time(app, s), count=f.shipments,
             revenue=format_rupiah(f.revenue)))
    print(tr("float {float} + cash takings {takings} + cash in {cin} - cash out {cout} - "
             "refunds {refunds} = cash expected {expected}",
             float=format_rupiah(s.opening_float), takings=format_rupiah(f.cash_takings),
             cin=format_rupiah(f.cash_in), cout=format_rupiah(f.cash_out),
             refunds=format_rupiah(f.refunds), expected=format_rupiah(f.expected)))
    if f.counted is not None:
        print(tr("cash counted {counted}, difference {diff}", counted=format_rupiah(f.counted),
                 diff=format_rupiah(f.difference or 0)))


def _json(f: ShiftFigures) -> dict[str, object]:
    s = f.shift
    return {"id": s.id, "clerk": s.clerk, "business_date": s.business_date.isoformat(),
            "opened_at": s.opened_at.isoformat(),
            "closed_at": s.closed_at.isoformat() if s.closed_at else None,
            "opening_float": s.opening_float, "shipments": f.shipments, "revenue": f.revenue,
            "cash_takings": f.cash_takings, "cash_in": f.cash_in, "cash_out": f.cash_out,
            "refunds": f.refunds, "expected": f.expected, "counted": f.counted,
            "difference": f.difference, "handed_to": s.handed_to,
            "denominations": {str(k): v for k, v in s.counted.items()}}


def _counted(args: argparse.Namespace) -> int | None:
    return None if args.counted_cash is None else \
        check_rupiah("counted_cash", rupiah_digits(args.counted_cash))


def cmd_open(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        row = app.shifts.open(session, args.float)
        print(tr("shift {id} opened by {clerk} with a float of {float}", id=row.id[:8],
                 clerk=row.clerk, float=format_rupiah(row.opening_float)))
        return EXIT_OK

    return with_app(args, run)


def cmd_close(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        f = app.shifts.close(session, _counted(args), denominations=parse_counts(args.count),
                             note=args.note)
        if args.json:
            emit_json(_json(f))
            return EXIT_OK
        print_figures(app, f)
        print(tr("The shift is closed. Queued for the central server."))
        return EXIT_OK

    return with_app(args, run)


def cmd_handover(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        password = read_password(args, tr("Password for {user}: ", user=args.to))
        incoming = app.auth.login(args.to, password)
        f, new = app.shifts.handover(session, incoming, _counted(args),
                                     denominations=parse_counts(args.count), note=args.note)
        if args.json:
            emit_json({"closed": _json(f), "opened": {
                "id": new.id, "clerk": new.clerk, "opening_float": new.opening_float}})
            return EXIT_OK
        print_figures(app, f)
        print(tr("handed over: {clerk} takes the drawer with {float} (shift {id})",
                 clerk=new.clerk, float=format_rupiah(new.opening_float), id=new.id[:8]))
        return EXIT_OK

    return with_app(args, run)


def cmd_x_report(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        if args.out:
            out = refuse_inside(Path(args.out), app.settings.data_dir, "out")
            f = app.shifts.x_pdf(session, out, args.shift)
        else:
            f = app.shifts.x_report(session, args.shift)
        if args.json:
            emit_json(_json(f))
            return EXIT_OK
        print_figures(app, f)
        if args.out:
            print(tr("X report saved as PDF: {path}", path=str(out)))
        return EXIT_OK

    return with_app(args, run)


def print_day(app: App, total: ShiftsTotal) -> None:
    for line in total.lines:
        end = f"{app.outlet.local(line.closed_at):%H:%M}" if line.closed_at else "…"
        counted = format_rupiah(line.counted) if line.counted is not None else "—"
        diff = format_rupiah(line.difference) if line.difference is not None else "—"
        print(f"{app.outlet.local(line.opened_at):%H:%M}-{end}  {line.clerk:<16} "
              f"{format_rupiah(line.opening_float):>14} {format_rupiah(line.cash_takings):>14}"
              f" {counted:>14} {diff:>12}")
    print(tr("shifts: {n}, cash takings {takings}, difference {diff}", n=len(total.lines),
             takings=format_rupiah(total.cash_takings), diff=format_rupiah(total.difference)))
    if total.still_open:
        print(tr("A shift is still open: it was not counted"))


def cmd_list(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        total = app.shifts.list_day(session, parse_day(args.date))
        if args.json:
            emit_json({"shifts": [line.__dict__ for line in total.lines],
                       "cash_takings": total.cash_takings, "difference": total.difference,
                       "still_open": total.still_open})
            return EXIT_OK
        print_day(app, total)
        return EXIT_OK

    return with_app(args, run)


def _count_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--counted-cash", help="cash in the drawer, whole rupiah")
    p.add_argument("--count", action="append", metavar="NOTExN",
                   help="notes or coins counted, e.g. --count 100000x3 --count 500x12")
    p.add_argument("--note", help="why the cash is off, when it is")
    p.add_argument("--json", action="store_true")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    shift = sub.add_parser("shift", help="a clerk's shift at this drawer: open, close, "
                                         "hand over, X report")
    ssub = shift.add_subparsers(dest="shift_command", required=True)
    p = ssub.add_parser("open", parents=[common, auth], help="take the drawer with a float")
    p.add_argument("--float", required=True, help="cash in the drawer, e.g. 200000")
    p.set_defaults(func=cmd_open)
    p = ssub.add_parser("close", parents=[common, auth], help="count the drawer, end the shift")
    _count_options(p)
    p.set_defaults(func=cmd_close)
    p = ssub.add_parser("handover", parents=[common, auth],
                        help="count and hand the drawer to the next clerk on this PC")
    p.add_argument("--to", required=True, metavar="USER", help="the incoming clerk")
    _count_options(p)
    p.set_defaults(func=cmd_handover)
    p = ssub.add_parser("x-report", parents=[common, auth],
                        help="a shift's X report (the open one, else the latest)")
    p.add_argument("--shift", help="a shift's id (or its first characters)")
    p.add_argument("--out", metavar="F.pdf", help="save it as a PDF (outside the data dir)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_x_report)
    p = ssub.add_parser("list", parents=[common, auth], help="the day's shifts, added up")
    p.add_argument("--date", help="business date YYYY-MM-DD (default today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
