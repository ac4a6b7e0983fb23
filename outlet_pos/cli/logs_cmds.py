"""``logs bundle [--to FILE]``: logs, doctor output and versions zipped for support."""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
from pathlib import Path

from .. import __version__
from ..bootstrap import utc_now
from ..i18n import tr
from ..services.support import write_bundle
from .common import EXIT_OK, settings_of
from .doctor_cmds import run_doctor


def versions() -> dict[str, str]:
    out = {"outlet_pos": __version__, "python": sys.version.split()[0],
           "platform": platform.platform(), "sqlite": sqlite3.sqlite_version}
    for dist in ("cryptography", "SQLAlchemy", "python-escpos", "PySide6", "requests"):
        try:
            from importlib.metadata import version

            out[dist] = version(dist)
        except Exception:  # not installed: say so rather than fail the bundle
            out[dist] = "-"
    return out


def cmd_bundle(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    now = utc_now()
    from ..reports.private_file import ZIP_SIGNATURE, check_output, write_private_binary

    # issue 16: never the db
    dest = check_output(Path(args.to), settings.data_dir, "--to", ZIP_SIGNATURE) if args.to \
        else settings.data_dir / "support" / f"outlet-pos-logs-{now.astimezone():%Y%m%d-%H%M%S}.zip"
    doctor = [r.as_dict() for r in run_doctor(args)]
    dest.parent.mkdir(parents=True, exist_ok=True)
    write_private_binary(dest, lambda out: write_bundle(
        out, settings.data_dir / "logs", doctor, versions(), now), option="--to",
        signature=ZIP_SIGNATURE)
    print(tr("support bundle written: {path} (logs, doctor output, versions; no database, "
             "no keys)", path=dest))
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    logs = sub.add_parser("logs", help="the log files").add_subparsers(dest="logs_cmd",
                                                                      required=True)
    p = logs.add_parser("bundle", parents=[common],
                        help="zip the logs, doctor output and versions for support")
    p.add_argument("--to", metavar="FILE", help="default: <data dir>/support/…zip")
    p.set_defaults(func=cmd_bundle)
