"""Drawing laid-out waybill items as a 1-bit image at the printer's resolution.

Used for the full-raster renderer (printers without barcode/QR commands) and
for single lines whose characters the printer's code page cannot print.
Barcode modules are whole dots wide — fractional widths blur at 203 dpi and
hub scanners reject them — with quiet zones of at least 10 modules.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import qrcode
from barcode.codex import Code128
from PIL import Image, ImageChops, ImageDraw, ImageFont

from ..domain.waybill_document import QR, Barcode, Cut, Feed
from .layout import Item, Line
from .profiles import Profile

LINE_DOTS = 24  # font A: 12 x 24 dots per character on every ESC/POS thermal printer
QUIET_MODULES = 10
QR_QUIET_MODULES = 4
WHITE, BLACK = 255, 0  # mode "1" pixel values
_MONO_ADVANCE = 1233 / 2048  # DejaVu Sans Mono advance width per em


@cache
def font(bold: bool, cell_dots: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"
    path = resources.files("outlet_pos.resources").joinpath("fonts", name)
    with resources.as_file(path) as real:
        # The largest size whose advance still fits the printer's character cell.
        return ImageFont.truetype(str(real), size=int(cell_dots / _MONO_ADVANCE * 10) / 10)


def cell_dots(profile: Profile) -> int:
    return profile.width_dots // profile.columns_a


def code128_modules(digits: str) -> str:
    """The CODE128 module string (``1`` = bar) of ``digits``; code set C for even runs."""
    return Code128(digits).build()[0]


def barcode_image(digits: str, module: int, height: int) -> Image.Image:
    """Bars at ``module`` whole dots each, quiet zones included."""
    modules = code128_modules(digits)
    quiet = QUIET_MODULES * module
    img = Image.new("1", (len(modules) * module + 2 * quiet, height), WHITE)
    draw = ImageDraw.Draw(img)
    x = quiet
    for bit in modules:
        if bit == "1":
            draw.rectangle((x, 0, x + module - 1, height - 1), fill=BLACK)
        x += module
    return img


def qr_image(data: str, module: int) -> Image.Image:
    q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QR_QUIET_MODULES,
                      box_size=1)
    q.add_data(data)
    q.make(fit=True)
    matrix = q.get_matrix()
    n = len(matrix)
    img = Image.new("1", (n, n), WHITE)
    img.putdata([BLACK if v else WHITE for row in matrix for v in row])
    return img.resize((n * module, n * module), Image.Resampling.NEAREST)


def barcode_module(profile: Profile, digits: str) -> int:
    """The widest whole-dot module that fits the paper with its quiet zones."""
    n = len(code128_modules(digits)) + 2 * QUIET_MODULES
    return max(1, min(profile.module_dots, profile.width_dots // n))


def qr_module(profile: Profile) -> int:
    return 6 if profile.width_dots < 500 else 8


def barcode_height(profile: Profile) -> int:
    return round(profile.dpi * 12 / 25.4)  # 12 mm of bars


def line_image(line: Line, profile: Profile) -> Image.Image:
    """One text line, styled, as wide as the paper."""
    cell = cell_dots(profile)
    f = font(line.bold, cell)
    width = cell * len(line.text)
    text = Image.new("1", (max(width, 1), LINE_DOTS), WHITE)
    d = ImageDraw.Draw(text)
    d.fontmode = "1"
    d.text((0, 1), line.text, font=f, fill=BLACK)
    if line.inverse:
        text = ImageChops.invert(text.convert("L")).convert("1")
    if line.wide or line.tall:
        text = text.resize((text.width * (2 if line.wide else 1),
                            text.height * (2 if line.tall else 1)), Image.Resampling.NEAREST)
    out = Image.new("1", (profile.width_dots, text.height), WHITE)
    out.paste(text, (_x(line.align, text.width, profile.width_dots), 0))
    return out


def _x(align: str, width: int, paper: int) -> int:
    if align == "center":
        return max(0, (paper - width) // 2)
    if align == "right":
        return max(0, paper - width)
    return 0


def item_image(item: Item, profile: Profile) -> Image.Image | None:
    if isinstance(item, Line):
        return line_image(item, profile)
    if isinstance(item, Barcode):
        return barcode_image(item.data, barcode_module(profile, item.data),
                             barcode_height(profile))
    if isinstance(item, QR):
        return qr_image(item.data, qr_module(profile))
    if isinstance(item, Feed):
        return Image.new("1", (profile.width_dots, LINE_DOTS * item.lines), WHITE)
    if isinstance(item, Cut):
        return None
    raise TypeError(f"cannot draw {type(item).__name__}")


def render_page(items: list[Item], profile: Profile) -> Image.Image:
    """The whole document as one 1-bit image, ``profile.width_dots`` wide."""
    parts = [img for img in (item_image(i, profile) for i in items) if img is not None]
    page = Image.new("1", (profile.width_dots, sum(p.height for p in parts) or 1), WHITE)
    y = 0
    for p in parts:
        page.paste(p, (_x("center", p.width, profile.width_dots), y))
        y += p.height
    return page
