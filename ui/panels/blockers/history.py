"""The selected blocker: a summary and its history (raised, then each comment and change of status)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.services.queries import blockers as blocker_queries
from servicecommunity.services.queries.blockers import BlockerRow, HistoryEntry
from ui.context import AppContext
from ui.i18n import (
    QT_TRANSLATE_NOOP,
    format_datetime,
    label,
    translate,
)
from ui.panels.blockers.table import fmt_date, overdue_colour
from ui.panels.rowmodel import ColumnSpec, RowTableModel


def _when(entry: HistoryEntry) -> str:
    """The day, for every entry alike (a blocker's "raised" entry has a date and no time)."""
    if isinstance(entry.at, datetime):
        return fmt_date(entry.at.astimezone().date())
    return fmt_date(entry.at)


def _when_exactly(entry: HistoryEntry) -> str:
    """The day and, where it is known, the time (the column's tooltip)."""
    if isinstance(entry.at, datetime):
        return format_datetime(entry.at)
    return fmt_date(entry.at)


HISTORY_COLUMNS: list[ColumnSpec[HistoryEntry]] = [
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "When"), _when, tooltip=_when_exactly),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Who"), lambda e: e.author),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "What"), lambda e: e.text, tooltip=lambda e: e.text),
]


class BlockerHistoryModel(RowTableModel[HistoryEntry]):
    """One blocker's history, oldest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HISTORY_COLUMNS, parent)


class BlockerHistoryView(QWidget):
    """The selected blocker: a summary and its history in order."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.blocker_id: str | None = None
        self.summary = QLabel(translate("BlockerHistoryView", "Select a blocker to see its history."))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.model = BlockerHistoryModel(self)
        self.table = QTableView()
        self.table.setObjectName("BlockerHistoryTable")
        self.table.setAccessibleName(translate("BlockerHistoryView", "Blocker history"))
        self.table.setAccessibleDescription(translate("BlockerHistoryView", "When, who and what changed on the selected blocker, oldest first"))
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_blocker(self, row: BlockerRow | None) -> None:
        self.blocker_id = row.id if row else None
        if row is None:
            self.summary.setText(translate("BlockerHistoryView", "Select a blocker to see its history."))
            self.model.set_rows([])
            return
        due = ""
        if row.due_on:
            due = translate("BlockerHistoryView", "Due {0}").format(fmt_date(row.due_on))
            if row.overdue:
                was_due = translate("BlockerTable", "Overdue: was due {0}").format(fmt_date(row.due_on))
                due = f"<b style='color:{overdue_colour()}'>{was_due}</b>"
        nobody = translate("BlockerHistoryView", "nobody yet")
        parts = [
            f"<b>{_esc(row.title)}</b>",
            f"{label(row.severity)} · {label(row.status)} · {label(row.category)} · {row.classification}",
            (translate("BlockerHistoryView", "Owner: {0} · caused by {1}").format(_esc(row.owner or nobody), _esc(row.blocking))
             if row.blocking else translate("BlockerHistoryView", "Owner: {0}").format(_esc(row.owner or nobody))),
        ]
        if due:
            parts.append(due)
        if row.steps:
            parts.append(translate("BlockerHistoryView", "Steps: {0}").format(_esc(", ".join(row.steps))))
        if row.description:
            parts.append(_esc(row.description))
        self.summary.setText("<br>".join(parts))
        self.model.set_rows(self.ctx.read(lambda s: blocker_queries.history(s, row.id)))
        self.table.resizeRowsToContents()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
