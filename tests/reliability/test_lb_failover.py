"""A server process dies mid-drain behind the load balancer: the outlets finish through the other.

The deployment recipe of docs/central.md, started for real by tools/central_stack.py:
PostgreSQL, PgBouncer (transaction pooling), two ``outlet-pos-central serve`` processes,
HAProxy balancing them (leastconn, health check on /v1/ready) and ending TLS with a
certificate of a test CA the outlets pin. Several real terminals (``init_outlet``,
enrolled through HAProxy over https, their own sync workers) book a backlog offline
and drain it at once in small batches. While process 0 holds requests, it is killed with
SIGKILL. Each outlet keeps draining (a batch cut off is sent again: HAProxy retries it on
the other process, or the worker does on its next try), and PostgreSQL must then hold every
event of every outlet exactly once: the same ids, each once, every shipment once.

Skipped, saying why, when haproxy, pgbouncer or PostgreSQL is absent
(tools/ensure_haproxy.sh, tools/ensure_postgres.sh install them).
"""

from __future__ import annotations

import json
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from outlet_pos.bootstrap import App, init_outlet
from outlet_pos.central.db import make_engine, utc_now
from outlet_pos.central.enrollment import add_outlet
from outlet_pos.central.models import Event, Shipment
from outlet_pos.config import Settings
from outlet_pos.sync.errors import SyncError
from tests.pg_server import PgUnavailable, find_bindir
from tests.reliability.conftest import SOAK
from tests.sync_fixtures import pending_bodies
from tools.central_stack import ROOT, Stack, StackUnavailable
from tools.stack_daemons import find_exe

OUTLETS = 8 if SOAK else 4
EVENTS = 1000 if SOAK else 200  # per outlet
BATCH = 10  # small batches: many requests in flight across the kill
PASSWORD = "rahasia-manajer-1"
DEADLINE_S = 60.0  # for the outlets to finish after the kill


class _Booked:
    """The outlets, booked offline while the stack starts: (app, waybills) each."""

    def __init__(self, d: Path) -> None:
        order = json.loads((ROOT / "examples" / "shipment.json").read_text())
        self.apps: list[App] = []
        self.waybills: list[str] = []
        for n in range(OUTLETS):
            app = init_outlet(Settings(d / f"outlet{n}", keystore="file"),
                              outlet_number=100 + n, terminal=1, manager="manajer",
                              password=PASSWORD)
            self.apps.append(app)
            boss = app.auth.login("manajer", PASSWORD)
            for i in range(EVENTS):
                order["sender"]["name"] = f"Pengirim {n}-{i}"
                order["parcel"]["weight"] = 0.5 + (i % 40) / 10
                self.waybills.append(app.booking.book(boss, order).waybill)


@pytest.fixture(scope="module")
def stack_and_outlets(tmp_path_factory: pytest.TempPathFactory
                      ) -> Iterator[tuple[Stack, list[App], list[str]]]:
    """The recipe on loopback and the outlets enrolled through it, with their backlogs.
    The outlets book while the stack starts (both take seconds; the stack mostly waits)."""
    try:  # before booking anything: a machine without them skips at once
        find_exe("haproxy"), find_exe("pgbouncer"), find_bindir()
    except (StackUnavailable, PgUnavailable) as e:
        pytest.skip(f"the deployment recipe cannot run here: {e}")
    stack = Stack(tmp_path_factory.mktemp("stack"), processes=2, tls=True)
    failed: list[BaseException] = []

    def up() -> None:
        try:
            stack.up()
        except BaseException as e:  # handed to the fixture's thread below
            failed.append(e)

    starting = threading.Thread(target=up, daemon=True)
    starting.start()
    booked = _Booked(tmp_path_factory.mktemp("outlets"))
    try:
        starting.join()
        if failed:
            if isinstance(failed[0], StackUnavailable):
                pytest.skip(f"the deployment recipe cannot run here: {failed[0].reason}")
            raise failed[0]
        engine = make_engine(stack.pg_dsn)
        for app in booked.apps:
            code = add_outlet(engine, utc_now, app.outlet.number, f"Outlet {app.outlet.number}")
            assert stack.ca_path is not None
            app.enrolment.online(app.auth.login("manajer", PASSWORD), server=stack.url,
                                 code=code, ca_pem=stack.ca_path.read_text(),
                                 ca_path=str(stack.ca_path))
        engine.dispose()
        yield stack, booked.apps, booked.waybills
    finally:
        for app in booked.apps:
            app.close()
        stack.down()


