"""What a journey map reveals: gaps, cross-organisation hand-offs, single points of failure, blockers.

Pure Python, no Qt: the command line calls it now and the desktop app's insights view later, from a
worker thread, on a :class:`~servicecommunity.graphs.JourneyData` snapshot loaded once.

Entry points:

- :func:`analyse` ``(session, journey_id, *, today=None, without_step=None, without_org=None,
  resolve_blocker=None) -> Report``: load the journey and analyse it (or a what-if of it);
- :func:`what_if` ``(session, journey_id, *, ...) -> WhatIf``: today's report, the scenario's, and
  the findings the change adds, removes or alters;
- :func:`analyse_data`, :func:`what_if_data`, :func:`apply_scenario`, :func:`compare` and
  :func:`downstream_steps`: the same on a snapshot, for a worker thread. The snapshot comes from
  :func:`servicecommunity.graphs.load_journey` (or :func:`~servicecommunity.graphs.load_graphs`,
  which also builds the networkx step and organisation graphs).

A report's ``timings`` give the seconds each part took (``load`` too when :func:`analyse` loaded
the journey). Ids in a report are the workspace's record ids; ``organisation_labels`` names the
organisations for display.

Every :class:`Finding` has a stable ``kind``, a ``severity`` (low, medium, high, critical), a
``message`` a facilitator can read aloud, the ids of the steps, dependencies, organisations and
blockers involved (so the app can jump to them), a ``subject`` (the id of what it is about, stable
across runs, so a what-if can match findings) and ``data`` (the figures behind the message).

The kinds (see :data:`KINDS`):

``ownership.no_owner``
    A step no organisation owns (high).
``ownership.nobody_at_table``
    An organisation that owns steps in the journey but has nobody in the community; one finding per
    organisation, naming its steps (high).
``ownership.isolated_org``
    An organisation in the community that owns no step in the journey (low).
``assisted_digital.online_only``
    A step offered only online: no phone, paper or face-to-face route (medium).
``structure.unreachable``
    A step no route of dependencies reaches from the journey's first steps, the steps of its first
    stage (high).
``structure.dead_end``
    A step that nothing follows, though it is not in the journey's last stage (high).
``structure.cycle``
    A rework loop: one finding per strongly connected component of two or more steps, not one per
    simple cycle (medium).
``structure.empty_stage``
    A stage with no steps (low).
``handoff.cross_org``
    The dependencies that cross from one organisation's steps to another's, one finding per ordered
    pair of organisations (medium when some are not agreed, else low). The report also counts them
    per pair (``handoffs_by_pair``) and in all (``handoff_count``).
``handoff.unagreed``
    A dependency across organisations that the two have not agreed (medium).
``handoff.ping_pong``
    The user passed from A to B and back to A within :data:`PING_PONG_HOPS` dependencies (medium).
``handoff.longest_chain``
    The route through the journey with the most hand-offs between organisations (medium from
    :data:`LONG_CHAIN` hand-offs, else low).
``tell_us_once.repeated_data``
    A data item asked for at two or more steps owned by different organisations, naming the first
    step that already collects it (high when three or more organisations ask, else medium).
``spof.step``
    A step whose removal splits the journey (an articulation point of the step graph taken as
    undirected); severity by how many steps it cuts off.
``spof.bridge``
    A dependency whose removal splits the journey (a bridge); severity as for steps.
``spof.org``
    An organisation whose removal splits the organisation graph (an articulation point) (high).
``spof.bottleneck_org``
    Up to :data:`BOTTLENECK_TOP` organisations with the highest betweenness on the organisation
    graph, if at least :data:`BOTTLENECK_MIN` (high from 0.3, medium from 0.1). Centrality is computed on the small organisation graph only: exact betweenness on a
    5,000-step graph takes tens of seconds.
``critical_path``
    The longest route by typical duration, and the user's total time along it (low). When the step
    graph has cycles it is measured on the condensation, each loop's steps counted once, and the
    message says so.
``blocker.impact``
    For each open blocker on the journey: the steps it stops directly, every step downstream of
    them, the organisations that own those steps and the monthly volume of the busiest of them;
    severity is the blocker's. ``Report.blocker_ranking`` ranks them by severity times reach.
``blocker.stale``
    An open blocker past its due date, or with no update for :data:`STALE_DAYS` days (its latest
    update, else the day it was raised); severity is the blocker's.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx
from sqlmodel import Session

from servicecommunity.bulk import gc_paused
from servicecommunity.enums import Severity, label
from servicecommunity.errors import NotFoundError
from servicecommunity.graphs import (
    BlockerInfo,
    Condensation,
    JourneyData,
    StepIndex,
    StepInfo,
    blocker_direct_steps,
    cut_points,
    is_handoff,
    load_journey,
)

KINDS: dict[str, str] = {
    "ownership.no_owner": "Steps nobody owns",
    "ownership.nobody_at_table": "Owners with nobody in the community",
    "ownership.isolated_org": "Organisations that own nothing in this journey",
    "assisted_digital.online_only": "Online only: no assisted digital route",
    "structure.unreachable": "Steps no route reaches",
    "structure.dead_end": "Dead ends",
    "structure.cycle": "Rework loops",
    "structure.empty_stage": "Stages with no steps",
    "handoff.cross_org": "Hand-offs between organisations",
    "handoff.unagreed": "Hand-offs nobody has agreed",
    "handoff.ping_pong": "Passed back and forth",
    "handoff.longest_chain": "Longest chain of hand-offs",
    "tell_us_once.repeated_data": "Tell us once: data asked for again",
    "spof.step": "Steps the journey hangs on",
    "spof.bridge": "Dependencies the journey hangs on",
    "spof.org": "Organisations the journey hangs on",
    "spof.bottleneck_org": "Bottleneck organisations",
    "critical_path": "Critical path",
    "blocker.impact": "Blocker impact",
    "blocker.stale": "Stale blockers",
}
SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
SEVERITY_RANK: dict[str, int] = {s.value: s.rank for s in Severity}
STALE_DAYS = 30
PING_PONG_HOPS = 3
LONG_CHAIN = 5
BOTTLENECK_TOP = 3
BOTTLENECK_MIN = 0.05  # betweenness below this is no bottleneck: routes have other ways round
OFFLINE_CHANNELS = frozenset({"phone", "paper", "face_to_face"})


# --- the report -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Finding:
    kind: str
    severity: str
    message: str
    subject: str = ""
    step_ids: tuple[str, ...] = ()
    dependency_ids: tuple[str, ...] = ()
    organisation_ids: tuple[str, ...] = ()
    blocker_ids: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        """What the finding is about, the same in a what-if scenario as today."""
        return (self.kind, self.subject)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK.get(self.severity, 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "subject": self.subject,
            "step_ids": list(self.step_ids),
            "dependency_ids": list(self.dependency_ids),
            "organisation_ids": list(self.organisation_ids),
            "blocker_ids": list(self.blocker_ids),
            "data": {k: list(v) if isinstance(v, tuple) else v for k, v in self.data.items()},
        }


@dataclass(slots=True)
class HandoffPair:
    """The dependencies that cross from one organisation's steps to another's."""

    from_organisation_id: str
    to_organisation_id: str
    count: int
    handoffs: int  # data hand-offs, or with a hand-off mode
    unagreed: int
    modes: dict[str, int]
    dependency_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["dependency_ids"] = list(self.dependency_ids)
        return out


@dataclass(slots=True)
class CriticalPath:
    step_ids: tuple[str, ...]
    dependency_ids: tuple[str, ...]
    total_hours: float
    missing_durations: int  # steps on the path with no typical duration
    on_condensation: bool  # the journey has loops; each loop's steps count once

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["step_ids"] = list(self.step_ids)
        out["dependency_ids"] = list(self.dependency_ids)
        return out


@dataclass(slots=True)
class BlockerImpact:
    blocker_id: str
    title: str
    severity: str
    direct_step_ids: tuple[str, ...]
    steps_reached: int  # direct steps and every step downstream of them
    organisation_ids: tuple[str, ...]  # owners of the steps reached
    monthly_users: int | None  # the monthly volume of the busiest step reached
    score: int  # severity rank (1-4) times steps reached
    stale: bool

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["direct_step_ids"] = list(self.direct_step_ids)
        out["organisation_ids"] = list(self.organisation_ids)
        return out


@dataclass
class Report:
    journey_id: str
    journey_name: str
    today: date
    scenario: tuple[str, ...]  # what a what-if changed; empty for the journey as it is
    findings: list[Finding]
    counts: dict[str, int]  # every kind, zero included
    stats: dict[str, int]
    handoffs_by_pair: list[HandoffPair]
    handoff_count: int
    critical_path: CriticalPath | None
    blocker_ranking: list[BlockerImpact]
    organisation_centrality: dict[str, float]  # betweenness on the organisation graph
    organisation_labels: dict[str, str]
    timings: dict[str, float]  # seconds per part of the analysis

    def by_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    def worst(self, kind: str) -> str | None:
        found = self.by_kind(kind)
        return max(found, key=lambda f: f.rank).severity if found else None

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (dates as ISO text)."""
        return {
            "journey_id": self.journey_id,
            "journey_name": self.journey_name,
            "today": self.today.isoformat(),
            "scenario": list(self.scenario),
            "stats": dict(self.stats),
            "counts": dict(self.counts),
            "findings": [f.to_json() for f in self.findings],
            "handoff_count": self.handoff_count,
            "handoffs_by_pair": [p.to_json() for p in self.handoffs_by_pair],
            "critical_path": self.critical_path.to_json() if self.critical_path else None,
            "blocker_ranking": [b.to_json() for b in self.blocker_ranking],
            "organisation_centrality": dict(self.organisation_centrality),
            "organisation_labels": dict(self.organisation_labels),
            "timings": dict(self.timings),
        }


