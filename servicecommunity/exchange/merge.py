"""Merging a bundle from another member into the open workspace, field by field, by causality.

Every field of every record is a register with a version vector (:mod:`servicecommunity.exchange.sync`).
For each record the bundle holds (or deletes):

* each field is merged on its own: the other member's value replaces ours only when it was
  written having seen ours; ours stays when theirs is one we had already seen; when neither had
  seen the other's write and the values differ, it is a **conflict**. The greatest dot's value is
  shown meanwhile (the same on every laptop) and the other is kept beside it, so nothing is lost,
  until someone settles it (:func:`resolve_conflict`), which is itself a write that travels;
* link sets merge element by element, an element being a field (in the set or not);
* a deletion (the ``_alive`` field set to false) takes a record away only if the deleter had seen
  every write to it and nothing new was put inside it (a step in a deleted stage); otherwise the
  record stays, with the deletion pending as a conflict on both sides;
* a record new to us is added; a deletion of a record we never had is remembered, so it passes on.

The outcome depends only on what both sides know, never on wall clocks or on the order bundles
arrive in: any members who have all seen the same writes hold the same workspace, and merging a
bundle twice changes nothing. A bundle of one journey carries and applies only that journey's
records and deletions (and the organisations, members and data items they need).

A bundle from before clocks (format 1) merges as from a member who knew nothing of our edits: a
field it holds differently replaces ours if we never changed ours, else it is a conflict.

Natural duplicates are joined: the same dependency drawn on both sides becomes one (the lower id
stays, everywhere); steps appended to one stage on both sides get distinct positions. Organisations
and data items created with the same name on both sides are reported as likely duplicates.

The whole merge is one transaction: on any failure nothing is written. It is planned reading
only, and the write lock is taken only to write what the plan says (:func:`_prepare`), so that the
app's edits made meanwhile wait a moment, not the whole merge.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col

from servicecommunity import services
from servicecommunity.domain.errors import BundleError, NotFoundError, ValidationError
from servicecommunity.domain.models import (
    ENTITIES,
    LINKS,
    OWNING_REFS,
    REFS,
    Activity,
    Tombstone,
    utcnow,
)
from servicecommunity.exchange import sync
from servicecommunity.exchange.bundle import SECTIONS, existing_ids, import_new
from servicecommunity.exchange.sync import ALIVE, Clock, Dot, Register
from servicecommunity.i18n import N_, gettext, ngettext
from servicecommunity.services import labels
from servicecommunity.store import codec
from servicecommunity.store.bulk import chunks

Choice = Literal["local", "remote"]
JSONDict = dict[str, Any]
LEGACY_SITE = "1" * 16  # the writer of a format-1 bundle's values: a member we know nothing of


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One value of a conflict: what it is, who wrote it (as far as we know) and when."""

    value: Any
    who: str
    at: str
    ours: bool  # written here, or already shown here before this merge


@dataclass(frozen=True)
class Conflict:
    """Two members changed one field (or one deleted what the other changed) without seeing each other's."""

    section: str
    id: str
    title: str
    field: str  # a column, ``_alive`` (deleted versus changed) or ``<set>/<id>`` (an element of a set)
    label: str  # what the inspector calls the field
    shown: Side  # the value shown until someone settles it (the same on every laptop)
    other: Side
    reason: str

    @property
    def key(self) -> str:
        return f"{self.id}:{self.field}"

    def describe(self) -> str:
        """One paragraph in a member's words."""
        # one whole sentence per kind of record: Welsh mutates the noun and its pronoun (y daith ... hi)
        if self.field == ALIVE:
            deleter = self.shown if not self.shown.value else self.other
            reason = gettext("deleted by {who} while it was changed elsewhere").format(who=_who_text(deleter.who))
            return labels.per_noun(labels.CONFLICT_DELETED, self.section).format(
                title=repr(self.title), reason=reason, id=self.id[:8])
        unknown = gettext("time unknown")
        return labels.per_noun(labels.CONFLICT_VALUES, self.section).format(
            title=repr(self.title), field=gettext(self.label), shown=_show(self.shown), shown_who=_who_text(self.shown.who),
            shown_at=self.shown.at or unknown, other=_show(self.other), other_who=_who_text(self.other.who),
            other_at=self.other.at or unknown)

    def to_json(self) -> JSONDict:
        return {
            "key": self.key, "section": self.section, "id": self.id, "title": self.title, "field": self.field,
            "label": self.label, "reason": self.reason,
            "shown": {"value": self.shown.value, "who": self.shown.who, "at": self.shown.at, "ours": self.shown.ours},
            "other": {"value": self.other.value, "who": self.other.who, "at": self.other.at, "ours": self.other.ours},
        }


#: who wrote a value when the workspace has no member's name for it: kept in English in a
#: :class:`Side` (the app matches them), translated where a sentence shows them
_WHO = {text: text for text in (N_("this laptop"), N_("a member with an older version of the app"),
                                 N_("as first shared"), N_("kept for now"))}


def _who_text(who: str) -> str:
    if who in _WHO:
        return gettext(who)
    if who.startswith("another member (laptop ") and who.endswith(")"):
        return gettext("another member (laptop {laptop})").format(laptop=who[len("another member (laptop "):-1])
    return who  # a member's name: the community's own data


def _show(side: Side) -> str:
    value = side.value
    if value is None or value == "":
        return gettext("(empty)")
    if isinstance(value, bool):
        return gettext("in the set") if value else gettext("not in the set")
    return repr(value) if isinstance(value, str) else json.dumps(value)


