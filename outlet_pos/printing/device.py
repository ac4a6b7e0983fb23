"""Sending one rendered job to a printer: status check, bytes, confirmation.

Status is asked with real-time ``DLE EOT`` requests before and after the job.
A printer whose profile says it answers status but stays silent has *failed*
(timeout) — it is not "paper OK" the way python-escpos's ``paper_status()``
reports silence. Printers without status (or behind a spooler) are trusted
once the bytes are taken.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..domain.print_faults import FaultKind, PrinterFault
from .connections import Connection
from .profiles import Profile

DLE_EOT = b"\x10\x04"
PRINTER, OFFLINE_CAUSE, PAPER = 1, 2, 4


@dataclass(frozen=True)
class SendReport:
    bytes_sent: int
    status_checked: bool  # False when the printer cannot tell us (spooler, file, no status)
    seconds: float


def _valid(b: int) -> bool:
    """Status bytes have bits 1 and 4 set and bits 0 and 7 clear (Epson ESC/POS)."""
    return b & 0x93 == 0x12


def _ask(conn: Connection, n: int, timeout: float) -> int | None:
    conn.write(DLE_EOT + bytes((n,)))
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        data = conn.read(1, left)
        if not data:
            return None
        if _valid(data[-1]):
            return data[-1]
    return None


def check_status(conn: Connection, timeout: float) -> None:
    """Raise the fault the printer reports; TIMEOUT if it does not answer at all."""
    printer = _ask(conn, PRINTER, timeout)
    if printer is None:
        raise PrinterFault(FaultKind.TIMEOUT, "no answer to a status request")
    cause = _ask(conn, OFFLINE_CAUSE, timeout) or 0x12
    paper = _ask(conn, PAPER, timeout) or 0x12
    if cause & 0x04:
        raise PrinterFault(FaultKind.COVER_OPEN, "cover open")
    if cause & 0x20 or paper & 0x60 == 0x60:
        raise PrinterFault(FaultKind.PAPER_OUT, "paper end")
    if printer & 0x08 or cause & 0x40:
        raise PrinterFault(FaultKind.OFFLINE, "printer offline")


def send(conn: Connection, data: bytes, profile: Profile, status_timeout: float) -> SendReport:
    """Deliver ``data``; raise a classified ``PrinterFault`` when it was not printed."""
    start = time.monotonic()
    ask = profile.status and conn.bidirectional
    conn.open()
    try:
        if ask:
            check_status(conn, status_timeout)
        conn.write(data)
        if ask:
            check_status(conn, status_timeout)  # paper ran out or the cover opened mid-job
        conn.finish()
    finally:
        conn.close()
    return SendReport(len(data), ask, time.monotonic() - start)
