"""``init`` and ``user add``."""

from __future__ import annotations

import argparse

from ..bootstrap import App, init_outlet
from ..i18n import Msg, tr
from .common import EXIT_OK, login, read_password, settings_of, with_app


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
                 store=app.db.store.description if app.db.store else "?"))
    finally:
        app.close()
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        password = read_password(args, tr("New password for {user}: ", user=args.name),
                                 "new_password")
        app.auth.add_user(session, args.name, args.role, password)
        print(tr("User '{user}' added with role {role}.", user=args.name, role=args.role))
        return EXIT_OK

    return with_app(args, run)


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

    users = sub.add_parser("user", help="manage users").add_subparsers(dest="user_cmd",
                                                                       required=True)
    p = users.add_parser("add", parents=[common, auth],
                         help="add a user (needs a manager; with --password-stdin the "
                              "manager's password is line 1 and the new user's line 2)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=["clerk", "manager", "technician"])
    p.set_defaults(func=cmd_user_add)
