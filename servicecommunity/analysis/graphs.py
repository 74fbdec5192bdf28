"""Journey graphs: one journey loaded in one pass, and the graphs built from it.

:func:`load_journey` reads everything the analysis needs about one journey with a handful of bulk
Core queries (never one per step) into a :class:`JourneyData`: frozen dataclasses of plain values
that a worker thread can hold without a session. From a snapshot:

- :func:`step_graph`: a networkx ``DiGraph``, steps as nodes with their attributes, dependencies as
  edges (``id``, ``kind``, ``handoff_mode``, ``agreed``, ``cross_org``, and ``dependency_ids`` when
  more than one dependency joins the same two steps);
- :func:`organisation_graph`: organisations as nodes, an edge A→B weighted by the hand-offs and other
  dependencies that cross from A's steps to B's, and by the open blockers B causes for A's steps;
- :class:`StepIndex`: the same step graph as integer adjacency lists, with the linear-time algorithms
  the analysis runs on thousands of steps (strongly connected components, the condensation, descendant
  bitsets, articulation points and bridges). networkx's general versions, plus building the
  ``DiGraph`` itself, take several times longer on a 5,000-step journey; the tests check these
  against networkx.

A blocker's *direct steps* are the steps it names and the target step of each dependency it names:
a blocked hand-off stops the user reaching the step it leads to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any, NamedTuple

import networkx as nx
from sqlalchemy import String, func, select, type_coerce
from sqlmodel import Session

from servicecommunity.domain.enums import OPEN_STATUSES, Classification
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.domain.models import (
    Blocker,
    BlockerDependency,
    BlockerOrganisation,
    BlockerStep,
    BlockerUpdate,
    DataItem,
    Dependency,
    Journey,
    Member,
    Organisation,
    Stage,
    Step,
    StepDataItem,
    StepSupporter,
)
from servicecommunity.store.bulk import gc_paused

# --- the snapshot ---------------------------------------------------------------------------------


# The records of a snapshot are named tuples: immutable, and several times cheaper to create than
# frozen dataclasses, which counts when a journey has tens of thousands of them.


class StageInfo(NamedTuple):
    id: str
    name: str
    position: int


class StepInfo(NamedTuple):
    id: str
    title: str
    stage_id: str
    order: int  # place in the journey (stage order, then position in the stage); gaps are allowed
    owner_id: str | None = None
    channels: tuple[str, ...] = ()
    duration_hours: float | None = None
    monthly_volume: int | None = None
    supporter_ids: tuple[str, ...] = ()
    data_item_ids: tuple[str, ...] = ()


class DependencyInfo(NamedTuple):
    id: str
    from_step_id: str
    to_step_id: str
    kind: str = "sequence"
    handoff_mode: str | None = None
    agreed: bool = True


class OrganisationInfo(NamedTuple):
    id: str
    name: str
    short_name: str = ""
    members: int = 0  # people from it in the community

    @property
    def label(self) -> str:
        return self.short_name or self.name


class BlockerInfo(NamedTuple):
    """An open blocker that touches the journey (its links trimmed to the journey)."""

    id: str
    title: str
    severity: str = "medium"
    status: str = "open"
    owner_id: str | None = None  # the organisation that must resolve it
    raised_on: date | None = None
    due_on: date | None = None
    last_activity: date | None = None  # its latest update, else raised, else created
    step_ids: tuple[str, ...] = ()
    dependency_ids: tuple[str, ...] = ()
    blocking_organisation_ids: tuple[str, ...] = ()  # the organisations that cause it
    sensitive: bool = False  # classified OFFICIAL-SENSITIVE: its title is withheld or marked in reports


@dataclass(frozen=True)
class JourneyData:
    """Everything the analysis reads about one journey, loaded once.

    ``steps`` is in journey order. ``entry_stage_id`` and ``last_stage_id`` are the first and last
    stages that hold steps in the journey as stored; a what-if scenario keeps them, so that removing
    the only first step shows a journey nobody can start rather than one that starts later.
    """

    journey_id: str
    journey_name: str
    community_id: str
    stages: tuple[StageInfo, ...]
    steps: Mapping[str, StepInfo]
    dependencies: tuple[DependencyInfo, ...]
    organisations: Mapping[str, OrganisationInfo]
    data_items: Mapping[str, str] = field(default_factory=dict)  # id -> name
    blockers: tuple[BlockerInfo, ...] = ()
    entry_stage_id: str | None = None
    last_stage_id: str | None = None
    scenario: tuple[str, ...] = ()  # what a what-if changed, in words

    @cached_property
    def dependency_map(self) -> dict[str, DependencyInfo]:
        return {d.id: d for d in self.dependencies}

    @cached_property
    def blocker_steps(self) -> dict[str, tuple[str, ...]]:
        """Each blocker's direct steps: the ones it names, then the targets of the dependencies it names."""
        deps = self.dependency_map
        out = {}
        for b in self.blockers:
            direct = [s for s in b.step_ids if s in self.steps]
            for dep_id in b.dependency_ids:
                dep = deps.get(dep_id)
                if dep is not None and dep.to_step_id not in direct:
                    direct.append(dep.to_step_id)
            out[b.id] = tuple(direct)
        return out

    def org_label(self, org_id: str | None) -> str:
        if org_id is None:
            return "no owner"
        org = self.organisations.get(org_id)
        return org.label if org else "an organisation no longer in the community"