@dataclass
class MergeReport:
    """What a merge added, updated and deleted (by section), and the conflicts it leaves pending."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    tombstones: int = 0  # deletions recorded for records this workspace never had
    duplicates: list[str] = field(default_factory=list)  # likely duplicates, in words
    joined: int = 0  # natural duplicates made one (the same dependency drawn on both sides)
    applied: bool = False  # False for a preview

    @property
    def changed(self) -> bool:
        return bool(sum(self.added.values()) + sum(self.updated.values()) + sum(self.deleted.values()) + self.tombstones)

    def counts(self) -> dict[str, int]:
        return {
            "added": sum(self.added.values()),
            "updated": sum(self.updated.values()),
            "deleted": sum(self.deleted.values()),
            "conflicts": len(self.conflicts),
            "unchanged": self.unchanged,
            "tombstones": self.tombstones,
        }

    def changes_text(self) -> str:
        """``2 added (1 stage, 1 step); 0 updated; ...; 170 unchanged``, conflicts aside."""

        def part(label: str, counts: Mapping[str, int]) -> str:
            total = sum(counts.values())
            detail = ", ".join(services.count_records(s, n) for s, n in counts.items() if n)
            text = {  # whole phrases, so each language words the count its own way
                "added": ngettext("{n} added", "{n} added", total),
                "updated": ngettext("{n} updated", "{n} updated", total),
                "deleted": ngettext("{n} deleted", "{n} deleted", total),
            }[label].format(n=total)
            return gettext("{counts} ({detail})").format(counts=text, detail=detail) if detail else text

        parts = [part("added", self.added), part("updated", self.updated), part("deleted", self.deleted),
                 gettext("{n} unchanged").format(n=self.unchanged)]
        return "; ".join(parts)

    def summary(self) -> str:
        """What a person reads: what changed, by kind of record, and each conflict in plain words."""
        if self.applied:
            text = gettext("Merged: {changes}.").format(changes=self.changes_text())
        else:
            text = gettext("The merge would make: {changes}.").format(changes=self.changes_text())
        if self.joined:
            text += " " + ngettext("{n} dependency drawn on both sides was made one.",
                                   "{n} dependencies drawn on both sides were made one.", self.joined).format(n=self.joined)
        if self.conflicts:
            n = len(self.conflicts)
            text += "\n" + ngettext("{n} conflict is pending (both values are kept until someone chooses):",
                                     "{n} conflicts are pending (both values are kept until someone chooses):", n).format(n=n)
            for c in self.conflicts:
                text += f"\n  - {c.describe()}"
        for line in self.duplicates:
            text += "\n  - " + gettext("Likely duplicate: {duplicate}").format(duplicate=line)
        return text

    def to_json(self) -> JSONDict:
        return {
            "applied": self.applied,
            **self.counts(),
            "added_by_section": dict(self.added),
            "updated_by_section": dict(self.updated),
            "deleted_by_section": dict(self.deleted),
            "joined_duplicates": self.joined,
            "likely_duplicates": list(self.duplicates),
            "conflict_list": [c.to_json() for c in self.conflicts],
        }


def noun(section: str, n: int) -> str:
    word = services.NOUN[section]
    if n == 1:
        return word
    return {"community": "communities", "dependency": "dependencies", "sub-group": "sub-groups"}.get(word, word + "s")


#: what the inspector and the forms call each field
LABELS = labels.FIELD_LABELS


field_label = labels.field_label


# --- reading both sides -------------------------------------------------------------------------


def _title(section: str, rec: Mapping[str, Any] | None) -> str:
    if rec is None:
        return ""
    for key in ("title", "name"):
        if rec.get(key):
            return str(rec[key])
    if section == "blocker_updates":
        return str(rec.get("comment") or rec.get("new_status") or rec["id"])
    if section == "notes":
        return str(rec.get("body") or rec["id"])
    return str(rec["id"])


def _load_local(session: Session, section: str, ids: list[str]) -> dict[str, JSONDict]:
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    conn = session.connection()
    out: dict[str, JSONDict] = {}
    for chunk in chunks(ids):
        rows = list(conn.execute(select(table).where(table.c.id.in_(chunk))))
        if not rows:
            continue
        links = codec.load_links(session, section, [r.id for r in rows]) if section in LINKS else {}
        for r in rows:
            out[r.id] = codec.row_to_json(section, r, links.get(r.id, {}))
    return out


def _ids_in(session: Session, section: str, ids: Iterable[str]) -> set[str]:
    col = ENTITIES[section].__table__.c.id  # type: ignore[attr-defined]
    found: set[str] = set()
    conn = session.connection()
    for chunk in chunks(list(ids)):
        found.update(conn.execute(select(col).where(col.in_(chunk))).scalars())
    return found


def _legacy_dot(stamp: str | None) -> Dot:
    """A format-1 record's write: ordered by its time among format-1 writes only (never against ours)."""
    if not stamp:
        return (LEGACY_SITE, 1, "")
    moment = codec.parse_datetime(stamp)
    return (LEGACY_SITE, int(moment.timestamp() * 1_000_000), stamp[:19] + "Z")


def _fields(section: str) -> list[str]:
    return sync.content_fields(section)


def _elements(section: str, rec: Mapping[str, Any] | None, clock: Clock) -> dict[str, bool]:
    """Every element of every set the record or its clock knows, and whether it is in the set."""
    out: dict[str, bool] = {}
    for name, entry in clock.fields.items():
        if "/" in name:
            out[name] = bool(entry.get("v"))
    if rec is not None:
        for link in LINKS.get(section, ()):
            for child in rec[link.field]:
                out[sync.element(link.field, child)] = True
    return out


@dataclass
class _Side:
    """A record as one side has it: its values (None: not held), its clock, and its elements."""

    rec: JSONDict | None
    clock: Clock
    elements: dict[str, bool]

    def register(self, name: str) -> Register:
        if name == ALIVE:
            return self.clock.alive()
        if "/" in name:
            return self.clock.register(name, self.elements.get(name, False))
        return self.clock.register(name, None if self.rec is None else self.rec[name])


@dataclass
class _Outcome:
    section: str
    id: str
    clock: Clock
    values: JSONDict | None  # the record to hold (shown values); None: deleted
    local: JSONDict | None
    alive_conflict: str = ""  # why a deletion is pending, or ""
    journey: str | None = None
    local_clock: str | None = None  # the clock's text here before the merge


