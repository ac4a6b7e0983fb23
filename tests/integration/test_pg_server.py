"""The session's PostgreSQL test server (tests/pg_server.py) works through SQLAlchemy."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from tests.pg_server import PgServer


def test_table_round_trip(postgres: PgServer) -> None:
    engine = create_engine(postgres.url)
    try:
        assert engine.dialect.name == "postgresql"
        assert engine.dialect.driver == "psycopg"
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE parcel (id serial PRIMARY KEY, awb text NOT NULL)"))
            conn.execute(text("INSERT INTO parcel (awb) VALUES (:awb)"), {"awb": "OPX0001"})
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, awb FROM parcel")).all()
            addr = conn.execute(text("SELECT inet_server_addr()::text")).scalar_one()
        assert [tuple(r) for r in rows] == [(1, "OPX0001")]
        assert addr.startswith("127.0.0.1")
    finally:
        engine.dispose()


def test_new_databases_are_empty_and_separate(postgres: PgServer, pg_url_factory) -> None:
    first, second = pg_url_factory("sep"), pg_url_factory("sep")
    assert first != second
    engines = [create_engine(url) for url in (first, second)]
    try:
        with engines[0].begin() as conn:
            conn.execute(text("CREATE TABLE only_here (x int)"))
        with engines[1].connect() as conn:
            tables = conn.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar_one()
        assert tables == 0
    finally:
        for e in engines:
            e.dispose()
