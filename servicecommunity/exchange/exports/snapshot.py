"""What an export holds: a community (or one journey of it) read once, sensitive blockers already out.

:func:`read_snapshot` reads everything every format needs in a handful of bulk Core queries into
plain dataclasses, so the exporters never touch the session and a worker thread can hold the result.
The scope and the sensitive rule are the JSON bundle's (:func:`servicecommunity.exchange.bundle.export_bundle`):
a one-journey export holds the blockers that touch that journey's steps or hand-offs, their links
trimmed to the journey; OFFICIAL-SENSITIVE blockers (and their history) are left out unless asked for,
and the snapshot counts what it left out. Nothing downstream can leak a blocker that is not here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlmodel import Session

from servicecommunity.domain import enums
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.domain.models import (
    Blocker,
    BlockerDependency,
    BlockerOrganisation,
    BlockerStep,
    DataItem,
    Dependency,
    Group,
    GroupMember,
    Journey,
    Member,
    Note,
    Organisation,
    Stage,
    Step,
    StepDataItem,
    StepSupporter,
)
from servicecommunity.exchange.bundle import _only_community
from servicecommunity.i18n import gettext, ngettext

SENSITIVE = enums.Classification.OFFICIAL_SENSITIVE.value


@dataclass(slots=True)
class XJourney:
    id: str
    name: str
    persona: str
    user_need: str
    status: str
    description: str


@dataclass(slots=True)
class XStage:
    id: str
    journey_id: str
    name: str
    position: int
    description: str


@dataclass(slots=True)
class XOrganisation:
    id: str
    name: str
    short_name: str
    kind: str
    colour: str

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(slots=True)
class XStep:
    id: str
    journey_id: str
    stage_id: str
    position: int
    title: str
    description: str
    owner_id: str | None
    channels: list[str]
    touchpoint: str
    touchpoint_url: str
    duration_hours: float | None
    emotion: int | None
    pain_points: str
    monthly_volume: int | None
    cost_per_transaction: float | None
    user_satisfaction: float | None
    completion_rate: float | None
    digital_take_up: float | None
    supporter_ids: list[str] = field(default_factory=list)
    data_item_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class XDependency:
    id: str
    journey_id: str
    from_step_id: str
    to_step_id: str
    kind: str
    handoff_mode: str | None
    agreed: bool
    note: str


@dataclass(slots=True)
class XBlocker:
    id: str
    title: str
    description: str
    category: str
    severity: str
    status: str
    classification: str
    raised_by_id: str | None
    owner_id: str | None
    raised_on: date | None
    due_on: date | None
    resolved_on: date | None
    standard_points: list[int]
    step_ids: list[str] = field(default_factory=list)
    dependency_ids: list[str] = field(default_factory=list)
    blocking_organisation_ids: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status in enums.OPEN_STATUSES

    @property
    def sensitive(self) -> bool:
        return self.classification == SENSITIVE


@dataclass(slots=True)
class XMember:
    id: str
    name: str
    role: str
    organisation_id: str | None
    group_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class XNote:
    """A note on a step or a hand-off (a dependency): who wrote it ("" when not known), when, its words."""

    id: str
    step_id: str | None
    dependency_id: str | None
    author: str
    body: str
    created_at: datetime


@dataclass(slots=True)
class Finding:
    """One thing the analysis found, as the exports show it."""

    kind: str
    severity: str
    message: str
    ids: tuple[str, ...] = ()
    kind_title: str = ""  # the kind in words, as the analysis names it: "Dependencies the journey hangs on"
    step_ids: tuple[str, ...] = ()
    dependency_ids: tuple[str, ...] = ()
    blocker_ids: tuple[str, ...] = ()
    organisation_ids: tuple[str, ...] = ()
    priority: int = 0  # the kind's place in the analysis's order of what to act on (0 first)


@dataclass
class Snapshot:
    """A community or one journey, as an export shows it."""

    community_id: str
    community_name: str
    journey_id: str | None  # the scope: one journey, or None for the whole community
    journeys: list[XJourney]
    stages: list[XStage]  # by journey, then position
    steps: list[XStep]  # in journey order: journey, stage, position
    dependencies: list[XDependency]
    blockers: list[XBlocker]  # worst first
    organisations: dict[str, XOrganisation]  # by name
    members: list[XMember]
    groups: dict[str, str]  # id -> name
    data_items: dict[str, str]  # id -> name
    include_sensitive: bool
    omitted_sensitive: int  # OFFICIAL-SENSITIVE blockers left out
    omitted_ids: frozenset[str] = frozenset()  # their ids, to keep findings about them out
    omitted_titles: tuple[str, ...] = ()
    findings: list[Finding] | None = None  # None: the analysis was not run
    omitted_findings: int = 0
    today: date = field(default_factory=date.today)
    notes: list[XNote] = field(default_factory=list)  # in journey order of what they are on, then oldest first

    # lookups, filled by __post_init__
    step_by_id: dict[str, XStep] = field(init=False, repr=False)
    stage_by_id: dict[str, XStage] = field(init=False, repr=False)
    journey_by_id: dict[str, XJourney] = field(init=False, repr=False)
    dependency_by_id: dict[str, XDependency] = field(init=False, repr=False)
    holds_sensitive: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.holds_sensitive = any(b.classification == SENSITIVE for b in self.blockers)
        self._on_step: dict[bool, dict[str, list[XBlocker]]] = {}
        self._labels = {o.id: o.label for o in self.organisations.values()}
        self.step_by_id = {s.id: s for s in self.steps}
        self.stage_by_id = {s.id: s for s in self.stages}
        self.journey_by_id = {j.id: j for j in self.journeys}
        self.dependency_by_id = {d.id: d for d in self.dependencies}

    @property
    def classification(self) -> str:
        """OFFICIAL-SENSITIVE when it holds a sensitive blocker, else OFFICIAL (the bundle's rule)."""
        return SENSITIVE if self.holds_sensitive else enums.Classification.OFFICIAL.value

    @property
    def title(self) -> str:
        if self.journey_id is not None:
            return self.journey_by_id[self.journey_id].name
        return self.community_name

    def org_label(self, org_id: str | None) -> str:
        """An organisation's short name (or name); "" for none."""
        return self._labels.get(org_id, "") if org_id else ""

    def org_name(self, org_id: str | None) -> str:
        if not org_id:
            return ""
        org = self.organisations.get(org_id)
        return org.name if org else ""

    def left_out(self) -> list[str]:
        """What this export leaves out, in sentences (empty when nothing was)."""
        out = []
        if self.omitted_sensitive:
            n = self.omitted_sensitive
            out.append(sensitive_left_out(n))
        if self.omitted_findings:
            n = self.omitted_findings
            out.append(ngettext("{n} finding about left-out blockers was left out.",
                                "{n} findings about left-out blockers were left out.", n).format(n=n))
        return out

    def journey_steps(self, journey_id: str) -> list[XStep]:
        return [s for s in self.steps if s.journey_id == journey_id]


@lru_cache(maxsize=4096)
def _parsed_date(text: str) -> date:
    return date.fromisoformat(text[:10])


def _text_date(value: str | None) -> date | None:
    """A Date column read as its stored text (``YYYY-MM-DD``); PostgreSQL's driver gives a date."""
    if value is None or isinstance(value, date):
        return value
    return _parsed_date(value)


@lru_cache(maxsize=4096)
def _sorted_ints_of(text: str) -> tuple[Any, ...]:
    return tuple(sorted(json.loads(text)))


def _sorted_ints(text: str | None) -> list[Any]:
    """A JSON list of numbers read as text, sorted; the same few lists recur thousands of times."""
    if isinstance(text, list):  # PostgreSQL's driver decodes JSON itself
        return sorted(text)
    return list(_sorted_ints_of(text)) if text else []


def _rows(conn: Any, query: Any) -> list[Any]:
    """All the rows of a query, fetched at once (iterating a result fetches them one by one)."""
    return conn.execute(query).all()


@lru_cache(maxsize=4096)
def _decoded(text: str) -> tuple[Any, ...]:
    return tuple(json.loads(text))


def _json_list(text: str | None) -> list[Any]:
    """A JSON list column read as text: the same few lists recur thousands of times, so decode each once."""
    if isinstance(text, list):  # PostgreSQL's driver decodes JSON itself
        return list(text)
    return list(_decoded(text)) if text else []


def _cols(model: Any) -> Any:
    """A table's columns, typed loosely: Core selects of plain columns, read as tuples."""
    return model.__table__.c


_SEVERITY_RANK = {s.value: s.rank for s in enums.Severity}


def read_snapshot(
    session: Session,
    *,
    journey_id: str | None = None,
    include_sensitive: bool = False,
    community_id: str | None = None,
    today: date | None = None,
) -> Snapshot:
    """Read a community (the only one, if not named) or one of its journeys for an export."""
    if journey_id is not None and community_id is None:
        journey = session.get(Journey, journey_id)
        if journey is None:
            raise NotFoundError(gettext("Unknown journey {journey_id}.").format(journey_id=repr(journey_id)))
        community_id = journey.community_id
    community = _only_community(session, community_id)
    cid = community.id
    conn = session.connection()
    J, S, St, D, B, Org, M = (_cols(m) for m in (Journey, Stage, Step, Dependency, Blocker, Organisation, Member))

    journeys = [
        XJourney(*r)
        for r in _rows(conn,
            select(J.id, J.name, J.persona, J.user_need, J.status, J.description)
            .where(J.community_id == cid)
            .order_by(J.name, J.id)
        )
    ]
    if journey_id is not None:
        journeys = [j for j in journeys if j.id == journey_id]
        if not journeys:
            raise NotFoundError(gettext("Unknown journey {journey_id} in {name}.").format(journey_id=repr(journey_id), name=community.name))
    journey_rank = {j.id: i for i, j in enumerate(journeys)}
    jids = list(journey_rank)

    stages = [
        XStage(*r)
        for r in _rows(conn,
            select(S.id, S.journey_id, S.name, S.position, S.description)
            .where(S.journey_id.in_(jids))
            .order_by(S.position, S.created_at, S.id)
        )
    ]
    stages.sort(key=lambda s: journey_rank[s.journey_id])  # stable: keeps position order inside a journey
    stage_rank = {s.id: i for i, s in enumerate(stages)}

    steps = [
        XStep(*r)
        for r in _rows(conn,
            select(
                St.id, St.journey_id, St.stage_id, St.position, St.title, St.description, St.owner_id,
                type_coerce(St.channels, String), St.touchpoint, St.touchpoint_url, St.duration_hours, St.emotion,
                St.pain_points, St.monthly_volume, St.cost_per_transaction, St.user_satisfaction,
                St.completion_rate, St.digital_take_up,
            ).where(St.journey_id.in_(jids))
        )
    ]
    for s in steps:
        s.channels = _json_list(s.channels)  # type: ignore[arg-type]
    steps.sort(key=lambda s: (journey_rank[s.journey_id], stage_rank.get(s.stage_id, 1 << 30), s.position, s.title, s.id))
    step_by_id = {s.id: s for s in steps}
    for step_id, org_id in _rows(conn, select(_cols(StepSupporter).step_id, _cols(StepSupporter).organisation_id)):
        step = step_by_id.get(step_id)
        if step is not None:
            step.supporter_ids.append(org_id)
    for step_id, item_id in _rows(conn, select(_cols(StepDataItem).step_id, _cols(StepDataItem).data_item_id)):
        step = step_by_id.get(step_id)
        if step is not None:
            step.data_item_ids.append(item_id)

    step_place = {s.id: i for i, s in enumerate(steps)}
    dependencies = [
        XDependency(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7] or "")
        for r in _rows(conn,
            select(D.id, D.journey_id, D.from_step_id, D.to_step_id, D.kind, D.handoff_mode, D.agreed, D.note)
            .where(D.journey_id.in_(jids))
        )
    ]
    dependencies.sort(key=lambda d: (step_place.get(d.from_step_id, 0), step_place.get(d.to_step_id, 0), d.id))
    dep_ids = {d.id for d in dependencies}

    blockers: dict[str, XBlocker] = {}
    for r in _rows(conn,
        select(
            B.id, B.title, B.description, B.category, B.severity, B.status, B.classification,
            B.raised_by_id, B.owner_id, *(type_coerce(c, String) for c in (B.raised_on, B.due_on, B.resolved_on)),
            type_coerce(B.standard_points, String),
        ).where(B.community_id == cid)
    ):
        b = XBlocker(*r)
        # dates read as text and parsed once each: a few hundred distinct days recur across thousands of blockers
        b.raised_on, b.due_on, b.resolved_on = _text_date(r[9]), _text_date(r[10]), _text_date(r[11])
        b.standard_points = _sorted_ints(r[12])
        blockers[b.id] = b
    # Each link set in its order (steps in journey order, the rest by id) with no per-blocker sort:
    # group the links by what they point at, then walk those in order.
    on_step: dict[str, list[XBlocker]] = defaultdict(list)
    for blocker_id, step_id in _rows(conn, select(_cols(BlockerStep).blocker_id, _cols(BlockerStep).step_id)):
        if blocker_id in blockers and step_id in step_by_id:
            on_step[step_id].append(blockers[blocker_id])
    for s in steps:
        for b in on_step.get(s.id, ()):
            b.step_ids.append(s.id)
    on_dep: dict[str, list[XBlocker]] = defaultdict(list)
    for blocker_id, dep_id in _rows(conn, select(_cols(BlockerDependency).blocker_id, _cols(BlockerDependency).dependency_id)):
        if blocker_id in blockers and dep_id in dep_ids:
            on_dep[dep_id].append(blockers[blocker_id])
    for dep_id in sorted(on_dep):
        for b in on_dep[dep_id]:
            b.dependency_ids.append(dep_id)
    for blocker_id, org_id in _rows(conn, select(_cols(BlockerOrganisation).blocker_id, _cols(BlockerOrganisation).organisation_id)):
        if blocker_id in blockers:
            blockers[blocker_id].blocking_organisation_ids.append(org_id)
    kept = list(blockers.values())
    if journey_id is not None:
        kept = [b for b in kept if b.step_ids or b.dependency_ids]
    omitted_ids = frozenset(b.id for b in kept if b.sensitive) if not include_sensitive else frozenset()
    omitted_titles = tuple(b.title for b in kept if b.id in omitted_ids)
    kept = [b for b in kept if b.id not in omitted_ids]
    for b in kept:  # most have at most one: sort only the rest
        if len(b.blocking_organisation_ids) > 1:
            b.blocking_organisation_ids.sort()
    kept.sort(key=lambda b: (-_SEVERITY_RANK.get(b.severity, 0), b.due_on or date.max, b.title.casefold(), b.id))

    organisations = {
        r[0]: XOrganisation(*r)
        for r in sorted(
            _rows(conn, select(Org.id, Org.name, Org.short_name, Org.kind, Org.colour).where(Org.community_id == cid)),
            key=lambda r: (r[1].casefold(), r[0]),
        )
    }
    members = [
        XMember(*r)
        for r in _rows(conn,
            select(M.id, M.name, M.role, M.organisation_id).where(M.community_id == cid).order_by(M.name, M.id)
        )
    ]
    groups = {
        r[0]: r[1]
        for r in _rows(conn, select(_cols(Group).id, _cols(Group).name).where(_cols(Group).community_id == cid).order_by(_cols(Group).name))
    }
    member_by_id = {m.id: m for m in members}
    for group_id, member_id in _rows(conn, select(_cols(GroupMember).group_id, _cols(GroupMember).member_id)):
        if member_id in member_by_id and group_id in groups:
            member_by_id[member_id].group_ids.append(group_id)
    data_items = {
        r[0]: r[1]
        for r in _rows(conn,
            select(_cols(DataItem).id, _cols(DataItem).name).where(_cols(DataItem).community_id == cid).order_by(_cols(DataItem).name)
        )
    }
    notes = _read_notes(conn, jids, step_place, {d.id: i for i, d in enumerate(dependencies)},
                        {m.id: m.name for m in members})
    return Snapshot(
        community_id=cid,
        notes=notes,
        community_name=community.name,
        journey_id=journey_id,
        journeys=journeys,
        stages=stages,
        steps=steps,
        dependencies=dependencies,
        blockers=kept,
        organisations=organisations,
        members=members,
        groups=groups,
        data_items=data_items,
        include_sensitive=include_sensitive,
        omitted_sensitive=len(omitted_ids),
        omitted_ids=omitted_ids,
        omitted_titles=omitted_titles,
        today=today or date.today(),
    )


