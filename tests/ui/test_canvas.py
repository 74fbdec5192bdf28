"""The journey map scene and view: items from the shared layout, refresh by what changed, level of
detail, hit tests, selection, keyboard, and painting at every zoom without errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.analysis.layout import layout_map, load_map
from servicecommunity.domain.models import Organisation, Step
from servicecommunity.store.workspace import open_store
from servicecommunity.testing import synthetic
from ui import theme
from ui.context import AppContext
from ui.map import scene as map_scene
from ui.map import view as map_view
from ui.map.scene import JourneyMapScene
from ui.map.styles import wrap_text
from ui.map.view import JourneyMapView


@pytest.fixture
def view(qtbot: Any, ctx: AppContext) -> JourneyMapView:
    widget = JourneyMapView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def render(scene: JourneyMapScene, zoom: float, size: tuple[int, int] = (800, 500)) -> QImage:
    """Paint the scene at a zoom into an image (every paint path runs; an exception fails the test)."""
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    source = scene.content_rect()
    width, height = size[0] / zoom, size[1] / zoom
    scene.set_level_of_detail(zoom)
    scene.render(painter, QRectF(0, 0, *size), QRectF(source.left(), source.top(), width, height))
    painter.end()
    return image


def test_one_card_per_step_and_one_arrow_per_dependency_on_the_shared_layout(ctx: AppContext) -> None:
    scene = JourneyMapScene(ctx)  # it shows the context's journey
    data = ctx.read(lambda s: load_map(s, ctx.journey_id))
    layout = layout_map(data)
    assert set(scene.cards) == {s.id for s in data.steps}
    for step_id, item in scene.cards.items():
        box = layout.cards[step_id]
        assert (item.pos().x(), item.pos().y()) == (box.x, box.y)  # the poster's geometry exactly
    assert {d.id for d in scene.arrows.deps} == {d.id for d in data.dependencies}
    assert scene.sceneRect().contains(QRectF(layout.cards[data.steps[0].id].x, layout.cards[data.steps[0].id].y, 10, 10))


def test_an_edit_updates_only_the_cards_it_touched(ctx: AppContext) -> None:
    scene = JourneyMapScene(ctx)  # it shows the context's journey
    before = dict(scene.cards)
    steps_before = {sid: item.step for sid, item in before.items()}
    target = scene.data.steps[4]
    ctx.run(services.update, "steps", target.id, data={"title": "Renamed in the room"})
    assert scene.cards == before  # the very same items
    assert scene.cards[target.id].step.title == "Renamed in the room"
    unchanged = [sid for sid in before if sid != target.id and scene.cards[sid].step is steps_before[sid]]
    assert len(unchanged) == len(before) - 1


def test_adding_and_deleting_steps_adds_and_removes_cards(ctx: AppContext) -> None:
    scene = JourneyMapScene(ctx)  # it shows the context's journey
    first = scene.data.steps[0]
    new = ctx.run(services.create, "steps", data={"journey_id": ctx.journey_id, "stage_id": first.stage_id, "title": "New"})
    assert new.id in scene.cards
    snapshot = ctx.run(services.delete, "steps", new.id)
    assert new.id not in scene.cards
    ctx.run(services.restore, snapshot)
    assert new.id in scene.cards


def test_the_users_own_lane_goes_on_top(ctx: AppContext) -> None:
    scene = JourneyMapScene(ctx)  # it shows the context's journey
    hmrc = ctx.read(lambda s: s.scalars(select(Organisation.id).where(Organisation.short_name == "HMRC")).one())
    member = ctx.run(services.create, "members", data={"community_id": ctx.read(
        lambda s: s.get(Organisation, hmrc).community_id), "name": "Facilitator", "organisation_id": hmrc})
    ctx.set_member(member.id)
    assert scene.layout.lanes[0].key == hmrc


def test_hit_tests_find_cards_arrows_and_cells(ctx: AppContext) -> None:
    scene = JourneyMapScene(ctx)  # it shows the context's journey
    step = scene.data.steps[3]
    box = scene.layout.cards[step.id]
    assert scene.step_at(QPointF(box.x + 5, box.y + 5)) == step.id
    assert scene.step_at(QPointF(box.x - 5, box.y - 5)) is None
    lane, column = scene.cell_at(QPointF(box.x + 5, box.y + 5))
    assert column.stage_id == step.stage_id and lane.key == step.owner_id
    dep = scene.arrows.deps[0]
    mid = scene.arrows.midpoint(0)
    assert scene.arrows.dep_at(mid, 6.0) == dep.id
    assert scene.arrows.dep_at(QPointF(-1000, -1000), 6.0) is None
    inside = scene.steps_in(QRectF(box.x - 1, box.y - 1, 5, 5))
    assert inside == [step.id]


def test_stage_position_of_a_slot_counts_the_stage_without_the_moving_cards(ctx: AppContext) -> None:
    scene = JourneyMapScene(ctx)  # it shows the context's journey
    stage_id = scene.data.stages[2][0]
    stage_steps = sorted((s for s in scene.data.steps if s.stage_id == stage_id), key=lambda s: s.position)
    first = stage_steps[0]
    lane_key = scene.lane_key(first)
    cell = scene.cell_steps(lane_key, stage_id)
    assert scene.stage_position(lane_key, stage_id, 0) == [s.id for s in stage_steps].index(cell[0].id)
    assert scene.stage_position(lane_key, stage_id, 99) == [s.id for s in stage_steps].index(cell[-1].id) + 1


def test_selection_requests_select_steps_dependencies_and_organisations(ctx: AppContext) -> None:
    scene = JourneyMapScene(ctx)
    scene.load_journey(ctx.journey_id)
    told: list[dict[str, list[str]]] = []
    scene.selection_changed_on_map.connect(told.append)
    step = scene.data.steps[2]
    scene.set_selection([step.id, "not-a-step"])
    assert scene.selected_steps == [step.id] and scene.cards[step.id].selected
    assert told[-1]["steps"] == [step.id]
    scene.set_selection((), [scene.arrows.deps[1].id])
    assert not scene.cards[step.id].selected and scene.arrows.selected == {scene.arrows.deps[1].id}
    scene.clear_selection()
    assert told[-1] == {"steps": [], "dependencies": [], "stages": []}


def test_view_answers_selection_requested_and_reports_selection_changed(view: JourneyMapView) -> None:
    ctx = view.ctx
    changed: list[Any] = []
    ctx.selection_changed.connect(changed.append)
    hmrc = ctx.read(lambda s: s.scalars(select(Organisation.id).where(Organisation.short_name == "HMRC")).one())
    ctx.selection_requested.emit({"organisations": [hmrc]})
    scene = view.map_scene
    assert scene.selected_steps and all(scene.steps[s].owner_id == hmrc for s in scene.selected_steps)
    assert changed[-1]["steps"] == scene.selected_steps
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.intersects(scene.bounds(scene.selected_steps))


def test_keyboard_moves_between_cards_and_moves_cards(qtbot: Any, view: JourneyMapView) -> None:
    scene = view.map_scene
    view.setFocus()
    first = scene.data.steps[0]
    scene.set_selection([first.id], current=first.id)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    below = scene.current_step
    assert below != first.id
    assert scene.layout.cards[below].y > scene.layout.cards[first.id].y
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert scene.current_step == first.id
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert len(scene.selected_steps) == 2
    # Ctrl+Right: the selected card goes to the next stage (one undo entry)
    scene.set_selection([first.id], current=first.id)
    stages = [sid for sid, _ in scene.data.stages]
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    moved = view.ctx.read(lambda s: s.get(Step, first.id))
    assert moved.stage_id == stages[stages.index(first.stage_id) + 1]
    assert moved.owner_id == first.owner_id
    view.ctx.undo_stack.undo()
    assert view.ctx.read(lambda s: s.get(Step, first.id)).stage_id == first.stage_id
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(scene.selected_steps) == len(scene.data.steps)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert scene.selected_steps == []


def test_rubber_band_selects_the_cards_it_covers(qtbot: Any, view: JourneyMapView) -> None:
    scene = view.map_scene
    view.set_zoom(0.5)
    view.ensure_top_left()
    first = scene.layout.cards[scene.data.steps[0].id]
    start = view.mapFromScene(QPointF(first.x - 10, first.y - 10))
    end = view.mapFromScene(QPointF(first.x + first.w + 5, first.y + first.h + 5))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + (end - start) / 2)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert scene.data.steps[0].id in scene.selected_steps


def test_double_click_an_empty_cell_adds_a_step_there(qtbot: Any, view: JourneyMapView) -> None:
    scene = view.map_scene
    lane = scene.layout.lanes[-1]  # nobody owns it
    column = scene.layout.columns[0]
    point = QPointF(column.box.x + column.box.w - 20, lane.box.y + lane.box.h - 15)
    assert scene.step_at(point) is None
    view.centerOn(point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(point))
    editor = view._editor_widget
    assert editor is not None
    qtbot.keyClicks(editor, "Ask a friend who runs a cafe")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    added = view.ctx.read(lambda s: s.scalars(select(Step).where(Step.title == "Ask a friend who runs a cafe")).one())
    assert added.stage_id == column.stage_id and added.owner_id is None
    # Escape cancels an add: nothing is created
    view.add_step()
    qtbot.keyClick(view._editor_widget, Qt.Key.Key_Escape)
    assert view.ctx.undo_stack.count() == 1


def test_zoom_fit_and_level_of_detail(view: JourneyMapView) -> None:
    view.zoom_to_fit()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.map_scene.content_rect().adjusted(10, 10, -10, -10))
    before = view.zoom()
    view.zoom_in()
    assert view.zoom() == pytest.approx(before * map_view.ZOOM_STEP)
    view.zoom_out()
    assert view.zoom() == pytest.approx(before)
    view.set_zoom(100)
    assert view.zoom() == map_view.MAX_ZOOM
    # the demo is small: always drawn card by card
    view.set_zoom(0.05)
    assert not view.map_scene.overview_mode


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_every_level_of_detail_paints(ctx: AppContext, palette: str) -> None:
    theme.apply(palette, remember=False)
    try:
        scene = JourneyMapScene(ctx)
        scene.load_journey(ctx.journey_id)
        scene.set_selection([scene.data.steps[0].id], [scene.arrows.deps[0].id])
        for zoom in (1.5, 1.0, 0.5, 0.3, 0.12, 0.05):
            image = render(scene, zoom)
            assert not image.isNull()
    finally:
        theme.apply("light", remember=False)


def test_a_big_map_switches_to_the_overview_and_refreshes_in_a_turn_of_its_own(qtbot: Any, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = synthetic.generate_bundle(seed=3, steps=400, dependencies=1200, blockers=300, organisations=12,
                                       members=10, journeys=1)
    store = open_store(tmp_path / "big.sqlite")
    synthetic.load(store, bundle)
    ctx = AppContext(store)
    try:
        monkeypatch.setattr(map_scene, "DEFER_MIN_STEPS", 100)
        view = JourneyMapView(ctx)
        qtbot.addWidget(view)
        view.resize(1200, 800)
        view.show()
        ctx.set_journey(bundle["journeys"][0]["id"])
        scene = view.map_scene
        assert len(scene.cards) == 400
        view.zoom_to_fit()
        assert scene.overview_mode and scene.card_layer.opacity() == 0.0 and scene.overview.isVisible()
        render(scene, view.zoom())
        view.actual_size()
        assert not scene.overview_mode and scene.card_layer.opacity() == 1.0

        step = scene.data.steps[10]
        new_id = view.editor.add_step(ctx.journey_id, step.stage_id, "Added during a workshop", owner_id=step.owner_id)
        scene.set_selection([new_id], current=new_id)  # not on the map yet: waits for the refresh
        assert scene.refreshing
        qtbot.waitUntil(lambda: new_id in scene.cards and not scene.refreshing, timeout=10000)
        assert scene.selected_steps == [new_id]
        ctx.undo_stack.undo()
        qtbot.waitUntil(lambda: new_id not in scene.cards and not scene.refreshing, timeout=10000)
    finally:
        ctx.undo_stack.clear()
        store.close()


def test_wrap_text_wraps_words_and_elides_the_last_line() -> None:
    font = QFont()
    font.setPixelSize(16)
    metrics = QFontMetricsF(font)
    lines = wrap_text("Set up business rates and apply for small business rate relief", metrics, 150, 3)
    assert 1 < len(lines) <= 3
    assert all(metrics.horizontalAdvance(line) <= 151 for line in lines)
    assert lines[-1].endswith("…")
    assert wrap_text("Short", metrics, 150, 3) == ["Short"]
    assert len(wrap_text("Supercalifragilisticexpialidocious-and-more", metrics, 60, 2)) == 1
