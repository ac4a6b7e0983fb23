"""Printer connections behind one small interface, each with short bounded timeouts.

A connection string names the printer: ``usb:VID:PID``, ``net:HOST[:PORT]``,
``serial:DEV[@BAUD]``, ``win:NAME`` (Windows spooler, raw), ``cups:NAME``
(CUPS ``lp -o raw``) or ``file:PATH``. Every failure becomes a ``PrinterFault``
with its class. A clerk waits seconds, not python-escpos's 60 s default: a
printer that does not connect in 3 s or stalls a write for 5 s has failed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Protocol

from ..domain.errors import ValidationError
from ..domain.print_faults import FaultKind, PrinterFault
from ..i18n import Msg
from .profiles import Profile

KINDS = ("usb", "net", "serial", "win", "cups", "file")
RAW_PORT = 9100


@dataclass(frozen=True)
class Timeouts:
    connect: float = 3.0
    stall: float = 5.0  # no progress on a write for this long = the printer hangs
    status: float = 0.8  # a printer that answers status does so within milliseconds
    finish: float = 2.0


@dataclass(frozen=True)
class Spec:
    kind: str
    target: str
    port: int = RAW_PORT
    baud: int = 9600

    def __str__(self) -> str:
        if self.kind == "net":
            return f"net:{self.target}:{self.port}"
        if self.kind == "serial" and self.baud != 9600:
            return f"serial:{self.target}@{self.baud}"
        return f"{self.kind}:{self.target}"


def parse(text: str) -> Spec:
    """Check a connection string and return its parts (errors name the fix)."""
    kind, sep, rest = (text or "").strip().partition(":")
    kind = kind.lower()
    usage = Msg("must look like usb:VID:PID, net:HOST:PORT, serial:DEV, win:NAME, cups:NAME "
                "or file:PATH")
    if not sep or kind not in KINDS or not rest:
        raise ValidationError(("connection", usage))
    if kind == "usb":
        parts = rest.split(":")
        try:
            vid, pid = (int(p, 16) for p in parts)
        except ValueError:
            raise ValidationError(("connection", Msg(
                "usb needs vendor and product id in hex, e.g. usb:0416:5011"))) from None
        if not (0 <= vid <= 0xFFFF and 0 <= pid <= 0xFFFF):
            raise ValidationError(("connection", Msg(
                "usb needs vendor and product id in hex, e.g. usb:0416:5011")))
        return Spec("usb", f"{vid:04x}:{pid:04x}")
    if kind == "net":
        if rest.startswith("["):  # [IPv6]:PORT
            host, _, tail = rest[1:].partition("]")
            port = tail.removeprefix(":") or str(RAW_PORT)
        elif rest.count(":") == 1:
            host, port = rest.split(":")
        else:  # a bare host name, IPv4 or IPv6 address
            host, port = rest, str(RAW_PORT)
        if not host or not port.isdecimal() or not 1 <= int(port) <= 65535:
            raise ValidationError(("connection", Msg(
                "net needs a host and a port, e.g. net:192.168.1.50:9100")))
        return Spec("net", host, port=int(port))
    if kind == "serial":
        dev, _, baud = rest.partition("@")
        if baud and not baud.isdecimal():
            raise ValidationError(("connection", Msg(
                "serial speed must be a number, e.g. serial:/dev/ttyUSB0@9600")))
        return Spec("serial", dev, baud=int(baud or 9600))
    return Spec(kind, rest)


class Connection(Protocol):
    bidirectional: bool  # can the printer answer status requests over it?

    def open(self) -> None: ...
    def write(self, data: bytes) -> None: ...
    def read(self, n: int, timeout: float) -> bytes: ...  # b"" when nothing came in time
    def finish(self) -> None: ...  # the device has taken everything, or a fault
    def close(self) -> None: ...


class NetConnection:
    """Raw TCP (port 9100), the way network thermal printers take jobs."""

    bidirectional = True

    def __init__(self, spec: Spec, t: Timeouts) -> None:
        self._addr = (spec.target, spec.port)
        self._t = t
        self._sock: socket.socket | None = None

    def open(self) -> None:
        try:
            self._sock = socket.create_connection(self._addr, timeout=self._t.connect)
        except TimeoutError:
            raise PrinterFault(FaultKind.UNREACHABLE, "connect timed out") from None
        except OSError as e:
            raise PrinterFault(FaultKind.UNREACHABLE, f"connect: {_err(e)}") from None
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _s(self) -> socket.socket:
        assert self._sock is not None, "open() first"
        return self._sock

    def write(self, data: bytes) -> None:
        s = self._s()
        s.settimeout(self._t.stall)
        view = memoryview(data)
        try:
            while view:
                sent = s.send(view[:16384])
                view = view[sent:]
        except TimeoutError:
            raise PrinterFault(FaultKind.TIMEOUT, "write stalled") from None
        except OSError as e:
            raise PrinterFault(FaultKind.INTERRUPTED, f"write: {_err(e)}") from None

    def read(self, n: int, timeout: float) -> bytes:
        s = self._s()
        s.settimeout(timeout)
        try:
            data = s.recv(n)
        except TimeoutError:
            return b""
        except OSError as e:
            raise PrinterFault(FaultKind.INTERRUPTED, f"read: {_err(e)}") from None
        if not data:
            raise PrinterFault(FaultKind.INTERRUPTED, "printer closed the connection")
        return data

    def finish(self) -> None:
        """Half-close and wait for the printer to close: a reset means the job broke."""
        s = self._s()
        try:
            s.shutdown(socket.SHUT_WR)
            s.settimeout(self._t.finish)
            while s.recv(64):
                pass  # late status bytes
        except TimeoutError:
            pass  # printers may keep the connection open; everything was sent
        except OSError as e:
            raise PrinterFault(FaultKind.INTERRUPTED, f"finish: {_err(e)}") from None

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


class UsbConnection:
    """Direct USB through pyusb/libusb (no OS printer driver in between)."""

    bidirectional = True

    def __init__(self, spec: Spec, t: Timeouts, profile: Profile | None) -> None:
        vid, pid = (int(x, 16) for x in spec.target.split(":"))
        self._ids = (vid, pid)
        known = [u for u in (profile.usb if profile else ())
                 if (u.vendor_id, u.product_id) == self._ids]
        self._out_ep = known[0].out_ep if known else None
        self._in_ep = known[0].in_ep if known else None
        self._t = t
        self._dev: Any = None

    def open(self) -> None:
        try:
            import usb.core
            import usb.util
        except ImportError:
            raise PrinterFault(FaultKind.UNSUPPORTED, "pyusb not installed") from None
        try:
            dev = usb.core.find(idVendor=self._ids[0], idProduct=self._ids[1])
        except usb.core.NoBackendError:
            raise PrinterFault(FaultKind.UNSUPPORTED, "libusb is not installed") from None
        if dev is None:
            raise PrinterFault(FaultKind.UNREACHABLE, "usb device not found")
        try:
            if sys.platform != "win32" and dev.is_kernel_driver_active(0):
                dev.detach_kernel_driver(0)
            try:
                dev.set_configuration()
            except usb.core.USBError as e:
                if e.errno != errno.EBUSY:
                    raise
            intf = dev.get_active_configuration()[(0, 0)]
        except usb.core.USBError as e:
            raise _usb_fault(e, "open") from None
        if self._out_ep is None or self._in_ep is None:
            for ep in intf:
                d = usb.util.endpoint_direction(ep.bEndpointAddress)
                if d == usb.util.ENDPOINT_OUT and self._out_ep is None:
                    self._out_ep = ep.bEndpointAddress
                elif d == usb.util.ENDPOINT_IN and self._in_ep is None:
                    self._in_ep = ep.bEndpointAddress
        if self._out_ep is None:
            raise PrinterFault(FaultKind.UNSUPPORTED, "usb device has no OUT endpoint")
        self.bidirectional = self._in_ep is not None
        self._dev = dev

    def write(self, data: bytes) -> None:
        import usb.core

        try:
            for i in range(0, len(data), 4096):
                self._dev.write(self._out_ep, data[i:i + 4096],
                                timeout=int(self._t.stall * 1000))
        except usb.core.USBTimeoutError:
            raise PrinterFault(FaultKind.TIMEOUT, "usb write stalled") from None
        except usb.core.USBError as e:
            raise _usb_fault(e, "write") from None

    def read(self, n: int, timeout: float) -> bytes:
        import usb.core

        try:
            return bytes(self._dev.read(self._in_ep, max(n, 64), timeout=int(timeout * 1000)))
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError as e:
            raise _usb_fault(e, "read") from None

    def finish(self) -> None:
        pass  # a bulk write returns once the device accepted the data

    def close(self) -> None:
        if self._dev is not None:
            import usb.util

            usb.util.dispose_resources(self._dev)
            self._dev = None


def _usb_fault(e: Any, where: str) -> PrinterFault:
    if e.errno in (errno.EACCES, errno.EPERM):
        return PrinterFault(FaultKind.USB_PERMISSION, f"usb {where}: access denied")
    if e.errno in (errno.ENODEV, errno.ENOENT, errno.EIO):
        return PrinterFault(FaultKind.INTERRUPTED, f"usb {where}: device gone")
    if e.errno == errno.ETIMEDOUT:
        return PrinterFault(FaultKind.TIMEOUT, f"usb {where}: timed out")
    return PrinterFault(FaultKind.UNREACHABLE, f"usb {where}: errno {e.errno}")


class SerialConnection:
    bidirectional = True

    def __init__(self, spec: Spec, t: Timeouts) -> None:
        self._spec = spec
        self._t = t
        self._port: Any = None

    def open(self) -> None:
        import serial

        try:
            self._port = serial.Serial(self._spec.target, self._spec.baud, timeout=self._t.status,
                                       write_timeout=self._t.stall)
        except serial.SerialException as e:
            inner = e.args[0] if e.args else 0
            if (isinstance(inner, int) and inner in (errno.EACCES, errno.EPERM)) \
                    or "ermission" in str(e):
                raise PrinterFault(FaultKind.USB_PERMISSION, "serial port: access denied") \
                    from None
            raise PrinterFault(FaultKind.UNREACHABLE, "serial port cannot be opened") from None

    def write(self, data: bytes) -> None:
        import serial

        try:
            self._port.write(data)
            self._port.flush()
        except serial.SerialTimeoutException:
            raise PrinterFault(FaultKind.TIMEOUT, "serial write stalled") from None
        except (serial.SerialException, OSError):
            raise PrinterFault(FaultKind.INTERRUPTED, "serial write failed") from None

    def read(self, n: int, timeout: float) -> bytes:
        self._port.timeout = timeout
        return bytes(self._port.read(n))

    def finish(self) -> None:
        pass

    def close(self) -> None:
        if self._port is not None:
            self._port.close()
            self._port = None


class _Buffered:
    """Connections that hand the whole job over at once (spooler, lp)."""

    bidirectional = False

    def __init__(self) -> None:
        self._buf = bytearray()

    def write(self, data: bytes) -> None:
        self._buf += data

    def read(self, n: int, timeout: float) -> bytes:
        return b""

    def close(self) -> None:
        self._buf.clear()


class WinSpoolConnection(_Buffered):
    """A Windows printer queue, sent RAW so the driver passes ESC/POS through untouched."""

    def __init__(self, spec: Spec) -> None:
        super().__init__()
        self._name = spec.target

    def open(self) -> None:
        if sys.platform != "win32":
            raise PrinterFault(FaultKind.UNSUPPORTED, "the Windows spooler exists only on Windows")

    def finish(self) -> None:  # pragma: no cover - Windows only
        import win32print

        try:
            h = win32print.OpenPrinter(self._name)
        except Exception:
            raise PrinterFault(FaultKind.UNREACHABLE, "no such Windows printer") from None
        try:
            win32print.StartDocPrinter(h, 1, ("Outlet POS", None, "RAW"))
            win32print.StartPagePrinter(h)
            win32print.WritePrinter(h, bytes(self._buf))
            win32print.EndPagePrinter(h)
            win32print.EndDocPrinter(h)
        except Exception:
            raise PrinterFault(FaultKind.INTERRUPTED, "spooler refused the job") from None
        finally:
            win32print.ClosePrinter(h)


class CupsConnection(_Buffered):
    """A CUPS queue through ``lp -o raw``: CUPS does the USB or network part."""

    def __init__(self, spec: Spec, t: Timeouts) -> None:
        super().__init__()
        self._name = spec.target
        self._t = t
        self._lp: str | None = None

    def open(self) -> None:
        self._lp = shutil.which("lp")
        if self._lp is None:
            raise PrinterFault(FaultKind.UNSUPPORTED, "lp (cups-client) is not installed")

    def finish(self) -> None:
        assert self._lp is not None  # open() found it
        try:
            r = subprocess.run(  # noqa: S603 - fixed program, queue name as one argument
                [self._lp, "-d", self._name, "-o", "raw", "-t", "outlet-pos", "-"],
                input=bytes(self._buf), capture_output=True, timeout=self._t.stall * 2,
                check=False)
        except subprocess.TimeoutExpired:
            raise PrinterFault(FaultKind.TIMEOUT, "lp did not return") from None
        if r.returncode != 0:
            raise PrinterFault(FaultKind.UNREACHABLE, f"lp exit {r.returncode}")


class FileConnection:
    """A file or a device node (``/dev/usb/lp0``); also how tests capture bytes."""

    bidirectional = False

    def __init__(self, spec: Spec) -> None:
        self._path = spec.target
        self._f: Any = None

    def open(self) -> None:
        try:
            self._f = open(self._path, "ab")  # noqa: SIM115 - closed in close()
        except PermissionError:
            raise PrinterFault(FaultKind.USB_PERMISSION, "file: access denied") from None
        except OSError as e:
            raise PrinterFault(FaultKind.UNREACHABLE, f"file: {_err(e)}") from None

    def write(self, data: bytes) -> None:
        try:
            self._f.write(data)
            self._f.flush()
        except OSError as e:
            raise PrinterFault(FaultKind.INTERRUPTED, f"file: {_err(e)}") from None

    def read(self, n: int, timeout: float) -> bytes:
        return b""

    def finish(self) -> None:
        with contextlib.suppress(OSError):  # device nodes cannot fsync
            os.fsync(self._f.fileno())

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None


def _err(e: OSError) -> str:
    return errno.errorcode.get(e.errno or 0, type(e).__name__)


def connect(spec: Spec | str, profile: Profile | None = None,
            timeouts: Timeouts = Timeouts()) -> Connection:
    s = parse(spec) if isinstance(spec, str) else spec
    if s.kind == "net":
        return NetConnection(s, timeouts)
    if s.kind == "usb":
        return UsbConnection(s, timeouts, profile)
    if s.kind == "serial":
        return SerialConnection(s, timeouts)
    if s.kind == "win":
        return WinSpoolConnection(s)
    if s.kind == "cups":
        return CupsConnection(s, timeouts)
    return FileConnection(s)
