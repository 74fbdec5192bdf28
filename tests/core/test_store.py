"""Opening workspaces: pragmas, refusing bad files, never touching a user's file on failure."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

from servicecommunity import services
from servicecommunity.domain.errors import (
    DiskFullError,
    ServiceCommunityError,
    StoreError,
    WorkspaceBusyError,
    WorkspaceDamagedError,
)
from servicecommunity.services import queries
from servicecommunity.store import workspace as store_module
from servicecommunity.store.workspace import default_db_path, head_revision, open_store

BUSY = "Another program is writing to this workspace; try again in a moment."


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
        import servicecommunity.store.workspace as store_module

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


# --- what a workspace is: anything else is refused and left byte for byte as it was ----------------


def foreign_database(path: Path, *, wal: bool = False) -> bytes:
    """Another program's SQLite file (a notes app): its bytes."""
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("CREATE INDEX note_body ON note(body)")
    conn.executemany("INSERT INTO note (body) VALUES (?)", [(f"note {i}",) for i in range(200)])
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("wal", [False, True])
def test_another_programs_sqlite_file_is_refused_and_left_byte_identical(tmp_path: Path, wal: bool) -> None:
    path = tmp_path / "notes.sqlite"
    before = foreign_database(path, wal=wal)
    with pytest.raises(StoreError, match="another program's SQLite database") as exc:
        open_store(path)
    assert str(exc.value).count(". ") == 0 and str(exc.value).endswith("choose another file.")
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["notes.sqlite"]  # no WAL, no backups folder either
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["note"]
    conn.close()


def test_another_alembic_programs_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    conn.execute("CREATE TABLE account (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program's SQLite database"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_workspace_that_lost_its_alembic_version_is_refused_without_gaining_an_empty_one(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE alembic_version")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="lost its schema version"):
        open_store(path)
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone() == (0,)
    conn.close()


@pytest.mark.parametrize("kind", ["zero bytes", "an empty SQLite database"])
def test_an_empty_file_becomes_a_workspace(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "new.sqlite"
    if kind == "zero bytes":
        path.write_bytes(b"")
    else:
        sqlite3.connect(path).execute("PRAGMA user_version=0").connection.close()
        conn = sqlite3.connect(path)
        conn.execute("VACUUM")  # writes the header: a valid database with no tables
        conn.close()
        assert path.stat().st_size > 0
    with open_store(path) as store, store.engine.connect() as conn2:
        assert conn2.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()


# --- SQLite's failures become one sentence ---------------------------------------------------------


def demo_workspace(path: Path) -> None:
    from servicecommunity.exchange.demo import load_demo

    with open_store(path) as store:
        load_demo(store)  # closing the last connection folds the WAL back into the file


def damage_data_pages(path: Path) -> None:
    """Overwrite the first page of every table and index holding records (not the schema, not meta)."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    roots = [
        row[0] for row in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE rootpage > 1 AND tbl_name NOT IN ('meta', 'alembic_version')"
        )
    ]
    conn.close()
    assert not path.with_name(path.name + "-wal").exists()
    with path.open("r+b") as fh:
        for root in roots:
            fh.seek((root - 1) * page_size)
            fh.write(b"\xff" * 64)


def test_a_damaged_workspace_opens_and_every_read_says_so_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    demo_workspace(path)
    damage_data_pages(path)
    with open_store(path) as store, store.session() as session, pytest.raises(WorkspaceDamagedError) as exc:
        queries.counts(session)
    message = str(exc.value)
    assert message.startswith(f"{path} is damaged") and "malformed" in message
    assert message.endswith("restore its latest good backup with 'servicecommunity restore'.")


def test_a_file_that_is_not_a_database_past_its_header_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00\x01" * 2000)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="is damaged"):
        open_store(path)
    assert path.read_bytes() == before


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    return 100


@pytest.fixture
def writer(tmp_path: Path) -> sqlite3.Connection:
    """Another program holding the workspace's write lock (BEGIN IMMEDIATE) until the test releases it."""
    open_store(tmp_path / "w.sqlite").close()
    conn = sqlite3.connect(tmp_path / "w.sqlite", timeout=0, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_an_edit_that_waits_past_the_busy_timeout_raises_the_projects_error(
    tmp_path: Path, short_busy_timeout: int, writer: sqlite3.Connection
) -> None:
    with open_store(tmp_path / "w.sqlite") as store, store.session() as session:
        started = time.perf_counter()
        with pytest.raises(WorkspaceBusyError) as exc:
            services.create(session, "communities", data={"name": "Leeds"})
        waited = time.perf_counter() - started
        assert str(exc.value) == BUSY
        assert isinstance(exc.value, ServiceCommunityError)  # what the app's edit handlers catch
        assert waited >= short_busy_timeout / 1000 * 0.9
        writer.execute("ROLLBACK")
        writer.close()
        services.create(session, "communities", data={"name": "Leeds"})  # the same edit, once it is free
    with open_store(tmp_path / "w.sqlite") as store, store.session() as session:
        assert [c.name for c in queries.communities(session)] == ["Leeds"]


def test_the_service_layer_maps_busy_on_a_session_of_its_own_engine(
    tmp_path: Path, writer: sqlite3.Connection
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.sqlite'}", connect_args={"timeout": 0.05})  # no store hook
    try:
        with Session(engine) as session, pytest.raises(WorkspaceBusyError, match=BUSY):
            services.create(session, "communities", data={"name": "Leeds"})
    finally:
        engine.dispose()
        writer.close()


def test_a_full_disk_is_one_sentence_and_the_transaction_is_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.sqlite"
    open_store(path).close()
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    original = store_module._set_sqlite_pragmas

    def no_room(dbapi_connection: sqlite3.Connection, record: object) -> None:
        original(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")  # the disk is full: no page can be added

    monkeypatch.setattr(store_module, "_set_sqlite_pragmas", no_room)
    full = pytest.raises(DiskFullError, match="is full, so nothing was changed; free some space")
    with open_store(path) as store, store.session() as session, full:
        for n in range(200):
            services.create(session, "communities", data={"name": f"Community {n}", "description": "x" * 2000})
    monkeypatch.undo()
    with open_store(path) as store, store.session() as session:
        assert len(queries.communities(session)) < 200  # each create was its own transaction; none half-written
        assert store_module.sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
