"""``loyalty format``: the courier's loyalty card number format, shown or set.

Without options it prints the format in force (anyone may look). With any of
``--pattern``, ``--length``, ``--prefix``, ``--luhn``/``--no-luhn`` it changes the named
parts and keeps the rest, through the same service as the counter (a manager or a
technician; audited): ``outlet-pos loyalty format --pattern digits --length 16 --prefix 88
--luhn``. A card number is never an argument here: it would stay in the shell's history.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from ..bootstrap import App
from ..domain.loyalty import PATTERNS, parse_length
from ..i18n import tr
from .common import EXIT_OK, emit_json, login, with_app


def cmd_format(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        fmt = app.loyalty.card_format()
        changes: dict[str, object] = {}
        if args.pattern is not None:
            changes["pattern"] = args.pattern
        if args.length is not None:
            changes["min_length"], changes["max_length"] = parse_length(args.length)
        if args.prefix is not None:
            changes["prefix"] = args.prefix.strip().upper()
        if args.luhn is not None:
            changes["luhn"] = args.luhn
        if changes:
            session = login(app, args)
            fmt = app.loyalty.set_format(session, replace(fmt, **changes))  # type: ignore[arg-type]
        if args.json:
            emit_json(fmt.to_dict())
        else:
            print(tr("Loyalty card numbers: {format}", format=fmt.describe()))
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    loyalty = sub.add_parser("loyalty", help="the sender's loyalty card")
    lsub = loyalty.add_subparsers(dest="loyalty_command", required=True)
    p = lsub.add_parser("format", parents=[common, auth],
                        help="show or set the card number's format (manager, technician)")
    p.add_argument("--pattern", choices=PATTERNS,
                   help="digits (the default) or letters-digits")
    p.add_argument("--length", help="a length or a range, e.g. 16 or 10-16 (default 8-19)")
    p.add_argument("--prefix", help="the characters every card starts with; '' for none")
    p.add_argument("--luhn", action=argparse.BooleanOptionalAction, default=None,
                   help="the last digit is a Luhn check digit (digits only)")
    p.add_argument("--json", action="store_true", help="print the format as JSON")
    p.set_defaults(func=cmd_format)
