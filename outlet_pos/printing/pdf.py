"""Waybills as PDF through reportlab: a 100×150 mm label, or an A6/A4 receipt.

The same document blocks as the thermal renderers, laid out for the page:
text wraps at the page width and continues on the next page rather than
being cut; CODE128 (reportlab picks code set C for the all-digit number) and
QR are reportlab's own, with quiet zones. Text is set in the bundled DejaVu
fonts, because names and addresses may be in any script.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from itertools import accumulate
from typing import BinaryIO

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..domain.errors import ValidationError
from ..domain.waybill_document import QR, Barcode, Block, Cut, Document, Feed, Pair, Rule, Text
from ..i18n import Msg
from .fonts import BOLD, REGULAR, register_fonts
from .layout import clean

PAGE_SIZES = ("label", "a6", "a4")
_PAGES = {"label": ((100 * mm, 150 * mm), 3 * mm, 5.2),
          "a6": (A6, 3 * mm, 5.2),
          "a4": (A4, 15 * mm, 9.5)}  # page size, margin, base font size (pt)
PAIR_GAP = 3 * mm  # between a Pair's label and its value
BAR_HEIGHT = 15 * mm
QUIET_MODULES = 10


def _fit(text: str, font: str, size: float, width: float) -> int:
    """How many leading characters of ``text`` fit in ``width`` (at least one, to progress)."""
    # drawString does not kern, so a prefix is as wide as the sum of its characters.
    widths = accumulate(pdfmetrics.stringWidth(ch, font, size) for ch in text)
    return max(1, sum(1 for w in widths if w <= width))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines no wider than ``width``: words wrap, and a word wider than the line is broken.

    ``simpleSplit`` alone leaves an over-long word (``Jl.Mawar/RT.04/RW.11/...``, a
    payment reference) on one line running off the paper: that would cut text.
    """
    lines: list[str] = []
    for line in simpleSplit(clean(text), font, size, width) or [""]:
        while len(line) > 1 and pdfmetrics.stringWidth(line, font, size) > width:
            n = _fit(line, font, size, width)
            lines.append(line[:n])
            line = line[n:]
        lines.append(line)
    return lines


