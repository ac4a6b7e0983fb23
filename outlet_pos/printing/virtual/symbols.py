"""The symbols a thermal printer draws: ``GS k`` barcodes (data → modules, HRI) and QR codes.

CODE128 is exact (it carries our waybill numbers): the data is read the Epson
way — a ``{A``/``{B``/``{C`` code set prefix, ``{A``/``{B``/``{C`` switches,
``{S`` shift, ``{1``..``{4`` function characters, ``{{`` for a literal ``{``,
and in code set C one raw byte (0..99) per symbol — and the modulo-103 check
symbol is added as the printer does. EAN-13/UPC-A, EAN-8, CODE39 and ITF are
drawn too. Data a printer would reject gives ``None``: nothing is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
from PIL import Image
from qrcode.exceptions import DataOverflowError

from .paper import BLACK, WHITE

# CODE128 bar/space widths per symbol value 0..106 (ISO/IEC 15417, table 1); the stop
# symbol (106) includes its 2-module termination bar.
_C128 = (  # noqa: SIM905 - laid out as the standard prints the table
    "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 "
    "112232 122132 122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 "
    "311222 321122 321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 "
    "112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 "
    "313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 "
    "314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 "
    "122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 "
    "124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 "
    "114311 411113 411311 113141 114131 311141 411131 211412 211214 211232 2331112"
).split()
_START = {ord("A"): 103, ord("B"): 104, ord("C"): 105}
_SWITCH = {ord("A"): 101, ord("B"): 100, ord("C"): 99}  # same value from either other set
_FNC = {ord("1"): 102, ord("2"): 97, ord("3"): 96}  # FNC4 depends on the set, see below
_STOP = 106

# EAN/UPC: left-hand odd (A) digit patterns; B = reversed C, C = complement of A.
_EAN_A = ("0001101", "0011001", "0010011", "0111101", "0100011",
          "0110001", "0101111", "0111011", "0110111", "0001011")
_EAN_C = tuple("".join("1" if b == "0" else "0" for b in p) for p in _EAN_A)
_EAN_B = tuple(p[::-1] for p in _EAN_C)
_EAN_PARITY = ("AAAAAA", "AABABB", "AABBAB", "AABBBA", "ABAABB",
               "ABBAAB", "ABBBAA", "ABABAB", "ABABBA", "ABBABA")

# CODE39: for each character, which of its 9 elements (bar, space, bar, ...) are wide.
_C39_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%*"
_C39_WIDE = (  # noqa: SIM905 - one 9-element pattern per character, in _C39_CHARS order
    "000110100 100100001 001100001 101100000 000110001 100110000 001110000 000100101 "
    "100100100 001100100 100001001 001001001 101001000 000011001 100011000 001011000 "
    "000001101 100001100 001001100 000011100 100000011 001000011 101000010 000010011 "
    "100010010 001010010 000000111 100000110 001000110 000010110 110000001 011000001 "
    "111000000 010010001 110010000 011010000 010000101 110000100 011000100 010101000 "
    "010100010 010001010 000101010 010010100"
).split()
_ITF_WIDE = ("00110", "10001", "01001", "11000", "00101",
             "10100", "01100", "00011", "10010", "01010")
_WIDE = 3  # wide:narrow ratio for CODE39 and ITF (the specifications allow 2..3)
_QR_EC = (qrcode.constants.ERROR_CORRECT_L, qrcode.constants.ERROR_CORRECT_M,
          qrcode.constants.ERROR_CORRECT_Q, qrcode.constants.ERROR_CORRECT_H)
_QR_QUIET = 4  # modules


@dataclass(frozen=True)
class Symbol:
    modules: str  # one character per module: "1" bar, "0" space (no quiet zones)
    hri: str  # the human-readable interpretation printed above/below


def encode(m: int, data: bytes) -> Symbol | None:
    """The symbol ``GS k m`` prints for ``data``; ``None`` where the printer prints nothing."""
    kind = m - 65 if m >= 65 else m
    if kind == 0:  # UPC-A is EAN-13 with a leading zero
        return _ean(b"0" + data, 13, hri_skip=1) if len(data) in (11, 12) else None
    if kind == 2:
        return _ean(data, 13) if len(data) in (12, 13) else None
    if kind == 3:
        return _ean(data, 8) if len(data) in (7, 8) else None
    if kind == 4:
        return code39(data)
    if kind == 5:
        return itf(data)
    if m in (73, 74):  # GS1-128 is drawn as plain CODE128 (FNC1 is written as {1)
        values = code128_values(data)
        return Symbol(code128_modules(values), _code128_hri(data)) if values else None
    return None  # UPC-E, Codabar, CODE93, DataBar: not used by Outlet POS


def bars(modules: str, module: int, height: int, quiet: int) -> Image.Image:
    """The symbol at ``module`` whole dots per module, ``quiet`` blank modules either side."""
    row = "0" * quiet + modules + "0" * quiet
    raw = row.encode("ascii").replace(b"0", b"\xff").replace(b"1", b"\x00")
    img = Image.frombytes("L", (len(row), 1), raw).convert("1", dither=Image.Dither.NONE)
    return img.resize((len(row) * module, height), Image.Resampling.NEAREST)


def qr_image(data: bytes, ec: int, module: int, max_width: int) -> Image.Image | None:
    """The QR symbol (model 2, level L/M/Q/H = ``ec`` 0..3) with up to 4 modules of quiet
    zone; ``None`` where a printer prints nothing: too much data, or wider than the paper."""
    q = qrcode.QRCode(error_correction=_QR_EC[ec], border=0)
    try:
        q.add_data(data)
        q.make(fit=True)
    except (DataOverflowError, ValueError):
        return None
    matrix = q.get_matrix()
    n = len(matrix)
    if n * module > max_width:
        return None
    quiet = min(_QR_QUIET * module, (max_width - n * module) // 2)
    img = Image.new("1", (n, n), WHITE)
    img.putdata([BLACK if v else WHITE for row in matrix for v in row])
    full = Image.new("1", (n * module + 2 * quiet, n * module + 2 * quiet), WHITE)
    full.paste(img.resize((n * module, n * module), Image.Resampling.NEAREST), (quiet, quiet))
    return full


def code128_values(data: bytes) -> list[int] | None:
    """Symbol values (start code first, no check/stop) of Epson-style CODE128 data."""
    if len(data) < 2 or data[0] != 0x7B or data[1] not in _START:
        return None  # the first two bytes must select a code set
    current = data[1]
    values = [_START[current]]
    shifted = False  # {S: the next character is from the other of sets A/B
    i = 2
    while i < len(data):
        b = data[i]
        if b == 0x7B:
            if i + 1 >= len(data):
                return None
            nxt = data[i + 1]
            i += 2
            if nxt in _SWITCH and nxt != current:
                values.append(_SWITCH[nxt])
                current = nxt
            elif nxt in _FNC:
                values.append(_FNC[nxt])
            elif nxt == ord("4") and current != ord("C"):
                values.append(101 if current == ord("A") else 100)
            elif nxt == ord("S") and current != ord("C"):
                values.append(98)
                shifted = True
                continue
            elif nxt == 0x7B and current == ord("B"):
                values.append(0x7B - 32)
            else:
                return None
            shifted = False
            continue
        char_set = current
        if shifted:
            char_set = ord("B") if current == ord("A") else ord("A")
            shifted = False
        value = _value(char_set, b)
        if value is None:
            return None
        values.append(value)
        i += 1
    return values if len(values) > 1 else None


def _value(char_set: int, b: int) -> int | None:
    if char_set == ord("C"):
        return b if b < 100 else None
    if char_set == ord("B"):
        return b - 32 if 0x20 <= b <= 0x7F else None
    if b < 0x20:
        return b + 64
    return b - 32 if b <= 0x5F else None


def code128_modules(values: list[int]) -> str:
    """Modules of start + data ``values`` with the modulo-103 check symbol and stop."""
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], 1))) % 103
    return "".join(_widths_to_modules(_C128[v]) for v in [*values, check, _STOP])


def _widths_to_modules(widths: str) -> str:
    return "".join(("1" if k % 2 == 0 else "0") * int(w) for k, w in enumerate(widths))


def _code128_hri(data: bytes) -> str:
    """Epson prints the data characters; code set C pairs as two digits, functions as nothing."""
    out, current, i = [], data[1], 2
    while i < len(data):
        b = data[i]
        if b == 0x7B:
            nxt = data[i + 1]
            if nxt in _SWITCH:
                current = nxt
            elif nxt == 0x7B:
                out.append("{")
            i += 2
            continue
        out.append(f"{b:02d}" if current == ord("C") else (chr(b) if b >= 0x20 else " "))
        i += 1
    return "".join(out)


def _ean(data: bytes, n: int, hri_skip: int = 0) -> Symbol | None:
    if not data.isdigit():
        return None
    digits = [d - 48 for d in data[: n - 1]]
    given = data[n - 1] - 48 if len(data) == n else None
    # The printer adds the check digit when it is not sent, and prints a sent one as is.
    weights = [3 if (len(digits) - k) % 2 else 1 for k in range(len(digits))]
    check = (10 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
    digits.append(check if given is None else given)
    if n == 13:
        parity, left, right = _EAN_PARITY[digits[0]], digits[1:7], digits[7:]
        left_modules = "".join((_EAN_A if p == "A" else _EAN_B)[d]
                               for p, d in zip(parity, left, strict=True))
    else:
        left, right = digits[:4], digits[4:]
        left_modules = "".join(_EAN_A[d] for d in left)
    modules = "101" + left_modules + "01010" + "".join(_EAN_C[d] for d in right) + "101"
    return Symbol(modules, "".join(map(str, digits))[hri_skip:])


def code39(data: bytes) -> Symbol | None:
    text = data.decode("latin-1")
    if text.startswith("*"):
        if len(text) < 3 or not text.endswith("*"):
            return None
        text = text[1:-1]
    if not text or any(c not in _C39_CHARS[:-1] for c in text):
        return None
    chars = f"*{text}*"
    modules = "0".join(_c39_char(c) for c in chars)  # one narrow gap between characters
    return Symbol(modules, chars)


def _c39_char(c: str) -> str:
    wide = _C39_WIDE[_C39_CHARS.index(c)]
    return "".join(("1" if k % 2 == 0 else "0") * (_WIDE if w == "1" else 1)
                   for k, w in enumerate(wide))


def itf(data: bytes) -> Symbol | None:
    if len(data) < 2 or not data.isdigit():
        return None
    digits = [d - 48 for d in data[: len(data) // 2 * 2]]  # an odd last digit is ignored
    out = ["1010"]  # start: narrow bar, space, bar, space
    for a, b in zip(digits[::2], digits[1::2], strict=True):
        for wa, wb in zip(_ITF_WIDE[a], _ITF_WIDE[b], strict=True):
            out.append("1" * (_WIDE if wa == "1" else 1) + "0" * (_WIDE if wb == "1" else 1))
    out.append("1" * _WIDE + "01")  # stop: wide bar, narrow space, narrow bar
    return Symbol("".join(out), "".join(map(str, digits)))
