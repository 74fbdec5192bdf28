"""Merging a bundle from another member: one side changed, both changed, deletions, idempotence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from servicecommunity import services
from servicecommunity.domain.errors import BundleError
from servicecommunity.domain.models import (
    ENTITIES,
    Blocker,
    Stage,
    Step,
    Tombstone,
)
from servicecommunity.exchange import bundle
from servicecommunity.exchange.demo import load_demo
from servicecommunity.exchange.merge import (
    MergeReport,
    import_bundle,
    merge_bundle,
    preview_merge,
)
from servicecommunity.store.workspace import Store, open_store


def snapshot(store: Store) -> str:
    with store.session() as session:
        return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


def bundle_of(store: Store) -> dict[str, Any]:
    return bundle.parse_bundle(snapshot(store))


def merge(store: Store, data: dict[str, Any], **kwargs: Any) -> MergeReport:
    with store.session() as session:
        return merge_bundle(session, data, **kwargs)


def zero(report: MergeReport) -> bool:
    counts = report.counts()
    return not report.changed and counts["conflicts"] == 0


@pytest.fixture
def peer(tmp_path: Path) -> Iterator[Store]:
    """A second member's workspace, made from the same demo file."""
    with open_store(tmp_path / "peer.sqlite") as s:
        load_demo(s)
        yield s


def ids_by_title(store: Store, model: Any) -> dict[str, str]:
    with store.session() as session:
        return {r.title if hasattr(r, "title") else r.name: r.id for r in session.scalars(select(model)).all()}


def steps(store: Store) -> list[Step]:
    with store.session() as session:
        return list(session.scalars(select(Step).order_by(Step.title)).all())


def test_preview_writes_nothing(demo_store: Store, peer: Store) -> None:
    with peer.session() as session:
        services.update_step(session, steps(peer)[0].id, data={"title": "Theirs"})
    before = snapshot(demo_store)
    with demo_store.session() as session:
        report = preview_merge(session, bundle_of(peer))
    assert report.updated == {"steps": 1} and not report.applied
    assert report.summary().startswith("The merge would make")
    assert snapshot(demo_store) == before


def test_merging_into_an_empty_workspace_is_a_plain_import(store: Store, demo_store: Store) -> None:
    data = bundle_of(demo_store)
    with store.session() as session:
        report = import_bundle(session, data)
    assert sum(report.added.values()) == sum(len(data[s]) for s in bundle.SECTIONS)
    assert snapshot(store) == snapshot(demo_store)
    with store.session() as session:
        assert zero(import_bundle(session, data))


def test_merge_of_new_records_inserts_them(demo_store: Store, peer: Store) -> None:
    with peer.session() as session:
        stage = session.scalars(select(Stage).order_by(Stage.position)).first()
        assert stage is not None
        new_stage = services.create(session, "stages", data={"journey_id": stage.journey_id, "name": "Close down"}).value
        services.create_step(session, data={"journey_id": stage.journey_id, "stage_id": new_stage.id, "title": "Tell HMRC"})
    report = merge(demo_store, bundle_of(peer))
    assert report.added == {"stages": 1, "steps": 1}
    assert snapshot(demo_store) == snapshot(peer)


def test_a_new_record_pointing_at_an_organisation_deleted_here_points_at_none(demo_store: Store, peer: Store) -> None:
    owned = next(s for s in steps(demo_store) if s.owner_id)
    with demo_store.session() as session:
        services.delete(session, "organisations", owned.owner_id)
    with peer.session() as session:
        new = services.create_step(
            session,
            data={"journey_id": owned.journey_id, "stage_id": owned.stage_id, "title": "New there",
                  "owner_id": owned.owner_id, "supporter_ids": [owned.owner_id]},
        ).value
    report = merge(demo_store, bundle_of(peer))
    assert report.added == {"steps": 1} and report.conflicts == []
    with demo_store.session() as session:
        step = session.get(Step, new.id)
        assert step.owner_id is None and step.title == "New there"
        assert session.get(Tombstone, owned.owner_id) is not None
    assert zero(merge(demo_store, bundle_of(peer)))


