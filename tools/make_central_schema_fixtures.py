"""Make the stored central databases of earlier central schemas, each by the code of its time.

For each central revision below today's head the tool takes the commit that made that
schema, checks it out into a temporary ``git worktree`` and runs that commit's own code
(this interpreter, ``PYTHONPATH`` = the worktree) to:

- set up outlet 101, terminal 1 (WIB) and book the three orders of
  ``tests/fixtures/schemas/orders.json`` (made-up people), void the second, close the day;
- upload the outlet's outbox to that commit's central ``Ingest`` in four batches, as the
  sync worker does (each with the outlet's audit head, acknowledged after), then the first
  batch again (all duplicates); a second device (terminal 2) reports two heads;
- add two tracking rows (one with a courier's note, sealed);
- store ``central.db`` and ``central.secrets`` in ``tests/fixtures/central_schemas/<rev>/``
  with a ``manifest.json`` saying what the old code stored (row counts, events, waybills,
  each device's highest audit link).

``c0001`` (the baseline) is made by the last commit before central migrations existed
(``BASELINE``: its ``create_all`` made exactly c0001's tables), so its database has no
``alembic_version``, as every server database made before migrations; a later revision N
by the newest commit whose head central migration was N.

Git keeps no file modes: a test copies ``central.secrets`` and sets it to 0600 first.

Usage: ``.venv/bin/python tools/make_central_schema_fixtures.py [--only c0001 ...]``. Run
again only to rebuild a fixture on purpose: a fixture is the record of what old code wrote.
"""

from __future__ import annotations

import argparse
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
VERSIONS = "outlet_pos/central/migrations/versions"
FIXTURES = ROOT / "tests" / "fixtures" / "central_schemas"
ORDERS = ROOT / "tests" / "fixtures" / "schemas" / "orders.json"
# models.py at this commit is c0001; the pre-migration commits after it added a table
# (terminal_health) that only c0003 creates
BASELINE = "2e1462e502d46153570c691e6a01f5fa6ed0abef"
OUTLET = 101
START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 09:00 WIB
VOID_REASON = "Alamat penerima keliru"
NOTE = "Diterima oleh satpam kantor"
KEPT = ("central.db", "central.secrets")
TABLES = ("outlets", "enrollment_codes", "devices", "audit_heads", "nonces", "events",
          "shipments", "day_closings", "tracking", "tariffs", "service_points", "data_keys",
          "admin_audit", "cash_movements")


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def head_of(commit: str) -> str | None:
    names = _git("ls-tree", "--name-only", commit, f"{VERSIONS}/").split()
    found = [m.group(1) for n in names if (m := re.search(r"/(c\d{4})_", n))]
    return max(found) if found else None


def commits() -> dict[str, str]:
    """Revision → the commit whose code makes its fixture: the newest with that head, i.e.
    the parent of the first commit whose head is a later revision (only commits that
    touch the versions folder can change the head)."""
    out = {"c0001": BASELINE}
    previous: str | None = None
    log = _git("log", "--reverse", "--first-parent", "--format=%H", "HEAD", "--", VERSIONS)
    for commit in log.split():
        rev = head_of(commit)
        if previous is not None and rev != previous and previous not in out:
            out[previous] = _git("rev-parse", f"{commit}^").strip()
        previous = rev
    return out


