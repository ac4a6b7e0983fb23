"""The parcel and payment boxes of the New shipment page, and how a field is marked wrong.

Hints are written as hints ("mis. 1,3", in the placeholder's pale colour) so an empty
field never reads as a typed value; a field marked wrong (a red border and the reason)
is unmarked as soon as it changes.

The weight has the scale beside it: a "weigh" button, what the scale said, and the
reason field that appears when the weight differs from the stable reading on screen
(domain/weighing.py). The reading itself is asked off the GUI thread by
new_shipment_scale.py; this box only shows it and puts it in the order.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import ValidationError
from ...domain.money import rupiah_digits
from ...domain.parcel import PACKING_KINDS
from ...domain.shipment import PAYMENT_METHODS, parse_weight_g
from ...domain.weighing import (
    OVERRIDE,
    READING_KEY,
    REASON_KEY,
    REASON_MAX,
    SCALE,
    SOURCE_KEY,
    TYPED,
    kg_text,
)
from ...i18n import get_language, tr

_MARK = "border: 2px solid #b00020"


def enlarge(widget: QWidget, factor: float, bold: bool = True) -> None:
    """``factor`` times the widget's own type (which follows the system's scale)."""
    font = QFont(widget.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * factor)
    font.setBold(bold)
    widget.setFont(font)


def hint(field: QLineEdit, text: str) -> None:
    """A placeholder that reads as a hint: "e.g." in front, pale and italic-free."""
    field.setPlaceholderText(text)
    palette = field.palette()
    pale = palette.color(QPalette.ColorRole.Text)
    pale.setAlpha(110)
    palette.setColor(QPalette.ColorRole.PlaceholderText, pale)
    field.setPalette(palette)


def mark(widget: QWidget, reason: str) -> None:
    widget.setStyleSheet(_MARK)
    widget.setToolTip(reason)
    widget.setProperty("marked", True)


def unmark(widget: QWidget) -> None:
    if widget.property("marked"):
        widget.setStyleSheet("")
        widget.setToolTip("")
        widget.setProperty("marked", False)


def unmark_on_change(widget: QWidget) -> None:
    """A corrected field loses its red border at once (not only on the next F9)."""
    for name in ("textChanged", "currentIndexChanged", "valueChanged", "toggled"):
        signal = getattr(widget, name, None)
        if signal is not None:
            signal.connect(lambda *_a, w=widget: unmark(w))
            return


def widget_for(page: Any, field: str) -> Any:
    """The input of the New shipment ``page`` a validation error about ``field`` is for."""
    head = field.split(".")[0]
    rest = field[len(head):]
    if head in ("sender", "recipient"):
        return (page.sender if head == "sender" else page.recipient).widget_for(rest)
    for key, w in (("override_reason", page.parcel_box.reason),
                   ("weight", page.weight), ("dims", page.dims), ("length", page.dims),
                   ("width", page.dims), ("height", page.dims), ("pieces", page.pieces),
                   ("description", page.description), ("declared", page.declared),
                   ("cod", page.cod), ("service", page.services),
                   ("destination", page.recipient.postal),
                   ("tendered", page.tendered), ("reference", page.reference),
                   ("method", page.method)):
        if key in field:
            return w
    return None


def _two_forms(box: QGroupBox, columns: tuple[tuple[tuple[str, QWidget, str], ...], ...],
               below: QLayout | None = None) -> None:
    """Forms side by side in ``box`` (``below`` them, full width); each row's label is its
    field's buddy (Alt key). A row's widget may be a group whose focus proxy is the field."""
    outer = QVBoxLayout(box) if below is not None else None
    row = QHBoxLayout() if outer is not None else QHBoxLayout(box)
    for fields in columns:
        form = QFormLayout()
        for label, w, name in fields:
            form.addRow(tr(label), w)
            field = w.focusProxy() or w
            if field is not w:  # the Alt key goes to the field itself, not to its group
                label_widget = form.labelForField(w)
                if isinstance(label_widget, QLabel):
                    label_widget.setBuddy(field)
            field.setAccessibleName(tr(name))
            unmark_on_change(field)
        row.addLayout(form, 1)
    if outer is not None and below is not None:
        outer.addLayout(row)
        outer.addLayout(below)


def field_kg(grams: int) -> str:
    """Grams as the weight field shows kilograms, with the language's decimal mark, as its
    hint does ("mis. 1,3"): ``1503`` → ``1,503``; exact, so booking it gives the grams."""
    text = kg_text(grams)
    return text.replace(".", ",") if get_language() == "id" else text


class WeightRow(QWidget):
    """The weight field and the scale's button on one line, and what the scale said."""

    def __init__(self, weight: QLineEdit) -> None:
        super().__init__()
        self.weigh = QPushButton(tr("F4 Weigh"))
        self.weigh.setObjectName("weigh_button")
        self.weigh.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F4 from the field; Tab skips it
        self.weigh.setAccessibleName(tr("Weigh the parcel on the scale"))
        self.said = QLabel()  # "from the scale", or why the scale gave no weight
        self.said.setObjectName("scale_said")
        self.said.setWordWrap(True)
        self.said.setAccessibleName(tr("What the scale says"))
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(weight, 1)
        line.addWidget(self.weigh)
        # The words go on the box's full-width line below the fields (ParcelBox): beside
        # or under the field they were cut short ("timbangan tidak") in a form's row.
        self.said.hide()  # no empty line while the scale has said nothing
        self.setFocusProxy(weight)

    def say(self, text: str) -> None:
        self.said.setText(text)
        self.said.setVisible(bool(text))


class ParcelBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__(tr("Parcel"))
        self.weight = QLineEdit()
        self.weight.setObjectName("weight_field")
        hint(self.weight, tr("e.g. 1.3"))
        self.weight_row = WeightRow(self.weight)
        self.weigh, self.scale_said = self.weight_row.weigh, self.weight_row.said
        self.say = self.weight_row.say
        self.reading_g: int | None = None  # the stable reading on screen, if there is one
        self.reason = QLineEdit()  # only while the weight differs from the reading
        self.reason.setObjectName("override_reason_field")
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setAccessibleName(tr("Reason for changing the weight"))
        hint(self.reason, tr("e.g. the parcel was still moving on the scale"))
        unmark_on_change(self.reason)
        self.reason_label = QLabel(tr("Reason for changing the weight"))
        self.reason_label.setBuddy(self.reason)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason, 1)
        below = QVBoxLayout()
        below.addWidget(self.scale_said)
        below.addLayout(reason_row)
        self.dims = QLineEdit()
        hint(self.dims, tr("e.g. 30x20x10"))
        self.pieces = QSpinBox()
        self.pieces.setRange(1, 99)
        self.description = QLineEdit()
        hint(self.description, tr("e.g. clothes, books"))
        self.declared = QLineEdit()
        self.insured = QCheckBox()
        self.cod = QLineEdit()
        self.packing = QComboBox()
        packing_names = {"none": tr("No packing"), "bubble": tr("Bubble wrap"),
                         "wood": tr("Wooden crate")}
        for kind in PACKING_KINDS:
            self.packing.addItem(packing_names.get(kind, kind), kind)
        # Two columns: the services table below needs the height more than these.
        _two_forms(self, ((("&Weight (kg)", self.weight_row, "Weight in kg"),
                           ("&Size (cm)", self.dims, "Dimensions in cm"),
                           ("P&ieces", self.pieces, "Pieces"),
                           ("&Contents", self.description, "Goods description")),
                          (("&Declared value", self.declared, "Declared value"),
                           ("Insu&red", self.insured, "Insured"),
                           ("C&OD", self.cod, "Cash on delivery amount"),
                           ("Pac&king", self.packing, "Packing"))), below=below)
        self.weight.textChanged.connect(lambda _t: self._weight_edited())
        self.reason.returnPressed.connect(self.dims.setFocus)  # then on along the form
        self._show_reason(False)

    # -- the scale ------------------------------------------------------------------------
    def show_reading(self, grams: int) -> None:
        """A stable reading: into the field, in the field's own format, and said so."""
        self.reading_g = grams
        self.weight.setText(field_kg(grams))  # textChanged says "from the scale"
        self._weight_edited()

    def show_scale_words(self, text: str, lost: bool = False) -> None:
        """Why the scale gave no weight; ``lost`` (unplugged, no answer): no reading stands,
        the weight is then typed."""
        if lost:
            self.reading_g = None
        self.say(text)
        self._weight_edited(said=False)

    def weight_source(self) -> str:
        """What the booking will work the source out as (the field may be mid-edit)."""
        if self.reading_g is None:
            return TYPED
        return SCALE if self._typed_g() == self.reading_g else OVERRIDE

    def _typed_g(self) -> int | None:
        try:
            return parse_weight_g(self.weight.text())
        except ValidationError:
            return None

    def _weight_edited(self, said: bool = True) -> None:
        source = self.weight_source()
        if said and self.reading_g is not None:
            self.say(tr("from the scale") if source == SCALE else
                                    tr("typed over the scale's {kg} kg",
                                       kg=field_kg(self.reading_g)))
        self._show_reason(source == OVERRIDE)

    def weighing_state(self) -> dict[str, Any]:
        """The reading and the reason, for a page rebuilt in another language: a reading
        that did not survive it would let a weight be typed over the scale unasked."""
        return {"reading_g": self.reading_g, "reason": self.reason.text()}

    def restore_weighing(self, state: dict[str, Any] | None) -> None:
        """After the weight's text is back (the words are said again in the new language)."""
        if not state or state.get("reading_g") is None:
            return
        self.reading_g = int(state["reading_g"])
        self.reason.setText(state.get("reason", ""))
        self._weight_edited()

    def _show_reason(self, shown: bool) -> None:
        self.reason.setVisible(shown)
        self.reason_label.setVisible(shown)

    # -- the order --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The parcel as the order has it (a number not understood: the booking names it)."""
        def rupiah(w: QLineEdit) -> str | int:
            return rupiah_digits(w.text()) or 0

        out = {"weight_kg": self.weight.text().strip().replace(",", "."),
               "dims": self.dims.text().strip(), "pieces": self.pieces.value(),
               "description": self.description.text().strip(),
               "declared_value": rupiah(self.declared), "insured": self.insured.isChecked(),
               "cod_amount": rupiah(self.cod), "packing": self.packing.currentData()}
        if self.reading_g is not None:  # the booking works the source out from these
            source = self.weight_source()
            out.update({SOURCE_KEY: source, READING_KEY: self.reading_g,
                        REASON_KEY: self.reason.text() if source == OVERRIDE else None})
        return out

    def clear(self) -> None:
        for w in (self.weight, self.dims, self.description, self.declared, self.cod,
                  self.reason):
            w.clear()
        self.reading_g = None
        self.say("")
        self._show_reason(False)
        self.pieces.setValue(1)
        self.insured.setChecked(False)
        self.packing.setCurrentIndex(0)


