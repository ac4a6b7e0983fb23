"""The virtual scale: a real pseudo-terminal that answers like a serial scale.

For development, demos, training and the tests: ``start()`` opens a pty and prints
nothing; ``path`` is the device to connect to (``serial:/dev/pts/7``). The weight,
motion, over capacity, under zero, garbage, silence and unplugging are set while it
runs, from code or from control lines (``control("weight 2.350")``), so every answer
and every failure of a real scale can be met without one. The answers are built by
the same module that decodes them (protocols.py).
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..domain.scale_readings import ReadingStatus
from . import protocols

SERIAL_PROTOCOLS = ("mettler-8217", "cas-pd2", "stream")
#: Bytes no protocol here can read: control codes, high bytes, a CR or LF to end "frames".
GARBAGE = b"\x1b\xfe#@!\x15\r\x00~\x02x1,5?\x7f\n"


def parse_weight(text: str) -> int:
    """A weight as a person writes it (``1.5kg``, ``1500g``, ``2.350`` = kg) in grams."""
    t = text.strip().lower().replace(",", ".")
    unit = next((u for u in ("kg", "lb", "oz", "g") if t.endswith(u)), "kg")
    try:
        value = Decimal(t.removesuffix(unit).strip())
    except InvalidOperation:
        raise ValueError(f"not a weight: {text!r} (e.g. 1.5kg, 1500g)") from None
    if not value.is_finite():
        raise ValueError(f"not a weight: {text!r}")
    return int((value * protocols.GRAMS_PER[unit]).to_integral_value())


@dataclass
class ScaleState:
    grams: int = 0
    motion: bool = False
    over: bool = False
    under: bool = False
    tare: int = 0  # grams taken off by ``T`` (CAS): readings are net while it is set
    garbage: bool = False
    silent: bool = False

    @property
    def status(self) -> ReadingStatus:
        if self.over:
            return ReadingStatus.OVER_CAPACITY
        if self.under:
            return ReadingStatus.UNDER_ZERO
        return ReadingStatus.IN_MOTION if self.motion else ReadingStatus.OK

    @property
    def shown(self) -> int:
        return -20 if self.under else self.grams - self.tare


class VirtualScale:
    def __init__(self, protocol: str = "mettler-8217", grams: int = 0, motion: bool = False,
                 interval: float = 0.1, unit: str = "kg") -> None:
        if protocol not in SERIAL_PROTOCOLS:
            raise ValueError(f"protocol must be one of {', '.join(SERIAL_PROTOCOLS)}")
        self.protocol, self.interval, self.unit = protocol, interval, unit
        self.state = ScaleState(grams=grams, motion=motion)
        self.path = ""
        self.commands_seen = 0
        self.frames_sent = 0
        self._sent = threading.Condition()
        self._lock = threading.Lock()
        self._master = self._slave = -1
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- life ------------------------------------------------------------------------------
    def start(self) -> VirtualScale:
        import tty  # POSIX only, like os.openpty: Windows has no pseudo-terminals

        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line editing: bytes as a serial line has them
        os.set_blocking(self._master, False)  # a reader that stops reading never stalls us
        self.path = os.ttyname(self._slave)
        self._thread = threading.Thread(target=self._serve, name="virtual-scale", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
        self._close_fds()

    def unplug(self) -> None:
        """The cable pulled: the pty goes away under whoever has it open."""
        self.stop()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> VirtualScale:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- settings --------------------------------------------------------------------------
    def set(self, **changes: object) -> None:
        with self._lock:
            for name, value in changes.items():
                if not hasattr(self.state, name):
                    raise AttributeError(name)
                setattr(self.state, name, value)

    def control(self, line: str) -> str:
        """One control line; returns what changed, raises ValueError on a line it cannot use.

        ``weight 2.350`` (kg), ``weight 1500g``, ``motion on|off``, ``over``, ``under``,
        ``garbage``, ``silent``, ``ok`` (clears over, under, garbage, silent), ``tare``,
        ``untare``, ``unplug``.
        """
        word, _, arg = line.strip().partition(" ")
        word = word.lower()
        if word == "weight":
            self.set(grams=parse_weight(arg))
        elif word == "motion":
            if arg.strip().lower() not in ("on", "off"):
                raise ValueError("motion on | motion off")
            self.set(motion=arg.strip().lower() == "on")
        elif word in ("over", "under", "garbage", "silent"):
            self.set(**{word: True})
        elif word == "ok":
            self.set(over=False, under=False, garbage=False, silent=False)
        elif word == "tare":
            self.set(tare=self.state.grams)
        elif word == "untare":
            self.set(tare=0)
        elif word == "unplug":
            self.unplug()
        else:
            raise ValueError(f"unknown control {word!r}")
        return self.describe()

    def describe(self) -> str:
        s = self.state
        if not self.running:
            return "unplugged"
        flags = [n for n in ("motion", "over", "under", "garbage", "silent") if getattr(s, n)]
        tare = f" tare {s.tare} g" if s.tare else ""
        return f"{s.grams} g{tare}" + (f" ({', '.join(flags)})" if flags else "")

    # -- the line --------------------------------------------------------------------------
    def answer(self, command: int) -> bytes:
        """The bytes the scale sends for one command byte (b"" for one it ignores)."""
        with self._lock:
            s = self.state
            if s.silent:
                return b""
            if s.garbage:
                return GARBAGE
            if self.protocol == "mettler-8217":
                if command == ord("?") or (command == ord("W") and s.status is not
                                           ReadingStatus.OK):
                    return protocols.encode_8217_status(
                        motion=s.motion, over=s.over, under=s.under, net=bool(s.tare))
                if command == ord("W"):
                    return protocols.encode_8217_weight(s.shown, self.unit)
                return b""
            if self.protocol == "cas-pd2":
                if command == ord("T"):
                    s.tare = s.grams
                if command in (ord("W"), ord("T")):
                    return self._cas_frame(s)
            return b""

    def _cas_frame(self, s: ScaleState) -> bytes:
        status = s.status if s.status is not ReadingStatus.UNDER_ZERO else ReadingStatus.OK
        grams = None if s.over else s.shown
        return protocols.encode_cas22(grams, status, net=bool(s.tare))

    def stream_line(self) -> bytes:
        with self._lock:
            s = self.state
            if s.silent:
                return b""
            if s.garbage:
                return GARBAGE
            status = s.status if s.status is not ReadingStatus.UNDER_ZERO else ReadingStatus.OK
            return protocols.encode_stream_line(None if s.over else s.shown, status,
                                                net=bool(s.tare), unit=self.unit)

    def _serve(self) -> None:
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select([self._master], [], [], self.interval)
                if self._stop.is_set():
                    break
                if self.protocol == "stream":
                    if ready:
                        self._drain()
                    self._send(self.stream_line())
                    continue
                if ready:
                    for command in self._drain():
                        self.commands_seen += 1
                        self._send(self.answer(command))
        except OSError:
            pass  # the fds closed under us: unplugged
        finally:
            self._close_fds()

    def _drain(self) -> bytes:
        try:
            return os.read(self._master, 256)
        except BlockingIOError:
            return b""
        except OSError:
            # EIO: no one has the slave side open right now (we keep it open, so rare).
            return b""

    def _send(self, data: bytes) -> None:
        if data:
            with contextlib.suppress(BlockingIOError):  # nobody reads: the line drops it
                os.write(self._master, data)
                with self._sent:
                    self.frames_sent += 1
                    self._sent.notify_all()

    def wait_sent(self, frames: int, timeout: float) -> bool:
        """Wait until ``frames`` more frames went out (a test's way to let a line fill up)."""
        with self._sent:
            target = self.frames_sent + frames
            return self._sent.wait_for(lambda: self.frames_sent >= target, timeout)

    def _close_fds(self) -> None:
        with self._lock:
            for fd in (self._master, self._slave):
                if fd >= 0:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._master = self._slave = -1
