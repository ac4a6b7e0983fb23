"""The keyboard-wedge burst detector and the code classifier, on a clock the test holds
(no Qt, no sleeping): a scanner's burst is a scan, a person's typing of the same digits
never is, and what a scan is decides where it goes."""

from __future__ import annotations

import random

import pytest

from outlet_pos.domain.key_burst import BurstRules, KeyBurst, ScanKind, classify
from outlet_pos.domain.waybill import make_waybill

WAYBILL = make_waybill(12, 1, 427)


def _type(burst: KeyBurst, text: str, gaps: list[float], start: float = 1000.0) -> str | None:
    """Each character then Enter, ``gaps[i]`` ms after the key before it."""
    assert len(gaps) == len(text) + 1
    t = start
    for ch, gap in zip(text, gaps, strict=False):
        t += gap
        burst.char(ch, t)
    return burst.enter(t + gaps[-1])


@pytest.mark.parametrize("gap", [2.0, 8.0, 15.0])
def test_a_scanners_burst_is_a_scan(gap):
    assert _type(KeyBurst(), WAYBILL, [gap] * 17) == WAYBILL


def test_a_person_typing_the_same_digits_is_never_a_scan():
    rng = random.Random(21)
    for _ in range(500):
        gaps = [rng.uniform(80, 300) for _ in range(17)]
        assert _type(KeyBurst(), WAYBILL, gaps) is None


def test_a_fast_typist_with_rolled_pairs_is_not_a_scan():
    # every other key rolled 5 ms after the one before: max gap fine, the mean is not
    gaps = [5.0 if i % 2 else 30.0 for i in range(17)]
    assert _type(KeyBurst(), WAYBILL, gaps) is None


def test_one_slow_key_inside_a_burst_breaks_it():
    gaps = [5.0] * 17
    gaps[9] = 120.0  # the run restarts at that key: 7 characters left, too few
    assert _type(KeyBurst(), WAYBILL, gaps) is None


def test_a_late_enter_is_a_person_finishing_the_field():
    gaps = [5.0] * 16 + [200.0]
    assert _type(KeyBurst(), WAYBILL, gaps) is None


def test_short_bursts_are_not_scans():
    assert _type(KeyBurst(), "1234567", [3.0] * 8) is None
    assert _type(KeyBurst(BurstRules(min_length=7)), "1234567", [3.0] * 8) == "1234567"


def test_what_a_person_typed_before_the_scan_is_not_part_of_it():
    burst = KeyBurst()
    assert burst.char("4", 0.0) is True  # a run starts: the field's text is kept
    assert burst.char("2", 150.0) is True
    starts = [burst.char(ch, 400.0 + 4 * i) for i, ch in enumerate(WAYBILL)]
    assert starts == [True] + [False] * 15  # the scan's own run starts at its first key
    assert burst.enter(400.0 + 4 * 16) == WAYBILL


def test_another_key_ends_the_run_and_a_clock_going_back_is_no_burst():
    burst = KeyBurst()
    for i, ch in enumerate(WAYBILL[:10]):
        burst.char(ch, 10.0 + i)
    burst.other()  # Tab, Backspace, an arrow
    for i, ch in enumerate(WAYBILL[10:]):
        burst.char(ch, 30.0 + i)
    assert burst.enter(40.0) is None
    for i, ch in enumerate(WAYBILL):
        burst.char(ch, 100.0 + i)
    assert burst.enter(50.0) is None  # two clocks mixed: not a burst, never a crash
    assert burst.enter(60.0) is None  # Enter alone


@pytest.mark.parametrize(("code", "kind", "value"), [
    (WAYBILL, ScanKind.WAYBILL, WAYBILL),
    (WAYBILL[:4] + "-" + WAYBILL[4:], ScanKind.WAYBILL, WAYBILL),
    (WAYBILL[:-1] + str((int(WAYBILL[-1]) + 1) % 10), ScanKind.BAD_WAYBILL, ""),
    ("tel:+6281234567890", ScanKind.PHONE, "+6281234567890"),
    ("TEL:+62-812-3456-7890", ScanKind.PHONE, "+6281234567890"),
    ("081234567890", ScanKind.PHONE, "081234567890"),
    ("6281234567890", ScanKind.PHONE, "+6281234567890"),
    ("tel:+14155550100", ScanKind.UNKNOWN, ""),  # not an Indonesian phone
    ("0812000", ScanKind.UNKNOWN, ""),
    ("8991234567891", ScanKind.UNKNOWN, ""),  # a product's EAN-13 on the box
    ("Budi Santoso", ScanKind.TEXT, ""),
])
def test_classify(code, kind, value):
    scan = classify(code)
    assert (scan.kind, scan.value) == (kind, value)


def test_a_scanned_phone_never_shows_in_its_repr():
    scan = classify("tel:+6281234567890")
    assert "81234567890" not in repr(scan) and "81234567890" not in str(scan)
    assert WAYBILL in repr(classify(WAYBILL))  # a waybill is no personal data
