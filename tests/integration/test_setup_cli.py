"""``outlet-pos setup``: a new outlet PC in one command, then ``doctor`` passes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from outlet_pos.bootstrap import backup_service, setup_service, utc_now
from outlet_pos.config import Settings
from outlet_pos.domain.errors import ValidationError
from outlet_pos.printing.detect import UsbPrinter
from outlet_pos.services.setup import SetupRequest, choose_usb_printer
from outlet_pos.storage.database import AlreadyInitialised
from tests.central_server import CentralServer, free_port
from tests.conftest import Clock
from tests.integration.test_cli import run

PW = "rahasia-manajer\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = CentralServer(tmp_path_factory.mktemp("central")).start()
    yield srv
    srv.close()


def _setup(d, *extra, stdin=PW):
    return run(d, "setup", "--outlet-number", "12", "--terminal", "2", "--manager", "manajer",
               "--password-stdin", *extra, stdin=stdin)


def test_setup_enrolls_configures_prints_and_doctor_passes(server, tmp_path):
    d = tmp_path / "data"
    paper = tmp_path / "printer.bin"
    p = _setup(d, "--outlet-name", "Outlet Dago", "--server", server.url, "--enroll-code",
               server.add_outlet(12), "--printer", f"file:{paper}", "--profile", "generic-58",
               "--language", "en", "--test-print")
    assert p.returncode == 0, p.stderr
    assert "SETUP COMPLETE" in p.stdout and "enrolled as device" in p.stdout
    assert "test page went to" in p.stdout and paper.stat().st_size > 500
    env = {k: v for k, v in os.environ.items() if k != "OUTLET_POS_LANG"}
    gui = subprocess.run([sys.executable, "-m", "outlet_pos.cli.main", "gui", "--smoke", "1",
                          "--data-dir", str(d)], capture_output=True, text=True, timeout=60,
                         env={**env, "QT_QPA_PLATFORM": "offscreen",
                              "OUTLET_POS_KEYSTORE": "file"})
    assert gui.returncode == 0 and "stayed open" in gui.stdout  # the language setup chose
    settings = Settings(d, keystore="file")
    backup_service(settings, utc_now, lambda: "outlet-12-2").backup()
    p = run(d, "doctor", "--json")
    results = {r["check"]: r["status"] for r in json.loads(p.stdout)}
    assert p.returncode == 0 and set(results.values()) == {"ok"}, p.stdout
    before = (d / "outlet.db").stat().st_mtime_ns
    with pytest.raises(AlreadyInitialised):  # a second setup changes nothing
        setup_service(settings, utc_now).run(SetupRequest(
            outlet_number=13, terminal=1, manager="x-y-z", password="rahasia-lain"))
    assert (d / "outlet.db").stat().st_mtime_ns == before


def test_a_mistake_is_found_before_anything_is_created(tmp_path):
    d = tmp_path / "data"
    p = _setup(d, "--printer", "usb:zz:11")
    assert p.returncode == 2 and "connection:" in p.stderr
    settings = Settings(d, keystore="file")
    for bad, field in (({"printer": "file:/tmp/x", "profile": "no-such-printer"}, "profile"),
                       ({"server": "http://pusat.example.co.id", "enroll_code": "A"}, "server"),
                       ({"server": "https://pusat.example.co.id"}, "enroll_code"),
                       ({"provisioning_file": str(tmp_path / "none.json")},
                        "provisioning_file")):
        with pytest.raises(ValidationError) as e:
            setup_service(settings, utc_now).run(SetupRequest(
                outlet_number=12, terminal=2, manager="manajer", password="rahasia-mnjr", **bad))
        assert [f for f, _ in e.value.problems] == [field]
    assert not (d / "outlet.db").exists()


def test_failed_steps_after_the_outlet_say_what_to_do_and_exit_1(tmp_path):
    d = tmp_path / "data"
    p = _setup(d, "--server", f"http://127.0.0.1:{free_port()}", "--enroll-code", "ABCD-1234",
               "--printer", f"net:127.0.0.1:{free_port()}", "--test-print", "--language", "id")
    assert p.returncode == 1
    assert "FAIL" in p.stderr and "outlet-pos enroll" in p.stderr  # the remedy for enrollment
    assert "SETUP INCOMPLETE" in p.stderr or "PENYIAPAN BELUM LENGKAP" in p.stderr
    assert (d / "outlet.db").exists()


def test_printer_auto_matches_usb_ids_against_profiles(tmp_path):
    unknown = UsbPrinter(0x1234, 0x0001, "USB printer class device", ())
    known = UsbPrinter(0x0416, 0x5011, "POS58", ("zjiang-58", "xprinter-58"))
    assert choose_usb_printer([unknown, known]) == ("usb:0416:5011", "zjiang-58")
    assert choose_usb_printer([unknown]) is None
    settings = Settings(tmp_path / "data", keystore="file")
    req = SetupRequest(outlet_number=3, terminal=1, manager="manajer",
                       password="rahasia-manajer", printer="auto")
    steps = setup_service(settings, Clock(), detect=lambda: ([known], None)).run(req)
    assert [s.step for s in steps] == ["outlet", "printer"] and all(s.ok for s in steps)
    assert "usb:0416:5011" in steps[1].message and "zjiang-58" in steps[1].message
    with pytest.raises(ValidationError):
        setup_service(Settings(tmp_path / "other", keystore="file"), Clock()).run(
            SetupRequest(outlet_number=3, terminal=1, manager="manajer",
                         password="rahasia-manajer", language="fr"))
