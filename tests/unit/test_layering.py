"""The architecture's import rules, enforced: domain and services stay pure."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "outlet_pos"
FORBIDDEN = {
    "domain": ("PySide6", "sqlalchemy", "alembic", "requests", "sqlite3", "keyring",
               "cryptography", "outlet_pos.storage", "outlet_pos.services", "outlet_pos.ui"),
    "services": ("PySide6", "sqlalchemy", "alembic", "requests", "sqlite3", "keyring",
                 "cryptography", "outlet_pos.storage", "outlet_pos.ui", "outlet_pos.sync",
                 "outlet_pos.central", "fastapi"),
    # the sync worker talks to storage only through the unit-of-work ports
    "sync": ("PySide6", "sqlalchemy", "sqlite3", "outlet_pos.storage", "outlet_pos.ui",
             "outlet_pos.central", "fastapi", "uvicorn"),
    # the server is its own program: nothing of the outlet's storage, printing or GUI
    "central": ("PySide6", "outlet_pos.storage", "outlet_pos.printing", "outlet_pos.ui",
                "outlet_pos.services", "requests"),
    # reports are figures and files made from service data: no Qt, SQL or network
    "reports": ("PySide6", "sqlalchemy", "sqlite3", "requests", "outlet_pos.storage",
                "outlet_pos.ui", "outlet_pos.sync", "outlet_pos.central"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    rel_pkg = "outlet_pos." + ".".join(path.relative_to(PKG).parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = rel_pkg.rsplit(".", node.level - 1)[0] if node.level > 1 else rel_pkg
                names.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.add(node.module)
    return names


def test_pure_layers_import_nothing_forbidden():
    bad = []
    for layer, forbidden in FORBIDDEN.items():
        for path in (PKG / layer).rglob("*.py"):
            for name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    bad.append(f"{path.relative_to(PKG)} imports {name}")
    assert not bad, bad


def test_only_ui_imports_qt():
    bad = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
           if "ui" not in p.relative_to(PKG).parts
           and any(n.startswith("PySide6") for n in _imports(p))]
    assert not bad


def test_every_package_is_listed_in_pyproject():
    import tomllib

    listed = set(tomllib.loads((PKG.parent / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {"outlet_pos." + ".".join(p.parent.relative_to(PKG).parts) if p.parent != PKG
             else "outlet_pos" for p in PKG.rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages"
