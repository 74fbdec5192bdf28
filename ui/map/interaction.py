"""Gestures on the map: click, ctrl/shift-click and rubber-band selection; dragging cards to another
lane or stage; drawing a dependency from a card's round handle, or with the keyboard (D from the
current card, arrows to the other card, Enter to link them, Escape to cancel); the keys (Escape,
arrows, Enter, space to pan). A part of :class:`ui.map.view.JourneyMapView`; every edit goes
through its :class:`ui.map.editing.MapEditor`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QPainterPath
from PySide6.QtWidgets import QApplication

from servicecommunity.analysis.layout import UNASSIGNED
from ui.i18n import translate
from ui.map.editing import Move
from ui.map.styles import Z_DRAG

if TYPE_CHECKING:
    from ui.map.menus import MapMenus as _ViewPart
else:
    _ViewPart = object


class MapInteraction(_ViewPart):
    """The view's mouse and keyboard gestures (the view's state for them is made in its ``__init__``)."""

    # --- mouse ------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._commit_inline_editor()
        self.cancel_key_link()
        scene = self.map_scene
        pos = self.mapToScene(event.position().toPoint())
        button = event.button()
        mods = event.modifiers()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if button == Qt.MouseButton.RightButton:
            event.accept()
            return  # the context menu comes with contextMenuEvent
        if button != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        sid = scene.step_at(pos)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if sid is not None:
            item = scene.cards.get(sid)
            if item is not None and item.on_handle(pos, self.zoom()) and not scene.overview_mode:
                self._start_link(sid, pos)
                event.accept()
                return
            if ctrl:
                steps = list(scene.selected_steps)
                if sid in steps:
                    steps.remove(sid)
                else:
                    steps.append(sid)
                scene.set_selection(steps, scene.selected_deps, current=sid if sid in steps else None)
            elif shift:
                scene.set_selection([*scene.selected_steps, sid], scene.selected_deps, current=sid)
            elif sid not in scene.selected_steps:
                scene.set_selection([sid], current=sid)
            else:
                scene.set_selection(scene.selected_steps, scene.selected_deps, current=sid)
            self._mode = "press"
            self._press_scene = pos
            self._press_step = sid
            self._press_mods = mods
            event.accept()
            return
        # an arrow, near the pointer
        if not scene.overview_mode:
            did = scene.arrows.dep_at(pos, 8.0 / max(self.zoom(), 0.01))
            if did is not None:
                deps = list(scene.selected_deps)
                if ctrl:
                    if did in deps:
                        deps.remove(did)
                    else:
                        deps.append(did)
                    scene.set_selection(scene.selected_steps, deps)
                else:
                    scene.set_selection((), [did])
                event.accept()
                return
        # empty space: a rubber band (ctrl/shift add to the selection)
        if ctrl or shift:
            self._band_base = (list(scene.selected_steps), list(scene.selected_deps))
        else:
            self._band_base = ([], [])
            scene.clear_selection()
        self._mode = "band"
        super().mousePressEvent(event)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        scene = self.map_scene
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        if self._mode == "press" and self._press_step is not None:
            travelled = (pos - self._press_scene) * self.zoom()
            if travelled.manhattanLength() >= QApplication.startDragDistance() and not scene.overview_mode:
                self._start_drag()
        if self._mode == "drag":
            self._drag_to(pos)
            event.accept()
            return
        if self._mode == "link":
            self._link_to(pos)
            event.accept()
            return
        if self._mode is None:
            sid = scene.step_at(pos)
            item = scene.cards.get(sid or "")
            if sid != self._hover_step:
                old = scene.cards.get(self._hover_step or "")
                if old is not None:
                    old.set_hovered(False)
                if item is not None:
                    item.set_hovered(True)
                self._hover_step = sid
            on_handle = item is not None and item.on_handle(pos, self.zoom())
            cursor = Qt.CursorShape.CrossCursor if on_handle else (Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            self.viewport().setCursor(cursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        scene = self.map_scene
        if self._pan_from is not None and event.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton):
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        mode, self._mode = self._mode, None
        if mode == "drag":
            self._finish_drag(pos)
            event.accept()
            return
        if mode == "link":
            self._finish_link(pos)
            event.accept()
            return
        if mode == "press":
            plain = not (self._press_mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
            if plain and self._press_step and len(scene.selected_steps) > 1:
                scene.set_selection([self._press_step], current=self._press_step)
            self._press_step = None
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if mode == "band":
            event.accept()  # the rubber band was ours, whatever the scene said

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        scene = self.map_scene
        pos = self.mapToScene(event.position().toPoint())
        sid = scene.step_at(pos)
        self._mode = None
        if sid is not None:
            if scene.overview_mode:
                self.set_zoom(self.default_zoom())
                self.centerOn(pos)
                return
            scene.set_selection([sid], current=sid)
            self.edit_title(sid)
            return
        did = scene.arrows.dep_at(pos, 8.0 / max(self.zoom(), 0.01)) if not scene.overview_mode else None
        if did is not None:
            scene.set_selection((), [did])
            self.edit_requested.emit("dependencies", did)
            return
        cell = scene.cell_at(pos)
        if cell is not None:
            if scene.overview_mode:
                self.set_zoom(self.default_zoom())
                self.centerOn(pos)
                return
            lane, column = cell
            slot = scene.layout.slot_index(column, lane, pos.x(), pos.y()) if scene.layout else 0
            self.add_step(stage_id=column.stage_id, lane_key=lane.key, slot=slot)

    def _on_rubber_band(self, rect: QRect, from_scene: QPointF, to_scene: QPointF) -> None:
        if rect.isNull() or self._mode != "band":
            if rect.isNull() and self._mode == "band":
                self._mode = None
            return
        scene = self.map_scene
        band = QRectF(from_scene, to_scene).normalized()
        steps = scene.steps_in(band)
        deps = [] if scene.overview_mode else scene.arrows.ids_in(band)
        base_steps, base_deps = self._band_base
        scene.set_selection([*base_steps, *steps], [*base_deps, *deps])

    # --- dragging cards ---------------------------------------------------------------------------

    def _start_drag(self) -> None:
        scene = self.map_scene
        self._mode = "drag"
        self._drag_start = {}
        for sid in scene.selected_steps:
            item = scene.cards.get(sid)
            if item is not None:
                self._drag_start[sid] = item.pos()
                item.setZValue(Z_DRAG)
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def _drag_to(self, pos: QPointF) -> None:
        scene = self.map_scene
        delta = pos - self._press_scene
        for sid, start in self._drag_start.items():
            item = scene.cards.get(sid)
            if item is not None:
                item.setPos(start + delta)
        cell = scene.cell_at(pos)
        if cell is None or scene.layout is None:
            scene.indicator.setVisible(False)
        else:
            lane, column = cell
            slot = scene.layout.slot_index(column, lane, pos.x(), pos.y())
            count = len([s for s in scene.cell_steps(lane.key, column.stage_id) if s.id not in self._drag_start])
            scene.indicator.setRect(scene.slot_rect(lane, column, min(slot, count)).adjusted(-4, -4, 4, 4))
            scene.indicator.setVisible(True)
        self._autoscroll()

    def _autoscroll(self) -> None:
        pos = self.viewport().mapFromGlobal(self.cursor().pos())
        rect = self.viewport().rect()
        edge = 24
        dx = -20 if pos.x() < edge else (20 if pos.x() > rect.width() - edge else 0)
        dy = -20 if pos.y() < edge else (20 if pos.y() > rect.height() - edge else 0)
        if dx:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        if dy:
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    def _finish_drag(self, pos: QPointF) -> None:
        scene = self.map_scene
        scene.indicator.setVisible(False)
        moving = list(self._drag_start)
        for sid in moving:
            item = scene.cards.get(sid)
            if item is not None:
                item.setZValue(0)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        cell = scene.cell_at(pos)
        moved = False
        if cell is not None and scene.data is not None and scene.layout is not None:
            lane, column = cell
            slot = scene.layout.slot_index(column, lane, pos.x(), pos.y())
            base = scene.stage_position(lane.key, column.stage_id, slot, moving)
            order = [s for s in scene.data.steps if s.id in self._drag_start]  # journey order
            moves = []
            for i, step in enumerate(order):
                position = None if base is None else base + i
                owner = None if lane.key == UNASSIGNED else lane.key
                moves.append(Move(step.id, column.stage_id, position, owner, change_owner=True))
            moved = self.editor.move_steps(moves, scene.data)
        if not moved:  # dropped outside the map, where it was, or refused: put the cards back
            for sid, start in self._drag_start.items():
                item = scene.cards.get(sid)
                if item is not None:
                    item.setPos(start)
        self._drag_start = {}

    # --- drawing a dependency ---------------------------------------------------------------------

    def _start_link(self, sid: str, pos: QPointF) -> None:
        scene = self.map_scene
        self._mode = "link"
        self._link_from = sid
        self._link_target = None
        scene.set_selection([sid], current=sid)
        self._link_to(pos)
        scene.link_line.setVisible(True)

    def _link_to(self, pos: QPointF) -> None:
        scene = self.map_scene
        item = scene.cards.get(self._link_from or "")
        if item is None:
            return
        start = item.pos() + item.handle_centre()
        path = QPainterPath(start)
        reach = max(40.0, abs(pos.x() - start.x()) * 0.5)
        path.cubicTo(start + QPointF(reach, 0), pos - QPointF(reach, 0), pos)
        scene.link_line.setPath(path)
        target = scene.step_at(pos, exclude=[self._link_from or ""])
        if target != self._link_target:
            old = scene.cards.get(self._link_target or "")
            if old is not None:
                old.set_flags(target=False)
            new = scene.cards.get(target or "")
            if new is not None:
                new.set_flags(target=True)
            self._link_target = target
        self._autoscroll()

    def _finish_link(self, pos: QPointF) -> None:
        scene = self.map_scene
        scene.link_line.setVisible(False)
        target = scene.step_at(pos, exclude=[self._link_from or ""])
        old = scene.cards.get(self._link_target or "")
        if old is not None:
            old.set_flags(target=False)
        source, self._link_from, self._link_target = self._link_from, None, None
        if source and target:
            dep_id = self.editor.add_dependency(source, target)
            if dep_id:
                scene.set_selection((), [dep_id])
                self.status_message.emit(translate("MapInteraction", "Dependency added. Set its kind and hand-off in the inspector."))

    # --- drawing a dependency with the keyboard ----------------------------------------------------

    def start_key_link(self) -> None:
        """D: draw a dependency from the current card; the arrows choose the card it leads to."""
        scene = self.map_scene
        source = scene.current_step or (scene.selected_steps[0] if len(scene.selected_steps) == 1 else None)
        if source not in scene.steps:
            self.status_message.emit(translate("MapInteraction", "Select a card first (the arrow keys move between cards), then "
                                               "press D to draw a dependency from it."))
            return
        assert source is not None
        self._commit_inline_editor()
        self.cancel_key_link()
        if scene.overview_mode:
            self.set_zoom(self.default_zoom())
        scene.set_selection([source], current=source)
        self._mode = "keylink"
        self._link_from = source
        self._link_target = None
        self._announce_link(translate("MapInteraction", "Drawing a dependency from {source}: the arrow keys choose the step it "
                                      "leads to, Enter links them, Escape cancels."))

    def _key_link_move(self, dx: int, dy: int) -> None:
        scene = self.map_scene
        source = self._link_from
        if source is None:
            return
        target = self.neighbour(self._link_target or source, dx, dy)
        if target == source:  # stepped back onto the card it starts from: go past it
            target = self.neighbour(source, dx, dy)
        if target is None or target == source:
            return
        old = scene.cards.get(self._link_target or "")
        if old is not None:
            old.set_flags(target=False)
        self._link_target = target
        item, start_item = scene.cards.get(target), scene.cards.get(source)
        if item is not None and start_item is not None:
            item.set_flags(target=True)
            start = start_item.pos() + start_item.handle_centre()
            end = item.pos() + QPointF(0, item.boundingRect().height() / 2)
            path = QPainterPath(start)
            reach = max(40.0, abs(end.x() - start.x()) * 0.5)
            path.cubicTo(start + QPointF(reach, 0), end - QPointF(reach, 0), end)
            scene.link_line.setPath(path)
            scene.link_line.setVisible(True)
        self.ensure_step_visible(target)
        self._announce_link(translate("MapInteraction", "Dependency from {source} to {target}: Enter links them, Escape cancels."))

    def _finish_key_link(self) -> None:
        source, target = self._link_from, self._link_target
        self.cancel_key_link()
        if source is None:
            return
        if target is None:
            self.status_message.emit(translate("MapInteraction", "Choose the step it leads to with the arrow keys first, or press Escape."))
            self._mode, self._link_from = "keylink", source
            return
        dep_id = self.editor.add_dependency(source, target)
        if dep_id:
            self._link_from, self._link_target = source, target
            self._announce_link(translate("MapInteraction", "Dependency added from {source} to {target}. Set its kind and hand-off in the inspector."))
            self._link_from = self._link_target = None
            self.map_scene.set_selection((), [dep_id])

    def cancel_key_link(self) -> None:
        """Stop drawing a dependency with the keyboard (Escape, a click, the map losing focus)."""
        if self._mode != "keylink":
            return
        scene = self.map_scene
        old = scene.cards.get(self._link_target or "")
        if old is not None:
            old.set_flags(target=False)
        scene.link_line.setVisible(False)
        self._mode, self._link_from, self._link_target = None, None, None
        step = scene.steps.get(scene.current_step or "")
        if step is not None:  # a screen reader hears the card again, not the drawing
            self.setAccessibleDescription(self.describe_step(step))

    def _announce_link(self, template: str) -> None:
        """Say where the dependency being drawn goes: in the status bar and to a screen reader."""
        steps = self.map_scene.steps
        source = steps.get(self._link_from or "")
        target = steps.get(self._link_target or "")
        text = template.format(source=f"“{source.title if source else '?'}”", target=f"“{target.title if target else '?'}”")
        self.setAccessibleDescription(text)
        self.status_message.emit(text)

    def _key_link_keys(self, event: QKeyEvent) -> bool:
        """The keys while a dependency is drawn with the keyboard; True when one was used."""
        key = event.key()
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in moves:
            self._key_link_move(*moves[Qt.Key(key)])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish_key_link()
            return True
        if key == Qt.Key.Key_Escape:
            self.cancel_key_link()
            self.status_message.emit(translate("MapInteraction", "No dependency drawn."))
            return True
        return False

    # --- keyboard ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        scene = self.map_scene
        key = event.key()
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if self._mode == "keylink" and self._key_link_keys(event):
            return
        if key == Qt.Key.Key_D and not (mods & ~Qt.KeyboardModifier.KeypadModifier):
            self.start_key_link()
            return
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key == Qt.Key.Key_Escape:
            if self._mode == "drag":
                for sid, start in self._drag_start.items():
                    item = scene.cards.get(sid)
                    if item is not None:
                        item.setPos(start)
                self._drag_start = {}
                scene.indicator.setVisible(False)
            elif self._mode == "link":
                scene.link_line.setVisible(False)
                old = scene.cards.get(self._link_target or "")
                if old is not None:
                    old.set_flags(target=False)
                self._link_from = self._link_target = None
            else:
                scene.clear_selection()
            self._mode = None
            return
        # keyed by int: QKeyEvent.key() is an int, and Qt.Key is an IntEnum
        arrows: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows:
            dx, dy = arrows[key]
            if ctrl and shift and dx:
                self.move_selection_in_stage(dx)
            elif ctrl:
                self.move_selection(dx, dy)
            else:
                self.navigate(dx, dy, extend=shift)
            return
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and scene.data is not None and scene.data.steps:
            step = scene.data.steps[0 if key == Qt.Key.Key_Home else -1]
            scene.set_selection([step.id], current=step.id)
            self.ensure_step_visible(step.id)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            if scene.current_step:
                self.edit_title(scene.current_step)
            elif scene.selected_deps:
                self.edit_requested.emit("dependencies", scene.selected_deps[0])
            elif scene.selected_stage:
                self.rename_stage(scene.selected_stage)
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            if scene.data is not None:
                scene.set_selection([s.id for s in scene.data.steps])
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        self._space = False
        if event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.cancel_key_link()  # Tab or F6 away: the drawing stops (a menu or another window does not)
        super().focusOutEvent(event)
