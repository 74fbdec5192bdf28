"""An error nobody caught: logged with its traceback, then told in the crash dialog (once)."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from servicecommunity import logs
from servicecommunity.domain.errors import ValidationError
from ui.dialogs import crash
from ui.workers import Progress, TaskRunner


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Each crash dialog asked for (patched: pytest-qt's advice for dialogs), with the thread it ran on."""
    calls: list[dict[str, Any]] = []

    def ask(details: str, log_file: Path | None, parent: Any = None) -> None:
        calls.append({"details": details, "log_file": log_file,
                      "main_thread": QThread.currentThread() is QCoreApplication.instance().thread()})

    monkeypatch.setattr(crash.CrashDialog, "ask", ask)
    return calls


@pytest.fixture
def hooked(qapp: QApplication) -> Iterator[Path]:
    """The app's logging and hooks in place (as ui.app.run puts them); the log file's path."""
    path = logs.setup_logging()
    assert path is not None
    crash.install(qapp)
    try:
        yield path
    finally:
        crash.uninstall()
        logs.teardown_logging()


def settle(qtbot: Any, calls: list[Any], count: int = 1) -> None:
    qtbot.waitUntil(lambda: len(calls) >= count, timeout=3000)
    qtbot.wait(20)  # and no more than that


def read(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def uncaught(exc: BaseException) -> tuple[Any, ...]:
    try:
        raise exc
    except BaseException:
        return sys.exc_info()


def test_an_error_on_the_main_thread_is_logged_and_shown(qtbot: Any, hooked: Path, shown: list[dict[str, Any]]) -> None:
    crash.excepthook(*uncaught(ZeroDivisionError("division by zero in a slot")))
    settle(qtbot, shown)

    assert len(shown) == 1 and shown[0]["log_file"] == hooked.absolute()
    details = shown[0]["details"]
    assert "ZeroDivisionError: division by zero in a slot" in details and "PySide6 " in details
    assert str(hooked.absolute()) in details
    assert "Uncaught exception" in read(hooked) and "ZeroDivisionError" in read(hooked)


def test_an_error_in_a_thread_is_shown_on_the_main_thread(qtbot: Any, hooked: Path, shown: list[dict[str, Any]]) -> None:
    def fail() -> None:
        # what Python does with the thread's uncaught error (called by hand: the test runner
        # puts its own threading.excepthook in place while a test runs)
        crash.thread_excepthook(threading.ExceptHookArgs([*uncaught(RuntimeError("a thread's bug")),
                                                          threading.current_thread()]))

    thread = threading.Thread(target=fail, name="Exporter")
    thread.start()
    thread.join()
    settle(qtbot, shown)

    assert len(shown) == 1 and shown[0]["main_thread"]
    assert "Uncaught exception in Exporter" in read(hooked)


def test_a_workers_bug_is_logged_and_shown_and_its_refusal_is_not(qtbot: Any, hooked: Path,
                                                                 shown: list[dict[str, Any]]) -> None:
    runner = TaskRunner()
    failed: list[BaseException] = []
    runner.failed.connect(failed.append)

    def buggy(_progress: Progress) -> None:
        raise KeyError("a bug in a task")

    def refused(_progress: Progress) -> None:
        raise ValidationError("That journey has no steps.")

    runner.start(refused)
    assert runner.wait()
    runner.start(buggy)
    assert runner.wait()
    settle(qtbot, shown)

    assert [type(e) for e in failed] == [ValidationError, KeyError]  # each panel still hears of it
    assert len(shown) == 1 and "KeyError: 'a bug in a task'" in shown[0]["details"]
    text = read(hooked)
    assert "refused: That journey has no steps." in text and "Traceback" in text and "buggy failed" in text


def test_a_failing_dialog_is_logged_and_never_shown_again(qtbot: Any, hooked: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[str] = []

    def broken(details: str, log_file: Path | None, parent: Any = None) -> None:
        attempts.append(details)
        raise RuntimeError("the dialog broke")

    monkeypatch.setattr(crash.CrashDialog, "ask", broken)
    crash.excepthook(*uncaught(ValueError("first")))
    settle(qtbot, attempts)

    assert len(attempts) == 1
    assert "The crash dialog could not be shown" in read(hooked) and "the dialog broke" in read(hooked)


def test_errors_while_the_dialog_is_open_are_only_logged(qtbot: Any, hooked: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[str] = []

    def ask(details: str, log_file: Path | None, parent: Any = None) -> None:
        attempts.append(details)
        crash.excepthook(*uncaught(ValueError("while open")))  # say, the window repainting under it
        qtbot.wait(50)

    monkeypatch.setattr(crash.CrashDialog, "ask", ask)
    crash.excepthook(*uncaught(ValueError("first")))
    settle(qtbot, attempts)

    assert len(attempts) == 1
    assert "while open" in read(hooked) and "Another error while the crash dialog was open" in read(hooked)


def test_the_dialog_says_it_plainly_and_copies_the_details(qtbot: Any, tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "servicecommunity.log"
    dialog = crash.CrashDialog("Traceback (most recent call last):\nValueError: x", log_file)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert crash.SENTENCE in texts
    assert any(str(log_file) in text for text in texts)
    assert not dialog.text.isVisible()

    dialog.copy.click()

    assert QGuiApplication.clipboard().text() == "Traceback (most recent call last):\nValueError: x"
    assert dialog.copy.text() == "Copied"


def test_a_demo_that_fails_to_load_is_logged_as_well_as_told(hooked: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import dialogs, workspaces

    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, _text: told.append(title))

    def broken(_store: Any, *, demo: bool) -> None:
        raise OSError("the demo file is unreadable")

    monkeypatch.setattr(workspaces, "seed_workspace", broken)
    store = workspaces.open_store_or_explain(tmp_path / "w.sqlite", first_start=True, startup=True)
    store.close()

    assert told == ["The demo was not loaded"]
    assert "The demo was not loaded" in read(hooked) and "OSError: the demo file is unreadable" in read(hooked)
