"""The main window driven as a facilitator would: keyboard, mouse drags, undo and redo, reopening."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from sqlalchemy import select

from servicecommunity.domain.errors import StoreError
from servicecommunity.domain.models import Dependency, Organisation, Step
from servicecommunity.store.workspace import open_store
from ui import app as uiapp
from ui import dialogs, mainwindow
from ui.mainwindow import MainWindow

# --- helpers -------------------------------------------------------------------------------------


def viewport_point(window: MainWindow, x: float, y: float) -> QPoint:
    return window.canvas_view.mapFromScene(QPointF(x, y))


def card_centre(window: MainWindow, step_id: str) -> QPoint:
    box = window.scene.layout.cards[step_id]
    window.canvas_view.ensureVisible(box.x, box.y, box.w, box.h, 60, 60)
    return viewport_point(window, box.x + box.w * 0.4, box.y + box.h * 0.55)


def drag(qtbot: Any, window: MainWindow, start: QPoint, end: QPoint) -> None:
    viewport = window.canvas_view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for f in (0.1, 0.3, 0.6, 1.0):
        qtbot.mouseMove(viewport, QPoint(round(start.x() + (end.x() - start.x()) * f), round(start.y() + (end.y() - start.y()) * f)))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def read_step(window: MainWindow, step_id: str) -> Step | None:
    return window.ctx.read(lambda s: s.get(Step, step_id))


def step_by_title(window: MainWindow, title: str) -> Step:
    return window.ctx.read(lambda s: s.scalars(select(Step).where(Step.title == title)).one())


def org_id(window: MainWindow, short: str) -> str:
    return window.ctx.read(lambda s: s.scalars(select(Organisation.id).where(Organisation.short_name == short)).one())


@pytest.fixture
def app_windows() -> Any:
    """Windows opened by ``ui.mainwindow.open_window`` (they delete themselves on close): closed after the test."""
    import shiboken6

    yield mainwindow.WINDOWS
    for window in list(mainwindow.WINDOWS):
        if shiboken6.isValid(window):
            window.close()
    QApplication.processEvents()


def activate(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.canvas_view.setFocus()


# --- the window ----------------------------------------------------------------------------------


def test_the_window_shows_the_demo_map_with_menus_docks_and_status(main_window: MainWindow) -> None:
    window = main_window
    assert "Starting a Business" in window.windowTitle()
    assert set(window.menus) >= {"file", "edit", "view", "help"}
    file_actions = [a.objectName() for a in window.menus["file"].actions()]
    for name in ("action_new_workspace", "action_open", "action_save_copy", "action_import_bundle",
                 "action_export_bundle", "action_quit"):
        assert name in file_actions
    edit_actions = [a.objectName() for a in window.menus["edit"].actions()]
    for name in ("action_undo", "action_redo", "action_add_stage", "action_add_step", "action_add_dependency",
                 "action_add_blocker", "action_delete"):
        assert name in edit_actions
    assert window.findChild(QDockWidget, "NavigatorDock") is not None
    assert window.findChild(QDockWidget, "InspectorDock") is not None
    assert window.findChild(QDockWidget, "HistoryDock") is not None
    scene = window.scene
    assert len(scene.cards) == len(scene.data.steps) == 34
    assert len(scene.arrows.deps) == len(scene.data.dependencies)
    assert "34 steps" in window.map_status.text()
    # the user's own lane is on top once they say who they are
    assert window.emotion.steps_shown > 0


def test_every_action_has_a_key_and_an_accessible_name(main_window: MainWindow) -> None:
    window = main_window
    for name in ("add_step", "add_stage", "add_dependency", "add_blocker", "delete", "undo", "redo",
                 "zoom_in", "zoom_out", "zoom_fit", "open", "save_copy", "import_bundle", "export_bundle", "quit"):
        assert window.actions[name].shortcuts(), name
    listed = dialogs.ShortcutsDialog(window.all_actions(), window)
    assert listed.table.rowCount() >= 15
    listed.close()
    assert window.canvas_view.accessibleName() == "Journey map"
    assert window.inspector.accessibleName()


def test_add_a_step_with_the_keyboard_then_undo_and_redo(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    scene, view = window.scene, window.canvas_view
    activate(qtbot, window)
    first = scene.data.steps[0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_centre(window, first.id))
    assert scene.selected_steps == [first.id]
    qtbot.keyClick(view, Qt.Key.Key_Right)  # arrow keys move between cards
    assert scene.selected_steps and scene.selected_steps[0] != first.id
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert scene.selected_steps == [first.id]

    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = view._editor_widget
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, "Check the name is free")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    added = step_by_title(window, "Check the name is free")
    assert added.stage_id == first.stage_id and added.owner_id == first.owner_id
    assert scene.selected_steps == [added.id]
    assert added.id in scene.cards
    assert window.ctx.undo_stack.count() == 1

    window.actions["undo"].trigger()
    assert read_step(window, added.id) is None
    assert added.id not in scene.cards
    window.actions["redo"].trigger()
    assert read_step(window, added.id) is not None
    assert added.id in scene.cards


def test_drag_a_card_to_another_lane_changes_its_owner(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    scene = window.scene
    step = next(s for s in scene.data.steps if s.title.startswith("Find business support"))
    hmrc = org_id(window, "HMRC")
    assert step.owner_id != hmrc
    lane = next(lane for lane in scene.layout.lanes if lane.key == hmrc)
    column = next(c for c in scene.layout.columns if c.stage_id == step.stage_id)
    view = window.canvas_view
    view.set_zoom(0.6)  # Ctrl+minus, twice: the card and the lane it goes to are both in view
    view.centerOn(column.box.x + column.box.w / 2, (scene.layout.cards[step.id].y + lane.box.y) / 2)
    start = viewport_point(window, scene.layout.cards[step.id].x + 60, scene.layout.cards[step.id].y + 50)
    end = viewport_point(window, column.box.x + 40, lane.box.y + 40)
    assert view.viewport().rect().contains(start) and view.viewport().rect().contains(end)
    drag(qtbot, window, start, end)

    moved = read_step(window, step.id)
    assert moved.owner_id == hmrc and moved.stage_id == step.stage_id
    assert scene.lane_key(scene.steps[step.id]) == hmrc
    assert window.ctx.undo_stack.count() == 1 and window.ctx.undo_stack.text(0) == "Move step"

    window.actions["undo"].trigger()
    assert read_step(window, step.id).owner_id == step.owner_id
    assert read_step(window, step.id).position == step.position
    window.actions["redo"].trigger()
    assert read_step(window, step.id).owner_id == hmrc


def test_draw_a_dependency_from_a_card_handle_to_another_card(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    scene, view = window.scene, window.canvas_view
    a = next(s for s in scene.data.steps if s.title.startswith("Read 'Set up a business'"))
    b = next(s for s in scene.data.steps if s.title.startswith("Apply for a Start Up Loan"))
    assert not any(d.from_step_id == a.id and d.to_step_id == b.id for d in scene.data.dependencies)
    box_a, box_b = scene.layout.cards[a.id], scene.layout.cards[b.id]
    view.centerOn((box_a.x + box_b.x) / 2 + 100, (box_a.y + box_b.y) / 2 + 48)
    # hover the card so its round handle shows, then drag from the handle
    handle = viewport_point(window, box_a.x + box_a.w, box_a.y + box_a.h / 2)
    qtbot.mouseMove(view.viewport(), handle)
    drag(qtbot, window, handle, viewport_point(window, box_b.x + 50, box_b.y + 50))

    deps = window.ctx.read(lambda s: s.scalars(select(Dependency).where(
        Dependency.from_step_id == a.id, Dependency.to_step_id == b.id)).all())
    assert len(deps) == 1
    assert scene.selected_deps == [deps[0].id]  # selected, so the inspector shows it
    assert window.inspector.current_page() is window.inspector.dependency_page
    assert read_step(window, a.id).owner_id == a.owner_id  # drawing a link moved nothing

    window.actions["undo"].trigger()
    assert window.ctx.read(lambda s: s.get(Dependency, deps[0].id)) is None
    assert deps[0].id not in scene.arrows.index
    window.actions["redo"].trigger()
    assert window.ctx.read(lambda s: s.get(Dependency, deps[0].id)) is not None
    assert deps[0].id in scene.arrows.index


def test_delete_key_deletes_the_selection_as_one_undo_entry(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    scene, view = window.scene, window.canvas_view
    activate(qtbot, window)
    two = [s.id for s in scene.data.steps[:2]]
    scene.set_selection(two)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert all(read_step(window, sid) is None for sid in two)
    assert window.ctx.undo_stack.count() == 1
    window.ctx.undo_stack.undo()
    assert all(read_step(window, sid) is not None for sid in two)
    assert all(sid in scene.cards for sid in two)


def test_edits_are_in_the_workspace_file_when_it_is_opened_again(qtbot: Any, tmp_path: Path, app_windows: Any) -> None:
    path = tmp_path / "workshop.sqlite"
    window = mainwindow.open_window(path, first_start=True)
    assert window is not None
    qtbot.waitExposed(window)
    scene = window.scene
    first = scene.data.steps[0]
    scene.set_selection([first.id], current=first.id)
    window.canvas_view.add_step()
    editor = window.canvas_view._editor_widget
    qtbot.keyClicks(editor, "Write down the business idea")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    added = scene.selected_steps[0]
    other = next(s for s in scene.data.steps if s.owner_id and s.owner_id != first.owner_id)
    window.editor.add_dependency(added, other.id)
    window.close()
    qtbot.waitUntil(lambda: window not in mainwindow.WINDOWS, timeout=3000)

    with open_store(path) as store, store.session() as session:
        step = session.get(Step, added)
        assert step is not None and step.title == "Write down the business idea"
        assert session.scalars(select(Dependency).where(Dependency.from_step_id == added)).one().to_step_id == other.id

    again = mainwindow.open_window(path)
    assert added in again.scene.cards


def test_window_state_comes_back_on_the_next_start(qtbot: Any, make_window: Any) -> None:
    first = make_window()
    first.resize(1234, 777)
    first.docks["NavigatorDock"].hide()
    first.close()
    assert QSettings().value("window/geometry") is not None
    second = make_window()
    assert second.docks["NavigatorDock"].isHidden()
    assert second.size().width() == 1600  # the factory resizes; the state itself was restored
    second.close()


def _map_lightness(window: MainWindow) -> float:
    """The mean lightness (0-255) of the map as drawn on screen, over a 24 x 24 grid of pixels."""
    image = window.canvas_view.viewport().grab().toImage()
    w, h = image.width(), image.height()
    samples = [image.pixelColor(w * (i + 0.5) // 24, h * (j + 0.5) // 24).lightness() for i in range(24) for j in range(24)]
    return sum(samples) / len(samples)


def test_light_and_dark_themes_repaint_the_map(qtbot: Any, main_window: MainWindow) -> None:
    """The map itself (background, lanes, cards) is painted in the theme's colours, not only the chrome."""
    from ui import theme

    window = main_window
    light = _map_lightness(window)
    window.actions["theme_dark"].trigger()
    assert theme.current().name == "dark"
    assert window.actions["theme_dark"].isChecked()
    dark = _map_lightness(window)
    window.actions["theme_light"].trigger()
    assert theme.current().name == "light"
    assert window.actions["theme_light"].isChecked()
    again = _map_lightness(window)
    # Light: a white canvas and near-white lanes; dark: #16181b and its lanes.
    assert light > 200, light
    assert dark < 80, dark
    assert abs(again - light) < 5, (light, again)


