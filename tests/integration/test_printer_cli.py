"""The printer commands as a technician and a clerk run them, against the virtual printer
started as its own ``outlet-pos virtual-printer`` process."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from tests.integration.test_cli import EXAMPLE, run

MANAGER_PW, CLERK_PW = "rahasia-manajer\n", "rahasia-kasir\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def virtual_printer(tmp_path):
    port, out = _free_port(), tmp_path / "paper"
    env = {**os.environ, "OUTLET_POS_LANG": "en", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "outlet_pos.cli.main", "virtual-printer",
                             "--port", str(port), "--out", str(out), "--width-dots", "384"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert "listening on 127.0.0.1:" in proc.stdout.readline()
    yield port, out, proc
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0


@pytest.fixture
def outlet(tmp_path) -> Path:
    d = tmp_path / "data"
    assert run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
               "--password-stdin", stdin=MANAGER_PW).returncode == 0
    assert run(d, "user", "add", "kasir1", "--role", "clerk", "--user", "manajer",
               "--password-stdin", stdin=MANAGER_PW + CLERK_PW).returncode == 0
    return d


def _book(outlet: Path) -> str:
    p = run(outlet, "book", "--json", str(EXAMPLE), "--user", "kasir1", "--password-stdin",
            "--output", "json", stdin=CLERK_PW)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)[0]["waybill"]


def test_use_test_print_reprint_and_pdf(outlet, virtual_printer, tmp_path):
    port, out, proc = virtual_printer
    p = run(outlet, "printer", "use", f"net:127.0.0.1:{port}", "--profile", "generic-58",
            "--user", "manajer", "--password-stdin", stdin=MANAGER_PW)
    assert p.returncode == 0 and "generic-58" in p.stdout, p.stderr
    p = run(outlet, "printer", "test", "--user", "manajer", "--password-stdin", stdin=MANAGER_PW)
    assert p.returncode == 0 and p.stdout.startswith("OK"), p.stderr
    assert "job 1:" in proc.stdout.readline()
    test_page = Image.open(out / "job-0001.png")
    assert {r.text for r in zxingcpp.read_barcodes(test_page)} == {"0000000000000000"}

    waybill = _book(outlet)
    for expected_jobs in ((2, 3), (4, 5)):  # first print, then a reprint
        p = run(outlet, "print", waybill, "--user", "kasir1", "--password-stdin",
                stdin=CLERK_PW)
        assert p.returncode == 0, p.stderr
        for n in expected_jobs:
            assert f"job {n}:" in proc.stdout.readline()
    assert "REPRINT 1" in p.stdout
    for n in range(2, 6):
        codes = {(r.format.name, r.text)
                 for r in zxingcpp.read_barcodes(Image.open(out / f"job-{n:04d}.png"))}
        assert codes == {("Code128", waybill), ("QRCode", waybill)}

    pdf = tmp_path / "label.pdf"
    p = run(outlet, "print", waybill, "--copy", "label", "--pdf", str(pdf), "--user", "kasir1",
            "--password-stdin", stdin=CLERK_PW)
    assert p.returncode == 0, p.stderr
    page = pdfium.PdfDocument(pdf)[0]
    assert round(page.get_width() / 72 * 25.4) == 100
    assert {r.text for r in zxingcpp.read_barcodes(page.render(scale=3).to_pil())} == {waybill}


def test_failed_print_keeps_the_shipment_and_retry_works(outlet, tmp_path):
    port = _free_port()
    assert run(outlet, "printer", "use", f"net:127.0.0.1:{port}", "--user", "manajer",
               "--password-stdin", stdin=MANAGER_PW).returncode == 0
    waybill = _book(outlet)
    p = run(outlet, "print", waybill, "--copy", "label", "--user", "kasir1",
            "--password-stdin", stdin=CLERK_PW)
    assert p.returncode == 1
    assert "cannot be reached" in p.stderr and "What to do:" in p.stderr
    assert "printer retry 1" in p.stderr
    p = run(outlet, "printer", "jobs", "--json", "--user", "kasir1", "--password-stdin",
            stdin=CLERK_PW)
    [job] = json.loads(p.stdout)
    assert (job["status"], job["fault"]) == ("failed", "unreachable")
    env = {**os.environ, "OUTLET_POS_LANG": "en"}
    vp = subprocess.Popen([sys.executable, "-m", "outlet_pos.cli.main", "virtual-printer",
                           "--port", str(port), "--out", str(tmp_path / "paper")],
                          stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert "listening" in vp.stdout.readline()
        p = run(outlet, "printer", "retry", "--user", "kasir1", "--password-stdin",
                stdin=CLERK_PW)
        assert p.returncode == 0 and "printed label" in p.stdout, p.stderr
    finally:
        vp.send_signal(signal.SIGINT)
        vp.wait(timeout=10)
    assert run(outlet, "shipments", "show", waybill, "--user", "kasir1", "--password-stdin",
               stdin=CLERK_PW).returncode == 0


def test_bad_printer_settings_name_the_fix(outlet):
    p = run(outlet, "printer", "use", "lpt1", "--user", "manajer", "--password-stdin",
            stdin=MANAGER_PW)
    assert p.returncode == 2 and "connection: must look like usb:VID:PID" in p.stderr
    p = run(outlet, "printer", "use", "net:10.0.0.5:9100", "--profile", "epson-x",
            "--user", "manajer", "--password-stdin", stdin=MANAGER_PW)
    assert p.returncode == 2 and "unknown printer profile epson-x" in p.stderr
    p = run(outlet, "printer", "use", "net:10.0.0.5:9100", "--user", "kasir1",
            "--password-stdin", stdin=CLERK_PW)
    assert p.returncode == 2  # a clerk may not change the printer
    p = run(outlet, "printer", "list", "--json")
    data = json.loads(p.stdout)
    assert data["profiles"]["generic-58"]["width_dots"] == 384


def test_virtual_printer_port_in_use_is_a_clear_error(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        p = run(tmp_path, "virtual-printer", "--port", str(s.getsockname()[1]), "--out",
                str(tmp_path / "x"))
    assert p.returncode == 2 and "is in use" in p.stderr