# --- the plan -----------------------------------------------------------------------------------


@dataclass
class _Plan:
    outcomes: dict[str, _Outcome] = field(default_factory=dict)
    new_tombstones: list[JSONDict] = field(default_factory=list)  # deletions of records we never had
    unchanged: int = 0
    sites: dict[str, str] = field(default_factory=dict)


def _remote_side(section: str, rec: JSONDict | None, clock_json: Any, legacy: bool, local: _Side | None,
                 tomb: JSONDict | None) -> _Side:
    if not legacy:
        clock = Clock.from_json(clock_json)
        return _Side(rec, clock, _elements(section, rec, clock))
    # format 1: values only. Fields equal to ours carry our registers (no news); the others are
    # writes by a member who had seen the record made but none of our changes.
    base = local.clock if local is not None else Clock()
    clock = Clock(base.created, {})
    created_vv = {base.created[0]: base.created[1]}
    if tomb is not None:
        dot = _legacy_dot(tomb["deleted_at"])
        clock.fields[ALIVE] = {"w": [list(dot)], "vv": sync.join(created_vv, {dot[0]: dot[1]}), "v": False}
        return _Side(None, clock, {})
    assert rec is not None
    dot = _legacy_dot(rec.get("updated_at"))
    elements = _elements(section, rec, Clock())
    if local is None or local.rec is None:
        return _Side(rec, clock, elements)
    for name in _fields(section):
        reg = local.register(name)
        if rec[name] == local.rec[name]:
            clock.set_register(name, reg, keep_value=False)
        else:
            clock.set_register(name, Register([(dot, rec[name])], sync.join(created_vv, {dot[0]: dot[1]})), keep_value=False)
    for name in set(elements) | set(local.elements):
        theirs = elements.get(name, False)
        reg = local.register(name)
        if theirs == local.elements.get(name, False):
            clock.set_register(name, reg, keep_value=True)
        else:
            clock.set_register(name, Register([(dot, theirs)], sync.join(created_vv, {dot[0]: dot[1]})), keep_value=True)
    return _Side(rec, clock, elements)


def _merge_record(section: str, rid: str, local: _Side | None, remote: _Side) -> _Outcome:
    """The merged clock and values of one record (deletion decided later, with its children)."""
    if local is None:
        return _Outcome(section, rid, remote.clock, remote.rec, None)
    clock = Clock(min(local.clock.created, remote.clock.created, key=sync.order)
                  if local.clock.created[:2] != remote.clock.created[:2] else local.clock.created)
    names = set(local.clock.fields) | set(remote.clock.fields) | set(local.elements) | set(remote.elements)
    if local.rec is not None and remote.rec is not None:
        names |= set(_fields(section))
    values: JSONDict | None = None
    base = local.rec if local.rec is not None else remote.rec
    if base is not None:
        values = dict(base)
    in_sets: set[str] = set()
    for name in sorted(names):
        if name != ALIVE and (local.rec is None or remote.rec is None):
            # one side no longer holds the record (deleted there): its values and sets are unknown;
            # keep the knowledge of its vector, take the holder's values
            holder = local if local.rec is not None else remote
            other = remote if holder is local else local
            reg = holder.register(name)
            if name in other.clock.fields:
                reg = Register(reg.values, sync.join(reg.vv, other.clock.fields[name]["vv"]))
        else:
            reg = sync.merge_registers(local.register(name), remote.register(name))
        keep_value = name == ALIVE or "/" in name
        clock.set_register(name, reg, keep_value=keep_value)
        if "/" in name and reg.value:
            in_sets.add(name)
        if values is not None and name != ALIVE and "/" not in name:
            values[name] = reg.value
    if values is not None and local.rec is not None and remote.rec is not None:
        # bookkeeping, not merged by register: the latest change and the first making, on every side
        values["updated_at"] = max(local.rec["updated_at"], remote.rec["updated_at"])
        values["created_at"] = min(local.rec["created_at"], remote.rec["created_at"])
    if values is not None:
        for link in LINKS.get(section, ()):
            prefix = link.field + "/"
            values[link.field] = sorted(n[len(prefix):] for n in in_sets if n.startswith(prefix))
    return _Outcome(section, rid, clock, values, local.rec)