def test_organisation_in_the_navigator_selects_its_cards(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    hmrc = org_id(window, "HMRC")
    window.ctx.selection_requested.emit({"organisations": [hmrc]})
    selected = window.scene.selected_steps
    assert selected and all(window.scene.steps[s].owner_id == hmrc for s in selected)


def test_add_blocker_asks_the_blocker_module_with_the_selection(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                               main_window: MainWindow) -> None:
    window = main_window
    step = window.scene.data.steps[3]
    window.scene.set_selection([step.id])
    asked: list[dict[str, list[str]]] = []
    window.ctx.raise_blocker_requested.connect(asked.append)
    from ui.panels.blockers import (
        BlockerForm,  # the register answers with its form: cancel it (patched, not driven)
    )

    monkeypatch.setattr(BlockerForm, "ask", classmethod(lambda cls, *a, **k: None))
    window.actions["add_blocker"].trigger()
    assert asked and asked[-1] == {"step_ids": [step.id], "dependency_ids": []}


# --- starting up ---------------------------------------------------------------------------------


def test_the_gui_command_is_registered_on_the_command_line() -> None:
    from servicecommunity.cli.main import build_parser
    from ui.cli import register

    args = build_parser([register]).parse_args(["gui", "--db", "x.sqlite", "--quit-after", "0.5"])
    assert args.db == "x.sqlite" and args.quit_after == 0.5


def test_first_start_creates_the_default_workspace_with_the_demo(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "first" / "community.sqlite"
    monkeypatch.setenv("SERVICECOMMUNITY_DB", str(path))
    assert uiapp.run(None, quit_after=0.3) == 0
    with open_store(path) as store, store.session() as session:
        assert session.scalars(select(Step)).first() is not None


@pytest.mark.parametrize("problem", ["newer", "not a database", "locked"])
def test_a_workspace_that_cannot_be_opened_gets_a_readable_dialog(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path, problem: str) -> None:
    path = tmp_path / "bad.sqlite"
    if problem == "newer":
        with open_store(path):
            pass
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    elif problem == "not a database":
        path.write_bytes(b"this is a shopping list, not a workspace\n" * 10)
    else:
        def locked(*_args: Any, **_kwargs: Any) -> Any:
            raise StoreError(f"{path} is locked by another program; close it there and try again.")

        monkeypatch.setattr("servicecommunity.store.workspace.open_store", locked)
    told: list[str] = []
    monkeypatch.setattr(dialogs.StartupProblem, "ask", classmethod(lambda cls, message, parent=None, **kw: told.append(message) or "quit"))
    assert uiapp.run(str(path)) == 1
    assert len(told) == 1
    expected = {"newer": "newer version", "not a database": "not a Service Community workspace", "locked": "locked"}[problem]
    assert expected in told[0]


def test_startup_problem_can_open_another_workspace(qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                   app_windows: Any) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"nope" * 100)
    good = tmp_path / "good.sqlite"
    with open_store(good):
        pass
    monkeypatch.setattr(dialogs.StartupProblem, "ask", classmethod(lambda cls, message, parent=None, **kw: "open"))
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a, **k: good)
    window = mainwindow.open_window(bad, startup=True)
    assert window is not None
    assert window.store.path == good
