"""Editing a title in place: the line editor over a card (:class:`InlineEditor`), and the view's part
that adds a step or renames one with it (:class:`InlineEditing`, a part of
:class:`ui.map.view.JourneyMapView`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from servicecommunity.analysis.layout import UNASSIGNED
from ui.map.styles import TITLE_PX

if TYPE_CHECKING:
    from ui.map.view import MapViewBase as _ViewPart
else:
    _ViewPart = object


class InlineEditor(QLineEdit):
    """A title editor over a card; Enter commits, Escape cancels, leaving it commits."""

    finished = Signal()

    def __init__(self, parent: QWidget, on_commit: Any, on_cancel: Any) -> None:
        super().__init__(parent)
        self.setObjectName("inlineTitleEditor")
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self._done = False
        self.scene_rect = QRectF()
        self.returnPressed.connect(self.commit)

    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        text = self.text()
        self.finished.emit()
        self._on_commit(text)

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self.finished.emit()
        self._on_cancel()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
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
            self.status_message.emit("Open a journey first.")
            return
        if not scene.data.stages:
            self.status_message.emit("Add a stage first (Edit > Add stage).")
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
        lane = next(lane for lane in scene.layout.lanes if lane.key == lane_key)
        column = next(c for c in scene.layout.columns if c.stage_id == stage_id)
        count = len(scene.cell_steps(lane_key, stage_id))
        slot = count if slot is None else min(slot, count)
        rect = scene.slot_rect(lane, column, slot)
        position = scene.stage_position(lane_key, stage_id, slot)
        scene.indicator.setRect(rect.adjusted(-4, -4, 4, 4))
        scene.indicator.setVisible(True)
        self.ensureVisible(rect, 40, 40)
        owner = None if lane_key == UNASSIGNED else lane_key
        journey_id = scene.data.journey_id

        def commit(title: str) -> None:
            scene.indicator.setVisible(False)
            if not title.strip():
                return
            step_id = self.editor.add_step(journey_id, stage_id, title.strip(), owner_id=owner, position=position)
            if step_id:
                scene.set_selection([step_id], current=step_id)
                self.ensure_step_visible(step_id)
                self.status_message.emit(f"Added “{title.strip()}”.")

        def cancel() -> None:
            scene.indicator.setVisible(False)

        stage_name = dict(scene.data.stages).get(stage_id, "")
        self._open_inline_editor(rect, "", commit, cancel, placeholder=f"New step in {stage_name} ({lane.label}): type its title, Enter")

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
                self.editor.update_step(step_id, {"title": title}, {"title": old}, text="Rename step")

        self._open_inline_editor(QRectF(box.x, box.y, box.w, box.h), old, commit, lambda: None,
                                 placeholder="Step title")
        self.edit_requested.emit("steps", step_id)

    def _open_inline_editor(self, rect: QRectF, text: str, commit: Any, cancel: Any, placeholder: str = "") -> None:
        self._commit_inline_editor()
        editor = InlineEditor(self.viewport(), commit, cancel)
        editor.setText(text)
        editor.selectAll()
        editor.setPlaceholderText(placeholder)
        editor.setAccessibleName(placeholder or "Title")
        editor.scene_rect = rect
        self._editor_widget = editor
        editor.finished.connect(self._inline_editor_closed)
        self._move_inline_editor()
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

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
        font.setPixelSize(max(13, min(28, round(TITLE_PX * self.zoom()))))
        editor.setFont(font)
        height = max(editor.sizeHint().height(), 32)
        width = max(rect.width(), 320)
        editor.setGeometry(QRect(rect.left(), rect.top() + max(0, (rect.height() - height) // 2), width, height))

    def _commit_inline_editor(self) -> None:
        if self._editor_widget is not None:
            self._editor_widget.commit()
