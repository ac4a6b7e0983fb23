"""What the server reads from a stranger: body sizes and enrollment attempts, checked before
any of it is held in memory.

An ASGI middleware in front of every route refuses a body whose Content-Length is over
the path's limit before reading a byte of it, and counts the bytes of a body without one
(chunked) as they arrive, refusing it the moment it passes the limit. ``inflate`` gunzips
an upload with its own ceiling (a gzip bomb stops there). Each refusal is 413 with the
same Problem body as every other refusal. Enrollment attempts are counted per client
address in this process (429 + Retry-After): an enrollment code is 80 bits, but nobody
should be able to try them at line rate.
"""

from __future__ import annotations

import logging
import math
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.exceptions import HTTPException

log = logging.getLogger("outlet_pos.central")
ENROLL_PATH = "/v1/enroll"
EVENTS_PATH = "/v1/events"


@dataclass(frozen=True)
class Limits:
    """The server's settings for what it accepts (``serve`` takes each as an option).

    A 500-event batch (the client's batch size) is about 1 MB of JSON and a quarter of
    that gzipped; the server takes batches of up to 1000 events with long free texts.
    """

    upload_bytes: int = 4 * 1024 * 1024      # /v1/events as sent (normally gzip)
    inflated_bytes: int = 16 * 1024 * 1024   # /v1/events after gunzip
    other_bytes: int = 64 * 1024             # every other route (enroll is < 1 kB)
    enroll_attempts: int = 10                # per client address ...
    enroll_window_s: float = 60.0            # ... refilled over this many seconds
    inflight_bytes: int = 64 * 1024 * 1024   # bodies being read, all requests together

    def for_path(self, path: str) -> int:
        return self.upload_bytes if path == EVENTS_PATH else self.other_bytes


class BodyTooLarge(HTTPException):
    """An HTTPException so FastAPI's own body reading passes it on unchanged."""

    def __init__(self, limit: int, what: str = "request body") -> None:
        super().__init__(413, f"{what} is larger than the limit of {limit} bytes",
                         headers={"Connection": "close"})


def inflate(raw: bytes, encoding: str | None, limit: int) -> bytes:
    """A body as sent, gunzipped when it says so, never beyond ``limit`` bytes.

    ValueError when malformed; BodyTooLarge when it inflates past the limit."""
    if encoding in (None, "", "identity"):
        if len(raw) > limit:
            raise BodyTooLarge(limit, "decompressed request body")
        return raw
    if encoding != "gzip":
        raise ValueError(f"unsupported Content-Encoding {encoding}")
    d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(raw, limit + 1)
        if len(out) > limit or d.unconsumed_tail:
            raise BodyTooLarge(limit, "decompressed request body")
        out += d.flush()
    except zlib.error as e:
        raise ValueError(f"body is not valid gzip: {e}") from None
    if len(out) > limit:
        raise BodyTooLarge(limit, "decompressed request body")
    if not d.eof:
        raise ValueError("body is not valid gzip: it is cut off")
    return out


class AttemptLimiter:
    """A token bucket per key; ``take`` answers 0 when allowed, else seconds to wait."""

    MAX_KEYS = 10_000

    def __init__(self, attempts: int, window_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._cap, self._rate, self._clock = float(attempts), attempts / window_s, clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> float:
        now = self._clock()
        tokens, last = self._buckets.get(key, (self._cap, now))
        tokens = min(self._cap, tokens + (now - last) * self._rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / self._rate
        if len(self._buckets) >= self.MAX_KEYS and key not in self._buckets:
            self._forget_full(now)
        self._buckets[key] = (tokens - 1, now)
        return 0.0

    def _forget_full(self, now: float) -> None:
        # Addresses whose bucket has refilled carry no information; drop them first, and
        # if a flood of addresses leaves none full, start over rather than grow.
        full = [k for k, (t, last) in self._buckets.items()
                if t + (now - last) * self._rate >= self._cap]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.MAX_KEYS:
            self._buckets.clear()


async def _refuse(send: Any, status: int, code: str, message: str,
                  headers: dict[str, str]) -> None:
    body = orjson.dumps({"code": code, "message": message})
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """ASGI middleware: size limits on every route, the enrollment rate limit."""

    def __init__(self, app: Any, limits: Limits, server_time: Callable[[], int]) -> None:
        self.app, self.limits, self._time = app, limits, server_time
        self.enrollments = AttemptLimiter(limits.enroll_attempts, limits.enroll_window_s)
        # Each body is bounded, but so must be their sum: many connections each just under
        # the limit would still add up. Past it the server is busy (503), not out of memory.
        self.budget = max(limits.inflight_bytes, limits.upload_bytes)
        self.inflight = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        stamp = {"X-Server-Time": str(self._time())}
        limit = self.limits.for_path(scope["path"])
        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None and (not length.isdigit() or int(length) > limit):
            await self._too_large(send, limit, stamp)
            return
        if scope["path"] == ENROLL_PATH and scope["method"] == "POST":
            wait = self.enrollments.take((scope.get("client") or ("?",))[0])
            if wait:
                await _refuse(send, 429, "too_many_attempts", "too many enrollment attempts "
                              "from this address; wait and try again",
                              {**stamp, "Retry-After": str(math.ceil(wait))})
                return
        seen = 0
        over = busy = answered = False

        async def counted() -> Any:
            # Raising here would pass through Starlette's task groups as an exception group;
            # instead the body ends as a disconnect and the app's answer is replaced below.
            nonlocal seen, over, busy
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                n = len(message.get("body", b""))
                seen += n
                self.inflight += n
                if seen > limit or self.inflight > self.budget:
                    over, busy = True, seen <= limit
                    return {"type": "http.disconnect"}
            return message

        async def refuse() -> None:
            nonlocal answered
            answered = True
            if busy:
                await _refuse(send, 503, "busy", "the server is reading too many requests; "
                              "retry", {**stamp, "Retry-After": "1", "Connection": "close"})
            else:
                await self._too_large(send, limit, stamp)

        async def watched(message: Any) -> None:
            if not over:
                await send(message)
            elif message["type"] == "http.response.start" and not answered:
                await refuse()

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not over:
                raise
            log.info("request body refused (%s)", "busy" if busy else "over the limit")
        finally:
            self.inflight -= seen
        if over and not answered:
            await refuse()

    @staticmethod
    async def _too_large(send: Any, limit: int, stamp: dict[str, str]) -> None:
        e = BodyTooLarge(limit)
        await _refuse(send, 413, "too_large", e.detail, {**stamp, **(e.headers or {})})
