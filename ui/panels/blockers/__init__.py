"""The blocker register: a sortable, filterable table of a community's blockers, their forms and history.

- :mod:`.table`: :class:`BlockerTableModel` (rows read from the core, refreshed from the context's
  "what changed" report, re-reading only the blockers it names) and :class:`BlockerFilterProxy`
  (organisation, status, severity, category, classification and free text).
- :mod:`.forms`: :class:`BlockerForm`, :class:`StatusDialog` and :class:`CommentDialog`, each with an
  ``ask()`` classmethod returning plain values, so tests patch them instead of driving a modal loop.
- :mod:`.history`: :class:`BlockerHistoryView`, the selected blocker's summary and history.
- :mod:`.register`: :class:`BlockerRegister`, the panel: filters, table, actions and history; it
  also answers the map's ``ctx.raise_blocker_requested`` by opening the form linked to the chosen
  steps and dependencies.

The rows come from :mod:`servicecommunity.services.queries.blockers`; every change goes through an
undo command (``ui.commands``), so Edit > Undo takes it back.
"""

from __future__ import annotations

from servicecommunity.services.queries.blockers import BlockerRow, FormChoices, HistoryEntry
from ui.panels.blockers.forms import BlockerForm, CommentDialog, StatusDialog, show_error
from ui.panels.blockers.history import HISTORY_COLUMNS, BlockerHistoryModel, BlockerHistoryView
from ui.panels.blockers.register import BlockerRegister
from ui.panels.blockers.table import (
    ANY_OPEN,
    BLOCKER_COLUMNS,
    COLUMN,
    MINE,
    OVERDUE,
    OVERDUE_COLOUR,
    SEVERITY_COLOURS,
    BlockerFilterProxy,
    BlockerTableModel,
)

__all__ = [
    "ANY_OPEN",
    "BLOCKER_COLUMNS",
    "COLUMN",
    "HISTORY_COLUMNS",
    "MINE",
    "OVERDUE",
    "OVERDUE_COLOUR",
    "SEVERITY_COLOURS",
    "BlockerFilterProxy",
    "BlockerForm",
    "BlockerHistoryModel",
    "BlockerHistoryView",
    "BlockerRegister",
    "BlockerRow",
    "BlockerTableModel",
    "CommentDialog",
    "FormChoices",
    "HistoryEntry",
    "StatusDialog",
    "show_error",
]