def build_journey_data(
    *,
    journey_id: str,
    journey_name: str,
    community_id: str,
    stages: Iterable[StageInfo],
    steps: Iterable[StepInfo],
    dependencies: Iterable[DependencyInfo],
    organisations: Iterable[OrganisationInfo],
    data_items: Mapping[str, str] | None = None,
    blockers: Iterable[BlockerInfo] = (),
) -> JourneyData:
    """A snapshot from parts, in canonical order (what :func:`load_journey` and the tests use).

    Steps are put in journey order by stage position then ``order``; dependencies by the order of
    their steps; entry and last stages are worked out from the steps.
    """
    stage_list = sorted(stages, key=lambda s: (s.position, s.name, s.id))
    stage_rank = {s.id: i for i, s in enumerate(stage_list)}
    step_list = sorted(steps, key=lambda s: (stage_rank.get(s.stage_id, len(stage_rank)), s.order, s.title, s.id))
    step_map = {s.id: s for s in step_list}
    place = {s.id: i for i, s in enumerate(step_list)}
    deps = sorted(
        (d for d in dependencies if d.from_step_id in place and d.to_step_id in place),
        key=lambda d: (place[d.from_step_id], place[d.to_step_id], d.kind, d.id),
    )
    used = [stage_rank[s.stage_id] for s in step_list if s.stage_id in stage_rank]
    entry = stage_list[min(used)].id if used else None
    last = stage_list[max(used)].id if used else None
    return JourneyData(
        journey_id=journey_id,
        journey_name=journey_name,
        community_id=community_id,
        stages=tuple(stage_list),
        steps=step_map,
        dependencies=tuple(deps),
        organisations={o.id: o for o in sorted(organisations, key=lambda o: (o.label.casefold(), o.id))},
        data_items=dict(data_items or {}),
        blockers=tuple(sorted(blockers, key=lambda b: b.id)),
        entry_stage_id=entry,
        last_stage_id=last,
    )


def _cols(model: Any) -> Any:
    return model.__table__.c


def _as_date(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo is None else value.astimezone(UTC)).date()
    return value


def load_journey(session: Session, journey_id: str) -> JourneyData:
    """Read one journey, its community's organisations and the open blockers on it, in bulk.

    A dozen Core ``select`` statements whatever the size of the journey. Raises
    :class:`NotFoundError` when there is no such journey.
    """
    with gc_paused():
        return _load_journey(session, journey_id)


