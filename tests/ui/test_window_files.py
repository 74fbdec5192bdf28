"""The window's File menu, presentation mode, the stage ruler and the context menus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from servicecommunity.domain.models import Community, Journey, Step
from servicecommunity.exchange import bundle
from servicecommunity.store.workspace import open_store
from ui import dialogs, mainwindow
from ui.mainwindow import MainWindow


@pytest.fixture
def app_windows() -> Any:
    import shiboken6

    yield mainwindow.WINDOWS
    for window in list(mainwindow.WINDOWS):
        if shiboken6.isValid(window):
            window.close()
    QApplication.processEvents()


def test_save_a_copy_writes_a_workspace_that_opens(main_window: MainWindow, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "copy of the workshop.sqlite"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a, **_k: target)
    main_window.actions["save_copy"].trigger()
    with open_store(target) as store, store.session() as session:
        assert len(session.scalars(select(Step)).all()) == len(main_window.scene.data.steps)


def test_export_and_import_fall_back_to_a_json_bundle(main_window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.dialogs

    for name in ("export", "importing"):  # as if those modules were not there
        monkeypatch.setitem(sys.modules, f"ui.dialogs.{name}", None)
        monkeypatch.delattr(ui.dialogs, name, raising=False)
    target = tmp_path / "journey.json"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a, **_k: target)
    main_window.actions["export_bundle"].trigger()
    exported = bundle.read_bundle(target)
    assert len(exported["steps"]) == len(main_window.scene.data.steps)

    other = tmp_path / "other.sqlite"
    with open_store(other) as store:
        from servicecommunity.testing import synthetic

        synthetic.load(store, synthetic.generate_bundle(seed=5, steps=30, dependencies=20, blockers=5,
                                                       organisations=5, members=4, journeys=1))
        with store.session() as session:
            data = bundle.export_bundle(session)
    incoming = tmp_path / "incoming.json"
    bundle.write_atomic(incoming, bundle.dumps(data))
    told: list[str] = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *_a, **_k: incoming)
    monkeypatch.setattr(dialogs, "show_info", lambda _p, _t, text: told.append(text))
    main_window.actions["import_bundle"].trigger()
    assert told and told[0].startswith("Imported")
    assert main_window.ctx.read(lambda s: len(s.scalars(select(Community)).all())) == 2


def test_new_workspace_opens_in_its_own_window(qtbot: Any, main_window: MainWindow, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, app_windows: Any) -> None:
    target = tmp_path / "new-community.sqlite"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a, **_k: target)
    main_window.actions["new_workspace"].trigger()
    opened = [w for w in app_windows if w.store.path == target]
    assert opened
    window = opened[0]
    assert window.scene.data is not None and len(window.scene.data.stages) == 3
    assert window.ctx.read(lambda s: s.scalars(select(Journey.name)).one()) == "New journey"
    assert str(target) in (QSettings().value("recent_workspaces") or [])


def test_open_recent_lists_other_workspaces(main_window: MainWindow, tmp_path: Path) -> None:
    QSettings().setValue("recent_workspaces", [str(tmp_path / "a.sqlite"), str(main_window.store.path)])
    main_window._fill_recent()
    texts = [a.text() for a in main_window.recent_menu.actions()]
    assert texts == [str(tmp_path / "a.sqlite")]


def test_presentation_mode_shows_only_the_map_and_comes_back(main_window: MainWindow) -> None:
    window = main_window
    assert window.docks["InspectorDock"].isVisible()
    window.set_presentation(True, full_screen=False)
    assert not window.docks["InspectorDock"].isVisible() and not window.toolbar.isVisible()
    window.actions["presentation"].trigger()
    assert window.docks["InspectorDock"].isVisible() and window.toolbar.isVisible()


@pytest.mark.parametrize("legend", [False, True])
def test_presentation_mode_leaves_the_legend_as_it_was(main_window: MainWindow, legend: bool) -> None:
    """F11 does not turn the legend on (it covered the map on the projector); leaving keeps it as it was."""
    window = main_window
    window.actions["show_legend"].setChecked(legend)
    assert window.canvas_view.legend.isVisible() == legend
    window.set_presentation(True, full_screen=False)
    assert window.actions["show_legend"].isChecked() == legend
    assert window.canvas_view.legend.isVisible() == legend
    window.set_presentation(False)
    assert window.actions["show_legend"].isChecked() == legend
    assert window.canvas_view.legend.isVisible() == legend


def test_dragging_a_stage_name_reorders_the_stages(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    view, scene = window.canvas_view, window.scene
    view.set_zoom(0.35)
    view.ensure_top_left()
    ruler = view.stage_ruler
    columns = ruler.columns()
    order = [sid for sid, _ in scene.data.stages]
    first = columns[0]
    start = QPoint(round(first[1] + 20), ruler.height() // 2)
    end = QPoint(round((columns[2][1] + columns[2][2]) / 2 + 5), ruler.height() // 2)
    qtbot.mousePress(ruler, Qt.MouseButton.LeftButton, pos=start)
    assert scene.selected_stage == order[0]
    qtbot.mouseMove(ruler, QPoint(start.x() + 30, start.y()))
    qtbot.mouseMove(ruler, end)
    qtbot.mouseRelease(ruler, Qt.MouseButton.LeftButton, pos=end)
    new = [sid for sid, _ in scene.data.stages]
    assert new[:3] == [order[1], order[2], order[0]]
    window.ctx.undo_stack.undo()
    assert [sid for sid, _ in scene.data.stages] == order


def test_context_menus_offer_the_actions_of_what_is_under_the_pointer(main_window: MainWindow) -> None:
    view, scene = main_window.canvas_view, main_window.scene
    step = scene.data.steps[0]
    box = scene.layout.cards[step.id]
    menu = view.menu_at(QPointF(box.x + 10, box.y + 10))
    texts = [a.text() for a in menu.actions()]
    assert "Raise blocker…" in texts and "Delete step" in texts
    assert scene.selected_steps == [step.id]
    mid = scene.arrows.midpoint(0)
    menu = view.menu_at(mid)
    assert "Raise blocker…" in [a.text() for a in menu.actions()]
    assert scene.selected_deps == [scene.arrows.deps[0].id]
    lane = scene.layout.lanes[-1]
    column = scene.layout.columns[-1]
    menu = view.menu_at(QPointF(column.box.x + column.box.w - 5, lane.box.y + lane.box.h - 5))
    assert menu.actions()[0].text().startswith("Add step here")
    stage_menu = view.stage_menu(scene.data.stages[0][0])
    texts = [a.text() for a in stage_menu.actions()]
    assert "Rename stage…" in texts and "Delete stage…" in texts


def test_a_bigger_system_font_zooms_the_map_in(main_window: MainWindow) -> None:
    app = QApplication.instance()
    font = app.font()
    try:
        bigger = app.font()
        bigger.setPointSizeF(18)
        app.setFont(bigger)
        assert main_window.canvas_view.default_zoom() == pytest.approx(2.0)
    finally:
        app.setFont(font)
    assert main_window.canvas_view.default_zoom() == pytest.approx(max(0.5, min(2.0, font.pointSizeF() / 9.0)))


def test_a_damaged_workspace_offers_its_latest_good_backup_and_keeps_the_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from servicecommunity.exchange.demo import load_demo
    from servicecommunity.store import backups
    from servicecommunity.store.workspace import open_store
    from tests.core.test_store import damage_data_pages
    from ui import dialogs, workspaces

    path = tmp_path / "w.sqlite"
    with open_store(path, create=True) as store:
        load_demo(store)
        backups.take(store, "daily")
    damage_data_pages(path)
    damaged = path.read_bytes()
    offered: list[str | None] = []
    monkeypatch.setattr(dialogs.StartupProblem, "ask", classmethod(
        lambda cls, message, parent=None, *, backup=None: offered.append(backup) or "restore"))
    monkeypatch.setattr(dialogs, "show_info", lambda *args: None)
    store = workspaces.open_store_or_explain(path, first_start=False, startup=True)
    assert store is not None
    try:
        assert offered and offered[0] is not None  # the backup's date, in words
        (aside,) = tmp_path.glob("w.replaced-*.sqlite")
        assert aside.read_bytes() == damaged
        assert backups.problem(path) is None
    finally:
        store.close()
