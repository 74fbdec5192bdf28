"""The journey map canvas at scale: open and draw 1,000- and 5,000-step journeys, then use them.

Figures for each size (a synthetic community: ``steps`` steps, 3 dependencies and 4 blockers per
step): opening the journey and painting it for the first time (read the map, lay it out, make the
items, paint the opening view); repainting after zoom-to-fit (the overview), the first time and
again; and the longest single UI-thread task among a workshop's interactions (zooming, panning,
selecting, moving a card to another lane, undo, redo, adding a step, drawing a dependency,
renaming, deleting, raising a blocker), each timed from the call to the end of its repaint, printed
beside a plain repaint of the same scene measured in the same run (wall and CPU: on a shared machine
the CPU figures are the steadier).

Budgets (the issue's): first paint of a 5,000-step journey under 1 s; repaint after zoom-to-fit
under 50 ms; no UI-thread task over 100 ms (a task: the gesture's handler, or one event the
application dispatches afterwards, timed in ``QApplication.notify``). Run standalone (``python benchmarks/bench_canvas.py``)
or through ``benchmarks/run.py``; ``SC_BENCH_QUICK=1`` uses 200 and 500 steps.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

Row = tuple[str, float, float | None, str]

FIRST_PAINT_BUDGET_MS = 1000.0  # for the 5,000-step journey
FIT_REPAINT_BUDGET_MS = 50.0
TASK_BUDGET_MS = 100.0
VIEW_SIZE = (1600, 1000)


def _app() -> Any:
    """The QApplication; made here, it times every event it dispatches (see :func:`_timed_app_class`)."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("ServiceCommunityBench")
        QCoreApplication.setApplicationName("ServiceCommunityBench")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="sc-bench-"))
        app = _timed_app_class()([])
    return app


def _timed_app_class() -> type:
    """A QApplication that times each event it dispatches from the event loop (one UI-thread task);
    events sent from inside another's handler are part of that task."""
    from PySide6.QtWidgets import QApplication

    class TimedApplication(QApplication):
        def __init__(self, argv: list[str]) -> None:
            super().__init__(argv)
            self.depth = 0
            self.longest = (0.0, 0.0, "")  # wall ms, thread CPU ms, event type

        def notify(self, receiver: Any, event: Any) -> bool:
            if self.depth:
                return super().notify(receiver, event)
            self.depth = 1
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return super().notify(receiver, event)
            finally:
                self.depth = 0
                wall = (time.perf_counter() - started) * 1000
                if wall > self.longest[0]:
                    self.longest = (wall, (time.thread_time() - cpu) * 1000, getattr(event.type(), "name", str(event.type())))

    return TimedApplication


