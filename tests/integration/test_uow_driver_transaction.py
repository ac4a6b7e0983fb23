"""The unit of work begins and ends its transaction on the driver's connection; SQLAlchemy's
Connection on it joins that one transaction when a Core statement runs (storage/uow.py).

Both kinds of statement, the compiled ones on the driver's cursor (the booking's) and Core
ones (most repositories), are committed together or rolled back together."""

from __future__ import annotations

import pytest

from outlet_pos.storage.models import Meta


def _meta(app, key: str) -> str | None:
    with app.db.uow() as uow:
        return uow.meta.get(key)


def _write_both(uow, n: int) -> None:
    uow.meta.set(f"core_{n}", "x")  # a Core statement: SQLAlchemy joins the transaction
    uow.conn.connection.driver_connection.execute(  # the hot path's kind
        "insert into meta(key, value) values (?, ?)", (f"raw_{n}", "y"))


def test_core_and_driver_statements_commit_together(app):
    with app.db.uow(write=True) as uow:
        _write_both(uow, 1)
        assert uow.conn.in_transaction()
        uow.commit()
    assert (_meta(app, "core_1"), _meta(app, "raw_1")) == ("x", "y")


def test_leaving_without_commit_rolls_back_both(app):
    with app.db.uow(write=True) as uow:
        _write_both(uow, 2)
    assert (_meta(app, "core_2"), _meta(app, "raw_2")) == (None, None)


def test_an_error_rolls_back_driver_statements_without_core(app):
    with pytest.raises(RuntimeError), app.db.uow(write=True) as uow:
        uow.conn.connection.driver_connection.execute(
            "insert into meta(key, value) values ('raw_3', 'y')")
        assert not uow.conn.in_transaction()  # no Core statement ran: only the driver's
        raise RuntimeError("boom")
    assert _meta(app, "raw_3") is None


def test_a_write_unit_of_work_holds_the_write_lock_from_its_begin(app):
    with app.db.uow(write=True) as uow:
        driver = uow.conn.connection.driver_connection
        assert driver.in_transaction
        other = app.db.engine.raw_connection()
        try:
            other.driver_connection.execute("pragma busy_timeout=0")
            with pytest.raises(Exception, match="locked"):
                other.driver_connection.execute("begin immediate")
        finally:
            other.driver_connection.execute("pragma busy_timeout=5000")
            other.close()
        uow.conn.execute(Meta.__table__.select()).all()  # Core joins, no second BEGIN
        uow.commit()
    assert not driver.in_transaction


def test_a_core_write_after_the_commit_is_its_own_transaction_and_rolled_back(app):
    with app.db.uow(write=True) as uow:
        uow.meta.set("before", "1")
        uow.commit()
        uow.meta.set("after", "2")  # SQLAlchemy begins again, in the unit of work's mode
        driver = uow.conn.connection.driver_connection
        assert driver.in_transaction and uow.conn.in_transaction()
    assert (_meta(app, "before"), _meta(app, "after")) == ("1", None)
