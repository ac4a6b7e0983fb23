"""Enrolment checks what it is told (issue 17, point 3), against a real central server on
127.0.0.1: another outlet's code changes nothing anywhere; a second PC for a terminal
replaces the first, which refuses to book once it hears so, and no waybill number is
ever given twice; a running sync worker follows an enrolment made by another process."""

from __future__ import annotations

import io
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import insert, select

from outlet_pos.bootstrap import App, init_outlet, utc_now
from outlet_pos.central.enrollment import AuthError, _hash_code, enroll, provision, revoke
from outlet_pos.central.models import Device, EnrollmentCode
from outlet_pos.cli.common import STDIN
from outlet_pos.cli.main import main
from outlet_pos.config import Settings
from outlet_pos.domain.enrolment import Enrolled
from outlet_pos.domain.sync_status import SyncStatus
from outlet_pos.domain.waybill import parse_waybill
from outlet_pos.i18n import set_language, tr
from outlet_pos.protocol import wire
from outlet_pos.services.booking import DeviceRevoked
from outlet_pos.services.preferences import enrolled_server
from outlet_pos.sync.errors import CONFIG, SyncError
from tests.central_server import CentralServer
from tests.conftest import MANAGER
from tests.integration.test_cli import EXAMPLE
from tests.shipment_factory import book_random
from tests.sync_fixtures import server_shipments


@pytest.fixture
def srv(tmp_path: Path) -> Iterator[CentralServer]:
    s = CentralServer(tmp_path / "central").start()
    yield s
    s.close()


def _enroll(app: App, srv: CentralServer, code: str | None = None) -> Enrolled:
    return app.enrolment.online(app.auth.login(*MANAGER), server=srv.url,
                                code=code or srv.add_outlet(app.outlet.number))


def _devices(srv: CentralServer) -> list:
    with srv.engine.connect() as c:
        return c.execute(select(Device.__table__).order_by(Device.__table__.c.enrolled_at)).all()


def _codes_used(srv: CentralServer) -> list:
    with srv.engine.connect() as c:
        return c.execute(select(EnrollmentCode.__table__.c.used_at)).scalars().all()


def _meta(app: App, key: str) -> str | None:
    with app.db.uow() as uow:
        return uow.meta.get(key)


def _local_waybills(app: App) -> list[str]:
    with app.db.uow() as uow:
        return [w for (w,) in uow.conn.exec_driver_sql("SELECT waybill FROM shipments")]


def test_a_code_names_its_outlet() -> None:
    from outlet_pos.central.enrollment import new_code
    from outlet_pos.sync.enroll import code_outlet

    assert code_outlet(new_code(1301)) == 1301
    assert code_outlet("ABCD-EFGH-JKLM-NPQR") is None  # a code of the older kind


def test_another_outlets_code_is_refused_and_nothing_changes(app, srv) -> None:
    set_language("id")
    code = srv.add_outlet(1301)
    with pytest.raises(SyncError) as e:
        _enroll(app, srv, code)
    assert e.value.kind == CONFIG
    assert tr(e.value.message).startswith("kode pendaftaran ini untuk outlet lain")
    assert enrolled_server(app.db.uow) is None and _meta(app, "terminal") == "3"
    assert _devices(srv) == [] and _codes_used(srv) == [None]  # the code is still good
    # A code of the older kind (no outlet in it) is refused by the server, told our outlet.
    with srv.engine.begin() as c:
        c.execute(insert(EnrollmentCode.__table__).values(
            code_hash=_hash_code("ABCD-EFGH-JKLM-NPQR"), outlet=1301,
            created_at="2026-01-01T00:00:00+00:00", expires_at="2999-01-01T00:00:00+00:00"))
    with pytest.raises(SyncError) as e:
        _enroll(app, srv, "ABCD-EFGH-JKLM-NPQR")
    assert e.value.kind == CONFIG and "outlet 42" in e.value.message
    assert enrolled_server(app.db.uow) is None and _devices(srv) == []
    assert _codes_used(srv) == [None, None]
    # The server checks it itself, whoever asks.
    with pytest.raises(AuthError) as refused:
        enroll(srv.engine, utc_now, code, 3, wire.public_key_of(wire.new_device_key()), None,
               outlet=42)
    assert refused.value.code == "wrong_outlet" and _devices(srv) == []
    assert _codes_used(srv) == [None, None]


