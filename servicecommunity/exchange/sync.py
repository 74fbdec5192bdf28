"""What each workspace knows of every record's history: the causal clocks a merge decides by.

Members edit on their own laptops and swap bundles in any order, through anyone. To merge without
losing an edit, a merge must know, for each field, whether the other member's value was written
*with knowledge of* ours (it supersedes ours), *without* it (a real conflict), or is ours already.
Wall clocks cannot say that (a laptop an hour behind would lose), so each workspace is a **site**
with its own counter, and every write is a **dot**, ``(site, counter)``. Each field of each record
keeps:

* the dots of its current value (one; several while a conflict is pending, each with its value);
* a **version vector**, ``{site: highest counter of that site's writes to this field seen here}``.

A dot is *covered* by a version vector when ``vv[site] >= counter``: the holder of that vector has
seen that write. Merging a field is then the multi-value register of the CRDT literature (Riak's
dotted version vectors, Automerge's conflicts): keep each side's dots that the other side has not
seen superseded; the version vectors are joined (maxima). Two surviving dots with different values
are a conflict. Every field has its own vector, so edits to different fields never conflict, a
bundle holding only part of a community (one journey) carries whole fields and needs no care, and
link sets merge element by element: each element of a set (``step_ids/<id>``) is a field whose
value is whether it is in the set. Whether the record exists is the field ``_alive``: deleting a
record writes ``false`` with a vector covering every dot the deleter had seen, so a deletion that
did not see a change made elsewhere is a conflict (see :mod:`servicecommunity.exchange.merge`).

How dots get assigned without touching every write path: database triggers (migration 0003) note
each record the first time it is inserted, updated or deleted since the last *refresh*, with its
row as it was (``sync_dirty``; link rows in ``sync_dirty_link``). :func:`refresh`, run inside every
export and merge, compares those with the rows as they are now and gives every changed field one
new dot. Records that have never changed since they arrived have no clock row at all and are at
the **genesis** dot (every record a workspace had before clocks existed, and every record of a
bundle that carried none).

A clock as stored (``sync_clock.clock``) and as carried in a bundle's ``clocks`` section::

    {"c": [site, n],                          # the creation dot: every field's dot until it changes
     "f": {field: {"w": [[site, n, at], ...],  # the value's dots, the shown one first
                   "vv": {site: n, ...},
                   "x": [value, ...],          # the other values of a pending conflict (w[1:])
                   "v": value}}}               # only for _alive, and for an element of a set

``at`` is the time of the write by the writer's clock: shown to people, never used to decide.
"""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, text
from sqlmodel import Field, Session, SQLModel

from servicecommunity.domain.models import ENTITIES, LINKS, Activity
from servicecommunity.store.bulk import chunks, driver_sql

JSONDict = dict[str, Any]
Dot = tuple[str, int, str]  # (site, counter, at)

GENESIS_SITE = "0" * 16
GENESIS: Dot = (GENESIS_SITE, 0, "")
ALIVE = "_alive"
#: the columns that are bookkeeping, not content: never merged field by field
BOOKKEEPING = frozenset({"id", "created_at", "updated_at"})


class SyncState(SQLModel, table=True):
    """This workspace's site id and the counter of its writes (one row)."""

    __tablename__ = "sync_state"
    id: int = Field(default=1, primary_key=True)
    site: str = Field(max_length=16)
    counter: int = 0


class SyncClock(SQLModel, table=True):
    """The clock of a record (live or deleted) that changed since it was created here or arrived."""

    __tablename__ = "sync_clock"
    id: str = Field(primary_key=True, max_length=36)
    entity: str  # bundle section
    clock: str  # JSON, see the module docstring
    journey_id: str | None = None  # for a deleted record: the journey it was in (one-journey bundles)


