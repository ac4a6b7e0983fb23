"""The part of a counter's booking that says it was made from a pre-booking.

Its own module so that ``events.ShipmentCreated`` can name it without importing
``prebooking`` (which builds on ``events``' Party); import it from ``prebooking``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from .bounds import Whole, json_at, text


class PrebookingUse(BaseModel):
    """``ShipmentCreated.prebooking``: the code used and the money the app already took."""

    # unknown fields kept and bounded, as in every body part: a newer outlet may send more
    model_config = ConfigDict(extra="allow", frozen=True)
    if not TYPE_CHECKING:  # pydantic checks unknown fields against this
        __pydantic_extra__: dict[str, json_at(2, precise=True)]
    code: text(10, min_length=10)  # type: ignore[valid-type]
    paid: Whole
    quoted_total: Whole