def _load_journey(session: Session, journey_id: str) -> JourneyData:
    conn = session.connection()
    j, sg, st, dp = _cols(Journey), _cols(Stage), _cols(Step), _cols(Dependency)
    st_table = Step.__table__  # type: ignore[attr-defined]
    row = conn.execute(select(j.id, j.name, j.community_id).where(j.id == journey_id)).first()
    if row is None:
        raise NotFoundError(f"No journey with id {journey_id!r}.")
    community_id = row.community_id

    stages = [
        StageInfo(r.id, r.name, r.position)
        for r in conn.execute(select(sg.id, sg.name, sg.position).where(sg.journey_id == journey_id))
    ]
    supporters: dict[str, list[str]] = defaultdict(list)
    ss = _cols(StepSupporter)
    for step_id, org_id in conn.execute(
        select(ss.step_id, ss.organisation_id).join(st_table, st.id == ss.step_id).where(st.journey_id == journey_id)
    ).all():
        supporters[step_id].append(org_id)
    asks: dict[str, list[str]] = defaultdict(list)
    sd = _cols(StepDataItem)
    for step_id, item_id in conn.execute(
        select(sd.step_id, sd.data_item_id).join(st_table, st.id == sd.step_id).where(st.journey_id == journey_id)
    ).all():
        asks[step_id].append(item_id)
    di = _cols(DataItem)
    data_items: dict[str, str] = dict(conn.execute(select(di.id, di.name).where(di.community_id == community_id)).all())
    empty: tuple[str, ...] = ()
    steps = [
        StepInfo(
            step_id, title, stage_id, position, owner_id, tuple(channels or ()), hours, volume,
            tuple(sorted(supporters[step_id])) if step_id in supporters else empty,
            tuple(sorted(asks[step_id])) if step_id in asks else empty,
        )
        for step_id, title, stage_id, position, owner_id, channels, hours, volume in conn.execute(
            select(
                st.id, st.title, st.stage_id, st.position, st.owner_id, st.channels,
                st.duration_hours, st.monthly_volume,
            ).where(st.journey_id == journey_id)
        ).all()
    ]
    dependencies = [
        DependencyInfo(dep_id, source, target, kind, mode, bool(agreed))
        for dep_id, source, target, kind, mode, agreed in conn.execute(
            select(dp.id, dp.from_step_id, dp.to_step_id, dp.kind, dp.handoff_mode, dp.agreed).where(
                dp.journey_id == journey_id
            )
        ).all()
    ]

    og, mb = _cols(Organisation), _cols(Member)
    members: dict[str, int] = dict(conn.execute(
            select(mb.organisation_id, func.count())
            .where(mb.community_id == community_id, mb.organisation_id.is_not(None))
            .group_by(mb.organisation_id)
        ).all())
    organisations = [
        OrganisationInfo(r.id, r.name, r.short_name, members.get(r.id, 0))
        for r in conn.execute(select(og.id, og.name, og.short_name).where(og.community_id == community_id))
    ]

    blockers = _load_blockers(conn, community_id, {s.id for s in steps}, {d.id for d in dependencies})
    return build_journey_data(
        journey_id=journey_id,
        journey_name=row.name,
        community_id=community_id,
        stages=stages,
        steps=steps,
        dependencies=dependencies,
        organisations=organisations,
        data_items=data_items,
        blockers=blockers,
    )


def _load_blockers(conn: Any, community_id: str, step_ids: set[str], dep_ids: set[str]) -> list[BlockerInfo]:
    """The open blockers that name a step or dependency of the journey, with their links and last update.

    The links of the community's open blockers are read through the blocker key and kept when they
    point into the journey: in SQLite that is about twice as fast as joining each link to its step.
    """
    bk = _cols(Blocker)
    bs, bd, bo, bu = _cols(BlockerStep), _cols(BlockerDependency), _cols(BlockerOrganisation), _cols(BlockerUpdate)
    open_ids = select(bk.id).where(bk.community_id == community_id, bk.status.in_(OPEN_STATUSES))
    on_steps: dict[str, list[str]] = defaultdict(list)
    for blocker_id, step_id in conn.execute(
        select(bs.blocker_id, bs.step_id).where(bs.blocker_id.in_(open_ids)).order_by(bs.blocker_id, bs.step_id)
    ).all():
        if step_id in step_ids:
            on_steps[blocker_id].append(step_id)
    on_deps: dict[str, list[str]] = defaultdict(list)
    for blocker_id, dep_id in conn.execute(
        select(bd.blocker_id, bd.dependency_id)
        .where(bd.blocker_id.in_(open_ids))
        .order_by(bd.blocker_id, bd.dependency_id)
    ).all():
        if dep_id in dep_ids:
            on_deps[blocker_id].append(dep_id)
    causes: dict[str, list[str]] = defaultdict(list)
    for blocker_id, org_id in conn.execute(
        select(bo.blocker_id, bo.organisation_id)
        .where(bo.blocker_id.in_(open_ids))
        .order_by(bo.blocker_id, bo.organisation_id)
    ).all():
        causes[blocker_id].append(org_id)
    # Times as stored text: only the day matters, and parsing 20,000 datetimes costs more than the query.
    latest = dict(
        conn.execute(
            select(bu.blocker_id, type_coerce(func.max(bu.created_at), String))
            .where(bu.blocker_id.in_(open_ids))
            .group_by(bu.blocker_id)
        ).all()
    )
    rows = conn.execute(
        select(
            bk.id, bk.title, bk.severity, bk.status, bk.owner_id, bk.raised_on, bk.due_on,
            type_coerce(bk.created_at, String), bk.classification,
        )
        .where(bk.community_id == community_id, bk.status.in_(OPEN_STATUSES))
    ).all()
    out = []
    empty: tuple[str, ...] = ()
    for blocker_id, title, severity, status, owner_id, raised_on, due_on, created_at, classification in rows:
        if blocker_id not in on_steps and blocker_id not in on_deps:
            continue
        last = _day_of(latest.get(blocker_id)) or raised_on or _day_of(created_at)
        out.append(
            BlockerInfo(
                blocker_id, title, severity, status, owner_id, raised_on, due_on, last,
                tuple(on_steps[blocker_id]) if blocker_id in on_steps else empty,  # sorted by the query
                tuple(on_deps[blocker_id]) if blocker_id in on_deps else empty,
                tuple(causes[blocker_id]) if blocker_id in causes else empty,
                classification == Classification.OFFICIAL_SENSITIVE,
            )
        )
    return out


