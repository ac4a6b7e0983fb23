"""Table models of the Day review page: the day's transactions (sorted by each column's
value, not its text), column widths that fit the widest value of the whole day, and
totals per group (service, payment method, clerk). Rows are set on the GUI thread after a
background load.

The list sorts itself (``sort``) rather than through a QSortFilterProxyModel: the proxy
asks Python for two cells per comparison, ~0.5 s for a busy day's 2,000 rows on every
header click; one key per row and Python's sort take a few milliseconds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle, QTableView

from ...domain import day_figures as figures
from ...domain.day_figures import GroupTotal
from ...domain.money import format_rupiah
from ...domain.records import ShipmentSummary
from ...domain.waybill import format_waybill
from ...domain.weighing import OVERRIDE
from ...domain.words import payment_name, status_name
from ...i18n import N_, get_language, tr
from .row_model import Index, RowListModel

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

COLUMNS = (N_("Waybill"), N_("Time"), N_("Clerk"), N_("Service"), N_("Weight"), N_("Pieces"),
           N_("COD"), N_("Total"), N_("Payment"), N_("Status"))
NUMERIC = {4, 5, 6, 7}
TIME_COLUMN = 1
WEIGHT_COLUMN = 4  # a weight typed over the scale's reading is flagged here (icon, tip)
_DISTINCT = (2, 3, 8, 9)  # a few values a day (clerks, services, methods, states)


def method_name(method: str) -> str:
    return payment_name(method)


def kg_text(grams: int) -> str:
    """``1250`` → ``1,3 kg`` in the language in use (domain.day_figures.kg_text)."""
    return figures.kg_text(grams, get_language())


class DayReviewModel(RowListModel[ShipmentSummary]):
    """The transactions of a day: one row per shipment, voided ones marked (grey), in the
    order last asked for (booking order to start); a reload keeps that order."""

    COLUMNS = COLUMNS

    def __init__(self, timezone: Any) -> None:
        super().__init__(timezone)
        self._order = (TIME_COLUMN, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Sequence[ShipmentSummary]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows, *self._order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``'s value (a header click); ties keep their order. The
        selection follows its row."""
        if not 0 <= column < len(COLUMNS):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [(self._rows[i.row()], i.column()) if i.isValid() else None for i in before]
        self._rows = self._sorted(self._rows, column, order)
        where = {id(r): n for n, r in enumerate(self._rows)}
        after = [self.index(where[id(h[0])], h[1]) if h else QModelIndex() for h in held]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self, rows: Sequence[ShipmentSummary], column: int,
                order: Qt.SortOrder) -> list[ShipmentSummary]:
        # Python's sort is stable, reverse=True too: equal rows keep booking order.
        return sorted(rows, key=lambda r: self._sort_key(r, column),
                      reverse=order == Qt.SortOrder.DescendingOrder)

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
        if col == WEIGHT_COLUMN and s.weight_source == OVERRIDE:
            return _typed_over(role)
        return None

    def _sort_key(self, s: ShipmentSummary, col: int) -> Any:
        """Money, weight and time by value ("Rp 9.000" before "Rp 10.000"), words as read."""
        if col == 0:
            return s.waybill
        if col == TIME_COLUMN:
            return s.booked_at.timestamp()
        if col in NUMERIC:
            return (s.weight_g, s.pieces, s.cod_amount, s.total)[col - 4]
        return self._text(s, col).casefold()

    def widest_texts(self, col: int) -> list[str]:
        """The texts that can be widest in ``col`` over every row (the largest amount, each
        distinct clerk...), so a width fits the whole day, not a sample of its first rows."""
        rows = self._rows
        if not rows:
            return []
        if col in _DISTINCT:
            key = (lambda r: r.clerk, lambda r: r.service, lambda r: r.payment_method,
                   lambda r: r.status)[_DISTINCT.index(col)]
            picked = list({key(r): r for r in rows}.values())
        elif col in NUMERIC:
            picked = [max(rows, key=lambda r: self._sort_key(r, col))]
        else:
            picked = rows[:1]  # a waybill and a time always have the same length
        return [self._text(r, col) for r in picked]

    def any_typed_over(self) -> bool:
        return any(r.weight_source == OVERRIDE for r in self._rows)

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


def _typed_over(role: int) -> Any:
    """The flag of a weight typed over the scale's stable reading (under-weighing is a
    classic counter fraud): a warning icon, and words for the tip and a screen reader."""
    if role == Qt.ItemDataRole.DecorationRole:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
        return tr("Weight typed over the scale's reading; the reason is kept in the audit log")
    return None


def fit_columns(view: QTableView, model: DayReviewModel) -> int:
    """Size every column to its widest text of the day and its title; returns the width
    the table needs to show them all without scrolling.

    A title gets room for the sort arrow only in the sorted column (the page sizes
    them again when another is sorted): Qt's own hint keeps the arrow's room in every
    column, about 20 px each, and at a 12-point desktop font the list then no longer fit
    a 1366-pixel screen beside the side panel."""
    header = view.horizontalHeader()
    style = view.style()
    pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 10
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = max(style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header),
                header.height() // 2) + 2 * margin
    sorted_col = header.sortIndicatorSection() if header.isSortIndicatorShown() else -1
    metrics, titles = view.fontMetrics(), header.fontMetrics()
    total = 0
    for col in range(model.columnCount()):
        cells = [metrics.horizontalAdvance(t) + pad for t in model.widest_texts(col)]
        if col == WEIGHT_COLUMN and model.any_typed_over():  # room for the flag's icon
            icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, view) + 6
            cells = [c + icon for c in cells]
        title = titles.horizontalAdvance(str(model.headerData(col, Qt.Orientation.Horizontal)))
        title += 4 * margin + 8 + (arrow if col == sorted_col else 0)
        width = max([title, *cells])
        header.resizeSection(col, width)
        total += width
    scroll = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    return total + scroll + 2 * view.frameWidth()


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
