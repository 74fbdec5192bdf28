"""Several people editing one workspace at once: an edit based on an old version is never silently applied.

Every record's ``updated_at`` is its version: each change through the services gives it a new
value, always later than the one it had (:func:`next_version`: now, or a microsecond after the old
value when the clock lags or is coarse), and both databases keep it to the microsecond (SQLite as
text, PostgreSQL as ``timestamptz``). A front end keeps the ``updated_at`` of the record it shows
and passes it as ``expected`` to :func:`servicecommunity.services.update`. The update then begins
with a conditional write (:func:`claim`)::

    UPDATE step SET updated_at = :new WHERE id = :id AND updated_at = :expected

which takes the row (PostgreSQL's row lock; SQLite's write lock) before anything else is written.
One row: nobody changed the record since it was read; the edit goes on. No row: someone did.
Then, field by field, as sharing merges: if the caller also gave ``base`` (the values it read of
the fields it changes) and none of those fields changed since, the edit is applied on top of the
other person's change (theirs to other fields stays); otherwise it is refused with
:class:`~servicecommunity.domain.errors.ConflictError`, whose message names the record and shows
the fresh values, and nothing is written. Without ``base`` any change since is a refusal.

A delete (``deleting=True``) is never put on top of another change: deleting a record whose meaning
changed since the person looked at it is refused, naming the fields of ``base`` that changed. A
change that sets no field (``edited`` empty: a comment added to a blocker) never conflicts; it only
gives the record a new version, on top of whatever it holds now.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlmodel import Session

from servicecommunity.domain.errors import ConflictError, NotFoundError
from servicecommunity.domain.models import ENTITIES, LINKS, utcnow
from servicecommunity.i18n import N_, gettext

ONE_TICK = timedelta(microseconds=1)
#: how many times an edit that touches none of another change's fields tries again to go on top
ATTEMPTS = 3


def as_version(value: datetime | str) -> datetime:
    """A version as the services compare it: an aware UTC datetime (a naive one is taken as UTC)."""
    if isinstance(value, str):
        from servicecommunity.store.codec import parse_datetime

        return parse_datetime(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def next_version(old: datetime | None) -> datetime:
    """The ``updated_at`` a record at version ``old`` gets when it changes: now, but always after ``old``."""
    now = utcnow()
    if old is None:
        return now
    old = as_version(old)
    return now if now > old else old + ONE_TICK


def _fresh(session: Session, section: str, record_id: str) -> dict[str, Any] | None:
    """The record's row as it is now (a new read, past anything the session holds), with its link sets."""
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    row = session.execute(select(table).where(table.c.id == record_id)).mappings().first()
    if row is None:
        return None
    out = dict(row)
    out["updated_at"] = as_version(out["updated_at"])
    for link in LINKS.get(section, ()):
        link_table = link.table.__table__  # type: ignore[attr-defined]
        out[link.field] = sorted(session.execute(
            select(link_table.c[link.child_column]).where(link_table.c[link.parent_column] == record_id)).scalars())
    return out


def _same(now: Any, then: Any) -> bool:
    if isinstance(now, list) and isinstance(then, list | tuple | set | frozenset):
        return sorted(map(str, now)) == sorted(map(str, then))
    return bool(now == then)


