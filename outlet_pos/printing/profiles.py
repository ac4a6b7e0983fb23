"""Printer profiles: the data in ``printers/*.json``, loaded and checked.

A profile says how wide the paper is in dots, the dpi, how many characters a
line holds in font A and B, the code page, and which ESC/POS features the
printer really has. The renderers read it; they never guess a model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..domain.errors import ValidationError
from ..i18n import Msg

PROFILE_PACKAGE = "outlet_pos.printer_profiles"
DEFAULT_PROFILE = "generic-80"


@dataclass(frozen=True, slots=True)
class UsbId:
    vendor_id: int
    product_id: int
    out_ep: int | None
    in_ep: int | None
    seen_as: str


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    title: str
    paper_mm: int
    width_dots: int
    dpi: int
    columns_a: int
    columns_b: int
    code_page: int
    encoding: str
    barcode: bool
    qr: bool
    cutter: bool
    cash_drawer: bool
    status: bool
    escpos_profile: str
    usb: tuple[UsbId, ...]
    notes: str

    @property
    def raster_only(self) -> bool:
        return not (self.barcode or self.qr)

    @property
    def module_dots(self) -> int:
        """CODE128 module width in whole dots: ~0.25–0.38 mm, readable by hub scanners."""
        return 2 if self.width_dots < 500 else 3

    @classmethod
    def from_dict(cls, d: dict) -> Profile:
        sup = d["supports"]

        def num(v: str | int | None) -> int | None:
            return None if v is None else int(v, 0) if isinstance(v, str) else int(v)

        return cls(
            name=d["name"], title=d["title"], paper_mm=int(d["paper_mm"]),
            width_dots=int(d["width_dots"]), dpi=int(d["dpi"]),
            columns_a=int(d["columns"]["A"]), columns_b=int(d["columns"]["B"]),
            code_page=int(d["code_page"]["number"]), encoding=d["code_page"]["encoding"],
            barcode=bool(sup["barcode"]), qr=bool(sup["qr"]), cutter=bool(sup["cutter"]),
            cash_drawer=bool(sup["cash_drawer"]), status=bool(sup["status"]),
            escpos_profile=d.get("escpos_profile", "default"),
            usb=tuple(UsbId(num(u["vendor_id"]) or 0, num(u["product_id"]) or 0,
                            num(u.get("out_ep")), num(u.get("in_ep")), u.get("seen_as", ""))
                      for u in d.get("usb", [])),
            notes=d.get("notes", ""),
        )


@cache
def all_profiles() -> dict[str, Profile]:
    out: dict[str, Profile] = {}
    for entry in resources.files(PROFILE_PACKAGE).iterdir():
        if entry.name.endswith(".json"):
            p = Profile.from_dict(json.loads(entry.read_text(encoding="utf-8")))
            out[p.name] = p
    return dict(sorted(out.items()))


def get_profile(name: str) -> Profile:
    try:
        return all_profiles()[name]
    except KeyError:
        raise ValidationError(("profile", Msg(
            "unknown printer profile {name}; choose one of: {names}", name=name,
            names=", ".join(all_profiles())))) from None


def profiles_for_usb(vendor_id: int, product_id: int) -> list[Profile]:
    return [p for p in all_profiles().values()
            if any(u.vendor_id == vendor_id and u.product_id == product_id for u in p.usb)]
