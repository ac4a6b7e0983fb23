"""The Z report document: the closing's figures as blocks, marks for a copy and for a
closing set aside by a reopening, and the print job's key for a closing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from outlet_pos.domain.waybill_document import Cut, OutletLine, Pair, Text
from outlet_pos.domain.z_report import MethodTotal, ZReport, build_z_report
from outlet_pos.services.closing import parse_z_job_key, z_job_key

OUTLET = OutletLine(42, 3, "Outlet Uji", ZoneInfo("Asia/Makassar"))  # WITA
Z = ZReport(sequence=12, business_date=date(2026, 11, 25), closed_by="manajer",
            closed_at=datetime(2026, 11, 25, 12, 30, tzinfo=UTC), shipments=3, voided=1,
            revenue=45_000, cash_expected=30_000, cash_counted=29_500,
            by_method=(MethodTotal("cash", 2, 30_000), MethodTotal("transfer", 1, 15_000)))


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Text)]


def _pairs(doc) -> dict[str, str]:
    return {b.label: b.value for b in doc.blocks if isinstance(b, Pair)}


def test_the_figures_who_and_when_in_the_outlets_time_zone():
    doc = build_z_report(Z, OUTLET)
    pairs = _pairs(doc)
    assert pairs["Nomor penutupan"] == "12" and pairs["Ditutup oleh"] == "manajer"
    assert pairs["Ditutup pada"] == "25-11-2026 20:30 WITA"
    assert pairs["Selisih"] == "-Rp 500" and pairs["Tunai (2)"] == "Rp 30.000"
    assert pairs["Transfer bank (1)"] == "Rp 15.000"
    assert isinstance(doc.blocks[-1], Cut) and doc.waybill is None
    assert not any("CETAK ULANG" in t or "dibuka kembali" in t for t in _texts(doc))
    assert "Catatan" not in " ".join(_texts(doc))  # no note, no line for one


def test_a_copy_and_a_reopened_closing_say_so():
    from dataclasses import replace

    texts = _texts(build_z_report(replace(Z, reopened=True, note="hitung ulang"), OUTLET, 2))
    assert "CETAK ULANG 2" in texts and "Catatan: hitung ulang" in texts
    assert any(t.startswith("Sudah dibuka kembali") for t in texts)


def test_the_job_key_round_trips_and_rejects_a_waybill():
    key = z_job_key(date(2026, 11, 25), 12)
    assert key == "Z20261125-12" and len(key) <= 16
    assert parse_z_job_key(key) == (date(2026, 11, 25), 12)
    for bad in ("0004203000000010", "Z2026112-1", "Z20261325-1", "Z20261125-", "Z20261125-x"):
        assert parse_z_job_key(bad) is None, bad
