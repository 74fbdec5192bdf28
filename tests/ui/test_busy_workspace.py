"""An edit in the app while another program holds the workspace's write lock: one sentence, no entry."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from servicecommunity.store import workspace as store_module
from ui import dialogs
from ui.context import AppContext
from ui.map.view import JourneyMapView

BUSY = "Another program is writing to this workspace; try again in a moment."


def test_an_edit_that_gives_up_on_the_lock_tells_the_user_and_leaves_no_undo_entry(
    qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    ctx.store.engine.dispose()  # new connections take the short timeout
    view = JourneyMapView(ctx)
    qtbot.addWidget(view)
    messages: list[str] = []
    view.editor.error.connect(messages.append)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, text: shown.append((title, text)))
    step = view.map_scene.data.steps[0]
    assert ctx.store.path is not None
    writer = sqlite3.connect(ctx.store.path, timeout=0, isolation_level=None)  # a command-line import, say
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert not view.editor.update_step(step.id, {"title": "Renamed"}, {"title": step.title})
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert messages == [BUSY]
    assert shown == [("That change was not made", BUSY)]  # the map shows it in a message box
    assert ctx.undo_stack.count() == 0
    assert view.editor.update_step(step.id, {"title": "Renamed"}, {"title": step.title})  # free again: it works
    assert ctx.undo_stack.count() == 1
