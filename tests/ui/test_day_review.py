"""The Day review page driven like a manager: a busy-ish day's totals against the service,
filters, the model tester, void and reopen with re-authentication, the exports (PDF, CSV
masked, CSV unmasked after password and reason, audited), and who sees the page."""

from __future__ import annotations

import csv
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QWidget,
)

from outlet_pos.domain.money import format_rupiah
from outlet_pos.i18n import set_language
from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.main_window import MainWindow
from outlet_pos.ui.pages.close_day_dialog import CloseDayDialog
from outlet_pos.ui.pages.day_review import DayReviewPage
from outlet_pos.ui.pages.day_review_model import kg_text
from outlet_pos.ui.reauth import ReauthDialog
from tests.conftest import CLERK, MANAGER, TECH
from tests.ui.daybook import audit_rows, busy_day

TIMEOUT = 15_000


@pytest.fixture
def day(app, clock):
    return busy_day(app, clock)


@pytest.fixture
def window(app, day, qtbot):
    w = MainWindow(app, app.auth.login(*MANAGER), start_sync=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.today.model.modelReset, timeout=TIMEOUT):
        pass  # the Today list the window loads at start
    yield w
    w.close()
    assert wait_for_background(TIMEOUT)  # no call outlives the test's outlet


@pytest.fixture
def page(window, qtbot) -> DayReviewPage:
    p = window.day_review
    assert p is not None
    with qtbot.waitSignal(p.model.modelReset, timeout=TIMEOUT):
        window.pages.setCurrentWidget(p)  # showing the tab loads the day
    return p


def _reload(qtbot, page: DayReviewPage) -> None:
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.refresh()


def _waybills(page: DayReviewPage) -> list[str]:
    return [page.model.row_at(i).waybill for i in range(page.model.rowCount())]


def _choose(qtbot, page: DayReviewPage, combo: QComboBox, value) -> None:
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        combo.setCurrentIndex(combo.findData(value))


def test_the_pages_totals_are_the_services_figures(app, page, day):
    f = app.reports.review(app.auth.login(*MANAGER)).figures
    assert f.voided == 4 and f.shipments == len(day) - 4 and len(f.by_clerk) == 3
    assert len(f.by_service) == 3 and len(f.by_payment) == 2  # cash and QRIS
    assert page.model.rowCount() == len(day)
    assert set(_waybills(page)) == set(day)
    shown = {k: v.text() for k, v in page.figures.items()}
    assert shown == {"shipments": str(f.shipments), "voided": "4", "pieces": str(f.pieces),
                     "weight": kg_text(f.weight_g), "revenue": format_rupiah(f.revenue),
                     "cod": format_rupiah(f.cod_total), "cash": format_rupiah(f.cash_total),
                     "typed_over": "0"}  # no weight typed over the scale (the flag of issue 21)
    for model, groups in ((page.by_service, f.by_service), (page.by_method, f.by_payment),
                          (page.by_clerk, f.by_clerk)):
        assert model.rowCount() == len(groups)
        assert [model.index(i, 2).data() for i in range(model.rowCount())] == \
               [format_rupiah(g.revenue) for g in groups]
    assert sorted(page.clerk.itemData(i) for i in range(1, page.clerk.count())) == \
           ["kasir1", "kasir2", "kasir3"]
    assert "Buka" in page.closing_state.text()  # open (Indonesian by default)
    void_rows = [i for i in range(page.model.rowCount())
                 if page.model.row_at(i).status == "void"]
    assert len(void_rows) == 4
    assert page.model.index(void_rows[0], 9).data() == "batal"


