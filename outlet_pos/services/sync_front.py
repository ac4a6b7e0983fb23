"""The sync front: what the counter and the CLI ask of sync (status, "sync now", tracking,
service points, the tariff, the parked events, the outlet's day at the server), in one
service over the worker's port.

The worker (``sync.worker.SyncWorker``) is wired in ``bootstrap`` behind ``SyncEngine``;
nothing above the services names it. Thread contract: ``status``, ``sync_once``,
``track``, ``outlet_day``, ``refresh_reference`` and ``parked_events`` read the database or
the network, so the GUI runs them off its thread; ``sync_now``, ``start``, ``subscribe`` and
``unsubscribe`` return at once. A subscriber is called on the worker's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol

from ..domain.records import ParkedEvent
from ..domain.sync_status import SyncStatus
from ..protocol.outlet_day import OutletDay
from .ports import UnitOfWorkFactory

Listener = Callable[[SyncStatus], None]
Tracking = tuple[list[dict[str, Any]], datetime | None, bool]  # history, fetched at, live


class SyncFailure(Protocol):
    """A failure of the network or the server (``sync.errors.SyncError``)."""

    @property
    def kind(self) -> str: ...
    @property
    def message(self) -> str: ...


class PassOutcome(Protocol):
    """One pass's report (``sync.worker.PassReport``)."""

    @property
    def applied(self) -> int: ...
    @property
    def duplicates(self) -> int: ...
    @property
    def parked(self) -> int: ...
    @property
    def remaining(self) -> int: ...
    @property
    def reference(self) -> bool: ...
    @property
    def error(self) -> SyncFailure | None: ...


class SyncEngine(Protocol):
    """The worker as the front uses it."""

    interval_s: float
    listeners: list[Listener]

    def status(self) -> SyncStatus: ...
    def sync_once(self, reference: bool | None = None) -> PassOutcome: ...
    def track(self, waybill: str) -> Tracking: ...
    def service_points(self) -> list[dict[str, Any]]: ...
    def outlet_day(self, day: date) -> OutletDay: ...
    def refresh_reference(self) -> bool: ...
    def sync_now(self) -> None: ...
    def run(self, stop: threading.Event | None = None) -> None: ...
    def start(self) -> None: ...
    def stop(self, timeout: float = 10.0) -> None: ...


class SyncFront:
    def __init__(self, engine: SyncEngine, uow: UnitOfWorkFactory) -> None:
        self._engine, self._uow = engine, uow

    @property
    def interval_s(self) -> float:
        return self._engine.interval_s

    def status(self) -> SyncStatus:
        """The state now; never raises (a database that cannot be read is the state)."""
        return self._engine.status()

    def sync_once(self, reference: bool | None = None) -> PassOutcome:
        """One full pass (``sync --once``); a network failure comes back in the report."""
        return self._engine.sync_once(reference)

    def sync_now(self) -> None:
        """Wake the background loop: it passes at once instead of at its next interval."""
        self._engine.sync_now()

    def track(self, waybill: str) -> Tracking:
        """Live from the server, else the last history seen (raises when there is none)."""
        return self._engine.track(waybill)

    def service_points(self) -> list[dict[str, Any]]:
        """The outlets and drop points of the last download (no network)."""
        return self._engine.service_points()

    def outlet_day(self, day: date) -> OutletDay:
        """This outlet's day per terminal as the server has it (figures only); raises the
        sync failure when the server cannot be asked (network; ``OutletDayService`` keeps
        the last answer)."""
        return self._engine.outlet_day(day)

    def refresh_reference(self) -> bool:
        """Tariff, service points and configuration now; True when the tariff changed."""
        return self._engine.refresh_reference()

    def parked_events(self, limit: int = 100) -> list[ParkedEvent]:
        """The events the server refused, oldest first, as stored (the server's reason)."""
        with self._uow() as uow:
            return uow.queue.parked(limit)

    def run(self, stop: threading.Event | None = None) -> None:
        """Sync in this thread until ``stop`` is set (``outlet-pos sync``)."""
        self._engine.run(stop)

    def start(self) -> None:
        """The background loop (the counter window's)."""
        self._engine.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._engine.stop(timeout)

    def subscribe(self, listener: Listener) -> None:
        """``listener`` gets each new status, on the worker's thread."""
        self._engine.listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._engine.listeners:
            self._engine.listeners.remove(listener)
