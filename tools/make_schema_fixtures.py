"""Make the stored databases of every earlier local schema, each by the code of its version.

For each schema version N below today's head the tool finds the last commit whose head
migration was N (``git log`` over ``outlet_pos/storage/migrations/versions``), checks it
out into a temporary ``git worktree``, and runs that commit's own code (this interpreter,
``PYTHONPATH`` = the worktree; no virtualenv is linked or copied) to:

- init outlet 101, terminal 1, WIB, with the file key store;
- add the users below; book the three orders of ``tests/fixtures/schemas/orders.json``
  (made-up people, no canary of tests/reliability/pii.py) on Monday 2026-11-23;
- void the second one (reason ``VOID_REASON``), as the manager, for the clerk;
- close the day where that version could (0003 on), counting the cash expected;
- close the app (the WAL is checkpointed), then copy ``outlet.db``, ``install.json`` and
  ``keys/`` to ``tests/fixtures/schemas/v000N/`` with a ``manifest.json`` saying what the
  old code did (commit, waybills, totals, the closing's figures).

Users and passwords in every fixture (as tests/conftest.py):
``manajer`` / ``rahasia-manajer`` (manager), ``kasir1`` / ``rahasia-kasir`` (clerk),
``teknisi`` / ``rahasia-teknisi`` (technician).

Git keeps no file modes: whoever opens a fixture copies it and sets ``keys/`` to 0700 and
its files to 0600 first (the key store refuses a key file others can read).

Usage: ``.venv/bin/python tools/make_schema_fixtures.py [--only N ...]``. Run again only
to rebuild a fixture on purpose: a fixture is the record of what an old version wrote.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = "outlet_pos/storage/migrations/versions"
FIXTURES = ROOT / "tests" / "fixtures" / "schemas"
ORDERS = FIXTURES / "orders.json"
USERS = {"manajer": ("manager", "rahasia-manajer"), "kasir1": ("clerk", "rahasia-kasir"),
         "teknisi": ("technician", "rahasia-teknisi")}
OUTLET, TERMINAL = 101, 1
START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 09:00 WIB
VOID_INDEX = 1
VOID_REASON = "Alamat penerima keliru Fxvoidqz"  # its own token: the at-rest check finds it
KEPT = ("outlet.db", "install.json", "keys")


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def head_of(commit: str) -> int | None:
    """The highest migration number in ``commit``'s tree (None before the first)."""
    names = _git("ls-tree", "--name-only", commit, f"{VERSIONS}/").split()
    found = [int(m.group(1)) for n in names if (m := re.search(r"/(\d{4})_", n))]
    return max(found) if found else None


def last_commits() -> dict[int, str]:
    """Schema version → the newest commit (by commit time) of HEAD's history with that head.

    Only commits that touched the versions folder can change the head, so the newest
    commit with head N is found among all commits by walking HEAD's history once."""
    newest: dict[int, tuple[str, str]] = {}
    log = _git("log", "--format=%H %cI", "HEAD").split("\n")
    for line in log:
        if not line:
            continue
        commit, when = line.split()
        n = head_of(commit)
        if n is not None and (n not in newest or when > newest[n][1]):
            newest[n] = (commit, when)
    return {n: c for n, (c, _) in newest.items()}


