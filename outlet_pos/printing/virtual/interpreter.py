"""An ESC/POS interpreter: the bytes a 203-dpi thermal printer receives → the paper it prints.

Covers what our renderers and common POS software send: text in a code page
with styles (``ESC E/G/-/!/M/SP``, ``GS ! B``, ``ESC a``, tabs, margins), line
spacing and feeds, cuts (drawn as a dashed line), ``GS k`` barcodes drawn from
the symbol values actually sent (see ``symbols``), ``GS ( k`` QR codes, and
images (``GS v 0``, ``ESC *``, ``GS ( L``/``GS 8 L`` graphics). Other known
commands are skipped by their length; an unknown command skips only its
command byte, as printers do. No input makes it raise: garbage prints garbage.

The model is the printer's: text collects in a line buffer and is printed on
LF (or when the line is full, which wraps it); the paper then advances by the
line spacing, or by the line's height when that is taller. Barcodes, QR codes
and raster images print at once, justified per ``ESC a`` within the print area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from PIL import Image

from .paper import CELL, WHITE, Paper, Style, bits, cut_line, glyph, text_line
from .symbols import bars, encode, qr_image

LINE_SPACING = 30  # ESC 2: the usual default of 203-dpi printers (3.75 mm)
CODE_PAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 13: "cp857",
              14: "cp737", 15: "iso8859_7", 16: "cp1252", 17: "cp866", 18: "cp852",
              19: "cp858", 45: "cp1250", 46: "cp1251", 47: "cp1253", 48: "cp1254",
              49: "cp1255", 50: "cp1256", 51: "cp1257", 52: "cp1258"}
_TEXT = re.compile(rb"[\x20-\xff]+")
# Parameter bytes of commands that change nothing on paper (or nothing we draw).
_ESC_SKIP = {0x25: 1, 0x3D: 1, 0x3F: 1, 0x42: 2, 0x4B: 1, 0x4C: 0, 0x52: 1, 0x53: 0,
             0x54: 1, 0x55: 1, 0x56: 1, 0x57: 8, 0x63: 2, 0x65: 1, 0x72: 1,
             0x75: 1, 0x76: 0, 0x7B: 1}
_GS_SKIP = {0x24: 2, 0x2F: 1, 0x3A: 0, 0x45: 1, 0x49: 1, 0x50: 2, 0x54: 1, 0x5C: 2,
            0x5E: 3, 0x61: 1, 0x62: 1, 0x63: 0, 0x67: 4, 0x6A: 1, 0x72: 1, 0x7A: 2, 0x7C: 1}
_FS_SKIP = {0x21: 1, 0x26: 0, 0x2D: 1, 0x2E: 0, 0x32: 74, 0x3F: 2, 0x43: 1, 0x53: 2,
            0x57: 1, 0x70: 2}


@dataclass
class _Settings:
    """Everything ESC @ resets."""

    style: Style = field(default_factory=Style)
    align: int = 0
    encoding: str = "cp437"
    line_spacing: int = LINE_SPACING
    left_margin: int = 0
    area_width: int = 65535
    tabs: tuple[int, ...] = tuple(range(8, 256, 8))  # in characters of the current font
    bc_height: int = 162
    bc_module: int = 3
    hri: int = 0  # 0 none, 1 above, 2 below, 3 both
    hri_font_b: bool = False
    qr_model: int = 50
    qr_module: int = 3
    qr_ec: int = 0
    qr_data: bytes = b""


class _Interpreter:
    def __init__(self, data: bytes, width: int) -> None:
        self.d = data
        self.i = 0
        self.paper = Paper(width)
        self.st = _Settings()
        self.cells: list[tuple[int, Image.Image]] = []  # the line buffer: (x, cell)
        self.x = 0  # next character position in the print area
        self.line_align = 0  # justification when the line began
        self.graphics: Image.Image | None = None  # GS ( L buffered graphics
        self.chars: list[str] = []  # the line buffer's characters, for the transcript
        self.transcript: list[str] = []  # each printed text line, as the paper shows it
        self.drawer_pulses: list[int] = []  # ESC p: the drawer pin (0 = pin 2, 1 = pin 5)

    # -- reading ----------------------------------------------------------------------------
    def take(self, n: int) -> bytes | None:
        """The next ``n`` bytes, or None (and the rest consumed) when the data ends first."""
        if self.i + n > len(self.d):
            self.i = len(self.d)
            return None
        out = self.d[self.i:self.i + n]
        self.i += n
        return out

    def byte(self) -> int:
        b = self.take(1)
        return -1 if b is None else b[0]

    def word(self) -> int:
        b = self.take(2)
        return -1 if b is None else b[0] | b[1] << 8

    # -- the print area and the line buffer -------------------------------------------------
    def area(self) -> tuple[int, int]:
        left = min(self.st.left_margin, self.paper.width - 1)
        return left, max(1, min(self.st.area_width, self.paper.width - left))

    def aligned_x(self, width: int, align: int) -> int:
        left, area = self.area()
        return left + max(0, {1: (area - width) // 2, 2: area - width}.get(align, 0))

    def add_cell(self, cell: Image.Image, char: str = " ") -> None:
        _, area = self.area()
        if self.cells and self.x + cell.width > area:
            self.print_line(self.st.line_spacing)  # a full line prints and wraps
        if not self.cells:
            self.line_align = self.st.align
        if cell.width > area - self.x:
            cell = cell.crop((0, 0, max(1, area - self.x), cell.height))
        self.cells.append((self.x, cell))
        self.chars.append(char)
        self.x += cell.width

    def print_line(self, advance: int) -> None:
        """Print the line buffer; the paper moves ``advance`` dots, or the line's height."""
        if not self.cells:
            self.paper.feed(advance)
            self.x = 0
            return
        height = max(c.height for _, c in self.cells)
        width = max(self.x, max(x + c.width for x, c in self.cells))
        line = Image.new("1", (width, height), WHITE)
        for x, c in self.cells:
            line.paste(c, (x, height - c.height))  # characters stand on a common baseline
        self.paper.place(line, self.aligned_x(width, self.line_align))
        self.paper.feed(advance - height)
        self.transcript.append("".join(self.chars))
        self.cells, self.chars, self.x = [], [], 0

    def print_block(self, img: Image.Image) -> None:
        """Barcodes, QR codes and raster images print at once, from the start of a line."""
        if self.cells:
            self.print_line(self.st.line_spacing)
        self.paper.place(img, self.aligned_x(img.width, self.st.align))

    def text(self, raw: bytes) -> None:
        for ch in raw.decode(self.st.encoding, errors="replace"):
            shown = ch if ch.isprintable() else " "
            self.add_cell(glyph(shown, self.st.style), shown)

    def tab(self) -> None:
        cell = (CELL[self.st.style.font_b][0] + self.st.style.right_spacing) * self.st.style.wide
        stop = next((t * cell for t in self.st.tabs if t * cell > self.x), None)
        _, area = self.area()
        if stop is not None and stop <= area:
            self.x = stop

    # -- the byte stream ---------------------------------------------------------------------
    def run(self) -> Image.Image:
        d = self.d
        while self.i < len(d) and not self.paper.full:
            b = d[self.i]
            if b >= 0x20:
                m = _TEXT.match(d, self.i)
                assert m is not None
                self.text(m.group())
                self.i = m.end()
                continue
            self.i += 1
            if b == 0x0A:
                self.print_line(self.st.line_spacing)
            elif b == 0x09:
                self.tab()
            elif b == 0x1B:
                self.esc(self.byte())
            elif b == 0x1D:
                self.gs(self.byte())
            elif b == 0x1C:
                self.fs(self.byte())
            elif b == 0x10:
                self.dle()
            # CR, FF, CAN and other control bytes: nothing to print in standard mode
        if self.cells:
            self.print_line(self.st.line_spacing)
        return self.paper.image()

    def dle(self) -> None:
        """Real-time commands: the server answers them; on paper they are nothing."""
        c = self.d[self.i] if self.i < len(self.d) else -1
        if c == 0x04:  # DLE EOT n, and DLE EOT 7/8 a
            self.i += 1
            if self.byte() in (7, 8):
                self.take(1)
        elif c == 0x05:  # DLE ENQ n
            self.take(2)
        elif c == 0x14:  # DLE DC4 fn ...
            self.i += 1
            fn = self.byte()
            self.take({1: 2, 2: 2, 3: 2, 7: 1, 8: 7}.get(fn, 0))

    def esc(self, c: int) -> None:
        st, s = self.st, self.st.style
        if c == 0x40:  # @ initialise: settings and the line buffer
            self.st = _Settings()
            self.cells, self.x = [], 0
        elif c == 0x21:  # ! print mode
            n = self.byte()
            if n >= 0:
                st.style = replace(s, font_b=bool(n & 1), emphasized=bool(n & 8),
                                   tall=2 if n & 16 else 1, wide=2 if n & 32 else 1,
                                   underline=1 if n & 128 else 0)
        elif c in (0x45, 0x47):  # E emphasized / G double-strike: both print bold
            n = self.byte()
            if n >= 0:
                key = "emphasized" if c == 0x45 else "double_strike"
                st.style = replace(s, **{key: bool(n & 1)})
        elif c == 0x2D:  # - underline 0/1/2 dots
            n = self.byte()
            if n in (0, 1, 2, 48, 49, 50):
                st.style = replace(s, underline=n % 48)
        elif c == 0x4D:  # M font
            n = self.byte()
            if n in (0, 1, 48, 49):
                st.style = replace(s, font_b=bool(n % 48))
        elif c == 0x20:  # SP right-side character spacing
            n = self.byte()
            if n >= 0:
                st.style = replace(s, right_spacing=n)
        elif c == 0x61:  # a justification
            n = self.byte()
            if n in (0, 1, 2, 48, 49, 50):
                st.align = n % 48
        elif c == 0x74:  # t code page
            st.encoding = CODE_PAGES.get(self.byte(), st.encoding)
        elif c == 0x32:  # 2 default line spacing
            st.line_spacing = LINE_SPACING
        elif c == 0x33:  # 3 n line spacing
            n = self.byte()
            if n >= 0:
                st.line_spacing = n
        elif c == 0x64:  # d n print and feed n lines
            self.print_line(max(0, self.byte()) * st.line_spacing)
        elif c == 0x4A:  # J n print and feed n dots
            self.print_line(max(0, self.byte()))
        elif c in (0x69, 0x6D):  # i / m: the old cut commands
            self.cut(0)
        elif c == 0x70:  # p m t1 t2: pulse the cash drawer
            body = self.take(3)
            if body is not None and body[0] in (0, 1, 48, 49):
                self.drawer_pulses.append(body[0] % 48)
        elif c == 0x24:  # $ absolute position
            pos = self.word()
            if 0 <= pos <= self.area()[1]:
                self.x = pos
        elif c == 0x5C:  # \ relative position, signed
            n = self.word()
            pos = self.x + (n - 65536 if n >= 32768 else n)
            if n >= 0 and 0 <= pos <= self.area()[1]:
                self.x = pos
        elif c == 0x44:  # D tab positions ... NUL
            tabs: list[int] = []
            while (n := self.byte()) > 0 and len(tabs) < 32 and (not tabs or n > tabs[-1]):
                tabs.append(n)
            st.tabs = tuple(tabs)
        elif c == 0x2A:  # * bit image, part of the line
            self.bit_image()
        elif c == 0x26:  # & user-defined characters: y c1 c2 [x d1..d(y*x)]...
            head = self.take(3)
            if head is not None and 32 <= head[1] <= head[2] <= 126:
                for _ in range(head[2] - head[1] + 1):
                    self.take(max(0, self.byte()) * head[0])
        elif c == 0x28:  # ( fn pL pH ...: beeper and friends
            self.i += 1
            self.take(max(0, self.word()))
        elif c in _ESC_SKIP:
            self.take(_ESC_SKIP[c])

    def gs(self, c: int) -> None:
        st = self.st
        if c == 0x21:  # ! character size
            n = self.byte()
            if n >= 0 and n >> 4 < 8 and n & 15 < 8:
                st.style = replace(st.style, wide=(n >> 4) + 1, tall=(n & 15) + 1)
        elif c == 0x42:  # B reverse
            n = self.byte()
            if n >= 0:
                st.style = replace(st.style, inverse=bool(n & 1))
        elif c == 0x4C:  # L left margin
            if (n := self.word()) >= 0:
                st.left_margin = n
        elif c == 0x57:  # W print area width
            if (n := self.word()) > 0:
                st.area_width = n
        elif c == 0x68:  # h barcode height
            if (n := self.byte()) > 0:
                st.bc_height = n
        elif c == 0x77:  # w barcode module width
            if 1 <= (n := self.byte()) <= 6:
                st.bc_module = n
        elif c == 0x48:  # H HRI position
            if (n := self.byte()) in (0, 1, 2, 3, 48, 49, 50, 51):
                st.hri = n % 48
        elif c == 0x66:  # f HRI font
            if (n := self.byte()) in (0, 1, 48, 49):
                st.hri_font_b = bool(n % 48)
        elif c == 0x56:  # V cut
            m = self.byte()
            if m in (65, 66, 97, 98, 103, 104):
                self.cut(max(0, self.byte()))
            elif m in (0, 1, 48, 49):
                self.cut(0)
        elif c == 0x6B:  # k barcode
            self.barcode()
        elif c == 0x28:  # ( fn pL pH ...
            fn, size = self.byte(), self.word()
            body = self.take(max(0, size))
            if body is not None and fn == 0x6B:
                self.qr(body)
            elif body is not None and fn == 0x4C:
                self.graphics_command(body)
        elif c == 0x38:  # 8 L p1 p2 p3 p4 ...: graphics with a 4-byte length
            if self.byte() == 0x4C and (p := self.take(4)) is not None:
                body = self.take(int.from_bytes(p, "little"))
                if body is not None:
                    self.graphics_command(body)
        elif c == 0x76:  # v 0 raster image
            if self.byte() == 0x30:
                self.raster()
        elif c == 0x2A:  # * downloaded bit image x y d(x*y*8): kept nowhere
            head = self.take(2)
            if head is not None:
                self.take(head[0] * head[1] * 8)
        elif c in _GS_SKIP:
            self.take(_GS_SKIP[c])

    def fs(self, c: int) -> None:
        if c == 0x28:  # ( fn pL pH ...
            self.i += 1
            self.take(max(0, self.word()))
        elif c == 0x71:  # q n [xL xH yL yH d(x*y*8)]...: NV bit images, kept nowhere
            for _ in range(max(0, self.byte())):
                size = self.take(4)
                if size is None:
                    return
                self.take((size[0] | size[1] << 8) * (size[2] | size[3] << 8) * 8)
        elif c in _FS_SKIP:
            self.take(_FS_SKIP[c])

    # -- what is drawn ------------------------------------------------------------------------
    def cut(self, feed: int) -> None:
        if self.cells:
            self.print_line(self.st.line_spacing)
        self.paper.feed(feed)
        self.paper.place(cut_line(self.paper.width), 0)

    def barcode(self) -> None:
        m = self.byte()
        if 0 <= m <= 6:  # data ... NUL
            end = self.d.find(b"\x00", self.i)
            end = len(self.d) if end < 0 else end
            data, self.i = self.d[self.i:end], end + 1
        elif 65 <= m <= 79:  # n data
            data = self.take(max(0, self.byte())) or b""
        else:
            return  # unknown m: the rest is processed as ordinary data
        symbol = encode(m, data)
        module, height = self.st.bc_module, self.st.bc_height
        width = len(symbol.modules) * module if symbol else 0
        _, area = self.area()
        if symbol is None or width > area:
            return  # the printer prints nothing for bad data or a symbol wider than the area
        quiet = min(10 * module, (area - width) // 2) // module
        img = bars(symbol.modules, module, height, quiet)
        hri = text_line(symbol.hri, self.st.hri_font_b, img.width) if self.st.hri else None
        if hri is not None:
            gap = 4
            above, below = self.st.hri in (1, 3), self.st.hri in (2, 3)
            full = Image.new("1", (img.width, height + (above + below) * (hri.height + gap)),
                             WHITE)
            full.paste(img, (0, (hri.height + gap) if above else 0))
            if above:
                full.paste(hri, (0, 0))
            if below:
                full.paste(hri, (0, full.height - hri.height))
            img = full
        self.print_block(img)

    def qr(self, body: bytes) -> None:
        if len(body) < 2 or body[0] != 49:
            return  # cn 49 is QR; PDF417, MaxiCode, DataMatrix... are not drawn
        fn, arg, st = body[1], body[2:], self.st
        if fn == 65 and arg and arg[0] in (49, 50, 51):
            st.qr_model = arg[0]
        elif fn == 67 and arg and 1 <= arg[0] <= 16:
            st.qr_module = arg[0]
        elif fn == 69 and arg and 48 <= arg[0] <= 51:
            st.qr_ec = arg[0] - 48
        elif fn == 80 and arg:
            st.qr_data = bytes(arg[1:])  # after m (48)
        elif fn == 81 and st.qr_data and st.qr_model != 51:  # Micro QR: not drawn
            self.print_qr()

    def print_qr(self) -> None:
        _, area = self.area()
        img = qr_image(self.st.qr_data, self.st.qr_ec, self.st.qr_module, area)
        if img is not None:
            self.print_block(img)

    def raster(self) -> None:
        m, size = self.byte(), self.take(4)
        if size is None or m % 48 > 3 or m > 51 or 3 < m < 48:
            return
        per_row, rows = size[0] | size[1] << 8, size[2] | size[3] << 8
        data = self.d[self.i:self.i + per_row * rows]
        self.i += per_row * rows
        rows = min(rows, len(data) // per_row) if per_row else 0  # the stream ended early
        if not rows:
            return
        img = bits(data[:per_row * rows], per_row * 8, rows)
        self.print_block(self.scaled(img, 2 if m % 48 in (1, 3) else 1,
                                     2 if m % 48 in (2, 3) else 1))

    def scaled(self, img: Image.Image, sx: int, sy: int) -> Image.Image:
        """Scaled by whole dots, after cutting what lies beyond the print area."""
        _, area = self.area()
        img = img.crop((0, 0, min(img.width, -(-area // sx)), img.height))
        if sx > 1 or sy > 1:
            img = img.resize((img.width * sx, img.height * sy), Image.Resampling.NEAREST)
        return img

    def bit_image(self) -> None:
        """ESC * m nL nH d: 8- or 24-dot columns; 8-dot modes print each dot 3 rows tall."""
        m = self.byte()
        if m not in (0, 1, 32, 33):
            return  # the printer then reads nL nH and data as ordinary data
        cols = self.word()
        per_col = 3 if m >= 32 else 1
        data = self.take(max(0, cols) * per_col)
        if not data:
            return
        # Columns are bytes top to bottom: load them as rows, then turn them into columns.
        img = bits(data, 8 * per_col, cols).transpose(Image.Transpose.TRANSPOSE)
        self.add_cell(self.scaled(img, 2 if m in (0, 32) else 1, 3 if m < 32 else 1))

    def graphics_command(self, body: bytes) -> None:
        """GS ( L / GS 8 L: store raster graphics (fn 112) and print them (fn 2/50)."""
        if len(body) < 2:
            return
        fn = body[1]
        if fn == 112 and len(body) >= 10 and body[2] == 48 and body[5] == 49:
            bx, by = body[3], body[4]
            w, h = body[6] | body[7] << 8, body[8] | body[9] << 8
            per_row = (w + 7) // 8
            h = min(h, len(body[10:]) // per_row) if per_row else 0
            if h and bx in (1, 2) and by in (1, 2):
                img = bits(body[10:10 + per_row * h], per_row * 8, h).crop((0, 0, w, h))
                self.graphics = self.scaled(img, bx, by)
        elif fn in (2, 50) and self.graphics is not None:
            self.print_block(self.graphics)
            self.graphics = None


def render_escpos(data: bytes, width_dots: int = 576) -> Image.Image:
    """The paper a ``width_dots``-wide 203-dpi printer prints from ``data``.

    Mode "1": white paper is 255, black dots 0. The height is what was printed,
    with the blank paper fed after the last dot trimmed to a small margin.
    """
    return _Interpreter(bytes(data), max(8, width_dots)).run()


def transcribe_escpos(data: bytes, width_dots: int = 576) -> list[str]:
    """The text lines the printer prints from ``data``, wrapped where the paper wraps them
    (tests read a document's words from the bytes; images and barcodes are not text)."""
    interpreter = _Interpreter(bytes(data), max(8, width_dots))
    interpreter.run()
    return interpreter.transcript


def drawer_pulses(data: bytes, width_dots: int = 576) -> list[int]:
    """The cash-drawer pulses in ``data``, in order (each the pin: 0 = pin 2, 1 = pin 5)."""
    interpreter = _Interpreter(bytes(data), max(8, width_dots))
    interpreter.run()
    return interpreter.drawer_pulses
