"""A terminal's health as it rides along with its batches: the fleet's view of one PC.

Counts, codes, a version and check names only: no name, phone, address, waybill or
anything a person typed can fit in a field, as every text is a short code of
``[a-z0-9_.]`` (the version: ``[A-Za-z0-9.+_-]``), every list short, every number
0..``INT_MAX``. Fields this model does not know are dropped, so a newer terminal's
report still counts on an older server.

The server checks a report apart from the batch (``parse_report``): a report that
fails it is dropped and logged, the batch's events are applied all the same.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError

from .bounds import Whole

MAX_CODES = 20  # more doctor checks or faults than a PC has
VERSION = r"^[A-Za-z0-9][A-Za-z0-9.+_-]{0,39}$"
CODE = r"^[a-z0-9][a-z0-9_.]{0,47}$"
Code = Annotated[str, Strict(), Field(max_length=48, pattern=CODE)]
Seconds = Annotated[int, Strict(), Field(ge=0, lt=2**63)]  # a 64-bit column: past 2038


class HealthReport(BaseModel):
    """``health`` of a ``POST /v1/events`` body (optional: old terminals send none)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    app_version: Annotated[str, Strict(), Field(max_length=40, pattern=VERSION)] = Field(
        description="the terminal's Outlet POS version, e.g. 0.2.0")
    queue_depth: Whole = Field(description="events waiting behind this batch (and any other "
                               "batch on its way): 0 when this one empties the queue")
    oldest_queued_s: Whole | None = Field(default=None, description="age in seconds of the "
                                          "oldest event not yet acknowledged, this batch's "
                                          "included: how far behind the terminal is")
    parked: Whole = Field(default=0, description="events the server refused, kept aside on "
                          "the terminal for a manager (counted up to 1000)")
    doctor_at: Seconds | None = Field(default=None, description="when doctor last ran, Unix "
                                    "seconds; null when it never ran")
    doctor_failing: tuple[Code, ...] = Field(default=(), max_length=MAX_CODES, description=(
        "the names of the checks that failed in doctor's last run (e.g. printer, backup)"))
    faults: tuple[Code, ...] = Field(default=(), max_length=MAX_CODES, description=(
        "printer and storage fault codes now, e.g. printer.paper_out, storage.disk_low"))


def parse_report(raw: Any) -> HealthReport:
    """``raw`` (the batch's ``health``) checked; ``ValueError`` naming the first bad field
    (its place only, never its value) when it is no report."""
    try:
        return HealthReport.model_validate(raw)
    except ValidationError as e:
        first = e.errors(include_input=False, include_url=False)[0]
        where = ".".join(str(x) for x in first["loc"]) or "health"
        raise ValueError(f"health.{where}: {first['type']}") from None


@lru_cache(maxsize=1024)  # a fleet runs a handful of versions; the server compares often
def version_key(version: str | None) -> tuple[int, ...]:
    """``1.10.2`` as (1, 10, 2), so versions compare as numbers: 1.10 is newer than 1.9.
    Each dot-part counts by its leading digits (``2rc1`` is 2); no version is (0,)."""
    if not version:
        return (0,)
    parts = []
    for part in re.split(r"[.+-]", version):
        digits = re.match(r"\d*", part)
        parts.append(int(digits.group()) if digits and digits.group() else 0)
    while len(parts) > 1 and parts[-1] == 0:  # 1.2 and 1.2.0 are one version
        parts.pop()
    return tuple(parts)