class PaymentBox(QGroupBox):
    """Method, amount tendered or reference, and the total and the change in large type."""

    def __init__(self) -> None:
        super().__init__(tr("Payment"))
        self.total = QLabel()
        enlarge(self.total, 2.2)
        self.method = QComboBox()
        method_names = {"cash": tr("Cash"), "qris": "QRIS", "transfer": tr("Bank transfer"),
                        "card": tr("Debit/credit card")}
        for method in PAYMENT_METHODS:
            self.method.addItem(method_names.get(method, method), method)
        self.tendered = QLineEdit()
        hint(self.tendered, tr("e.g. 50000"))
        self.reference = QLineEdit()
        self.change = QLabel()
        enlarge(self.change, 1.8)
        _two_forms(self, ((("Pay&ment", self.method, "Payment method"),
                           ("&Tendered", self.tendered, "Amount tendered"),
                           ("Re&ference", self.reference, "Payment reference")),
                          (("Total", self.total, "Total to pay"),
                           ("Change", self.change, "Change"))))
        self.method.currentIndexChanged.connect(lambda _i: self.method_changed())
        self.method_changed()

    def method_changed(self) -> None:
        cash = self.method.currentData() == "cash"
        self.tendered.setEnabled(cash)
        self.reference.setEnabled(not cash)

    def clear(self) -> None:
        self.tendered.clear()
        self.reference.clear()
        self.method.setCurrentIndex(0)
        self.total.clear()
        self.change.clear()
