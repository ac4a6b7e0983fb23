"""POST /v1/events, the route a fleet's load is made of, answered in plain ASGI.

``EventsPath`` sits just inside ``RequestGuard`` (sizes and the in-flight budget) and
``metrics.Observer`` (metrics, the request's log line) and answers POST /v1/events
itself; every other request goes on to the FastAPI app. Starlette's routing, FastAPI's
request handling, the exception and gzip middlewares and anyio's thread hop cost about
0.7 ms of CPU per request, more than a one-event upload's own work: a normal day's
upload, one per booking, paid it each time.

The answers are the ones the route gave: the Problem body (``{"code", "message"}``) with
the same statuses (401/403, 409 for a replay, 413, 422, 503 with Retry-After, 499 when
the client left while its batch waited), the server's time on each and the device's
clock skew once its signature was checked; a large answer is gzipped for a client that
takes it. The route stays in the OpenAPI contract (``contract_route``).

Admission (``admission.py``) comes before anything is read or looked up; the loop only
moves bytes: checking the signature, unzipping, parsing and applying run in one worker
thread once the batch has a slot, so a batch in the waiting room holds its compressed
body only and the loop stays free for other requests.
"""

from __future__ import annotations

import asyncio
import contextvars
import gzip
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request

from ..protocol import wire
from .admission import Admission, busy_body
from .enrollment import Authenticator, AuthError, known_device
from .fleet import HealthRecorder
from .ingest import Conflict, Ingest
from .limits import EVENTS_PATH, BodyTooLarge, Limits, inflate
from .metrics import note_batch, note_wait
from .schemas import Batch

log = logging.getLogger("outlet_pos.central")
KNOWN_DEVICES = 100_000  # a fleet of 8,000 outlets with a few terminals each fits
GZIP_FROM = 2048  # bytes of answer: what the app's GZipMiddleware compresses from

Answer = tuple[int, list[tuple[bytes, bytes]], bytes]


