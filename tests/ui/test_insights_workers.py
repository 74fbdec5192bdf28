"""The worker that keeps slow work (the analysis, graph layouts) off the UI thread."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QThread

from ui.workers import Progress, TaskRunner


def test_result_comes_back_on_the_main_thread(qtbot: Any) -> None:
    runner = TaskRunner()
    seen: dict[str, Any] = {}

    def job(progress: Progress, x: int) -> int:
        seen["thread"] = threading.current_thread()
        progress.report(0.5, "half way")
        return x * 2

    def done(result: int) -> None:
        seen["result"] = result
        seen["main"] = QThread.currentThread() is QObject().thread()

    runner.succeeded.connect(done)
    with qtbot.waitSignal(runner.succeeded, timeout=5000):
        runner.start(job, 21)
    assert seen["result"] == 42
    assert seen["thread"] is not threading.main_thread()
    assert seen["main"]
    assert not runner.running


def test_errors_are_reported_not_raised(qtbot: Any) -> None:
    runner = TaskRunner()

    def job(progress: Progress) -> None:
        raise ValueError("no journey")

    with qtbot.waitSignal(runner.failed, timeout=5000) as signal:
        runner.start(job)
    assert isinstance(signal.args[0], ValueError)


def test_a_newer_task_supersedes_an_older_one(qtbot: Any) -> None:
    runner = TaskRunner()
    results: list[str] = []
    runner.succeeded.connect(results.append)
    gate = threading.Event()

    def slow(progress: Progress) -> str:
        gate.wait(5)
        return "old"

    runner.start(slow)
    with qtbot.waitSignal(runner.succeeded, timeout=5000):
        runner.start(lambda progress: "new")
    gate.set()
    assert runner.wait()
    assert results == ["new"]


def test_cancel_stops_a_cooperative_task_and_shows_busy(qtbot: Any) -> None:
    runner = TaskRunner(busy_after_ms=20)
    results: list[Any] = []
    runner.succeeded.connect(results.append)
    runner.failed.connect(results.append)
    busy: list[bool] = []
    runner.busy.connect(busy.append)

    def loop(progress: Progress) -> str:
        for _ in range(500):
            progress.report(None, "working")
            time.sleep(0.01)
        return "finished"

    runner.start(loop)
    qtbot.waitUntil(lambda: busy == [True], timeout=5000)
    runner.cancel()
    assert runner.wait()
    assert results == []
    assert busy == [True, False]


def test_owner_closed_while_a_task_runs(qtbot: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui import workers

    owner = QObject()
    runner = TaskRunner(owner)
    gate = threading.Event()
    runner.start(lambda progress: gate.wait(5))
    owner.deleteLater()  # the widget that started it is closed
    QCoreApplication.processEvents()
    gate.set()
    qtbot.waitUntil(lambda: not workers._relay().live, timeout=5000)  # the job reported to nobody, and was let go
