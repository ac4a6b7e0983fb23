"""Indonesian addresses checked against the Kemendagri region tree.

An address is a street line plus a village (kelurahan/desa) that must exist,
use the given postal code and sit in the given district (kecamatan), regency or
city and province. The region data comes in through the ``RegionDirectory``
protocol (implemented in ``refdata.regions``), so this module stays pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from ..i18n import Msg
from .errors import ValidationError, collect
from .text import clean_text

MAX_STREET = 200


@dataclass(frozen=True, slots=True)
class Village:
    """One village with its parents, as the region directory knows it."""

    code: str  # "32.73.09.1003"
    name: str
    district_code: str  # "32.73.09"
    district: str
    city_code: str  # "32.73"
    city: str
    province_code: str  # "32"
    province: str
    postal_code: str


class RegionDirectory(Protocol):
    def villages_with_postal_code(self, postal_code: str) -> list[Village]: ...

    def village(self, code: str) -> Village | None: ...

    def district_name(self, code: str) -> str | None: ...

    def search(self, text: str, limit: int = 30) -> list[Village]:
        """Villages whose name, or whose district's name, starts with ``text``."""
        ...


@dataclass(frozen=True, slots=True)
class Address:
    """A complete, checked address. Names are the directory's canonical spelling."""

    street: str
    village: str
    district: str
    city: str
    province: str
    postal_code: str
    village_code: str
    district_code: str

    def lines(self) -> list[str]:
        """The address as printed: street, village/district, city, province postal code."""
        return [
            self.street,
            f"{self.village}, {self.district}",
            f"{self.city}, {self.province} {self.postal_code}",
        ]

    def to_dict(self) -> dict[str, str]:
        return {
            "street": self.street, "village": self.village, "district": self.district,
            "city": self.city, "province": self.province, "postal_code": self.postal_code,
            "village_code": self.village_code, "district_code": self.district_code,
        }

    @classmethod
    def from_dict(cls, d: dict[str, str]) -> Address:
        return cls(**{k: d[k] for k in cls.__slots__})


_PREFIX = re.compile(
    r"^(kota administrasi|kabupaten administrasi|kabupaten|kab\.?|kota|kecamatan|kec\.?|"
    r"kelurahan|kel\.?|desa|ds\.?|provinsi|prov\.?|daerah khusus ibukota|dki)\s+"
)
_NON_ALNUM = re.compile(r"[^0-9a-z\u00c0-\uffff]+")


def name_key(name: str) -> str:
    """A spelling-tolerant key: case, punctuation and 'Kota'/'Kab.'/'Kec.' prefixes ignored."""
    n = name.strip().lower()
    n = _PREFIX.sub("", n)
    return _NON_ALNUM.sub("", n)


def _matches(given: str, canonical: str) -> bool:
    g = name_key(given)
    return not g or g == name_key(canonical)


def _some(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" (+{len(names) - limit})" if len(names) > limit else "")


def resolve_address(
    directory: RegionDirectory,
    *,
    street: object,
    postal_code: object,
    village: object = "",
    district: object = "",
    city: object = "",
    province: object = "",
) -> Address:
    """Check an address as typed and return it completed with canonical names.

    The postal code must exist. The village, district, city and province are
    optional when the postal code alone points at one village; when given they
    must agree with the region data. Errors name the field that disagrees.
    """
    problems: list[tuple[str, str]] = []
    try:
        street_s = clean_text("street", street, max_len=MAX_STREET)
    except ValidationError as e:
        problems += e.problems
        street_s = ""
    typed: dict[str, str] = {}
    for field, v in (("village", village), ("district", district), ("city", city),
                     ("province", province)):
        try:
            typed[field] = clean_text(field, v, max_len=100, required=False)
        except ValidationError as e:
            problems += e.problems
            typed[field] = ""
    pc = postal_code.strip() if isinstance(postal_code, str) else str(postal_code or "")
    if not (len(pc) == 5 and pc.isdigit()):
        problems.append(("postal_code", Msg("must be 5 digits, e.g. 40115")))
        collect(problems)
    candidates = directory.villages_with_postal_code(pc)
    if not candidates:
        problems.append(("postal_code", Msg("is not a known Indonesian postal code; check it")))
        collect(problems)
    # Narrow from the broadest level down, so the error names the first field that disagrees.
    for field in ("province", "city", "district", "village"):
        attr = "name" if field == "village" else field
        narrowed = [c for c in candidates if _matches(typed[field], getattr(c, attr))]
        if not narrowed:
            expected = _some(sorted({getattr(c, attr) for c in candidates}))
            problems.append((field, Msg("does not match postal code {pc}; expected {expected}",
                                           pc=pc, expected=expected)))
            collect(problems)
        candidates = narrowed
    if len(candidates) > 1:
        names = _some(sorted(c.name for c in candidates))
        problems.append(("village", Msg(
            "several villages use postal code {pc}; give one of {names}", pc=pc, names=names)))
    collect(problems)
    v = candidates[0]
    return Address(
        street=street_s, village=v.name, district=v.district, city=v.city,
        province=v.province, postal_code=v.postal_code, village_code=v.code,
        district_code=v.district_code,
    )
