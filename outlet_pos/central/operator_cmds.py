"""``outlet-pos-central operators add|password|disable|enable|list``: the fleet page's
accounts.

The password is asked twice without echo (getpass), or read as one line from standard
input with ``--password-stdin`` for scripts; it is never an argument (a command line is
visible to every user of the machine and kept in shell history). Exit codes as the rest
of the CLI: 2 for a bad name or password or an unknown operator.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from .db import utc_now
from .operators import (
    add_operator,
    disable_operator,
    enable_operator,
    list_operators,
    set_password,
)


def _password(a: argparse.Namespace) -> str:
    if a.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise ValueError("needs a terminal to ask for the password; or use --password-stdin")
    first = getpass.getpass(f"Password for operator {a.name}: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise ValueError("the two passwords differ; nothing was changed")
    return first


def _add(ctx: Any, a: argparse.Namespace) -> int:
    add_operator(ctx.engine, utc_now, a.name, _password(a))
    print(f"operator {a.name} added: they can log in to /fleet on the central server")
    return 0


def _password_cmd(ctx: Any, a: argparse.Namespace) -> int:
    ended = set_password(ctx.engine, utc_now, a.name, _password(a))
    print(f"operator {a.name}: new password set; {ended} open session(s) ended")
    return 0


def _enable(ctx: Any, a: argparse.Namespace) -> int:
    enable_operator(ctx.engine, a.name)
    print(f"operator {a.name} enabled")
    return 0


def _disable(ctx: Any, a: argparse.Namespace) -> int:
    ended = disable_operator(ctx.engine, utc_now, a.name)
    print(f"operator {a.name} disabled; {ended} open session(s) ended")
    return 0


def _list(ctx: Any, a: argparse.Namespace) -> int:
    rows = list_operators(ctx.engine)
    if a.json:
        print(json.dumps([r.__dict__ for r in rows], indent=2))
        return 0
    if not rows:
        print("no operators; add one with: outlet-pos-central operators add NAME")
    for r in rows:
        print(f"{r.name:<32} {r.status:<9} created {r.created_at[:16]}  "
              f"last log-in {(r.last_login_at or 'never')[:16]}")
    return 0


def register_operators(sub: Any, common: argparse.ArgumentParser) -> None:
    op = sub.add_parser("operators", help="accounts of the fleet page (/fleet)").add_subparsers(
        dest="sub", required=True)
    add = op.add_parser("add", parents=[common], help="add an operator (asks the password)")
    add.add_argument("name", help="3-32 characters: a-z first, then a-z 0-9 . _ -")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password as one line from standard input")
    add.set_defaults(func=_add)
    pw = op.add_parser("password", parents=[common], help="set a new password (asks it), "
                       "end the operator's sessions")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true",
                    help="read the password as one line from standard input")
    pw.set_defaults(func=_password_cmd)
    dis = op.add_parser("disable", parents=[common], help="disable an operator, end sessions")
    dis.add_argument("name")
    dis.set_defaults(func=_disable)
    en = op.add_parser("enable", parents=[common], help="let a disabled operator log in again")
    en.add_argument("name")
    en.set_defaults(func=_enable)
    ls = op.add_parser("list", parents=[common], help="operators and their last log-in")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list)
