"""Opening a workspace: one SQLite file, migrated in code, never lost.

A workspace is a document, like an Anki collection. :func:`open_store` opens (or creates) one,
runs the Alembic migrations that the packaged ``migrations/`` folder holds, and hands back a
:class:`Store` whose :meth:`Store.session` gives one session per user action.

Respecting the user's file (qutebrowser ``misc/sql.py``): a file written by a newer version is
refused with a clear message; a file is backed up before it is migrated; nothing here ever deletes
or overwrites a user's database because something failed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session

from servicecommunity import models
from servicecommunity.errors import StoreError

APP_NAME = "ServiceCommunity"
ENV_DB = "SERVICECOMMUNITY_DB"
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000


def default_db_path() -> Path:
    """The default workspace: ``$SERVICECOMMUNITY_DB`` or the user data dir's ``community.sqlite``."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "community.sqlite"


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    """``--db`` if given, else the default workspace."""
    return Path(db).expanduser() if db else default_db_path()


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite file or, later, a PostgreSQL server for a team)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _check_is_sqlite(path: Path) -> None:
    """Refuse a file that exists but is not a SQLite database, before SQLAlchemy touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise StoreError(f"{path} is not a Service Community workspace (not a SQLite database); choose another file.")


def backup_file(engine: Engine, path: Path, revision: str) -> Path:
    """Copy the workspace beside itself with ``VACUUM INTO`` before a migration; return the copy."""
    target = path.with_name(f"{path.stem}.backup-{revision}{path.suffix or '.sqlite'}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.backup-{revision}-{n}{path.suffix or '.sqlite'}")
        n += 1
    raw = engine.raw_connection()
    try:
        raw.execute("VACUUM INTO ?", (str(target),))
    finally:
        raw.close()
    return target


@contextmanager
def one_snapshot(session: Session) -> Iterator[Session]:
    """Read in one transaction: every query inside sees the workspace as it was when the first ran.

    Python's sqlite3 driver starts a transaction only before a write, so a run of SELECTs otherwise
    sees each commit made meanwhile by another connection (the app's editing, while an export
    reads in a worker): a step could be missed and a dependency on it read. On SQLite this opens
    the read transaction itself and ends it (a rollback: nothing was written) on the way out. The
    session must have nothing of its own under way.
    """
    conn = session.connection()
    raw = conn.connection.dbapi_connection
    began = conn.dialect.name == "sqlite" and raw is not None and not raw.in_transaction
    if began:
        conn.exec_driver_sql("BEGIN")
    try:
        yield session
    finally:
        if began:
            session.rollback()


@dataclass
class Store:
    """An open workspace."""

    engine: Engine
    path: Path | None
    backup: Path | None = None  # where the file was copied before its last migration

    def session(self) -> Session:
        """A new session: one per user action, never shared with widgets."""
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        with self.session() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def meta(self, key: str) -> str | None:
        with self.session() as session:
            row = session.get(models.Meta, key)
            return row.value if row else None

    @property
    def workspace_id(self) -> str:
        value = self.meta("workspace_id")
        assert value is not None
        return value

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def open_store(
    db: str | os.PathLike[str] | None = None,
    *,
    url: str | None = None,
    create: bool = True,
    revision: str = "head",
) -> Store:
    """Open the workspace at ``db`` (or the default one), creating and migrating it as needed.

    Raises :class:`StoreError` with a sentence a user can act on: the file is not a database, was
    written by a newer version, is locked by another program, or does not exist and ``create`` is
    false. ``revision`` is for tests that need a file at an older schema.
    """
    path: Path | None = None
    if url is None:
        path = resolve_db_path(db)
        if not path.exists():
            if not create:
                raise StoreError(f"No workspace at {path}; create one with 'servicecommunity demo' or give --db.")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Cannot create the folder for {path}: {exc.strerror}.") from exc
        elif path.is_dir():
            raise StoreError(f"{path} is a folder; give the path of a workspace file.")
        _check_is_sqlite(path)
        url = f"sqlite:///{path}"
    engine = make_engine(url)
    try:
        store = _migrate(engine, path, revision)
    except StoreError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        if "locked" in str(exc.orig):
            raise StoreError(f"{path} is locked by another program; close it there and try again.") from exc
        raise StoreError(f"Cannot open {path or url}: {exc.orig}.") from exc
    except DatabaseError as exc:
        engine.dispose()
        raise StoreError(f"{path or url} is damaged or not a workspace: {exc.orig}.") from exc
    return store


def _migrate(engine: Engine, path: Path | None, revision: str) -> Store:
    script = ScriptDirectory.from_config(alembic_config())
    current = _current_revision(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"{path} was written by a newer version of Service Community (schema {current}); "
            "update the app to open it."
        )
    backup = None
    target = script.get_current_head() if revision == "head" else revision
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    if current is not None and current != target and path is not None:
        backup = backup_file(engine, path, current)
    if current != target:
        cfg = alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    store = Store(engine=engine, path=path, backup=backup)
    with store.begin() as session:
        if session.exec(select(models.Meta).where(models.Meta.key == "workspace_id")).first() is None:
            session.add(models.Meta(key="workspace_id", value=models.new_id()))
    return store