def _plan(session: Session, data: Mapping[str, Any]) -> _Plan:
    legacy = "clocks" not in data
    remote_clocks: Mapping[str, Any] = data.get("clocks") or {}
    remote_tombs = {t["id"]: t for t in data["tombstones"]}
    if len(remote_tombs) != len(data["tombstones"]):
        raise BundleError(gettext("The bundle lists the same deletion twice; the file is damaged."))
    scoped = data["scope"]["journey_id"]
    plan = _Plan(sites=dict(data.get("sites") or {}))
    remote_recs: dict[str, dict[str, JSONDict]] = {s: {r["id"]: r for r in data[s]} for s in SECTIONS}
    both = [i for s in SECTIONS for i in remote_recs[s] if i in remote_tombs]
    if both:
        raise BundleError(gettext("The bundle both holds and deletes the record {value}; the file is damaged.").format(value=both[0]))
    ids_by_section: dict[str, list[str]] = {s: list(remote_recs[s]) for s in SECTIONS}
    for t in data["tombstones"]:
        ids_by_section[t["entity"]].append(t["id"])
    all_ids = [i for s in SECTIONS for i in ids_by_section[s]]
    local_clocks = sync.load_clocks(session, all_ids)
    local_tombs = _ids_in_tombstones(session, all_ids)
    for section in SECTIONS:
        ids = ids_by_section[section]
        # the fast path of an unchanged record: the same clock text on both sides and the same values
        mine = _load_local(session, section, ids)
        for rid in ids:
            rec = remote_recs[section].get(rid)
            tomb = remote_tombs.get(rid)
            local_rec = mine.get(rid)
            if (rec is not None and not legacy and rec == local_rec
                    and (local_clocks[rid][1] if rid in local_clocks else None) == _clock_text(remote_clocks.get(rid))):
                plan.unchanged += 1  # the same values and the same history on both sides: nothing to merge
                continue
            lc = Clock.from_json(json.loads(local_clocks[rid][1])) if rid in local_clocks else Clock()
            if local_rec is None and rid not in local_tombs and rid not in local_clocks:
                if tomb is not None:
                    if scoped and not _in_scope_tombstone(tomb):
                        continue
                    plan.new_tombstones.append(tomb)
                    side = _remote_side(section, None, remote_clocks.get(rid), legacy, None, tomb)
                    plan.outcomes[rid] = _Outcome(section, rid, side.clock, None, None)
                    continue
                assert rec is not None
                side = _remote_side(section, rec, remote_clocks.get(rid), legacy, None, None)
                plan.outcomes[rid] = _Outcome(section, rid, side.clock, dict(rec), None)
                continue
            if tomb is not None and scoped and local_rec is not None and not _local_in_journey(section, local_rec, scoped):
                continue  # a one-journey bundle deletes nothing outside its journey
            local = _Side(local_rec, lc, _elements(section, local_rec, lc))
            remote = _remote_side(section, rec, remote_clocks.get(rid), legacy, local, tomb)
            if rec is not None and scoped and section == "blockers":
                remote = _scoped_blocker(remote, local, set(remote_recs["steps"]), set(remote_recs["dependencies"]))
            outcome = _merge_record(section, rid, local, remote)
            if local_rec is not None and outcome.values == local_rec and sync.dumps(outcome.clock) == sync.dumps(lc):
                plan.unchanged += 1
                continue
            outcome.local_clock = sync.dumps(lc)
            plan.outcomes[rid] = outcome
    _decide_deletions(session, plan, remote_recs)
    for rid, out in list(plan.outcomes.items()):
        if out.values is None and out.local is None and out.local_clock == sync.dumps(out.clock):
            del plan.outcomes[rid]  # deleted here, and still: nothing new
            plan.unchanged += 1
    return plan


def _clock_text(clock: Any) -> str | None:
    """A bundle's clock as this workspace stores it (None: at genesis, no clock row)."""
    if clock is None:
        return None
    parsed = Clock.from_json(clock)
    return None if parsed.is_genesis() else sync.dumps(parsed)


def _ids_in_tombstones(session: Session, ids: list[str]) -> set[str]:
    col = Tombstone.__table__.c.id  # type: ignore[attr-defined]
    found: set[str] = set()
    for chunk in chunks(ids):
        found.update(session.connection().execute(select(col).where(col.in_(chunk))).scalars())
    return found


def _in_scope_tombstone(tomb: JSONDict) -> bool:
    """A one-journey bundle deletes only records of a journey, never community-wide ones."""
    return tomb["entity"] in ("journeys", "stages", "steps", "dependencies", "notes")


def _local_in_journey(section: str, rec: JSONDict, journey: str) -> bool:
    if section == "journeys":
        return bool(rec["id"] == journey)
    if section in ("stages", "steps", "dependencies", "notes"):
        return bool(rec["journey_id"] == journey)
    return False


def _scoped_blocker(remote: _Side, local: _Side, steps: set[str], deps: set[str]) -> _Side:
    """A one-journey bundle lists a blocker's links into its journey only: the others are not news."""
    if remote.rec is None or local.rec is None:
        return remote
    clock = Clock(remote.clock.created, dict(remote.clock.fields))
    elements = dict(remote.elements)
    for link_field, inside in (("step_ids", steps), ("dependency_ids", deps)):
        for child in local.rec[link_field]:
            name = sync.element(link_field, child)
            if child not in inside and name not in remote.clock.fields:
                clock.set_register(name, local.register(name), keep_value=True)
                elements[name] = True
    return _Side(remote.rec, clock, elements)


def _dead(clock: Clock) -> bool:
    alive = clock.alive()
    return all(v is False for _, v in alive.values)


def _unseen_by_deletion(clock: Clock) -> list[Dot]:
    vv = clock.alive().vv
    return [d for d in clock.all_dots() if not sync.covered(vv, d)]


def _decide_deletions(session: Session, plan: _Plan, remote_recs: Mapping[str, Mapping[str, JSONDict]]) -> None:
    """Which deleted records really go: not one the deleter had not seen changed, nor one that still
    holds a record that stays (a step added elsewhere to a deleted stage). Children first."""
    staying: dict[str, set[str]] = defaultdict(set)  # section -> ids of records that stay (to check parents)
    for section in reversed(SECTIONS):
        for rid, out in list(plan.outcomes.items()):
            if out.section != section:
                continue
            if not _dead(out.clock):
                if out.clock.alive().conflicted:
                    out.alive_conflict = "deleted on one laptop while brought back on another"
                if out.values is None:  # a record we have no values for (should not happen)
                    out.values = out.local
                continue
            unseen = _unseen_by_deletion(out.clock)
            if unseen:
                out.alive_conflict = "deleted by one member while another changed it"
            elif _holds_staying(session, plan, section, rid, staying):
                out.alive_conflict = "deleted by one member while another added or changed something inside it"
            else:
                out.values = None
                continue
            if out.values is None:  # deleted here, changed there: it comes back, with their values
                rec = remote_recs[section].get(rid)
                out.values = dict(rec) if rec is not None else None
            if out.values is None:
                out.alive_conflict = ""  # nothing to bring back: stays deleted
    for out in plan.outcomes.values():
        if out.values is not None:
            staying[out.section].add(out.id)


