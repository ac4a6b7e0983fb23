"""``outlet-pos-central app-clients`` and ``prebook``: the operators' commands of the
pre-bookings (issue 21 item 3), in-process on a SQLite database."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from outlet_pos.central.cli import main as central_main
from outlet_pos.central.secrets_file import load_or_create
from outlet_pos.protocol import prebooking as pb
from tests.prebooking_canary import canary_booking
from tests.reliability import pii


def test_app_clients_and_prebook_from_the_command_line(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'central.db'}"
    assert central_main(["db", "upgrade", "--db", db]) == 0
    capsys.readouterr()
    assert central_main(["app-clients", "add", "aplikasi-kurir", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "opa_" in out
    assert central_main(["app-clients", "add", "aplikasi-kurir", "--db", db]) == 2
    assert central_main(["app-clients", "add", "Bad Name", "--db", db]) == 2
    capsys.readouterr()
    order = tmp_path / "order.json"
    order.write_text(json.dumps(canary_booking()))
    assert central_main(["prebook", str(order), "--db", db]) == 0
    code, qr = capsys.readouterr().out.split()[:2]
    assert pb.valid_code(code) and qr.startswith("OPB1.")
    secrets = load_or_create(tmp_path / "central.db.secrets")
    raw = secrets.prebooking_key.public_key().public_bytes_raw()
    assert pb.decode_qr(qr, {pb.key_id_of(raw): raw}, datetime.now(UTC)).code == code
    order.write_text(json.dumps({**canary_booking(), "paid": 10**6}))
    assert central_main(["prebook", str(order), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "paid" in err and not pii.pii_in_text(err)
    assert central_main(["app-clients", "disable", "aplikasi-kurir", "--db", db]) == 0
    assert central_main(["app-clients", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "aplikasi-kurir" in listed and "disabled" in listed and "opa_" not in listed
    assert central_main(["app-clients", "disable", "nobody-here", "--db", db]) == 2