@dataclass
class WhatIf:
    """Today's report, the scenario's, and what the change does to the findings."""

    base: Report
    scenario: Report
    added: list[Finding]
    removed: list[Finding]
    changed: list[tuple[Finding, Finding]]  # (today's, the scenario's) about the same thing

    @property
    def count_changes(self) -> dict[str, tuple[int, int]]:
        """``{kind: (today, scenario)}`` for the kinds whose count changes."""
        return {
            kind: (self.base.counts[kind], self.scenario.counts[kind])
            for kind in KINDS
            if self.base.counts[kind] != self.scenario.counts[kind]
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": list(self.scenario.scenario),
            "count_changes": {k: list(v) for k, v in self.count_changes.items()},
            "added": [f.to_json() for f in self.added],
            "removed": [f.to_json() for f in self.removed],
            "changed": [{"before": a.to_json(), "after": b.to_json()} for a, b in self.changed],
            "base": self.base.to_json(),
            "what_if": self.scenario.to_json(),
        }


# --- words -----------------------------------------------------------------------------------------


OPEN_QUOTE, CLOSE_QUOTE = "\u2018", "\u2019"  # typographic single quotes, as GOV.UK writes them


def _quote(text: str) -> str:
    return f"{OPEN_QUOTE}{text}{CLOSE_QUOTE}"


def _names(items: Sequence[str], limit: int = 3) -> str:
    """``a``, ``a and b``, ``a, b and c``, ``a, b, c and 4 more``."""
    items = list(items)
    if len(items) > limit + 1:
        return ", ".join(items[:limit]) + f" and {len(items) - limit:,} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def duration_text(hours: float) -> str:
    """A typical duration as a person says it: 45 minutes, 3.5 hours, 2 days, 3 weeks."""
    if hours < 1:
        return _plural(round(hours * 60), "minute")
    if hours < 48:
        return "1 hour" if hours == 1 else f"{_round(hours)} hours"
    days = hours / 24
    if days < 14:
        return f"{_round(days)} days"
    return f"{_round(days / 7)} weeks"


