"""The worker's promises: backoff, resume after restart, the stale warning, and two
server instances on one database (a load balancer) still applying each event once."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

from sqlalchemy import func, select

from outlet_pos.central.models import Event
from outlet_pos.sync.backoff import Backoff
from outlet_pos.sync.client import SyncClient
from outlet_pos.sync.worker import SyncWorker
from tests.central_server import CentralServer
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll, server_shipments

MANAGER = ("manajer", "rahasia-manajer")


def test_backoff_grows_with_jitter_up_to_the_cap_and_honours_retry_after():
    b = Backoff(base_s=2, cap_s=60, rng=random.Random(1))
    waits = [b.failed() for _ in range(12)]
    assert all(0 <= w <= 60 for w in waits)
    assert max(waits[:2]) <= 8 and max(waits[6:]) > 8  # grows, then stays under the cap
    assert len({round(w, 3) for w in waits}) == len(waits)  # jittered, never in lockstep
    assert b.failed(retry_after=30) >= 30
    b.succeeded()
    assert b.failures == 0 and b.failed() <= 4


def test_queue_survives_a_restart_and_drains_after_it(app, reopen, tmp_path):
    srv = CentralServer(tmp_path / "central").start()
    boss = app.auth.login(*MANAGER)
    enroll(app, srv, boss)
    srv.stop()
    waybills = book_random(app, boss, 30)
    assert app.sync.sync_once().error is not None
    app.close()  # the PC is switched off with 30 events unsent

    srv.start()
    try:
        again = reopen()
        assert again.sync.status().queue_depth == 30
        assert again.sync.sync_once().applied == 30
        assert sorted(s["waybill"] for s in server_shipments(srv)) == sorted(waybills)
    finally:
        srv.close()


def test_status_warns_when_the_oldest_unsent_event_is_older_than_the_limit(app, clock):
    boss = app.auth.login(*MANAGER)
    book_random(app, boss, 2)
    status = app.sync.status()
    assert status.queue_depth == 2 and not status.enrolled and not status.stale
    clock.advance(hours=25)
    status = app.sync.status()
    assert status.stale and status.oldest_unsent_age >= timedelta(hours=25)


def test_two_server_instances_on_one_database_apply_each_event_once(enrolled, central,
                                                                    tmp_path):
    second = CentralServer(tmp_path / "central", central.db_url).start()  # same db, secrets
    try:
        boss = enrolled.auth.login(*MANAGER)
        book_random(enrolled, boss, 150)

        def worker(url: str) -> SyncWorker:
            return SyncWorker(enrolled.db.uow, enrolled.db.clock, batch_size=10,
                              make_client=lambda cred: SyncClient(
                                  url, device_id=cred.device_id, seed=cred.seed))

        workers = [worker(central.url), worker(second.url)]  # racing for the same events
        threads = [threading.Thread(target=w.sync_once) for w in workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        for _ in range(5):  # any batch that lost a race (503) goes again
            if enrolled.sync.status().queue_depth == 0:
                break
            enrolled.sync.sync_once()
        assert enrolled.sync.status().queue_depth == 0
        assert len(server_shipments(central)) == 150
        with central.engine.connect() as c:
            assert c.execute(select(func.count()).select_from(Event)).scalar() == 150
    finally:
        second.close()


def test_background_worker_sends_at_once_on_sync_now_and_reports_progress(enrolled):
    boss = enrolled.auth.login(*MANAGER)
    worker = enrolled.worker  # the worker itself: the test sets its interval and batch size
    worker.interval_s = 3600  # left alone it would wait an hour
    seen: list = []
    drained = threading.Event()

    def listen(status) -> None:
        seen.append(status)
        if status.queue_depth == 0 and status.last_success is not None:
            drained.set()

    worker.listeners.append(listen)
    worker.start()
    assert drained.wait(30)  # the first pass at start
    drained.clear()
    book_random(enrolled, boss, 12)
    worker.batch_size = 5
    worker.sync_now()
    assert drained.wait(30)
    worker.stop()
    assert worker.status().queue_depth == 0
    assert any(s.draining and s.drain_total == 12 for s in seen)  # the progress bar had data
