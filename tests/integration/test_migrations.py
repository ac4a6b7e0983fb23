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


def test_the_upgrade_to_0007_carries_over_old_days_never_closed(app, clerk, manager,
                                                                example_order, settings,
                                                                clock):
    """An outlet that never closed its days is not stopped at its first booking after the
    upgrade: the days before the latest are carried over by the upgrade; the latest one
    (yesterday, say) still needs its manager."""
    from outlet_pos.services.cash import DayNotClosed

    days = []
    for _ in range(3):
        days.append(app.outlet.business_date(clock()))
        app.booking.book(clerk, example_order)
        app.cash.carry_over(manager, days[-1], "sebelum upgrade")  # as an old app: no rule
        clock.advance(days=1)
    app.close()
    engine = make_engine(app.db.path)
    from alembic import command

    from outlet_pos.storage.schema import _config

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")  # the old app's schema: no carry-overs at all
    engine.dispose()
    again = open_app(settings, clock)
    try:
        with again.db.uow() as uow:
            carried = {r[0] for r in uow.conn.exec_driver_sql(
                "SELECT business_date, by FROM day_carry_overs") if r[1] == "upgrade"}
        assert carried == {d.isoformat() for d in days[:2]}
        s = again.auth.login("kasir1", "rahasia-kasir")
        with pytest.raises(DayNotClosed) as e:  # the latest day: the manager decides
            again.booking.book(s, example_order)
        assert e.value.day == days[2]
        boss = again.auth.login("manajer", "rahasia-manajer")
        again.cash.carry_over(boss, days[2], "hitung besok pagi")
        assert again.booking.book(s, example_order).waybill
    finally:
        again.close()