def parse_batch(raw: bytes) -> Batch:
    """The batch, parsed by orjson and its envelope checked by pydantic in Python mode:
    pydantic's JSON mode walked every value of every body (``body: dict[str, Any]``), 3x
    the time of orjson's parse for a batch of 300. Anything orjson or the envelope refuses
    (an integer beyond 64 bits, a lone surrogate, a field out of bounds) goes through
    ``model_validate_json`` as before, so its refusal is worded exactly as it always was."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        data = None
    if isinstance(data, dict):
        try:
            return Batch.model_validate(data)
        except ValidationError:
            pass
    return Batch.model_validate_json(raw)


def problem(status: int, code: str, message: str, *extra: tuple[bytes, bytes]) -> Answer:
    return status, list(extra), orjson.dumps({"code": code, "message": message})


class Upload:
    """The upload's work, shared by the loop (``answer``) and a worker thread
    (``receive``)."""

    def __init__(self, engine: Engine, gate: Authenticator, ingest: Ingest,
                 fleet_health: HealthRecorder, limits: Limits, admission: Admission,
                 server_time: Callable[[], int]) -> None:
        self._engine, self._gate, self._ingest = engine, gate, ingest
        self._health, self._limits, self.admission = fleet_health, limits, admission
        self._time = server_time
        self._known: set[str] = set()  # devices are never deleted: once enrolled, always known
        # one thread per slot: a batch runs only while it holds one (admission.py). Not
        # shut down with the app (a test client starts and stops one app many times): idle
        # workers end when the pool is collected, or are joined at exit.
        self.pool = ThreadPoolExecutor(admission.limits.slots, thread_name_prefix="upload")

    async def known_device(self, headers: Headers) -> None:
        """AuthError unless signed by an enrolled device: a stranger's body is never read,
        whatever its size."""
        if not all(headers.get(h) for h in
                   (wire.H_DEVICE, wire.H_TIME, wire.H_NONCE, wire.H_SIG)):
            raise AuthError("unsigned", "request is not signed by an enrolled device")
        device_id = headers[wire.H_DEVICE]
        if device_id not in self._known:
            await run_in_threadpool(known_device, self._engine, device_id)
            if len(self._known) < KNOWN_DEVICES:
                self._known.add(device_id)

    async def answer(self, scope: dict[str, Any], receive: Any) -> Answer:
        adm = self.admission
        close = not any(k == b"content-length" for k, _v in scope["headers"])
        ticket = adm.enter()
        if ticket is None:
            return self._busy(close)
        async with ticket:
            headers = Headers(scope=scope)
            try:
                await self.known_device(headers)
            except AuthError as e:
                return self._refused(e)
            body = await _body(receive)
            if body is None:
                # An outlet killed or cut off mid-upload: routine, and it retries the batch
                # with the same event ids. Nobody reads this answer (RequestGuard puts its
                # own in place when it cut the body short); the log gets a line.
                log.info("client disconnected before its request body arrived")
                return problem(400, "client_gone", "request body incomplete")
            refused = await ticket.turn(Request(scope, receive).is_disconnected)
            note_wait(ticket.waited_s)
            if refused == "gone":  # nobody would read the answer: the work is not done
                return 499, [], b""
            if refused:
                return self._busy(close)
            path = scope["path"] + (f"?{q.decode('latin-1')}" if (q := scope["query_string"])
                                    else "")
            try:
                return await self._in_worker(headers, scope["method"], path, body)
            except AuthError as e:
                return self._refused(e)
            except BodyTooLarge as e:
                return problem(413, "too_large", e.detail, (b"connection", b"close"))
            except DBAPIError as e:
                # The pool does not ping (db.py): a connection the database dropped fails
                # here once and SQLAlchemy renews the pool; the outlet retries. Any other
                # database error is a 500. The message names no statement and no value.
                if not e.connection_invalidated:
                    raise
                log.warning("database connection lost; the pool is renewed (%s)",
                            type(e.orig).__name__)
                return problem(503, "unavailable", "the database connection was lost; retry",
                               (b"retry-after", b"1"))

    def _in_worker(self, headers: Headers, method: str, path: str,
                   body: bytes) -> asyncio.Future[Answer]:
        """``receive`` in a worker thread, its answer (or exception) handed to the loop by
        ``call_soon_threadsafe``: ``run_in_executor`` chains a second future to the pool's
        and copies its state across, 16 us more a request here (65 against 48)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Answer] = loop.create_future()
        context = contextvars.copy_context()  # the request's note reaches the thread

        def job() -> None:
            try:
                answer = context.run(self.receive, headers, method, path, body)
            except BaseException as e:  # raised again on the loop, as run_in_executor did
                loop.call_soon_threadsafe(_settle, done, done.set_exception, e)
            else:
                loop.call_soon_threadsafe(_settle, done, done.set_result, answer)

        self.pool.submit(job)
        return done

    def receive(self, headers: Headers, method: str, path: str, body: bytes) -> Answer:
        """In a worker thread: the signature, the body, the batch applied; the answer."""
        gate = self._gate
        signed = gate.check(headers, method, path, body)  # no transaction: the one below
        skew = (wire.H_SKEW.lower().encode(), str(signed.skew).encode())
        try:
            raw = inflate(body, headers.get("content-encoding"), self._limits.inflated_bytes)
            batch = parse_batch(raw)
        except (ValueError, ValidationError) as e:
            detail = e.errors()[0] if isinstance(e, ValidationError) else None
            msg = (f"{'.'.join(str(x) for x in detail['loc'])}: {detail['msg']}" if detail
                   else str(e))
            gate.admit_alone(signed)  # revoked or replayed before malformed, as ever
            return problem(422, "invalid", msg, skew)
        events = [{"id": ev.id, "kind": ev.kind, "created_at": ev.created_at, "body": ev.body}
                  for ev in batch.events]
        head = batch.audit_head.model_dump() if batch.audit_head else None
        try:
            dev, results = self._ingest.receive(signed, events, head)
        except Conflict:
            gate.admit_alone(signed)  # the batch rolled back, its nonce stays spent
            return problem(503, "conflict", "another instance wrote the same events; retry",
                           (b"retry-after", b"1"), skew)
        self._health.note(dev.id, batch.health)  # after the events: it never fails them
        note_batch(dev.id, results)  # for the request's log line and the metrics
        # the results are ours and already in BatchResponse's shape: no second validation
        answer = orjson.dumps({"results": results, "server_time": self._time()})
        extra = [skew]
        if len(answer) >= GZIP_FROM and b"gzip" in (headers.get("accept-encoding") or
                                                     "").encode():
            answer = gzip.compress(answer, compresslevel=6)
            extra += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
        return 200, extra, answer

    def _refused(self, e: AuthError) -> Answer:
        return problem(409 if e.code == "replay" else e.status, e.code, e.message)

    def _busy(self, close: bool) -> Answer:
        """The 503 of a batch turned away (``admission.busy_body``)."""
        retry = self.admission.retry_after()
        extra = [(b"retry-after", str(retry).encode())]
        if close:
            extra.append((b"connection", b"close"))
        return 503, extra, busy_body(retry)


def _settle(done: asyncio.Future[Answer], settle: Callable[[Any], None], value: Any) -> None:
    if not done.done():  # else its request was cancelled meanwhile
        settle(value)


async def _body(receive: Any) -> bytes | None:
    """The whole request body; None when the client went away before its end (or
    RequestGuard cut it short)."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


class EventsPath:
    """ASGI middleware: POST /v1/events answered by ``upload``; the rest to the app."""

    def __init__(self, app: Any, upload: Upload, route: Any,
                 server_time: Callable[[], int]) -> None:
        self.app, self.upload, self.route, self._time = app, upload, route, server_time

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != EVENTS_PATH or \
                scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        scope["route"] = self.route  # the metrics' label, as routing would have set it
        status, extra, body = await self.upload.answer(scope, receive)
        headers = [(b"content-length", str(len(body)).encode()),
                   (b"content-type", b"application/json"),
                   (wire.H_SERVER_TIME.lower().encode(), str(self._time()).encode()), *extra]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