class _Page:
    """A cursor down a page that starts a new page whenever the next item does not fit."""

    def __init__(self, c: Canvas, size: tuple[float, float], margin: float, base: float):
        self.c, self.size, self.margin, self.base = c, size, margin, base
        self.width = size[0] - 2 * margin
        self.y = size[1] - margin

    def need(self, h: float) -> None:
        if self.y - h < self.margin:
            self.new_page()

    def new_page(self) -> None:
        if self.y < self.size[1] - self.margin:  # never leave a blank page behind
            self.c.showPage()
            self.y = self.size[1] - self.margin

    def text(self, t: Text) -> None:
        size = self.base * (1.8 if t.wide and t.tall else 1.4 if t.wide or t.tall else 1)
        font = BOLD if t.bold or t.inverse else REGULAR
        for line in wrap(t.text, font, size, self.width):
            self.need(size * 1.2)
            self.y -= size * 1.2
            w = pdfmetrics.stringWidth(line, font, size)
            x = self.margin + {"center": (self.width - w) / 2, "right": self.width - w}.get(
                t.align, 0)
            if t.inverse:
                self.c.rect(x - 2, self.y - size * 0.2, w + 4, size * 1.05, stroke=0, fill=1)
                self.c.setFillGray(1)
            self.c.setFont(font, size)
            self.c.drawString(x, self.y, line)
            self.c.setFillGray(0)

    def pair(self, p: Pair) -> None:
        """Label left, value flush right on its last line; a long value gets its own lines."""
        font, size = (BOLD if p.bold else REGULAR), self.base
        vw = pdfmetrics.stringWidth(clean(p.value), font, size)
        if vw <= self.width / 2:
            # The label wraps in the room the value leaves, so the two never overlap.
            rows = [(line, "") for line in wrap(p.label, font, size, self.width - vw - PAIR_GAP)]
            rows[-1] = (rows[-1][0], clean(p.value))
        else:
            rows = [(line, "") for line in wrap(p.label, font, size, self.width)]
            rows += [("", line) for line in wrap(p.value, font, size, self.width)]
        for label, value in rows:
            self.need(size * 1.2)
            self.y -= size * 1.2
            self.c.setFont(font, size)  # a new page resets the canvas font
            self.c.drawString(self.margin, self.y, label)
            self.c.drawRightString(self.margin + self.width, self.y, value)

    def rule(self, r: Rule) -> None:
        self.need(self.base)
        self.y -= self.base * 0.5
        self.c.setLineWidth(1.2 if r.heavy else 0.4)
        self.c.line(self.margin, self.y, self.margin + self.width, self.y)
        self.y -= self.base * 0.5

    def barcode(self, b: Barcode, beside: QR | None = None) -> None:
        """The CODE128, centred; or left with the QR to its right (the label's top row)."""
        side = self._qr_side() if beside else 0.0
        room = self.width - side - (2 * mm if beside else 0)
        # Whole symbol (123 modules for 16 digits: Code128 encodes digit pairs in code
        # set C) plus 10-module quiet zones in the width.
        modules = code128.Code128(b.data, barWidth=1, quiet=False).width
        bar = min(0.5 * mm, room / (modules + 2 * QUIET_MODULES))
        sym = code128.Code128(b.data, barWidth=bar, barHeight=BAR_HEIGHT, quiet=True,
                              lquiet=QUIET_MODULES * bar, rquiet=QUIET_MODULES * bar,
                              humanReadable=False)
        row = max(BAR_HEIGHT, side)
        self.need(row + 2 * mm)
        top = self.y - 1 * mm
        x = self.margin if beside else self.margin + (self.width - sym.width) / 2
        sym.drawOn(self.c, x, top - row + (row - BAR_HEIGHT) / 2)
        if beside:
            self._qr_at(beside, self.margin + self.width - side, top - side, side)
        self.y = top - row - 1 * mm

    def _qr_side(self) -> float:
        return min(22 * mm, self.width / 3)

    def _qr_at(self, q: QR, x: float, y: float, side: float) -> None:
        # Sized directly (not via getBounds, which encodes the symbol a second time).
        widget = QrCodeWidget(q.data, barLevel="M", barWidth=side, barHeight=side)
        d = Drawing(side, side)
        d.add(widget)  # its quiet zone of 4 modules is inside ``side``
        renderPDF.draw(d, self.c, x, y)

    def qr(self, q: QR) -> None:
        side = self._qr_side()
        self.need(side + 1 * mm)
        self.y -= side
        self._qr_at(q, self.margin + (self.width - side) / 2, self.y, side)
        self.y -= 1 * mm


def _draw(c: Canvas, doc: Document, page: str) -> None:
    size, margin, base = _PAGES[page]
    p = _Page(c, size, margin, base)
    qrs = [b for b in doc.blocks if isinstance(b, QR)]
    # On label and A6 pages the QR sits beside the barcode so one copy is one page.
    beside = qrs[0] if page in ("label", "a6") and qrs and any(
        isinstance(b, Barcode) for b in doc.blocks) else None
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Text):
            p.text(b)
        elif isinstance(b, Pair):
            p.pair(b)
        elif isinstance(b, Rule):
            p.rule(b)
        elif isinstance(b, Feed):
            p.y -= base * 1.25 * b.lines
        elif isinstance(b, Barcode):
            p.barcode(b, beside)
        elif isinstance(b, QR) and b is not beside:
            p.qr(b)
        elif isinstance(b, Cut) and _prints(doc.blocks[i + 1:]):
            p.new_page()  # the thermal printer cuts here: what follows is a new piece
    c.showPage()  # every document ends its page


def _prints(blocks: Sequence[Block]) -> bool:
    return any(not isinstance(b, Feed | Cut) for b in blocks)


def pdf_bytes(docs: Sequence[Document], page: str = "label") -> bytes:
    """The documents as one PDF, each starting on a new page of ``page`` size."""
    if page not in _PAGES:
        raise ValidationError(("page", Msg("must be label, a6 or a4")))
    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=_PAGES[page][0], pageCompression=1)
    c.setTitle(", ".join(d.key for d in docs))  # waybill-copy keys only: no personal data
    c.setAuthor("Outlet POS")
    for doc in docs:
        _draw(c, doc, page)
    c.save()
    return buf.getvalue()


def write_pdf(docs: Sequence[Document], out: BinaryIO, page: str = "label") -> None:
    """Write the PDF to ``out``, an open file. Which file, and that it is private (0600: a
    label carries names, addresses and phones), is the caller's: bootstrap hands in the
    checked private writer's file."""
    out.write(pdf_bytes(docs, page))
