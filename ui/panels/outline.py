"""The journey outline: the map as a tree a screen reader (and anyone on the keyboard) can walk.

Stages in order, each with its steps: the step, its owner, its channels in words, its open
blockers (how many and the worst) and its hand-offs in and out, named by the step at the other end
and its organisation. Every row has an accessible name and a description that says all of it in
sentences (from :mod:`servicecommunity.services.queries.outline`).

It keeps in step with the map both ways: choosing a row selects and centres its card
(``ctx.selection_requested``); selecting on the map (``ctx.selection_changed``) selects the rows.
On a step's row: F2 renames it (the same undo entry as the inspector's), Ctrl+B raises a blocker
on it (``ctx.raise_blocker_requested``), Enter opens it in the inspector (:attr:`OutlinePanel.inspect_requested`),
the menu key offers the same. It re-reads when ``ctx.changed`` names what it shows, and only
while it is visible (once more when it is shown again).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.services import Changes
from servicecommunity.services.queries import outline as outline_queries
from servicecommunity.services.queries.outline import Outline, OutlineStage, OutlineStep
from servicecommunity.store.bulk import gc_paused
from ui.context import AppContext
from ui.i18n import QT_TRANSLATE_NOOP, label, translate
from ui.map.editing import MapEditor

ROLE_KIND = Qt.ItemDataRole.UserRole  # "stage" or "step"
ROLE_ID = Qt.ItemDataRole.UserRole + 1

COLUMNS = (QT_TRANSLATE_NOOP("Columns", "Step"), QT_TRANSLATE_NOOP("Columns", "Owner"), QT_TRANSLATE_NOOP("Columns", "Channels"),
           QT_TRANSLATE_NOOP("Columns", "Open blockers"), QT_TRANSLATE_NOOP("Columns", "Hand-offs in"),
           QT_TRANSLATE_NOOP("Columns", "Hand-offs out"))
#: what a change must name for the outline to read the journey again
SECTIONS = ("journeys", "stages", "steps", "dependencies", "organisations", "blockers", "blocker_updates")


class OutlineModel(QStandardItemModel):
    """Stages, then their steps, six columns; a step's title is edited through ``rename``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([translate("Columns", c) for c in COLUMNS])
        self.outline: Outline | None = None
        #: called with (step id, new title); True when the step was renamed
        self.rename: Callable[[str, str], bool] | None = None

    # --- filling --------------------------------------------------------------------------------

    def show(self, outline: Outline | None) -> bool:
        """Show an outline; True when its rows changed (stages or steps added, removed or reordered),
        False when only what they say changed (updated in place, so selection and scroll stay)."""
        old, self.outline = self.outline, outline
        if old is not None and outline is not None and _shape(old) == _shape(outline):
            root = self.invisibleRootItem()
            for s, (was, stage) in enumerate(zip(old.stages, outline.stages, strict=True)):
                if was == stage:
                    continue  # nothing it says changed (most stages after an edit)
                stage_item = root.child(s, 0)
                for column in range(len(COLUMNS)):
                    self._fill_stage(root.child(s, column), stage, len(outline.stages), column)
                same_stage = (was.name, was.number) == (stage.name, stage.number)
                for r, (before, step) in enumerate(zip(was.steps, stage.steps, strict=True)):
                    if not (same_stage and before == step):
                        self._fill_step([stage_item.child(r, c) for c in range(len(COLUMNS))], step, stage)
            return False
        self.removeRows(0, self.rowCount())
        if outline is None:
            return True
        for stage in outline.stages:
            stage_items = [QStandardItem() for _ in COLUMNS]
            for column, item in enumerate(stage_items):
                self._fill_stage(item, stage, len(outline.stages), column)
                item.setEditable(False)
            for step in stage.steps:
                row = [QStandardItem() for _ in COLUMNS]
                self._fill_step(row, step, stage)
                stage_items[0].appendRow(row)
            self.appendRow(stage_items)
        return True

    def _fill_stage(self, item: QStandardItem, stage: OutlineStage, count: int, column: int = 0) -> None:
        """A stage's row: its name in the first column (spanning the row), and the same name and
        description on every cell, so no cell is unnamed to a screen reader."""
        name = outline_queries.stage_name(stage)
        description = outline_queries.stage_description(stage, count)
        _set(item, {
            Qt.ItemDataRole.DisplayRole: name if column == 0 else "",
            Qt.ItemDataRole.AccessibleTextRole: name,
            Qt.ItemDataRole.AccessibleDescriptionRole: description,
            Qt.ItemDataRole.ToolTipRole: description,
            ROLE_KIND: "stage",
            ROLE_ID: stage.id,
        })

    def _fill_step(self, row: list[QStandardItem], step: OutlineStep, stage: OutlineStage) -> None:
        description = outline_queries.step_description(step, stage)
        owner = step.owner or translate("OutlineModel", "No owner yet")
        channels = outline_queries.channel_words(step.channels)
        blockers = outline_queries.blocker_words(step)
        ins = _handoffs(step.handoffs_in)
        outs = _handoffs(step.handoffs_out)
        shown = [step.title, owner, channels.capitalize(), _blocker_cell(step), ins or translate("OutlineModel", "None"), outs or translate("OutlineModel", "None")]
        said = [outline_queries.step_name(step), translate("OutlineModel", "Owner: {0}").format(owner),
                translate("OutlineModel", "Channels: {0}").format(channels), blockers.capitalize(),
                translate("OutlineModel", "Hand-offs in: {0}").format(outline_queries.handoffs_words(step.handoffs_in, "from")),
                translate("OutlineModel", "Hand-offs out: {0}").format(outline_queries.handoffs_words(step.handoffs_out, "to"))]
        for column, item in enumerate(row):
            _set(item, {
                Qt.ItemDataRole.DisplayRole: shown[column],
                Qt.ItemDataRole.AccessibleTextRole: said[column],
                Qt.ItemDataRole.AccessibleDescriptionRole: description if column == 0 else said[column],
                Qt.ItemDataRole.ToolTipRole: description if column == 0 else said[column],
                ROLE_KIND: "step",
                ROLE_ID: step.id,
            })
            item.setEditable(column == 0)

    # --- renaming -------------------------------------------------------------------------------

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.column() == 0 and index.data(ROLE_KIND) == "step":
            title = str(value or "").strip()
            if not title or title == index.data(Qt.ItemDataRole.DisplayRole) or self.rename is None:
                return False
            return self.rename(str(index.data(ROLE_ID)), title)  # the change re-reads the outline
        return super().setData(index, value, role)

    # --- finding rows ---------------------------------------------------------------------------

    def index_of(self, kind: str, record_id: str) -> QModelIndex:
        root = self.invisibleRootItem()
        for s in range(root.rowCount()):
            stage = root.child(s, 0)
            if kind == "stage" and stage.data(ROLE_ID) == record_id:
                return stage.index()
            if kind == "step":
                for r in range(stage.rowCount()):
                    if stage.child(r, 0).data(ROLE_ID) == record_id:
                        return stage.child(r, 0).index()
        return QModelIndex()


