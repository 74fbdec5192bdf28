"""A delete that would take records the person never saw: ``services.delete(..., seen=)``.

Deleting a stage, a journey, a step or an organisation takes (or changes) what belongs to it. The
front end reads what the deletion reaches when it asks the person (``services.deletion_reach``) and
passes it as ``seen``; a record someone added since is refused with one sentence naming it, and
nothing is written. Runs on SQLite and, with ``--pg``, on PostgreSQL (the ``demo_store`` fixture).
"""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from servicecommunity import services
from servicecommunity.domain.errors import ConflictError
from servicecommunity.domain.models import (
    Activity,
    Community,
    Note,
    Organisation,
    Stage,
    Step,
    Tombstone,
)
from servicecommunity.services import notes
from servicecommunity.store.workspace import Store


def _member(store: Store, name: str) -> str:
    with store.session() as session:
        community = session.execute(select(Community.id).limit(1)).scalar_one()
        return services.create(session, "members", data={"community_id": community, "name": name}).value.id


def _stage(store: Store) -> Stage:
    with store.session() as session:  # a stage with steps
        return session.execute(select(Stage).join(Step, Step.stage_id == Stage.id)  # type: ignore[arg-type]
                               .order_by(Stage.id).limit(1)).scalars().one()


def _reach(store: Store, section: str, record_id: str) -> frozenset[str]:
    with store.session() as session:
        return services.deletion_reach(session, section, record_id)


def _counts(store: Store) -> tuple[Any, ...]:
    with store.session() as session:
        return tuple(session.execute(select(func.count()).select_from(model)).scalar_one()
                     for model in (Stage, Step, Note, Tombstone, Activity))


def test_a_stage_delete_refuses_a_step_added_since_and_names_it(demo_store: Store) -> None:
    bob = _member(demo_store, "Bob")
    stage = _stage(demo_store)
    seen = _reach(demo_store, "stages", stage.id)  # Ann is asked "delete the stage and its 3 steps?"
    assert stage.id in seen and len(seen) > 1
    with demo_store.session() as session:  # meanwhile Bob adds a step to it
        added = services.create(session, "steps", data={"journey_id": stage.journey_id, "stage_id": stage.id,
                                                        "title": "Pay the fee"}, actor_id=bob).value
    before = _counts(demo_store)
    with demo_store.session() as ann, pytest.raises(ConflictError) as refused:
        services.delete(ann, "stages", stage.id, seen=seen)
    assert str(refused.value) == ("Since you looked, Bob added the step “Pay the fee” to this stage, "
                                  "so it was not deleted.")
    assert _counts(demo_store) == before  # nothing written
    assert added.id in refused.value.fresh["reach"] and refused.value.fresh["id"] == stage.id
    # Ann sees what it takes now and deletes it all ("Apply mine again")
    with demo_store.session() as ann:
        services.delete(ann, "stages", stage.id, seen=refused.value.fresh["reach"])
    with demo_store.session() as session:
        assert session.get(Stage, stage.id) is None and session.get(Step, added.id) is None


def test_what_was_seen_goes_through_and_without_seen_as_before(demo_store: Store) -> None:
    stage = _stage(demo_store)
    with demo_store.session() as ann:
        services.delete(ann, "stages", stage.id, seen=_reach(demo_store, "stages", stage.id))
    with demo_store.session() as session:
        assert session.get(Stage, stage.id) is None
        other = session.execute(select(Stage).order_by(Stage.id).limit(1)).scalars().one()
        services.create(session, "steps", data={"journey_id": other.journey_id, "stage_id": other.id,
                                                "title": "Pay the fee"})
    with demo_store.session() as ann:  # no seen: the new step goes with it, as before
        services.delete(ann, "stages", other.id)
    with demo_store.session() as session:
        assert session.get(Stage, other.id) is None
        assert not session.execute(select(Step).where(Step.title == "Pay the fee")).first()


def test_a_journey_delete_names_a_note_added_to_one_of_its_steps(demo_store: Store) -> None:
    cara = _member(demo_store, "Cara")
    stage = _stage(demo_store)
    seen = _reach(demo_store, "journeys", stage.journey_id)
    with demo_store.session() as session:
        step = session.execute(select(Step).where(Step.stage_id == stage.id).limit(1)).scalars().one()
        notes.add_note(session, step_id=step.id, body="Ask HMRC about the form", author_id=cara)
    before = _counts(demo_store)
    with demo_store.session() as ann, pytest.raises(ConflictError, match="^" + re.escape(
            "Since you looked, Cara added the note “Ask HMRC about the form” to this journey, so it was not deleted.") + "$"):
        services.delete(ann, "journeys", stage.journey_id, seen=seen)
    assert _counts(demo_store) == before


def test_a_step_delete_and_an_organisation_delete_refuse_what_was_added(demo_store: Store) -> None:
    stage = _stage(demo_store)
    with demo_store.session() as session:
        step, other = session.execute(select(Step).where(Step.journey_id == stage.journey_id)
                                      .order_by(Step.id).limit(2)).scalars().all()
        org = session.execute(select(Organisation).order_by(Organisation.name).limit(1)).scalars().one()
    seen_step = _reach(demo_store, "steps", step.id)
    seen_org = _reach(demo_store, "organisations", org.id)
    with demo_store.session() as session:  # someone (no member named) adds a hand-off and an owned step
        services.create(session, "dependencies", data={"from_step_id": other.id,
                                                       "to_step_id": step.id})
        services.create(session, "steps", data={"journey_id": stage.journey_id, "stage_id": stage.id,
                                                "title": "Register the name", "owner_id": org.id})
    before = _counts(demo_store)
    with demo_store.session() as ann, pytest.raises(ConflictError, match="^" + re.escape(
            f"Since you looked, someone else added the hand-off “{other.title} → {step.title}” to this step, "
            "so it was not deleted.") + "$"):
        services.delete(ann, "steps", step.id, seen=seen_step)
    with demo_store.session() as ann, pytest.raises(ConflictError, match="^" + re.escape(
            "Since you looked, someone else added the step “Register the name” to this organisation, "
            "so it was not deleted.") + "$"):
        services.delete(ann, "organisations", org.id, seen=seen_org, expected=org.updated_at)
    assert _counts(demo_store) == before


def test_a_step_being_added_while_the_stage_is_deleted_is_never_taken_silently(demo_store: Store) -> None:
    """Bob's insert is written but not committed when Ann's delete begins: on PostgreSQL the delete
    holds the stage's records FOR UPDATE, on SQLite it takes the write lock before it reads: either
    way it waits for Bob's commit, then sees the step and is refused."""
    stage = _stage(demo_store)
    seen = _reach(demo_store, "stages", stage.id)
    outcome: list[BaseException | None] = []
    with demo_store.session() as bob:
        step = Step(journey_id=stage.journey_id, stage_id=stage.id, title="Pay the fee", position=99)
        bob.add(step)
        bob.flush()  # written, not committed

        def ann() -> None:
            try:
                with demo_store.session() as session:
                    services.delete(session, "stages", stage.id, seen=seen)
                outcome.append(None)
            except BaseException as exc:
                outcome.append(exc)

        thread = threading.Thread(target=ann)
        thread.start()
        thread.join(0.5)
        bob.commit()
    thread.join(30)
    assert outcome and outcome[0] is not None, "the delete went through and took Bob's step"
    assert isinstance(outcome[0], ConflictError) and "the step “Pay the fee”" in str(outcome[0]), outcome
    with demo_store.session() as session:
        assert session.get(Stage, stage.id) is not None and session.get(Step, step.id) is not None