def _day_of(value: str | datetime | date | None) -> date | None:
    """The UTC day of a stored time, read as text (SQLite) or as a datetime (other databases)."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return _as_date(value)


# --- networkx graphs --------------------------------------------------------------------------------


def load_graphs(session: Session, journey_id: str) -> tuple[JourneyData, nx.DiGraph, nx.DiGraph]:
    """The journey's snapshot, step graph and organisation graph, from one bulk load."""
    data = load_journey(session, journey_id)
    return data, step_graph(data), organisation_graph(data)


def step_graph(data: JourneyData) -> nx.DiGraph:
    """The journey's steps and dependencies as a networkx ``DiGraph``.

    Node attributes: ``title``, ``stage_id``, ``order``, ``owner_id``, ``channels``,
    ``duration_hours``, ``monthly_volume``, ``supporter_ids``, ``data_item_ids``. Edge attributes:
    ``id`` (the first dependency between the two steps), ``kind``, ``handoff_mode``, ``agreed``,
    ``cross_org`` (both steps owned, by different organisations) and ``dependency_ids`` (all of them).
    """
    graph = nx.DiGraph(journey_id=data.journey_id, name=data.journey_name)
    graph.add_nodes_from(
        (
            s.id,
            {
                "title": s.title,
                "stage_id": s.stage_id,
                "order": s.order,
                "owner_id": s.owner_id,
                "channels": s.channels,
                "duration_hours": s.duration_hours,
                "monthly_volume": s.monthly_volume,
                "supporter_ids": s.supporter_ids,
                "data_item_ids": s.data_item_ids,
            },
        )
        for s in data.steps.values()
    )
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for d in data.dependencies:
        key = (d.from_step_id, d.to_step_id)
        if key in edges:
            edges[key]["dependency_ids"].append(d.id)
            continue
        a, b = data.steps[d.from_step_id].owner_id, data.steps[d.to_step_id].owner_id
        edges[key] = {
            "id": d.id,
            "kind": d.kind,
            "handoff_mode": d.handoff_mode,
            "agreed": d.agreed,
            "cross_org": a is not None and b is not None and a != b,
            "dependency_ids": [d.id],
        }
    graph.add_edges_from((u, v, attrs) for (u, v), attrs in edges.items())
    return graph


def is_handoff(dep: DependencyInfo) -> bool:
    """A hand-off of data or work (rather than a plain order of steps)."""
    return dep.kind == "data_handoff" or dep.handoff_mode is not None


def blocker_direct_steps(data: JourneyData, blocker: BlockerInfo) -> tuple[str, ...]:
    """The steps a blocker stops directly: the ones it names and the targets of the dependencies it names."""
    return data.blocker_steps.get(blocker.id, ())