def _holds_staying(session: Session, plan: _Plan, section: str, rid: str, staying: Mapping[str, set[str]]) -> bool:
    """Whether a record owned by ``rid`` stays: one the merge keeps, or one of ours the bundle does not delete."""
    for child_section, refs in REFS.items():
        for column, target in refs.items():
            if target != section or (child_section, column) not in OWNING_REFS:
                continue
            model = ENTITIES[child_section]
            local_children = session.scalars(select(col(model.id)).where(getattr(model, column) == rid)).all()
            for child in local_children:
                out = plan.outcomes.get(child)
                if out is None or out.values is not None:
                    return True
            for out in plan.outcomes.values():
                if out.section == child_section and out.values is not None and out.values.get(column) == rid:
                    return True
    return False


# --- writing ------------------------------------------------------------------------------------


def _write(session: Session, data: Mapping[str, Any], plan: _Plan, actor_id: str | None) -> MergeReport:
    report = MergeReport(unchanged=plan.unchanged, applied=True)
    conn = session.connection()
    max_counter = max((d[1] for out in plan.outcomes.values() for d in out.clock.all_dots()
                       if d[0] not in (sync.GENESIS_SITE, LEGACY_SITE)), default=0)
    sync.observe(session, max_counter)
    gone = _gone(session, plan)
    inserts: dict[str, list[JSONDict]] = defaultdict(list)
    updates: dict[str, list[_Outcome]] = defaultdict(list)
    deletes: list[_Outcome] = []
    for out in plan.outcomes.values():
        if out.values is not None:
            _drop_gone_refs(out, gone)
        if out.values is not None and out.local is None:
            inserts[out.section].append(out.values)
        elif out.values is not None and out.values != out.local:
            updates[out.section].append(out)
        elif out.values is None and out.local is not None:
            deletes.append(out)
    # 1. records new here or coming back (parents first), their tombstones gone
    back = [rec["id"] for recs in inserts.values() for rec in recs]
    for chunk in chunks(back):
        conn.execute(delete(Tombstone.__table__).where(Tombstone.__table__.c.id.in_(chunk)))  # type: ignore[attr-defined]
    services.insert_records(session, {s: inserts[s] for s in SECTIONS if inserts[s]}, tracked=False)  # forgotten below
    report.added = {s: len(inserts[s]) for s in SECTIONS if inserts[s]}
    # 2. records whose shown values changed
    for section in SECTIONS:
        outs = updates[section]
        if not outs:
            continue
        report.updated[section] = len(outs)
        table = ENTITIES[section].__table__  # type: ignore[attr-defined]
        for out in outs:
            assert out.values is not None and out.local is not None
            row = codec.json_to_row(section, out.values)
            changed = {k: v for k, v in row.items() if k != "id" and out.values.get(k) != out.local.get(k)}
            if changed:
                conn.execute(update(table).where(table.c.id == out.id).values(changed))
            for link in LINKS.get(section, ()):
                if out.values[link.field] == out.local[link.field]:
                    continue
                link_table = link.table.__table__  # type: ignore[attr-defined]
                conn.execute(delete(link_table).where(link_table.c[link.parent_column] == out.id))
                pairs = [{link.parent_column: out.id, link.child_column: c} for c in out.values[link.field]]
                if pairs:
                    conn.execute(link_table.insert(), pairs)
    session.expire_all()
    # the clocks of everything the bundle touched; what the merge wrote is not a change made here
    sync.save_clocks(session, {out.id: (out.section, out.clock, out.journey or _journey(out)) for out in plan.outcomes.values()})
    sync.forget_dirty(session)
    # 3. records the other member deleted, with the service layer's cascade; its knock-on effects
    # (a reference set to null) are changes made here, given a dot by the refresh below
    tracker = services._Tracker(session, actor_id)
    deleted: Counter[str] = Counter()
    for out in deletes:
        if session.get(ENTITIES[out.section], out.id) is None:
            continue  # went with its parent
        snapshot = services._delete(session, out.section, out.id, tracker)
        for s, recs in snapshot.deleted.items():
            deleted[s] += len(recs)
    report.deleted = {s: deleted[s] for s in SECTIONS if deleted[s]}
    session.flush()
    # a deletion keeps the time the other member made it, as every laptop that applies it does
    remote_at = [{"_pk": t["id"], "at": codec.parse_datetime(t["deleted_at"])} for t in data["tombstones"]
                 if t["id"] in plan.outcomes and plan.outcomes[t["id"]].values is None]
    if remote_at:
        table = Tombstone.__table__  # type: ignore[attr-defined]
        conn.execute(update(table).where(table.c.id == bindparam("_pk")).values(deleted_at=bindparam("at")), remote_at)
    # 4. deletions of records we never had, remembered so they pass on
    if plan.new_tombstones:
        conn.execute(Tombstone.__table__.insert(), [  # type: ignore[attr-defined]
            {"id": t["id"], "entity": t["entity"], "deleted_at": codec.parse_datetime(t["deleted_at"])}
            for t in plan.new_tombstones
        ])
    report.tombstones = len(plan.new_tombstones)
    # 5. natural duplicates, then the dots of this merge's own knock-on writes
    report.joined = _join_duplicate_dependencies(session, plan, tracker)
    _spread_positions(session, plan)
    sync.refresh(session)
    sync.learn_sites(session, plan.sites)
    report.duplicates = _likely_duplicates(session, plan)
    session.add(Activity(actor_id=actor_id, action="merge", entity="communities",
                         entity_id=data["scope"]["community_id"], summary=json.dumps(report.counts())))
    return report


def _journey(out: _Outcome) -> str | None:
    rec = out.values or out.local or {}
    if out.section == "journeys":
        return out.id
    return rec.get("journey_id") if out.section in ("stages", "steps", "dependencies", "notes") else None


def _gone(session: Session, plan: _Plan) -> set[str]:
    """Ids deleted here that stay deleted after the merge (references to them are dropped)."""
    gone = {out.id for out in plan.outcomes.values() if out.values is None}
    refs: set[str] = set()
    for out in plan.outcomes.values():
        if out.values is None:
            continue
        for column in REFS[out.section]:
            if out.values.get(column):
                refs.add(out.values[column])
        for link in LINKS.get(out.section, ()):
            refs.update(out.values[link.field])
    refs -= {out.id for out in plan.outcomes.values() if out.values is not None}
    present: set[str] = set()
    for section in SECTIONS:
        present |= _ids_in(session, section, refs)
    gone |= refs - present - gone
    return gone


