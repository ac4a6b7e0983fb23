"""Logging to rotating files in the data directory.

Nothing personal is ever logged: log calls pass waybill numbers, counts and
error classes, never names, phones or addresses (tests scan the log files).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Log to ``<data_dir>/logs/outlet-pos.log`` (5 × 1 MB). Returns the file, or None."""
    root = logging.getLogger("outlet_pos")
    root.setLevel(level)
    log_dir = data_dir / "logs"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "outlet-pos.log"
        for h in list(root.handlers):
            if isinstance(h, logging.handlers.RotatingFileHandler):
                root.removeHandler(h)
                h.close()
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                       encoding="utf-8")
    except OSError:
        # A read-only data dir must not stop the counter; doctor reports it. Without any
        # handler Python would print errors (with tracebacks) on the terminal instead.
        if not root.handlers:
            root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path
