"""Settings > Language in the window: where it is, what it saves, and what "Restart now" and
"Later" do (the restart itself is replaced: a test never starts a second app)."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from ui import i18n, settings


def _menu_titles(window: Any) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def _question(qtbot: Any) -> QMessageBox:
    found: list[QMessageBox] = []

    def shown() -> None:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == "LanguageRestart" and w.isVisible()]
        assert found

    qtbot.waitUntil(shown)
    return found[0]


def test_language_is_in_a_settings_menu_before_help_not_in_view(make_window: Any) -> None:
    window = make_window()
    titles = _menu_titles(window)
    assert titles[-2:] == ["Settings", "Help"]
    settings_menu = window.menus["settings"]
    assert settings_menu.objectName() == "menu_settings"
    (language,) = [a.menu() for a in settings_menu.actions()]
    assert language.objectName() == "menu_language" and language.title() == "&Language"
    assert [a.text() for a in language.actions()] == ["The system's language", "English", "Cymraeg"]
    assert all(a.menu() is None or a.menu().objectName() != "menu_language" for a in window.menus["view"].actions())


def test_choosing_a_language_saves_it_and_later_does_nothing_else(make_window: Any, qtbot: Any,
                                                                   monkeypatch: Any) -> None:
    window = make_window()
    restarts: list[bool] = []
    monkeypatch.setattr(window, "restart_app", lambda: restarts.append(True))
    welsh = next(a for a in window.language_menu.menu().actions() if a.data() == "cy")
    welsh.trigger()
    assert settings.LANGUAGE.get() == "cy"
    box = _question(qtbot)
    assert "next time you start" in box.text()
    buttons = {b.objectName(): b for b in box.findChildren(QPushButton)}
    assert buttons["restart_now"].text() == "Restart now" and buttons["restart_later"].text() == "Later"
    assert box.escapeButton() is buttons["restart_later"]  # Escape is Later
    buttons["restart_later"].click()
    qtbot.waitUntil(lambda: not box.isVisible())
    qtbot.wait(20)
    assert restarts == [] and window.isVisible() and settings.LANGUAGE.get() == "cy"


def test_restart_now_restarts(make_window: Any, qtbot: Any, monkeypatch: Any) -> None:
    window = make_window()
    restarts: list[bool] = []
    monkeypatch.setattr(window, "restart_app", lambda: restarts.append(True))
    english = next(a for a in window.language_menu.menu().actions() if a.data() == "en")
    english.trigger()
    box = _question(qtbot)
    next(b for b in box.findChildren(QPushButton) if b.objectName() == "restart_now").click()
    qtbot.waitUntil(lambda: restarts == [True])
    assert settings.LANGUAGE.get() == "en"


def test_the_restart_starts_the_same_program_and_arguments_less_the_language_forced_at_start(
        monkeypatch: Any) -> None:
    monkeypatch.setenv("SERVICECOMMUNITY_LANG", "cy")
    monkeypatch.setattr(sys, "orig_argv", [sys.executable, "-m", "ui", "--lang", "cy", "--db", "w.sqlite"])
    process = i18n.restart_process()
    # the same interpreter and command line, less --lang and the environment's language: the choice applies
    assert process.program() == sys.executable
    assert process.arguments() == ["-m", "ui", "--db", "w.sqlite"]
    assert not process.processEnvironment().contains("SERVICECOMMUNITY_LANG")
    assert process.processEnvironment().contains("PATH")


class _Process:
    def __init__(self, ok: bool) -> None:
        self.ok = ok
        self.started = 0

    def startDetached(self) -> tuple[bool, int]:
        self.started += 1
        return self.ok, 4242 if self.ok else 0


def test_restart_closes_the_window_once_the_new_app_has_started(make_window: Any, monkeypatch: Any) -> None:
    window = make_window()
    process = _Process(True)
    monkeypatch.setattr(i18n, "restart_process", lambda: process)
    saved: list[bool] = []
    monkeypatch.setattr(window, "save_state", lambda: saved.append(True))
    window.restart_app()
    assert process.started == 1 and saved == [True]  # closed the ordinary way: its layout saved
    assert not window.isVisible()


def test_a_restart_that_cannot_start_says_so_and_keeps_the_window(make_window: Any, monkeypatch: Any) -> None:
    from ui import dialogs

    window = make_window()
    monkeypatch.setattr(i18n, "restart_process", lambda: _Process(False))
    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, _title, text: told.append(text))
    window.restart_app()
    assert window.isVisible() and told == ["Service Community could not start again; close it and start it yourself."]


def test_restart_command_in_the_frozen_app_is_the_app_itself() -> None:
    program, arguments = i18n.restart_command(["--lang=en", "--db", "x.sqlite"], frozen=True, executable="/opt/sc/ServiceCommunity")
    assert (program, arguments) == ("/opt/sc/ServiceCommunity", ["--db", "x.sqlite"])