def test_filters_narrow_the_table(app, page, qtbot):
    boss = app.auth.login(*MANAGER)
    _choose(qtbot, page, page.clerk, "kasir2")
    expected = app.reports.review(boss, clerk="kasir2")
    assert {page.model.row_at(i).clerk for i in range(page.model.rowCount())} == {"kasir2"}
    assert page.model.rowCount() == len(expected.rows)
    assert page.figures["revenue"].text() == format_rupiah(expected.figures.revenue)

    _choose(qtbot, page, page.status, "void")
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert rows and all(r.status == "void" and r.clerk == "kasir2" for r in rows)
    assert len(rows) == len(app.reports.review(boss, clerk="kasir2", status="void").rows)

    _choose(qtbot, page, page.status, None)
    _choose(qtbot, page, page.clerk, None)
    _choose(qtbot, page, page.service, "YES")
    assert {page.model.row_at(i).service for i in range(page.model.rowCount())} == {"YES"}
    _choose(qtbot, page, page.method, "cash")
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert rows and {(r.service, r.payment_method) for r in rows} == {("YES", "cash")}
    # Filter choices stay whole while filtered.
    assert page.clerk.count() == 4


def test_a_manager_has_the_day_review_tab(window, page):
    assert window.pages.indexOf(page) >= 0


def test_the_models_pass_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.by_service)
    qtmodeltester.check(page.by_clerk)


def _fill(dialog: ReauthDialog, qtbot, user: str | None, password: str, reason: str) -> None:
    if user is not None:
        dialog.user.setText(user)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    if dialog.reason is not None:
        dialog.reason.setPlainText(reason)


def test_void_needs_a_manager_password_and_a_reason(app, page, qtbot, day):
    target = next(i for i in range(page.model.rowCount())
                  if page.model.row_at(i).status != "void")
    waybill = page.model.row_at(target).waybill
    page.table.selectRow(target)
    page.void_button.setFocus()
    qtbot.keyClick(page.void_button, Qt.Key.Key_Space)
    dialog = page.dialog
    assert isinstance(dialog, ReauthDialog) and dialog.isVisible()
    assert dialog.user.text() == MANAGER[0]

    _fill(dialog, qtbot, None, MANAGER[1], "typo")  # too short: refused before any check
    dialog.ok.click()
    assert "5" in dialog.message.text() and dialog.isVisible()

    _fill(dialog, qtbot, None, "salah-sandi", "berat salah ketik")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=TIMEOUT)
    assert dialog.isVisible() and dialog.message.text() and not dialog.password.text()
    assert app.shipments.show(app.auth.login(*MANAGER), waybill).status != "void"

    _fill(dialog, qtbot, CLERK[0], CLERK[1], "berat salah ketik")  # a clerk may not
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.ok.isEnabled() and "kasir1" in dialog.message.text(),
                    timeout=TIMEOUT)
    assert dialog.isVisible()

    _fill(dialog, qtbot, MANAGER[0], MANAGER[1], "berat salah ketik")
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    row = next(page.model.row_at(i) for i in range(page.model.rowCount())
               if page.model.row_at(i).waybill == waybill)
    assert row.status == "void"
    entry = [d for _a, s, d in audit_rows(app, "shipment_voided") if s == waybill]
    assert entry == [{"reason": "berat salah ketik", "requested_by": MANAGER[0]}]
    assert page.figures["voided"].text() == "5"


def test_close_then_reopen_with_a_technician(app, page, qtbot, clock):
    page.close_button.click()
    dialog = page.dialog
    assert isinstance(dialog, CloseDayDialog)
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=TIMEOUT)
    assert dialog.expected == app.reports.review(app.auth.login(*MANAGER)).figures.cash_total
    dialog.spins[100_000].setValue(1)
    dialog.note.setPlainText("uang kas dipakai beli lakban")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.confirm is not None, timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.closed, timeout=TIMEOUT):
        dialog.confirm_yes.click()
    qtbot.waitUntil(lambda: page.review.closing is not None, timeout=TIMEOUT)  # reloaded
    assert dialog.closing is not None and dialog.closing.sequence == 1
    assert not page.close_button.isEnabled() and page.reopen_button.isEnabled()
    assert not page.void_button.isEnabled() and page.z_button.isEnabled()
    assert "Ditutup" in page.closing_state.text() and "lakban" in page.closing_state.text()
    dialog.reject()

    page.reopen_button.click()
    reauth = page.dialog
    assert isinstance(reauth, ReauthDialog)
    _fill(reauth, qtbot, TECH[0], TECH[1], "salah hitung uang logam")
    reauth.ok.click()
    qtbot.waitUntil(lambda: page.review.closing is None, timeout=TIMEOUT)
    assert app.closing.current(app.auth.login(*MANAGER)) is None
    assert "dibuka kembali oleh teknisi" in page.closing_state.text()
    assert page.close_button.isEnabled()
    assert audit_rows(app, "day_reopened")[-1][0] == TECH[0]