def claim(session: Session, section: str, record_id: str, *, expected: datetime | str,
          edited: Mapping[str, Any], base: Mapping[str, Any] | None = None, noun: str = "record",
          deleting: bool = False) -> datetime:
    """Take the record for an edit based on version ``expected``, or refuse; returns its new version.

    ``edited``: the fields the edit sets (their new values); ``base``: the values the caller read
    of them, if it knows them (see the module's text). Writes only the record's ``updated_at``;
    the caller writes the rest in the same transaction, with the version returned.
    """
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    version = as_version(expected)
    fresh: dict[str, Any] = {}
    for _ in range(ATTEMPTS):
        new = next_version(version)
        result: Any = session.execute(sql_update(table).where(table.c.id == record_id, table.c.updated_at == version)
                                      .values(updated_at=new))
        taken = result.rowcount
        if taken == 1:
            return new
        now = _fresh(session, section, record_id)
        if now is None:
            raise NotFoundError(gettext("Unknown {noun} {record_id}: someone else may have deleted it.").format(noun=gettext(noun), record_id=repr(record_id)))
        fresh = now
        if fresh["updated_at"] == version:
            # the same version, stored as other text (a file written by another program): on SQLite
            # the failed UPDATE already holds the write lock, so nobody can change it in between
            session.execute(sql_update(table).where(table.c.id == record_id).values(updated_at=new))
            return new
        if deleting:  # any change since is a refusal; it names the fields the caller saw that changed
            seen = {k: v for k, v in (base or {}).items() if k in fresh and k not in ("id", "created_at", "updated_at")}
            clash = {name: fresh[name] for name, then in seen.items()  # a date read as JSON text is the same date
                     if not _same(fresh[name], then) and str(fresh[name]) != str(then)}
            raise ConflictError(_message(section, noun, fresh, clash, deleting=True), section=section,
                                record_id=record_id, fresh=fresh, fields=clash)
        clash = {name: fresh.get(name) for name in edited
                 if base is None or name not in base or not _same(fresh.get(name), base[name])}
        if clash:
            raise ConflictError(_message(section, noun, fresh, clash), section=section, record_id=record_id,
                                fresh=fresh, fields=clash)
        version = fresh["updated_at"]  # another field changed: go on top of it
    raise ConflictError(_message(section, noun, fresh, {}), section=section, record_id=record_id,
                        fresh=fresh, fields={})


def _shown(value: Any) -> str:
    if value is None or value in ("", []):
        from servicecommunity.i18n import gettext

        return gettext("empty")
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return f"“{text if len(text) <= 80 else text[:79] + '…'}”"


def touch(session: Session, section: str, record_id: str, *, expected: datetime | str | None = None,
          noun: str = "record") -> datetime:
    """A new version for a record whose fields do not change (a comment added to it), taken as
    :func:`claim` takes one, so it is always later than anyone else's: from ``expected``, or the
    version it holds now. Never a conflict over fields; refused only if the record keeps changing."""
    if expected is None:
        now = _fresh(session, section, record_id)
        if now is None:
            raise NotFoundError(gettext("Unknown {noun} {record_id}: someone else may have deleted it.").format(
                noun=gettext(noun), record_id=repr(record_id)))
        expected = now["updated_at"]
    return claim(session, section, record_id, expected=expected, edited={}, noun=noun)


def _message(section: str, noun: str, fresh: Mapping[str, Any], clash: Mapping[str, Any], *,
             deleting: bool = False) -> str:
    from servicecommunity.i18n import format_list, gettext
    from servicecommunity.services import labels

    name = str(fresh.get("name") or fresh.get("title") or fresh.get("body") or fresh.get("id"))
    name = name if len(name) <= 60 else name[:59] + "…"
    values = format_list([gettext("its {field} is now {value}").format(field=labels.label(field), value=_shown(value))
                          for field, value in clash.items()])
    if deleting:  # one sentence per kind of record: Welsh mutates the noun and its pronoun
        table = labels.DELETE_CHANGED if clash else labels.DELETE_CHANGED_BARE
    else:
        table = labels.CHANGED_SINCE if clash else labels.KEEPS_CHANGING
    return labels.per_noun(table, section).format(name=name, values=values)


# --- a delete that would take records the person was never shown -----------------------------------

#: "Since you looked, Bob added … to this stage": by the kind of record being deleted (Welsh
#: mutates the noun after "i'r"; one whole sentence each)
ADDED_SINCE: dict[str, str] = {
    "communities": N_("Since you looked, {who} added {what} to this community, so it was not deleted."),
    "organisations": N_("Since you looked, {who} added {what} to this organisation, so it was not deleted."),
    "groups": N_("Since you looked, {who} added {what} to this sub-group, so it was not deleted."),
    "members": N_("Since you looked, {who} added {what} to this member, so it was not deleted."),
    "data_items": N_("Since you looked, {who} added {what} to this data item, so it was not deleted."),
    "journeys": N_("Since you looked, {who} added {what} to this journey, so it was not deleted."),
    "stages": N_("Since you looked, {who} added {what} to this stage, so it was not deleted."),
    "steps": N_("Since you looked, {who} added {what} to this step, so it was not deleted."),
    "dependencies": N_("Since you looked, {who} added {what} to this hand-off, so it was not deleted."),
    "workshops": N_("Since you looked, {who} added {what} to this workshop, so it was not deleted."),
    "blockers": N_("Since you looked, {who} added {what} to this blocker, so it was not deleted."),
    "blocker_updates": N_("Since you looked, {who} added {what} to this comment, so it was not deleted."),
    "notes": N_("Since you looked, {who} added {what} to this note, so it was not deleted."),
}
#: the record added, as those sentences name it
ADDED_RECORD: dict[str, str] = {
    "communities": N_("the community “{name}”"),
    "organisations": N_("the organisation “{name}”"),
    "groups": N_("the sub-group “{name}”"),
    "members": N_("the member “{name}”"),
    "data_items": N_("the data item “{name}”"),
    "journeys": N_("the journey “{name}”"),
    "stages": N_("the stage “{name}”"),
    "steps": N_("the step “{name}”"),
    "dependencies": N_("the hand-off “{name}”"),
    "workshops": N_("the workshop “{name}”"),
    "blockers": N_("the blocker “{name}”"),
    "blocker_updates": N_("the comment “{name}”"),
    "notes": N_("the note “{name}”"),
}
#: how many added records a refusal names before "and 3 more"
NAMED = 3


