"""The sync worker's backoff: exact ceilings, Retry-After honoured and capped, jitter bounds.

A random source that always answers an end of its range makes every wait exact, so the
formula (base × 2^failures, capped) is pinned number by number, not by a seeded sample.
"""

from __future__ import annotations

import random

import pytest

from outlet_pos.sync.backoff import Backoff
from outlet_pos.sync.worker import SyncWorker


class Edge(random.Random):
    """Answers the top (or the bottom) of every range asked for, and records the ranges."""

    def __init__(self, top: bool = True) -> None:
        super().__init__(0)
        self.top = top
        self.asked: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.asked.append((a, b))
        return b if self.top else a


def test_defaults_are_two_seconds_doubling_up_to_five_minutes():
    b = Backoff(rng=Edge())
    assert (b.base_s, b.cap_s, b.failures) == (2.0, 300.0, 0)
    assert [b.failed() for _ in range(10)] == [4, 8, 16, 32, 64, 128, 256, 300, 300, 300]


def test_the_worker_waits_two_seconds_doubling_up_to_five_minutes_unless_told():
    # the constructor only stores its collaborators: nothing is opened or started here
    worker = SyncWorker(None, None, None)  # type: ignore[arg-type]
    assert (worker.backoff.base_s, worker.backoff.cap_s, worker.backoff.failures) == (2, 300, 0)
    mine = Backoff(base_s=1, cap_s=5)
    assert SyncWorker(None, None, None, backoff=mine).backoff is mine  # type: ignore[arg-type]


def test_growth_is_exponential_not_linear():
    b = Backoff(base_s=1.0, cap_s=10**6, rng=Edge())
    assert [b.failed() for _ in range(6)] == [2, 4, 8, 16, 32, 64]


def test_jitter_is_drawn_from_zero_to_the_ceiling():
    rng = Edge(top=False)
    b = Backoff(rng=rng)
    assert [b.failed() for _ in range(3)] == [0, 0, 0]
    assert rng.asked == [(0, 4), (0, 8), (0, 16)]


def test_real_jitter_stays_inside_its_bounds_and_spreads():
    b = Backoff(rng=random.Random(18))
    waits = []
    for _ in range(200):
        b.succeeded()
        waits.append(b.failed())
    assert all(0 <= w <= 4 for w in waits)
    assert min(waits) < 1 and max(waits) > 3  # spread over the range, not one value


def test_retry_after_is_a_floor_for_the_wait():
    assert Backoff(rng=Edge(top=False)).failed(30) == 30  # jitter 0, server says 30
    assert Backoff(rng=Edge()).failed(30) == 30  # ceiling 4 < 30
    b = Backoff(rng=Edge())
    for _ in range(4):
        b.failed()
    assert b.failed(10) == 64  # our own wait is already longer
    assert Backoff(rng=Edge(top=False)).failed(0) == 0
    assert Backoff(rng=Edge(top=False)).failed(None) == 0


def test_retry_after_above_the_cap_is_capped():
    assert Backoff(rng=Edge(top=False)).failed(3600) == 300
    assert Backoff(rng=Edge(top=False)).failed(300) == 300
    assert Backoff(cap_s=60, rng=Edge(top=False)).failed(61) == 60


def test_success_starts_again_from_the_first_wait():
    b = Backoff(rng=Edge())
    for _ in range(5):
        b.failed()
    assert b.failures == 5
    b.succeeded()
    assert b.failures == 0
    assert b.failed() == 4


@pytest.mark.parametrize("failures", [29, 30, 31, 5_000])
def test_doubling_stops_after_thirty_failures_without_overflow(failures):
    # 2**5000 would not fit a float: the exponent is held at 30 (base × 2^30)
    b = Backoff(base_s=1e-9, cap_s=10.0, failures=failures, rng=Edge())
    assert b.failed() == pytest.approx(1e-9 * 2 ** min(failures + 1, 30))
    assert b.failures == failures + 1
