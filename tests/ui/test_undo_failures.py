"""Undo and redo that fail: the stack stays honest, the workspace is rolled back, the user is told.

A change can fail when it is undone or redone: another program (or another window) deleted the
record meanwhile, the disk is full, the file is locked. Qt's stack would move on as if it had
worked; here the failed entry leaves the history (nothing stays undoable or redoable that cannot
be), a macro is all or nothing, and the map editor reports one sentence.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import OperationalError

from servicecommunity import services
from servicecommunity.domain.errors import NotFoundError, ValidationError
from servicecommunity.domain.models import Step
from ui import dialogs
from ui.context import AppContext
from ui.map.editing import Move, _place_of
from ui.map.view import JourneyMapView


@pytest.fixture
def view(qtbot: Any, ctx: AppContext) -> JourneyMapView:
    widget = JourneyMapView(ctx)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The message boxes the map shows (its editor's errors), recorded instead of shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, text: shown.append((title, text)))
    return shown


def told(view: JourneyMapView) -> list[str]:
    """What the editor tells the user (the map shows it in a message box, the window in its status bar)."""
    messages: list[str] = []
    view.editor.error.connect(messages.append)
    return messages


def settle() -> None:
    """Let the failure be told: it is, once Qt has finished with the stack."""
    QCoreApplication.processEvents()


def delete_elsewhere(ctx: AppContext, section: str, record_id: str) -> None:
    """Delete a record through the service layer in a session of its own (another window, say)."""
    with ctx.store.session() as session:
        services.delete(session, section, record_id)


def step_row(ctx: AppContext, step_id: str) -> Step | None:
    return ctx.read(lambda s: s.get(Step, step_id))


def test_a_redo_that_fails_leaves_the_history_and_says_why(view: JourneyMapView) -> None:
    ctx, step = view.ctx, view.map_scene.data.steps[0]
    messages = told(view)
    assert view.editor.update_step(step.id, {"title": "Renamed"}, {"title": step.title})
    ctx.undo_stack.undo()
    delete_elsewhere(ctx, "steps", step.id)

    ctx.undo_stack.redo()
    settle()

    stack = ctx.undo_stack
    assert (stack.count(), stack.index(), stack.canRedo(), stack.canUndo()) == (0, 0, False, False)
    assert len(messages) == 1
    assert messages[0].startswith("Could not redo “Edit step”")
    assert "taken off the undo history" in messages[0] and "Unknown step" in messages[0]
    assert step_row(ctx, step.id) is None


def test_an_undo_that_fails_leaves_the_history_and_the_entries_below(view: JourneyMapView) -> None:
    ctx, data = view.ctx, view.map_scene.data
    first = data.steps[0]
    messages = told(view)
    assert view.editor.update_step(first.id, {"title": "Kept"}, {"title": first.title})
    added = view.editor.add_step(data.journey_id, first.stage_id, "Added, then deleted elsewhere")
    assert added is not None and ctx.undo_stack.count() == 2
    delete_elsewhere(ctx, "steps", added)

    ctx.undo_stack.undo()  # the add: its record is gone already
    settle()

    stack = ctx.undo_stack
    assert (stack.count(), stack.index(), stack.canRedo()) == (1, 1, False)
    assert stack.undoText() != "" and messages and messages[0].startswith("Could not undo “Add step")
    stack.undo()  # the entry below still works
    assert step_row(ctx, first.id).title == first.title


def test_a_macro_that_fails_halfway_through_a_redo_is_rolled_back(view: JourneyMapView) -> None:
    ctx, scene = view.ctx, view.map_scene
    picked = scene.data.steps[:3]
    target_stage = scene.data.stages[-1][0]
    messages = told(view)
    assert view.editor.move_steps([Move(s.id, target_stage, None, s.owner_id, change_owner=False) for s in picked],
                                  scene.data)
    ctx.undo_stack.undo()
    delete_elsewhere(ctx, "steps", picked[1].id)
    before = {s.id: ctx.read(lambda session, sid=s.id: _place_of(session, sid)) for s in (picked[0], picked[2])}

    ctx.undo_stack.redo()
    settle()

    assert (ctx.undo_stack.count(), ctx.undo_stack.index()) == (0, 0)
    # all or nothing: the first card's move was taken back, the third was not made
    assert {sid: ctx.read(lambda session, sid=sid: _place_of(session, sid)) for sid in before} == before
    assert len(messages) == 1 and messages[0].startswith("Could not redo “Move 3 steps”")


def test_a_macro_refused_halfway_leaves_nothing_to_redo(view: JourneyMapView, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, steps = view.ctx, view.map_scene.data.steps
    messages = told(view)
    real_update = services.update

    def update(session: Any, section: str, record_id: str, **kwargs: Any) -> Any:
        if record_id == steps[1].id:
            raise ValidationError("That title is refused.")
        return real_update(session, section, record_id, **kwargs)

    monkeypatch.setattr(services, "update", update)
    edits = [(s.id, {"title": f"New {i}"}, {"title": s.title}) for i, s in enumerate(steps[:3])]

    assert not view.editor.update_many("steps", edits, "Rename 3 steps")

    assert (ctx.undo_stack.count(), ctx.undo_stack.canRedo()) == (0, False)
    assert step_row(ctx, steps[0].id).title == steps[0].title
    assert messages == ["That title is refused."]


def test_deleting_skips_a_record_already_gone_by_its_error_type(view: JourneyMapView,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A record gone with an earlier deletion is skipped because of what the error is, not what it says."""
    ctx, steps = view.ctx, view.map_scene.data.steps
    gone = steps[1].id
    real_delete = services.delete

    def delete(session: Any, section: str, record_id: str, **kwargs: Any) -> Any:
        if record_id == gone:
            raise NotFoundError("That step was deleted meanwhile.")
        return real_delete(session, section, record_id, **kwargs)

    monkeypatch.setattr(services, "delete", delete)
    messages = told(view)

    assert view.editor.delete(step_ids=[steps[0].id, gone])

    assert messages == [] and ctx.undo_stack.count() == 1
    assert step_row(ctx, steps[0].id) is None


