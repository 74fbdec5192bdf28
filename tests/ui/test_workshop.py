"""Mapping live in a workshop: capture with the keyboard alone, the legend as saved, a projector view
people can read from the back of the room, a toolbar that stays put, and one wording everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication, QToolButton
from sqlalchemy import select

from servicecommunity.domain.models import Step
from ui import settings
from ui.mainwindow import MainWindow
from ui.map.inline_editor import InlineEditor
from ui.map.styles import TITLE_PX, styles


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


# --- the legend as saved ---------------------------------------------------------------------------


def test_the_legend_starts_as_it_was_saved(qtbot: Any, make_window: Any) -> None:
    settings.SHOW_LEGEND.set(False)
    window = make_window()
    assert not window.actions["show_legend"].isChecked()
    assert not window.canvas_view.legend.isVisible()  # it covered the map on every start
    window.actions["show_legend"].trigger()
    assert window.canvas_view.legend.isVisible()
    window.close()
    assert settings.SHOW_LEGEND.get()
    again = make_window()
    assert again.actions["show_legend"].isChecked() and again.canvas_view.legend.isVisible()


# --- a toolbar that stays put ----------------------------------------------------------------------


def test_the_undo_button_keeps_its_size_and_the_command_goes_in_its_tooltip(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    bar = window.toolbar
    add_step = bar.widgetForAction(window.actions["add_step"])
    undo_button = next(b for b in bar.findChildren(QToolButton) if b.defaultAction() is not None
                       and b.defaultAction().objectName() == "toolbar_undo")
    x_before, width_before = add_step.geometry().x(), undo_button.width()
    step = window.scene.data.steps[0]
    long_title = "Legal structure guidance for a company limited by guarantee with charitable aims"
    window.editor.update_step(step.id, {"title": long_title}, {"title": step.title},
                              text=f"Rename step “{long_title}”")
    qtbot.wait(10)
    assert add_step.geometry().x() == x_before  # nothing pushed right
    assert undo_button.width() == width_before
    assert undo_button.text() == "Undo"
    assert long_title in undo_button.toolTip() and "Ctrl+Z" in undo_button.toolTip()
    edit_undo = next(a for a in window.menus["edit"].actions() if a.objectName() == "action_undo")
    assert long_title in edit_undo.text()
    undo_button.click()
    assert window.scene.steps[step.id].title == step.title
    assert not undo_button.isEnabled() or long_title not in undo_button.toolTip()
    redo_button = next(b for b in bar.findChildren(QToolButton) if b.defaultAction() is not None
                       and b.defaultAction().objectName() == "toolbar_redo")
    assert redo_button.text() == "Redo" and long_title in redo_button.toolTip()
    redo_button.click()
    assert window.scene.steps[step.id].title == long_title


# --- one wording everywhere ------------------------------------------------------------------------


def test_the_status_bar_counts_in_good_english(main_window: MainWindow) -> None:
    window = main_window
    scene = window.scene
    keep = scene.data.steps[0]
    others = [s.id for s in scene.data.steps if s.id != keep.id]
    assert window.editor.delete(step_ids=others)
    text = window.map_status.text()
    assert "1 step " in text + " " and "1 steps" not in text
    assert "0 dependencies" in text and "1 steps blocked" not in text


def test_a_card_says_face_to_face_as_the_inspector_and_poster_do(main_window: MainWindow) -> None:
    from servicecommunity.domain.enums import label

    view = main_window.canvas_view
    step = next(s for s in main_window.scene.data.steps if "face_to_face" in s.channels)
    assert "Face to face" in view.describe_step(step)
    assert label("face_to_face") == "Face to face"
    from ui.map import styles as map_styles

    assert map_styles.channel_label("face_to_face") == label("face_to_face")


# --- the projector view ----------------------------------------------------------------------------


def stages_in_view(window: MainWindow) -> list[str]:
    """The stages whose column is wholly on screen."""
    seen = visible_rect(window).adjusted(-1, -1, 1, 1)
    return [c.stage_id for c in window.scene.layout.columns
            if seen.left() <= c.box.x and c.box.x + c.box.w <= seen.right()]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_projector_view_shows_titles_of_18_px_or_steps_through_the_stages(
    qtbot: Any, main_window: MainWindow, size: tuple[int, int]
) -> None:
    window = main_window
    view = window.canvas_view
    window.resize(*size)
    qtbot.wait(20)
    view.set_zoom(0.27)  # zoomed far out before: the projector must not keep it
    window.set_presentation(True, full_screen=False)
    qtbot.wait(20)
    assert view.title_screen_px() >= 18.0
    assert styles().title_font.pixelSize() > TITLE_PX  # larger type than at the desk
    order = [sid for sid, _ in window.scene.data.stages]
    if len(view.present_pages) == 1:
        assert stages_in_view(window) == order
    else:
        seen: list[str] = []
        view.setFocus()
        for page in range(len(view.present_pages)):
            shown = stages_in_view(window)
            assert 1 <= len(view.present_pages[page]) <= 2
            assert set(view.present_pages[page]) <= set(shown), (page, shown)
            assert view.title_screen_px() >= 18.0
            seen += view.present_pages[page]
            qtbot.keyClick(view, Qt.Key.Key_Right)
        assert seen == order  # every stage, in order, once
        qtbot.keyClick(view, Qt.Key.Key_Left)
        assert view.present_page == len(view.present_pages) - 2
    window.set_presentation(False)
    assert styles().title_font.pixelSize() == TITLE_PX
    assert abs(view.zoom() - 0.27) < 1e-6  # the desk's zoom comes back


def test_on_the_projector_badges_and_arrows_never_cover_a_title(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    scene, view = window.scene, window.canvas_view
    window.set_presentation(True, full_screen=False)
    qtbot.wait(20)
    st = styles()
    lod = view.zoom()
    titles = {sid: item.title_rect(st).translated(item.pos()) for sid, item in scene.cards.items()}
    badged = [item for item in scene.cards.values() if item.badges(st, lod)]
    assert badged, "the demo has steps with blockers"
    for item in badged:
        for _kind, rect, _label in item.badges(st, lod):
            placed = rect.translated(item.pos())
            covered = [sid for sid, title in titles.items() if title.intersects(placed)]
            assert not covered, f"a badge of {item.step.title!r} covers {covered}"
    # arrows and their labels are drawn under the cards, whose bodies are opaque
    assert scene.arrows.zValue() < scene.card_layer.zValue()
    assert st.card_brush.isOpaque()
    window.set_presentation(False)


def test_at_the_desk_the_badges_sit_over_the_top_edge_again(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    item = next(i for i in window.scene.cards.values() if i.step.blocker_count)
    window.set_presentation(True, full_screen=False)
    window.set_presentation(False)
    (_kind, rect, _label), *_rest = item.badges(styles(), 1.0)
    assert rect.top() < 0  # as before: over the card's top edge


def emotion_offset(window: MainWindow) -> float:
    """How far (px) the emotion curve's first stage line is from the map's."""
    view, emotion = window.canvas_view, window.emotion
    x = window.scene.layout.columns[0].box.x + window.scene.layout.columns[0].box.w
    on_map = view.viewport().mapToGlobal(view.mapFromScene(QPointF(x, 0))).x()
    vb = emotion.plot.getPlotItem().getViewBox()
    point = vb.mapViewToScene(QPointF(x, 0))
    on_plot = emotion.plot.mapToGlobal(QPoint(round(point.x()), 0)).x()
    return float(on_plot - on_map)


def test_leaving_the_projector_puts_the_window_and_docks_back_exactly(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    # the test screen (offscreen: 800x800) is smaller than the window's docks want: let the window be
    # as small as the screen, as a real screen would, so that maximising resizes nothing else
    window.setMinimumSize(300, 300)
    qtbot.wait(20)
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    qtbot.wait(50)
    geometry, state = window.saveGeometry(), window.saveState()
    splitter = window.splitter.saveState()
    navigator = window.docks["NavigatorDock"].width()
    window.emotion.follow(window.canvas_view)  # lined up with the map as it stands
    offset = emotion_offset(window)
    assert abs(offset) <= 2.0
    window.actions["presentation"].trigger()
    qtbot.waitUntil(window.isFullScreen)
    qtbot.wait(50)
    assert window.canvas_view.title_screen_px() >= 18.0
    window.actions["presentation"].trigger()
    qtbot.waitUntil(lambda: not window.isFullScreen())
    qtbot.wait(50)
    assert window.isMaximized()
    assert window.saveGeometry() == geometry
    assert window.saveState() == state
    assert window.splitter.saveState() == splitter
    assert window.docks["NavigatorDock"].width() == navigator
    assert abs(emotion_offset(window) - offset) <= 1.0
    window.showNormal()


def test_the_blocker_historys_when_column_has_one_format() -> None:
    import re
    from datetime import UTC, date, datetime

    from servicecommunity.services.queries.blockers import HistoryEntry
    from ui.panels.blockers.history import HISTORY_COLUMNS

    when = next(c for c in HISTORY_COLUMNS if c.title == "When")
    raised = HistoryEntry("b:raised", date(2026, 12, 2), "Ana", "raised", "Raised")
    comment = HistoryEntry("u1", datetime(2026, 12, 2, 14, 19, tzinfo=UTC), "Ben", "comment", "Called them")
    texts = [when.text(raised), when.text(comment)]
    assert texts[0] == texts[1] and all(re.fullmatch(r"\d{1,2} \w+ \d{4}", t) for t in texts), texts  # the language's own day format
    assert when.tooltip is not None
    assert re.search(r"\d{2}:\d{2}", when.tooltip(comment) or "")  # the time is still there to read


def test_typing_steps_in_a_row_on_a_big_map_that_refreshes_later(
    qtbot: Any, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.map import scene as map_scene

    monkeypatch.setattr(map_scene, "DEFER_MIN_STEPS", 10)  # the demo's 34 steps count as a big map
    window = main_window
    view, scene, stack = window.canvas_view, window.scene, window.ctx.undo_stack
    stage = scene.data.stages[1][0]
    lane = scene.layout.lanes[0]
    before = titles_in_cell(window, lane.key, stage)
    start = stack.count()
    view.add_step(stage_id=stage, lane_key=lane.key, slot=len(before))
    titles = ["Big map one", "Big map two", "Big map three"]
    for title in titles:
        qtbot.waitUntil(lambda: editor_of(window) is not None and editor_of(window).hasFocus(), timeout=5000)
        qtbot.keyClicks(editor_of(window), title)
        qtbot.keyClick(editor_of(window), Qt.Key.Key_Return)
        assert scene.refreshing  # the map shows it in a later turn of the event loop
        qtbot.waitUntil(lambda: not scene.refreshing, timeout=5000)
        assert scene.steps[scene.current_step].title == title
    qtbot.waitUntil(lambda: editor_of(window) is not None, timeout=5000)
    qtbot.keyClick(editor_of(window), Qt.Key.Key_Escape)
    assert titles_in_cell(window, lane.key, stage) == before + titles
    assert stack.count() == start + 3
