"""The doctor's scale check: is this counter's scale there and answering?

A configured scale that answers (stable or still moving) is well; one that answers
over capacity, under zero or asking to be zeroed works but wants a hand on it; no
answer, unplugged, refused by the system or the wrong protocol is a failure, with a
remedy a technician can act on. No scale configured is not a failure: typing the
weight is the way then. The read goes through the ``scale`` probe (bootstrap wires
``scales.detect.probe_scale``), bounded by ``DOCTOR_SCALE_TIMEOUT``; the doctor runs
off the GUI thread already.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..domain.errors import ValidationError
from ..domain.scale_readings import Reading, ReadingStatus, ScaleFault, ScaleFaultKind, status_words
from ..domain.stored_settings import SCALE_CONNECTION, SCALE_PROFILE
from ..i18n import Msg

DOCTOR_SCALE_TIMEOUT = 2.0  # seconds: the slowest profile asks twice within 1.5 s
SCALE_UDEV_RULE = "60-outlet-pos-scales.rules"

#: (connection, profile, timeout) → a reading, or ScaleFault / ValidationError.
ScaleProbe = Callable[[str, "str | None", float], Reading]

_WORKS_BUT = (ReadingStatus.OVER_CAPACITY, ReadingStatus.UNDER_ZERO, ReadingStatus.NEEDS_ZERO,
              ReadingStatus.SCALE_ERROR)


def _remedy(kind: ScaleFaultKind, connection: str, platform: str) -> Msg:
    serial = connection.startswith("serial:")
    if kind is ScaleFaultKind.PERMISSION:
        if platform == "win32":
            return Msg("close any other program that uses {connection} (a scale tool, another "
                       "Outlet POS), then run outlet-pos doctor again", connection=connection)
        return Msg("install the outlet-pos .deb package (it adds the udev rule {rule} and "
                   "the dialout group), or: sudo usermod -aG dialout USER and log in again; "
                   "then unplug and replug the scale", rule=SCALE_UDEV_RULE)
    if kind is ScaleFaultKind.UNPLUGGED:
        if serial:
            return Msg("check the scale's cable and power; if the port's name changed, see "
                       "outlet-pos scale list and choose again: outlet-pos scale use "
                       "serial:DEV --profile NAME")
        return Msg("check the scale's USB cable and power (try another USB port); "
                   "outlet-pos scale list shows the HID scales this PC sees")
    if kind is ScaleFaultKind.NO_ANSWER:
        return Msg("switch the scale on (or off and on again); check that its profile and "
                   "speed fit it: outlet-pos scale read --connection {connection} --profile "
                   "NAME", connection=connection)
    return Msg("the profile, speed or parity does not fit this scale: try the others "
               "(outlet-pos scale list), then outlet-pos scale use {connection} --profile "
               "NAME", connection=connection)


def scale_check(meta: Mapping[str, str], probe: ScaleProbe, platform: str,
                timeout: float = DOCTOR_SCALE_TIMEOUT) -> tuple[str, Msg, Msg | None]:
    """(status, finding, remedy) of this counter's scale; status ok | warn | fail."""
    connection, profile = SCALE_CONNECTION.read(meta), SCALE_PROFILE.read(meta)
    if not connection:
        return "ok", Msg("not configured (the weight is typed); to add one: outlet-pos "
                         "scale use CONNECTION --profile NAME"), None
    try:
        reading = probe(connection, profile, timeout)
    except ScaleFault as f:
        return "fail", Msg("{connection}: {problem} ({kind})", connection=connection,
                           problem=f.message, kind=f.kind.value), \
            _remedy(f.kind, connection, platform)
    except ValidationError:
        return "fail", Msg("{connection}: the stored profile {profile} is unknown",
                           connection=connection, profile=profile or "-"), \
            Msg("choose the scale again: outlet-pos scale use {connection} --profile NAME "
                "(see outlet-pos scale list)", connection=connection)
    if reading.status in _WORKS_BUT:
        return "warn", Msg("{connection} answers: {words}", connection=connection,
                           words=status_words(reading.status)), \
            Msg("empty the scale's plate and press its zero key; if it stays, the scale "
                "needs a service")
    return "ok", Msg("{connection} answers ({profile})", connection=connection,
                     profile=profile or "-"), None
