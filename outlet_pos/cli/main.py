"""Entry point of ``outlet-pos``: builds the parser and dispatches to the command modules."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..i18n import LANGUAGES, set_language
from . import (
    admin_cmds,
    backup_cmds,
    cash_cmds,
    closing_cmds,
    customer_cmds,
    demo,
    doctor_cmds,
    dropoff_cmd,
    firstrun_cmds,
    gui_cmd,
    logs_cmds,
    loyalty_cmds,
    outlet_day_cmds,
    printer_cmds,
    report_cmds,
    retire_cmd,
    scale_cmd,
    setup_cmds,
    shift_cmds,
    shipment_cmds,
    sync_cmds,
    virtual_printer_cmd,
    virtual_scale_cmd,
)
from .common import run_guarded


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="default: $OUTLET_POS_HOME or the user data dir")
    auth = argparse.ArgumentParser(add_help=False)
    auth.add_argument("--user", help="your user id")
    auth.add_argument("--password-stdin", action="store_true",
                      help="read the password from standard input instead of prompting")

    parser = argparse.ArgumentParser(
        prog="outlet-pos", description="Outlet POS: parcel counter point of sale.")
    parser.add_argument("--version", action="version", version=f"outlet-pos {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="id (Bahasa Indonesia, default) or en; also OUTLET_POS_LANG")
    sub = parser.add_subparsers(dest="command", required=True)
    setup_cmds.register(sub, common, auth)
    shipment_cmds.register(sub, common, auth)
    customer_cmds.register(sub, common, auth)  # joins the customer command made above
    admin_cmds.register(sub, common, auth)
    printer_cmds.register(sub, common, auth)
    scale_cmd.register(sub, common, auth)
    sync_cmds.register(sub, common, auth)
    closing_cmds.register(sub, common, auth)
    cash_cmds.register(sub, common, auth)
    shift_cmds.register(sub, common, auth)
    loyalty_cmds.register(sub, common, auth)
    dropoff_cmd.register(sub, common, auth)
    retire_cmd.register(sub, common, auth)
    report_cmds.register(sub, common, auth)
    outlet_day_cmds.register(sub, common, auth)
    virtual_printer_cmd.register(sub, common)
    virtual_scale_cmd.register(sub, common)
    demo.register(sub, common)
    gui_cmd.register(sub, common)
    doctor_cmds.register(sub, common)
    backup_cmds.register(sub, common, auth)
    logs_cmds.register(sub, common)
    firstrun_cmds.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    return run_guarded(lambda: args.func(args))


if __name__ == "__main__":
    sys.exit(main())
