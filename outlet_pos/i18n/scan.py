"""Finds the translatable templates in the source: literal first arguments of Msg(), tr()
and N_() (the marker for text defined in one place and translated where shown).

Our own ``lupdate``, since Qt's does not know our ``tr()``. Used by the
translation-completeness test and when adding text:

    python -m outlet_pos.i18n.scan            # list templates without Indonesian
    python -m outlet_pos.i18n.scan --update   # add them to outlet_pos_id.ts, unfinished
    python -m outlet_pos.i18n.scan --set "English" "Bahasa Indonesia"   # one translation
    python -m outlet_pos.i18n.scan --set "&Next >" "&Lanjut >" --context QWizard  # Qt's own

then translate them in ``outlet_pos/i18n/outlet_pos_id.ts`` (Qt Linguist:
``pyside6-linguist outlet_pos/i18n/outlet_pos_id.ts``, or any editor) and
``make translations`` (``make run`` and ``make test`` do it too).
"""

from __future__ import annotations

import ast
import fcntl
import sys
from pathlib import Path

from . import TS_FILES
from .ts_file import CONTEXT, Entry, finished, read_ts, write_ts

PKG = Path(__file__).resolve().parents[1]


def templates(root: Path = PKG) -> dict[str, str]:
    """{template: first place it is used}."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("Msg", "tr", "N_") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value,
                                 f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def set_translation(source: str, translation: str, context: str = CONTEXT) -> None:
    ts = TS_FILES["id"]
    # Several people (or scripts) may add text at once: one writer at a time, so no
    # read-modify-write loses another's entry.
    with open(ts.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        contexts = read_ts(ts)
        entries = contexts.setdefault(context, [])
        entry = next((e for e in entries if e.source == source), None)
        if entry is None:
            entries.append(Entry(source, translation))
        else:
            entry.translation, entry.unfinished = translation, False
        write_ts(ts, contexts)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--set"] and len(argv) == 3:
        set_translation(argv[1], argv[2])
        return 0
    if argv[:1] == ["--set"] and len(argv) == 5 and argv[3] == "--context":
        set_translation(argv[1], argv[2], argv[4])  # Qt's own classes (QWizard, QFileDialog)
        return 0
    ts = TS_FILES["id"]
    contexts = read_ts(ts)
    done = finished(contexts)
    missing = {t: w for t, w in templates().items() if t not in done}
    for template, where in missing.items():
        print(f"{where}: {template!r}")
    if "--update" in argv and missing:
        known = {e.source for e in contexts.setdefault(CONTEXT, [])}
        contexts[CONTEXT] += [Entry(t, unfinished=True) for t in missing if t not in known]
        write_ts(ts, contexts)
        print(f"{len(missing)} template(s) marked unfinished in {ts.name}: translate them there.")
    elif missing:
        print("Add them with: python -m outlet_pos.i18n.scan --update, then translate "
              f"the unfinished entries in {ts}.")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
