"""What this workspace last shared: the sync base a merge compares against (see :mod:`servicecommunity.merge`).

For every record changed (or deleted) here since it was last shared, ``sync_base`` holds the
``updated_at`` it had when it was; database triggers (migration 0002) write that row. Exporting a
bundle (:func:`mark_shared`) and merging one reset it. Kept apart from the merge itself so that an
export marks what it shared without loading the merge and the service layer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import String, bindparam, delete, select, type_coerce, update
from sqlmodel import Field, Session, SQLModel

from servicecommunity import codec
from servicecommunity.bulk import chunks
from servicecommunity.bundle import SECTIONS
from servicecommunity.models import ENTITIES


class SyncBase(SQLModel, table=True):
    """The version of a record last shared with another member, kept while the record differs from it."""

    __tablename__ = "sync_base"
    id: str = Field(primary_key=True, max_length=36)
    entity: str  # bundle section
    updated_at: datetime | None = None  # the record's updated_at when last shared
    kept_over: datetime | None = None  # deleted_at of another member's deletion we chose not to apply


def mark_shared(session: Session, bundle: Mapping[str, Any]) -> None:
    """Call after exporting ``bundle`` (a dict, as export_bundle gives): its records count as shared."""
    mark_versions_shared(session, {
        rec["id"]: codec.sqlite_time(rec["updated_at"]) for s in SECTIONS for rec in bundle[s]
    })


def mark_versions_shared(session: Session, versions: Mapping[str, str]) -> None:
    """Record that these versions were shared: ``versions`` maps a record's id to the ``updated_at``
    it was exported with, as SQLite holds it.

    A record still at that version counts as shared (its sync-base row goes). One changed or deleted
    since the export read it (another window, while the export ran) keeps its row, now holding the
    exported version: the other member has that one, and the later change is ours alone, to be
    merged as such. One transaction.
    """
    table = SyncBase.__table__  # type: ignore[attr-defined]
    # sync_base holds only what changed since it was last shared: usually far fewer rows than a
    # bundle has records, so find those first instead of looking up every id in the bundle.
    rows = [(rid, entity) for rid, entity in session.execute(select(table.c.id, table.c.entity)).all() if rid in versions]
    by_section: dict[str, list[str]] = defaultdict(list)
    for rid, entity in rows:
        by_section[entity].append(rid)
    shared: list[str] = []
    moved: list[dict[str, str]] = []
    try:
        for section, ids in by_section.items():
            current: dict[str, str] = {}
            if section in ENTITIES:
                records = ENTITIES[section].__table__  # type: ignore[attr-defined]
                for chunk in chunks(ids):
                    query = select(records.c.id, type_coerce(records.c.updated_at, String())).where(records.c.id.in_(chunk))
                    current.update(session.execute(query).all())  # type: ignore[arg-type]
            for rid in ids:
                if current.get(rid) == versions[rid]:
                    shared.append(rid)
                else:
                    moved.append({"rid": rid, "at": versions[rid]})
        for chunk in chunks(shared):
            session.execute(delete(table).where(table.c.id.in_(chunk)))
        if moved:
            session.execute(
                update(table).where(table.c.id == bindparam("rid")).values(updated_at=type_coerce(bindparam("at"), String())),
                moved,
            )
        session.commit()
    except BaseException:
        session.rollback()
        raise
