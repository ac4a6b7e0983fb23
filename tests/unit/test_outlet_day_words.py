"""The whole outlet's words, as the Day review and ``outlet-pos outlet-day`` show them:
each terminal's freshness on the outlet's clock ("data sampai 14.05, 2 jam lalu")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from outlet_pos.i18n import set_language
from outlet_pos.services.outlet_day import TerminalPart
from outlet_pos.services.outlet_day_words import (
    ago_text,
    closing_text,
    freshness_text,
    moment_text,
)

WIB = ZoneInfo("Asia/Jakarta")


def test_freshness_words_on_the_outlets_clock():
    set_language("id")
    now = datetime(2026, 11, 25, 9, 5, tzinfo=UTC)  # 16.05 WIB
    assert ago_text(now - timedelta(seconds=20), now) == "baru saja"
    assert ago_text(now - timedelta(minutes=7), now) == "7 menit lalu"
    assert ago_text(now - timedelta(hours=2, minutes=59), now) == "2 jam lalu"
    assert ago_text(now - timedelta(days=3), now) == "3 hari lalu"
    assert moment_text(now - timedelta(hours=2), now, WIB) == "14.05, 2 jam lalu"
    assert moment_text(now - timedelta(hours=20), now, WIB) == "24-11 20.05, 20 jam lalu"
    part = TerminalPart(terminal=2, this_terminal=False, known=True, shipments=1, voided=0,
                        revenue=9000, cod_total=0, cash_sales=9000, by_payment=(),
                        cash_float=0, cash_in=0, cash_out=0, closed=False,
                        closing_sequence=None, data_until=now - timedelta(hours=2),
                        last_seen=now - timedelta(minutes=1))
    assert freshness_text(part, now, WIB) == "data sampai 14.05, 2 jam lalu"
    assert freshness_text(part, now, ZoneInfo("Asia/Makassar")) == \
        "data sampai 15.05, 2 jam lalu"  # WITA
    set_language("en")
    try:
        assert freshness_text(part, now, WIB) == "data until 14:05, 2 h ago"
    finally:
        set_language("id")


def test_a_terminal_without_the_days_data_reads_so():
    set_language("id")
    now = datetime(2026, 11, 25, 9, 5, tzinfo=UTC)
    part = TerminalPart(terminal=3, this_terminal=False, known=False, shipments=0, voided=0,
                        revenue=0, cod_total=0, cash_sales=0, by_payment=(), cash_float=0,
                        cash_in=0, cash_out=0, closed=False, closing_sequence=None,
                        data_until=None, last_seen=now - timedelta(minutes=50))
    assert freshness_text(part, now, WIB) == \
        "belum ada data tanggal ini; terakhir terhubung 15.15, 50 menit lalu"
    assert closing_text(part) == "–"
    never = TerminalPart(**{**part.__dict__, "last_seen": None})
    assert freshness_text(never, now, WIB) == "belum ada data tanggal ini; belum pernah terhubung"
    closed = TerminalPart(**{**part.__dict__, "known": True, "closed": True,
                             "closing_sequence": 2})
    assert closing_text(closed) == "ditutup (ke-2)"
    mine = TerminalPart(**{**part.__dict__, "this_terminal": True, "known": True})
    assert freshness_text(mine, now, WIB) == "langsung (terminal ini)"
    assert closing_text(mine) == "belum ditutup"
