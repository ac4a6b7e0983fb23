"""Personal data never in log records, log files, error messages or CLI output.

A workload made to fail: orders whose personal data sits in the wrong field or is
malformed (through the service and the CLI), look-ups with mangled phones,
prints to printers that refuse, run out of paper or close mid-job, syncs through
the fault proxy and to a stopped server, events the server rejects, a tampered
ciphertext. Every log record of every logger (a handler on the root logger at
DEBUG, tracebacks included), the app's log files, every exception message (with
its causes) and the CLI's output are run through the PII detector of
tests/reliability/pii.py: the canaries, Indonesian phone numbers in any
notation, the test data's names, and the exact names, phones and streets of
every order sent. Quick mode sends ``ORDERS`` bad orders; soak mode many more.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import socket
import sqlite3
import traceback
from collections import Counter
from typing import Any

import pytest

from outlet_pos.domain.errors import DomainError, ValidationError
from outlet_pos.domain.waybill import make_waybill
from outlet_pos.i18n import Msg
from outlet_pos.printing.virtual.server import VirtualPrinter
from outlet_pos.storage.crypto import TamperedData
from outlet_pos.sync.client import SyncClient
from outlet_pos.sync.worker import SyncWorker
from tests.central_server import CentralServer
from tests.fault_proxy import FaultProxy, random_faults
from tests.integration.test_cli import run
from tests.reliability import pii
from tests.shipment_factory import random_order
from tests.sync_fixtures import enroll

ORDERS = 2000 if pii.soak() else 120  # quick/soak: the switch of conftest.py
SYNC_ROUNDS = 200 if pii.soak() else 25


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))  # with the traceback, when there is one
        except Exception as e:  # a record that cannot even be formatted is a finding too
            self.lines.append(f"unformattable record {record.msg!r}: {e}")


@pytest.fixture
def capture():
    handler = Capture()
    root = logging.getLogger()
    old = root.level, logging.getLogger("outlet_pos").level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logging.getLogger("outlet_pos").setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old[0])
    logging.getLogger("outlet_pos").setLevel(old[1])


def _messages(e: BaseException) -> list[str]:
    """What a user or a log could see of an exception: its text, arguments, causes."""
    out = []
    seen = 0
    while e is not None and seen < 10:
        out += [str(e), repr(e.args), "".join(traceback.format_exception_only(type(e), e))]
        if isinstance(e, ValidationError):
            out += [f"{f}: {m}" for f, m in e.problems]
        out += [str(a) for a in e.args if isinstance(a, Msg)]
        e = e.__cause__ or e.__context__
        seen += 1
    return out


def _personal(order: Any) -> list[str]:
    """The exact personal values an order carries. A corruption only moves them to other
    fields, so the personal fields (and a party given as one string) hold them all; a
    village or postal code is public region data, not personal."""
    vals: list[str] = []

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if isinstance(v, str) and (
                        (k in ("name", "street", "email", "description", "reference")
                         and len(v.strip()) >= 6)
                        or (k == "phone" and len(v) >= 8) or k in ("sender", "recipient")):
                    vals.append(v)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(order)
    return vals


CORRUPTIONS = {
    "phone_is_a_name": lambda o, r: o["recipient"].update(phone=o["recipient"]["name"]),
    "phone_too_long": lambda o, r: o["sender"].update(phone=o["sender"]["phone"] + "99999"),
    "phone_with_letters": lambda o, r: o["recipient"].update(
        phone=o["recipient"]["phone"][:6] + "abc" + o["recipient"]["phone"][6:]),
    "name_with_control": lambda o, r: o["recipient"].update(
        name=o["recipient"]["name"] + "\x1b[31m"),
    "name_too_long": lambda o, r: o["sender"].update(name=(o["sender"]["name"] + " ") * 20),
    "name_missing": lambda o, r: o["sender"].update(name=""),
    "email_is_a_name": lambda o, r: o["recipient"].update(email=o["recipient"]["name"]),
    "street_with_nul": lambda o, r: o["recipient"]["address"].update(
        street=o["recipient"]["address"]["street"] + "\x00"),
    "village_is_a_name": lambda o, r: o["recipient"]["address"].update(
        village=o["recipient"]["name"]),
    "postal_code_is_a_phone": lambda o, r: o["recipient"]["address"].update(
        postal_code=o["recipient"]["phone"]),
    "unknown_postal_code": lambda o, r: o["recipient"]["address"].update(postal_code="99999"),
    "weight_is_a_phone": lambda o, r: o["parcel"].update(weight_kg=o["sender"]["phone"],
                                                         weight_g=None),
    "dims_are_a_name": lambda o, r: o["parcel"].update(dims=o["sender"]["name"]),
    "description_with_control": lambda o, r: o["parcel"].update(
        description=o["recipient"]["name"] + "\x07"),
    "service_is_a_name": lambda o, r: o.update(service=o["recipient"]["name"][:30]),
    "tendered_is_a_phone": lambda o, r: o.update(payment={"method": "cash",
                                                          "tendered": o["sender"]["phone"]}),
    "too_little_cash": lambda o, r: o.update(payment={"method": "cash", "tendered": 1}),
    "reference_with_control": lambda o, r: o.update(payment={
        "method": "qris", "reference": o["sender"]["phone"] + "\x00"}),
    "sender_is_text": lambda o, r: o.update(sender=f"{o['sender']['name']} "
                                                   f"{o['sender']['phone']}"),
    "insured_without_value": lambda o, r: o["parcel"].update(insured=True, declared_value=0),
}


def _bad_orders(app, n: int, seed: int) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    codes = sorted(app.directory._postal_index())
    kinds = sorted(CORRUPTIONS)
    out = []
    for i in range(n):
        o = random_order(app, rng, codes)
        if i % 5 == 0:  # canaries too, in the same wrong places
            o["sender"].update(name=pii.SENDER_NAME, phone=pii.SENDER_PHONE)
            o["recipient"].update(name=pii.RECIPIENT_NAME, phone=pii.RECIPIENT_PHONE)
        kind = kinds[i % len(kinds)]
        CORRUPTIONS[kind](o, rng)
        out.append((kind, o))
    return out


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_workload_of_failures_logs_and_says_nothing_personal(app, clerk, manager, settings,
                                                                tmp_path, capture,
                                                                example_order, figures):
    figures.describe("a workload of failures (bad orders with personal data in wrong "
                     "fields, look-ups, failing printers, failing syncs, rejections, a "
                     "tampered field, the CLI): every log record, log file line, error "
                     "message and CLI output scanned for personal data")
    messages: list[str] = []
    personal: set[str] = set()
    outcomes: Counter[str] = Counter()

    def expect_failure(what: str, fn, *errors: type[BaseException]) -> None:
        try:
            fn()
        except (errors or (DomainError,)) as e:
            messages.extend(_messages(e))
            outcomes[f"{what}: {type(e).__name__}"] += 1
        else:
            outcomes[f"{what}: accepted"] += 1

    # 1. Bad orders through the service, one by one and as batches.
    orders = _bad_orders(app, ORDERS, seed=20261125)
    for kind, order in orders:
        personal.update(_personal(order))
        assert pii.pii_in_text(json.dumps(order, ensure_ascii=False),
                               _personal(order)), kind  # the detector sees the input
        expect_failure(kind, lambda o=order: app.booking.book(clerk, o))
    for i in range(0, min(len(orders), 40), 10):
        expect_failure("batch", lambda i=i: app.booking.book_many(
            clerk, [o for _, o in orders[i:i + 10]]))
    rejected = sum(n for k, n in outcomes.items() if not k.endswith("accepted"))
    assert rejected >= 0.9 * ORDERS, outcomes  # the workload really failed

    # 2. Look-ups with mangled phones, views of numbers that do not exist.
    for phone in (pii.SENDER_PHONE + "12345", "08" + "x" * 9, pii.RECIPIENT_PHONE + "abc",
                  "+62 " + pii.SENDER_PHONE, pii.SENDER_NAME):
        personal.add(phone)
        expect_failure("lookup", lambda p=phone: app.shipments.find_customer(clerk, p))
        expect_failure("day lookup", lambda p=phone: app.shipments.day_waybills_for_phone(
            clerk, p, app.booking.business_date()))
    expect_failure("show", lambda: app.shipments.show(clerk, pii.SENDER_PHONE))
    expect_failure("void", lambda: app.shipments.void(manager, make_waybill(42, 3, 99_999_999),
                                                      "salah alamat penerima"))

    # 3. Canary shipments printed on failing printers.
    booked = [app.booking.book(clerk, pii.canary_order(example_order)).waybill
              for _ in range(3)]
    app.printing.configure(manager, f"net:127.0.0.1:{_closed_port()}", "generic-80")
    faults = [o.fault for o in app.printing.print_waybill(clerk, booked[0])]
    vp = VirtualPrinter(tmp_path / "paper", port=0, width_dots=576)
    vp.start()
    try:
        app.printing.configure(manager, f"net:127.0.0.1:{vp.port}", "generic-80")
        for mode, w in (("paper_out", booked[1]), ("close_mid_job", booked[2]),
                        ("cover_open", booked[0])):
            vp.mode = mode
            faults += [o.fault for o in app.printing.print_waybill(clerk, w)]
    finally:
        vp.stop()
    assert len([f for f in faults if f]) >= 6, faults
    for job in app.printing.failed():
        messages += [str(job.detail), str(job.fault)]

    # 4. Syncs that fail: through the fault proxy, to a stopped server, and rejections.
    srv = CentralServer(tmp_path / "central").start()
    rng = random.Random(7)
    proxy = FaultProxy(srv.port, random_faults(rng, 0.7), stall_s=0.5).start()
    try:
        enroll(app, srv, manager)
        worker = SyncWorker(app.db.uow, app.db.clock, batch_size=2, make_client=lambda cred:
                            SyncClient(proxy.url, device_id=cred.device_id, seed=cred.seed,
                                       timeout=(0.5, 0.5)))
        sync_errors = 0
        for _ in range(SYNC_ROUNDS):
            report = worker.sync_once(reference=rng.random() < 0.3)
            if report.error is not None:
                sync_errors += 1
                messages += _messages(report.error)
        proxy.pause()
        report = worker.sync_once(reference=True)
        assert report.error is not None and report.error.kind == "transient"
        messages += _messages(report.error)
        assert sync_errors >= 3, sync_errors
        # The server refuses events carrying personal data in malformed fields.
        with app.db.uow() as uow:
            items = uow.queue.batch(1) or []
        client = app.worker.client()
        import uuid
        for change in (lambda b: b["recipient"].update(name=pii.RECIPIENT_NAME + "\x00"),
                       lambda b: b.update(service=pii.SENDER_PHONE),
                       lambda b: b["recipient"].update(name=pii.RECIPIENT_NAME * 50),
                       lambda b: b.update(waybill=pii.SENDER_PHONE + "77777")):
            body = json.loads(json.dumps(items[0].body if items else
                                         {"recipient": {}, "service": "REG"}))
            change(body)
            res = client.upload([{"id": str(uuid.uuid4()), "kind": "shipment.created",
                                  "created_at": "2026-11-25T02:00:00+00:00", "body": body}],
                                None)[0]
            assert res["result"] == "rejected"
            messages.append(str(res["reason"]))
        srv.stop()
        report = app.sync.sync_once(reference=True)  # the real worker, server down
        messages += _messages(report.error)
        messages.append(app.sync.status().last_error or "")
    finally:
        proxy.stop()
        srv.close()
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        messages += [r[0] for r in c.execute("select last_error from outbox "
                                             "where last_error is not null")]
        messages += [r[0] for r in c.execute("select coalesce(detail, '') from print_jobs")]
        messages += [r[0] for r in c.execute("select details from audit_log")]

    # 5. A tampered ciphertext.
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        (ct,) = c.execute("select recipient_name_ct from shipments where waybill=?",
                          (booked[1],)).fetchone()
        c.execute("update shipments set recipient_name_ct=? where waybill=?",
                  (ct[:20] + bytes([ct[20] ^ 1]) + ct[21:], booked[1]))
        c.commit()
    expect_failure("tampered", lambda: app.shipments.show(clerk, booked[1]), TamperedData)

    # 6. The CLI with the same kinds of bad input.
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps([o for _, o in orders[:20]], ensure_ascii=False),
                        encoding="utf-8")
    cli_out = []
    for args in (("book", "--json", str(bad_file)),
                 ("customer", "find", pii.SENDER_PHONE + "12345"),
                 ("shipments", "show", pii.RECIPIENT_PHONE)):
        for lang in ("en", "id"):
            p = run(settings.data_dir, *args, "--user", "kasir1", "--password-stdin",
                    stdin="rahasia-kasir\n", lang=lang)
            assert p.returncode == 2, (args, p.stderr)
            cli_out.append(p.stdout + p.stderr)
    messages += cli_out

    # Scan everything.
    app.close()
    log_files = sorted((settings.data_dir / "logs").glob("*"))
    file_lines = [line for f in log_files for line in f.read_text("utf-8", "replace").splitlines()]
    names = sorted(personal | {pii.SENDER_NAME, pii.RECIPIENT_NAME, pii.SENDER_STREET})
    leaks = {}
    for source, texts in (("log record", capture.lines), ("log file", file_lines),
                          ("error message", messages)):
        for t in texts:
            found = pii.pii_in_text(t, names)
            if found:
                leaks.setdefault(source, []).append((t[:300], found[:3]))
    print(f"\n{len(orders)} bad orders, {sum(outcomes.values())} failing calls "
          f"({len(outcomes)} kinds), {len(faults)} print outcomes, {sync_errors} failed syncs, "
          f"{dict(proxy.counts)} proxy faults; scanned {len(capture.lines)} log records, "
          f"{len(file_lines)} log-file lines, {len(messages)} messages; "
          f"leaks: {sum(len(v) for v in leaks.values())}")
    print({k: n for k, n in outcomes.items() if k.endswith("accepted")})
    figures.runs = sum(outcomes.values()) + len(faults) + SYNC_ROUNDS + len(cli_out)
    figures.faults = rejected + len([f for f in faults if f]) + sync_errors + len(cli_out)
    figures.leaks = sum(len(v) for v in leaks.values())
    figures.detail = {"bad orders": len(orders), "log records": len(capture.lines),
                      "log file lines": len(file_lines), "messages": len(messages),
                      "proxy faults": sum(n for k, n in proxy.counts.items() if k != "pass")}
    assert len(capture.lines) > 50 and file_lines
    assert not leaks, json.dumps(leaks, ensure_ascii=False, indent=1)[:6000]
