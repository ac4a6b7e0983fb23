"""A printer that refuses, hangs, closes mid-job or reports a fault never costs a shipment.

Every case: the shipment stays booked and readable, the job fails with the
right class (and a remedy), and a retry succeeds once the printer is back.
The printer is the virtual ESC/POS printer on 127.0.0.1, over real TCP.
"""

from __future__ import annotations

import random
import socket
import time

import pytest

from outlet_pos.domain.print_faults import FaultKind, PrinterFault
from outlet_pos.domain.waybill_document import Copy
from outlet_pos.printing.virtual.server import VirtualPrinter

BOUND_S = 15  # every failure is reported within a few seconds; generous for shared CI


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def booked(app, clerk, manager, example_order):
    return app.booking.book(clerk, example_order).waybill


@pytest.fixture
def printer(tmp_path, app, manager):
    vp = VirtualPrinter(tmp_path / "paper", port=0, width_dots=576)
    vp.start()
    app.printing.configure(manager, f"net:127.0.0.1:{vp.port}", "generic-80")
    yield vp
    vp.stop()


def _fails_then_recovers(app, clerk, waybill, vp, kind: FaultKind):
    start = time.monotonic()
    [outcome] = app.printing.print_waybill(clerk, waybill, [Copy.LABEL])
    assert time.monotonic() - start < BOUND_S
    assert (outcome.status, outcome.fault) == ("failed", kind.value)
    assert outcome.message and outcome.remedy
    assert app.shipments.show(clerk, waybill).status == "booked"  # the shipment is safe
    [job] = [j for j in app.printing.failed() if j.id == outcome.job_id]
    assert job.fault == kind.value and job.attempts == 1
    vp.mode = "ok"
    again = app.printing.retry(clerk, outcome.job_id)
    assert again.ok and again.reprint == 0  # the retry is the same print, not a reprint
    assert len(vp.wait_for_jobs(1, timeout=5)) == 1
    return again


def test_refused_connection_then_printer_comes_back(app, clerk, manager, booked, tmp_path):
    port = _free_port()
    app.printing.configure(manager, f"net:127.0.0.1:{port}", "generic-80")
    [outcome] = app.printing.print_waybill(clerk, booked, [Copy.LABEL])
    assert outcome.fault == FaultKind.UNREACHABLE.value
    with VirtualPrinter(tmp_path / "paper", port=port) as vp:
        assert app.printing.retry(clerk, outcome.job_id).ok
        assert len(vp.wait_for_jobs(1, timeout=5)) == 1


def test_hanging_printer_times_out(app, clerk, booked, printer):
    printer.mode = "hang"
    _fails_then_recovers(app, clerk, booked, printer, FaultKind.TIMEOUT)


def test_printer_closing_mid_job_is_interrupted(app, clerk, booked, printer):
    printer.mode = "close_mid_job"
    _fails_then_recovers(app, clerk, booked, printer, FaultKind.INTERRUPTED)


def test_paper_out_and_cover_open_are_told_apart(app, clerk, booked, printer):
    printer.mode = "paper_out"
    _fails_then_recovers(app, clerk, booked, printer, FaultKind.PAPER_OUT)
    printer.mode = "cover_open"
    [o] = app.printing.print_waybill(clerk, booked, [Copy.RECEIPT])
    assert o.fault == FaultKind.COVER_OPEN.value


def test_silence_is_not_paper_ok(app, clerk, booked, printer):
    """A printer whose profile answers status but stays silent has failed, whatever
    python-escpos's paper_status() would say."""
    printer.mode = "silent"
    [o] = app.printing.print_waybill(clerk, booked, [Copy.LABEL])
    assert o.fault == FaultKind.TIMEOUT.value


def test_booking_never_waits_for_or_fails_because_of_the_printer(app, clerk, manager,
                                                                example_order, printer):
    printer.mode = "hang"
    booking = app.booking.book(clerk, example_order, print_copies=["label", "receipt"])
    assert len(booking.print_jobs) == 2  # queued in the booking's own transaction
    outcomes = app.printing.run_pending()
    assert [o.fault for o in outcomes] == ["timeout", "timeout"]
    printer.mode = "ok"
    assert all(app.printing.retry(clerk, o.job_id).ok for o in outcomes)
    assert len(printer.wait_for_jobs(2, timeout=5)) == 2


