"""Editing the map: each gesture one undo entry, repeated moves merged, multi-card edits one macro;
the inspector's fields, stages and journeys; refused changes leave nothing behind."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLineEdit, QListWidget
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.domain.models import DataItem, Dependency, Journey, Organisation, Stage, Step
from servicecommunity.store import codec
from ui import dialogs
from ui.context import AppContext
from ui.map.editing import MapEditor, Move
from ui.map.view import JourneyMapView
from ui.panels.inspector import Inspector
from ui.panels.navigator import Navigator, create_journey


@pytest.fixture
def view(qtbot: Any, ctx: AppContext) -> JourneyMapView:
    widget = JourneyMapView(ctx)
    qtbot.addWidget(widget)
    return widget


def step_row(ctx: AppContext, step_id: str) -> Step | None:
    return ctx.read(lambda s: s.get(Step, step_id))


def org(ctx: AppContext, short: str) -> str:
    return ctx.read(lambda s: s.scalars(select(Organisation.id).where(Organisation.short_name == short)).one())


def test_moving_several_cards_is_one_undo_entry(view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    picked = scene.data.steps[:3]
    hmrc = org(ctx, "HMRC")
    target_stage = scene.data.stages[-1][0]
    moves = [Move(s.id, target_stage, None, hmrc, change_owner=True) for s in picked]
    assert view.editor.move_steps(moves, scene.data)
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.text(0) == "Move 3 steps"
    assert all(step_row(ctx, s.id).owner_id == hmrc and step_row(ctx, s.id).stage_id == target_stage for s in picked)
    ctx.undo_stack.undo()
    for s in picked:
        row = step_row(ctx, s.id)
        assert (row.owner_id, row.stage_id, row.position) == (s.owner_id, s.stage_id, s.position)


def test_repeated_moves_of_one_card_merge(view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    step = scene.data.steps[0]
    stages = [sid for sid, _ in scene.data.stages]
    view.editor.move_steps([Move(step.id, stages[1], None, step.owner_id, change_owner=False)], scene.data)
    view.editor.move_steps([Move(step.id, stages[2], None, step.owner_id, change_owner=False)], scene.data)
    assert ctx.undo_stack.count() == 1
    assert step_row(ctx, step.id).stage_id == stages[2]
    ctx.undo_stack.undo()
    assert step_row(ctx, step.id).stage_id == step.stage_id


def test_dropping_a_card_where_it_was_changes_nothing(view: JourneyMapView) -> None:
    scene = view.map_scene
    step = scene.data.steps[0]
    position = sorted((s for s in scene.data.steps if s.stage_id == step.stage_id), key=lambda s: s.position).index(step)
    assert not view.editor.move_steps([Move(step.id, step.stage_id, position, step.owner_id, change_owner=True)], scene.data)
    assert view.ctx.undo_stack.count() == 0


def test_deleting_steps_with_their_dependencies_is_one_entry_and_comes_back(view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    dep = scene.data.dependencies[0]
    doomed = [dep.from_step_id, dep.to_step_id]
    assert view.editor.delete(step_ids=doomed, dependency_ids=[dep.id])
    assert ctx.undo_stack.count() == 1
    assert ctx.read(lambda s: s.get(Dependency, dep.id)) is None
    ctx.undo_stack.undo()
    assert ctx.read(lambda s: s.get(Dependency, dep.id)) is not None
    assert all(step_row(ctx, sid) is not None for sid in doomed)
    assert dep.id in scene.arrows.index


def test_a_refused_change_is_reported_and_pushes_nothing(view: JourneyMapView, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, _title, text: told.append(text))
    step = view.map_scene.data.steps[0]
    assert view.editor.add_dependency(step.id, step.id) is None
    dep = view.map_scene.data.dependencies[0]
    assert view.editor.add_dependency(dep.from_step_id, dep.to_step_id, kind=dep.kind) is None
    assert len(told) == 2 and "already" in told[1]
    assert view.ctx.undo_stack.count() == 0


def test_stages_add_rename_reorder_delete_each_undoable(view: JourneyMapView, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, scene = view.ctx, view.map_scene
    order = [sid for sid, _ in scene.data.stages]
    scene.set_selection((), (), order[0])
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Get ready")
    view.add_stage()
    new = scene.selected_stage
    assert [sid for sid, _ in scene.data.stages][1] == new  # after the selected stage
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Get everything ready")
    view.rename_stage(new)
    assert dict(scene.data.stages)[new] == "Get everything ready"
    assert view.editor.move_stage(scene.data, new, -1)
    assert next(sid for sid, _ in scene.data.stages) == new
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, text: asked.append(text) or True)
    busy = order[0]
    view.delete_stage(busy)
    assert asked and "steps" in asked[0]
    assert ctx.read(lambda s: s.get(Stage, busy)) is None
    assert ctx.undo_stack.count() == 4
    for _ in range(4):
        ctx.undo_stack.undo()
    assert [sid for sid, _ in scene.data.stages] == order
    assert ctx.read(lambda s: s.scalars(select(Step).where(Step.stage_id == busy)).first()) is not None


def test_inspector_edits_each_field_as_one_undo_entry(qtbot: Any, view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    inspector = Inspector(ctx, view.editor)
    qtbot.addWidget(inspector)
    inspector.map_data = scene.data
    scene.map_changed.connect(lambda: setattr(inspector, "map_data", scene.data))
    step = scene.data.steps[1]
    satisfaction = step_row(ctx, step.id).user_satisfaction
    scene.set_selection([step.id])
    assert inspector.current_page() is inspector.step_page
    page = inspector.step_page

    title = page.bound["title"].widget
    assert isinstance(title, QLineEdit) and title.text() == step.title
    title.setText("Check what support there is")
    title.editingFinished.emit()
    assert step_row(ctx, step.id).title == "Check what support there is"

    paper = page.bound["channels"].widget.findChild(QCheckBox, "channel.paper")
    paper.setChecked(not paper.isChecked())
    assert ("paper" in step_row(ctx, step.id).channels) == paper.isChecked()

    volume = page.bound["user_satisfaction"].widget
    assert isinstance(volume, QDoubleSpinBox)
    volume.setValue(40.0 if satisfaction != 40.0 else 41.0)
    volume.setValue(45)  # nudges of one field merge
    assert step_row(ctx, step.id).user_satisfaction == 45

    supporters = page.bound["supporter_ids"].widget
    assert isinstance(supporters, QListWidget)
    first = supporters.item(0)
    wanted = Qt.CheckState.Unchecked if first.checkState() == Qt.CheckState.Checked else Qt.CheckState.Checked
    org_id = first.data(Qt.ItemDataRole.UserRole)
    first.setCheckState(wanted)
    links = ctx.read(lambda s: codec.record_to_json(s, services.get(s, "steps", step.id)))
    assert (org_id in links["supporter_ids"]) == (wanted == Qt.CheckState.Checked)

    owner = page.bound["owner_id"].widget
    hmrc = org(ctx, "HMRC")
    owner.setCurrentIndex(owner.findData(hmrc))
    owner.activated.emit(owner.currentIndex())
    assert step_row(ctx, step.id).owner_id == hmrc
    assert ctx.undo_stack.text(ctx.undo_stack.count() - 1) == "Move step"

    count = ctx.undo_stack.count()
    assert count == 5  # title, channel, satisfaction (merged), supporters, owner
    for _ in range(count):
        ctx.undo_stack.undo()
    row = step_row(ctx, step.id)
    assert (row.title, row.owner_id, row.user_satisfaction) == (step.title, step.owner_id, satisfaction)
    assert tuple(row.channels) == step.channels


def test_inspector_adds_a_data_item_to_a_step_in_one_entry(qtbot: Any, view: JourneyMapView,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, scene = view.ctx, view.map_scene
    inspector = Inspector(ctx, view.editor)
    qtbot.addWidget(inspector)
    step = scene.data.steps[2]
    scene.set_selection([step.id])
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Bank sort code")
    inspector.new_data_item()
    item = ctx.read(lambda s: s.scalars(select(DataItem).where(DataItem.name == "Bank sort code")).one())
    links = ctx.read(lambda s: codec.record_to_json(s, services.get(s, "steps", step.id)))
    assert item.id in links["data_item_ids"]
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert ctx.read(lambda s: s.get(DataItem, item.id)) is None


def test_inspector_edits_several_cards_as_one_macro(qtbot: Any, view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    inspector = Inspector(ctx, view.editor)
    qtbot.addWidget(inspector)
    inspector.map_data = scene.data
    picked = [s.id for s in scene.data.steps[:4]]
    scene.set_selection(picked)
    assert inspector.current_page() is inspector.many_page
    hmrc = org(ctx, "HMRC")
    inspector._apply_many("owner_id", hmrc)
    assert all(step_row(ctx, sid).owner_id == hmrc for sid in picked)
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert [step_row(ctx, sid).owner_id for sid in picked] == [s.owner_id for s in scene.data.steps[:4]]


def test_inspector_shows_dependencies_stages_and_the_journey(qtbot: Any, view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    inspector = Inspector(ctx, view.editor)
    qtbot.addWidget(inspector)
    dep = scene.data.dependencies[0]
    scene.set_selection((), [dep.id])
    assert inspector.current_page() is inspector.dependency_page
    agreed = inspector.dependency_page.bound["agreed"].widget
    agreed.setChecked(not dep.agreed)
    assert ctx.read(lambda s: s.get(Dependency, dep.id)).agreed == (not dep.agreed)
    scene.set_selection((), (), scene.data.stages[0][0])
    assert inspector.current_page() is inspector.stage_page
    scene.clear_selection()
    assert inspector.current_page() is inspector.journey_page
    name = inspector.journey_page.bound["name"].widget
    name.setText("Starting a business in Leeds")
    name.editingFinished.emit()
    assert ctx.read(lambda s: s.get(Journey, ctx.journey_id)).name == "Starting a business in Leeds"
    name.setText("")
    name.editingFinished.emit()  # an empty name is refused on the spot
    assert name.text() == "Starting a business in Leeds"


def test_a_new_journey_comes_with_stages_and_is_shown(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    navigator = Navigator(ctx)
    qtbot.addWidget(navigator)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Taking on an apprentice")
    journey_id = navigator.new_journey()
    assert journey_id and ctx.journey_id == journey_id
    stages = ctx.read(lambda s: s.scalars(select(Stage).where(Stage.journey_id == journey_id)).all())
    assert len(stages) == 3
    assert ctx.undo_stack.count() == 1
    names = [navigator.sections["journeys"].child(i).text(0) for i in range(navigator.sections["journeys"].childCount())]
    assert any(n.startswith("Taking on an apprentice") for n in names)
    community = ctx.read(lambda s: s.get(Journey, journey_id).community_id)
    assert create_journey(ctx, community, "Another") is not None


def test_editor_update_without_a_change_pushes_nothing(ctx: AppContext) -> None:
    editor = MapEditor(ctx)
    step_id = ctx.read(lambda s: s.scalars(select(Step.id)).first())
    title = step_row(ctx, step_id).title
    assert editor.update("steps", step_id, {"title": title}, {"title": title})
    assert ctx.undo_stack.count() == 0
