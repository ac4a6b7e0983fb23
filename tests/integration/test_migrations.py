"""An existing database made with the first schema is upgraded in place on start."""

from __future__ import annotations

import sqlite3

import pytest

from outlet_pos.bootstrap import open_app
from outlet_pos.storage.db import make_engine
from outlet_pos.storage.schema import SchemaTooNew, current_revision, head_revision, upgrade

FIRST = "0001"


def test_first_schema_database_upgrades_with_its_data(app, clerk, example_order, settings,
                                                      clock):
    waybill = app.booking.book(clerk, example_order).waybill
    app.close()
    # Put the file back to the first schema's revision as an older app would have left it.
    engine = make_engine(app.db.path)
    if head_revision() != FIRST:
        from alembic import command

        from outlet_pos.storage.schema import _config

        cfg = _config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, FIRST)
    with engine.begin() as conn:
        conn.exec_driver_sql("update alembic_version set version_num=?", (FIRST,))
    assert current_revision(engine) == FIRST
    engine.dispose()

    again = open_app(settings, clock)
    try:
        assert current_revision(again.db.engine) == head_revision()
        s = again.auth.login("kasir1", "rahasia-kasir")
        assert again.shipments.show(s, waybill).recipient.name == "Budi Santoso"
    finally:
        again.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "x.db"
    engine = make_engine(path)
    upgrade(engine)
    engine.dispose()
    with sqlite3.connect(path) as c:
        c.execute("update alembic_version set version_num='9999_future'")
    engine = make_engine(path)
    with pytest.raises(SchemaTooNew, match="newer Outlet POS"):
        upgrade(engine)
    engine.dispose()