def _round(value: float) -> str:
    """Two significant figures below 10, whole numbers above: 3.5, 12, 1,040."""
    return f"{value:.2g}" if value < 10 else f"{round(value):,}"


# --- one run of the analysis ---------------------------------------------------------------------


class _Run:
    """The indexed journey and the findings so far."""

    def __init__(self, data: JourneyData, today: date) -> None:
        self.data = data
        self.today = today
        self.index = StepIndex(data)
        self.cond = Condensation(self.index)
        self.steps: list[StepInfo] = self.index.steps
        self.owner: list[str | None] = [s.owner_id for s in self.steps]
        self.stage_name = {s.id: s.name for s in data.stages}
        self.labels = {o.id: o.label for o in data.organisations.values()}
        self.quoted = [_quote(s.title) for s in self.steps]
        self.findings: list[Finding] = []
        self._bits: list[int] | None = None

    @property
    def bits(self) -> list[int]:
        if self._bits is None:
            self._bits = self.cond.descendant_bits()
        return self._bits

    def add(self, kind: str, severity: str, message: str, subject: str, **ids: Any) -> Finding:
        finding = Finding(kind, severity, message, subject, **ids)
        self.findings.append(finding)
        return finding

    def title(self, i: int) -> str:
        return self.quoted[i]

    def org(self, org_id: str | None) -> str:
        found = self.labels.get(org_id)  # type: ignore[arg-type]
        return found if found is not None else self.data.org_label(org_id)

    def where(self, i: int) -> str:
        """A step's title with its stage and owner: 'Register for VAT' (Set up tax, HMRC)."""
        step = self.steps[i]
        return f"{self.title(i)} ({self.stage_name.get(step.stage_id, 'no stage')}, {self.org(step.owner_id)})"

    def step_ids(self, indices: Iterable[int]) -> tuple[str, ...]:
        ids = self.index.ids
        return tuple([ids[i] for i in indices])

    def dep_ids(self, indices: Iterable[int]) -> tuple[str, ...]:
        return tuple(self.index.deps[k].id for k in indices)

    def crosses(self, k: int) -> bool:
        u, v = self.index.edges[k]
        a, b = self.owner[u], self.owner[v]
        return a is not None and b is not None and a != b


def _ownership(run: _Run) -> None:
    data = run.data
    owned: dict[str, list[int]] = defaultdict(list)
    supported: dict[str, int] = defaultdict(int)
    for i, step in enumerate(run.steps):
        for org_id in step.supporter_ids:
            supported[org_id] += 1
        if step.owner_id is None:
            run.add(
                "ownership.no_owner", "high",
                f"No organisation owns {run.title(i)} ({run.stage_name.get(step.stage_id, 'no stage')}): "
                "nobody is answerable for it.",
                step.id, step_ids=(step.id,),
            )
        else:
            owned[step.owner_id].append(i)
    for org_id, indices in sorted(owned.items(), key=lambda kv: (-len(kv[1]), kv[1][0])):
        org = data.organisations.get(org_id)
        if org is not None and org.members > 0:
            continue
        who = org.label if org else run.org(org_id)
        run.add(
            "ownership.nobody_at_table", "high",
            f"Nobody from {who} is in the community, yet it owns {_plural(len(indices), 'step')} here: "
            f"{_names([run.title(i) for i in indices])}.",
            org_id, step_ids=run.step_ids(indices), organisation_ids=(org_id,), data={"steps": len(indices)},
        )
    for org in data.organisations.values():
        if org.id in owned:
            continue
        n = supported.get(org.id, 0)
        helps = f" It supports {_plural(n, 'step')}." if n else ""
        run.add(
            "ownership.isolated_org", "low",
            f"{org.label} is in the community but owns no step in this journey.{helps}",
            org.id, organisation_ids=(org.id,), data={"supports": n},
        )


def _assisted_digital(run: _Run) -> None:
    online_only = [
        i for i, step in enumerate(run.steps)
        if "online" in step.channels and not OFFLINE_CHANNELS.intersection(step.channels)
    ]
    online_only.sort(key=lambda i: -(run.steps[i].monthly_volume or 0))  # busiest first
    for i in online_only:
        step = run.steps[i]
        volume = f" About {step.monthly_volume:,} users a month do it." if step.monthly_volume else ""
        run.add(
            "assisted_digital.online_only", "medium",
            f"{run.where(i)} can only be done online: there is no phone, paper or face-to-face route "
            f"for people who cannot go online.{volume}",
            step.id, step_ids=(step.id,),
            organisation_ids=(step.owner_id,) if step.owner_id else (),
            data={"monthly_volume": step.monthly_volume},
        )


