"""Loading tariff tables: the bundled sample, a file, or bytes from the server."""

from __future__ import annotations

import functools
import gzip
import io
import zlib
from importlib import resources
from pathlib import Path

from ..domain.errors import ValidationError
from ..domain.json_input import nesting_depth, parse_json
from ..domain.tariff import TariffTable

SAMPLE = "sample-tariff.json.gz"
# The sample is 0.5 MB unpacked; a whole country's table is a few MB. A few KB of gzip
# can unpack to gigabytes, so the unpacked size is capped while it is read.
MAX_TARIFF_BYTES = 32 * 1024 * 1024
MAX_TARIFF_DEPTH = 8  # table, rates, one destination, its services: 4 deep


def _gunzip(raw: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
            out = f.read(MAX_TARIFF_BYTES + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise ValueError(f"tariff is not a readable gzip file ({type(e).__name__})") from None
    if len(out) > MAX_TARIFF_BYTES:
        raise ValueError(f"tariff unpacks to larger than {MAX_TARIFF_BYTES // 2**20} MiB; "
                         "it is not a tariff table")
    return out


def tariff_from_bytes(raw: bytes) -> TariffTable:
    """A table from JSON bytes, gzip-compressed or not. ValueError if malformed."""
    if len(raw) > MAX_TARIFF_BYTES:
        raise ValueError(f"tariff is larger than {MAX_TARIFF_BYTES // 2**20} MiB; "
                         "it is not a tariff table")
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw)
    if nesting_depth(raw.decode("utf-8", "replace"), MAX_TARIFF_DEPTH) > MAX_TARIFF_DEPTH:
        raise ValueError(f"tariff is nested more than {MAX_TARIFF_DEPTH} levels deep; "
                         "it is not a tariff table")
    try:
        data = parse_json(raw, field="tariff", name="tariff", max_depth=MAX_TARIFF_DEPTH)
    except ValidationError as e:
        raise ValueError(f"tariff is not a tariff table: {e.problems[0][1]}") from None
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
