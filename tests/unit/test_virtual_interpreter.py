"""The virtual printer's ESC/POS interpreter: the bytes python-escpos writes → the paper.

Barcodes and QR codes are checked with an independent decoder (zxing-cpp);
text and images by where their dots land.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any

import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from outlet_pos.printing.escpos_render import _escpos
from outlet_pos.printing.virtual.interpreter import LINE_SPACING, render_escpos
from outlet_pos.printing.virtual.paper import Style, glyph
from outlet_pos.printing.virtual.symbols import code128_values

NUMBER = "0000110100000017"
ESC, GS = b"\x1b", b"\x1d"


def dummy() -> Any:
    """A python-escpos Dummy, imported the way the app does (no logging or stdout leaks)."""
    return _escpos().Dummy()


def output(build) -> bytes:
    p = dummy()
    with contextlib.redirect_stdout(io.StringIO()):  # "Using hardware barcode renderer"
        build(p)
    return bytes(p.output)


def decoded(img: Image.Image) -> set[tuple[str, str]]:
    return {(r.format.name, r.text) for r in zxingcpp.read_barcodes(img)}


def ink(img: Image.Image) -> tuple[int, int, int, int] | None:
    """Bounding box of the black dots."""
    return img.point(lambda v: 255 - v).getbbox()


def black(img: Image.Image) -> int:
    return img.histogram()[0]


def code_set_c(digits: str) -> str:
    """CODE128 data as python-escpos 3.1 wants it for code set C: the "{C" prefix, then one
    character per digit pair whose code is the pair's value (chr(0)..chr(99)). python-escpos
    writes the string with str.encode(), so each character becomes the raw byte the printer
    reads as one symbol value. Plain ASCII digits after "{C" would be read as the values
    48..57 — another number (see the test below)."""
    return "{C" + "".join(chr(int(digits[i:i + 2])) for i in range(0, len(digits), 2))


# -- barcodes and QR ----------------------------------------------------------------------------

def test_code128_code_set_c_from_python_escpos_decodes_to_the_number():
    data = output(lambda p: p.barcode(code_set_c(NUMBER), "CODE128", function_type="B"))
    # GS k 73 n: 10 bytes = "{C" + 8 symbol values, the 16 digits two per symbol.
    assert GS + b"kI\x0a{C\x00\x00\x0b\x01\x00\x00\x00\x11" in data
    img = render_escpos(data)
    assert decoded(img) == {("Code128", NUMBER)}
    # python-escpos's defaults: 3-dot modules, 64 dots tall, HRI below, centred. 8 data
    # symbols + start, check (11 modules each) + stop (13) = 123 modules of 3 dots.
    box = ink(img)
    assert box is not None and box[2] - box[0] == 123 * 3
    assert abs((box[0] + box[2]) / 2 - 576 / 2) <= 2
    assert box[3] - box[1] > 64 + 17  # the digits are printed under the bars


def test_code128_values_and_the_ascii_digit_mistake():
    assert code128_values(b"{C\x00\x00\x0b\x01") == [105, 0, 0, 11, 1]
    assert code128_values(b"{B12{C\x22") == [104, 17, 18, 99, 34]
    assert code128_values(b"{A\x01{Sa{1") == [103, 65, 98, 65, 102]  # shift, FNC1
    assert code128_values(b"{C\x64") is None  # code set C holds 0..99
    assert code128_values(b"12") is None  # the code set must be chosen first
    # "{C" + ASCII digits: each byte is one value, so "0" (48) prints as "48".
    mistake = output(lambda p: p.barcode("{C00001101", "CODE128", function_type="B"))
    assert decoded(render_escpos(mistake)) == {("Code128", "4848484849494849")}
    # Code set B carries the digits as characters: the same number, a wider symbol —
    # too wide for the paper at 3-dot modules, which a printer then does not print at all.
    as_b = output(lambda p: p.barcode("{B" + NUMBER, "CODE128", function_type="B", pos="OFF"))
    assert ink(render_escpos(as_b)) is None
    as_b = output(lambda p: p.barcode("{B" + NUMBER, "CODE128", function_type="B", pos="OFF",
                                      width=2))
    assert decoded(render_escpos(as_b)) == {("Code128", NUMBER)}


def test_code128_hri_above_with_the_module_width_and_height_sent():
    data = (ESC + b"a\x00" + GS + b"H\x01" + GS + b"w\x02" + GS + b"h\x50"
            + GS + b"kI\x05{C\x0c\x22\x38")
    img = render_escpos(data)
    assert decoded(img) == {("Code128", "123456")}
    box = ink(img)
    assert box is not None
    bars = (11 * 5 + 13) * 2  # start, 3 values, check, stop at 2 dots
    assert box[0] == 20 and box[2] - box[0] == bars  # left-justified after a 10-module quiet
    assert box[1] < 24 and box[3] == 24 + 4 + 0x50  # HRI (font A), a gap, 80-dot bars


def test_other_symbologies_in_both_gs_k_forms():
    data = output(lambda p: (
        p.barcode("400638133393", "EAN13", function_type="A", pos="OFF"),
        p.barcode("ABC-123", "CODE39", function_type="B", pos="OFF"),
        p.barcode("12345678", "ITF", function_type="A", pos="OFF", width=2),
    ))
    assert decoded(render_escpos(data)) == {("EAN13", "4006381333931"),
                                            ("Code39", "ABC-123"), ("ITF", "12345678")}


def test_native_qr_from_python_escpos_decodes_to_the_data():
    data = output(lambda p: p.qr(NUMBER, native=True, size=6))
    img = render_escpos(data)
    assert decoded(img) == {("QRCode", NUMBER)}
    box = ink(img)
    assert box is not None and box[2] - box[0] == 21 * 6  # version 1, 6 dots per module
    assert box[0] == 4 * 6  # left-justified after the 4-module quiet zone


def test_qr_error_correction_and_long_data():
    text = "https://kurir.example/lacak/" + NUMBER + "?x=" + "A" * 200
    data = output(lambda p: p.qr(text, native=True, size=3, ec=3))
    assert decoded(render_escpos(data)) == {("QRCode", text)}
    too_big = output(lambda p: p.qr("9" * 8000, native=True, size=1))
    assert ink(render_escpos(too_big)) is None  # more than any QR holds: nothing printed


# -- images ---------------------------------------------------------------------------------------

def test_gs_v_0_raster_lands_on_the_right_dots():
    rows = bytes([0xFF, 0x0F]) * 10  # 16 dots wide: dots 0-7 and 12-15 black, 10 rows
    img = render_escpos(GS + b"v0\x00\x02\x00\x0a\x00" + rows, 384)
    assert ink(img) == (0, 0, 16, 10)
    assert img.getpixel((7, 9)) == 0 and img.getpixel((8, 0)) == 255
    assert img.getpixel((12, 0)) == 0 and img.getpixel((11, 5)) == 255
    wide = render_escpos(ESC + b"a\x01" + GS + b"v0\x01\x02\x00\x0a\x00" + rows, 384)
    assert ink(wide) == ((384 - 32) // 2, 0, (384 - 32) // 2 + 32, 10)  # centred, doubled
    tall = render_escpos(GS + b"v0\x32\x02\x00\x0a\x00" + rows, 384)  # m = 50: double height
    assert ink(tall) == (0, 0, 16, 20)


def test_the_three_image_commands_print_the_same_picture():
    picture = Image.new("1", (48, 48), 255)
    for x in range(48):
        for y in range(48):
            if (x // 6 + y // 6) % 2 == 0 or x == y:
                picture.putpixel((x, y), 0)
    papers = [render_escpos(output(lambda p, impl=impl: p.image(picture, impl=impl)), 384)
              for impl in ("bitImageRaster", "graphics", "bitImageColumn")]
    for paper in papers:
        assert paper.crop((0, 0, 48, 48)).tobytes() == picture.tobytes()
        assert ink(paper) == (0, 0, 48, 48)


# -- text ---------------------------------------------------------------------------------------

def test_code_page_cp1252_prints_e_acute():
    blank = render_escpos(ESC + b"@" + ESC + b"t\x10\n", 384)
    cp1252 = render_escpos(ESC + b"@" + ESC + b"t\x10" + "é".encode("cp1252") + b"\n", 384)
    cp437 = render_escpos(ESC + b"@" + ESC + b"t\x00" + "é".encode("cp1252") + b"\n", 384)
    assert ink(blank) is None and ink(cp1252) is not None
    assert cp1252.crop((0, 0, 12, 24)).tobytes() == glyph("é", Style()).tobytes()
    assert cp437.crop((0, 0, 12, 24)).tobytes() == glyph("Θ", Style()).tobytes()  # 0xE9


def test_styles_from_python_escpos():
    def line(**style: Any) -> Image.Image:
        return render_escpos(output(lambda p: (p.set(**style), p.text("WAYBILL\n"))))

    plain = line()
    box = ink(plain)
    assert box is not None and box[0] == 0 and box[2] <= 7 * 12 and box[3] <= 24
    assert black(line(bold=True)) > black(plain) * 1.2
    wide = ink(line(double_width=True, double_height=True))
    assert wide is not None and 7 * 12 < wide[2] <= 7 * 24 and 24 < wide[3] <= 48
    centred = ink(line(align="center"))
    assert centred is not None and abs((centred[0] + centred[2]) / 2 - 288) <= 12
    right = ink(line(align="right"))
    assert right is not None and 576 - 12 <= right[2] <= 576
    inverted = line(invert=True)
    assert black(inverted.crop((0, 0, 7 * 12, 24))) > 7 * 12 * 24 // 2
    underlined = line(underline=2)
    assert black(underlined.crop((0, 22, 7 * 12, 24))) == 7 * 12 * 2
    big = ink(line(custom_size=True, width=4, height=3))  # GS ! 0x32
    assert big is not None and 7 * 36 < big[2] <= 7 * 48 and 48 < big[3] <= 72


def test_font_b_cells_and_esc_print_mode():
    a = ink(render_escpos(b"HHHHHHHHHH\n"))
    b = ink(render_escpos(ESC + b"M\x01HHHHHHHHHH\n"))
    bang = ink(render_escpos(ESC + b"!\x01HHHHHHHHHH\n"))
    assert a is not None and b is not None
    assert 9 * 9 < b[2] <= 10 * 9 < a[2] <= 10 * 12 and b[3] <= 17
    assert bang == b
    both = ink(render_escpos(ESC + b"!\x30HH\n"))  # double height + double width
    assert both is not None and 2 * 12 < both[2] <= 48 and 24 < both[3] <= 48


def test_a_long_line_wraps_like_a_printer():
    img = render_escpos(b"X" * 60 + b"\n", 576)  # 48 characters of font A per line
    rows = [black(img.crop((0, y, 576, y + 24))) for y in (0, LINE_SPACING)]
    assert all(rows)
    first, second = ink(img.crop((0, 0, 576, 24))), ink(img.crop((0, LINE_SPACING, 576, 60)))
    assert first is not None and first[2] > 576 - 12
    assert second is not None and 12 * 11 < second[2] <= 12 * 12


def test_line_spacing_feeds_and_cut():
    def top_rows(data: bytes) -> list[int]:
        img = render_escpos(data, 384)
        inked = [y for y in range(img.height) if black(img.crop((0, y, 384, y + 1)))]
        return [y for y in inked if y - 1 not in inked]

    assert top_rows(b"H\nH\n")[1] - top_rows(b"H\nH\n")[0] == LINE_SPACING
    assert top_rows(ESC + b"3\x50H\nH\n")[1] - top_rows(ESC + b"3\x50H\nH\n")[0] == 80
    assert top_rows(b"H" + ESC + b"d\x03H\n")[1] - top_rows(b"H" + ESC + b"d\x03H\n")[0] == 90
    assert top_rows(b"H" + ESC + b"J\x64H\n")[1] - top_rows(b"H" + ESC + b"J\x64H\n")[0] == 100
    cut = render_escpos(b"H\n" + GS + b"VB\x00", 384)  # a dashed line across the paper
    dashes = cut.crop((0, cut.height - 17, 384, cut.height - 16))  # the last inked row
    assert 384 * 3 // 8 <= black(dashes) <= 384 // 2


def test_status_requests_and_unknown_commands_leave_no_trace():
    plain = render_escpos(b"AB\n").tobytes()
    assert render_escpos(b"A\x10\x04\x01B\n").tobytes() == plain
    assert render_escpos(b"A" + ESC + b"\xffB\n").tobytes() == plain
    assert render_escpos(ESC + b"p\x00\x32\x32AB\n" + GS + b"a\x00").tobytes() == plain
    # Inside image data the same bytes are dots: 10 04 01 = ...1 ...1.. .......1
    dots = render_escpos(GS + b"v0\x00\x03\x00\x01\x00\x10\x04\x01", 384)
    assert ink(dots) == (3, 0, 24, 1)
    assert [x for x in range(24) if dots.getpixel((x, 0)) == 0] == [3, 13, 23]


def test_the_paper_is_trimmed_after_the_last_dot():
    img = render_escpos(b"H\n" + ESC + b"d\xff" * 10)
    assert img.mode == "1" and img.width == 576
    box = ink(img)
    assert box is not None and img.height - box[3] == 16


# -- garbage ----------------------------------------------------------------------------------

COMMANDS = [ESC, GS, b"\x1c", b"\x10\x04", b"\n", GS + b"v0", GS + b"k", GS + b"(k",
            GS + b"(L", GS + b"8L", ESC + b"*", ESC + b"!", GS + b"!", GS + b"V", ESC + b"&",
            b"\x1cq", ESC + b"D", b"\t", GS + b"kI", GS + b"(k\x03\x001Q0"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=800))
def test_random_bytes_never_raise(data):
    img = render_escpos(data, 384)
    assert img.mode == "1" and img.width == 384


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(COMMANDS), st.binary(max_size=12)), max_size=40))
def test_random_commands_never_raise(parts):
    render_escpos(b"".join(parts), 576)