def _structure(run: _Run) -> None:
    data, index, cond = run.data, run.index, run.cond
    entries = [i for i, s in enumerate(run.steps) if s.stage_id == data.entry_stage_id]
    reached = 0
    for c in {cond.comp_of[i] for i in entries}:
        reached |= run.bits[c]
    entry_name = run.stage_name.get(data.entry_stage_id or "", "the first stage")
    for i, step in enumerate(run.steps):
        if reached >> i & 1:
            continue
        if not entries:
            why = f"the first stage, {_quote(entry_name)}, has no steps left"
        elif not index.pred[i]:
            why = "no dependency leads to it"
        else:
            why = "the steps that lead to it cannot be reached either"
        run.add(
            "structure.unreachable", "high",
            f"No route from the start of the journey reaches {run.where(i)}: {why}.",
            step.id, step_ids=(step.id,),
        )
    for i, step in enumerate(run.steps):
        if not index.succ[i] and step.stage_id != data.last_stage_id:
            run.add(
                "structure.dead_end", "high",
                f"The journey stops at {run.where(i)}: nothing follows it, yet it is not in the last stage.",
                step.id, step_ids=(step.id,),
            )
    for c in cond.loops:
        members = cond.members[c]
        orgs = sorted({o for o in (run.owner[i] for i in members) if o is not None}, key=run.org)
        across = f", across {_names([run.org(o) for o in orgs])}" if len(orgs) > 1 else ""
        if len(members) == 1:
            text = f"{run.where(members[0])} leads back to itself"
        else:
            text = (f"{_plural(len(members), 'step')} ({_names([run.title(i) for i in members])}) "
                    f"each lead back to the others{across}")
        run.add(
            "structure.cycle", "medium",
            f"Rework loop: {text}, so a user can be sent round them again.",
            index.ids[members[0]], step_ids=run.step_ids(members),
            dependency_ids=run.dep_ids(cond.inner_deps.get(c, ())),
            organisation_ids=tuple(orgs), data={"steps": len(members)},
        )
    used = {s.stage_id for s in run.steps}
    for stage in data.stages:
        if stage.id not in used:
            run.add("structure.empty_stage", "low", f"The stage {_quote(stage.name)} has no steps.", stage.id,
                    data={"stage_id": stage.id})


def _handoffs(run: _Run) -> tuple[list[HandoffPair], int]:
    index, owner = run.index, run.owner
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, (u, v) in enumerate(index.edges):
        a, b = owner[u], owner[v]
        if a is not None and b is not None and a != b:
            pairs[(a, b)].append(k)
    table: list[HandoffPair] = []
    for (a, b), ks in pairs.items():
        deps = [index.deps[k] for k in ks]
        modes: dict[str, int] = defaultdict(int)
        for d in deps:
            if d.handoff_mode:
                modes[d.handoff_mode] += 1
        table.append(HandoffPair(a, b, len(ks), sum(is_handoff(d) for d in deps),
                                 sum(not d.agreed for d in deps), dict(sorted(modes.items())), run.dep_ids(ks)))
    table.sort(key=lambda p: (-p.count, run.org(p.from_organisation_id), run.org(p.to_organisation_id)))
    for p in table:
        details = []
        if p.handoffs:
            details.append(_plural(p.handoffs, "data hand-off"))
        if p.unagreed:
            details.append(f"{p.unagreed:,} not agreed")
        if p.modes:
            details.append("by " + ", ".join(f"{label(m).lower()} {n:,}" for m, n in p.modes.items()))
        more = f" ({'; '.join(details)})" if details else ""
        run.add(
            "handoff.cross_org", "medium" if p.unagreed else "low",
            f"{_plural(p.count, 'dependency', 'dependencies')} {'crosses' if p.count == 1 else 'cross'} "
            f"from {run.org(p.from_organisation_id)} "
            f"to {run.org(p.to_organisation_id)}{more}.",
            f"{p.from_organisation_id}>{p.to_organisation_id}", dependency_ids=p.dependency_ids,
            organisation_ids=(p.from_organisation_id, p.to_organisation_id),
            data={"count": p.count, "handoffs": p.handoffs, "unagreed": p.unagreed, "modes": p.modes},
        )
    for k, d in enumerate(index.deps):
        if not d.agreed and run.crosses(k):
            u, v = index.edges[k]
            run.add(
                "handoff.unagreed", "medium",
                f"The hand-off from {run.where(u)} to {run.where(v)} has not been agreed between the two "
                "organisations.",
                d.id, step_ids=(d.from_step_id, d.to_step_id), dependency_ids=(d.id,),
                organisation_ids=(run.steps[u].owner_id or "", run.steps[v].owner_id or ""),
            )
    _ping_pong(run)
    return table, sum(p.count for p in table)


def _ping_pong(run: _Run) -> None:
    """A → B → A within PING_PONG_HOPS dependencies, the steps between owned by B alone."""
    index, owner = run.index, run.owner
    for k, (u, v) in enumerate(index.edges):
        a, b = owner[u], owner[v]
        if a is None or b is None or a == b:
            continue
        frontier = [(v, [k])]
        for depth in range(PING_PONG_HOPS - 1):
            grow = []
            for x, path in frontier:
                for y, k2 in zip(index.succ[x], index.out_deps[x], strict=True):
                    if owner[y] == a:
                        _add_ping_pong(run, u, [*path, k2], a, b)
                    elif owner[y] == b and depth < PING_PONG_HOPS - 2:
                        grow.append((y, [*path, k2]))
            frontier = grow


def _add_ping_pong(run: _Run, start: int, path: list[int], a: str, b: str) -> None:
    steps = [start] + [run.index.edges[k][1] for k in path]
    run.add(
        "handoff.ping_pong", "medium",
        f"The user is passed from {run.org(a)} to {run.org(b)} and back again: "
        + " → ".join(run.title(i) for i in steps) + ".",
        "|".join(run.dep_ids(path)), step_ids=run.step_ids(steps), dependency_ids=run.dep_ids(path),
        organisation_ids=(a, b),
    )


