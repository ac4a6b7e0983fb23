"""``backup [--to FILE] [--portable]``, ``restore FILE [--portable] [--force] [--confirm]
[--export-unsent FILE]`` (with ``--user``) and ``confirm-restore``."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import time
from pathlib import Path

from ..bootstrap import App, backup_service, open_app, utc_now
from ..config import Settings
from ..domain.backup_records import (
    SHOWN,
    SYNC_HELD,
    BackupInfo,
    RestoreGrant,
    RestorePlan,
)
from ..domain.errors import ValidationError
from ..i18n import Msg, tr
from .common import (
    EXIT_OK,
    STDIN,
    emit_json,
    login,
    read_password,
    settings_of,
    with_app,
)

log = logging.getLogger(__name__)


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


def _say_losses(plan: RestorePlan) -> None:
    """What the current database has that the backup lacks, before anything is replaced."""
    if plan.current == "damaged":
        print(tr("The current database cannot be read: what it holds cannot be listed. It "
                 "is kept aside, not deleted."))
        return
    lost = plan.losses
    if plan.current == "none" or lost.none:
        return
    print(tr("The current database has what this backup (of {when}) lacks:",
             when=plan.created_at.strftime("%Y-%m-%d %H:%M")))
    for n, text, names in (
            (len(lost.shipments), Msg("{n} shipments", n=len(lost.shipments)), lost.shipments),
            (len(lost.voids), Msg("{n} voids", n=len(lost.voids)), lost.voids),
            (len(lost.closings), Msg("{n} day closings", n=len(lost.closings)), lost.closings),
            (lost.unsent, Msg("{n} events not yet sent to the server", n=lost.unsent), ()),
            (lost.sent, Msg("{n} events the server already has", n=lost.sent), ()),
            (lost.audit_rows, Msg("{n} audit log rows", n=lost.audit_rows), ())):
        if n:
            shown = ", ".join(names[:SHOWN]) + (" …" if len(names) > SHOWN else "")
            print(f"  - {tr(text)}" + (f": {shown}" if shown else ""))


def _current_login(args: argparse.Namespace, settings: Settings) -> RestoreGrant | None:
    """A technician's or manager's log-in on the current database; None when that database
    does not open (a lost key, a newer schema): then the backup's own users decide."""
    try:
        app = open_app(settings)
    except Exception as e:
        log.info("restore: the current database does not open (%s)", type(e).__name__)
        return None
    try:
        return app.backup.authorise_restore(login(app, args))
    finally:
        app.close()


def cmd_restore(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    svc = backup_service(settings, utc_now, lambda: "outlet")
    readable = svc.current_state() == "readable"
    if (readable or not args.portable) and not args.user:
        raise ValidationError(("user", Msg("a restore needs the log-in of a technician or a "
                                           "manager: --user NAME")))
    grant = _current_login(args, settings) if readable else None
    password = read_password(args, tr("Password for {user}: ", user=args.user)) \
        if grant is None and args.user else None
    passphrase = _passphrase(args, False) if args.portable else None  # after the password
    if grant is None and password is not None:
        grant = svc.authorise_from_backup(Path(args.file), args.user, password, passphrase)
    export = None
    if args.export_unsent:
        from ..reports.private_file import BACKUP_SIGNATURE, check_output
        export = check_output(Path(args.export_unsent), settings.data_dir, "--export-unsent",
                              BACKUP_SIGNATURE)
    plan = svc.plan_restore(Path(args.file), passphrase)
    _say_losses(plan)
    report = svc.restore(Path(args.file), grant=grant, force=args.force, passphrase=passphrase,
                         confirm=args.confirm, export_unsent=export, plan=plan)
    if report.exported:
        print(tr("The current database, with its unsent events, is saved (encrypted) in "
                 "{path}; restore it to send them", path=report.exported))
    print(tr("restored outlet {outlet} terminal {terminal} from the backup of {when}: "
             "{n} shipments, schema {schema}, integrity checked, {d} personal fields "
             "decrypted as a check", outlet=report.outlet, terminal=report.terminal,
             when=report.created_at.strftime("%Y-%m-%d %H:%M"),
             n=report.counts.get("shipments", 0), schema=report.schema, d=report.decrypted))
    if report.replaced:
        print(tr("The database that was there is kept in {path}", path=report.replaced))
    if report.held:
        print(tr(SYNC_HELD))
    print(tr("Check it: outlet-pos doctor"))
    return EXIT_OK


def cmd_confirm_restore(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        if app.backup.confirm_restore(login(app, args)):
            print(tr("restore confirmed: sync goes on"))
        else:
            print(tr("nothing to confirm: sync is not held"))
        return EXIT_OK

    return with_app(args, run)


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

    p = sub.add_parser("restore", parents=[common, auth],
                       help="restore a backup into the data directory, after checking it "
                            "(needs --user, a technician or manager)")
    p.add_argument("file")
    p.add_argument("--portable", action="store_true",
                   help="a portable backup: asks its passphrase and installs its keys here")
    p.add_argument("--passphrase-stdin", action="store_true")
    p.add_argument("--force", action="store_true",
                   help="replace the database that is there (it is kept aside, not deleted)")
    p.add_argument("--confirm", action="store_true",
                   help="restore although the current database has what the backup lacks "
                        "(listed first)")
    p.add_argument("--export-unsent", metavar="FILE",
                   help="first save the current database with its unsent events, encrypted, "
                        "to FILE")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("confirm-restore", parents=[common, auth],
                       help="after a restore: let sync go on (a technician or manager)")
    p.set_defaults(func=cmd_confirm_restore)
