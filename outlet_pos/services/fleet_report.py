"""The health report this terminal sends with each batch (``protocol.health``).

Built from ports: the app's version, the outbox (events waiting, the oldest one's age,
events the server refused), doctor's last run (the names of the failed checks, from the
stored setting doctor writes) and faults now: a printer fault of a job still failed
(its code) and a data drive too full for a day's bookings. Counts and codes only: no
waybill, name or typed text can reach it, and the protocol model checks every bound
before it leaves.

``report`` never raises: a report that cannot be built is left out, the batch goes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from ..domain.stored_settings import DOCTOR_LAST
from ..protocol.bounds import INT_MAX
from ..protocol.health import CODE, MAX_CODES, HealthReport
from .doctor import DISK_FAIL_BYTES, FAIL  # and the summary it keeps: doctor.summary
from .ports import Clock, UnitOfWorkFactory

log = logging.getLogger(__name__)
MAX_PARKED_COUNTED = 1000  # "1000" is as alarming as more, and counting stays cheap
FAULT_WINDOW = timedelta(hours=24)  # a job failed longer ago was given up, not a fault now
_CODE_OK = re.compile(CODE).fullmatch


def _seconds(age: timedelta) -> int:
    return max(0, min(INT_MAX, int(age.total_seconds())))


def _codes(names: list[str]) -> tuple[str, ...]:
    """Distinct codes in first-seen order, the protocol's shape only, at most MAX_CODES."""
    out: list[str] = []
    for name in names:
        if _CODE_OK(name) and name not in out:
            out.append(name)
    return tuple(out[:MAX_CODES])


class FleetReporter:
    """``report()``: this terminal's health now, as the batch's ``health`` field."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, version: str,
                 free_bytes: Callable[[], int] | None = None) -> None:
        self._uow, self._clock, self._version = uow, clock, version
        self._free_bytes = free_bytes

    def report(self, sending: int = 0) -> dict[str, Any] | None:
        """The report to send with a batch while ``sending`` events (that batch's and any
        other still on its way) are unacknowledged; None when it cannot be built."""
        try:
            return self.build(sending).model_dump(mode="json")
        except Exception as e:  # the upload matters more than its report
            log.error("fleet health report not built (%s)", type(e).__name__)
            return None

    def build(self, sending: int = 0) -> HealthReport:
        now = self._clock()
        # Indexed reads only (pending and parked rows): the outbox keeps every sent event,
        # so a scan of it would grow by a day's bookings every day, at every upload.
        with self._uow() as uow:
            pending = uow.outbox.pending_count()
            oldest = uow.queue.batch(1)
            parked = len(uow.queue.parked(limit=MAX_PARKED_COUNTED))
            last = DOCTOR_LAST.read(uow.meta)
            failed = uow.print_jobs.with_status("failed", limit=100)
        printer = [f"printer.{j.fault}" for j in failed
                   if j.fault and now - j.updated_at <= FAULT_WINDOW]
        storage = ["storage.disk_low"] if self._free_bytes is not None \
            and self._free_bytes() < DISK_FAIL_BYTES else []
        doctor_at, failing = self._doctor(last)
        try:
            return HealthReport(
                app_version=self._version, queue_depth=min(max(0, pending - sending), INT_MAX),
                oldest_queued_s=_seconds(now - datetime.fromisoformat(oldest[0].created_at))
                if oldest else None,
                parked=parked, doctor_at=doctor_at,
                doctor_failing=failing, faults=_codes(printer + storage))
        except ValidationError as e:  # e.g. a version string the protocol does not take
            raise ValueError(f"health report out of bounds: {e.error_count()} fields") from None

    @staticmethod
    def _doctor(last: dict[str, Any] | None) -> tuple[int | None, tuple[str, ...]]:
        if not last:
            return None, ()
        checks = last.get("checks")
        failing = [str(name) for name, status in checks.items() if status == FAIL] \
            if isinstance(checks, dict) else []
        try:
            at: int | None = int(datetime.fromisoformat(str(last.get("at"))).timestamp())
        except ValueError:
            at = None
        return (at if at is None or at >= 0 else None), _codes(failing)
