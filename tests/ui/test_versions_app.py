"""Two windows on one workspace: an edit based on what someone else has changed since is refused,
never silently applied; an edit of another field goes on top; undo and redo of one's own edits work.

Run on one SQLite file opened twice (two stores, as two processes would) and, with a server, on a
team workspace (PostgreSQL; the ``pg_databases`` fixture skips, saying why, when there is none:
run with ``python scripts/pg_cluster.py run -- pytest tests/ui/test_versions_app.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from servicecommunity.services.queries import inspector as inspector_queries
from servicecommunity.store.workspace import open_store


def _titles(window: Any) -> dict[str, str]:
    return {s.id: s.title for s in window.scene.data.steps}


def _rename_inline(qtbot: Any, window: Any, step_id: str, title: str) -> None:
    """Double-click rename on the map: type the title, press Return."""
    window.canvas_view.edit_title(step_id)
    editor = window.canvas_view._editor_widget
    editor.setText(title)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _stored(where: str, step_id: str) -> dict[str, Any]:
    with open_store(where) as store, store.session() as session:
        record = inspector_queries.record(session, "steps", step_id)
    assert record is not None
    return record


def test_an_edit_based_on_an_old_read_is_refused_and_another_field_goes_on_top(
        qtbot: Any, shared_workspace: str, open_windows: list[Any]) -> None:
    from ui.mainwindow import open_window

    a, b = open_window(shared_workspace), open_window(shared_workspace)
    assert a is not None and b is not None
    open_windows.extend([a, b])
    a.ctx.stop_listening()  # window A has not heard of B's change yet (a team workspace tells within a second)
    step = a.scene.data.steps[0]
    assert _titles(b)[step.id] == step.title  # both show step X
    read_by_a = a.ctx.seen_version(step.id)
    assert read_by_a is not None

    _rename_inline(qtbot, b, step.id, "Renamed in window B")
    assert _stored(shared_workspace, step.id)["title"] == "Renamed in window B"

    # A renames X without having re-read it: refused, naming B's title; nothing overwritten
    entries = a.ctx.undo_stack.count()
    _rename_inline(qtbot, a, step.id, "Renamed in window A")
    assert _stored(shared_workspace, step.id)["title"] == "Renamed in window B"
    assert a.ctx.undo_stack.count() == entries  # the refused edit is not on the undo stack
    notice = a.editor.notice
    assert isinstance(notice, QMessageBox) and notice.isVisible() and not notice.isModal()
    assert "Renamed in window B" in notice.text()
    assert "Renamed in window B" in a.status_bar.currentMessage()
    qtbot.waitUntil(lambda: _titles(a)[step.id] == "Renamed in window B", timeout=3000)  # the map shows theirs

    # A changes another field of X based on its old read (the version it had before B's rename): on top
    old_channels = list(_stored(shared_workspace, step.id)["channels"])
    new_channels = sorted({*old_channels, "phone"}) if "phone" not in old_channels else [c for c in old_channels if c != "phone"]
    assert a.editor.update("steps", step.id, {"channels": new_channels}, {"channels": old_channels},
                           expected=read_by_a)
    stored = _stored(shared_workspace, step.id)
    assert stored["title"] == "Renamed in window B" and sorted(stored["channels"]) == sorted(new_channels)

    # undo and redo of one's own edit still work (each passes the version the other produced)
    a.ctx.undo_stack.undo()
    stored = _stored(shared_workspace, step.id)
    assert sorted(stored["channels"]) == sorted(old_channels) and stored["title"] == "Renamed in window B"
    a.ctx.undo_stack.redo()
    assert sorted(_stored(shared_workspace, step.id)["channels"]) == sorted(new_channels)
    assert a.ctx.undo_stack.count() == entries + 1

    # ...but undoing it after B changed the same field again is refused, nothing overwritten
    b_channels = ["paper"] if new_channels != ["paper"] else ["online"]
    assert b.editor.update("steps", step.id, {"channels": b_channels}, {"channels": new_channels}), b.status_bar.currentMessage()
    a.ctx.undo_stack.undo()
    assert _stored(shared_workspace, step.id)["channels"] == b_channels
    assert a.ctx.undo_stack.count() == entries  # taken off the history, not moved past

    # the notice offers to apply A's rename again, on top of B's
    notice.close()
    _rename_inline(qtbot, a, step.id, "Renamed in window A")  # A's map shows B's title now: not refused
    assert _stored(shared_workspace, step.id)["title"] == "Renamed in window A"


def test_a_refused_edit_can_be_applied_again_on_top(qtbot: Any, shared_workspace: str, open_windows: list[Any]) -> None:
    from ui.mainwindow import open_window

    a, b = open_window(shared_workspace), open_window(shared_workspace)
    assert a is not None and b is not None
    open_windows.extend([a, b])
    a.ctx.stop_listening()
    from sqlmodel import select

    from servicecommunity.domain.models import Member

    member = b.ctx.read(lambda s: s.exec(select(Member).order_by(Member.name)).first())
    b.ctx.set_member(member.id)  # the person using window B
    step = a.scene.data.steps[1]
    _rename_inline(qtbot, b, step.id, "B was first")
    _rename_inline(qtbot, a, step.id, "A insists")
    assert _stored(shared_workspace, step.id)["title"] == "B was first"
    notice = a.editor.notice
    assert notice is not None
    assert notice.text().startswith(f"{member.name}'s change won.") and "B was first" in notice.text()
    again = next(button for button in notice.buttons() if button.text() == "Apply mine again")
    entries = a.ctx.undo_stack.count()
    again.click()
    assert _stored(shared_workspace, step.id)["title"] == "A insists"
    assert a.ctx.undo_stack.count() == entries + 1
    qtbot.waitUntil(lambda: _titles(a)[step.id] == "A insists", timeout=3000)
    a.ctx.undo_stack.undo()  # back to B's title, the value it went on top of
    assert _stored(shared_workspace, step.id)["title"] == "B was first"


def test_moving_a_card_someone_else_renamed_goes_on_top_but_not_one_they_moved(
        qtbot: Any, shared_workspace: str, open_windows: list[Any]) -> None:
    from ui.mainwindow import open_window
    from ui.map.editing import Move

    a, b = open_window(shared_workspace), open_window(shared_workspace)
    assert a is not None and b is not None
    open_windows.extend([a, b])
    a.ctx.stop_listening()
    data = a.scene.data
    stages = [sid for sid, _ in data.stages]
    step = next(s for s in data.steps if s.stage_id == stages[0])
    _rename_inline(qtbot, b, step.id, "Renamed while A moves it")
    assert a.editor.move_steps([Move(step.id, stages[1], None, step.owner_id, change_owner=False)], data)
    stored = _stored(shared_workspace, step.id)
    assert stored["stage_id"] == stages[1] and stored["title"] == "Renamed while A moves it"
    a.ctx.undo_stack.undo()
    assert _stored(shared_workspace, step.id)["stage_id"] == stages[0]

    # B moves it to a third stage; A, not having heard, moves it back where A saw it: refused
    b_data = b.scene.data
    assert b.editor.move_steps([Move(step.id, stages[2], None, step.owner_id, change_owner=False)], b_data)
    entries = a.ctx.undo_stack.count()
    assert not a.editor.move_steps([Move(step.id, stages[1], None, step.owner_id, change_owner=False)], a.scene.data)
    assert _stored(shared_workspace, step.id)["stage_id"] == stages[2]
    assert a.ctx.undo_stack.count() == entries
    assert a.editor.notice is not None and "stage" in a.editor.notice.text()


def test_a_blocker_edited_elsewhere_while_its_form_is_open_is_not_overwritten(
        qtbot: Any, shared_workspace: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from servicecommunity import services
    from ui.context import AppContext
    from ui.panels.blockers import register
    from ui.panels.blockers.forms import BlockerForm

    told: list[str] = []
    monkeypatch.setattr(register, "show_error", lambda _parent, text: told.append(text))
    with open_store(shared_workspace) as store, open_store(shared_workspace) as elsewhere:
        ctx = AppContext(store)
        ctx.stop_listening()
        try:
            panel = register.BlockerRegister(ctx)
            qtbot.addWidget(panel)
            row = panel.model.rows()[0]

            def edit_meanwhile(title: str, changes: dict[str, Any]) -> Callable[..., dict[str, Any]]:
                def ask(_parent: Any, _choices: Any, initial: Any = None, **_kw: Any) -> dict[str, Any]:
                    with elsewhere.session() as session:  # someone else, while the form is open
                        services.update(session, "blockers", row.id, data={"title": title})
                    return {**initial, **changes}
                return ask

            monkeypatch.setattr(BlockerForm, "ask", edit_meanwhile("Their title", {"title": "My title"}))
            entries = ctx.undo_stack.count()
            assert not panel.edit_blocker(row.id)
            assert len(told) == 1 and "Their title" in told[0]
            assert ctx.undo_stack.count() == entries
            with elsewhere.session() as session:
                assert services.get(session, "blockers", row.id).title == "Their title"

            # another field, while they retitle it again: goes on top of theirs
            severity = "low" if row.severity != "low" else "high"
            monkeypatch.setattr(BlockerForm, "ask", edit_meanwhile("Their second title", {"severity": severity}))
            assert panel.edit_blocker(row.id)
            with elsewhere.session() as session:
                fresh = services.get(session, "blockers", row.id)
                assert (fresh.title, fresh.severity) == ("Their second title", severity)
            ctx.undo_stack.undo()
            with elsewhere.session() as session:
                fresh = services.get(session, "blockers", row.id)
                assert (fresh.title, fresh.severity) == ("Their second title", row.severity)
        finally:
            ctx.undo_stack.clear()
            ctx.close()


def test_a_new_data_item_for_a_step_someone_else_changed_is_refused_whole(
        qtbot: Any, shared_workspace: str, open_windows: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import dialogs
    from ui.mainwindow import open_window

    a, b = open_window(shared_workspace), open_window(shared_workspace)
    assert a is not None and b is not None
    open_windows.extend([a, b])
    a.ctx.stop_listening()
    step = a.scene.data.steps[2]
    a.scene.set_selection([step.id])
    qtbot.waitUntil(lambda: a.inspector.step_page.record_id == step.id, timeout=3000)
    theirs = sorted(_stored(shared_workspace, step.id)["data_item_ids"])[:-1]  # they untick one meanwhile
    assert b.editor.update("steps", step.id, {"data_item_ids": theirs},
                           {"data_item_ids": _stored(shared_workspace, step.id)["data_item_ids"]})
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: "Bank sort code")
    entries = a.ctx.undo_stack.count()
    a.inspector.new_data_item()
    assert a.ctx.undo_stack.count() == entries  # neither the item nor the tick
    assert sorted(_stored(shared_workspace, step.id)["data_item_ids"]) == theirs
    with open_store(shared_workspace) as store, store.session() as session:
        from sqlmodel import select

        from servicecommunity.domain.models import DataItem

        assert session.exec(select(DataItem).where(DataItem.name == "Bank sort code")).first() is None
    assert a.editor.notice is not None and a.status_bar.currentMessage()
