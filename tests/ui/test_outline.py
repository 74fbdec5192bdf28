"""The journey outline (issue 16): the map as a tree a screen reader walks, in step with the map's
selection both ways, where a keyboard user renames a step, raises a blocker on it and opens it in
the inspector. The expected text is written by hand from the demo bundle."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication

from servicecommunity.domain.models import Step
from ui.context import AppContext
from ui.map.view import JourneyMapView
from ui.panels.outline import ROLE_ID, ROLE_KIND, OutlinePanel

COMPANY = "Register a private limited company"
COMPANY_DESCRIPTION = (
    "Step 5 of 6 in stage 2, \u2018Choose a structure and register\u2019. "
    "Owner: Companies House. "
    "Channels: online and paper. "
    "3 open blockers, the worst critical. "
    "Hand-offs in: from \u2018Verify your identity as a director\u2019 (Companies House, blocked). "
    "Hand-offs out: to \u2018Open a business bank account\u2019 (no owner yet); "
    "to \u2018Receive the company's Unique Taxpayer Reference by post\u2019 (HM Revenue & Customs, blocked); "
    "to \u2018Register the food business with the council\u2019 (Leeds City Council, not agreed, blocked); "
    "to \u2018File the first confirmation statement\u2019 (Companies House).")


@pytest.fixture
def outline(qtbot: Any, ctx: AppContext) -> OutlinePanel:
    panel = OutlinePanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def view(qtbot: Any, ctx: AppContext) -> JourneyMapView:
    widget = JourneyMapView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _current(panel: OutlinePanel) -> tuple[str, str]:
    index = panel.tree.currentIndex()
    return str(index.data(ROLE_KIND)), str(index.data(Qt.ItemDataRole.DisplayRole))


def _row_of(panel: OutlinePanel, title: str) -> QModelIndex:
    model = panel.model
    for s in range(model.rowCount()):
        stage = model.index(s, 0)
        for r in range(model.rowCount(stage)):
            index = model.index(r, 0, stage)
            if index.data(Qt.ItemDataRole.DisplayRole) == title:
                return index
    raise AssertionError(f"no row for {title!r}")


def _step_id(ctx: AppContext, title: str) -> str:
    from sqlalchemy import select

    return str(ctx.read(lambda s: s.scalars(select(Step.id).where(Step.title == title)).one()))


def test_the_arrow_keys_walk_stages_then_their_steps(qtbot: Any, outline: OutlinePanel) -> None:
    tree = outline.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Home)
    walked = [_current(outline)]
    for _ in range(5):
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        walked.append(_current(outline))
    assert walked == [
        ("stage", "Stage 1: Check you can do it"),
        ("step", "Read 'Set up a business' and work out what applies"),
        ("step", "Check how starting a business affects Universal Credit"),
        ("step", "Find business support and finance"),
        ("step", "Apply for a Start Up Loan"),
        ("stage", "Stage 2: Choose a structure and register"),
    ]
    # the stage says what it holds; Left folds it and Right opens it again
    stage = tree.currentIndex()
    assert stage.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Stage 2 of 6, 6 steps, 4 with open blockers."
    qtbot.keyClick(tree, Qt.Key.Key_Left)
    assert not tree.isExpanded(stage)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.isExpanded(stage)
    # the tree itself is named and says how to use it; Tab leaves it
    assert tree.accessibleName() == "Outline of the journey Starting a Business"
    assert "F2 renames a step" in tree.accessibleDescription()
    assert not tree.tabKeyNavigation()


def test_a_steps_row_says_everything_its_card_shows(outline: OutlinePanel) -> None:
    index = _row_of(outline, COMPANY)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Register a private limited company, Companies House"
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == COMPANY_DESCRIPTION
    cells = [index.siblingAtColumn(c) for c in range(6)]
    assert [c.data(Qt.ItemDataRole.DisplayRole) for c in cells[1:4]] == ["Companies House", "Online and paper", "3 (worst critical)"]
    assert [c.data(Qt.ItemDataRole.AccessibleTextRole) for c in cells[1:4]] == [
        "Owner: Companies House", "Channels: online and paper", "3 open blockers, the worst critical"]
    assert cells[4].data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Hand-offs in: from \u2018Verify your identity as a director\u2019 (Companies House, blocked)")
    # every cell of every row has a name
    model = outline.model
    for s in range(model.rowCount()):
        stage = model.index(s, 0)
        assert stage.data(Qt.ItemDataRole.AccessibleTextRole)
        for r in range(model.rowCount(stage)):
            for c in range(model.columnCount()):
                assert model.index(r, c, stage).data(Qt.ItemDataRole.AccessibleTextRole)


def test_assistive_technology_reads_the_row_through_qt_accessibility(outline: OutlinePanel) -> None:
    """What a screen reader is told: each cell's role, name and description, through Qt's accessibility."""
    iface = QAccessible.queryAccessibleInterface(outline.tree)
    assert iface is not None and iface.role() == QAccessible.Role.Tree
    assert iface.text(QAccessible.Text.Name) == "Outline of the journey Starting a Business"
    cells = [iface.child(i) for i in range(iface.childCount())]
    items = [c for c in cells if c.role() == QAccessible.Role.TreeItem]
    names = [c.text(QAccessible.Text.Name) for c in items]
    assert names[0] == "Stage 1: Check you can do it"
    row = names.index("Register a private limited company, Companies House")
    assert items[row].text(QAccessible.Text.Description) == COMPANY_DESCRIPTION
    assert names[row + 1:row + 4] == ["Owner: Companies House", "Channels: online and paper",
                                      "3 open blockers, the worst critical"]
    assert all(names)  # no cell without a name


def test_choosing_a_row_selects_and_centres_its_card_and_the_map_selects_the_row(
        qtbot: Any, ctx: AppContext, outline: OutlinePanel, view: JourneyMapView) -> None:
    scene = view.map_scene
    company = _step_id(ctx, COMPANY)
    # outline -> map: moving onto the row with the keyboard selects the card and brings it into view
    view.set_zoom(2.0)
    view.centerOn(0, 0)
    tree = outline.tree
    tree.setFocus()
    tree.setCurrentIndex(_row_of(outline, "Verify your identity as a director"))
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert _current(outline) == ("step", COMPANY)
    assert scene.selected_steps == [company]
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.intersects(scene.bounds([company]))
    # map -> outline: selecting a card on the map selects its row (and asks the map nothing back)
    asked: list[Any] = []
    ctx.selection_requested.connect(asked.append)
    licence = _step_id(ctx, "Apply for a premises licence to sell alcohol")
    scene.set_selection([licence], current=licence)
    assert _current(outline) == ("step", "Apply for a premises licence to sell alcohol")
    assert [i.data(ROLE_ID) for i in tree.selectionModel().selectedRows(0)] == [licence]
    assert asked == []
    # a stage chosen in the outline is the stage chosen on the map
    tree.setCurrentIndex(outline.model.index(2, 0))
    assert scene.selected_stage == outline.model.index(2, 0).data(ROLE_ID)


def test_f2_renames_the_step_as_one_undo_entry(qtbot: Any, ctx: AppContext, outline: OutlinePanel) -> None:
    tree = outline.tree
    tree.setFocus()
    tree.setCurrentIndex(_row_of(outline, COMPANY))
    before = ctx.undo_stack.count()
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    assert tree.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    editor.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(editor, "Incorporate the company")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tree.state() != QAbstractItemView.State.EditingState)  # the delegate commits queued
    company = _step_id(ctx, "Incorporate the company")
    assert ctx.undo_stack.count() == before + 1
    assert ctx.undo_stack.text(ctx.undo_stack.index() - 1) == "Change step title"
    assert _current(outline) == ("step", "Incorporate the company")  # re-read, still the current row
    ctx.undo_stack.undo()
    assert ctx.read(lambda s: s.get(Step, company)).title == COMPANY
    assert _row_of(outline, COMPANY).isValid()


def test_ctrl_b_raises_a_blocker_and_enter_opens_the_inspector(qtbot: Any, ctx: AppContext, outline: OutlinePanel) -> None:
    raised: list[Any] = []
    inspected: list[Any] = []
    ctx.raise_blocker_requested.connect(raised.append)
    outline.inspect_requested.connect(lambda section, rid: inspected.append((section, rid)))
    tree = outline.tree
    tree.setFocus()
    tree.setCurrentIndex(_row_of(outline, COMPANY))
    company = _step_id(ctx, COMPANY)
    qtbot.keyClick(tree, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert raised == [{"step_ids": [company], "dependency_ids": []}]
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert inspected == [("steps", company)]
    menu = outline.context_menu(tree.currentIndex())
    assert [a.text() for a in menu.actions()] == [
        "Rename step", "Raise a blocker on this step…", "Open in the inspector", "Show on the map"]
    menu.deleteLater()


def test_the_outline_follows_changes_and_waits_while_hidden(qtbot: Any, ctx: AppContext, outline: OutlinePanel) -> None:
    from servicecommunity import services

    licence = _step_id(ctx, "Apply for a premises licence to sell alcohol")
    ctx.run(services.update, "steps", licence, data={"channels": ["paper"]})
    assert _row_of(outline, "Apply for a premises licence to sell alcohol").siblingAtColumn(2).data() == "Paper"
    outline.hide()
    ctx.run(services.update, "steps", licence, data={"title": "Apply for an alcohol licence"})
    assert outline._dirty  # not read while nobody sees it
    outline.show()
    assert _row_of(outline, "Apply for an alcohol licence").isValid()


def test_the_window_docks_the_outline_with_a_key_to_go_there_and_f2_stays_in_it(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    panels = window.panels
    dock = panels.docks["outline"]
    assert dock.windowTitle() == "Journey outline"
    go = panels.actions["go_to_outline"]
    assert go.shortcut().toString() == "Ctrl+Shift+L"
    assert go in window.menus["view"].actions()
    titles = [a.text().replace("&", "") for _menu, a in window.all_actions()]
    assert "Go to the journey outline" in titles  # listed in Help > Keyboard shortcuts
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.canvas_view.setFocus()
    qtbot.keyClick(window.canvas_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    tree = panels.outline.tree
    assert dock.isVisible() and tree.hasFocus()
    tree.setCurrentIndex(_row_of(panels.outline, COMPANY))
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    assert tree.state() == QAbstractItemView.State.EditingState  # not the map's in-place editor
    assert window.canvas_view._editor_widget is None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    # Enter opens the step in the inspector, with focus in its first field
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.docks["InspectorDock"].isVisible()
    assert window.inspector.isAncestorOf(QApplication.focusWidget())
