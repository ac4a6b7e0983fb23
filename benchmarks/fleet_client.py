"""The simulated outlets of the fleet benchmark: each sends its backlog as the terminal does.

Bodies are built, gzipped (``wire.encode_batch``) and signed (``wire.sign_headers``)
exactly as ``outlet_pos/sync/client.py`` does, before the release, so the client's CPU
during the run is only moving bytes. Every outlet then sends its batches one after the
other over one keep-alive connection (asyncio: one process, no thread per outlet), with
the terminal's timeouts (``sync.client.TIMEOUT``); a 5xx, 408, 409 or 429 is retried
after the terminal's own wait (``sync.backoff.Backoff``, which honours ``Retry-After``)
and signed again with a fresh nonce, as the client does for every attempt.
"""

from __future__ import annotations

import asyncio
import copy
import gzip
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import orjson

from outlet_pos.domain.waybill import make_waybill
from outlet_pos.protocol import wire
from outlet_pos.sync.backoff import Backoff
from outlet_pos.sync.client import TIMEOUT

PATH = f"{wire.API}/events"
IDLE_S = 5.0  # deploy/haproxy.cfg closes a client's idle connection after 10 s


@dataclass
class SimOutlet:
    number: int
    device_id: str
    seed: bytes
    bodies: list[bytes] = field(default_factory=list)  # gzipped batches, in order
    headers: list[dict[str, str]] = field(default_factory=list)  # signed before release
    event_ids: list[str] = field(default_factory=list)


@dataclass
class Tally:
    """What the outlets saw, all of them together."""

    statuses: Counter[int] = field(default_factory=Counter)
    results: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)  # timeouts, resets, refusals
    request_s: list[float] = field(default_factory=list)     # each answered 200
    batch_s: list[float] = field(default_factory=list)       # first try to applied
    last_applied: float = 0.0


def build_outlet(out: SimOutlet, templates: list[dict[str, Any]], events: int,
                 batch: int) -> None:
    """``events`` shipment.created events of ``out``, copies of real bookings with their
    own ids and this outlet's waybill numbers, as gzipped batches of ``batch``."""
    evs = []
    for i in range(events):
        e = copy.deepcopy(templates[i % len(templates)])
        e["id"] = str(uuid.uuid4())
        b = e["body"]
        b["shipment_id"], b["outlet"], b["terminal"] = str(uuid.uuid4()), out.number, 1
        b["waybill"] = make_waybill(out.number, 1, i + 1)
        evs.append(e)
    out.event_ids = [e["id"] for e in evs]
    for k in range(0, events, batch):
        chunk = evs[k:k + batch]
        # the terminal's audit head goes with every batch (its chain's last link)
        head = {"seq": k + len(chunk), "hash": uuid.uuid4().hex * 2}
        out.bodies.append(wire.encode_batch({"events": chunk, "audit_head": head}))


def sign_all(outlets: list[SimOutlet]) -> None:
    now = int(time.time())
    for o in outlets:
        o.headers = [wire.sign_headers(o.seed, o.device_id, "POST", PATH, body, now)
                     for body in o.bodies]


