"""The services table of the New shipment page and the pricing that keeps it true.

``Pricer`` asks for prices 250 ms after the last change of anything that sets them
(weight, size, pieces, value, insurance, COD, packing, the recipient's postal code or
village) and never leaves the table silently empty: until a quote can be made, the
table says what is missing in the clerk's words. Answers that arrive after a newer
question are dropped, so a slow answer never shows the price of an older parcel.
Services keep the tariff's own order, so the same arrow keys pick the same service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from ...bootstrap import App
from ...domain.address import Village
from ...domain.errors import ValidationError
from ...domain.money import format_rupiah
from ...domain.parcel import Parcel
from ...domain.shipment import parse_parcel
from ...domain.tariff import Quote
from ...i18n import N_, tr
from ..background import run_in_background
from ..texts import error_text

# What a problem with a parcel field is called at the counter.
_FIELD_NAMES = {"weight": N_("the weight"), "dims": N_("the size"),
                "length": N_("the size"), "width": N_("the size"), "height": N_("the size"),
                "pieces": N_("the pieces"), "declared": N_("the declared value"),
                "cod": N_("the COD amount"), "packing": N_("the packing"),
                "insured": N_("the insurance")}


class ServicesTable(QTableWidget):
    """Services and prices, one line each; the chosen one's price breakdown is written out
    in full, wrapped, in ``breakdown`` (a label for under the table). A digit typed here
    starts the amount tendered (``typed``)."""

    typed = Signal(str)

    def __init__(self) -> None:
        super().__init__(0, 3)
        self.quotes: list[Quote] = []
        self._hint = ""
        self.wanted: str | None = None  # a service to select once priced (a restored form)
        self.breakdown = QLabel()
        self.breakdown.setWordWrap(True)
        self.breakdown.setAccessibleName(tr("Price breakdown"))
        self.itemSelectionChanged.connect(self._show_breakdown)
        self.setAccessibleName(tr("Services and prices"))
        self.setHorizontalHeaderLabels([tr("Service"), tr("Total"), tr("Arrives by")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        fit = QHeaderView.ResizeMode.ResizeToContents
        for col, mode in ((0, QHeaderView.ResizeMode.Stretch), (1, fit), (2, fit)):
            header.setSectionResizeMode(col, mode)
        self.verticalHeader().setSectionResizeMode(fit)
        self.verticalHeader().hide()

    def show_quotes(self, quotes: list[Quote]) -> None:
        chosen = self.selected_service() or self.wanted
        self.clearSpans()
        self._hint = ""
        self.quotes = quotes
        self.setRowCount(len(quotes))
        for i, q in enumerate(quotes):
            for c, text in enumerate((f"{q.service} {q.service_name}", format_rupiah(q.total),
                                      q.eta_date.strftime("%d-%m-%Y"))):
                self.setItem(i, c, QTableWidgetItem(text))
        codes = [q.service for q in quotes]
        if quotes:
            self.selectRow(codes.index(chosen) if chosen in codes else 0)
            if chosen in codes:
                self.wanted = None

    def show_hint(self, text: str) -> None:
        """No prices yet: one line across the table says why."""
        self.quotes = []
        self._hint = text
        self.clearSpans()
        self.breakdown.clear()
        self.setRowCount(1)
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not a service: cannot be chosen
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setItem(0, 0, item)
        self.setSpan(0, 0, 1, self.columnCount())

    def hint(self) -> str:
        return self._hint

    def _show_breakdown(self) -> None:
        q = self.selected_quote()
        self.breakdown.setText("" if q is None else tr("{service}: {lines}", service=q.service,
                                                        lines="  ·  ".join(
            f"{ln.label} {format_rupiah(ln.amount)}" for ln in q.lines)))

    def selected_quote(self) -> Quote | None:
        rows = self.selectionModel().selectedRows()
        if rows and self.quotes and rows[0].row() < len(self.quotes):
            return self.quotes[rows[0].row()]
        return None

    def selected_service(self) -> str | None:
        q = self.selected_quote()
        return q.service if q is not None else None

    def keyPressEvent(self, event: Any) -> None:
        text = event.text()
        if text.isdecimal() and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                      Qt.KeyboardModifier.KeypadModifier):
            self.typed.emit(text)  # the clerk is past the choice, into the money
            return
        super().keyPressEvent(event)


class Pricer(QObject):
    """Keeps ``table`` priced for what the form holds.

    ``read`` returns the parcel fields (as the page's order has them), the recipient's
    village (None until one is chosen) and the postal-code field's text. ``priced``
    is emitted on the GUI thread once a table of prices is shown."""

    priced = Signal()

    def __init__(self, owner: QObject, app: App, table: ServicesTable,
                 read: Callable[[], tuple[dict[str, Any], Village | None, str]]) -> None:
        super().__init__(owner)
        self.app, self.table, self._read = app, table, read
        self.quoted: Parcel | None = None  # the parcel the table's prices are for
        self._asked = 0  # number of the latest question: older answers are dropped
        self._out: int | None = None  # the question whose answer is awaited
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.ask)

    def changed(self) -> None:
        """Something that sets the price changed: say what is missing now, or ask soon
        (a half-typed number is normal while typing: it is checked after the pause)."""
        missing = self._missing_parcel() or self._missing_destination()
        if missing and not self._missing_parcel():
            try:  # the parcel is fine so far: the destination is what is missing
                parse_parcel(self._read()[0], for_quote=True)
            except ValidationError:
                missing = ""  # perhaps half typed: checked after the pause
        if missing:
            self._show_hint(missing)
        else:
            self._timer.start()

    def ask(self) -> None:
        self._timer.stop()
        self._asked += 1
        asked = self._asked
        data, village, _postal = self._read()
        missing = self._missing_parcel()
        if missing:
            self._show_hint(missing)
            return
        try:
            parcel = parse_parcel(data, for_quote=True)
        except ValidationError as e:
            self._show_hint(_problem_text(e))
            return
        if village is None:
            self._show_hint(self._missing_destination())
            return
        if not self.table.quotes:
            self.table.show_hint(tr("Pricing…"))
        district = village.district_code
        self._out = asked
        run_in_background(self, lambda: self.app.booking.quote(parcel, district,
                                                               tariff_order=True),
                          lambda quotes: self._answer(asked, parcel, quotes),
                          lambda e: self._failed(asked, e))

    def pending(self) -> bool:
        """Prices are on their way (a change not yet asked about, or an answer awaited)."""
        return self._timer.isActive() or (self._out is not None and self._out == self._asked)

    def reset(self) -> None:
        self._asked += 1
        self._timer.stop()
        self.quoted = None
        self.table.show_hint(self._missing_parcel() or self._missing_destination())

    def _missing_parcel(self) -> str:
        data = self._read()[0]
        if not str(data.get("weight_kg") or "").strip():
            return tr("Enter the parcel weight")
        if not str(data.get("dims") or "").strip():
            return tr("Enter the parcel size (l x w x h cm)")
        return ""

    def _missing_destination(self) -> str:
        _data, village, postal = self._read()
        postal = postal.strip()
        if village is not None:
            return ""
        if not postal:
            return tr("Enter the recipient's postal code or area")
        if postal.isdigit() and len(postal) != 5:
            return tr("Enter the recipient's postal code (5 digits)")
        if postal.isdigit():
            return tr("Unknown postal code: check the recipient's postal code")
        return tr("Choose the recipient's village")

    def _show_hint(self, text: str) -> None:
        self._asked += 1  # an answer still on its way is for another parcel now
        self._timer.stop()
        self.quoted = None
        self.table.show_hint(text)

    def _answer(self, asked: int, parcel: Parcel, quotes: list[Quote]) -> None:
        if asked != self._asked:
            return
        self._out = None
        if not quotes:
            self.table.show_hint(tr("No service goes to this destination"))
            return
        self.quoted = parcel
        self.table.show_quotes(quotes)
        self.priced.emit()

    def _failed(self, asked: int, e: Exception) -> None:
        if asked == self._asked:
            self._out = None
            reason = "; ".join(tr(m) for _f, m in e.problems) \
                if isinstance(e, ValidationError) else error_text(e)
            self.table.show_hint(tr("No price: {reason}", reason=reason))


def _problem_text(e: ValidationError) -> str:
    field, msg = e.problems[0]
    name = next((v for k, v in _FIELD_NAMES.items() if k in field), None)
    if name is None:
        return tr("Check the parcel: {problem}", problem=tr(msg))
    return tr("Check {field}: {problem}", field=tr(name), problem=tr(msg))
