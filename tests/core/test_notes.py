"""Notes on steps and hand-offs: one undoable change each, a thread in time order, counts for the map,
carried in bundles and merged like a blocker's history."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.domain.errors import BundleError, ValidationError
from servicecommunity.domain.models import Member as MemberRecord
from servicecommunity.domain.models import Note, Step
from servicecommunity.exchange import bundle
from servicecommunity.exchange.demo import load_demo
from servicecommunity.services import notes
from servicecommunity.services.queries import notes as note_queries
from servicecommunity.store.workspace import Store, alembic_config, open_store
from tests.core.builders import small_journey
from tests.core.members import Member


def a_member(session, community_id: str, name: str) -> str:  # type: ignore[no-untyped-def]
    return str(services.create(session, "members", data={"community_id": community_id, "name": name}).value.id)


def test_a_note_is_added_edited_and_deleted_each_as_one_change(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        ana = a_member(s, b.community, "Ana Evans")
        made = notes.add_note(s, step_id=b.steps["A"], body="  Needs the company number first  ", author_id=ana)
        note_id = made.value.id
        assert made.changes.touches("notes") and note_id in made.changes.ids
        assert made.value.journey_id == b.journey and made.value.body == "Needs the company number first"
        notes.edit_note(s, note_id, body="Needs the company number and UTR")
        (entry,) = note_queries.thread(s, step_id=b.steps["A"])
        assert (entry.author, entry.body, entry.author_id) == ("Ana Evans", "Needs the company number and UTR", ana)
        gone = notes.delete_note(s, note_id)
        assert note_queries.thread(s, step_id=b.steps["A"]) == []
        services.restore(s, gone.value)  # undo of the deletion: the same note, the same id
        assert [e.id for e in note_queries.thread(s, step_id=b.steps["A"])] == [note_id]


def test_a_note_needs_one_place_and_words(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        with pytest.raises(ValidationError, match="on a step or on a hand-off"):
            notes.add_note(s, body="Nowhere")
        with pytest.raises(ValidationError, match="on a step or on a hand-off"):
            notes.add_note(s, step_id=b.steps["A"], dependency_id=b.deps["A>B"], body="Both")
        with pytest.raises(ValidationError, match="note's words cannot be empty"):
            notes.add_note(s, step_id=b.steps["A"], body="   ")
        with pytest.raises(ValidationError, match="Unknown step"):
            notes.add_note(s, step_id="no-such-step", body="Lost")
        assert s.scalars(select(Note)).all() == []


def test_the_thread_is_in_time_order_and_the_map_counts_per_step_and_hand_off(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        ana, bo = a_member(s, b.community, "Ana"), a_member(s, b.community, "Bo")
        first = notes.add_note(s, step_id=b.steps["B"], body="first", author_id=bo).value.id
        second = notes.add_note(s, step_id=b.steps["B"], body="second", author_id=ana).value.id
        notes.add_note(s, dependency_id=b.deps["A>B"], body="Agreed by email only")
        notes.add_note(s, step_id=b.steps["A"], body="one")
        assert [(e.id, e.author) for e in note_queries.thread(s, step_id=b.steps["B"])] == [(first, "Bo"), (second, "Ana")]
        (dep_note,) = note_queries.thread(s, dependency_id=b.deps["A>B"])
        assert dep_note.author == "" and dep_note.body == "Agreed by email only"
        steps, deps = note_queries.counts(s, b.journey)
        assert steps == {b.steps["B"]: 2, b.steps["A"]: 1} and deps == {b.deps["A>B"]: 1}


def test_deleting_a_step_takes_its_notes_and_undo_brings_them_back(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        notes.add_note(s, step_id=b.steps["A"], body="on A")
        notes.add_note(s, dependency_id=b.deps["A>B"], body="on the hand-off")
        snapshot = services.delete(s, "steps", b.steps["A"]).value
        assert s.scalars(select(Note)).all() == []
        assert len(snapshot.deleted["notes"]) == 2
        services.restore(s, snapshot)
        assert sorted(n.body for n in s.scalars(select(Note)).all()) == ["on A", "on the hand-off"]


def test_the_author_deleted_leaves_the_note_without_a_name(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        ana = a_member(s, b.community, "Ana")
        notes.add_note(s, step_id=b.steps["A"], body="kept", author_id=ana)
        services.delete(s, "members", ana)
        (entry,) = note_queries.thread(s, step_id=b.steps["A"])
        assert (entry.author_id, entry.author, entry.body) == (None, "", "kept")


# --- bundles ---------------------------------------------------------------------------------------


def test_notes_travel_in_a_bundle_and_a_bundle_without_notes_is_as_before(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        plain = bundle.dumps(bundle.export_bundle(s))
        assert '"notes"' not in plain  # none: the file reads as before, in an app that predates notes too
        assert bundle.parse_bundle(plain)["notes"] == []
        note_id = notes.add_note(s, step_id=b.steps["A"], body="Bring the UTR").value.id
        data = bundle.export_bundle(s)
        text = bundle.dumps(data)
        assert [n["id"] for n in bundle.parse_bundle(text)["notes"]] == [note_id]
        assert bundle.export_bundle_file(s).data == text.encode("utf-8")  # both writers agree byte for byte
        one = bundle.export_bundle(s, journey_id=b.journey)
        assert [n["id"] for n in one["notes"]] == [note_id]


def test_a_bundle_note_on_two_places_or_another_journey_is_refused(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        notes.add_note(s, step_id=b.steps["A"], body="x")
        data = json.loads(bundle.dumps(bundle.export_bundle(s)))
    both = json.loads(json.dumps(data))
    both["notes"][0]["dependency_id"] = b.deps["A>B"]
    with pytest.raises(BundleError, match="not on exactly one step or hand-off"):
        bundle.validate_bundle(both)
    elsewhere = json.loads(json.dumps(data))
    elsewhere["notes"][0]["journey_id"] = elsewhere["communities"][0]["id"]
    with pytest.raises(BundleError):
        bundle.validate_bundle(elsewhere)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Member, Member]]:
    """A made the demo; B started from A's bundle."""
    a, b = Member(tmp_path / "a.sqlite"), Member(tmp_path / "b.sqlite")
    load_demo(a.store)
    b.receive(a.send())
    yield a, b
    a.close()
    b.close()


