"""The central database's schema migrations (issue 20), on SQLite and PostgreSQL.

- The migrations make exactly what the models say (a model changed without a migration
  fails here), and ``make_engine``'s fast paths hold: a new database is created at head,
  one at head is opened without loading Alembic.
- A stored database of c0001, made by the code of that time (tests/fixtures/central_schemas,
  ``tools/make_central_schema_fixtures.py``; before migrations it has no
  ``alembic_version``), is upgraded at start with every row kept, its audit heads
  collapsed to one per device, and the server still reads it. The same rows go through
  the same upgrade on PostgreSQL, loaded into a database built by the baseline migration.
- A database newer than the code is refused untouched; two servers starting together on
  an old database upgrade it once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, MetaData, create_engine, func, select, text

from outlet_pos.central import cli, migrations, reference
from outlet_pos.central.db import make_engine, open_engine, utc_now
from outlet_pos.central.enrollment import DeviceRow
from outlet_pos.central.ingest import Ingest
from outlet_pos.central.keyring import Keyring, open_text
from outlet_pos.central.models import AuditHead, Base, Device, TrackingEvent
from outlet_pos.central.secrets_file import load_or_create

ROOT = Path(__file__).resolve().parents[2]
C0001 = ROOT / "tests" / "fixtures" / "central_schemas" / "c0001"
MANIFEST = json.loads((C0001 / "manifest.json").read_text())
ORDERS = json.loads((ROOT / "tests" / "fixtures" / "schemas" / "orders.json").read_text())


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url_factory")("migrate"))
    return f"sqlite:///{tmp_path / 'central.db'}"


def _drift(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def test_the_migrations_make_exactly_what_the_models_say(url):
    engine = open_engine(url)
    try:
        migrations.upgrade(engine)  # every step from nothing, not create_all
        assert migrations.current_revision(engine) == migrations.head_revision()
        assert _drift(engine) == [], (
            "the models and the migrations differ: a model change needs its migration in "
            "outlet_pos/central/migrations/versions (next id after "
            f"{migrations.head_revision()})")
    finally:
        engine.dispose()


def test_a_new_database_is_created_at_head_and_one_at_head_opens_without_alembic(tmp_path):
    db = tmp_path / "central.db"
    engine = make_engine(f"sqlite:///{db}")
    assert migrations.current_revision(engine) == migrations.head_revision()
    assert _drift(engine) == []
    engine.dispose()
    probe = ("import sys; from outlet_pos.central.db import make_engine; "
             f"make_engine({f'sqlite:///{db}'!r}).dispose(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, check=True).stdout
    assert out.strip() == "[]"  # the start path at head: one query, no Alembic


def _copy_fixture(tmp_path: Path) -> Path:
    out = tmp_path / "c0001"
    shutil.copytree(C0001, out)
    os.chmod(out / "central.secrets", 0o600)
    return out


def _load_fixture_rows(engine: Engine, src: Path) -> None:
    """Every row of the stored SQLite database into ``engine``'s c0001 tables."""
    old = create_engine(f"sqlite:///{src / 'central.db'}")
    meta = MetaData()
    meta.reflect(old)
    target = MetaData()
    target.reflect(engine)
    with old.connect() as r, engine.begin() as w:
        for name, table in meta.tables.items():
            rows = [dict(row._mapping) for row in r.execute(select(table))]
            if rows:
                w.execute(target.tables[name].insert(), rows)
            if "id" in table.c and str(table.c.id.type) == "INTEGER" and rows:
                w.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                               f"(SELECT max(id) FROM {name}))"))
    old.dispose()


def _stamp(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL "
                          "PRIMARY KEY)"))
        conn.execute(text("INSERT INTO alembic_version VALUES (:r)"), {"r": revision})


def _counts(engine: Engine) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as c:
        return {t: int(c.execute(select(func.count()).select_from(meta.tables[t]))
                       .scalar_one()) for t in MANIFEST["rows"]}


def _check_upgraded(engine: Engine, secrets_dir: Path) -> None:
    assert migrations.current_revision(engine) == migrations.head_revision()
    assert _drift(engine) == []
    expected = dict(MANIFEST["rows"], audit_heads=len(MANIFEST["devices"]))
    assert _counts(engine) == expected  # every row kept; the heads one per device
    with engine.connect() as c:
        heads = {r.device_id: {"seq": r.seq, "hash": r.head}
                 for r in c.execute(select(AuditHead.__table__))}
    assert heads == MANIFEST["highest_audit_link"]
    # the server reads what the old one stored: the parties, the void, the sealed note
    secrets = load_or_create(secrets_dir / "central.secrets")
    listed = {s["waybill"]: s for s in reference.shipments(
        engine, secrets, MANIFEST["outlet"], personal=True, void_reason=True)}
    assert sorted(listed) == sorted(MANIFEST["waybills"])
    assert {s["sender"]["name"] for s in listed.values()} == \
        {o["sender"]["name"] for o in ORDERS}
    assert listed[MANIFEST["voided"]]["status"] == "void"
    assert listed[MANIFEST["voided"]]["void_reason"] == MANIFEST["void_reason"]
    with engine.connect() as c:
        note = c.execute(select(TrackingEvent.note, TrackingEvent.waybill, TrackingEvent.at)
                         .where(TrackingEvent.note.is_not(None))).one()
        opener = Keyring(secrets).opener(c)
        assert open_text(opener, note.note, f"tracking/{note.waybill}/{note.at}") == \
            MANIFEST["tracking_note"]
    # and compares the next upload with the kept head: honest, then rewritten
    device = MANIFEST["devices"][0]
    top = MANIFEST["highest_audit_link"][device]
    dev = DeviceRow(device, MANIFEST["outlet"], 1, "active")
    ingest = Ingest(engine, secrets, utc_now)
    assert ingest.apply(dev, [], {"seq": top["seq"] + 1, "hash": "e" * 64,
                                  "earlier": top}) == []
    ingest.apply(dev, [], {"seq": top["seq"] + 2, "hash": "f" * 64,
                           "earlier": {"seq": top["seq"] + 1, "hash": "0" * 64}})
    with engine.connect() as c:
        alert = c.execute(select(Device.audit_alert).where(Device.id == device)).scalar()
    assert alert and f"audit row {top['seq'] + 1}" in alert