def test_a_journey_bundle_keeps_our_blocker_links_into_other_journeys(demo_store: Store, peer: Store) -> None:
    with peer.session() as session:
        journey = bundle.journey_by_name(session, "Starting a Business")
        other = services.create(session, "journeys", data={"community_id": journey.community_id, "name": "Close a business"}).value
        stage = services.create(session, "stages", data={"journey_id": other.id, "name": "Close"}).value
        far = services.create_step(session, data={"journey_id": other.id, "stage_id": stage.id, "title": "Far away"}).value
        blocker = session.scalars(select(Blocker).order_by(Blocker.title)).first()
        assert blocker is not None
        old_steps = codec_links(session, blocker.id)
        services.update(session, "blockers", blocker.id, data={"step_ids": [*old_steps, far.id]})
    merge(demo_store, bundle_of(peer))  # now both have the link to "Far away"
    with peer.session() as session:
        services.update(session, "blockers", blocker.id, data={"severity": "critical"})
        scoped = bundle.export_bundle(session, journey_id=journey.id, include_sensitive=True)
    assert far.id not in next(b for b in scoped["blockers"] if b["id"] == blocker.id)["step_ids"]
    report = merge(demo_store, bundle.parse_bundle(bundle.dumps(scoped)))
    assert report.updated == {"blockers": 1}
    with demo_store.session() as session:
        assert far.id in codec_links(session, blocker.id)
        assert session.get(Blocker, blocker.id).severity == "critical"
    assert zero(merge(demo_store, bundle.parse_bundle(bundle.dumps(scoped))))


def codec_links(session: Any, blocker_id: str) -> list[str]:
    from servicecommunity.store import codec

    return codec.load_links(session, "blockers", [blocker_id])[blocker_id].get("step_ids", [])


