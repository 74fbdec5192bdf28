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


def test_a_file_at_the_first_schema_is_upgraded_with_its_data_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with open_store(path, revision="0001") as store:
        load_demo(store)
        with store.session() as session:
            before = bundle.dumps(bundle.export_bundle(session, include_sensitive=True))
            assert session.execute(text("select version_num from alembic_version")).scalar() == "0001"
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
    with open_store(path) as store:
        load_demo(store)
        before = export_text(path)
        cfg = alembic_config(store.engine)
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
    assert not {t for t in tables(path) if t.startswith(("sync_base", "sync_dirty", "sync_clock"))}
    assert export_text(path) == before  # opened again: upgraded back to head
    assert {"sync_clock", "sync_dirty_update_step"} <= tables(path)


def test_the_triggers_watch_every_content_column(tmp_path: Path) -> None:
    """Migration 0003 froze each table's columns: a column added later needs its own migration."""
    import importlib

    from servicecommunity.domain.models import ENTITIES
    from servicecommunity.exchange import sync

    frozen = importlib.import_module("servicecommunity.store.migrations.versions.0003_causal_clocks").RECORD_TABLES
    for section, model in ENTITIES.items():
        table = model.__table__.name  # type: ignore[attr-defined]
        assert frozen[table] == (section, sync.content_fields(section))