def test_masked_csv_has_no_names_or_phones(app, page, qtbot, tmp_path, day):
    target = tmp_path / "harian.csv"
    page.choose_file = lambda *_a: str(target)
    page.csv_button.click()
    qtbot.waitUntil(lambda: str(target) in page.message.text(), timeout=TIMEOUT)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert len(rows) == len(day) + 1
    boss = app.auth.login(*MANAGER)
    for w in day[:10]:
        rec = app.shipments.show(boss, w)
        for secret in (rec.sender.name, rec.recipient.name, rec.sender.phone,
                       rec.recipient.phone):
            assert secret not in text
    assert audit_rows(app, "day_exported_masked") and not audit_rows(
        app, "personal_data_exported")


def test_unmasked_csv_needs_password_and_reason_and_is_audited(app, page, qtbot, tmp_path,
                                                               day):
    target = tmp_path / "lengkap.csv"
    page.choose_file = lambda *_a: str(target)
    page.csv_full_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ReauthDialog)
    _fill(dialog, qtbot, None, MANAGER[1], "polisi")  # shorter than 10 characters
    dialog.ok.click()
    assert "10" in dialog.message.text() and dialog.isVisible() and not target.exists()
    dialog.reason.setPlainText("Surat Polres No. 123/XI/2026")
    dialog.ok.click()
    qtbot.waitUntil(lambda: str(target) in page.message.text(), timeout=TIMEOUT)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    rec = app.shipments.show(app.auth.login(*MANAGER), day[0])
    assert rec.recipient.name in text
    audit = audit_rows(app, "personal_data_exported")
    assert [(a, d["reason"]) for a, _s, d in audit] == [(MANAGER[0],
                                                         "Surat Polres No. 123/XI/2026")]
    assert not list(tmp_path.glob("*.part"))


def test_pdf_export_writes_a_pdf(page, qtbot, tmp_path):
    target = tmp_path / "laporan.pdf"
    page.choose_file = lambda *_a: str(target)
    page.pdf_button.click()
    qtbot.waitUntil(lambda: str(target) in page.message.text(), timeout=30_000)
    assert target.read_bytes().startswith(b"%PDF")


def test_a_cancelled_file_choice_writes_nothing(page, tmp_path):
    page.choose_file = lambda *_a: ""
    page.pdf_button.click()
    page.csv_button.click()
    assert page.message.text() == ""


def test_refused_events_are_listed_and_sent_again(app, page, qtbot):
    with app.db.uow(write=True) as uow:
        ids = [r[0] for r in uow.conn.exec_driver_sql(
            "select event_id from outbox order by id limit 2").fetchall()]
        uow.conn.exec_driver_sql(
            "update outbox set status='parked', last_error='waybill belongs to another "
            "outlet' where event_id in (?, ?)", tuple(ids))
        uow.commit()
    _reload(qtbot, page)
    assert page.refused.rowCount() == 2 and page.resend.isEnabled()
    assert "another outlet" in page.refused.item(0, 2).text()
    assert page.refused.item(0, 3).text()  # what to do
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.resend.click()
    assert page.refused.rowCount() == 0 and "2" in page.message.text()


