"""One person's desk for tests/ui/test_team_two_desks.py: the real main window, offscreen, on a team
workspace as that person's own PostgreSQL login, in a process of its own.

Run as ``python tests/ui/team_desk.py postgresql://login@.../db``. It reads one JSON command a line on
stdin and answers each with one line on stdout starting ``DESK `` followed by JSON (other output is
the app's own and is ignored by the test). Times are ``time.monotonic()`` (one clock for every
process on the machine), so the test can compare them across processes.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from sqlalchemy import event
from sqlalchemy.orm import Session

from servicecommunity import services
from ui import dialogs
from ui.app import create_app

last_commit = [0.0]


@event.listens_for(Session, "after_commit")
def _committed(_session: Any) -> None:
    last_commit[0] = time.monotonic()


def say(**reply: Any) -> None:
    sys.stdout.write("DESK " + json.dumps(reply) + "\n")
    sys.stdout.flush()


def main(url: str) -> int:
    app = create_app([])
    errors: list[str] = []
    dialogs.show_error = lambda _parent, *text: errors.append(str(text[-1]))  # type: ignore[assignment]
    from ui.mainwindow import open_window

    window = open_window(url)
    if window is None:
        say(ready=False, errors=errors)
        return 1
    commands: queue.Queue[dict[str, Any] | None] = queue.Queue()

    def read_stdin() -> None:
        for line in sys.stdin:
            if line.strip():
                commands.put(json.loads(line))
        commands.put(None)

    threading.Thread(target=read_stdin, daemon=True).start()
    watches: list[tuple[str, str, float]] = []  # (what, title, deadline): a title to look out for

    def step_titles() -> dict[str, str]:
        data = window.scene.data
        return {s.id: s.title for s in data.steps} if data is not None else {}

    def register_titles() -> list[str]:
        return [row.title for row in window.panels.register.model.rows()]

    def seen(what: str, title: str) -> bool:
        return title in (step_titles().values() if what == "step" else register_titles())

    def handle(cmd: dict[str, Any]) -> None:
        op = cmd["op"]
        if op == "map":
            step = window.scene.data.steps[0]
            say(op=op, step_id=step.id, title=step.title, listening=window.ctx.team_watcher is not None)
        elif op == "watch":  # answered when the title shows (or at the deadline)
            watches.append((cmd["what"], cmd["title"], time.monotonic() + cmd["timeout"]))
        elif op == "rename":  # double-click rename on the map: type the title, press Return
            entries = window.ctx.undo_stack.count()
            last_commit[0] = 0.0
            started = time.monotonic()
            window.canvas_view.edit_title(cmd["step_id"])
            editor = window.canvas_view._editor_widget
            editor.setText(cmd["title"])
            QTest.keyClick(editor, Qt.Key.Key_Return)
            notice = window.editor.notice
            say(op=op, started=started, committed=last_commit[0] or None,
                done=window.ctx.undo_stack.count() == entries + 1,
                notice=notice.text() if notice is not None and notice.isVisible() else None,
                status=window.status_bar.currentMessage(), titles=step_titles())
        elif op == "stop_listening":
            window.ctx.stop_listening()
            say(op=op)
        elif op == "start_listening":
            window.ctx.start_listening()
            say(op=op, listening=window.ctx.team_watcher is not None)
        elif op == "blocker":  # raised through the service layer, as the register's form does
            last_commit[0] = 0.0
            blocker = window.ctx.run(services.create_blocker, data=cmd["data"])
            say(op=op, id=blocker.id, committed=last_commit[0] or None)
        elif op == "register":
            say(op=op, titles=register_titles())
        elif op == "quit":
            say(op=op)
            window.close()
            app.quit()
        else:
            say(op=op, error="unknown command")

    def tick() -> None:
        now = time.monotonic()
        for watch in list(watches):
            what, title, deadline = watch
            if seen(what, title) or now > deadline:
                watches.remove(watch)
                say(op="watch", what=what, title=title, shown=seen(what, title), at=now)
        try:
            cmd = commands.get_nowait()
        except queue.Empty:
            return
        if cmd is None:
            app.quit()
            return
        try:
            handle(cmd)
        except Exception as exc:  # the test reads the sentence rather than waiting for a reply forever
            say(op=cmd.get("op"), error=f"{type(exc).__name__}: {exc}")

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(2)
    say(ready=True, errors=errors, listening=window.ctx.team_watcher is not None, pid=os.getpid())
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
