"""Backups of a busy outlet: the encrypted online backup, the portable one, restore + checks.

``BENCH_BACKUP_SHIPMENTS`` (default 10,000) shipments are booked, then the
daily backup (SQLite backup API → zlib → AES-256-GCM → .part, fsync, rename),
the portable one (the same plus scrypt) and a restore into a fresh data
directory with every check (decrypt, integrity_check, schema, counts, sample
rows decrypted) are timed. Baseline: a plain copy of the checkpointed database
file with fsync — what a backup costs at the least. No target: the figures say
how long the counter's background thread is busy once a day.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from outlet_pos.bootstrap import backup_service, init_outlet
from outlet_pos.config import Settings

from .common import fresh_dir

N = int(os.environ.get("BENCH_BACKUP_SHIPMENTS", "10000"))
ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-manajer-1"
PASSPHRASE = "bench-passphrase-1"


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, round(time.perf_counter() - start, 3)


def run() -> dict:
    d = fresh_dir("backup")
    app = init_outlet(Settings(d / "outlet", keystore="file"), outlet_number=1, terminal=1,
                      manager="manajer", password=PASSWORD)
    boss = app.auth.login("manajer", PASSWORD)
    order = json.loads((ROOT / "examples" / "shipment.json").read_text())
    for i in range(N):
        order["sender"]["name"] = f"Pengirim {i}"
        app.booking.book(boss, order)
    app.db.checkpoint()
    db_size = app.db.path.stat().st_size

    def plain_copy() -> None:
        shutil.copyfile(app.db.path, d / "copy.db")
        with open(d / "copy.db", "rb") as f:
            os.fsync(f.fileno())

    _, copy_s = _timed(plain_copy)
    daily, daily_s = _timed(app.backup.backup)
    portable, portable_s = _timed(lambda: app.backup.backup_portable(boss, d / "p.opbk",
                                                                     PASSPHRASE))
    app.close()
    target = Settings(d / "new-pc", keystore="file")
    report, restore_s = _timed(lambda: backup_service(target, app.db.clock, lambda: "x")
                               .restore(d / "p.opbk", passphrase=PASSPHRASE))
    assert report.counts["shipments"] == N
    result = {"shipments": N, "db_mb": round(db_size / 1e6, 2),
              "backup_mb": round(daily.size / 1e6, 2), "portable_mb": round(portable.size / 1e6, 2),
              "plain_copy_s": copy_s, "backup_s": daily_s, "portable_s": portable_s,
              "restore_verify_s": restore_s}
    for k, v in result.items():
        print(f"  {k:18} {v}")
    shutil.rmtree(d, ignore_errors=True)
    return result
