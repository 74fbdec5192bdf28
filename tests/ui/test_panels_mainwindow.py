"""The panels inside the real main window: the map, the register, insights and the graph in step."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from servicecommunity.analysis.layout import load_map
from ui.mainwindow import MainWindow
from ui.panels.blockers import BlockerForm, StatusDialog


def _answer(title: str) -> Any:
    def ask(parent: Any, choices: Any, initial: Any = None, **_kw: Any) -> dict[str, Any]:
        return {
            "title": title, "description": "", "category": "data_sharing", "severity": "critical",
            "classification": "OFFICIAL", "owner_id": initial.get("owner_id"), "blocking_organisation_ids": [],
            "raised_on": date.today(), "due_on": None, "standard_points": [],
            "step_ids": list(initial.get("step_ids", [])), "dependency_ids": list(initial.get("dependency_ids", [])),
        }

    return ask


def _badge(window: Any, step_id: str) -> tuple[int, int]:
    """The card's badge as the map shows it, and as the core computes it."""
    shown = window.scene.steps[step_id].blocker_count
    stored = next(s.blocker_count for s in window.ctx.read(lambda s: load_map(s, window.ctx.journey_id)).steps
                  if s.id == step_id)
    return shown, stored


def test_the_window_installs_the_panels(main_window: Any) -> None:
    assert isinstance(main_window, MainWindow)
    panels = main_window.panels
    assert panels is not None
    assert {"BlockersDock", "ChartsDock", "InsightsDock", "GraphDock"} <= set(main_window.docks)
    assert "community" in main_window.menus
    assert panels.actions["raise_blocker"] is main_window.actions["add_blocker"]


def test_raise_a_blocker_on_a_card_then_register_badge_and_undo(main_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window, ctx = main_window, main_window.ctx
    register = window.panels.register
    register.status_filter.setCurrentIndex(register.status_filter.findData(None))
    step_id = next(s.id for s in window.scene.data.steps if s.blocker_count == 0)
    window.scene.set_selection([step_id])
    monkeypatch.setattr(BlockerForm, "ask", _answer("Nobody can see the new company"))

    window.actions["add_blocker"].trigger()  # Edit > Add blocker, as from the map

    row = register.current_row()
    assert row is not None and row.title == "Nobody can see the new company" and row.step_ids == (step_id,)
    assert _badge(window, step_id) == (1, 1)
    assert window.scene.steps[step_id].worst_severity == "critical"
    assert window.panels.docks["blockers"].isVisible()

    # Resolving it takes the badge off; the history shows the change.
    monkeypatch.setattr(StatusDialog, "ask", lambda parent, current: ("resolved", "Agreed a gateway"))
    assert register.change_status(row.id)
    assert _badge(window, step_id) == (0, 0)
    assert register.history.model.rows()[-1].text.endswith("Agreed a gateway")

    ctx.undo_stack.undo()  # the status change
    assert _badge(window, step_id) == (1, 1)
    ctx.undo_stack.undo()  # the blocker
    assert _badge(window, step_id) == (0, 0)
    assert register.model.row_of(row.id) == -1
    ctx.undo_stack.redo()
    assert _badge(window, step_id) == (1, 1)
    assert register.model.row_of(row.id) >= 0


def test_raise_from_the_map_signal(main_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window, ctx = main_window, main_window.ctx
    dep = next(d for d in window.scene.data.dependencies if not d.blocked)
    monkeypatch.setattr(BlockerForm, "ask", _answer("Hand-off by post"))
    before = _badge(window, dep.to_step_id)
    ctx.raise_blocker_requested.emit({"step_ids": [], "dependency_ids": [dep.id]})
    row = window.panels.register.current_row()
    assert row.dependency_ids == (dep.id,)
    assert _badge(window, dep.to_step_id)[0] == before[0] + 1
    assert next(d for d in window.scene.data.dependencies if d.id == dep.id).blocked


def test_clicking_a_finding_selects_it_on_the_map(qtbot: Any, main_window: Any) -> None:
    window = main_window
    insights = window.panels.insights
    window.panels.docks["insights"].show()
    window.panels.docks["insights"].raise_()
    if insights.report is None or insights.busy:
        with qtbot.waitSignal(insights.report_ready, timeout=20_000):
            insights.refresh()
    group = next(g for g in insights.model.groups if g.key == "ownership.no_owner")
    finding = insights.select_finding(group.key, 0)
    assert window.scene.selected_steps == list(finding.step_ids)
    dead_end = insights.select_finding("structure.dead_end", 0)
    assert window.scene.selected_steps == list(dead_end.step_ids)


def test_clicking_a_graph_node_selects_its_cards(qtbot: Any, main_window: Any) -> None:
    window = main_window
    graph = window.panels.graph
    window.panels.docks["graph"].show()
    window.panels.docks["graph"].raise_()
    if not graph.nodes:
        with qtbot.waitSignal(graph.graph_ready, timeout=20_000):
            graph.refresh()
    org_id = next(iter(graph.nodes))
    graph.click_node(org_id)
    owned = [s.id for s in window.scene.data.steps if s.owner_id == org_id]
    assert owned and sorted(window.scene.selected_steps) == sorted(owned)
