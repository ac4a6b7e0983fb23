"""``printer use|list|test|jobs|retry`` and ``print WAYBILL``: the counter's printer from the CLI.

The same print service as the counter window: jobs go through the spool,
faults come back classified with the remedy a clerk can act on.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..bootstrap import App
from ..domain.print_faults import PrinterFault
from ..i18n import tr
from ..reports.private_file import check_output, refuse_inside
from ..services.printing import DEFAULT_COPIES, JobOutcome, parse_copies
from .common import EXIT_FAIL, EXIT_OK, emit_json, login, with_app


def _say_fault(kind: str | None, detail: str | None, message: str, remedy: str) -> None:
    print(f"  {tr(message)} ({kind}{f': {detail}' if detail else ''})", file=sys.stderr)
    print("  " + tr("What to do: {remedy}", remedy=tr(remedy)), file=sys.stderr)


def report(outcomes: list[JobOutcome]) -> int:
    """One line per job; the remedy for each failure. Exit 1 when any failed."""
    for o in outcomes:
        tag = tr("REPRINT {n}", n=o.reprint) if o.reprint else ""  # the paper's CETAK ULANG
        if o.ok:
            print(tr("printed {copy} of {waybill} (job {id}) {tag}", copy=o.copy,
                     waybill=o.waybill, id=o.job_id, tag=tag).rstrip())
        else:
            print(tr("NOT printed: {copy} of {waybill} (job {id})", copy=o.copy,
                     waybill=o.waybill, id=o.job_id), file=sys.stderr)
            if o.message and o.remedy:
                _say_fault(o.fault, o.detail, o.message, o.remedy)
            print("  " + tr("The shipment is saved. Retry with: outlet-pos printer retry {id}",
                            id=o.job_id), file=sys.stderr)
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_FAIL


def cmd_use(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        kind, _, target = args.connection.strip().partition(":")
        if kind.lower() == "file" and target:
            # Every print appends the waybill (names, addresses) to that file: never the
            # database or anything else in the data directory.
            refuse_inside(Path(target), app.settings.data_dir, "connection")
        p = app.printing.configure(login(app, args), args.connection, args.profile)
        print(tr("This counter prints to {connection} as {profile}. Try it: outlet-pos "
                 "printer test", connection=p.connection, profile=p.profile_name))
        return EXIT_OK

    return with_app(args, run)


def cmd_list(args: argparse.Namespace) -> int:
    from ..printing.detect import usb_printers
    from ..printing.profiles import all_profiles

    found, problem = usb_printers()
    if args.json:
        emit_json({"profiles": {n: {"title": p.title, "width_dots": p.width_dots, "dpi": p.dpi,
                                    "columns": [p.columns_a, p.columns_b], "barcode": p.barcode,
                                    "qr": p.qr, "cutter": p.cutter,
                                    "cash_drawer": p.cash_drawer}
                                for n, p in all_profiles().items()},
                   "usb": [u.__dict__ for u in found], "usb_problem": problem})
        return EXIT_OK
    print(tr("Printer profiles (--profile NAME):"))
    for name, p in all_profiles().items():
        feats = ", ".join(f for f, on in (("barcode", p.barcode), ("QR", p.qr),
                                          ("cutter", p.cutter),
                                          (tr("drawer port"), p.cash_drawer)) if on) \
            or tr("raster only")
        print(f"  {name:18} {p.width_dots} dots/{p.dpi} dpi, {p.columns_a} col  [{feats}]")
        print(f"  {'':18} {p.title}")
    print("\n" + tr("USB printers attached:"))
    if problem:
        print("  " + tr(problem))
    for u in found:
        prof = ", ".join(u.profiles) or tr("no profile known; try generic-58 or generic-80")
        print(f"  usb:{u.vendor_id:04x}:{u.product_id:04x}  {u.description}  → {prof}")
    if not found and not problem:
        print("  " + tr("none found"))
    return EXIT_OK


def _on_printer(args: argparse.Namespace, act: Callable[[App, Any], Any],
                failed: str, done: Callable[[Any], str]) -> int:
    """Log in, ``act`` on the counter's printer, and say the verdict (a fault with its fix)."""
    def run(app: App) -> int:
        session = login(app, args)
        try:
            p = act(app, session)
        except PrinterFault as f:
            print(failed, file=sys.stderr)
            _say_fault(f.kind.value, f.detail, f.message, f.remedy)
            return EXIT_FAIL
        print(done(p))
        return EXIT_OK

    return with_app(args, run)