def check_reach(session: Session, section: str, record_id: str, doomed: Mapping[str, set[str]],
                altered: Mapping[str, set[str]], seen: set[str]) -> None:
    """Refuse a delete that would take (``doomed``) or change (``altered``) a record outside ``seen``:
    one added since the person looked. :class:`ConflictError` names what was added and by whom; its
    ``fresh`` is the record as it is now, with ``reach``: the ids the deletion takes or changes now."""
    from servicecommunity.i18n import format_list
    from servicecommunity.services.queries.workspace import last_changed_by

    reach = {rid for groups in (doomed, altered) for ids in groups.values() for rid in ids}
    added = [(s, rid) for s in ENTITIES for groups in (doomed, altered)
             for rid in sorted(groups.get(s, ())) if rid not in seen]
    if not added:
        return
    # name the records added themselves, not what came with them (a new step's own notes)
    parents = {rid for _, rid in added}
    top = [(s, rid) for s, rid in added if not _owned_by_any(session, s, rid, parents)] or added
    names = _names(session, [rid for _, rid in top[:NAMED]])
    what = format_list([gettext(ADDED_RECORD[s]).format(name=names.get(rid) or rid) for s, rid in top[:NAMED]],
                       more=max(0, len(top) - NAMED))
    people = list(dict.fromkeys(filter(None, (last_changed_by(session, rid) for _, rid in top))))
    who = format_list(people) if people else gettext("someone else")
    fresh = _fresh(session, section, record_id) or {"id": record_id}
    fresh["reach"] = sorted(reach)
    raise ConflictError(gettext(ADDED_SINCE[section]).format(who=who, what=what), section=section,
                        record_id=record_id, fresh=fresh, fields={})


def _owned_by_any(session: Session, section: str, record_id: str, ids: set[str]) -> bool:
    from servicecommunity.domain.models import OWNING_REFS, REFS

    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    columns = [c for c in REFS[section] if (section, c) in OWNING_REFS]
    if not columns:
        return False
    row = session.execute(select(*(table.c[c] for c in columns)).where(table.c.id == record_id)).first()
    return row is not None and any(value in ids for value in row)


def _names(session: Session, ids: list[str]) -> dict[str, str]:
    """A name for each record: its name, title or text (cut short), a hand-off's from its two steps."""
    from servicecommunity.domain.models import Dependency, Step

    out: dict[str, str] = {}
    for model in ENTITIES.values():
        table = model.__table__  # type: ignore[attr-defined]
        column = next((c for c in ("name", "title", "comment", "body") if c in table.c), None)
        if column is None:
            continue
        for rid, value in session.execute(select(table.c.id, table.c[column]).where(table.c.id.in_(ids))):
            text = str(value or "")
            out[rid] = text if len(text) <= 60 else text[:59] + "…"
    for dep in session.scalars(select(Dependency).where(Dependency.id.in_(ids))):  # type: ignore[attr-defined]
        ends = {s.id: s.title for s in session.scalars(select(Step).where(
            Step.id.in_([dep.from_step_id, dep.to_step_id])))}  # type: ignore[attr-defined]
        out[dep.id] = f"{ends.get(dep.from_step_id, '?')} → {ends.get(dep.to_step_id, '?')}"
    return out