def organisation_graph(data: JourneyData) -> nx.DiGraph:
    """Organisations as nodes, and an edge A→B for what crosses from A's steps to B's.

    Node attributes: ``name``, ``label``, ``members``, ``steps`` (how many it owns here). Edge
    attributes: ``handoffs`` (data hand-offs, or dependencies with a hand-off mode), ``dependencies``
    (the other kinds), ``dependency_ids``, ``blockers`` (open blockers that B causes for A's steps),
    ``blocker_ids``, and ``weight``, the sum of the three counts.
    """
    owner = {s.id: s.owner_id for s in data.steps.values()}
    owned: dict[str, int] = defaultdict(int)
    for o in owner.values():
        if o is not None:
            owned[o] += 1
    edges: dict[tuple[str, str], dict[str, Any]] = {}

    def edge(a: str, b: str) -> dict[str, Any]:
        attrs = edges.get((a, b))
        if attrs is None:
            attrs = edges[(a, b)] = {"handoffs": 0, "dependencies": 0, "dependency_ids": [], "blockers": 0,
                                     "blocker_ids": [], "weight": 0}
        return attrs

    for d in data.dependencies:
        a, b = owner[d.from_step_id], owner[d.to_step_id]
        if a is None or b is None or a == b:
            continue
        attrs = edge(a, b)
        attrs["handoffs" if is_handoff(d) else "dependencies"] += 1
        attrs["dependency_ids"].append(d.id)
        attrs["weight"] += 1
    direct = data.blocker_steps
    for blocker in data.blockers:
        if not blocker.blocking_organisation_ids:
            continue
        sufferers = sorted({o for o in (owner[s] for s in direct[blocker.id]) if o is not None})
        for cause in blocker.blocking_organisation_ids:
            for sufferer in sufferers:
                if sufferer != cause:
                    attrs = edge(sufferer, cause)
                    attrs["blockers"] += 1
                    attrs["blocker_ids"].append(blocker.id)
                    attrs["weight"] += 1
    graph = nx.DiGraph(journey_id=data.journey_id)
    for org in data.organisations.values():
        graph.add_node(org.id, name=org.name, label=org.label, members=org.members, steps=owned.get(org.id, 0))
    for node in {o for pair in edges for o in pair} - set(data.organisations):
        graph.add_node(node, name=data.org_label(node), label=data.org_label(node), members=0, steps=owned.get(node, 0))
    graph.add_edges_from((a, b, attrs) for (a, b), attrs in edges.items())
    return graph


# --- the integer step graph and its algorithms -------------------------------------------------------


class StepIndex:
    """The step graph as integer adjacency lists (step ``i`` is the ``i``-th in journey order).

    ``edges[k]`` is ``(from, to)`` of ``deps[k]``; ``succ[u]`` and ``pred[v]`` list neighbours with
    repeats when several dependencies join two steps; ``out_deps[u]`` runs parallel to ``succ[u]``.
    """

    def __init__(self, data: JourneyData) -> None:
        self.steps: list[StepInfo] = list(data.steps.values())
        self.ids: list[str] = [s.id for s in self.steps]
        self.place: dict[str, int] = {sid: i for i, sid in enumerate(self.ids)}
        n = len(self.ids)
        self.deps: list[DependencyInfo] = [
            d for d in data.dependencies if d.from_step_id in self.place and d.to_step_id in self.place
        ]
        self.dep_place: dict[str, int] = {d.id: k for k, d in enumerate(self.deps)}
        self.edges: list[tuple[int, int]] = [(self.place[d.from_step_id], self.place[d.to_step_id]) for d in self.deps]
        self.succ: list[list[int]] = [[] for _ in range(n)]
        self.pred: list[list[int]] = [[] for _ in range(n)]
        self.out_deps: list[list[int]] = [[] for _ in range(n)]
        for k, (u, v) in enumerate(self.edges):
            self.succ[u].append(v)
            self.out_deps[u].append(k)
            self.pred[v].append(u)

    def __len__(self) -> int:
        return len(self.ids)