def cmd_test(args: argparse.Namespace) -> int:
    return _on_printer(
        args, lambda app, s: app.printing.test_page(s),
        tr("FAILED: the test page was not printed."),
        lambda p: tr("OK: the test page went to {connection} ({profile}). Check on paper that "
                     "the barcode and the QR scan and the code-page line shows its accents; if "
                     "the barcode prints as text, choose a '-raster' profile.",
                     connection=p.connection, profile=p.profile_name))


def cmd_drawer(args: argparse.Namespace) -> int:
    return _on_printer(
        args, lambda app, s: app.printing.open_drawer(s),
        tr("FAILED: the drawer was not told to open."),
        lambda p: tr("OK: the drawer pulse went to {connection} ({profile}). If the drawer did "
                     "not open, check its cable is in the printer's DK port.",
                     connection=p.connection, profile=p.profile_name))


def cmd_print(args: argparse.Namespace) -> int:
    copies = parse_copies(args.copy) if args.copy else DEFAULT_COPIES

    def run(app: App) -> int:
        # A clerk may write a label PDF: checked before the log-in and the audit row
        # (never in the data directory, never over anything but an earlier PDF).
        pdf = check_output(Path(args.pdf), app.settings.data_dir, "--pdf") if args.pdf else None
        session = login(app, args)
        if pdf is not None:
            app.printing.export_pdf(session, args.waybill, copies, pdf, args.page)
            print(tr("wrote {path}", path=args.pdf))
            return EXIT_OK
        return report(app.printing.print_waybill(session, args.waybill, copies))

    return with_app(args, run)


def cmd_jobs(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        login(app, args)
        jobs = app.printing.jobs(args.waybill) if args.waybill else app.printing.failed()
        if args.json:
            emit_json(jobs)
            return EXIT_OK
        for j in jobs:
            print(f"{j.id:6}  {j.waybill}  {j.copy:8} {j.status:8} "
                  f"{j.fault or '':15} {app.outlet.local(j.updated_at):%H:%M}")
        if not jobs:
            print(tr("no print jobs"))
        return EXIT_OK

    return with_app(args, run)


def cmd_retry(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        ids = args.job or [j.id for j in app.printing.failed()]
        return report([app.printing.retry(session, i) for i in ids])

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    prn = sub.add_parser("printer", help="the counter's thermal printer").add_subparsers(
        dest="printer_cmd", required=True)
    p = prn.add_parser("use", parents=[common, auth], help="choose this counter's printer")
    p.add_argument("connection",
                   help="usb:VID:PID, net:HOST:PORT, serial:DEV, win:NAME, cups:NAME or file:PATH")
    p.add_argument("--profile", help="a profile from 'printer list' (default: by USB id, "
                                     "else generic-80)")
    p.set_defaults(func=cmd_use)
    p = prn.add_parser("list", parents=[common], help="profiles and attached USB printers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = prn.add_parser("test", parents=[common, auth], help="print a test page, with a verdict")
    p.set_defaults(func=cmd_test)
    p = prn.add_parser("drawer", parents=[common, auth],
                       help="open the cash drawer (checks its cable; audited)")
    p.set_defaults(func=cmd_drawer)
    p = prn.add_parser("jobs", parents=[common, auth],
                       help="failed print jobs, or every job of --waybill")
    p.add_argument("--waybill")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_jobs)
    p = prn.add_parser("retry", parents=[common, auth], help="retry failed jobs (default: all)")
    p.add_argument("job", type=int, nargs="*")
    p.set_defaults(func=cmd_retry)

    p = sub.add_parser("print", parents=[common, auth],
                       help="print a waybill (label and receipt), or write it as PDF")
    p.add_argument("waybill")
    p.add_argument("--copy", action="append", choices=["label", "receipt", "outlet"],
                   help="repeat for several; default label and receipt")
    p.add_argument("--pdf", metavar="FILE", help="write a PDF instead of printing")
    p.add_argument("--page", choices=["label", "a6", "a4"], default="label",
                   help="PDF page: 100x150 mm label (default), A6 or A4")
    p.set_defaults(func=cmd_print)


