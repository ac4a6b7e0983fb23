"""Finds the translatable templates in the source: literal first arguments of Msg() and tr().

Used by the catalogue-completeness test and when adding translations:
``python -m outlet_pos.i18n.scan`` lists templates the Indonesian catalogue lacks.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1]


def templates(root: Path = PKG) -> dict[str, str]:
    """{template: first place it is used}."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("Msg", "tr") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value,
                                 f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


if __name__ == "__main__":
    from .catalog_id import CATALOG

    for template, where in templates().items():
        if template not in CATALOG:
            print(f"{where}: {template!r}")