def strongly_connected_components(succ: list[list[int]]) -> list[list[int]]:
    """Tarjan's algorithm, iterative. Components (members sorted) in reverse topological order."""
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            nbrs = succ[v]
            if i < len(nbrs):
                work[-1] = (v, i + 1)
                w = nbrs[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp.append(w)
                    if w == v:
                        break
                comp.sort()
                out.append(comp)
    return out


class Condensation:
    """The DAG of strongly connected components, numbered in topological order.

    ``members[c]`` are the steps of component ``c``; ``comp_of[i]`` is step ``i``'s component;
    ``succ[c]`` maps each successor component to the first dependency (index into ``StepIndex.deps``)
    that joins them. Every edge goes from a lower number to a higher one. ``loops`` are the components with more than one step (or a step that needs itself).
    """

    def __init__(self, index: StepIndex) -> None:
        comps = strongly_connected_components(index.succ)
        comps.reverse()
        self.members: list[list[int]] = comps
        self.comp_of: list[int] = [0] * len(index)
        for c, members in enumerate(comps):
            for m in members:
                self.comp_of[m] = c
        self.succ: list[dict[int, int]] = [{} for _ in comps]
        self.inner_deps: dict[int, list[int]] = defaultdict(list)
        comp_of = self.comp_of
        for k, (u, v) in enumerate(index.edges):
            a, b = comp_of[u], comp_of[v]
            if a == b:
                self.inner_deps[a].append(k)
            elif b not in self.succ[a]:
                self.succ[a][b] = k
        self.loops: list[int] = [c for c, m in enumerate(comps) if len(m) > 1 or c in self.inner_deps]

    def __len__(self) -> int:
        return len(self.members)

    def descendant_bits(self) -> list[int]:
        """For each component, a bitset (a Python int; bit ``i`` is step ``i``) of every step it reaches, its own included.

        One pass in reverse topological order: each component ORs its successors' sets, so asking
        what a blocker holds up costs a few ORs rather than a graph search.
        """
        bits = [0] * len(self.members)
        for c in range(len(self.members) - 1, -1, -1):
            acc = 0
            for m in self.members[c]:
                acc |= 1 << m
            for s in self.succ[c]:
                acc |= bits[s]
            bits[c] = acc
        return bits


@dataclass(frozen=True, slots=True)
class CutVertex:
    step: int
    parts: int  # pieces its connected part of the journey falls into without it
    cut_off: int  # steps outside the largest piece: the ones separated from the bulk of the journey


@dataclass(frozen=True, slots=True)
class Bridge:
    dependency: int  # index into StepIndex.deps
    cut_off: int  # steps on the smaller side


def cut_points(index: StepIndex) -> tuple[list[CutVertex], list[Bridge]]:
    """Articulation points and bridges of the step graph taken as undirected (Hopcroft and Tarjan).

    One iterative depth-first search over the dependencies as undirected edges, each edge with its own
    id so that two dependencies between the same steps are never a bridge. Measured within each
    weakly connected part of the journey.
    """
    n = len(index)
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for k, (u, v) in enumerate(index.edges):
        if u != v:
            adj[u].append((v, k))
            adj[v].append((u, k))
    disc = [-1] * n
    low = [0] * n
    size = [1] * n
    sep_total = [0] * n  # steps in the child subtrees that removing the step separates
    sep_count = [0] * n
    sep_max = [0] * n
    children = [0] * n
    parent_edge = [-1] * n
    vertices: list[CutVertex] = []
    bridges: list[Bridge] = []
    counter = 0
    for root in range(n):
        if disc[root] != -1:
            continue
        disc[root] = low[root] = counter
        counter += 1
        work = [(root, 0)]
        tree: list[int] = [root]
        pending: list[tuple[int, int]] = []  # bridges of this part: (dependency, steps beyond it)
        while work:
            v, i = work[-1]
            nbrs = adj[v]
            if i < len(nbrs):
                work[-1] = (v, i + 1)
                w, k = nbrs[i]
                if k == parent_edge[v]:
                    continue
                if disc[w] == -1:
                    disc[w] = low[w] = counter
                    counter += 1
                    parent_edge[w] = k
                    work.append((w, 0))
                    tree.append(w)
                elif disc[w] < low[v]:
                    low[v] = disc[w]
                continue
            work.pop()
            if not work:
                break
            p = work[-1][0]
            size[p] += size[v]
            children[p] += 1
            low[p] = min(low[p], low[v])
            if low[v] >= disc[p]:
                sep_total[p] += size[v]
                sep_count[p] += 1
                sep_max[p] = max(sep_max[p], size[v])
            if low[v] > disc[p]:
                pending.append((parent_edge[v], size[v]))
        total = size[root]
        for v in tree:
            if v == root:
                if children[v] >= 2:
                    vertices.append(CutVertex(v, children[v], total - 1 - sep_max[v]))
            elif sep_count[v]:
                rest = total - 1 - sep_total[v]
                vertices.append(CutVertex(v, sep_count[v] + 1, total - 1 - max(rest, sep_max[v])))
        bridges.extend(Bridge(k, min(beyond, total - beyond)) for k, beyond in pending)
    vertices.sort(key=lambda c: c.step)
    bridges.sort(key=lambda b: b.dependency)
    return vertices, bridges
