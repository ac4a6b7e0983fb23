"""``db.text_array``: a list bound as PostgreSQL's array literal comes back exactly, whatever
a client put in its strings (the look-up binds event ids and waybills from the batch)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from outlet_pos.central.db import pg_rows, text_array

AWKWARD = ['', 'NULL', 'null', 'a,b', '{x}', '"', '\\', '\\"', 'a"b\\c', ' lead', 'trail ',
           'é 𝄞 ٣', "it's", '}{', 'x' * 500]


@pytest.mark.parametrize("values", [[], ["one"], AWKWARD], ids=["empty", "one", "awkward"])
def test_the_literal_round_trips_through_postgresql(pg_url_factory, values):
    engine = create_engine(pg_url_factory("arrays"))
    try:
        with engine.begin() as conn:
            rows = pg_rows(conn, "SELECT x, x IS NULL FROM unnest(%(v)s::VARCHAR[]) "
                           "WITH ORDINALITY AS t(x, n) ORDER BY n", {"v": text_array(values)})
    finally:
        engine.dispose()
    assert [r[0] for r in rows] == values
    assert not any(r[1] for r in rows)  # "NULL" is a string, never a null