def _drain(app: App, done: threading.Event, errors: list[str]) -> None:
    """What the worker's timer does, without its waits: passes until nothing is left."""
    app.worker.batch_size = BATCH
    deadline = time.monotonic() + DEADLINE_S + 60
    while time.monotonic() < deadline:
        try:
            report = app.worker.drain()
        except SyncError as e:  # what the worker's pass catches, to back off and try again
            errors.append(f"{e.kind} {e.code or e.message}")
            done.wait(min(e.retry_after or 0.2, 2.0))
            continue
        if report.remaining == 0:
            break
    done.set()


def _server_counts(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(Event)).scalar_one())


def _sessions(engine: Engine) -> int:
    """PostgreSQL sessions ever opened on the database: reported, to show PgBouncer's
    pool reusing its server connections across the processes' many client ones."""
    with engine.connect() as c:
        return int(c.exec_driver_sql(
            "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
        ).scalar_one())


def _phase(name: str, t0: list[float]) -> None:
    now = time.monotonic()
    print(f"  [{name}: {now - t0[0]:.1f} s]", end="")
    t0[0] = now


def test_kill_one_process_mid_drain_the_other_finishes_exactly_once(stack_and_outlets, figures):
    figures.describe(f"{OUTLETS} outlets drain {EVENTS} events each in batches of {BATCH} "
                     "through HAProxy to two server processes on PgBouncer; one process is "
                     "killed (SIGKILL) while it holds requests: every event at the server once")
    stack, apps, waybills = stack_and_outlets
    t0 = [time.monotonic()]
    engine = make_engine(stack.pg_dsn)
    try:
        sent: dict[str, tuple[str, dict]] = {}
        for app in apps:
            sent.update(pending_bodies(app))
        before = _server_counts(engine)  # enrolment sends nothing; this is the baseline
        sessions_before = _sessions(engine)
        total = len(sent)

        errors: list[list[str]] = [[] for _ in apps]
        finished = [threading.Event() for _ in apps]
        threads = [threading.Thread(target=_drain, args=(a, f, e), daemon=True)
                   for a, f, e in zip(apps, finished, errors, strict=True)]
        served_before = stack.served_by()
        for t in threads:
            t.start()

        # Kill process 0 once a tenth of the backlog is in and it holds open requests.
        deadline = time.monotonic() + 30
        while True:
            applied = _server_counts(engine) - before
            holding = int(next(r["scur"] for r in stack._stats() if r["svname"] == "p0") or 0)
            if applied >= total // 10 and holding > 0:
                break
            assert time.monotonic() < deadline, f"never mid-drain: {applied}/{total} applied"
            assert not all(f.is_set() for f in finished), "drained before the kill"
            finished[0].wait(0.02)
        stack.kill(0)
        at_kill = _server_counts(engine) - before
        served_at_kill = stack.served_by()
        stack.wait_states({"p0": "DOWN"}, timeout=10)
        served_down = stack.served_by()

        for t in threads:
            t.join(DEADLINE_S)
        assert not any(t.is_alive() for t in threads), "an outlet did not finish in time"
        served_after = stack.served_by()
        _phase("drained", t0)
        opened = _sessions(engine) - sessions_before

        with engine.connect() as c:
            ids = [r[0] for r in c.execute(select(Event.event_id))]
            ships = [r[0] for r in c.execute(select(Shipment.waybill))]
        doubled = [i for i, n in Counter(ids).items() if n > 1]
        lost = set(sent) - set(ids)
        figures.runs = 1
        figures.faults = 1
        figures.losses = len(lost)
        figures.duplicates = len(doubled) + len(ships) - len(set(ships))
        figures.detail = {"events": total, "applied at the kill": at_kill,
                          "failed passes": sum(map(len, errors)),
                          "requests to p0 before the kill": served_at_kill["p0"],
                          "requests p1 after kill": served_after["p1"] - served_at_kill["p1"],
                          "PostgreSQL sessions opened": opened}
        print(f"\n{total} events, {at_kill} applied when p0 was killed; failed passes "
              f"{sum(map(len, errors))} {Counter(e for es in errors for e in es)}; requests "
              f"p0 {served_at_kill.get('p0', 0) - served_before.get('p0', 0)}, p1 before the "
              f"kill {served_at_kill['p1'] - served_before['p1']}, after "
              f"{served_after['p1'] - served_at_kill['p1']}; PostgreSQL sessions opened "
              f"{opened}")

        assert 0 < at_kill < total, "the kill was not mid-drain"
        assert not doubled and len(ids) == before + total  # each event once, none extra
        assert not lost
        assert sorted(ships) == sorted(set(ships)) and set(waybills) <= set(ships)
        assert served_after["p1"] > served_at_kill["p1"]  # the rest went through p1
        assert served_after["p0"] == served_down["p0"]  # nothing to the dead one
        for app in apps:
            with app.db.uow() as uow:
                stats = uow.queue.stats()
            assert stats.pending == 0 and stats.parked == 0
    finally:
        engine.dispose()


