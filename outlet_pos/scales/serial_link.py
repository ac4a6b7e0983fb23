"""A scale on a serial port (RS-232, USB-serial, a pseudo-terminal), with bounded waits.

pyserial underneath. Every wait is bounded by the read's deadline: a command's answer
gets the profile's ``answer`` timeout and is asked again until ``read`` runs out; a
frame longer than ``MAX_FRAME`` bytes without its terminator is garbage, never a hang.
Every failure is a ``ScaleFault``: the port gone (unplugged), refused (permission),
silent (no answer) or speaking something else (garbage).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable
from typing import Any

from ..domain.scale_readings import Reading, ScaleFault, ScaleFaultKind, frame_hint
from . import protocols
from .base import Weighing
from .profiles import ScaleProfile, SerialLine

try:
    from termios import error as _TermiosError
except ImportError:  # Windows: pyserial does not use termios there
    class _TermiosError(Exception):  # type: ignore[no-redef]
        pass

TICK = 0.05  # the port's read timeout: how late a read may notice its deadline
MAX_FRAME = 64  # the longest frame of any protocol here is 22 bytes
GARBAGE_FRAMES = 3  # undecodable frames in one read before it ends as garbage
_PERMISSION = (errno.EACCES, errno.EPERM)


def _decoder(profile: ScaleProfile) -> tuple[Callable[[bytes], Reading], bytes]:
    """The frame decoder and the frame's last byte for the profile's protocol."""
    if profile.protocol == "mettler-8217":
        return (lambda frame: protocols.decode_8217(frame, profile.unit)), b"\r"
    if profile.protocol == "cas-pd2":
        return protocols.decode_cas22, b"\n"
    if profile.protocol == "stream":
        return protocols.decode_stream_line, b"\n"
    raise ValueError(f"{profile.protocol} is not a serial protocol")


def _is_pty(device: str) -> bool:
    return os.path.realpath(device).startswith(("/dev/pts/", "/dev/ttyp"))


def open_port(device: str, line: SerialLine) -> Any:
    """An open pyserial port, or the ScaleFault that says why not."""
    import serial

    try:
        try:
            return serial.Serial(device, line.baud, bytesize=line.bytesize, parity=line.parity,
                                 stopbits=line.stopbits, timeout=TICK, write_timeout=1.0,
                                 exclusive=True)
        except _TermiosError:
            if not _is_pty(device):
                raise
            # Some kernels refuse 7 data bits or parity on a pseudo-terminal, which has no
            # line to apply them to: the virtual scale's bytes arrive the same in 8N1.
            return serial.Serial(device, line.baud, timeout=TICK, write_timeout=1.0,
                                 exclusive=True)
    except _TermiosError:
        raise ScaleFault(ScaleFaultKind.UNPLUGGED,
                         "the port refuses the profile's line settings") from None
    except serial.SerialException as e:
        code = e.errno if isinstance(e.errno, int) else (e.args[0] if e.args else None)
        if code in _PERMISSION or "ermission" in str(e):
            raise ScaleFault(ScaleFaultKind.PERMISSION, "serial port: access denied") from None
        raise ScaleFault(ScaleFaultKind.UNPLUGGED, "serial port cannot be opened") from None
    except OSError as e:
        kind = ScaleFaultKind.PERMISSION if e.errno in _PERMISSION else ScaleFaultKind.UNPLUGGED
        raise ScaleFault(kind, "serial port cannot be opened") from None


class SerialScale(Weighing):
    """A polled (8217, CAS) or streaming scale on ``device``; opened on the first read."""

    def __init__(self, device: str, profile: ScaleProfile, line: SerialLine | None = None,
                 opener: Callable[[str, SerialLine], Any] = open_port) -> None:
        if profile.serial is None and line is None:
            raise ValueError(f"profile {profile.name} has no serial line settings")
        self.device = device
        self.profile = profile
        self._line = line or profile.serial
        self._decode, self._end = _decoder(profile)
        self._opener = opener
        self._port: Any = None

    @property
    def connection(self) -> str:
        return f"serial:{self.device}"

    def read(self, timeout: float | None = None) -> Reading:
        """The scale's reading now, stable or not; a ScaleFault within ``timeout`` seconds."""
        return self._exchange(self.profile.commands.get("weigh"), timeout, repeat=True)

    def tare(self, timeout: float | None = None) -> Reading:
        """Tare (CAS ``T``) and return the scale's answer: the net reading after the tare.

        Sent once (taring twice at another weight would tare that); ValueError for a
        profile without the command.
        """
        command = self.profile.commands.get("tare")
        if command is None:
            raise ValueError(f"profile {self.profile.name} has no tare command")
        return self._exchange(command, timeout, repeat=False)

    def _exchange(self, command: bytes | None, timeout: float | None, repeat: bool) -> Reading:
        import serial

        limit = self.profile.read_timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        seen = b""  # the last bytes that were no frame, for the fault's detail
        sent, bad = False, 0
        try:
            port = self._open()
            port.reset_input_buffer()  # a stream's old lines, a late answer to an earlier ask
            while (left := deadline - time.monotonic()) > 0:
                wait = left
                if command is not None and (repeat or not sent):
                    port.write(command)
                    port.flush()
                    sent = True
                    wait = min(left, self.profile.answer_timeout) if repeat else left
                frame = self._frame(port, time.monotonic() + wait)
                if not frame:
                    continue
                try:
                    return self._decode(frame[self._frame_start(frame):])
                except ScaleFault:
                    seen = frame  # a stream's first line may be cut: try the next one
                    bad += 1
                    if bad >= GARBAGE_FRAMES:
                        break  # the wrong speed or protocol stays wrong: say so now
        except (serial.SerialException, OSError, _TermiosError):
            self.close()
            raise ScaleFault(ScaleFaultKind.UNPLUGGED, "serial port went away") from None
        if seen:
            raise ScaleFault(ScaleFaultKind.GARBAGE, frame_hint(seen))
        raise ScaleFault(ScaleFaultKind.NO_ANSWER, f"nothing within {limit:.1f} s")

    def _frame(self, port: Any, until: float) -> bytes:
        """Bytes up to the frame's end, MAX_FRAME of them, or what came by ``until``."""
        # The port's own timeout stays at TICK: setting it per read re-applies the line
        # settings (tcsetattr), which some pseudo-terminals refuse.
        buf = b""
        while True:
            buf += bytes(port.read_until(self._end, MAX_FRAME - len(buf)))
            if buf.endswith(self._end) or len(buf) >= MAX_FRAME or time.monotonic() >= until:
                return buf

    def close(self) -> None:
        if self._port is not None:
            with contextlib.suppress(OSError):  # closing a port that is gone
                self._port.close()
            self._port = None

    def _open(self) -> Any:
        if self._port is None:
            assert self._line is not None
            self._port = self._opener(self.device, self._line)
        return self._port

    def _frame_start(self, frame: bytes) -> int:
        # 8217 frames begin with STX; anything before it is noise left on the line.
        if self.profile.protocol == "mettler-8217":
            i = frame.rfind(bytes([protocols.STX]))
            return max(i, 0)
        return 0
