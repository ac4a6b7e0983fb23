"""The scale on the New shipment page, against the virtual scale on a real pseudo-terminal.

F4 weighs off the GUI thread: a stable reading fills the weight field ("dari timbangan");
in motion, unplugged or no scale says so beside the field and typing goes on; a weight
typed over the reading needs a reason before F9 books, and the booking keeps how the
weight was had. The human-pace test is the clerk's whole way through two parcels.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMainWindow

from outlet_pos.i18n import set_language
from outlet_pos.scales.virtual import VirtualScale
from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.pages.day_review import DayReviewPage
from outlet_pos.ui.pages.day_review_model import WEIGHT_COLUMN
from outlet_pos.ui.pages.new_shipment import NewShipmentPage
from outlet_pos.ui.pages.new_shipment_scale import WEIGH_KEY
from tests.ui.human import Human

PROFILE = "mettler-8217"


@pytest.fixture
def scale() -> Iterator[VirtualScale]:
    vs = VirtualScale(PROFILE, grams=1503, interval=0.05).start()
    try:
        yield vs
    finally:
        vs.stop()


@pytest.fixture
def window(qtbot):
    w = QMainWindow()
    qtbot.addWidget(w)
    return w


def _page(app, clerk, qtbot, window) -> NewShipmentPage:
    p = NewShipmentPage(app, clerk)
    window.setCentralWidget(p)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: p.scale.configured is not None, timeout=5_000)
    return p


def _with_scale(app, manager, scale: VirtualScale) -> None:
    app.scale.configure(manager, f"serial:{scale.path}", PROFILE)


def _parties(p: NewShipmentPage, recipient_phone: str = "085711112222") -> None:
    s, r = p.sender, p.recipient
    for box, phone, name, street, postal in (
            (s, "081223456789", "Siti Nurhaliza", "Jl. Ir. H. Juanda No. 123", "40135"),
            (r, recipient_phone, "Andi Wijaya", "Jl. Sudirman 1", "12190")):
        box.phone.setText(phone)
        box.name.setText(name)
        box.street.setText(street)
        box.postal.setText(postal)
        box._fill_villages(postal, None)
    p.dims.setText("30x20x10")
    p.description.setText("Baju batik")


def _weigh(p: NewShipmentPage, qtbot, you: Human) -> object:
    p.weight.setFocus()
    with qtbot.waitSignal(p.scale.weighed, timeout=5_000) as answer:
        you.key(WEIGH_KEY)
    return answer.args[0]


def _settle(qtbot) -> None:
    assert wait_for_background(10_000)
    qtbot.wait(50)


def test_a_clerk_weighs_books_then_types_over_the_scale(app, clerk, manager, qtbot, window,
                                                       scale):
    """At a person's pace: F4, the weight fills, F9 books 'scale'; the next parcel is typed
    over its reading: F9 refuses until the reason is typed, then books 'override'."""
    _with_scale(app, manager, scale)
    p = _page(app, clerk, qtbot, window)
    you = Human(qtbot, window)
    assert p.parcel_box.weigh.isEnabled() and p.parcel_box.weigh.objectName() == "weigh_button"
    _parties(p)
    you.think()
    reading = _weigh(p, qtbot, you)
    assert getattr(reading, "grams", None) == 1503
    assert p.weight.text() == "1,503" and p.weight.objectName() == "weight_field"
    assert p.parcel_box.scale_said.text() == "dari timbangan"
    assert not p.parcel_box.reason.isVisible()
    qtbot.waitUntil(lambda: bool(p._quotes), timeout=10_000)
    with qtbot.waitSignal(p.booked, timeout=15_000) as first:
        you.key(Qt.Key.Key_F9)
    shown = app.shipments.show(manager, first.args[0])
    assert (shown.weight_g, shown.weight_source, shown.scale_weight_g) == (1503, "scale", 1503)

    # The next customer: the parcel weighs 2.35 kg; the clerk types 1,2 over it.
    _settle(qtbot)
    p.new()
    scale.control("weight 2.350")
    _parties(p, recipient_phone="085733334444")
    you.think()
    _weigh(p, qtbot, you)
    assert p.weight.text() == "2,35"
    you.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    you.type("1,2")
    assert p.parcel_box.reason.isVisible()  # asked at once, beside the weight
    assert "2,35 kg" in p.parcel_box.scale_said.text()
    qtbot.waitUntil(lambda: bool(p._quotes), timeout=10_000)
    booked: list[str] = []
    p.booked.connect(booked.append)
    you.key(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not p.busy, timeout=15_000)
    assert not booked
    assert "Alasan mengubah berat" in p.message.text()
    assert p.parcel_box.reason.property("marked") and p.parcel_box.reason.hasFocus()
    you.type("Kardus basah, timbangan goyang")
    assert not p.parcel_box.reason.property("marked")  # unmarked as it is corrected
    with qtbot.waitSignal(p.booked, timeout=15_000) as second:
        you.key(Qt.Key.Key_F9)
    shown = app.shipments.show(manager, second.args[0])
    assert (shown.weight_g, shown.weight_source, shown.scale_weight_g) == \
        (1200, "override", 2350)
    assert shown.override_reason == "Kardus basah, timbangan goyang"
    _settle(qtbot)

    # The manager's Day review: the second row is flagged, and counted in the totals.
    review = DayReviewPage(app, manager)
    qtbot.addWidget(review)
    with qtbot.waitSignal(review.model.modelReset, timeout=15_000):
        review.show()
        review.refresh()
    m = review.model
    flags = {m.row_at(i).waybill: (m.data(m.index(i, WEIGHT_COLUMN),
                                          Qt.ItemDataRole.DecorationRole),
                                   m.data(m.index(i, WEIGHT_COLUMN), Qt.ItemDataRole.ToolTipRole))
             for i in range(m.rowCount())}
    assert flags[first.args[0]] == (None, None)
    icon, tip = flags[second.args[0]]
    assert icon is not None and tip.startswith("Berat diketik ulang")
    assert review.figures["typed_over"].text() == "1"
    _settle(qtbot)


def test_no_scale_the_button_says_why_and_typing_books(app, clerk, manager, qtbot, window):
    p = _page(app, clerk, qtbot, window)
    button = p.parcel_box.weigh
    assert p.scale.configured is False
    assert not button.isEnabled() and "outlet-pos scale use" in button.toolTip()
    _parties(p)
    p.weight.setFocus()
    you = Human(qtbot, window, pace=0)
    you.key(WEIGH_KEY)  # nothing happens: no scale
    you.type("1,3")
    qtbot.waitUntil(lambda: bool(p._quotes), timeout=10_000)
    with qtbot.waitSignal(p.booked, timeout=15_000) as booked:
        you.key(Qt.Key.Key_F9)
    assert app.shipments.show(manager, booked.args[0]).weight_source == "typed"
    _settle(qtbot)


def test_a_moving_parcel_is_said_and_fills_nothing(app, clerk, manager, qtbot, window, scale):
    _with_scale(app, manager, scale)
    p = _page(app, clerk, qtbot, window)
    scale.control("motion on")
    reading = _weigh(p, qtbot, Human(qtbot, window, pace=0))
    assert not getattr(reading, "stable", True)
    assert p.weight.text() == "" and p.parcel_box.reading_g is None
    assert p.parcel_box.scale_said.text() == "timbangan masih bergerak: tunggu sampai paket diam"
    scale.control("motion off")
    _weigh(p, qtbot, Human(qtbot, window, pace=0))
    assert p.weight.text() == "1,503"
    _settle(qtbot)


def test_over_capacity_keeps_the_last_stable_reading(app, clerk, manager, qtbot, window,
                                                     scale):
    _with_scale(app, manager, scale)
    p = _page(app, clerk, qtbot, window)
    you = Human(qtbot, window, pace=0)
    _weigh(p, qtbot, you)
    scale.control("over")
    _weigh(p, qtbot, you)
    assert p.parcel_box.scale_said.text() == "terlalu berat untuk timbangan ini"
    assert p.parcel_box.reading_g == 1503 and p.weight.text() == "1,503"
    _settle(qtbot)


def test_an_unplugged_scale_never_blocks_booking(app, clerk, manager, qtbot, window, scale):
    _with_scale(app, manager, scale)
    p = _page(app, clerk, qtbot, window)
    you = Human(qtbot, window, pace=0)
    _weigh(p, qtbot, you)
    assert p.parcel_box.reading_g == 1503
    scale.unplug()
    fault = _weigh(p, qtbot, you)
    assert getattr(fault, "kind", None) is not None
    said = p.parcel_box.scale_said.text()
    assert said.startswith("timbangan tidak") and "ketik beratnya" in said
    assert p.parcel_box.reading_g is None  # no reading stands: the weight is typed
    assert p.parcel_box.weigh.isEnabled()  # another press may find it plugged in again
    _parties(p)
    p.weight.setFocus()
    you.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    you.type("1,4")
    assert not p.parcel_box.reason.isVisible()
    qtbot.waitUntil(lambda: bool(p._quotes), timeout=10_000)
    with qtbot.waitSignal(p.booked, timeout=15_000) as booked:
        you.key(Qt.Key.Key_F9)
    shown = app.shipments.show(manager, booked.args[0])
    assert (shown.weight_g, shown.weight_source, shown.scale_weight_g) == (1400, "typed", None)
    _settle(qtbot)


def test_the_gui_thread_runs_on_while_the_scale_takes_its_time(app, clerk, manager, qtbot,
                                                               window, scale):
    """A parcel that never settles takes the read's whole timeout: the window keeps painting
    and a second F4 meanwhile reads nothing more."""
    _with_scale(app, manager, scale)
    p = _page(app, clerk, qtbot, window)
    scale.control("motion on")
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    p.weight.setFocus()
    t0 = time.monotonic()
    with qtbot.waitSignal(p.scale.weighed, timeout=5_000):
        p.scale.weigh()
        assert time.monotonic() - t0 < 0.1 and not p.parcel_box.weigh.isEnabled()
        p.scale.weigh()  # busy: ignored
    took = time.monotonic() - t0
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    # a GUI thread held by the read would show one gap of the whole read (2 s)
    assert took > 1.0 and len(ticks) > 10 and max(gaps) < 1.0, (took, len(ticks), max(gaps))
    assert p.parcel_box.weigh.isEnabled()
    _settle(qtbot)


def test_typing_back_the_reading_needs_no_reason(app, clerk, manager, qtbot, window, scale):
    _with_scale(app, manager, scale)
    p = _page(app, clerk, qtbot, window)
    you = Human(qtbot, window, pace=0)
    _weigh(p, qtbot, you)
    you.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    you.type("2")
    assert p.parcel_box.reason.isVisible()
    assert p.parcel_box.values()["weight_source"] == "override"
    you.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    you.type("1,503")
    assert not p.parcel_box.reason.isVisible()
    assert p.parcel_box.values()["weight_source"] == "scale"
    assert p.parcel_box.scale_said.text() == "dari timbangan"
    p.new()  # the next customer starts with no reading
    assert p.parcel_box.reading_g is None and p.parcel_box.scale_said.text() == ""
    _settle(qtbot)


def test_enter_on_a_weight_typed_over_goes_to_the_reason(app, clerk, manager, qtbot, window,
                                                         scale):
    _with_scale(app, manager, scale)
    p = _page(app, clerk, qtbot, window)
    you = Human(qtbot, window, pace=0)
    _weigh(p, qtbot, you)
    you.key(Qt.Key.Key_Return)
    assert p.dims.hasFocus()  # the reading as it is: on to the size
    p.weight.setFocus()
    you.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    you.type("1,4")
    you.key(Qt.Key.Key_Return)
    assert p.parcel_box.reason.hasFocus()
    you.type("paket basah")
    you.key(Qt.Key.Key_Return)
    assert p.dims.hasFocus()
    assert p.parcel_box.values()["override_reason"] == "paket basah"
    _settle(qtbot)


def test_the_reading_survives_a_language_switch(app, clerk, manager, qtbot, window, scale):
    """The window rebuilds its pages in the other language: a reading lost there would let
    the weight be typed over unasked."""
    _with_scale(app, manager, scale)
    p = _page(app, clerk, qtbot, window)
    you = Human(qtbot, window, pace=0)
    _weigh(p, qtbot, you)
    you.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    you.type("1")
    state = p.form_state()
    set_language("en")
    try:
        rebuilt = NewShipmentPage(app, clerk)
        qtbot.addWidget(rebuilt)
        rebuilt.restore_form_state(state)
        box = rebuilt.parcel_box
        assert (box.reading_g, rebuilt.weight.text()) == (1503, "1")
        assert box.values()["weight_source"] == "override" and not box.reason.isHidden()
        assert box.scale_said.text() == "typed over the scale's 1.503 kg"
    finally:
        set_language("id")
    _settle(qtbot)
