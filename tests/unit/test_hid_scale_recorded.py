"""The HID scale decoder against reports real scales sent, as public sources printed them
(tests/fixtures/hid_scale_reports.json names each source)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from outlet_pos.domain.scale_readings import ReadingStatus, ScaleFault, ScaleFaultKind
from outlet_pos.scales.hid_link import HidScale
from outlet_pos.scales.profiles import get_profile
from outlet_pos.scales.protocols import decode_hid_report

RECORDED = json.loads((Path(__file__).parents[1] / "fixtures" / "hid_scale_reports.json")
                      .read_text(encoding="utf-8"))
WHOLE = RECORDED["reports"]
PARTIAL = RECORDED["partial"]["reports"]


def _id(r: dict[str, Any]) -> str:
    return f"{r['scale']}: {r['shown']}"


@pytest.mark.parametrize("rec", WHOLE, ids=_id)
def test_each_recorded_report_reads_as_the_scale_showed(rec: dict[str, Any]) -> None:
    reading = decode_hid_report(bytes(rec["bytes"]))
    assert (reading.status, reading.grams) == (ReadingStatus(rec["expect"]["status"]),
                                               rec["expect"]["grams"])


@pytest.mark.parametrize("rec", PARTIAL, ids=_id)
def test_the_partly_printed_reports_read_with_a_stable_status_in_front(rec: dict[str, Any],
                                                                       ) -> None:
    reading = decode_hid_report(bytes([3, 4, *rec["data"]]))
    assert reading.stable and reading.grams == rec["expect"]["grams"]


def test_every_source_is_named_and_the_fixture_holds_several_scales() -> None:
    everything = WHOLE + PARTIAL + RECORDED["other_reports"]
    assert all(r["source"] for r in everything)
    assert {r["scale"] for r in WHOLE} >= {"Mettler Toledo PS60", "DYMO M10", "DYMO M25-US"}


class _Device:
    """hidapi's device, replaying the PS60's recorded alternation of reports."""

    def __init__(self, reports: list[list[int]]) -> None:
        self._reports = list(reports)

    def open(self, _vid: int, _pid: int) -> None:
        pass

    def read(self, _size: int, _timeout_ms: int) -> list[int]:
        return self._reports.pop(0) if self._reports else []

    def close(self) -> None:
        pass


class _Hid:
    def __init__(self, reports: list[list[int]]) -> None:
        self.reports = reports

    def device(self) -> _Device:
        return _Device(self.reports)

    def enumerate(self) -> list[dict[str, int]]:
        return [{"vendor_id": 0x0EB8, "product_id": 0xF000}]


def test_the_link_skips_the_ps60_s_other_report_and_reads_the_weight() -> None:
    other = RECORDED["other_reports"][0]["bytes"]
    weight = next(r for r in WHOLE if r["shown"] == "1.94 kg")["bytes"]
    scale = HidScale(0x0EB8, 0xF000, get_profile("hid-pos"), hid_module=_Hid([other, weight]))
    assert scale.read(1.0).grams == 1940


def test_only_the_other_report_is_garbage_not_a_weight() -> None:
    other = RECORDED["other_reports"][0]["bytes"]
    scale = HidScale(0x0EB8, 0xF000, get_profile("hid-pos"), hid_module=_Hid([other]))
    with pytest.raises(ScaleFault) as e:
        scale.read(0.2)
    assert e.value.kind is ScaleFaultKind.GARBAGE
