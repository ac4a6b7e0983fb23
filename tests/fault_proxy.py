"""A fault-injecting HTTP proxy between the sync client and the central server.

It understands just enough HTTP/1.1 (headers and Content-Length) to act per
request. Faults:

- ``reset_request``: read part of the request, then reset the connection;
- ``reset_after_commit``: forward the request, wait for the server's whole answer
  (so the server has committed), then reset instead of answering;
- ``stall``: hold the request without forwarding until the client gives up;
- ``stall_after_commit``: forward, then hold the answer until the client gives up;
- ``truncate``: forward, then send half the answer and close;
- ``http500`` / ``http503``: answer an error without forwarding.
``refused`` is the proxy being down (``pause``): connections are refused.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable

FAULTS = ("reset_request", "reset_after_commit", "stall", "stall_after_commit", "truncate",
          "http500", "http503")


def _read_message(sock: socket.socket, buf: bytes) -> tuple[bytes, bytes] | None:
    """One HTTP message (headers + Content-Length body) and what is left after it."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return head + b"\r\n\r\n" + rest[:length], rest[length:]


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    def __init__(self, upstream_port: int, choose: Callable[[], str | None],
                 stall_s: float = 2.5) -> None:
        self.upstream_port = upstream_port
        self.choose = choose
        self.stall_s = stall_s
        self.counts: Counter[str] = Counter()
        self._listener: socket.socket | None = None
        self._stop = threading.Event()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", self.port))
        self._listener.listen(16)
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()
        return self

    def pause(self) -> None:
        """Close the listening socket: new connections are refused."""
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
            self._listener.close()
            self._listener = None
            self.counts["refused"] += 1

    def stop(self) -> None:
        self._stop.set()
        self.pause()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buf = b""
        try:
            while True:
                got = _read_message(conn, buf)
                if got is None:
                    conn.close()
                    return
                request, buf = got
                fault = self.choose()
                self.counts[fault or "pass"] += 1
                if not self._one(conn, request, fault):
                    return
        except OSError:
            with contextlib.suppress(OSError):
                conn.close()

    def _one(self, conn: socket.socket, request: bytes, fault: str | None) -> bool:
        """Handle one request; False when the client connection is finished."""
        if fault == "reset_request":
            _reset(conn)
            return False
        if fault in ("http500", "http503"):
            code = fault[4:]
            body = b'{"code":"injected","message":"injected fault"}'
            conn.sendall(f"HTTP/1.1 {code} Injected\r\nContent-Type: application/json\r\n"
                         f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            return True
        if fault == "stall":
            self._stop.wait(self.stall_s)
            conn.close()
            return False
        response = self._forward(request)
        if response is None or fault == "reset_after_commit":
            _reset(conn)
            return False
        if fault == "stall_after_commit":
            self._stop.wait(self.stall_s)
            conn.close()
            return False
        if fault == "truncate":
            conn.sendall(response[: max(1, len(response) // 2)])
            conn.close()
            return False
        conn.sendall(response)
        return True

    def _forward(self, request: bytes) -> bytes | None:
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30) as up:
            up.sendall(request)
            got = _read_message(up, b"")
        return got[0] if got else None


def random_faults(rng: random.Random, rate: float) -> Callable[[], str | None]:
    return lambda: rng.choice(FAULTS) if rng.random() < rate else None