def _step(m: Member, title: str = "Apply for a Start Up Loan") -> str:
    with m.session() as s:
        return str(s.scalars(select(Step.id).where(Step.title == title)).one())


def _author(m: Member, name: str) -> str:
    with m.session() as s:
        return str(s.scalars(select(MemberRecord.id).where(MemberRecord.name == name)).first())


def _add(m: Member, step_id: str, body: str, author: str | None = None) -> str:
    with m.session() as s:
        return str(notes.add_note(s, step_id=step_id, body=body, author_id=author).value.id)


def _thread(m: Member, step_id: str) -> list[tuple[str, str]]:
    with m.session() as s:
        return [(e.author, e.body) for e in note_queries.thread(s, step_id=step_id)]


def test_two_members_notes_on_one_step_both_reach_both(pair: tuple[Member, Member]) -> None:
    a, b = pair
    step = _step(a)
    with a.session() as s:
        people = s.scalars(select(MemberRecord.name).order_by(MemberRecord.name)).all()[:2]
    _add(a, step, "The loan form asks for the UTR again", _author(a, people[0]))
    _add(b, step, "British Business Bank says a new form is coming", _author(b, people[1]))
    to_b, to_a = a.send(), b.send()
    b.receive(to_b)
    a.receive(to_a)
    for m in (a, b):
        assert sorted(_thread(m, step)) == sorted([(people[0], "The loan form asks for the UTR again"),
                                                   (people[1], "British Business Bank says a new form is coming")])
        assert m.conflicts() == []
    assert a.state() == b.state()
    assert b.receive(a.send()).changed is False  # merging again changes nothing


def test_an_edit_and_a_deletion_of_a_note_travel(pair: tuple[Member, Member]) -> None:
    a, b = pair
    step = _step(a)
    note_id = _add(a, step, "draft")
    b.receive(a.send())
    with a.session() as s:
        notes.edit_note(s, note_id, body="final")
    b.receive(a.send())
    assert _thread(b, step) == [("", "final")]
    with b.session() as s:
        notes.delete_note(s, note_id)
    a.receive(b.send())
    assert _thread(a, step) == []


def test_a_note_added_to_a_step_deleted_elsewhere_keeps_the_step_pending_as_other_records_do(
        pair: tuple[Member, Member]) -> None:
    """The project's rule for a deletion that did not see something added inside the record (a step
    added to a deleted stage): the record stays on both sides, its deletion pending as a conflict."""
    a, b = pair
    step = _step(a)
    a.delete("steps", step)
    _add(b, step, "Still needed: the bank asks for it")
    to_b, to_a = a.send(), b.send()
    b.receive(to_b)
    a.receive(to_a)
    for m in (a, b):
        assert m.get("steps", step) is not None
        assert _thread(m, step) == [("", "Still needed: the bank asks for it")]
        assert [(c.id, c.field) for c in m.conflicts()] == [(step, "_alive")]
    assert a.state() == b.state()


def test_a_note_on_a_step_deleted_after_seeing_it_goes_with_the_step(pair: tuple[Member, Member]) -> None:
    a, b = pair
    step = _step(a)
    note_id = _add(b, step, "seen by A before the deletion")
    a.receive(b.send())
    a.delete("steps", step)
    b.receive(a.send())
    assert b.get("steps", step) is None and b.get("notes", note_id) is None
    assert b.conflicts() == []


# --- the schema ------------------------------------------------------------------------------------


def test_the_notes_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with open_store(path) as store:
        with store.session() as s:
            b = small_journey(s)
            note_id = notes.add_note(s, step_id=b.steps["A"], body="x").value.id
            notes.delete_note(s, note_id)  # a deletion of a note, remembered for the next bundle
            notes.add_note(s, step_id=b.steps["A"], body="kept until the downgrade")
        cfg = alembic_config(store.engine)
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("select name from sqlite_master")}
        assert not {n for n in names if "note" in n}
        assert conn.execute("select count(*) from tombstone where entity = 'notes'").fetchone() == (0,)
    finally:
        conn.close()
    with open_store(path) as store, store.session() as s:  # back to head
        b2 = s.scalars(select(Step.id).where(Step.title == "A")).one()
        made = notes.add_note(s, step_id=b2, body="after the upgrade").value.id
        assert [e.id for e in note_queries.thread(s, step_id=b2)] == [made]
