"""Two records that are one: organisations or data items made with the same name on two laptops.

A merge reports them as likely duplicates (:mod:`servicecommunity.exchange.merge`); :func:`join_records`
makes them one: everything that points at the second (a step's owner, a blocker's organisations,
the data a step asks for, a member's organisation...) points at the first instead, and the second
is deleted. One transaction; the returned snapshot undoes it with ``services.restore``. Both the
repointing and the deletion are ordinary changes, so they reach the other members with the next
bundle.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session, col

from servicecommunity import services
from servicecommunity.domain.errors import NotFoundError, ValidationError
from servicecommunity.domain.models import ENTITIES, LINKS, OWNING_REFS, REFS, utcnow
from servicecommunity.i18n import gettext
from servicecommunity.store import codec

JOINABLE = ("organisations", "data_items")


def likely_duplicates(session: Session, section: str) -> list[tuple[str, str, str]]:
    """``(name, first id, second id)`` of records of one community named alike (case and spaces aside)."""
    model = ENTITIES[section]
    seen: dict[tuple[str, str], str] = {}
    out: list[tuple[str, str, str]] = []
    for rec in session.scalars(select(model).order_by(model.created_at, model.id)).all():  # type: ignore[arg-type]
        key = (rec.community_id, " ".join(rec.name.split()).casefold())  # type: ignore[attr-defined]
        if key in seen:
            out.append((rec.name, seen[key], rec.id))  # type: ignore[attr-defined]
        else:
            seen[key] = rec.id
    return out


def _pointing_at(session: Session, section: str, rid: str) -> dict[str, set[str]]:
    """The records that refer to ``rid`` (not through an owning reference) or list it in a set."""
    out: dict[str, set[str]] = {}
    for other, refs in REFS.items():
        model = ENTITIES[other]
        for column, target in refs.items():
            if target == section and (other, column) not in OWNING_REFS:
                ids = session.scalars(select(col(model.id)).where(getattr(model, column) == rid)).all()
                out.setdefault(other, set()).update(ids)
    for other, links in LINKS.items():
        for link in links:
            if codec.section_of(link.child) != section:
                continue
            table = link.table.__table__  # type: ignore[attr-defined]
            parents = session.execute(
                select(table.c[link.parent_column]).where(table.c[link.child_column] == rid)
            ).scalars()
            out.setdefault(other, set()).update(parents)
    return {s: ids for s, ids in out.items() if ids}


@services.operation
def join_records(session: Session, section: str, keep_id: str, drop_id: str, *,
                 actor_id: str | None = None) -> services.Result[services.Snapshot]:
    """Make ``drop_id`` one with ``keep_id``: repoint everything at it to ``keep_id``, then delete it."""
    if section not in JOINABLE:
        raise ValidationError(gettext("Only organisations or data items can be joined, not {section}.").format(section=section))
    if keep_id == drop_id:
        raise ValidationError(gettext("Those are the same record; name two."))
    model = ENTITIES[section]
    keep, drop = session.get(model, keep_id), session.get(model, drop_id)
    if keep is None or drop is None:
        raise NotFoundError(gettext("No {noun} with the id {record_id}.").format(noun=gettext(services.NOUN[section]), record_id=keep_id if keep is None else drop_id))
    if keep.community_id != drop.community_id:  # type: ignore[attr-defined]
        raise ValidationError(gettext("Those two belong to different communities; they cannot be joined."))
    tracker = services._Tracker(session, actor_id)
    pointing = _pointing_at(session, section, drop_id)
    before = services._snapshot_of(session, pointing)  # as they were: what undo puts back
    conn = session.connection()
    now = utcnow()
    for other, refs in REFS.items():
        table = ENTITIES[other].__table__  # type: ignore[attr-defined]
        for column, target in refs.items():
            if target == section and (other, column) not in OWNING_REFS:
                conn.execute(update(table).where(table.c[column] == drop_id).values({column: keep_id, "updated_at": now}))
    for other, links in LINKS.items():
        for link in links:
            if codec.section_of(link.child) != section:
                continue
            table = link.table.__table__  # type: ignore[attr-defined]
            parents = set(conn.execute(select(table.c[link.parent_column]).where(table.c[link.child_column] == drop_id)).scalars())
            having = set(conn.execute(select(table.c[link.parent_column]).where(table.c[link.child_column] == keep_id)).scalars())
            conn.execute(delete(table).where(table.c[link.child_column] == drop_id))
            add = [{link.parent_column: p, link.child_column: keep_id} for p in sorted(parents - having)]
            if add:
                conn.execute(insert(table), add)
            parent_table = ENTITIES[other].__table__  # type: ignore[attr-defined]
            if parents:
                conn.execute(update(parent_table).where(parent_table.c.id.in_(parents)).values(updated_at=now))
    for other, ids in pointing.items():
        for rid in ids:
            tracker.touch(other, rid)
    session.expire_all()
    gone = services._delete(session, section, drop_id, tracker)
    tracker.log("join", section, keep_id, f"joined {drop.name!r} into {keep.name!r}")  # type: ignore[attr-defined]
    return services.Result(services.Snapshot(deleted=gone.deleted, altered=_merge_altered(before, gone.altered)),
                           tracker.changes)


def _merge_altered(before: Mapping[str, list[Any]], during: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
    """Undo puts each altered record back as it was before the join (the earliest state wins)."""
    out = {s: list(recs) for s, recs in before.items()}
    for section, recs in during.items():
        known = {r["id"] for r in out.get(section, [])}
        out.setdefault(section, []).extend(r for r in recs if r["id"] not in known)
    return out
