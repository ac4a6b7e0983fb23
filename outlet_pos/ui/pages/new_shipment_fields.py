"""The parcel and payment boxes of the New shipment page, and how a field is marked wrong.

Hints are written as hints ("mis. 1,3", in the placeholder's pale colour) so an empty
field never reads as a typed value; a field marked wrong (a red border and the reason)
is unmarked as soon as it changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ...domain.money import rupiah_digits
from ...domain.parcel import PACKING_KINDS
from ...domain.shipment import PAYMENT_METHODS
from ...i18n import tr

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
    for key, w in (("weight", page.weight), ("dims", page.dims), ("length", page.dims),
                   ("width", page.dims), ("height", page.dims), ("pieces", page.pieces),
                   ("description", page.description), ("declared", page.declared),
                   ("cod", page.cod), ("service", page.services),
                   ("destination", page.recipient.postal),
                   ("tendered", page.tendered), ("reference", page.reference),
                   ("method", page.method)):
        if key in field:
            return w
    return None


def _two_forms(box: QGroupBox, columns: tuple[tuple[tuple[str, QWidget, str], ...], ...]
               ) -> None:
    """Forms side by side in ``box``; each row's label is its field's buddy (Alt key)."""
    row = QHBoxLayout(box)
    for fields in columns:
        form = QFormLayout()
        for label, w, name in fields:
            form.addRow(tr(label), w)
            w.setAccessibleName(tr(name))
            unmark_on_change(w)
        row.addLayout(form, 1)


class ParcelBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__(tr("Parcel"))
        self.weight = QLineEdit()
        hint(self.weight, tr("e.g. 1.3"))
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
        _two_forms(self, ((("&Weight (kg)", self.weight, "Weight in kg"),
                           ("&Size (cm)", self.dims, "Dimensions in cm"),
                           ("P&ieces", self.pieces, "Pieces"),
                           ("&Contents", self.description, "Goods description")),
                          (("&Declared value", self.declared, "Declared value"),
                           ("Insu&red", self.insured, "Insured"),
                           ("C&OD", self.cod, "Cash on delivery amount"),
                           ("Pac&king", self.packing, "Packing"))))

    def values(self) -> dict[str, Any]:
        """The parcel as the order has it (a number not understood: the booking names it)."""
        def rupiah(w: QLineEdit) -> str | int:
            return rupiah_digits(w.text()) or 0

        return {"weight_kg": self.weight.text().strip().replace(",", "."),
                "dims": self.dims.text().strip(), "pieces": self.pieces.value(),
                "description": self.description.text().strip(),
                "declared_value": rupiah(self.declared), "insured": self.insured.isChecked(),
                "cod_amount": rupiah(self.cod), "packing": self.packing.currentData()}

    def clear(self) -> None:
        for w in (self.weight, self.dims, self.description, self.declared, self.cod):
            w.clear()
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