@pytest.mark.parametrize("stamped", [False, True], ids=["before-migrations", "stamped-c0001"])
def test_a_stored_c0001_sqlite_database_is_upgraded_with_its_rows_kept(tmp_path, stamped):
    src = _copy_fixture(tmp_path)
    old = create_engine(f"sqlite:///{src / 'central.db'}")
    assert migrations.current_revision(old) is None  # made before migrations existed
    if stamped:
        _stamp(old, "c0001")
    old.dispose()
    engine = make_engine(f"sqlite:///{src / 'central.db'}")
    try:
        _check_upgraded(engine, src)
    finally:
        engine.dispose()


@pytest.mark.parametrize("stamped", [False, True], ids=["before-migrations", "stamped-c0001"])
def test_the_same_c0001_rows_on_postgresql_are_upgraded_with_them_kept(
        tmp_path, pg_url_factory, stamped):
    src = _copy_fixture(tmp_path)
    url = pg_url_factory("c0001")
    base = open_engine(url)
    migrations.upgrade(base, "c0001")
    if not stamped:  # as a server before migrations left it: the tables, no version
        with base.begin() as c:
            c.execute(text("DROP TABLE alembic_version"))
    _load_fixture_rows(base, src)
    base.dispose()
    engine = make_engine(url)
    try:
        _check_upgraded(engine, src)
    finally:
        engine.dispose()


def test_a_database_newer_than_this_server_is_refused_untouched(url, capsys):
    engine = make_engine(url)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = 'c9999'"))
    engine.dispose()
    with pytest.raises(migrations.SchemaTooNew, match="c9999, made by a newer"):
        make_engine(url)
    probe = open_engine(url)
    assert migrations.current_revision(probe) == "c9999"
    probe.dispose()
    assert cli.main(["devices", "list", "--db", url]) == 1  # any command: an error, no trace
    assert "newer Outlet POS server" in capsys.readouterr().err
    assert cli.main(["db", "current", "--db", url]) == 1
    assert "newer than this server" in capsys.readouterr().out


def test_db_current_and_upgrade_from_the_command_line(tmp_path, capsys):
    src = _copy_fixture(tmp_path)
    url = f"sqlite:///{src / 'central.db'}"
    head = migrations.head_revision()
    assert cli.main(["db", "current", "--db", url]) == 0
    assert "schema: none (made before migrations" in capsys.readouterr().out
    probe = create_engine(url)
    assert migrations.current_revision(probe) is None  # looking changed nothing
    assert cli.main(["db", "upgrade", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == \
        f"schema: {head} (upgraded from before migrations)"
    assert cli.main(["db", "current", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == f"schema: {head} (head)"
    assert migrations.current_revision(probe) == head
    probe.dispose()
    missing = f"sqlite:///{tmp_path / 'none.db'}"
    assert cli.main(["db", "current", "--db", missing]) == 1
    assert not (tmp_path / "none.db").exists()


def test_two_servers_starting_together_upgrade_an_old_database_once(pg_url_factory, tmp_path):
    """The test holds the schema lock while both start, so both reach it before either
    upgrades: without the lock both would run c0002 and one would fail."""
    url = pg_url_factory("race")
    base = open_engine(url)
    migrations.upgrade(base, "c0001")
    _load_fixture_rows(base, _copy_fixture(tmp_path))
    holder = base.connect()
    holder.exec_driver_sql(f"SELECT pg_advisory_lock({migrations.PG_LOCK})")
    start = ("from outlet_pos.central import migrations; from outlet_pos.central.db import "
             f"open_engine; print(migrations.prepare(open_engine({url!r})))")  # a server's
    starts = [subprocess.Popen([sys.executable, "-c", start], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(2)]
    try:
        waiting = 0
        for _ in range(600):  # both blocked on the lock (pg_locks), at most a minute
            with base.connect() as c:
                waiting = c.execute(text("SELECT count(*) FROM pg_locks WHERE "
                                         "locktype = 'advisory' AND NOT granted")).scalar()
            if waiting == 2 or any(p.poll() is not None for p in starts):
                break
            time.sleep(0.1)
        assert waiting == 2, [p.communicate() for p in starts if p.poll() is not None]
    finally:
        holder.exec_driver_sql(f"SELECT pg_advisory_unlock({migrations.PG_LOCK})")
        holder.close()
    outs = [p.communicate(timeout=60) for p in starts]
    assert [p.returncode for p in starts] == [0, 0], outs
    assert sorted(o[0].strip() for o in outs) == ["current", "upgraded from c0001"]
    assert _counts(base)["audit_heads"] == len(MANIFEST["devices"])
    base.dispose()
