"""Lay a document out in character columns, the way a thermal printer prints it.

The ESC/POS and raster renderers both draw these lines, so a waybill wraps
identically on every kind of printer. Long names and addresses wrap at word
boundaries (a word longer than the line is broken); nothing is ever cut off.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass

from ..domain.waybill_document import QR, Barcode, Block, Cut, Document, Feed, Pair, Rule, Text


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of text; ``text`` is at most the line's columns long."""

    text: str
    bold: bool = False
    wide: bool = False
    tall: bool = False
    align: str = "left"
    inverse: bool = False


Item = Line | Barcode | QR | Feed | Cut


def clean(text: str) -> str:
    """Control characters would be read as printer commands: replace them with spaces."""
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Words wrap; a word longer than the line is broken, never dropped."""
    width = max(1, width)
    lines: list[str] = []
    for para in clean(text).splitlines() or [""]:
        lines += textwrap.wrap(para, width, break_long_words=True,
                               break_on_hyphens=True) or [""]
    return lines


def pair_lines(label: str, value: str, width: int) -> list[str]:
    """``label ....... value`` on one line, or the label wrapped with the value flush right."""
    label, value = clean(label), clean(value)
    if len(label) + 1 + len(value) <= width:
        return [label + " " * (width - len(label) - len(value)) + value]
    if len(value) >= width:
        return wrap(label, width) + wrap(value, width)
    head = wrap(label, width)
    if len(head[-1]) + 1 + len(value) <= width:
        last = head.pop()
        return [*head, last + " " * (width - len(last) - len(value)) + value]
    return [*head, value.rjust(width)]


def layout(doc: Document | tuple[Block, ...], columns: int) -> list[Item]:
    """The document as lines of at most ``columns`` characters, plus graphic items."""
    blocks = doc.blocks if isinstance(doc, Document) else doc
    out: list[Item] = []
    for b in blocks:
        if isinstance(b, Text):
            width = columns // 2 if b.wide else columns
            out += [Line(t, b.bold, b.wide, b.tall, b.align, b.inverse)
                    for t in wrap(b.text, width)]
        elif isinstance(b, Pair):
            out += [Line(t, bold=b.bold) for t in pair_lines(b.label, b.value, columns)]
        elif isinstance(b, Rule):
            out.append(Line(("=" if b.heavy else "-") * columns))
        elif isinstance(b, Barcode | QR | Feed | Cut):
            out.append(b)
    return out
