"""Quick and soak modes for the reliability tests, and the figures each test records.

One switch: ``OUTLET_POS_SOAK=1`` (what ``make soak`` sets) turns the quick sizes
used inside ``make test`` into the long ones. Tests take their sizes from the
``sizes`` fixture instead of hard-coding loop counts.

Each test may take the ``figures`` fixture and fill in what it did::

    def test_x(figures):
        figures.describe("what the test does, one sentence")
        figures.runs += 1        # iterations / rounds / kills
        figures.faults += 1      # faults injected
        figures.losses += 0      # promises broken (the asserts keep these at 0)
        figures.duplicates += 0
        figures.leaks += 0

When ``OUTLET_POS_RESULTS`` names a file, every test that used ``figures``
appends one JSON line to it (with its outcome and duration);
``tools/reliability_table.py`` turns the file into the table of
docs/reliability.md.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.soak import SOAK  # one switch for the whole suite


@dataclass(frozen=True)
class Sizes:
    mode: str
    kills: int            # SIGKILLs of the booking-and-syncing child
    net_rounds: int       # sync passes through the fault proxy
    restarts: int         # central server restarts mid-sync
    printer_rounds: int   # random printer faults, each retried
    io_rounds: int        # repetitions of each I/O fault
    examples: int         # hypothesis examples per property (the property helper's tests)


QUICK = Sizes("quick", kills=30, net_rounds=30, restarts=3, printer_rounds=8, io_rounds=1,
              examples=100)
LONG = Sizes("soak", kills=1000, net_rounds=500, restarts=20, printer_rounds=100, io_rounds=5,
             examples=2000)


def current_sizes() -> Sizes:
    s = LONG if SOAK else QUICK
    if os.environ.get("OUTLET_POS_KILLS"):  # older switch, still honoured
        s = Sizes(**{**asdict(s), "kills": int(os.environ["OUTLET_POS_KILLS"])})
    return s


@pytest.fixture(scope="session")
def sizes() -> Sizes:
    return current_sizes()


@dataclass
class Figures:
    test: str
    mode: str
    what: str = ""
    runs: int = 0
    faults: int = 0
    losses: int = 0
    duplicates: int = 0
    leaks: int = 0
    detail: dict[str, Any] = field(default_factory=dict)

    def describe(self, what: str) -> None:
        self.what = what


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    if report.when == "call":
        item.stash[_OUTCOME] = report.outcome
    return report


_OUTCOME = pytest.StashKey[str]()


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Iterator[Figures]:
    f = Figures(test=request.node.nodeid.split("tests/reliability/", 1)[-1],
                mode=current_sizes().mode)
    start = time.monotonic()
    yield f
    target = os.environ.get("OUTLET_POS_RESULTS")
    if not target:
        return
    row = {**asdict(f), "seconds": round(time.monotonic() - start, 1),
           "outcome": request.node.stash.get(_OUTCOME, "error"),
           "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M")}
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
