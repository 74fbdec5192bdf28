"""The blocker register: a sortable, filterable table of a community's blockers, their forms and history.

- :class:`BlockerTableModel` shows :class:`BlockerRow` values read from the core; it refreshes from
  the context's "what changed" report, re-reading only the blockers the report names.
- :class:`BlockerFilterProxy` filters by organisation, status, severity, category, classification
  and free text, and sorts by :data:`ui.panels.rowmodel.SORT_ROLE`.
- :class:`BlockerRegister` is the panel: filters, table, actions (raise, edit, change status,
  comment, delete, show on the map) and the selected blocker's history. It also answers the map's
  ``ctx.raise_blocker_requested`` by opening :class:`BlockerForm` linked to the chosen steps and
  dependencies.
- :class:`BlockerForm`, :class:`StatusDialog` and :class:`CommentDialog` each have an ``ask()``
  classmethod returning plain values, so tests patch them instead of driving a modal loop.

Every change goes through an undo command (``ui.commands``), so Edit > Undo takes it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.domain import schemas
from servicecommunity.domain.enums import (
    SERVICE_STANDARD_POINTS,
    BlockerCategory,
    BlockerStatus,
    Classification,
    Severity,
    label,
)
from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.services import Changes
from servicecommunity.services.queries import blockers as blocker_queries
from servicecommunity.services.queries.blockers import BlockerRow, FormChoices, HistoryEntry
from ui.commands import BlockerHistoryCommand, CreateCommand, DeleteCommand, UpdateCommand, push
from ui.context import AppContext
from ui.dialogs.forms import CheckedDialog, checked_values, checklist, combo
from ui.panels.rowmodel import ROW_ROLE, SORT_ROLE, ColumnSpec, RowTableModel

OVERDUE = "Overdue"
OVERDUE_COLOUR = QColor("#b3261e")
SEVERITY_COLOURS = {"low": "#6b8e23", "medium": "#c98a00", "high": "#d4581c", "critical": "#a4161a"}
#: the organisation filter's saved choice: "mine", "" (any) or an organisation id
ORG_FILTER_KEY = "blockers/filter/organisation"
MINE = "mine"
SEVERITY_RANK = {s.value: s.rank for s in Severity}
STATUS_ORDER = {s.value: i for i, s in enumerate(BlockerStatus)}
ANY_OPEN = "open"  # the status filter's "any open status"

# The sections whose change can alter what a register row shows.
_LABEL_SECTIONS = ("organisations", "members", "steps", "dependencies", "communities", "journeys", "stages")


# --- the table model and its filter -----------------------------------------------------------------


def _fmt_date(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def _due_text(row: BlockerRow) -> str:
    if row.due_on is None:
        return ""
    return f"{OVERDUE} · {_fmt_date(row.due_on)}" if row.overdue else _fmt_date(row.due_on)


def _overdue_style(row: BlockerRow, role: int) -> Any:
    if not row.overdue:
        return None
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(OVERDUE_COLOUR)
    return None


def _severity_style(row: BlockerRow, role: int) -> Any:
    if role == Qt.ItemDataRole.DecorationRole:
        return QColor(SEVERITY_COLOURS.get(row.severity, "#888888"))
    return None


def _status_style(row: BlockerRow, role: int) -> Any:
    if role == Qt.ItemDataRole.ForegroundRole and not row.is_open:
        return QBrush(QColor("#5f6368"))
    return None


def _steps_text(row: BlockerRow) -> str:
    if not row.steps:
        return f"{len(row.dependency_ids)} hand-off(s)" if row.dependency_ids else ""
    extra = f" +{len(row.steps) - 1}" if len(row.steps) > 1 else ""
    return row.steps[0] + extra


def _title_tooltip(row: BlockerRow) -> str:
    lines = [row.title]
    if row.description:
        lines.append(row.description)
    if row.blocking:
        lines.append(f"Caused by: {row.blocking}")
    if row.overdue:
        lines.append(f"{OVERDUE}: was due {_fmt_date(row.due_on)}")
    return "\n".join(lines)


BLOCKER_COLUMNS: list[ColumnSpec[BlockerRow]] = [
    ColumnSpec("Blocker", lambda r: r.title, lambda r: r.title.casefold(), _title_tooltip, _overdue_style),
    ColumnSpec("Owner", lambda r: r.owner or "No owner", lambda r: (r.owner == "", r.owner.casefold()),
               lambda r: "The organisation that must resolve it"),
    ColumnSpec("Severity", lambda r: label(r.severity), lambda r: SEVERITY_RANK.get(r.severity, 0), None, _severity_style),
    ColumnSpec("Status", lambda r: label(r.status),
               lambda r: STATUS_ORDER.get(r.status, 0), None, _status_style),
    ColumnSpec("Due", _due_text, lambda r: r.due_on or date.max, None, _overdue_style),
    ColumnSpec("Category", lambda r: label(r.category)),
    ColumnSpec("Classification", lambda r: r.classification),
    ColumnSpec("Raised", lambda r: _fmt_date(r.raised_on), lambda r: r.raised_on or date.min,
               lambda r: f"Raised by {r.raised_by}" if r.raised_by else None),
    ColumnSpec("Steps", _steps_text, lambda r: len(r.step_ids) + len(r.dependency_ids),
               lambda r: "\n".join(r.steps) or None),
    ColumnSpec("Raised by", lambda r: r.raised_by),
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
            self.refresh_ids(changes.ids)

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


# --- dialogs ----------------------------------------------------------------------------------------




def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class BlockerForm(CheckedDialog):
    """Raise or edit a blocker. :meth:`ask` returns the form's values, or None when cancelled."""

    def __init__(self, choices: FormChoices, initial: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None, *, title: str = "Raise a blocker") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("BlockerForm")
        initial = dict(initial or {})
        self.title_edit = QLineEdit(initial.get("title", ""))
        self.title_edit.setPlaceholderText("What stops the community improving the journey?")
        self.description_edit = QPlainTextEdit(initial.get("description", ""))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(80)
        self.category = combo([(label(c), c.value) for c in BlockerCategory], initial.get("category", "other"))
        self.severity = combo([(label(s), s.value) for s in Severity], initial.get("severity", "medium"))
        self.classification = combo([(c.value, c.value) for c in Classification],
                                     initial.get("classification", "OFFICIAL"))
        self.owner = combo([("No owner yet", None), *choices.organisations], initial.get("owner_id"))
        self.blocking = checklist(choices.organisations, initial.get("blocking_organisation_ids", ()))
        self.blocking.setMaximumHeight(90)
        today = date.today()
        self.raised_on = QDateEdit(_qdate(initial.get("raised_on") or today))
        self.raised_on.setCalendarPopup(True)
        self.raised_on.setDisplayFormat("d MMM yyyy")
        due = initial.get("due_on")
        self.has_due = QCheckBox("Due by")
        self.has_due.setChecked(due is not None)
        self.due_on = QDateEdit(_qdate(due or today))
        self.due_on.setCalendarPopup(True)
        self.due_on.setDisplayFormat("d MMM yyyy")
        self.due_on.setEnabled(due is not None)
        self.has_due.toggled.connect(self.due_on.setEnabled)
        self.points = checklist([(f"{n}. {text}", n) for n, text in SERVICE_STANDARD_POINTS.items()],
                                 initial.get("standard_points", ()))
        self.points.setMaximumHeight(90)
        self.steps = checklist(choices.steps, initial.get("step_ids", ()))
        self.steps.setMinimumHeight(110)
        self.dependencies = checklist(choices.dependencies, initial.get("dependency_ids", ()))
        self.dependencies.setMaximumHeight(70)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_on, 1)
        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Description", self.description_edit)
        form.addRow("&Category", self.category)
        form.addRow("&Severity", self.severity)
        form.addRow("C&lassification", self.classification)
        form.addRow("&Owner (must resolve it)", self.owner)
        form.addRow("Caused by", self.blocking)
        form.addRow("&Raised on", self.raised_on)
        form.addRow("Due", due_row)
        form.addRow("Service Standard points", self.points)
        form.addRow("Affected steps", self.steps)
        if choices.dependencies:
            form.addRow("Affected hand-offs", self.dependencies)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 720)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(),
            "category": self.category.currentData(),
            "severity": self.severity.currentData(),
            "classification": self.classification.currentData(),
            "owner_id": self.owner.currentData(),
            "blocking_organisation_ids": sorted(checked_values(self.blocking)),
            "raised_on": _pydate(self.raised_on.date()),
            "due_on": _pydate(self.due_on.date()) if self.has_due.isChecked() else None,
            "standard_points": sorted(checked_values(self.points)),
            "step_ids": sorted(checked_values(self.steps)),
            "dependency_ids": sorted(checked_values(self.dependencies)),
        }

    def problem(self) -> str | None:
        """Why the values cannot be saved, in a sentence, or None."""
        values = self.values()
        if not values["title"]:
            return "Give the blocker a title."
        if values["due_on"] and values["due_on"] < values["raised_on"]:
            return "A blocker cannot be due before it was raised."
        try:
            schemas.BlockerCreate.model_validate({"community_id": "x", **values})
        except Exception as exc:  # pydantic's message, shown to the person
            return str(exc).splitlines()[0]
        return None

    @classmethod
    def ask(cls, parent: QWidget | None, choices: FormChoices, initial: Mapping[str, Any] | None = None,
            *, title: str = "Raise a blocker") -> dict[str, Any] | None:
        dialog = cls(choices, initial, parent, title=title)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class StatusDialog(QDialog):
    """Change a blocker's status, with an optional comment. :meth:`ask` returns (status, comment)."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change status")
        self.status = combo([(label(s), s.value) for s in BlockerStatus if s.value != current])
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText("Why? (optional, goes in the blocker's history)")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Now: {label(current)}"))
        form.addRow("New &status", self.status)
        form.addRow("&Comment", self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, current: str) -> tuple[str, str] | None:
        dialog = cls(current, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.status.currentData(), dialog.comment.toPlainText().strip()
        finally:
            dialog.deleteLater()


class CommentDialog(QDialog):
    """Add a comment to a blocker's history. :meth:`ask` returns the text, or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Comment on blocker")
        self.comment = QPlainTextEdit()
        layout = QVBoxLayout(self)
        layout.addWidget(self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.comment.toPlainText().strip() or None
        finally:
            dialog.deleteLater()


def show_error(parent: QWidget | None, message: str) -> None:
    """Tell the person why a change was refused (tests patch this)."""
    QMessageBox.warning(parent, "Service Community", message)


# --- the history ------------------------------------------------------------------------------------


def _when(entry: HistoryEntry) -> str:
    if isinstance(entry.at, datetime):
        return entry.at.astimezone().strftime("%d %b %Y %H:%M")
    return _fmt_date(entry.at)


HISTORY_COLUMNS: list[ColumnSpec[HistoryEntry]] = [
    ColumnSpec("When", _when),
    ColumnSpec("Who", lambda e: e.author),
    ColumnSpec("What", lambda e: e.text, tooltip=lambda e: e.text),
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
        self.summary = QLabel("Select a blocker to see its history.")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.model = BlockerHistoryModel(self)
        self.table = QTableView()
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
            self.summary.setText("Select a blocker to see its history.")
            self.model.set_rows([])
            return
        due = ""
        if row.due_on:
            due = f"Due {_fmt_date(row.due_on)}"
            if row.overdue:
                due = f"<b style='color:{OVERDUE_COLOUR.name()}'>{OVERDUE}: was due {_fmt_date(row.due_on)}</b>"
        parts = [
            f"<b>{_esc(row.title)}</b>",
            f"{label(row.severity)} · {label(row.status)} · {label(row.category)} · {row.classification}",
            f"Owner: {_esc(row.owner or 'nobody yet')}" + (f" · caused by {_esc(row.blocking)}" if row.blocking else ""),
        ]
        if due:
            parts.append(due)
        if row.steps:
            parts.append("Steps: " + _esc(", ".join(row.steps)))
        if row.description:
            parts.append(_esc(row.description))
        self.summary.setText("<br>".join(parts))
        self.model.set_rows(self.ctx.read(lambda s: blocker_queries.history(s, row.id)))
        self.table.resizeRowsToContents()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- the register -----------------------------------------------------------------------------------


class BlockerRegister(QWidget):
    """The register panel: filters, the table, actions and the selected blocker's history.

    Works on its own with just the context (tests build it so); ``ui.panels.install`` docks it
    in the main window. With ``handle_raise_requests`` it opens the raise form when the map asks.
    """

    selected_blocker_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None,
                 handle_raise_requests: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("BlockerRegister")
        self.ctx = ctx
        self.model = BlockerTableModel(ctx, self, today=today)
        self.proxy = BlockerFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        # Filters.
        self.organisation_filter = QComboBox()
        self.organisation_filter.setToolTip("The organisation that owns the blocker (must resolve it)")
        self.status_filter = combo([("Any status", None), ("Open (any)", ANY_OPEN),
                                     *((label(s), s.value) for s in BlockerStatus)], ANY_OPEN)
        self.severity_filter = combo([("Any severity", None), *((label(s), s.value) for s in reversed(Severity))])
        self.category_filter = combo([("Any category", None), *((label(c), c.value) for c in BlockerCategory)])
        self.classification_filter = combo([("Any classification", None), *((c.value, c.value) for c in Classification)])
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search blockers…")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        for box in (self.organisation_filter, self.status_filter, self.severity_filter, self.category_filter,
                    self.classification_filter):
            box.currentIndexChanged.connect(self._apply_filters)
        self.search.textChanged.connect(self._apply_filters)
        self.organisation_filter.activated.connect(self._save_organisation_filter)

        # Actions.
        self.raise_button = QPushButton("Raise blocker…")
        self.raise_button.clicked.connect(lambda _checked=False: self.raise_blocker())
        self.edit_button = QToolButton()
        self.edit_button.setText("Edit…")
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_blocker())
        self.status_button = QToolButton()
        self.status_button.setText("Change status…")
        self.status_button.clicked.connect(lambda _checked=False: self.change_status())
        self.comment_button = QToolButton()
        self.comment_button.setText("Comment…")
        self.comment_button.clicked.connect(lambda _checked=False: self.comment())
        self.map_button = QToolButton()
        self.map_button.setText("Show on map")
        self.map_button.clicked.connect(lambda _checked=False: self.show_on_map())
        self.delete_button = QToolButton()
        self.delete_button.setText("Delete")
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_blocker())

        self.table = QTableView()
        self.table.setObjectName("BlockerTable")
        self.table.setModel(self.proxy)
        # Set the indicator first: enabling sorting then sorts once, by severity, worst first.
        self.table.horizontalHeader().setSortIndicator(COLUMN["Severity"], Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for name, width in (("Blocker", 290), ("Owner", 110), ("Severity", 90), ("Status", 95), ("Due", 180),
                            ("Category", 105), ("Classification", 140), ("Raised", 95), ("Steps", 200), ("Raised by", 120)):
            self.table.setColumnWidth(COLUMN[name], width)
        self.table.doubleClicked.connect(lambda _i: self.edit_blocker())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.history = BlockerHistoryView(ctx, self)

        filters = QHBoxLayout()
        for w in (self.organisation_filter, self.status_filter, self.severity_filter, self.category_filter,
                  self.classification_filter):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        actions = QHBoxLayout()
        for button in (self.raise_button, self.edit_button, self.status_button, self.comment_button,
                       self.map_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.history)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([1000, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(split, 1)

        self._fill_organisations()
        self.model.modelReset.connect(self._after_rows_changed)
        self.model.rowsInserted.connect(self._after_rows_changed)
        self.model.rowsRemoved.connect(self._after_rows_changed)
        self.model.dataChanged.connect(self._after_data_changed)
        ctx.changed.connect(self._on_changed)
        ctx.member_changed.connect(lambda _m: self._fill_organisations())
        if handle_raise_requests:
            ctx.raise_blocker_requested.connect(self._on_raise_requested)
        self._apply_filters()
        self._update_actions()

    # --- filters -----------------------------------------------------------------------------

    def _member_org(self) -> tuple[str | None, str]:
        member_id = self.ctx.member_id
        if not member_id:
            return None, ""
        return self.ctx.read(lambda s: blocker_queries.member_organisation(s, member_id))

    def _fill_organisations(self) -> None:
        saved = QSettings().value(ORG_FILTER_KEY, MINE)
        current = self.organisation_filter.currentData() if self.organisation_filter.count() else saved
        mine_id, mine_label = self._member_org()
        community_id = self.model.community_id
        orgs = self.ctx.read(lambda s: blocker_queries.organisation_labels(s, community_id))
        box = self.organisation_filter
        box.blockSignals(True)
        box.clear()
        box.addItem("Any organisation", "")
        if mine_id:
            box.addItem(f"My organisation ({mine_label})", MINE)
        for text, org_id in orgs:
            box.addItem(text, org_id)
        index = box.findData(current)
        box.setCurrentIndex(max(0, index))
        box.blockSignals(False)
        self._apply_filters()

    def _save_organisation_filter(self) -> None:
        QSettings().setValue(ORG_FILTER_KEY, self.organisation_filter.currentData() or "")

    def set_organisation_filter(self, value: str) -> None:
        """Choose the organisation filter (``"mine"``, ``""`` or an id) and remember it as the default."""
        index = self.organisation_filter.findData(value)
        if index >= 0:
            self.organisation_filter.setCurrentIndex(index)
            self._save_organisation_filter()

    def _apply_filters(self) -> None:
        org = self.organisation_filter.currentData() or None
        if org == MINE:
            org = self._member_org()[0]
        self.proxy.set_filter(
            organisation_id=org,
            status=self.status_filter.currentData(),
            severity=self.severity_filter.currentData(),
            category=self.category_filter.currentData(),
            classification=self.classification_filter.currentData(),
            text=self.search.text(),
        )
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} blockers" if shown != total else f"{total} blockers")

    # --- selection ---------------------------------------------------------------------------

    def current_row(self) -> BlockerRow | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        row: BlockerRow | None = self.proxy.data(index, ROW_ROLE)
        return row

    def current_id(self) -> str | None:
        row = self.current_row()
        return row.id if row else None

    def select_blocker(self, blocker_id: str) -> bool:
        """Select and show ``blocker_id`` (clearing filters that hide it); False if unknown."""
        row = self.model.row_of(blocker_id)
        if row < 0:
            return False
        source = self.model.index(row, 0)
        if not self.proxy.mapFromSource(source).isValid():
            self.clear_filters()
        index = self.proxy.mapFromSource(source)
        self.table.selectionModel().setCurrentIndex(
            index, self.table.selectionModel().SelectionFlag.ClearAndSelect | self.table.selectionModel().SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def clear_filters(self) -> None:
        for box in (self.organisation_filter, self.status_filter, self.severity_filter, self.category_filter,
                    self.classification_filter):
            box.setCurrentIndex(max(0, box.findData(None) if box is not self.organisation_filter else 0))
        self.search.clear()

    def _selection_changed(self) -> None:
        row = self.current_row()
        self.history.show_blocker(row)
        self._update_actions()
        self.selected_blocker_changed.emit(row.id if row else "")

    def _update_actions(self) -> None:
        has = self.current_row() is not None
        for button in (self.edit_button, self.status_button, self.comment_button, self.map_button, self.delete_button):
            button.setEnabled(has)

    def _after_rows_changed(self, *_args: Any) -> None:
        self._update_count()
        self._refresh_history()

    def _after_data_changed(self, *_args: Any) -> None:
        self._refresh_history()

    def _refresh_history(self) -> None:
        row = self.current_row()
        self.history.show_blocker(row)
        self._update_actions()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("organisations", "members"):
            self._fill_organisations()

    # --- actions -----------------------------------------------------------------------------

    def _on_raise_requested(self, payload: Mapping[str, Any]) -> None:
        self.raise_blocker(step_ids=payload.get("step_ids", ()), dependency_ids=payload.get("dependency_ids", ()))

    def _default_owner(self, step_ids: Sequence[str], dependency_ids: Sequence[str]) -> str | None:
        owner = self.ctx.read(lambda s: blocker_queries.default_owner(s, step_ids, dependency_ids))
        return owner or self._member_org()[0]

    def choices(self, step_ids: Iterable[str] = (), dependency_ids: Iterable[str] = ()) -> FormChoices:
        community_id, journey_id = self.model.community_id, self.ctx.journey_id
        return self.ctx.read(lambda s: blocker_queries.form_choices(s, community_id, journey_id, step_ids, dependency_ids))

    def raise_blocker(self, step_ids: Sequence[str] = (), dependency_ids: Sequence[str] = ()) -> str | None:
        """Open the form linked to the given steps and dependencies; raise the blocker; return its id."""
        if self.model.community_id is None:
            show_error(self, "Open or create a community first.")
            return None
        step_ids, dependency_ids = list(step_ids), list(dependency_ids)
        initial = {
            "step_ids": step_ids, "dependency_ids": dependency_ids, "raised_on": date.today(),
            "owner_id": self._default_owner(step_ids, dependency_ids),
        }
        values = BlockerForm.ask(self, self.choices(step_ids, dependency_ids), initial, title="Raise a blocker")
        if values is None:
            return None
        data = {"community_id": self.model.community_id, "raised_by_id": self.ctx.member_id, "status": "open", **values}
        blocker_id: str | None = self._push(
            CreateCommand(self.ctx, "blockers", data, text=f"Raise blocker “{values['title']}”"))
        if blocker_id:
            self.select_blocker(blocker_id)
        return blocker_id

    def edit_blocker(self, blocker_id: str | None = None) -> bool:
        blocker_id = blocker_id or self.current_id()
        if not blocker_id:
            return False
        old = self.ctx.read(lambda s: blocker_queries.blocker_values(s, blocker_id))
        values = BlockerForm.ask(self, self.choices(old["step_ids"], old["dependency_ids"]), old, title="Edit blocker")
        if values is None:
            return False
        new = {k: v for k, v in values.items() if v != old.get(k)}
        if not new:
            return False
        return self._push(UpdateCommand(self.ctx, "blockers", blocker_id, new, {k: old[k] for k in new},
                                        text=f"Edit blocker “{values['title']}”")) is not None

    def change_status(self, blocker_id: str | None = None) -> bool:
        row = self._row(blocker_id)
        if row is None:
            return False
        answer = StatusDialog.ask(self, row.status)
        if answer is None:
            return False
        status, comment = answer
        return self._push(BlockerHistoryCommand(self.ctx, row.id, status=status, comment=comment)) is not None

    def comment(self, blocker_id: str | None = None) -> bool:
        row = self._row(blocker_id)
        if row is None:
            return False
        text = CommentDialog.ask(self)
        if not text:
            return False
        return self._push(BlockerHistoryCommand(self.ctx, row.id, comment=text)) is not None

    def delete_blocker(self, blocker_id: str | None = None) -> bool:
        row = self._row(blocker_id)
        if row is None:
            return False
        return self._push(DeleteCommand(self.ctx, "blockers", row.id, text=f"Delete blocker “{row.title}”")) is not None

    def show_on_map(self, blocker_id: str | None = None) -> None:
        row = self._row(blocker_id)
        if row is not None:
            self.ctx.selection_requested.emit({"steps": list(row.step_ids), "dependencies": list(row.dependency_ids),
                                               "organisations": []})

    def _row(self, blocker_id: str | None) -> BlockerRow | None:
        if blocker_id is None:
            return self.current_row()
        index = self.model.row_of(blocker_id)
        return self.model.row_value(index) if index >= 0 else None

    def _push(self, command: Any) -> Any:
        try:
            return push(self.ctx, command)
        except ServiceCommunityError as exc:
            show_error(self, str(exc))
            return None


__all__ = [
    "ANY_OPEN",
    "BLOCKER_COLUMNS",
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
]
