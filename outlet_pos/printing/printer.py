"""A configured ESC/POS printer: a connection string plus a profile, ready to print documents.

``make_printer`` is the factory the print service uses; it checks the string
and the profile, so a typo is a clear error when the printer is chosen, not a
failed print at the counter later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.print_faults import FaultKind, PrinterFault
from ..domain.waybill_document import Document
from . import connections, device
from .connections import Timeouts
from .escpos_render import render_escpos
from .profiles import DEFAULT_PROFILE, Profile, get_profile, profiles_for_usb


@dataclass
class EscposPrinter:
    connection: str
    profile: Profile
    raster: bool | None = None  # None: as the profile says
    timeouts: Timeouts = field(default_factory=Timeouts)

    @property
    def profile_name(self) -> str:
        return self.profile.name

    @property
    def has_cash_drawer(self) -> bool:
        return self.profile.cash_drawer

    def render(self, doc: Document) -> bytes:
        try:
            return render_escpos(doc, self.profile, self.raster)
        except Exception as e:
            # python-escpos refuses what the profile cannot do (barcode type or size, QR
            # size...) with its own exception classes; only the type is kept (no data).
            raise PrinterFault(FaultKind.UNSUPPORTED, f"render: {type(e).__name__}") from None

    def print_document(self, doc: Document) -> device.SendReport:
        data = self.render(doc)
        conn = connections.connect(self.connection, self.profile, self.timeouts)
        return device.send(conn, data, self.profile, self.timeouts.status)


def default_profile_for(spec: connections.Spec) -> str:
    """The profile a USB id is known as, else the generic 80 mm one."""
    if spec.kind == "usb":
        vid, pid = (int(x, 16) for x in spec.target.split(":"))
        known = profiles_for_usb(vid, pid)
        if known:
            return known[0].name
    return DEFAULT_PROFILE


def make_printer(connection: str, profile: str | None,
                 timeouts: Timeouts | None = None) -> EscposPrinter:
    spec = connections.parse(connection)
    return EscposPrinter(str(spec), get_profile(profile or default_profile_for(spec)),
                         timeouts=timeouts or Timeouts())
