"""Is the configured printer there? A connect-and-close with short timeouts, nothing printed.

Used by ``doctor``: a network printer must accept a TCP connection within two
seconds, a USB one must be found and claimable, a file or device node must open
for appending, a Windows or CUPS queue must exist. Also where the Linux udev
rule for USB printers is looked for.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from ..domain.doctor_facts import PrinterFacts
from ..domain.print_faults import UDEV_RULE, FaultKind, PrinterFault
from ..i18n import Msg
from . import connections
from .profiles import get_profile

log = logging.getLogger(__name__)
# The .deb installs printers/udev/60-outlet-pos-printers.rules to /etc/udev/rules.d/;
# a rule placed by hand or by a distribution package is found too.
UDEV_DIRS = ("/etc/udev/rules.d", "/lib/udev/rules.d", "/usr/lib/udev/rules.d")
PROBE_TIMEOUTS = connections.Timeouts(connect=2.0, stall=2.0, status=0.5, finish=1.0)


def _queue_exists(spec: connections.Spec) -> None:
    """Spooler and CUPS connections only hand a job over at the end: ask for the queue."""
    if spec.kind == "win" and sys.platform == "win32":  # pragma: no cover - Windows only
        import win32print  # type: ignore[import-not-found]

        try:
            win32print.ClosePrinter(win32print.OpenPrinter(spec.target))
        except Exception:
            raise PrinterFault(FaultKind.UNREACHABLE, Msg("no such Windows printer")) from None
    elif spec.kind == "cups":
        lpstat = shutil.which("lpstat")
        if lpstat is None:
            raise PrinterFault(FaultKind.UNSUPPORTED, Msg("lpstat (cups-client) is not installed"))
        try:
            r = subprocess.run([lpstat, "-p", spec.target], capture_output=True,  # noqa: S603
                               timeout=PROBE_TIMEOUTS.connect, check=False)
        except subprocess.TimeoutExpired:
            raise PrinterFault(FaultKind.TIMEOUT, Msg("lpstat did not answer")) from None
        if r.returncode != 0:
            raise PrinterFault(FaultKind.UNREACHABLE, Msg("no such CUPS queue"))


def probe_printer(connection: str, profile: str | None) -> PrinterFacts:
    try:
        prof = get_profile(profile) if profile else None
        spec = connections.parse(connection)
        conn = connections.connect(spec, prof, PROBE_TIMEOUTS)
        conn.open()
        conn.close()
        _queue_exists(spec)
    except PrinterFault as f:
        return PrinterFacts(ok=False, fault=f.kind.value, detail=f.detail)
    except Exception as e:  # a bad stored setting, a driver library missing
        log.warning("printer probe of the stored setting failed: %s", type(e).__name__)
        return PrinterFacts(ok=False, fault=FaultKind.NOT_CONFIGURED.value, detail=Msg(
            "the stored printer setting cannot be used"))
    return PrinterFacts(ok=True)


def find_udev_rule(dirs: Sequence[str | Path] = UDEV_DIRS) -> str | None:
    for d in dirs:
        path = Path(d) / UDEV_RULE
        if path.is_file():
            return str(path)
    return None
