"""``outlet-pos-central serve``'s operational options and the uvicorn run itself: admission
control (how many batches a process takes on), the metrics listener, the log format, and
draining on SIGTERM.

Draining: the first SIGTERM (systemd's stop) makes ``GET /v1/ready`` answer 503 at once and
keeps serving for ``--drain-seconds``, so the load balancer's health check takes the
process out before it stops accepting; then uvicorn's own graceful shutdown finishes the
requests in hand. A second SIGTERM (or Ctrl-C) skips the wait.

Kept apart from ``cli`` so the command module stays a list of commands.
"""

from __future__ import annotations

import argparse
import gc
import logging
import math
import threading
from types import FrameType
from typing import Any

from sqlalchemy import Engine

from . import logs
from .admission import MAX_RETRY_S, AdmissionLimits

log = logging.getLogger("outlet_pos.central")
DEFAULT_SLOTS = 5
GRACE_S = 30  # the terminals' read timeout (sync/client.py; central imports nothing of it)


def add_options(s: argparse.ArgumentParser) -> None:
    d = AdmissionLimits()
    s.add_argument("--max-batches", type=int, default=None,
                   help="batches in progress at once in this process (authenticated, "
                   "unzipped, parsed, applied); default: the database pool size "
                   f"({DEFAULT_SLOTS} on PostgreSQL)")
    s.add_argument("--waiting-room", type=int, default=d.room,
                   help="batches that may wait for one of those (their compressed body "
                   "only); beyond, 503 busy with Retry-After at once (default %(default)s: "
                   "at least a second's worth of batches)")
    s.add_argument("--max-wait", type=float, default=d.max_wait_s,
                   help="seconds a batch may wait for its turn before it is answered 503 "
                   "busy (default %(default)s; well under the terminals' read timeout, "
                   "sync/client.py)")
    s.add_argument("--metrics-port", type=int, default=None,
                   help="serve Prometheus metrics on http://127.0.0.1:PORT/ (off by default; "
                   "never on the public port)")
    s.add_argument("--log-format", choices=logs.FORMATS, default="text",
                   help="one JSON object per line, or plain text (default)")
    s.add_argument("--drain-seconds", type=float, default=0.0,
                   help="on SIGTERM, answer /v1/ready 503 and keep serving this long before "
                   "stopping (at least the load balancer's check interval x fall count)")


def admission_limits(a: argparse.Namespace, engine: Engine) -> AdmissionLimits:
    slots = a.max_batches or _pool_size(engine)
    return AdmissionLimits(slots=slots, room=a.waiting_room, max_wait_s=a.max_wait)


def _pool_size(engine: Engine) -> int:
    # each batch in progress holds one connection: more slots than the pool would only
    # queue inside the pool, holding a parsed batch each
    size: Any = getattr(engine.pool, "size", None)
    return int(size()) if callable(size) else DEFAULT_SLOTS


def draining_server(config: Any, readiness: Any, drain_s: float) -> Any:
    """uvicorn's server with a drain before its shutdown (see the module's docstring);
    uvicorn is imported only by ``serve``, not by every command of the CLI."""
    import uvicorn

    class DrainingServer(uvicorn.Server):
        def __init__(self) -> None:
            super().__init__(config)
            self._timer: threading.Timer | None = None

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            readiness.draining = True
            if drain_s <= 0 or self._timer is not None or self.should_exit:
                super().handle_exit(sig, frame)  # no drain asked, or a second signal
                return
            log.info("draining", extra={"drain_s": drain_s})
            self._timer = threading.Timer(drain_s, super().handle_exit, (sig, frame))
            self._timer.daemon = True
            self._timer.start()

    return DrainingServer()


# Python's young generation is collected every 700 new objects by default; a 300-event
# batch makes some 10,000 (dicts and lists of its bodies), so the collector ran ~15 times
# per batch, and each older pass walked every batch in flight. One quiet `fleet` run with
# these: 0.199 / 0.195 ms of serve CPU per event at 1x / 2x (0.227 / 0.247 before), peak
# RSS per process as before (our requests make few reference cycles).
GC_THRESHOLDS = (50_000, 20, 10)


def tune_gc() -> None:
    """What the process holds at start (modules, the app, its validators) is moved out of
    the collector's reach (``gc.freeze``), and young collections come per ``GC_THRESHOLDS``."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def run(app: Any, a: argparse.Namespace) -> None:
    """Serve ``app`` until stopped, as ``a`` (serve's options) says."""
    logs.configure(a.log_format)
    if a.metrics_port:
        app.state.metrics.start_listener(a.metrics_port)
        log.info("metrics on 127.0.0.1", extra={"route": "/metrics"})
    limits: AdmissionLimits = app.state.admission.limits
    import uvicorn

    config = uvicorn.Config(app, host=a.host, port=a.port, ssl_certfile=a.tls_cert,
                            ssl_keyfile=a.tls_key, log_config=None, log_level="info",
                            access_log=False, workers=1,
                            # longer than the longest Retry-After: a terminal told to come
                            # back finds its connection open, not closed under its request
                            timeout_keep_alive=MAX_RETRY_S + 5,
                            # what is in hand when it stops, for as long as a terminal
                            # waits for an answer (sync/client.py's 30 s read timeout, which
                            # covers the longest wait for a slot and the batch): beyond it
                            # nobody listens. With --drain-seconds it fits systemd's stop
                            # timeout (deploy/systemd: 45 s)
                            timeout_graceful_shutdown=max(GRACE_S, math.ceil(limits.max_wait_s)))
    tune_gc()  # last: everything built so far stays for the life of the process
    draining_server(config, app.state.readiness, a.drain_seconds).run()
