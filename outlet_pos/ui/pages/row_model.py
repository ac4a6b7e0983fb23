"""A read-only table model over a list of rows with fixed, translated column headers.

The Today and Day review lists share it; each subclass only says how a row reads
(``data``) and which ``COLUMNS`` it has. The Day review's small panels (refused events,
pre-booking conflicts) fill a plain QTableWidget with ``fill_text_rows``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from ...i18n import tr

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class RowListModel(QAbstractTableModel, Generic[RowT]):
    COLUMNS: tuple[str, ...] = ()  # English sources, translated when shown

    def __init__(self, timezone: Any) -> None:
        super().__init__()
        self._rows: list[RowT] = []
        self._tz = timezone

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    def _row(self, index: Index) -> RowT | None:
        """The row behind ``index``, or None for an invalid one."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return tr(self.COLUMNS[section])
        return None


def fill_text_rows(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Put ``rows`` of text in ``table``, each cell's whole text also in its tooltip (the
    panels' columns are narrow), and fit the rows' heights to their wrapped text."""
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, col, item)
    table.resizeRowsToContents()
