"""The central server's admission control (central/admission.py) on its own: the bound on
batches admitted, slots handed over in arrival order, the wait cut off, a gone client's
batch not run, no slot lost to a cancelled request, and Retry-After sized from the queue."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest

from outlet_pos.central.admission import FORGET_S, Admission, AdmissionLimits
from outlet_pos.sync.client import TIMEOUT


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _here() -> bool:
    return False


async def _gone() -> bool:
    return True


def test_places_are_slots_plus_room_and_each_is_given_back() -> None:
    adm = Admission(AdmissionLimits(slots=2, room=1))

    async def scenario() -> None:
        tickets = [adm.enter(f"d{i}") for i in range(4)]
        assert [t is not None for t in tickets] == [True, True, True, False]
        async with tickets[0] as t0, tickets[1] as t1:
            assert await t0.turn(_here) is None and await t1.turn(_here) is None
            assert (adm.running, adm.waiting) == (2, 1)
        assert (adm.running, adm.admitted) == (0, 1)
        async with tickets[2] as t2:
            assert await t2.turn(_here) is None
        assert (adm.running, adm.admitted) == (0, 0)

    asyncio.run(scenario())


def test_slots_go_to_the_waiters_in_arrival_order() -> None:
    adm = Admission(AdmissionLimits(slots=1, room=3))
    order: list[int] = []

    async def batch(i: int, hold: asyncio.Event) -> None:
        ticket = adm.enter(None)
        assert ticket is not None
        async with ticket:
            assert await ticket.turn(_here) is None
            order.append(i)
            await hold.wait()

    async def scenario() -> None:
        holds = [asyncio.Event() for _ in range(4)]
        tasks = []
        for i, h in enumerate(holds):
            tasks.append(asyncio.create_task(batch(i, h)))
            await asyncio.sleep(0)  # each arrives after the one before
        for h in holds:
            await asyncio.sleep(0.01)
            assert adm.running == 1
            h.set()
        await asyncio.gather(*tasks)

    asyncio.run(scenario())
    assert order == [0, 1, 2, 3]
    assert (adm.running, adm.admitted) == (0, 0)


def test_a_batch_waits_at_most_max_wait_and_a_gone_client_is_not_run() -> None:
    adm = Admission(AdmissionLimits(slots=1, room=2, max_wait_s=0.05))

    async def scenario() -> tuple[Any, ...]:
        first, late, gone = adm.enter("a"), adm.enter("b"), adm.enter("c")
        assert first and late and gone
        async with first:
            assert await first.turn(_here) is None
            async with late:
                busy = await late.turn(_here)
        mean = adm.mean_s
        async with gone:
            left = await gone.turn(_gone)
            slots_after_gone = adm.running
        return busy, left, slots_after_gone, mean

    busy, left, slots_after_gone, mean = asyncio.run(scenario())
    assert (busy, left, slots_after_gone) == ("busy", "gone", 0)
    assert (adm.running, adm.admitted) == (0, 0)
    assert mean != 0.25 and adm.mean_s == mean  # the gone batch did nothing: not in the mean


def test_a_request_cancelled_while_it_waits_loses_no_slot() -> None:
    adm = Admission(AdmissionLimits(slots=1, room=2, max_wait_s=5))

    async def waiter() -> None:
        ticket = adm.enter(None)
        assert ticket is not None
        async with ticket:
            await ticket.turn(_here)
            await asyncio.sleep(10)

    async def scenario() -> None:
        holder = asyncio.create_task(waiter())
        await asyncio.sleep(0.01)
        queued = asyncio.create_task(waiter())
        await asyncio.sleep(0.01)
        assert (adm.running, adm.waiting) == (1, 1)
        queued.cancel()  # e.g. the server shutting down the request
        holder.cancel()
        await asyncio.gather(holder, queued, return_exceptions=True)
        assert (adm.running, adm.admitted) == (0, 0)
        ticket = adm.enter(None)
        assert ticket is not None
        async with ticket:  # the slot is free again, at once
            assert await asyncio.wait_for(ticket.turn(_here), 0.5) is None

    asyncio.run(scenario())


def test_retry_after_spreads_the_queue_over_the_time_it_takes_to_drain() -> None:
    clock = FakeClock()
    adm = Admission(AdmissionLimits(slots=2, room=0), rng=random.Random(7), clock=clock)
    adm.mean_s = 0.5
    assert adm.retry_after() == 1  # nobody waiting: the floor
    assert adm.enter("holder") and adm.enter("holder2")
    for i in range(38):  # 38 devices refused: with the 2 admitted, 40 x 0.5 s / 2 = 10 s
        assert adm.enter(f"out{i}") is None
    waits = [adm.retry_after() for _ in range(400)]
    assert min(waits) == 1 and max(waits) == 10
    assert len(set(waits)) == 10  # spread over the span, not one second for all
    for i in range(2000):
        adm.enter(f"many{i}")
    assert max(adm.retry_after() for _ in range(100)) == 60  # clamped
    clock.now += FORGET_S + 10  # the refused have not come back for minutes: forgotten
    assert adm.retry_after() == 1


def test_a_refused_device_that_gets_in_is_no_longer_counted_outside() -> None:
    adm = Admission(AdmissionLimits(slots=1, room=0), rng=random.Random(1))
    adm.mean_s = 4.0
    first = adm.enter("a")
    assert first is not None and adm.enter("b") is None
    assert max(adm.retry_after() for _ in range(50)) == 8  # (1 admitted + 1 outside) x 4 s
    adm.admitted -= 1  # ``a`` done
    assert adm.enter("b") is not None
    assert max(adm.retry_after() for _ in range(50)) == 4


def test_limits_are_checked_and_fit_the_terminals_timeout() -> None:
    with pytest.raises(ValueError):
        AdmissionLimits(slots=0)
    # the longest a batch may wait, twice over for running it, inside the read timeout
    assert 2 * AdmissionLimits().max_wait_s < TIMEOUT[1]