def test_a_job_left_sending_by_a_killed_process_becomes_retryable(app, clerk, booked,
                                                                  printer):
    [job_id] = app.printing.enqueue(clerk, booked, [Copy.LABEL])
    with app.db.uow(write=True) as uow:  # as if the process died mid-send
        uow.print_jobs.claim(job_id, "net:x", app.db.clock())
        uow.commit()
    assert app.printing.recover() == 1
    assert app.printing.retry(clerk, job_id).ok


def test_no_printer_configured_is_a_clear_fault(app, clerk, booked):
    [o] = app.printing.print_waybill(clerk, booked, [Copy.LABEL])
    assert o.fault == FaultKind.NOT_CONFIGURED.value
    with pytest.raises(PrinterFault):
        app.printing.test_page(clerk)


def test_usb_printer_that_is_absent_is_unreachable(app, clerk, manager, booked):
    app.printing.configure(manager, "usb:0416:5011", None)
    [o] = app.printing.print_waybill(clerk, booked, [Copy.LABEL])
    assert o.fault in (FaultKind.UNREACHABLE.value, FaultKind.UNSUPPORTED.value)  # no libusb
    assert app.printing.printer().profile_name == "zjiang-58"  # chosen by USB id


def test_file_printer_without_permission(app, clerk, manager, booked, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    app.printing.configure(manager, f"file:{locked / 'lp0'}", "generic-58")
    [o] = app.printing.print_waybill(clerk, booked, [Copy.LABEL])
    import os
    if os.geteuid() == 0:
        assert o.ok  # root ignores permissions
    else:
        assert o.fault == FaultKind.USB_PERMISSION.value


EXPECTED = {"refused": FaultKind.UNREACHABLE, "hang": FaultKind.TIMEOUT,
            "close_mid_job": FaultKind.INTERRUPTED, "paper_out": FaultKind.PAPER_OUT,
            "cover_open": FaultKind.COVER_OPEN, "silent": FaultKind.TIMEOUT}


def test_random_printer_faults_over_many_bookings_each_retried(app, clerk, manager, tmp_path,
                                                               example_order, sizes, figures):
    """``sizes.printer_rounds`` bookings (8 quick, 100 soak), each printed into a random
    fault: the right class, the shipment still booked and readable, its latest job
    failed with the fault and a reason (what Today shows), and after the fault clears
    the retry prints that same job."""
    figures.describe("book, print into a random printer fault (refused, hang, close "
                     "mid-job, paper out, cover open, silent), check, clear, retry")
    rng = random.Random(20261125)
    port = _free_port()
    app.printing.configure(manager, f"net:127.0.0.1:{port}", "generic-80")
    vp = VirtualPrinter(tmp_path / "paper", port=port, width_dots=576).start()
    try:
        for _ in range(sizes.printer_rounds):
            waybill = app.booking.book(clerk, example_order).waybill
            fault = rng.choice(sorted(EXPECTED))
            if fault == "refused":
                vp.stop()
            else:
                vp.mode = fault
            start = time.monotonic()
            [o] = app.printing.print_waybill(clerk, waybill, [Copy.LABEL])
            assert time.monotonic() - start < BOUND_S
            assert (o.status, o.fault) == ("failed", EXPECTED[fault].value), fault
            assert o.message and o.remedy
            shown = app.shipments.show(clerk, waybill)  # safe, and its personal data decrypts
            assert shown.status == "booked" and shown.recipient.name
            latest = app.printing.latest_jobs([waybill])[waybill]
            assert (latest.status, latest.fault) == ("failed", EXPECTED[fault].value)
            assert latest.detail  # the reason, for the clerk's list
            if fault == "refused":
                vp = VirtualPrinter(tmp_path / "paper", port=port, width_dots=576).start()
            vp.mode = "ok"
            on_paper = len(vp.jobs)
            again = app.printing.retry(clerk, o.job_id)
            assert again.ok and again.job_id == o.job_id and again.reprint == 0
            assert len(vp.wait_for_jobs(on_paper + 1, timeout=5)) == on_paper + 1
            figures.runs += 1
            figures.faults += 1
    finally:
        vp.stop()
    with app.db.uow() as uow:
        assert uow.conn.exec_driver_sql("select count(*) from shipments").scalar() == \
            sizes.printer_rounds  # every booking kept, none doubled by a retry
    assert app.printing.failed() == []  # every failed job was printed in the end
