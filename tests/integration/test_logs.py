"""After a representative day (book, print, sync, a failed log-in, a validation error, a
backup, doctor) no log file and no support bundle holds any of the personal data used."""

from __future__ import annotations

import copy
import json
import logging
import zipfile

import pytest

from outlet_pos.domain.errors import DomainError, ValidationError
from outlet_pos.services.support import scrub
from tests.central_server import CentralServer
from tests.conftest import CLERK
from tests.integration.test_cli import run
from tests.sync_fixtures import enroll

SENDER = "Kanari Vyrqz Pranoto"
RECIPIENT = "Zenobia Qwixl Hartono"
SENDER_PHONE = "081277665544"
RECIPIENT_PHONE = "085711223344"
SENDER_STREET = "Jl. Xylofon Qzrtv No. 91"
RECIPIENT_STREET = "Gang Jwqpf Blok Kz7 No. 3"
TOKENS = ("Vyrqz", "Qwixl", "Zenobia", "Xylofon", "Qzrtv", "Jwqpf", "77665544", "11223344",
          "vyrqz@", "Kanari")


def _canary(order: dict, n: int = 0) -> dict:
    o = copy.deepcopy(order)
    o["sender"].update(name=SENDER, phone=SENDER_PHONE, email="vyrqz@contoh.co.id")
    o["recipient"].update(name=RECIPIENT, phone=RECIPIENT_PHONE)
    o["sender"]["address"]["street"] = SENDER_STREET
    o["recipient"]["address"]["street"] = f"{RECIPIENT_STREET} {n}"
    return o


def _leaks(text: str) -> list[str]:
    low = text.lower()
    return [t for t in TOKENS if t.lower() in low]


@pytest.fixture
def server(tmp_path):
    srv = CentralServer(tmp_path / "central").start()
    yield srv
    srv.close()


def test_no_personal_data_in_logs_or_the_support_bundle(app, clerk, manager, server,
                                                        example_order, tmp_path):
    logging.getLogger("outlet_pos").setLevel(logging.DEBUG)  # the most a log could say
    app.printing.configure(manager, f"file:{tmp_path / 'printer.bin'}", "generic-80")
    enroll(app, server, manager)
    waybills = [app.booking.book(clerk, _canary(example_order, i)).waybill for i in range(2)]
    for w in waybills:
        assert all(o.ok for o in app.printing.print_waybill(clerk, w))
    assert app.shipments.show(manager, waybills[0]).sender.name == SENDER  # canaries are in
    assert SENDER.encode() in (tmp_path / "printer.bin").read_bytes()  # printed, not logged
    assert app.sync.sync_once().applied == 2
    with pytest.raises(DomainError):
        app.auth.login(CLERK[0], "salah-" + SENDER)
    bad = _canary(example_order)
    bad["recipient"]["phone"] = "08" + SENDER  # a phone that is a name
    bad["recipient"]["address"]["postal_code"] = "99999"
    with pytest.raises(ValidationError):
        app.booking.book(clerk, bad)
    app.printing.configure(manager, "net:127.0.0.1:9", "generic-80")  # a print that fails
    assert not any(o.ok for o in app.printing.print_waybill(clerk, waybills[1]))
    app.backup.backup()
    # The command line below runs on today's date: the test clock's day is left open.
    app.cash.carry_over(manager, app.outlet.business_date(app.db.clock()), "uji log, lanjut")
    app.close()

    d = app.settings.data_dir
    order_file = tmp_path / "order.json"
    order_file.write_text(json.dumps(_canary(example_order, 9)))
    p = run(d, "book", "--json", str(order_file), "--user", CLERK[0], "--password-stdin",
            stdin=f"{CLERK[1]}\n")
    assert p.returncode == 0, p.stderr
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps(bad))
    p = run(d, "book", "--json", str(bad_file), "--user", CLERK[0], "--password-stdin",
            stdin=f"{CLERK[1]}\n")
    assert p.returncode == 2 and not _leaks(p.stderr), p.stderr
    p = run(d, "logs", "bundle", "--to", str(tmp_path / "support.zip"))
    assert p.returncode == 0, p.stderr

    logs = list((d / "logs").iterdir())
    assert logs and sum(f.stat().st_size for f in logs) > 0
    text = "".join(f.read_text(encoding="utf-8", errors="replace") for f in logs)
    assert "booked" in text or "opened outlet" in text  # the logs did record the day
    assert _leaks(text) == []
    with zipfile.ZipFile(tmp_path / "support.zip") as z:
        names = z.namelist()
        assert "doctor.json" in names and "versions.json" in names
        assert any(n.startswith("logs/") for n in names)
        assert not any(n.endswith((".db", ".key", ".opbk")) for n in names)
        for n in names:
            assert _leaks(z.read(n).decode("utf-8", "replace")) == [], n
        doctor = json.loads(z.read("doctor.json"))
        assert {r["check"] for r in doctor} >= {"database", "keys", "backup"}


def test_the_bundle_masks_anything_shaped_like_a_phone_or_email():
    line = "x 0812-7766-5544 y +6285711223344 z siti@contoh.co.id waybill 0042030000123"
    assert scrub(line) == "x <phone> y <phone> z <email> waybill 0042030000123"
