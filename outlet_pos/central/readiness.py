"""``GET /v1/ready``: may a load balancer send this process work?

200 ``{"status": "ready"}`` when the database answers within ``timeout_s`` and its schema
is this code's head revision, and the process is not draining; else 503
``{"code": "not_ready", "message": why}``. ``GET /v1/health`` stays the liveness answer
(the process is up), which clients and the doctor read; it does not touch the database.

A check runs at most once per ``cache_s`` and never two at once (a stalled database must
not collect a worker thread per balancer poll): meanwhile the last answer stands, and a
check still waiting after ``timeout_s`` answers "not ready".

Draining: ``serve`` sets ``draining`` on SIGTERM and keeps serving for ``--drain-seconds``
before uvicorn stops accepting, so the balancer sees 503 here and moves new work to the
other processes while this one finishes what it holds.
"""

from __future__ import annotations

import time
from typing import Any

import anyio
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.responses import JSONResponse

from .migrations import current_revision, head_revision


class Readiness:
    def __init__(self, engine: Engine, *, timeout_s: float = 2.0,
                 cache_s: float = 1.0) -> None:
        self.engine, self.timeout_s, self.cache_s = engine, timeout_s, cache_s
        self.draining = False
        self._last: tuple[float, str | None] | None = None  # (when, problem)
        self._running, self._started = False, 0.0

    @property
    def ok(self) -> bool:
        """The last check passed and the process is not draining (the metrics' gauge)."""
        return not self.draining and self._last is not None and self._last[1] is None

    def probe(self) -> str | None:
        """What keeps the database from serving (None: nothing). In a worker thread."""
        try:
            current = current_revision(self.engine)
        except SQLAlchemyError as e:
            return f"the database does not answer ({type(e).__name__})"
        head = head_revision()
        if current != head:
            return f"the database schema is {current or 'unversioned'}, this server needs " \
                f"{head}: run outlet-pos-central db upgrade"
        return None

    def _probe_and_keep(self) -> str | None:
        # in the thread: the answer is kept even when nobody waits for it any more, and
        # only then may the next check start a thread
        problem = self.probe()
        self._last, self._running = (time.monotonic(), problem), False
        return problem

    async def problem(self) -> str | None:
        if self.draining:
            return "draining: this process is stopping"
        now = time.monotonic()
        if self._running:
            if now - self._started > self.timeout_s:
                return "the database does not answer (a check is still waiting)"
            return self._last[1] if self._last else "the database does not answer yet"
        if self._last and now - self._last[0] < self.cache_s:
            return self._last[1]
        self._running, self._started = True, now
        with anyio.move_on_after(self.timeout_s):
            return await anyio.to_thread.run_sync(self._probe_and_keep, abandon_on_cancel=True)
        return f"the database does not answer within {self.timeout_s:g} s"


def install(app: Any, engine: Engine) -> Readiness:
    readiness = app.state.readiness = Readiness(engine)

    @app.get("/v1/ready", tags=["meta"], responses={
        503: {"description": "not ready: the database, its schema or draining"}})
    async def ready() -> JSONResponse:
        problem = await readiness.problem()
        if problem is None:
            return JSONResponse({"status": "ready"})
        return JSONResponse({"code": "not_ready", "message": problem}, status_code=503)

    return readiness
