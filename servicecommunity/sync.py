"""What this workspace last shared: the sync base a merge compares against (see :mod:`servicecommunity.merge`).

For every record changed (or deleted) here since it was last shared, ``sync_base`` holds the
``updated_at`` it had when it was; database triggers (migration 0002) write that row. Exporting a
bundle (:func:`mark_shared`) and merging one reset it. Kept apart from the merge itself so that an
export marks what it shared without loading the merge and the service layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Field, Session, SQLModel

from servicecommunity.bundle import SECTIONS

CHUNK = 900  # below SQLite's bound-parameter limit on old builds


class SyncBase(SQLModel, table=True):
    """The version of a record last shared with another member, kept while the record differs from it."""

    __tablename__ = "sync_base"
    id: str = Field(primary_key=True, max_length=36)
    entity: str  # bundle section
    updated_at: datetime | None = None  # the record's updated_at when last shared
    kept_over: datetime | None = None  # deleted_at of another member's deletion we chose not to apply


def chunks(items: list[str]) -> Iterable[list[str]]:
    """``items`` a few hundred at a time, for ``IN (...)`` lists."""
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def mark_shared(session: Session, data: Mapping[str, Any] | Iterable[str]) -> None:
    """Call after exporting ``data`` as a bundle (or the ids of its records): they count as shared at this version."""
    table = SyncBase.__table__  # type: ignore[attr-defined]
    if isinstance(data, Mapping):
        exported = {rec["id"] for s in SECTIONS for rec in data[s]}
    else:
        exported = set(data)
    # sync_base holds only what changed since it was last shared: usually far fewer rows than a
    # bundle has records, so find those first instead of deleting by every id in the bundle.
    ids = [i for i in session.execute(select(table.c.id)).scalars() if i in exported]
    try:
        for chunk in chunks(ids):
            session.execute(delete(table).where(table.c.id.in_(chunk)))
        session.commit()
    except BaseException:
        session.rollback()
        raise
