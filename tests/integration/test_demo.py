"""``outlet-pos demo`` (what ``make run`` shows a newcomer): the figures a manager would count,
the ports it really used, the service points of the demo city, and no plain file access to
the live database."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from outlet_pos.cli.demo import DEMO_MANAGER, count_in_files
from outlet_pos.cli.demo_central import PORT


def _demo(d: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OUTLET_POS_KEYSTORE": "file", "PYTHONIOENCODING": "utf-8",
           "OUTLET_POS_LANG": "en"}
    p = subprocess.run([sys.executable, "-m", "outlet_pos.cli.main", *args, "--data-dir",
                        str(d)], input=stdin, capture_output=True, text=True, env=env,
                       timeout=300)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def test_count_in_files_counts_raw_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"xx Budi Santoso yy Budi Santoso")
    b.write_bytes("Budi Santoso ü".encode())
    assert count_in_files([a, b, tmp_path / "missing"], "Budi Santoso") == 3
    assert count_in_files([a], "Siti") == 0


def test_demo_counts_voids_apart_and_names_the_port_it_used(tmp_path):
    d = tmp_path / "demo"
    with socket.socket() as taken:
        try:
            taken.bind(("127.0.0.1", PORT))
            taken.listen()
        except OSError:  # something else holds it already: the demo must say so all the same
            pass
        first = _demo(d, "demo", "--no-window")
    assert first.returncode == 0, first.stderr
    # make run's scale (cli/demo_scale.py): a virtual scale, stored and read once
    assert re.search(r"virtual scale \(stream\) on serial:\S+: it reads 1310 g", first.stdout)
    url = re.search(r"local central server: (http://127\.0\.0\.1:(\d+))", first.stdout)
    assert url and int(url.group(2)) != PORT, first.stdout
    assert f"port {PORT} is taken on this PC, so it uses port {url.group(2)}" in first.stdout
    assert "appears 0 times" in first.stdout
    assert "received at the outlet" in first.stdout and "BOOKED" not in first.stdout
    assert "[7] Today's list: 1 shipments, Rp 30.000" in first.stdout, first.stdout

    waybill = re.search(r"waybill ([\d ]{19}):", first.stdout).group(1).replace(" ", "")
    void = _demo(d, "void", waybill, "--user", DEMO_MANAGER[0], "--password-stdin",
                 "--reason", "salah timbang", stdin=DEMO_MANAGER[1] + "\n")
    assert void.returncode == 0, void.stderr

    second = _demo(d, "demo", "--no-window")
    assert second.returncode == 0, second.stderr
    # Two booked, one of them voided: the manager counts one parcel and its money only.
    assert "[7] Today's list: 1 shipments, Rp 30.000 (and 1 voided, not counted)" \
        in second.stdout, second.stdout
    assert "appears 0 times" in second.stdout
    assert len(second.stdout.splitlines()) < 60  # a narration, not a wall of warnings


def test_demo_server_ships_the_demo_citys_service_points(tmp_path):
    from outlet_pos.bootstrap import open_app
    from outlet_pos.config import Settings

    d = tmp_path / "demo"
    assert _demo(d, "demo", "--no-window").returncode == 0
    app = open_app(Settings(d, keystore="file"))
    try:
        points = app.sync.service_points()
    finally:
        app.close()
    bandung = [p for p in points if p["city"] == "Kota Bandung"]
    assert len(bandung) >= 30
    columns = ("code", "kind", "name", "address", "district_code", "city", "phone", "hours")
    assert all(p.get(c) for p in points for c in columns), points
    assert any(p["code"] == "OUTLET-1" and p["phone"] for p in points)
    assert len({p["district_code"] for p in bandung}) == 30  # every district of the city
