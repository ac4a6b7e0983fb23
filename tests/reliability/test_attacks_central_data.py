"""Issue 16, findings 3 and 4 at the central server: every typed text stored encrypted,
admin output masked unless an operator names themself and a reason (audited), retention
that crypto-shreds a whole month with its key, and key rotation that keeps old data readable.

An outlet types canaries into every free-text field (names, phones, addresses, goods, the
QRIS reference, the void reason, the closing note, the reopen reason) in an old month and in
the current one, and syncs to the real server on loopback (SQLite, and PostgreSQL where it
is installed). Then the database (the file, and every row of every table read back) and the
admin commands' default output are searched for them.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from outlet_pos.central.cli import main as central
from outlet_pos.central.models import Base
from tests.central_server import CentralServer
from tests.reliability import pii
from tests.sync_fixtures import enroll

PAYREF = "QRIS Pqxrefzu 8812"
VOID = "pelanggan Vqxvoidzu minta batal"
NOTE = "selisih Nqxnotezu uang kembalian"
REOPEN = "salah hitung Rqxreopzu tadi"
AUDIT_REASON = "permintaan polisi Aqxaudzu nomor 12/XII"
TRACK_NOTE = "diterima oleh Tqxtrackzu (adik)"
FREE = ("Pqxrefzu", "Vqxvoidzu", "Nqxnotezu", "Rqxreopzu", "Aqxaudzu", "Tqxtrackzu")
MANAGER = ("manajer", "rahasia-manajer")
# PostgreSQL for what depends on the database (storage, retention's SQL, the migration);
# the rest is the same code above it.
SQLITE_ONLY = pytest.mark.parametrize("central", ["sqlite"], indirect=True)


def free_hits(data: str | bytes) -> list[str]:
    low = data.lower() if isinstance(data, bytes) else data.lower().encode()
    return [t for t in FREE if t.lower().encode() in low]


def all_hits(data: str | bytes) -> list[str]:
    raw = data if isinstance(data, bytes) else data.encode()
    return pii.hits_in_bytes(raw) + free_hits(raw)


def _months_ago(now: datetime, months: int) -> datetime:
    y, m = divmod(now.year * 12 + now.month - 1 - months, 12)
    return now.replace(year=y, month=m + 1, day=10, hour=3)


class Scene:
    def __init__(self, srv: CentralServer, tmp: Path) -> None:
        self.srv, self.secrets = srv, str(tmp / "central" / "central.secrets")
        self.old: list[str] = []
        self.new: list[str] = []
        self.old_month = self.new_month = ""
        self.app: object = None

    def cli(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        rc = central([*args[:2], "--db", self.srv.db_url, "--secrets", self.secrets,
                      *args[2:]])
        out = capsys.readouterr()
        assert "Traceback" not in out.err
        return rc, out.out, out.err

    def dump(self) -> bytes:
        """Every row of every table, read back through SQL (what a dump would hold)."""
        parts: list[bytes] = []
        with self.srv.engine.connect() as c:
            for table in Base.metadata.sorted_tables:
                for row in c.execute(select(table)):
                    for v in row:
                        parts.append(v if isinstance(v, bytes) else str(v).encode())
        return b"\n".join(parts)


def _day(app, clock, when: datetime, order: dict, out: list[str]) -> str:
    """One business day at the outlet with a canary in every free-text field; its month."""
    clock.now = when
    boss = app.auth.login(*MANAGER)
    paid = copy.deepcopy(pii.canary_order(order))
    paid["payment"] = {"method": "qris", "reference": PAYREF}
    out.append(app.booking.book(boss, paid).waybill)
    out.append(app.booking.book(boss, pii.canary_order(order, swap=True)).waybill)
    app.shipments.void(boss, out[1], VOID)
    closed = app.closing.close_day(boss, app.closing.totals(boss).cash_expected, note=NOTE)
    clock.advance(minutes=5)
    app.closing.reopen(boss, closed.business_date, REOPEN)
    return closed.business_date.strftime("%Y-%m")


@pytest.fixture
def scene(app, central, clock, example_order, tmp_path, capsys) -> Scene:
    s = Scene(central, tmp_path)
    s.app = app
    enroll(app, central, app.auth.login(*MANAGER))
    now = datetime.now(UTC)
    old, new = _months_ago(now, 16), now - timedelta(hours=2)
    s.old_month = _day(app, clock, old, example_order, s.old)
    s.new_month = _day(app, clock, new, example_order, s.new)  # WIB's month, not UTC's
    report = app.sync.sync_once()
    assert report.error is None and report.parked == 0, report
    assert app.sync.status().queue_depth == 0
    rc, _, err = s.cli(capsys, "tracking", "add", s.new[0], "--status", "delivered",
                       "--note", TRACK_NOTE)
    assert rc == 0, err
    return s


def test_typed_text_is_nowhere_in_clear_at_the_server_nor_in_default_admin_output(
        scene, capsys, tmp_path, figures):
    figures.describe("canaries in every free-text field of two days, synced; the central "
                     "database (file and every row) and the default admin output searched")
    dump_hits = all_hits(scene.dump())
    rc, listed, _ = scene.cli(capsys, "shipments", "list")
    assert rc == 0 and all(w in listed for w in scene.old + scene.new)
    rc, as_json, _ = scene.cli(capsys, "shipments", "list", "--json")
    assert rc == 0
    rows = json.loads(as_json)
    assert {r["waybill"] for r in rows} == set(scene.old + scene.new)
    masked = next(r for r in rows if r["waybill"] == scene.new[0])
    assert masked["sender"]["name"] == "K*** V*** P***"  # masked as the outlet masks
    assert masked["sender"]["phone"].startswith("+62812") and "*" in masked["sender"]["phone"]
    assert masked["payment"]["reference"] == "***" and masked["quote"]["total"] > 0
    rc, audit, _ = scene.cli(capsys, "audit", "list")
    history, _, live = scene.app.sync.track(scene.new[0])
    assert live and history[-1]["note"] == TRACK_NOTE  # the outlet still reads it
    output_hits = all_hits(listed) + all_hits(as_json) + all_hits(audit)
    file_hits: list[str] = []
    if scene.srv.db_url.startswith("sqlite"):
        scene.srv.engine.dispose()
        hits, files, _size = pii.scan_tree_in_child(tmp_path / "central")
        file_hits = hits + _free_in_tree_child(tmp_path / "central")
        assert files >= 2
        assert _bytes_in_child(tmp_path / "central", [scene.new[0].encode()])  # control
    else:  # PostgreSQL: its own files for this database, after a checkpoint
        base = _database_files(scene)
        hits, files, size = pii.scan_tree_in_child(base)
        file_hits = hits + _free_in_tree_child(base)
        assert files > 10 and size > 1_000_000, (files, size)
        assert _bytes_in_child(base, [scene.new[0].encode()])  # control: rows are in there
    figures.runs, figures.faults = 3, len(pii.TOKENS) + len(FREE)
    figures.leaks = len(dump_hits) + len(output_hits) + len(file_hits)
    assert dump_hits == [] and output_hits == [] and file_hits == []


def _free_in_tree_child(root: Path) -> list[str]:
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_free_in_tree, (str(root),))


def _free_in_tree(root: str) -> list[str]:
    return [f"{p}: {t}" for p in sorted(Path(root).rglob("*")) if p.is_file()
            for t in free_hits(p.read_bytes())]


@SQLITE_ONLY
def test_unmasked_output_needs_operator_and_reason_and_is_audited(scene, capsys):
    for extra in ((), ("--operator", "ani.admin"), ("--reason", AUDIT_REASON),
                  ("--operator", " ", "--reason", AUDIT_REASON),
                  ("--operator", "ani.admin", "--reason", "x")):
        rc, out, err = scene.cli(capsys, "shipments", "list", "--json", "--unmasked", *extra)
        assert rc == 2 and out == "" and "--operator" in err and "--reason" in err, err
    rc, _, _ = scene.cli(capsys, "audit", "list", "--json")
    assert rc == 0
    rc, out, err = scene.cli(capsys, "shipments", "list", "--json", "--unmasked",
                             "--waybill", scene.new[0], "--operator", "ani.admin",
                             "--reason", AUDIT_REASON)
    assert rc == 0, err
    (row,) = json.loads(out)
    assert row["sender"]["name"] == pii.SENDER_NAME and row["payment"]["reference"] == PAYREF
    assert row["parcel"]["description"] == pii.DESCRIPTION
    assert AUDIT_REASON.encode() not in scene.dump()  # the reason is encrypted too
    rc, out, _ = scene.cli(capsys, "audit", "list", "--json")
    (entry,) = json.loads(out)
    assert entry["operator"] == "ani.admin" and entry["records"] == 1
    assert entry["waybills"] == [scene.new[0]] and entry["command"] == "shipments list"
    assert entry["reason"] == "***" and entry["at"]
    rc, _, err = scene.cli(capsys, "audit", "list", "--unmasked")
    assert rc == 2 and "--operator" in err
    rc, out, _ = scene.cli(capsys, "audit", "list", "--json", "--unmasked", "--operator",
                           "budi.dpo", "--reason", "pemeriksaan berkala DPO")
    entries = json.loads(out)
    assert entries[0]["reason"] == AUDIT_REASON
    assert [e["operator"] for e in entries] == ["ani.admin", "budi.dpo"]  # reading is audited
    with scene.srv.engine.connect() as c:
        assert c.execute(text("select count(*) from admin_audit")).scalar() == 2


def test_retention_shreds_the_old_month_and_keeps_its_figures(scene, capsys, figures, app,
                                                              clock, example_order):
    figures.describe("retention at the server: the month 16 months back shredded with its "
                     "key, the current month kept; run twice")
    who = ("--operator", "ani.admin", "--reason", "uji retensi bulanan")
    before = {r["waybill"]: r for r in json.loads(scene.cli(
        capsys, "shipments", "list", "--json", "--unmasked", *who)[1])}
    wrapped = _wrapped_keys(scene, scene.old_month)
    assert wrapped, "the old month has its own key"
    rc, out, err = scene.cli(capsys, "retention", "run", "--months", "12")
    assert rc == 0, err
    assert "shipments shredded: 2" in out and "closings shredded: 1" in out, out
    assert scene.old_month in out
    rc, again, _ = scene.cli(capsys, "retention", "run", "--months", "12")
    assert rc == 0 and "shipments shredded: 0" in again and "keys destroyed: 0" in again
    after = {r["waybill"]: r for r in json.loads(scene.cli(
        capsys, "shipments", "list", "--json", "--unmasked", *who)[1])}
    for w in scene.old:
        assert after[w]["shredded"] is True and after[w]["sender"] is None
        assert after[w]["quote"] == before[w]["quote"]  # figures kept
        assert after[w]["parcel"]["weight_g"] == before[w]["parcel"]["weight_g"]
        assert after[w]["payment"]["method"] == before[w]["payment"]["method"]
    assert after[scene.old[1]]["status"] == "void"
    for w in scene.new:
        assert after[w] == before[w]
    dump = scene.dump()
    assert all(w not in dump for w in wrapped)  # the key itself is gone
    assert _wrapped_keys(scene, scene.old_month) == []
    assert _bytes_in_child(_database_files(scene), wrapped) == []  # nor in free space
    # A shipment of the shredded month that syncs only now is kept without its personal part.
    clock.now = datetime.fromisoformat(f"{scene.old_month}-20T03:00:00+00:00")
    late = app.booking.book(app.auth.login(*MANAGER), pii.canary_order(example_order)).waybill
    assert app.sync.sync_once().error is None
    (row,) = json.loads(scene.cli(capsys, "shipments", "list", "--json", "--unmasked",
                                  "--waybill", late, *who)[1])
    assert row["shredded"] is True and row["sender"] is None and row["quote"]["total"] > 0
    assert _wrapped_keys(scene, scene.old_month) == []  # no new key for a shredded month
    assert pii.hits_in_bytes(scene.dump()) == []
    figures.runs, figures.faults = 3, len(wrapped)


def _database_files(scene: Scene) -> Path:
    """Where the database's own files are: the SQLite directory, or PostgreSQL's
    ``base/<oid>`` after a checkpoint."""
    if scene.srv.db_url.startswith("sqlite"):
        return Path(scene.secrets).parent
    with scene.srv.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("CHECKPOINT")
        return Path(c.exec_driver_sql("SHOW data_directory").scalar()) / "base" / str(
            c.exec_driver_sql("select oid from pg_database "
                              "where datname = current_database()").scalar())


def _wrapped_keys(scene: Scene, period: str) -> list[bytes]:
    with scene.srv.engine.connect() as c:
        return [r[0] for r in c.execute(text(
            "select wrapped from data_keys where period = :p and wrapped is not null"),
            {"p": period})]


def _bytes_in_child(root: Path, needles: list[bytes]) -> list[str]:
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_bytes_in_tree, (str(root), needles))


def _bytes_in_tree(root: str, needles: list[bytes]) -> list[str]:
    return [str(p) for p in Path(root).rglob("*") if p.is_file()
            for n in needles if n in p.read_bytes()]


@SQLITE_ONLY
def test_rotation_makes_a_new_key_and_old_data_stays_readable(scene, app, clock, capsys,
                                                              example_order):
    who = ("--operator", "ani.admin", "--reason", "uji rotasi kunci")
    rc, out, err = scene.cli(capsys, "keys", "rotate")
    assert rc == 0 and scene.new_month in out, err
    later: list[str] = []
    _day(app, clock, clock.now + timedelta(days=1), example_order, later)
    assert app.sync.sync_once().error is None
    rc, out, _ = scene.cli(capsys, "keys", "list")
    assert rc == 0 and "active" in out and "retired" in out
    with scene.srv.engine.connect() as c:
        ids = {w: c.execute(text("select personal_ct from shipments where waybill = :w"),
                            {"w": w}).scalar()[1:5] for w in scene.new + later}
    assert ids[later[0]] != ids[scene.new[0]]  # sealed under the new key
    rows = {r["waybill"]: r for r in json.loads(scene.cli(
        capsys, "shipments", "list", "--json", "--unmasked", *who)[1])}
    for w in scene.old + scene.new + later:
        assert rows[w]["sender"]["name"] in (pii.SENDER_NAME, pii.RECIPIENT_NAME)
    assert rows[scene.new[0]]["payment"]["reference"] == PAYREF


def _to_legacy(scene: Scene) -> None:
    """Rewrite the rows as the server stored them before per-month keys: personal data
    sealed with the secrets file's key itself (version 1), the payment reference, closing
    note and reopen reason in clear; no data_keys."""
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from outlet_pos.central.keyring import Keyring, open_text
    from outlet_pos.protocol.wire import unb64

    key = scene.srv.secrets.data_key

    def v1(plain: bytes, aad: str) -> bytes:
        nonce = os.urandom(12)
        return b"\x01" + nonce + AESGCM(key).encrypt(nonce, plain, aad.encode())

    with scene.srv.engine.begin() as c:
        opener = Keyring(scene.srv.secrets).opener(c)
        for r in c.execute(text("select id, figures_json, personal_ct, void_reason_ct "
                                "from shipments")).all():
            personal = json.loads(opener.open(r.personal_ct, f"shipments/{r.id}"))
            figures = json.loads(r.figures_json)
            figures["payment"]["reference"] = personal.pop("payment_reference")
            why = r.void_reason_ct and v1(opener.open(r.void_reason_ct,
                                                      f"shipments/{r.id}/void"),
                                          f"shipments/{r.id}/void")
            c.execute(text("update shipments set figures_json = :f, personal_ct = :p, "
                           "void_reason_ct = :v where id = :i"),
                      {"f": json.dumps(figures), "i": r.id, "v": why,
                       "p": v1(json.dumps(personal).encode(), f"shipments/{r.id}")})
        for r in c.execute(text("select id, body_json from day_closings")).all():
            body = json.loads(r.body_json)
            aad = f"day_closings/{body['outlet']}/{body['terminal']}/{body['sequence']}"
            body["note"] = json.loads(opener.open(unb64(body.pop("note_ct")), f"{aad}/note"))
            body["reopened"]["reason"] = json.loads(opener.open(
                unb64(body["reopened"].pop("reason_ct")), f"{aad}/reason"))
            c.execute(text("update day_closings set body_json = :b where id = :i"),
                      {"b": json.dumps(body, sort_keys=True), "i": r.id})
        for r in c.execute(text("select id, waybill, at, note from tracking "
                                "where note is not null")).all():
            c.execute(text("update tracking set note = :n where id = :i"), {"i": r.id, "n": (
                open_text(opener, r.note, f"tracking/{r.waybill}/{r.at}"))})
        c.execute(text("update shipments set business_date = :d where waybill = :w"),
                  {"d": scene.old_month.replace("-", "") + "10", "w": scene.old[0]})
        c.execute(text("delete from data_keys"))


def test_data_stored_before_period_keys_still_reads_and_migrates(scene, capsys):
    who = ("--operator", "ani.admin", "--reason", "uji migrasi kunci")
    before = json.loads(scene.cli(capsys, "shipments", "list", "--json", "--unmasked",
                                  *who)[1])
    _to_legacy(scene)
    assert set(free_hits(scene.dump())) >= {"Pqxrefzu", "Nqxnotezu", "Rqxreopzu", "Tqxtrackzu"}
    rc, out, err = scene.cli(capsys, "shipments", "list", "--json", "--unmasked", *who)
    assert rc == 0 and json.loads(out) == before, err  # the old single key still opens
    # (one old row's date in the other ISO form a server took before it checked)
    rc, out, err = scene.cli(capsys, "keys", "migrate")
    assert rc == 0 and "4 shipments, 2 closings, 1 tracking notes" in out, (out, err)
    assert all_hits(scene.dump()) == []
    if scene.srv.db_url.startswith("sqlite"):  # nor in the file's free pages or its log
        assert _free_in_tree_child(Path(scene.secrets).parent) == []
    else:
        assert "VACUUM FULL shipments, day_closings, tracking" in out
    with scene.srv.engine.connect() as c:
        versions = {r[0][:1] for r in c.execute(text("select personal_ct from shipments"))}
    assert versions == {b"\x02"}
    assert json.loads(scene.cli(capsys, "shipments", "list", "--json", "--unmasked",
                                *who)[1]) == before
    assert "0 shipments, 0 closings, 0 tracking" in scene.cli(capsys, "keys", "migrate")[1]
    rc, out, _ = scene.cli(capsys, "retention", "run", "--months", "12")
    assert rc == 0 and "shipments shredded: 2" in out and "closings shredded: 1" in out


@SQLITE_ONLY
def test_a_ciphertext_or_key_moved_to_another_row_is_refused_not_misread(scene, capsys):
    who = ("--operator", "ani.admin", "--reason", "uji perusakan data")
    a, b = scene.new[0], scene.old[0]
    with scene.srv.engine.begin() as c:
        blobs = {w: c.execute(text("select personal_ct from shipments where waybill = :w"),
                              {"w": w}).scalar() for w in (a, b)}
        for w, other in ((a, b), (b, a)):
            c.execute(text("update shipments set personal_ct = :p where waybill = :w"),
                      {"p": blobs[other], "w": w})
    rc, out, err = scene.cli(capsys, "shipments", "list", "--json", "--unmasked", *who)
    assert rc == 1 and "failed authentication" in err and out == ""
    assert all_hits(err) == []
    with scene.srv.engine.begin() as c:
        for w in (a, b):
            c.execute(text("update shipments set personal_ct = :p where waybill = :w"),
                      {"p": blobs[w], "w": w})
        c.execute(text("update data_keys set period = '1999-01' where period = :p"),
                  {"p": scene.new_month})  # a key relabelled as another month's
    rc, out, err = scene.cli(capsys, "shipments", "list", "--json", "--unmasked", *who)
    assert rc == 1 and "data key of 1999-01 failed authentication" in err and out == ""


@SQLITE_ONLY
def test_a_business_date_in_another_iso_form_is_rejected_not_filed_under_another_month(
        enrolled, central):
    """``date.fromisoformat`` also takes ``20251125`` and ``2025-W48-2``; stored as sent, such a
    date sorts after every ``2025-12-..`` and would escape retention (or crash the sealing)."""
    from tests.shipment_factory import book_random
    from tests.sync_fixtures import pending_bodies

    book_random(enrolled, enrolled.auth.login(*MANAGER), 1)
    (event_id, (kind, body)), = pending_bodies(enrolled).items()
    client = enrolled.worker.client()
    for n, odd in enumerate(("20251125", "2025-W48-2")):
        ev = {"id": f"{event_id[:-1]}{n}", "kind": kind, "created_at": body["booked_at"],
              "body": {**body, "business_date": odd}}
        (result,) = client.upload([ev], None)
        assert result["result"] == "rejected" and "business_date" in result["reason"]
    closing = {"schema": 1, "outlet": body["outlet"], "terminal": body["terminal"],
               "sequence": 9, "business_date": "20251125", "note": NOTE}
    (result,) = client.upload([{"id": f"{event_id[:-1]}9", "kind": "day.closed",
                                "created_at": body["booked_at"], "body": closing}], None)
    assert result["result"] == "rejected" and "business_date" in result["reason"]
