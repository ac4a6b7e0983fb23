"""The same sender, recipient and parcel booked twice within minutes: the service refuses
when asked to (the counter and the command line ask), names only the waybill, and stores
nothing about anyone for it."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from outlet_pos.services.booking import DUPLICATE_WINDOW, DuplicateBooking

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "shipment.json"


def test_a_twin_within_minutes_is_refused_and_books_nothing(app, clerk, clock, example_order):
    first = app.booking.book(clerk, example_order, allow_duplicate=False)
    clock.advance(minutes=3)
    with pytest.raises(DuplicateBooking) as raised:
        app.booking.book(clerk, copy.deepcopy(example_order), allow_duplicate=False)
    assert raised.value.waybill == first.waybill and raised.value.minutes == 3
    text = str(raised.value)
    for personal in ("Siti", "Budi", "Juanda", "6789", "5432"):
        assert personal not in text
    assert len(app.shipments.list_day(clerk, app.booking.business_date())) == 1
    # Meant: booked.
    again = app.booking.book(clerk, example_order, allow_duplicate=True)
    assert again.waybill != first.waybill


@pytest.mark.parametrize("change", [
    lambda o: o["parcel"].update(weight_kg="1.32"),
    lambda o: o["parcel"].update(description="Buku"),
    lambda o: o["parcel"].update(pieces=2),
    lambda o: o["recipient"].update(name="Budi Santosa"),
    lambda o: o["sender"].update(phone="0812-2345-6780"),
    lambda o: o["recipient"]["address"].update(street="Jl. Asia Afrika No. 9"),
])
def test_a_different_parcel_or_party_is_not_a_twin(app, clerk, example_order, change):
    app.booking.book(clerk, example_order, allow_duplicate=False)
    other = copy.deepcopy(example_order)
    change(other)
    app.booking.book(clerk, other, allow_duplicate=False)


def test_after_the_window_or_a_void_it_books_without_asking(app, clerk, manager, clock,
                                                             example_order):
    first = app.booking.book(clerk, example_order, allow_duplicate=False)
    clock.advance(seconds=DUPLICATE_WINDOW.total_seconds() + 1)
    second = app.booking.book(clerk, example_order, allow_duplicate=False)
    app.shipments.void(manager, second.waybill, "salah input")
    app.booking.book(clerk, example_order, allow_duplicate=False)
    assert first.waybill != second.waybill


def test_a_twin_in_a_list_of_several_books_none_of_them(app, clerk, example_order):
    app.booking.book(clerk, example_order)
    other = copy.deepcopy(example_order)
    other["parcel"]["description"] = "Buku"
    before = len(app.shipments.list_day(clerk, app.booking.business_date()))
    with pytest.raises(DuplicateBooking):
        app.booking.book_many(clerk, [other, example_order], allow_duplicate=False)
    assert len(app.shipments.list_day(clerk, app.booking.business_date())) == before


def _cli(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OUTLET_POS_KEYSTORE": "file", "PYTHONIOENCODING": "utf-8",
           "OUTLET_POS_LANG": "en"}
    p = subprocess.run([sys.executable, "-m", "outlet_pos.cli.main", *args,
                        "--data-dir", str(data_dir)], input=stdin, capture_output=True,
                       text=True, env=env, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def test_the_command_line_refuses_the_same_json_twice_unless_told(tmp_path):
    d = tmp_path / "data"
    assert _cli(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
                "--password-stdin", stdin="rahasia-manajer\n").returncode == 0
    book = ("book", "--json", str(EXAMPLE), "--user", "manajer", "--password-stdin",
            "--output", "json")
    first = _cli(d, *book, stdin="rahasia-manajer\n")
    assert first.returncode == 0, first.stderr
    waybill = json.loads(first.stdout)[0]["waybill"]
    second = _cli(d, *book, stdin="rahasia-manajer\n")
    assert second.returncode == 2 and second.stdout == ""
    assert "--allow-duplicate" in second.stderr and "nothing booked" in second.stderr
    assert waybill[:4] in second.stderr.replace(" ", "")
    assert "Siti" not in second.stderr and "Budi" not in second.stderr
    third = _cli(d, *book, "--allow-duplicate", stdin="rahasia-manajer\n")
    assert third.returncode == 0, third.stderr
    listed = _cli(d, "shipments", "list", "--json", "--user", "manajer", "--password-stdin",
                  stdin="rahasia-manajer\n")
    assert len(json.loads(listed.stdout)) == 2
