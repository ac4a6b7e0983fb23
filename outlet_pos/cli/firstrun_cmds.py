"""``setup``: a new outlet PC in one command, without questions (for installers and scripts).

Outlet and first manager, enrollment (online code or provisioning file), printer
(``auto`` matches attached USB ids against the profiles), language, and a test
print with a clear verdict. Refuses on a data directory that is already set up.
``--answers`` takes them from the installer's answers file (``setup_answers``), under the
counter's own account; flags given beside it win.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import setup_answers
from ..bootstrap import setup_service
from ..domain.errors import ValidationError
from ..i18n import LANGUAGES, Msg, set_language, tr
from ..services.setup import SetupRequest
from .common import EXIT_FAIL, EXIT_OK, read_password, settings_of


def _merge_answers(args: argparse.Namespace) -> None:
    """Answers file values for every flag not given on the command line."""
    if args.answers is not None:
        for key, value in setup_answers.load(args.answers).items():
            if getattr(args, key, None) in (None, False):
                setattr(args, key, value)
    missing: list[tuple[str, str]] = [(flag, Msg("is required")) for flag, key in (
        ("--outlet-number", "outlet_number"), ("--terminal", "terminal"),
        ("--manager", "manager")) if getattr(args, key) is None]
    if missing:
        raise ValidationError(missing)


def cmd_setup(args: argparse.Namespace) -> int:
    _merge_answers(args)
    password = read_password(args, tr("New password for manager {user}: ", user=args.manager))
    if not args.password_stdin and read_password(args, tr("Repeat the password: ")) != password:
        raise ValidationError(("password", Msg("the two entries differ; type it again")))
    if args.language:
        set_language(args.language)  # the rest of setup speaks it already
    req = SetupRequest(
        outlet_number=args.outlet_number, terminal=args.terminal, manager=args.manager,
        password=password, outlet_name=args.outlet_name or "", timezone=args.timezone or "WIB",
        server=args.server, enroll_code=args.enroll_code, ca_bundle=args.ca_bundle,
        provisioning_file=args.provisioning_file, printer=args.printer, profile=args.profile,
        language=args.language, test_print=args.test_print, scale=args.scale,
        scale_profile=args.scale_profile)
    steps = setup_service(settings_of(args)).run(req)
    if args.answers is not None:  # the outlet exists: its one-time code must not stay behind
        if setup_answers.remove(args.answers):
            print(tr("The answers file {path} is removed.", path=args.answers))
        else:
            print(tr("Remove the answers file {path}: it holds the enrollment code.",
                     path=args.answers), file=sys.stderr)
    for s in steps:
        print(f"[{'OK  ' if s.ok else 'FAIL'}] {tr(s.message)}",
              file=sys.stdout if s.ok else sys.stderr)
        if s.remedy and not s.ok:
            print("       " + tr("What to do: {remedy}", remedy=tr(s.remedy)), file=sys.stderr)
    failed = [s for s in steps if not s.ok]
    if failed:
        print(tr("SETUP INCOMPLETE: {n} step(s) failed; the outlet is created, finish the "
                 "failed steps with the commands above, then run outlet-pos doctor",
                 n=len(failed)), file=sys.stderr)
        return EXIT_FAIL
    print(tr("SETUP COMPLETE. Check this PC with: outlet-pos doctor"))
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("setup", parents=[common],
                       help="first-run setup without questions: outlet, manager, enrollment, "
                            "printer, language, test print")
    p.add_argument("--answers", nargs="?", type=Path, const=setup_answers.default_path(),
                   help="take the answers from the installer's file (default: "
                        f"{setup_answers.default_path()}); flags given here win")
    p.add_argument("--outlet-number", type=int)
    p.add_argument("--terminal", type=int)
    p.add_argument("--outlet-name")
    p.add_argument("--timezone", help="WIB (default), WITA, WIT or an IANA zone")
    p.add_argument("--manager", help="user id of the first manager")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the manager's password from the first line of standard input")
    p.add_argument("--server", help="https://... address of the central server")
    p.add_argument("--enroll-code", help="one-time enrollment code from the courier")
    p.add_argument("--ca-bundle", help="CA certificate (PEM) of the server, when not public")
    p.add_argument("--provisioning-file", help="offline enrollment file instead of a code")
    p.add_argument("--printer", help="usb:VID:PID, net:HOST:PORT, serial:DEV, win:NAME, "
                                     "cups:NAME, file:PATH, or auto (attached USB printers)")
    p.add_argument("--profile", help="printer profile (see outlet-pos printer list)")
    p.add_argument("--language", choices=LANGUAGES, help="id (default) or en")
    p.add_argument("--test-print", action="store_true", help="print a test page at the end")
    p.add_argument("--scale", help="serial:DEV or hid:VID:PID, or auto (probe this PC's USB "
                                   "scales and serial ports)")
    p.add_argument("--scale-profile", help="scale profile (see outlet-pos scale list)")
    p.set_defaults(func=cmd_setup)
