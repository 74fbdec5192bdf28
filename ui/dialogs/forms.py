"""Small form widgets the desktop app's dialogs share: a combo box of (text, value) pairs, a checklist,
a dialog that will not close on OK while its values have a problem, and a layout that wraps a row of
controls in a narrow place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLayout,
    QLayoutItem,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QWidget,
)


def combo(items: Sequence[tuple[str, Any]], current: Any = None) -> QComboBox:
    box = QComboBox()
    for text, value in items:
        box.addItem(text, value)
    if current is not None:
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
    return box


def checklist(items: Sequence[tuple[str, Any]], checked: Iterable[Any]) -> QListWidget:
    checked = set(checked)
    widget = QListWidget()
    for text, value in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def checked_values(widget: QListWidget) -> list[Any]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class CheckedDialog(QDialog):
    """A form dialog that stays open on OK while :meth:`problem` says what is wrong, in ``self.error``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setProperty("role", "error")  # the theme's red: 4.5:1 on light and dark windows
        self.error.setWordWrap(True)
        self.error.hide()

    def problem(self) -> str | None:
        """Why the values cannot be saved, in a sentence, or None."""
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()


class FlowLayout(QLayout):
    """Widgets side by side, wrapping onto another row when the width runs out (a row of filters in a
    narrow dock), each at its preferred width; the room left on a row goes to its widgets that expand
    sideways (a search box). Never squeezes a widget below its preferred width unless it is wider than
    the whole row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one row."""
        shown = [i for i in self._items if not i.isEmpty()]
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in shown) + self._gap() * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """One widget a row, each at its minimum."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _gap(self) -> int:
        gap = self.spacing()
        if gap < 0:
            parent = self.parentWidget()
            style = parent.style() if parent is not None else None
            gap = style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if style is not None else 6
        return max(gap, 0)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` (when ``move``); the height they take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap, width = self._gap(), max(area.width(), 1)
        rows: list[list[QLayoutItem]] = []
        used = 0
        for item in (i for i in self._items if not i.isEmpty()):
            wanted = item.sizeHint().width()
            if rows and rows[-1] and used + gap + wanted > width:
                rows.append([])
                used = 0
            if not rows:
                rows.append([])
            used += (gap if rows[-1] else 0) + wanted
            rows[-1].append(item)
        y = area.y()
        for row in rows:
            widths = [max(min(i.sizeHint().width(), width), min(i.minimumSize().width(), width)) for i in row]
            spare = width - sum(widths) - gap * (len(row) - 1)
            growing = [k for k, i in enumerate(row) if i.expandingDirections() & Qt.Orientation.Horizontal]
            for n, k in enumerate(growing):
                widths[k] += spare // len(growing) + (1 if n < spare % len(growing) else 0) if spare > 0 else 0
            height = max(i.sizeHint().height() for i in row)
            if move:
                x = area.x()
                for item, w in zip(row, widths, strict=True):
                    item.setGeometry(QRect(x, y, w, height))
                    x += w + gap
            y += height + gap
        return (y - gap if rows else y) - rect.y() + m.bottom()
