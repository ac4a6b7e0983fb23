"""The database's connections dropped under a running server (a PostgreSQL restart, a
failover, PgBouncer recycling its server side): the outlet's next upload is at worst a
retryable 503 with ``Retry-After``, never a 500, and the upload after it is applied. The
pool does not ping each connection before use (a round trip per request): a dropped one is
found by the statement that uses it, and the whole pool is renewed (issue 20, "cheap per
request")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from outlet_pos.central.models import Event
from outlet_pos.protocol import wire
from tests.central_server import CentralServer
from tests.integration.test_central_one_transaction import (
    OUTLET,
    _count,
    _device,
    _event,
    _post,
    _signed,
)


@pytest.fixture
def srv(pg_url_factory, tmp_path: Path) -> Iterator[CentralServer]:
    s = CentralServer(tmp_path / "central", pg_url_factory("lostdb")).start()
    s.add_outlet(OUTLET, origin="32.73.01")
    yield s
    s.close()


def _drop_the_servers_connections(url: str) -> int:
    """Every other session on the server's database ended, as a restart ends them."""
    other = create_engine(url, poolclass=NullPool)
    try:
        with other.begin() as c:
            return len(c.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")).all())
    finally:
        other.dispose()


def test_connections_dropped_under_the_server_cost_one_retryable_503_at_most(srv):
    dev = _device(srv)
    for seq in (1, 2):  # the pool holds live connections now
        body = wire.encode_batch({"events": [_event(seq)], "audit_head": None})
        assert _post(srv, body, _signed(dev, body)).status_code == 200
    assert _drop_the_servers_connections(srv.db_url) >= 1
    body = wire.encode_batch({"events": [_event(3)], "audit_head": None})
    first = _post(srv, body, _signed(dev, body))
    # the pooled connection is dead and nothing pinged it: found by the request's statement
    assert first.status_code == 503, first.text
    assert first.json()["code"] == "unavailable"
    assert int(first.headers["Retry-After"]) >= 1
    again = _post(srv, body, _signed(dev, body))  # what the client does: signs again
    assert again.status_code == 200, again.text
    assert again.json()["results"][0]["result"] == "applied"  # the 503 stored nothing
    assert _count(srv, Event) == 3


def test_the_pool_does_not_ping_each_connection_before_use(srv):
    assert srv.engine.pool._pre_ping is False
