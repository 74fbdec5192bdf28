"""The map's context menus (a card, an arrow, a stage, an empty cell) and the actions they and the
window call: add, rename, move and delete stages, add a dependency, delete the selection, raise a
blocker. The menu key (or Shift+F10) opens the menu of what is selected, so a keyboard user has
every gesture: a card's menu draws a dependency from it and moves it to any stage or lane.
:meth:`MapMenus.keyboard_actions` are the map's keys as actions, for the window's Edit menu and
Help > Keyboard shortcuts. A part of :class:`ui.map.view.JourneyMapView`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QMenu

from servicecommunity.domain import enums
from ui import commands
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.map.editing import Move

if TYPE_CHECKING:
    from ui.map.inline_editor import InlineEditing as _ViewPart
else:
    _ViewPart = object


class MapMenus(_ViewPart):
    """The view's context menus and the actions the window calls."""

    if TYPE_CHECKING:  # drawing a dependency with the keyboard is in ui.map.interaction, a part above this one
        def start_key_link(self) -> None: ...
        def cancel_key_link(self) -> None: ...

    # --- actions the window calls -----------------------------------------------------------------

    def add_stage(self) -> None:
        from ui import dialogs

        scene = self.map_scene
        if scene.data is None:
            self.status_message.emit(translate("MapMenus", "Open a journey first."))
            return
        stages = [sid for sid, _ in scene.data.stages]
        after = scene.selected_stage or (scene.steps[scene.current_step].stage_id if scene.current_step in scene.steps else None)
        position = stages.index(after) + 1 if after in stages else None
        name = dialogs.ask_text(self, translate("MapMenus", "Add stage"), translate("MapMenus", "Name of the new stage:"), "")
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
        name = dialogs.ask_text(self, translate("MapMenus", "Rename stage"), translate("MapMenus", "Name of the stage:"), old)
        if name and name.strip() != old:
            self.editor.rename_stage(stage_id, name.strip(), old)

    def delete_stage(self, stage_id: str) -> None:
        from ui import dialogs

        scene = self.map_scene
        if scene.data is None:
            return
        name = dict(scene.data.stages).get(stage_id, "")
        count = sum(1 for s in scene.data.steps if s.stage_id == stage_id)
        seen = commands.read_reach(self.ctx, "stages", stage_id)  # what the person is asked to delete
        if count and not dialogs.confirm(
            self, translate("MapMenus", "Delete stage"),
            translate("MapMenus", "Delete the stage “{0}” and its %n step(s)?\nYou can undo this with Edit > Undo.", "", count).format(name)
        ):
            return
        self.editor.delete(stage_ids=[stage_id], seen=None if seen is None else {stage_id: seen})

    def add_dependency(self) -> None:
        """From the first selected card to the second (or explain how to draw one)."""
        scene = self.map_scene
        if len(scene.selected_steps) == 2:
            a, b = scene.selected_steps
            dep_id = self.editor.add_dependency(a, b)
            if dep_id:
                scene.set_selection((), [dep_id])
            return
        self.status_message.emit(translate("MapMenus", "Select two cards (the first one first), or drag from a card's round handle to another card."))

    def delete_selection(self) -> None:
        from ui import dialogs

        scene = self.map_scene
        steps, deps = list(scene.selected_steps), list(scene.selected_deps)
        if steps or deps:
            if len(steps) > 10 and not dialogs.confirm(self, translate("MapMenus", "Delete steps"), translate("MapMenus", "Delete {0} steps?\nYou can undo this with Edit > Undo.").format(len(steps))):
                return
            current = scene.current_step
            nxt = self.neighbour(current, 1, 0) if current else None
            # a hand-off's version as the map read it: a delete of one someone changed since is refused
            shown = {d.id: {"updated_at": d.updated_at} for d in scene.data.dependencies
                     if d.id in deps and d.updated_at is not None} if scene.data is not None else {}
            if self.editor.delete(step_ids=steps, dependency_ids=deps, shown=shown) and nxt in scene.steps:
                scene.set_selection([nxt], current=nxt)
            return
        if scene.selected_stage:
            self.delete_stage(scene.selected_stage)

    def raise_blocker(self) -> None:
        scene = self.map_scene
        self.ctx.raise_blocker_requested.emit({"step_ids": list(scene.selected_steps), "dependency_ids": list(scene.selected_deps)})

    def move_selected_to(self, *, stage_id: str | None = None, lane_key: str | None = None) -> bool:
        """Move the selected cards to a stage, or to a lane (its organisation owns them): one undo entry."""
        scene = self.map_scene
        data = scene.data
        if data is None or not scene.selected_steps:
            return False
        moves = []
        for sid in scene.selected_steps:
            step = scene.steps.get(sid)
            if step is None:
                continue
            if stage_id is not None:
                moves.append(Move(sid, stage_id, None, step.owner_id, change_owner=False))
            elif lane_key is not None:
                moves.append(Move(sid, step.stage_id, None, lane_key or None, change_owner=True))
        current = scene.current_step
        moved = bool(moves) and self.editor.move_steps(moves, data)
        if moved and current:
            self.ensure_step_visible(current)
        return moved

    # --- the keys as actions (the window's Edit menu, Help > Keyboard shortcuts) --------------------

    def keyboard_actions(self) -> list[QAction]:
        """The map's own keys as actions that work while the map has the focus (made once)."""
        made: list[QAction] | None = getattr(self, "_keyboard_actions", None)
        if made is not None:
            return made
        made = []
        for text, keys, slot in (
            (QT_TRANSLATE_NOOP("MapMenus", "Draw a dependency from the selected card…"), "D", self.start_key_link),
            (QT_TRANSLATE_NOOP("MapMenus", "Move the card to the lane above"), "Ctrl+Up", lambda: self._key_move(0, -1)),
            (QT_TRANSLATE_NOOP("MapMenus", "Move the card to the lane below"), "Ctrl+Down", lambda: self._key_move(0, 1)),
            (QT_TRANSLATE_NOOP("MapMenus", "Move the card to the stage before"), "Ctrl+Left", lambda: self._key_move(-1, 0)),
            (QT_TRANSLATE_NOOP("MapMenus", "Move the card to the stage after"), "Ctrl+Right", lambda: self._key_move(1, 0)),
            (QT_TRANSLATE_NOOP("MapMenus", "Move the card earlier in its stage"), "Ctrl+Shift+Left", lambda: self._key_move_in_stage(-1)),
            (QT_TRANSLATE_NOOP("MapMenus", "Move the card later in its stage"), "Ctrl+Shift+Right", lambda: self._key_move_in_stage(1)),
            (QT_TRANSLATE_NOOP("MapMenus", "Open the selected card's menu"), "Shift+F10", self.open_keyboard_menu),
        ):
            action = QAction(translate("MapMenus", text), self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # only on the map
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)
            made.append(action)
        self._keyboard_actions = made
        return made

    def _key_move(self, dx: int, dy: int) -> None:
        if self._editor_widget is None:  # not while a title is being typed on the map
            self.cancel_key_link()
            self.move_selection(dx, dy)

    def _key_move_in_stage(self, delta: int) -> None:
        if self._editor_widget is None:
            self.cancel_key_link()
            self.move_selection_in_stage(delta)

    # --- context menus ----------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.open_keyboard_menu()
            return
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
            _action(menu, translate("MapMenus", "Add step here ({0}, {1})").format(column.name, lane.label),
                    lambda: self.add_step(stage_id=column.stage_id, lane_key=lane.key, slot=slot))
            return menu
        return None

    def keyboard_menu(self) -> QMenu | None:
        """The menu of what is selected (the current card, else an arrow, else a stage), or None."""
        scene = self.map_scene
        self.cancel_key_link()
        if scene.current_step in scene.steps and scene.current_step not in scene.selected_steps:
            scene.set_selection([scene.current_step], current=scene.current_step)
        if scene.selected_steps:
            return self.card_menu()
        if scene.selected_deps and scene.selected_deps[0] in scene.arrows.index:
            return self.dependency_menu(scene.selected_deps[0])
        if scene.selected_stage:
            return self.stage_menu(scene.selected_stage)
        return None

    def open_keyboard_menu(self) -> None:
        """The menu key or Shift+F10: the selection's menu, beside it on screen."""
        menu = self.keyboard_menu()
        if menu is None:
            self.status_message.emit(translate("MapMenus", "Select a card, an arrow or a stage first (the arrow keys move between cards)."))
            return
        scene = self.map_scene
        rect = scene.bounds(scene.selected_steps, scene.selected_deps)
        at = self.mapFromScene(rect.center()) if not rect.isEmpty() else QPoint(20, 20)
        menu.exec(self.viewport().mapToGlobal(at))
        menu.deleteLater()

    def card_menu(self) -> QMenu:
        scene = self.map_scene
        menu = QMenu(self)
        count = len(scene.selected_steps)
        if count == 1:
            sid = scene.selected_steps[0]
            _action(menu, translate("MapMenus", "Edit title"), lambda: self.edit_title(sid), "Return")
            _action(menu, translate("MapMenus", "Edit details…"), lambda: self.edit_requested.emit("steps", sid))
            _action(menu, translate("MapMenus", "Draw a dependency from this step…"), self.start_key_link, "D")
        if count == 2:
            _action(menu, translate("MapMenus", "Add dependency (first → second)"), self.add_dependency, "Ctrl+D")
        self._move_menus(menu)
        _action(menu, translate("MapMenus", "Raise blocker…"), self.raise_blocker)
        menu.addSeparator()
        _action(menu, translate("MapMenus", "Delete step") if count == 1 else translate("MapMenus", "Delete {0} steps").format(count), self.delete_selection, "Delete")
        return menu

    def _move_menus(self, menu: QMenu) -> None:
        """Move to stage ▸ and Move to lane ▸: any stage or lane in one undo entry (the keys go one at a time)."""
        scene = self.map_scene
        data, layout = scene.data, scene.layout
        if data is None or layout is None or not scene.selected_steps:
            return
        steps = [scene.steps[s] for s in scene.selected_steps if s in scene.steps]
        stages = menu.addMenu(translate("MapMenus", "Move to stage"))
        for stage_id, name in data.stages:
            action = _action(stages, name, lambda stage_id=stage_id: self.move_selected_to(stage_id=stage_id))
            action.setCheckable(True)
            action.setChecked(all(s.stage_id == stage_id for s in steps))
        lanes = menu.addMenu(translate("MapMenus", "Move to lane"))
        for lane in layout.lanes:
            action = _action(lanes, lane.label, lambda key=lane.key: self.move_selected_to(lane_key=key))
            action.setCheckable(True)
            action.setChecked(all(scene.lane_key(s) == lane.key for s in steps))

    def dependency_menu(self, dep_id: str) -> QMenu:
        scene = self.map_scene
        dep = next(d for d in scene.arrows.deps if d.id == dep_id)
        menu = QMenu(self)
        kinds = menu.addMenu(translate("MapMenus", "Kind"))
        for kind in enums.DependencyKind:
            action = _action(kinds, enums.label(kind.value),
                             lambda k=kind.value: self.editor.update("dependencies", dep_id, {"kind": k}, {"kind": dep.kind}, text=translate("MapMenus", "Change dependency kind")))
            action.setCheckable(True)
            action.setChecked(dep.kind == kind.value)
        agreed = _action(menu, translate("MapMenus", "Agreed between the organisations"),
                         lambda: self.editor.update("dependencies", dep_id, {"agreed": not dep.agreed}, {"agreed": dep.agreed},
                                                    text=translate("MapMenus", "Agree hand-off") if not dep.agreed else translate("MapMenus", "Mark hand-off not agreed")))
        agreed.setCheckable(True)
        agreed.setChecked(dep.agreed)
        _action(menu, translate("MapMenus", "Edit details…"), lambda: self.edit_requested.emit("dependencies", dep_id))
        _action(menu, translate("MapMenus", "Raise blocker…"), self.raise_blocker)
        menu.addSeparator()
        _action(menu, translate("MapMenus", "Delete dependency"), self.delete_selection, "Delete")
        return menu

    def stage_menu(self, stage_id: str) -> QMenu:
        scene = self.map_scene
        menu = QMenu(self)
        data = scene.data
        stages = [sid for sid, _ in data.stages] if data else []
        i = stages.index(stage_id) if stage_id in stages else -1
        _action(menu, translate("MapMenus", "Rename stage…"), lambda: self.rename_stage(stage_id), "F2")
        _action(menu, translate("MapMenus", "Add stage after…"), self.add_stage)
        left = _action(menu, translate("MapMenus", "Move stage earlier"), lambda: data is not None and self.editor.move_stage(data, stage_id, -1))
        left.setEnabled(i > 0)
        right = _action(menu, translate("MapMenus", "Move stage later"), lambda: data is not None and self.editor.move_stage(data, stage_id, 1))
        right.setEnabled(0 <= i < len(stages) - 1)
        menu.addSeparator()
        _action(menu, translate("MapMenus", "Delete stage…"), lambda: self.delete_stage(stage_id))
        return menu


def _action(menu: QMenu, text: str, slot: Any, shortcut: str | None = None) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutVisibleInContextMenu(True)
    return action
