"""``outlet-pos-central operators add|password|disable|enable|list``: the fleet page's
accounts from the CLI (issue 20). The password never appears in an argument, the output or
the database."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from outlet_pos.central.cli import main
from outlet_pos.central.db import make_engine, utc_now
from outlet_pos.central.models import Operator
from outlet_pos.central.operators import Logins
from outlet_pos.central.secrets_file import load_or_create

PASSWORD = "Nasi-uduk-Kebon-Kacang-7"


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    return ["--db", f"sqlite:///{tmp_path / 'central.db'}",
            "--secrets", str(tmp_path / "central.secrets")]


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str, tty: bool = False) -> None:
    fake = io.StringIO(text)
    fake.isatty = lambda: tty  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", fake)


def test_add_list_and_disable(db: list[str], monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    assert main(["operators", "add", "rina.it", "--password-stdin", *db]) == 0
    assert main(["operators", "list", "--json", *db]) == 0
    out = capsys.readouterr().out
    listed = json.loads(out[out.index("["):])
    assert [(o["name"], o["status"], o["last_login_at"]) for o in listed] == [
        ("rina.it", "active", None)]
    engine = make_engine(db[1])
    with engine.connect() as c:
        stored = c.execute(select(Operator.__table__)).one()
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in repr(stored)

    logins = Logins(engine, load_or_create(Path(db[3])), utc_now)
    result = logins.log_in("rina.it", PASSWORD, "192.0.2.7")
    assert result.token and logins.session(result.token) is not None
    assert main(["operators", "disable", "rina.it", *db]) == 0
    assert "1 open session(s) ended" in capsys.readouterr().out
    assert logins.session(result.token) is None
    assert not logins.log_in("rina.it", PASSWORD, "192.0.2.7").ok
    assert main(["operators", "list", *db]) == 0
    assert "disabled" in capsys.readouterr().out
    assert PASSWORD not in capsys.readouterr().out


@pytest.mark.parametrize(("name", "password", "says"), [
    ("rina.it", "short-1", "at least 12 characters"),
    ("rina.it", "password1234", "most common passwords"),
    ("rina.it", "rina.it-2026-xyz", "must not contain the operator name"),
    ("Rina", PASSWORD, "operator name is 3-32 characters"),
])
def test_a_bad_name_or_password_is_refused_with_exit_2(
        db: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        name: str, password: str, says: str) -> None:
    _stdin(monkeypatch, password + "\n")
    assert main(["operators", "add", name, "--password-stdin", *db]) == 2
    err = capsys.readouterr().err
    assert says in err and password not in err


def test_twice_the_same_name_or_an_unknown_one_is_exit_2(
        db: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    assert main(["operators", "add", "rina.it", "--password-stdin", *db]) == 0
    _stdin(monkeypatch, PASSWORD + "\n")
    assert main(["operators", "add", "rina.it", "--password-stdin", *db]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["operators", "disable", "nobody", *db]) == 2


def test_the_password_is_asked_twice_on_a_terminal(
        db: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, "", tty=False)
    assert main(["operators", "add", "rina.it", *db]) == 2  # no terminal, no --password-stdin
    assert "--password-stdin" in capsys.readouterr().err
    _stdin(monkeypatch, "", tty=True)
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["operators", "add", "rina.it", *db]) == 2
    assert "differ" in capsys.readouterr().err
    answers = iter([PASSWORD, PASSWORD])
    assert main(["operators", "add", "rina.it", *db]) == 0


def test_a_new_password_ends_the_sessions_and_enable_lets_them_back(
        db: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    assert main(["operators", "add", "rina.it", "--password-stdin", *db]) == 0
    logins = Logins(make_engine(db[1]), load_or_create(Path(db[3])), utc_now)
    token = logins.log_in("rina.it", PASSWORD, "192.0.2.7").token
    assert token
    fresh = "Ketoprak-Cikini-Raya-8"
    _stdin(monkeypatch, fresh + "\n")
    assert main(["operators", "password", "rina.it", "--password-stdin", *db]) == 0
    assert "1 open session(s) ended" in capsys.readouterr().out
    assert logins.session(token) is None
    assert not logins.log_in("rina.it", PASSWORD, "192.0.2.7").ok
    assert main(["operators", "disable", "rina.it", *db]) == 0
    assert not logins.log_in("rina.it", fresh, "192.0.2.7").ok
    assert main(["operators", "enable", "rina.it", *db]) == 0
    assert logins.log_in("rina.it", fresh, "192.0.2.7").ok
    _stdin(monkeypatch, "short\n")
    assert main(["operators", "password", "rina.it", "--password-stdin", *db]) == 2
    assert main(["operators", "enable", "nobody", *db]) == 2


def test_the_audit_list_counts_decryptions_and_fleet_page_log_ins_apart(
        db: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    assert main(["operators", "add", "rina.it", "--password-stdin", *db]) == 0
    logins = Logins(make_engine(db[1]), load_or_create(Path(db[3])), utc_now)
    assert logins.log_in("rina.it", PASSWORD, "192.0.2.7").ok
    assert not logins.log_in("rina.it", "wrong-password-here", "192.0.2.7").ok
    capsys.readouterr()
    assert main(["audit", "list", *db]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "2 entries: 0 decryptions, 2 fleet page log-ins, log-outs and refusals"
