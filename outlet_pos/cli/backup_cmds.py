"""``backup [--to FILE] [--portable]`` and ``restore FILE [--portable] [--force]``."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

from ..bootstrap import App, backup_service, utc_now
from ..domain.errors import ValidationError
from ..i18n import Msg, tr
from ..services.backup import BackupInfo
from .common import EXIT_OK, STDIN, emit_json, login, settings_of, with_app


def _passphrase(args: argparse.Namespace, twice: bool) -> str:
    if args.passphrase_stdin:
        return STDIN.line("passphrase")
    if not sys.stdin.isatty():
        raise ValidationError(("passphrase", Msg("needs a terminal to prompt; or use "
                                                 "--passphrase-stdin")))
    first = getpass.getpass(tr("Backup passphrase: "))
    if twice and getpass.getpass(tr("Repeat the passphrase: ")) != first:
        raise ValidationError(("passphrase", Msg("the two entries differ; type it again")))
    return first


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _say(info: BackupInfo, seconds: float) -> None:
    print(tr("backup written: {path} ({size}, database {db}, {n} shipments, {s} s)",
             path=info.path, size=_mb(info.size), db=_mb(info.db_size),
             n=info.counts.get("shipments", 0), s=f"{seconds:.1f}"))
    if info.portable:
        print(tr("It holds the keys: keep it and its passphrase apart, off this PC."))


def cmd_backup(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        t0 = time.perf_counter()
        if args.to:  # issue 16: never inside the data directory, never over the database
            from ..reports.private_file import BACKUP_SIGNATURE, check_output
            args.to = str(check_output(Path(args.to), app.settings.data_dir, "--to",
                                       BACKUP_SIGNATURE))
        if args.portable:
            if not args.to:
                raise ValidationError(("to", Msg("a portable backup needs --to FILE (e.g. on "
                                                 "a USB stick)")))
            session = login(app, args)
            info = app.backup.backup_portable(session, Path(args.to), _passphrase(args, True))
        else:
            info = app.backup.backup(Path(args.to) if args.to else None)
        if args.json:
            emit_json({"path": str(info.path), "size": info.size, "db_size": info.db_size,
                       "portable": info.portable, "counts": info.counts,
                       "schema": info.schema, "seconds": round(time.perf_counter() - t0, 3)})
        else:
            _say(info, time.perf_counter() - t0)
        return EXIT_OK

    return with_app(args, run)


def cmd_restore(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    passphrase = _passphrase(args, False) if args.portable else None
    report = backup_service(settings, utc_now, lambda: "outlet").restore(
        Path(args.file), force=args.force, passphrase=passphrase)
    print(tr("restored outlet {outlet} terminal {terminal} from the backup of {when}: "
             "{n} shipments, schema {schema}, integrity checked, {d} personal fields "
             "decrypted as a check", outlet=report.outlet, terminal=report.terminal,
             when=report.created_at.strftime("%Y-%m-%d %H:%M"),
             n=report.counts.get("shipments", 0), schema=report.schema, d=report.decrypted))
    if report.replaced:
        print(tr("The database that was there is kept in {path}", path=report.replaced))
    print(tr("Check it: outlet-pos doctor"))
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common, auth],
                       help="an encrypted backup of the outlet database (daily ones go to "
                            "<data dir>/backups and are rotated)")
    p.add_argument("--to", metavar="FILE", help="write here instead of <data dir>/backups")
    p.add_argument("--portable", action="store_true",
                   help="include the keys, locked with a passphrase, to move the outlet to a "
                        "new PC (needs --user, a manager)")
    p.add_argument("--passphrase-stdin", action="store_true",
                   help="read the passphrase from standard input (after the password)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common],
                       help="restore a backup into the data directory, after checking it")
    p.add_argument("file")
    p.add_argument("--portable", action="store_true",
                   help="a portable backup: asks its passphrase and installs its keys here")
    p.add_argument("--passphrase-stdin", action="store_true")
    p.add_argument("--force", action="store_true",
                   help="replace the database that is there (it is kept aside, not deleted)")
    p.set_defaults(func=cmd_restore)