def _drop_gone_refs(out: _Outcome, gone: set[str]) -> None:
    """References to records that are gone here are set to null (a set loses them), as a deletion does."""
    assert out.values is not None
    for column in REFS[out.section]:
        if out.values.get(column) in gone and (out.section, column) not in OWNING_REFS:
            out.values[column] = None
    for link in LINKS.get(out.section, ()):
        if any(i in gone for i in out.values[link.field]):
            out.values[link.field] = [i for i in out.values[link.field] if i not in gone]


def _join_duplicate_dependencies(session: Session, plan: _Plan, tracker: Any) -> int:
    """The same dependency drawn on both sides (same steps, same kind): the lower id stays."""
    new_deps = [out for out in plan.outcomes.values()
                if out.section == "dependencies" and out.values is not None and out.local is None]
    if not new_deps:
        return 0
    model = ENTITIES["dependencies"]
    joined = 0
    for out in new_deps:
        assert out.values is not None
        rows = session.scalars(select(model).where(
            model.from_step_id == out.values["from_step_id"],  # type: ignore[attr-defined]
            model.to_step_id == out.values["to_step_id"],  # type: ignore[attr-defined]
            model.kind == out.values["kind"],  # type: ignore[attr-defined]
        )).all()
        if len(rows) < 2:
            continue
        keep = min(r.id for r in rows)
        for r in rows:
            if r.id != keep and session.get(model, r.id) is not None:
                _move_blocker_links(session, r.id, keep)
                _move_notes(session, r.id, keep)
                services._delete(session, "dependencies", r.id, tracker)
                joined += 1
    return joined


def _move_blocker_links(session: Session, from_id: str, to_id: str) -> None:
    link = next(lk for lk in LINKS["blockers"] if lk.field == "dependency_ids")
    table = link.table.__table__  # type: ignore[attr-defined]
    conn = session.connection()
    blockers = conn.execute(select(table.c.blocker_id).where(table.c.dependency_id == from_id)).scalars().all()
    for blocker in blockers:
        if conn.execute(select(table.c.blocker_id).where(table.c.blocker_id == blocker, table.c.dependency_id == to_id)).first() is None:
            conn.execute(table.insert(), [{"blocker_id": blocker, "dependency_id": to_id}])


def _move_notes(session: Session, from_id: str, to_id: str) -> None:
    """The notes on a dependency made one with another go to the one that stays (their thread joins)."""
    table = ENTITIES["notes"].__table__  # type: ignore[attr-defined]
    session.connection().execute(update(table).where(table.c.dependency_id == from_id)
                                 .values(dependency_id=to_id, updated_at=utcnow()))


def _spread_positions(session: Session, plan: _Plan) -> None:
    """Steps (or stages) given the same position on two laptops: ordered by position then id, renumbered."""
    for section, parent_col in (("steps", "stage_id"), ("stages", "journey_id")):
        parents = {out.values[parent_col] for out in plan.outcomes.values()
                   if out.section == section and out.values is not None}
        model = ENTITIES[section]
        for parent in parents:
            rows = session.scalars(select(model).where(getattr(model, parent_col) == parent)).all()
            positions = [r.position for r in rows]  # type: ignore[attr-defined]
            if len(set(positions)) == len(positions):
                continue
            for i, r in enumerate(sorted(rows, key=lambda r: (r.position, r.id))):  # type: ignore[attr-defined]
                if r.position != i:  # type: ignore[attr-defined]
                    r.position = i
            session.flush()


def _likely_duplicates(session: Session, plan: _Plan) -> list[str]:
    """Organisations or data items new from the bundle named like one of ours."""
    out: list[str] = []
    for section in ("organisations", "data_items"):
        new = [o for o in plan.outcomes.values() if o.section == section and o.local is None and o.values is not None]
        if not new:
            continue
        model = ENTITIES[section]
        for o in new:
            assert o.values is not None
            name = " ".join(o.values["name"].split()).casefold()
            for r in session.scalars(select(model).where(model.community_id == o.values["community_id"])).all():  # type: ignore[attr-defined]
                if r.id != o.id and " ".join(r.name.split()).casefold() == name:  # type: ignore[attr-defined]
                    out.append(_two_called(section).format(
                        name=repr(o.values["name"]), command=f"servicecommunity join-duplicates {r.id[:8]} {o.id[:8]}"))
    return out


def _two_called(section: str) -> str:
    """A likely duplicate, in a sentence for each section that has names."""
    if section == "organisations":
        return gettext("two organisations called {name} ('{command}' makes them one).")
    if section == "data_items":
        return gettext("two data items called {name} ('{command}' makes them one).")
    return gettext("two records called {name} ('{command}' makes them one).")


# --- conflicts, as they stand in the workspace ---------------------------------------------------


def pending_conflicts(session: Session, ids: Iterable[str] | None = None) -> list[Conflict]:
    """The conflicts waiting for someone to choose (of the records ``ids``, or all)."""
    conn = session.connection()
    rows: Sequence[Sequence[Any]]  # (id, entity, clock) rows or tuples
    if ids is None:
        # text(): the LIKE patterns' % reach psycopg (PostgreSQL) escaped, and SQLite as written
        rows = conn.execute(sql_text("SELECT id, entity, clock FROM sync_clock WHERE clock LIKE '%\"x\":%' "
                                 "OR clock LIKE '%\"_alive\"%'")).all()
    else:
        found = sync.load_clocks(session, ids)
        rows = [(rid, entity, text) for rid, (entity, text) in found.items()]
    labels = sync.site_labels(session)
    here = sync.site_of(session)
    labels.setdefault(here, sync.own_label(session) or "this laptop")
    out: list[Conflict] = []
    by_section: dict[str, dict[str, Clock]] = defaultdict(dict)
    for rid, entity, text in rows:
        by_section[entity][rid] = Clock.from_json(json.loads(text))
    for section in SECTIONS:
        clocks = by_section.get(section)
        if not clocks:
            continue
        recs = _load_local(session, section, list(clocks))
        for rid in sorted(clocks):
            rec = recs.get(rid)
            if rec is None:
                continue
            clock = clocks[rid]
            out += _conflicts_of(section, rid, rec, clock, labels, here)
    return out


