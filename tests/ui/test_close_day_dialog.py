"""The Z report dialog: counted from notes and coins, the difference live, a note required
when the cash is off, the closing made and its number shown; the day then locked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from outlet_pos.domain.money import format_rupiah
from outlet_pos.services.closing import DENOMINATIONS
from outlet_pos.ui.pages.close_day_dialog import CloseDayDialog
from tests.conftest import CLERK, MANAGER
from tests.shipment_factory import book_random
from tests.ui.daybook import audit_rows, busy_day

TIMEOUT = 15_000


@pytest.fixture
def dialog(app, clock, qtbot):
    busy_day(app, clock, per_clerk=20, voids=3)
    boss = app.auth.login(*MANAGER)
    d = CloseDayDialog(app, boss, app.outlet.business_date(clock()))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.ok.isEnabled(), timeout=TIMEOUT)  # cash expected loaded
    return d


def _greedy(amount: int) -> tuple[dict[int, int], int]:
    """Notes and coins for ``amount``, and what is left below the smallest coin."""
    counts = {}
    for face in DENOMINATIONS:
        counts[face], amount = divmod(amount, face)
    return counts, amount


def _confirm(qtbot, dialog: CloseDayDialog) -> None:
    """Say yes to the confirmation the dialog asks before it closes the day."""
    qtbot.waitUntil(lambda: dialog.confirm is not None and dialog.confirm.isVisible(),
                    timeout=TIMEOUT)
    assert dialog.confirm_yes is not None
    dialog.confirm_yes.click()


def _count(dialog: CloseDayDialog, amount: int) -> int:
    counts, rest = _greedy(amount)
    for face, n in counts.items():
        dialog.spins[face].setValue(n)
    return rest


def test_counted_and_difference_follow_the_counts(app, dialog, qtbot):
    expected = app.closing.totals(app.auth.login(*MANAGER)).cash_expected
    assert expected > 0 and dialog.expected == expected
    assert dialog.expected_label.text() == format_rupiah(expected)
    totals = app.closing.totals(app.auth.login(*MANAGER))
    assert dialog.summary.text() == (f"{totals.business_date.isoformat()}: "
                                     f"{totals.shipments} kiriman (3 batal), pendapatan "
                                     f"{format_rupiah(totals.revenue)}")
    dialog.spins[100_000].setFocus()
    qtbot.keyClick(dialog.spins[100_000], Qt.Key.Key_Tab)  # Tab selects the next count
    spin = dialog.spins[50_000]
    assert spin.hasFocus() and spin.lineEdit().selectedText() == "0"
    qtbot.keyClicks(spin.lineEdit(), "3")  # typed over the 0, as a cashier would
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert dialog.spins[20_000].hasFocus()  # the next denomination comes next
    dialog.spins[500].setValue(3)
    assert dialog.total_counted() == 151_500
    assert dialog.lines[50_000].text() == "Rp 150.000" and dialog.lines[500].text() == "Rp 1.500"
    assert dialog.counted.text() == "Rp 151.500"
    assert dialog.difference.text() == format_rupiah(151_500 - expected)
    assert "b00020" in dialog.difference.styleSheet()  # coloured when off
    assert dialog.note_hint.text().startswith("wajib")

    rest = _count(dialog, expected)
    # Tariffs and insurance leave odd rupiah no coin can make up: the count is that short.
    assert dialog.difference.text() == format_rupiah(-rest)
    _count(dialog, 0)
    dialog.expected = 0  # as on a day without cash sales
    dialog._recount()
    assert dialog.difference.text() == "Rp 0" and dialog.difference.styleSheet() == ""
    assert dialog.note_hint.text() == "tidak wajib"


def test_a_difference_needs_a_note_then_the_day_closes(app, dialog, qtbot, clock):
    boss = app.auth.login(*MANAGER)
    expected = dialog.expected
    rest = _count(dialog, expected)
    dialog.spins[1_000].setValue(dialog.spins[1_000].value() + 2)  # Rp 2.000 too much
    diff = 2_000 - rest
    dialog.ok.click()
    assert "Catatan" in dialog.message.text() and format_rupiah(diff) in dialog.message.text()
    assert dialog.note.hasFocus() or not dialog.isActiveWindow()
    assert app.closing.current(boss) is None  # nothing closed

    dialog.note.setPlainText("kembalian pelanggan lupa diambil")
    dialog.ok.click()
    with qtbot.waitSignal(dialog.closed, timeout=TIMEOUT) as closed:
        _confirm(qtbot, dialog)
    closing = closed.args[0]
    assert closing.sequence == 1 and closing.difference == diff
    assert closing.cash_counted == expected + diff and closing.note.startswith("kembalian")
    assert "1" in dialog.message.text() and not dialog.ok.isVisible()
    assert not dialog.spins[100_000].isEnabled()
    assert dialog.cancel.text() == "&Selesai"
    assert app.closing.current(boss).denominations[1_000] == dialog.spins[1_000].value()
    assert audit_rows(app, "day_closed")[-1][2] == {"sequence": 1, "difference": diff}

    # The day is locked: a new booking goes to the next business day.
    today = app.outlet.business_date(clock())
    w = book_random(app, app.auth.login(*CLERK), 1, seed=99)[0]
    assert app.shipments.show(boss, w).business_date == today + timedelta(days=1)


def test_closing_exactly_needs_no_note(app, qtbot, clock):
    boss = app.auth.login(*MANAGER)
    clerk = app.auth.login(*CLERK)
    while True:  # a day whose cash notes and coins can make up exactly
        book_random(app, clerk, 1, seed=clock().microsecond)
        clock.advance(seconds=1)
        expected = app.closing.totals(boss).cash_expected
        if expected and expected % 100 == 0:
            break
    dialog = CloseDayDialog(app, boss, app.outlet.business_date(clock()))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=TIMEOUT)
    assert _count(dialog, dialog.expected) == 0
    dialog.ok.click()
    with qtbot.waitSignal(dialog.closed, timeout=TIMEOUT) as closed:
        _confirm(qtbot, dialog)
    assert closed.args[0].difference == 0 and closed.args[0].note is None
    assert closed.args[0].cash_counted == expected


def test_a_second_closing_of_the_same_day_is_refused(app, dialog, qtbot):
    boss = app.auth.login(*MANAGER)
    app.closing.close_day(boss, counted_cash=dialog.expected)  # e.g. from the CLI meanwhile
    _count(dialog, dialog.expected)
    dialog.note.setPlainText("uang logam kurang")
    dialog.ok.click()
    _confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=TIMEOUT)
    assert "ditutup" in dialog.message.text() or "closed" in dialog.message.text()
    assert dialog.closing is None


@pytest.fixture
def vprinter(tmp_path):
    from outlet_pos.printing.virtual.server import VirtualPrinter

    p = VirtualPrinter(tmp_path / "paper", port=0)
    p.start()
    yield p
    p.stop()


def test_closing_asks_first_showing_the_figures_and_back_closes_nothing(app, dialog, qtbot):
    boss = app.auth.login(*MANAGER)
    totals = app.closing.totals(boss)
    _count(dialog, 100_000)
    dialog.note.setPlainText("sebagian kas disetor siang")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.confirm is not None and dialog.confirm.isVisible(),
                    timeout=TIMEOUT)
    box = dialog.confirm
    shown = f"{box.text()}\n{box.informativeText()}"
    for expected in (totals.business_date.isoformat(), f"{totals.shipments} kiriman",
                     "3 batal", format_rupiah(totals.revenue),
                     format_rupiah(totals.cash_expected), format_rupiah(100_000),
                     format_rupiah(100_000 - totals.cash_expected), "hari berikutnya"):
        assert expected in shown, (expected, shown)
    assert box.defaultButton() is not dialog.confirm_yes  # Enter twice closes nothing
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.confirm is None, timeout=TIMEOUT)
    assert app.closing.current(boss) is None and dialog.ok.isEnabled()
    assert dialog.spins[100_000].isEnabled()
    assert app.printing.failed() == [] and audit_rows(app, "day_closed") == []


def test_the_z_report_prints_on_the_receipt_printer_and_the_pdf_is_saved(
        app, dialog, qtbot, vprinter, exports_in_tmp):
    import stat

    from outlet_pos.printing.profiles import get_profile
    from outlet_pos.printing.virtual.interpreter import transcribe_escpos

    boss = app.auth.login(*MANAGER)
    app.printing.configure(boss, f"net:127.0.0.1:{vprinter.port}", "generic-58")
    _count(dialog, dialog.expected)
    dialog.note.setPlainText("koin kurang di laci")
    dialog.ok.click()
    with qtbot.waitSignal(dialog.closed, timeout=TIMEOUT):
        _confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.z_state.text() == "Laporan Z tercetak.", timeout=TIMEOUT)
    assert not dialog.z_retry.isVisible()
    (job,) = vprinter.wait_for_jobs(1, timeout=10)
    text = "\n".join(transcribe_escpos(job.bin_path.read_bytes(),
                                       get_profile("generic-58").width_dots))
    assert "LAPORAN Z" in text and "Kas seharusnya" in text
    assert format_rupiah(dialog.closing.cash_counted) in text

    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=TIMEOUT)
    path = dialog.pdf_path
    assert path.parent == exports_in_tmp and path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.is_relative_to(app.settings.data_dir)
    assert str(path) in dialog.pdf_state.text()


def test_a_printer_fault_never_loses_the_closing_and_the_z_report_prints_on_retry(
        app, dialog, qtbot, vprinter, tmp_path):
    from tests.central_server import free_port

    boss = app.auth.login(*MANAGER)
    app.printing.configure(boss, f"net:127.0.0.1:{free_port()}", "generic-80")  # printer off
    _count(dialog, dialog.expected)
    dialog.note.setPlainText("koin kurang di laci")
    dialog.ok.click()
    with qtbot.waitSignal(dialog.closed, timeout=TIMEOUT):
        _confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.z_retry.isVisible(), timeout=TIMEOUT)
    assert "TIDAK tercetak" in dialog.z_state.text()
    from tests.ui.test_day_review import _check_inputs

    _check_inputs(dialog)  # the retry button has its own Alt key and a name
    assert app.closing.current(boss) is not None  # the day is closed all the same
    assert len(app.printing.failed()) == 1  # and its Z report waits to be retried

    app.printing.configure(boss, f"net:127.0.0.1:{vprinter.port}", "generic-80")
    qtbot.mouseClick(dialog.z_retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.z_state.text() == "Laporan Z tercetak.", timeout=TIMEOUT)
    assert not dialog.z_retry.isVisible() and app.printing.failed() == []
    assert len(vprinter.wait_for_jobs(1, timeout=10)) == 1


def test_a_manager_closes_the_day_by_keyboard_at_a_persons_pace(app, dialog, qtbot, vprinter):
    """Counts typed key by key with pauses, Enter on the confirmation goes back (its
    default), the Alt key of the confirmation's own button closes; the Z report prints."""
    from tests.ui.human import Human

    boss = app.auth.login(*MANAGER)
    app.printing.configure(boss, f"net:127.0.0.1:{vprinter.port}", "generic-80")
    dialog.activateWindow()
    person = Human(qtbot, dialog)
    counts, _rest = _greedy(dialog.expected)
    for i, face in enumerate(DENOMINATIONS):
        if counts[face]:
            digit = "1234567890"[i]  # the Alt key the caption shows: Rp 100.000 (&1)…
            person.key(Qt.Key(Qt.Key.Key_0 + int(digit)), Qt.KeyboardModifier.AltModifier)
            assert dialog.spins[face].hasFocus(), face
            assert dialog.spins[face].lineEdit().selectedText() == "0"  # typed over
            person.field(str(counts[face]), Qt.Key.Key_Tab)
    assert dialog.total_counted() == sum(f * n for f, n in counts.items())
    dialog.note.setFocus()
    person.field("koin receh kurang", None)
    person.click(dialog.ok)
    qtbot.waitUntil(lambda: dialog.confirm is not None and dialog.confirm.isVisible(),
                    timeout=TIMEOUT)
    Human(qtbot, dialog.confirm).key(Qt.Key.Key_Return)  # the default: back to the count
    qtbot.waitUntil(lambda: dialog.confirm is None, timeout=TIMEOUT)
    assert app.closing.current(boss) is None
    person.click(dialog.ok)
    qtbot.waitUntil(lambda: dialog.confirm is not None and dialog.confirm.isVisible(),
                    timeout=TIMEOUT)
    box = dialog.confirm
    assert dialog.confirm_yes.text() == "Tutup &hari"
    with qtbot.waitSignal(dialog.closed, timeout=TIMEOUT):
        Human(qtbot, box).key(Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.z_state.text() == "Laporan Z tercetak.", timeout=TIMEOUT)
    assert app.closing.current(boss).note == "koin receh kurang"