class OutlinePanel(QWidget):
    """The outline dock's widget: works with just a context (the tests build it so)."""

    #: open a record in the inspector: section ("steps"), id
    inspect_requested = Signal(str, str)

    def __init__(self, ctx: AppContext, editor: MapEditor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor = editor if editor is not None else MapEditor(ctx, self)
        self._own_editor = editor is None
        if self._own_editor:
            self.editor.error.connect(self._on_error)
        self.setObjectName("JourneyOutline")
        self.model = OutlineModel(self)
        self.model.rename = self.rename_step
        self.tree = QTreeView(self)
        self.tree.setObjectName("OutlineTree")
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(translate("OutlinePanel", "Journey outline"))
        self.tree.setAccessibleDescription(
            translate("OutlinePanel", "The map as a list: stages, then their steps with owner, channels, open blockers and hand-offs. "
            "F2 renames a step, Control+B raises a blocker on it, Enter opens it in the inspector."))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setTabKeyNavigation(False)  # Tab leaves the tree; arrows move inside
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.doubleClicked.connect(self._inspect)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.installEventFilter(self)
        self.tree.selectionModel().selectionChanged.connect(self._on_tree_selection)
        self.empty = QLabel(translate("OutlinePanel", "Open a journey to see its outline."))
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)

        self.actions_by_name: dict[str, QAction] = {}
        for name, text, keys, slot in (
            ("rename", translate("OutlinePanel", "Rename step"), ["F2"], self.rename_current),
            ("raise_blocker", translate("OutlinePanel", "Raise a blocker on this step…"), ["Ctrl+B"], self.raise_blocker),
            ("inspect", translate("OutlinePanel", "Open in the inspector"), ["Return", "Enter"], self.inspect_current),
            ("show_on_map", translate("OutlinePanel", "Show on the map"), [], self.show_current_on_map),
        ):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # claimed by the tree (eventFilter)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.actions_by_name[name] = action

        self._syncing = False  # selecting rows for the map's selection: do not ask the map again
        self._dirty = True
        self._expanded_once = False
        self._map_selection: tuple[list[str], list[str]] | None = None  # the map's latest selection
        ctx.changed.connect(self._on_changed)
        ctx.journey_changed.connect(lambda _journey: self.refresh())
        ctx.selection_changed.connect(self._on_map_selection)
        self.refresh()

    # --- reading --------------------------------------------------------------------------------

    def refresh(self, *, force: bool = False) -> None:
        """Read the journey's outline again (later, when shown, if the panel is hidden now)."""
        if not force and not self.isVisible() and self._expanded_once:
            self._dirty = True
            return
        with gc_paused():  # as the map's scene: many small objects, no cycles
            self._refresh()

    def _refresh(self) -> None:
        was_dirty, self._dirty = self._dirty, False
        journey = self.ctx.journey_id
        outline: Outline | None = None
        if journey:
            try:
                outline = self.ctx.read(lambda s: outline_queries.outline(s, journey))
            except ServiceCommunityError as exc:
                self.empty.setText(translate("OutlinePanel", "The outline could not be read: {0}").format(exc))
        else:
            self.empty.setText(translate("OutlinePanel", "Open a journey to see its outline."))
        collapsed = self._collapsed_stages()
        current = self._current()
        selected = self._selected_ids()
        if was_dirty and self._map_selection is not None:  # the map moved on while the outline was hidden
            selected, current = self._map_selection, None
        rebuilt = self.model.show(outline)
        self.empty.setVisible(outline is None)
        self.tree.setVisible(outline is not None)
        if outline is None:
            return
        self.tree.setAccessibleName(translate("OutlinePanel", "Outline of the journey {0}").format(outline.journey_name))
        if rebuilt or was_dirty:
            self._syncing = True
            try:
                for s in range(self.model.rowCount()):
                    index = self.model.index(s, 0)
                    self.tree.setFirstColumnSpanned(s, QModelIndex(), True)
                    self.tree.setExpanded(index, index.data(ROLE_ID) not in collapsed)
                self._select(selected, current)
            finally:
                self._syncing = False
            if not self._expanded_once:
                self.tree.resizeColumnToContents(0)
                self._expanded_once = True

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*SECTIONS):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh(force=True)

    # --- keeping in step with the map -----------------------------------------------------------

    def _on_tree_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._syncing:
            return
        steps, stages = self._selected_ids()
        if steps:
            self.ctx.selection_requested.emit({"steps": steps})
        elif stages:
            self.ctx.selection_requested.emit({"stages": stages[:1]})

    def _on_map_selection(self, selection: Any) -> None:
        selection = dict(selection or {})
        steps = list(selection.get("steps") or [])
        wanted = (steps, [] if steps else list(selection.get("stages") or [])[:1])
        self._map_selection = wanted
        if self._syncing or self._dirty or wanted == self._selected_ids():
            return
        self._syncing = True
        try:
            self._select(wanted, None)
        finally:
            self._syncing = False

    def _select(self, wanted: tuple[list[str], list[str]], current: tuple[str, str] | None) -> None:
        steps, stages = wanted
        model = self.tree.selectionModel()
        selection = QItemSelection()
        first = QModelIndex()
        for kind, ids in (("step", steps), ("stage", stages)):
            for record_id in ids:
                index = self.model.index_of(kind, record_id)
                if index.isValid():
                    selection.select(index, index.siblingAtColumn(len(COLUMNS) - 1))
                    first = first if first.isValid() else index
        if current is not None:
            index = self.model.index_of(*current)
            if index.isValid():
                first = index
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        model.select(selection, flags)
        if first.isValid():
            model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.tree.scrollTo(first)

    def _selected_ids(self) -> tuple[list[str], list[str]]:
        steps: list[str] = []
        stages: list[str] = []
        for index in self.tree.selectionModel().selectedRows(0):
            (steps if index.data(ROLE_KIND) == "step" else stages).append(str(index.data(ROLE_ID)))
        return steps, stages

    def _current(self) -> tuple[str, str] | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return str(index.data(ROLE_KIND)), str(index.data(ROLE_ID))

    def _collapsed_stages(self) -> set[str]:
        out = set()
        for s in range(self.model.rowCount()):
            index = self.model.index(s, 0)
            if not self.tree.isExpanded(index):
                out.add(str(index.data(ROLE_ID)))
        return out if self._expanded_once else set()

    # --- acting on a step -----------------------------------------------------------------------

    def current_step(self) -> str | None:
        current = self._current()
        return current[1] if current is not None and current[0] == "step" else None

    def rename_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and index.data(ROLE_KIND) == "step":
            self.tree.edit(index.siblingAtColumn(0))

    def rename_step(self, step_id: str, title: str) -> bool:
        """The inspector's own edit: one undo entry, "Change step title"."""
        outline = self.model.outline
        step = outline.step(step_id) if outline is not None else None
        if step is None:
            return False
        return self.editor.update("steps", step_id, {"title": title}, {"title": step.title}, text=translate("OutlinePanel", "Change step title"))

    def raise_blocker(self) -> None:
        steps, _stages = self._selected_ids()
        current = self.current_step()
        if current and current not in steps:
            steps = [current]
        if steps:
            self.ctx.raise_blocker_requested.emit({"step_ids": steps, "dependency_ids": []})

    def inspect_current(self) -> None:
        self._inspect(self.tree.currentIndex())

    def _inspect(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        kind, record_id = index.data(ROLE_KIND), str(index.data(ROLE_ID))
        self.ctx.selection_requested.emit({"steps": [record_id]} if kind == "step" else {"stages": [record_id]})
        if kind == "step":
            self.inspect_requested.emit("steps", record_id)

    def show_current_on_map(self) -> None:
        current = self._current()
        if current is not None:
            kind, record_id = current
            self.ctx.selection_requested.emit({"steps": [record_id]} if kind == "step" else {"stages": [record_id]})

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if not index.isValid():  # the menu key: the current row
            index = self.tree.currentIndex()
            pos = self.tree.visualRect(index).center() if index.isValid() else pos
        if not index.isValid():
            return
        menu = self.context_menu(index)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu(self, index: QModelIndex) -> QMenu:
        menu = QMenu(self)
        step = index.data(ROLE_KIND) == "step"
        names = ("rename", "raise_blocker", "inspect", "show_on_map") if step else ("show_on_map",)
        for name in names:
            menu.addAction(self.actions_by_name[name])
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a step's row the tree claims F2, Ctrl+B and Enter (``ShortcutOverride``), so the
        window's own keys for the map (F2 edits the card in place) do not fire instead."""
        if watched is self.tree and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and isinstance(event, QKeyEvent) and self.tree.state() != QAbstractItemView.State.EditingState:
            action = self._action_for(event)
            if action is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action.trigger()
                return True
        return super().eventFilter(watched, event)

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        current = self._current()
        if current is None:
            return None
        pressed = QKeySequence(event.keyCombination())
        names = ("rename", "raise_blocker", "inspect") if current[0] == "step" else ("show_on_map",)
        for name in names:
            for keys in self.actions_by_name[name].shortcuts():
                if keys.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                    return self.actions_by_name[name]
        if current[0] == "stage" and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.actions_by_name["show_on_map"]
        return None

    def _on_error(self, message: str) -> None:
        from ui import dialogs

        dialogs.show_error(self, translate("OutlinePanel", "That change was not made"), message)


def _shape(outline: Outline) -> list[tuple[str, tuple[str, ...]]]:
    return [(stage.id, tuple(s.id for s in stage.steps)) for stage in outline.stages]


def _handoffs(handoffs: Iterable[outline_queries.Handoff]) -> str:
    nobody = translate("OutlineModel", "no owner yet")
    return "; ".join(f"{h.step_title} ({h.organisation or nobody})" for h in handoffs)


def _blocker_cell(step: OutlineStep) -> str:
    if not step.blockers:
        return translate("OutlineModel", "None")
    severity = label(step.worst_severity).lower() if step.worst_severity else translate("OutlineModel", "severity not given")
    if step.blockers == 1:
        return translate("OutlineModel", "{0} ({1})").format(step.blockers, severity)
    return translate("OutlineModel", "{0} (worst {1})").format(step.blockers, severity)


def _set(item: QStandardItem, values: dict[Any, Any]) -> None:
    for role, value in values.items():
        if item.data(role) != value:
            item.setData(value, role)


__all__ = ["COLUMNS", "OutlineModel", "OutlinePanel"]
