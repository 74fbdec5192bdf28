"""Deleting, changing a blocker's status, commenting and withdrawing an entry, by two people at once.

Each takes ``expected`` (the version the person saw): a delete of a record someone changed since,
or a status change of a blocker whose status someone changed since, is refused with the fresh
values and nothing written; a comment never conflicts. Runs on SQLite and, with ``--pg``, on
PostgreSQL (the ``demo_store`` fixture).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from servicecommunity import services
from servicecommunity.domain.errors import ConflictError
from servicecommunity.domain.models import Activity, Blocker, BlockerUpdate, Community, Step
from servicecommunity.store.workspace import Store


def _blocker(store: Store) -> Blocker:
    with store.session() as session:
        community = session.execute(select(Community.id).limit(1)).scalar_one()
        return services.create_blocker(session, data={"community_id": community, "title": "No shared address data",
                                                      "status": "open"}).value


def _read(store: Store, blocker_id: str) -> Blocker | None:
    with store.session() as session:
        return session.get(Blocker, blocker_id)


def _counts(store: Store, blocker_id: str) -> tuple[Any, ...]:
    with store.session() as session:
        blocker = session.get(Blocker, blocker_id)
        entries = session.execute(select(func.count()).select_from(BlockerUpdate)
                                  .where(BlockerUpdate.blocker_id == blocker_id)).scalar_one()
        activity = session.execute(select(func.count()).select_from(Activity)).scalar_one()
        return (None if blocker is None else (blocker.status, blocker.title, blocker.updated_at), entries, activity)


def test_a_stale_delete_is_refused_with_the_fresh_values_and_a_fresh_one_goes_through(demo_store: Store) -> None:
    blocker = _blocker(demo_store)
    seen = _read(demo_store, blocker.id)
    assert seen is not None
    with demo_store.session() as ann:  # Ann changes what the blocker is about
        services.update(ann, "blockers", blocker.id, data={"title": "No shared address register"},
                        expected=seen.updated_at)
    before = _counts(demo_store, blocker.id)
    with demo_store.session() as bob, pytest.raises(ConflictError) as refused:
        services.delete(bob, "blockers", blocker.id, expected=seen.updated_at, base={"title": seen.title})
    message = str(refused.value)
    assert "not deleted" in message and "its title is now “No shared address register”" in message
    assert refused.value.fields == {"title": "No shared address register"}
    assert refused.value.fresh["title"] == "No shared address register"
    assert _counts(demo_store, blocker.id) == before  # nothing written: still there, same version, no log
    # without base it is refused all the same (a delete is never put on top of a change)
    with demo_store.session() as bob, pytest.raises(ConflictError, match="not deleted"):
        services.delete(bob, "blockers", blocker.id, expected=seen.updated_at)
    assert _counts(demo_store, blocker.id) == before
    # Bob looks again and deletes from the fresh version: accepted; undo puts it back
    with demo_store.session() as bob:
        snapshot = services.delete(bob, "blockers", blocker.id, expected=refused.value.fresh["updated_at"]).value
    assert _read(demo_store, blocker.id) is None
    with demo_store.session() as bob:
        services.restore(bob, snapshot)
    restored = _read(demo_store, blocker.id)
    assert restored is not None and restored.title == "No shared address register"
    # redo: the delete again, from the restored version
    with demo_store.session() as bob:
        services.delete(bob, "blockers", blocker.id, expected=restored.updated_at)
    assert _read(demo_store, blocker.id) is None


def test_a_stale_delete_of_a_step_is_refused(demo_store: Store) -> None:
    with demo_store.session() as session:
        step = session.execute(select(Step).order_by(Step.id).limit(1)).scalars().one()
    emotion = -2 if step.emotion != -2 else 2
    with demo_store.session() as ann:
        services.update(ann, "steps", step.id, data={"emotion": emotion}, expected=step.updated_at)
    with demo_store.session() as bob, pytest.raises(ConflictError, match=f"its feeling is now “{emotion}”"):
        services.delete(bob, "steps", step.id, expected=step.updated_at, base={"title": step.title, "emotion": step.emotion})
    with demo_store.session() as session:
        assert session.get(Step, step.id) is not None


def test_without_expected_a_delete_behaves_as_before(demo_store: Store) -> None:
    blocker = _blocker(demo_store)
    with demo_store.session() as ann:
        services.update(ann, "blockers", blocker.id, data={"title": "Changed"})
    with demo_store.session() as bob:
        services.delete(bob, "blockers", blocker.id)
    assert _read(demo_store, blocker.id) is None


def test_a_stale_status_change_is_refused_and_one_after_other_fields_changed_goes_on_top(demo_store: Store) -> None:
    blocker = _blocker(demo_store)
    seen = _read(demo_store, blocker.id)
    assert seen is not None
    # Ann edits the description only: Bob's status change, which saw status "open", goes on top
    with demo_store.session() as ann:
        services.update(ann, "blockers", blocker.id, data={"description": "Ann's words"}, expected=seen.updated_at)
    with demo_store.session() as bob:
        entry = services.change_blocker_status(bob, blocker.id, status="in_progress", comment="on it",
                                               expected=seen.updated_at, base={"status": "open"}).value
    now = _read(demo_store, blocker.id)
    assert now is not None and (now.status, now.description) == ("in_progress", "Ann's words")
    assert now.updated_at > seen.updated_at
    # Carol still saw it open (and the old version): her change of the status is refused with the fresh status
    before = _counts(demo_store, blocker.id)
    with demo_store.session() as carol, pytest.raises(ConflictError) as refused:
        services.change_blocker_status(carol, blocker.id, status="resolved", comment="done, I think",
                                       expected=seen.updated_at, base={"status": "open"})
    assert "its status is now “in_progress”" in str(refused.value)
    assert refused.value.fields == {"status": "in_progress"}
    assert _counts(demo_store, blocker.id) == before  # no status, no comment, no log entry written
    # without base any change since is a refusal, as for update
    with demo_store.session() as carol, pytest.raises(ConflictError):
        services.change_blocker_status(carol, blocker.id, status="resolved", expected=seen.updated_at)
    # from the fresh version it goes through; the undo (withdraw) judged on the status works too
    with demo_store.session() as carol:
        services.change_blocker_status(carol, blocker.id, status="resolved", expected=refused.value.fresh["updated_at"],
                                       base={"status": "in_progress"})
    resolved = _read(demo_store, blocker.id)
    assert resolved is not None and resolved.status == "resolved" and resolved.resolved_on is not None
    # Bob's undo of his own status change (in_progress) is refused: Carol moved the status on since
    with demo_store.session() as bob, pytest.raises(ConflictError, match="its status is now “resolved”"):
        services.withdraw_blocker_update(bob, entry.id, expected=now.updated_at)
    assert _counts(demo_store, blocker.id)[0][0] == "resolved"


def test_a_comment_never_conflicts_and_a_comment_with_a_status_is_judged_on_the_status(demo_store: Store) -> None:
    blocker = _blocker(demo_store)
    seen = _read(demo_store, blocker.id)
    assert seen is not None
    with demo_store.session() as ann:
        services.update(ann, "blockers", blocker.id, data={"title": "Retitled", "severity": "high"},
                        expected=seen.updated_at)
    with demo_store.session() as bob:  # a stale version, yet a comment adds and loses nothing
        entry = services.comment_on_blocker(bob, blocker.id, comment="Seen at the workshop", expected=seen.updated_at).value
    after = _read(demo_store, blocker.id)
    assert after is not None and after.title == "Retitled" and after.updated_at > seen.updated_at
    # the comment is withdrawn (undo) from a stale version too: still no conflict
    with demo_store.session() as bob:
        services.withdraw_blocker_update(bob, entry.id, expected=seen.updated_at)
    with demo_store.session() as session:
        assert session.get(BlockerUpdate, entry.id) is None
    # the comment made with a status change: refused once the status moved on, the comment with it
    with demo_store.session() as ann:
        services.change_blocker_status(ann, blocker.id, status="escalated")
    before = _counts(demo_store, blocker.id)
    with demo_store.session() as bob, pytest.raises(ConflictError, match="status"):
        services.change_blocker_status(bob, blocker.id, status="resolved", comment="Sorted",
                                       expected=after.updated_at, base={"status": "open"})
    assert _counts(demo_store, blocker.id) == before


def test_a_stale_withdraw_of_a_status_change_by_the_same_person_goes_through_when_only_others_changed(demo_store: Store) -> None:
    blocker = _blocker(demo_store)
    seen = _read(demo_store, blocker.id)
    assert seen is not None
    with demo_store.session() as bob:
        entry = services.change_blocker_status(bob, blocker.id, status="in_progress", expected=seen.updated_at,
                                               base={"status": "open"}).value
    mine = _read(demo_store, blocker.id)
    assert mine is not None
    with demo_store.session() as ann:  # another field only
        services.update(ann, "blockers", blocker.id, data={"severity": "high"}, expected=mine.updated_at)
    with demo_store.session() as bob:  # Bob's undo: his status goes back, Ann's severity stays
        services.withdraw_blocker_update(bob, entry.id, expected=mine.updated_at)
    now = _read(demo_store, blocker.id)
    assert now is not None and (now.status, now.severity) == ("open", "high")
