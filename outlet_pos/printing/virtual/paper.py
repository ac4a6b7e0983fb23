"""The paper of the virtual printer: character glyphs as a 203-dpi head prints them, bit
images, and the roll they are printed on.

Characters are drawn with the bundled DejaVu Sans Mono fitted to the printer's
character cell (font A 12 x 24 dots, font B 9 x 17), without anti-aliasing, and
cached per character and style.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from PIL import Image, ImageDraw, ImageFont

WHITE, BLACK = 255, 0  # mode "1" pixel values
MAX_PAPER_DOTS = 40_000  # 5 m of paper: enough for any job, bounded for garbage input
TRIM_MARGIN = 16  # blank dots kept under the last printed dot
CELL = {False: (12, 24), True: (9, 17)}  # font A / font B character cell, in dots
_INVERT = bytes(255 - i for i in range(256))  # our 1 = black; PIL's "1" raw bits say white


@dataclass(frozen=True)
class Style:
    """Character print modes; hashable, so drawn glyphs can be cached per style."""

    font_b: bool = False
    emphasized: bool = False
    double_strike: bool = False
    underline: int = 0  # dots
    wide: int = 1
    tall: int = 1
    inverse: bool = False
    right_spacing: int = 0  # ESC SP, dots (before the width multiplier)


@lru_cache(maxsize=4)
def _font(bold: bool, font_b: bool) -> ImageFont.FreeTypeFont:
    """DejaVu Sans Mono at the largest size whose advance and height fit the cell."""
    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"
    raw = (resources.files("outlet_pos.resources") / "fonts" / name).read_bytes()
    probe = ImageFont.truetype(io.BytesIO(raw), size=100)
    ascent, descent = probe.getmetrics()
    w, h = CELL[font_b]
    size = min(w * 100 / probe.getlength("0"), h * 100 / (ascent + descent))
    return ImageFont.truetype(io.BytesIO(raw), size=int(size * 10) / 10)


@lru_cache(maxsize=1024)
def glyph(ch: str, style: Style) -> Image.Image:
    """One character cell as printed: spacing, underline, reverse and size applied."""
    w, h = CELL[style.font_b]
    img = Image.new("1", (w + style.right_spacing, h), WHITE)
    draw = ImageDraw.Draw(img)
    draw.fontmode = "1"  # thermal dots are on or off: no anti-aliasing
    if not ch.isspace():
        draw.text((0, 0), ch, font=_font(style.emphasized or style.double_strike, style.font_b),
                  fill=BLACK)
    if style.underline:
        draw.rectangle((0, h - style.underline, img.width - 1, h - 1), fill=BLACK)
    if style.inverse:
        img = img.point(lambda v: 255 - v)
    if style.wide > 1 or style.tall > 1:
        img = img.resize((img.width * style.wide, h * style.tall), Image.Resampling.NEAREST)
    return img


def bits(data: bytes, width: int, height: int) -> Image.Image:
    """Rows of MSB-first bits (1 = black) as a mode "1" image ``width`` bits wide."""
    return Image.frombytes("1", (width, height), data.translate(_INVERT))


def text_line(text: str, font_b: bool, width: int) -> Image.Image:
    """Plain characters centred on a ``width``-dot line (barcode HRI)."""
    style = Style(font_b=font_b)
    cw, h = CELL[font_b]
    out = Image.new("1", (width, h), WHITE)
    x = max(0, (width - cw * len(text)) // 2)
    for ch in text:
        out.paste(glyph(ch if ch.isprintable() else " ", style), (x, 0))
        x += cw
    return out


def cut_line(width: int) -> Image.Image:
    """Where the cutter cut: a dashed line across the paper."""
    line = Image.new("1", (width, 9), WHITE)
    draw = ImageDraw.Draw(line)
    for x in range(0, width, 8):
        draw.line((x, 4, x + 3, 4), fill=BLACK)
    return line


class Paper:
    """The printed roll so far: printed rows and blank feeds, in order."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.parts: list[tuple[int, Image.Image | None]] = []  # (x, image) or (dots, None)
        self.length = 0

    @property
    def full(self) -> bool:
        return self.length >= MAX_PAPER_DOTS

    def place(self, img: Image.Image, x: int) -> None:
        if not self.full and img.height > 0:
            self.parts.append((x, img))
            self.length += img.height

    def feed(self, dots: int) -> None:
        if not self.full and dots > 0:
            self.parts.append((dots, None))
            self.length += dots

    def image(self) -> Image.Image:
        """The paper up to the last printed dot, plus a small margin of blank paper."""
        last = max((k for k, (_, img) in enumerate(self.parts) if img is not None), default=-1)
        parts = self.parts[:last + 1]
        height = sum(img.height if img is not None else n for n, img in parts)
        out = Image.new("1", (self.width, height + TRIM_MARGIN), WHITE)
        y = 0
        for n, img in parts:
            if img is None:
                y += n
                continue
            if n < self.width:  # cropping never widens: crop() would fill with black
                out.paste(img.crop((0, 0, min(img.width, self.width - n), img.height)), (n, y))
            y += img.height
        bbox = out.point(lambda v: 255 - v).getbbox()
        return out.crop((0, 0, self.width, (bbox[3] if bbox else 0) + TRIM_MARGIN))
