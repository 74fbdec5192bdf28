"""Schema migrations at open time: older files are upgraded with a backup, newer ones refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from servicecommunity import services
from servicecommunity.domain.errors import StoreError
from servicecommunity.domain.models import Step
from servicecommunity.exchange import bundle
from servicecommunity.exchange.demo import load_demo
from servicecommunity.exchange.sync import SyncDirty
from servicecommunity.store.workspace import alembic_config, head_revision, open_store


def export_text(path: Path) -> str:
    with open_store(path) as store, store.session() as session:
        return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'trigger')")}
    finally:
        conn.close()


def at_first_schema(path: Path) -> str:
    """The demo in a file taken down to schema 0001 (today's code cannot write that schema's rows), and
    its export as it reads at head: the columns added since come back empty."""
    with open_store(path) as store:
        load_demo(store)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE step SET wait_hours = NULL")  # 0004's column: lost on the way down
            conn.exec_driver_sql("DELETE FROM sync_dirty")  # as loaded: nothing changed here since
        before = export_text(path)
        cfg = alembic_config(store.engine)
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
    return before


def test_a_file_at_the_first_schema_is_upgraded_with_its_data_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    before = at_first_schema(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("select version_num from alembic_version").fetchone() == ("0001",)
    finally:
        conn.close()
    assert "sync_base" not in tables(path)

    with open_store(path) as store:
        assert store.backup is not None and store.backup.exists()
        assert store.backup.parent == path.parent and "0001" in store.backup.name
        with store.session() as session:
            assert session.execute(text("select version_num from alembic_version")).scalar() == head_revision()
            assert bundle.dumps(bundle.export_bundle(session, include_sensitive=True)) == before
            step = session.scalars(select(Step)).first()
            assert step is not None
            services.update_step(session, step.id, data={"title": "Changed after the upgrade"})
        with store.session() as session:
            assert session.get(SyncDirty, step.id) is not None  # the triggers came with the upgrade
    assert {"sync_clock", "sync_dirty_update_step", "sync_dirty_delete_blocker", "sync_dirty_insert_blockerstep"} <= tables(path)
    assert not {t for t in tables(path) if t.startswith("sync_base")}
    with open_store(store.backup) as old_copy, old_copy.session() as session:  # the backup is the old file
        assert bundle.dumps(bundle.export_bundle(session, include_sensitive=True)) == before


def test_opening_a_file_at_head_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    open_store(path).close()
    with open_store(path) as store:
        assert store.backup is None
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == []


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("update alembic_version set version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        open_store(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == []


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes, not a database\n" * 50, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a Service Community workspace"):
        open_store(path)
    assert path.read_bytes() == before


def test_the_clock_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    before = at_first_schema(path)
    assert not {t for t in tables(path) if t.startswith(("sync_base", "sync_dirty", "sync_clock"))}
    assert export_text(path) == before  # opened again: upgraded back to head
    assert {"sync_clock", "sync_dirty_update_step"} <= tables(path)


def test_the_triggers_watch_every_content_column(tmp_path: Path) -> None:
    """The migrations froze each table's columns in its triggers: a column added later needs a migration
    that makes them again (0004 for a step's waiting time)."""
    import re

    from servicecommunity.domain.models import ENTITIES
    from servicecommunity.exchange import sync

    path = tmp_path / "w.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    try:
        triggers = dict(conn.execute("select name, sql from sqlite_master where type = 'trigger'").fetchall())
    finally:
        conn.close()
    for section, model in ENTITIES.items():
        table = model.__table__.name  # type: ignore[attr-defined]
        for verb in ("update", "delete"):
            watched = re.findall(r"OLD\.(\w+)\)?(?=[,)])", triggers[f"sync_dirty_{verb}_{table}"].split("json_object(", 1)[1])
            assert watched == sync.content_fields(section), (table, verb)