def test_only_a_manager_sees_the_day_review(app, qtbot, day):
    w = MainWindow(app, app.auth.login(*CLERK), start_sync=False)
    qtbot.addWidget(w)
    try:
        assert w.day_review is None
        assert not [i for i in range(w.pages.count())
                    if isinstance(w.pages.widget(i), DayReviewPage)]
    finally:
        w.close()


def test_an_earlier_day_is_chosen_with_the_date(page, qtbot):
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.date.setDate(page.date.date().addDays(-1))
    assert page.model.rowCount() == 0 and page.figures["revenue"].text() == "Rp 0"


def _mnemonics(widget: QWidget) -> dict[QWidget, str]:
    keys: dict[QWidget, str] = {}
    for label in widget.findChildren(QLabel):
        text = label.text().replace("&&", "")
        if label.buddy() is not None and "&" in text:
            keys[label.buddy()] = text[text.index("&") + 1].lower()
    for button in widget.findChildren(QAbstractButton):
        text = button.text().replace("&&", "")
        if "&" in text and button.isVisibleTo(widget):
            keys[button] = text[text.index("&") + 1].lower()
    return keys


INPUTS = (QLineEdit, QComboBox, QDateEdit, QSpinBox, QPlainTextEdit, QAbstractButton)


def _check_inputs(widget: QWidget, extra_keys: list[str] = ()) -> None:
    """Every input named and with its own mnemonic, none taken from ``extra_keys`` (the
    tabs' mnemonics, which work on every page)."""
    internal = {"qt_spinbox_lineedit", "qt_tableview_cornerbutton"}
    inputs = [w for w in widget.findChildren(QWidget)
              if isinstance(w, INPUTS) and w.objectName() not in internal
              and type(w).__name__ not in ("QTabBar", "QToolButton", "QCalendarWidget")
              and w.parent() is not None and not isinstance(w.parent(), QDateEdit)
              and w.isVisibleTo(widget)]  # a button hidden for now (the closed day's OK)
    assert not [type(w).__name__ for w in inputs if not w.accessibleName()]
    keys = _mnemonics(widget)
    missing = [w.accessibleName() for w in inputs if w not in keys]
    assert not missing, f"no mnemonic on: {missing}"
    letters = [keys[w] for w in inputs]
    twice = {k for k in letters if letters.count(k) > 1 or k in extra_keys}
    assert not twice, f"mnemonics used twice: {twice}"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_input_has_a_name_and_its_own_mnemonic(app, qtbot, lang, day):
    set_language(lang)
    try:
        boss = app.auth.login(*MANAGER)
        w = MainWindow(app, boss, start_sync=False)
        qtbot.addWidget(w)
        tabs = [w.pages.tabText(i) for i in range(w.pages.count())]
        tab_keys = [t[t.index("&") + 1].lower() for t in tabs if "&" in t]  # Settings: none
        _check_inputs(w.day_review, tab_keys)
        for table in w.day_review.findChildren(QTableView):
            assert table.accessibleName()
        d = CloseDayDialog(app, boss, w.day_review.day())
        qtbot.addWidget(d)
        _check_inputs(d)
        r = ReauthDialog(app, title="t", explanation="e", user="manajer", reason_min=10)
        qtbot.addWidget(r)
        _check_inputs(r)
        qtbot.waitUntil(lambda: d.ok.isEnabled(), timeout=TIMEOUT)
        w.close()
    finally:
        set_language("id")


def _next_tab_stop(w: QWidget) -> QWidget:
    w = w.nextInFocusChain()
    while not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isEnabled():
        w = w.nextInFocusChain()
    return w


def test_tab_goes_from_the_list_to_its_actions(page):
    assert _next_tab_stop(page.table) is page.void_button
    assert _next_tab_stop(page.void_button) is page.close_button
    assert _next_tab_stop(page.reload) is page.table