def _who(dot: Dot, labels: Mapping[str, str], here: str) -> str:
    if dot[0] == here:
        return labels.get(here, "this laptop")
    if dot[0] == LEGACY_SITE:
        return "a member with an older version of the app"
    if dot[0] == sync.GENESIS_SITE:
        return "as first shared"
    return labels.get(dot[0], f"another member (laptop {dot[0][:6]})")


def _conflicts_of(section: str, rid: str, rec: JSONDict, clock: Clock, labels: Mapping[str, str], here: str) -> list[Conflict]:
    out: list[Conflict] = []
    title = _title(section, rec)
    elements = _elements(section, rec, clock)
    for name in sorted(clock.fields):
        if name == ALIVE:
            alive = clock.alive()
            if all(v is False for _, v in alive.values) or alive.conflicted:
                deleter = next(d for d, v in alive.values if v is False)
                out.append(Conflict(section, rid, title, ALIVE, field_label(ALIVE),
                                    Side(True, "kept for now", "", True),
                                    Side(False, _who(deleter, labels, here), deleter[2], deleter[0] == here),
                                    f"deleted by {_who(deleter, labels, here)} while it was changed elsewhere"))
            continue
        value = elements.get(name, False) if "/" in name else rec.get(name)
        reg = clock.register(name, value)
        if not reg.conflicted:
            continue
        (d0, v0) = reg.values[0]
        d1, v1 = next((d, v) for d, v in reg.values[1:] if v != v0)
        out.append(Conflict(section, rid, title, name, field_label(name),
                            Side(v0, _who(d0, labels, here), d0[2], d0[0] == here),
                            Side(v1, _who(d1, labels, here), d1[2], d1[0] == here),
                            "changed on two laptops, neither having seen the other's change"))
    return out


def resolve_conflict(session: Session, record_id: str, field_name: str, *, keep: str | None = None,
                     value: Any = None, actor_id: str | None = None) -> Conflict:
    """Settle one pending conflict: ``keep`` "mine", "theirs", "shown", "other", or give ``value``.

    For ``_alive`` (deleted versus changed) "mine"/"theirs" mean the side that kept or deleted it as
    the conflict says; "delete" deletes, "keep" keeps. Settling is a write here, so it reaches
    everyone with the next bundle and is not asked again. One transaction.
    """
    try:
        sync.refresh(session)
        found = [c for c in pending_conflicts(session, [record_id]) if c.field == field_name]
        if not found:
            raise NotFoundError(gettext("There is no pending conflict on {field_name} of record {record_id}.").format(field_name=repr(field_name), record_id=record_id))
        conflict = found[0]
        if conflict.field == ALIVE:
            choice = {"mine": conflict.shown if not conflict.other.ours else conflict.other,
                      "theirs": conflict.other if not conflict.other.ours else conflict.shown,
                      "shown": conflict.shown, "other": conflict.other, "keep": conflict.shown,
                      "delete": conflict.other}.get(keep or "")
            if choice is None:
                raise ValidationError(gettext("Say --keep keep or --keep delete (or mine / theirs)."))
            _settle_alive(session, conflict, delete_it=choice.value is False, actor_id=actor_id)
        else:
            if keep is not None:
                sides = {"shown": conflict.shown, "other": conflict.other}
                sides["mine"] = conflict.shown if conflict.shown.ours or not conflict.other.ours else conflict.other
                sides["theirs"] = conflict.other if sides["mine"] is conflict.shown else conflict.shown
                if keep not in sides:
                    raise ValidationError(gettext("Say --keep mine, theirs, shown or other, or give --value."))
                value = sides[keep].value
            _settle_field(session, conflict, value)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return conflict


def _settle_field(session: Session, conflict: Conflict, value: Any) -> None:
    section, rid, name = conflict.section, conflict.id, conflict.field
    dot = sync.next_dot(session)
    entity, text = sync.load_clocks(session, [rid])[rid]
    clock = Clock.from_json(json.loads(text))
    if "/" in name:
        link_field, child = name.split("/", 1)
        link = next(lk for lk in LINKS[section] if lk.field == link_field)
        table = link.table.__table__  # type: ignore[attr-defined]
        conn = session.connection()
        conn.execute(delete(table).where(table.c[link.parent_column] == rid, table.c[link.child_column] == child))
        if value:
            conn.execute(table.insert(), [{link.parent_column: rid, link.child_column: child}])
        clock.write(name, dot, bool(value), keep_value=True)
    else:
        model = ENTITIES[section]
        table = model.__table__  # type: ignore[attr-defined]
        row = codec.json_to_row(section, {**_load_local(session, section, [rid])[rid], name: value})
        session.connection().execute(update(table).where(table.c.id == rid).values({name: row[name], "updated_at": utcnow()}))
        clock.write(name, dot)
    sync.forget_dirty_of(session, [rid])
    sync.save_clocks(session, {rid: (entity, clock, None)})
    session.expire_all()


def _settle_alive(session: Session, conflict: Conflict, *, delete_it: bool, actor_id: str | None) -> None:
    rid = conflict.id
    if delete_it:
        entity, text = sync.load_clocks(session, [rid])[rid]
        clock = Clock.from_json(json.loads(text))
        dot = sync.next_dot(session)
        clock.fields[ALIVE] = {"w": [list(dot)], "vv": sync.join(clock.context(), {dot[0]: dot[1]}), "v": False}
        sync.save_clocks(session, {rid: (entity, clock, None)})
        services._delete(session, conflict.section, rid, services._Tracker(session, actor_id))
        sync.refresh(session)  # the cascade's records and knock-on writes
        return
    entity, text = sync.load_clocks(session, [rid])[rid]
    clock = Clock.from_json(json.loads(text))
    clock.write(ALIVE, sync.next_dot(session), True, keep_value=True)
    sync.save_clocks(session, {rid: (entity, clock, None)})


