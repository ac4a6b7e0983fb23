"""Admission control for uploads: how many batches one server process takes on at once.

A batch is *in progress* while it holds a slot (its signature checked, its body unzipped,
parsed and applied in a worker thread); at most ``slots`` do. Behind them is a short
*waiting room* of ``room`` batches whose compressed body is being read or has been read
and waits for a slot; a waiting batch holds its compressed body only, never a parsed one.
A batch beyond both is refused at once, before a byte of its body is read: 503
``{"code": "busy"}`` with a ``Retry-After`` sized from the queue. So memory per process is
bounded (``slots`` parsed batches + ``room`` compressed bodies) whatever the number of
outlets knocking, and a client that is refused learns when to come back instead of
waiting for its read timeout.

Retry-After is an appointment: a process serves about ``slots / mean batch time`` batches
a second, so each refused client is given the next free moment of a schedule spaced by
``mean batch time / slots`` (a third overbooked), after the batches admitted now have
drained (1..60 s, with a jitter inside each client's own turn), and never more clients in
one second than the slots and the room take at once (Retry-After is whole seconds, so
those booked for one second come together). The refused come back spread out at about the rate
the process serves them: fed, never flooded, and not idle while they wait. Behind a load
balancer each process books its own refusals, so their sum matches the processes' sum.

A batch waits at most ``max_wait_s`` for a slot (then it is refused the same way), and a
batch whose client went away while it waited is not run.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import orjson

MIN_RETRY_S, MAX_RETRY_S = 1, 60
# Appointments a little closer than the batches are served: clients come late by a random
# part of a second (and some not at all), and a slot left empty is capacity lost for good,
# where a client refused once more costs a few microseconds and a new appointment.
OVERBOOK = 4 / 3


@dataclass(frozen=True)
class AdmissionLimits:
    """``serve --max-batches --waiting-room --max-wait`` (see ``cli``).

    ``slots`` matches the database pool (5 on PostgreSQL, ``db.make_engine``): each batch
    in progress holds one connection, and a sixth would wait for one while holding its
    parsed batch."""

    slots: int = 5
    # at least a second's worth of batches: the clients booked for one second come together
    # (a process on PostgreSQL serves 15-25 batches of 300 events a second on a free core)
    room: int = 20
    max_wait_s: float = 10.0

    def __post_init__(self) -> None:
        if self.slots < 1 or self.room < 0 or self.max_wait_s <= 0:
            raise ValueError("admission needs at least one slot, a room of 0 or more and a "
                             "positive wait")


class Admission:
    """The counters of one process. Used from its event loop only (no lock needed)."""

    def __init__(self, limits: AdmissionLimits | None = None, *,
                 rng: random.Random | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits or AdmissionLimits()
        self.running = 0    # batches holding a slot
        self.admitted = 0   # batches in progress or in the waiting room
        self.mean_s = 0.25  # recent mean time a batch holds a slot (first guess)
        self._queue: deque[asyncio.Future[None]] = deque()
        self._next = 0.0  # the schedule's next free moment (clock time) for a refused batch
        self._rng, self._clock = rng or random.Random(), clock  # noqa: S311 - jitter

    @property
    def waiting(self) -> int:
        return self.admitted - self.running

    # ------------------------------------------------------------ the door
    def enter(self) -> Ticket | None:
        """A place for one batch, or None (refuse it: ``retry_after``) when all are taken."""
        if self.admitted >= self.limits.slots + self.limits.room:
            return None
        self.admitted += 1
        return Ticket(self)

    def retry_after(self) -> int:
        """Seconds a refused client should wait: its appointment (see the module's
        docstring), 1..60. Each call books one."""
        now = self._clock()
        # Retry-After is whole seconds, so the clients booked for one second come together:
        # never more in a second than the slots and the room can take at once
        interval = max(self.mean_s / self.limits.slots / OVERBOOK,
                       1 / (self.limits.slots + self.limits.room))
        at = max(self._next, now + self.admitted * interval)
        # a schedule past the clamp books nothing: those clients all come at 60 s anyway
        self._next = min(at + interval, now + MAX_RETRY_S)
        wait = at - now + self._rng.uniform(0, interval)  # jitter inside its own turn
        return max(MIN_RETRY_S, min(MAX_RETRY_S, math.ceil(wait)))

    # ------------------------------------------------------------ slots
    async def _acquire(self, timeout: float) -> bool | None:
        """True once a slot is held after a wait, None when one was free at once, False
        when none came within ``timeout``."""
        if self.running < self.limits.slots and not self._queue:
            self.running += 1
            return None
        # FIFO: a released slot is handed to the oldest waiter (``_release``), so
        # ``running`` stays at ``slots`` while anyone waits.
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append(fut)
        try:
            async with asyncio.timeout(timeout):
                await fut
            return True
        except TimeoutError:
            return self._handed(fut)
        except asyncio.CancelledError:
            if self._handed(fut):
                self._release()
            raise

    def _handed(self, fut: asyncio.Future[None]) -> bool:
        """After a wait ended early: True if a slot was handed over at the last moment."""
        if fut.done() and not fut.cancelled():
            return True
        fut.cancel()
        if fut in self._queue:
            self._queue.remove(fut)
        return False

    def _release(self) -> None:
        while self._queue:
            fut = self._queue.popleft()
            if not fut.done():
                fut.set_result(None)
                return
        self.running -= 1

    def _took(self, seconds: float) -> None:
        self.mean_s += 0.1 * (seconds - self.mean_s)  # EWMA over the last ~10 batches


class Ticket:
    """One admitted batch: ``async with`` it, read its body, then ``await turn(request)``."""

    def __init__(self, admission: Admission) -> None:
        self._adm = admission
        self._slot_at: float | None = None
        self.waited_s = 0.0

    async def turn(self, disconnected: Callable[[], Any]) -> str | None:
        """Wait for a slot. None when the batch may run now; else why not: ``"busy"``
        (no slot within ``max_wait_s``) or ``"gone"`` (its client left while it waited;
        ``disconnected`` is e.g. ``request.is_disconnected``)."""
        adm = self._adm
        start = adm._clock()
        got = await adm._acquire(adm.limits.max_wait_s)
        self.waited_s = adm._clock() - start
        if got is False:
            return "busy"
        self._slot_at = adm._clock()  # held from here: released on exit whatever happens
        # a batch that found a slot free has just had its last byte from a client that
        # was there: asking again costs more than it could tell
        if got and await disconnected():
            self._slot_at = None
            adm._release()  # not counted in the mean: nothing was done
            return "gone"
        self._slot_at = adm._clock()
        return None

    async def __aenter__(self) -> Ticket:
        return self

    async def __aexit__(self, _t: type[BaseException] | None, _e: BaseException | None,
                        _tb: TracebackType | None) -> None:
        adm = self._adm
        if self._slot_at is not None:
            adm._took(adm._clock() - self._slot_at)
            self._slot_at = None
            adm._release()
        adm.admitted -= 1


def busy_body(retry_after: int) -> bytes:
    """The Problem body of a batch turned away (503, ``Retry-After: retry_after``). A
    refused body with a Content-Length is drained and dropped by the HTTP server, keeping
    the connection for the client's retry and letting it read the answer before its send
    fails; one of unknown length (chunked) is answered with ``Connection: close``."""
    return orjson.dumps({"code": "busy", "message": "the server has too many batches in "
                         f"progress; retry in {retry_after} s"})
