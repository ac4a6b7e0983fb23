"""``retire``: wipe the outlet's data and keys from a PC that leaves the outlet.

Refused while anything is unsent or refused by the server (those bookings exist nowhere
else); without ``--confirm`` it says what it would do and stops. With it: an audit row,
then the master key is destroyed (nothing left on the disk can be decrypted) and the data
folder removed. The device is revoked at the server by the courier.
"""

from __future__ import annotations

import argparse

from ..bootstrap import open_app, wipe_data
from ..domain.errors import ValidationError
from ..i18n import Msg, tr
from .common import EXIT_OK, login, settings_of


def cmd_retire(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    app = open_app(settings)
    try:
        session = login(app, args)
        if not args.confirm:
            plan = app.retire.plan(session)
            print(tr("This removes outlet {outlet} terminal {terminal} from this PC: the keys "
                     "are destroyed and {path} is deleted, backups included. Unsent events: "
                     "{pending}; refused: {parked}.", outlet=app.outlet.number,
                     terminal=app.outlet.terminal, path=settings.data_dir,
                     pending=plan.pending, parked=plan.parked))
            raise ValidationError(("confirm", Msg(
                "nothing was changed; add --confirm to wipe this PC")))
        plan = app.retire.begin(session)
        outlet, terminal = app.outlet.number, app.outlet.terminal
    finally:
        app.close()
    destroyed = wipe_data(settings)
    print(tr("Wiped: {n} key(s) destroyed and {path} removed.", n=len(destroyed),
             path=settings.data_dir))
    if plan.enrolled:
        print(tr("Have the courier revoke this device at the server (outlet {outlet} "
                 "terminal {terminal}): outlet-pos-central devices revoke", outlet=outlet,
                 terminal=terminal))
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    p = sub.add_parser("retire", parents=[common, auth],
                       help="wipe the outlet's data and keys from this PC (technician, "
                            "manager); refused while anything is unsent")
    p.add_argument("--confirm", action="store_true", help="really wipe")
    p.set_defaults(func=cmd_retire)
