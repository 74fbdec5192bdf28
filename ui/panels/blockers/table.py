"""The register's table: :class:`BlockerTableModel` over the core's rows and :class:`BlockerFilterProxy`.

- :class:`BlockerTableModel` shows :class:`~servicecommunity.services.queries.blockers.BlockerRow`
  values read from the core; it refreshes from the context's "what changed" report, re-reading only
  the blockers the report names.
- :class:`BlockerFilterProxy` filters by organisation, status, severity, category, classification
  and free text, and sorts by :data:`ui.panels.rowmodel.SORT_ROLE`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap

from servicecommunity.domain.enums import BlockerStatus, Severity
from servicecommunity.services import Changes
from servicecommunity.services.queries import blockers as blocker_queries
from servicecommunity.services.queries.blockers import BlockerRow
from ui import theme
from ui.context import AppContext
from ui.i18n import QT_TRANSLATE_NOOP, format_date, label
from ui.panels.rowmodel import ROW_ROLE, SORT_ROLE, ColumnSpec, RowTableModel

#: the English word (the tests look for it); shown translated
OVERDUE = QT_TRANSLATE_NOOP("BlockerTable", "Overdue")
from ui.i18n import translate  # noqa: E402

OVERDUE_COLOUR = QColor("#b3261e")  # the light theme's; overdue_colour() gives the theme's own
SEVERITY_COLOURS = {"low": "#6b8e23", "medium": "#c98a00", "high": "#d4581c", "critical": "#a4161a"}
#: the organisation filter's saved choice: "mine", "" (any) or an organisation id
MINE = "mine"
SEVERITY_RANK = {s.value: s.rank for s in Severity}
STATUS_ORDER = {s.value: i for i, s in enumerate(BlockerStatus)}
ANY_OPEN = "open"  # the status filter's "any open status"

# The sections whose change can alter what a register row shows.
_LABEL_SECTIONS = ("organisations", "members", "steps", "dependencies", "communities", "journeys", "stages")


def overdue_colour(p: theme.Palette | None = None) -> str:
    """'Overdue' text in theme ``p`` (the current one by default): red with 4.5:1 on its rows."""
    p = p or theme.current()
    return OVERDUE_COLOUR.name() if p.name == "light" else p.blocked


def closed_colour(p: theme.Palette | None = None) -> str:
    """A closed blocker's status, quieter than an open one's but still 4.5:1 on its rows."""
    p = p or theme.current()
    return "#5f6368" if p.name == "light" else p.muted


_ICONS: dict[tuple[str, str], QIcon] = {}


def swatch_icon(colour: str, p: theme.Palette | None = None, size: int = 12) -> QIcon:
    """A colour square with the theme's swatch outline, visible on any background (made once)."""
    p = p or theme.current()
    key = (colour, p.name)
    if key not in _ICONS:
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setPen(QPen(QColor(p.swatch_outline), 1))
        painter.setBrush(QColor(colour))
        painter.drawRect(0, 0, size - 1, size - 1)
        painter.end()
        _ICONS[key] = QIcon(pixmap)
    return _ICONS[key]


# --- the table model and its filter -----------------------------------------------------------------


def fmt_date(value: date | None) -> str:
    return format_date(value)


def _due_text(row: BlockerRow) -> str:
    if row.due_on is None:
        return ""
    if row.overdue:
        return translate("BlockerTable", "Overdue · {0}").format(fmt_date(row.due_on))
    return fmt_date(row.due_on)


def _overdue_style(row: BlockerRow, role: int) -> Any:
    if not row.overdue:
        return None
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(overdue_colour()))
    return None


def _severity_style(row: BlockerRow, role: int) -> Any:
    if role == Qt.ItemDataRole.DecorationRole:
        return swatch_icon(SEVERITY_COLOURS.get(row.severity, "#888888"))
    return None


def _status_style(row: BlockerRow, role: int) -> Any:
    if role == Qt.ItemDataRole.ForegroundRole and not row.is_open:
        return QBrush(QColor(closed_colour()))
    return None


def _steps_text(row: BlockerRow) -> str:
    if not row.steps:
        n = len(row.dependency_ids)  # a name: lupdate drops a plural whose count is a call
        return translate("BlockerTable", "%n hand-off(s)", "", n) if n else ""
    extra = f" +{len(row.steps) - 1}" if len(row.steps) > 1 else ""
    return row.steps[0] + extra


def _title_tooltip(row: BlockerRow) -> str:
    lines = [row.title]
    if row.description:
        lines.append(row.description)
    if row.blocking:
        lines.append(translate("BlockerTable", "Caused by: {0}").format(row.blocking))
    if row.overdue:
        lines.append(translate("BlockerTable", "Overdue: was due {0}").format(fmt_date(row.due_on)))
    return "\n".join(lines)


