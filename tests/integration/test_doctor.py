"""``doctor`` catches each injected fault with the right remedy, and passes a healthy outlet."""

from __future__ import annotations

import functools
import json
import time

import pytest
import trustme

from outlet_pos.bootstrap import doctor_for
from outlet_pos.services.doctor import FAIL, OK, WARN, exit_code
from outlet_pos.sync.probe import probe_server
from tests.central_server import CentralServer, free_port
from tests.integration.test_cli import run
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll

GB = 1024**3


def _set_meta(app, **values: str) -> None:
    with app.db.uow(write=True) as uow:
        for k, v in values.items():
            uow.meta.set(k, v)
        uow.commit()


@pytest.fixture
def server(tmp_path):
    srv = CentralServer(tmp_path / "central").start()
    yield srv
    srv.close()


@pytest.fixture
def healthy(app, manager, server, tmp_path, clock):
    """Printer on a file, enrolled at a real server, a backup made today."""
    app.printing.configure(manager, f"file:{tmp_path / 'printer.bin'}", "generic-80")
    enroll(app, server, manager)
    app.backup.backup()
    return app


def _doctor(app, clock, **kw):
    kw.setdefault("free_bytes", lambda _p: 50 * GB)
    return doctor_for(app.settings, clock, **kw)


def _by_check(results):
    return {r.check: r for r in results}


def test_a_healthy_outlet_passes(healthy, clock):
    results = _doctor(healthy, clock).run()
    bad = [(r.check, r.status, r.finding) for r in results if r.status != OK]
    assert bad == [] and exit_code(results) == 0
    assert len(results) == 13  # with the scale (services/doctor_scale.py)


def test_the_cli_json_is_a_stable_list_and_exit_0_when_healthy(healthy, clock):
    healthy.close()
    p = run(healthy.settings.data_dir, "doctor", "--json")
    data = json.loads(p.stdout)
    assert [set(d) for d in data] == [{"check", "status", "finding", "remedy"}] * len(data)
    statuses = {d["check"]: d["status"] for d in data}
    # the real clock is a year after the fixture's: only the backup's age may warn
    assert set(statuses.values()) <= {OK, WARN} and statuses["backup"] in (OK, WARN)
    assert p.returncode == 0, p.stdout
    p = run(healthy.settings.data_dir, "doctor", lang="id")
    assert "integritas" in p.stdout.lower() or "basis data" in p.stdout.lower(), p.stdout


