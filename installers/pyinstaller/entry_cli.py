"""The frozen ``outlet-pos`` command (PyInstaller entry point)."""

import sys

from outlet_pos.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