def _ms(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _ms_both(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall and this thread's CPU milliseconds: CPU time is less swayed by other work on a shared
    machine, and it leaves out the map's worker thread."""
    started, cpu = time.perf_counter(), time.thread_time()
    fn()
    return (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000


def measure(steps: int, folder: Path) -> tuple[list[Row], list[tuple[str, float]], list[tuple[str, float]]]:
    """The figures for one size, and every interaction's time, wall and CPU (for the report)."""
    from servicecommunity.store.workspace import open_store
    from servicecommunity.testing import synthetic
    from ui import commands
    from ui.context import AppContext
    from ui.map.editing import Move
    from ui.map.view import JourneyMapView

    app = _app()
    bundle = synthetic.generate_bundle(seed=7, steps=steps, dependencies=3 * steps, blockers=4 * steps)
    from collections import Counter

    # the big journey (records in a bundle are sorted by id, so not necessarily the first)
    journey_id = Counter(s["journey_id"] for s in bundle["steps"]).most_common(1)[0][0]
    store = open_store(folder / f"canvas-{steps}.sqlite")
    synthetic.load(store, bundle)
    ctx = AppContext(store)
    view = JourneyMapView(ctx)
    view.resize(*VIEW_SIZE)
    view.show()
    app.processEvents()

    def paint() -> None:
        app.processEvents()
        view.viewport().repaint()

    def open_journey() -> None:
        ctx.set_journey(journey_id)
        view.show_start()
        paint()

    first, first_cpu = _ms_both(open_journey)
    scene = view.map_scene
    rows: list[Row] = [
        (f"{steps} steps: open and first paint", first, FIRST_PAINT_BUDGET_MS if steps >= 5000 else None, "ms"),
        (f"{steps} steps: open and first paint (CPU)", first_cpu, None, "ms"),
    ]
    view.zoom_to_fit()
    fit_first = _ms(view.viewport().repaint)
    fit_again = _ms(view.viewport().repaint)
    rows.append((f"{steps} steps: repaint after zoom to fit", fit_first, FIT_REPAINT_BUDGET_MS, "ms"))
    rows.append((f"{steps} steps: repaint again at fit", fit_again, FIT_REPAINT_BUDGET_MS, "ms"))

    data = scene.data
    assert data is not None and scene.layout is not None
    step = data.steps[len(data.steps) // 2]
    other_lane = next(lane for lane in scene.layout.lanes if lane.key and lane.key != step.owner_id)
    far = data.steps[-1]
    tasks: list[tuple[str, float]] = []
    cpu_tasks: list[tuple[str, float]] = []

    latencies: list[tuple[str, float]] = []
    kinds: dict[str, str] = {}

    timed = hasattr(app, "longest")

    def task(name: str, fn: Callable[[], Any]) -> None:
        # The handler (as a mouse or key event would run it) is one task; then each event it led to
        # (the map's refresh, on a big map a turn of the event loop of its own; the repaint) is
        # another, timed as the application dispatches it. Without the timing application (run
        # after another benchmark made a plain one), each processEvents() call counts as one task.
        started = time.perf_counter()
        handler = _ms_both(fn)
        slices = [handler]
        if timed:
            app.longest = (0.0, 0.0, "")
        for _ in range(50):
            slices.append(_ms_both(app.processEvents))
            if not (scene.refreshing or scene._pending is not None) and _ > 2:
                break
        if timed:
            slices = [handler, app.longest[:2]]
            # which event was the longest (the gesture's own handler, or the event type Qt dispatched)
            kinds[name] = "handler" if handler[1] >= app.longest[1] else app.longest[2].rsplit(".", 1)[-1]
        tasks.append((name, max(w for w, _ in slices)))
        cpu_tasks.append((name, max(c for _, c in slices)))
        latencies.append((name, (time.perf_counter() - started) * 1000))

    for i in range(4):
        task(f"zoom in {i + 1}", view.zoom_in)
    task("zoom to readable size", view.actual_size)
    box = scene.layout.cards[step.id]
    task("scroll to a card", lambda: view.centerOn(box.x, box.y))
    task("pan", lambda: view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 400))
    task("select a card", lambda: scene.set_selection([step.id], current=step.id))
    task("arrow key to the next card", lambda: view.navigate(1, 0))
    task("move a card to another lane", lambda: view.editor.move_steps(
        [Move(step.id, step.stage_id, None, other_lane.key, change_owner=True)], scene.data))
    task("undo the move", ctx.undo_stack.undo)
    task("redo the move", ctx.undo_stack.redo)
    added: list[str] = []
    task("add a step", lambda: added.append(view.editor.add_step(journey_id, step.stage_id, "A new step", owner_id=step.owner_id)))
    task("draw a dependency", lambda: view.editor.add_dependency(step.id, far.id))
    task("rename a step", lambda: view.editor.update_step(step.id, {"title": "Renamed in the workshop"}, {"title": step.title}))
    task("raise a blocker on it", lambda: commands.push(ctx, commands.CreateCommand(ctx, "blockers", {
        "community_id": bundle["communities"][0]["id"], "title": "Raised in the workshop", "severity": "critical",
        "step_ids": [step.id]})))
    task("delete the new step", lambda: view.editor.delete(step_ids=[a for a in added if a]))
    task("undo the delete", ctx.undo_stack.undo)
    task("select a whole lane", lambda: scene.set_selection([s.id for s in scene.data.steps if s.owner_id == other_lane.key]))
    task("zoom to fit", view.zoom_to_fit)
    task("zoom out of the overview", view.zoom_out)
    view.actual_size()
    app.processEvents()
    # the reference, in the same run: a plain repaint of the same scene (wall and this thread's CPU)
    repaint_wall, repaint_cpu = _ms_both(view.viewport().repaint)
    rows.append((f"{steps} steps: full repaint at readable size", repaint_wall, None, "ms"))
    rows.append((f"{steps} steps: full repaint at readable size (CPU)", repaint_cpu, None, "ms"))
    longest = max(tasks, key=lambda t: t[1])
    rows.append((f"{steps} steps: longest UI task ({longest[0]})", longest[1], TASK_BUDGET_MS, "ms"))
    slowest = max(latencies, key=lambda t: t[1])
    rows.append((f"{steps} steps: longest wait until the map shows a change ({slowest[0]})", slowest[1], None, "ms"))
    longest_cpu = max(cpu_tasks, key=lambda t: t[1])
    where = f", {kinds[longest_cpu[0]]}" if longest_cpu[0] in kinds else ""
    rows.append((f"{steps} steps: longest UI task, CPU ({longest_cpu[0]}{where})", longest_cpu[1], TASK_BUDGET_MS, "ms"))
    view.close()
    view.deleteLater()
    app.processEvents()
    ctx.undo_stack.clear()
    store.close()
    return rows, tasks, cpu_tasks


def run() -> list[Row]:
    quick = os.environ.get("SC_BENCH_QUICK") == "1"
    sizes = (200, 500) if quick else (1000, 5000)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="sc-bench-canvas-") as tmp:
        for steps in sizes:
            found, _tasks, _cpu = measure(steps, Path(tmp))
            rows.extend(found)
    return rows


def main() -> int:
    quick = os.environ.get("SC_BENCH_QUICK") == "1" or "--quick" in sys.argv
    sizes = (200, 500) if quick else (1000, 5000)
    if hasattr(os, "getloadavg"):  # the CPU figures are the steadier on a busy machine
        print("load average before: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="sc-bench-canvas-") as tmp:
        for steps in sizes:
            rows, tasks, cpu_tasks = measure(steps, Path(tmp))
            for name, value, budget, unit in rows:
                verdict = "" if budget is None else ("ok" if value <= budget else "OVER")
                print(f"{name:<60} {value:9.1f} {unit:<3} {'' if budget is None else f'(budget {budget:g})'} {verdict}")
            print("  interactions, longest task wall/CPU ms: "
                  + ", ".join(f"{n} {v:.0f}/{c:.0f}" for (n, v), (_n, c) in zip(tasks, cpu_tasks, strict=True)))
    if hasattr(os, "getloadavg"):
        print("load average after: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
