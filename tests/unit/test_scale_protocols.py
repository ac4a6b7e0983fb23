"""The scale decoders over exact byte strings, the profiles as data, the HID adapter on replays."""

from __future__ import annotations

import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.scale_readings import (
    Reading,
    ReadingStatus,
    ScaleFault,
    ScaleFaultKind,
    status_words,
)
from outlet_pos.scales import protocols as p
from outlet_pos.scales.connections import choose_profile, open_scale, parse
from outlet_pos.scales.hid_link import HidScale
from outlet_pos.scales.profiles import all_profiles, get_profile, profiles_for_hid

S = ReadingStatus


# -- Mettler Toledo 8217 ---------------------------------------------------------------------
@pytest.mark.parametrize(("frame", "grams"), [
    (b"\x0201.500\r", 1500),
    (b"\x0200.000\r", 0),
    (b"\x0212.345\r", 12345),
    (b"\x02 0.250\r", 250),
])
def test_8217_weight_frames(frame: bytes, grams: int) -> None:
    assert p.decode_8217(frame) == Reading(S.OK, grams)


def test_8217_weight_in_pounds_is_converted_to_grams() -> None:
    assert p.decode_8217(b"\x0202.000\r", unit="lb") == Reading(S.OK, 907)


@pytest.mark.parametrize(("status", "expected", "net"), [
    (0x41, S.IN_MOTION, False),      # bit 0
    (0x42, S.OVER_CAPACITY, False),  # bit 1
    (0x44, S.UNDER_ZERO, False),     # bit 2
    (0x61, S.IN_MOTION, True),       # bit 5 net, with motion
    (0x43, S.OVER_CAPACITY, False),  # over and moving: over wins
    (0x50, S.OK, False),             # centre of zero only
    (0xC1, S.IN_MOTION, False),      # bit 7 is the even parity bit, ignored
])
def test_8217_status_bits(status: int, expected: ReadingStatus, net: bool) -> None:
    reading = p.decode_8217(b"\x02?" + bytes([status]) + b"\r")
    assert reading == Reading(expected, None, net)
    assert not reading.stable or expected is S.OK


@pytest.mark.parametrize("frame", [
    b"01.500\r", b"\x0201.500", b"\x02?\r", b"\x02?\x01\r", b"\x02abc\r", b"\x02\r",
    b"\x021.2.3\r", b"\xff\xfe\x02",
])
def test_8217_garbage_is_a_typed_fault(frame: bytes) -> None:
    with pytest.raises(ScaleFault) as e:
        p.decode_8217(frame)
    assert e.value.kind is ScaleFaultKind.GARBAGE


def test_8217_encoders_round_trip() -> None:
    assert p.encode_8217_weight(1500) == b"\x0201.500\r"
    assert p.encode_8217_status(motion=True) == b"\x02?A\r"
    assert p.decode_8217(p.encode_8217_status(over=True, net=True)) == Reading(
        S.OVER_CAPACITY, None, True)


# -- CAS 22-byte (PD-II) -------------------------------------------------------------------
def test_cas22_stable_gross() -> None:
    frame = b"ST,GS,1\xc4,+001.500 kg\r\n"
    assert len(frame) == 22
    assert p.decode_cas22(frame) == Reading(S.OK, 1500)


def test_cas22_unstable_net_and_overload() -> None:
    assert p.decode_cas22(b"US,NT,1\x82,+000.750 kg\r\n") == Reading(S.IN_MOTION, 750, True)
    assert p.decode_cas22(b"OL,GS,1\x84,         kg\r\n") == Reading(S.OVER_CAPACITY, None)


def test_cas22_negative_stable_weight_is_under_zero() -> None:
    assert p.decode_cas22(b"ST,GS,1\xc4,-000.020 kg\r\n") == Reading(S.UNDER_ZERO, -20)


def test_cas22_encoder_makes_22_bytes_the_decoder_reads() -> None:
    for grams, status, net in [(1500, S.OK, False), (3, S.IN_MOTION, True),
                               (None, S.OVER_CAPACITY, False)]:
        frame = p.encode_cas22(grams, status, net)
        assert len(frame) == 22
        assert p.decode_cas22(frame) == Reading(status, grams, net)


@pytest.mark.parametrize("frame", [b"ST,GS,+   1.500kg\r\n", b"XX,GS,1\xc4,+001.500 kg\r\n",
                                   b"ST,GS,1\xc4,+001.500 kg", b"\x00" * 22])
def test_cas22_garbage(frame: bytes) -> None:
    with pytest.raises(ScaleFault) as e:
        p.decode_cas22(frame)
    assert e.value.kind is ScaleFaultKind.GARBAGE


