"""Opening a workspace: one SQLite file, migrated in code, never lost.

A workspace is a document, like an Anki collection. :func:`open_store` opens (or creates) one,
runs the Alembic migrations that the packaged ``migrations/`` folder holds, and hands back a
:class:`Store` whose :meth:`Store.session` gives one session per user action.

Respecting the user's file (qutebrowser ``misc/sql.py``): a file written by a newer version is
refused with a clear message; a file is backed up before it is migrated; nothing here ever deletes
or overwrites a user's database because something failed.

What a workspace is: a file that does not exist yet, an empty (zero-byte) file, a SQLite database
with nothing in it (our own creation cut short), or a SQLite database holding our
``alembic_version`` table with a revision. Anything else (another program's database, or one of
ours that lost its ``alembic_version``) is refused in one sentence before anything writes to it:
:func:`_classify` reads it through a read-only connection.

SQLite's own failures reach the user as the project's errors, never as a traceback, through one
``handle_error`` hook on every engine (:func:`workspace_error`): a lock held past the busy timeout
is :class:`WorkspaceBusyError`, a damaged file :class:`WorkspaceDamagedError`, a full disk
:class:`DiskFullError`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
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
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction
from sqlmodel import Session

from servicecommunity.domain import models
from servicecommunity.domain.errors import (
    DiskFullError,
    ServiceCommunityError,
    StoreError,
    ValidationError,
    WorkspaceBusyError,
    WorkspaceDamagedError,
)
from servicecommunity.i18n import N_, gettext

APP_NAME = "ServiceCommunity"
ENV_DB = "SERVICECOMMUNITY_DB"
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000
BUSY_MESSAGE = N_("Another program is writing to this workspace; try again in a moment.")
RESTORE_HINT = N_("restore its latest good backup with 'servicecommunity restore'")

log = logging.getLogger(__name__)


def default_db_path() -> Path:
    """The default workspace: ``$SERVICECOMMUNITY_DB`` or the user data dir's ``community.sqlite``."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "community.sqlite"


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    """``--db`` if given, else the default workspace (a file; see :func:`server_url` for a server)."""
    return Path(db).expanduser() if db else default_db_path()


#: how a team workspace on a PostgreSQL server is named (``--db``, ``$SERVICECOMMUNITY_DB``)
SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def server_url(db: str | os.PathLike[str] | None) -> str | None:
    """The SQLAlchemy URL of a team workspace if ``db`` (or the default) names a server, else None.

    ``postgresql://user@host/database`` (libpq's own form, as ``psql`` takes it) becomes
    ``postgresql+psycopg://...``: psycopg 3 is the driver. Anything else is a file's path.
    """
    if db is None:
        db = os.environ.get(ENV_DB)
    if db is None or isinstance(db, Path):
        return None
    text = os.fspath(db)
    if not text.startswith(SERVER_SCHEMES):
        return None
    return "postgresql+psycopg://" + text.split("://", 1)[1]


def describe(url: str) -> str:
    """A server workspace's URL as shown to people: never its password."""
    from urllib.parse import unquote

    from sqlalchemy.engine import make_url

    shown = unquote(make_url(url).render_as_string(hide_password=True))
    return shown.replace("postgresql+psycopg://", "postgresql://", 1)


# SQLite's functions that the core's queries name through ``func``, rendered for PostgreSQL: one
# query text for both databases (SQLite's rendering is SQLAlchemy's default, unchanged).


class likely(GenericFunction[Any]):  # lower case: the SQL name func.likely finds
    """SQLite's planner hint ``likely(x)`` (a query's choice of index); on PostgreSQL just ``x``."""

    name = "likely"
    inherit_cache = True


@compiles(likely, "postgresql")
def _likely_pg(element: likely, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


class json_each(GenericFunction[Any]):  # lower case: the SQL name func.json_each finds
    """SQLite's ``json_each(array)``; on PostgreSQL ``json_array_elements_text``, whose column is also ``value``."""

    name = "json_each"
    inherit_cache = True


@compiles(json_each, "postgresql")
def _json_each_pg(element: json_each, compiler: Any, **kw: Any) -> str:
    (arg,) = element.clauses
    return f"json_array_elements_text(CAST({compiler.process(arg, **kw)} AS json))"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_code(exc: BaseException) -> str:
    """SQLite's error name (``SQLITE_BUSY``, ``SQLITE_CORRUPT``...), from the code or the message."""
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str):
        return name
    text = str(exc).lower()
    for fragment, code in (
        ("locked", "SQLITE_BUSY"),
        ("malformed", "SQLITE_CORRUPT"),
        ("file is not a database", "SQLITE_NOTADB"),
        ("disk is full", "SQLITE_FULL"),
        ("disk i/o error", "SQLITE_IOERR"),
        ("readonly database", "SQLITE_READONLY"),
        ("unable to open database", "SQLITE_CANTOPEN"),
    ):
        if fragment in text:
            return code
    return ""


def workspace_error(exc: BaseException, where: object) -> ServiceCommunityError | None:
    """The project's error for a SQLite failure on the workspace ``where`` names, or None.

    ``exc`` is a ``sqlite3`` error or SQLAlchemy's wrapper of one. Only failures of the file
    itself are mapped (busy, damaged, full, unreadable, read-only); a wrong query stays a bug.
    """
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.Error):
        return None
    code = _sqlite_code(orig)
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return WorkspaceBusyError(gettext(BUSY_MESSAGE))
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return WorkspaceDamagedError(gettext("{where} is damaged (SQLite says: {error}); {hint}.").format(
            where=where, error=orig, hint=gettext(RESTORE_HINT)))
    if code.startswith("SQLITE_FULL"):
        return DiskFullError(
            gettext("The disk holding {where} is full, so nothing was changed; free some space and try again.").format(
                where=where))
    if code.startswith("SQLITE_IOERR"):
        return StoreError(
            gettext("{where} could not be read or written (a disk error: {error}); check the disk, "
                    "then run 'servicecommunity check'.").format(where=where, error=orig))
    if code.startswith("SQLITE_READONLY"):
        return StoreError(gettext("{where} cannot be written (a read-only file or folder); copy it somewhere you can write.").format(
            where=where))
    if code.startswith("SQLITE_CANTOPEN"):
        return StoreError(gettext("Cannot open {where}: {error}; check that the file and its folder exist and can be written.").format(
            where=where, error=orig))
    return None


def server_error(exc: BaseException, where: object) -> ServiceCommunityError | None:
    """The project's error for a PostgreSQL failure to reach or use the server, or None.

    A server that cannot be reached, refuses the login or is shutting down is a
    :class:`StoreError` naming it; a serialization failure or a deadlock (another person's
    transaction won) is :class:`WorkspaceBusyError`; a full disk :class:`DiskFullError`. A wrong
    query stays a bug.
    """
    orig = getattr(exc, "orig", None) or exc
    sqlstate = getattr(orig, "sqlstate", None)
    if "cannot contain NUL" in str(orig):  # psycopg's own refusal, before the server sees the text
        return ValidationError(
            gettext("A text holds the NUL character (\\x00), which a team workspace on PostgreSQL cannot store; "
                    "remove it and try again (nothing was changed).")
        )
    if sqlstate is None:
        if type(orig).__module__.startswith("psycopg") and type(orig).__name__ == "OperationalError":
            first = str(orig).strip().splitlines()[0] if str(orig).strip() else "no answer"
            return StoreError(gettext("Cannot reach the team workspace at {where}: {error}; check the address and that the server runs.").format(
                where=where, error=first))
        return None
    if sqlstate in ("40001", "40P01", "55P03"):
        return WorkspaceBusyError(gettext("Someone else changed the same records at the same moment; try again."))
    if sqlstate == "53100":
        return DiskFullError(gettext("The server holding {where} has a full disk, so nothing was changed; tell its hosting team.").format(
            where=where))
    if sqlstate.startswith(("08", "28", "57P", "3D")):
        first = str(orig).strip().splitlines()[0]
        return StoreError(gettext("Cannot use the team workspace at {where}: {error}.").format(where=where, error=first))
    if sqlstate == "42501":
        first = str(orig).strip().splitlines()[0]
        return StoreError(gettext("The server refused: {error} (your role on {where} does not allow it).").format(
            error=first, where=where))
    return None


def _raise_server_error(context: Any) -> None:
    """``handle_error`` hook of a server engine (see :func:`server_error`)."""
    where = describe(str(context.engine.url)) if context.engine else "the team workspace"
    error = server_error(context.original_exception, where)
    if error is not None:
        raise error from context.original_exception


def _raise_workspace_error(context: Any) -> None:
    """``handle_error`` hook: raise the project's error in place of SQLite's (see :func:`workspace_error`)."""
    error = workspace_error(context.original_exception, context.engine.url.database if context.engine else "the workspace")
    if error is not None:
        raise error from context.original_exception


