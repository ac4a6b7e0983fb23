"""A raw-TCP virtual thermal printer (port 9100 style) for development, demos and tests.

One connection is one job. Real-time status requests (``DLE EOT n``) are
answered as they arrive, like a real printer; when the client closes, the job's
bytes and a PNG of the printed paper are written to the output directory.
Fault modes let tests play a printer that is out of paper, has its cover
open, hangs, ignores status, or drops the connection mid-job; a stopped
printer refuses connections.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from .interpreter import render_escpos

log = logging.getLogger("outlet_pos.printing.virtual")
MODES = ("ok", "paper_out", "cover_open", "hang", "silent", "close_mid_job")
# Status bytes per DLE EOT n (Epson): bits 1 and 4 always set.
_STATUS = {
    "ok": {1: 0x16, 2: 0x12, 3: 0x12, 4: 0x12},
    "paper_out": {1: 0x1E, 2: 0x32, 3: 0x12, 4: 0x7E},
    "cover_open": {1: 0x1E, 2: 0x16, 3: 0x12, 4: 0x12},
}


@dataclass(frozen=True)
class Job:
    number: int
    bin_path: Path
    png_path: Path
    size: int


class VirtualPrinter:
    def __init__(self, out_dir: Path, host: str = "127.0.0.1", port: int = 9100,
                 width_dots: int = 576, mode: str = "ok") -> None:
        self.out_dir = Path(out_dir)
        self.host, self.port, self.width_dots = host, port, width_dots
        self.mode = mode
        self.close_after = 64
        self.jobs: list[Job] = []
        self._cond = threading.Condition()
        self._sock: socket.socket | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self._next = 1

    # -- life cycle ----------------------------------------------------------------------
    def start(self) -> VirtualPrinter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        existing = [int(p.stem.split("-")[1]) for p in self.out_dir.glob("job-*.bin")
                    if p.stem.split("-")[1].isdigit()]
        self._next = max(existing, default=0) + 1
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((self.host, self.port))
        except OSError:
            s.close()
            raise
        s.listen(8)
        s.settimeout(0.2)
        self._sock = s
        self.port = s.getsockname()[1]
        self._stop.clear()
        t = threading.Thread(target=self._accept, name="virtual-printer", daemon=True)
        t.start()
        self._threads = [t]
        return self

    def stop(self) -> None:
        self._stop.set()
        for c in list(self._clients):
            with contextlib.suppress(OSError):  # already closed by the client
                c.shutdown(socket.SHUT_RDWR)
        for t in self._threads:
            t.join(timeout=2)
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def __enter__(self) -> VirtualPrinter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve_forever(self) -> None:
        try:
            self._stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def wait_for_jobs(self, n: int, timeout: float = 5.0) -> list[Job]:
        with self._cond:
            self._cond.wait_for(lambda: len(self.jobs) >= n, timeout)
            return list(self.jobs)

    # -- connections ---------------------------------------------------------------------
    def _accept(self) -> None:
        assert self._sock is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(t)
            t.start()

    def _serve(self, conn: socket.socket) -> None:
        self._clients.add(conn)
        mode = self.mode
        try:
            if mode == "hang":
                self._stop.wait()  # never reads, never answers
                return
            data = self._receive(conn, mode)
            if data is not None and mode in ("ok", "silent"):
                self._write_job(data)
        except OSError:
            pass
        finally:
            self._clients.discard(conn)
            conn.close()

    def _receive(self, conn: socket.socket, mode: str) -> bytes | None:
        buf = bytearray()
        conn.settimeout(0.2)
        scanned = 0
        while not self._stop.is_set():
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                return bytes(buf)
            buf += chunk
            if mode == "close_mid_job" and len(buf) >= self.close_after:
                # Drop the connection with unread data: the client sees a reset.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00"
                                b"\x00\x00\x00\x00")
                return None
            # Answer every DLE EOT n as it arrives (a pair inside image data is answered
            # too, as real printers do; clients read only the answers they asked for).
            start = max(0, scanned - 2)
            while (k := buf.find(b"\x10\x04", start)) >= 0 and k + 2 < len(buf):
                n = buf[k + 2]
                if mode != "silent" and n in (1, 2, 3, 4):
                    conn.sendall(bytes((_STATUS.get(mode, _STATUS["ok"])[n],)))
                start = k + 3
            scanned = len(buf)
        return None

    def _write_job(self, data: bytes) -> None:
        with self._cond:
            number = self._next
            self._next += 1
        stem = self.out_dir / f"job-{number:04d}"
        bin_path, png_path = stem.with_suffix(".bin"), stem.with_suffix(".png")
        _atomic(bin_path, data)
        tmp = png_path.with_name(png_path.name + ".part")
        render_escpos(data, self.width_dots).save(tmp, format="PNG")
        os.replace(tmp, png_path)
        log.info("virtual printer job %d: %d bytes", number, len(data))
        with self._cond:
            self.jobs.append(Job(number, bin_path, png_path, len(data)))
            self._cond.notify_all()


def _atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
