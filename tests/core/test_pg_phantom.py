"""Change settling on PostgreSQL gives a dot only to the fields that changed (no phantom changes).

A workspace copied between SQLite and PostgreSQL while it still holds unsettled changes carries its
noted old rows (``sync_dirty.old``) in the source engine's JSON form; ``sync.refresh`` on the other
engine must still see an untouched ``channels`` list, time or flag as unchanged, or the field gets a
new dot and a later merge can show a false conflict. Needs a server (see tests/core/test_pg_store.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from servicecommunity.domain.models import Blocker, Step
from servicecommunity.exchange import bundle, sync
from servicecommunity.exchange.copying import copy_workspace
from servicecommunity.store.workspace import open_store
from servicecommunity.testing.synthetic import generate_bundle


def clocks(where: str | Path) -> dict[str, dict[str, Any]]:
    with open_store(where, create=False) as store, store.session() as session:
        rows = session.connection().exec_driver_sql("SELECT id, clock FROM sync_clock").all()
    return {r[0]: json.loads(r[1]) for r in rows}


def changed_fields(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    """Per record, the fields whose clock entry differs (a new dot)."""
    out: dict[str, set[str]] = {}
    for rid, clock in after.items():
        old = before.get(rid, {}).get("f", {})
        names = {n for n, entry in clock.get("f", {}).items() if old.get(n) != entry}
        if names:
            out[rid] = names
    return out


def settle(where: str | Path) -> None:
    with open_store(where, create=False) as store, store.session() as session:
        sync.refresh(session)
        session.commit()


def a_workspace(where: str | Path) -> set[str]:
    """A settled workspace where a step with channels and a blocker with standard points then get a
    new title, not yet settled."""
    with open_store(where) as store:
        with store.session() as session:
            bundle.import_new(session, generate_bundle(seed=5, steps=30, dependencies=40, blockers=20,
                                                       small_journey_steps=5))
        with store.session() as session:
            step = next(s for s in session.scalars(select(Step).order_by(Step.id)) if len(s.channels) >= 2)
            sid = step.id
            blocker = next(b for b in session.scalars(select(Blocker).order_by(Blocker.id)) if b.standard_points)
            bid = blocker.id
    settle(where)
    with open_store(where, create=False) as store, store.session() as session:
        session.execute(update(Step).where(Step.id == sid).values(title="A new title only"))
        session.execute(update(Blocker).where(Blocker.id == bid).values(title="A new title only"))
        session.commit()
    return {sid, bid}


def test_sqlite_settles_a_title_edit_as_the_title_only(tmp_path: Path) -> None:
    where = tmp_path / "w.sqlite"
    ids = a_workspace(where)
    before = clocks(where)
    settle(where)
    assert changed_fields(before, clocks(where)) == {key: {"title"} for key in ids}


def test_a_copy_to_postgresql_settles_a_title_edit_as_the_title_only(
        tmp_path: Path, pg_databases: Callable[[], str]) -> None:
    where = tmp_path / "w.sqlite"
    ids = a_workspace(where)
    server = pg_databases()
    copy_workspace(where, server)
    before = clocks(server)
    settle(server)
    assert changed_fields(before, clocks(server)) == {key: {"title"} for key in ids}


def test_a_copy_back_from_postgresql_settles_a_title_edit_as_the_title_only(
        tmp_path: Path, pg_databases: Callable[[], str]) -> None:
    server = pg_databases()
    ids = a_workspace(server)
    back = tmp_path / "back.sqlite"
    copy_workspace(server, back)
    before = clocks(back)
    settle(back)
    assert changed_fields(before, clocks(back)) == {key: {"title"} for key in ids}


def test_postgresql_settles_a_title_edit_as_the_title_only(pg_databases: Callable[[], str]) -> None:
    server = pg_databases()
    ids = a_workspace(server)
    before = clocks(server)
    settle(server)
    assert changed_fields(before, clocks(server)) == {key: {"title"} for key in ids}
