"""Reading and writing Qt Linguist ``.ts`` files: the translations' source of truth.

``outlet_pos_id.ts`` is committed and edited with Qt Linguist (``pyside6-linguist``) or
by hand; ``make`` compiles it to ``.qm`` with ``pyside6-lrelease`` for the GUI's
``QTranslator``. The CLI, which has no Qt, reads the ``.ts`` itself with this module.

Two contexts are used: ``outlet_pos`` for our own templates (English text is the key)
and ``QPlatformTheme`` for the text of Qt's standard dialog buttons, which Qt ships no
Indonesian translation for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from ..atomic_file import write_text

CONTEXT = "outlet_pos"
QT_BUTTONS = "QPlatformTheme"


@dataclass
class Entry:
    source: str
    translation: str = ""
    unfinished: bool = False


def read_ts(path: Path) -> dict[str, list[Entry]]:
    """{context: entries in file order}."""
    # Our own packaged file, not input from outside: plain ElementTree is fine.
    root = ElementTree.parse(path).getroot()  # noqa: S314
    contexts: dict[str, list[Entry]] = {}
    for ctx in root.iter("context"):
        entries = contexts.setdefault(ctx.findtext("name", ""), [])
        for msg in ctx.iter("message"):
            tr_el = msg.find("translation")
            entries.append(Entry(
                source=msg.findtext("source", ""),
                translation=(tr_el.text or "") if tr_el is not None else "",
                unfinished=tr_el is not None and tr_el.get("type") in ("unfinished",
                                                                        "vanished")))
    return contexts


def finished(contexts: dict[str, list[Entry]], context: str = CONTEXT) -> dict[str, str]:
    """{source: translation} for the translated entries of one context."""
    return {e.source: e.translation for e in contexts.get(context, [])
            if e.translation and not e.unfinished}


def write_ts(path: Path, contexts: dict[str, list[Entry]], language: str = "id_ID") -> None:
    """Stable, diff-friendly output in the layout Qt Linguist writes."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           f'<TS version="2.1" language="{language}" sourcelanguage="en_US">']
    for name, entries in contexts.items():
        out += ["<context>", f"    <name>{_esc(name)}</name>"]
        for e in entries:
            kind = ' type="unfinished"' if e.unfinished or not e.translation else ""
            out += ["    <message>",
                    f"        <source>{_esc(e.source)}</source>",
                    f"        <translation{kind}>{_esc(e.translation)}</translation>",
                    "    </message>"]
        out.append("</context>")
    out.append("</TS>")
    write_text(path, "\n".join(out) + "\n")


def _esc(text: str) -> str:
    return escape(text, {'"': "&quot;", "'": "&apos;"})
