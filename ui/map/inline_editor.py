"""Editing a title in place: the line editor over a card (:class:`InlineEditor`), and the view's part
that adds a step or renames one with it (:class:`InlineEditing`, a part of
:class:`ui.map.view.JourneyMapView`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from servicecommunity.analysis.layout import UNASSIGNED
from ui.i18n import translate
from ui.map.styles import styles

if TYPE_CHECKING:
    from ui.map.view import MapViewBase as _ViewPart
else:
    _ViewPart = object


class InlineEditor(QLineEdit):
    """A title editor over a card; Enter (or Tab, Shift+Tab) commits, Escape cancels, leaving it commits.

    The keys that end it are its own: Enter is not passed on to the map (which would open an editor
    on the card just made). ``how`` says what ended it: ``"enter"``, ``"tab"``, ``"backtab"`` or
    ``"leave"``, so that adding steps in a row can go on in the right place.
    """

    finished = Signal()

    def __init__(self, parent: QWidget, on_commit: Any, on_cancel: Any) -> None:
        super().__init__(parent)
        self.setObjectName("inlineTitleEditor")
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self._done = False
        self.how = "leave"
        self.scene_rect = QRectF()

    def commit(self, how: str = "leave") -> None:
        if self._done:
            return
        self._done = True
        self.how = how
        text = self.text()
        self.finished.emit()
        self._on_commit(text)

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self.finished.emit()
        self._on_cancel()

    def event(self, event: QEvent) -> bool:
        # Tab would move the focus before keyPressEvent sees it
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
            Qt.Key.Key_Tab, Qt.Key.Key_Backtab
        ):
            event.accept()
            backwards = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.commit("backtab" if backwards else "tab")
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.cancel()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # ours: the map behind must not open another editor
            self.commit("enter")
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        if not self._done and event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            QTimer.singleShot(0, self.commit)


class InlineEditing(_ViewPart):
    """The view's part that edits a title in place (the editor widget is ``_editor_widget``)."""

    # --- editing in place -------------------------------------------------------------------------

    def add_step(self, *, stage_id: str | None = None, lane_key: str | None = None, slot: int | None = None) -> None:
        """Start adding a step: a title editor appears in place; Enter adds it, Escape cancels.

        Without a cell, the step goes after the current card (same stage and owner), else in the
        first stage of the user's lane.
        """
        scene = self.map_scene
        if scene.data is None or scene.layout is None:
            self.status_message.emit(translate("InlineEditor", "Open a journey first."))
            return
        if not scene.data.stages:
            self.status_message.emit(translate("InlineEditor", "Add a stage first (Edit > Add stage)."))
            return
        if stage_id is None or lane_key is None:
            current = scene.steps.get(scene.current_step or "")
            if current is not None:
                stage_id, lane_key = current.stage_id, scene.lane_key(current)
                cell = scene.cell_steps(lane_key, stage_id)
                slot = [s.id for s in cell].index(current.id) + 1
            else:
                stage_id = scene.selected_stage or scene.data.stages[0][0]
                lane_key = scene.layout.lanes[0].key if scene.top_org_id is None else scene.top_org_id
                if lane_key not in {lane.key for lane in scene.layout.lanes}:
                    lane_key = scene.layout.lanes[0].key
                slot = None
        self._capture_at(stage_id, lane_key, slot)

    def _capture_at(self, stage_id: str, lane_key: str, slot: int | None, keep: str | None = None) -> None:
        """An empty title editor at a slot of a cell (None: after its last card).

        Enter adds the step and opens the next empty editor below it, in the same lane; Tab (Shift+Tab)
        adds it and opens one in the next (previous) stage; Escape, or Enter on an empty editor, stops.
        Each step added is one undo entry; the card just added (``keep``) is selected and kept in view
        beside the editor when both fit.
        """
        scene = self.map_scene
        if scene.data is None or scene.layout is None:
            return
        lane = next((lane for lane in scene.layout.lanes if lane.key == lane_key), None)
        column = next((c for c in scene.layout.columns if c.stage_id == stage_id), None)
        if lane is None or column is None:
            return  # the lane or stage went away meanwhile (an edit from elsewhere)
        count = len(scene.cell_steps(lane_key, stage_id))
        slot = count if slot is None else min(slot, count)
        rect = scene.slot_rect(lane, column, slot)
        position = scene.stage_position(lane_key, stage_id, slot)
        scene.indicator.setRect(rect.adjusted(-4, -4, 4, 4))
        scene.indicator.setVisible(True)
        box = scene.layout.cards.get(keep or "")
        both = rect.united(QRectF(box.x, box.y, box.w, box.h)) if box is not None else rect
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if box is not None and both.width() + 80 / self.zoom() <= visible.width() and both.height() + 80 / self.zoom() <= visible.height():
            self.ensureVisible(both, 40, 40)
        else:
            self.ensureVisible(rect, 40, 40)
        owner = None if lane_key == UNASSIGNED else lane_key
        journey_id = scene.data.journey_id
        stages = [sid for sid, _ in scene.data.stages]

        def commit(title: str) -> None:
            scene.indicator.setVisible(False)
            how = editor.how
            title = title.strip()
            added: str | None = None
            if title:
                step_id = self.editor.add_step(journey_id, stage_id, title, owner_id=owner, position=position)
                if not step_id:
                    return  # refused: the error is shown; stop
                added = step_id
                scene.set_selection([step_id], current=step_id)
                self.ensure_step_visible(step_id)
                self.status_message.emit(translate("InlineEditor", "Added “{0}”. Type the next step, Enter; Tab: next stage; Esc: stop.").format(title))
            if how == "enter" and added:
                self._when_map_shows(lambda: self._capture_at(stage_id, lane_key, slot + 1, added))
            elif how in ("tab", "backtab"):
                i = stages.index(stage_id) + (1 if how == "tab" else -1) if stage_id in stages else -1
                if 0 <= i < len(stages):
                    self._when_map_shows(lambda: self._capture_at(stages[i], lane_key, None, added))
                else:
                    self.status_message.emit(translate("InlineEditor", "No stage beyond this one: add one with Edit > Add stage."))

        def cancel() -> None:
            scene.indicator.setVisible(False)

        stage_name = dict(scene.data.stages).get(stage_id, "")
        editor = self._open_inline_editor(
            rect, "", commit, cancel,
            placeholder=translate("InlineEditor", "New step in {0} ({1}): type its title, Enter (Tab: next stage, Esc: stop)").format(
                stage_name, lane.label))

    def _when_map_shows(self, then: Any) -> None:
        """Run ``then`` once the map shows the last change (at once, unless a big map refreshes later)."""
        scene = self.map_scene
        if not (scene.refreshing or scene._pending is not None):
            then()
            return

        def once() -> None:
            scene.map_changed.disconnect(once)
            then()

        scene.map_changed.connect(once)

    def edit_title(self, step_id: str) -> None:
        scene = self.map_scene
        step = scene.steps.get(step_id)
        box = scene.layout.cards.get(step_id) if scene.layout else None
        if step is None or box is None:
            return
        self.ensure_step_visible(step_id)
        old = step.title

        def commit(title: str) -> None:
            title = title.strip()
            if title and title != old:
                self.editor.update_step(step_id, {"title": title}, {"title": old}, text=translate("InlineEditor", "Rename step"))

        self._open_inline_editor(QRectF(box.x, box.y, box.w, box.h), old, commit, lambda: None,
                                 placeholder=translate("InlineEditor", "Step title"))
        self.edit_requested.emit("steps", step_id)

    def _open_inline_editor(self, rect: QRectF, text: str, commit: Any, cancel: Any, placeholder: str = "") -> InlineEditor:
        self._commit_inline_editor()
        editor = InlineEditor(self.viewport(), commit, cancel)
        editor.setText(text)
        editor.selectAll()
        editor.setPlaceholderText(placeholder)
        editor.setAccessibleName(placeholder or translate("InlineEditor", "Title"))
        editor.scene_rect = rect
        self._editor_widget = editor
        editor.finished.connect(self._inline_editor_closed)
        self._move_inline_editor()
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def _inline_editor_closed(self) -> None:
        editor = self._editor_widget
        self._editor_widget = None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _move_inline_editor(self) -> None:
        editor = self._editor_widget
        if editor is None:
            return
        rect = self.mapFromScene(editor.scene_rect).boundingRect()
        font = QFont(QApplication.font())
        font.setPixelSize(max(13, min(28, round(styles().title_px * self.zoom()))))  # as the card's title
        editor.setFont(font)
        height = max(editor.sizeHint().height(), 32)
        width = max(rect.width(), 320)
        editor.setGeometry(QRect(rect.left(), rect.top() + max(0, (rect.height() - height) // 2), width, height))

    def _commit_inline_editor(self) -> None:
        if self._editor_widget is not None:
            self._editor_widget.commit()
