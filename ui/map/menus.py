"""The map's context menus (a card, an arrow, a stage, an empty cell) and the actions they and the
window call: add, rename, move and delete stages, add a dependency, delete the selection, raise a
blocker. A part of :class:`ui.map.view.JourneyMapView`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QMenu

from servicecommunity.domain import enums

if TYPE_CHECKING:
    from ui.map.inline_editor import InlineEditing as _ViewPart
else:
    _ViewPart = object


class MapMenus(_ViewPart):
    """The view's context menus and the actions the window calls."""

    # --- actions the window calls -----------------------------------------------------------------

    def add_stage(self) -> None:
        from ui import dialogs

        scene = self.map_scene
        if scene.data is None:
            self.status_message.emit("Open a journey first.")
            return
        stages = [sid for sid, _ in scene.data.stages]
        after = scene.selected_stage or (scene.steps[scene.current_step].stage_id if scene.current_step in scene.steps else None)
        position = stages.index(after) + 1 if after in stages else None
        name = dialogs.ask_text(self, "Add stage", "Name of the new stage:", "")
        if not name:
            return
        stage_id = self.editor.add_stage(scene.data.journey_id, name, position)
        if stage_id:
            scene.set_selection((), (), stage_id)

    def rename_stage(self, stage_id: str) -> None:
        from ui import dialogs

        scene = self.map_scene
        if scene.data is None:
            return
        old = dict(scene.data.stages).get(stage_id)
        if old is None:
            return
        name = dialogs.ask_text(self, "Rename stage", "Name of the stage:", old)
        if name and name.strip() != old:
            self.editor.rename_stage(stage_id, name.strip(), old)

    def delete_stage(self, stage_id: str) -> None:
        from ui import dialogs

        scene = self.map_scene
        if scene.data is None:
            return
        name = dict(scene.data.stages).get(stage_id, "")
        count = sum(1 for s in scene.data.steps if s.stage_id == stage_id)
        if count and not dialogs.confirm(
            self, "Delete stage", f"Delete the stage “{name}” and its {count} step{'s' if count != 1 else ''}?\n"
            "You can undo this with Edit > Undo."
        ):
            return
        self.editor.delete(stage_ids=[stage_id])

    def add_dependency(self) -> None:
        """From the first selected card to the second (or explain how to draw one)."""
        scene = self.map_scene
        if len(scene.selected_steps) == 2:
            a, b = scene.selected_steps
            dep_id = self.editor.add_dependency(a, b)
            if dep_id:
                scene.set_selection((), [dep_id])
            return
        self.status_message.emit("Select two cards (the first one first), or drag from a card's round handle to another card.")

    def delete_selection(self) -> None:
        from ui import dialogs

        scene = self.map_scene
        steps, deps = list(scene.selected_steps), list(scene.selected_deps)
        if steps or deps:
            if len(steps) > 10 and not dialogs.confirm(self, "Delete steps", f"Delete {len(steps)} steps?\nYou can undo this with Edit > Undo."):
                return
            current = scene.current_step
            nxt = self.neighbour(current, 1, 0) if current else None
            if self.editor.delete(step_ids=steps, dependency_ids=deps) and nxt in scene.steps:
                scene.set_selection([nxt], current=nxt)
            return
        if scene.selected_stage:
            self.delete_stage(scene.selected_stage)

    def raise_blocker(self) -> None:
        scene = self.map_scene
        self.ctx.raise_blocker_requested.emit({"step_ids": list(scene.selected_steps), "dependency_ids": list(scene.selected_deps)})

    # --- context menus ----------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = self.mapToScene(event.pos())
        menu = self.menu_at(pos)
        if menu is not None:
            menu.exec(event.globalPos())
            menu.deleteLater()

    def menu_at(self, pos: QPointF) -> QMenu | None:
        """The context menu for what is at a scene point (a card, an arrow or a cell)."""
        scene = self.map_scene
        sid = scene.step_at(pos)
        if sid is not None:
            if sid not in scene.selected_steps:
                scene.set_selection([sid], current=sid)
            return self.card_menu()
        did = scene.arrows.dep_at(pos, 8.0 / max(self.zoom(), 0.01)) if not scene.overview_mode else None
        if did is not None:
            if did not in scene.selected_deps:
                scene.set_selection((), [did])
            return self.dependency_menu(did)
        cell = scene.cell_at(pos)
        if cell is not None and scene.layout is not None:
            lane, column = cell
            slot = scene.layout.slot_index(column, lane, pos.x(), pos.y())
            menu = QMenu(self)
            _action(menu, f"Add step here ({column.name}, {lane.label})",
                    lambda: self.add_step(stage_id=column.stage_id, lane_key=lane.key, slot=slot))
            return menu
        return None

    def card_menu(self) -> QMenu:
        scene = self.map_scene
        menu = QMenu(self)
        count = len(scene.selected_steps)
        if count == 1:
            sid = scene.selected_steps[0]
            _action(menu, "Edit title", lambda: self.edit_title(sid), "Return")
            _action(menu, "Edit details…", lambda: self.edit_requested.emit("steps", sid))
        if count == 2:
            _action(menu, "Add dependency (first → second)", self.add_dependency, "Ctrl+D")
        _action(menu, "Raise blocker…", self.raise_blocker)
        menu.addSeparator()
        _action(menu, "Delete step" if count == 1 else f"Delete {count} steps", self.delete_selection, "Delete")
        return menu

    def dependency_menu(self, dep_id: str) -> QMenu:
        scene = self.map_scene
        dep = next(d for d in scene.arrows.deps if d.id == dep_id)
        menu = QMenu(self)
        kinds = menu.addMenu("Kind")
        for kind in enums.DependencyKind:
            action = _action(kinds, enums.label(kind.value),
                             lambda k=kind.value: self.editor.update("dependencies", dep_id, {"kind": k}, {"kind": dep.kind}, text="Change dependency kind"))
            action.setCheckable(True)
            action.setChecked(dep.kind == kind.value)
        agreed = _action(menu, "Agreed between the organisations",
                         lambda: self.editor.update("dependencies", dep_id, {"agreed": not dep.agreed}, {"agreed": dep.agreed},
                                                    text="Agree hand-off" if not dep.agreed else "Mark hand-off not agreed"))
        agreed.setCheckable(True)
        agreed.setChecked(dep.agreed)
        _action(menu, "Edit details…", lambda: self.edit_requested.emit("dependencies", dep_id))
        _action(menu, "Raise blocker…", self.raise_blocker)
        menu.addSeparator()
        _action(menu, "Delete dependency", self.delete_selection, "Delete")
        return menu

    def stage_menu(self, stage_id: str) -> QMenu:
        scene = self.map_scene
        menu = QMenu(self)
        data = scene.data
        stages = [sid for sid, _ in data.stages] if data else []
        i = stages.index(stage_id) if stage_id in stages else -1
        _action(menu, "Rename stage…", lambda: self.rename_stage(stage_id), "F2")
        _action(menu, "Add stage after…", self.add_stage)
        left = _action(menu, "Move stage earlier", lambda: data is not None and self.editor.move_stage(data, stage_id, -1))
        left.setEnabled(i > 0)
        right = _action(menu, "Move stage later", lambda: data is not None and self.editor.move_stage(data, stage_id, 1))
        right.setEnabled(0 <= i < len(stages) - 1)
        menu.addSeparator()
        _action(menu, "Delete stage…", lambda: self.delete_stage(stage_id))
        return menu


def _action(menu: QMenu, text: str, slot: Any, shortcut: str | None = None) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutVisibleInContextMenu(True)
    return action
