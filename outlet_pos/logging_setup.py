"""Logging to rotating files in the data directory, and crash traces beside them.

Nothing personal is ever logged: log calls pass waybill numbers, counts and
error classes, never names, phones or addresses (tests scan the log files).

A crash in native code (Qt, a driver) kills the process before Python can log.
``enable_crash_trace`` has ``faulthandler`` write the stack of every thread into
``logs/outlet-pos.log.crash-<UTC time>-<pid>`` at that moment: file names, line
numbers and function names only, never a value. A clean exit removes its empty
file; the next start logs the name of a trace a crash left, so the technician
sends it with ``outlet-pos logs bundle`` (which takes every ``outlet-pos.log*``).
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import logging
import logging.handlers
import os
import sys
import time
from pathlib import Path
from typing import TextIO

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


CRASH_PREFIX = "outlet-pos.log.crash-"
REPORTED = ".txt"  # a trace whose crash the next start has logged
KEEP_TRACES = 10
_trace: tuple[TextIO, Path] | None = None


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        # Signal 0 would terminate a process there. No need: Windows refuses to delete or
        # rename a file another process holds open, so a live window's trace stays anyway.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process, alive
    return True


def _tidy(log_dir: Path, keep: int) -> list[Path]:
    """Empty traces of dead processes go; a new crash's trace is logged and marked.

    Returns the traces just found (left by a crash since the last start)."""
    found: list[Path] = []
    for path in sorted(log_dir.glob(CRASH_PREFIX + "*")):
        if path.name.endswith(REPORTED):
            continue
        try:
            pid = int(path.name.rsplit("-", 1)[1])
            size = path.stat().st_size
        except (ValueError, IndexError, OSError):
            continue
        if _alive(pid) and pid != os.getpid():
            continue  # another window on this PC, still running
        with contextlib.suppress(OSError):
            if size == 0:
                path.unlink()
            else:
                marked = path.with_name(path.name + REPORTED)
                path.rename(marked)
                found.append(marked)
    reported = sorted(log_dir.glob(CRASH_PREFIX + "*" + REPORTED))
    for old in reported[:-keep] if keep > 0 else reported:
        with contextlib.suppress(OSError):
            old.unlink()
    return [p for p in found if p.exists()]


def enable_crash_trace(data_dir: Path, keep: int = KEEP_TRACES) -> Path | None:
    """Fatal errors write every thread's stack into the log directory. Returns the file.

    Call once, early, in the process that shows windows. A read-only log directory
    leaves the default (the trace on standard error) rather than stopping the counter."""
    global _trace
    if _trace is not None:
        return _trace[1]
    log_dir = data_dir / "logs"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        earlier = _tidy(log_dir, keep)
        path = log_dir / f"{CRASH_PREFIX}{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}-" \
                         f"{os.getpid()}"
        # Kept open for the life of the process: at a crash, faulthandler writes straight
        # to this descriptor, with no allocation and no Python code running.
        out = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError:
        faulthandler.enable(all_threads=True)
        return None
    faulthandler.enable(file=out, all_threads=True)
    _trace = (out, path)
    atexit.register(disable_crash_trace)
    log = logging.getLogger(__name__)
    for p in earlier:
        log.warning("an earlier run stopped with a fatal error; its trace is %s (send it with "
                    "outlet-pos logs bundle)", p.name)
    return path


def disable_crash_trace() -> None:
    """A clean exit: no trace to keep (runs at exit; tests call it)."""
    global _trace
    if _trace is None:
        return
    out, path = _trace
    _trace = None
    faulthandler.disable()
    with contextlib.suppress(OSError):
        out.close()
        if path.stat().st_size == 0:
            path.unlink()
