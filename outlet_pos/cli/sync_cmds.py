"""``enroll``, ``sync [--once]``, ``sync status``, ``track`` and ``tariffs update``."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path

from ..bootstrap import App
from ..domain.enrolment import Enrolled
from ..domain.sync_status import SyncStatus, age_text
from ..domain.waybill import normalize_waybill
from ..i18n import tr
from ..services.sync_front import SyncFailure
from ..sync.errors import CONFIG, SyncError
from .common import EXIT_BAD_INPUT, EXIT_FAIL, EXIT_OK, emit_json, login, with_app


def _when(dt: datetime | None, app: App) -> str:
    return dt.astimezone(app.outlet.timezone).strftime("%Y-%m-%d %H:%M") if dt else "-"


def _sync_error(e: SyncFailure) -> int:
    print(f"outlet-pos: {tr(e.message)}", file=sys.stderr)
    return EXIT_BAD_INPUT if e.kind == CONFIG else EXIT_FAIL


def _say_what_changed(app: App, got: Enrolled) -> None:
    """The enrolment's consequences a technician must know: a PC replaced, a new series."""
    for old in got.replaced:
        print(tr("device {device} held this terminal and is revoked now: that PC refuses "
                 "to book from its next sync", device=old))
    if got.terminal != app.outlet.terminal:
        print(tr("the server gave this PC terminal {terminal}: terminal {old} was used by "
                 "another PC, and one series of waybill numbers is never shared",
                 terminal=str(got.terminal), old=str(app.outlet.terminal)))


