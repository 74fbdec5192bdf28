"""The service layer: every change to a workspace goes through these functions.

Each public function takes a session first and keyword-only data, validates, writes, logs who did
it in the activity log, commits (one transaction per call) and returns a :class:`Result` whose
``changes`` say which kinds of record changed, so that views refresh only what they show (Anki's
``OpChanges``). On any error nothing is written and a :class:`ValidationError` (or subclass) says
what was wrong in a sentence.

Deleting returns a :class:`Snapshot` of everything the deletion removed or changed; passing it to
:func:`restore` puts the workspace back as it was, with the same ids (undo of a delete, redo of a
create).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

import pydantic
from sqlalchemy import delete as sql_delete
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from servicecommunity.domain import schemas
from servicecommunity.domain.enums import BlockerStatus, UpdateKind
from servicecommunity.domain.errors import NotFoundError, ServiceCommunityError, ValidationError
from servicecommunity.domain.models import (
    ENTITIES,
    LINKS,
    ONE_OF_REFS,
    OWNING_REFS,
    REFS,
    Activity,
    Blocker,
    BlockerUpdate,
    Dependency,
    Journey,
    Stage,
    Step,
    Tombstone,
    utcnow,
)
from servicecommunity.i18n import N_, gettext, ngettext
from servicecommunity.services import labels, versions
from servicecommunity.services.changes import Changes as Changes
from servicecommunity.services.changes import Section as Section
from servicecommunity.store import codec

T = TypeVar("T")
P = ParamSpec("P")

# A human name for each section, for messages ("Unknown organisation ...").
NOUN = {
    "communities": N_("community"),
    "organisations": N_("organisation"),
    "groups": N_("sub-group"),
    "members": N_("member"),
    "data_items": N_("data item"),
    "journeys": N_("journey"),
    "stages": N_("stage"),
    "steps": N_("step"),
    "dependencies": N_("dependency"),
    "workshops": N_("workshop"),
    "blockers": N_("blocker"),
    "blocker_updates": N_("blocker update"),
    "notes": N_("note"),
}

#: ``3 steps``: a count of one section's records, in the current language
_COUNTED: dict[str, Callable[[int], str]] = {
    "communities": lambda n: ngettext("{n} community", "{n} communities", n),
    "organisations": lambda n: ngettext("{n} organisation", "{n} organisations", n),
    "groups": lambda n: ngettext("{n} sub-group", "{n} sub-groups", n),
    "members": lambda n: ngettext("{n} member", "{n} members", n),
    "data_items": lambda n: ngettext("{n} data item", "{n} data items", n),
    "journeys": lambda n: ngettext("{n} journey", "{n} journeys", n),
    "stages": lambda n: ngettext("{n} stage", "{n} stages", n),
    "steps": lambda n: ngettext("{n} step", "{n} steps", n),
    "dependencies": lambda n: ngettext("{n} dependency", "{n} dependencies", n),
    "workshops": lambda n: ngettext("{n} workshop", "{n} workshops", n),
    "blockers": lambda n: ngettext("{n} blocker", "{n} blockers", n),
    "blocker_updates": lambda n: ngettext("{n} blocker update", "{n} blocker updates", n),
    "notes": lambda n: ngettext("{n} note", "{n} notes", n),
}


def count_records(section: str, n: int) -> str:
    """``n`` records of ``section``, counted in the current language (``1 step``, ``3 steps``)."""
    counted = _COUNTED.get(section)
    return counted(n).format(n=n) if counted is not None else f"{n} {NOUN.get(section, section)}"


@dataclass
class Result(Generic[T]):
    """The value an operation made or changed, and what changed."""

    value: T
    changes: Changes


@dataclass
class Snapshot:
    """Everything a deletion removed (``deleted``) or altered (``altered``), as bundle records."""

    deleted: dict[str, list[codec.JSONDict]] = field(default_factory=dict)
    altered: dict[str, list[codec.JSONDict]] = field(default_factory=dict)


class _Tracker:
    """Collects what one operation touched and writes its activity entries."""

    def __init__(self, session: Session, actor_id: str | None) -> None:
        self.session = session
        self.actor_id = actor_id
        self.sections: set[str] = set()
        self.ids: set[str] = set()

    def touch(self, section: str, record_id: str) -> None:
        self.sections.add(section)
        self.ids.add(record_id)

    def log(self, action: str, section: str, record_id: str | None, summary: str = "") -> None:
        self.session.add(
            Activity(
                actor_id=self.actor_id,
                action=action,
                entity=section,
                entity_id=record_id,
                summary=summary[:500],
            )
        )
        if record_id is not None:
            self.touch(section, record_id)

    @property
    def changes(self) -> Changes:
        return Changes.of(self.sections, self.ids)


def _pydantic_message(exc: pydantic.ValidationError) -> str:
    section = next((s for schemas_ in (CREATE_SCHEMAS, UPDATE_SCHEMAS) for s, model in schemas_.items()
                    if model.__name__ == exc.title), None)
    return labels.refusal(gettext(NOUN[section]) if section else gettext("record"), exc.errors()[0])


def operation(
    fn: Callable[Concatenate[Session, P], Result[T]],
) -> Callable[Concatenate[Session, P], Result[T]]:
    """One transaction per call: commit on success; on any error roll back and report it."""

    @functools.wraps(fn)
    def wrapper(session: Session, /, *args: P.args, **kwargs: P.kwargs) -> Result[T]:
        try:
            result = fn(session, *args, **kwargs)
            session.commit()
            return result
        except ServiceCommunityError:
            session.rollback()
            raise
        except pydantic.ValidationError as exc:
            session.rollback()
            raise ValidationError(_pydantic_message(exc)) from exc
        except IntegrityError as exc:
            session.rollback()
            raise ValidationError(gettext("The change breaks the workspace's integrity: {orig}.").format(orig=exc.orig)) from exc
        except Exception as exc:  # SQLite busy past the timeout, damaged or full: the project's error
            session.rollback()
            from servicecommunity.store.workspace import workspace_error

            error = workspace_error(exc, "the workspace")
            if error is None:
                raise
            raise error from exc
        except BaseException:
            session.rollback()
            raise

    return wrapper


# --- reading and checking references --------------------------------------------------------------


def get(session: Session, section: str, record_id: str | None) -> Any:
    """The record ``record_id`` of ``section``, or :class:`NotFoundError`."""
    record = session.get(ENTITIES[section], record_id) if record_id else None
    if record is None:
        raise NotFoundError(gettext("Unknown {noun} {record_id}.").format(noun=gettext(NOUN[section]), record_id=repr(record_id)))
    return record


def community_of(session: Session, section: str, record: Any) -> str:
    """The id of the community a record belongs to."""
    if section == "communities":
        return str(record.id)
    if hasattr(record, "community_id"):
        return str(record.community_id)
    if hasattr(record, "journey_id") and section in ("stages", "steps", "dependencies", "notes"):
        return community_of(session, "journeys", get(session, "journeys", record.journey_id))
    if section == "blocker_updates":
        return community_of(session, "blockers", get(session, "blockers", record.blocker_id))
    raise AssertionError(section)


def _check_refs(session: Session, section: str, record: Any, links: Mapping[str, list[str]]) -> None:
    """Every reference points at an existing record of the same community."""
    home = community_of(session, section, record)
    for column, target in REFS[section].items():
        ref = getattr(record, column)
        if ref is None:
            if (section, column) in OWNING_REFS and column not in ONE_OF_REFS.get(section, ()):
                raise ValidationError(gettext("A {noun} needs a {noun2}.").format(noun=gettext(NOUN[section]), noun2=gettext(NOUN[target])))
            continue
        other = get(session, target, ref)
        if community_of(session, target, other) != home:
            raise ValidationError(labels.per_noun(labels.BELONGS_ELSEWHERE, target))
    for link in LINKS.get(section, ()):
        target = codec.section_of(link.child)
        for ref in links.get(link.field, []):
            other = get(session, target, ref)
            if community_of(session, target, other) != home:
                raise ValidationError(labels.per_noun(labels.BELONGS_ELSEWHERE, target))


def _set_links(session: Session, section: str, record_id: str, links: Mapping[str, list[str]]) -> None:
    for link in LINKS.get(section, ()):
        if link.field not in links:
            continue
        table = link.table.__table__  # type: ignore[attr-defined]
        session.execute(sql_delete(table).where(table.c[link.parent_column] == record_id))
        children = sorted(set(links[link.field]))
        if children:
            session.execute(
                insert(table),
                [{link.parent_column: record_id, link.child_column: c} for c in children],
            )


def _split_links(section: str, values: dict[str, Any]) -> dict[str, list[str]]:
    return {link.field: values.pop(link.field) for link in LINKS.get(section, ()) if link.field in values}


# --- the rules each kind of record has ------------------------------------------------------------


def _renumber(session: Session, records: list[Any]) -> None:
    for index, rec in enumerate(records):
        if rec.position != index:
            rec.position = index
            rec.updated_at = utcnow()


def _stage_steps(session: Session, stage_id: str, exclude: str | None = None) -> list[Step]:
    rows = session.scalars(
        select(Step).where(col(Step.stage_id) == stage_id).order_by(col(Step.position), col(Step.created_at))
    ).all()
    return [s for s in rows if s.id != exclude]


def _check_step(session: Session, step: Step) -> None:
    stage = get(session, "stages", step.stage_id)
    if stage.journey_id != step.journey_id:
        raise ValidationError(gettext("That stage belongs to another journey; choose a stage of the step's own journey."))


def _check_dependency(session: Session, dep: Dependency) -> None:
    if dep.from_step_id == dep.to_step_id:
        raise ValidationError(gettext("A step cannot depend on itself."))
    source = get(session, "steps", dep.from_step_id)
    target = get(session, "steps", dep.to_step_id)
    if source.journey_id != target.journey_id:
        raise ValidationError(gettext("Both steps of a dependency must be in the same journey."))
    dep.journey_id = source.journey_id
    clash = session.scalars(
        select(Dependency).where(
            col(Dependency.from_step_id) == dep.from_step_id,
            col(Dependency.to_step_id) == dep.to_step_id,
            col(Dependency.kind) == dep.kind,
            col(Dependency.id) != dep.id,
        )
    ).first()
    if clash is not None:
        raise ValidationError(labels.per_noun(labels.DEPENDENCY_CLASH, dep.kind))


def _check_blocker(session: Session, blocker: Blocker) -> None:
    if blocker.due_on and blocker.raised_on and blocker.due_on < blocker.raised_on:
        raise ValidationError(gettext("A blocker cannot be due before it was raised."))
    if not BlockerStatus(blocker.status).is_open and blocker.resolved_on is None:
        blocker.resolved_on = date.today()


def _check_as_is(session: Session, journey_id: str | None, community_id: str, as_is_id: str | None) -> None:
    """A journey being linked to its as-is: another journey of its community. Checked when the link
    is set, not on every edit: a link left by a deleted as-is (a loose reference, which reads as
    none) does not stop other edits of the to-be."""
    if as_is_id is None:
        return
    if as_is_id == journey_id:
        raise ValidationError(gettext("A journey cannot be the to-be of itself."))
    as_is = session.get(Journey, as_is_id)
    if as_is is None or as_is.community_id != community_id:
        raise ValidationError(gettext("The as-is journey must be a journey of the same community."))


def _note_journey(session: Session, step_id: str | None, dependency_id: str | None) -> str:
    """The journey of the step or the dependency a note is on (exactly one of the two)."""
    if (step_id is None) == (dependency_id is None):
        raise ValidationError(gettext("A note is on a step or on a hand-off: say which one."))
    on = get(session, "steps", step_id) if step_id else get(session, "dependencies", dependency_id)
    return str(on.journey_id)


def _check_note(session: Session, note: Any) -> None:
    """A note is on one step or one dependency, and in its journey; its words are not blank."""
    note.journey_id = _note_journey(session, note.step_id, note.dependency_id)
    if not (note.body or "").strip():
        raise ValidationError(gettext("Write the note first."))


CHECKS: dict[str, Callable[[Session, Any], None]] = {
    "steps": _check_step,
    "dependencies": _check_dependency,
    "blockers": _check_blocker,
    "notes": _check_note,
}


# --- create, update, delete, restore --------------------------------------------------------------


def _create(session: Session, section: str, data: pydantic.BaseModel, tracker: _Tracker) -> Any:
    model = ENTITIES[section]
    values = data.model_dump()
    links = _split_links(section, values)
    if section in ("stages", "steps") and values.get("position") is None:
        values.pop("position", None)
    if section == "dependencies":
        values["journey_id"] = get(session, "steps", values["from_step_id"]).journey_id
    if section == "notes":
        values["journey_id"] = _note_journey(session, values.get("step_id"), values.get("dependency_id"))
    if section == "journeys":
        _check_as_is(session, values.get("id"), values["community_id"], values.get("as_is_id"))
    record = model(**values)
    _check_refs(session, section, record, links)
    if section in CHECKS:
        CHECKS[section](session, record)
    if isinstance(record, Stage):  # section "stages"
        stages = _journey_stages(session, record.journey_id)
        index = len(stages) if data.position is None else max(0, min(data.position, len(stages)))  # type: ignore[attr-defined]
        session.add(record)
        stages.insert(index, record)
        _renumber(session, stages)
    elif isinstance(record, Step):  # section "steps"
        siblings = _stage_steps(session, record.stage_id)
        index = len(siblings) if data.position is None else max(0, min(data.position, len(siblings)))  # type: ignore[attr-defined]
        session.add(record)
        siblings.insert(index, record)
        _renumber(session, siblings)
    else:
        session.add(record)
    session.flush()
    _set_links(session, section, record.id, links)
    tracker.log("create", section, record.id, _title(record))
    return record


def _update(session: Session, section: str, record_id: str, data: pydantic.BaseModel, tracker: _Tracker,
            expected: datetime | str | None = None, base: Mapping[str, Any] | None = None) -> Any:
    values = data.model_dump(exclude_unset=True)
    version = None if expected is None else versions.claim(  # refused if someone else changed it since
        session, section, record_id, expected=expected, edited=values, base=base, noun=gettext(NOUN[section]))
    if version is not None:  # read past what the session may hold: the row as just taken
        session.get(ENTITIES[section], record_id, populate_existing=True)
    record = get(session, section, record_id)
    links = _split_links(section, values)
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    for key, value in values.items():
        if value is None and not table.c[key].nullable:
            raise ValidationError(gettext("The {noun}'s {field} cannot be empty.").format(noun=gettext(NOUN[section]), field=labels.label(key)))
    if section == "journeys" and "as_is_id" in values:
        _check_as_is(session, record.id, record.community_id, values["as_is_id"])
    old_stage = getattr(record, "stage_id", None)
    position = values.pop("position", None)
    for key, value in values.items():
        setattr(record, key, value)
    _check_refs(session, section, record, links)
    if section in CHECKS:
        CHECKS[section](session, record)
    if section == "steps" and (record.stage_id != old_stage or position is not None):
        _place_step(session, record, old_stage, position)
    record.updated_at = version or versions.next_version(record.updated_at)
    _set_links(session, section, record.id, links)
    tracker.log("update", section, record.id, ", ".join(sorted(values) + sorted(links)))
    return record


def _title(record: Any) -> str:
    return str(getattr(record, "name", None) or getattr(record, "title", None) or getattr(record, "body", None)
               or record.id)


def _journey_stages(session: Session, journey_id: str) -> list[Stage]:
    return list(
        session.scalars(
            select(Stage).where(col(Stage.journey_id) == journey_id).order_by(col(Stage.position), col(Stage.created_at))
        ).all()
    )


def _place_step(session: Session, step: Step, old_stage: str | None, position: int | None) -> None:
    if old_stage is not None and old_stage != step.stage_id:
        _renumber(session, _stage_steps(session, old_stage, exclude=step.id))
    siblings = _stage_steps(session, step.stage_id, exclude=step.id)
    index = len(siblings) if position is None else max(0, min(position, len(siblings)))
    siblings.insert(index, step)
    _renumber(session, siblings)


def _collect_deletion(session: Session, section: str, record_id: str) -> dict[str, set[str]]:
    """Every record that goes when ``record_id`` goes: it and what it owns, transitively."""
    doomed: dict[str, set[str]] = {section: {record_id}}
    frontier = [(section, record_id)]
    while frontier:
        parent_section, parent_id = frontier.pop()
        for child_section, refs in REFS.items():
            for column, target in refs.items():
                if target != parent_section or (child_section, column) not in OWNING_REFS:
                    continue
                model = ENTITIES[child_section]
                ids = session.scalars(select(col(model.id)).where(getattr(model, column) == parent_id)).all()
                for child_id in ids:
                    if child_id not in doomed.setdefault(child_section, set()):
                        doomed[child_section].add(child_id)
                        frontier.append((child_section, child_id))
    return doomed


def _collect_altered(session: Session, doomed: dict[str, set[str]]) -> dict[str, set[str]]:
    """Records that survive but point at a doomed one (a reference set to null, a link removed)."""
    altered: dict[str, set[str]] = {}
    for section, refs in REFS.items():
        model = ENTITIES[section]
        for column, target in refs.items():
            if (section, column) in OWNING_REFS or not doomed.get(target):
                continue
            ids = session.scalars(select(col(model.id)).where(getattr(model, column).in_(doomed[target]))).all()
            altered.setdefault(section, set()).update(ids)
    for section, links in LINKS.items():
        for link in links:
            target = codec.section_of(link.child)
            if not doomed.get(target):
                continue
            table = link.table.__table__  # type: ignore[attr-defined]
            parents = session.execute(
                select(table.c[link.parent_column]).where(table.c[link.child_column].in_(doomed[target]))
            ).scalars()
            altered.setdefault(section, set()).update(parents)
    for section, gone in doomed.items():
        if section in altered:
            altered[section] -= gone
    return {s: ids for s, ids in altered.items() if ids}


def _snapshot_of(session: Session, groups: dict[str, set[str]]) -> dict[str, list[codec.JSONDict]]:
    out: dict[str, list[codec.JSONDict]] = {}
    for section in ENTITIES:
        ids = sorted(groups.get(section, ()))
        if not ids:
            continue
        model = ENTITIES[section]
        links = codec.load_links(session, section, ids)
        records = session.scalars(select(model).where(col(model.id).in_(ids))).all()
        out[section] = [codec.row_to_json(section, r, links.get(r.id, {})) for r in records]
    return out


def _reach(session: Session, section: str, record_id: str, *,
           lock: bool = False) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """What deleting the record takes (it and what it owns) and what it changes (records pointing at
    those). ``lock``: nobody can add to them until the transaction ends: on PostgreSQL every record
    it takes is held ``FOR UPDATE`` (an insert pointing at one waits); on SQLite the write lock is
    taken first (``BEGIN IMMEDIATE``: Python's driver would begin only at the first write, and what
    was read before could have changed)."""
    if lock and session.get_bind().dialect.name == "sqlite":
        conn = session.connection()
        raw = conn.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    while True:
        doomed = _collect_deletion(session, section, record_id)
        if not lock or session.get_bind().dialect.name != "postgresql":
            return doomed, _collect_altered(session, doomed)
        for doomed_section, ids in doomed.items():
            model = ENTITIES[doomed_section]
            session.execute(select(col(model.id)).where(col(model.id).in_(sorted(ids))).with_for_update())
        if _collect_deletion(session, section, record_id) == doomed:  # nothing came in before the locks
            return doomed, _collect_altered(session, doomed)


def deletion_reach(session: Session, section: str, record_id: str) -> frozenset[str]:
    """The ids of every record deleting this one would take or change, itself included: what a
    front end reads when it asks the person, and passes to :func:`delete` as ``seen``."""
    doomed, altered = _reach(session, section, record_id)
    return frozenset(rid for groups in (doomed, altered) for ids in groups.values() for rid in ids)


def _delete(session: Session, section: str, record_id: str, tracker: _Tracker,
            expected: datetime | str | None = None, base: Mapping[str, Any] | None = None,
            seen: Iterable[str] | None = None) -> Snapshot:
    if seen is not None:  # refused if it would take or change a record the person was not shown;
        # checked before the claim, so that the refusal shows the version stored (for "again")
        doomed, altered = _reach(session, section, record_id, lock=True)
        versions.check_reach(session, section, record_id, doomed, altered, set(seen) | {record_id})
    if expected is not None:  # refused if someone else changed it since the caller read it
        versions.claim(session, section, record_id, expected=expected, edited={}, base=base,
                       noun=gettext(NOUN[section]), deleting=True)
    record = get(session, section, record_id)
    doomed, altered = _reach(session, section, record_id)
    snapshot = Snapshot(deleted=_snapshot_of(session, doomed), altered=_snapshot_of(session, altered))
    now = utcnow()
    for alt_section, alt_ids in altered.items():
        model = ENTITIES[alt_section]
        for rec in session.scalars(select(model).where(col(model.id).in_(alt_ids))).all():
            for column, target in REFS[alt_section].items():
                if (alt_section, column) not in OWNING_REFS and getattr(rec, column) in doomed.get(target, ()):
                    setattr(rec, column, None)
            rec.updated_at = now
            tracker.touch(alt_section, rec.id)
    session.flush()
    for link_section, links in LINKS.items():
        for link in links:
            table = link.table.__table__  # type: ignore[attr-defined]
            for ids, column in (
                (doomed.get(link_section), link.parent_column),
                (doomed.get(codec.section_of(link.child)), link.child_column),
            ):
                if ids:
                    session.execute(sql_delete(table).where(table.c[column].in_(ids)))
    for del_section in reversed(list(ENTITIES)):
        ids = doomed.get(del_section)
        if not ids:
            continue
        model = ENTITIES[del_section]
        session.execute(sql_delete(model).where(col(model.id).in_(ids)))
        for rid in ids:
            session.merge(Tombstone(id=rid, entity=del_section, deleted_at=now))
            tracker.touch(del_section, rid)
    # Siblings keep their positions (a gap is harmless: order is by position), so that restoring
    # the deleted record puts everything back exactly where it was.
    session.expire_all()
    tracker.log("delete", section, record_id, _title(record))
    return snapshot


BIG_INSERT = 5000  # rows: above this, write_records lends SQLite a larger page cache while it inserts
BIG_CACHE_KIB = 65536


@dataclass(frozen=True)
class PreparedRecords:
    """Bundle records made into rows, ready to insert: the work an import does before it writes.

    ``batches`` holds, parents first, each table's rows: tuples in column order for SQLite (the
    driver's ``executemany``), dicts for SQLAlchemy's Core insert elsewhere.
    """

    sqlite: bool
    batches: list[tuple[Any, list[str], list[Any]]] = field(default_factory=list)  # (table, columns, rows)

    @property
    def tables(self) -> list[str]:
        return [table.name for table, _, _ in self.batches]


def prepare_records(session: Session, records: Mapping[str, Iterable[codec.JSONDict]]) -> PreparedRecords:
    """Convert bundle records (and their link sets) to rows; reads nothing, writes nothing."""
    from servicecommunity.store.bulk import gc_paused

    with gc_paused():  # a row object for every record and link, and no cycles
        return _prepare_records(session, records)


def _pg_value(kind: str, value: Any) -> Any:
    """A bundle's value as PostgreSQL's COPY takes it: our canonical time ("...ffffffZ", UTC) as its
    text, which PostgreSQL parses as json_to_row's datetime would be stored, and any other form (an
    offset, a naive time taken as UTC) parsed here as json_to_row does; a date parsed; JSON as its
    text (what psycopg's ``Json`` would send); anything else as it is."""
    if value is None:
        return None
    if kind == "datetime":
        return value if len(value) == 27 and value[-1] == "Z" else codec.parse_datetime(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "json":
        return json.dumps(value)
    return value


_PG_CONVERTED = frozenset({"datetime", "date", "json"})


def _prepare_records(session: Session, records: Mapping[str, Iterable[codec.JSONDict]]) -> PreparedRecords:
    sqlite = session.get_bind().dialect.name == "sqlite"
    postgresql = session.get_bind().dialect.name == "postgresql"
    prepared = PreparedRecords(sqlite)
    for section in ENTITIES:
        batch = list(records.get(section, ()))
        if not batch:
            continue
        table = ENTITIES[section].__table__  # type: ignore[attr-defined]
        names = [name for name, _ in codec.columns(section)]
        rows: list[Any]
        if sqlite:
            rows = [codec.json_to_sqlite(section, rec) for rec in batch]
        elif postgresql:  # tuples for COPY: no dict a row (preparing the synthetic community 0.45 s -> 0.3 s)
            kinds = [(name, kind if kind in _PG_CONVERTED else None) for name, kind in codec.columns(section)]
            rows = [tuple([value if kind is None or value is None else _pg_value(kind, value)
                           for name, kind in kinds for value in (rec.get(name),)]) for rec in batch]
        else:
            rows = [codec.json_to_row(section, rec) for rec in batch]
        prepared.batches.append((table, names, rows))
        for link in LINKS.get(section, ()):
            link_table = link.table.__table__  # type: ignore[attr-defined]
            pairs = [(rec["id"], child) for rec in batch for child in rec.get(link.field, [])]
            if pairs:
                columns = [link.parent_column, link.child_column]
                prepared.batches.append((link_table, columns, pairs if sqlite or postgresql else [dict(zip(columns, p, strict=True)) for p in pairs]))
    return prepared


def write_records(session: Session, prepared: PreparedRecords, *, tracked: bool = True) -> None:
    """Insert prepared rows, one ``executemany`` a table.

    ``tracked=False`` (an import or a merge, whose rows arrive with their clocks and which forgets
    the change notes of what it wrote) inserts without the triggers noting each row as a change
    made here (:func:`servicecommunity.store.bulk.untracked_inserts`): a quarter of the time under
    the write lock. An undo, a change made here, keeps them.
    """
    from contextlib import nullcontext

    from servicecommunity.store.bulk import copy_tables, gc_paused, untracked_inserts

    conn = session.connection()
    big = prepared.sqlite and sum(len(rows) for _, _, rows in prepared.batches) > BIG_INSERT
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar() if big else None
    try:
        if big:  # the indexes' pages stay in memory: a quarter less time under the lock for 60,000 records
            conn.exec_driver_sql(f"PRAGMA cache_size = -{BIG_CACHE_KIB}")
        with nullcontext() if tracked else untracked_inserts(conn, prepared.tables), gc_paused():
            if conn.dialect.name == "postgresql":
                copy_tables(conn, prepared.batches)  # COPY: several times an executemany's speed
            else:
                for table, names, rows in prepared.batches:
                    if prepared.sqlite:
                        sql = f'INSERT INTO "{table.name}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'
                        conn.exec_driver_sql(sql, rows)
                    else:
                        session.execute(insert(table), rows)
    finally:
        if cache is not None:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")  # the connection goes back to the pool


def insert_records(session: Session, records: Mapping[str, Iterable[codec.JSONDict]], *, tracked: bool = True) -> None:
    """Insert bundle records (parents first), with their link sets, in bulk.

    On SQLite the rows go straight to the driver's ``executemany`` as the values SQLAlchemy would
    store (``codec.json_to_sqlite``), which keeps a 60,000-record import within about 2x of raw
    sqlite3; other databases take SQLAlchemy's Core insert with a list. ``tracked``: see
    :func:`write_records`.
    """
    write_records(session, prepare_records(session, records), tracked=tracked)


def _restore(session: Session, snapshot: Snapshot, tracker: _Tracker) -> None:
    now = utcnow()
    stamp = codec.format_datetime(now)
    deleted = {s: [dict(r, updated_at=stamp) for r in recs] for s, recs in snapshot.deleted.items()}
    ids = [r["id"] for recs in deleted.values() for r in recs]
    for section, recs in deleted.items():
        for rec in recs:
            if session.get(ENTITIES[section], rec["id"]) is not None:
                raise ValidationError(labels.per_noun(labels.EXISTS_ALREADY, section))
            tracker.touch(section, rec["id"])
    session.execute(sql_delete(Tombstone).where(col(Tombstone.id).in_(ids)))
    insert_records(session, deleted)
    for section, recs in snapshot.altered.items():
        for rec in recs:
            current = session.get(ENTITIES[section], rec["id"])
            if current is None:
                continue
            for key, value in codec.json_to_row(section, rec).items():
                setattr(current, key, value)
            current.updated_at = now
            _set_links(session, section, rec["id"], {link.field: rec[link.field] for link in LINKS.get(section, ())})
            tracker.touch(section, rec["id"])
    session.flush()
    session.expire_all()
    tracker.log("restore", next(iter(snapshot.deleted), "communities"), None, f"{len(ids)} records")


# --- the public operations ------------------------------------------------------------------------


def _as(model: type[pydantic.BaseModel], data: pydantic.BaseModel | Mapping[str, Any], section: str) -> pydantic.BaseModel:
    """``data`` checked against a record's rules (``schemas.XCreate`` or ``XUpdate``), or one sentence why not."""
    if isinstance(data, model):
        return data
    if isinstance(data, pydantic.BaseModel):
        data = data.model_dump(exclude_unset=True)
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(_refusal(section, exc)) from exc


def _refusal(section: str, exc: pydantic.ValidationError) -> str:
    """The first thing wrong, naming the record and the field: "The step's feeling cannot be 3: ..."."""
    return labels.refusal(gettext(NOUN[section]), exc.errors()[0])


CREATE_SCHEMAS: dict[str, type[pydantic.BaseModel]] = {
    "communities": schemas.CommunityCreate,
    "organisations": schemas.OrganisationCreate,
    "groups": schemas.GroupCreate,
    "members": schemas.MemberCreate,
    "data_items": schemas.DataItemCreate,
    "journeys": schemas.JourneyCreate,
    "stages": schemas.StageCreate,
    "steps": schemas.StepCreate,
    "dependencies": schemas.DependencyCreate,
    "workshops": schemas.WorkshopCreate,
    "blockers": schemas.BlockerCreate,
    "notes": schemas.NoteCreate,
}
UPDATE_SCHEMAS: dict[str, type[pydantic.BaseModel]] = {
    "communities": schemas.CommunityUpdate,
    "organisations": schemas.OrganisationUpdate,
    "groups": schemas.GroupUpdate,
    "members": schemas.MemberUpdate,
    "data_items": schemas.DataItemUpdate,
    "journeys": schemas.JourneyUpdate,
    "stages": schemas.StageUpdate,
    "steps": schemas.StepUpdate,
    "dependencies": schemas.DependencyUpdate,
    "workshops": schemas.WorkshopUpdate,
    "blockers": schemas.BlockerUpdateIn,
    "notes": schemas.NoteUpdate,
}


@operation
def create(
    session: Session, section: str, *, data: pydantic.BaseModel | Mapping[str, Any], actor_id: str | None = None
) -> Result[Any]:
    """Create a record of ``section`` (``"steps"``, ``"blockers"``...) from its ``XCreate`` data."""
    tracker = _Tracker(session, actor_id)
    record = _create(session, section, _as(CREATE_SCHEMAS[section], data, section), tracker)
    return Result(record, tracker.changes)


@operation
def update(
    session: Session,
    section: str,
    record_id: str,
    *,
    data: pydantic.BaseModel | Mapping[str, Any],
    actor_id: str | None = None,
    expected: datetime | str | None = None,
    base: Mapping[str, Any] | None = None,
) -> Result[Any]:
    """Change the fields ``data`` sets (and only those) of a record.

    ``expected``: the record's ``updated_at`` as the caller read it; if someone else changed the
    record since, the edit is refused (:class:`ConflictError`, with the fresh values), unless
    ``base`` (the values the caller read of the fields it changes) shows that the other change
    touched none of them: then it goes on top (:mod:`servicecommunity.services.versions`).
    """
    tracker = _Tracker(session, actor_id)
    record = _update(session, section, record_id, _as(UPDATE_SCHEMAS[section], data, section), tracker,
                     expected, base)
    return Result(record, tracker.changes)


@operation
def delete(session: Session, section: str, record_id: str, *, actor_id: str | None = None,
           expected: datetime | str | None = None, base: Mapping[str, Any] | None = None,
           seen: Iterable[str] | None = None) -> Result[Snapshot]:
    """Delete a record and what it owns (a stage's steps, a step's dependencies...), leaving tombstones.

    ``expected``: the record's ``updated_at`` as the caller read it; if someone else changed it
    since, nothing is deleted (:class:`ConflictError` with the fresh values; ``base``, the values
    the caller read, lets it name the fields that changed). ``seen``: the ids of the records the
    person was shown the deletion would take or change (:func:`deletion_reach`); if it would take
    or change any other (someone added a step to the stage since), nothing is deleted
    (:class:`ConflictError` naming what was added; its ``fresh["reach"]`` is what it takes now)."""
    tracker = _Tracker(session, actor_id)
    snapshot = _delete(session, section, record_id, tracker, expected, base, seen)
    return Result(snapshot, tracker.changes)


@operation
def restore(session: Session, snapshot: Snapshot, *, actor_id: str | None = None) -> Result[None]:
    """Undo a deletion: put back what ``snapshot`` holds, with the same ids."""
    tracker = _Tracker(session, actor_id)
    _restore(session, snapshot, tracker)
    return Result(None, tracker.changes)


# Typed conveniences for the common cases -----------------------------------------------------------


def create_step(session: Session, *, data: schemas.StepCreate | Mapping[str, Any], actor_id: str | None = None) -> Result[Step]:
    return create(session, "steps", data=data, actor_id=actor_id)


def update_step(
    session: Session, step_id: str, *, data: pydantic.BaseModel | Mapping[str, Any], actor_id: str | None = None,
    expected: datetime | str | None = None, base: Mapping[str, Any] | None = None,
) -> Result[Step]:
    return update(session, "steps", step_id, data=data, actor_id=actor_id, expected=expected, base=base)


def create_dependency(
    session: Session, *, data: schemas.DependencyCreate | Mapping[str, Any], actor_id: str | None = None
) -> Result[Dependency]:
    return create(session, "dependencies", data=data, actor_id=actor_id)


def create_blocker(
    session: Session, *, data: schemas.BlockerCreate | Mapping[str, Any], actor_id: str | None = None
) -> Result[Blocker]:
    return create(session, "blockers", data=data, actor_id=actor_id)


@operation
def move_step(
    session: Session,
    step_id: str,
    *,
    stage_id: str | None = None,
    position: int | None = None,
    owner_id: str | None = None,
    change_owner: bool = False,
    actor_id: str | None = None,
    expected: datetime | str | None = None,
) -> Result[Step]:
    """Move a step to another stage and/or position, and (with ``change_owner``) to another lane.

    ``expected``: the step's ``updated_at`` as read; refused if someone else changed it since (see :func:`update`)."""
    tracker = _Tracker(session, actor_id)
    values: dict[str, Any] = {}
    if stage_id is not None:
        values["stage_id"] = stage_id
    if position is not None:
        values["position"] = position
    if change_owner:
        values["owner_id"] = owner_id
    record = _update(session, "steps", step_id, schemas.StepUpdate(**values), tracker, expected)
    return Result(record, tracker.changes)


@operation
def reorder_stages(
    session: Session, journey_id: str, stage_ids: list[str], *, actor_id: str | None = None
) -> Result[list[Stage]]:
    """Put a journey's stages in the order ``stage_ids`` gives (all of them, each once)."""
    tracker = _Tracker(session, actor_id)
    stages = {s.id: s for s in _journey_stages(session, journey_id)}
    if sorted(stage_ids) != sorted(stages):
        raise ValidationError(gettext("Give every stage of the journey exactly once to reorder them."))
    ordered = [stages[i] for i in stage_ids]
    _renumber(session, ordered)
    for stage in ordered:
        tracker.touch("stages", stage.id)
    tracker.log("reorder", "journeys", journey_id, "stages")
    return Result(ordered, tracker.changes)


@operation
def change_blocker_status(
    session: Session, blocker_id: str, *, status: str, comment: str = "", author_id: str | None = None,
    expected: datetime | str | None = None, base: Mapping[str, Any] | None = None,
) -> Result[BlockerUpdate]:
    """Change a blocker's status, recording it (and an optional comment) in its history.

    ``expected``/``base`` as for :func:`update`, the status being the one field changed: refused if
    someone else changed the status since (the comment with it), on top if they changed other fields."""
    tracker = _Tracker(session, author_id)
    version = None if expected is None else versions.claim(
        session, "blockers", blocker_id, expected=expected, edited={"status": status}, base=base,
        noun=gettext(NOUN["blockers"]))
    blocker = session.get(Blocker, blocker_id, populate_existing=True) if version is not None else None
    blocker = blocker or get(session, "blockers", blocker_id)
    try:
        new = BlockerStatus(status)
    except ValueError:
        choices = ", ".join(s.value for s in BlockerStatus)
        raise ValidationError(gettext("Unknown status {status}; choose one of {choices}.").format(status=repr(status), choices=choices)) from None
    if new == blocker.status:
        raise ValidationError(labels.per_noun(labels.BLOCKER_ALREADY, new.value))
    if author_id is not None:
        get(session, "members", author_id)
    entry = BlockerUpdate(
        blocker_id=blocker.id,
        author_id=author_id,
        kind=UpdateKind.STATUS,
        comment=comment.strip(),
        old_status=blocker.status,
        new_status=new.value,
    )
    blocker.status = new.value
    blocker.resolved_on = None if new.is_open else (blocker.resolved_on or date.today())
    blocker.updated_at = version or versions.next_version(blocker.updated_at)
    session.add(entry)
    session.flush()
    tracker.log("update", "blockers", blocker.id, f"status {entry.old_status} -> {entry.new_status}")
    tracker.touch("blocker_updates", entry.id)
    return Result(entry, tracker.changes)


@operation
def comment_on_blocker(
    session: Session, blocker_id: str, *, comment: str, author_id: str | None = None,
    expected: datetime | str | None = None,
) -> Result[BlockerUpdate]:
    """Add a comment to a blocker's history.

    A comment only adds, so it never conflicts: with ``expected`` (the version the caller read) the
    blocker's new version is taken on top of anyone else's change since (:func:`versions.touch`)."""
    tracker = _Tracker(session, author_id)
    blocker = get(session, "blockers", blocker_id)
    if not comment.strip():
        raise ValidationError(gettext("Write a comment first."))
    if author_id is not None:
        get(session, "members", author_id)
    entry = BlockerUpdate(blocker_id=blocker.id, author_id=author_id, kind=UpdateKind.COMMENT, comment=comment.strip())
    if expected is None:
        blocker.updated_at = versions.next_version(blocker.updated_at)
    else:
        version = versions.touch(session, "blockers", blocker.id, expected=expected, noun=gettext(NOUN["blockers"]))
        session.get(Blocker, blocker.id, populate_existing=True)
        blocker.updated_at = version
    session.add(entry)
    session.flush()
    tracker.log("create", "blocker_updates", entry.id, comment)
    tracker.touch("blockers", blocker.id)
    return Result(entry, tracker.changes)


@operation
def withdraw_blocker_update(session: Session, update_id: str, *, actor_id: str | None = None,
                            expected: datetime | str | None = None) -> Result[Snapshot]:
    """Take back a history entry (undo of a comment or status change); a status change is reverted.

    ``expected``: the blocker's version as the caller read it. Withdrawing a status change puts the
    old status back, so it is refused if someone else changed the status since (not if they changed
    only other fields); withdrawing a comment never conflicts."""
    tracker = _Tracker(session, actor_id)
    entry = get(session, "blocker_updates", update_id)
    version = None
    if expected is not None:
        reverts = entry.kind == UpdateKind.STATUS and bool(entry.old_status)
        version = versions.claim(
            session, "blockers", entry.blocker_id, expected=expected, noun=gettext(NOUN["blockers"]),
            edited={"status": entry.old_status} if reverts else {}, base={"status": entry.new_status} if reverts else None)
        session.get(Blocker, entry.blocker_id, populate_existing=True)
    blocker = get(session, "blockers", entry.blocker_id)
    if entry.kind == UpdateKind.STATUS and entry.old_status:
        blocker.status = entry.old_status
        if BlockerStatus(entry.old_status).is_open:
            blocker.resolved_on = None
    blocker.updated_at = version or versions.next_version(blocker.updated_at)
    snapshot = _delete(session, "blocker_updates", update_id, tracker)
    tracker.touch("blockers", blocker.id)
    return Result(snapshot, tracker.changes)
