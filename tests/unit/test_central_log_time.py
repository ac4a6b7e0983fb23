"""The central server's log lines carry UTC time to the millisecond, as datetime writes it;
the text of each second is made once (logs._time)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.central import logs


def _record(created: float) -> logging.LogRecord:
    r = logging.LogRecord("outlet_pos.central", logging.INFO, "", 0, "request", None, None)
    r.created = created
    return r


def _text(ms: int) -> str:
    return datetime.fromtimestamp(ms // 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S") + \
        f".{ms % 1000:03d}Z"


@given(st.integers(min_value=0, max_value=4_102_444_800_000))  # to 2100, in milliseconds
def test_the_time_is_the_isoformat_of_the_millisecond(ms):
    # a float of milliseconds may sit a hair under its integer: one millisecond earlier, as
    # datetime's own truncation would write it
    assert logs._time(_record(ms / 1000)) in (_text(ms), _text(ms - 1))


def test_seconds_in_turn_each_get_their_own_text():
    for created in (1_764_790_504.5, 1_764_790_505.25, 1_764_790_504.75):
        assert logs._time(_record(created)) == datetime.fromtimestamp(created, UTC).isoformat(
            timespec="milliseconds").replace("+00:00", "Z")
