"""The central server's admission control (central/admission.py) on its own: the bound on
batches admitted, slots handed over in arrival order, the wait cut off, a gone client's
batch not run, no slot lost to a cancelled request, and Retry-After booked at the rate
the process serves."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from typing import Any

import pytest

from outlet_pos.central.admission import Admission, AdmissionLimits
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
        tickets = [adm.enter() for i in range(4)]
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
        ticket = adm.enter()
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
    asked: list[str] = []

    async def gone_now() -> bool:
        asked.append("gone")
        return True

    async def scenario() -> tuple[Any, ...]:
        first, late, gone = adm.enter(), adm.enter(), adm.enter()
        assert first and late and gone
        async with first:
            assert await first.turn(gone_now) is None  # a free slot: nobody is asked
            async with late:
                busy = await late.turn(_here)
            # the client of a batch that waits goes away meanwhile
            waiting = asyncio.ensure_future(gone.turn(gone_now))
            await asyncio.sleep(0)
        mean = adm.mean_s
        async with gone:
            left = await waiting
            slots_after_gone = adm.running
        return busy, left, slots_after_gone, mean

    busy, left, slots_after_gone, mean = asyncio.run(scenario())
    assert (busy, left, slots_after_gone) == ("busy", "gone", 0)
    assert asked == ["gone"]  # only the batch that waited was asked
    assert (adm.running, adm.admitted) == (0, 0)
    assert mean != 0.25 and adm.mean_s == mean  # the gone batch did nothing: not in the mean


def test_a_request_cancelled_while_it_waits_loses_no_slot() -> None:
    adm = Admission(AdmissionLimits(slots=1, room=2, max_wait_s=5))

    async def waiter() -> None:
        ticket = adm.enter()
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
        ticket = adm.enter()
        assert ticket is not None
        async with ticket:  # the slot is free again, at once
            assert await asyncio.wait_for(ticket.turn(_here), 0.5) is None

    asyncio.run(scenario())


def test_retry_after_books_the_refused_at_the_rate_the_process_serves() -> None:
    clock = FakeClock()
    adm = Admission(AdmissionLimits(slots=2, room=6), rng=random.Random(7), clock=clock)
    adm.mean_s = 0.5  # 2 slots: a batch every 0.25 s, booked a third closer: 0.1875 s
    assert adm.retry_after() == 1  # nothing admitted: the floor
    clock.now += 100
    assert all(adm.enter() for _ in range(8)) and adm.enter() is None
    waits = [adm.retry_after() for _ in range(40)]  # 40 refused at the same moment
    # the 8 admitted drain in 1.5 s, then one appointment each 0.1875 s: 1.5 .. 8.8 s
    assert waits == sorted(waits)
    assert min(waits) == 2 and max(waits) == 9
    assert max(Counter(waits).values()) <= 6  # about 5.3 a second
    assert [adm.retry_after() for _ in range(400)][-50:] == [60] * 50  # clamped
    clock.now += 200  # nobody refused for minutes: the schedule starts over
    assert adm.retry_after() <= 2


def test_no_second_gets_more_clients_than_the_slots_and_room_take() -> None:
    clock = FakeClock()
    adm = Admission(AdmissionLimits(slots=2, room=6), rng=random.Random(5), clock=clock)
    adm.mean_s = 0.001  # very fast batches: the schedule alone would book hundreds a second
    waits = [adm.retry_after() for _ in range(200)]
    assert max(Counter(waits).values()) <= 8 + 1
    assert max(waits) >= 200 // 9


def test_the_schedule_follows_the_measured_batch_time() -> None:
    clock = FakeClock()
    adm = Admission(AdmissionLimits(slots=4, room=0), rng=random.Random(3), clock=clock)
    tickets = [adm.enter() for _ in range(4)]

    async def run_all(seconds: float) -> None:
        for t in tickets:
            assert t is not None
            async with t:
                await t.turn(_here)
                clock.now += seconds

    asyncio.run(run_all(2.0))
    assert 0.25 < adm.mean_s < 2.0  # moving towards the batches' 2 s
    interval = adm.mean_s / 4
    waits = [adm.retry_after() for _ in range(40)]
    assert waits[-1] - waits[0] >= int(39 * interval) - 1


def test_limits_are_checked_and_fit_the_terminals_timeout() -> None:
    with pytest.raises(ValueError):
        AdmissionLimits(slots=0)
    # the longest a batch may wait, twice over for running it, inside the read timeout
    assert 2 * AdmissionLimits().max_wait_s < TIMEOUT[1]
