"""``outlet-pos gui``: the counter window on this data directory."""

from __future__ import annotations

import argparse
import os
import threading

from ..bootstrap import App, is_installed
from ..i18n import LANGUAGES, set_language, tr
from ..logging_setup import enable_crash_trace, setup_logging
from .common import settings_of, with_app


def _leave_after(seconds: float) -> None:
    """``--smoke``: the installers' check that the window opens. Qt aborts the process when
    its platform plugin or libraries are missing; still running after ``seconds`` means the
    log-in window came up, so leave with 0 (the database is crash-safe)."""
    def leave() -> None:
        print(tr("The counter window opened and stayed open for {seconds} s.",
                 seconds=f"{seconds:g}"), flush=True)
        os._exit(0)

    timer = threading.Timer(seconds, leave)
    timer.daemon = True  # when the window fails first, its exit code stands
    timer.start()


def cmd_gui(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    setup_logging(settings.data_dir)  # before the wizard too: a crash there is logged
    enable_crash_trace(settings.data_dir)  # a native crash leaves its trace in the logs
    if not args.smoke and not is_installed(settings):
        from ..ui.setup_wizard import run_setup_wizard  # a new PC: the first-run wizard

        if not run_setup_wizard(settings):
            return 1

    def run(app: App) -> int:
        from ..ui.run import run_gui  # Qt loads only for the window

        chosen = app.preferences.language()  # set by setup; --lang or OUTLET_POS_LANG win
        if chosen in LANGUAGES and not args.lang and "OUTLET_POS_LANG" not in os.environ:
            set_language(chosen)

        if args.smoke:
            _leave_after(args.smoke)

        return run_gui(app, args.idle_minutes)

    if args.smoke:
        return with_app(args, run)
    from ..bootstrap import open_app

    try:
        app = open_app(settings)
    except Exception as e:  # damaged, keyless, too new: a window says so, not stderr alone
        from ..ui.run import run_fault_screen

        return run_fault_screen(settings, e)
    try:
        return run(app)
    finally:
        app.close()


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="open the counter window")
    p.add_argument("--idle-minutes", type=int, default=10,
                   help="lock the counter after this many idle minutes")
    p.add_argument("--smoke", type=float, metavar="SECONDS",
                   help="installation check: open the window, exit 0 after SECONDS")
    p.set_defaults(func=cmd_gui)