# --- the public operations ----------------------------------------------------------------------


def preview_merge(session: Session, data: Mapping[str, Any]) -> MergeReport:
    """What merging a validated bundle would do, and its conflicts; nothing is written."""
    try:
        report = merge_bundle(session, data, _commit=False)
        report.applied = False
        return report
    finally:
        session.rollback()


#: how many times a merge plans outside the write lock before it plans holding it (see :func:`_prepare`)
PLAN_TRIES = 3


def _prepare(session: Session, data: Mapping[str, Any], *, tries: int) -> _Plan:
    """Plan the merge reading only, then take the write lock for the writing; return the plan.

    The plan (every record's decision) is made in a read transaction after a short refresh of its
    own, so the write lock is not held while it is made. Then the write transaction starts, and
    if what the plan read may have changed since (:func:`sync.changed_since`: a record of the
    bundle edited here meanwhile, another merge, a settled conflict) it is thrown away and made
    again, at most ``tries`` times; then it is made inside the write transaction, as one whole.
    With ``tries=0`` (a preview, which writes nothing in the end) it is made in the session's
    transaction as it comes, which takes the lock only when something writes. It returns with
    every change made here so far given its dot.
    """
    from servicecommunity.store.workspace import begin_write, one_snapshot

    for _ in range(tries if sync.has_clocks(session) else 0):
        session.commit()  # nothing of the caller's is left half done: the reads' transaction ends
        sync.refresh_alone(session)
        with one_snapshot(session):
            then = sync.moment(session)
            plan = _plan(session, data)
        begin_write(session)
        if not sync.changed_since(session, then, _writes(plan), anything=_deletes(plan)):
            sync.refresh(session)  # changes made elsewhere meanwhile, to records the plan did not read
            return plan
        session.rollback()
    if tries:
        begin_write(session)  # overtaken every time: plan holding the lock, so nothing changes meanwhile
    # (a preview reads, and takes the lock only if the refresh or its trial writes need it)
    sync.refresh(session)
    return _plan(session, data)


def _writes(plan: _Plan) -> set[str]:
    """The records a plan writes, and those they point at: a change here to any other record
    the bundle holds (one the plan leaves as it is) does not change what the merge does."""
    ids = set(plan.outcomes)
    for out in plan.outcomes.values():
        for rec in (out.values, out.local):
            if rec is None:
                continue
            ids.update(rec[column] for column in REFS[out.section] if rec.get(column))
            for link in LINKS.get(out.section, ()):
                ids.update(rec.get(link.field) or ())
    return ids


def _deletes(plan: _Plan) -> bool:
    """Whether the plan deletes records (or weighs a deletion), which depends on what they hold here."""
    return any(_dead(out.clock) or out.alive_conflict for out in plan.outcomes.values())


def merge_bundle(
    session: Session,
    data: Mapping[str, Any],
    *,
    choices: Mapping[str, Choice] | None = None,
    actor_id: str | None = None,
    _commit: bool = True,
) -> MergeReport:
    """Merge a validated bundle into the workspace in one transaction; conflicts stay pending.

    ``choices`` (``{conflict key or record id: "local" | "remote"}``, from the app's review) settles
    conflicts of this merge at once, in the same transaction. On any error nothing is written and a
    :class:`BundleError` says why.
    """
    try:
        plan = _prepare(session, data, tries=PLAN_TRIES if _commit else 0)
        if not plan.outcomes and not plan.new_tombstones:
            if _commit:
                session.commit()  # the refresh's dots
            touched = [i for s in SECTIONS for i in (r["id"] for r in data[s])]
            return MergeReport(unchanged=plan.unchanged, applied=True, conflicts=pending_conflicts(session, touched))
        report = _write(session, data, plan, actor_id)
        touched = list(plan.outcomes)
        report.conflicts = pending_conflicts(session, touched)
        for conflict in list(report.conflicts):
            choice = (choices or {}).get(conflict.key) or (choices or {}).get(conflict.id)
            if choice is None:
                continue
            if conflict.field == ALIVE:
                _settle_alive(session, conflict, delete_it=choice == "remote" and not conflict.other.ours, actor_id=actor_id)
            else:
                side = conflict.shown if conflict.shown.ours == (choice == "local") else conflict.other
                _settle_field(session, conflict, side.value)
            report.conflicts.remove(conflict)
        if _commit:
            session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise BundleError(gettext("The bundle does not fit this workspace: {orig}.").format(orig=exc.orig)) from exc
    except OperationalError as exc:
        session.rollback()
        raise BundleError(gettext("The workspace could not take the bundle: {orig}.").format(orig=exc.orig)) from exc
    except BaseException:
        session.rollback()
        raise
    return report


def resolve(
    session: Session, data: Mapping[str, Any], choices: Mapping[str, Choice], *, actor_id: str | None = None
) -> MergeReport:
    """Merge with the conflicts settled as ``choices`` says (the app's conflict dialog)."""
    return merge_bundle(session, data, choices=choices, actor_id=actor_id)


def import_bundle(
    session: Session,
    data: Mapping[str, Any],
    *,
    choices: Mapping[str, Choice] | None = None,
    actor_id: str | None = None,
) -> MergeReport:
    """Insert a bundle whose records are all new here (fast path), else merge it."""
    if existing_ids(session, data):
        return merge_bundle(session, data, choices=choices, actor_id=actor_id)
    imported = import_new(session, data, actor_id=actor_id)
    return MergeReport(
        added={s: n for s, n in imported.added.items() if n},
        tombstones=imported.tombstones,
        applied=True,
    )