def test_a_failing_merge_leaves_the_workspace_exactly_as_it_was(
    demo_store: Store, peer: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    s1, s2 = (s.id for s in steps(demo_store)[:2])
    with peer.session() as session:
        services.update_step(session, s1, data={"title": "Theirs"})
        services.delete(session, "steps", s2)
    before = snapshot(demo_store)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(services, "_delete", broken)
    with pytest.raises(OSError):
        merge(demo_store, bundle_of(peer))
    assert snapshot(demo_store) == before
    with demo_store.session() as session:
        assert session.execute(text("select count(*) from sync_clock")).scalar() == 0


def test_a_bundle_that_holds_and_deletes_the_same_record_is_refused(demo_store: Store) -> None:
    data = bundle_of(demo_store)
    step = data["steps"][0]
    data["tombstones"] = [{"id": step["id"], "entity": "steps", "deleted_at": step["updated_at"]}]
    before = snapshot(demo_store)
    with pytest.raises(BundleError, match="both holds and deletes"):
        merge(demo_store, data)
    assert snapshot(demo_store) == before


def test_every_record_table_notes_its_changes_for_the_clocks(store: Store) -> None:
    with store.engine.connect() as conn:
        triggers = set(conn.execute(text("select name from sqlite_master where type='trigger'")).scalars())
    for model in ENTITIES.values():
        table = model.__tablename__
        assert {f"sync_dirty_insert_{table}", f"sync_dirty_update_{table}", f"sync_dirty_delete_{table}"} <= triggers




def test_an_edit_made_here_while_a_merge_plans_is_kept_and_travels(
    demo_store: Store, peer: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge plans without the write lock; an edit to a record it writes, made meanwhile, makes it plan again."""
    from servicecommunity.exchange import merge as merge_module

    target = steps(peer)[0].id
    with peer.session() as session:
        services.update_step(session, target, data={"title": "Theirs"})
    plans: list[int] = []
    real_plan = merge_module._plan

    def plan_then_edit(session: Any, data: Any) -> Any:
        plan = real_plan(session, data)
        plans.append(len(plan.outcomes))
        if len(plans) == 1:  # the app saves an edit on its own connection while the merge plans
            with demo_store.session() as other:
                services.update_step(other, target, data={"description": "Mine, meanwhile"})
        return plan

    monkeypatch.setattr(merge_module, "_plan", plan_then_edit)
    report = merge(demo_store, bundle_of(peer))
    assert report.updated == {"steps": 1} and not report.conflicts
    with demo_store.session() as session:
        step = session.get(Step, target)
        assert step is not None and (step.title, step.description) == ("Theirs", "Mine, meanwhile")
    monkeypatch.setattr(merge_module, "_plan", real_plan)
    merge(peer, bundle_of(demo_store))  # the edit made during the merge travels, with its own dot
    with peer.session() as session:
        step = session.get(Step, target)
        assert step is not None and (step.title, step.description) == ("Theirs", "Mine, meanwhile")
    assert len(plans) == 2  # planned again, the edit seen


def test_an_edit_elsewhere_while_a_merge_plans_does_not_make_it_plan_again(
    demo_store: Store, peer: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from servicecommunity.exchange import merge as merge_module

    theirs, mine = steps(peer)[0].id, steps(peer)[1].id
    with peer.session() as session:
        services.update_step(session, theirs, data={"title": "Theirs"})
    plans: list[int] = []
    real_plan = merge_module._plan

    def plan_then_edit(session: Any, data: Any) -> Any:
        plans.append(1)
        with demo_store.session() as other:
            services.update_step(other, mine, data={"description": f"Mine {len(plans)}"})
        return real_plan(session, data)

    monkeypatch.setattr(merge_module, "_plan", plan_then_edit)
    report = merge(demo_store, bundle_of(peer))
    assert len(plans) == 1 and report.updated == {"steps": 1}
    monkeypatch.setattr(merge_module, "_plan", real_plan)
    merge(peer, bundle_of(demo_store))
    with peer.session() as session:
        assert session.get(Step, mine).description == "Mine 1"  # type: ignore[union-attr]


def test_a_merge_that_keeps_being_overtaken_plans_under_the_lock_at_last(
    demo_store: Store, peer: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from servicecommunity.exchange import merge as merge_module

    target = steps(peer)[0].id
    with peer.session() as session:
        services.update_step(session, target, data={"title": "Theirs"})
    plans: list[int] = []
    real_plan = merge_module._plan

    def plan_then_edit(session: Any, data: Any) -> Any:
        plan = real_plan(session, data)
        plans.append(1)
        if len(plans) <= merge_module.PLAN_TRIES:  # every plan made without the lock is overtaken
            with demo_store.session() as other:
                services.update_step(other, target, data={"description": f"Mine {len(plans)}"})
        return plan

    monkeypatch.setattr(merge_module, "_plan", plan_then_edit)
    report = merge(demo_store, bundle_of(peer))
    assert len(plans) == merge_module.PLAN_TRIES + 1 and report.updated == {"steps": 1}
    with demo_store.session() as session:
        step = session.get(Step, target)
        assert step is not None and (step.title, step.description) == ("Theirs", f"Mine {merge_module.PLAN_TRIES}")


def test_a_preview_lets_edits_through_while_it_plans(
    demo_store: Store, peer: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview writes nothing in the end: planning it does not hold the write lock against the app's edits."""
    from servicecommunity.domain.errors import WorkspaceBusyError
    from servicecommunity.exchange import merge as merge_module
    from servicecommunity.store import workspace as store_module

    target = steps(peer)[0].id
    with peer.session() as session:
        services.update_step(session, target, data={"title": "Theirs"})
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    demo_store.engine.dispose()  # new connections give up after 0.2 s
    outcomes: list[str] = []
    real_plan = merge_module._plan

    def plan_while_editing(session: Any, data: Any) -> Any:
        with demo_store.session() as other:
            try:
                services.update_step(other, steps(demo_store)[1].id, data={"description": "Mine"})
                outcomes.append("saved")
            except WorkspaceBusyError:
                outcomes.append("busy")
        return real_plan(session, data)

    monkeypatch.setattr(merge_module, "_plan", plan_while_editing)
    with demo_store.session() as session:
        report = preview_merge(session, bundle_of(peer))
    assert outcomes == ["saved"] and report.updated == {"steps": 1} and not report.applied