def test_a_clerk_taking_over_a_locked_managers_window_loses_the_day_review(window, qtbot):
    assert window.day_review is not None
    window.lock()
    dialog = window.lock_dialog
    dialog.user.setText(CLERK[0])
    dialog.password.setText(CLERK[1])
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.ok.click()
    assert window.day_review is None and window.session.username == CLERK[0]
    assert not [i for i in range(window.pages.count())
                if isinstance(window.pages.widget(i), DayReviewPage)]
    assert window.today.session.username == CLERK[0]


def test_the_save_dialog_speaks_the_clerks_language(page, qtbot, exports_in_tmp):
    """Qt's file dialog in English ("Look in:", "Cancel", "Detail View", "Date Modified")
    on an Indonesian screen: ours is Qt's own dialog with our labels and translations."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QFileDialog, QToolButton, QTreeView

    from outlet_pos.ui.pages.day_review_actions import save_dialog
    from outlet_pos.ui.translation import translations

    translations(QApplication.instance()).apply("id")
    exports_in_tmp.mkdir()
    dialog = save_dialog(page, "Laporan harian sebagai PDF", "laporan-2026-11-25.pdf",
                         "PDF (*.pdf)", exports_in_tmp)
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.selectedFiles() == [str(exports_in_tmp / "laporan-2026-11-25.pdf")]
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(
        QAbstractButton) if w.isVisibleTo(dialog) and w.text()]
    texts += [b.toolTip() for b in dialog.findChildren(QToolButton) if b.toolTip()]
    texts += [a.text() for a in dialog.findChildren(QAction) if a.text()]
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        texts += [model.headerData(i, Qt.Orientation.Horizontal)
                  for i in range(model.columnCount())]
    english = {"&Look in:", "File &name:", "Files of &type:", "&Save", "Cancel", "Back",
               "Forward", "Parent Directory", "Create New Folder", "List View", "Detail View",
               "&New Folder", "&Delete", "&Rename", "Show &hidden files", "Name", "Size",
               "Type", "Date Modified"}
    assert not english & set(texts), sorted(english & set(texts))
    for indonesian in ("&Folder:", "&Nama berkas:", "&Jenis berkas:", "&Simpan", "Batal",
                       "Buat folder baru", "Tanggal diubah"):
        assert indonesian in texts, (indonesian, texts)
    dialog.reject()


def test_an_export_into_the_data_directory_is_refused(app, page, qtbot):
    inside = app.settings.data_dir / "laporan.pdf"
    page.choose_file = lambda *_a: str(inside)
    page.export_pdf()
    qtbot.waitUntil(lambda: "folder data" in page.message.text(), timeout=TIMEOUT)
    assert not inside.exists()


def test_a_closed_days_z_report_prints_again_from_day_review(app, page, qtbot, tmp_path):
    from outlet_pos.printing.profiles import get_profile
    from outlet_pos.printing.virtual.interpreter import transcribe_escpos
    from outlet_pos.printing.virtual.server import VirtualPrinter

    boss = app.auth.login(*MANAGER)
    assert not page.z_button.isEnabled()  # open: no Z report yet
    vp = VirtualPrinter(tmp_path / "paper", port=0)
    vp.start()
    try:
        app.printing.configure(boss, f"net:127.0.0.1:{vp.port}", "generic-80")
        c = app.closing.close_day(boss, counted_cash=0, note="semua kas sudah disetor")
        app.printing.print_z_report(boss, c.business_date, c.sequence)  # the first print
        with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
            page.refresh()
        assert page.z_button.isEnabled()
        qtbot.mouseClick(page.z_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.message.text() == "Laporan Z tercetak.", timeout=TIMEOUT)
        _first, again = vp.wait_for_jobs(2, timeout=10)
        text = "\n".join(transcribe_escpos(again.bin_path.read_bytes(),
                                           get_profile("generic-80").width_dots))
        assert "CETAK ULANG 1" in text and "LAPORAN Z" in text
    finally:
        vp.stop()
    assert [d for _a, _s, d in audit_rows(app, "z_report_reprinted")] == [
        {"sequence": 1, "reprint": 1}]
