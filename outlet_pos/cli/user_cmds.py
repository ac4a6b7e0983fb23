"""``user add/list/disable/enable/passwd/reset/unlock``: the users' life cycle.

Every command but ``passwd`` needs a manager's log-in (``list`` a technician's too);
``passwd`` changes the caller's own password and is how a user whose password a
manager reset gets a session again. With ``--password-stdin`` the passwords are
read one line each, in the order the prompts would ask for them.
"""

from __future__ import annotations

import argparse

from ..bootstrap import App
from ..domain.errors import ValidationError
from ..i18n import Msg, tr
from ..services.user_words import ROLE_LABELS, state_text
from .common import EXIT_OK, emit_json, login, read_password, with_app


def _new_password(args: argparse.Namespace, prompt: str) -> str:
    """A new password, typed twice at a terminal (once from standard input)."""
    password = read_password(args, prompt, "new_password")
    if not args.password_stdin and read_password(args, tr("Repeat the password: "),
                                                 "new_password") != password:
        raise ValidationError(("new_password", Msg("the two entries differ; type it again")))
    return password


def cmd_user_add(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        password = _new_password(args, tr("New password for {user}: ", user=args.name))
        app.auth.add_user(session, args.name, args.role, password)
        print(tr("User '{user}' added with role {role}.", user=args.name, role=args.role))
        return EXIT_OK

    return with_app(args, run)


def cmd_user_list(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        users = app.auth.list_users(login(app, args))
        if args.json:
            emit_json([{"user": u.username, "role": u.role.value if u.role else None,
                        "disabled": u.disabled, "must_change": u.must_change,
                        "locked_until": u.locked_until, "intact": u.intact} for u in users])
            return EXIT_OK
        for u in users:
            role = tr(ROLE_LABELS[u.role.value]) if u.role else "?"
            print(f"{u.username:<20} {role:<12} {state_text(u)}")
        return EXIT_OK

    return with_app(args, run)


def _manager_change(args: argparse.Namespace, change: str, done: Msg) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        getattr(app.auth, change)(session, args.name)
        print(tr(done, user=args.name))
        return EXIT_OK

    return with_app(args, run)


def cmd_user_disable(args: argparse.Namespace) -> int:
    return _manager_change(args, "disable_user", Msg(
        "User '{user}' is disabled: they can no longer log in. Their history stays."))


def cmd_user_enable(args: argparse.Namespace) -> int:
    return _manager_change(args, "enable_user", Msg("User '{user}' can log in again."))


def cmd_user_unlock(args: argparse.Namespace) -> int:
    return _manager_change(args, "unlock_user", Msg(
        "User '{user}' is unlocked; their wrong tries start again from zero."))


def cmd_user_reset(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        temporary = _new_password(args, tr("Temporary password for {user}: ", user=args.name))
        app.auth.reset_password(session, args.name, temporary)
        print(tr("The password of '{user}' is reset. Give them the temporary password; they "
                 "must choose their own at their next log-in.", user=args.name))
        return EXIT_OK

    return with_app(args, run)


def cmd_user_passwd(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        if not args.user:
            raise ValidationError(("user", Msg("is required for this command: --user NAME")))
        old = read_password(args, tr("Current password for {user}: ", user=args.user))
        new = _new_password(args, tr("New password for {user}: ", user=args.user))
        app.auth.change_password(args.user, old, new)
        print(tr("Password of '{user}' changed.", user=args.user))
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    users = sub.add_parser("user", help="manage users").add_subparsers(dest="user_cmd",
                                                                       required=True)
    p = users.add_parser("add", parents=[common, auth],
                         help="add a user (needs a manager; with --password-stdin the "
                              "manager's password is line 1 and the new user's line 2)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=["clerk", "manager", "technician"])
    p.set_defaults(func=cmd_user_add)
    p = users.add_parser("list", parents=[common, auth],
                         help="every user with role and state (a manager or technician)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_user_list)
    for name, func, what in (
            ("disable", cmd_user_disable, "stop a user from logging in (needs a manager)"),
            ("enable", cmd_user_enable, "let a disabled user log in again (needs a manager)"),
            ("unlock", cmd_user_unlock, "lift a lock-out after wrong passwords (a manager)"),
            ("reset", cmd_user_reset, "give a user a temporary password they must change "
                                      "at the next log-in (a manager; with --password-stdin "
                                      "line 1 is yours, line 2 the temporary one)")):
        p = users.add_parser(name, parents=[common, auth], help=what)
        p.add_argument("name", help="the user id to change")
        p.set_defaults(func=func)
    p = users.add_parser("passwd", parents=[common, auth],
                         help="change your own password (with --password-stdin line 1 is "
                              "the current one, line 2 the new one)")
    p.set_defaults(func=cmd_user_passwd)