def test_corrupt_database_is_a_failure_with_restore_remedy_not_a_crash(app, clerk, clock):
    book_random(app, clerk, 40)
    app.db.checkpoint()
    app.close()
    path = app.settings.data_dir / "outlet.db"
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2 - (size // 2) % 4096)
        f.write(b"\xa5" * 8192)  # two whole pages of garbage in the middle
    results = _by_check(_doctor(app, clock).run())
    db = results["database"]
    assert db.status == FAIL and "damaged" in db.finding
    assert "outlet-pos restore" in db.remedy
    p = run(app.settings.data_dir, "doctor")
    assert p.returncode == 1 and "FAIL" in p.stdout


def test_missing_master_key_is_a_failure_naming_the_portable_restore(app, clerk, clock):
    book_random(app, clerk, 3)
    app.close()
    keyfiles = list((app.settings.data_dir / "keys").glob("master-*.key"))
    assert keyfiles
    for k in keyfiles:
        k.unlink()
    keys = _by_check(_doctor(app, clock).run())["keys"]
    assert keys.status == FAIL and "master key" in keys.finding
    assert "--portable" in keys.remedy


def test_keys_ok_decrypts_a_canary_row(app, clerk, clock):
    book_random(app, clerk, 2)
    keys = _by_check(_doctor(app, clock).run())["keys"]
    assert keys.status == OK and "1 encrypted" in keys.finding


def test_unreachable_network_printer(app, manager, clock):
    app.printing.configure(manager, f"net:127.0.0.1:{free_port()}", "generic-80")
    t0 = time.monotonic()
    r = _by_check(_doctor(app, clock).run())["printer"]
    assert time.monotonic() - t0 < 10
    assert r.status == FAIL and "cannot be reached" in r.finding
    assert "switched on" in r.remedy


def test_usb_printer_without_the_udev_rule_on_linux(app, manager, clock, tmp_path):
    app.printing.configure(manager, "usb:0416:5011", None)
    results = _by_check(_doctor(app, clock, udev_rule=lambda: None, platform="linux").run())
    usb = results["usb_permissions"]
    assert usb.status == FAIL and "60-outlet-pos-printers.rules" in usb.finding
    assert "udevadm" in usb.remedy and "/etc/udev/rules.d" in usb.remedy
    rule = tmp_path / "60-outlet-pos-printers.rules"
    rule.write_text("# rule\n")
    from outlet_pos.printing.probe import find_udev_rule

    found = functools.partial(find_udev_rule, [tmp_path])
    results = _by_check(_doctor(app, clock, udev_rule=found, platform="linux").run())
    assert results["usb_permissions"].status == OK
    results = _by_check(_doctor(app, clock, udev_rule=lambda: None, platform="win32").run())
    assert results["usb_permissions"].status == OK


@pytest.fixture
def tls_server(tmp_path):
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    cert.private_key_pem.write_to_path(str(key_file))
    srv = CentralServer(tmp_path / "tls", tls=(str(cert_file), str(key_file))).start()
    yield srv, ca.cert_pem.bytes().decode()
    srv.close()


def test_untrusted_server_certificate_is_a_failure(app, clock, tls_server):
    srv, good_ca = tls_server
    _set_meta(app, sync_server=srv.url, sync_device_id="dev-1",
              sync_ca_pem=trustme.CA().cert_pem.bytes().decode())
    r = _by_check(_doctor(app, clock).run())["server"]
    assert r.status == FAIL and "not trusted" in r.finding
    assert "--ca-bundle" in r.remedy
    _set_meta(app, sync_ca_pem=good_ca)
    assert _by_check(_doctor(app, clock).run())["server"].status == OK


def test_unreachable_server_is_a_warning_saying_since_when(app, clock):
    _set_meta(app, sync_server=f"http://127.0.0.1:{free_port()}", sync_device_id="dev-1")
    r = _by_check(_doctor(app, clock).run())["server"]
    assert r.status == WARN and "no successful sync yet" in r.finding
    _set_meta(app, sync_last_success=(clock.now.replace(hour=0)).isoformat())
    r = _by_check(_doctor(app, clock).run())["server"]
    assert r.status == WARN and "last successful sync 2 h ago" in r.finding
    assert "offline is normal" in r.remedy


def test_not_enrolled_is_a_warning(app, clock):
    r = _by_check(_doctor(app, clock).run())["server"]
    assert r.status == WARN and "enroll" in r.remedy


def test_clock_skew_against_the_servers_clock(app, clock, server):
    _set_meta(app, sync_server=server.url, sync_device_id="dev-1")
    for offset, status in ((0, OK), (120, WARN), (-600, FAIL)):
        skewed = functools.partial(probe_server, clock=lambda o=offset: time.time() + o)
        r = _by_check(_doctor(app, clock, server=skewed).run())["clock"]
        assert r.status == status, (offset, r)
    assert "behind" in r.finding and "date, time" in r.remedy


def test_near_full_disk(app, clock):
    for free, status in ((100 * 1024**2, FAIL), (600 * 1024**2, WARN), (5 * GB, OK)):
        r = _by_check(_doctor(app, clock, free_bytes=lambda _p, f=free: f).run())["disk"]
        assert r.status == status, (free, r)
        assert status == OK or "free disk space" in r.remedy


def test_stale_unsent_events_and_backup_age(app, clerk, clock):
    book_random(app, clerk, 2)
    results = _by_check(_doctor(app, clock).run())
    assert results["unsent_events"].status == OK
    assert results["backup"].status == WARN  # a new outlet: no backup yet is a warning
    clock.advance(days=8)
    results = _by_check(_doctor(app, clock).run())
    assert results["unsent_events"].status == WARN and "8 days" in results["unsent_events"].finding
    assert results["backup"].status == FAIL  # after a week without any backup: a failure
    app.backup.backup()  # a file, not only a time in the database (test_doctor_backup_exact)
    assert _by_check(_doctor(app, clock).run())["backup"].status == OK
    clock.advance(days=3)
    assert _by_check(_doctor(app, clock).run())["backup"].status == WARN


def test_unwritable_log_directory(app, clock):
    logs = app.settings.data_dir / "logs"
    for f in logs.iterdir():
        f.unlink()
    logs.rmdir()
    logs.write_text("not a directory")  # fails for root too, unlike a chmod
    r = _by_check(_doctor(app, clock).run())["logs"]
    assert r.status == FAIL and "write access" in r.remedy


def test_missing_database_checks_everything_else_without_crashing(tmp_path, clock):
    from outlet_pos.config import Settings

    results = doctor_for(Settings(tmp_path / "empty", keystore="file"), clock).run()
    by = _by_check(results)
    assert by["database"].status == FAIL and "outlet-pos setup" in by["database"].remedy
    assert by["printer"].status == WARN and "not checked" in by["printer"].finding
    assert exit_code(results) == 1


def test_printer_probe_for_each_kind_of_connection(tmp_path):
    from outlet_pos.printing.probe import probe_printer

    assert probe_printer(f"file:{tmp_path / 'paper.bin'}", "generic-58").ok
    missing = probe_printer(f"file:{tmp_path / 'no' / 'such' / 'dir'}", None)
    assert not missing.ok and missing.fault == "unreachable"
    assert probe_printer("serial:/dev/outlet-pos-no-such-port", None).fault == "unreachable"
    assert probe_printer("net:127.0.0.1:1", None).fault == "unreachable"
    bad_profile = probe_printer("net:127.0.0.1:1", "no-such-profile")
    assert not bad_profile.ok and bad_profile.fault == "not_configured"


def test_a_database_locked_by_another_program_is_not_called_damaged(app, clock):
    import sqlite3

    app.close()
    holder = sqlite3.connect(app.settings.data_dir / "outlet.db", isolation_level=None)
    try:
        holder.execute("pragma locking_mode=EXCLUSIVE")
        holder.execute("begin exclusive")
        holder.execute("update meta set value = value where key = 'outlet_name'")
        db = _by_check(_doctor(app, clock).run())["database"]
    finally:
        holder.close()
    assert db.status == FAIL and "locked" in db.finding
    assert "close the other" in db.remedy and "restore" not in db.remedy
    assert _by_check(_doctor(app, clock).run())["database"].status == OK


def test_doctor_speaks_indonesian_without_class_names_or_english(app, clock, manager):
    """What a technician reads in Indonesian: the key store and an unreachable server in
    words ("server tidak bisa dihubungi"), never "(ConnectionError)" or "key files in"."""
    from outlet_pos import i18n

    app.printing.configure(manager, f"net:127.0.0.1:{free_port()}", "generic-80")
    _set_meta(app, sync_server=f"http://127.0.0.1:{free_port()}", sync_device_id="dev-1")
    book_random(app, manager, 1)
    before = i18n._language
    i18n.set_language("id")
    try:
        rows = {d["check"]: d for d in (r.as_dict() for r in _doctor(app, clock).run())}
    finally:
        i18n._language = before
    text = "\n".join(f"{d['finding']} {d['remedy'] or ''}" for d in rows.values())
    assert "server tidak bisa dihubungi" in rows["server"]["finding"], rows["server"]
    assert "berkas kunci di" in rows["keys"]["finding"], rows["keys"]
    assert rows["disk"]["finding"].startswith("50,0 GB"), rows["disk"]  # decimal comma
    for english in ("key files in", "Error)", "Exception", "no connection to the server",
                    "cannot be reached"):
        assert english not in text, (english, text)
