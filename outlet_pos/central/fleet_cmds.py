"""``outlet-pos-central fleet status``: the terminals an operator should look at.

Lists every active terminal not heard from in ``--silent-hours`` (24), with refused
(parked) events, failing doctor checks, printer or storage faults, or a version older
than ``--min-version``; ``--all`` lists the healthy ones too. A table with the last
contact in the outlet's own time zone (WIB, WITA, WIT), or ``--json`` for scripts.

The exit code is 0 whatever the fleet's state, problems included (a listing, not a
check): scripts read ``--json`` (an empty list is a healthy fleet). 2 only for a bad
argument.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..protocol.health import VERSION
from .db import utc_now
from .fleet import TerminalHealth, fleet_status

HEADINGS = ("outlet", "terminal", "last seen", "version", "queue", "problems")


def _local(t: TerminalHealth, at: datetime | None) -> str:
    if at is None:
        return "never"
    try:
        zone = ZoneInfo(t.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("Asia/Jakarta")
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def _age(seconds: int) -> str:
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 48 * 3600:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def describe(t: TerminalHealth, silent_hours: int) -> str:
    """The problems column: each problem with what it is about."""
    words = {"silent": f"silent > {silent_hours} h", "parked": f"parked {t.parked}",
             "doctor": "doctor: " + ", ".join(t.doctor_failing),
             "old_version": f"old version {t.app_version or '(unknown)'}",
             "faults": "faults: " + ", ".join(t.faults)}
    return "; ".join(words[p] for p in t.problems) or "-"


def as_json(t: TerminalHealth) -> dict[str, Any]:
    return {"outlet": t.outlet, "terminal": t.terminal, "device_id": t.device_id,
            "app_version": t.app_version,
            "last_seen": t.last_seen.isoformat() if t.last_seen else None,
            "last_seen_local": _local(t, t.last_seen) if t.last_seen else None,
            "timezone": t.timezone, "queue_depth": t.queue_depth,
            "oldest_queued_s": t.oldest_queued_s, "parked": t.parked,
            "doctor_failing": list(t.doctor_failing), "faults": list(t.faults),
            "problems": list(t.problems),
            "reported_at": t.reported_at.isoformat() if t.reported_at else None}


def table(rows: list[TerminalHealth], silent_hours: int) -> list[str]:
    cells = [HEADINGS] + [
        (t.outlet, t.terminal, _local(t, t.last_seen), t.app_version or "?",
         str(t.queue_depth) + (f" ({_age(t.oldest_queued_s)})" if t.oldest_queued_s else ""),
         describe(t, silent_hours)) for t in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(HEADINGS) - 1)]
    return ["  ".join([*(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)), r[-1]])
            for r in cells]


def _status(ctx: Any, a: argparse.Namespace) -> int:
    if a.silent_hours < 1:
        raise ValueError("--silent-hours must be 1 or more")
    if a.min_version is not None and not re.fullmatch(VERSION, a.min_version):
        raise ValueError("--min-version must be a version like 0.2.0")
    now = utc_now()
    rows = fleet_status(ctx.engine, now, silent_after=timedelta(hours=a.silent_hours),
                        min_version=a.min_version, only_problems=not a.all)
    if a.json:
        print(json.dumps([as_json(t) for t in rows], indent=2))
        return 0
    if not rows:
        print("no terminal needs a look" if not a.all else "no terminal is enrolled")
        return 0
    print("\n".join(table(rows, a.silent_hours)))
    shown = "terminals" if a.all else "terminals with a problem"
    print(f"\n{len(rows)} {shown} (as of {now.strftime('%Y-%m-%d %H:%M')} UTC)")
    return 0


def register_fleet(sub: Any, common: argparse.ArgumentParser) -> None:
    fl = sub.add_parser("fleet", help="the fleet's health, as the terminals report it")
    fs = fl.add_subparsers(dest="sub", required=True).add_parser(
        "status", parents=[common], help="terminals silent, with parked events, failing "
        "doctor checks, faults or an old version (exit code 0 whatever is listed)")
    fs.add_argument("--json", action="store_true", help="a JSON list, for scripts")
    fs.add_argument("--silent-hours", type=int, default=24,
                    help="a terminal not heard from for longer is silent (default 24)")
    fs.add_argument("--min-version", help="terminals older than this (numerically: 1.10 > "
                    "1.9) or of no known version are listed")
    fs.add_argument("--all", action="store_true", help="list healthy terminals too")
    fs.set_defaults(func=_status)