class Connection:
    """One HTTP/1.1 keep-alive connection, the terminal's timeouts on connect and read."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._r: asyncio.StreamReader | None = None
        self._w: asyncio.StreamWriter | None = None
        self._used = 0.0

    async def post(self, body: bytes, signed: dict[str, str]) -> tuple[int, dict[str, str],
                                                                      bytes]:
        now = time.monotonic()
        if self._w is not None and (self._w.is_closing() or self._r is None
                                    or self._r.at_eof() or now - self._used > IDLE_S):
            # closed by the other end while idle (HAProxy's keep-alive timeout): requests
            # (urllib3) sees a dropped pooled connection the same way and connects again;
            # one idle for nearly that long is not reused, so no FIN races the request
            self.close()
        self._used = now
        if self._w is None:
            self._r, self._w = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port), TIMEOUT[0])
        assert self._r is not None
        head = (f"POST {PATH} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                "User-Agent: outlet-pos-sync\r\nAccept-Encoding: gzip, deflate\r\n"
                "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                f"Content-Length: {len(body)}\r\n"
                + "".join(f"{k}: {v}\r\n" for k, v in signed.items()) + "\r\n")
        self._w.write(head.encode() + body)
        raw = await asyncio.wait_for(self._r.readuntil(b"\r\n\r\n"), TIMEOUT[1])
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {k.strip().lower(): v.strip() for k, _, v in
                  (ln.partition(":") for ln in lines[1:] if ln)}
        if "content-length" in fields:
            payload = await asyncio.wait_for(
                self._r.readexactly(int(fields["content-length"])), TIMEOUT[1])
        elif fields.get("transfer-encoding") == "chunked":
            payload = await asyncio.wait_for(self._chunked(), TIMEOUT[1])
        else:
            payload = await asyncio.wait_for(self._r.read(), TIMEOUT[1])
            fields["connection"] = "close"
        if fields.get("connection", "").lower() == "close":
            self.close()
        if fields.get("content-encoding") == "gzip":  # as requests does, for the results
            payload = gzip.decompress(payload)
        return status, fields, payload

    async def _chunked(self) -> bytes:
        assert self._r is not None
        out = b""
        while True:
            size = int((await self._r.readuntil(b"\r\n")).split(b";")[0], 16)
            out += (await self._r.readexactly(size + 2))[:size]
            if size == 0:
                return out

    def close(self) -> None:
        if self._w is not None:
            self._w.close()
        self._r = self._w = None


async def run_outlet(o: SimOutlet, host: str, port: int, tally: Tally) -> None:
    conn, backoff, loop = Connection(host, port), Backoff(), asyncio.get_running_loop()
    try:
        for k, body in enumerate(o.bodies):
            signed, first = o.headers[k], loop.time()
            while True:
                start = loop.time()
                try:
                    status, fields, payload = await conn.post(body, signed)
                except TimeoutError:
                    tally.failures["client timeout"] += 1
                    conn.close()
                    await asyncio.sleep(backoff.failed())
                except (OSError, asyncio.IncompleteReadError) as e:
                    tally.failures[type(e).__name__] += 1
                    conn.close()
                    await asyncio.sleep(backoff.failed())
                else:
                    tally.statuses[status] += 1
                    if status == 200:
                        end = loop.time()
                        tally.request_s.append(end - start)
                        tally.batch_s.append(end - first)
                        tally.last_applied = max(tally.last_applied, end)
                        tally.results.update(r["result"] for r in
                                             orjson.loads(payload)["results"])
                        backoff.succeeded()
                        break
                    if status < 500 and status not in (408, 409, 429):
                        tally.failures[f"refused {status}: {payload[:80]!r}"] += 1
                        break
                    retry = fields.get("retry-after", "")
                    await asyncio.sleep(backoff.failed(float(retry) if retry.isdecimal()
                                                       else None))
                # every attempt is signed anew (sync/client.py): a nonce is never reused
                signed = wire.sign_headers(o.seed, o.device_id, "POST", PATH, body,
                                           int(time.time()))
    finally:
        conn.close()


async def release(outlets: list[SimOutlet], host: str, port: int, tally: Tally) -> float:
    """Every outlet at once (an outage ends); returns the loop time of the release."""
    start = asyncio.get_running_loop().time()
    await asyncio.gather(*(run_outlet(o, host, port, tally) for o in outlets))
    return start


def one_event_uploads(o: SimOutlet, host: str, port: int, n: int,
                      templates: list[dict[str, Any]], first_seq: int) -> None:
    """``n`` uploads of one event each, one after the other (a normal day)."""
    async def go() -> None:
        conn = Connection(host, port)
        for body in one_event_bodies(o, n, templates, first_seq):
            status, _, payload = await conn.post(body, wire.sign_headers(
                o.seed, o.device_id, "POST", PATH, body, int(time.time())))
            assert status == 200 and orjson.loads(payload)["results"][0]["result"] == \
                "applied", payload[:200]
        conn.close()

    asyncio.run(go())


def one_event_bodies(o: SimOutlet, n: int, templates: list[dict[str, Any]],
                     first_seq: int) -> list[bytes]:
    """``n`` gzipped batches of one shipment.created each, with the terminal's audit head,
    waybills ``first_seq`` onwards."""
    bodies = []
    for i in range(n):
        e = copy.deepcopy(templates[i % len(templates)])
        e["id"] = str(uuid.uuid4())
        b = e["body"]
        b["shipment_id"], b["outlet"], b["terminal"] = str(uuid.uuid4()), o.number, 1
        b["waybill"] = make_waybill(o.number, 1, first_seq + i)
        bodies.append(wire.encode_batch({"events": [e], "audit_head": {
            "seq": first_seq + i, "hash": uuid.uuid4().hex * 2}}))
    return bodies
