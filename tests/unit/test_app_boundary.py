"""The App's boundary, enforced: only ``bootstrap`` reaches past the services.

The CLI and the GUI call the services an ``App`` holds and ``bootstrap``'s functions;
the database (``app.db``) and the sync worker (``app.worker``) are bootstrap's own.
And the two faces import neither storage nor sync, except the few named below.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "outlet_pos"
PRIVATE = ("db", "worker")  # App fields only bootstrap.py may read
OWNER = PKG / "bootstrap.py"
FACES = ("cli", "ui")
LOW = ("outlet_pos.storage", "outlet_pos.sync")
# module (relative to outlet_pos/) -> the low modules it may import, and why
ALLOWED = {
    # the demo starts its own loopback server and asks its health as a PC would
    "cli/demo_central.py": {"outlet_pos.sync.client"},
    # the sync failure type and its kinds, to tell a user's mistake (exit 2) from a fault
    "cli/sync_cmds.py": {"outlet_pos.sync.errors"},
}
# Allowed while other work reaches them (none now: the fault screen tells the faults
# apart by AppError.about). Not checked for staleness.
PENDING: dict[str, set[str]] = {}


def _app_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """``x.app.db``, ``app.worker`` ...: a private field read on something named ``app``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE:
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else \
                owner.attr if isinstance(owner, ast.Attribute) else None
            if name == "app":
                found.append((node.lineno, f"{name}.{node.attr}"))
    return found


def _imports(path: Path, tree: ast.AST) -> set[str]:
    names: set[str] = set()
    rel_pkg = "outlet_pos." + ".".join(path.relative_to(PKG).parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = rel_pkg.rsplit(".", node.level - 1)[0] if node.level > 1 else rel_pkg
                names.add(f"{base}.{node.module}" if node.module else base)
                if not node.module:  # from .. import sync: the package named is sync
                    names |= {f"{base}.{a.name}" for a in node.names}
            elif node.module:
                names.add(node.module)
                names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def _is_low(name: str) -> bool:
    return any(name == low or name.startswith(low + ".") for low in LOW)


def test_nothing_outside_bootstrap_reads_the_apps_database_or_worker() -> None:
    bad = [f"{p.relative_to(PKG)}:{line} reads {what}"
           for p in sorted(PKG.rglob("*.py")) if p != OWNER
           for line, what in _app_reads(ast.parse(p.read_text(encoding="utf-8")))]
    assert not bad, bad


def test_cli_and_ui_import_no_storage_or_sync_but_the_listed() -> None:
    bad = []
    for face in FACES:
        for p in sorted((PKG / face).rglob("*.py")):
            rel = p.relative_to(PKG).as_posix()
            allowed = ALLOWED.get(rel, set()) | PENDING.get(rel, set())
            for name in _imports(p, ast.parse(p.read_text(encoding="utf-8"))):
                if _is_low(name) and not any(name == a or name.startswith(a + ".")
                                             for a in allowed):
                    bad.append(f"{rel} imports {name}")
    assert not bad, bad


def test_every_listed_exception_is_still_needed() -> None:
    """A stale entry would let the next import through unseen."""
    for rel, allowed in ALLOWED.items():
        p = PKG / rel
        used = {n for n in _imports(p, ast.parse(p.read_text(encoding="utf-8"))) if _is_low(n)}
        for a in allowed:
            assert any(n == a or n.startswith(a + ".") for n in used), f"{rel}: {a} unused"


def test_the_checks_see_what_they_look_for() -> None:
    """The walkers find each form (a check that finds nothing proves nothing)."""
    tree = ast.parse("app.db.uow\nself.app.db.clock()\nctx.app.worker.drain()\nargs.db\n")
    assert [w for _, w in _app_reads(tree)] == ["app.db", "app.db", "app.worker"]
    names = _imports(PKG / "ui" / "pages" / "x.py", ast.parse(
        "from ...storage.database import DB_NAME\nfrom ... import sync\n"
        "import outlet_pos.sync.client\n"))
    assert {n for n in names if _is_low(n)} >= {
        "outlet_pos.storage.database", "outlet_pos.sync", "outlet_pos.sync.client"}