# -- continuous stream -------------------------------------------------------------------
@pytest.mark.parametrize(("line", "reading"), [
    (b"ST,GS,+   1.500kg\r\n", Reading(S.OK, 1500)),
    (b"US,GS,+   1.480kg\r\n", Reading(S.IN_MOTION, 1480)),
    (b"ST,NT,+  0.250kg\r\n", Reading(S.OK, 250, True)),
    (b"ST,GS,+   1500g\r\n", Reading(S.OK, 1500)),
    (b"ST,GS,+  3.310lb\r\n", Reading(S.OK, 1501)),
    (b"OL,GS,        kg\r\n", Reading(S.OVER_CAPACITY, None)),
    (b"ST,GS,-   0.005kg\r\n", Reading(S.UNDER_ZERO, -5)),
])
def test_stream_lines(line: bytes, reading: Reading) -> None:
    assert p.decode_stream_line(line) == reading


@pytest.mark.parametrize("line", [b"ST,GS,+   1.500\r\n", b"1.500kg\r\n", b",GS,+1kg\r\n",
                                  b"ST,GS,+   1.5.0kg\r\n", b"ST,GS,+   1.500xx\r\n"])
def test_stream_garbage(line: bytes) -> None:
    with pytest.raises(ScaleFault) as e:
        p.decode_stream_line(line)
    assert e.value.kind is ScaleFaultKind.GARBAGE


def test_stream_encoder() -> None:
    assert p.encode_stream_line(1500) == b"ST,GS,+  1.500kg\r\n"
    assert p.decode_stream_line(p.encode_stream_line(2350, S.IN_MOTION)) == Reading(
        S.IN_MOTION, 2350)
    assert p.decode_stream_line(p.encode_stream_line(1500, unit="g")) == Reading(S.OK, 1500)


# -- USB HID POS scale reports (the 6-byte scale data report, as a DYMO M10 sends it) -------
@pytest.mark.parametrize(("report", "reading"), [
    (bytes([0x03, 0x04, 0x02, 0x00, 0xDC, 0x05]), Reading(S.OK, 1500)),      # 1500 g
    (bytes([0x03, 0x04, 0x0B, 0xFF, 0x3C, 0x00]), Reading(S.OK, 170)),       # 6.0 oz
    (bytes([0x03, 0x04, 0x0C, 0xFE, 0x4B, 0x01]), Reading(S.OK, 1501)),      # 3.31 lb
    (bytes([0x03, 0x04, 0x03, 0xFD, 0xE8, 0x03]), Reading(S.OK, 1000)),      # 1.000 kg
    (bytes([0x03, 0x02, 0x00, 0x00, 0x00, 0x00]), Reading(S.OK, 0)),         # stable zero
    (bytes([0x03, 0x03, 0x02, 0x00, 0x10, 0x00]), Reading(S.IN_MOTION, 16)),
    (bytes([0x03, 0x05, 0x02, 0x00, 0x00, 0x00]), Reading(S.UNDER_ZERO)),
    (bytes([0x03, 0x06, 0x02, 0x00, 0xFF, 0xFF]), Reading(S.OVER_CAPACITY)),
    (bytes([0x03, 0x01, 0x02, 0x00, 0x00, 0x00]), Reading(S.SCALE_ERROR)),
    (bytes([0x03, 0x07, 0x02, 0x00, 0x00, 0x00]), Reading(S.NEEDS_ZERO)),
    (bytes([0x03, 0x08, 0x02, 0x00, 0x00, 0x00]), Reading(S.NEEDS_ZERO)),
])
def test_hid_reports(report: bytes, reading: Reading) -> None:
    assert p.decode_hid_report(report) == reading


@pytest.mark.parametrize("report", [b"", bytes([0x03, 0x04, 0x02]),
                                    bytes([0x05, 0x04, 0x02, 0x00, 0x00, 0x00]),
                                    bytes([0x03, 0x09, 0x02, 0x00, 0x00, 0x00]),
                                    bytes([0x03, 0x04, 0x63, 0x00, 0x01, 0x00])])
def test_hid_garbage(report: bytes) -> None:
    with pytest.raises(ScaleFault) as e:
        p.decode_hid_report(report)
    assert e.value.kind is ScaleFaultKind.GARBAGE


class _ReplayDevice:
    """hidapi's device, replaying reports; an exhausted replay times out like a silent scale."""

    def __init__(self, reports: list[bytes], unplug_after: bool = False) -> None:
        self.reports, self.unplug_after, self.opened = list(reports), unplug_after, None

    def open(self, vid: int, pid: int) -> None:
        self.opened = (vid, pid)

    def read(self, size: int, timeout_ms: int) -> list[int]:
        if self.reports:
            return list(self.reports.pop(0))
        if self.unplug_after:
            raise OSError("read error")
        return []

    def close(self) -> None:
        pass


class _Hid:
    def __init__(self, dev: _ReplayDevice, attached: bool = True) -> None:
        self.dev, self.attached = dev, attached

    def device(self) -> _ReplayDevice:
        return self.dev

    def enumerate(self) -> list[dict[str, int]]:
        return [{"vendor_id": 0x0922, "product_id": 0x8003}] if self.attached else []


