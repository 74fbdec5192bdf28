"""Opening workspaces: pragmas, refusing bad files, never touching a user's file on failure."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from servicecommunity.errors import StoreError
from servicecommunity.store import default_db_path, head_revision, open_store


def test_new_workspace_has_wal_foreign_keys_busy_timeout_and_head_schema(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with open_store(path) as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        assert len(store.workspace_id) == 36


def test_workspace_id_is_stable_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with open_store(path) as store:
        first = store.workspace_id
    with open_store(path) as store:
        assert store.workspace_id == first


def test_default_path_follows_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERVICECOMMUNITY_DB", str(tmp_path / "x.sqlite"))
    assert default_db_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("SERVICECOMMUNITY_DB")
    # platformdirs puts it in the user data folder (XDG_DATA_HOME here, set by the autouse fixture)
    assert default_db_path().name == "community.sqlite"
    assert str(default_db_path()).startswith(os.environ["XDG_DATA_HOME"])


def test_missing_workspace_is_refused_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="No workspace at"):
        open_store(tmp_path / "absent.sqlite", create=False)
    assert not (tmp_path / "absent.sqlite").exists()


def test_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my meeting notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a Service Community workspace"):
        open_store(path)
    assert path.read_bytes() == before


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        open_store(path)
    assert path.read_bytes() == before


def test_locked_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    open_store(path).close()
    # Another program holds an exclusive lock; a fresh (non-WAL) file makes the lock total.
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("PRAGMA journal_mode=DELETE")
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        import servicecommunity.store as store_module

        old = store_module.BUSY_TIMEOUT_MS
        store_module.BUSY_TIMEOUT_MS = 50
        try:
            with pytest.raises(StoreError, match="locked by another program"):
                open_store(path)
        finally:
            store_module.BUSY_TIMEOUT_MS = old
    finally:
        blocker.rollback()
        blocker.close()
