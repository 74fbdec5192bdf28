"""Several people at once, nothing overwritten: an edit based on a version someone else changed since.

Two sessions (two people's windows) read the same step; both edit it, each passing the version it
read (``expected``). Runs on SQLite and, with ``--pg``, on PostgreSQL.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.domain.errors import ConflictError, NotFoundError
from servicecommunity.domain.models import Step
from servicecommunity.services import versions
from servicecommunity.store.workspace import Store


def _first_step(store: Store) -> Step:
    with store.session() as session:
        return session.execute(select(Step).order_by(Step.id).limit(1)).scalars().one()


def _read(store: Store, step_id: str) -> Step:
    with store.session() as session:
        step = session.get(Step, step_id)
        assert step is not None
        return step


def test_the_second_edit_of_the_same_field_is_refused_with_the_fresh_value(demo_store: Store) -> None:
    step = _first_step(demo_store)
    seen_by_a, seen_by_b = _read(demo_store, step.id), _read(demo_store, step.id)
    with demo_store.session() as a:
        done = services.update(a, "steps", step.id, data={"title": "Ann's title"}, expected=seen_by_a.updated_at)
    assert done.value.updated_at > seen_by_a.updated_at  # a new version
    with demo_store.session() as b, pytest.raises(ConflictError) as refused:
        services.update(b, "steps", step.id, data={"title": "Bob's title"}, expected=seen_by_b.updated_at)
    message = str(refused.value)
    assert f"step “{'Ann' + chr(39) + 's title'}”" in message and "its title is now “Ann's title”" in message
    assert "not saved" in message
    assert refused.value.fields == {"title": "Ann's title"} and refused.value.fresh["title"] == "Ann's title"
    assert _read(demo_store, step.id).title == "Ann's title"  # nothing of Bob's was written
    # Bob looks at the fresh value and edits again, from its version: accepted
    fresh = refused.value.fresh["updated_at"]
    with demo_store.session() as b:
        services.update(b, "steps", step.id, data={"title": "Bob's title"}, expected=fresh)
    assert _read(demo_store, step.id).title == "Bob's title"


def test_different_fields_merge_when_the_caller_says_what_it_read(demo_store: Store) -> None:
    """With ``base`` (the values read of the fields it changes), an edit of another field goes on top."""
    step = _first_step(demo_store)
    read = _read(demo_store, step.id)
    with demo_store.session() as a:
        services.update(a, "steps", step.id, data={"title": "Ann's title"}, expected=read.updated_at)
    with demo_store.session() as b:
        services.update(b, "steps", step.id, data={"description": "Bob's words"}, expected=read.updated_at,
                        base={"description": read.description})
    now = _read(demo_store, step.id)
    assert (now.title, now.description) == ("Ann's title", "Bob's words")  # both kept
    # the same field, with base: refused, since Ann changed exactly what Bob read
    with demo_store.session() as b, pytest.raises(ConflictError, match="its title is now “Ann's title”"):
        services.update(b, "steps", step.id, data={"title": "Bob's title"}, expected=read.updated_at,
                        base={"title": read.title})
    # without base, any change since is a refusal: the caller cannot say which fields it saw
    with demo_store.session() as b, pytest.raises(ConflictError, match="its feeling is now"):
        services.update(b, "steps", step.id, data={"emotion": 2}, expected=read.updated_at)
    assert _read(demo_store, step.id).title == "Ann's title"


def test_a_link_set_edited_by_both_is_a_conflict_and_one_edited_alone_merges(demo_store: Store) -> None:
    step = _first_step(demo_store)
    read = _read(demo_store, step.id)
    with demo_store.session() as session:
        org = session.execute(select(Step.owner_id).where(Step.owner_id.is_not(None)).limit(1)).scalar_one()  # type: ignore[union-attr]
        before = sorted(services.codec.load_links(session, "steps", [step.id]).get(step.id, {}).get("supporter_ids", []))
    with demo_store.session() as a:
        services.update(a, "steps", step.id, data={"supporter_ids": [org]}, expected=read.updated_at)
    with demo_store.session() as b, pytest.raises(ConflictError, match="its supporting organisations is now"):
        services.update(b, "steps", step.id, data={"supporter_ids": []}, expected=read.updated_at,
                        base={"supporter_ids": before})
    with demo_store.session() as b:
        services.update(b, "steps", step.id, data={"title": "Also Bob's"}, expected=read.updated_at,
                        base={"title": read.title})


def test_a_move_and_an_edit_of_a_deleted_record(demo_store: Store) -> None:
    step = _first_step(demo_store)
    read = _read(demo_store, step.id)
    with demo_store.session() as a:
        services.update(a, "steps", step.id, data={"title": "Moved?"}, expected=read.updated_at)
    with demo_store.session() as b, pytest.raises(ConflictError):
        services.move_step(b, step.id, position=0, expected=read.updated_at)
    with demo_store.session() as a:
        services.delete(a, "steps", step.id)
    with demo_store.session() as b, pytest.raises(NotFoundError, match="deleted"):
        services.update(b, "steps", step.id, data={"title": "Too late"}, expected=read.updated_at)


def test_every_change_gives_a_new_version_even_when_the_clock_lags(demo_store: Store,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A version from the future (another machine's clock ahead), or a coarse clock: still a new one."""
    step = _first_step(demo_store)
    read = _read(demo_store, step.id)
    ahead = datetime.now(UTC) + timedelta(hours=1)
    assert versions.next_version(ahead) == ahead + versions.ONE_TICK
    with demo_store.session() as a:
        services.update(a, "steps", step.id, data={"title": "Clock ahead"}, expected=read.updated_at)
    frozen = _read(demo_store, step.id).updated_at
    monkeypatch.setattr(versions, "utcnow", lambda: frozen)  # the clock has not moved since
    with demo_store.session() as a:
        second = services.update(a, "steps", step.id, data={"title": "Same tick"}, expected=frozen).value
    assert second.updated_at == frozen + versions.ONE_TICK


def test_two_clients_at_the_same_moment_one_wins_one_is_refused(demo_store: Store) -> None:
    """Both claim the same version at once, each with its own connection: exactly one edit is written."""
    step = _first_step(demo_store)
    read = _read(demo_store, step.id)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def edit(who: str) -> None:
        start.wait()
        try:
            with demo_store.session() as session:
                services.update(session, "steps", step.id, data={"title": who}, expected=read.updated_at)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("refused")

    threads = [threading.Thread(target=edit, args=(who,)) for who in ("Ann", "Bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert _read(demo_store, step.id).title in ("Ann", "Bob")


def test_a_version_as_a_bundle_writes_it_is_accepted(demo_store: Store) -> None:
    step = _first_step(demo_store)
    read = _read(demo_store, step.id)
    text = services.codec.format_datetime(read.updated_at)  # "...T...Z", as the front end may keep it
    with demo_store.session() as a:
        services.update(a, "steps", step.id, data={"title": "From text"}, expected=text)
    assert _read(demo_store, step.id).title == "From text"
