"""Wiring of the technician's kit: ``doctor`` and the backups, beside ``bootstrap``.

Like ``bootstrap``, this is a place where storage, sync and printing adapters
meet the services; nothing connects at import time. Doctor runs without an
``App`` (a broken outlet cannot be opened), so it gets its own wiring here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .config import Settings
from .services.doctor import (
    DbFacts,
    Doctor,
    KeyFacts,
    PrinterFacts,
    ServerFacts,
)
from .storage.diagnostics import FreeBytes, LocalProbe, disk_free

Clock = Callable[[], datetime]


@dataclass
class DoctorAdapters:
    """``DoctorPorts`` for one data directory; tests replace single probes."""

    local: LocalProbe
    platform: str = sys.platform
    printer_probe: Callable[[str, str | None], PrinterFacts] | None = None
    server_probe: Callable[[str, str | None], ServerFacts] | None = None
    udev_probe: Callable[[], str | None] | None = None
    data_dir: str = field(init=False)

    def __post_init__(self) -> None:
        self.data_dir = str(self.local.data_dir)

    def database(self) -> DbFacts:
        return self.local.database()

    def keys(self) -> KeyFacts:
        return self.local.keys()

    def meta(self) -> dict[str, str]:
        return self.local.meta()

    def oldest_unsent(self) -> datetime | None:
        return self.local.oldest_unsent()

    def free_bytes(self) -> int:
        return self.local.free_bytes()

    def last_backup(self) -> datetime | None:
        return self.local.last_backup()

    def logs_writable(self) -> str | None:
        return self.local.logs_writable()

    def printer(self, connection: str, profile: str | None) -> PrinterFacts:
        if self.printer_probe is None:
            from .printing.probe import probe_printer  # python-escpos/pyusb load on demand

            self.printer_probe = probe_printer
        return self.printer_probe(connection, profile)

    def udev_rule(self) -> str | None:
        if self.udev_probe is None:
            from .printing.probe import find_udev_rule

            self.udev_probe = find_udev_rule
        return self.udev_probe()

    def server(self, url: str, ca_pem: str | None) -> ServerFacts:
        if self.server_probe is None:
            from .sync.probe import probe_server  # requests loads on demand

            self.server_probe = probe_server
        return self.server_probe(url, ca_pem)


def doctor_for(settings: Settings, clock: Clock, *, free_bytes: FreeBytes = disk_free,
               **probes: object) -> Doctor:
    """The doctor of ``settings.data_dir``; ``probes`` override single adapters (tests)."""
    adapters = DoctorAdapters(LocalProbe(Path(settings.data_dir), free_bytes))
    for name, probe in probes.items():
        setattr(adapters, name, probe)
    from datetime import timedelta

    return Doctor(adapters, clock, stale_after=timedelta(hours=settings.stale_hours))
