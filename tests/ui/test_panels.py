"""ui.panels.install: docks, the Community menu, the member in the status bar, panels wired together.

Uses a small stand-in window with the interface MainWindow offers (``ctx``, ``menus``,
``add_dock``, ``status_bar``), so it runs whether or not the real window is there; the real one is
tested in test_panels_mainwindow.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget
from sqlalchemy import select

from servicecommunity.analysis.layout import load_map
from servicecommunity.domain.models import Member
from ui import panels as panels_mod
from ui.panels.blockers import BlockerForm
from ui.panels.people import PeopleDialog, WhoAmIDialog


class StandInWindow(QMainWindow):
    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.menus = {name: self.menuBar().addMenu(name.title()) for name in ("file", "edit", "view", "help")}
        self.status_bar = self.statusBar()

    def add_dock(self, widget: QWidget, title: str, area: Qt.DockWidgetArea, object_name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock


@pytest.fixture
def window(qtbot: Any, ctx: Any) -> StandInWindow:
    win = StandInWindow(ctx)
    qtbot.addWidget(win)
    panels_mod.install(win, ctx)
    win.resize(1400, 900)
    win.show()
    yield win
    win.panels.insights.runner.wait()
    win.panels.graph.runner.wait()


def test_install_docks_every_panel_and_adds_menus(window: StandInWindow) -> None:
    panels = window.panels
    assert set(panels.docks) == {"blockers", "charts", "insights", "graph", "outline"}
    assert {d.objectName() for d in panels.docks.values()} == {
        "BlockersDock", "ChartsDock", "InsightsDock", "GraphDock", "OutlineDock"}
    community = window.menus["community"]
    texts = [a.text() for a in community.actions() if not a.isSeparator()]
    assert "&Who am I…" in texts and "&Organisations and members…" in texts and "&Raise blocker…" in texts
    bar_titles = [a.text() for a in window.menuBar().actions()]
    assert bar_titles.index("&Community") < bar_titles.index("Help")
    view_texts = [a.text() for a in window.menus["view"].actions()]
    assert "Blockers" in view_texts and "Dependency graph" in view_texts


def test_who_am_i_from_the_menu_updates_the_status(ctx: Any, window: StandInWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    status = window.panels.member_status
    assert "Who are you?" in status.text()
    member = ctx.read(lambda s: s.scalars(select(Member).order_by(Member.name)).first())
    monkeypatch.setattr(WhoAmIDialog, "ask", lambda parent, members, current: member.id)
    window.panels.actions["who_am_i"].trigger()
    assert ctx.member_id == member.id
    assert member.name in status.text()


def test_people_dialog_opens_once(window: StandInWindow) -> None:
    window.panels.actions["people"].trigger()
    first = window.panels.people_dialog
    assert isinstance(first, PeopleDialog) and first.isVisible()
    window.panels.actions["people"].trigger()
    assert window.panels.people_dialog is first
    first.close()


def test_raise_blocker_action_links_the_map_selection(ctx: Any, window: StandInWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    step_id = ctx.read(lambda s: load_map(s, ctx.journey_id)).steps[2].id
    ctx.selection_changed.emit({"steps": [step_id], "dependencies": []})
    seen: dict[str, Any] = {}

    def ask(parent: Any, choices: Any, initial: Any = None, **_kw: Any) -> None:
        seen.update(initial)

    monkeypatch.setattr(BlockerForm, "ask", ask)
    window.panels.actions["raise_blocker"].trigger()
    assert seen["step_ids"] == [step_id]


def test_a_blocker_finding_selects_it_in_the_register(qtbot: Any, window: StandInWindow) -> None:
    insights = window.panels.insights
    if insights.report is None:
        with qtbot.waitSignal(insights.report_ready, timeout=20_000):
            insights.refresh()
    finding = insights.select_finding("blocker.impact")
    assert window.panels.register.current_id() == finding.blocker_ids[0]
