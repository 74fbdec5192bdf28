"""Merging a bundle from another member: one side changed, both changed, deletions, idempotence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from servicecommunity import bundle, services
from servicecommunity.cli_core import load_demo
from servicecommunity.errors import BundleError
from servicecommunity.merge import (
    MergeReport,
    import_bundle,
    merge_bundle,
    preview_merge,
)
from servicecommunity.models import (
    ENTITIES,
    Blocker,
    BlockerUpdate,
    Dependency,
    Stage,
    Step,
    Tombstone,
)
from servicecommunity.store import Store, open_store
from servicecommunity.sync import SyncBase, mark_shared


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


# --- the diverged demo ---------------------------------------------------------------------------


def test_two_diverged_copies_of_the_demo_merge_with_one_known_conflict(demo_store: Store, peer: Store) -> None:
    s1, s2, s3, s4 = (s.id for s in steps(demo_store)[:4])
    with demo_store.session() as session:
        blocker = session.scalars(select(Blocker).order_by(Blocker.title)).first()
        assert blocker is not None
        history = session.scalars(select(BlockerUpdate.id).where(BlockerUpdate.blocker_id == blocker.id)).all()
    with demo_store.session() as session:  # here
        services.update_step(session, s1, data={"title": "Ours"})
        services.update_step(session, s3, data={"pain_points": "only here"})
    with peer.session() as session:  # there
        services.update_step(session, s1, data={"title": "Theirs"})
        services.update_step(session, s2, data={"pain_points": "only there"})
        services.update_step(session, s4, data={"pain_points": "same on both sides"})
        services.delete(session, "blockers", blocker.id)
    with demo_store.session() as session:
        services.update_step(session, s4, data={"pain_points": "same on both sides"})

    report = merge(demo_store, bundle_of(peer))

    assert [(c.section, c.id, c.reason, c.fields_differing) for c in report.conflicts] == [
        ("steps", s1, "changed on both sides", ("title",))
    ]
    conflict = report.conflicts[0]
    assert conflict.local is not None and conflict.local["title"] == "Ours"
    assert conflict.remote is not None and conflict.remote["title"] == "Theirs"
    assert report.updated == {"steps": 1}  # s2; s4 was changed alike on both sides, ours later
    assert report.deleted == {"blockers": 1, "blocker_updates": len(history)}
    assert report.added == {}
    with demo_store.session() as session:
        assert session.get(Step, s1).title == "Ours"  # the conflict is left as local
        assert session.get(Step, s2).pain_points == "only there"
        assert session.get(Step, s3).pain_points == "only here"
        assert session.get(Blocker, blocker.id) is None
        assert session.get(Tombstone, blocker.id) is not None
    summary = report.summary()
    assert "1 conflict" in summary and "'Ours'" in summary and "(title)" in summary
    as_json = report.to_json()
    assert as_json["conflicts"] == 1 and as_json["conflict_list"][0]["choice"] == "local"

    before = snapshot(demo_store)
    tables_before = every_row(demo_store)
    again = merge(demo_store, bundle_of(peer))
    assert zero(again), again.summary()
    assert snapshot(demo_store) == before
    assert every_row(demo_store) == tables_before  # not even an activity entry


def every_row(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        return list(raw.iterdump())


def test_choosing_the_remote_side_of_a_conflict_takes_it(demo_store: Store, peer: Store) -> None:
    s1 = steps(demo_store)[0].id
    with demo_store.session() as session:
        services.update_step(session, s1, data={"title": "Ours"})
    with peer.session() as session:
        services.update_step(session, s1, data={"title": "Theirs", "emotion": -2})
    with demo_store.session() as session:
        preview = preview_merge(session, bundle_of(peer))
    assert [c.id for c in preview.conflicts] == [s1]
    assert set(preview.conflicts[0].fields_differing) == {"title", "emotion"}
    report = merge(demo_store, bundle_of(peer), choices={s1: "remote"})
    assert report.choices == {s1: "remote"}
    assert "1 taken from the bundle" in report.summary()
    with demo_store.session() as session:
        assert session.get(Step, s1).title == "Theirs"
    assert snapshot(demo_store) == snapshot(peer)
    assert zero(merge(demo_store, bundle_of(peer)))


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


# --- a round trip between two members -------------------------------------------------------------


def test_a_change_sent_and_built_on_is_not_a_conflict_when_it_comes_back(demo_store: Store, peer: Store) -> None:
    s1 = steps(demo_store)[0].id
    with demo_store.session() as session:
        services.update_step(session, s1, data={"title": "Ours"})
    with demo_store.session() as session:  # we send a bundle, and say so
        sent = bundle.export_bundle(session, include_sensitive=True)
        mark_shared(session, sent)
    merge(peer, bundle.parse_bundle(bundle.dumps(sent)))
    with peer.session() as session:
        services.update_step(session, s1, data={"title": "Ours, improved there"})
    report = merge(demo_store, bundle_of(peer))
    assert report.conflicts == []
    assert report.updated == {"steps": 1}
    assert snapshot(demo_store) == snapshot(peer)


def test_without_marking_the_export_shared_the_same_story_is_a_conflict_never_a_loss(
    demo_store: Store, peer: Store
) -> None:
    s1 = steps(demo_store)[0].id
    with demo_store.session() as session:
        services.update_step(session, s1, data={"title": "Ours"})
    merge(peer, bundle_of(demo_store))
    with peer.session() as session:
        services.update_step(session, s1, data={"title": "Ours, improved there"})
    report = merge(demo_store, bundle_of(peer))
    assert [c.id for c in report.conflicts] == [s1]


def test_an_older_bundle_does_not_undo_a_newer_change(demo_store: Store, peer: Store) -> None:
    s1 = steps(demo_store)[0].id
    old = bundle_of(peer)
    with peer.session() as session:
        services.update_step(session, s1, data={"title": "Newer"})
    merge(demo_store, bundle_of(peer))
    report = merge(demo_store, old)
    assert not report.changed and report.conflicts == []
    with demo_store.session() as session:
        assert session.get(Step, s1).title == "Newer"


# --- deletions -------------------------------------------------------------------------------------


def test_a_deleted_stage_travels_with_its_steps_and_their_dependencies(demo_store: Store, peer: Store) -> None:
    with peer.session() as session:
        stage = session.scalars(select(Stage).order_by(Stage.position.desc())).first()  # type: ignore[union-attr]
        assert stage is not None
        doomed = set(session.scalars(select(Step.id).where(Step.stage_id == stage.id)).all())
        services.delete(session, "stages", stage.id)
    report = merge(demo_store, bundle_of(peer))
    assert report.conflicts == []
    assert report.deleted["stages"] == 1 and report.deleted["steps"] == len(doomed)
    with demo_store.session() as session:
        assert session.get(Stage, stage.id) is None
        assert not set(session.scalars(select(Step.id)).all()) & doomed
        assert not session.scalars(select(Dependency).where(Dependency.to_step_id.in_(doomed))).all()  # type: ignore[attr-defined]
    assert snapshot(demo_store) == snapshot(peer)  # tombstones carry their deletion time
    assert zero(merge(demo_store, bundle_of(peer)))


def test_deleted_there_but_a_step_added_here_inside_it_is_a_conflict(demo_store: Store, peer: Store) -> None:
    with peer.session() as session:
        stage = session.scalars(select(Stage).order_by(Stage.position.desc())).first()  # type: ignore[union-attr]
        assert stage is not None
        services.delete(session, "stages", stage.id)
    with demo_store.session() as session:
        ours = services.create_step(
            session, data={"journey_id": stage.journey_id, "stage_id": stage.id, "title": "Added here"}
        ).value.id
    report = merge(demo_store, bundle_of(peer))
    stage_conflicts = [c for c in report.conflicts if c.id == stage.id]
    assert stage_conflicts and "inside it" in stage_conflicts[0].reason and stage_conflicts[0].remote is None
    with demo_store.session() as session:
        assert session.get(Step, ours) is not None and session.get(Stage, stage.id) is not None
    assert not any(c.id == stage.id for c in merge(demo_store, bundle_of(peer)).conflicts)  # asked once
    report = merge(demo_store, bundle_of(peer))
    assert zero(report), report.summary()


def test_changed_here_deleted_there_is_a_conflict_asked_once(demo_store: Store, peer: Store) -> None:
    s1 = steps(demo_store)[0].id
    with demo_store.session() as session:
        services.update_step(session, s1, data={"title": "Ours"})
    with peer.session() as session:
        services.delete(session, "steps", s1)
    report = merge(demo_store, bundle_of(peer))
    assert [(c.id, c.reason, c.remote) for c in report.conflicts] == [(s1, "changed here, deleted there", None)]
    with demo_store.session() as session:
        assert session.get(Step, s1).title == "Ours"
    assert zero(merge(demo_store, bundle_of(peer)))


def test_changed_here_deleted_there_choosing_remote_deletes(demo_store: Store, peer: Store) -> None:
    s1 = steps(demo_store)[0].id
    with demo_store.session() as session:
        services.update_step(session, s1, data={"title": "Ours"})
    with peer.session() as session:
        services.delete(session, "steps", s1)
    report = merge(demo_store, bundle_of(peer), choices={s1: "remote"})
    assert report.deleted["steps"] == 1
    with demo_store.session() as session:
        assert session.get(Step, s1) is None


def test_deleted_here_changed_there_stays_deleted_unless_chosen(demo_store: Store, peer: Store) -> None:
    with demo_store.session() as session:
        stage = session.scalars(select(Stage).order_by(Stage.position.desc())).first()  # type: ignore[union-attr]
        assert stage is not None
        step = session.scalars(select(Step).where(Step.stage_id == stage.id)).first()
        assert step is not None
        services.delete(session, "stages", stage.id)
    with peer.session() as session:
        services.update_step(session, step.id, data={"pain_points": "changed there"})
    report = merge(demo_store, bundle_of(peer))
    assert [(c.id, c.reason, c.local) for c in report.conflicts] == [(step.id, "deleted here, changed there", None)]
    with demo_store.session() as session:
        assert session.get(Step, step.id) is None
    assert zero(merge(demo_store, bundle_of(peer)))


def test_choosing_a_record_deleted_here_brings_back_its_stage(demo_store: Store, peer: Store) -> None:
    with demo_store.session() as session:
        stage = session.scalars(select(Stage).order_by(Stage.position.desc())).first()  # type: ignore[union-attr]
        assert stage is not None
        step = session.scalars(select(Step).where(Step.stage_id == stage.id)).first()
        assert step is not None
        services.delete(session, "stages", stage.id)
    with peer.session() as session:
        services.update_step(session, step.id, data={"pain_points": "changed there"})
    report = merge(demo_store, bundle_of(peer), choices={step.id: "remote"})
    assert report.added == {"stages": 1, "steps": 1}
    with demo_store.session() as session:
        assert session.get(Step, step.id).pain_points == "changed there"
        assert session.get(Stage, stage.id) is not None
        assert session.get(Tombstone, step.id) is None and session.get(Tombstone, stage.id) is None


def test_a_new_record_inside_a_stage_deleted_here_is_a_conflict_and_stays_out(demo_store: Store, peer: Store) -> None:
    with demo_store.session() as session:
        stage = session.scalars(select(Stage).order_by(Stage.position.desc())).first()  # type: ignore[union-attr]
        assert stage is not None
        services.delete(session, "stages", stage.id)
    with peer.session() as session:
        new = services.create_step(
            session, data={"journey_id": stage.journey_id, "stage_id": stage.id, "title": "New there"}
        ).value
        other = session.scalars(select(Step).where(Step.stage_id != stage.id)).first()
        assert other is not None
        dep = services.create_dependency(session, data={"from_step_id": other.id, "to_step_id": new.id}).value
    report = merge(demo_store, bundle_of(peer))
    assert [c.id for c in report.conflicts] == [new.id]  # its dependency follows it, not asked apart
    assert "deleted here" in report.conflicts[0].reason
    with demo_store.session() as session:
        assert session.get(Step, new.id) is None and session.get(Dependency, dep.id) is None
    assert zero(merge(demo_store, bundle_of(peer)))


def test_a_new_record_inside_a_stage_deleted_here_chosen_brings_the_stage_back(demo_store: Store, peer: Store) -> None:
    with demo_store.session() as session:
        stage = session.scalars(select(Stage).order_by(Stage.position.desc())).first()  # type: ignore[union-attr]
        assert stage is not None
        services.delete(session, "stages", stage.id)
    with peer.session() as session:
        new = services.create_step(
            session, data={"journey_id": stage.journey_id, "stage_id": stage.id, "title": "New there"}
        ).value
    report = merge(demo_store, bundle_of(peer), choices={new.id: "remote"})
    assert report.added == {"stages": 1, "steps": 1}
    with demo_store.session() as session:
        assert session.get(Step, new.id).stage_id == stage.id


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


def test_a_knock_on_change_of_a_deletion_here_is_a_change_here(demo_store: Store, peer: Store) -> None:
    owned = next(s for s in steps(demo_store) if s.owner_id)
    with demo_store.session() as session:
        services.delete(session, "organisations", owned.owner_id)  # sets the step's owner to none
    with peer.session() as session:
        services.update_step(session, owned.id, data={"pain_points": "changed there"})
    report = merge(demo_store, bundle_of(peer))
    assert [(c.id, set(c.fields_differing)) for c in report.conflicts] == [(owned.id, {"owner_id", "pain_points"})]


# --- a journey's bundle ----------------------------------------------------------------------------


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
    from servicecommunity import codec

    return codec.load_links(session, "blockers", [blocker_id])[blocker_id].get("step_ids", [])


# --- one transaction -------------------------------------------------------------------------------


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
        assert session.execute(text("select count(*) from sync_base")).scalar() == 0


def test_a_bundle_that_holds_and_deletes_the_same_record_is_refused(demo_store: Store) -> None:
    data = bundle_of(demo_store)
    step = data["steps"][0]
    data["tombstones"] = [{"id": step["id"], "entity": "steps", "deleted_at": step["updated_at"]}]
    before = snapshot(demo_store)
    with pytest.raises(BundleError, match="both holds and deletes"):
        merge(demo_store, data)
    assert snapshot(demo_store) == before


# --- the sync base ---------------------------------------------------------------------------------


def test_every_record_table_records_its_shared_version_on_change_and_delete(store: Store) -> None:
    with store.engine.connect() as conn:
        triggers = set(conn.execute(text("select name from sqlite_master where type='trigger'")).scalars())
    for model in ENTITIES.values():
        table = model.__tablename__
        assert {f"sync_base_update_{table}", f"sync_base_delete_{table}"} <= triggers


def test_the_first_change_since_sharing_keeps_the_shared_version(demo_store: Store) -> None:
    step = steps(demo_store)[0]
    with demo_store.session() as session:
        services.update_step(session, step.id, data={"title": "One"})
        services.update_step(session, step.id, data={"title": "Two"})
        base = session.get(SyncBase, step.id)
        assert base is not None and base.updated_at == step.updated_at and base.entity == "steps"
        mark_shared(session, bundle.export_bundle(session, include_sensitive=True))
    with demo_store.session() as session:
        assert session.get(SyncBase, step.id) is None