def make(version: int, commit: str) -> Path:
    """Check ``commit`` out, run its code on a fresh data directory, store the result."""
    out = FIXTURES / f"v{version:04d}"
    with tempfile.TemporaryDirectory(prefix=f"schema-v{version}-") as tmp:
        tree, data = Path(tmp) / "tree", Path(tmp) / "data"
        _git("worktree", "add", "--detach", str(tree), commit)
        try:
            env = {k: v for k, v in os.environ.items() if not k.startswith("OUTLET_POS_")}
            env.update(PYTHONPATH=str(tree), OUTLET_POS_EXPORTS=str(Path(tmp) / "exports"))
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--drive",
                            str(data), "--tree", str(tree)], cwd=tree, env=env, check=True)
        finally:
            _git("worktree", "remove", "--force", str(tree))
        leftovers = [p.name for p in data.iterdir() if p.name.endswith(("-wal", "-shm"))]
        if leftovers:
            raise SystemExit(f"v{version}: the app left {leftovers}: not checkpointed")
        manifest = json.loads((data / "manifest.json").read_text())
        manifest.update(version=f"{version:04d}", commit=commit,
                        committed=_git("show", "-s", "--format=%cI", commit).strip())
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        for name in KEPT:
            src = data / name
            if src.is_dir():
                shutil.copytree(src, out / name)
            else:
                shutil.copy2(src, out / name)
        (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return out


# --- what runs inside the old version's worktree: only its own outlet_pos and stdlib ---

def _supports(fn: Any, name: str) -> bool:
    return name in inspect.signature(fn).parameters


def drive(data_dir: Path, tree: Path) -> None:
    """Book, void and close a day with the code found on PYTHONPATH (an old commit)."""
    import outlet_pos
    from outlet_pos.bootstrap import init_outlet
    from outlet_pos.config import Settings

    if not Path(outlet_pos.__file__).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"outlet_pos came from {outlet_pos.__file__}, not {tree}")
    ticks = iter(range(10**6))

    def clock() -> datetime:  # a second per call: rows get distinct, ordered times
        return START + timedelta(seconds=next(ticks))

    settings = Settings(data_dir, keystore="file")
    app = init_outlet(settings, outlet_number=OUTLET, terminal=TERMINAL, manager="manajer",
                      password=USERS["manajer"][1], outlet_name="Outlet Uji Skema",
                      timezone="WIB", clock=clock)
    try:
        boss = app.auth.login("manajer", USERS["manajer"][1])
        for name, (role, password) in USERS.items():
            if name != "manajer":
                app.auth.add_user(boss, name, role, password)
        clerk = app.auth.login("kasir1", USERS["kasir1"][1])
        orders = json.loads(ORDERS.read_text())
        booked = [app.booking.book(clerk, order) for order in orders]
        void = booked[VOID_INDEX].waybill
        kw = {"requested_by": "kasir1"} if _supports(app.shipments.void, "requested_by") else {}
        app.shipments.void(boss, void, VOID_REASON, **kw)
        kept = [b for i, b in enumerate(booked) if i != VOID_INDEX]
        day = START.astimezone(app.outlet.timezone).date()
        manifest: dict[str, Any] = {
            "business_date": day.isoformat(), "made_at": START.isoformat(),
            "outlet": OUTLET, "terminal": TERMINAL, "void_reason": VOID_REASON,
            "shipments": [{"waybill": b.waybill, "order": i, "total": b.total,
                           "status": "void" if i == VOID_INDEX else "booked"}
                          for i, b in enumerate(booked)],
            "closing": None,
        }
        closing = getattr(app, "closing", None)
        if closing is not None:
            cash = sum(b.total for b in kept)  # every order pays cash
            done = closing.close_day(boss, cash)
            manifest["closing"] = {
                "business_date": done.business_date.isoformat(), "shipments": done.shipments,
                "voided": done.voided, "revenue": done.revenue,
                "cash_expected": done.cash_expected, "cash_counted": done.cash_counted}
    finally:
        app.close()
    (data_dir / "manifest.json").write_text(json.dumps(manifest, indent=1))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--only", type=int, nargs="*", help="schema versions to (re)make")
    p.add_argument("--drive", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.drive:
        drive(a.drive, a.tree)
        return 0
    commits = last_commits()
    head = max(commits)
    for version in sorted(a.only or range(1, head)):
        if version >= head or version not in commits:
            raise SystemExit(f"no earlier schema version {version} (head is {head})")
        out = make(version, commits[version])
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
        print(f"v{version:04d} from {commits[version][:10]}: {out.relative_to(ROOT)} "
              f"({size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
