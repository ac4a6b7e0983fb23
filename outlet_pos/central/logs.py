"""The central server's log: one line per record, JSON (one object a line) or plain text.

Fields: ``time`` (UTC, ms), ``level``, ``event`` (the message), then only the fields of
``FIELDS`` a record carries: the route *template* (never a path: a tracking path holds a
waybill), status, duration_ms, the batch's event counts, the device id (a credential's
name, not a person's) and the reason of a refusal. Nothing a person typed reaches a line:
an exception is written as its type and where it was raised, never its text (a pydantic
error quotes the value it refused, which may be a name or a phone number), and no request
body or header value is ever a field.

``configure("json" | "text")`` is what ``serve --log-format`` calls.
"""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TextIO

import orjson

FIELDS = ("route", "method", "status", "duration_ms", "wait_ms", "events", "applied",
          "duplicate", "rejected", "device", "reason", "drain_s")
FORMATS = ("json", "text")
MAX_EVENT = 300  # characters of a message kept: a line is a fact, not a dump
OURS = ("outlet_pos", "uvicorn", "uvicorn.error")


_last_second: tuple[int, str] = (-1, "")  # the last second written and its text


def _time(record: logging.LogRecord) -> str:
    """``2026-12-03T20:15:04.123Z``; the text of a second is made once (every request
    writes a line; datetime's isoformat was a fifth of a line's cost). The pair is one
    object, read and replaced whole, so a thread never pairs one second with another's
    text."""
    global _last_second
    second, ms = divmod(int(record.created * 1000), 1000)
    last = _last_second
    if last[0] != second:
        last = _last_second = (second, datetime.fromtimestamp(second, UTC).strftime(
            "%Y-%m-%dT%H:%M:%S"))
    return f"{last[1]}.{ms:03d}Z"


def _where(tb: TracebackType | None) -> list[str]:
    """The innermost frames as file:line function, without source text or values."""
    frames = traceback.extract_tb(tb)[-5:]
    return [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in frames]


def fields(record: logging.LogRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"time": _time(record), "level": record.levelname.lower(),
                           "event": record.getMessage()[:MAX_EVENT]}
    for name in FIELDS:
        value = record.__dict__.get(name)
        if value is not None:
            out[name] = value
    if record.exc_info and record.exc_info[0] is not None:
        out["error"] = record.exc_info[0].__name__
        out["where"] = _where(record.exc_info[2])
    return out


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return orjson.dumps(fields(record)).decode()


class TextFormatter(logging.Formatter):
    """``time level event key=value …``: the same fields for a person at a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        f = fields(record)
        head = f"{f.pop('time')} {f.pop('level'):7} {f.pop('event')}"
        return " ".join([head, *(f"{k}={v}" for k, v in f.items())])


def configure(fmt: str = "text", level: int = logging.INFO,
              stream: TextIO | None = None) -> logging.Handler:
    """Our loggers and uvicorn's write through one handler in ``fmt``; uvicorn's access
    log stays off (each request has its own line from ``metrics.Observer``)."""
    if fmt not in FORMATS:
        raise ValueError(f"log format must be one of {', '.join(FORMATS)}")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    for name in OURS:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
    logging.getLogger("uvicorn.access").disabled = True
    return handler
