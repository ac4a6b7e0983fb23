"""The architecture's import rules, enforced: every arrow points down.

From the top: ``ui``/``cli`` → ``bootstrap`` → ``services`` → ``domain`` (with ``i18n``);
the adapters (``storage``, ``sync``, ``printing``, ``reports``, ``refdata``) implement the
services' ports and are wired by ``bootstrap``, so no adapter imports a service and no
service imports an adapter. Between printing and reports the one direction is
reports → printing (the daily PDF sets its text in ``printing.fonts``); printing never
imports reports. ``protocol`` (the wire format both ends share) stands on ``domain`` alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "outlet_pos"
_IO = ("PySide6", "sqlalchemy", "alembic", "requests", "sqlite3", "keyring", "cryptography")


def _ours(*names: str) -> tuple[str, ...]:
    return tuple(f"outlet_pos.{n}" for n in names)


_ADAPTERS = _ours("storage", "sync", "printing", "reports", "refdata", "scales")
_TOP = _ours("ui", "cli", "central", "bootstrap", "techkit")

#: Imports a layer must not make (a name, or any module below it).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    # use cases: ports in, no Qt, SQL, network, printer, PDF or spreadsheet library
    "services": (*_IO, *_ADAPTERS, *_TOP, "fastapi", "escpos", "reportlab", "openpyxl"),
    # repositories and files: below the services, beside the other adapters
    "storage": ("PySide6", "requests", *_ours("services", "sync", "refdata", "printing",
                                               "reports"), *_TOP),
    # the sync worker talks to storage only through the unit-of-work ports
    "sync": ("PySide6", "sqlalchemy", "sqlite3", "fastapi", "uvicorn",
             *_ours("services", "storage", "printing", "reports"), *_TOP),
    # devices and documents: the print models are domain's, the spool is a service's
    "printing": ("PySide6", "sqlalchemy", "sqlite3", "requests",
                 *_ours("services", "storage", "sync", "reports"), *_TOP),
    # weighing scales: serial and HID devices; the readings are domain's
    "scales": ("PySide6", "sqlalchemy", "sqlite3", "requests",
               *_ours("services", "storage", "sync", "printing", "reports"), *_TOP),
    # report files laid out from the domain's figures and rows: no Qt, SQL or network
    "reports": ("PySide6", "sqlalchemy", "sqlite3", "requests",
                *_ours("services", "storage", "sync"), *_TOP),
    # bundled reference data (regions, holidays, the sample tariff): read by bootstrap
    "refdata": ("PySide6", "sqlalchemy", "sqlite3", "requests",
                *_ours("services", "storage", "sync", "printing", "reports"), *_TOP),
    # the server is its own program: nothing of the outlet's storage, printing or GUI
    "central": ("PySide6", "requests", *_ours("storage", "printing", "ui", "services", "cli",
                                               "reports")),
}
#: Layers that may import nothing of outlet_pos but these (and third-party code not in _IO).
ONLY: dict[str, tuple[str, ...]] = {
    "domain": ("outlet_pos.domain", "outlet_pos.i18n"),
    "protocol": ("outlet_pos.protocol", "outlet_pos.domain"),
}
ONLY_FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (*_IO, "fastapi", "escpos", "reportlab", "openpyxl", "PIL", "pydantic"),
    "protocol": ("PySide6", "sqlalchemy", "alembic", "requests", "sqlite3", "keyring",
                 "fastapi"),
}
#: The one services module an adapter may name: the ports it plugs into (Protocols and
#: type aliases over domain types; ``test_the_ports_stand_on_domain_alone`` keeps it so).
PORTS = "outlet_pos.services.ports"
PORT_USERS = ("sync",)  # the worker drives the unit of work through UnitOfWorkFactory
#: Upward imports still there, each with the reason it stays (empty is the goal).
KNOWN: dict[str, str] = {}


def _imports(path: Path, pkg: Path = PKG) -> set[str]:
    """Every module ``path`` imports, absolute (lazy and TYPE_CHECKING imports too);
    ``from package import module`` counts ``package.module``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    rel_pkg = ".".join((pkg.name, *path.relative_to(pkg).parts[:-1]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = rel_pkg.rsplit(".", node.level - 1)[0] if node.level > 1 else rel_pkg
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            folder = pkg.parent.joinpath(*module.split("."))
            if folder.is_dir():  # a package: what is imported from it may be a module
                names |= {f"{module}.{a.name}" for a in node.names
                          if (folder / f"{a.name}.py").is_file() or (folder / a.name).is_dir()}
    return names


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(pkg: Path = PKG) -> list[str]:
    bad = []
    for layer in sorted(set(FORBIDDEN) | set(ONLY)):
        for path in sorted((pkg / layer).rglob("*.py")):
            for name in sorted(_imports(path, pkg)):
                internal = name == pkg.name or name.startswith(pkg.name + ".")
                if layer in PORT_USERS and _under(name, (PORTS,)):
                    continue
                wrong = _under(name, FORBIDDEN.get(layer, ())) or (
                    layer in ONLY and (_under(name, ONLY_FORBIDDEN[layer]) or (
                        internal and name != pkg.name and not _under(name, ONLY[layer]))))
                where = f"{path.relative_to(pkg)} imports {name}"
                if wrong and where not in KNOWN:
                    bad.append(where)
    return bad


def test_every_arrow_points_down():
    bad = violations()
    assert not bad, bad


def test_the_rules_catch_an_upward_import(tmp_path: Path):
    """The checker itself: planted upward and sideways imports are each reported."""
    pkg = tmp_path / "outlet_pos"
    planted = {
        "services/a.py": "from ..printing import pdf\n",
        "reports/b.py": "from ..services.ports import Clock\n",
        "printing/c.py": "def f():\n    from ..reports.private_file import write_private\n",
        "storage/d.py": "from ..refdata.tariffs import load_sample_tariff\n",
        "domain/e.py": "from .. import services\n",
        "protocol/f.py": "from ..sync import client\n",
        "domain/ok.py": "from ..i18n import Msg\nfrom .money import format_rupiah\n",
    }
    for rel, text in planted.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text)
    found = violations(pkg)
    assert {f.split(" imports ")[0] for f in found} == {
        str(Path(rel)) for rel in planted if not rel.endswith("ok.py")}, found


def test_the_known_exceptions_are_still_there():
    """An exception that no longer happens is taken off the list, so it cannot come back."""
    every = {f"{p.relative_to(PKG)} imports {n}" for p in PKG.rglob("*.py") for n in _imports(p)}
    gone = set(KNOWN) - every
    assert not gone, f"fixed: take these off KNOWN in tests/unit/test_layering.py: {gone}"


def test_the_ports_stand_on_domain_alone():
    ours = {n for n in _imports(PKG / "services" / "ports.py") if n.startswith("outlet_pos")}
    assert all(_under(n, ("outlet_pos.domain",)) for n in ours), ours


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
