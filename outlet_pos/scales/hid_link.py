"""USB HID POS scales through hidapi: a thin adapter over ``protocols.decode_hid_report``.

The scale sends a 6-byte scale data report whenever it has something to say (most
send one every few hundred milliseconds); ``read`` takes the newest within the
timeout. ``hid_scales`` lists what is attached on usage page 0x8D (or known by its
USB id) for ``scale list`` and the set-up's detection.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Any

from ..domain.scale_readings import Reading, ScaleFault, ScaleFaultKind, frame_hint
from . import protocols
from .base import Weighing
from .profiles import ScaleProfile, profiles_for_hid


@dataclass(frozen=True, slots=True)
class HidScaleSeen:
    vendor_id: int
    product_id: int
    product: str
    path: str

    @property
    def connection(self) -> str:
        return f"hid:{self.vendor_id:04x}:{self.product_id:04x}"


def _hid() -> Any:
    import hid

    return hid


def hid_scales() -> tuple[list[HidScaleSeen], str | None]:
    """The HID scales attached, and a problem (no hidapi, no access) instead of a crash."""
    try:
        devices = _hid().enumerate()
    except (ImportError, OSError) as e:
        return [], f"hidapi: {type(e).__name__}"
    seen: list[HidScaleSeen] = []
    for d in devices:
        vid, pid = int(d.get("vendor_id", 0)), int(d.get("product_id", 0))
        if d.get("usage_page") == protocols.HID_USAGE_PAGE_SCALE or profiles_for_hid(vid, pid):
            path = d.get("path", b"")
            seen.append(HidScaleSeen(vid, pid, str(d.get("product_string") or ""),
                                     path.decode("ascii", "replace")
                                     if isinstance(path, bytes) else str(path)))
    return seen, None


class HidScale(Weighing):
    """A HID POS scale by USB id; opened on the first read, closed on a fault."""

    def __init__(self, vendor_id: int, product_id: int, profile: ScaleProfile,
                 hid_module: Any = None) -> None:
        self.vendor_id, self.product_id = vendor_id, product_id
        self.profile = profile
        self._hid_module = hid_module
        self._dev: Any = None

    @property
    def connection(self) -> str:
        return f"hid:{self.vendor_id:04x}:{self.product_id:04x}"

    def read(self, timeout: float | None = None) -> Reading:
        limit = self.profile.read_timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        dev = self._open()
        seen = b""
        try:
            while (left := deadline - time.monotonic()) > 0:
                report = bytes(dev.read(8, max(int(left * 1000), 1)))
                if not report:
                    continue
                try:
                    return protocols.decode_hid_report(report)
                except ScaleFault:
                    seen = report  # another report id (some scales send several): next
        except (OSError, ValueError):
            self.close()
            raise ScaleFault(ScaleFaultKind.UNPLUGGED, "HID scale went away") from None
        if seen:
            raise ScaleFault(ScaleFaultKind.GARBAGE, frame_hint(seen))
        raise ScaleFault(ScaleFaultKind.NO_ANSWER, f"no report within {limit:.1f} s")

    def close(self) -> None:
        if self._dev is not None:
            with contextlib.suppress(OSError):
                self._dev.close()
            self._dev = None

    def _open(self) -> Any:
        if self._dev is not None:
            return self._dev
        hid = self._hid_module or _hid()
        dev = hid.device()
        try:
            dev.open(self.vendor_id, self.product_id)
        except OSError:
            # hidapi says only "open failed": present but refused is a permission problem.
            present = any(int(d.get("vendor_id", 0)) == self.vendor_id
                          and int(d.get("product_id", 0)) == self.product_id
                          for d in hid.enumerate())
            raise ScaleFault(ScaleFaultKind.PERMISSION if present else ScaleFaultKind.UNPLUGGED,
                             "HID scale cannot be opened") from None
        self._dev = dev
        return dev
