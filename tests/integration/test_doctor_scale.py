"""The doctor's scale line against a real virtual scale on a pseudo-terminal."""

from __future__ import annotations

import time

import pytest

from outlet_pos import i18n
from outlet_pos.bootstrap import doctor_for
from outlet_pos.scales.virtual import VirtualScale
from outlet_pos.services.doctor import FAIL, OK, WARN
from outlet_pos.services.doctor_scale import DOCTOR_SCALE_TIMEOUT

GB = 1024**3


def _scale_line(app, clock):
    results = doctor_for(app.settings, clock, free_bytes=lambda _p: 50 * GB).run()
    (line,) = [r for r in results if r.check == "scale"]
    return line


@pytest.fixture(params=["mettler-8217", "stream"])
def virtual(request):
    vs = VirtualScale(request.param, grams=1500, interval=0.05).start()
    yield vs
    vs.stop()


def _use(app, manager, vs: VirtualScale) -> None:
    app.scale.configure(manager, f"serial:{vs.path}", vs.protocol)


def test_no_scale_configured_is_not_a_failure(app, clock):
    line = _scale_line(app, clock)
    assert line.status == OK and "not configured" in str(line.finding)


def test_a_stable_or_moving_scale_is_well(app, manager, clock, virtual):
    _use(app, manager, virtual)
    line = _scale_line(app, clock)
    assert line.status == OK, str(line.finding)
    assert virtual.path in str(line.finding)
    virtual.control("motion on")
    assert _scale_line(app, clock).status == OK


def test_over_capacity_answers_but_wants_a_hand(app, manager, clock, virtual):
    _use(app, manager, virtual)
    virtual.control("over")
    line = _scale_line(app, clock)
    assert line.status == WARN and "too heavy" in str(line.finding)


def test_a_silent_scale_fails_within_the_bound_with_a_remedy(app, manager, clock, virtual):
    _use(app, manager, virtual)
    virtual.control("silent")
    started = time.monotonic()
    line = _scale_line(app, clock)
    took = time.monotonic() - started
    assert line.status == FAIL and "no_answer" in str(line.finding)
    assert "switch the scale on" in str(line.remedy)
    assert took < DOCTOR_SCALE_TIMEOUT + 1.5, took  # the rest of the doctor is quick


def test_an_unplugged_scale_fails_naming_scale_list(app, manager, clock, virtual):
    _use(app, manager, virtual)
    virtual.unplug()
    line = _scale_line(app, clock)
    assert line.status == FAIL and "unplugged" in str(line.finding)
    assert "outlet-pos scale list" in str(line.remedy)


def test_the_wrong_protocol_fails_as_garbage(app, manager, clock):
    with VirtualScale("mettler-8217", grams=1500, interval=0.05) as vs:
        vs.control("garbage")
        app.scale.configure(manager, f"serial:{vs.path}", "mettler-8217")
        line = _scale_line(app, clock)
    assert line.status == FAIL and "garbage" in str(line.finding)
    assert "profile, speed or parity" in str(line.remedy)


def test_permission_remedy_names_the_udev_rule_and_the_group(app, manager, clock):
    from outlet_pos.domain.scale_readings import ScaleFault, ScaleFaultKind

    def refused(*_a):
        raise ScaleFault(ScaleFaultKind.PERMISSION, "serial port: access denied")

    app.scale.configure(manager, "serial:/dev/ttyUSB0", "stream")
    results = doctor_for(app.settings, clock, free_bytes=lambda _p: 50 * GB,
                         scale=refused, platform="linux").run()
    (line,) = [r for r in results if r.check == "scale"]
    assert line.status == FAIL
    assert "60-outlet-pos-scales.rules" in str(line.remedy) and "dialout" in str(line.remedy)


def test_the_scale_line_speaks_indonesian(app, manager, clock, virtual):
    _use(app, manager, virtual)
    virtual.unplug()
    before = i18n._language
    i18n.set_language("id")
    try:
        d = _scale_line(app, clock).as_dict()
    finally:
        i18n._language = before
    text = f"{d['finding']} {d['remedy']}"
    for english in ("check the scale", "is not connected", "choose again"):
        assert english not in text, text
