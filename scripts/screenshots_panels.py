"""Render the desktop app's panels on the Starting a Business demo to ``docs/screenshots/<name>.png``.

The blocker register (and its form), organisations and members, insights with a what-if, the four
charts and the dependency graph (organisations, and the journey's steps). Headless (Qt's offscreen
platform), with a temporary workspace and settings, so it never touches the user's own.

Usage::

    python scripts/screenshots_panels.py                 # every view
    python scripts/screenshots_panels.py --out DIR       # somewhere else
    python scripts/screenshots_panels.py register charts-handoff-matrix   # only these

:data:`VIEWS` maps each name to a function that builds the view from an ``AppContext`` and returns
the widget and its size; ``scripts/screenshots.py`` can use it too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without an install
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "screenshots"


def _register(ctx: Any) -> tuple[Any, tuple[int, int]]:
    from ui.blockers import ANY_OPEN, BlockerRegister

    widget = BlockerRegister(ctx)
    widget.status_filter.setCurrentIndex(widget.status_filter.findData(ANY_OPEN))
    rows = [r for r in widget.model.rows() if r.status == "in_progress"] or widget.model.rows()
    widget.select_blocker(rows[0].id)
    return widget, (1500, 620)


def _blocker_form(ctx: Any) -> tuple[Any, tuple[int, int]]:
    from datetime import date, timedelta

    from servicecommunity.layout import load_map
    from ui.blockers import BlockerForm, BlockerRegister

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

    from servicecommunity.models import Organisation
    from ui.people import PeopleWidget

    widget = PeopleWidget(ctx)
    hmrc = ctx.read(lambda s: s.scalars(select(Organisation).where(Organisation.short_name == "HMRC")).first().id)
    widget.organisations.select(hmrc)
    return widget, (1200, 680)


def _insights(ctx: Any) -> tuple[Any, tuple[int, int]]:
    from ui.insights import InsightsPanel

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
        from ui import charts

        widget = getattr(charts, cls_name)(ctx)
        size = (1100, 820) if cls_name == "StepMeasuresChart" else (1000, 640)
        return widget, size

    return build


def _graph(mode: str) -> Callable[[Any], tuple[Any, tuple[int, int]]]:
    def build(ctx: Any) -> tuple[Any, tuple[int, int]]:
        from ui.graphview import GraphPanel

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


def demo_context() -> Any:
    """An AppContext on a temporary workspace holding the demo, on its journey."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("ServiceCommunityScreenshots")
    QCoreApplication.setApplicationName("ServiceCommunityScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())

    from servicecommunity.bundle import journey_by_name
    from servicecommunity.cli_core import load_demo
    from servicecommunity.store import open_store
    from ui.context import AppContext

    store = open_store(Path(tempfile.mkdtemp()) / "screenshots.sqlite")
    load_demo(store)
    ctx = AppContext(store)
    ctx.set_journey(ctx.read(lambda s: journey_by_name(s, "Starting a Business")).id)
    return ctx


def render(widget: Any, size: tuple[int, int], path: Path) -> Path:
    """Lay the widget out at ``size``, let it settle, and save what it shows."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    widget.resize(*size)
    widget.show()
    for _ in range(3):
        app.processEvents()
    for runner_name in ("runner",):
        runner = getattr(widget, runner_name, None)
        if runner is not None:
            runner.wait()
            app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"Could not write {path}.")
    widget.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"views to render (default: all): {', '.join(VIEWS)}")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs (default: docs/screenshots)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in VIEWS]
    if unknown:
        parser.error(f"unknown view(s): {', '.join(unknown)}; choose from {', '.join(VIEWS)}")

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = demo_context()
    for name in args.names or list(VIEWS):
        widget, size = VIEWS[name](ctx)
        path = render(widget, size, args.out / f"{name}.png")
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        widget.deleteLater()
        app.processEvents()
    ctx.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
