"""The sync commands as a technician and a clerk run them, against both admin CLIs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.central_server import CentralServer
from tests.integration.test_cli import EXAMPLE, run


def central_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "outlet_pos.central.cli", *args, "--db", db_url],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_enroll_book_sync_status_track_and_tariffs_from_the_command_line(tmp_path: Path):
    srv = CentralServer(tmp_path / "central").start()
    db = srv.db_url
    try:
        added = central_cli(db, "outlets", "add", "--number", "7", "--name", "Outlet Tujuh",
                            "--secrets", str(tmp_path / "central" / "central.secrets"))
        assert added.returncode == 0, added.stderr
        code = added.stdout.strip().split()[-1]
        d = tmp_path / "data"
        assert run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager",
                   "manajer", "--password-stdin", stdin="rahasia-manajer\n").returncode == 0

        wrong = run(d, "enroll", "--server", srv.url, "--code", "AAAA-BBBB-CCCC-DDDD",
                    "--user", "manajer", "--password-stdin", stdin="rahasia-manajer\n")
        assert wrong.returncode == 1 and "enrollment code is not valid" in wrong.stderr
        ok = run(d, "enroll", "--server", srv.url, "--code", code, "--user", "manajer",
                 "--password-stdin", stdin="rahasia-manajer\n")
        assert ok.returncode == 0 and "enrolled: outlet 7 terminal 1" in ok.stdout, ok.stderr

        booked = run(d, "book", "--json", str(EXAMPLE), "--user", "manajer", "--password-stdin",
                     stdin="rahasia-manajer\n")
        assert booked.returncode == 0, booked.stderr
        waybill = json.loads(run(d, "shipments", "list", "--json", "--user", "manajer",
                                 "--password-stdin", stdin="rahasia-manajer\n").stdout
                             )[0]["waybill"]
        status = json.loads(run(d, "sync", "status", "--json").stdout)
        assert status["queue_depth"] == 1 and status["enrolled"] is True

        synced = run(d, "sync", "--once")
        assert synced.returncode == 0 and "sent 1" in synced.stdout, synced.stderr
        assert "waiting to be sent: 0" in run(d, "sync", "status").stdout

        listed = central_cli(db, "shipments", "list", "--outlet", "7", "--secrets",
                             str(tmp_path / "central" / "central.secrets"))
        assert waybill in listed.stdout and "1 shipments" in listed.stdout
        assert central_cli(db, "tracking", "add", waybill, "--status", "in_transit",
                           "--secrets", str(tmp_path / "central" / "central.secrets")
                           ).returncode == 0
        tracked = run(d, "track", waybill, lang="id")
        assert "BOOKED" in tracked.stdout and "IN_TRANSIT" in tracked.stdout

        tariff = tmp_path / "tariff.json"
        from outlet_pos.refdata.tariffs import load_sample_tariff
        table = load_sample_tariff().to_dict()
        table["version"] = "2027.01"
        tariff.write_text(json.dumps(table))
        assert central_cli(db, "tariffs", "import", str(tariff), "--secrets",
                           str(tmp_path / "central" / "central.secrets")).returncode == 0
        updated = run(d, "tariffs", "update")
        assert updated.returncode == 0 and "2027.01" in updated.stdout

        srv.stop()
        offline = run(d, "track", waybill)
        assert "offline" in offline.stdout and "IN_TRANSIT" in offline.stdout
        down = run(d, "sync", "--once")
        assert down.returncode == 1 and "no connection" in down.stderr
        assert "last error" in run(d, "sync", "status").stdout
    finally:
        srv.close()


def test_enroll_refuses_plain_http_to_another_host_naming_the_fix(tmp_path: Path):
    d = tmp_path / "data"
    run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
        "--password-stdin", stdin="rahasia-manajer\n")
    p = run(d, "enroll", "--server", "http://pusat.example.co.id", "--code", "X",
            "--user", "manajer", "--password-stdin", stdin="rahasia-manajer\n")
    assert p.returncode == 2 and "use https" in p.stderr
    p = run(d, "sync", "--once")
    assert p.returncode == 1 and "not enrolled" in p.stderr
