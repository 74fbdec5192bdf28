"""The dependency graph view: organisation and step graphs, layout, blocked edges, click to select."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from servicecommunity.analysis.layout import load_map
from servicecommunity.domain.models import Stage
from ui.commands import CreateCommand, push
from ui.panels.graph import ORGANISATIONS, STEPS, GraphPanel


@pytest.fixture
def panel(qtbot: Any, ctx: Any) -> GraphPanel:
    widget = GraphPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    with qtbot.waitSignal(widget.graph_ready, timeout=20_000):
        widget.show()
    return widget


def _switch(qtbot: Any, panel: GraphPanel, mode: str) -> None:
    with qtbot.waitSignal(panel.graph_ready, timeout=20_000):
        panel.set_mode(mode)


def test_organisation_graph_sizes_and_blocked_edges(ctx: Any, panel: GraphPanel) -> None:
    data = ctx.read(lambda s: load_map(s, ctx.journey_id))
    owners = {s.owner_id for s in data.steps if s.owner_id}
    assert owners <= set(panel.nodes)
    owned = {o: sum(1 for s in data.steps if s.owner_id == o) for o in owners}
    biggest = max(owned, key=owned.__getitem__)
    smallest = min(owned, key=owned.__getitem__)
    assert panel.nodes[biggest].spec.radius > panel.nodes[smallest].spec.radius
    blocked = [e for e in panel.edges if e.spec.blocked]
    assert blocked
    assert all(e.pen().style() == Qt.PenStyle.DashLine for e in blocked)
    assert all("✕" in e.spec.label for e in blocked)  # marked in text, not by colour alone
    heavy = max(panel.edges, key=lambda e: e.spec.width)
    light = min(panel.edges, key=lambda e: e.spec.width)
    assert heavy.pen().widthF() > light.pen().widthF()


def test_layout_is_the_same_every_time(qtbot: Any, panel: GraphPanel) -> None:
    first = {n: (i.spec.x, i.spec.y) for n, i in panel.nodes.items()}
    with qtbot.waitSignal(panel.graph_ready, timeout=20_000):
        panel.refresh()
    assert {n: (i.spec.x, i.spec.y) for n, i in panel.nodes.items()} == first


def test_step_graph_keeps_stages_left_to_right(qtbot: Any, ctx: Any, panel: GraphPanel) -> None:
    _switch(qtbot, panel, STEPS)
    data = ctx.read(lambda s: load_map(s, ctx.journey_id))
    assert set(panel.nodes) == {s.id for s in data.steps}
    rank = {sid: i for i, (sid, _n) in enumerate(data.stages)}
    xs: dict[int, set[float]] = {}
    for step in data.steps:
        xs.setdefault(rank[step.stage_id], set()).add(round(panel.nodes[step.id].spec.x, 3))
    assert all(len(v) == 1 for v in xs.values())  # one column per stage
    columns = [next(iter(xs[k])) for k in sorted(xs)]
    assert columns == sorted(columns) and len(set(columns)) == len(columns)
    assert [name for name, _x in panel.layout_data.columns] == [name for _id, name in data.stages]


def test_clicking_a_node_selects_it_on_the_map(qtbot: Any, ctx: Any, panel: GraphPanel) -> None:
    org_id, item = next(iter(panel.nodes.items()))
    point = panel.view.mapFromScene(item.scenePos())
    with qtbot.waitSignal(ctx.selection_requested) as signal:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    assert signal.args[0]["organisations"] == [org_id]
    _switch(qtbot, panel, STEPS)
    step_id = next(iter(panel.nodes))
    with qtbot.waitSignal(ctx.selection_requested) as signal:
        panel.click_node(step_id)
    assert signal.args[0]["steps"] == [step_id]


def test_redrawn_after_a_change_and_undo(qtbot: Any, ctx: Any, panel: GraphPanel) -> None:
    _switch(qtbot, panel, STEPS)
    before = len(panel.nodes)
    stage = ctx.read(lambda s: s.scalars(select(Stage).where(Stage.journey_id == ctx.journey_id)).first().id)
    with qtbot.waitSignal(panel.graph_ready, timeout=20_000):
        push(ctx, CreateCommand(ctx, "steps", {"journey_id": ctx.journey_id, "stage_id": stage, "title": "New step"}))
    assert len(panel.nodes) == before + 1
    with qtbot.waitSignal(panel.graph_ready, timeout=20_000):
        ctx.undo_stack.undo()
    assert len(panel.nodes) == before


def test_map_selection_highlights_steps(qtbot: Any, ctx: Any, panel: GraphPanel) -> None:
    _switch(qtbot, panel, STEPS)
    step_id = next(iter(panel.nodes))
    ctx.selection_changed.emit({"steps": [step_id], "dependencies": []})
    assert panel.nodes[step_id].pen().widthF() > 2
    assert panel.current_mode() == STEPS
    panel.set_mode(ORGANISATIONS)


def test_labels_too_small_to_read_are_not_drawn(panel: GraphPanel) -> None:
    """Zoomed far out the labels are hidden (text is most of the painting); zoomed back in they return."""
    view = panel.view
    node = next(iter(panel.nodes.values()))
    assert view.labels_shown() and node.label.isVisible()
    view.resetTransform()
    view.scale(0.05, 0.05)
    view.show_readable_labels()
    assert not view.labels_shown() and not node.label.isVisible()
    assert all(not i.isVisible() for e in panel.edges for i in e.label_items)
    assert node.toolTip()  # the name is still there on hover
    view.fit()
    assert view.labels_shown() and node.label.isVisible()


def test_map_selection_rings_the_owning_organisations(ctx: Any, panel: GraphPanel) -> None:
    """In the organisation graph, a step selected on the map rings its owner; a hand-off rings both ends."""
    data = ctx.read(lambda s: load_map(s, ctx.journey_id))
    step = next(s for s in data.steps if s.owner_id in panel.nodes)
    ctx.selection_changed.emit({"steps": [step.id], "dependencies": []})
    ringed = {n for n, item in panel.nodes.items() if item.pen().widthF() > 2}
    assert ringed == {step.owner_id}
    edge = next(e for e in panel.edges if e.spec.dependency_ids and e.spec.source != e.spec.target)
    ctx.selection_changed.emit({"steps": [], "dependencies": [edge.spec.dependency_ids[0]]})
    ringed = {n for n, item in panel.nodes.items() if item.pen().widthF() > 2}
    assert ringed == {edge.spec.source, edge.spec.target}
    ctx.selection_changed.emit({"steps": [], "dependencies": []})
    assert not any(item.pen().widthF() > 2 for item in panel.nodes.values())


def test_the_selection_stays_ringed_when_the_graph_is_drawn_again(qtbot: Any, ctx: Any, panel: GraphPanel) -> None:
    _switch(qtbot, panel, STEPS)
    step_id = next(iter(panel.nodes))
    ctx.selection_changed.emit({"steps": [step_id], "dependencies": []})
    with qtbot.waitSignal(panel.graph_ready, timeout=20_000):
        panel.refresh()
    assert panel.nodes[step_id].pen().widthF() > 2
    panel.set_mode(ORGANISATIONS)
