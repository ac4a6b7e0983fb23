"""``init``; the ``user`` commands are in user_cmds."""

from __future__ import annotations

import argparse

from ..bootstrap import init_outlet
from ..i18n import Msg, tr
from . import user_cmds
from .common import EXIT_OK, read_password, settings_of


def cmd_init(args: argparse.Namespace) -> int:
    password = read_password(args, tr("New password for manager {user}: ", user=args.manager))
    if not args.password_stdin:
        again = read_password(args, tr("Repeat the password: "))
        if again != password:
            from ..domain.errors import ValidationError

            raise ValidationError(("password", Msg("the two entries differ; type it again")))
    app = init_outlet(settings_of(args), outlet_number=args.outlet_number,
                      terminal=args.terminal, manager=args.manager, password=password,
                      outlet_name=args.outlet_name or "", timezone=args.timezone)
    try:
        print(tr("Outlet {outlet} terminal {terminal} is ready in {path}",
                 outlet=app.outlet.number, terminal=app.outlet.terminal,
                 path=app.settings.data_dir))
        print(tr("Manager '{user}' created. Master key kept in {store}.", user=args.manager,
                 store=app.key_store or "?"))
    finally:
        app.close()
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create the outlet database and keys")
    p.add_argument("--outlet-number", type=int, required=True)
    p.add_argument("--terminal", type=int, required=True)
    p.add_argument("--manager", required=True, help="user id of the first manager")
    p.add_argument("--outlet-name")
    p.add_argument("--timezone", default="WIB", help="WIB, WITA, WIT or an IANA zone")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the manager's password from the first line of standard input")
    p.set_defaults(func=cmd_init)

    user_cmds.register(sub, common, auth)
