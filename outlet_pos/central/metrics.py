"""The numbers an operator watches, per server process (Prometheus, prometheus-client), and
the one line each request leaves in the log.

``Metrics`` holds the process's own registry; ``serve --metrics-port N`` serves it on a
listener of its own bound to 127.0.0.1 (``start_listener``), never on the public port, so
Prometheus scrapes each process on its metrics port. Labels are route *templates*, methods,
statuses, results and reasons: never a device id, an outlet number or a path (a tracking
path holds a waybill), so the series stay few and say nothing about anybody.

``Observer`` is the outermost ASGI middleware: it times each request, counts it by route
template and status, reads the reason of a 503 from its body (``busy``, ``conflict``),
and writes the request's log line. A batch's figures (device, counts by result, time
waited) reach it through ``note_batch``/``note_wait``, called where they are known,
even in a worker thread (a context variable holds the request's note, and threads run
in a copy of the request's context).
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    start_http_server,
)

from .admission import Admission
from .readiness import Readiness

log = logging.getLogger("outlet_pos.central.requests")
NS = "outlet_pos_central"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60)
RESULTS = ("applied", "duplicate", "rejected")
QUIET = frozenset({"/v1/health", "/v1/ready"})  # polled by balancers: logged only if not 200
OTHER = "other"  # the label of a path no route matched (never the path), or of a method
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


@dataclass
class Note:
    """What one request learnt on its way (filled in where it is known)."""

    device: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    wait_s: float | None = None


_NOTE: contextvars.ContextVar[Note | None] = contextvars.ContextVar("central_note",
                                                                    default=None)


def note_batch(device_id: str, results: Iterable[dict[str, Any]]) -> None:
    """The batch's device and its events by result (``ingest``'s answer)."""
    note = _NOTE.get()
    if note is not None:
        note.device = device_id
        for r in results:
            note.counts[r["result"]] = note.counts.get(r["result"], 0) + 1


def note_wait(seconds: float) -> None:
    note = _NOTE.get()
    if note is not None:
        note.wait_s = seconds


class Metrics:
    """One process's series, in a registry of its own (an app made twice in one test
    process does not collide)."""

    def __init__(self, admission: Admission, readiness: Readiness | None = None) -> None:
        r = self.registry = CollectorRegistry()
        self.requests = Counter(f"{NS}_requests", "HTTP requests answered, by route "
                                "template, method and status", ["route", "method", "status"],
                                registry=r)
        self.batch_seconds = Histogram(f"{NS}_batch_seconds", "an upload from its arrival "
                                       "to its answer, for batches that were run",
                                       buckets=LATENCY_BUCKETS, registry=r)
        self.wait_seconds = Histogram(f"{NS}_batch_wait_seconds", "time a batch waited in "
                                      "the waiting room for a slot", buckets=LATENCY_BUCKETS,
                                      registry=r)
        self.events = Counter(f"{NS}_events", "events answered, by result", ["result"],
                              registry=r)
        self.unavailable = Counter(f"{NS}_unavailable", "503 answers, by reason (busy: no "
                                   "room; conflict: another instance raced the batch; "
                                   "not_ready: GET /v1/ready; unavailable: the database "
                                   "connection was lost)",
                                   ["reason"], registry=r)
        self.abandoned = Counter(f"{NS}_batches_abandoned", "batches not run because their "
                                 "client left while they waited", registry=r)
        Gauge(f"{NS}_batches_in_progress", "batches holding a slot",
              registry=r).set_function(lambda: admission.running)
        Gauge(f"{NS}_batches_waiting", "batches in the waiting room",
              registry=r).set_function(lambda: admission.waiting)
        Gauge(f"{NS}_batch_slots", "slots (serve --max-batches)",
              registry=r).set(admission.limits.slots)
        Gauge(f"{NS}_waiting_room", "places in the waiting room (serve --waiting-room)",
              registry=r).set(admission.limits.room)
        if readiness is not None:
            Gauge(f"{NS}_ready", "1 when the last readiness check passed (GET /v1/ready)",
                  registry=r).set_function(lambda: float(readiness.ok))
            Gauge(f"{NS}_draining", "1 while the process drains before it stops",
                  registry=r).set_function(lambda: float(readiness.draining))
        # a labelled series' child found once: ``labels()`` takes a lock and builds a key
        # each time, a few microseconds on every request
        self._children: dict[tuple[Any, ...], Any] = {}
        for result in RESULTS:  # present at 0 from the start: rate() needs a first sample
            self.events.labels(result)
        for reason in ("busy", "conflict", "not_ready", "unavailable"):
            self.unavailable.labels(reason)
        ProcessCollector(registry=r)  # CPU seconds, resident memory, open files

    def request_done(self, route: str, method: str, status: int) -> None:
        self._child(self.requests, route, method, str(status)).inc()

    def events_answered(self, counts: dict[str, int]) -> None:
        for result, n in counts.items():
            self._child(self.events, result).inc(n)

    def _child(self, series: Counter, *labels: str) -> Any:
        key = (series, *labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = series.labels(*labels)
        return child

    def start_listener(self, port: int) -> Any:
        """The metrics on http://127.0.0.1:port/ (a thread); the server, to close it."""
        server, _thread = start_http_server(port, addr="127.0.0.1", registry=self.registry)
        return server