def _hid_scale(dev: _ReplayDevice, attached: bool = True) -> HidScale:
    return HidScale(0x0922, 0x8003, get_profile("hid-pos"), hid_module=_Hid(dev, attached))


def test_hid_scale_reads_the_first_scale_report() -> None:
    dev = _ReplayDevice([bytes([0x03, 0x04, 0x02, 0x00, 0xDC, 0x05])])
    assert _hid_scale(dev).read(0.2) == Reading(S.OK, 1500)
    assert dev.opened == (0x0922, 0x8003)


def test_hid_scale_silent_garbage_and_unplugged() -> None:
    with pytest.raises(ScaleFault) as e:
        _hid_scale(_ReplayDevice([])).read(0.05)
    assert e.value.kind is ScaleFaultKind.NO_ANSWER
    with pytest.raises(ScaleFault) as e:
        _hid_scale(_ReplayDevice([b"\x01\x02\x03\x04\x05\x06"])).read(0.05)
    assert e.value.kind is ScaleFaultKind.GARBAGE
    with pytest.raises(ScaleFault) as e:
        _hid_scale(_ReplayDevice([], unplug_after=True)).read(0.5)
    assert e.value.kind is ScaleFaultKind.UNPLUGGED


def test_hid_open_refused_is_permission_when_attached_else_unplugged() -> None:
    class Refusing(_ReplayDevice):
        def open(self, vid: int, pid: int) -> None:
            raise OSError("open failed")

    for attached, kind in [(True, ScaleFaultKind.PERMISSION), (False, ScaleFaultKind.UNPLUGGED)]:
        with pytest.raises(ScaleFault) as e:
            _hid_scale(Refusing([]), attached).read(0.05)
        assert e.value.kind is kind


# -- profiles, connections, words ----------------------------------------------------------
def test_every_profile_loads_and_the_protocols_are_covered() -> None:
    profiles = all_profiles()
    assert {"mettler-8217", "cas-pd2", "stream", "hid-pos"} <= set(profiles)
    m = profiles["mettler-8217"]
    assert (m.serial and (m.serial.baud, m.serial.bytesize, m.serial.parity,
                          m.serial.stopbits)) == (9600, 7, "E", 1)
    assert m.commands["weigh"] == b"W" and m.commands["status"] == b"?"
    assert profiles["cas-pd2"].commands == {"weigh": b"W", "tare": b"T"}
    for prof in profiles.values():
        assert 0 < prof.answer_timeout <= prof.read_timeout <= 5
    assert [x.name for x in profiles_for_hid(0x0922, 0x8003)] == ["hid-pos"]


def test_connection_strings() -> None:
    assert str(parse("serial:/dev/ttyUSB0")) == "serial:/dev/ttyUSB0"
    assert parse("serial:COM3@4800").baud == 4800
    assert str(parse("HID:922:8003")) == "hid:0922:8003"
    for bad in ["", "usb:1:2", "serial:", "hid:xyz", "hid:1:2:3", "serial:/dev/x@fast"]:
        with pytest.raises(ValidationError):
            parse(bad)
    assert choose_profile(parse("hid:0922:8003"), None).name == "hid-pos"
    with pytest.raises(ValidationError):
        choose_profile(parse("serial:/dev/ttyS0"), None)
    with pytest.raises(ValidationError):
        choose_profile(parse("serial:/dev/ttyS0"), "hid-pos")
    with pytest.raises(ValidationError):
        open_scale("serial:/dev/ttyS0", "no-such-scale")


def test_an_absent_serial_port_is_unplugged_not_a_crash() -> None:
    scale = open_scale("serial:/dev/outlet-pos-no-such-tty", "mettler-8217")
    with pytest.raises(ScaleFault) as e:
        scale.read(0.2)
    assert e.value.kind is ScaleFaultKind.UNPLUGGED
    assert e.value.remedy  # the clerk is told what to do


def test_every_status_and_fault_has_words() -> None:
    for status in ReadingStatus:
        assert status_words(status)
    for kind in ScaleFaultKind:
        fault = ScaleFault(kind, "x")
        assert fault.message and fault.remedy and str(fault) == f"{kind.value}: x"


def test_a_refused_serial_port_is_permission(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import serial

    def refuse(*args: object, **kwargs: object) -> None:
        # what pyserial raises when open(2) says EACCES (a user outside the dialout group)
        raise serial.SerialException(errno.EACCES, "could not open port /dev/ttyUSB0")

    monkeypatch.setattr(serial, "Serial", refuse)
    with pytest.raises(ScaleFault) as e:
        open_scale("serial:/dev/ttyUSB0", "cas-pd2").read(0.2)
    assert e.value.kind is ScaleFaultKind.PERMISSION
    assert "dialout" in e.value.remedy
