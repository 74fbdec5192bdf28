"""Copying a whole workspace into a new one: a file to a team's server, a server to a file.

``servicecommunity copy SRC DEST``. Every table is copied row for row: the records and their link
sets, the deletions (tombstones), the activity log, and the sharing state (the site and its
counter, every record's clock, the changes not yet given a dot, the sites' names, the
workspace's id). The copy *is* the workspace, moved: members who share bundles with it see the
same site as before. Keep using one of the two; to work on both, share bundles between them.

The destination must be a new workspace: a file that does not exist yet, or an empty database
(``servicecommunity init`` makes one). The source is read in one snapshot and the destination
written in one transaction, so a failure leaves it as empty as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, Table, delete, func, insert, select
from sqlmodel import Session

from servicecommunity.domain import models
from servicecommunity.domain.errors import StoreError
from servicecommunity.exchange import sync
from servicecommunity.i18n import gettext
from servicecommunity.store.workspace import Store, one_snapshot, open_store, server_url

#: tables whose rows describe the workspace itself, not records: the new workspace's own are replaced
STATE_TABLES = ("meta", "sync_state", "sync_site", "sync_clock", "sync_dirty", "sync_dirty_link")
BATCH = 5000


@dataclass
class CopyReport:
    source: str
    destination: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def records(self) -> int:
        names = [str(model.__table__.name) for model in models.ENTITIES.values()]  # type: ignore[attr-defined]
        return sum(self.rows.get(name, 0) for name in names)

    def summary(self) -> str:
        return f"Copied {self.source} to {self.destination}: {self.records} records, {sum(self.rows.values())} rows in all."


def tables() -> list[Table]:
    """Every table of the workspace's schema, parents before children (``alembic_version`` aside)."""
    assert sync.SyncClock.__table__.metadata is models.metadata  # type: ignore[attr-defined]
    return [t for t in models.metadata.sorted_tables if t.name != "alembic_version"]


def _rows(session: Session, table: Table) -> Iterator[list[dict[str, Any]]]:
    result = session.connection().execute(select(table).order_by(*table.primary_key.columns))
    while batch := result.mappings().fetchmany(BATCH):
        yield [dict(r) for r in batch]


def _is_new(store: Store) -> bool:
    with store.session() as session:
        conn = session.connection()
        for table in tables():
            if table.name in STATE_TABLES:
                continue
            if conn.execute(select(func.count()).select_from(table)).scalar():
                return False
    return True


def _destination_exists(dest: str | os.PathLike[str]) -> bool:
    if server_url(dest) is not None:
        return False  # open_store says whether the database is empty or a workspace
    return os.path.exists(dest) and os.path.getsize(dest) > 0


def copy_workspace(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> CopyReport:
    """Copy the workspace ``source`` (a file or a server URL) into the new workspace ``dest``."""
    if os.fspath(source) == os.fspath(dest):
        raise StoreError(gettext("The source and the destination are the same workspace; give another destination."))
    with open_store(source, create=False) as src:
        if _destination_exists(dest):
            with open_store(dest, create=False) as existing:
                if not _is_new(existing):
                    raise StoreError(gettext("{where} already holds records; copy into a new file or an empty database.").format(where=existing.where))
        with open_store(dest) as dst:
            if not _is_new(dst):
                raise StoreError(gettext("{where} already holds records; copy into a new file or an empty database.").format(where=dst.where))
            report = CopyReport(src.where, dst.where)
            with src.session() as reading, one_snapshot(reading), dst.begin() as writing:
                _copy(reading, writing, report)
    return report


def _copy(reading: Session, writing: Session, report: CopyReport) -> None:
    out = writing.connection()
    ordered = tables()
    # records first (their inserts note changes in sync_dirty), then the workspace's own state,
    # which replaces the new workspace's and those notes
    for table in [t for t in ordered if t.name not in STATE_TABLES] + [t for t in ordered if t.name in STATE_TABLES]:
        if table.name in STATE_TABLES:
            out.execute(delete(table))
        count = 0
        for batch in _rows(reading, table):
            out.execute(insert(table), batch)
            count += len(batch)
        report.rows[table.name] = count
    if out.dialect.name == "postgresql":
        for table in ordered:  # explicit ids were copied: the next one made here must come after them
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and pk[0].autoincrement is not False and isinstance(pk[0].type, Integer):
                out.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{pk[0].name}'), "
                    f"coalesce(max(\"{pk[0].name}\"), 0) + 1, false) FROM \"{table.name}\"")