def make(revision: str, commit: str) -> Path:
    out = FIXTURES / revision
    with tempfile.TemporaryDirectory(prefix=f"central-{revision}-") as tmp:
        tree, data = Path(tmp) / "tree", Path(tmp) / "data"
        data.mkdir()
        _git("worktree", "add", "--detach", str(tree), commit)
        try:
            env = {k: v for k, v in os.environ.items() if not k.startswith("OUTLET_POS_")}
            env.update(PYTHONPATH=str(tree))
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--drive",
                            str(data), "--tree", str(tree)], cwd=tree, env=env, check=True)
        finally:
            _git("worktree", "remove", "--force", str(tree))
        leftovers = [p.name for p in data.iterdir() if p.name.endswith(("-wal", "-shm"))]
        if leftovers:
            raise SystemExit(f"{revision}: the server left {leftovers}: not checkpointed")
        manifest = json.loads((data / "manifest.json").read_text())
        manifest.update(revision=revision, commit=commit,
                        committed=_git("show", "-s", "--format=%cI", commit).strip())
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        for name in KEPT:
            shutil.copy2(data / name, out / name)
        (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return out


# --- what runs inside the old commit's worktree: only its own outlet_pos and stdlib ---

def drive(data: Path, tree: Path) -> None:
    import sqlite3

    import outlet_pos
    from outlet_pos.bootstrap import init_outlet
    from outlet_pos.central.db import make_engine
    from outlet_pos.central.enrollment import DeviceRow, add_outlet, provision
    from outlet_pos.central.ingest import Ingest
    from outlet_pos.central.reference import add_tracking
    from outlet_pos.central.secrets_file import load_or_create
    from outlet_pos.config import Settings

    if not Path(outlet_pos.__file__).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"outlet_pos came from {outlet_pos.__file__}, not {tree}")
    ticks = iter(range(10**6))

    def clock() -> datetime:  # a second per call: rows get distinct, ordered times
        return START + timedelta(seconds=next(ticks))

    app = init_outlet(Settings(data / "outlet", keystore="file"), outlet_number=OUTLET,
                      terminal=1, manager="manajer", password="rahasia-manajer",
                      outlet_name="Outlet Uji Skema", timezone="WIB", clock=clock)
    url = f"sqlite:///{data / 'central.db'}"
    engine = make_engine(url)
    secrets = load_or_create(data / "central.secrets")
    add_outlet(engine, clock, OUTLET, "Outlet Uji Skema")
    devices = [DeviceRow(provision(engine, clock, OUTLET, t)["device_id"], OUTLET, t,
                         "active") for t in (1, 2)]
    ingest = Ingest(engine, secrets, clock)
    sent: list[list[dict[str, Any]]] = []

    def upload() -> None:
        """One pass of the sync worker: the pending events with the audit head."""
        with app.db.uow() as uow:
            items, head = uow.queue.batch(1000), uow.audit_acks.head()
        events = [{"id": i.event_id, "kind": i.kind, "created_at": i.created_at,
                   "body": i.body} for i in items]
        wire_head = None if head is None else {"seq": head.seq, "hash": head.hash}
        if head is not None and head.earlier is not None:
            wire_head["earlier"] = {"seq": head.earlier.seq, "hash": head.earlier.hash}
        results = ingest.apply(devices[0], events, wire_head)
        bad = [r for r in results if r["result"] not in ("applied", "duplicate")]
        if bad:
            raise SystemExit(f"the old server refused {bad}")
        with app.db.uow(write=True) as uow:
            uow.queue.sent([e["id"] for e in events], clock())
            if head is not None:
                uow.audit_acks.acked(head.seq)
            uow.commit()
        sent.append(events)

    try:
        boss = app.auth.login("manajer", "rahasia-manajer")
        orders = json.loads(ORDERS.read_text())
        booked = [app.booking.book(boss, orders[0])]
        upload()
        booked += [app.booking.book(boss, o) for o in orders[1:]]
        upload()
        app.shipments.void(boss, booked[1].waybill, VOID_REASON)
        upload()
        app.closing.close_day(boss, sum(b.total for i, b in enumerate(booked) if i != 1))
        upload()
        again = ingest.apply(devices[0], sent[0], None)  # a lost answer: sent again
        if {r["result"] for r in again} != {"duplicate"}:
            raise SystemExit(f"the re-send was not all duplicates: {again}")
    finally:
        app.close()
    for seq, digest in ((3, "3a"), (8, "8b")):
        ingest.apply(devices[1], [], {"seq": seq, "hash": digest * 32})
    add_tracking(engine, clock, booked[0].waybill, "PICKED_UP", location="Gudang Bandung")
    add_tracking(engine, clock, booked[0].waybill, "DELIVERED", note=NOTE, secrets=secrets)
    engine.dispose()  # the last connection closed: the WAL is checkpointed and removed
    with sqlite3.connect(data / "central.db") as c:
        counts = {t: c.execute(f"select count(*) from {t}").fetchone()[0]
                  for t in TABLES}
        heads = {d: {"seq": s, "hash": h} for d, s, h in c.execute(
            "select device_id, max(seq), head from audit_heads group by device_id")}
    sqlite3.connect(data / "central.db").close()
    manifest = {
        "made_at": START.isoformat(), "outlet": OUTLET, "devices": [d.id for d in devices],
        "rows": counts, "highest_audit_link": heads,
        "events": [e["id"] for batch in sent for e in batch],
        "first_batch": [e["id"] for e in sent[0]],
        "waybills": [b.waybill for b in booked], "voided": booked[1].waybill,
        "void_reason": VOID_REASON, "tracking_note": NOTE,
    }
    (data / "manifest.json").write_text(json.dumps(manifest, indent=1))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--only", nargs="*", help="revisions to (re)make, e.g. c0001")
    p.add_argument("--drive", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.drive:
        drive(a.drive, a.tree)
        return 0
    found = commits()
    head = head_of("HEAD") or "c0001"
    for revision in sorted(a.only or [r for r in found if r < head]):
        if revision >= head or revision not in found:
            raise SystemExit(f"no earlier central revision {revision} (head is {head})")
        out = make(revision, found[revision])
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
        print(f"{revision} from {found[revision][:10]}: {out.relative_to(ROOT)} "
              f"({size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