def _read_notes(conn: Any, jids: list[str], step_place: dict[str, int], dep_place: dict[str, int],
                names: dict[str, str]) -> list[XNote]:
    """The journeys' notes: those on steps in step order, then those on hand-offs; each thread oldest first.
    Notes are never OFFICIAL-SENSITIVE: they all go."""
    N = _cols(Note)
    rows = _rows(conn, select(N.id, N.step_id, N.dependency_id, N.author_id, N.body, N.created_at)
                 .where(N.journey_id.in_(jids)))
    notes = [XNote(r[0], r[1], r[2], names.get(r[3], "") if r[3] else "", r[4], r[5]) for r in rows]
    far = 1 << 30
    notes.sort(key=lambda n: (n.step_id is None, step_place.get(n.step_id, far) if n.step_id else dep_place.get(n.dependency_id or "", far),
                              n.created_at, n.id))
    return notes


def notes_on(snap: Snapshot) -> tuple[dict[str, list[XNote]], dict[str, list[XNote]]]:
    """The notes by step and by dependency, each thread oldest first."""
    steps: dict[str, list[XNote]] = defaultdict(list)
    deps: dict[str, list[XNote]] = defaultdict(list)
    for n in snap.notes:
        if n.step_id is not None:
            steps[n.step_id].append(n)
        elif n.dependency_id is not None:
            deps[n.dependency_id].append(n)
    return dict(steps), dict(deps)


