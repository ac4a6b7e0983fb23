"""SIGKILL a process in the middle of booking: whole shipments or nothing, never a loss.

Quick mode kills ``OUTLET_POS_KILLS`` times (default 12) inside ``make test``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from outlet_pos.bootstrap import open_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KILLS = int(os.environ.get("OUTLET_POS_KILLS", "12"))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _check(settings, clock, reported: list[str]) -> int:
    with sqlite3.connect(settings.data_dir / "outlet.db") as c:
        assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
        shipments = c.execute("select count(*) from shipments").fetchone()[0]
        events = c.execute("select count(*) from outbox where kind='shipment.created'")\
            .fetchone()[0]
        audited = c.execute("select count(*) from audit_log where action='shipment_booked'")\
            .fetchone()[0]
        dupes = c.execute("select count(*) - count(distinct event_id) from outbox").fetchone()[0]
    assert shipments == events == audited, (shipments, events, audited)
    assert dupes == 0
    app = open_app(settings, clock)
    try:
        boss = app.auth.login("manajer", "rahasia-manajer")
        assert app.admin.verify_audit(boss).ok
        for w in reported[-5:]:  # every one is counted above; decrypt a sample fully
            assert app.shipments.show(boss, w).recipient.name == "Budi Santoso"
        with app.db.uow() as uow:
            for w in reported:
                assert uow.shipments.get(w) is not None, f"lost {w}"
    finally:
        app.close()
    return shipments


def test_killed_mid_booking_loses_nothing(app, settings, clock):
    app.close()
    rnd = random.Random(20261125)
    reported: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(HERE / "booker.py"), str(settings.data_dir),
             str(ROOT / "examples" / "shipment.json")],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rnd.uniform(0.005, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        reported += [line for line in out.split() if line.isdigit()]
        total = _check(settings, clock, reported)
        assert total >= len(reported)
    assert len(reported) > KILLS  # the loop really booked between kills
