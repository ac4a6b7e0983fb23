"""Finding thermal printers on USB and matching them against the profiles.

A device counts as a printer when it has a USB printer-class interface (7) or
its vendor/product id is in a profile. Reading ids needs no special rights;
talking to the device may (see the udev rule in printers/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Msg
from .profiles import all_profiles, profiles_for_usb

PRINTER_CLASS = 7


@dataclass(frozen=True)
class UsbPrinter:
    vendor_id: int
    product_id: int
    description: str
    profiles: tuple[str, ...]

    @property
    def connection(self) -> str:
        return f"usb:{self.vendor_id:04x}:{self.product_id:04x}"


def _is_printer(dev: object) -> bool:
    try:
        return any(intf.bInterfaceClass == PRINTER_CLASS
                   for cfg in dev for intf in cfg)  # type: ignore[attr-defined]
    except Exception:  # a device we may not inspect: decide by id alone
        return False


def usb_printers() -> tuple[list[UsbPrinter], Msg | None]:
    """The attached USB printers, and why the list may be incomplete (or None)."""
    try:
        import usb.core
    except ImportError:
        return [], Msg("USB detection needs pyusb")
    try:
        devices = list(usb.core.find(find_all=True))
    except usb.core.NoBackendError:
        return [], Msg("USB detection needs libusb (Linux: apt install libusb-1.0-0)")
    known = {(u.vendor_id, u.product_id): u.seen_as
             for p in all_profiles().values() for u in p.usb}
    found = []
    for dev in devices:
        ids = (dev.idVendor, dev.idProduct)
        if ids in known or _is_printer(dev):
            found.append(UsbPrinter(*ids, known.get(ids, "USB printer class device"),
                                    tuple(p.name for p in profiles_for_usb(*ids))))
    return found, None