def cmd_enroll(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        session = login(app, args)
        try:
            if args.provisioning_file:
                device = app.enrolment.offline(session, Path(args.provisioning_file)).device_id
            else:
                if not (args.server and args.code):
                    print("outlet-pos: " + tr("enroll needs --server URL --code CODE, or "
                                              "--provisioning-file FILE"), file=sys.stderr)
                    return EXIT_BAD_INPUT
                ca_pem = Path(args.ca_bundle).read_text() if args.ca_bundle else None
                got = app.enrolment.online(session, server=args.server, code=args.code,
                                           ca_pem=ca_pem, ca_path=args.ca_bundle)
                device = got.device_id
                _say_what_changed(app, got)
        except SyncError as e:
            return _sync_error(e)
        print(tr("enrolled: outlet {outlet} terminal {terminal} is device {device}",
                 outlet=str(app.outlet.number), terminal=str(app.enrolment.terminal()),
                 device=device))
        return EXIT_OK

    return with_app(args, run)


def print_status(app: App, s: SyncStatus) -> None:
    state = (tr("not enrolled") if not s.enrolled else tr("online") if s.online
             else tr("offline") if s.online is False else tr("not tried yet"))
    print(tr("Sync: {state}", state=state))
    print(tr("  waiting to be sent: {n}", n=s.queue_depth))
    print(tr("  oldest unsent: {age}", age=age_text(s.oldest_unsent_age) or "-"))
    print(tr("  parked (refused by the server): {n}", n=s.parked))
    print(tr("  last success: {when}", when=_when(s.last_success, app)))
    if s.last_error:
        print(tr("  last error: {error} ({when})", error=tr(s.last_error),
                 when=_when(s.last_error_at, app)))
    if s.clock_skew_s is not None and abs(s.clock_skew_s) > 60:
        print(tr("  this PC's clock is {n} s off the server's; correct it",
                 n=str(s.clock_skew_s)))
    if s.stale:
        print(tr("WARNING: shipments have waited more than {h} h to be sent; check the "
                 "network or call support", h=str(int(s.stale_after.total_seconds() // 3600))))


def cmd_status(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        s = app.sync.status()
        if s.local_error:  # the database could not be read: no counts to show
            print(f"outlet-pos: {tr(s.local_error)}", file=sys.stderr)
            return EXIT_FAIL
        if args.json:
            parked = app.sync.parked_events()
            emit_json({"enrolled": s.enrolled, "online": s.online,
                       "queue_depth": s.queue_depth, "parked": s.parked,
                       "oldest_unsent_age_s": s.oldest_unsent_age.total_seconds()
                       if s.oldest_unsent_age else None,
                       "last_success": s.last_success, "last_error": s.last_error,
                       "last_error_at": s.last_error_at, "stale": s.stale,
                       "parked_events": parked})
        else:
            print_status(app, s)
        return EXIT_OK

    return with_app(args, run)


def cmd_sync(args: argparse.Namespace) -> int:
    if getattr(args, "sync_command", None) == "status":
        return cmd_status(args)

    def run(app: App) -> int:
        if args.once:
            report = app.sync.sync_once(reference=True)
            if report.error:
                print(tr("sent {n}; {left} still waiting", n=report.applied,
                         left=report.remaining))
                return _sync_error(report.error)
            print(tr("sent {n} ({dup} already there), parked {parked}; tariff "
                     "{tariff}", n=report.applied, dup=report.duplicates, parked=report.parked,
                     tariff=tr("updated") if report.reference else tr("unchanged")))
            left = app.sync.status()  # refused earlier counts too: exit 1 unless all is sent
            if left.parked or left.queue_depth or left.local_error:
                print("outlet-pos: " + tr(
                    "not all sent: {refused} refused by the server, {waiting} waiting; see "
                    "outlet-pos sync status", refused=left.parked, waiting=left.queue_depth),
                    file=sys.stderr)
                return EXIT_FAIL
            return EXIT_OK
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        print(tr("syncing every {n} s; Ctrl+C stops", n=int(app.sync.interval_s)))
        with contextlib.suppress(KeyboardInterrupt):
            app.sync.run(stop)
        return EXIT_OK

    return with_app(args, run)


def cmd_track(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        number = normalize_waybill(args.waybill)
        try:
            history, fetched, live = app.sync.track(number)
        except SyncError as e:
            return _sync_error(e)
        if args.json:
            emit_json({"waybill": number, "live": live, "fetched_at": fetched,
                       "history": history})
            return EXIT_OK
        if not live:
            print(tr("offline: the last known history, fetched {when}",
                     when=_when(fetched, app)))
        for h in history:
            at = datetime.fromisoformat(h["at"])
            print(f"{_when(at, app)}  {h['status']:<16} {h.get('location') or ''}  "
                  f"{h.get('note') or ''}".rstrip())
        if not history:
            print(tr("no tracking events yet for {waybill}", waybill=number))
        return EXIT_OK

    return with_app(args, run)


def cmd_tariffs_update(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        try:
            changed = app.sync.refresh_reference()
        except SyncError as e:
            return _sync_error(e)
        version = app.booking.tariff_version()
        print(tr("tariff {version} in force ({state})", version=version,
                 state=tr("updated") if changed else tr("unchanged")))
        return EXIT_OK

    return with_app(args, run)


def cmd_resend_refused(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        n = app.reports.resend_refused(login(app, args))
        print(tr("{n} refused events queued again; they go with the next sync", n=n))
        return EXIT_OK

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    e = sub.add_parser("enroll", parents=[common, auth],
                       help="give this terminal its credential for the central server")
    e.add_argument("--server", help="https://... address of the central server")
    e.add_argument("--code", help="one-time enrollment code from the courier")
    e.add_argument("--ca-bundle", help="CA certificate (PEM) the server's certificate chains to, "
                   "when it is not a public one")
    e.add_argument("--provisioning-file", help="offline enrollment file instead of a code")
    e.set_defaults(func=cmd_enroll)

    s = sub.add_parser("sync", parents=[common], help="send waiting events, fetch tariffs")
    s.add_argument("--once", action="store_true", help="one pass, then exit (0 when all sent)")
    ss = s.add_subparsers(dest="sync_command")
    st = ss.add_parser("status", parents=[common], help="queue, last success, last error")
    st.add_argument("--json", action="store_true")
    rr = ss.add_parser("resend-refused", parents=[common, auth],
                       help="queue the events the server refused again, once the cause is "
                            "fixed (manager)")
    rr.set_defaults(func=cmd_resend_refused)
    s.set_defaults(func=cmd_sync)

    t = sub.add_parser("track", parents=[common], help="tracking history of a waybill")
    t.add_argument("waybill")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_track)

    tf = sub.add_parser("tariffs", parents=[common], help="tariff tables")
    tfs = tf.add_subparsers(dest="tariffs_command", required=True)
    tfs.add_parser("update", parents=[common], help="fetch the newest signed tariff now") \
        .set_defaults(func=cmd_tariffs_update)