def _longest_chain(run: _Run) -> None:
    """The route (on the condensation) with the most dependencies that cross organisations."""
    cond, index, owner, comp_of = run.cond, run.index, run.owner, run.cond.comp_of
    cross_rep: dict[tuple[int, int], int] = {}
    for k, (u, v) in enumerate(index.edges):
        a, b = comp_of[u], comp_of[v]
        if a != b and (a, b) not in cross_rep:
            x, y = owner[u], owner[v]
            if x is not None and y is not None and x != y:
                cross_rep[(a, b)] = k
    n = len(cond)
    hops = [0] * n
    back = [-1] * n
    via = [-1] * n
    for c in range(n):
        for s, k in cond.succ[c].items():
            rep = cross_rep.get((c, s))
            cand = hops[c] + (rep is not None)
            if cand > hops[s]:
                hops[s], back[s], via[s] = cand, c, k if rep is None else rep
    if not n or max(hops) == 0:
        return
    end = max(range(n), key=lambda c: (hops[c], -c))
    deps: list[int] = []
    c = end
    while back[c] != -1:
        deps.append(via[c])
        c = back[c]
    deps.reverse()
    steps: list[int] = []
    for k in deps:
        for i in index.edges[k]:
            if not steps or steps[-1] != i:
                steps.append(i)
    orgs: list[str] = []
    for i in steps:
        o = run.owner[i]
        if o is not None and (not orgs or orgs[-1] != o):
            orgs.append(o)
    count = hops[end]
    loops = " (rework loops counted once)" if cond.loops else ""
    run.add(
        "handoff.longest_chain", "medium" if count >= LONG_CHAIN else "low",
        f"Along the route with the most hand-offs the user is passed between organisations "
        f"{_plural(count, 'time')}{loops}: {' → '.join(run.org(o) for o in orgs)}, "
        f"from {run.title(steps[0])} to {run.title(steps[-1])}.",
        "", step_ids=run.step_ids(steps), dependency_ids=run.dep_ids(d for d in deps if run.crosses(d)),
        organisation_ids=tuple(dict.fromkeys(orgs)), data={"handoffs": count, "route": list(run.dep_ids(deps))},
    )


def _tell_us_once(run: _Run) -> None:
    asked: dict[str, list[int]] = defaultdict(list)
    for i, step in enumerate(run.steps):
        for item in step.data_item_ids:
            asked[item].append(i)
    repeats = []
    for item, indices in asked.items():
        orgs = list(dict.fromkeys(o for o in (run.owner[i] for i in indices) if o is not None))
        if len(orgs) >= 2:
            repeats.append((item, indices, orgs))
    repeats.sort(key=lambda r: (-len(r[2]), -len(r[1]), r[1][0], r[0]))  # most organisations first
    for item, indices, orgs in repeats:
        first = indices[0]
        name = run.data.data_items.get(item, "the same information")
        later = [f"{run.title(i)} ({run.org(run.owner[i])})" for i in indices[1:]]
        run.add(
            "tell_us_once.repeated_data", "high" if len(orgs) >= 3 else "medium",
            f"The user is asked for {name} at {_plural(len(indices), 'step')} by "
            f"{_plural(len(orgs), 'organisation')}. {run.where(first)} already collects it, so "
            f"{_names(later)} could reuse it.",
            item, step_ids=run.step_ids(indices), organisation_ids=tuple(orgs),
            data={"data_item_id": item, "data_item": name, "first_step_id": run.index.ids[first]},
        )


def _spof_severity(cut_off: int, total: int) -> str:
    if cut_off * 5 >= total and cut_off >= 3:
        return "high"
    return "medium" if cut_off >= 3 else "low"


def _spof_steps(run: _Run) -> None:
    vertices, bridges = cut_points(run.index)
    total = len(run.index)
    vertices.sort(key=lambda cv: (-cv.cut_off, cv.step))  # the biggest cuts first
    bridges.sort(key=lambda br: (-br.cut_off, br.dependency))
    for cv in vertices:
        i = cv.step
        run.add(
            "spof.step", _spof_severity(cv.cut_off, total),
            f"The journey hangs on {run.where(i)}: without it, it falls into {cv.parts} parts and "
            f"{_plural(cv.cut_off, 'step')} would be cut off from the rest.",
            run.index.ids[i], step_ids=(run.index.ids[i],),
            organisation_ids=(run.owner[i],) if run.owner[i] else (),
            data={"parts": cv.parts, "cut_off": cv.cut_off},
        )
    for br in bridges:
        u, v = run.index.edges[br.dependency]
        dep = run.index.deps[br.dependency]
        run.add(
            "spof.bridge", _spof_severity(br.cut_off, total),
            f"Only the dependency from {run.where(u)} to {run.where(v)} joins "
            f"{_plural(br.cut_off, 'step')} to the rest of the journey.",
            dep.id, step_ids=(dep.from_step_id, dep.to_step_id), dependency_ids=(dep.id,),
            data={"cut_off": br.cut_off},
        )


def _spof_orgs(run: _Run, pairs: list[HandoffPair]) -> dict[str, float]:
    """Articulation points and betweenness of the organisation graph's hand-off edges.

    The graph is the one :func:`~servicecommunity.graphs.organisation_graph` builds, without the
    blocker edges (a blocker one organisation causes another is no route for the user), made
    straight from the hand-off pairs already counted.
    """
    flow = nx.DiGraph()
    flow.add_nodes_from(sorted({o for o in run.owner if o is not None}))
    flow.add_edges_from((p.from_organisation_id, p.to_organisation_id) for p in pairs)
    if flow.number_of_nodes() == 0:
        return {}
    undirected = flow.to_undirected()
    for org_id in sorted(nx.articulation_points(undirected), key=run.org):
        rest = undirected.copy()
        rest.remove_node(org_id)
        groups = sorted(
            (sorted((run.org(o) for o in g), key=str.casefold) for g in nx.connected_components(rest)),
            key=lambda g: (-len(g), g),
        )
        run.add(
            "spof.org", "high",
            f"The journey hangs on {run.org(org_id)}: without it, the other organisations fall into "
            f"{len(groups)} groups that no dependency joins: "
            + _names(["{" + ", ".join(g) + "}" for g in groups], limit=4) + ".",
            org_id, organisation_ids=(org_id,), data={"groups": len(groups)},
        )
    centrality: dict[str, float] = nx.betweenness_centrality(flow, normalized=True)
    ranked = sorted((kv for kv in centrality.items() if kv[1] >= BOTTLENECK_MIN), key=lambda kv: (-kv[1], run.org(kv[0])))
    for org_id, value in ranked[:BOTTLENECK_TOP]:
        severity = "high" if value >= 0.3 else "medium" if value >= 0.1 else "low"
        run.add(
            "spof.bottleneck_org", severity,
            f"{run.org(org_id)} is a bottleneck: {value:.0%} of the shortest hand-off routes between "
            "other organisations in this journey pass through it.",
            org_id, organisation_ids=(org_id,), data={"betweenness": round(value, 4)},
        )
    return {o: round(v, 4) for o, v in sorted(centrality.items(), key=lambda kv: -kv[1])}


