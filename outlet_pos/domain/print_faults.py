"""Printer faults, classified, with a message a clerk understands and the remedy.

Connections raise ``PrinterFault(kind, detail)``; ``detail`` is technical and
never holds personal data. The spool stores the kind and the detail; screens
show ``message`` and ``remedy`` in the user's language. Pure data and texts: the
print service, the doctor and the screens use them without loading a printer driver.
"""

from __future__ import annotations

import sys
from enum import StrEnum

from ..i18n import Msg
from .errors import AppError

#: The Linux udev rule that lets the app's user open USB printers (printers/udev/).
UDEV_RULE = "60-outlet-pos-printers.rules"


class FaultKind(StrEnum):
    NOT_CONFIGURED = "not_configured"
    UNREACHABLE = "unreachable"
    USB_PERMISSION = "usb_permission"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    TIMEOUT = "timeout"
    INTERRUPTED = "interrupted"
    UNSUPPORTED = "unsupported"


_MESSAGES: dict[FaultKind, tuple[Msg, Msg]] = {
    FaultKind.NOT_CONFIGURED: (
        Msg("no printer is set up for this counter"),
        Msg("ask the manager or technician to choose one: outlet-pos printer use …")),
    FaultKind.UNREACHABLE: (
        Msg("the printer cannot be reached"),
        Msg("check that the printer is switched on and its cable (USB or network) is "
            "plugged in, then retry")),
    FaultKind.PAPER_OUT: (
        Msg("the printer is out of paper"),
        Msg("put in a new paper roll, close the cover, then retry")),
    FaultKind.COVER_OPEN: (
        Msg("the printer cover is open"),
        Msg("close the printer cover until it clicks, then retry")),
    FaultKind.OFFLINE: (
        Msg("the printer reports an error"),
        Msg("switch the printer off and on again; if the error light stays on, call the "
            "technician")),
    FaultKind.TIMEOUT: (
        Msg("the printer does not answer"),
        Msg("switch the printer off and on again, wait ten seconds, then retry")),
    FaultKind.INTERRUPTED: (
        Msg("the connection to the printer broke during printing"),
        Msg("check the cable and retry; throw away the half-printed waybill")),
    FaultKind.UNSUPPORTED: (
        Msg("the printer does not support what was sent"),
        Msg("choose the printer's model or a '-raster' profile: outlet-pos printer list")),
}

_USB_REMEDY = {
    "linux": Msg("this user may not use the USB printer: install the udev rule from "
                 "printers/README.md (or the .deb package) and unplug and replug the printer"),
    "win32": Msg("Windows has no access to the printer over USB: use its Windows printer "
                 "(win:NAME) or install the WinUSB driver with Zadig"),
}


class PrinterFault(AppError):
    """A print that did not happen; ``kind`` says why in a way the spool can store.

    ``message`` and ``remedy`` are the kind's; ``str()`` is ``kind: detail`` for the log.
    """

    def __init__(self, kind: FaultKind, detail: str = "") -> None:
        super().__init__(message_for(kind), remedy=remedy_for(kind))
        self.kind = kind
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.detail}" if self.detail else self.kind.value


def message_for(kind: FaultKind | str) -> Msg:
    k = FaultKind(kind)
    if k is FaultKind.USB_PERMISSION:
        return Msg("the printer is plugged in, but this computer may not use it")
    return _MESSAGES[k][0]


def remedy_for(kind: FaultKind | str, platform: str = sys.platform) -> Msg:
    k = FaultKind(kind)
    if k is FaultKind.USB_PERMISSION:
        return _USB_REMEDY["win32" if platform == "win32" else "linux"]
    return _MESSAGES[k][1]