@pytest.mark.skipif(not SOAK, reason="soak only (make soak): a rolling restart takes a minute")
def test_rolling_restart_mid_drain_costs_the_outlets_no_failed_request(stack_and_outlets,
                                                                       figures):
    """The recipe's restart of one process (systemctl restart outlet-pos-central@PORT):
    SIGTERM makes /v1/ready answer 503 while the process keeps serving --drain-seconds, so
    HAProxy takes it out before it stops accepting, and it finishes what it holds. The
    outlets must not see one failed request for it (a conflict or busy answer is the
    server's, not the restart's), and every event is stored once."""
    figures.describe("while outlets drain, each process in turn is stopped with SIGTERM and "
                     "started again: no failed request, every event once")
    stack, apps, _ = stack_and_outlets
    for i, pid in enumerate(stack.pids):
        if pid is None:  # the previous test killed it
            stack.start(i)
    stack.wait_states({"p0": "UP", "p1": "UP"})
    engine = make_engine(stack.pg_dsn)
    try:
        order = json.loads((ROOT / "examples" / "shipment.json").read_text())
        for app in apps:
            boss = app.auth.login("manajer", PASSWORD)
            for i in range(EVENTS):
                order["sender"]["name"] = f"Penerima {i}"
                app.booking.book(boss, order)
        sent: dict[str, tuple[str, dict]] = {}
        for app in apps:
            sent.update(pending_bodies(app))
        before = _server_counts(engine)
        errors: list[list[str]] = [[] for _ in apps]
        finished = [threading.Event() for _ in apps]
        threads = [threading.Thread(target=_drain, args=(a, f, e), daemon=True)
                   for a, f, e in zip(apps, finished, errors, strict=True)]
        for t in threads:
            t.start()
        restarted = 0
        for i in (1, 0):
            while _server_counts(engine) - before < len(sent) * (restarted + 1) // 4:
                finished[0].wait(0.02)
            stack.kill(i, signal.SIGTERM)  # drains, then exits
            assert not all(f.is_set() for f in finished), "drained before the restart"
            stack.start(i)
            stack.wait_states({"p0": "UP", "p1": "UP"})
            restarted += 1
        for t in threads:
            t.join(DEADLINE_S)
        assert not any(t.is_alive() for t in threads), "an outlet did not finish in time"
        with engine.connect() as c:
            ids = [r[0] for r in c.execute(select(Event.event_id))]
        failed = [e for es in errors for e in es if not e.endswith(("conflict", "busy"))]
        figures.runs = restarted
        figures.losses = len(set(sent) - set(ids))
        figures.duplicates = len(ids) - len(set(ids))
        figures.detail = {"events": len(sent), "failed requests": len(failed)}
        print(f"\n{len(sent)} events, {restarted} restarts; answers other than applied: "
              f"{Counter(e for es in errors for e in es)}")
        assert restarted == 2
        assert not failed
        assert len(ids) == len(set(ids)) == before + len(sent) and set(sent) <= set(ids)
    finally:
        engine.dispose()
