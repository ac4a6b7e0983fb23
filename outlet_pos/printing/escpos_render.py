"""ESC/POS bytes for a laid-out document, written through python-escpos.

Two modes, chosen by the printer profile:

* native — text in the printer's code page with its own styles, CODE128 with
  the printer's ``GS k`` (code set C: two digits per symbol), QR with ``GS ( k``.
  A line with characters outside the code page is sent as a raster image of
  that line, so names in any script still print.
* raster — the whole waybill drawn by ``canvas`` and sent as ``GS v 0``
  images, for printers with no (or broken) barcode/QR commands.

python-escpos 3.1 quirks handled here: it prints chatter to stdout and calls
``logging.basicConfig()`` at import (silenced in ``_escpos()``); it does not
re-send the code page after ``ESC @`` (we send ``ESC t n`` ourselves); CODE128
data needs an explicit ``{C``/``{B`` code-set prefix.
"""

from __future__ import annotations

import contextlib
import io
import logging
from functools import cache
from typing import Any

from PIL import Image

from ..domain.waybill_document import QR, Barcode, Cut, Document, Feed
from . import canvas
from .layout import Item, Line, layout
from .profiles import Profile

ESC_INIT = b"\x1b@"
RASTER_STRIP = 256  # dots per GS v 0 command: small strips keep printer buffers happy


@cache
def _escpos() -> Any:
    """Import python-escpos without letting it configure our logging or print."""
    root = logging.getLogger()
    before = list(root.handlers)
    with contextlib.redirect_stdout(io.StringIO()):
        from escpos import printer
    for h in root.handlers[:]:
        if h not in before:
            root.removeHandler(h)
    return printer


class _Quiet(contextlib.redirect_stdout):
    """python-escpos prints "Using hardware barcode renderer" and the like to stdout."""

    def __init__(self) -> None:
        super().__init__(io.StringIO())


def code128_data(digits: str) -> str:
    """python-escpos CODE128 data: ``{C`` and one character per digit pair (value 0..99)."""
    if digits.isdigit() and len(digits) % 2 == 0:
        return "{C" + "".join(chr(int(digits[i:i + 2])) for i in range(0, len(digits), 2))
    return "{B" + digits


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _image(p: Any, img: Image.Image) -> None:
    for top in range(0, img.height, RASTER_STRIP):
        strip = img.crop((0, top, img.width, min(img.height, top + RASTER_STRIP)))
        p.image(strip, impl="bitImageRaster", fragment_height=RASTER_STRIP)


def _line(p: Any, line: Line, profile: Profile) -> None:
    if not encodable(line.text, profile.encoding):
        _image(p, canvas.line_image(line, profile))
        return
    p.set(align=line.align, bold=line.bold, double_width=line.wide,
          double_height=line.tall, invert=line.inverse, normal_textsize=not (
              line.wide or line.tall))
    p._raw(line.text.encode(profile.encoding) + b"\n")
    p.set_with_default()


def _native(p: Any, items: list[Item], profile: Profile) -> None:
    for item in items:
        if isinstance(item, Line):
            _line(p, item, profile)
        elif isinstance(item, Barcode) and profile.barcode:
            p.set(align="center")
            p.barcode(code128_data(item.data), "CODE128", function_type="B", pos="OFF",
                      height=min(255, canvas.barcode_height(profile)),
                      width=max(2, canvas.barcode_module(profile, item.data)), align_ct=True)
            p.set_with_default()
        elif isinstance(item, QR) and profile.qr:
            p.set(align="center")
            p.qr(item.data, ec=1, size=canvas.qr_module(profile), native=True)  # 1 = level M
            p.set_with_default()
        elif isinstance(item, Feed):
            p._raw(b"\n" * item.lines)
        elif isinstance(item, Cut):
            _cut(p, profile)
        else:
            img = canvas.item_image(item, profile)
            if img is not None:
                page = Image.new("1", (profile.width_dots, img.height), canvas.WHITE)
                page.paste(img, ((profile.width_dots - img.width) // 2, 0))
                _image(p, page)


def _cut(p: Any, profile: Profile) -> None:
    if profile.cutter:
        p.cut()
    else:
        p._raw(b"\n" * 4)  # past the tear bar


def render_escpos(doc: Document, profile: Profile, raster: bool | None = None) -> bytes:
    """The bytes to send to the printer. ``raster`` defaults to the profile's choice."""
    use_raster = profile.raster_only if raster is None else raster
    items = layout(doc, profile.columns_a)
    p = _escpos().Dummy(profile=profile.escpos_profile)
    with _Quiet():
        p._raw(ESC_INIT + bytes((0x1B, 0x74, profile.code_page)))
        if doc.open_drawer and profile.cash_drawer:
            # First, so the drawer is open while the receipt prints. Pin 2 is the
            # drawer port's usual wiring (python-escpos: ESC p 0 50 50, 100 ms on and off).
            p.cashdraw(2)
        if use_raster:
            body: list[Item] = [i for i in items if not isinstance(i, Cut)]
            _image(p, canvas.render_page(body, profile))
            if any(isinstance(i, Cut) for i in items):
                _cut(p, profile)
        else:
            _native(p, items, profile)
    return bytes(p.output)
