"""Small form widgets the desktop app's dialogs share: a combo box of (text, value) pairs, a checklist,
and a dialog that will not close on OK while its values have a problem."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QListWidget, QListWidgetItem, QWidget


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
