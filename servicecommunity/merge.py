"""Merging a bundle from another member into the open workspace.

Records are matched by id. To tell "changed since we last shared" from "changed there", each
workspace keeps a *sync base*: for every record it changed (or deleted) since it last shared it,
the ``updated_at`` the record had when it was last shared. Database triggers (migration 0002) write
that row the first time a record's ``updated_at`` changes or the record is deleted, whatever code
path made the change (an edit, a renumbering, a deletion's knock-on effects, an undo); a merge and a
bundle export (:func:`servicecommunity.sync.mark_shared`) reset it. No row means the record is as it was last shared.
Imported records are inserted, which fires no trigger, so a fresh import or demo counts as shared.

For a record in the bundle (``R``) and in the workspace (``L``), with base ``B``:

* same content: unchanged;
* ``L`` unchanged since ``B`` (no row): take ``R`` if it is newer; if it is older, the other
  member has not seen our latest version yet and ``L`` stays;
* ``L`` changed: keep ``L`` if ``R`` is still ``B`` (or older), else it is a **conflict**.

Deletions travel as tombstones:

* a tombstone for a record we have not changed is applied with the service layer's deletion
  (cascade, knock-on nulls, renumbering); if we changed the record, or something it owns changed or
  is new here, it is a conflict;
* a record we deleted that the bundle still has stays deleted unless the other member changed it
  after our deletion: that is a conflict, not a silent resurrection (a deletion is deliberate);
* a new record whose owning parent (a step's stage...) we deleted is a conflict too; records
  inside it follow it. References to other records we deleted are set to null and link sets lose
  them, exactly as our deletion did to our own records.

A conflict is left as local unless the caller's ``choices`` say ``"remote"`` for its id: the
command line lists conflicts and leaves them; the app asks. Choosing remote may bring back
parents we deleted (a resurrected step brings back its stage). After a merge the base of every
record the bundle held is the bundle's version, so merging the same bundle again changes nothing,
and conflicts settled as local are not asked again.

The whole merge is one transaction: on any failure nothing is written.

One base per record, not per peer: sharing the same records with several members at once
conflates them; the cost is an occasional extra conflict, never a silent loss of a local change.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, Literal

from sqlalchemy import String, bindparam, delete, insert, select, type_coerce, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, SQLModel

from servicecommunity import codec, services
from servicecommunity.bulk import chunks
from servicecommunity.bundle import SECTIONS, existing_ids, import_new
from servicecommunity.errors import BundleError
from servicecommunity.models import ENTITIES, LINKS, OWNING_REFS, REFS, Activity, Tombstone, utcnow
from servicecommunity.sync import SyncBase

Choice = Literal["local", "remote"]
JSONDict = dict[str, Any]


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """A record both sides changed (or one changed and the other deleted) since they last shared."""

    section: str
    id: str
    title: str
    local: JSONDict | None  # None: deleted here
    remote: JSONDict | None  # None: deleted there
    fields_differing: tuple[str, ...]
    reason: str

    def to_json(self) -> JSONDict:
        return {
            "section": self.section,
            "id": self.id,
            "title": self.title,
            "reason": self.reason,
            "fields_differing": list(self.fields_differing),
            "local": self.local,
            "remote": self.remote,
        }


@dataclass
class MergeReport:
    """What a merge added, updated and deleted (by section), its conflicts, and what it left."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    tombstones: int = 0  # deletions recorded for records this workspace never had
    choices: dict[str, Choice] = field(default_factory=dict)
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
            detail = ", ".join(f"{n} {_noun(s, n)}" for s, n in counts.items() if n)
            return f"{total} {label}" + (f" ({detail})" if detail else "")

        parts = [part("added", self.added), part("updated", self.updated), part("deleted", self.deleted)]
        return "; ".join(parts) + f"; {self.unchanged} unchanged"

    def summary(self) -> str:
        """One paragraph a person reads: what changed, by kind of record, and the conflicts."""
        verb = "Merged" if self.applied else "The merge would make"
        text = f"{verb}: {self.changes_text()}."
        if self.conflicts:
            remote = sum(1 for c in self.conflicts if self.choices.get(c.id) == "remote")
            local = len(self.conflicts) - remote
            settled = []
            if local:
                settled.append(f"{local} left as they are here")
            if remote:
                settled.append(f"{remote} taken from the bundle")
            text += f" {len(self.conflicts)} conflict{'s' if len(self.conflicts) != 1 else ''}: " + ", ".join(settled) + "."
            for c in self.conflicts:
                text += f"\n  - {services.NOUN[c.section]} {c.title!r}: {c.reason}"
                if c.fields_differing:
                    text += f" ({', '.join(c.fields_differing)})"
        return text

    def to_json(self) -> JSONDict:
        return {
            "applied": self.applied,
            **self.counts(),
            "added_by_section": dict(self.added),
            "updated_by_section": dict(self.updated),
            "deleted_by_section": dict(self.deleted),
            "conflict_list": [
                {**c.to_json(), "choice": self.choices.get(c.id, "local")} for c in self.conflicts
            ],
        }


