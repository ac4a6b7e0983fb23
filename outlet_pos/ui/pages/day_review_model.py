"""Table models of the Day review page: the day's transactions, and totals per group
(service, payment method, clerk). Rows are set on the GUI thread after a background load."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain.money import format_rupiah
from ...domain.waybill import format_waybill
from ...i18n import N_, get_language, tr
from ...printing.words import payment_name, status_name
from ...reports import figures
from ...reports.figures import GroupTotal
from ...services.ports import ShipmentSummary
from .row_model import Index, RowListModel

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

COLUMNS = (N_("Waybill"), N_("Time"), N_("Clerk"), N_("Service"), N_("Weight"), N_("Pieces"),
           N_("COD"), N_("Total"), N_("Payment"), N_("Status"))
NUMERIC = {4, 5, 6, 7}


def method_name(method: str) -> str:
    return payment_name(method)


def kg_text(grams: int) -> str:
    """``1250`` → ``1,3 kg`` in the language in use (reports.figures.kg_text)."""
    return figures.kg_text(grams, get_language())


class DayReviewModel(RowListModel[ShipmentSummary]):
    """The transactions of a day: one row per shipment, voided ones marked (grey)."""

    COLUMNS = COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        s, col = self._row(index), index.column()
        if s is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMERIC:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and s.status == "void":
            return QColor("#8a8a8a")
        return None


    def _text(self, s: ShipmentSummary, col: int) -> str:
        """One cell's text, made only for the cell asked (views ask for thousands)."""
        if col == 0:
            return format_waybill(s.waybill)
        if col == 1:
            return s.booked_at.astimezone(self._tz).strftime("%H:%M")
        if col in (2, 3):
            return s.clerk if col == 2 else s.service
        if col == 4:
            return kg_text(s.weight_g)
        if col == 5:
            return str(s.pieces)
        if col == 6:
            return format_rupiah(s.cod_amount) if s.cod_amount else ""
        if col == 7:
            return format_rupiah(s.total)
        return method_name(s.payment_method) if col == 8 else status_name(s.status)


class GroupModel(QAbstractTableModel):
    """Totals of one grouping: name, shipments, revenue (highest revenue first)."""

    HEADERS = (N_("Name"), N_("Shipments"), N_("Revenue"))

    def __init__(self, first_header: str, translate_names: bool = False) -> None:
        super().__init__()
        self._first = first_header
        self._translate = translate_names
        self._groups: list[GroupTotal] = []

    def set_groups(self, groups: Sequence[GroupTotal]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._groups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 3:
            return tr(self._first) if section == 0 else tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._groups):
            return None
        g, col = self._groups[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            name = method_name(g.name) if self._translate else g.name
            return (name, str(g.count), format_rupiah(g.revenue))[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col:
            return _RIGHT
        return None
