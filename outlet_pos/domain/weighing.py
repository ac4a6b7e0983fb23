"""How a parcel's weight was obtained: from the scale, typed, or typed over the scale.

A weight typed over a connected scale's stable reading is the classic counter fraud
(under-weighing), so it needs a reason and is flagged: in the shipment row, the Day
review and the audit. The rule lives here, pure, so the CLI, the GUI and the booking
service agree on it:

- no stable reading was on screen (no scale, unplugged, never pressed): ``typed``;
- the weight booked is the reading to the gram: ``scale``;
- the weight booked differs from the reading: ``override``, and a reason is required.

The source is worked out from the reading and the weight, never taken from the caller's
word: an order saying ``scale`` with another weight than the reading is an override.
The reason is typed text: it is stored encrypted and never sent in clear.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Protocol

from ..i18n import Msg
from .errors import ValidationError
from .text import clean_text

SCALE: Final = "scale"
TYPED: Final = "typed"
OVERRIDE: Final = "override"
SOURCES: Final = (SCALE, TYPED, OVERRIDE)
REASON_MAX: Final = 200
# The order's keys, inside its "parcel" section (where the weight is).
SOURCE_KEY: Final = "weight_source"
READING_KEY: Final = "scale_weight_g"
REASON_KEY: Final = "override_reason"
OVERRIDE_ACTION: Final = "weight_overridden"  # the audit row of an override


@dataclass(frozen=True, slots=True)
class Weighing:
    source: str = TYPED
    scale_weight_g: int | None = None  # the stable reading on screen, if there was one
    override_reason: str | None = None  # typed text: only with an override

    @property
    def overridden(self) -> bool:
        return self.source == OVERRIDE

    def wire_fields(self) -> dict[str, object]:
        """What the shipment event's parcel says of it: nothing when no reading was on
        screen (the body, and its hash, as before the scale), else the source and the
        reading. The reason is typed text: it stays at the outlet, encrypted."""
        if self == NOT_WEIGHED:
            return {}
        return {"weight_source": self.source, "scale_weight_g": self.scale_weight_g}

    def audit_details(self, weight_g: int) -> dict[str, object]:
        """An override's audit details; the reason's key ends in ``_reason``, so the audit
        seals it under the period key (storage/free_text.py) and keeps the figures clear."""
        return {"scale_weight_g": self.scale_weight_g, "weight_g": weight_g,
                "override_reason": self.override_reason}


NOT_WEIGHED: Final = Weighing()


def weighing_for(weight_g: int, scale_weight_g: int | None,
                 reason: str | None = None) -> Weighing:
    """The weighing of a parcel booked at ``weight_g`` with ``scale_weight_g`` on screen."""
    if scale_weight_g is None:
        return NOT_WEIGHED
    if weight_g == scale_weight_g:
        return Weighing(SCALE, scale_weight_g)
    if not reason:
        raise ValidationError((REASON_KEY, Msg(
            "the weight differs from the scale's {kg} kg: say why it was changed",
            kg=kg_text(scale_weight_g))))
    return Weighing(OVERRIDE, scale_weight_g, reason)


def parse_weighing(parcel: object, weight_g: int | None) -> Weighing:
    """The weighing of an order's ``parcel`` section booked at ``weight_g`` (None when the
    weight itself is wrong: that problem is the weight field's, reported elsewhere)."""
    if not isinstance(parcel, dict):
        return NOT_WEIGHED
    problems: list[tuple[str, str]] = []
    source = parcel.get(SOURCE_KEY)
    if source is not None and source not in SOURCES:
        problems.append((SOURCE_KEY, Msg("must be one of: {choices}",
                                         choices=", ".join(SOURCES))))
    reading = parcel.get(READING_KEY)
    if reading is not None and (isinstance(reading, bool) or not isinstance(reading, int)
                                or not 0 < reading <= 10**9):
        problems.append((READING_KEY, Msg("must be a whole number of grams above 0")))
        reading = None
    reason: str | None = None
    try:
        reason = clean_text(REASON_KEY, parcel.get(REASON_KEY), max_len=REASON_MAX,
                            required=False)
    except ValidationError as e:
        problems += e.problems
    if problems:
        raise ValidationError(problems)
    if weight_g is None:
        return NOT_WEIGHED
    return weighing_for(weight_g, reading, reason or None)


class _Row(Protocol):
    @property
    def weight_source(self) -> str: ...
    @property
    def status(self) -> str: ...


def typed_over(rows: Iterable[_Row]) -> int:
    """How many of a day's live shipments had their weight typed over the scale's."""
    return sum(1 for r in rows if r.weight_source == OVERRIDE and r.status != "void")


def kg_text(grams: int) -> str:
    """Grams as the weight field shows kilograms: ``1503`` → ``1.503``, ``1500`` → ``1.5``.

    Exact (a gram is the field's finest step), so booking the text a reading filled in
    gives back the reading to the gram."""
    whole, rest = divmod(grams, 1000)
    return f"{whole}.{rest:03d}".rstrip("0").rstrip(".") if rest else str(whole)
