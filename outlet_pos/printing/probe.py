"""Is the configured printer there? A connect-and-close with short timeouts, nothing printed.

Used by ``doctor``: a network printer must accept a TCP connection within two
seconds, a USB one must be found and claimable, a file or device node must open
for appending. Also where the Linux udev rule for USB printers is looked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..services.doctor import UDEV_RULE, PrinterFacts
from . import connections
from .faults import FaultKind, PrinterFault
from .profiles import get_profile

# The .deb installs printers/udev/60-outlet-pos-printers.rules to /etc/udev/rules.d/;
# a rule placed by hand or by a distribution package is found too.
UDEV_DIRS = ("/etc/udev/rules.d", "/lib/udev/rules.d", "/usr/lib/udev/rules.d")
PROBE_TIMEOUTS = connections.Timeouts(connect=2.0, stall=2.0, status=0.5, finish=1.0)


def probe_printer(connection: str, profile: str | None) -> PrinterFacts:
    try:
        prof = get_profile(profile) if profile else None
        conn = connections.connect(connection, prof, PROBE_TIMEOUTS)
        conn.open()
        conn.close()
    except PrinterFault as f:
        return PrinterFacts(ok=False, fault=f.kind.value, detail=f.detail)
    except Exception as e:  # a bad stored setting, a driver library missing
        return PrinterFacts(ok=False, fault=FaultKind.NOT_CONFIGURED.value,
                            detail=type(e).__name__)
    return PrinterFacts(ok=True)


def find_udev_rule(dirs: Sequence[str | Path] = UDEV_DIRS) -> str | None:
    for d in dirs:
        path = Path(d) / UDEV_RULE
        if path.is_file():
            return str(path)
    return None