def _critical_path(run: _Run) -> CriticalPath | None:
    cond = run.cond
    n = len(cond)
    if not n or all(s.duration_hours is None for s in run.steps):
        return None
    weight = [sum(run.steps[i].duration_hours or 0.0 for i in members) for members in cond.members]
    dist = list(weight)
    back = [-1] * n
    for c in range(n):
        for s in cond.succ[c]:
            if dist[c] + weight[s] > dist[s]:
                dist[s], back[s] = dist[c] + weight[s], c
    end = max(range(n), key=lambda c: (dist[c], -c))
    comps = [end]
    while back[comps[-1]] != -1:
        comps.append(back[comps[-1]])
    comps.reverse()
    steps = [i for c in comps for i in cond.members[c]]
    deps = [cond.succ[a][b] for a, b in itertools.pairwise(comps)]
    missing = sum(run.steps[i].duration_hours is None for i in steps)
    path = CriticalPath(run.step_ids(steps), run.dep_ids(deps), round(dist[end], 4), missing, bool(cond.loops))
    notes = ""
    if missing:
        notes += f" {_plural(missing, 'step')} on it {'has' if missing == 1 else 'have'} no typical time recorded, so it may take longer."
    if cond.loops:
        notes += " The journey has rework loops, so this is measured with each loop's steps counted once."
    run.add(
        "critical_path", "low",
        f"The longest route through the journey takes about {duration_text(path.total_hours)} of the user's "
        f"time over {_plural(len(steps), 'step')}, from {run.title(steps[0])} to {run.title(steps[-1])}.{notes}",
        "", step_ids=path.step_ids, dependency_ids=path.dependency_ids,
        organisation_ids=tuple(dict.fromkeys(o for o in (run.owner[i] for i in steps) if o is not None)),
        data={"total_hours": path.total_hours, "missing_durations": missing, "on_condensation": bool(cond.loops)},
    )
    return path


def _blockers(run: _Run) -> list[BlockerImpact]:
    """Each open blocker's reach, from sets computed once per component of the condensation.

    Descendant steps as bitsets, organisations as small bitmasks (bits in label order) and the
    busiest monthly volume are each folded over the condensation once, in reverse topological order;
    a blocker then costs a few ORs over the components of the steps it stops, not a graph search.
    """
    cond, data = run.cond, run.data
    org_ids = list(data.organisations)
    org_ids += sorted({o for o in run.owner if o is not None and o not in data.organisations})
    org_bit = {o: 1 << n for n, o in enumerate(org_ids)}
    n = len(cond)
    orgs = [0] * n
    users: list[int] = [-1] * n  # -1: no step reached has a volume
    owner, steps = run.owner, run.steps
    for c in range(n - 1, -1, -1):  # successors first
        acc, most = 0, -1
        for i in cond.members[c]:
            o = owner[i]
            if o is not None:
                acc |= org_bit[o]
            v = steps[i].monthly_volume
            if v is not None and v > most:
                most = v
        for s in cond.succ[c]:
            acc |= orgs[s]
            most = max(most, users[s])
        orgs[c], users[c] = acc, most
    bits, comp_of, place = run.bits, cond.comp_of, run.index.place
    org_sets: dict[int, tuple[str, ...]] = {}
    # Blockers crowd onto a few steps: what a set of components reaches is worked out once.
    reach_of: dict[tuple[int, ...], tuple[int, tuple[str, ...], int]] = {}
    ranking: list[BlockerImpact] = []
    stale: set[str] = {b.id for b in data.blockers if _is_stale(b, run.today)}
    for blocker in data.blockers:
        direct = data.blocker_steps[blocker.id]
        if not direct:
            continue
        comps = (comp_of[place[direct[0]]],) if len(direct) == 1 else tuple(sorted({comp_of[place[s]] for s in direct}))
        known = reach_of.get(comps)
        if known is None:
            reach, org_mask, most = 0, 0, -1
            for c in comps:
                reach |= bits[c]
                org_mask |= orgs[c]
                most = max(most, users[c])
            affected = org_sets.get(org_mask)
            if affected is None:
                affected = org_sets[org_mask] = tuple(org_ids[b] for b in _bit_positions(org_mask))
            known = reach_of[comps] = (reach.bit_count(), affected, most)
        reached, affected, most = known
        ranking.append(BlockerImpact(
            blocker.id, blocker.title, blocker.severity, direct, reached, affected,
            most if most >= 0 else None, SEVERITY_RANK.get(blocker.severity, 0) * reached, blocker.id in stale,
        ))
    ranking.sort(key=lambda b: (-b.score, -SEVERITY_RANK.get(b.severity, 0), -(b.monthly_users or 0), b.blocker_id))
    by_id = {b.id: b for b in data.blockers}
    findings = run.findings
    stale_findings: list[Finding] = []  # in ranking order too: the stale blockers that hold up most first
    for impact in ranking:
        # Written out rather than through the helpers: this runs once per open blocker, 20,000 times
        # in a big community.
        blocker = by_id[impact.blocker_id]
        head = f"{OPEN_QUOTE}{blocker.title}{CLOSE_QUOTE} ({blocker.severity})"
        resolver = run.org(blocker.owner_id) if blocker.owner_id else None
        direct_ids = impact.direct_step_ids
        later = impact.steps_reached - len(direct_ids)
        monthly = impact.monthly_users
        n_orgs = len(impact.organisation_ids)
        stops = (run.quoted[place[direct_ids[0]]] if len(direct_ids) == 1
                 else _names([run.quoted[place[s]] for s in direct_ids]))
        message = (
            f"{head} stops {stops} and holds up "
            f"{later:,} more step{'' if later == 1 else 's'} after {'it' if len(direct_ids) == 1 else 'them'}, "
            f"owned by {n_orgs} organisation{'' if n_orgs == 1 else 's'}"
            + (f"; up to {monthly:,} users a month pass through them." if monthly else ".")
            + (f" It is caused by {_names([run.org(o) for o in blocker.blocking_organisation_ids])}."
               if blocker.blocking_organisation_ids else "")
            + (f" {resolver} must resolve it." if resolver else " Nobody owns resolving it.")
        )
        findings.append(Finding(
            "blocker.impact", blocker.severity, message, blocker.id, direct_ids, (), impact.organisation_ids,
            (blocker.id,),
            {"steps_reached": impact.steps_reached, "monthly_users": monthly, "score": impact.score,
             "caused_by": blocker.blocking_organisation_ids, "owner_id": blocker.owner_id},
        ))
        if impact.stale:
            stale_findings.append(_stale_finding(run, blocker, head, resolver))
    ranked = {b.blocker_id for b in ranking}
    for blocker_id in sorted(stale - ranked):  # stale, though it stops no step left in the journey
        blocker = by_id[blocker_id]
        head = f"{OPEN_QUOTE}{blocker.title}{CLOSE_QUOTE} ({blocker.severity})"
        stale_findings.append(_stale_finding(run, blocker, head, run.org(blocker.owner_id) if blocker.owner_id else None))
    findings.extend(stale_findings)
    return ranking


