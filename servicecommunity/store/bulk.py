"""Helpers for reading and writing tens of thousands of records at once.

:func:`gc_paused` holds off the cyclic garbage collector while the main thread makes many small
acyclic objects; :func:`chunks` cuts a list of ids into ``IN (...)`` lists short enough for SQLite's bound-parameter
limit on old builds; :func:`untracked_inserts` lets an import's rows in without noting each as a
change made here.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_gc_holders = 0  # nested pauses on the main thread
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while the main thread builds a map or a report.

    Loading and laying out a big journey allocates tens of thousands of small objects that form no
    cycles; with the collector on, its repeated sweeps over everything alive cost about a third of
    the time (a 5,000-step map opens in about 0.44 s with the pause, 0.78 s without).

    Only the main thread pauses it; elsewhere this does nothing. The collector is one for the whole
    process: a worker thread holding it off through a long export or analysis would hold it off for
    the UI thread too, for as long as the worker runs. On the main thread a pause lasts as long as
    one task of the UI (or a command-line command); pauses nest, and the collector is back to its
    former state when the outermost one ends, also when it ends with an exception.
    """
    global _gc_holders, _gc_was_enabled  # noqa: PLW0603 - the one collector of the process
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if _gc_holders == 0:
        _gc_was_enabled = gc.isenabled()
        gc.disable()
    _gc_holders += 1
    try:
        yield
    finally:
        _gc_holders -= 1
        if _gc_holders == 0 and _gc_was_enabled:
            gc.enable()


def chunks(items: Sequence[T], size: int = 900) -> Iterator[Sequence[T]]:
    """``items`` ``size`` at a time (900: below the bound-parameter limit of old SQLite builds)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def driver_sql(conn: Any, sql: str) -> str:
    """``sql`` written with sqlite3's ``?`` placeholders, in the style of ``conn``'s driver.

    For ``exec_driver_sql`` with parameters: SQLite's driver takes the text as it is; psycopg
    (PostgreSQL) takes ``%s``, and a literal ``%`` doubled. Without parameters, pass the text as is.
    """
    if conn.dialect.paramstyle == "qmark":
        return sql
    return sql.replace("%", "%%").replace("?", "%s")


@contextmanager
def untracked_inserts(conn: Any, tables: Iterable[str]) -> Iterator[None]:
    """Inside the caller's write transaction, rows inserted into ``tables`` are not noted as changes.

    The ``sync_dirty_insert_*`` triggers (migration 0003) note every inserted row in ``sync_dirty``
    so that the next refresh gives it a dot; an import or a merge brings its rows with their clocks
    and forgets those notes at once. Noting 60,000 rows one by one and deleting the notes again
    was three quarters of a large import's time under the write lock (about 2.4 s of 3.1 s).

    The tables' insert triggers are dropped and the very same ones (their SQL as the file holds
    it) created again on the way out. Schema changes in SQLite are part of the transaction: no
    other connection can write meanwhile, readers see the committed schema, and a failure or a
    kill rolls the drop back with everything else. The caller must roll back on any error (it
    always does: an import is one transaction). ``conn`` is a SQLAlchemy connection; its write
    transaction is begun here if it has none yet. On PostgreSQL the triggers stay and skip the
    inserts of every table while the transaction's ``servicecommunity.untracked`` setting is on.
    """
    names = sorted(set(tables))
    if conn.dialect.name == "postgresql" and names:
        # the trigger functions of migration 0003 skip inserts while this transaction's setting is
        # on (SET LOCAL: it ends with the transaction, committed or rolled back, whatever happens)
        conn.exec_driver_sql("SET LOCAL servicecommunity.untracked = 'on'")
        yield  # on an error the caller rolls back, which ends the setting: no SET on an aborted transaction to hide the error
        conn.exec_driver_sql("SET LOCAL servicecommunity.untracked = 'off'")
        return
    if conn.dialect.name != "sqlite" or not names:
        yield
        return
    raw = conn.connection.dbapi_connection
    if raw is not None and not raw.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # else the driver would commit the drop at once
    marks = ", ".join("?" * len(names))
    triggers = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_dirty_insert_%' "
        f"AND tbl_name IN ({marks}) ORDER BY name",
        tuple(names),
    ).all()
    for name, _sql in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    failed = False
    try:
        yield
    except BaseException:
        failed = True
        raise
    finally:
        for _name, sql in triggers:
            try:
                conn.exec_driver_sql(sql)
            except Exception:
                if not failed:
                    raise  # the caller's rollback puts them back; its own error is the one to report


def copy_tables(conn: Any, batches: Iterable[tuple[Any, Sequence[str], Sequence[Sequence[Any]]]]) -> None:
    """Insert each ``(table, column names, rows)`` of ``batches``, in order, with PostgreSQL's ``COPY``.

    ``rows`` are tuples in the order of the names, as PostgreSQL's text form takes them: JSON
    columns as their JSON text, times as text or datetimes (``services.prepare_records`` makes
    them). Several times faster than an ``executemany`` of inserts; the rows' triggers fire as for
    an insert, foreign keys included. ``conn`` is a SQLAlchemy connection to PostgreSQL (psycopg
    3), in the caller's transaction.

    Most of an import's time is the server's: at the end of each table's COPY it checks every
    row's foreign keys, 5-10 us a reference (about 295,000 in the synthetic community).
    Formatting the next table on a second thread meanwhile was tried and dropped: on this
    two-core machine, busy with other work, it saved nothing measurable (best of 3: 3.5 s beside
    3.7 s, within the runs' spread) and cost more client CPU.
    """
    raw = conn.connection.dbapi_connection
    with raw.cursor() as cursor:
        for table, names, rows in batches:
            if not names or not rows:
                continue
            columns = ", ".join(f'"{name}"' for name in names)
            with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                write = copy.write_row
                for row in rows:
                    write(row)