def handoffs(snap: Snapshot) -> list[XDependency]:
    """Dependencies whose two steps are owned by different organisations."""
    owner = {s.id: s.owner_id for s in snap.steps}
    return [d for d in snap.dependencies if owner.get(d.from_step_id) != owner.get(d.to_step_id)]


def blockers_by_step(snap: Snapshot, *, open_only: bool = True) -> dict[str, list[XBlocker]]:
    """The blockers on each step: named on it, or on a dependency into or out of it (worked out once)."""
    if open_only in snap._on_step:
        return snap._on_step[open_only]
    out: dict[str, list[XBlocker]] = defaultdict(list)
    for b in snap.blockers:
        if open_only and not b.is_open:
            continue
        touched = set(b.step_ids)
        for dep_id in b.dependency_ids:
            dep = snap.dependency_by_id.get(dep_id)
            if dep is not None:
                touched.update((dep.from_step_id, dep.to_step_id))
        for step_id in touched:
            out[step_id].append(b)
    snap._on_step[open_only] = dict(out)
    return snap._on_step[open_only]


def worst(blockers: list[XBlocker]) -> str | None:
    return max((b.severity for b in blockers), key=lambda s: _SEVERITY_RANK.get(s, 0), default=None)


def count_scope(
    session: Session, *, journey_id: str | None = None, organisation_id: str | None = None,
    include_sensitive: bool = False,
) -> tuple[dict[str, int], int]:
    """``({what: how many}, OFFICIAL-SENSITIVE blockers in scope)`` from COUNT queries, for a preview."""
    from sqlalchemy import case, func, or_

    if journey_id is not None:
        journey = session.get(Journey, journey_id)
        if journey is None:
            raise NotFoundError(gettext("Unknown journey {journey_id}.").format(journey_id=repr(journey_id)))
        cid = journey.community_id
    else:
        cid = _only_community(session, None).id

    def count(query: Any) -> int:
        return int(session.execute(select(func.count()).select_from(query.subquery())).scalar_one())

    J, St, D, B = (_cols(m) for m in (Journey, Step, Dependency, Blocker))
    jids = select(J.id).where(J.community_id == cid) if journey_id is None else select(J.id).where(J.id == journey_id)
    steps = select(St.id).where(St.journey_id.in_(jids))
    deps = select(D.id).where(D.journey_id.in_(jids))
    blockers = select(B.id).where(B.community_id == cid)
    if journey_id is not None:
        bs, bd = BlockerStep.__table__.c, BlockerDependency.__table__.c  # type: ignore[attr-defined]
        blockers = blockers.where(or_(
            B.id.in_(select(bs.blocker_id).where(bs.step_id.in_(steps))),
            B.id.in_(select(bd.blocker_id).where(bd.dependency_id.in_(deps))),
        ))
    if organisation_id is not None:
        bo = BlockerOrganisation.__table__.c  # type: ignore[attr-defined]
        steps = steps.where(St.owner_id == organisation_id)
        blockers = blockers.where(or_(
            B.owner_id == organisation_id,
            B.id.in_(select(bo.blocker_id).where(bo.organisation_id == organisation_id)),
        ))
    in_scope = blockers.add_columns(B.classification).subquery()
    total, sensitive = session.execute(
        select(func.count(), func.coalesce(func.sum(case((in_scope.c.classification == SENSITIVE, 1), else_=0)), 0))
    ).one()
    counts = {"journeys": count(jids), "steps": count(steps)}
    if organisation_id is None:
        counts["dependencies"] = count(deps)
    counts["blockers"] = int(total) - (0 if include_sensitive else int(sensitive))
    if organisation_id is None:
        counts["organisations"] = count(select(_cols(Organisation).id).where(_cols(Organisation).community_id == cid))
        counts["members"] = count(select(_cols(Member).id).where(_cols(Member).community_id == cid))
    return counts, int(sensitive)


def sensitive_left_out(n: int, *, option: bool = False) -> str:
    """The sentence saying ``n`` OFFICIAL-SENSITIVE blockers were left out, and what adds them: the
    app's words, or with ``option`` the command line's option."""
    if option:
        return ngettext(
            "{n} OFFICIAL-SENSITIVE blocker and its notes were left out; --include-sensitive adds them.",
            "{n} OFFICIAL-SENSITIVE blockers and their notes were left out; --include-sensitive adds them.",
            n).format(n=n)
    return ngettext(
        "{n} OFFICIAL-SENSITIVE blocker and its notes were left out; choosing to include sensitive blockers adds them.",
        "{n} OFFICIAL-SENSITIVE blockers and their notes were left out; choosing to include sensitive blockers adds them.",
        n).format(n=n)
