"""The service layer: validation, one transaction per call, changes reports, delete and restore."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from servicecommunity import services
from servicecommunity.domain.errors import NotFoundError, ValidationError
from servicecommunity.domain.models import (
    Activity,
    Blocker,
    BlockerUpdate,
    Dependency,
    Stage,
    Step,
    Tombstone,
)
from servicecommunity.exchange import bundle
from servicecommunity.store.workspace import Store
from tests.core.builders import small_journey


def _snapshot(session: Session) -> str:
    session.expire_all()
    return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


def test_create_reports_what_changed_and_logs_activity(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        result = services.create_step(
            s, data={"journey_id": b.journey, "stage_id": b.stages["Tax"], "title": "D"}, actor_id=None
        )
        assert result.changes.sections == {"steps"}
        assert result.value.id in result.changes.ids
        assert result.value.position == 2  # after B and C in Tax
        logged = s.scalars(select(Activity).where(Activity.entity_id == result.value.id)).all()
        assert [a.action for a in logged] == ["create"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "title"),
        ({"emotion": 3}, "feeling"),
        ({"channels": ["carrier pigeon"]}, "channels"),
        ({"completion_rate": 140}, "completion rate"),
        ({"owner_id": "no-such-org"}, "Unknown organisation"),
        ({"colour": "#fff"}, "has no field 'colour'"),
    ],
)
def test_bad_step_fields_are_refused_and_nothing_is_written(store: Store, data: dict, message: str) -> None:
    with store.session() as s:
        b = small_journey(s)
        before = _snapshot(s)
        with pytest.raises(ValidationError, match=message):
            services.create_step(s, data={"journey_id": b.journey, "stage_id": b.stages["Tax"], "title": "X", **data})
        assert _snapshot(s) == before


def test_step_of_another_journeys_stage_is_refused(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        other = services.create(s, "journeys", data={"community_id": b.community, "name": "Other"}).value
        with pytest.raises(ValidationError, match="another journey"):
            services.create_step(s, data={"journey_id": other.id, "stage_id": b.stages["Tax"], "title": "X"})


def test_dependency_rules(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        with pytest.raises(ValidationError, match="cannot depend on itself"):
            services.create_dependency(s, data={"from_step_id": b.steps["A"], "to_step_id": b.steps["A"]})
        with pytest.raises(ValidationError, match="already have"):
            services.create_dependency(
                s, data={"from_step_id": b.steps["A"], "to_step_id": b.steps["B"], "kind": "data_handoff"}
            )
        with pytest.raises(NotFoundError, match="Unknown step"):
            services.create_dependency(s, data={"from_step_id": b.steps["A"], "to_step_id": "nope"})
        other = services.create(s, "journeys", data={"community_id": b.community, "name": "Other"}).value
        stage = services.create(s, "stages", data={"journey_id": other.id, "name": "S"}).value
        far = services.create_step(s, data={"journey_id": other.id, "stage_id": stage.id, "title": "Far"}).value
        with pytest.raises(ValidationError, match="same journey"):
            services.create_dependency(s, data={"from_step_id": b.steps["A"], "to_step_id": far.id})


def test_record_of_another_community_is_refused(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        other = services.create(s, "communities", data={"name": "Learning to drive"}).value
        dvla = services.create(s, "organisations", data={"community_id": other.id, "name": "DVLA"}).value
        with pytest.raises(ValidationError, match="another community"):
            services.update_step(s, b.steps["A"], data={"owner_id": dvla.id})


def test_update_changes_only_what_is_set(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        step = s.get(Step, b.steps["A"])
        before = step.updated_at
        services.update_step(s, b.steps["A"], data={"pain_points": "Asked for the NI number again"})
        s.refresh(step)
        assert step.pain_points == "Asked for the NI number again"
        assert step.title == "A" and step.owner_id == b.orgs["CH"]
        assert step.updated_at > before
        with pytest.raises(ValidationError, match="cannot be empty"):
            services.update_step(s, b.steps["A"], data={"title": None})


def test_move_step_to_another_stage_and_lane_renumbers_both_stages(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        services.move_step(s, b.steps["B"], stage_id=b.stages["Register"], position=0, owner_id=None, change_owner=True)
        s.expire_all()
        moved = s.get(Step, b.steps["B"])
        assert (moved.stage_id, moved.position, moved.owner_id) == (b.stages["Register"], 0, None)
        assert s.get(Step, b.steps["A"]).position == 1
        assert s.get(Step, b.steps["C"]).position == 0


def test_reorder_stages_needs_every_stage_once(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        services.reorder_stages(s, b.journey, [b.stages["Tax"], b.stages["Register"]])
        s.expire_all()
        assert s.get(Stage, b.stages["Tax"]).position == 0
        with pytest.raises(ValidationError, match="exactly once"):
            services.reorder_stages(s, b.journey, [b.stages["Tax"]])


def test_deleting_a_stage_takes_its_steps_and_their_dependencies_and_leaves_tombstones(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        before = _snapshot(s)
        result = services.delete(s, "stages", b.stages["Register"])
        assert s.get(Step, b.steps["A"]) is None
        assert s.get(Dependency, b.deps["A>B"]) is None
        tombstones = {t.id: t.entity for t in s.scalars(select(Tombstone))}
        assert tombstones == {b.stages["Register"]: "stages", b.steps["A"]: "steps", b.deps["A>B"]: "dependencies"}
        assert result.changes.touches("stages", "steps", "dependencies")
        services.restore(s, result.value)
        assert s.scalar(select(func.count()).select_from(Tombstone)) == 0
        restored = _snapshot(s)
        # Everything is back with the same ids; only the restored records' updated_at moved on.
        strip = lambda text: [line for line in text.splitlines() if "updated_at" not in line and "as_of" not in line]  # noqa: E731
        assert strip(restored) == strip(before)


def test_deleting_an_organisation_unassigns_its_steps_and_restore_puts_them_back(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        blocker = services.create_blocker(
            s, data={"community_id": b.community, "title": "No API", "owner_id": b.orgs["HMRC"],
                     "blocking_organisation_ids": [b.orgs["HMRC"]], "step_ids": [b.steps["B"]]},
        ).value
        snap = services.delete(s, "organisations", b.orgs["HMRC"]).value
        s.expire_all()
        assert s.get(Step, b.steps["B"]).owner_id is None
        assert s.get(Blocker, blocker.id).owner_id is None
        services.restore(s, snap)
        s.expire_all()
        assert s.get(Step, b.steps["B"]).owner_id == b.orgs["HMRC"]
        data = bundle.export_bundle(s)
        (rec,) = data["blockers"]
        assert rec["owner_id"] == b.orgs["HMRC"] and rec["blocking_organisation_ids"] == [b.orgs["HMRC"]]


def test_blocker_status_history_and_withdrawal(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        member = services.create(s, "members", data={"community_id": b.community, "name": "Priya", "organisation_id": b.orgs["HMRC"]}).value
        blocker = services.create_blocker(s, data={"community_id": b.community, "title": "Legacy PAYE", "raised_by_id": member.id}).value
        services.comment_on_blocker(s, blocker.id, comment="Raised at the steering group", author_id=member.id)
        entry = services.change_blocker_status(s, blocker.id, status="resolved", comment="Fixed", author_id=member.id).value
        s.expire_all()
        assert s.get(Blocker, blocker.id).resolved_on is not None
        history = s.scalars(select(BlockerUpdate).where(BlockerUpdate.blocker_id == blocker.id).order_by(BlockerUpdate.created_at)).all()
        assert [(h.kind, h.old_status, h.new_status) for h in history] == [("comment", None, None), ("status", "open", "resolved")]
        with pytest.raises(ValidationError, match="already resolved"):
            services.change_blocker_status(s, blocker.id, status="resolved")
        with pytest.raises(ValidationError, match="Unknown status"):
            services.change_blocker_status(s, blocker.id, status="done")
        services.withdraw_blocker_update(s, entry.id)
        s.expire_all()
        reverted = s.get(Blocker, blocker.id)
        assert (reverted.status, reverted.resolved_on) == ("open", None)


def test_blocker_cannot_be_due_before_raised(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        with pytest.raises(ValidationError, match="due before"):
            services.create_blocker(s, data={"community_id": b.community, "title": "T", "raised_on": "2026-05-01", "due_on": "2026-04-01"})
