"""Two windows on one workspace: a delete that would take a record added since the person was asked
(a step added to the stage, a note to one of the journey's steps) is refused in one sentence naming
it, nothing deleted, and "Apply mine again" deletes what it takes now; a hand-off deleted from the
map and a note deleted from the inspector's thread pass the version the window read. Runs on a file
and (with a server, see ``tests/ui/conftest.py``'s ``shared_workspace``) on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from servicecommunity import services
from servicecommunity.domain.models import Community, Step
from servicecommunity.services import notes
from servicecommunity.store.workspace import open_store


def _stored(where: str, section: str, record_id: str) -> Any:
    with open_store(where) as store, store.session() as session:
        return session.get(services.ENTITIES[section], record_id) is not None


def _steps(where: str) -> int:
    with open_store(where) as store, store.session() as session:
        return int(session.execute(select(func.count()).select_from(Step)).scalar_one())


def _refused_with(window: Any, text: str) -> QMessageBox:
    notice = window.editor.notice
    assert isinstance(notice, QMessageBox) and notice.isVisible()
    assert text in notice.text(), notice.text()
    assert text in window.status_bar.currentMessage()
    return notice


def _apply_again(notice: QMessageBox) -> None:
    next(b for b in notice.buttons() if b.text() == "Apply mine again").click()


def _member(window: Any, name: str) -> str:
    with window.ctx.store.session() as session:
        community = session.execute(select(Community.id).limit(1)).scalar_one()
        return services.create(session, "members", data={"community_id": community, "name": name}).value.id


def test_a_stage_delete_on_the_map_refuses_a_step_added_while_the_person_was_asked(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import dialogs

    a, b = two_windows
    bob = _member(b, "Bob")
    stage_id = next(s.stage_id for s in a.scene.data.steps)
    added: list[str] = []

    def confirm(*_args: Any, **_kwargs: Any) -> bool:  # while A reads "Delete the stage and its 3 steps?"
        with b.ctx.store.session() as session:
            added.append(services.create(session, "steps", data={
                "journey_id": a.ctx.journey_id, "stage_id": stage_id, "title": "Pay the fee"}, actor_id=bob).value.id)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    entries, steps = a.ctx.undo_stack.count(), _steps(shared_workspace)
    a.canvas_view.delete_stage(stage_id)
    assert _stored(shared_workspace, "stages", stage_id) and _steps(shared_workspace) == steps + 1  # Bob's
    assert a.ctx.undo_stack.count() == entries
    notice = _refused_with(a, "Since you looked, Bob added the step “Pay the fee” to this stage, so it was not deleted.")
    _apply_again(notice)  # A has seen it and still means it: the stage goes, Bob's step with it
    assert not _stored(shared_workspace, "stages", stage_id) and not _stored(shared_workspace, "steps", added[0])
    a.ctx.undo_stack.undo()
    assert _stored(shared_workspace, "steps", added[0])


def test_a_journey_delete_refuses_a_note_added_while_the_person_was_asked(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import dialogs

    a, b = two_windows
    cara = _member(b, "Cara")
    journey_id, step_id = a.ctx.journey_id, a.scene.data.steps[0].id

    def confirm(*_args: Any, **_kwargs: Any) -> bool:
        with b.ctx.store.session() as session:
            notes.add_note(session, step_id=step_id, body="Ask HMRC about the form", author_id=cara)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    assert not a.navigator.delete_journey()
    assert _stored(shared_workspace, "journeys", journey_id) and a.ctx.journey_id == journey_id
    _refused_with(a, "Since you looked, Cara added the note “Ask HMRC about the form” to this journey")


def test_a_hand_off_deleted_from_the_map_passes_the_version_the_map_read(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any]) -> None:
    a, b = two_windows
    dep = a.scene.data.dependencies[0]
    assert dep.updated_at is not None  # the map keeps the hand-off's version
    with b.ctx.store.session() as session:
        services.update(session, "dependencies", dep.id, data={"agreed": not dep.agreed})
    a.canvas_view.map_scene.set_selection([], [dep.id])
    entries = a.ctx.undo_stack.count()
    a.canvas_view.delete_selection()  # the context menu's Delete and the Delete key
    assert _stored(shared_workspace, "dependencies", dep.id) and a.ctx.undo_stack.count() == entries
    _apply_again(_refused_with(a, "not deleted"))
    assert not _stored(shared_workspace, "dependencies", dep.id)


def test_a_note_deleted_from_the_thread_passes_the_version_the_thread_read(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any]) -> None:
    a, b = two_windows
    step_id = a.scene.data.steps[0].id
    with a.ctx.store.session() as session:
        note_id = notes.add_note(session, step_id=step_id, body="Ask HMRC").value.id
    a.canvas_view.map_scene.set_selection([step_id])
    thread = a.inspector.step_page.notes
    thread.load(step_id)
    assert len(thread.entries()) == 1
    with b.ctx.store.session() as session:  # B changes the note's words
        notes.edit_note(session, note_id, body="Ask HMRC and Companies House")
    thread.list.setCurrentRow(0)
    thread.delete_button.click()
    assert _stored(shared_workspace, "notes", note_id)
    _apply_again(_refused_with(a, "“Ask HMRC and Companies House”"))
    assert not _stored(shared_workspace, "notes", note_id)
