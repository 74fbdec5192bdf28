"""The desktop app's panels on the Starting a Business demo as screenshot views for ``scripts/screenshots.py``.

The blocker register (and its form), organisations and members, insights with a what-if, the four
charts and the dependency graph (organisations, and the journey's steps). Headless (Qt's offscreen
platform), with a temporary workspace and settings, so it never touches the user's own.

:data:`VIEWS` maps each name to a function that builds the view from an ``AppContext`` and returns
the widget and its size. ``scripts/screenshots.py`` renders them with the window's own views
(``python scripts/screenshots.py blocker-register chart-handoff-matrix`` for only some).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without an install
    sys.path.insert(0, str(ROOT))



def _register(ctx: Any) -> tuple[Any, tuple[int, int]]:
    from ui.panels.blockers import ANY_OPEN, BlockerRegister

    widget = BlockerRegister(ctx)
    widget.status_filter.setCurrentIndex(widget.status_filter.findData(ANY_OPEN))
    rows = [r for r in widget.model.rows() if r.status == "in_progress"] or widget.model.rows()
    widget.select_blocker(rows[0].id)
    return widget, (1500, 620)


def _blocker_form(ctx: Any) -> tuple[Any, tuple[int, int]]:
    from datetime import date, timedelta

    from servicecommunity.analysis.layout import load_map
    from ui.panels.blockers import BlockerForm, BlockerRegister

    register = BlockerRegister(ctx)
    step = ctx.read(lambda s: load_map(s, ctx.journey_id)).steps[10]
    initial = {"title": "HMRC cannot tell councils a business has registered", "category": "data_sharing",
               "severity": "high", "step_ids": [step.id], "raised_on": date.today(),
               "due_on": date.today() + timedelta(days=90), "standard_points": [2, 3],
               "owner_id": step.owner_id, "description": "Councils ask the owner again for details HMRC holds."}
    form = BlockerForm(register.choices([step.id]), initial, title="Raise a blocker")
    form._keep = register  # type: ignore[attr-defined]
    return form, (620, 780)


def _people(ctx: Any) -> tuple[Any, tuple[int, int]]:
    from sqlalchemy import select

    from servicecommunity.domain.models import Organisation
    from ui.panels.people import PeopleWidget

    widget = PeopleWidget(ctx)
    hmrc = ctx.read(lambda s: s.scalars(select(Organisation).where(Organisation.short_name == "HMRC")).first().id)
    widget.organisations.select(hmrc)
    return widget, (1200, 680)


def _insights(ctx: Any) -> tuple[Any, tuple[int, int]]:
    from ui.panels.insights import InsightsPanel

    widget = InsightsPanel(ctx)
    widget.refresh()
    widget.runner.wait()
    if widget.report and widget.report.blocker_ranking:
        widget.what_if.choose("resolve_blocker", widget.report.blocker_ranking[0].blocker_id)
        widget.what_if.compare()
        widget.what_if.runner.wait()
    return widget, (980, 860)


def _chart(cls_name: str) -> Callable[[Any], tuple[Any, tuple[int, int]]]:
    def build(ctx: Any) -> tuple[Any, tuple[int, int]]:
        from ui.panels import charts

        widget = getattr(charts, cls_name)(ctx)
        size = (1100, 820) if cls_name == "StepMeasuresChart" else (1000, 640)
        return widget, size

    return build


def _graph(mode: str) -> Callable[[Any], tuple[Any, tuple[int, int]]]:
    def build(ctx: Any) -> tuple[Any, tuple[int, int]]:
        from ui.panels.graph import GraphPanel

        widget = GraphPanel(ctx, mode=mode)
        widget.refresh()
        widget.runner.wait()
        return widget, (1100, 760) if mode == "organisations" else (1500, 860)

    return build


def _window(ctx: Any) -> tuple[Any, tuple[int, int]]:
    """The main window with the panels docked: the register below the map, insights beside it."""
    from ui.mainwindow import MainWindow

    window = MainWindow(ctx)
    panels = window.panels
    for name in ("blockers", "insights"):
        panels.docks[name].show()
        panels.docks[name].raise_()
    register = panels.register
    rows = [r for r in register.model.rows() if r.status == "in_progress"] or register.model.rows()
    register.select_blocker(rows[0].id)
    panels.insights.refresh()
    panels.insights.runner.wait()
    window._keep = panels  # type: ignore[attr-defined]
    return window, (1700, 1050)


VIEWS: dict[str, Callable[[Any], tuple[Any, tuple[int, int]]]] = {
    "window-with-panels": _window,
    "blocker-register": _register,
    "blocker-form": _blocker_form,
    "organisations-and-members": _people,
    "insights": _insights,
    "chart-blockers-by-organisation": _chart("BlockersByOrganisationChart"),
    "chart-blockers-over-time": _chart("BlockerTrendChart"),
    "chart-step-measures": _chart("StepMeasuresChart"),
    "chart-handoff-matrix": _chart("HandoffMatrixChart"),
    "graph-organisations": _graph("organisations"),
    "graph-steps": _graph("steps"),
}