class Observer:
    """ASGI middleware (outermost): each request timed, counted and logged in one line."""

    def __init__(self, app: Any, metrics: Metrics,
                 static_paths: Callable[[], frozenset[str]]) -> None:
        self.app, self.metrics, self._static = app, metrics, static_paths

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        note = Note()
        token = _NOTE.set(note)
        status, body, recorded = 500, b"", False

        async def watched(message: dict[str, Any]) -> None:
            nonlocal status, body, recorded
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                if status == 503 and len(body) < 4096:
                    body += message.get("body", b"")
                if not message.get("more_body", False):
                    # counted before the client has its answer: what it does next sees it
                    recorded = True
                    self._record(scope, status, body, time.perf_counter() - start, note)
            await send(message)

        try:
            await self.app(scope, receive, watched)
        finally:
            _NOTE.reset(token)
            if not recorded:
                self._record(scope, status, body, time.perf_counter() - start, note)

    def _route(self, scope: dict[str, Any]) -> str:
        route = scope.get("route")
        path = getattr(route, "path", None)
        if isinstance(path, str):
            return path
        # refused before routing (a body over the limit) or matched by no route
        return scope["path"] if scope["path"] in self._static() else OTHER

    def _record(self, scope: dict[str, Any], status: int, body: bytes, seconds: float,
                note: Note) -> None:
        m, route = self.metrics, self._route(scope)
        # a client may send any token as its method: a label takes only the known ones
        method = scope["method"] if scope["method"] in METHODS else OTHER
        m.request_done(route, method, status)
        reason = _reason(body) if status == 503 else None
        if reason:
            m.unavailable.labels(reason).inc()
        if status == 499:
            m.abandoned.inc()
        if note.wait_s is not None:
            m.wait_seconds.observe(note.wait_s)
        if note.counts:
            m.batch_seconds.observe(seconds)
            m.events_answered(note.counts)
        if route in QUIET and status == 200:
            return
        extra: dict[str, Any] = {
            "route": route, "method": method, "status": status,
            "duration_ms": round(seconds * 1000, 1), "device": note.device, "reason": reason}
        if note.wait_s is not None:
            extra["wait_ms"] = round(note.wait_s * 1000, 1)
        if note.counts:
            extra["events"] = sum(note.counts.values())
            extra.update({r: note.counts.get(r, 0) for r in RESULTS})
        log.log(logging.WARNING if status >= 500 and status != 503 else logging.INFO,
                "request", extra=extra)


def _reason(body: bytes) -> str | None:
    try:
        code = orjson.loads(body).get("code")
    except (orjson.JSONDecodeError, AttributeError):
        return "other"
    # our own codes only: a label is never a value a client chose
    return code if code in ("busy", "conflict", "not_ready", "unavailable") else "other"


def install(app: Any, admission: Admission) -> Metrics:
    """The metrics and the request log around the whole app; call it after every other
    middleware, so that it is the outermost and sees what they refuse too."""
    metrics = app.state.metrics = Metrics(admission, getattr(app.state, "readiness", None))
    cache: list[frozenset[str]] = []

    def static_paths() -> frozenset[str]:
        if not cache:  # the routes are all known by the first request
            cache.append(frozenset(r.path for r in app.routes
                                   if "{" not in getattr(r, "path", "{")))
        return cache[0]

    app.add_middleware(Observer, metrics=metrics, static_paths=static_paths)
    return metrics
