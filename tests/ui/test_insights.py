"""Insights: the report off the UI thread, findings by kind, clicking a finding, what-if, refresh after edits."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from servicecommunity.analysis import KINDS, Finding, act_first
from servicecommunity.domain.models import Stage
from ui.commands import CreateCommand, push
from ui.panels.insights import ACT_FIRST_KEY, BATCH, FindingsModel, InsightsPanel, group_findings


@pytest.fixture
def panel(qtbot: Any, ctx: Any) -> InsightsPanel:
    widget = InsightsPanel(ctx, debounce_ms=10)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.report_ready, timeout=20_000):
        widget.show()  # shown: it analyses
    return widget


def _count(panel: InsightsPanel, kind: str) -> int:
    return next((len(g.findings) for g in panel.model.groups if g.key == kind), 0)


def test_findings_model_passes_the_model_tester(qtmodeltester: Any, panel: InsightsPanel) -> None:
    model = FindingsModel()
    qtmodeltester.check(model, force_py=True)
    model.set_findings(panel.report.findings)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)


def test_findings_grouped_by_kind_with_counts(panel: InsightsPanel) -> None:
    report = panel.report
    assert report is not None and report.findings
    # "Act on these first" leads (and is open); then one group per kind, the most urgent first.
    lead, *kinds = panel.model.groups
    assert lead.key == ACT_FIRST_KEY and list(lead.findings) == act_first(report)
    assert panel.tree.isExpanded(panel.model.index(0, 0))
    groups = {g.key: len(g.findings) for g in kinds}
    assert groups == {k: n for k, n in report.counts.items() if n}
    assert [g.key for g in kinds] == [g["kind"] for g in report.groups()]
    second = panel.model.index(1, 0)
    assert panel.model.data(second) == f"{KINDS[kinds[0].key]} ({len(kinds[0].findings)})"
    assert [g.key for g in group_findings(report.findings, act_first(report))] == [g.key for g in panel.model.groups]
    assert "findings" in panel.status.text()


def test_blockers_are_listed_in_the_ranking_order(panel: InsightsPanel) -> None:
    group = next(g for g in panel.model.groups if g.key == "blocker.impact")
    assert [f.subject for f in group.findings] == [b.blocker_id for b in panel.report.blocker_ranking]


def test_the_detail_says_what_to_do_next(panel: InsightsPanel) -> None:
    finding = panel.select_finding("blocker.impact")
    assert finding is not None and finding.action
    assert f"Next: {finding.action}" in panel.detail.text()


def test_a_big_group_loads_its_rows_lazily(qtmodeltester: Any) -> None:
    many = [Finding("structure.dead_end", "high", f"Dead end {n}", str(n)) for n in range(BATCH * 2 + 5)]
    model = FindingsModel()
    model.set_findings(many)
    group = model.index(0, 0)
    assert model.data(group) == f"{KINDS['structure.dead_end']} ({len(many)})"  # the count is all of them
    assert model.rowCount(group) == BATCH and model.canFetchMore(group)
    model.fetchMore(group)
    assert model.rowCount(group) == BATCH * 2
    model.load_up_to(0, BATCH * 2 + 4)
    assert model.rowCount(group) == len(many) and not model.canFetchMore(group)
    qtmodeltester.check(model, force_py=True)


def test_clicking_a_finding_selects_it_on_the_map(qtbot: Any, ctx: Any, panel: InsightsPanel) -> None:
    group = next(g for g in panel.model.groups if any(f.step_ids for f in g.findings))
    row = next(i for i, f in enumerate(group.findings) if f.step_ids)
    with qtbot.waitSignal(ctx.selection_requested) as signal:
        finding = panel.select_finding(group.key, row)
    assert signal.args[0]["steps"] == list(finding.step_ids)
    assert signal.args[0]["dependencies"] == list(finding.dependency_ids)
    assert signal.args[0]["organisations"] == []  # the steps, not every card of the organisations to act


def test_a_blocker_finding_points_the_register_at_it(qtbot: Any, panel: InsightsPanel) -> None:
    with qtbot.waitSignal(panel.blocker_activated) as signal:
        finding = panel.select_finding("blocker.impact")
    assert signal.args == [finding.blocker_ids[0]]


def test_refreshed_after_an_edit_and_its_undo(qtbot: Any, ctx: Any, panel: InsightsPanel) -> None:
    before = _count(panel, "ownership.no_owner")
    stage = ctx.read(lambda s: s.scalars(select(Stage).where(Stage.journey_id == ctx.journey_id)).first().id)
    with qtbot.waitSignal(panel.report_ready, timeout=20_000):
        push(ctx, CreateCommand(ctx, "steps", {"journey_id": ctx.journey_id, "stage_id": stage, "title": "Nobody's step"}))
    assert _count(panel, "ownership.no_owner") == before + 1
    with qtbot.waitSignal(panel.report_ready, timeout=20_000):
        ctx.undo_stack.undo()
    assert _count(panel, "ownership.no_owner") == before


def test_cancelled_analysis_reports_nothing(qtbot: Any, panel: InsightsPanel) -> None:
    old = panel.report
    panel.refresh()
    panel.cancel()
    assert panel.runner.wait()
    assert panel.report is old
    assert "cancelled" in panel.status.text()


def test_what_if_resolving_a_blocker(qtbot: Any, panel: InsightsPanel) -> None:
    what_if = panel.what_if
    blocker = panel.report.blocker_ranking[0]
    assert what_if.choose("resolve_blocker", blocker.blocker_id)
    with qtbot.waitSignal(what_if.runner.succeeded, timeout=20_000):
        assert what_if.compare()
    result = what_if.result
    assert any(blocker.blocker_id in f.blocker_ids for f in result.removed)
    assert "resolved" in what_if.summary.text()
    assert what_if.model.rowCount() >= 1


def test_what_if_removing_an_organisation(qtbot: Any, ctx: Any, panel: InsightsPanel) -> None:
    what_if = panel.what_if
    org_id = next(iter(panel.data.organisations))
    assert what_if.choose("without_org", org_id)
    with qtbot.waitSignal(what_if.runner.succeeded, timeout=20_000):
        what_if.compare()
    assert what_if.result.scenario.scenario
    # A finding in the answer is clickable too.
    if what_if.model.rowCount():
        index = what_if.model.index(0, 0, what_if.model.index(0, 0))
        with qtbot.waitSignal(ctx.selection_requested):
            what_if.tree.clicked.emit(index)


def test_what_if_follows_the_map_selection(panel: InsightsPanel, ctx: Any) -> None:
    step_id = list(panel.data.steps)[3]
    panel.what_if.mode.setCurrentIndex(0)
    ctx.selection_changed.emit({"steps": [step_id], "dependencies": []})
    assert panel.what_if.target.currentData() == step_id
