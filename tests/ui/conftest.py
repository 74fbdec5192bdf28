"""Desktop tests: headless Qt, settings in a temporary folder, windows closed after each test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from servicecommunity.store.workspace import Store


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, qapp: QApplication) -> Iterator[None]:
    """QSettings go to a fresh folder per test (napari's _testsupport does the same)."""
    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("ServiceCommunityTests")
    QCoreApplication.setApplicationName("ServiceCommunityTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def ctx(demo_store: Store) -> Iterator[object]:
    """An AppContext on a demo workspace, on its Starting a Business journey."""
    from servicecommunity.exchange.bundle import journey_by_name
    from ui.context import AppContext

    context = AppContext(demo_store)
    journey = context.read(lambda s: journey_by_name(s, "Starting a Business"))
    context.set_journey(journey.id)
    yield context
    context.undo_stack.clear()
    context.deleteLater()


@pytest.fixture(autouse=True)
def _no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """A test that leaves a top-level window open fails (napari's ``make_napari_viewer`` does the same).

    A window is closed by the test, or by the fixture that made it (``make_window``, or
    ``qtbot.addWidget``). The leaked windows are closed here too, so the next test starts clean.
    """
    before = {id(w) for w in qapp.topLevelWidgets()}
    yield
    qapp.processEvents()
    leaked = [w for w in qapp.topLevelWidgets() if id(w) not in before and w.isVisible()]
    names = [f"{type(w).__name__} {w.windowTitle()!r}" for w in leaked]
    for widget in leaked:
        widget.close()
    qapp.processEvents()
    if leaked:
        pytest.fail(f"the test left {len(leaked)} window(s) open: {', '.join(names)}", pytrace=False)




@pytest.fixture
def make_window(qtbot: object, ctx: object) -> Iterator[object]:
    """A factory of main windows on the demo workspace (shown, 1600x1000); each is closed after the test."""
    from ui import theme
    from ui.mainwindow import MainWindow

    made: list[MainWindow] = []

    def make(context: object = None) -> MainWindow:
        window = MainWindow(context or ctx)  # type: ignore[arg-type]
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(1600, 1000)
        window.show()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
    theme.apply("light", remember=False)


@pytest.fixture
def main_window(make_window: object) -> object:
    """One main window on the demo workspace, on its Starting a Business journey."""
    return make_window()  # type: ignore[operator]


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_workspace(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One workspace holding the demo community, as two windows open it: a file, or a team workspace
    on PostgreSQL (``pg_databases`` skips, saying why, when there is no server)."""
    from collections.abc import Callable

    from servicecommunity.exchange.demo import load_demo
    from servicecommunity.store.workspace import open_store

    if request.param == "sqlite":
        where: str = str(tmp_path_factory.mktemp("shared") / "shared.sqlite")
    else:
        pg_databases: Callable[[], str] = request.getfixturevalue("pg_databases")
        where = pg_databases()
    with open_store(where) as store:
        load_demo(store)
    return where.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def two_windows(shared_workspace: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[object, object]]:
    """Windows A and B on ``shared_workspace`` (closed at the test's end); A does not hear B's changes
    (a team workspace tells within a second), so what A shows is what it read. Error boxes are
    recorded on ``window.errors_shown``, not shown."""
    from ui import dialogs
    from ui.mainwindow import open_window

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, _title, text: shown.append(text))
    a, b = open_window(shared_workspace), open_window(shared_workspace)
    assert a is not None and b is not None
    a.ctx.stop_listening()
    a.errors_shown = shown  # type: ignore[attr-defined]
    yield a, b
    for window in (a, b):
        if window.editor.notice is not None:
            window.editor.notice.close()
        window.ctx.undo_stack.clear()
        window.close()


@pytest.fixture
def open_windows(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Windows a test opens and adds here (closed at its end, with any conflict notice); error boxes
    are not shown."""
    from ui import dialogs

    monkeypatch.setattr(dialogs, "show_error", lambda _parent, _title, _text: None)
    opened: list[Any] = []
    yield opened
    for window in opened:
        if window.editor.notice is not None:
            window.editor.notice.close()
        window.close()
