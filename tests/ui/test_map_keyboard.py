"""Every map gesture without a mouse (issue 16): select a card, draw a dependency to another card,
move a card to another lane or stage, each one undo entry, each listed in Help > Keyboard shortcuts."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy import select

from servicecommunity.domain.models import Dependency, Step
from ui.context import AppContext
from ui.map.view import JourneyMapView

NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _errors_told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A refused change is told in a dialog: collected here instead of waiting for a click."""
    from ui import dialogs

    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, _title, text: told.append(text))
    return told


@pytest.fixture
def view(qtbot: Any, ctx: AppContext) -> JourneyMapView:
    widget = JourneyMapView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def _deps(ctx: AppContext) -> set[tuple[str, str]]:
    return set(ctx.read(lambda s: [(d.from_step_id, d.to_step_id) for d in s.scalars(
        select(Dependency).where(Dependency.journey_id == ctx.journey_id))]))


def _step(ctx: AppContext, step_id: str) -> Step:
    return ctx.read(lambda s: s.get(Step, step_id))


def test_keyboard_only_select_draw_a_dependency_and_move_a_card_to_another_lane(qtbot: Any, view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    stack = ctx.undo_stack
    # select a card: Home selects the journey's first step
    qtbot.keyClick(view, Qt.Key.Key_Home)
    source = scene.current_step
    assert source == scene.data.steps[0].id and scene.selected_steps == [source]
    # draw a dependency: D starts it from the current card, the arrows choose the other end
    before, entries = _deps(ctx), stack.count()
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert scene.selected_steps == [source]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    first = view.neighbour(source, 1, 0)
    assert first is not None and scene.cards[first].target
    qtbot.keyClick(view, Qt.Key.Key_Right)
    target = view.neighbour(first, 1, 0)
    assert target is not None and target != source
    assert scene.cards[target].target and not scene.cards[first].target
    assert (source, target) not in before
    # a screen reader hears where the dependency would go
    assert scene.steps[target].title in view.accessibleDescription()
    assert scene.link_line.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert _deps(ctx) == before | {(source, target)}
    assert stack.count() == entries + 1 and stack.text(stack.index() - 1) == "Add dependency"
    assert not scene.link_line.isVisible() and not scene.cards[target].target
    assert len(scene.selected_deps) == 1  # the new dependency, to edit in the inspector
    assert view.accessibleDescription().startswith(
        f"Dependency added from \u201c{scene.steps[source].title}\u201d to \u201c{scene.steps[target].title}\u201d")
    # move a card to the lane below: Ctrl+Down gives it to that lane's organisation (one entry)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    step = scene.steps[source]
    lanes = [lane.key for lane in scene.layout.lanes]
    below = lanes[lanes.index(scene.lane_key(step)) + 1]
    entries = stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Down, CTRL)
    moved = _step(ctx, source)
    assert moved.owner_id == (below or None) and moved.stage_id == step.stage_id
    assert stack.count() == entries + 1
    # ... and to the next stage with Ctrl+Right: moves of one card in a row are one entry (as with
    # dragging), so one undo puts it back in its lane and stage
    stages = [sid for sid, _ in scene.data.stages]
    qtbot.keyClick(view, Qt.Key.Key_Right, CTRL)
    assert _step(ctx, source).stage_id == stages[1]
    assert stack.count() == entries + 1
    stack.undo()
    back = _step(ctx, source)
    assert (back.owner_id, back.stage_id) == (step.owner_id, step.stage_id)


def test_escape_or_leaving_the_map_cancels_a_dependency_being_drawn(qtbot: Any, view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    before, entries = _deps(ctx), ctx.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    source = scene.current_step
    qtbot.keyClick(view, Qt.Key.Key_D)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    target = view.neighbour(source, 0, 1)
    assert scene.cards[target].target
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not scene.cards[target].target and not scene.link_line.isVisible()
    assert scene.selected_steps == [source]  # Escape only cancels the drawing
    assert view.accessibleDescription() == view.describe_step(scene.steps[source])
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter now edits the title, not a dependency
    assert view._editor_widget is not None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    # arrows after a cancelled drawing move between cards again
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert scene.current_step == target
    assert _deps(ctx) == before and ctx.undo_stack.count() == entries


def test_d_without_a_card_says_what_to_do(qtbot: Any, view: JourneyMapView) -> None:
    said: list[str] = []
    view.status_message.connect(said.append)
    view.map_scene.clear_selection()
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert said and "select a card" in said[-1].lower()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.map_scene.current_step == view.map_scene.data.steps[0].id  # plain navigation, no drawing


def test_the_menu_key_opens_the_current_cards_menu_which_moves_it_anywhere(qtbot: Any, view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    qtbot.keyClick(view, Qt.Key.Key_Home)
    source = scene.current_step
    menu = view.keyboard_menu()
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "Draw a dependency from this step…" in texts
    to_stage = next(a.menu() for a in menu.actions() if a.text() == "Move to stage")
    to_lane = next(a.menu() for a in menu.actions() if a.text() == "Move to lane")
    assert isinstance(to_stage, QMenu) and isinstance(to_lane, QMenu)
    assert [a.text() for a in to_stage.actions()] == [name for _sid, name in scene.data.stages]
    assert [a.text() for a in to_lane.actions()] == [lane.label for lane in scene.layout.lanes]
    # the last stage and the last lane, several places away (moves of one card in a row are one entry)
    entries = ctx.undo_stack.count()
    step = scene.steps[source]
    to_stage.actions()[-1].trigger()
    assert _step(ctx, source).stage_id == scene.data.stages[-1][0]
    last_lane = scene.layout.lanes[-1].key
    menu = view.keyboard_menu()
    to_lane = next(a.menu() for a in menu.actions() if a.text() == "Move to lane")
    to_lane.actions()[-1].trigger()
    assert _step(ctx, source).owner_id == (last_lane or None)
    assert _step(ctx, source).stage_id == scene.data.stages[-1][0]
    assert ctx.undo_stack.count() == entries + 1
    ctx.undo_stack.undo()
    back = _step(ctx, source)
    assert (back.stage_id, back.owner_id) == (step.stage_id, step.owner_id)


def test_the_keys_are_in_the_edit_menu_and_the_shortcuts_list(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    listed = {a.text().replace("&", "").rstrip("…"): [k.toString() for k in a.shortcuts()]
              for _menu, a in window.all_actions()}
    assert listed["Draw a dependency from the selected card"] == ["D"]
    assert listed["Move the card to the lane above"] == ["Ctrl+Up"]
    assert listed["Move the card to the lane below"] == ["Ctrl+Down"]
    assert listed["Move the card to the stage before"] == ["Ctrl+Left"]
    assert listed["Move the card to the stage after"] == ["Ctrl+Right"]
    assert listed["Move the card earlier in its stage"] == ["Ctrl+Shift+Left"]
    assert listed["Move the card later in its stage"] == ["Ctrl+Shift+Right"]
    assert listed["Open the selected card's menu"] == ["Shift+F10"]
    # in the window the keys work on the map (and only there: D typed elsewhere is just a letter)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    view = window.canvas_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    source = view.map_scene.current_step
    before = _deps(window.ctx)
    qtbot.keyClick(view, Qt.Key.Key_D)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    target = view.neighbour(view.neighbour(source, 1, 0), 1, 0)
    assert view.map_scene.cards[target].target and (source, target) not in before
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert _deps(window.ctx) == before | {(source, target)}