class SyncDirty(SQLModel, table=True):
    """A record inserted, updated or deleted since the last refresh, with its row as it was then."""

    __tablename__ = "sync_dirty"
    id: str = Field(primary_key=True, max_length=36)
    entity: str
    old: str | None = None  # json_object of the row before; null: inserted since; "{}": all changed


class SyncDirtyLink(SQLModel, table=True):
    """An element added to or removed from a link set since the last refresh, and whether it was in."""

    __tablename__ = "sync_dirty_link"
    parent: str = Field(primary_key=True, max_length=36)
    field: str = Field(primary_key=True)
    child: str = Field(primary_key=True, max_length=36)
    was: bool


class SyncSite(SQLModel, table=True):
    """Who works at a site, as the bundles that came from it said: for showing who changed what."""

    __tablename__ = "sync_site"
    site: str = Field(primary_key=True, max_length=16)
    label: str


# --- the clock of one record --------------------------------------------------------------------


def covered(vv: Mapping[str, int], dot: Dot) -> bool:
    return vv.get(dot[0], -1) >= dot[1]


def join(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    out = dict(a)
    for site, n in b.items():
        if n > out.get(site, -1):
            out[site] = n
    return out


def order(dot: Dot) -> tuple[int, str]:
    """Deterministic order of dots (a Lamport order): the shown value of a conflict is the greatest."""
    return (dot[1], dot[0])


@dataclass
class Register:
    """One field's state: its values with their dots (greatest first) and its version vector."""

    values: list[tuple[Dot, Any]]
    vv: dict[str, int]

    @property
    def value(self) -> Any:
        return self.values[0][1]

    @property
    def conflicted(self) -> bool:
        first = self.values[0][1]
        return any(v != first for _, v in self.values[1:])

    def dots(self) -> list[Dot]:
        return [d for d, _ in self.values]


def merge_registers(local: Register, remote: Register) -> Register:
    """The multi-value register's merge: each side's values the other has not seen superseded."""
    local_dots = {d[:2] for d in local.dots()}
    remote_dots = {d[:2] for d in remote.dots()}
    kept = [(d, v) for d, v in local.values if d[:2] in remote_dots or not covered(remote.vv, d)]
    kept += [(d, v) for d, v in remote.values if d[:2] not in local_dots and not covered(local.vv, d)]
    if not kept:  # each side claims to have seen and replaced the other's: keep both, decide by order
        kept = local.values + [(d, v) for d, v in remote.values if d[:2] not in local_dots]
    seen: set[tuple[tuple[str, int], str]] = set()
    values: list[tuple[Dot, Any]] = []
    for d, v in sorted(kept, key=lambda dv: (order(dv[0]), _key(dv[1])), reverse=True):
        key = (d[:2], _key(v))
        if key not in seen:  # the same write, from either side
            seen.add(key)
            values.append((d, v))
    return Register(values, join(local.vv, remote.vv))


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


class Clock:
    """A record's clock: the creation dot and the registers of the fields that changed since."""

    __slots__ = ("created", "fields")

    def __init__(self, created: Dot = GENESIS, fields: dict[str, JSONDict] | None = None) -> None:
        self.created = created
        self.fields: dict[str, JSONDict] = fields if fields is not None else {}

    # (de)serialising

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Clock:
        if not data:
            return cls()
        c = data.get("c") or [GENESIS_SITE, 0]
        return cls((c[0], c[1], c[2] if len(c) > 2 else ""), dict(data.get("f") or {}))

    def to_json(self) -> JSONDict:
        out: JSONDict = {"c": list(self.created)}
        if self.fields:
            out["f"] = self.fields
        return out

    def is_genesis(self) -> bool:
        return self.created[:2] == GENESIS[:2] and not self.fields

    # registers

    def register(self, name: str, value: Any) -> Register:
        """The register of field ``name`` whose shown value is ``value`` (the record's, or the set's)."""
        entry = self.fields.get(name)
        if entry is None:
            return Register([(self.created, value)], {self.created[0]: self.created[1]})
        dots = [(w[0], w[1], w[2] if len(w) > 2 else "") for w in entry["w"]]
        shown = entry.get("v", value)
        values = [(dots[0], shown), *zip(dots[1:], entry.get("x", []), strict=True)]
        return Register(values, dict(entry["vv"]))

    def set_register(self, name: str, reg: Register, *, keep_value: bool) -> None:
        """Store ``reg``; ``keep_value``: the shown value is stored in the clock (_alive, set elements)."""
        if (len(reg.values) == 1 and reg.values[0][0][:2] == self.created[:2]
                and reg.vv == {self.created[0]: self.created[1]} and (name != ALIVE or reg.values[0][1] is True)):
            self.fields.pop(name, None)  # as created: the row (or the set) says the value
            return
        entry: JSONDict = {"w": [list(d) for d, _ in reg.values], "vv": dict(sorted(reg.vv.items()))}
        if len(reg.values) > 1:
            entry["x"] = [v for _, v in reg.values[1:]]
        if keep_value:
            entry["v"] = reg.values[0][1]
        self.fields[name] = entry

    def all_dots(self) -> list[Dot]:
        """Every dot of every field: what a deletion must have seen to take the record away silently."""
        out = [self.created]
        for name, entry in self.fields.items():
            if name != ALIVE:
                out += [(w[0], w[1], "") for w in entry["w"]]
        return out

    def context(self) -> dict[str, int]:
        """The join of every field's version vector: all this record's history known here."""
        vv = {self.created[0]: self.created[1]}
        for entry in self.fields.values():
            vv = join(vv, entry["vv"])
        return vv

    def alive(self) -> Register:
        return self.register(ALIVE, True)

    def write(self, name: str, dot: Dot, value: Any = None, *, keep_value: bool = False) -> None:
        """A local write of ``name``: it supersedes every value of that field seen here."""
        old = self.register(name, value)
        vv = join(old.vv, {dot[0]: dot[1]})
        self.set_register(name, Register([(dot, value)], vv), keep_value=keep_value)


def element(link_field: str, child: str) -> str:
    """The field name of one element of a link set."""
    return f"{link_field}/{child}"


# --- reading and writing clocks -----------------------------------------------------------------


def site_of(session: Session) -> str:
    row = session.execute(text("SELECT site FROM sync_state WHERE id = 1")).first()
    if row is None:  # a workspace made before clocks: migration 0003 adds the row; defensive
        site = new_site()
        session.execute(text("INSERT INTO sync_state (id, site, counter) VALUES (1, :s, 0)"), {"s": site})
        return site
    return str(row[0])


def new_site() -> str:
    return secrets.token_hex(8)


def next_dot(session: Session, at: datetime | None = None) -> Dot:
    """A new dot of this site, greater than every counter seen (so the newest write shows first)."""
    site = site_of(session)
    session.execute(text("UPDATE sync_state SET counter = counter + 1 WHERE id = 1"))
    n = session.execute(text("SELECT counter FROM sync_state WHERE id = 1")).scalar_one()
    return (site, int(n), _stamp(at))


def observe(session: Session, counter: int) -> None:
    """Lamport's rule: our next dot comes after every dot we have seen."""
    session.execute(text("UPDATE sync_state SET counter = :n WHERE id = 1 AND counter < :n"), {"n": counter})


def _stamp(at: datetime | None) -> str:
    return (at or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def load_clocks(session: Session, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """``{id: (entity, clock text)}`` of the records among ``ids`` that have a clock row."""
    out: dict[str, tuple[str, str]] = {}
    conn = session.connection()
    for chunk in chunks(list(ids)):
        marks = ", ".join("?" * len(chunk))
        for rid, entity, clock in conn.exec_driver_sql(
            driver_sql(conn, f"SELECT id, entity, clock FROM sync_clock WHERE id IN ({marks})"), tuple(chunk)
        ):
            out[rid] = (entity, clock)
    return out


def save_clocks(session: Session, clocks: Mapping[str, tuple[str, Clock, str | None]]) -> None:
    """Write ``{id: (entity, clock, journey_id)}``; a genesis clock needs no row."""
    conn = session.connection()
    rows = [(rid, entity, dumps(clock), journey) for rid, (entity, clock, journey) in clocks.items()
            if not clock.is_genesis()]
    gone = [rid for rid, (_, clock, _) in clocks.items() if clock.is_genesis()]
    for chunk in chunks(gone):
        conn.exec_driver_sql(driver_sql(conn, f"DELETE FROM sync_clock WHERE id IN ({', '.join('?' * len(chunk))})"),
                             tuple(chunk))
    if rows:
        conn.exec_driver_sql(
            driver_sql(conn, "INSERT INTO sync_clock (id, entity, clock, journey_id) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET entity = excluded.entity, clock = excluded.clock, "
                       "journey_id = coalesce(excluded.journey_id, sync_clock.journey_id)"),
            rows,
        )


def dumps(clock: Clock | Mapping[str, Any]) -> str:
    """A clock's canonical text: as the bundle writes it (sorted keys), so an export copies it as is."""
    data = clock.to_json() if isinstance(clock, Clock) else clock
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def clocks_for(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """``{id: clock text}`` of those records that have a clock (the others are at genesis)."""
    return {rid: text for rid, (_, text) in load_clocks(session, ids).items()}


def bundle_clock_rows(data: Mapping[str, Any]) -> tuple[list[tuple[str, str, str, None]], int]:
    """A bundle's clocks as ``sync_clock`` rows, and the greatest counter they hold (no reading, no writing)."""
    clocks = data.get("clocks") or {}
    entity = {rec["id"]: s for s in ENTITIES for rec in data[s]}
    entity.update((t["id"], t["entity"]) for t in data["tombstones"])
    rows = [(rid, entity[rid], dumps(clock), None) for rid, clock in clocks.items()]
    top = max((w[1] for c in clocks.values() for w in [c["c"], *(x for f in (c.get("f") or {}).values() for x in f["w"])]),
              default=0)
    return rows, top


def store_bundle_clocks(session: Session, data: Mapping[str, Any],
                        prepared: tuple[list[tuple[str, str, str, None]], int] | None = None) -> None:
    """Keep a bundle's clocks as they came (an import of records new here), and who is at each site.

    ``prepared``: :func:`bundle_clock_rows` of ``data``, made before the write transaction.
    """
    if not has_clocks(session):
        return
    rows, top = prepared if prepared is not None else bundle_clock_rows(data)
    if rows:
        conn = session.connection()
        conn.exec_driver_sql(driver_sql(
            conn, "INSERT INTO sync_clock (id, entity, clock, journey_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET clock = excluded.clock"), rows)
        observe(session, top)
    learn_sites(session, data.get("sites") or {})


# --- refresh: dots for what changed here since last time ----------------------------------------


def row_json_sql(section: str, alias: str, dialect: str = "sqlite") -> str:
    """SQL for the JSON text of a record's content columns (``alias`` is NEW, OLD or the table's).

    As the change-noting triggers of migration 0003 write a row's old values, so that a field
    compares equal when unchanged: on SQLite ``json_object`` of the content columns; on PostgreSQL
    the whole row as ``jsonb`` less its bookkeeping columns.
    """
    if dialect == "postgresql":
        return f"(to_jsonb({alias}) - " + " - ".join(f"'{c}'" for c in sorted(BOOKKEEPING)) + ")::text"
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    cols = [c.name for c in table.columns if c.name not in BOOKKEEPING]
    return "json_object(" + ", ".join(f"'{c}', {alias}.{c}" for c in cols) + ")"


def content_fields(section: str) -> list[str]:
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    return [c.name for c in table.columns if c.name not in BOOKKEEPING]


def json_fields(section: str) -> frozenset[str]:
    """The content columns of ``section`` that hold JSON (a list or an object)."""
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    return frozenset(c.name for c in table.columns if c.name not in BOOKKEEPING and isinstance(c.type, JSON))


def comparable(row: JSONDict, fields: frozenset[str]) -> JSONDict:
    """``row`` (a noted old row or the current one) with its JSON columns as values, not text.

    SQLite's ``json_object`` gives a JSON column as the text SQLAlchemy wrote (``'["a", "b"]'``);
    PostgreSQL's ``to_jsonb`` gives the list itself. A workspace copied from one to the other with
    changes not yet settled holds old rows of the first kind next to current rows of the second, so
    the two are compared as parsed values: an unchanged list is then unchanged, whatever its text.
    """
    for name in fields & row.keys():
        value = row[name]
        if isinstance(value, str):
            with contextlib.suppress(ValueError):  # not JSON text: compared as it is
                row[name] = json.loads(value)
    return row


def has_clocks(session: Session) -> bool:
    """Whether the workspace keeps clocks (a file still at schema 0001 or 0002, mid-upgrade, does not)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        return conn.exec_driver_sql("SELECT to_regclass('sync_dirty')").scalar() is not None
    return conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_dirty'").first() is not None


def has_changes(session: Session) -> bool:
    """Whether anything changed here since the last refresh."""
    return session.connection().exec_driver_sql(
        "SELECT 1 FROM sync_dirty UNION ALL SELECT 1 FROM sync_dirty_link LIMIT 1").first() is not None


def refresh(session: Session) -> int:
    """Give every change made here since the last refresh a dot. Returns how many records changed.

    Runs inside the caller's transaction (an export's or a merge's), so the clocks and the rows it
    reads are one moment.
    """
    if not has_clocks(session):
        return 0
    conn = session.connection()
    dirty = conn.exec_driver_sql("SELECT id, entity, old FROM sync_dirty").all()
    dirty_links = conn.exec_driver_sql("SELECT parent, field, child, was FROM sync_dirty_link").all()
    if not dirty and not dirty_links:
        return 0
    dot = next_dot(session)
    by_section: dict[str, list[tuple[str, str | None]]] = {}
    for rid, entity, old in dirty:
        by_section.setdefault(entity, []).append((rid, old))
    link_parents: dict[str, str] = {}
    link_sections = {link.field: s for s, links in LINKS.items() for link in links}
    for parent, link_field, _child, _was in dirty_links:
        link_parents[parent] = link_sections[link_field]
    ids = [rid for rid, _, _ in dirty] + list(link_parents)
    stored = load_clocks(session, ids)
    out: dict[str, tuple[str, Clock, str | None]] = {}

    def clock_of(rid: str) -> Clock:
        return Clock.from_json(json.loads(stored[rid][1])) if rid in stored else Clock()

    for section, items in by_section.items():
        table = ENTITIES[section].__table__  # type: ignore[attr-defined]
        current: dict[str, JSONDict] = {}
        as_json = json_fields(section)
        for chunk in chunks([rid for rid, _ in items]):
            marks = ", ".join("?" * len(chunk))
            sql = (f'SELECT id, {row_json_sql(section, "row_", conn.dialect.name)} FROM "{table.name}" AS row_ '
                   f"WHERE id IN ({marks})")
            current.update((r[0], comparable(json.loads(r[1]), as_json))
                           for r in conn.exec_driver_sql(driver_sql(conn, sql), tuple(chunk)))
        for rid, old_text in items:
            now = current.get(rid)
            old = None if old_text is None else comparable(json.loads(old_text), as_json)
            if rid not in stored and old is None:
                if now is None:
                    continue  # made and deleted here between two refreshes: nobody else knew it
                out[rid] = (section, Clock(created=dot), None)
                continue
            clock = clock_of(rid)
            if old is None:
                old = {}  # back after a deletion already shared: every field as written now
            journey = _journey_of(section, rid, old or now or {})
            if now is None:
                if clock.alive().value is not False:
                    clock.fields[ALIVE] = {"w": [list(dot)], "vv": join(clock.context(), {dot[0]: dot[1]}),
                                           "v": False}
                out[rid] = (section, clock, journey)
                continue
            if clock.alive().value is False or clock.alive().conflicted:
                clock.write(ALIVE, dot, True, keep_value=True)  # brought back here (undo, or a choice)
            for name in content_fields(section):
                if old is not None and (name not in old or old[name] != now[name]):
                    clock.write(name, dot)
            out[rid] = (section, clock, journey)
    gone = _absent(session, link_parents)
    for parent, link_field, child, was in dirty_links:
        if parent in gone:
            continue  # the set went with its record: the deletion's dot says so (a new dot would undo it)
        section = link_parents[parent]
        entry = out.get(parent)
        clock = entry[1] if entry else clock_of(parent)
        if clock.created[:2] == dot[:2]:
            continue  # the set as the record was made: the creation dot covers it
        link = next(lk for lk in LINKS[section] if lk.field == link_field)
        table = link.table.__table__  # type: ignore[attr-defined]
        present = conn.exec_driver_sql(driver_sql(
            conn, f'SELECT 1 FROM "{table.name}" WHERE {link.parent_column} = ? AND {link.child_column} = ?'), (parent, child)
        ).first() is not None
        if present != bool(was):
            clock.write(element(link_field, child), dot, present, keep_value=True)
            out[parent] = (section, clock, entry[2] if entry else None)
    save_clocks(session, out)
    conn.exec_driver_sql("DELETE FROM sync_dirty")
    conn.exec_driver_sql("DELETE FROM sync_dirty_link")
    return len(out)


def refresh_alone(session: Session) -> None:
    """:func:`refresh` in a short write transaction of its own, committed (nothing to do: no write).

    An import or a merge runs this first, then plans reading only, so that the write lock is not
    held while it plans; what changes here meanwhile gets its dot from the refresh inside its
    write transaction (see :func:`changed_since`).
    """
    from servicecommunity.store.workspace import begin_write

    if not has_clocks(session) or not has_changes(session):
        return
    try:
        begin_write(session)
        refresh(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise


@dataclass(frozen=True)
class Moment:
    """Where the workspace was when a plan was made: its counter and its last activity entry."""

    counter: int
    activity: int


def last_activity(session: Session) -> int:
    """The id of the activity log's last entry (0: none)."""
    table = Activity.__table__.name  # type: ignore[attr-defined]
    return int(session.connection().exec_driver_sql(f'SELECT max(id) FROM "{table}"').scalar() or 0)


def imported_since(session: Session, activity: int) -> bool:
    """Whether an import or a merge was written after the activity entry ``activity`` (both log one)."""
    table = Activity.__table__.name  # type: ignore[attr-defined]
    conn = session.connection()
    return conn.exec_driver_sql(driver_sql(
        conn, f"SELECT 1 FROM \"{table}\" WHERE id > ? AND action IN ('import', 'merge') LIMIT 1"), (activity,)
    ).first() is not None


def moment(session: Session) -> Moment:
    """The :class:`Moment` now (read inside the plan's read transaction, after :func:`refresh_alone`)."""
    counter = session.connection().exec_driver_sql("SELECT counter FROM sync_state WHERE id = 1").scalar()
    return Moment(int(counter or 0), last_activity(session))


def changed_since(session: Session, then: Moment, ids: Iterable[str], *, anything: bool = False) -> bool:
    """Whether a plan made at ``then`` may be out of date: run first in the write transaction.

    True if a refresh or a settled conflict gave out dots since (the counter moved), another
    import or merge wrote since (both log an activity entry), or a record among ``ids`` (those
    the plan writes, and those they point at) was changed here since and is still waiting for its
    dot; with
    ``anything``, a change to any record at all counts (a plan that deletes records read which
    records they still hold). An ordinary edit elsewhere, the app's daily work, does not, so a
    long import is not planned again and again while someone edits.
    """
    if moment(session).counter != then.counter or imported_since(session, then.activity):
        return True
    dirty = {r[0] for r in session.connection().exec_driver_sql("SELECT id FROM sync_dirty UNION SELECT parent FROM sync_dirty_link")}
    if anything:
        return bool(dirty)
    return not dirty.isdisjoint(ids)


def _absent(session: Session, parents: Mapping[str, str]) -> set[str]:
    """Those of ``{id: section}`` whose record is not in the workspace (deleted since the last refresh)."""
    by_section: dict[str, list[str]] = {}
    for rid, section in parents.items():
        by_section.setdefault(section, []).append(rid)
    found: set[str] = set()
    conn = session.connection()
    for section, ids in by_section.items():
        table = ENTITIES[section].__table__  # type: ignore[attr-defined]
        for chunk in chunks(ids):
            marks = ", ".join("?" * len(chunk))
            found.update(r[0] for r in conn.exec_driver_sql(
                driver_sql(conn, f'SELECT id FROM "{table.name}" WHERE id IN ({marks})'), tuple(chunk)))
    return set(parents) - found


def _journey_of(section: str, rid: str, row: Mapping[str, Any]) -> str | None:
    if section == "journeys":
        return rid
    return row.get("journey_id") if section in ("stages", "steps", "dependencies", "notes") else None


def forget_dirty_of(session: Session, ids: Iterable[str]) -> None:
    """A write made with its clock already set (settling a conflict): not a change to refresh."""
    conn = session.connection()
    for chunk in chunks(list(ids)):
        marks = ", ".join("?" * len(chunk))
        conn.exec_driver_sql(driver_sql(conn, f"DELETE FROM sync_dirty WHERE id IN ({marks})"), tuple(chunk))
        conn.exec_driver_sql(driver_sql(conn, f"DELETE FROM sync_dirty_link WHERE parent IN ({marks})"), tuple(chunk))


def forget_dirty(session: Session) -> None:
    """After a merge wrote rows and their clocks itself: its writes are not changes made here."""
    if not has_clocks(session):
        return
    conn = session.connection()
    conn.exec_driver_sql("DELETE FROM sync_dirty")
    conn.exec_driver_sql("DELETE FROM sync_dirty_link")


# --- sites ---------------------------------------------------------------------------------------


def site_labels(session: Session) -> dict[str, str]:
    return dict(session.connection().exec_driver_sql("SELECT site, label FROM sync_site").all())


def learn_sites(session: Session, labels: Mapping[str, str]) -> None:
    if labels:
        conn = session.connection()
        conn.exec_driver_sql(driver_sql(
            conn, "INSERT INTO sync_site (site, label) VALUES (?, ?) ON CONFLICT (site) DO UPDATE SET label = excluded.label"),
            list(labels.items()),
        )


def set_own_member(session: Session, member_id: str | None) -> None:
    """Remember who uses this workspace, so the bundles it sends say who made its changes. Commits."""
    conn = session.connection()
    conn.exec_driver_sql("DELETE FROM meta WHERE key = 'current_member_id'")
    if member_id:
        conn.exec_driver_sql(driver_sql(conn, "INSERT INTO meta (key, value) VALUES ('current_member_id', ?)"), (member_id,))
    session.commit()


def own_label(session: Session) -> str | None:
    """The name of the member using this workspace, if the app was told (Community, Who am I)."""
    row = session.execute(text(
        "SELECT m.name FROM meta JOIN member m ON m.id = meta.value WHERE meta.key = 'current_member_id'"
    )).first()
    return None if row is None else str(row[0])
