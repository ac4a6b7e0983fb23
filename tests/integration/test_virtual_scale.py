"""Every serial scale protocol against the virtual scale over a real pseudo-terminal.

Stable, unstable, over capacity, under zero, silent, garbage and unplugged in the middle
of a read: each ends in the right Reading or ScaleFault, within the read's timeout.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.scale_readings import Reading, ReadingStatus, ScaleFault, ScaleFaultKind
from outlet_pos.scales.connections import Scale, open_scale
from outlet_pos.scales.serial_link import SerialScale
from outlet_pos.scales.virtual import VirtualScale, parse_weight

S = ReadingStatus
PROTOCOLS = ["mettler-8217", "cas-pd2", "stream"]
TIMEOUT = 1.0
SLACK = 0.5  # a loaded 2-core machine: a read may end this much after its deadline


@pytest.fixture(params=PROTOCOLS)
def rig(request: pytest.FixtureRequest) -> Iterator[tuple[VirtualScale, Scale]]:
    vs = VirtualScale(request.param, grams=1500, interval=0.05).start()
    scale = open_scale(f"serial:{vs.path}", request.param)
    try:
        yield vs, scale
    finally:
        scale.close()
        vs.stop()


def _timed_read(scale: Scale, timeout: float = TIMEOUT) -> tuple[Reading | ScaleFault, float]:
    t0 = time.monotonic()
    try:
        result: Reading | ScaleFault = scale.read(timeout)
    except ScaleFault as e:
        result = e
    return result, time.monotonic() - t0


def test_stable_weight(rig: tuple[VirtualScale, Scale]) -> None:
    vs, scale = rig
    reading, took = _timed_read(scale)
    assert reading == Reading(S.OK, 1500) and reading.stable
    assert took < TIMEOUT
    vs.control("weight 2.350")
    assert scale.read(TIMEOUT) == Reading(S.OK, 2350)


def test_unstable_then_stable(rig: tuple[VirtualScale, Scale]) -> None:
    vs, scale = rig
    vs.control("motion on")
    reading, took = _timed_read(scale)
    assert isinstance(reading, Reading) and reading.status is S.IN_MOTION
    assert not reading.stable and took < TIMEOUT
    if vs.protocol != "mettler-8217":  # the 8217 sends only the status while moving
        assert reading.grams == 1500
    vs.control("motion off")
    assert scale.read(TIMEOUT) == Reading(S.OK, 1500)


def test_over_capacity_and_under_zero(rig: tuple[VirtualScale, Scale]) -> None:
    vs, scale = rig
    vs.control("over")
    reading, took = _timed_read(scale)
    assert isinstance(reading, Reading) and reading.status is S.OVER_CAPACITY
    assert reading.grams is None and took < TIMEOUT
    vs.control("ok")
    vs.control("under")
    reading = scale.read(TIMEOUT)
    assert reading.status is S.UNDER_ZERO and not reading.stable


def test_garbage_is_a_garbage_fault_within_the_timeout(rig: tuple[VirtualScale, Scale]) -> None:
    vs, scale = rig
    vs.control("garbage")
    fault, took = _timed_read(scale)
    assert isinstance(fault, ScaleFault) and fault.kind is ScaleFaultKind.GARBAGE
    assert took < TIMEOUT + SLACK
    vs.control("ok")  # the same link reads again once the line is clean
    assert scale.read(TIMEOUT) == Reading(S.OK, 1500)


def test_a_silent_scale_is_no_answer_within_the_timeout(rig: tuple[VirtualScale, Scale]) -> None:
    vs, scale = rig
    vs.control("silent")
    fault, took = _timed_read(scale, 0.6)
    assert isinstance(fault, ScaleFault) and fault.kind is ScaleFaultKind.NO_ANSWER
    assert 0.5 <= took < 0.6 + SLACK


def test_unplugged_in_the_middle_of_a_read(rig: tuple[VirtualScale, Scale]) -> None:
    vs, scale = rig
    assert scale.read(TIMEOUT).stable  # the port is open and read from
    vs.control("silent")  # the read below waits for an answer ...
    pull = threading.Timer(0.2, vs.unplug)  # ... when the cable is pulled
    pull.start()
    try:
        fault, took = _timed_read(scale, 3.0)
    finally:
        pull.join()
    assert isinstance(fault, ScaleFault) and fault.kind is ScaleFaultKind.UNPLUGGED
    assert took < 1.5  # well before the 3 s deadline: the broken line ends the read


def test_a_stream_read_is_the_weight_now_not_a_line_left_on_the_port() -> None:
    with VirtualScale("stream", grams=1500, interval=0.01) as vs:
        scale = open_scale(f"serial:{vs.path}", "stream")
        try:
            assert scale.read(TIMEOUT) == Reading(S.OK, 1500)
            assert vs.wait_sent(30, 5.0)  # 30 lines of 1.5 kg wait, unread, in the port
            vs.control("weight 3kg")
            assert scale.read(TIMEOUT) == Reading(S.OK, 3000)
        finally:
            scale.close()


def test_cas_pd2_tare_makes_readings_net() -> None:
    with VirtualScale("cas-pd2", grams=400, interval=0.05) as vs:
        scale = open_scale(f"serial:{vs.path}", "cas-pd2")
        assert isinstance(scale, SerialScale)
        try:
            assert scale.tare(TIMEOUT) == Reading(S.OK, 0, net=True)
            vs.control("weight 1.4kg")
            assert scale.read(TIMEOUT) == Reading(S.OK, 1000, net=True)
        finally:
            scale.close()


def test_weigh_waits_for_the_parcel_to_settle() -> None:
    with VirtualScale("mettler-8217", grams=900, motion=True, interval=0.02) as vs:
        scale = open_scale(f"serial:{vs.path}", "mettler-8217")
        settle = threading.Timer(0.3, vs.control, args=("motion off",))
        settle.start()
        try:
            assert scale.weigh(2.0) == Reading(S.OK, 900)
        finally:
            settle.join()
            scale.close()


def test_parse_weight() -> None:
    assert [parse_weight(t) for t in ("1.5kg", "1500g", "2.350", "2,5 kg", "1lb")] == [
        1500, 1500, 2350, 2500, 454]
    with pytest.raises(ValueError):
        parse_weight("heavy")


def test_the_command_prints_its_pty_and_takes_control_lines() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "outlet_pos.cli.main", "--lang", "en", "virtual-scale",
         "--protocol", "cas-pd2", "--weight", "1.2kg"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdin is not None
        first = proc.stdout.readline()
        assert "/dev/pts/" in first, first
        path = first.split("serial:")[1].split()[0]
        scale = open_scale(f"serial:{path}", "cas-pd2")
        try:
            assert scale.read(2.0) == Reading(S.OK, 1200)
            proc.stdin.write("motion on\n")
            proc.stdin.flush()
            assert "motion" in proc.stdout.readline()
            assert scale.read(2.0).status is S.IN_MOTION
        finally:
            scale.close()
        proc.stdin.close()  # end of the control lines: it keeps serving until stopped
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode == 0


# -- the service and the commands ------------------------------------------------------------
def test_scale_use_is_stored_for_a_manager_or_technician_not_a_clerk(
        app, manager, tech, clerk) -> None:
    import sqlite3

    from outlet_pos.domain.roles import NotAllowed

    assert app.scale.setting() is None and app.scale.scale() is None
    with pytest.raises(NotAllowed):
        app.scale.configure(clerk, "serial:/dev/ttyUSB0", "mettler-8217")
    with pytest.raises(ValidationError):
        app.scale.configure(tech, "serial:/dev/ttyUSB0", "no-such-scale")
    assert app.scale.setting() is None
    with VirtualScale("mettler-8217", grams=2750, interval=0.02) as vs:
        device = app.scale.configure(tech, f"serial:{vs.path}", "mettler-8217")
        assert (device.connection, device.profile_name) == (f"serial:{vs.path}", "mettler-8217")
        assert app.scale.setting() == (f"serial:{vs.path}", "mettler-8217")
        scale = app.scale.scale()
        assert scale is not None
        try:
            assert scale.weigh(TIMEOUT) == Reading(S.OK, 2750)
        finally:
            scale.close()
    app.scale.configure(manager, "hid:0922:8003", None)  # a HID scale's profile by its id
    assert app.scale.setting() == ("hid:0922:8003", "hid-pos")
    with sqlite3.connect(app.db.path) as c:
        rows = c.execute("select actor, details from audit_log where action='scale_configured'"
                         " order by rowid").fetchall()
    assert [r[0] for r in rows] == [tech.username, manager.username]
    assert "mettler-8217" in rows[0][1] and "hid-pos" in rows[1][1]


def test_scale_read_prints_the_weight_or_the_fault_in_indonesian(capsys) -> None:
    from outlet_pos.cli.main import main
    from outlet_pos.i18n import set_language

    set_language("id")
    with VirtualScale("stream", grams=1500, interval=0.02) as vs:
        args = ["scale", "read", "--connection", f"serial:{vs.path}", "--profile", "stream",
                "--timeout", "1"]
        assert main(args) == 0
        assert capsys.readouterr().out.strip() == "1,5 kg: stabil"
        vs.control("over")
        assert main(args) == 1
        assert "terlalu berat untuk timbangan ini" in capsys.readouterr().err
        vs.control("ok")
        vs.control("garbage")
        assert main(args) == 1
        err = capsys.readouterr().err
        assert "timbangan mengirim data yang tidak bisa dibaca" in err and "Yang harus" in err
        assert main([*args, "--json"]) == 1
        assert json.loads(capsys.readouterr().out)["fault"] == "garbage"


def test_scale_list_shows_the_profiles_ports_and_hid_scales(capsys) -> None:
    from outlet_pos.cli.main import main

    assert main(["scale", "list", "--json"]) == 0
    seen = json.loads(capsys.readouterr().out)
    assert seen["profiles"]["mettler-8217"] == {
        "title": seen["profiles"]["mettler-8217"]["title"], "protocol": "mettler-8217",
        "serial": "9600 7E1"}
    assert seen["profiles"]["hid-pos"]["serial"] is None
    assert isinstance(seen["serial_ports"], list) and isinstance(seen["hid"], list)
    assert seen["hid_problem"] is None  # hidapi is installed and enumerates
