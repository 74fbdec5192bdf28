"""Two windows on one workspace: deleting, or changing a blocker's status, after someone else changed
the record is refused with their values (the window's notice and status bar), nothing written; a
comment never is; "Apply mine again" and undo/redo work. Runs on a file and (with a server, see
``tests/ui/conftest.py``'s ``shared_workspace``) on a team workspace on PostgreSQL.

Also: the status bar names the member (and their organisation) behind another person's change.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from servicecommunity import services
from servicecommunity.domain.models import Blocker, BlockerUpdate
from servicecommunity.store.workspace import open_store


def _stored(where: str, section: str, record_id: str) -> Any:
    with open_store(where) as store, store.session() as session:
        record = session.get(services.ENTITIES[section], record_id)
        if record is not None:
            session.expunge(record)
        return record


def _history(where: str, blocker_id: str) -> int:
    with open_store(where) as store, store.session() as session:
        return int(session.execute(select(func.count()).select_from(BlockerUpdate)
                                   .where(BlockerUpdate.blocker_id == blocker_id)).scalar_one())


def _refused_with(window: Any, text: str) -> QMessageBox:
    notice = window.editor.notice
    assert isinstance(notice, QMessageBox) and notice.isVisible() and not notice.isModal()
    assert text in notice.text(), notice.text()
    assert text in window.status_bar.currentMessage()
    return notice


def _apply_again(notice: QMessageBox) -> None:
    button = next(b for b in notice.buttons() if b.text() == "Apply mine again")
    button.click()


def _a_blocker(window: Any) -> Any:
    register = window.panels.register
    rows = [r for r in register.model.rows() if r.status == "open"]
    assert rows, "the demo has an open blocker"
    return register, rows[0]


def test_deleting_a_blocker_someone_else_changed_is_refused_then_applied_again(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any]) -> None:
    a, b = two_windows
    register, row = _a_blocker(a)  # what window A shows
    with b.ctx.store.session() as session:  # window B's person retitles it
        services.update(session, "blockers", row.id, data={"title": "Retitled in window B"})
    entries = a.ctx.undo_stack.count()
    assert not register.delete_blocker(row.id)
    assert _stored(shared_workspace, "blockers", row.id) is not None  # nothing deleted
    assert a.ctx.undo_stack.count() == entries
    notice = _refused_with(a, "its title is now “Retitled in window B”")
    assert "not deleted" in notice.text()
    # the person has seen theirs and still means it: the same delete, from the fresh version
    _apply_again(notice)
    assert _stored(shared_workspace, "blockers", row.id) is None
    assert a.ctx.undo_stack.count() == entries + 1
    a.ctx.undo_stack.undo()
    assert _stored(shared_workspace, "blockers", row.id).title == "Retitled in window B"
    a.ctx.undo_stack.redo()
    assert _stored(shared_workspace, "blockers", row.id) is None


def test_a_redo_of_a_delete_is_refused_once_someone_changed_what_the_undo_put_back(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any]) -> None:
    a, b = two_windows
    register, row = _a_blocker(a)
    assert register.delete_blocker(row.id)
    a.ctx.undo_stack.undo()
    with b.ctx.store.session() as session:
        services.update(session, "blockers", row.id, data={"severity": "critical" if row.severity != "critical" else "low"})
    a.ctx.undo_stack.redo()  # refused: taken off the history, said in one sentence
    assert _stored(shared_workspace, "blockers", row.id) is not None


def test_a_stale_status_change_is_refused_and_one_after_other_fields_changed_goes_on_top(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.panels.blockers import forms

    a, b = two_windows
    register, row = _a_blocker(a)
    # window B's person changes only the severity: A's status change goes on top of it
    severity = "critical" if row.severity != "critical" else "low"
    with b.ctx.store.session() as session:
        services.update(session, "blockers", row.id, data={"severity": severity})
    monkeypatch.setattr(forms.StatusDialog, "ask", classmethod(lambda _cls, _p, _current: ("in_progress", "on it")))
    assert register.change_status(row.id)
    stored = _stored(shared_workspace, "blockers", row.id)
    assert (stored.status, stored.severity) == ("in_progress", severity)
    a.ctx.undo_stack.undo()  # the status goes back; B's severity stays
    stored = _stored(shared_workspace, "blockers", row.id)
    assert (stored.status, stored.severity) == ("open", severity)
    a.ctx.undo_stack.redo()
    assert _stored(shared_workspace, "blockers", row.id).status == "in_progress"

    # now B escalates it while A still shows "in progress": A's "resolved" is refused, comment and all
    row = next(r for r in register.model.rows() if r.id == row.id)
    with b.ctx.store.session() as session:
        services.change_blocker_status(session, row.id, status="escalated")
    history = _history(shared_workspace, row.id)
    entries = a.ctx.undo_stack.count()
    monkeypatch.setattr(forms.StatusDialog, "ask", classmethod(lambda _cls, _p, _current: ("resolved", "sorted")))
    assert not register.change_status(row.id)
    assert _stored(shared_workspace, "blockers", row.id).status == "escalated"
    assert _history(shared_workspace, row.id) == history  # no status, no comment written
    assert a.ctx.undo_stack.count() == entries
    notice = _refused_with(a, "its status is now “escalated”")
    _apply_again(notice)  # on top of theirs, having seen it
    assert _stored(shared_workspace, "blockers", row.id).status == "resolved"


def test_a_comment_on_a_blocker_someone_else_changed_is_added(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.panels.blockers import forms

    a, b = two_windows
    register, row = _a_blocker(a)
    with b.ctx.store.session() as session:
        services.change_blocker_status(session, row.id, status="in_progress")
    history = _history(shared_workspace, row.id)
    monkeypatch.setattr(forms.CommentDialog, "ask", classmethod(lambda _cls, _p: "Seen at the workshop"))
    assert register.comment(row.id)
    assert _history(shared_workspace, row.id) == history + 1
    assert a.editor.notice is None
    a.ctx.undo_stack.undo()
    assert _history(shared_workspace, row.id) == history
    assert _stored(shared_workspace, "blockers", row.id).status == "in_progress"  # theirs stays


def test_deleting_a_step_someone_else_changed_is_refused_from_the_inspector_and_the_map(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any]) -> None:
    a, b = two_windows
    step = a.scene.data.steps[0]
    with b.ctx.store.session() as session:
        services.update(session, "steps", step.id, data={"title": "Renamed in window B"})
    entries = a.ctx.undo_stack.count()
    assert not a.editor.delete(step_ids=[step.id])  # the map: the version the window read with it
    assert _stored(shared_workspace, "steps", step.id) is not None
    assert a.ctx.undo_stack.count() == entries
    notice = _refused_with(a, "Renamed in window B")
    assert "not deleted" in notice.text()
    notice.close()
    # the inspector names what changed: it showed the old title
    a.editor.notice = None
    shown = {"title": step.title, "updated_at": "2000-01-01T00:00:00Z"}  # as a page read before the change
    assert not a.editor.delete(step_ids=[step.id], shown={step.id: shown})
    _refused_with(a, "its title is now “Renamed in window B”")
    # several at once, after B changed one again: nothing of the selection is deleted
    a.editor.notice.close()
    with b.ctx.store.session() as session:
        services.update(session, "steps", step.id, data={"title": "Renamed in window B again"})
    other = a.scene.data.steps[1]
    assert not a.editor.delete(step_ids=[other.id, step.id])
    assert _stored(shared_workspace, "steps", other.id) is not None
    assert a.ctx.undo_stack.count() == entries
    _refused_with(a, "Renamed in window B again")


def test_deleting_an_organisation_or_a_journey_someone_else_renamed_is_refused(
        qtbot: Any, shared_workspace: str, two_windows: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import dialogs
    from ui.panels.people import PeopleDialog

    a, b = two_windows
    people = PeopleDialog(a.ctx, a).people
    org = people.organisations.model.rows()[0]
    with b.ctx.store.session() as session:
        services.update(session, "organisations", org.id, data={"name": "Renamed in window B"})
    assert not people.delete("organisations", org.id)
    assert _stored(shared_workspace, "organisations", org.id) is not None
    _refused_with(a, "its name is now “Renamed in window B”").close()
    a.editor.notice = None

    journey_id = a.ctx.journey_id
    with b.ctx.store.session() as session:
        services.update(session, "journeys", journey_id, data={"name": "Journey renamed in B"})
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    assert not a.navigator.delete_journey()
    assert _stored(shared_workspace, "journeys", journey_id) is not None
    assert a.ctx.journey_id == journey_id  # the map still shows it
    notice = _refused_with(a, "its name is now “Journey renamed in B”")
    _apply_again(notice)
    assert _stored(shared_workspace, "journeys", journey_id) is None
    a.ctx.undo_stack.undo()
    assert _stored(shared_workspace, "journeys", journey_id) is not None


def test_the_status_bar_names_the_member_behind_a_change(qtbot: Any, shared_workspace: str,
                                                         two_windows: tuple[Any, Any]) -> None:
    if not shared_workspace.startswith("postgresql"):
        pytest.skip("a file has no live updates: nobody else writes it while it is open")
    a, b = two_windows
    a.ctx.start_listening()
    with b.ctx.store.session() as session:
        member = session.execute(select(services.ENTITIES["members"])
                                 .where(services.ENTITIES["members"].organisation_id.is_not(None))).scalars().first()
        organisation = session.get(services.ENTITIES["organisations"], member.organisation_id)
        name, short = member.name, organisation.short_name or organisation.name
    b.ctx.set_member(member.id)
    step = b.scene.data.steps[0]
    assert b.editor.update_step(step.id, {"title": "Changed by a member"}, {"title": step.title})
    qtbot.waitUntil(lambda: "changed" in a.status_bar.currentMessage(), timeout=5000)
    message = a.status_bar.currentMessage()
    assert f"{name} ({short}) changed steps" in message, message
    assert "postgres" not in message


def test_the_status_bar_names_the_login_when_no_member_is_known(qtbot: Any) -> None:
    from servicecommunity.store.listening import Author, ServerChange
    from ui.context import describe_remote

    notes = [ServerChange("steps", "alice", 1), ServerChange("blockers", "bob", 2)]
    text = describe_remote(notes, {"bob": Author("Bob Jones", "HMRC")})
    assert text.startswith("alice changed steps; Bob Jones (HMRC) changed blockers (")
    assert describe_remote(notes).startswith("alice changed steps; bob changed blockers")


def test_a_blocker_deleted_elsewhere_is_named_as_gone(qtbot: Any, shared_workspace: str,
                                                      two_windows: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.panels.blockers import register as register_module

    told: list[str] = []
    monkeypatch.setattr(register_module, "show_error", lambda _parent, text: told.append(text))
    a, b = two_windows
    register, row = _a_blocker(a)
    with b.ctx.store.session() as session:
        services.delete(session, "blockers", row.id)
    assert not register.delete_blocker(row.id)
    assert len(told) == 1 and "deleted" in told[0]
    with open_store(shared_workspace) as store, store.session() as session:
        assert session.get(Blocker, row.id) is None