def make_engine(url: str) -> Engine:
    """An engine for ``url``: a SQLite file, or a PostgreSQL server for a team (psycopg 3)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "handle_error", _raise_workspace_error)
        return engine
    engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    event.listen(engine, "handle_error", _raise_server_error)
    return engine


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        # ``%`` doubled: the option is read with configparser's interpolation (a socket path is %2F...)
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def known_revisions() -> set[str]:
    """Every schema revision this version can open (older ones are migrated on open)."""
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A plain read-only ``sqlite3`` connection: it can never change the file's bytes.

    A file in WAL mode with no WAL beside it holds everything in itself; it is opened as
    immutable, so that reading it does not leave a ``-wal`` and ``-shm`` beside another
    program's file either.
    """
    with path.open("rb") as fh:
        header = fh.read(20)
    wal_mode = len(header) == 20 and header[18:20] == b"\x02\x02"
    flags = "immutable=1" if wal_mode and not path.with_name(path.name + "-wal").exists() else "mode=ro"
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise workspace_error(exc, path) or StoreError(gettext("Cannot open {where}: {error}.").format(where=path, error=exc)) from exc


def _classify(path: Path) -> bool:
    """True if ``path`` is to be made a new workspace, False if it is one; refuse anything else.

    Reads through a read-only connection, so a refused file is left byte for byte as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return True
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise StoreError(gettext("{path} is not a Service Community workspace (not a SQLite database); choose another file.").format(path=path))
    conn = connect_readonly(path)
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
        revisions = (
            [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in names else []
        )
    except sqlite3.Error as exc:
        error = workspace_error(exc, path)
        if isinstance(error, WorkspaceBusyError):
            raise StoreError(gettext("{path} is locked by another program; close it there and try again.").format(path=path)) from exc
        raise error or StoreError(gettext("Cannot open {where}: {error}.").format(where=path, error=exc)) from exc
    finally:
        conn.close()
    if not names or (names == {"alembic_version"} and not revisions):
        return True  # an empty database, or our own creation cut short before its first revision
    if "alembic_version" not in names:
        if {"meta", "community", "journey"} <= names:
            raise StoreError(gettext(
                "{path} looks like a workspace but has lost its schema version (the alembic_version table), "
                "so it cannot be opened safely; {hint}.").format(path=path, hint=gettext(RESTORE_HINT)))
        raise StoreError(gettext(
            "{path} is another program's SQLite database, not a Service Community workspace; "
            "it was left as it is; choose another file.").format(path=path))
    if len(revisions) != 1:
        raise StoreError(gettext(
            "{path} has no single schema version in its alembic_version table, so it cannot be opened safely; "
            "{hint}.").format(path=path, hint=gettext(RESTORE_HINT)))
    if revisions[0] not in known_revisions() and "meta" not in names:
        raise StoreError(gettext(
            "{path} is another program's SQLite database (schema {revision}), not a Service Community "
            "workspace; it was left as it is; choose another file.").format(path=path, revision=revisions[0]))
    return False  # a revision we do not know, in a file with our tables: _migrate says "newer version"


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
    if conn.dialect.name == "postgresql":
        # PostgreSQL's default (READ COMMITTED) gives each statement a snapshot of its own; one
        # snapshot for the whole read is REPEATABLE READ, set before the transaction's first query.
        began = raw is not None and _pg_idle(raw)
        if began:
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    else:
        began = conn.dialect.name == "sqlite" and raw is not None and not raw.in_transaction
        if began:
            conn.exec_driver_sql("BEGIN")
    try:
        yield session
    finally:
        if began:
            session.rollback()


#: PostgreSQL advisory locks of a workspace: one migration at a time; one import, merge or refresh at a time
MIGRATION_LOCK = 7310452168
WRITE_LOCK = 7310452169


def _pg_idle(raw: Any) -> bool:
    """Whether a psycopg connection has no transaction under way (nothing run since the last end)."""
    import psycopg

    return bool(raw.info.transaction_status == psycopg.pq.TransactionStatus.IDLE)


def begin_write(session: Session) -> None:
    """Take the workspace's write lock now, for the session's transaction (``BEGIN IMMEDIATE``).

    An import or a merge prepares everything it will write first, reading only, then calls this
    and writes in one short transaction: the lock is held only while it writes, so edits made
    meanwhile elsewhere wait a moment at most. Waiting for the lock follows the busy timeout, and
    giving up is :class:`WorkspaceBusyError`. Taking it at once (rather than at the first write)
    also means a transaction that reads before it writes sees nothing change in between. A
    transaction already under way on the connection is kept as it is. On PostgreSQL, where edits
    lock only the rows they write, it takes the workspace's advisory lock until the transaction
    ends: imports, merges and refreshes run one at a time, as on SQLite, while edits go on.
    """
    conn = session.connection()
    raw = conn.connection.dbapi_connection
    if conn.dialect.name == "sqlite" and raw is not None and not raw.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


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

    @property
    def is_server(self) -> bool:
        """Whether this is a team workspace on a server (PostgreSQL) rather than a file."""
        return self.engine.dialect.name != "sqlite"

    @property
    def where(self) -> str:
        """The workspace as shown to people: the file's path, or the server's URL without its password."""
        if self.path is not None:
            return str(self.path)
        return describe(self.engine.url.render_as_string(hide_password=False))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _current_in(conn)


def _current_in(conn: Any) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def open_store(
    db: str | os.PathLike[str] | None = None,
    *,
    url: str | None = None,
    create: bool = True,
    revision: str = "head",
    daily_backup: bool = False,
) -> Store:
    """Open the workspace at ``db`` (or the default one), creating and migrating it as needed.

    Raises :class:`StoreError` with a sentence a user can act on: the file is not a workspace (and
    was left as it was), was written by a newer version, is locked by another program, is damaged,
    or does not exist and ``create`` is false. ``revision`` is for tests that need a file at an
    older schema. ``daily_backup`` (the command line and the app) copies an existing workspace into
    its backups folder if it has no backup from today (:func:`servicecommunity.store.backups.daily`).
    """
    path: Path | None = None
    new = False
    if url is None:
        url = server_url(db)
        if url is not None:
            return _open_server(url, create=create, revision=revision)
        path = resolve_db_path(db)
        if not path.exists():
            if not create:
                raise StoreError(gettext("No workspace at {path}; create one with 'servicecommunity demo' or give --db.").format(
                    path=path))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(gettext("Cannot create the folder for {path}: {error}.").format(path=path, error=exc.strerror)) from exc
        elif path.is_dir():
            raise StoreError(gettext("{path} is a folder; give the path of a workspace file.").format(path=path))
        new = _classify(path)
        url = f"sqlite:///{path}"
    engine = make_engine(url)
    try:
        store = _migrate(engine, path, revision)
        if daily_backup and path is not None and not new:
            from servicecommunity.store import backups

            backups.daily(store)
    except WorkspaceBusyError as exc:
        engine.dispose()
        raise StoreError(gettext("{where} is locked by another program; close it there and try again.").format(
            where=path or url)) from exc
    except StoreError:
        engine.dispose()
        raise
    except OperationalError as exc:  # a failure of the file itself became a StoreError in the hook
        engine.dispose()
        raise StoreError(gettext("Cannot open {where}: {error}.").format(where=path or url, error=exc.orig)) from exc
    except DatabaseError as exc:
        engine.dispose()
        raise StoreError(gettext("{where} is damaged or not a workspace: {error}.").format(where=path or url, error=exc.orig)) from exc
    except BaseException:
        engine.dispose()
        raise
    return store


def _server_tables(engine: Engine) -> tuple[set[str], list[str]]:
    """The tables of the server database's current schema, and its ``alembic_version`` rows."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        revisions = ([str(r[0]) for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
                     if "alembic_version" in names else [])
    return names, revisions