BLOCKER_COLUMNS: list[ColumnSpec[BlockerRow]] = [
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Blocker"), lambda r: r.title, lambda r: r.title.casefold(), _title_tooltip, _overdue_style),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Owner"), lambda r: r.owner or translate("BlockerTable", "No owner"), lambda r: (r.owner == "", r.owner.casefold()),
               lambda r: translate("BlockerTable", "The organisation that must resolve it")),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Severity"), lambda r: label(r.severity), lambda r: SEVERITY_RANK.get(r.severity, 0), None, _severity_style),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: label(r.status),
               lambda r: STATUS_ORDER.get(r.status, 0), None, _status_style),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Due"), _due_text, lambda r: r.due_on or date.max, None, _overdue_style),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Category"), lambda r: label(r.category)),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Classification"), lambda r: r.classification),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Raised"), lambda r: fmt_date(r.raised_on), lambda r: r.raised_on or date.min,
               lambda r: translate("BlockerTable", "Raised by {0}").format(r.raised_by) if r.raised_by else None),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Steps"), _steps_text, lambda r: len(r.step_ids) + len(r.dependency_ids),
               lambda r: "\n".join(r.steps) or None),
    ColumnSpec(QT_TRANSLATE_NOOP("Columns", "Raised by"), lambda r: r.raised_by),
]
COLUMN = {spec.title: i for i, spec in enumerate(BLOCKER_COLUMNS)}


class BlockerTableModel(RowTableModel[BlockerRow]):
    """The blockers of the current journey's community, kept in step with the core.

    It listens to ``ctx.changed``: a change to blockers re-reads just those blockers; a change to
    what rows show of other records (organisation names, step titles, members) re-reads them all.
    """

    def __init__(self, ctx: AppContext, parent: Any = None, *, today: date | None = None) -> None:
        super().__init__(BLOCKER_COLUMNS, parent)
        self.ctx = ctx
        self.today = today
        self.community_id: str | None = None
        ctx.changed.connect(self.on_changed)
        ctx.journey_changed.connect(lambda _id: self.reload())
        self.reload()

    def reload(self) -> None:
        journey_id = self.ctx.journey_id
        self.community_id, rows = self.ctx.read(lambda s: blocker_queries.register(s, journey_id, today=self.today))
        self.set_rows(rows)

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(*_LABEL_SECTIONS):
            self.reload()
        elif changes.touches("blockers", "blocker_updates"):
            # no ids: a change on a team workspace's server, which does not say which records
            self.refresh_ids(changes.ids) if changes.ids else self.reload()

    def refresh_ids(self, ids: Iterable[str]) -> None:
        """Re-read the blockers among ``ids``: update those changed, add new ones, drop deleted ones."""
        ids = set(ids)
        fresh = self.ctx.read(lambda s: blocker_queries.register_rows(s, self.community_id, ids=ids, today=self.today))
        found = {r.id for r in fresh}
        self.patch(fresh, gone=[i for i in ids if i not in found and self.row_of(i) >= 0])


class BlockerFilterProxy(QSortFilterProxyModel):
    """Filters register rows: organisation (owner), status, severity, category, classification, text.

    ``status`` is a status value or :data:`ANY_OPEN` (open, in progress or escalated); each filter
    is off when None or "".
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.organisation_id: str | None = None
        self.status: str | None = None
        self.severity: str | None = None
        self.category: str | None = None
        self.classification: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filter(self, **values: Any) -> None:
        """Change some filters at once, e.g. ``set_filter(status="open", text="PAYE")``."""
        self.beginFilterChange()
        for key, value in values.items():
            if key not in ("organisation_id", "status", "severity", "category", "classification", "text"):
                raise TypeError(f"No filter called {key!r}.")
            setattr(self, key, (value or "") if key == "text" else (value or None))
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (once per row, not once per comparison); this proxy keeps its order."""
        source = self.sourceModel()
        if isinstance(source, RowTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if isinstance(model, RowTableModel):
            row: BlockerRow = model.row_value(source_row)
        else:
            row = model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
        if row is None:
            return False
        if self.organisation_id and row.owner_id != self.organisation_id:
            return False
        if self.status == ANY_OPEN:
            if not row.is_open:
                return False
        elif self.status and row.status != self.status:
            return False
        if self.severity and row.severity != self.severity:
            return False
        if self.category and row.category != self.category:
            return False
        if self.classification and row.classification != self.classification:
            return False
        return not self.text or all(word in row.haystack() for word in self.text.casefold().split())
