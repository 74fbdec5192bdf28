"""The journey map's read model: a member's organisation, the journey some records belong to."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col

from servicecommunity import services
from servicecommunity.domain.models import (
    Community,
    Dependency,
    Journey,
    Member,
    Organisation,
    Step,
)
from servicecommunity.services.queries import map as q
from servicecommunity.store.workspace import Store


def test_member_organisation_is_a_plain_id_or_none(demo_store: Store) -> None:
    with demo_store.session() as s:
        org = s.scalars(select(Organisation).order_by(col(Organisation.name))).first()
        community = s.scalars(select(Community)).first()
        assert org is not None and community is not None
        with_org = Member(community_id=community.id, name="Ann", organisation_id=org.id)
        without = Member(community_id=community.id, name="Bo")
        s.add_all([with_org, without])
        s.commit()
        found = q.member_organisation(s, with_org.id)
        assert found == org.id and isinstance(found, str)
        assert q.member_organisation(s, without.id) is None
        assert q.member_organisation(s, "no-such-member") is None
        assert q.member_organisation(s, None) is None
        assert q.member_organisation(s, "") is None


def test_journey_of_steps_first_then_dependencies(demo_store: Store) -> None:
    with demo_store.session() as s:
        demo = s.scalars(select(Journey)).one()
        step = s.scalars(select(Step)).first()
        dep = s.scalars(select(Dependency)).first()
        assert step is not None and dep is not None
        other = services.create(s, "journeys", data={"community_id": demo.community_id, "name": "Closing a Business"}).value
        stage = services.create(s, "stages", data={"journey_id": other.id, "name": "Decide"}).value
        other_step = services.create_step(s, data={"journey_id": other.id, "stage_id": stage.id, "title": "Tell HMRC"}).value
        other_id, other_step_id = other.id, other_step.id

    with demo_store.session() as s:
        assert q.journey_of(s, [step.id]) == demo.id
        assert q.journey_of(s, [], [dep.id]) == demo.id
        assert q.journey_of(s, [other_step_id]) == other_id
        # the first step that exists wins; steps are asked before dependencies
        assert q.journey_of(s, ["gone", other_step_id, step.id]) == other_id
        assert q.journey_of(s, [other_step_id], [dep.id]) == other_id
        assert q.journey_of(s, ["gone"], [dep.id]) == demo.id
        # a dependency id among the steps is not a step
        assert q.journey_of(s, [dep.id]) is None
        assert q.journey_of(s, ["gone"], ["gone too"]) is None
        assert q.journey_of(s) is None
        assert isinstance(q.journey_of(s, [step.id]), str)