@pytest.fixture
def cli(monkeypatch, capsys):
    """The command line in this process (a subprocess costs seconds each): exit code,
    stdout, stderr; in Indonesian."""
    monkeypatch.setenv("OUTLET_POS_KEYSTORE", "file")

    def run_cli(d: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        monkeypatch.setattr(STDIN, "_lines", None)  # it reads the stdin of its first use
        code = main(["--lang", "id", *args, "--data-dir", str(d)])
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run_cli
    set_language("id")


LOGIN = ("--user", "manajer", "--password-stdin")
PW = "rahasia-manajer\n"


def _init(cli, d: Path, outlet: int) -> None:
    assert cli(d, "init", "--outlet-number", str(outlet), "--terminal", "1", "--manager",
               "manajer", "--password-stdin", stdin=PW)[0] == 0


def test_the_command_line_refuses_another_outlets_code_exit_2(tmp_path, srv, cli) -> None:
    d = tmp_path / "data"
    _init(cli, d, 1201)
    code, out, err = cli(d, "enroll", "--server", srv.url, "--code", srv.add_outlet(1301),
                         *LOGIN, stdin=PW)
    assert code == 2, (out, err)
    assert "kode pendaftaran ini untuk outlet lain, bukan outlet 1201" in err
    assert "terdaftar" not in out
    assert '"enrolled": false' in cli(d, "sync", "status", "--json")[1]
    assert _devices(srv) == [] and _codes_used(srv) == [None]


def _second_pc(tmp_path: Path, clock) -> App:
    return init_outlet(Settings(tmp_path / "pc2", keystore="file"), outlet_number=42,
                       terminal=3, manager=MANAGER[0], password=MANAGER[1],
                       outlet_name="Outlet Uji", clock=clock)


def test_two_pcs_for_one_terminal_never_share_a_waybill_series(app, central, clock,
                                                                tmp_path) -> None:
    """On SQLite and on PostgreSQL (the server's enrolment locks the outlet's row)."""
    set_language("id")
    srv = central
    pc1, boss1 = app, app.auth.login(*MANAGER)
    first = _enroll(pc1, srv)
    booked1 = book_random(pc1, boss1, 2, seed=1)
    assert pc1.sync.sync_once().applied == 2
    # The technician replaces PC1 (thought dead) by PC2, set up as the same terminal 3.
    pc2 = _second_pc(tmp_path, clock)
    try:
        second = _enroll(pc2, srv)
        assert second.replaced == (first.device_id,)
        assert second.terminal != 3  # terminal 3's series is PC1's database's
        assert _meta(pc2, "terminal") == str(second.terminal)
        assert [(d.terminal, d.status) for d in _devices(srv)] == [
            (3, "revoked"), (second.terminal, "active")]
        boss2 = pc2.auth.login(*MANAGER)
        booked2 = book_random(pc2, boss2, 2, seed=1)  # same orders
        # The running app follows: its day closing is its new terminal's, which the server
        # takes (it refuses a closing of a terminal the device does not hold).
        assert pc2.outlet.terminal == second.terminal
        pc2.closing.close_day(boss2, counted_cash=0,
                            note="kas belum dihitung pada uji ini")
        assert pc2.sync.sync_once().applied == 3 and pc2.sync.status().parked == 0
        # PC1 is alive after all and has not heard yet: it books in its own series.
        late = book_random(pc1, boss1, 1, seed=2)
        report = pc1.sync.sync_once()
        assert report.error is not None and report.error.code == "revoked"
        with pytest.raises(DeviceRevoked) as refused:
            book_random(pc1, boss1, 1, seed=3)
        assert "tidak boleh mencatat kiriman lagi" in tr(refused.value.args[0])
        assert len(_local_waybills(pc1)) == 3  # nothing was booked by the refusal
        everywhere = booked1 + late + booked2
        assert len(set(everywhere)) == len(everywhere) == 5
        at_server = [s["waybill"] for s in server_shipments(srv, 42)]
        assert sorted(at_server) == sorted(booked1 + booked2)
        assert {parse_waybill(w).terminal for w in booked2} == {second.terminal}
        assert {parse_waybill(w).terminal for w in booked1 + late} == {3}
    finally:
        pc2.close()


def test_the_same_pc_enrolling_again_keeps_its_terminal_and_revokes_its_old_device(
        app, srv) -> None:
    first = _enroll(app, srv)
    again = _enroll(app, srv)
    assert again.terminal == 3 and again.replaced == (first.device_id,)
    assert [(d.terminal, d.status) for d in _devices(srv)] == [(3, "revoked"), (3, "active")]
    book_random(app, app.auth.login(*MANAGER), 1)
    assert app.sync.sync_once().applied == 1


def test_a_revoked_pc_refuses_to_book_until_enrolled_again(app, srv) -> None:
    set_language("id")
    boss = app.auth.login(*MANAGER)
    first = _enroll(app, srv)
    book_random(app, boss, 1, seed=1)
    assert revoke(srv.engine, utc_now, first.device_id)  # the head office revokes it
    book_random(app, boss, 1, seed=2)  # not heard yet: offline, it books
    report = app.sync.sync_once()
    assert report.error is not None and report.error.code == "revoked"
    assert tr(report.error.message) == "terminal ini dicabut di server; daftarkan lagi"
    with pytest.raises(DeviceRevoked):
        book_random(app, boss, 1, seed=3)
    assert _enroll(app, srv).terminal == 3  # the same database: its series goes on
    book_random(app, boss, 1, seed=4)
    assert app.sync.sync_once().applied == 3
    assert len(server_shipments(srv, 42)) == 3


def test_a_running_worker_picks_up_an_enrolment_made_by_another_process(app, srv,
                                                                         reopen) -> None:
    boss = app.auth.login(*MANAGER)
    first = _enroll(app, srv)
    book_random(app, boss, 1, seed=1)
    assert app.sync.sync_once().applied == 1
    assert revoke(srv.engine, utc_now, first.device_id)
    book_random(app, boss, 1, seed=2)
    assert app.sync.sync_once().error.code == "revoked"
    # The window (this App) keeps running; the technician enrolls from the command line,
    # which opens the same database with its own keys, as its own process does.
    cli = reopen()
    _enroll(cli, srv)
    done = threading.Event()

    def listen(s: SyncStatus) -> None:
        if s.enrolled and s.queue_depth == 0 and s.online:
            done.set()

    app.worker.interval_s = 0.2
    app.sync.subscribe(listen)
    app.sync.start()
    try:
        app.sync.sync_now()
        assert done.wait(30), app.sync.status()
    finally:
        app.sync.stop()
    book_random(app, boss, 1, seed=4)  # and it books again: its new device is not revoked
    assert app.sync.sync_once().applied == 1
    assert len(server_shipments(srv, 42)) == 3


def test_the_command_line_tells_the_technician_and_the_old_pc_refuses_to_book(tmp_path,
                                                                              srv, cli) -> None:
    pc1, pc2 = tmp_path / "pc1", tmp_path / "pc2"
    for d in (pc1, pc2):
        _init(cli, d, 1201)
    code, out, err = cli(pc1, "enroll", "--server", srv.url, "--code", srv.add_outlet(1201),
                         *LOGIN, stdin=PW)
    assert code == 0 and "terdaftar: outlet 1201 terminal 1 " in out, err
    code, out, err = cli(pc2, "enroll", "--server", srv.url, "--code", srv.add_outlet(1201),
                         *LOGIN, stdin=PW)
    assert code == 0, err
    old = _devices(srv)[0].id
    assert f"perangkat {old} sebelumnya memakai terminal ini dan sekarang dicabut" in out
    assert "server memberi PC ini terminal 2" in out
    assert "terdaftar: outlet 1201 terminal 2 " in out
    code, out, err = cli(pc1, "sync", "--once")
    assert code == 1 and "terminal ini dicabut di server" in err
    code, out, err = cli(pc1, "book", "--json", str(EXAMPLE), *LOGIN, stdin=PW)
    assert code == 2 and "PC ini tidak boleh mencatat kiriman lagi" in err
    assert cli(pc2, "book", "--json", str(EXAMPLE), *LOGIN, stdin=PW)[0] == 0


def _provisioning_file(srv: CentralServer, path: Path, outlet: int, terminal: int) -> Path:
    srv.add_outlet(outlet)
    creds = provision(srv.engine, utc_now, outlet, terminal)
    path.write_text(json.dumps({"format": "outlet-pos-provisioning", "server": srv.url,
                                "tariff_public_key": srv.secrets.tariff_public_key, **creds}))
    return path


def test_a_provisioning_file_is_checked_too_and_its_terminal_adopted(app, srv,
                                                                     tmp_path) -> None:
    set_language("id")
    boss = app.auth.login(*MANAGER)
    other = _provisioning_file(srv, tmp_path / "lain.json", 1301, 1)
    with pytest.raises(SyncError) as e:
        app.enrolment.offline(boss, other)
    assert e.value.kind == CONFIG
    assert tr(e.value.message) == ("lain.json untuk outlet 1301, bukan outlet 42: minta "
                                   "berkas untuk outlet ini ke kantor pusat. Tidak ada yang "
                                   "diubah.")
    assert enrolled_server(app.db.uow) is None and _meta(app, "terminal") == "3"
    ours = _provisioning_file(srv, tmp_path / "kita.json", 42, 5)
    app.enrolment.offline(boss, ours)
    assert _meta(app, "terminal") == "5"
    waybill = book_random(app, boss, 1)[0]
    assert parse_waybill(waybill).terminal == 5 and app.outlet.terminal == 5
    assert app.sync.sync_once().applied == 1


def test_pcs_enrolling_at_the_same_moment_get_distinct_terminals(central) -> None:
    """Six PCs of one outlet ask for the same terminal at once: each gets its own number,
    and no terminal has two active devices (the outlet's row is locked first)."""
    codes = [central.add_outlet(77) for _ in range(6)]
    answers: list[requests.Response] = []
    start = threading.Barrier(len(codes))

    def one(code: str) -> None:
        start.wait(10)
        answers.append(requests.post(central.url + "/v1/enroll", json={
            "code": code, "terminal": 1, "public_key": wire.public_key_of(wire.new_device_key()),
            "outlet": 77}, timeout=30))

    threads = [threading.Thread(target=one, args=(c,)) for c in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(r.status_code for r in answers) == [200] * 6, [r.text for r in answers]
    terminals = [r.json()["terminal"] for r in answers]
    assert len(set(terminals)) == 6
    active = [(d.terminal, d.status) for d in _devices(central) if d.status == "active"]
    assert len(active) == len({t for t, _ in active})
