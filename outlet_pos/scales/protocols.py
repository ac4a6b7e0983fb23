"""The scales' wire formats, decoded: pure functions from one frame's bytes to a Reading.

No I/O here: the links (serial.py, hid.py) cut frames off the wire and call these,
and the virtual scale (virtual.py) builds its answers with the encoders, so both
sides of every test share one reading of each format. An undecodable frame raises
``ScaleFault(GARBAGE)`` with a short hex view of it.

Sources used for the frame layouts (read 2026-12; public manuals):

- Mettler Toledo 8217 ("?" status byte): Mettler Toledo / PSC Magellan 8500 "DIVA
  Service Manual", 6.1.4.3 Status Byte Format — bit 0 in motion, 1 over capacity,
  2 under zero, 3 outside zero capture range, 4 centre of zero, 5 net weight,
  6 always 1, 7 parity (even) — https://www.manualshelf.com/manual/psc/magellan-8500/
  service-manual-english/page-51.html. The weight answer is STX, the weight with
  its decimal point, CR; the unit is the scale's setting (the profile's ``unit``).
- CAS (PD-II and the CAS indicators): the CAS 22-byte frame — header ST/US/OL, ",",
  GS/NT, ",", device id, lamp status byte, ",", 8 bytes of weight with sign and
  decimal point, a blank, the unit (2 bytes), CR LF — CAS PDS manual ch. 11
  (https://manualshive.com/en/manual/cas/pds/2566068?page=30) and CAS CI-600D 10-1
  (https://www.easymanua.ls/cas/ci-600d-series/manual?p=74). The PD-II sends it when
  asked with ``W`` and tares on ``T``; a unit on the counter should confirm its
  answer to ``W`` is this frame (the PD-II manual's "CAS type" setting).
- Continuous stream ("AND" 18-byte format, also CAS "AND 18bytes"): ST/US/OL, ",",
  GS/NT, ",", 8 bytes of weight, the unit (2 bytes), CR LF — CAS CI-600D 10-3 (above).
- USB HID POS scales: HID Point of Sale Usage Tables (usage page 0x8D), the scale
  data report: report id 3, status (1 fault, 2 stable at zero, 3 in motion, 4 stable,
  5 under zero, 6 over weight, 7 requires calibration, 8 requires re-zeroing), the
  weight unit (HID "Weight Unit" usages: 2 g, 3 kg, 11 ounce, 12 pound), a signed
  exponent (power of ten), the weight as an unsigned 16-bit little-endian integer.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..domain.scale_readings import (
    Reading,
    ReadingStatus,
    ScaleFault,
    ScaleFaultKind,
    frame_hint,
)

STX, ETX, CR, LF = 0x02, 0x03, 0x0D, 0x0A

#: grams per unit, as Decimal so 1.500 kg is exactly 1500 g (lb and oz by definition).
GRAMS_PER = {"g": Decimal(1), "kg": Decimal(1000), "lb": Decimal("453.59237"),
             "oz": Decimal("28.349523125")}

# 8217 status bits (DIVA Service Manual 6.1.4.3, see above).
M8217_MOTION, M8217_OVER, M8217_UNDER, M8217_NET = 0x01, 0x02, 0x04, 0x20
M8217_ALWAYS = 0x40


def garbage(data: bytes, why: str) -> ScaleFault:
    return ScaleFault(ScaleFaultKind.GARBAGE, f"{why}: {frame_hint(data)}")


def to_grams(text: str, unit: str, data: bytes = b"") -> int:
    """A weight as the scale writes it ('  1.500', '+0001.50') in ``unit``, as whole grams."""
    try:
        value = Decimal(text.replace(" ", ""))
        per = GRAMS_PER[unit.strip().lower()]
    except (InvalidOperation, KeyError):
        raise garbage(data, "weight or unit") from None
    if not value.is_finite():
        raise garbage(data, "weight")
    return int((value * per).to_integral_value())


# -- Mettler Toledo 8217 -------------------------------------------------------------------
_WEIGHT_8217 = re.compile(r"[ 0-9]*\.?[0-9]+")


def decode_8217(frame: bytes, unit: str = "kg") -> Reading:
    """One answer to ``W`` or ``?``: STX + weight + CR, or STX ? status CR."""
    if len(frame) < 3 or frame[0] != STX or frame[-1] != CR:
        raise garbage(frame, "8217 frame")
    body = frame[1:-1]
    if body[:1] == b"?":
        if len(body) != 2:
            raise garbage(frame, "8217 status")
        status = body[1] & 0x7F  # bit 7 is the line's even parity, not data
        if not status & M8217_ALWAYS:
            raise garbage(frame, "8217 status")
        return Reading(_status_8217(status), None, net=bool(status & M8217_NET))
    text = body.decode("ascii", "replace")
    if not _WEIGHT_8217.fullmatch(text):
        raise garbage(frame, "8217 weight")
    return Reading(ReadingStatus.OK, to_grams(text, unit, frame))


def _status_8217(status: int) -> ReadingStatus:
    # Over and under capacity are the louder news: a moving overloaded scale is overloaded.
    if status & M8217_OVER:
        return ReadingStatus.OVER_CAPACITY
    if status & M8217_UNDER:
        return ReadingStatus.UNDER_ZERO
    if status & M8217_MOTION:
        return ReadingStatus.IN_MOTION
    return ReadingStatus.OK


def encode_8217_weight(grams: int, unit: str = "kg") -> bytes:
    value = Decimal(grams) / GRAMS_PER[unit]
    text = f"{value:06.3f}" if unit != "g" else f"{grams:05d}"
    return bytes([STX]) + text.encode("ascii") + bytes([CR])


def encode_8217_status(motion: bool = False, over: bool = False, under: bool = False,
                       net: bool = False) -> bytes:
    status = M8217_ALWAYS | (M8217_MOTION if motion else 0) | (M8217_OVER if over else 0) \
        | (M8217_UNDER if under else 0) | (M8217_NET if net else 0)
    return bytes([STX]) + b"?" + bytes([status]) + bytes([CR])


# -- CAS 22-byte (PD-II on W) and the 18-byte continuous stream --------------------------
_HEADERS = {"ST": ReadingStatus.OK, "US": ReadingStatus.IN_MOTION,
            "OL": ReadingStatus.OVER_CAPACITY}
_CAS22 = re.compile(rb"(ST|US|OL),(GS|NT),(.)(.),([ +\-0-9.]{8}) ?([A-Za-z ]{1,2})\r\n",
                    re.DOTALL)
_STREAM = re.compile(rb"(ST|US|OL),(GS|NT),([ +\-0-9.]{1,10}?) ?([A-Za-z]{1,2})\r?\n?")


def _header_reading(head: bytes, kind: bytes, weight: bytes, unit: bytes,
                    frame: bytes) -> Reading:
    status = _HEADERS[head.decode("ascii")]
    net = kind == b"NT"
    text = weight.decode("ascii").strip()
    if status is ReadingStatus.OVER_CAPACITY and not any(c.isdigit() for c in text):
        return Reading(status, None, net)
    grams = to_grams(text, unit.decode("ascii"), frame)
    if grams < 0 and status is ReadingStatus.OK:
        status = ReadingStatus.UNDER_ZERO
    return Reading(status, grams, net)


def decode_cas22(frame: bytes) -> Reading:
    """A CAS 22-byte frame (the PD-II's answer to ``W`` and to ``T``)."""
    m = _CAS22.fullmatch(frame)
    if not m:
        raise garbage(frame, "CAS frame")
    return _header_reading(m[1], m[2], m[5], m[6], frame)


def encode_cas22(grams: int | None, status: ReadingStatus = ReadingStatus.OK, net: bool = False,
                 device: int = 1) -> bytes:
    head = {ReadingStatus.OK: b"ST", ReadingStatus.IN_MOTION: b"US",
            ReadingStatus.OVER_CAPACITY: b"OL"}[status]
    stable = status is ReadingStatus.OK
    # The lamp byte: bit 7 always 1, 6 stable, 2 gross, 1 tare, 0 zero (CI-600D 10-1).
    lamp = 0x80 | (0x40 if stable else 0) | (0x02 if net else 0x04) | (0x01 if grams == 0 else 0)
    weight = b"        " if grams is None else f"{Decimal(grams) / 1000:+08.3f}".encode()
    return (head + b"," + (b"NT" if net else b"GS") + b"," + bytes([0x30 + device, lamp])
            + b"," + weight + b" kg\r\n")


def decode_stream_line(line: bytes) -> Reading:
    """One line of a continuous-stream scale: ``ST,GS,+   1.500kg`` (US unstable, OL over)."""
    m = _STREAM.fullmatch(line)
    if not m:
        raise garbage(line, "stream line")
    return _header_reading(m[1], m[2], m[3], m[4], line)


def encode_stream_line(grams: int | None, status: ReadingStatus = ReadingStatus.OK,
                       net: bool = False, unit: str = "kg") -> bytes:
    head = {ReadingStatus.OK: "ST", ReadingStatus.IN_MOTION: "US",
            ReadingStatus.OVER_CAPACITY: "OL"}[status]
    if grams is None:
        weight = " " * 8
    else:
        size = Decimal(abs(grams)) / GRAMS_PER[unit]
        digits = f"{abs(grams)}" if unit == "g" else f"{size:.3f}"
        weight = ("-" if grams < 0 else "+") + digits.rjust(7)  # sign first, then right-aligned
    return f"{head},{'NT' if net else 'GS'},{weight}{unit}\r\n".encode("ascii")


# -- USB HID POS scales ------------------------------------------------------------------
HID_USAGE_PAGE_SCALE = 0x8D
HID_REPORT_SCALE_DATA = 3
_HID_UNITS = {2: "g", 3: "kg", 11: "oz", 12: "lb"}
_HID_STATUS = {1: ReadingStatus.SCALE_ERROR, 2: ReadingStatus.OK, 3: ReadingStatus.IN_MOTION,
               4: ReadingStatus.OK, 5: ReadingStatus.UNDER_ZERO,
               6: ReadingStatus.OVER_CAPACITY, 7: ReadingStatus.NEEDS_ZERO,
               8: ReadingStatus.NEEDS_ZERO}


def decode_hid_report(report: bytes) -> Reading:
    """A 6-byte scale data report: id, status, unit, exponent (signed), weight LSB, MSB."""
    if len(report) < 6 or report[0] != HID_REPORT_SCALE_DATA:
        raise garbage(report, "HID scale report")
    status = _HID_STATUS.get(report[1])
    unit = _HID_UNITS.get(report[2])
    if status is None or (unit is None and report[1] in (3, 4)):
        raise garbage(report, "HID scale status or unit")
    if report[1] == 2:  # stable at zero: some scales send unit 0 then
        return Reading(ReadingStatus.OK, 0)
    exponent = report[3] - 256 if report[3] > 127 else report[3]
    raw = report[4] | report[5] << 8
    if unit is None or status in (ReadingStatus.SCALE_ERROR, ReadingStatus.NEEDS_ZERO,
                                  ReadingStatus.OVER_CAPACITY, ReadingStatus.UNDER_ZERO):
        # The weight bytes of these reports carry no trustworthy weight.
        return Reading(status, None)
    grams = int((Decimal(raw).scaleb(exponent) * GRAMS_PER[unit]).to_integral_value())
    return Reading(status, grams)