def _bit_positions(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _is_stale(blocker: BlockerInfo, today: date) -> bool:
    """Past its due date, or no update for more than STALE_DAYS days."""
    if blocker.due_on is not None and blocker.due_on < today:
        return True
    return blocker.last_activity is not None and (today - blocker.last_activity).days > STALE_DAYS


def _stale_finding(run: _Run, blocker: BlockerInfo, head: str, resolver: str | None) -> Finding:
    today = run.today
    due, last = blocker.due_on, blocker.last_activity
    due_text = due.isoformat() if due else None
    overdue = False
    parts = []
    if due is not None and due < today:
        overdue, days = True, (today - due).days
        parts.append(f"is {days:,} day{'' if days == 1 else 's'} past its due date ({due_text})")
    quiet = (today - last).days if last is not None else 0
    if quiet > STALE_DAYS:
        parts.append(f"has had no update for {quiet:,} days")
    owner = f"; {resolver} must resolve it" if resolver else "; nobody owns resolving it"
    return Finding(
        "blocker.stale", blocker.severity, f"{head} {' and '.join(parts)}{owner}.",
        blocker.id, run.data.blocker_steps.get(blocker.id, ()), (),
        (blocker.owner_id,) if blocker.owner_id else (), (blocker.id,),
        {"overdue": overdue, "last_activity": last.isoformat() if last else None, "due_on": due_text},
    )


def _in_order(found: list[Finding]) -> tuple[list[Finding], dict[str, int]]:
    """By kind, then worst first, keeping each part's own order (busiest, biggest cut, highest score)."""
    buckets: dict[str, list[Finding]] = {kind: [] for kind in KINDS}
    for f in found:
        buckets[f.kind].append(f)
    ordered: list[Finding] = []
    for bucket in buckets.values():
        for severity in reversed(SEVERITIES):
            ordered.extend([f for f in bucket if f.severity == severity])
    return ordered, {kind: len(bucket) for kind, bucket in buckets.items()}


def analyse_data(data: JourneyData, *, today: date | None = None) -> Report:
    """Analyse a loaded journey (pure: no session, safe in a worker thread)."""
    with gc_paused():
        return _analyse_data(data, today=today)


def _analyse_data(data: JourneyData, *, today: date | None = None) -> Report:
    today = today or date.today()
    timings: dict[str, float] = {}
    start = time.perf_counter()

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        result = fn()
        timings[name] = time.perf_counter() - t
        return result

    run: _Run = timed("index", lambda: _Run(data, today))
    timed("ownership", lambda: _ownership(run))
    timed("assisted_digital", lambda: _assisted_digital(run))
    timed("structure", lambda: _structure(run))
    pairs, handoff_count = timed("handoffs", lambda: _handoffs(run))
    timed("longest_chain", lambda: _longest_chain(run))
    timed("tell_us_once", lambda: _tell_us_once(run))
    timed("spof_steps", lambda: _spof_steps(run))
    centrality = timed("organisations", lambda: _spof_orgs(run, pairs))
    path = timed("critical_path", lambda: _critical_path(run))
    ranking = timed("blockers", lambda: _blockers(run))
    findings, counts = timed("ordering", lambda: _in_order(run.findings))
    timings["total"] = time.perf_counter() - start
    stats = {
        "stages": len(data.stages),
        "steps": len(run.index),
        "dependencies": len(run.index.deps),
        "organisations": len(data.organisations),
        "open_blockers": len(data.blockers),
        "rework_loops": len(run.cond.loops),
        "handoffs": handoff_count,
        "findings": len(findings),
    }
    return Report(
        journey_id=data.journey_id,
        journey_name=data.journey_name,
        today=today,
        scenario=data.scenario,
        findings=findings,
        counts=counts,
        stats=stats,
        handoffs_by_pair=pairs,
        handoff_count=handoff_count,
        critical_path=path,
        blocker_ranking=ranking,
        organisation_centrality=centrality,
        organisation_labels={o.id: o.label for o in data.organisations.values()},
        timings=timings,
    )


def apply_scenario(
    data: JourneyData,
    *,
    without_step: str | None = None,
    without_org: str | None = None,
    resolve_blocker: str | None = None,
) -> JourneyData:
    """The journey with a step removed, an organisation's steps removed, or an open blocker resolved.

    Ids only; :class:`NotFoundError` when the id is not in the journey (or, for a blocker, not an
    open blocker on it). The first and last stages stay those of the journey as it is.
    """
    gone: set[str] = set()
    words = list(data.scenario)
    if without_step is not None:
        step = data.steps.get(without_step)
        if step is None:
            raise NotFoundError(f"The journey {_quote(data.journey_name)} has no step with id {without_step!r}.")
        gone.add(step.id)
        words.append(f"without the step {_quote(step.title)}")
    organisations = dict(data.organisations)
    if without_org is not None:
        if without_org not in organisations:
            raise NotFoundError(f"No organisation with id {without_org!r} in this community.")
        words.append(f"without {data.org_label(without_org)} (and the steps it owns)")
        gone.update(s.id for s in data.steps.values() if s.owner_id == without_org)
        del organisations[without_org]
    blockers = list(data.blockers)
    if resolve_blocker is not None:
        match = [b for b in blockers if b.id == resolve_blocker]
        if not match:
            raise NotFoundError(f"No open blocker with id {resolve_blocker!r} on the journey {_quote(data.journey_name)}.")
        words.append(f"with the blocker {_quote(match[0].title)} resolved")
        blockers.remove(match[0])
    steps = {k: s for k, s in data.steps.items() if k not in gone}
    deps = tuple(d for d in data.dependencies if d.from_step_id in steps and d.to_step_id in steps)
    kept_deps = {d.id for d in deps}
    trimmed = []
    for b in blockers:
        step_ids = tuple(s for s in b.step_ids if s in steps)
        dep_ids = tuple(d for d in b.dependency_ids if d in kept_deps)
        if not step_ids and not dep_ids:
            continue  # it no longer touches the journey
        causes = tuple(o for o in b.blocking_organisation_ids if o != without_org)
        trimmed.append(BlockerInfo(
            id=b.id, title=b.title, severity=b.severity, status=b.status, owner_id=b.owner_id,
            raised_on=b.raised_on, due_on=b.due_on, last_activity=b.last_activity,
            step_ids=step_ids, dependency_ids=dep_ids, blocking_organisation_ids=causes,
        ))
    return JourneyData(
        journey_id=data.journey_id,
        journey_name=data.journey_name,
        community_id=data.community_id,
        stages=data.stages,
        steps=steps,
        dependencies=deps,
        organisations=organisations,
        data_items=data.data_items,
        blockers=tuple(trimmed),
        entry_stage_id=data.entry_stage_id,
        last_stage_id=data.last_stage_id,
        scenario=tuple(words),
    )


def compare(base: Report, scenario: Report) -> WhatIf:
    """The findings a scenario adds, removes and alters, matched by kind and subject."""
    before = {f.key: f for f in base.findings}
    after = {f.key: f for f in scenario.findings}
    added = [f for f in scenario.findings if f.key not in before]
    removed = [f for f in base.findings if f.key not in after]
    changed = []
    for f in base.findings:
        g = after.get(f.key)
        if g is not None and (f.message, f.severity, f.step_ids, f.organisation_ids) != (
            g.message, g.severity, g.step_ids, g.organisation_ids
        ):
            changed.append((f, g))
    return WhatIf(base, scenario, added, removed, changed)


def what_if_data(
    data: JourneyData,
    *,
    today: date | None = None,
    without_step: str | None = None,
    without_org: str | None = None,
    resolve_blocker: str | None = None,
) -> WhatIf:
    """Analyse a loaded journey as it is and with the change, and compare."""
    today = today or date.today()
    changed = apply_scenario(data, without_step=without_step, without_org=without_org, resolve_blocker=resolve_blocker)
    return compare(analyse_data(data, today=today), analyse_data(changed, today=today))


def analyse(
    session: Session,
    journey_id: str,
    *,
    today: date | None = None,
    without_step: str | None = None,
    without_org: str | None = None,
    resolve_blocker: str | None = None,
) -> Report:
    """Load a journey and analyse it, or the what-if the keyword arguments (ids) describe."""
    t = time.perf_counter()
    data = load_journey(session, journey_id)
    loaded = time.perf_counter() - t
    if without_step or without_org or resolve_blocker:
        data = apply_scenario(data, without_step=without_step, without_org=without_org, resolve_blocker=resolve_blocker)
    report = analyse_data(data, today=today)
    report.timings = {"load": loaded, **report.timings}
    return report


def what_if(
    session: Session,
    journey_id: str,
    *,
    today: date | None = None,
    without_step: str | None = None,
    without_org: str | None = None,
    resolve_blocker: str | None = None,
) -> WhatIf:
    """Load a journey once and compare it as it is with the what-if the keyword arguments (ids) describe."""
    data = load_journey(session, journey_id)
    return what_if_data(data, today=today, without_step=without_step, without_org=without_org,
                        resolve_blocker=resolve_blocker)


def downstream_steps(data: JourneyData, blocker_id: str) -> list[str]:
    """Every step an open blocker holds up (the ones it stops and all after them), in journey order.

    The report keeps only counts per blocker; the app asks for the full set of one blocker on demand.
    """
    blocker = next((b for b in data.blockers if b.id == blocker_id), None)
    if blocker is None:
        raise NotFoundError(f"No open blocker with id {blocker_id!r} on this journey.")
    index = StepIndex(data)
    seen: set[int] = set()
    todo = [index.place[s] for s in blocker_direct_steps(data, blocker)]
    while todo:
        i = todo.pop()
        if i in seen:
            continue
        seen.add(i)
        todo.extend(index.succ[i])
    return [index.ids[i] for i in sorted(seen)]
