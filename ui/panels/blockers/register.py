"""The register panel: filters, the table, actions and the selected blocker's history.

:class:`BlockerRegister` offers the actions (raise, edit, change status, comment, delete, show on
the map) and answers the map's ``ctx.raise_blocker_requested`` by opening
:class:`~ui.panels.blockers.forms.BlockerForm` linked to the chosen steps and dependencies. Every
change goes through an undo command (``ui.commands``), so Edit > Undo takes it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.domain.enums import (
    BlockerCategory,
    BlockerStatus,
    Classification,
    Severity,
)
from servicecommunity.domain.errors import ConflictError, ServiceCommunityError
from servicecommunity.services import Changes
from servicecommunity.services.queries import blockers as blocker_queries
from servicecommunity.services.queries import workspace as workspace_queries
from servicecommunity.services.queries.blockers import BlockerRow, FormChoices
from ui import settings
from ui.commands import BlockerHistoryCommand, CreateCommand, DeleteCommand, UpdateCommand, push
from ui.context import AppContext
from ui.dialogs.forms import FlowLayout, combo
from ui.i18n import (
    label,
    translate,
)
from ui.panels.blockers.forms import BlockerForm, CommentDialog, StatusDialog, show_error
from ui.panels.blockers.history import BlockerHistoryView
from ui.panels.blockers.table import (
    ANY_OPEN,
    COLUMN,
    MINE,
    BlockerFilterProxy,
    BlockerTableModel,
)
from ui.panels.rowmodel import ROW_ROLE


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
        self.organisation_filter.setToolTip(translate("BlockerRegister", "The organisation that owns the blocker (must resolve it)"))
        self.status_filter = combo([(translate("BlockerRegister", "Any status"), None), (translate("BlockerRegister", "Open (any)"), ANY_OPEN),
                                     *((label(s), s.value) for s in BlockerStatus)], ANY_OPEN)
        self.severity_filter = combo([(translate("BlockerRegister", "Any severity"), None), *((label(s), s.value) for s in reversed(Severity))])
        self.category_filter = combo([(translate("BlockerRegister", "Any category"), None), *((label(c), c.value) for c in BlockerCategory)])
        self.classification_filter = combo([(translate("BlockerRegister", "Any classification"), None), *((c.value, c.value) for c in Classification)])
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("BlockerRegister", "Search blockers…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)  # "12 of 15 / blockers" on two lines rather than widen the dock
        # Announced by their purpose; a screen reader adds the current value ("Severity filter, Any severity").
        for box, name, description in (
            (self.organisation_filter, translate("BlockerRegister", "Organisation filter"), translate("BlockerRegister", "Show the blockers one organisation must resolve")),
            (self.status_filter, translate("BlockerRegister", "Status filter"), translate("BlockerRegister", "Show blockers with one status, or any open one")),
            (self.severity_filter, translate("BlockerRegister", "Severity filter"), translate("BlockerRegister", "Show blockers of one severity")),
            (self.category_filter, translate("BlockerRegister", "Category filter"), translate("BlockerRegister", "Show blockers of one category")),
            (self.classification_filter, translate("BlockerRegister", "Classification filter"), translate("BlockerRegister", "Show blockers of one security classification")),
            (self.search, translate("BlockerRegister", "Search blockers"), translate("BlockerRegister", "Show the blockers whose title, description, owner or steps hold every word")),
        ):
            box.setAccessibleName(name)
            box.setAccessibleDescription(description)
        for box in (self.organisation_filter, self.status_filter, self.severity_filter, self.category_filter,
                    self.classification_filter):
            box.currentIndexChanged.connect(self._apply_filters)
            box.setMinimumWidth(70)  # may shrink (eliding) on a small screen; the hint keeps the full text
        self.search.textChanged.connect(self._apply_filters)
        self.organisation_filter.activated.connect(self._save_organisation_filter)

        # Actions.
        self.raise_button = QPushButton(translate("BlockerRegister", "Raise blocker…"))
        self.raise_button.clicked.connect(lambda _checked=False: self.raise_blocker())
        self.edit_button = QToolButton()
        self.edit_button.setText(translate("BlockerRegister", "Edit…"))
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_blocker())
        self.status_button = QToolButton()
        self.status_button.setText(translate("BlockerRegister", "Change status…"))
        self.status_button.clicked.connect(lambda _checked=False: self.change_status())
        self.comment_button = QToolButton()
        self.comment_button.setText(translate("BlockerRegister", "Comment…"))
        self.comment_button.clicked.connect(lambda _checked=False: self.comment())
        self.map_button = QToolButton()
        self.map_button.setText(translate("BlockerRegister", "Show on map"))
        self.map_button.clicked.connect(lambda _checked=False: self.show_on_map())
        self.delete_button = QToolButton()
        self.delete_button.setText(translate("BlockerRegister", "Delete"))
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_blocker())

        self.table = QTableView()
        self.table.setObjectName("BlockerTable")
        self.table.setAccessibleName(translate("BlockerRegister", "Blockers"))
        self.table.setAccessibleDescription(translate("BlockerRegister", "One row per blocker: arrow keys move between rows, "
                                            "Tab goes on to the selected blocker's history"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
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

        # In a narrow column (the docks' 330 px at 1366x768) the filters and the buttons wrap onto more
        # rows, each at its whole width, rather than squeeze to "Open (a"
        filters = FlowLayout()
        for w in (self.organisation_filter, self.status_filter, self.severity_filter, self.category_filter,
                  self.classification_filter, self.search):
            filters.addWidget(w)
        actions = FlowLayout()
        for button in (self.raise_button, self.edit_button, self.status_button, self.comment_button,
                       self.map_button, self.delete_button):
            actions.addWidget(button)
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
        ctx.member_changed.connect(self._on_member_changed)
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
        saved = settings.BLOCKER_ORGANISATION_FILTER.get()
        current = self.organisation_filter.currentData() if self.organisation_filter.count() else saved
        mine_id, mine_label = self._member_org()
        community_id = self.model.community_id
        orgs = self.ctx.read(lambda s: blocker_queries.organisation_labels(s, community_id))
        box = self.organisation_filter
        box.blockSignals(True)
        box.clear()
        box.addItem(translate("BlockerRegister", "Any organisation"), "")
        if mine_id:
            box.addItem(translate("BlockerRegister", "My organisation ({0})").format(mine_label), MINE)
        for text, org_id in orgs:
            box.addItem(text, org_id)
        index = box.findData(current)
        box.setCurrentIndex(max(0, index))
        box.blockSignals(False)
        self._apply_filters()

    def _on_member_changed(self, member_id: str) -> None:
        """Choosing who you are shows your organisation's blockers (and remembers that as the default)."""
        self._fill_organisations()
        if member_id:
            self.set_organisation_filter(MINE)

    def _save_organisation_filter(self) -> None:
        settings.BLOCKER_ORGANISATION_FILTER.set(self.organisation_filter.currentData() or "")

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
        self.count_label.setText(translate("BlockerRegister", "%n of {0} blocker(s)", "", shown).format(total) if shown != total
                                 else translate("BlockerRegister", "%n blocker(s)", "", total))

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
            show_error(self, translate("BlockerRegister", "Open or create a community first."))
            return None
        step_ids, dependency_ids = list(step_ids), list(dependency_ids)
        initial = {
            "step_ids": step_ids, "dependency_ids": dependency_ids, "raised_on": date.today(),
            "owner_id": self._default_owner(step_ids, dependency_ids),
        }
        values = BlockerForm.ask(self, self.choices(step_ids, dependency_ids), initial, title=translate("BlockerForm", "Raise a blocker"))
        if values is None:
            return None
        data = {"community_id": self.model.community_id, "raised_by_id": self.ctx.member_id, "status": "open", **values}
        blocker_id: str | None = self._push(
            CreateCommand(self.ctx, "blockers", data, text=translate("BlockerRegister", "Raise blocker “{0}”").format(values["title"])))
        if blocker_id:
            self.select_blocker(blocker_id)
        return blocker_id

    def edit_blocker(self, blocker_id: str | None = None) -> bool:
        blocker_id = blocker_id or self.current_id()
        if not blocker_id:
            return False
        # the version read with the values: an edit of a blocker someone else changed meanwhile is refused
        old, seen = self.ctx.read(lambda s: (blocker_queries.blocker_values(s, blocker_id),
                                             workspace_queries.versions(s, "blockers", [blocker_id])))
        values = BlockerForm.ask(self, self.choices(old["step_ids"], old["dependency_ids"]), old, title=translate("BlockerRegister", "Edit blocker"))
        if values is None:
            return False
        new = {k: v for k, v in values.items() if v != old.get(k)}
        if not new:
            return False
        return self._push(UpdateCommand(self.ctx, "blockers", blocker_id, new, {k: old[k] for k in new},
                                        text=translate("BlockerRegister", "Edit blocker “{0}”").format(values["title"]),
                                        expected=seen.get(blocker_id))) is not None

    def change_status(self, blocker_id: str | None = None) -> bool:
        row = self._row(blocker_id)
        if row is None:
            return False
        answer = StatusDialog.ask(self, row.status)
        if answer is None:
            return False
        status, comment = answer
        # judged on the status the register showed: refused if someone else changed it since
        return self._push(BlockerHistoryCommand(self.ctx, row.id, status=status, comment=comment,
                                                expected=row.updated_at, seen_status=row.status)) is not None

    def comment(self, blocker_id: str | None = None) -> bool:
        row = self._row(blocker_id)
        if row is None:
            return False
        text = CommentDialog.ask(self)
        if not text:
            return False
        return self._push(BlockerHistoryCommand(self.ctx, row.id, comment=text, expected=row.updated_at)) is not None

    def delete_blocker(self, blocker_id: str | None = None) -> bool:
        row = self._row(blocker_id)
        if row is None:
            return False
        # refused if someone else changed it since the register read it: what it means may have changed
        return self._push(DeleteCommand(self.ctx, "blockers", row.id, text=translate("BlockerRegister", "Delete blocker “{0}”").format(row.title),
                                        expected=row.updated_at, base=_shown(row))) is not None

    def show_on_map(self, blocker_id: str | None = None) -> None:
        row = self._row(blocker_id)
        if row is not None:
            self.ctx.selection_requested.emit({"steps": list(row.step_ids), "dependencies": list(row.dependency_ids),
                                               "organisations": []})

    def _window_editor(self) -> Any:
        """The window's map editor (its conflicts go to the status bar and a notice), or None on its own."""
        from ui.map.editing import MapEditor

        widget = self.parentWidget()
        while widget is not None and not isinstance(getattr(widget, "editor", None), MapEditor):
            widget = widget.parentWidget()
        return None if widget is None else widget.editor  # type: ignore[attr-defined]

    def _row(self, blocker_id: str | None) -> BlockerRow | None:
        if blocker_id is None:
            return self.current_row()
        index = self.model.row_of(blocker_id)
        return self.model.row_value(index) if index >= 0 else None

    def _push(self, command: Any) -> Any:
        try:
            return push(self.ctx, command)
        except ConflictError as exc:  # someone else changed it first: say so with their values, show them
            editor = self._window_editor()
            if editor is not None:  # as on the map: the status bar, and a notice offering to apply it again
                editor.report_conflict(exc, command)
            else:
                show_error(self, str(exc))
                self.ctx.announce(Changes.of([exc.section], [exc.record_id]))
            return None
        except ServiceCommunityError as exc:
            show_error(self, str(exc))
            return None


def _shown(row: BlockerRow) -> dict[str, Any]:
    """The blocker's fields as the register shows them: what a refused delete says has changed."""
    return {"title": row.title, "description": row.description, "category": row.category, "severity": row.severity,
            "status": row.status, "classification": row.classification, "owner_id": row.owner_id,
            "due_on": row.due_on, "resolved_on": row.resolved_on, "step_ids": list(row.step_ids),
            "dependency_ids": list(row.dependency_ids)}
