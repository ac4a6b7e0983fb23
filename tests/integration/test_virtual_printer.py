"""The virtual network printer over real TCP on 127.0.0.1: jobs, status answers, faults,
restarts, and the ``virtual-printer`` command as its own process.

Nothing sleeps blindly: tests wait on the printer's job condition, on socket
timeouts, or on the process's output, each with a bound.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from outlet_pos.cli.virtual_printer_cmd import run
from outlet_pos.domain.errors import ValidationError
from outlet_pos.printing.virtual.server import VirtualPrinter, _StatusRequests

NUMBER = "0000110100000017"
JOB = (b"\x1b@\x1bt\x10" + "Résumé\n".encode("cp1252")
       + b"\x1da\x00\x1dw\x03\x1dh\x50\x1dH\x00"
       + b"\x1dkI\x0a{C\x00\x00\x0b\x01\x00\x00\x00\x11"  # CODE128 code set C
       + b"\x1d(k\x03\x001C\x06"  # QR: 6-dot modules
       + b"\x1d(k\x13\x001P0" + NUMBER.encode() + b"\x1d(k\x03\x001Q0\n\x1dVB\x00")
OK_STATUS = bytes((0x16, 0x12, 0x12, 0x12))


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(tmp_path / "paper", port=0)
    printer.start()
    yield printer
    printer.stop()


def connect(port: int) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def send_job(port: int, data: bytes) -> None:
    """Send a job and wait until the printer closes the connection: the job is written."""
    with connect(port) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        while s.recv(64):
            pass


def answers(s: socket.socket, n: int, timeout: float = 5) -> bytes:
    s.settimeout(timeout)
    got = b""
    while len(got) < n:
        chunk = s.recv(n - len(got))
        assert chunk, "the printer closed the connection"
        got += chunk
    return got


def status(vp: VirtualPrinter) -> bytes:
    with connect(vp.port) as s:
        s.sendall(b"\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04")
        return answers(s, 4)


def decoded(path: Path) -> set[tuple[str, str]]:
    return {(r.format.name, r.text) for r in zxingcpp.read_barcodes(Image.open(path))}


def test_a_job_is_written_as_bytes_and_paper(vp):
    send_job(vp.port, JOB)
    [job] = vp.wait_for_jobs(1)
    assert (job.number, job.size) == (1, len(JOB))
    assert job.bin_path.name == "job-0001.bin" and job.bin_path.read_bytes() == JOB
    assert job.png_path is not None and job.png_path.name == "job-0001.png"
    assert decoded(job.png_path) == {("Code128", NUMBER), ("QRCode", NUMBER)}
    assert sorted(p.name for p in job.bin_path.parent.iterdir()) == ["job-0001.bin",
                                                                    "job-0001.png"]


def test_numbers_continue_after_the_jobs_already_there(tmp_path):
    out = tmp_path / "paper"
    out.mkdir()
    (out / "job-0041.png").write_bytes(b"")
    with VirtualPrinter(out, port=0) as printer:
        send_job(printer.port, b"A\n")
        send_job(printer.port, b"B\n")
        assert [j.number for j in printer.wait_for_jobs(2)] == [42, 43]
        assert (out / "job-0043.bin").read_bytes() == b"B\n"


def test_status_answers_per_mode(vp):
    assert status(vp) == OK_STATUS
    vp.mode = "paper_out"
    assert status(vp) == bytes((0x1E, 0x32, 0x12, 0x7E))
    vp.mode = "cover_open"
    assert status(vp) == bytes((0x1E, 0x16, 0x12, 0x12))


def test_a_status_request_split_across_packets_is_answered_once(vp):
    with connect(vp.port) as s:
        for piece in (b"AB\x10", b"\x04", b"\x04\x10\x04", b"\x02"):
            s.sendall(piece)
        # "10 04 04" asked n=4; the second "10 04" asks n=2. The 04 04 between them is
        # the parameter, not a new request.
        assert answers(s, 2) == bytes((0x12, 0x12))
        s.settimeout(0.3)
        with pytest.raises(TimeoutError):
            s.recv(1)


def test_status_requests_are_found_in_any_split():
    stream = b"AB\x10\x04\x04\x10\x04\x02\x10\x10\x04\x01"
    for cut in range(len(stream) + 1):
        for cut2 in range(cut, len(stream) + 1):
            requests = _StatusRequests()
            found = [n for piece in (stream[:cut], stream[cut:cut2], stream[cut2:])
                     for n in requests.feed(piece)]
            assert found == [4, 2, 1], (cut, cut2)


def test_paper_out_answers_paper_end_and_prints_nothing(vp):
    vp.mode = "paper_out"
    with connect(vp.port) as s:
        s.sendall(b"\x10\x04\x04" + JOB)
        assert answers(s, 1) == b"\x7e"
        s.shutdown(socket.SHUT_WR)
        assert s.recv(1) == b""  # the printer took the bytes and closed
    vp.mode = "ok"
    send_job(vp.port, b"after\n")
    [job] = vp.wait_for_jobs(1)
    assert job.bin_path.read_bytes() == b"after\n"


def test_a_silent_printer_prints_but_never_answers(vp):
    vp.mode = "silent"
    with connect(vp.port) as s:
        s.sendall(b"\x10\x04\x01" + JOB)
        s.settimeout(0.5)
        with pytest.raises(TimeoutError):
            s.recv(1)
    [job] = vp.wait_for_jobs(1)
    assert job.size == 3 + len(JOB)


def test_a_hanging_printer_times_the_client_out_and_stops_quickly(vp):
    vp.mode = "hang"
    s = connect(vp.port)
    try:
        s.sendall(b"\x10\x04\x01")
        s.settimeout(0.5)
        with pytest.raises(TimeoutError):
            s.recv(1)
        vp.stop()  # with the hung connection still open: must return, not block
    finally:
        s.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", vp.port), timeout=5).close()


def test_closing_mid_job_resets_the_connection_and_prints_nothing(vp):
    vp.mode = "close_mid_job"
    with connect(vp.port) as s, pytest.raises(ConnectionError):
        # The reset fails the send, or — when 200 kB fit in the socket buffers — the read.
        s.sendall(b"\x00" * 200_000)
        s.recv(1)
    vp.mode = "ok"
    send_job(vp.port, b"after\n")
    [job] = vp.wait_for_jobs(1)
    assert job.bin_path.read_bytes() == b"after\n"


def test_a_stopped_printer_refuses_and_a_new_one_takes_the_same_port(tmp_path, vp):
    send_job(vp.port, b"one\n")  # leaves a TIME_WAIT connection on the port
    vp.wait_for_jobs(1)
    port = vp.port
    vp.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    with VirtualPrinter(tmp_path / "paper", port=port) as again:
        send_job(again.port, b"two\n")
        [job] = again.wait_for_jobs(1)
        assert job.number == 2 and job.bin_path.read_bytes() == b"two\n"


def test_run_names_the_fix_for_a_busy_port_and_an_impossible_directory(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(ValidationError) as e:
            run(busy.getsockname()[1], tmp_path / "paper")
        assert e.value.problems[0][0] == "port"
    (tmp_path / "file").write_text("")
    with pytest.raises(ValidationError) as e:
        run(0, tmp_path / "file" / "paper")
    assert e.value.problems[0][0] == "out"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig, ignored", [
    (signal.SIGINT, False), (signal.SIGTERM, False),
    # started by a shell script's "cmd &" (no job control): SIGINT ignored from the start,
    # and Python then sets no handler of its own; the command must still stop on it
    (signal.SIGINT, True)], ids=["SIGINT", "SIGTERM", "SIGINT-ignored-at-start"])
def test_the_command_serves_until_interrupted(tmp_path, sig, ignored):
    out = tmp_path / "paper"
    env = {**os.environ, "OUTLET_POS_LANG": "en", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "outlet_pos.cli.main", "virtual-printer",
                             "--port", "0", "--out", str(out), "--width-dots", "384"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
                            if ignored else None)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        m = re.fullmatch(r"Virtual printer listening on 127\.0\.0\.1:(\d+), writing jobs to "
                         r"(.+)\n", first)
        assert m and Path(m.group(2)) == out, first
        send_job(int(m.group(1)), JOB)
        line = proc.stdout.readline()
        assert line == f"job 1: {len(JOB)} bytes → {out / 'job-0001.png'}\n"
        assert decoded(out / "job-0001.png") == {("Code128", NUMBER), ("QRCode", NUMBER)}
        proc.send_signal(sig)
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
        proc.wait()
