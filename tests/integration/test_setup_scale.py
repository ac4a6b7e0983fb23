"""Set-up finds a scale on a serial port (the virtual scale's real pty) and stores it."""

from __future__ import annotations

import time

import pytest

from outlet_pos.bootstrap import open_app, setup_service, utc_now
from outlet_pos.config import Settings
from outlet_pos.scales.detect import PROBE_TIMEOUT, detect_scales, probe_port, serial_profiles
from outlet_pos.scales.virtual import VirtualScale
from outlet_pos.services.setup import SetupRequest

PASSWORD = "Kurir-Tangguh-2026!"


def _only(*paths: str):
    return lambda: ([(p, "virtual") for p in paths], None)


@pytest.mark.parametrize("protocol", ["mettler-8217", "cas-pd2", "stream"])
def test_each_serial_protocol_is_found_with_its_profile(protocol):
    with VirtualScale(protocol, grams=1250, interval=0.05) as vs:
        found, _problems = detect_scales(ports=_only(vs.path))
    serial = [f for f in found if f.connection.startswith("serial:")]
    assert [(f.connection, f.profile) for f in serial] == [(f"serial:{vs.path}", protocol)]
    assert serial[0].reading is not None and serial[0].reading.grams == 1250


def test_a_silent_port_is_not_offered_and_its_probe_is_bounded():
    with VirtualScale("mettler-8217", grams=1000) as vs:
        vs.control("silent")
        started = time.monotonic()
        hit = probe_port(vs.path, serial_profiles())
        took = time.monotonic() - started
    assert hit is None
    assert took < len(serial_profiles()) * PROBE_TIMEOUT + 1.0, took


def test_a_port_that_went_away_is_not_offered():
    vs = VirtualScale("stream").start()
    path = vs.path
    vs.unplug()
    found, _ = detect_scales(ports=_only(path))
    assert not [f for f in found if f.connection == f"serial:{path}"]


def _request(**kw) -> SetupRequest:
    return SetupRequest(outlet_number=42, terminal=3, manager="budi", password=PASSWORD, **kw)


def test_setup_auto_stores_the_scale_found(tmp_path):
    settings = Settings(tmp_path / "d", keystore="file")
    with VirtualScale("mettler-8217", grams=1500, interval=0.05) as vs:
        steps = setup_service(settings, utc_now, scale_ports=_only(vs.path)).run(
            _request(scale="auto"))
        (scale,) = [s for s in steps if s.step == "scale"]
        assert scale.ok, scale.message
        app = open_app(settings, utc_now)
        try:
            assert app.scale.setting() == (f"serial:{vs.path}", "mettler-8217")
            assert app.scale.scale().weigh(2.0).grams == 1500  # the stored scale weighs
        finally:
            app.close()


def test_setup_auto_without_a_scale_is_a_failed_step_the_rest_stands(tmp_path):
    settings = Settings(tmp_path / "d", keystore="file")
    steps = setup_service(settings, utc_now, scale_ports=lambda: ([], None)).run(
        _request(scale="auto", language="id"))
    by = {s.step: s for s in steps}
    assert by["outlet"].ok and by["language"].ok
    assert not by["scale"].ok and "--scale serial:DEV" in str(by["scale"].remedy)


def test_a_bad_scale_connection_is_refused_before_anything_is_created(tmp_path):
    from outlet_pos.domain.errors import ValidationError

    settings = Settings(tmp_path / "d", keystore="file")
    with pytest.raises(ValidationError) as e:
        setup_service(settings, utc_now).run(_request(scale="ttyUSB0"))
    assert "scale_connection" in e.value.fields
    assert not (tmp_path / "d").exists() or not (tmp_path / "d" / "outlet.db").exists()


def test_a_usb_hid_scale_is_offered_first_with_its_profile(monkeypatch):
    """hidapi's enumerate as a DYMO M25 and a keyboard answer it: only the scale is offered."""
    import outlet_pos.scales.hid_link as hid_link

    class _Hid:
        @staticmethod
        def enumerate():
            return [{"vendor_id": 0x0922, "product_id": 0x8004, "usage_page": 0x8D,
                     "product_string": "M25 25 lb Digital Postal Scale", "path": b"1-2:1.0"},
                    {"vendor_id": 0x046D, "product_id": 0xC31C, "usage_page": 0x01,
                     "product_string": "USB Keyboard", "path": b"1-3:1.0"}]

    monkeypatch.setattr(hid_link, "_hid", lambda: _Hid)
    with VirtualScale("stream", grams=500, interval=0.05) as vs:
        found, problems = detect_scales(ports=_only(vs.path))
    assert problems == []
    assert [(f.connection, f.profile) for f in found] == [
        ("hid:0922:8004", "hid-pos"), (f"serial:{vs.path}", "stream")]
    assert found[0].seen_as == "M25 25 lb Digital Postal Scale"


@pytest.mark.soak  # two CLI processes, ~18 s here: make soak
def test_the_cli_sets_the_scale_up_and_doctor_finds_it_answering(tmp_path):
    """outlet-pos setup --scale serial:PTY --scale-profile ..., then outlet-pos doctor."""
    import json

    from tests.integration.test_cli import run

    d = tmp_path / "data"
    with VirtualScale("cas-pd2", grams=750, interval=0.05) as vs:
        p = run(d, "setup", "--outlet-number", "12", "--terminal", "2", "--manager", "manajer",
                "--password-stdin", "--scale", f"serial:{vs.path}", "--scale-profile",
                "cas-pd2", stdin=PASSWORD + "\n")
        assert p.returncode == 0, p.stderr
        assert f"serial:{vs.path}" in p.stdout and "cas-pd2" in p.stdout
        doctor = {c["check"]: c for c in json.loads(run(d, "doctor", "--json").stdout)}
    assert doctor["scale"]["status"] == "ok", doctor["scale"]