def _open_server(url: str, *, create: bool, revision: str) -> Store:
    """Open (or, in an empty database, create) a team workspace on a PostgreSQL server.

    As with a file, a database holding another program's tables is refused in one sentence and
    left as it was; an empty one becomes a workspace only if ``create``. Two people opening a new
    or older workspace at the same moment do not both migrate it: the migration holds an advisory
    lock. A server's own backups (``pg_dump``) are its hosting team's: none is taken here.
    """
    where = describe(url)
    engine = make_engine(url)
    try:
        names, revisions = _server_tables(engine)
        if not names or (names == {"alembic_version"} and not revisions):
            if not create:
                raise StoreError(
                    gettext("The database {where} holds no workspace yet; create one with 'servicecommunity init {where}'.").format(
                        where=where)
                )
        elif "alembic_version" not in names:
            raise StoreError(
                gettext("The database {where} holds another program's tables, not a Service Community workspace; "
                        "it was left as it is; give an empty database.").format(where=where)
            )
        elif len(revisions) != 1:
            raise StoreError(gettext("The database {where} has no single schema version in its alembic_version table.").format(
                where=where))
        return _migrate(engine, None, revision, where=where)
    except BaseException:
        engine.dispose()
        raise


def _migrate(engine: Engine, path: Path | None, revision: str, *, where: str | None = None) -> Store:
    script = ScriptDirectory.from_config(alembic_config())
    current = _current_revision(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(gettext(
            "{path} was written by a newer version of Service Community (schema {revision}); "
            "update the app to open it.").format(path=path or where, revision=current))
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
            if engine.dialect.name == "postgresql":
                # one migration at a time: another client opening the same database waits here
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                needed = _current_in(conn) != target  # else someone migrated it while we waited
            else:
                needed = True
            if needed:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
    store = Store(engine=engine, path=path, backup=backup)
    with store.begin() as session:
        if session.get(models.Meta, "workspace_id") is None:
            session.add(models.Meta(key="workspace_id", value=models.new_id()))
    return store
