"""Mapping live in a workshop: capture with the keyboard alone, the legend as saved, a projector view
people can read from the back of the room, a toolbar that stays put, and one wording everywhere."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from servicecommunity.domain.models import Step
from ui.mainwindow import MainWindow
from ui.map.inline_editor import InlineEditor


def editor_of(window: MainWindow) -> InlineEditor | None:
    return window.canvas_view._editor_widget


def visible_rect(window: MainWindow) -> QRectF:
    view = window.canvas_view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def titles_in_cell(window: MainWindow, lane_key: str, stage_id: str) -> list[str]:
    return [s.title for s in window.scene.cell_steps(lane_key, stage_id)]


# --- capture at the speed of talk ----------------------------------------------------------------


def test_twenty_steps_typed_in_a_row_with_the_keyboard_alone(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    view, scene, stack = window.canvas_view, window.scene, window.ctx.undo_stack
    # a scrolled map: the last stage, the last lane, at a readable zoom
    view.set_zoom(0.6)
    last_stage = scene.data.stages[-1][0]
    lane = scene.layout.lanes[-1]
    column = next(c for c in scene.layout.columns if c.stage_id == last_stage)
    view.centerOn(QPointF(column.box.x + column.box.w / 2, lane.box.y + lane.box.h / 2))
    before_cell = titles_in_cell(window, lane.key, last_stage)
    start = stack.count()
    view.setFocus()
    view.add_step(stage_id=last_stage, lane_key=lane.key, slot=len(before_cell))
    titles = [f"Workshop step {i:02d}" for i in range(1, 21)]
    for title in titles:
        editor = editor_of(window)
        assert editor is not None and editor.isVisible(), f"no empty editor open before {title!r}"
        assert editor.text() == "", f"the editor for {title!r} opened with {editor.text()!r}"
        assert QApplication.focusWidget() is editor
        qtbot.keyClicks(editor, title)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        added = scene.steps[scene.current_step]
        assert added.title == title  # the card just added is the keyboard's card
        box = scene.layout.cards[added.id]
        assert visible_rect(window).intersects(QRectF(box.x, box.y, box.w, box.h)), f"the new card went out of view: {title} {visible_rect(window)} {view.sceneRect()}"
    editor = editor_of(window)
    assert editor is not None and editor.text() == ""  # ready for the twenty-first
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor_of(window) is None
    assert titles_in_cell(window, lane.key, last_stage) == before_cell + titles
    assert stack.count() == start + 20
    assert [stack.text(i) for i in range(start, start + 20)] == [f"Add step “{t}”" for t in titles]
    stored = window.ctx.read(lambda s: set(s.scalars(select(Step.title).where(Step.title.like("Workshop step %")))))
    assert stored == set(titles)


def test_the_map_stays_where_it_is_after_adding_a_step_in_a_scrolled_map(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    view, scene = window.canvas_view, window.scene
    qtbot.wait(20)  # the window's opening view is shown
    view.set_zoom(0.6)
    last_stage = scene.data.stages[-1][0]
    lane = scene.layout.lanes[-1]
    column = next(c for c in scene.layout.columns if c.stage_id == last_stage)
    view.centerOn(QPointF(column.box.x + column.box.w / 2, lane.box.y + lane.box.h / 2))
    view.add_step(stage_id=last_stage, lane_key=lane.key, slot=0)
    qtbot.keyClicks(editor_of(window), "Said in the room")
    qtbot.keyClick(editor_of(window), Qt.Key.Key_Return)
    qtbot.wait(50)  # whatever the event loop had queued has run
    box = scene.layout.cards[scene.current_step]
    assert visible_rect(window).intersects(QRectF(box.x, box.y, box.w, box.h))
    assert abs(view.zoom() - 0.6) < 1e-6
    qtbot.keyClick(editor_of(window), Qt.Key.Key_Escape)


def test_enter_on_an_empty_editor_stops_without_opening_another_card(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    view, scene, stack = window.canvas_view, window.scene, window.ctx.undo_stack
    first = scene.data.steps[0]
    scene.set_selection([first.id], current=first.id)
    view.setFocus()
    start = stack.count()
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = editor_of(window)
    assert editor is not None and editor.text() == ""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor_of(window) is None  # no editor on another card
    assert stack.count() == start
    assert QApplication.focusWidget() is view


def test_tab_adds_the_step_and_moves_to_the_next_stage_in_the_same_lane(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    view, scene = window.canvas_view, window.scene
    stages = [sid for sid, _ in scene.data.stages]
    lane = scene.layout.lanes[0]
    view.add_step(stage_id=stages[0], lane_key=lane.key, slot=0)
    qtbot.keyClicks(editor_of(window), "Said in the room")
    qtbot.keyClick(editor_of(window), Qt.Key.Key_Tab)
    added = scene.steps[scene.current_step]
    assert (added.title, added.stage_id, scene.lane_key(added)) == ("Said in the room", stages[0], lane.key)
    editor = editor_of(window)
    assert editor is not None and editor.text() == ""
    assert stages[1] in editor.placeholderText() or dict(scene.data.stages)[stages[1]] in editor.placeholderText()
    qtbot.keyClicks(editor, "Next stage")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    added = scene.steps[scene.current_step]
    assert (added.title, added.stage_id, scene.lane_key(added)) == ("Next stage", stages[1], lane.key)
    qtbot.keyClick(editor_of(window), Qt.Key.Key_Escape)
    assert editor_of(window) is None
