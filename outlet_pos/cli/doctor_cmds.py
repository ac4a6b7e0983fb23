"""``doctor [--json]``: what is wrong with this outlet PC and how to fix it. No log-in needed."""

from __future__ import annotations

import argparse

from ..bootstrap import doctor_for, utc_now
from ..i18n import tr
from ..services.doctor import FAIL, TITLES, WARN, CheckResult, exit_code
from .common import emit_json, settings_of

MARKS = {"ok": "OK  ", "warn": "WARN", "fail": "FAIL"}


def run_doctor(args: argparse.Namespace) -> list[CheckResult]:
    return doctor_for(settings_of(args), utc_now).run()


def print_results(results: list[CheckResult]) -> None:
    for r in results:
        print(f"[{MARKS[r.status]}] {tr(TITLES.get(r.check, r.check))}: {tr(r.finding)}")
        if r.remedy and r.status in (WARN, FAIL):
            print("       " + tr("What to do: {remedy}", remedy=tr(r.remedy)))
    fails = sum(r.status == FAIL for r in results)
    warns = sum(r.status == WARN for r in results)
    print(tr("{fails} failed, {warns} warnings, {ok} ok", fails=fails, warns=warns,
             ok=len(results) - fails - warns))


def cmd_doctor(args: argparse.Namespace) -> int:
    results = run_doctor(args)
    if args.json:
        emit_json([r.as_dict() for r in results])
    else:
        print_results(results)
    return exit_code(results)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("doctor", parents=[common],
                       help="check this PC: database, keys, disk, printer, server, clock, "
                            "backups, logs (no log-in needed)")
    p.add_argument("--json", action="store_true",
                   help="a list of {check, status, finding, remedy} for support tools")
    p.set_defaults(func=cmd_doctor)
