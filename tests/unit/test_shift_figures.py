"""The shift's figures, pure: which bookings and movements fall in a shift's time, its
expected cash, and the day's shifts added up as the Z report shows them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from outlet_pos.domain.records import Movement, ShipmentSummary
from outlet_pos.domain.shift_paper import shift_blocks
from outlet_pos.domain.shifts import Refund, ShiftRow, in_shift, shift_figures, shifts_total
from outlet_pos.i18n import tr

T0 = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # 08:00 WIB
DAY = date(2026, 11, 25)
JAKARTA = ZoneInfo("Asia/Jakarta")


def _row(minutes: int, total: int, method: str = "cash", status: str = "booked",
         clerk: str = "kasir1") -> ShipmentSummary:
    return ShipmentSummary(waybill=f"W{minutes}", booked_at=T0 + timedelta(minutes=minutes),
                           clerk=clerk, service="REG", dest_district="3171010", weight_g=1000,
                           chargeable_kg=1, pieces=1, cod_amount=0, total=total,
                           payment_method=method, status=status, synced=False)


def _move(minutes: int, kind: str, amount: int) -> Movement:
    return Movement(f"m{minutes}", kind, amount, T0 + timedelta(minutes=minutes), "kasir1",
                    None if kind == "float" else "alasan")


def _shift(start: int, end: int | None, float_: int, clerk: str = "kasir1",
           counted: int | None = None, handed_to: str | None = None) -> ShiftRow:
    return ShiftRow(id=f"s{start}", terminal=1, business_date=DAY, clerk_id=1, clerk=clerk,
                    opened_at=T0 + timedelta(minutes=start), opening_float=float_,
                    closed_at=None if end is None else T0 + timedelta(minutes=end),
                    counted_total=counted, handed_to=handed_to)


ROWS = [_row(5, 15_000), _row(10, 20_000, "qris"), _row(20, 9_000, status="void"),
        _row(240, 30_000, clerk="manajer"), _row(300, 12_000)]
MOVES = [_move(0, "float", 200_000), _move(30, "out", 20_000), _move(250, "in", 50_000)]


def test_expected_is_float_takings_in_out_and_refunds_of_the_shifts_time_only():
    morning = _shift(0, 240, 200_000, counted=194_000, handed_to="s240")
    f = shift_figures(morning, ROWS, MOVES, until=T0 + timedelta(hours=9),
                      refunds=[Refund(T0 + timedelta(minutes=45), 1_000),
                               Refund(T0 + timedelta(minutes=260), 7_000)])
    # 15.000 cash; the QRIS sale is revenue, not drawer cash; the void is left out; the
    # day's float movement is not cash in (the shift's float stands for it).
    assert (f.shipments, f.voided, f.revenue) == (2, 1, 35_000)
    assert (f.cash_takings, f.cash_in, f.cash_out, f.refunds) == (15_000, 0, 20_000, 1_000)
    assert f.expected == 200_000 + 15_000 - 20_000 - 1_000
    assert (f.counted, f.difference) == (194_000, 0)
    assert [(m.method, m.count, m.revenue) for m in f.by_method] == [
        ("cash", 1, 15_000), ("qris", 1, 20_000)]


def test_the_handover_instant_belongs_to_the_incoming_shift():
    out, inc = _shift(0, 240, 0), _shift(240, None, 0, clerk="kasir2")
    at = T0 + timedelta(minutes=240)
    assert not in_shift(at, out, at) and in_shift(at, inc, at)
    afternoon = shift_figures(inc, ROWS, MOVES, until=T0 + timedelta(hours=9))
    # the manager's booking in kasir2's time is kasir2's drawer's cash
    assert (afternoon.cash_takings, afternoon.cash_in) == (42_000, 50_000)
    assert afternoon.counted is None and afternoon.difference is None


def test_an_open_shift_counts_up_to_now():
    now = T0 + timedelta(minutes=100)
    f = shift_figures(_shift(0, None, 100_000), ROWS, MOVES, until=now)
    assert f.until == now and f.cash_takings == 15_000  # not the bookings after now


def test_the_day_adds_up_its_shifts_and_says_one_is_open():
    until = T0 + timedelta(hours=9)
    morning = shift_figures(_shift(0, 240, 200_000, counted=194_000, handed_to="s240"),
                            ROWS, MOVES, until=until)
    afternoon = shift_figures(_shift(240, None, 194_000, clerk="kasir2"), ROWS, MOVES,
                              until=until)
    total = shifts_total([afternoon, morning])  # in any order: listed by opening
    assert [line.clerk for line in total.lines] == ["kasir1", "kasir2"]
    assert total.cash_takings == 15_000 + 42_000
    assert total.difference == -1_000 and total.still_open  # 195.000 expected, 194.000
    assert total.lines[0].handed_over and not total.lines[1].handed_over
    text = [b.text for b in shift_blocks(total, JAKARTA) if hasattr(b, "text")]
    assert "08:00-12:00 kasir1" in text and "12:00-… kasir2" in text
    assert tr("A shift is still open: it was not counted", "id") in text


def test_a_day_without_shifts_prints_no_section():
    assert shift_blocks(None, JAKARTA) == [] and shift_blocks(shifts_total([]), JAKARTA) == []
