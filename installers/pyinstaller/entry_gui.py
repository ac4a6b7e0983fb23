"""The frozen windowed ``outlet-pos-gui`` (Windows): no console; without arguments it opens
the counter window, with arguments it is the same command line as ``outlet-pos``."""

import os
import sys

from outlet_pos.cli.main import main

if __name__ == "__main__":
    # A windowed program on Windows has no standard streams: print() must not fail.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    sys.exit(main(sys.argv[1:] or ["gui"]))
