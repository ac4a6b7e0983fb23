"""A raw-TCP virtual thermal printer (port 9100 style) for development, demos and tests.

One connection is one job. While it is open, real-time status requests
(``DLE EOT n``) are answered at once with one Epson status byte each. They are
found by scanning the raw stream as it arrives, so a ``10 04 n`` pair inside
image, QR or barcode data is answered too — real printers do the same, and
clients read only the answers they asked for. (The interpreter, which knows
command boundaries, prints such data as data.) When the client closes, the
job's bytes and a PNG of the printed paper are written to the output
directory — ``job-NNNN.bin`` and ``job-NNNN.png``, each written under a
temporary name and renamed — and only then is the connection closed, so a
client that waits for the close finds the files there. A connection that
sends nothing is not a job.

Fault modes (``mode``, settable while running) play a printer that is out of
paper, has its cover open, hangs, ignores status requests, or drops the
connection mid-job. A stopped printer refuses connections; a new one can be
started on the same port at once.

Threads: one accepts connections, one serves each connection. ``jobs`` is
appended on a connection's thread; ``wait_for_jobs`` and ``on_job`` (called on
that thread) are how other threads learn of it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...atomic_file import atomic_binary, write_bytes
from .interpreter import drawer_pulses, render_escpos

log = logging.getLogger("outlet_pos.printing.virtual")

MODES = ("ok", "paper_out", "cover_open", "hang", "silent", "close_mid_job")
# DLE EOT n answers (Epson): bits 1 and 4 are always set, bits 0 and 7 clear.
# n=1 printer: 0x08 offline. n=2 offline cause: 0x04 cover open, 0x20 stopped by paper end.
# n=3 error cause: none. n=4 roll paper: 0x0C near end, 0x60 paper end.
STATUS = {
    "ok": {1: 0x16, 2: 0x12, 3: 0x12, 4: 0x12},
    "paper_out": {1: 0x1E, 2: 0x32, 3: 0x12, 4: 0x7E},
    "cover_open": {1: 0x1E, 2: 0x16, 3: 0x12, 4: 0x12},
}
_POLL_S = 0.05  # how often blocked threads look at the stop flag
_JOB_FILE = re.compile(r"job-(\d+)\.(?:bin|png)")


@dataclass(frozen=True)
class Job:
    number: int
    bin_path: Path
    png_path: Path | None  # None only if the paper could not be drawn (logged)
    size: int  # bytes received
    drawer_pulses: int = 0  # ESC p in the job: the cash drawer was told to open


class _StatusRequests:
    """Finds ``DLE EOT n`` in a byte stream that arrives in pieces."""

    def __init__(self) -> None:
        self._tail = b""  # an incomplete request at the end of the last piece

    def feed(self, chunk: bytes) -> list[int]:
        data = self._tail + chunk
        found, i = [], 0
        while (k := data.find(b"\x10\x04", i)) >= 0 and k + 2 < len(data):
            found.append(data[k + 2])
            i = k + 3
        if k >= 0 and k + 2 >= len(data):
            self._tail = data[k:]
        elif i < len(data) and data[-1] == 0x10:
            self._tail = b"\x10"
        else:
            self._tail = b""
        return found


class VirtualPrinter:
    """A network thermal printer on ``host:port`` writing each job into ``out_dir``."""

    def __init__(self, out_dir: Path, host: str = "127.0.0.1", port: int = 9100,
                 width_dots: int = 576, mode: str = "ok",
                 on_job: Callable[[Job], None] | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.host, self.port, self.width_dots = host, port, width_dots
        self.mode = mode
        self.close_after = 64  # bytes read in "close_mid_job" mode before the reset
        self.on_job = on_job
        self.jobs: list[Job] = []
        self._cond = threading.Condition()
        self._next = 1
        self._listener: socket.socket | None = None
        self._stopping = threading.Event()
        self._threads: set[threading.Thread] = set()
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()  # guards _threads and _conns

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self._mode = mode  # one reference assignment: atomic for the serving threads

    # -- life cycle --------------------------------------------------------------------------
    def start(self) -> VirtualPrinter:
        """Listen (``port`` 0 picks a free port, then in ``.port``); OSError if it is taken."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        numbers = [int(m.group(1)) for p in self.out_dir.iterdir()
                   if (m := _JOB_FILE.fullmatch(p.name))]
        self._next = max(numbers, default=0) + 1
        # create_server sets SO_REUSEADDR on POSIX (a restart on the same port works at once
        # despite TIME_WAIT) and not on Windows, where it would let two servers share a port.
        self._listener = socket.create_server((self.host, self.port), backlog=16)
        self._listener.settimeout(_POLL_S)
        self.port = self._listener.getsockname()[1]
        self._stopping.clear()
        self._spawn(self._accept, "virtual-printer")
        return self

    def stop(self) -> None:
        """Stop listening, drop open connections, and join every thread (well under 1 s)."""
        self._stopping.set()
        with self._lock:
            conns, threads = list(self._conns), list(self._threads)
        for conn in conns:
            with contextlib.suppress(OSError):  # the client may have closed it already
                conn.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + 1.0
        for t in threads:
            if t is not threading.current_thread():
                t.join(max(0.0, deadline - time.monotonic()))
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def __enter__(self) -> VirtualPrinter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve_forever(self) -> None:
        """Block until ``stop()`` or Ctrl-C (KeyboardInterrupt ends it quietly)."""
        if self._listener is None:
            self.start()
        try:
            while not self._stopping.wait(0.5):  # short waits: Ctrl-C also works on Windows
                pass
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def wait_for_jobs(self, n: int, timeout: float = 5.0) -> list[Job]:
        """The jobs so far, once there are at least ``n`` or ``timeout`` seconds passed."""
        with self._cond:
            self._cond.wait_for(lambda: len(self.jobs) >= n, timeout)
            return list(self.jobs)

    # -- connections -------------------------------------------------------------------------
    def _spawn(self, target: Callable[..., None], name: str, *args: object) -> None:
        t = threading.Thread(target=self._run, args=(target, *args), name=name, daemon=True)
        with self._lock:
            self._threads.add(t)
        t.start()

    def _run(self, target: Callable[..., None], *args: object) -> None:
        try:
            target(*args)
        finally:
            with self._lock:
                self._threads.discard(threading.current_thread())

    def _accept(self) -> None:
        listener = self._listener
        assert listener is not None
        while not self._stopping.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._spawn(self._serve, "virtual-printer-job", conn)

    def _serve(self, conn: socket.socket) -> None:
        with self._lock:
            self._conns.add(conn)
        mode = self.mode
        try:
            conn.settimeout(_POLL_S)
            if mode == "hang":
                self._hang(conn)
                return
            data = self._receive(conn, mode)
            if not data:
                return  # dropped, stopped, or a connection that sent nothing
            if {mode, self.mode} & {"paper_out", "cover_open"}:
                log.info("virtual printer: job of %d bytes not printed (%s)", len(data),
                         self.mode)
                return
            self._write_job(data)  # before the close: a client waiting for it finds the files
        except OSError:
            pass  # the client went away
        finally:
            with self._lock:
                self._conns.discard(conn)
            conn.close()

    def _hang(self, conn: socket.socket) -> None:
        """Never read, never answer; notice only that the client closed or reset."""
        while not self._stopping.wait(_POLL_S):
            with contextlib.suppress(TimeoutError):
                if not conn.recv(1, socket.MSG_PEEK):
                    return

    def _receive(self, conn: socket.socket, mode: str) -> bytes | None:
        """The job's bytes once the client closes; None if it was dropped or we stopped."""
        buf = bytearray()
        requests = _StatusRequests()
        while not self._stopping.is_set():
            want = 65536 if mode != "close_mid_job" else max(1, self.close_after - len(buf))
            try:
                chunk = conn.recv(want)
            except TimeoutError:
                continue
            if not chunk:  # the client closed: the job is complete (unless we are stopping)
                return None if self._stopping.is_set() else bytes(buf)
            buf += chunk
            if mode == "close_mid_job" and len(buf) >= self.close_after:
                _reset(conn)
                return None
            for n in requests.feed(chunk):
                answer = None if self.mode == "silent" else STATUS.get(
                    self.mode, STATUS["ok"]).get(n)
                if answer is not None:
                    conn.sendall(bytes((answer,)))
        return None

    def _write_job(self, data: bytes) -> None:
        with self._cond:
            number = self._next
            self._next += 1
        bin_path = self.out_dir / f"job-{number:04d}.bin"
        png = self.out_dir / f"job-{number:04d}.png"
        png_path: Path | None = png
        write_bytes(bin_path, data, durable=False)  # paper's stand-in: atomic is enough
        try:
            with atomic_binary(png, durable=False) as f:
                render_escpos(data, self.width_dots).save(f, format="PNG")
        except Exception as e:  # never let a drawing bug lose the job's bytes
            log.error("virtual printer job %d: paper not drawn (%s)", number, type(e).__name__)
            png_path = None
        pulses = len(drawer_pulses(data, self.width_dots))
        job = Job(number, bin_path, png_path, len(data), pulses)
        log.info("virtual printer job %d: %d bytes%s", number, len(data),  # never the content
                 f", cash drawer opened ({pulses})" if pulses else "")
        with self._cond:
            self.jobs.append(job)
            self._cond.notify_all()
        if self.on_job is not None:
            try:
                self.on_job(job)
            except Exception as e:  # a broken announcement must not break the printer
                log.error("virtual printer job %d: on_job failed (%s)", number, type(e).__name__)


def _reset(conn: socket.socket) -> None:
    """Close so that the client sees a reset (RST), not an orderly end of the job."""
    linger = struct.pack("HH" if os.name == "nt" else "ii", 1, 0)  # on, 0 s
    with contextlib.suppress(OSError):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
