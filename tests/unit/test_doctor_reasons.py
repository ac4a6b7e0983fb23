"""doctor's words for technical faults: no exception class name, Indonesian when asked."""

from __future__ import annotations

from outlet_pos.i18n import Msg, tr
from outlet_pos.services.doctor_reasons import NO_CONNECTION, db_reason, server_reason


def test_network_errors_say_what_they_mean():
    for error, words in (("ConnectionError", "jaringan putus, atau server mati"),
                         ("ConnectTimeout", "tidak menjawab tepat waktu"),
                         ("ReadTimeout", "terlalu lama menjawab"),
                         ("SomethingNew", "server tidak bisa dihubungi")):
        said = tr(server_reason(Msg(NO_CONNECTION, error=error)), "id")
        assert words in said and error not in said, (error, said)
    # a message that already says something (the server's own answer) is kept, translated
    kept = Msg("the server answered {status}; will retry", status="503")
    assert server_reason(kept) is kept
    assert "ConnectionError" not in tr(server_reason(
        "no connection to the server (ConnectionError)"), "id")


def test_sqlite_reasons_and_class_names_in_words():
    assert tr(db_reason("database disk image is malformed"), "id") == "halamannya rusak"
    assert tr(db_reason("database is locked"), "id") == "sedang dipakai program lain"
    said = tr(db_reason("DatabaseError"), "id")
    assert "DatabaseError" not in said and "log" in said
    long = "disk I/O error " * 20  # any other SQLite text: kept, shortened
    assert db_reason(long) == long[:200]
