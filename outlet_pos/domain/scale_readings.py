"""What a weighing scale says: a reading (grams, stable or not, why not) or a typed fault.

Pure data, in domain so that the booking service, the doctor and the screens can
use a reading without loading a scale driver (outlet_pos.scales makes them).
``ScaleFault.detail`` is technical (at most a few bytes of the scale's own frame,
in hex) and never holds anything a person typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..i18n import Msg
from .errors import AppError


class ReadingStatus(StrEnum):
    OK = "ok"  # stable and within range: the only reading a weight field may take
    IN_MOTION = "in_motion"
    OVER_CAPACITY = "over_capacity"
    UNDER_ZERO = "under_zero"
    NEEDS_ZERO = "needs_zero"  # the scale asks to be re-zeroed or calibrated
    SCALE_ERROR = "scale_error"  # the scale reports a fault of its own
    NO_ANSWER = "no_answer"
    GARBAGE = "garbage"


@dataclass(frozen=True, slots=True)
class Reading:
    status: ReadingStatus
    grams: int | None = None  # None when the scale gave no weight (status frames)
    net: bool = False  # a tare is set: the weight is net of it

    @property
    def stable(self) -> bool:
        return self.status is ReadingStatus.OK and self.grams is not None


class ScaleFaultKind(StrEnum):
    UNPLUGGED = "unplugged"  # the port or device went away, or was never there
    NO_ANSWER = "no_answer"  # nothing came back within the timeout
    GARBAGE = "garbage"  # bytes came back that are no frame of the profile's protocol
    PERMISSION = "permission"  # the operating system refuses this user the device


_FAULTS: dict[ScaleFaultKind, tuple[Msg, Msg]] = {
    ScaleFaultKind.UNPLUGGED: (
        Msg("the scale is not connected"),
        Msg("check the scale's cable and power, then weigh again; or type the weight")),
    ScaleFaultKind.NO_ANSWER: (
        Msg("the scale does not answer"),
        Msg("switch the scale off and on again, check its profile (outlet-pos scale list); "
            "or type the weight")),
    ScaleFaultKind.GARBAGE: (
        Msg("the scale sends data this counter cannot read"),
        Msg("choose the scale's model (outlet-pos scale use … --profile NAME) or check its "
            "speed and parity settings")),
    ScaleFaultKind.PERMISSION: (
        Msg("the scale is plugged in, but this computer may not use it"),
        Msg("give this user access to the scale (Linux: the dialout group, see "
            "scales/README.md), then unplug and replug the scale")),
}

_STATUS_WORDS: dict[ReadingStatus, Msg] = {
    ReadingStatus.OK: Msg("stable"),
    ReadingStatus.IN_MOTION: Msg("the scale is still moving: wait until the parcel lies still"),
    ReadingStatus.OVER_CAPACITY: Msg("too heavy for this scale"),
    ReadingStatus.UNDER_ZERO: Msg("the scale shows less than zero: empty it and press zero"),
    ReadingStatus.NEEDS_ZERO: Msg("the scale needs zeroing: empty it and press zero"),
    ReadingStatus.SCALE_ERROR: Msg("the scale reports an error"),
    ReadingStatus.NO_ANSWER: Msg("the scale does not answer"),
    ReadingStatus.GARBAGE: Msg("the scale sends data this counter cannot read"),
}


def status_words(status: ReadingStatus | str) -> Msg:
    """The clerk's words for a reading's status (an English template, translated where shown)."""
    return _STATUS_WORDS[ReadingStatus(status)]


class ScaleFault(AppError):
    """A scale that cannot give a reading; ``kind`` chooses the clerk's words.

    ``message`` and ``remedy`` are the kind's; ``str()`` is ``kind: detail`` for the log.
    """

    def __init__(self, kind: ScaleFaultKind, detail: str = "") -> None:
        message, remedy = _FAULTS[kind]
        super().__init__(message, remedy=remedy)
        self.kind = kind
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.detail}" if self.detail else self.kind.value

    def as_reading(self) -> Reading:
        """The fault as a reading that is never stable (a weight field shows why)."""
        status = {ScaleFaultKind.GARBAGE: ReadingStatus.GARBAGE}.get(
            self.kind, ReadingStatus.NO_ANSWER)
        return Reading(status)


def frame_hint(data: bytes, limit: int = 16) -> str:
    """A short hex view of a scale's frame for a fault's detail (scales send no personal data)."""
    head = data[:limit].hex(" ")
    return head + (" …" if len(data) > limit else "")
