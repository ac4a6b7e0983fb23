"""``outlet-pos-central serve``'s operational options: admission control (how many batches
a process takes on), and the uvicorn run itself.

Kept apart from ``cli`` so the command module stays a list of commands.
"""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import Engine

from .admission import AdmissionLimits

DEFAULT_SLOTS = 5


def add_options(s: argparse.ArgumentParser) -> None:
    d = AdmissionLimits()
    s.add_argument("--max-batches", type=int, default=None,
                   help="batches in progress at once in this process (authenticated, "
                   "unzipped, parsed, applied); default: the database pool size "
                   f"({DEFAULT_SLOTS} on PostgreSQL)")
    s.add_argument("--waiting-room", type=int, default=d.room,
                   help="batches that may wait for one of those (their compressed body "
                   "only); beyond, 503 busy with Retry-After at once")
    s.add_argument("--max-wait", type=float, default=d.max_wait_s,
                   help="seconds a batch may wait for its turn before it is answered 503 "
                   "busy (well under the terminals' read timeout, sync/client.py)")


def admission_limits(a: argparse.Namespace, engine: Engine) -> AdmissionLimits:
    slots = a.max_batches or _pool_size(engine)
    return AdmissionLimits(slots=slots, room=a.waiting_room, max_wait_s=a.max_wait)


def _pool_size(engine: Engine) -> int:
    # each batch in progress holds one connection: more slots than the pool would only
    # queue inside the pool, holding a parsed batch each
    size: Any = getattr(engine.pool, "size", None)
    return int(size()) if callable(size) else DEFAULT_SLOTS
