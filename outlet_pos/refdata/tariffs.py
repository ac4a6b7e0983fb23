"""Loading tariff tables: the bundled sample, a file, or bytes from the server."""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources
from pathlib import Path

from ..domain.tariff import TariffTable

SAMPLE = "sample-tariff.json.gz"


def tariff_from_bytes(raw: bytes) -> TariffTable:
    """A table from JSON bytes, gzip-compressed or not. ValueError if malformed."""
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"tariff is not JSON: {e}") from None
    if not isinstance(data, dict):
        raise ValueError("tariff must be a JSON object")
    return TariffTable.from_dict(data)


def load_tariff_file(path: Path) -> TariffTable:
    return tariff_from_bytes(path.read_bytes())


def _sample_bytes() -> bytes:
    try:
        return resources.files("outlet_pos.resources").joinpath("tariffs", SAMPLE).read_bytes()
    except ModuleNotFoundError:
        # Running from a source tree that was never installed (PYTHONPATH=.).
        return (Path(__file__).resolve().parents[2] / "resources" / "tariffs" / SAMPLE)\
            .read_bytes()


@functools.cache
def load_sample_tariff() -> TariffTable:
    """The synthetic sample tariff shipped in resources/tariffs (loaded once)."""
    return tariff_from_bytes(_sample_bytes())
