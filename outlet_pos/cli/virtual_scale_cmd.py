"""``outlet-pos virtual-scale``: a serial scale on a pseudo-terminal, its weight set by hand.

For development, demos, training and the tests: it prints the device to connect to
(``outlet-pos scale use serial:/dev/pts/7 --profile mettler-8217``), then takes control
lines on standard input: ``weight 2.350``, ``weight 1500g``, ``motion on``, ``motion
off``, ``over``, ``under``, ``garbage``, ``silent``, ``ok``, ``tare``, ``unplug``. At the
end of its input it keeps serving; Ctrl-C (or SIGTERM) ends it with exit 0. Linux and
macOS only (Windows has no pseudo-terminals: use a com0com pair there).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from typing import TYPE_CHECKING

from ..domain.errors import ValidationError
from ..i18n import Msg, tr
from .common import EXIT_OK, stopped_by_signals

if TYPE_CHECKING:
    from ..scales.virtual import VirtualScale


def run(protocol: str, weight: str, motion: bool) -> int:
    from ..scales.virtual import VirtualScale, parse_weight

    try:
        grams = parse_weight(weight)
    except ValueError:
        raise ValidationError(("weight", Msg("must be a weight, e.g. 1.5kg or 1500g"))) from None
    if not hasattr(os, "openpty"):
        raise ValidationError(("virtual-scale", Msg(
            "this system has no pseudo-terminals; use a virtual serial port pair")))
    vs = VirtualScale(protocol, grams=grams, motion=motion).start()
    done = threading.Event()
    try:
        with stopped_by_signals():
            print(tr("Virtual scale ({protocol}) on {path}: outlet-pos scale use serial:{path} "
                     "--profile {protocol}", protocol=protocol, path=vs.path), flush=True)
            _controls(vs, done)
            done.wait()  # returns on Ctrl-C or SIGTERM (KeyboardInterrupt) or after "unplug"
    except KeyboardInterrupt:
        pass
    finally:
        vs.stop()
    print(tr("stopped"), file=sys.stderr, flush=True)
    return EXIT_OK


def _controls(vs: VirtualScale, done: threading.Event) -> None:
    """Read control lines on a thread, so Ctrl-C reaches the main thread at once."""

    def loop() -> None:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                state = vs.control(line)
            except ValueError:
                print(tr("not understood; use: weight 2.350, motion on|off, over, under, "
                         "garbage, silent, ok, tare, unplug"), file=sys.stderr, flush=True)
                continue
            print(tr("scale: {state}", state=state), flush=True)
            if not vs.running:
                done.set()
                return

    threading.Thread(target=loop, name="virtual-scale-control", daemon=True).start()


def cmd_virtual_scale(args: argparse.Namespace) -> int:
    return run(args.protocol, args.weight, args.motion)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("virtual-scale", parents=[common],
                       help="a virtual serial scale on a pseudo-terminal (weight set by hand)")
    p.add_argument("--protocol", default="mettler-8217",
                   choices=["mettler-8217", "cas-pd2", "stream"],
                   help="what it speaks (default mettler-8217)")
    p.add_argument("--weight", default="0kg", help="the weight on it, e.g. 1.5kg or 1500g")
    p.add_argument("--motion", action="store_true", help="start with the weight moving")
    p.set_defaults(func=cmd_virtual_scale)
