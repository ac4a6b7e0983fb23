"""Scale profiles: the data in ``scales/*.json``, loaded and checked.

A profile names the protocol, the serial line's settings (speed, data bits, parity,
stop bits), the command bytes, the unit a unit-less answer is in, the timeouts and
the USB ids of HID scales. The links read it; nothing about a model is hard-coded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..domain.errors import ValidationError
from ..i18n import Msg

PROFILE_PACKAGE = "outlet_pos.scale_profiles"
PROTOCOLS = ("mettler-8217", "cas-pd2", "stream", "hid-pos")
PARITIES = ("N", "E", "O")


@dataclass(frozen=True, slots=True)
class SerialLine:
    baud: int
    bytesize: int
    parity: str  # N | E | O
    stopbits: int


@dataclass(frozen=True, slots=True)
class HidId:
    vendor_id: int
    product_id: int
    seen_as: str


@dataclass(frozen=True, slots=True)
class ScaleProfile:
    name: str
    title: str
    protocol: str
    serial: SerialLine | None
    commands: dict[str, bytes]
    unit: str
    answer_timeout: float  # one command's answer; a longer read retries within ``read_timeout``
    read_timeout: float
    hid: tuple[HidId, ...]
    notes: str

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ScaleProfile:
        protocol = d["protocol"]
        if protocol not in PROTOCOLS:
            raise ValueError(f"profile {d.get('name')!r}: unknown protocol {protocol!r}")
        line = d.get("serial")
        serial = None
        if line is not None:
            serial = SerialLine(int(line["baud"]), int(line["bytesize"]), str(line["parity"]),
                                int(line["stopbits"]))
            if serial.parity not in PARITIES or serial.bytesize not in (7, 8) \
                    or serial.stopbits not in (1, 2):
                raise ValueError(f"profile {d['name']!r}: bad serial line settings")
        elif protocol != "hid-pos":
            raise ValueError(f"profile {d['name']!r}: a serial protocol needs 'serial'")
        t = d["timeouts"]
        return cls(
            name=d["name"], title=d["title"], protocol=protocol, serial=serial,
            commands={k: str(v).encode("ascii") for k, v in d.get("commands", {}).items()},
            unit=str(d.get("unit", "kg")), answer_timeout=float(t["answer"]),
            read_timeout=float(t["read"]),
            hid=tuple(HidId(int(h["vendor_id"], 0), int(h["product_id"], 0),
                            h.get("seen_as", "")) for h in d.get("hid", [])),
            notes=d.get("notes", ""))


@cache
def all_profiles() -> dict[str, ScaleProfile]:
    out: dict[str, ScaleProfile] = {}
    for entry in resources.files(PROFILE_PACKAGE).iterdir():
        if entry.name.endswith(".json"):
            p = ScaleProfile.from_dict(json.loads(entry.read_text(encoding="utf-8")))
            out[p.name] = p
    return dict(sorted(out.items()))


def get_profile(name: str) -> ScaleProfile:
    try:
        return all_profiles()[name]
    except KeyError:
        raise ValidationError(("profile", Msg(
            "unknown scale profile {name}; choose one of: {names}", name=name,
            names=", ".join(all_profiles())))) from None


def profiles_for_hid(vendor_id: int, product_id: int) -> list[ScaleProfile]:
    return [p for p in all_profiles().values()
            if any(h.vendor_id == vendor_id and h.product_id == product_id for h in p.hid)]
