"""The central server's pure helpers for per-month keys, retention settings and masking."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from outlet_pos.central.admin_view import NEEDS_IDENTITY, check_identity, mask_shipment
from outlet_pos.central.keyring import month_back, period_of
from outlet_pos.central.retention import MONTHS_ENV, default_months


def test_a_period_is_the_month_of_a_date_or_time_stamp():
    assert period_of("2026-11-25") == "2026-11"
    assert period_of("2026-01-31T23:59:59+07:00") == "2026-01"
    for bad in ("2026-13-01", "26-11-25", "", "2026/11/25"):
        with pytest.raises(ValueError):
            period_of(bad)


def test_months_back_cross_years():
    now = datetime(2026, 3, 15, tzinfo=UTC)
    assert [month_back(now, n) for n in (0, 2, 3, 12, 27)] == [
        "2026-03", "2026-01", "2025-12", "2025-03", "2023-12"]


def test_retention_months_come_from_the_setting_and_are_checked(monkeypatch):
    monkeypatch.delenv(MONTHS_ENV, raising=False)
    assert default_months() == 12
    monkeypatch.setenv(MONTHS_ENV, "36")
    assert default_months() == 36
    for bad in ("0", "-1", "dua belas", "99999"):
        monkeypatch.setenv(MONTHS_ENV, bad)
        with pytest.raises(ValueError, match="month"):
            default_months()


def test_unmasked_output_needs_a_name_and_a_real_reason():
    assert check_identity(" ani.admin ", "permintaan  polisi\n12/XII") == (
        "ani.admin", "permintaan polisi 12/XII")
    for op, why in ((None, "permintaan polisi 12"), ("ani", None), ("", "permintaan polisi"),
                    ("ani", "karena"), ("   ", "permintaan polisi 12")):
        with pytest.raises(ValueError) as e:
            check_identity(op, why)
        assert str(e.value) == NEEDS_IDENTITY
    with pytest.raises(ValueError, match="control"):
        check_identity("ani\x1b[2J", "permintaan polisi 12")
    with pytest.raises(ValueError, match="control"):
        check_identity("ani", "permintaan polisi \u202e21")


def test_masking_keeps_figures_and_hides_every_typed_value():
    body = {"waybill": "0000101000000013", "quote": {"total": 15000},
            "sender": {"name": "Budi Santoso", "phone": "+6281234567890", "email": "b@x.id",
                       "address": {"street": "Jl. Mawar 1", "postal_code": "40135",
                                   "district_code": "32.73.02"}},
            "recipient": None, "parcel": {"weight_g": 1200, "description": "Baju"},
            "payment": {"method": "qris", "reference": "QRIS 123"}, "void_reason": "batal"}
    m = mask_shipment(body)
    assert m["sender"]["name"] == "B*** S***" and m["sender"]["phone"] == "+62812*****890"
    assert m["sender"]["email"] == "***"
    assert m["sender"]["address"] == {"street": "***", "postal_code": "***",
                                      "district_code": "32.73.02"}
    assert m["parcel"] == {"weight_g": 1200, "description": "***"}
    assert m["payment"] == {"method": "qris", "reference": "***"}
    assert m["void_reason"] == "***" and m["quote"] == body["quote"] and m["recipient"] is None
    assert body["sender"]["name"] == "Budi Santoso"  # the input is left alone


def test_business_dates_are_accepted_only_in_the_form_the_keys_and_retention_use():
    from outlet_pos.central.checks import date_problem

    assert date_problem("2026-11-25") is None
    for odd in ("20261125", "2026-W48-3", "2026-330", "2026-11-25T00:00", "2026-02-30"):
        assert date_problem(odd) == "business_date is not an ISO-8601 date", odd
