"""The operators' fleet page over HTTP (issue 20): log-in, log-out, wrong passwords, lock-out,
sessions that expire and work on every instance, CSRF, the security headers, and what the
page shows (the terminals with problems, the totals, nothing personal)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select, update

from outlet_pos.central.admin_view import entries
from outlet_pos.central.app import create_app
from outlet_pos.central.db import iso, make_engine
from outlet_pos.central.enrollment import add_outlet, provision
from outlet_pos.central.fleet import record
from outlet_pos.central.fleet_page import install_fleet_page
from outlet_pos.central.models import (
    AdminAccess,
    Device,
    LoginThrottle,
    Operator,
    OperatorSession,
)
from outlet_pos.central.operators import Logins, Policy, disable_operator
from outlet_pos.central.secrets_file import ServerSecrets, load_or_create
from outlet_pos.protocol.health import HealthReport
from tests.conftest import Clock
from tests.reliability.pii import SENDER_NAME

PASSWORD = "kopi-tubruk-Senen-42"
NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # 10:00 WIB
BOTH = pytest.mark.parametrize("engine", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """SQLite; PostgreSQL too for the tests parametrized with ``BOTH``."""
    kind = getattr(request, "param", "sqlite")
    url = request.getfixturevalue("pg_url_factory")("fleetpage") \
        if kind == "postgres" else f"sqlite:///{tmp_path / 'central.db'}"
    eng = make_engine(url)
    yield eng
    eng.dispose()


@pytest.fixture
def secrets(tmp_path: Path) -> ServerSecrets:
    return load_or_create(tmp_path / "central.secrets")


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def fleet(engine: Engine, clock: Clock) -> dict[str, str]:
    """Outlet 101 (a person's name as its name): terminal 1 fine, terminal 2 silent for two
    days; outlet 102 terminal 1 with parked events and a failing doctor check."""
    add_outlet(engine, clock, 101, SENDER_NAME)
    add_outlet(engine, clock, 102, "Agen Pasar Minggu")
    ids = {f"{o}/{t}": str(provision(engine, clock, o, t)["device_id"])
           for o, t in ((101, 1), (101, 2), (102, 1))}
    seen = {"101/1": NOW - timedelta(minutes=5), "101/2": NOW - timedelta(days=2),
            "102/1": NOW - timedelta(minutes=20)}
    for key, device_id in ids.items():
        with engine.begin() as c:
            c.execute(update(Device.__table__).where(Device.__table__.c.id == device_id)
                      .values(last_seen=iso(seen[key])))
    ok = {"app_version": "0.2.0", "queue_depth": 0}
    record(engine, ids["101/1"], HealthReport.model_validate(ok), seen["101/1"])
    record(engine, ids["101/2"], HealthReport.model_validate(
        {**ok, "queue_depth": 1234, "oldest_queued_s": 7200}), seen["101/2"])
    record(engine, ids["102/1"], HealthReport.model_validate(
        {**ok, "app_version": "0.1.9", "parked": 3, "doctor_failing": ["printer"],
         "faults": ["printer.paper_out"]}), seen["102/1"])
    return ids


# Argon2 with the server's parameters takes a good fraction of a second on a busy machine:
# the stored hash is made cheap (one pass, 8 MiB), so each wrong password costs little; the
# first right one is rehashed with the server's parameters, as an old hash would be.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


@pytest.fixture(scope="module")
def password_hash() -> str:
    return CHEAP.hash(PASSWORD)


@pytest.fixture
def operator(engine: Engine, clock: Clock, password_hash: str) -> str:
    """An active operator, the row ``add_operator`` writes (tests/integration/
    test_operator_cmds.py drives that command itself)."""
    with engine.begin() as c:
        c.execute(insert(Operator.__table__).values(name="sari.it", password_hash=password_hash,
                                                    status="active", created_at=iso(clock())))
    return "sari.it"


def _client(engine: Engine, secrets: ServerSecrets, clock: Clock,
            base_url: str = "http://testserver") -> TestClient:
    return TestClient(create_app(engine, secrets, clock), base_url=base_url,
                      follow_redirects=False)


def _page_only(engine: Engine, secrets: ServerSecrets, clock: Clock, policy: Policy
               ) -> TestClient:
    """The page alone with tighter limits than the server's, so a lock-out takes a few
    Argon2 checks, not twenty."""
    app = FastAPI()
    install_fleet_page(app, engine, secrets, clock, policy=policy)
    return TestClient(app, follow_redirects=False)


@pytest.fixture
def client(engine: Engine, secrets: ServerSecrets, clock: Clock) -> TestClient:
    return _client(engine, secrets, clock)


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    assert found, "the form carries no CSRF token"
    return found.group(1)


def _log_in(client: TestClient, name: str, password: str) -> object:
    form = client.get("/fleet/login")
    assert form.status_code == 200
    return client.post("/fleet/login", data={"csrf": _csrf(form.text), "name": name,
                                             "password": password})


def _audit(engine: Engine, secrets: ServerSecrets) -> list[tuple[str, str]]:
    return [(e["operator"], e["command"]) for e in entries(engine, secrets, unmasked=False)]


def test_without_a_session_the_page_sends_to_the_log_in_form(client: TestClient) -> None:
    r = client.get("/fleet")
    assert r.status_code == 303 and r.headers["location"] == "/fleet/login"
    form = client.get("/fleet/login")
    assert form.status_code == 200
    assert 'name="password" type="password"' in form.text and "Masuk" in form.text
    client.cookies.set("fleet_session", "made-up", path="/fleet")
    assert client.get("/fleet").status_code == 303


def test_headers_forbid_script_framing_caching_and_the_cookies_are_strict(
        client: TestClient) -> None:
    r = client.get("/fleet/login")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in r.headers  # plain HTTP: no HSTS, no Secure
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/fleet" in cookie
    assert "secure" not in cookie
    assert "<script" not in r.text and "style=" not in r.text
    css = client.get("/fleet/static/fleet.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_over_tls_the_cookies_are_secure_and_hsts_is_sent(
        engine: Engine, secrets: ServerSecrets, clock: Clock, operator: str) -> None:
    client = _client(engine, secrets, clock, base_url="https://testserver")
    r = _log_in(client, operator, PASSWORD)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"].lower()
    assert "fleet_session=" in cookie and "; secure" in cookie and "httponly" in cookie
    assert r.headers["strict-transport-security"].startswith("max-age=")


def test_the_page_lists_terminals_with_problems_and_the_totals(
        client: TestClient, engine: Engine, fleet: dict[str, str], operator: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    r = _log_in(client, operator, PASSWORD)
    assert r.status_code == 303 and r.headers["location"] == "/fleet"
    page = client.get("/fleet")
    assert page.status_code == 200
    with engine.connect() as c:  # the cheap hash was replaced by one of today's parameters
        stored = c.execute(select(Operator.__table__.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and not PasswordHasher().check_needs_rehash(stored)
    assert PasswordHasher().verify(stored, PASSWORD)
    rows = re.findall(r"<tr class=\"bad\">(.*?)</tr>", page.text)
    assert len(rows) == 2  # 101/2 silent, 102/1 parked + doctor + faults; 101/1 is fine
    assert "Tidak ada kabar" in rows[0] and "1.234" in rows[0] and "2 jam" in rows[0]
    assert "printer.paper_out" in rows[1] and "Event ditahan" in rows[1]
    summary = re.findall(r'<div class="card (\w+)"><span class="n">(\d+)</span>', page.text)
    assert dict(summary) == {"terminals": "3", "ok": "1", "silent": "1", "parked": "1",
                             "doctor": "1", "old_version": "0", "faults": "1"}
    everything = client.get("/fleet?all=1").text
    assert everything.count("<tr") == 4  # the heading and all three terminals
    monkeypatch.setattr("outlet_pos.central.fleet_page.render.MAX_ROWS", 2)
    capped = client.get("/fleet?all=1").text
    assert capped.count("<tr") == 3 and "2 pertama ditampilkan" in capped
    monkeypatch.undo()
    old = client.get("/fleet?min=0.2.0").text
    assert re.search(r'<div class="card old_version"><span class="n">1<', old)
    by_queue = client.get("/fleet?all=1&sort=queue&desc=1").text
    first = re.search(r"<tbody><tr[^>]*>(.*?)</tr>", by_queue)
    assert first and "1.234" in first.group(1)
    bad = client.get("/fleet?min=%3Cx%3E").text
    assert "Versi minimum ditulis seperti 0.2.0" in bad and "<x>" not in bad
    for html in (page.text, everything, by_queue):
        assert SENDER_NAME not in html and "Pasar Minggu" not in html  # outlet names


def test_a_wrong_password_is_refused_alike_for_known_and_unknown_names_and_audited(
        client: TestClient, engine: Engine, secrets: ServerSecrets, operator: str) -> None:
    wrong = _log_in(client, operator, "not-the-password-1")
    nobody = _log_in(client, "Budi-typed-Qzx", PASSWORD)
    for r in (wrong, nobody):
        assert r.status_code == 401 and "fleet_session" not in r.headers.get("set-cookie", "")
        assert "Nama operator atau kata sandi salah" in r.text
    assert client.get("/fleet").status_code == 303
    assert _audit(engine, secrets) == [(operator, "fleet.login_failed"),
                                       ("?", "fleet.login_failed")]
    with engine.connect() as c:  # the typed name and the address are stored nowhere
        stored = repr(c.execute(select(AdminAccess.__table__)).all()) + repr(
            c.execute(select(LoginThrottle.__table__)).all())
    assert "Qzx" not in stored and "testclient" not in stored
    assert entries(engine, secrets, unmasked=True)[0]["reason"] == "from address testclient"


@BOTH
def test_wrong_passwords_lock_the_operator_for_a_while(
        engine: Engine, secrets: ServerSecrets, clock: Clock, operator: str) -> None:
    client = _page_only(engine, secrets, clock, Policy(operator_failures=3))
    for _ in range(3):
        assert _log_in(client, operator, "not-the-password-1").status_code == 401
    locked = _log_in(client, operator, PASSWORD)  # the right password, but locked
    assert locked.status_code == 429 and 800 < int(locked.headers["retry-after"]) <= 900
    assert "Terlalu banyak percobaan masuk" in locked.text and "15 menit" in locked.text
    assert ("sari.it", "fleet.locked") in _audit(engine, secrets)
    clock.advance(minutes=14)
    assert _log_in(client, operator, PASSWORD).status_code == 429
    clock.advance(minutes=2)
    assert _log_in(client, operator, PASSWORD).status_code == 303
    assert client.get("/fleet").status_code == 200


def test_failures_from_one_address_lock_that_address_across_names(
        engine: Engine, secrets: ServerSecrets, clock: Clock, operator: str) -> None:
    client = _page_only(engine, secrets, clock, Policy(address_failures=3))
    for i in range(3):  # a spray: a different made-up name each time
        assert _log_in(client, f"guess{i}", PASSWORD).status_code == 401
    assert _log_in(client, operator, PASSWORD).status_code == 429
    with engine.connect() as c:  # 3 names (alone, from here) and 1 address: no row per try
        assert len(c.execute(select(LoginThrottle.__table__)).all()) == 7
    clock.advance(minutes=16)
    assert _log_in(client, operator, PASSWORD).status_code == 303


def test_a_stranger_locks_an_operator_out_from_their_own_address_only(
        engine: Engine, secrets: ServerSecrets, clock: Clock, operator: str) -> None:
    logins = Logins(engine, secrets, clock, Policy(operator_failures=2, operator_total=4))
    for _ in range(2):
        assert not logins.log_in(operator, "guess-guess-1", "198.51.100.9").ok
    assert logins.log_in(operator, PASSWORD, "198.51.100.9").retry_after_s
    assert logins.log_in(operator, PASSWORD, "192.0.2.10").ok  # the operator's own address
    for _ in range(2):  # guessing spread over addresses still meets the name's total
        assert not logins.log_in(operator, "guess-guess-1", "203.0.113.7").ok
    assert logins.log_in(operator, PASSWORD, "192.0.2.10").retry_after_s


def test_the_server_locks_after_five_wrong_passwords(
        client: TestClient, operator: str) -> None:
    for _ in range(5):
        assert _log_in(client, operator, "not-the-password-1").status_code == 401
    assert _log_in(client, operator, PASSWORD).status_code == 429


def test_csrf_tokens_are_checked_on_log_in_and_log_out(
        client: TestClient, engine: Engine, secrets: ServerSecrets, operator: str) -> None:
    no_token = client.post("/fleet/login", data={"name": operator, "password": PASSWORD})
    assert no_token.status_code == 403
    client.get("/fleet/login")
    forged = client.post("/fleet/login", data={"csrf": "0" * 64, "name": operator,
                                               "password": PASSWORD})
    assert forged.status_code == 403 and "fleet_session" not in forged.headers["set-cookie"]
    assert _log_in(client, operator, PASSWORD).status_code == 303
    page = client.get("/fleet")
    assert "Tidak ada terminal yang bermasalah." in page.text  # no terminal enrolled yet
    token = _csrf(page.text)
    assert client.post("/fleet/logout", data={"csrf": "0" * 64}).status_code == 403
    assert client.get("/fleet").status_code == 200  # still logged in
    out = client.post("/fleet/logout", data={"csrf": token})
    assert out.status_code == 303 and out.headers["location"] == "/fleet/login"
    assert client.get("/fleet").status_code == 303
    assert _audit(engine, secrets)[-2:] == [(operator, "fleet.login"),
                                            (operator, "fleet.logout")]


def test_a_post_without_the_cookie_leaves_the_session_alone(
        client: TestClient, operator: str) -> None:
    """A form from another site arrives without the strict cookie: it must not clear it
    (found by the browser test: the log-out answer deleted the cookie)."""
    assert _log_in(client, operator, PASSWORD).status_code == 303
    session = client.cookies.get("fleet_session")
    bare = TestClient(client.app, follow_redirects=False)
    r = bare.post("/fleet/logout", data={"csrf": "guess"})
    assert r.status_code == 303 and "fleet_session" not in r.headers.get("set-cookie", "")
    assert client.cookies.get("fleet_session") == session
    assert client.get("/fleet").status_code == 200


def test_a_session_works_on_every_instance_and_ends_at_logout_on_any(
        engine: Engine, secrets: ServerSecrets, clock: Clock, operator: str) -> None:
    a, b = _client(engine, secrets, clock), _client(engine, secrets, clock)
    form = a.get("/fleet/login")
    b.cookies.update(a.cookies)  # the load balancer sends the post to the other instance
    r = b.post("/fleet/login", data={"csrf": _csrf(form.text), "name": operator,
                                     "password": PASSWORD})
    assert r.status_code == 303
    a.cookies.update(b.cookies)
    token = _csrf(a.get("/fleet").text)
    assert b.post("/fleet/logout", data={"csrf": token}).status_code == 303
    assert a.get("/fleet").status_code == 303


def test_sessions_end_when_idle_after_eight_hours_and_when_disabled(
        client: TestClient, engine: Engine, clock: Clock, operator: str) -> None:
    assert _log_in(client, operator, PASSWORD).status_code == 303
    clock.advance(minutes=31)
    assert client.get("/fleet").status_code == 303  # idle
    assert _log_in(client, operator, PASSWORD).status_code == 303
    for _ in range(16):  # busy, never idle: 8 h after log-in it ends all the same
        clock.advance(minutes=29)
        assert client.get("/fleet").status_code == 200
    clock.advance(minutes=29)
    assert client.get("/fleet").status_code == 303
    assert _log_in(client, operator, PASSWORD).status_code == 303
    disable_operator(engine, clock, operator)
    assert client.get("/fleet").status_code == 303
    assert _log_in(client, operator, PASSWORD).status_code == 401
    with engine.connect() as c:
        open_sessions = c.execute(select(OperatorSession.__table__).where(
            OperatorSession.__table__.c.ended_at.is_(None))).all()
    assert open_sessions == []  # disabling ends them all


def test_log_ins_beyond_the_slots_are_refused_at_once_not_queued(
        engine: Engine, secrets: ServerSecrets, clock: Clock, operator: str) -> None:
    app = FastAPI()
    logins = install_fleet_page(app, engine, secrets, clock, login_slots=1)
    inside, release = threading.Event(), threading.Event()
    check = logins.log_in

    def slow(*args: Any) -> Any:
        inside.set()
        release.wait(10)
        return check(*args)

    logins.log_in = slow
    first, second = (TestClient(app, follow_redirects=False) for _ in range(2))
    answers: list[int] = []
    holder = threading.Thread(target=lambda: answers.append(
        _log_in(first, operator, "not-the-password-1").status_code))
    holder.start()
    assert inside.wait(10)
    busy = _log_in(second, operator, PASSWORD)
    assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
    assert "sibuk" in busy.text
    release.set()
    holder.join(10)
    assert answers == [401]
    assert _log_in(second, operator, PASSWORD).status_code == 303  # the slot is free again


def test_the_page_is_no_part_of_the_sync_contract(client: TestClient) -> None:
    assert not [p for p in client.get("/openapi.json").json()["paths"] if "fleet" in p]


def test_the_page_speaks_the_servers_language(
        client: TestClient, fleet: dict[str, str], operator: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Indonesian unless the server runs with OUTLET_POS_LANG=en, like the terminal's CLI."""
    assert _log_in(client, operator, PASSWORD).status_code == 303
    assert '<html lang="id">' in client.get("/fleet").text
    monkeypatch.setattr("outlet_pos.i18n._language", "en")
    english = client.get("/fleet").text
    assert '<html lang="en">' in english and "No contact in 24 h" in english
    assert "Show all terminals" in english and "Tampilkan" not in english
