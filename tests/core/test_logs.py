"""Diagnostics: the log file, uncaught errors logged on every thread, hard crashes recorded."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from servicecommunity import __version__, logs
from servicecommunity.cli.main import main


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "logs"
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(folder))
    # the hooks setup_logging puts in place are put back after the test
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield folder
    logs.teardown_logging()


def read(folder: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (folder / logs.LOG_FILE).read_text(encoding="utf-8")


def test_the_log_goes_to_its_file_and_nowhere_else(log_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = logs.setup_logging()
    logging.getLogger("servicecommunity.test").warning("a thing happened")

    assert path == log_dir / "servicecommunity.log" and logs.log_path() == path.absolute()
    text = read(log_dir)
    assert f"Service Community {__version__} started" in text
    assert "WARNING [MainThread] servicecommunity.test: a thing happened" in text
    assert capsys.readouterr() == ("", "")


def test_opening_a_workspace_adds_no_chatter(log_dir: Path, tmp_path: Path) -> None:
    from servicecommunity.store.workspace import open_store

    logs.setup_logging()
    open_store(tmp_path / "w.sqlite").close()
    assert "alembic" not in read(log_dir)


def test_setting_up_twice_writes_each_line_once(log_dir: Path) -> None:
    logs.setup_logging()
    logs.setup_logging()
    logging.getLogger("servicecommunity.test").warning("once")
    assert read(log_dir).count("once") == 1


def test_the_default_folder_is_the_users_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(logs.LOG_DIR_ENV, raising=False)
    assert logs.log_dir() == Path(platformdirs.user_log_dir("ServiceCommunity", appauthor=False))


def test_a_folder_that_cannot_be_written_leaves_logging_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(blocker / "logs"))
    assert logs.setup_logging() is None  # and nothing raised
    assert logs.log_path() is None or not str(logs.log_path()).startswith(str(blocker))


def test_an_uncaught_error_on_the_main_thread_is_logged(log_dir: Path) -> None:
    passed_on: list[type[BaseException]] = []
    sys.excepthook = lambda kind, _exc, _tb: passed_on.append(kind)
    logs.setup_logging()
    try:
        raise LookupError("nobody caught this")
    except LookupError:
        sys.excepthook(*sys.exc_info())  # what Python does with an uncaught exception

    text = read(log_dir)
    assert "CRITICAL [MainThread] servicecommunity: Uncaught exception" in text
    assert "LookupError: nobody caught this" in text and "Traceback" in text
    assert passed_on == [LookupError]  # the handler that was there before still runs


def test_an_uncaught_error_in_a_thread_is_logged(log_dir: Path) -> None:
    threading.excepthook = lambda _args: None  # keep the default handler's print out of the test output
    logs.setup_logging()

    def fail() -> None:
        raise ValueError("a worker's bug")

    thread = threading.Thread(target=fail, name="Worker-7")
    thread.start()
    thread.join()

    text = read(log_dir)
    assert "Uncaught exception in Worker-7" in text and "ValueError: a worker's bug" in text


def test_the_command_line_logs_to_the_file_and_prints_only_its_sentence(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["summary", "--db", str(tmp_path / "none.sqlite")])
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and err.count("\n") == 1 and err.startswith("error: ")
    assert "started" in read(log_dir)


def test_a_user_error_on_the_command_line_is_logged_as_a_warning_without_a_traceback(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.sqlite"
    assert main(["summary", "--db", str(missing)]) == 1
    sentence = capsys.readouterr().err.removeprefix("error: ").strip()
    text = read(log_dir)
    assert f"WARNING [MainThread] servicecommunity.cli: summary: {sentence}" in text
    assert "Traceback" not in text


def test_the_logs_command_says_where_the_log_is(log_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logs"]) == 0
    out = capsys.readouterr().out
    assert str(log_dir / logs.LOG_FILE) in out and "faults.log" in out
    assert main(["logs", "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data == {"folder": str(log_dir), "log": str(log_dir / logs.LOG_FILE), "faults": str(log_dir / logs.FAULT_FILE)}


def test_help_sets_nothing_up(log_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert not log_dir.exists()


def test_a_hard_crash_leaves_its_stack_in_the_fault_file(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    env = {**os.environ, logs.LOG_DIR_ENV: str(folder)}
    env.pop("PYTHONFAULTHANDLER", None)
    code = "from servicecommunity.logs import setup_logging; setup_logging(); import ctypes; ctypes.string_at(0)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    fault = (folder / logs.FAULT_FILE).read_text(encoding="utf-8")
    assert "Fatal Python error" in fault and "Current thread" in fault
    assert "Fatal Python error" not in done.stderr


def test_diagnostics_hold_the_versions_the_log_and_the_traceback(log_dir: Path) -> None:
    logs.setup_logging()
    try:
        raise KeyError("missing")
    except KeyError:
        text = logs.diagnostics(sys.exc_info(), {"Qt": "6.x"})  # type: ignore[arg-type]
    assert f"Service Community {__version__}" in text and "Python " in text and "Qt 6.x" in text
    assert str(log_dir / logs.LOG_FILE) in text
    assert text.rstrip().endswith("KeyError: 'missing'")
