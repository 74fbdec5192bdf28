"""Charts: the numbers they draw, staying in step with changes and undo, and PNG export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from sqlalchemy import select

from servicecommunity.analysis.layout import load_map
from servicecommunity.domain.enums import OPEN_STATUSES
from servicecommunity.domain.models import Blocker
from ui.commands import BlockerHistoryCommand, CreateCommand, push
from ui.panels import charts as charts_mod
from ui.panels.charts import (
    BlockersByOrganisationChart,
    BlockerTrendChart,
    ChartsPanel,
    HandoffMatrixChart,
    StepMeasuresChart,
)


def _open_blockers(ctx: Any) -> int:
    return ctx.read(lambda s: len(s.scalars(select(Blocker).where(Blocker.status.in_(OPEN_STATUSES))).all()))


def test_blockers_by_organisation_counts_every_open_blocker(qtbot: Any, ctx: Any) -> None:
    chart = BlockersByOrganisationChart(ctx)
    qtbot.addWidget(chart)
    data = chart.data
    assert sum(data.totals()) == _open_blockers(ctx)
    assert data.totals() == sorted(data.totals(), reverse=True)
    assert "HMRC" in data.labels


def test_charts_follow_a_new_blocker_and_its_undo(qtbot: Any, ctx: Any) -> None:
    panel = ChartsPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    bars = panel.chart(BlockersByOrganisationChart)
    trend = panel.chart(BlockerTrendChart)
    before = sum(bars.data.totals())
    raised_before = sum(trend.data.raised)
    community = ctx.read(lambda s: s.scalars(select(Blocker.community_id)).first())
    blocker_id = push(ctx, CreateCommand(ctx, "blockers", {"community_id": community, "title": "A new blocker",
                                                           "severity": "critical"}))
    assert sum(bars.data.totals()) == before + 1
    trend.refresh()  # hidden in its tab: it refreshes when shown
    assert sum(trend.data.raised) == raised_before + 1
    push(ctx, BlockerHistoryCommand(ctx, blocker_id, status="resolved"))
    assert sum(bars.data.totals()) == before
    ctx.undo_stack.undo()
    assert sum(bars.data.totals()) == before + 1
    ctx.undo_stack.undo()
    assert sum(bars.data.totals()) == before


def test_hidden_chart_refreshes_when_shown(qtbot: Any, ctx: Any) -> None:
    panel = ChartsPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    trend = panel.chart(BlockerTrendChart)
    assert not trend.isVisible()
    raised = sum(trend.data.raised)
    community = ctx.read(lambda s: s.scalars(select(Blocker.community_id)).first())
    push(ctx, CreateCommand(ctx, "blockers", {"community_id": community, "title": "Another"}))
    assert sum(trend.data.raised) == raised  # not redrawn while hidden
    panel.tabs.setCurrentWidget(trend)
    assert sum(trend.data.raised) == raised + 1


def test_trend_open_count_matches_the_register(qtbot: Any, ctx: Any) -> None:
    chart = BlockerTrendChart(ctx)
    qtbot.addWidget(chart)
    assert chart.data.open_at_end[-1] == _open_blockers(ctx)
    assert sum(chart.data.raised) == ctx.read(lambda s: len(s.scalars(select(Blocker)).all()))


def test_step_measures_follow_the_journey_order(qtbot: Any, ctx: Any) -> None:
    chart = StepMeasuresChart(ctx)
    qtbot.addWidget(chart)
    data = ctx.read(lambda s: load_map(s, ctx.journey_id))
    assert chart.data.step_ids == [s.id for s in data.steps]
    assert [name for name, _a, _b in chart.data.stages] == [name for _id, name in data.stages]
    assert set(chart.data.values) == {"monthly_volume", "cost_per_transaction", "user_satisfaction",
                                      "completion_rate", "digital_take_up"}


def test_handoff_matrix_counts_cross_organisation_dependencies(qtbot: Any, ctx: Any) -> None:
    chart = HandoffMatrixChart(ctx)
    qtbot.addWidget(chart)
    data = ctx.read(lambda s: load_map(s, ctx.journey_id))
    assert chart.data.total() == sum(1 for d in data.dependencies if d.crosses_org)
    n = len(chart.data.labels)
    assert all(chart.data.counts[i][i] == 0 for i in range(n))


@pytest.mark.parametrize("index", range(4))
def test_export_png(qtbot: Any, ctx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index: int) -> None:
    panel = ChartsPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    panel.tabs.setCurrentIndex(index)
    target = tmp_path / "chart.png"
    monkeypatch.setattr(charts_mod, "ask_png_path", lambda parent, suggested: str(target))
    assert panel.export_current() == target
    image = QImage(str(target))
    assert not image.isNull() and image.width() > 400


def test_export_cancelled(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    panel = ChartsPanel(ctx)
    qtbot.addWidget(panel)
    monkeypatch.setattr(charts_mod, "ask_png_path", lambda parent, suggested: None)
    assert panel.export_current() is None
