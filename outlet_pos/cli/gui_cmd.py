"""``outlet-pos gui``: the counter window on this data directory."""

from __future__ import annotations

import argparse

from ..bootstrap import App
from .common import with_app


def cmd_gui(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        from ..ui.run import run_gui  # Qt loads only for the window

        return run_gui(app, args.idle_minutes)

    return with_app(args, run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="open the counter window")
    p.add_argument("--idle-minutes", type=int, default=10,
                   help="lock the counter after this many idle minutes")
    p.set_defaults(func=cmd_gui)
