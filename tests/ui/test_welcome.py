"""The first-start welcome: over the demo, once; three ways in, from the keyboard; Help > Welcome again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from servicecommunity.exchange.bundle import journey_by_name
from ui import mainwindow, settings
from ui.dialogs import importing, welcome
from ui.dialogs.welcome import WelcomeDialog
from ui.panels.navigator import create_journey


@pytest.fixture
def opened() -> Iterator[list[Any]]:
    yield mainwindow.WINDOWS
    for window in list(mainwindow.WINDOWS):
        if shiboken6.isValid(window):
            window.close()
    QApplication.processEvents()


def _welcome(window: Any) -> WelcomeDialog | None:
    found = [d for d in window.findChildren(WelcomeDialog) if d.isVisible()]
    return found[0] if found else None


def test_the_first_start_welcomes_over_the_demo_once(qtbot: Any, tmp_path: Path, opened: Any) -> None:
    window = mainwindow.open_window(tmp_path / "first.sqlite", first_start=True)
    assert window is not None
    qtbot.waitUntil(lambda: _welcome(window) is not None)
    dialog = _welcome(window)
    assert dialog is not None and dialog.isModal()
    # the demo is loaded behind it (the README's promise), and exploring it is the default
    demo = window.ctx.read(lambda s: journey_by_name(s, welcome.DEMO_JOURNEY).id)
    assert window.ctx.journey_id == demo
    assert dialog.demo_button.isDefault() and dialog.demo_button.isEnabled()
    assert settings.WELCOME_SEEN.get()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _welcome(window) is None)
    window.close()
    # the next start, even of a new workspace, does not welcome again
    again = mainwindow.open_window(tmp_path / "second.sqlite", first_start=True)
    assert again is not None
    qtbot.wait(50)
    assert _welcome(again) is None
    # opening a workspace that is not the first start does not either
    settings.WELCOME_SEEN.set(False)
    third = mainwindow.open_window(tmp_path / "first.sqlite")
    assert third is not None
    qtbot.wait(50)
    assert _welcome(third) is None


def test_help_welcome_shows_it_again_and_fits_a_small_screen(qtbot: Any, main_window: Any) -> None:
    action = main_window.actions["welcome"]
    assert action in main_window.menus["help"].actions()
    action.trigger()
    dialog = _welcome(main_window)
    assert dialog is not None
    size = dialog.frameGeometry().size()
    assert size.width() <= 1366 and size.height() <= 768 - 60  # a 1366x768 screen, less a taskbar
    assert dialog.about.text().count(". ") <= 3  # a few sentences, not a manual
    buttons = [dialog.demo_button, dialog.blank_button, dialog.import_button]
    assert all(b.accessibleName() and b.accessibleDescription() for b in buttons)
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons)
    dialog.reject()


def test_enter_explores_the_demo(qtbot: Any, main_window: Any) -> None:
    ctx = main_window.ctx
    demo = ctx.journey_id
    other = create_journey(ctx, ctx.read(lambda s: journey_by_name(s, demo).community_id), "Another journey")
    assert other and ctx.journey_id == other
    dialog = welcome.show_welcome(main_window)
    dialog.demo_button.setFocus()
    qtbot.keyClick(dialog.demo_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ctx.journey_id == demo)
    assert _welcome(main_window) is None


@pytest.mark.parametrize("choice", ["blank", "import"])
def test_a_blank_journey_or_an_import(qtbot: Any, main_window: Any, monkeypatch: pytest.MonkeyPatch,
                                      choice: str) -> None:
    calls: list[str] = []
    monkeypatch.setattr(main_window.navigator, "new_journey", lambda: calls.append("blank"))
    monkeypatch.setattr(importing, "run_import", lambda parent, ctx: calls.append("import"))
    dialog = welcome.show_welcome(main_window)
    button = dialog.blank_button if choice == "blank" else dialog.import_button
    # the mnemonics reach each button from the keyboard (Alt+B, Alt+I)
    assert ("&b" if choice == "blank" else "&i") in button.text().lower()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: calls == [choice])
