"""Insights: the report off the UI thread, findings by kind, clicking a finding, what-if, refresh after edits."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from servicecommunity.analysis import KINDS
from servicecommunity.models import Stage
from ui.commands import CreateCommand, push
from ui.insights import FindingsModel, InsightsPanel, group_findings


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
    groups = {g.key: len(g.findings) for g in panel.model.groups}
    assert groups == {k: n for k, n in report.counts.items() if n}
    first = panel.model.index(0, 0)
    group = panel.model.groups[0]
    assert panel.model.data(first) == f"{KINDS[group.key]} ({len(group.findings)})"
    assert [g.key for g in group_findings(report.findings)] == [g.key for g in panel.model.groups]
    assert "findings" in panel.status.text()


def test_clicking_a_finding_selects_it_on_the_map(qtbot: Any, ctx: Any, panel: InsightsPanel) -> None:
    group = next(g for g in panel.model.groups if any(f.step_ids for f in g.findings))
    row = next(i for i, f in enumerate(group.findings) if f.step_ids)
    with qtbot.waitSignal(ctx.selection_requested) as signal:
        finding = panel.select_finding(group.key, row)
    assert signal.args[0]["steps"] == list(finding.step_ids)
    assert signal.args[0]["dependencies"] == list(finding.dependency_ids)
    assert signal.args[0]["organisations"] == list(finding.organisation_ids)


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
