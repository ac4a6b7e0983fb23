"""Shared fixtures: a real outlet in a temporary data directory, a controllable clock."""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from outlet_pos.bootstrap import App, init_outlet, open_app
from outlet_pos.config import Settings
from outlet_pos.domain.errors import ValidationError
from tests.pg_server import PgServer, PgUnavailable, start_postgres
from tests.soak import SOAK

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # windows never open during tests
pytest_plugins = ["tests.sync_fixtures"]  # central, enrolled

ROOT = Path(__file__).resolve().parents[1]


def pytest_collection_modifyitems(config, items):
    """Tests marked ``soak`` (long runs of what a quicker test beside them already covers)
    run only in ``make soak`` (OUTLET_POS_SOAK=1), so ``make test`` keeps to its budget."""
    if SOAK:
        return
    later = pytest.mark.skip(reason="long test: runs in make soak (OUTLET_POS_SOAK=1)")
    for item in items:
        if item.get_closest_marker("soak"):
            item.add_marker(later)


@pytest.fixture(autouse=True, scope="session")
def exports_outside_home(tmp_path_factory):
    """Closing PDFs and other exports of every test (the CLI's and the window's child
    processes included) go to a temporary folder, never to the Documents folder of whoever
    runs the suite."""
    if "OUTLET_POS_EXPORTS" not in os.environ:
        os.environ["OUTLET_POS_EXPORTS"] = str(tmp_path_factory.mktemp("exports"))
    yield


MANAGER = ("manajer", "rahasia-manajer")
CLERK = ("kasir1", "rahasia-kasir")
TECH = ("teknisi", "rahasia-teknisi")


class Clock:
    """A clock tests can move; starts at a fixed Wednesday morning in WIB."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # 09:00 WIB

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def example_order() -> dict:
    return copy.deepcopy(json.loads((ROOT / "examples" / "shipment.json").read_text()))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "data", keystore="file")


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Iterator[App]:
    a = init_outlet(settings, outlet_number=42, terminal=3, manager=MANAGER[0],
                    password=MANAGER[1], outlet_name="Outlet Uji", clock=clock)
    boss = a.auth.login(*MANAGER)
    a.auth.add_user(boss, CLERK[0], "clerk", CLERK[1])
    a.auth.add_user(boss, TECH[0], "technician", TECH[1])
    yield a
    a.close()


@pytest.fixture
def reopen(settings: Settings, clock: Clock):
    opened: list[App] = []

    def _open() -> App:
        a = open_app(settings, clock)
        opened.append(a)
        return a

    yield _open
    for a in opened:
        a.close()


@pytest.fixture
def clerk(app: App):
    return app.auth.login(*CLERK)


@pytest.fixture
def manager(app: App):
    return app.auth.login(*MANAGER)


@pytest.fixture
def tech(app: App):
    return app.auth.login(*TECH)


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgServer]:
    """One throw-away PostgreSQL server for the whole session (tests/pg_server.py).

    ``postgres.url`` is an empty database; ``postgres.new_database(name)`` makes more.
    Tests using it are skipped, with the reason, where no server can be had.
    """
    try:
        server = start_postgres(tmp_path_factory.mktemp("pg"))
    except PgUnavailable as exc:
        pytest.skip(f"PostgreSQL not available: {exc.reason}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_url_factory(postgres: PgServer):
    """``pg_url_factory(prefix="db")``: the URL of a new empty database on the session server.

    Names are made unique (``db_1``, ``db_2`` …), so tests never share a database.
    """
    counter = itertools.count(1)

    def make(prefix: str = "db") -> str:
        return postgres.new_database(f"{prefix}_{next(counter)}")

    return make


def open_today_for_the_cli(app: App) -> None:
    """The command line books on the real date, the test app on its clock's: carry the
    clock's day over (as a manager would), so that day never closed does not keep the real
    one from opening."""
    boss = app.auth.login(*MANAGER)
    day = app.outlet.business_date(app.db.clock())
    with contextlib.suppress(ValidationError):  # already closed or carried over
        app.cash.carry_over(boss, day, "uji: baris perintah memakai tanggal hari ini")
