"""The installed ``outlet-pos`` command as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "shipment.json"


def run(data_dir: Path, *args: str, stdin: str = "",
        lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OUTLET_POS_KEYSTORE": "file", "PYTHONIOENCODING": "utf-8",
           "OUTLET_POS_LANG": lang}
    proc = subprocess.run([sys.executable, "-m", "outlet_pos.cli.main", *args,
                           "--data-dir", str(data_dir)],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def outlet(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cli") / "data"
    p = run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
            "--password-stdin", stdin="rahasia-manajer\n")
    assert p.returncode == 0, p.stderr
    p = run(d, "user", "add", "kasir1", "--role", "clerk", "--user", "manajer",
            "--password-stdin", stdin="rahasia-manajer\nrahasia-kasir\n")
    assert p.returncode == 0, p.stderr
    return d


def test_init_twice_changes_nothing(outlet):
    p = run(outlet, "init", "--outlet-number", "8", "--terminal", "1", "--manager", "x-y-z",
            "--password-stdin", stdin="rahasia-manajer\n")
    assert p.returncode == 1 and "already holds" in p.stderr


def test_quote_text_and_json(outlet):
    p = run(outlet, "quote", "--dest-postal-code", "40115", "--weight", "1.31",
            "--dims", "30x20x10", "--declared-value", "500000", "--json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["destination"] == "32.73.09"
    assert {q["service"] for q in data["quotes"]} >= {"OKE", "REG"}
    reg = next(q for q in data["quotes"] if q["service"] == "REG")
    assert reg["chargeable_kg"] == 2  # 1.31 kg: 0.31 is above the 0.30 threshold
    assert reg["total"] == sum(line["amount"] for line in reg["lines"])
    p = run(outlet, "quote", "--dest-postal-code", "40115", "--weight", "1.31",
            "--dims", "30x20x10", "--service", "REG")
    assert p.returncode == 0 and "REG" in p.stdout and "Rp " in p.stdout


@pytest.mark.parametrize("args,field", [
    (["--dest-postal-code", "00000", "--weight", "1", "--dims", "1x1x1"], "dest_postal_code"),
    (["--dest-postal-code", "40115", "--weight", "0", "--dims", "1x1x1"], "weight"),
    (["--dest-postal-code", "40115", "--weight", "500000", "--dims", "1x1x1"], "weight_g"),
    (["--dest-postal-code", "40115", "--weight", "1", "--dims", "30x20"], "dims"),
    (["--dest-postal-code", "40115", "--weight", "1", "--dims", "1x1x1", "--declared-value",
      "-5"], "declared_value"),
    (["--dest-postal-code", "40115", "--weight", "1", "--dims", "1x1x1", "--service", "ZZZ"],
     "service"),
])
def test_quote_bad_input_exit_2_naming_the_field(outlet, args, field):
    p = run(outlet, "quote", *args)
    assert p.returncode == 2 and f"{field}:" in p.stderr, p.stderr


def test_book_list_show_find_verify(outlet):
    p = run(outlet, "book", "--json", str(EXAMPLE), "--user", "kasir1", "--password-stdin",
            "--output", "json", stdin="rahasia-kasir\n")
    assert p.returncode == 0, p.stderr
    waybill = json.loads(p.stdout)[0]["waybill"]
    assert len(waybill) == 16
    p = run(outlet, "shipments", "list", "--user", "kasir1", "--password-stdin",
            stdin="rahasia-kasir\n")
    assert p.returncode == 0 and waybill in p.stdout and "Budi" not in p.stdout
    p = run(outlet, "shipments", "show", waybill, "--user", "kasir1", "--password-stdin",
            stdin="rahasia-kasir\n")
    assert p.returncode == 0 and "Budi Santoso" in p.stdout and "Senayan" in p.stdout
    p = run(outlet, "customer", "find", "0813 9876 5432", "--user", "kasir1",
            "--password-stdin", "--json", stdin="rahasia-kasir\n")
    assert p.returncode == 0 and json.loads(p.stdout)[0]["name"] == "Budi Santoso"
    p = run(outlet, "audit", "verify", "--user", "manajer", "--password-stdin",
            stdin="rahasia-manajer\n")
    assert p.returncode == 0 and "intact" in p.stdout


def test_book_from_stdin_list_of_two(outlet, tmp_path):
    order = json.loads(EXAMPLE.read_text())
    f = tmp_path / "two.json"
    f.write_text(json.dumps([order, order]))
    p = run(outlet, "book", "--json", str(f), "--user", "kasir1", "--password-stdin",
            "--allow-duplicate", stdin="rahasia-kasir\n")  # the first test booked it too
    assert p.returncode == 0 and len(p.stdout.strip().splitlines()) == 2


@pytest.mark.parametrize("mutate,field", [
    (lambda o: o["recipient"].update(phone="12345"), "recipient.phone"),
    (lambda o: o["recipient"].update(name="x" * 10_240), "recipient.name"),
    (lambda o: o["sender"].update(name="Budi\u0000"), "sender.name"),
    (lambda o: o["parcel"].update(weight_kg="500000"), "parcel.weight_kg"),
    (lambda o: o["parcel"].update(cod_amount=-1), "parcel.cod_amount"),
])
def test_book_bad_input(outlet, tmp_path, mutate, field):
    order = json.loads(EXAMPLE.read_text())
    mutate(order)
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(order))
    p = run(outlet, "book", "--json", str(f), "--user", "kasir1", "--password-stdin",
            stdin="rahasia-kasir\n")
    assert p.returncode == 2 and f"{field}:" in p.stderr, p.stderr
    assert "x" * 200 not in p.stderr


def test_book_not_json_and_wrong_password(outlet, tmp_path):
    f = tmp_path / "bad.json"
    f.write_text("{not json")
    p = run(outlet, "book", "--json", str(f), "--user", "kasir1", "--password-stdin",
            stdin="rahasia-kasir\n")
    assert p.returncode == 2 and "json:" in p.stderr
    p = run(outlet, "book", "--json", str(EXAMPLE), "--user", "kasir1", "--password-stdin",
            stdin="salah-salah\n")
    assert p.returncode == 2 and "wrong user id or password" in p.stderr


def test_not_initialised_says_how(tmp_path):
    p = run(tmp_path / "empty", "shipments", "list", "--user", "x", "--password-stdin",
            stdin="y\n")
    assert p.returncode == 1 and "outlet-pos init" in p.stderr


def test_keys_rotate_and_retention(outlet):
    p = run(outlet, "keys", "rotate", "--user", "manajer", "--password-stdin",
            stdin="rahasia-manajer\n")
    assert p.returncode == 0, p.stderr
    p = run(outlet, "retention", "run", "--user", "manajer", "--password-stdin",
            stdin="rahasia-manajer\n")
    assert p.returncode == 0 and "shredded" in p.stdout
    p = run(outlet, "retention", "run", "--user", "kasir1", "--password-stdin",
            stdin="rahasia-kasir\n")
    assert p.returncode == 2 and "may not" in p.stderr


def test_demo_runs_twice(tmp_path):
    d = tmp_path / "demo"
    for _ in range(2):
        p = run(d, "demo")
        assert p.returncode == 0, p.stderr
        assert "appears 0 times" in p.stdout, p.stdout


def test_bahasa_indonesia_is_the_default(outlet, tmp_path):
    order = json.loads(EXAMPLE.read_text())
    order["recipient"]["phone"] = "12345"
    order["parcel"]["weight_kg"] = "0"
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(order))
    p = run(outlet, "book", "--json", str(f), "--user", "kasir1", "--password-stdin",
            stdin="rahasia-kasir\n", lang="id")
    assert p.returncode == 2
    assert "recipient.phone: bukan nomor telepon yang valid" in p.stderr
    assert "parcel.weight_kg: harus lebih dari 0 kg" in p.stderr
    p = run(outlet, "--lang", "en", "shipments", "list", "--user", "kasir1",
            "--password-stdin", stdin="salah-salah\n", lang="id")
    assert "wrong user id or password" in p.stderr


def test_bad_retention_setting_names_the_variable(outlet):
    env_before = os.environ.get("OUTLET_POS_RETENTION_DAYS")
    os.environ["OUTLET_POS_RETENTION_DAYS"] = "ninety"
    try:
        p = run(outlet, "retention", "run", "--user", "manajer", "--password-stdin",
                stdin="rahasia-manajer\n")
    finally:
        if env_before is None:
            del os.environ["OUTLET_POS_RETENTION_DAYS"]
        else:
            os.environ["OUTLET_POS_RETENTION_DAYS"] = env_before
    assert p.returncode == 2 and "OUTLET_POS_RETENTION_DAYS: must be between" in p.stderr
