"""A thin table model over rows read from the core (napari's ``_base_item_model``).

Rows are plain frozen values with an ``id``; the model never holds ORM objects. :meth:`RowTableModel.set_rows`
compares the new rows with the shown ones by id and turns the difference into
``beginRemoveRows``/``beginInsertRows``/``dataChanged``, so a view keeps its selection and scroll
position when one record changes, and a sort/filter proxy above re-sorts only what moved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

R = TypeVar("R")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row value itself
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the record id
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a value that sorts the way a person expects

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ColumnSpec(Generic[R]):
    """One column: its header, what it shows, and optionally how it sorts, its tooltip and styling."""

    title: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str | None] | None = None
    style: Callable[[R, int], Any] | None = None  # (row, role) -> value or None


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Rows of plain values, one per record, shown through :class:`ColumnSpec` columns."""

    def __init__(self, columns: Sequence[ColumnSpec[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []
        self._index: dict[str, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- reading ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            # a column's title is English, marked QT_TRANSLATE_NOOP("Columns", ...) where it is defined
            return QCoreApplication.translate("Columns", self.columns[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(self.columns)):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id  # type: ignore[attr-defined]
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if column.style is not None:
            return column.style(row, role)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_of(self, record_id: str) -> int:
        """The row showing ``record_id``, or -1."""
        return self._index.get(record_id, -1)

    def row_value(self, row: int) -> R:
        return self._rows[row]

    # --- sorting ---------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's sort key, in Python, once (and again after each change).

        A proxy's own sort asks ``data()`` of every pair it compares: a million Python calls for
        20,000 blockers. Sorting here costs one key per row; a filter proxy above keeps this order.
        """
        self._sort = (column, order)
        self._apply_sort()

    def _apply_sort(self) -> None:
        if self._sort is None or not self._rows:
            return
        column, order = self._sort
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        key = spec.sort or spec.text
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._rows[i.row()].id, i.column()) for i in persistent]  # type: ignore[attr-defined]
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._reindex()
        self.changePersistentIndexList(persistent, [self.index(self._index[rid], col) for rid, col in held])
        self.layoutChanged.emit()

    # --- changing --------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show ``rows``: remove the records gone, update those changed, append the new ones."""
        new = {r.id: r for r in rows}  # type: ignore[attr-defined]
        gone = [i for i, r in enumerate(self._rows) if r.id not in new]  # type: ignore[attr-defined]
        for start, end in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._rows[start : end + 1]
            self.endRemoveRows()
        self._reindex()
        last = len(self.columns) - 1
        for i, old in enumerate(self._rows):
            fresh = new[old.id]  # type: ignore[attr-defined]
            if fresh != old:
                self._rows[i] = fresh
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))
        added = [r for r in rows if r.id not in self._index]  # type: ignore[attr-defined]
        if added:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
            self._rows.extend(added)
            self._reindex()
            self.endInsertRows()
        if gone or added or self._sort is not None:
            self._apply_sort()

    def patch(self, fresh: Sequence[R], gone: Iterable[str] = ()) -> None:
        """Update or add the rows ``fresh``, remove the records ``gone``: cheap for a few changes.

        Unlike :meth:`set_rows` it does not look at the other rows; it re-sorts only when a row was
        added or an updated row's sort key changed.
        """
        resort = False
        for rid in sorted((r for r in set(gone) if r in self._index), key=self._index.__getitem__, reverse=True):
            row = self._index[rid]
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._reindex()
            self.endRemoveRows()
        key = self._sort_key()
        added = []
        for new in fresh:
            row = self._index.get(new.id, -1)  # type: ignore[attr-defined]
            if row < 0:
                added.append(new)
                continue
            old = self._rows[row]
            if old != new:
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
                resort = resort or (key is not None and key(old) != key(new))
        if added:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
            self._rows.extend(added)
            self._reindex()
            self.endInsertRows()
            resort = True
        if resort:
            self._apply_sort()

    def _sort_key(self) -> Any:
        if self._sort is None or not 0 <= self._sort[0] < len(self.columns):
            return None
        spec = self.columns[self._sort[0]]
        return spec.sort or spec.text

    def _reindex(self) -> None:
        self._index = {r.id: i for i, r in enumerate(self._rows)}  # type: ignore[attr-defined]


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Sorted indices as (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs
