"""Managing journeys as wholes: copy (as is or as the to-be), undo a copy, link, order, old bundles."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from servicecommunity import services
from servicecommunity.domain.errors import NotFoundError, ValidationError
from servicecommunity.domain.models import (
    Dependency,
    Journey,
    Stage,
    Step,
    StepDataItem,
    StepSupporter,
)
from servicecommunity.exchange import bundle
from servicecommunity.services import journeys
from servicecommunity.services.queries import navigator as navigator_queries
from servicecommunity.store.workspace import Store
from tests.core.builders import small_journey


def _dump(session: Session) -> str:
    session.expire_all()
    return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


def _count(session: Session, model: type, journey_id: str) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(model.journey_id == journey_id)) or 0)


def test_a_to_be_copy_has_every_stage_step_and_dependency_with_new_ids_and_links_back(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        item = services.create(s, "data_items", data={"community_id": b.community, "name": "UTR"}).value.id
        services.update_step(s, b.steps["B"], data={"supporter_ids": [b.orgs["CH"]], "data_item_ids": [item],
                                                   "wait_hours": 3.0, "channels": ["phone"]})
        blocker = services.create_blocker(s, data={"community_id": b.community, "title": "No API",
                                                   "step_ids": [b.steps["B"]]}).value.id

        result = journeys.duplicate_journey(s, b.journey, as_to_be=True)
        copy = result.value
        assert copy.name == "Start (to-be)"
        assert copy.status == "to_be" and copy.as_is_id == b.journey
        assert (_count(s, Stage, copy.id), _count(s, Step, copy.id), _count(s, Dependency, copy.id)) == (2, 3, 1)
        steps = {st.title: st for st in s.scalars(select(Step).where(Step.journey_id == copy.id))}
        assert not set(b.steps.values()) & {st.id for st in steps.values()}  # new ids
        stages = {st.id: st.name for st in s.scalars(select(Stage).where(Stage.journey_id == copy.id))}
        assert {t: (stages[st.stage_id], st.position) for t, st in steps.items()} == {
            "A": ("Register", 0), "B": ("Tax", 0), "C": ("Tax", 1)}
        assert steps["A"].owner_id == b.orgs["CH"] and steps["C"].owner_id is None
        assert steps["B"].wait_hours == 3.0 and steps["B"].channels == ["phone"]
        assert s.scalars(select(StepSupporter.organisation_id).where(StepSupporter.step_id == steps["B"].id)).all() == [b.orgs["CH"]]
        assert s.scalars(select(StepDataItem.data_item_id).where(StepDataItem.step_id == steps["B"].id)).all() == [item]
        dep = s.scalars(select(Dependency).where(Dependency.journey_id == copy.id)).one()
        assert (dep.from_step_id, dep.to_step_id, dep.kind, dep.handoff_mode) == (
            steps["A"].id, steps["B"].id, "data_handoff", "api")
        # blockers stay on the as-is: the to-be is what could be, not a second record of today
        assert services.get(s, "blockers", blocker) is not None
        assert {"journeys", "stages", "steps", "dependencies"} == result.changes.sections
        assert copy.id in result.changes.ids and dep.id in result.changes.ids


def test_a_plain_copy_is_named_so_and_numbered_when_the_name_is_taken(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        first = journeys.duplicate_journey(s, b.journey).value
        second = journeys.duplicate_journey(s, b.journey).value
        named = journeys.duplicate_journey(s, b.journey, name="  Start   later ").value
        assert (first.name, second.name, named.name) == ("Start (copy)", "Start (copy) 2", "Start later")
        assert first.status == "as_is" and first.as_is_id is None


def test_a_copy_is_undone_by_deleting_it_and_redone_with_the_same_ids(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        before = _dump(s)
        copy = journeys.duplicate_journey(s, b.journey, as_to_be=True).value.id
        after = _dump(s)
        snapshot = services.delete(s, "journeys", copy).value
        assert _dump(s).count('"name": "Start (to-be)"') == 0
        assert before.replace(" ", "") != after.replace(" ", "")
        services.restore(s, snapshot)
        s.expire_all()
        assert _count(s, Step, copy) == 3 and s.get(Journey, copy).as_is_id == b.journey  # type: ignore[union-attr]


def test_a_copy_of_an_unknown_journey_or_with_a_too_long_name_writes_nothing(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        before = _dump(s)
        with pytest.raises(NotFoundError):
            journeys.duplicate_journey(s, "nope")
        with pytest.raises(ValidationError, match="at most 500"):
            journeys.duplicate_journey(s, b.journey, name="x" * 501)
        assert _dump(s) == before


def test_the_as_is_link_must_be_another_journey_of_the_same_community(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        with pytest.raises(ValidationError, match="to-be of itself"):
            services.update(s, "journeys", b.journey, data={"as_is_id": b.journey})
        other = services.create(s, "communities", data={"name": "Other"}).value.id
        theirs = services.create(s, "journeys", data={"community_id": other, "name": "Theirs"}).value.id
        with pytest.raises(ValidationError, match="same community"):
            services.update(s, "journeys", b.journey, data={"as_is_id": theirs})
        later = services.create(s, "journeys", data={"community_id": b.community, "name": "Later",
                                                      "status": "to_be", "as_is_id": b.journey}).value
        assert later.as_is_id == b.journey


def test_renaming_to_an_empty_name_is_refused_in_a_sentence(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        with pytest.raises(ValidationError, match="journey's name"):
            services.update(s, "journeys", b.journey, data={"name": "   "})
        assert services.get(s, "journeys", b.journey).name == "Start"


def test_journeys_keep_the_order_given_and_unordered_ones_follow_by_name(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        zed = services.create(s, "journeys", data={"community_id": b.community, "name": "Zed"}).value.id
        abc = services.create(s, "journeys", data={"community_id": b.community, "name": "Abc"}).value.id
        names = lambda: [j.name for j in navigator_queries.tree(s, b.community).journeys]  # noqa: E731
        assert names() == ["Abc", "Start", "Zed"]
        journeys.reorder_journeys(s, b.community, [zed, b.journey, abc])
        assert names() == ["Zed", "Start", "Abc"]
        journeys.duplicate_journey(s, b.journey)  # a new one goes after the ordered ones
        assert names() == ["Zed", "Start", "Abc", "Start (copy)"]
        with pytest.raises(ValidationError, match="every journey"):
            journeys.reorder_journeys(s, b.community, [zed, abc])


def test_a_bundle_from_before_the_link_imports_with_no_link_and_no_order(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        journeys.duplicate_journey(s, b.journey, as_to_be=True)
        data = bundle.export_bundle(s, include_sensitive=True)
    for rec in data["journeys"]:
        assert "as_is_id" in rec and "position" in rec
        del rec["as_is_id"], rec["position"]
    bundle.validate_bundle(data)
    assert all(rec["as_is_id"] is None and rec["position"] is None for rec in data["journeys"])


def test_a_to_be_copy_and_the_journeys_order_travel_to_another_member(tmp_path: Path) -> None:
    """A copies the demo as its to-be and orders the journeys; B merges A's bundle and gets both,
    linked; B's rename of the to-be and A's reorder merge without a conflict."""
    from servicecommunity.exchange.demo import load_demo
    from tests.core.members import Member

    a, b = Member(tmp_path / "a.sqlite"), Member(tmp_path / "b.sqlite")
    try:
        load_demo(a.store)
        b.receive(a.send())
        with a.session() as s:
            demo = s.scalars(select(Journey.id)).one()
            community = services.get(s, "journeys", demo).community_id
            to_be = journeys.duplicate_journey(s, demo, as_to_be=True).value.id
        b.receive(a.send())
        assert b.get("journeys", to_be)["as_is_id"] == demo  # type: ignore[index]
        assert len(b.ids("steps")) == 68
        with a.session() as s:
            journeys.reorder_journeys(s, community, [to_be, demo])
        b.update("journeys", to_be, name="Starting a Business, joined up")
        swap_a, swap_b = a.send(), b.send()
        a.receive(swap_b)
        b.receive(swap_a)
        for m in (a, b):
            rec = m.get("journeys", to_be)
            assert rec is not None and (rec["name"], rec["position"], rec["as_is_id"]) == (
                "Starting a Business, joined up", 0, demo)
            assert m.conflicts() == []
        assert a.state() == b.state()
    finally:
        a.close()
        b.close()


def test_a_to_be_whose_as_is_was_deleted_can_still_be_edited_and_reads_as_unlinked(store: Store) -> None:
    from servicecommunity.analysis.comparison import partner

    with store.session() as s:
        b = small_journey(s)
        to_be = journeys.duplicate_journey(s, b.journey, as_to_be=True).value.id
        services.delete(s, "journeys", b.journey)
        services.update(s, "journeys", to_be, data={"name": "Start, later"})
        assert services.get(s, "journeys", to_be).name == "Start, later"
        assert partner(s, to_be) is None
        assert [j.as_is_id for j in navigator_queries.tree(s, b.community).journeys] == [None]