def test_deleting_reports_a_refusal_that_merely_mentions_unknown(view: JourneyMapView,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, steps = view.ctx, view.map_scene.data.steps
    real_delete = services.delete

    def delete(session: Any, section: str, record_id: str, **kwargs: Any) -> Any:
        if record_id == steps[1].id:
            raise ValidationError("Unknown reasons keep this step here.")
        return real_delete(session, section, record_id, **kwargs)

    monkeypatch.setattr(services, "delete", delete)
    messages = told(view)

    assert not view.editor.delete(step_ids=[steps[0].id, steps[1].id])

    assert messages == ["Unknown reasons keep this step here."]
    assert (ctx.undo_stack.count(), ctx.undo_stack.canRedo()) == (0, False)
    assert step_row(ctx, steps[0].id) is not None  # the first deletion was taken back


def test_an_unexpected_error_in_a_redo_is_logged_and_reported(view: JourneyMapView, monkeypatch: pytest.MonkeyPatch,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    ctx, step = view.ctx, view.map_scene.data.steps[0]
    messages = told(view)
    assert view.editor.update_step(step.id, {"title": "Renamed"}, {"title": step.title})
    ctx.undo_stack.undo()

    def locked(*_args: Any, **_kwargs: Any) -> Any:
        raise OperationalError("UPDATE step", {}, Exception("database is locked"))

    monkeypatch.setattr(services, "update", locked)
    with caplog.at_level(logging.ERROR, logger="ui.commands"):
        ctx.undo_stack.redo()
    settle()

    assert (ctx.undo_stack.count(), ctx.undo_stack.index()) == (0, 0)
    assert len(messages) == 1 and "unexpected error" in messages[0] and "log" in messages[0]
    assert step_row(ctx, step.id).title == step.title
    record = next(r for r in caplog.records if r.name == "ui.commands")
    assert record.exc_info is not None and "database is locked" in caplog.text


def test_the_window_shows_a_failed_undo_in_its_status_bar(main_window: Any) -> None:
    ctx = main_window.ctx
    data = main_window.canvas_view.map_scene.data
    added = main_window.canvas_view.editor.add_step(data.journey_id, data.steps[0].stage_id, "Soon gone")
    delete_elsewhere(ctx, "steps", added)

    main_window.actions["undo"].trigger()
    settle()

    assert main_window.status_bar.currentMessage().startswith("Could not undo “Add step")
    assert ctx.undo_stack.count() == 0
