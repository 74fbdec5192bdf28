"""``servicecommunity init`` and ``copy``: a workspace moves to a team's server and back without loss.

Needs a server (see tests/core/test_pg_store.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.cli.main import main
from servicecommunity.domain.errors import StoreError
from servicecommunity.domain.models import Blocker, Step
from servicecommunity.exchange import bundle, merge
from servicecommunity.exchange.copying import copy_workspace, tables
from servicecommunity.exchange.demo import load_demo
from servicecommunity.store.workspace import Store, open_store


def everything(where: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in key order, as Python values."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with open_store(where, create=False) as store, store.session() as session:
        conn = session.connection()
        for table in tables():
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def shared(store: Store) -> dict[str, Any]:
    with store.session() as session:
        return bundle.parse_bundle(bundle.dumps(bundle.export_bundle(session, include_sensitive=True)))


def a_worked_workspace(path: Path, tmp_path: Path) -> None:
    """The demo, shared, then edited, deleted from and merged with a conflict: every kind of row."""
    with open_store(path) as store:
        load_demo(store)
        first = shared(store)
        with store.session() as session:
            step = session.execute(select(Step).order_by(Step.id).limit(1)).scalars().one()
            services.update(session, "steps", step.id, data={"title": "Edited here"})
        with store.session() as session:
            blocker = session.execute(select(Blocker).order_by(Blocker.id).limit(1)).scalars().one()
            services.delete(session, "blockers", blocker.id)
        with open_store(tmp_path / "other.sqlite") as theirs:
            with theirs.session() as session:
                merge.merge_bundle(session, first)
            with theirs.session() as session:
                services.update(session, "steps", step.id, data={"title": "Edited there"})
            second = shared(theirs)
        with store.session() as session:
            report = merge.merge_bundle(session, second)
        assert report.conflicts  # a pending conflict: its values live in the clock
        with store.session() as session:  # and a change not yet given its dot
            services.update(session, "steps", step.id, data={"description": "Not shared yet"})


def test_a_workspace_goes_to_the_server_and_back_without_loss(
    tmp_path: Path, pg_databases: Callable[[], str]
) -> None:
    original = tmp_path / "original.sqlite"
    a_worked_workspace(original, tmp_path)
    server = pg_databases()
    to_server = copy_workspace(original, server)
    back = tmp_path / "back.sqlite"
    copy_workspace(server, back)
    before, on_server, after = everything(original), everything(server), everything(back)
    assert to_server.rows == {name: len(rows) for name, rows in before.items()}
    assert before["sync_clock"] and before["tombstone"] and before["activity"] and before["sync_dirty"]
    for name in before:
        assert on_server[name] == before[name], name
        assert after[name] == before[name], name
    with open_store(server) as store, store.session() as session:  # the server goes on as the same workspace
        conflicts = merge.pending_conflicts(session)
        assert conflicts
        org = services.create(session, "organisations", data={
            "community_id": before["community"][0][0], "name": "After the move"}).value
        assert org.name == "After the move"  # a new activity entry: its id follows the copied ones


def test_copy_refuses_a_destination_that_holds_records(tmp_path: Path, pg_databases: Callable[[], str]) -> None:
    server = pg_databases()
    with open_store(server) as store:
        load_demo(store)
    source = tmp_path / "a.sqlite"
    with open_store(source) as store:
        load_demo(store)
    before = everything(server)
    with pytest.raises(StoreError, match="already holds records"):
        copy_workspace(source, server)
    assert everything(server) == before
    with pytest.raises(StoreError, match="already holds records"):
        copy_workspace(server, source)


def test_init_and_copy_on_the_command_line(
    tmp_path: Path, pg_databases: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    server = pg_databases().replace("postgresql+psycopg://", "postgresql://")
    assert main(["init", server]) == 0
    assert "is a workspace at schema" in capsys.readouterr().out
    assert main(["demo", "--db", str(tmp_path / "demo.sqlite")]) == 0
    assert main(["copy", str(tmp_path / "demo.sqlite"), server]) == 0
    assert "Copied" in capsys.readouterr().out
    assert main(["summary", "--db", server, "--json"]) == 0
    assert '"steps": 34' in capsys.readouterr().out
    assert main(["copy", str(tmp_path / "demo.sqlite"), server]) == 1
    assert "already holds records" in capsys.readouterr().err
    assert main(["check", "--db", server]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert main(["copy", server, str(tmp_path / "back.sqlite")]) == 0
    assert everything(tmp_path / "back.sqlite") == everything(tmp_path / "demo.sqlite")