def _noun(section: str, n: int) -> str:
    noun = services.NOUN[section]
    if n == 1:
        return noun
    return {"community": "communities", "dependency": "dependencies", "sub-group": "sub-groups"}.get(noun, noun + "s")


# --- reading both sides -------------------------------------------------------------------------


_CANONICAL_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


@cache
def _time_columns(section: str) -> tuple[str, ...]:
    return tuple(name for name, kind in codec.columns(section) if kind == "datetime")


def _canonical(section: str, rec: JSONDict) -> JSONDict:
    """A bundle record in the exact form an export gives (times normalised, link sets sorted)."""
    match = _CANONICAL_TIME.fullmatch
    if all(rec[c] is None or match(rec[c]) for c in _time_columns(section)) and all(
        rec[link.field] == sorted(rec[link.field]) for link in LINKS.get(section, ())
    ):
        return rec  # already canonical, as every export is: skip the round trip through Python values
    row = codec.json_to_row(section, rec)
    links = {link.field: list(rec.get(link.field, [])) for link in LINKS.get(section, ())}
    return codec.row_to_json(section, _AsRow(row), links)


class _AsRow:
    """A dict seen as a Core row (``codec.row_to_json`` reads ``_mapping``)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._mapping = values


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


def _load_stamps(session: Session, section: str, ids: list[str]) -> dict[str, str]:
    """``{id: updated_at}`` as stored (SQLite's text), for the records of ``ids`` we have."""
    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    conn = session.connection()
    query = select(table.c.id, type_coerce(table.c.updated_at, String))
    out: dict[str, str] = {}
    for chunk in chunks(ids):
        out.update((row[0], row[1]) for row in conn.execute(query.where(table.c.id.in_(chunk))))
    return out


def _as_stored(stamp: str) -> str:
    """A canonical bundle time as SQLite stores it (``2025-01-02 03:04:05.000006``)."""
    return f"{stamp[:10]} {stamp[11:26]}"


def _load_by_id(session: Session, model: type[SQLModel], ids: list[str]) -> dict[str, Any]:
    table = model.__table__  # type: ignore[attr-defined]
    conn = session.connection()
    out: dict[str, Any] = {}
    for chunk in chunks(ids):
        for r in conn.execute(select(table).where(table.c.id.in_(chunk))):
            out[r.id] = r
    return out


def _stamp(value: datetime | None) -> str | None:
    return None if value is None else codec.format_datetime(value)


def _title(section: str, rec: Mapping[str, Any] | None) -> str:
    if rec is None:
        return ""
    for key in ("title", "name"):
        if rec.get(key):
            return str(rec[key])
    if section == "blocker_updates":
        return str(rec.get("comment") or rec.get("new_status") or rec["id"])
    return str(rec["id"])


def _differing(local: Mapping[str, Any] | None, remote: Mapping[str, Any] | None) -> tuple[str, ...]:
    if local is None or remote is None:
        return ()
    skip = {"updated_at"}
    return tuple(sorted(k for k in remote if k not in skip and local.get(k) != remote.get(k)))


# --- the plan -----------------------------------------------------------------------------------


@dataclass
class _Plan:
    remote: dict[str, dict[str, JSONDict]]  # section -> id -> canonical record
    remote_tombstones: set[str]
    in_bundle: dict[str, set[str]] | None  # a one-journey bundle's steps, dependencies, workshops
    local: dict[str, dict[str, JSONDict]]
    local_tombstones: dict[str, Any]
    bases: dict[str, Any]
    inserts: dict[str, dict[str, JSONDict]] = field(default_factory=lambda: defaultdict(dict))
    resurrect: dict[str, dict[str, JSONDict]] = field(default_factory=lambda: defaultdict(dict))
    takes: dict[str, dict[str, JSONDict]] = field(default_factory=lambda: defaultdict(dict))
    deletes: list[tuple[str, str, str]] = field(default_factory=list)  # (section, id, remote deleted_at)
    new_tombstones: list[JSONDict] = field(default_factory=list)  # remote tombstones of unknown records
    skipped_new: dict[str, str] = field(default_factory=dict)  # new records left out -> section
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    base_rows: dict[str, JSONDict] = field(default_factory=dict)  # id -> the base to keep after merging


def _adapt_to_scope(section: str, remote: JSONDict, local: JSONDict, in_bundle: Mapping[str, set[str]] | None) -> JSONDict:
    """In a one-journey bundle a blocker keeps only its links into that journey: keep ours elsewhere.

    ``in_bundle``: the ids of the bundle's steps, dependencies and workshops (None: a whole community).
    """
    if in_bundle is None or section != "blockers":
        return remote
    adapted = dict(remote)
    for link_field, target in (("step_ids", "steps"), ("dependency_ids", "dependencies")):
        kept = [i for i in local[link_field] if i not in in_bundle[target]]
        if kept:
            adapted[link_field] = sorted(set(remote[link_field]) | set(kept))
    if remote["workshop_id"] is None and local["workshop_id"] is not None and local["workshop_id"] not in in_bundle["workshops"]:
        adapted["workshop_id"] = local["workshop_id"]
    return adapted


def _plan(session: Session, data: Mapping[str, Any], choices: Mapping[str, Choice]) -> _Plan:
    remote: dict[str, dict[str, JSONDict]] = {s: {} for s in SECTIONS}
    for section in SECTIONS:
        for rec in data[section]:
            remote[section][rec["id"]] = _canonical(section, rec)
    remote_tombstones = {t["id"]: t for t in data["tombstones"]}
    if len(remote_tombstones) != len(data["tombstones"]):
        raise BundleError("The bundle lists the same deletion twice; the file is damaged.")
    both = [i for s in SECTIONS for i in remote[s] if i in remote_tombstones]
    if both:
        raise BundleError(f"The bundle both holds and deletes the record {both[0]}; the file is damaged.")
    all_ids = [i for s in SECTIONS for i in remote[s]] + list(remote_tombstones)
    # A record whose stamp is the same on both sides is the same version: most of a bundle, usually.
    # Only the others are read in full and compared.
    same: dict[str, set[str]] = {}
    local: dict[str, dict[str, JSONDict]] = {}
    for section in SECTIONS:
        stamps = _load_stamps(session, section, list(remote[section]))
        same[section] = {
            i for i, stored in stamps.items() if stored == _as_stored(remote[section][i]["updated_at"])
        }
        local[section] = _load_local(session, section, [i for i in stamps if i not in same[section]])
    for section in SECTIONS:  # records the other member deleted, as we have them
        ids = [t["id"] for t in data["tombstones"] if t["entity"] == section]
        local[section].update(_load_local(session, section, ids))
    scoped = data["scope"]["journey_id"] is not None
    plan = _Plan(
        remote=remote,
        remote_tombstones=set(remote_tombstones),
        in_bundle={s: set(remote[s]) for s in ("steps", "dependencies", "workshops")} if scoped else None,
        local=local,
        local_tombstones=_load_by_id(session, Tombstone, all_ids),
        bases=_load_by_id(session, SyncBase, all_ids),
    )
    for section in SECTIONS:
        for rid, rec in remote[section].items():
            if rid in same[section]:
                plan.unchanged += 1
            else:
                _decide_record(plan, section, rid, rec, choices)
    _place_materialised(plan, choices)
    for tomb in data["tombstones"]:
        _decide_tombstone(session, plan, tomb, choices)
    return plan


def _decide_record(plan: _Plan, section: str, rid: str, rec: JSONDict, choices: Mapping[str, Choice]) -> None:
    mine = plan.local[section].get(rid)
    tomb = plan.local_tombstones.get(rid)
    base = plan.bases.get(rid)
    base_at = _stamp(base.updated_at) if base is not None else None
    r_at = rec["updated_at"]
    if mine is None and tomb is None:
        plan.inserts[section][rid] = rec
        return
    if mine is None:  # deleted here
        since = base_at or codec.format_datetime(plan.local_tombstones[rid].deleted_at)
        if r_at > since:
            conflict = Conflict(section, rid, _title(section, rec), None, rec, (), "deleted here, changed there")
            plan.conflicts.append(conflict)
            if choices.get(rid) == "remote":
                plan.resurrect[section][rid] = rec
                return
        else:
            plan.unchanged += 1
        plan.base_rows[rid] = _base_row(section, rid, r_at, base)
        return
    rec = _adapt_to_scope(section, rec, mine, plan.in_bundle)
    if rec == mine:
        plan.unchanged += 1
        return
    l_at = mine["updated_at"]
    changed_here = base_at is not None and base_at != l_at
    if not _differing(mine, rec):  # the same change made on both sides: converge on the later stamp
        outcome = "take" if r_at > l_at else "keep"
    elif not changed_here:
        outcome = "take" if r_at > l_at else ("keep" if r_at < l_at else "conflict")
    else:
        outcome = "keep" if r_at <= base_at else "conflict"
    if outcome == "conflict":
        plan.conflicts.append(
            Conflict(section, rid, _title(section, mine), mine, rec, _differing(mine, rec), "changed on both sides")
        )
        outcome = "take" if choices.get(rid) == "remote" else "left"
    if outcome == "take":
        plan.takes[section][rid] = rec
        return
    if outcome == "keep":
        plan.unchanged += 1
    plan.base_rows[rid] = _base_row(section, rid, r_at, base)


def _base_row(section: str, rid: str, updated_at: str, old: Any) -> JSONDict:
    return {
        "id": rid,
        "entity": section,
        "updated_at": codec.parse_datetime(updated_at),
        "kept_over": old.kept_over if old is not None else None,
    }


def _place_materialised(plan: _Plan, choices: Mapping[str, Choice]) -> None:
    """Records to write whose owning parent we deleted: bring the parent back or leave them out."""
    conflicted = {c.id for c in plan.conflicts}

    def absent(target_section: str, target: str) -> bool:
        if target in plan.skipped_new:
            return True
        if target in plan.resurrect[target_section]:
            return False
        return target in plan.local_tombstones

    def bring_back(target_section: str, target: str) -> bool:
        """Resurrect a record we deleted (and its own deleted parents) from the bundle's version."""
        rec = plan.remote[target_section].get(target)
        if rec is None or target in plan.skipped_new:
            return False
        for column, parent_section in REFS[target_section].items():
            parent = rec[column]
            owning = (target_section, column) in OWNING_REFS
            if owning and parent and absent(parent_section, parent) and not bring_back(parent_section, parent):
                return False
        plan.resurrect[target_section][target] = rec
        if plan.base_rows.pop(target, None) is not None and target not in conflicted:
            plan.unchanged -= 1  # it was counted as staying deleted
        return True

    for section in SECTIONS:
        for kind in ("resurrect", "inserts", "takes"):
            records: dict[str, JSONDict] = getattr(plan, kind)[section]
            for rid, rec in list(records.items()):
                blocked = [
                    (parent_section, rec[column])
                    for column, parent_section in REFS[section].items()
                    if (section, column) in OWNING_REFS and rec[column] and absent(parent_section, rec[column])
                ]
                if not blocked:
                    continue
                forced = kind == "resurrect" or choices.get(rid) == "remote"
                inside_skipped = any(p in plan.skipped_new for _, p in blocked)
                if not inside_skipped and not forced:
                    parent_section, parent = blocked[0]
                    parent_title = _title(parent_section, plan.remote[parent_section].get(parent))
                    reason = (
                        f"new there, inside the {services.NOUN[parent_section]} {parent_title!r} deleted here"
                        if kind == "inserts"
                        else f"moved there into the {services.NOUN[parent_section]} {parent_title!r} deleted here"
                    )
                    mine = plan.local[section].get(rid)
                    plan.conflicts.append(
                        Conflict(section, rid, _title(section, rec), mine, rec, _differing(mine, rec), reason)
                    )
                if forced and not inside_skipped and all(bring_back(s, p) for s, p in blocked):
                    continue
                del records[rid]
                plan.base_rows[rid] = _base_row(section, rid, rec["updated_at"], plan.bases.get(rid))
                if kind == "inserts":
                    plan.skipped_new[rid] = section  # it gets a tombstone, so it stays out


def _decide_tombstone(session: Session, plan: _Plan, tomb: JSONDict, choices: Mapping[str, Choice]) -> None:
    rid, section = tomb["id"], tomb["entity"]
    mine = plan.local[section].get(rid)
    if mine is None:
        if rid in plan.local_tombstones:
            plan.unchanged += 1
        else:
            plan.new_tombstones.append(tomb)
        return
    base = plan.bases.get(rid)
    deleted_at = codec.format_datetime(codec.parse_datetime(tomb["deleted_at"]))
    if base is not None and _stamp(base.kept_over) == deleted_at:
        plan.unchanged += 1  # we were asked before and kept ours
        plan.base_rows[rid] = {c: getattr(base, c) for c in ("id", "entity", "updated_at", "kept_over")}
        return
    changed_here = base is not None and _stamp(base.updated_at) != mine["updated_at"]
    reason = "changed here, deleted there" if changed_here else _inside_changed(session, plan, section, rid)
    if reason:
        plan.conflicts.append(Conflict(section, rid, _title(section, mine), mine, None, (), reason))
        if choices.get(rid) != "remote":
            plan.base_rows[rid] = {
                "id": rid,
                "entity": section,
                "updated_at": base.updated_at if base is not None else codec.parse_datetime(mine["updated_at"]),
                "kept_over": codec.parse_datetime(deleted_at),
            }
            return
    plan.deletes.append((section, rid, tomb["deleted_at"]))


def _inside_changed(session: Session, plan: _Plan, section: str, rid: str) -> str:
    """Why deleting ``rid`` here would lose work (records inside it changed or new here), or ""."""
    doomed = services._collect_deletion(session, section, rid)
    at_risk = 0
    for doomed_section, ids in doomed.items():
        for i in ids:
            if i == rid or i in plan.takes[doomed_section]:
                continue  # the bundle moves it elsewhere first
            if i in plan.remote[doomed_section] and i not in plan.takes[doomed_section]:
                at_risk += 1  # the bundle keeps it but we keep our version inside the deleted record
                continue
            base = plan.bases.get(i)
            if i not in plan.remote_tombstones or base is not None:
                at_risk += 1  # new here, or changed here
    if not at_risk:
        return ""
    return f"deleted there, but {at_risk} record{'s' if at_risk != 1 else ''} inside it changed or are new here"


# --- writing ------------------------------------------------------------------------------------


def _write(session: Session, data: Mapping[str, Any], plan: _Plan, actor_id: str | None) -> MergeReport:
    report = MergeReport(conflicts=plan.conflicts, unchanged=plan.unchanged, applied=True)
    gone = {i for i in plan.local_tombstones if not any(i in plan.resurrect[s] for s in SECTIONS)}
    gone |= set(plan.skipped_new)
    adjusted: set[str] = set()
    conn = session.connection()
    now = utcnow()

    # 1. records coming back, then new records, parents first
    back = [i for s in SECTIONS for i in plan.resurrect[s]]
    for chunk in chunks(back):
        conn.execute(delete(Tombstone.__table__).where(Tombstone.__table__.c.id.in_(chunk)))  # type: ignore[attr-defined]
    rows: dict[str, list[JSONDict]] = {}
    for section in SECTIONS:
        batch = [*plan.resurrect[section].values(), *plan.inserts[section].values()]
        rows[section] = [_without_gone(section, rec, gone, adjusted, now) for rec in batch]
        count = len(batch)
        if count:
            report.added[section] = count
    services.insert_records(session, rows)

    # 2. records the other member changed
    for section in SECTIONS:
        takes = [_without_gone(section, rec, gone, adjusted, now) for rec in plan.takes[section].values()]
        if not takes:
            continue
        report.updated[section] = len(takes)
        table = ENTITIES[section].__table__  # type: ignore[attr-defined]
        values = [codec.json_to_row(section, rec) for rec in takes]
        columns = [c for c in values[0] if c != "id"]
        stmt = update(table).where(table.c.id == bindparam("_pk")).values({c: bindparam(c) for c in columns})
        conn.execute(stmt, [{"_pk": v["id"], **{c: v[c] for c in columns}} for v in values])
        for link in LINKS.get(section, ()):
            link_table = link.table.__table__  # type: ignore[attr-defined]
            changed = [rec for rec in takes if plan.local[section][rec["id"]][link.field] != rec[link.field]]
            for chunk in chunks([rec["id"] for rec in changed]):
                conn.execute(delete(link_table).where(link_table.c[link.parent_column].in_(chunk)))
            pairs = [{link.parent_column: rec["id"], link.child_column: c} for rec in changed for c in rec[link.field]]
            if pairs:
                conn.execute(insert(link_table), pairs)
    session.expire_all()

    # 3. records the other member deleted, with the service layer's cascade
    tracker = services._Tracker(session, actor_id)
    deleted: Counter[str] = Counter()
    remote_deleted_at: dict[str, datetime] = {}
    for section, rid, deleted_at in plan.deletes:
        remote_deleted_at[rid] = codec.parse_datetime(deleted_at)
        if session.get(ENTITIES[section], rid) is None:
            continue  # went with its parent
        snapshot = services._delete(session, section, rid, tracker)
        for s, recs in snapshot.deleted.items():
            deleted[s] += len(recs)
    report.deleted = {s: deleted[s] for s in SECTIONS if deleted[s]}
    session.flush()

    # 4. tombstones: the other member's deletion times; deletions of records we never had; new
    # records we leave out (so they stay out next time)
    tomb_table = Tombstone.__table__  # type: ignore[attr-defined]
    if remote_deleted_at:
        conn.execute(
            update(tomb_table).where(tomb_table.c.id == bindparam("_pk")).values(deleted_at=bindparam("deleted_at")),
            [{"_pk": i, "deleted_at": at} for i, at in remote_deleted_at.items()],
        )
    new_tombs = [
        {"id": t["id"], "entity": t["entity"], "deleted_at": codec.parse_datetime(t["deleted_at"])}
        for t in plan.new_tombstones
    ] + [{"id": i, "entity": s, "deleted_at": now} for i, s in plan.skipped_new.items()]
    if new_tombs:
        conn.execute(insert(tomb_table), new_tombs)
    report.tombstones = len(plan.new_tombstones)

    # 5. the sync base: the bundle's version is now the shared one
    base_table = SyncBase.__table__  # type: ignore[attr-defined]
    touched = [i for s in SECTIONS for i in plan.remote[s]] + [t["id"] for t in data["tombstones"]]
    for chunk in chunks(touched):
        conn.execute(delete(base_table).where(base_table.c.id.in_(chunk)))
    base_rows = dict(plan.base_rows)
    for section in SECTIONS:
        for kind in (plan.takes, plan.inserts, plan.resurrect):
            for rid, rec in kind[section].items():
                if rid in adjusted:  # written with references to what we deleted removed: differs
                    base_rows[rid] = _base_row(section, rid, rec["updated_at"], None)
    if base_rows:
        conn.execute(insert(base_table), list(base_rows.values()))

    session.add(
        Activity(
            actor_id=actor_id,
            action="merge",
            entity="communities",
            entity_id=data["scope"]["community_id"],
            summary=json.dumps(report.counts()),
        )
    )
    return report


def _nothing_to_write(plan: _Plan) -> bool:
    """True when the merge would change no record, tombstone or sync base."""
    if plan.deletes or plan.new_tombstones or plan.skipped_new or plan.conflicts:
        return False
    if any(kind[s] for kind in (plan.inserts, plan.resurrect, plan.takes) for s in SECTIONS):
        return False
    if set(plan.bases) != set(plan.base_rows):
        return False
    return all(
        _stamp(old.updated_at) == _stamp(plan.base_rows[i]["updated_at"])
        and _stamp(old.kept_over) == _stamp(plan.base_rows[i]["kept_over"])
        for i, old in plan.bases.items()
    )


def _without_gone(section: str, rec: JSONDict, gone: set[str], adjusted: set[str], now: datetime) -> JSONDict:
    """``rec`` with references to records deleted here set to null and removed from its link sets."""
    out = rec
    for column in REFS[section]:
        if rec[column] in gone and (section, column) not in OWNING_REFS:
            out = dict(out) if out is rec else out
            out[column] = None
    for link in LINKS.get(section, ()):
        if any(i in gone for i in rec[link.field]):
            out = dict(out) if out is rec else out
            out[link.field] = [i for i in rec[link.field] if i not in gone]
    if out is not rec:
        out["updated_at"] = codec.format_datetime(now)
        adjusted.add(rec["id"])
    return out


# --- the public operations ----------------------------------------------------------------------


def preview_merge(session: Session, data: Mapping[str, Any]) -> MergeReport:
    """What merging a validated bundle would do, and its conflicts; nothing is written."""
    try:
        plan = _plan(session, data, {})
        report = MergeReport(conflicts=plan.conflicts, unchanged=plan.unchanged, tombstones=len(plan.new_tombstones))
        for section in SECTIONS:
            added = len(plan.inserts[section]) + len(plan.resurrect[section])
            if added:
                report.added[section] = added
            if plan.takes[section]:
                report.updated[section] = len(plan.takes[section])
        doomed: dict[str, set[str]] = defaultdict(set)
        for section, rid, _ in plan.deletes:
            if rid not in doomed[section]:
                for s, ids in services._collect_deletion(session, section, rid).items():
                    doomed[s] |= ids
        report.deleted = {s: len(doomed[s]) for s in SECTIONS if doomed[s]}
        return report
    finally:
        session.rollback()


def merge_bundle(
    session: Session,
    data: Mapping[str, Any],
    *,
    choices: Mapping[str, Choice] | None = None,
    actor_id: str | None = None,
) -> MergeReport:
    """Merge a validated bundle into the workspace in one transaction.

    ``choices`` settles conflicts by record id (``"local"`` or ``"remote"``); a conflict it does not
    name is left as local. On any error nothing is written and a :class:`BundleError` says why.
    """
    choices = dict(choices or {})
    try:
        plan = _plan(session, data, choices)
        if _nothing_to_write(plan):  # not even an activity entry: the same bundle twice changes nothing
            session.rollback()
            return MergeReport(conflicts=plan.conflicts, unchanged=plan.unchanged, applied=True,
                               choices={c.id: choices.get(c.id, "local") for c in plan.conflicts})
        report = _write(session, data, plan, actor_id)
        report.choices = {c.id: choices.get(c.id, "local") for c in report.conflicts}
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise BundleError(f"The bundle does not fit this workspace: {exc.orig}.") from exc
    except OperationalError as exc:
        session.rollback()
        raise BundleError(f"The workspace could not take the bundle: {exc.orig}.") from exc
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
