"""An ESC/POS interpreter: the bytes a thermal printer receives → the paper it prints.

Covers what our renderers and common POS software send: text in a code page
with styles (ESC E/G/-/!/M, GS !, GS B, ESC a), feeds, cuts, CODE128 and other
``GS k`` barcodes drawn from the symbol values actually sent, ``GS ( k`` QR,
``GS v 0`` raster and ``ESC *`` bit images. Unknown commands are skipped;
no input makes it raise.
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
from PIL import Image, ImageChops, ImageDraw

from ..canvas import font

WHITE, BLACK = 1, 0
CODE_PAGES = {0: "cp437", 2: "cp850", 16: "cp1252", 19: "cp858", 17: "cp866", 3: "cp860"}
# CODE128 bar/space widths per symbol value (ISO/IEC 15417 table), 0..106.
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


def code128_modules(values: list[int]) -> str:
    """Modules (``1`` bar) for start + data values, with check symbol and stop added."""
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], 1))) % 103
    out = []
    for v in [*values, check, 106]:
        for i, w in enumerate(_C128[v]):
            out.append(("1" if i % 2 == 0 else "0") * int(w))
    return "".join(out)


def code128_values(data: bytes) -> list[int] | None:
    """python-escpos/Epson CODE128 data (``{A``/``{B``/``{C`` prefixes) → symbol values."""
    if len(data) < 2 or data[0] != 0x7B or data[1] not in b"ABC":
        return None
    sets = {ord("A"): 103, ord("B"): 104, ord("C"): 105}
    switch = {ord("A"): 101, ord("B"): 100, ord("C"): 99}
    current = data[1]
    values = [sets[current]]
    i = 2
    while i < len(data):
        b = data[i]
        if b == 0x7B and i + 1 < len(data):
            nxt = data[i + 1]
            i += 2
            if nxt in switch:
                values.append(switch[nxt] if not (current == ord("C") and nxt == ord("A"))
                              else 101)
                current = nxt
            elif nxt == ord("1"):
                values.append(102)
            elif nxt == ord("S"):
                values.append(98)
            elif nxt == 0x7B:
                values.append(0x7B - 32)
            continue
        if current == ord("C"):
            values.append(b if b < 100 else 0)
        elif current == ord("B"):
            values.append(max(0, min(95, b - 32)))
        else:
            values.append(b + 64 if b < 32 else max(0, min(63, b - 32)))
        i += 1
    return values


@dataclass
class _State:
    bold: bool = False
    underline: bool = False
    font_b: bool = False
    wide: int = 1
    tall: int = 1
    align: int = 0
    inverse: bool = False
    encoding: str = "cp437"
    bc_height: int = 162
    bc_module: int = 3
    hri: int = 0
    qr_module: int = 3
    qr_ec: int = 0
    qr_data: bytes = b""


class Paper:
    """The printed roll so far: rows of dots appended as the printer advances."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.parts: list[Image.Image] = []

    def add(self, img: Image.Image, align: int = 0) -> None:
        row = Image.new("1", (self.width, img.height), WHITE)
        x = {1: (self.width - img.width) // 2, 2: self.width - img.width}.get(align, 0)
        row.paste(img.crop((0, 0, min(img.width, self.width), img.height)), (max(0, x), 0))
        self.parts.append(row)

    def feed(self, dots: int) -> None:
        if dots > 0:
            self.parts.append(Image.new("1", (self.width, dots), WHITE))

    def image(self) -> Image.Image:
        out = Image.new("1", (self.width, max(1, sum(p.height for p in self.parts))), WHITE)
        y = 0
        for p in self.parts:
            out.paste(p, (0, y))
            y += p.height
        return out


class _Interpreter:
    def __init__(self, data: bytes, width: int) -> None:
        self.d = data
        self.i = 0
        self.paper = Paper(width)
        self.s = _State()
        self.line: list[tuple[str, _State]] = []

    # -- helpers -----------------------------------------------------------------------------
    def take(self, n: int) -> bytes:
        out = self.d[self.i:self.i + n]
        self.i += n
        return out

    def byte(self) -> int:
        b = self.take(1)
        return b[0] if b else 0

    def flush_line(self, force_feed: bool = True) -> None:
        if not self.line:
            if force_feed:
                self.paper.feed(24 * self.s.tall)
            return
        cell_w = 9 if self.s.font_b else 12
        pieces = []
        for text, st in self.line:
            f = font(st.bold, cell_w)
            w = max(1, cell_w * len(text))
            img = Image.new("1", (w, 24), WHITE)
            d = ImageDraw.Draw(img)
            d.fontmode = "1"
            d.text((0, 1), text, font=f, fill=BLACK)
            if st.underline:
                d.line((0, 22, w, 22), fill=BLACK)
            if st.inverse:
                img = ImageChops.invert(img.convert("L")).convert("1")
            if st.wide > 1 or st.tall > 1:
                img = img.resize((w * st.wide, 24 * st.tall), Image.Resampling.NEAREST)
            pieces.append(img)
        height = max(p.height for p in pieces)
        row = Image.new("1", (sum(p.width for p in pieces), height), WHITE)
        x = 0
        for p in pieces:
            row.paste(p, (x, height - p.height))
            x += p.width
        # A line longer than the paper wraps, as on a real printer.
        for left in range(0, row.width, self.paper.width):
            self.paper.add(row.crop((left, 0, min(row.width, left + self.paper.width),
                                     height)), self.s.align)
        self.line = []

    def text(self, raw: bytes) -> None:
        try:
            t = raw.decode(self.s.encoding, errors="replace")
        except LookupError:
            t = raw.decode("cp437", errors="replace")
        st = _State(**self.s.__dict__)
        self.line.append((t, st))

    # -- commands ----------------------------------------------------------------------------
    def run(self) -> Image.Image:
        d = self.d
        while self.i < len(d):
            b = d[self.i]
            if b == 0x0A:
                self.i += 1
                self.flush_line()
            elif b == 0x1B:
                self.i += 1
                self.esc(self.byte())
            elif b == 0x1D:
                self.i += 1
                self.gs(self.byte())
            elif b == 0x10:
                self.i += 1
                cmd = self.byte()
                if cmd == 0x04 or cmd == 0x05:
                    self.take(1)  # real-time status / request: answered by the server
                elif cmd == 0x14:
                    self.take(3)
            elif b < 0x20:
                self.i += 1  # CR and other controls
            else:
                j = self.i
                while j < len(d) and d[j] >= 0x20:
                    j += 1
                self.text(d[self.i:j])
                self.i = j
        if self.line:
            self.flush_line()
        return _trim(self.paper.image())

    def esc(self, c: int) -> None:
        s = self.s
        if c == 0x40:  # @ init
            self.s = _State()  # ESC @ also resets the code page, as on Epson printers
        elif c == 0x74:  # t code page
            s.encoding = CODE_PAGES.get(self.byte(), "cp437")
        elif c in (0x45, 0x47):  # E / G bold
            s.bold = bool(self.byte() & 1)
        elif c == 0x2D:  # - underline
            s.underline = bool(self.byte() & 3)
        elif c == 0x21:  # ! print mode
            n = self.byte()
            s.font_b, s.bold = bool(n & 1), bool(n & 8)
            s.tall, s.wide, s.underline = (2 if n & 16 else 1), (2 if n & 32 else 1), bool(n & 128)
        elif c == 0x61:  # a justification
            s.align = self.byte() % 48 % 3
        elif c == 0x4D:  # M font
            s.font_b = bool(self.byte() % 48)
        elif c == 0x64:  # d feed n lines
            self.flush_line(force_feed=False)
            self.paper.feed(24 * self.byte())
        elif c == 0x4A:  # J feed n dots
            self.flush_line(force_feed=False)
            self.paper.feed(self.byte())
        elif c in (0x33, 0x20, 0x56, 0x72, 0x7B, 0x52, 0x55, 0x63, 0x3D):
            if c == 0x63:
                self.take(2)
            else:
                self.take(1)
        elif c == 0x70:  # p drawer pulse
            self.take(3)
        elif c == 0x2A:  # * bit image
            self.bit_image()
        elif c in (0x24, 0x5C):
            self.take(2)

    def gs(self, c: int) -> None:
        s = self.s
        if c == 0x21:  # ! size
            n = self.byte()
            s.wide, s.tall = (n >> 4 & 7) + 1, (n & 7) + 1
        elif c == 0x42:  # B reverse
            s.inverse = bool(self.byte() & 1)
        elif c == 0x68:
            s.bc_height = self.byte() or 162
        elif c == 0x77:
            s.bc_module = max(1, min(6, self.byte()))
        elif c == 0x48:
            s.hri = self.byte() % 48
        elif c in (0x66, 0x62, 0x49, 0x61, 0x72):
            self.take(1)
        elif c == 0x56:  # V cut
            m = self.byte()
            if m in (65, 66, 97, 98, 103, 104):
                self.take(1)
            self.flush_line(force_feed=False)
            cut = Image.new("1", (self.paper.width, 9), WHITE)
            ImageDraw.Draw(cut).line((0, 4, self.paper.width, 4), fill=BLACK, width=1)
            for x in range(0, self.paper.width, 8):
                ImageDraw.Draw(cut).line((x, 4, x + 3, 4), fill=WHITE)
            self.paper.add(cut)
        elif c == 0x6B:  # k barcode
            self.barcode()
        elif c == 0x28:  # ( x pL pH ...
            fn = self.byte()
            pl, ph = self.byte(), self.byte()
            body = self.take(pl + ph * 256)
            if fn == 0x6B:
                self.qr(body)
        elif c == 0x76:  # v 0 raster
            if self.byte() == 0x30:
                self.raster()
        elif c in (0x4C, 0x57):
            self.take(2)
        elif c == 0x38 and self.byte() == 0x4C:  # 8 L p1..p4: large graphics, skipped
            p = self.take(4)
            if len(p) == 4:
                self.take(p[0] | p[1] << 8 | p[2] << 16 | p[3] << 24)

    def barcode(self) -> None:
        m = self.byte()
        if m <= 6:
            j = self.d.find(b"\x00", self.i)
            j = len(self.d) if j < 0 else j
            data = self.d[self.i:j]
            self.i = j + 1
        else:
            data = self.take(self.byte())
        values = code128_values(data) if m == 73 else None
        if values is None:
            return  # other symbologies: not needed by Outlet POS, skipped
        self.flush_line(force_feed=False)
        modules = code128_modules(values)
        mw, h = self.s.bc_module, self.s.bc_height
        quiet = 10 * mw
        img = Image.new("1", (len(modules) * mw + 2 * quiet, h), WHITE)
        draw = ImageDraw.Draw(img)
        for k, bit in enumerate(modules):
            if bit == "1":
                draw.rectangle((quiet + k * mw, 0, quiet + (k + 1) * mw - 1, h - 1), fill=BLACK)
        self.paper.add(img, self.s.align)

    def qr(self, body: bytes) -> None:
        if len(body) < 3 or body[0] != 49:
            return
        fn, arg = body[1], body[2:]
        if fn == 67 and arg:
            self.s.qr_module = max(1, min(16, arg[0]))
        elif fn == 69 and arg:
            self.s.qr_ec = max(0, min(3, arg[0] - 48))
        elif fn == 80:
            self.s.qr_data = bytes(arg[1:])
        elif fn == 81 and self.s.qr_data:
            self.flush_line(force_feed=False)
            ec = (qrcode.constants.ERROR_CORRECT_L, qrcode.constants.ERROR_CORRECT_M,
                  qrcode.constants.ERROR_CORRECT_Q, qrcode.constants.ERROR_CORRECT_H)
            q = qrcode.QRCode(error_correction=ec[self.s.qr_ec], border=4, box_size=1)
            try:
                q.add_data(self.s.qr_data)
                q.make(fit=True)
            except Exception:
                return  # data too long for any QR version: a real printer prints nothing
            matrix = q.get_matrix()
            n, mod = len(matrix), self.s.qr_module
            img = Image.new("1", (n, n), WHITE)
            img.putdata([BLACK if v else WHITE for row in matrix for v in row])
            self.paper.add(img.resize((n * mod, n * mod), Image.Resampling.NEAREST),
                           self.s.align)

    def raster(self) -> None:
        m = self.byte() % 48
        xl, xh, yl, yh = self.take(4).ljust(4, b"\x00")
        bpr, rows = xl + xh * 256, yl + yh * 256
        data = self.take(bpr * rows)
        if not bpr or not rows:
            return
        self.flush_line(force_feed=False)
        data = data.ljust(bpr * rows, b"\x00")
        # Our 1 = black; PIL mode "1" raw bits use 1 = white: invert while loading.
        img = Image.frombytes("1", (bpr * 8, rows), bytes(255 - x for x in data))
        if m in (1, 3):
            img = img.resize((img.width * 2, img.height), Image.Resampling.NEAREST)
        if m in (2, 3):
            img = img.resize((img.width, img.height * 2), Image.Resampling.NEAREST)
        self.paper.add(img, self.s.align)

    def bit_image(self) -> None:
        m = self.byte()
        nl, nh = self.byte(), self.byte()
        cols = nl + nh * 256
        per_col = 3 if m in (32, 33) else 1
        data = self.take(cols * per_col).ljust(cols * per_col, b"\x00")
        h = 8 * per_col
        img = Image.new("1", (max(1, cols), h), WHITE)
        px = img.load()
        for x in range(cols):
            for k in range(per_col):
                byte = data[x * per_col + k]
                for bit in range(8):
                    if byte & (0x80 >> bit):
                        px[x, k * 8 + bit] = BLACK
        self.line = []
        self.paper.add(img, self.s.align)


def _trim(img: Image.Image, margin: int = 16) -> Image.Image:
    """Cut the blank paper fed after the last dot, keeping a small margin."""
    bbox = ImageChops.invert(img.convert("L")).getbbox()
    if bbox is None:
        return img.crop((0, 0, img.width, min(img.height, margin)))
    return img.crop((0, 0, img.width, min(img.height, bbox[3] + margin)))


def render_escpos(data: bytes, width_dots: int = 576) -> Image.Image:
    """The paper a ``width_dots``-wide printer prints from ``data`` (mode "1")."""
    return _Interpreter(data, width_dots).run()
