"""What a journey map reveals: gaps, cross-organisation hand-offs, single points of failure, blockers.

Pure Python, no Qt: the command line calls it now and the desktop app's insights view later, from a
worker thread, on a :class:`~servicecommunity.analysis.graphs.JourneyData` snapshot loaded once.

Entry points:

- :func:`analyse` ``(session, journey_id, *, today=None, without_step=None, without_org=None,
  resolve_blocker=None) -> Report``: load the journey and analyse it (or a what-if of it);
- :func:`what_if` ``(session, journey_id, *, ...) -> WhatIf``: today's report, the scenario's, and
  the findings the change adds, removes or alters;
- :func:`analyse_data`, :func:`what_if_data`, :func:`apply_scenario`, :func:`compare` and
  :func:`downstream_steps`: the same on a snapshot, for a worker thread. The snapshot comes from
  :func:`servicecommunity.analysis.graphs.load_journey` (or :func:`~servicecommunity.analysis.graphs.load_graphs`,
  which also builds the networkx step and organisation graphs).

A report's ``timings`` give the seconds each part took (``load`` too when :func:`analyse` loaded
the journey). Ids in a report are the workspace's record ids; ``organisation_labels`` names the
organisations for display.

Every :class:`Finding` has a stable ``kind``, a ``severity`` (low, medium, high, critical), a
``message`` a facilitator can read aloud, the ids of the steps, dependencies, organisations and
blockers involved (so the app can jump to them), a ``subject`` (the id of what it is about, stable
across runs, so a what-if can match findings), ``data`` (the figures behind the message), an
``action`` (what to do next, as a sentence) and ``actor_ids`` (the organisations that should do it).
:func:`act_first` picks about ten findings to act on first, across kinds; :meth:`Report.groups`
gives the kinds with their counts, worst severity and priority (:data:`PRIORITY`).

Dependency kinds, as the analysis reads them:

``sequence``
    The user does the first step, then the second.
``needs``
    The second step cannot start until the first is done (read as ``sequence`` by the analysis).
``data_handoff``
    As ``sequence``, and data passes from the first step's owner to the second's.
``alternative``
    **Either/or.** An ``alternative`` dependency A → B says B is another way on from A: from A the
    user takes B *or* A's other ways on (the steps A's other dependencies lead to), never both. Each
    alternative target of A is one option and A's other targets together are one more; an option's
    *region* is the steps reached from it and from no other option. The arrow goes from the step
    before the choice into the "or" step (the GOV.UK importer draws it so), never between the two
    alternatives: an arrow from one alternative to the other would say the user does both. So the
    critical path takes the longest option, never the sum; a blocker on one option holds up the
    steps after that option, never its siblings; and tell us once counts the asks one user can meet,
    on one route (asks in two regions of the same choice are never counted together).

The kinds of finding (see :data:`KINDS`), each with what it means, how it is found and what to do:

``ownership.no_owner``
    A step no organisation owns (high). Action: agree an owner, with the owners of the steps around it.
``ownership.nobody_at_table``
    An organisation that owns steps in the journey but has nobody in the community; one finding per
    organisation, naming its steps (high). Action: invite it.
``ownership.isolated_org``
    An organisation in the community that owns no step in the journey (low). Action: check whether
    it has a step of its own.
``assisted_digital.online_only``
    A step offered only online: no phone, paper or face-to-face route (medium), busiest first.
    Action: its owner adds an assisted route.
``structure.unreachable``
    A step no route of dependencies reaches from the journey's entry steps, the steps of its first
    stage (high). Action: draw the dependency that leads to it, or take it out.
``structure.dead_end``
    A step that nothing follows, though it is not in the journey's last stage (high). Action: say
    where the user goes next.
``structure.cycle``
    A rework loop: one finding per strongly connected component of two or more steps (or a step
    that leads back to itself), not one per simple cycle (medium). Action: find why users go round.
``structure.empty_stage``
    A stage with no steps (low).
``handoff.cross_org``
    One summary of the dependencies that cross from one organisation's steps to another's: how many,
    over how many ordered pairs, how many not agreed (medium when some are not agreed, else low). The
    table itself is ``handoffs_by_pair`` (``handoff_count`` in all).
``handoff.unagreed``
    One finding per ordered pair of organisations with hand-offs (dependencies across them) that
    the two have not agreed, naming each (medium). Action: the two agree the hand-offs.
``handoff.ping_pong``
    Real back-and-forth: the user is sent from A to one step of B and straight back to A
    (A → B → A over two dependencies). Bounces that share a dependency (A → B → A → B) are one
    finding. Passing through two or more steps of B and on is a natural flow, not ping-pong (medium).
``handoff.longest_chain``
    The route through the journey with the most hand-offs between organisations, counted as the
    arrows of the chain it prints (a step nobody owns between two organisations still passes the
    user on) (medium from :data:`LONG_CHAIN` hand-offs, else low).
``tell_us_once.repeated_data``
    A data item asked for at two or more steps owned by different organisations on one route (see
    ``alternative``), naming the first step that already collects it (high when three or more
    organisations ask, else medium). Action: the first collector shares it.
``spof.step``
    A step whose removal splits the journey (an articulation point of the step graph taken as
    undirected); severity by how many steps it cuts off. The bridges (dependencies whose removal
    splits it) that touch the step are the same cut, so they are in this finding, not their own.
``spof.bridge``
    A bridge that touches no such step; severity as for steps.
``spof.org``
    An organisation whose removal splits the organisation graph (an articulation point) (high).
``spof.bottleneck_org``
    Up to :data:`BOTTLENECK_TOP` organisations with the highest betweenness on the organisation
    graph, if at least :data:`BOTTLENECK_MIN` (high from 0.3, medium from 0.1). Centrality is
    computed on the small organisation graph only: exact betweenness on a 5,000-step graph takes
    tens of seconds.
``critical_path``
    The longest route by typical duration that starts at an entry step and passes reachable steps
    only; alternatives are either/or, so it takes the longest option. It names its longest steps and
    says that the times include waiting (a step records one typical time, not effort and waiting
    apart). Over :data:`LONG_PATH_STEPS` steps it says the route is no one user's journey (medium,
    else low). A loop on the route counts its steps once, and the message says so.
``blocker.impact``
    For each open blocker on the journey: the steps it stops directly (a blocked dependency stops
    the step it leads to), every step downstream of them, the organisations that own those steps,
    and the users a month at the blocked steps (the busiest of them: not the busiest step
    downstream). A reach over half the journey is said as "most of the journey". Ranked, in
    ``Report.blocker_ranking`` and in the findings alike, by steps held up, then severity, then age
    (raised first). A stale blocker says so here. Action: the organisation that owns resolving it.
``blocker.stale``
    An open blocker past its due date, or with no update for more than :data:`STALE_DAYS` days
    (its latest update, else the day it was raised), that stops no step left in the journey (the
    others say they are stale in their impact finding); severity is the blocker's.

OFFICIAL-SENSITIVE blocker titles are marked ``[OFFICIAL-SENSITIVE]`` in messages, or withheld
when :func:`analyse_data` is called with ``include_sensitive=False`` (the command line's default).
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

from servicecommunity.analysis.graphs import (
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
from servicecommunity.domain.enums import Severity
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.store.bulk import gc_paused

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
SENSITIVE = "OFFICIAL-SENSITIVE"
#: the order kinds are weighed in when choosing what to act on first (earlier weighs more)
PRIORITY: tuple[str, ...] = (
    "blocker.impact", "ownership.no_owner", "structure.unreachable", "handoff.unagreed",
    "ownership.nobody_at_table", "structure.dead_end", "tell_us_once.repeated_data", "spof.step",
    "assisted_digital.online_only", "handoff.ping_pong", "structure.cycle", "spof.org", "spof.bridge",
    "blocker.stale", "spof.bottleneck_org", "handoff.longest_chain", "critical_path", "handoff.cross_org",
    "structure.empty_stage", "ownership.isolated_org",
)
ACT_FIRST = 10  # findings in "act on these first"
ACT_FIRST_PER_KIND = 3  # at most this many of one kind there


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
    action: str = ""  # the next step, as a sentence: "Agree an owner for this step."
    actor_ids: tuple[str, ...] = ()  # the organisations that should take it

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
            "action": self.action,
            "actor_ids": list(self.actor_ids),
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
    monthly_users: int | None  # the users a month at the blocked steps (the busiest of them)
    stale: bool

    def to_json(self) -> dict[str, Any]:
        """The figures only: the title, the steps it stops and the organisations it reaches are in the
        ``blocker.impact`` finding with the same subject, and are not repeated (on a 5,000-step
        journey they doubled the report's size)."""
        return {"blocker_id": self.blocker_id, "severity": self.severity, "steps_reached": self.steps_reached,
                "organisations": len(self.organisation_ids), "monthly_users": self.monthly_users, "stale": self.stale}


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

    def groups(self) -> list[dict[str, Any]]:
        """The kinds that have findings, most urgent first: kind, title, count, worst severity, priority."""
        worst: dict[str, int] = {}
        for f in self.findings:
            worst[f.kind] = max(worst.get(f.kind, 0), f.rank)
        weight = {kind: n for n, kind in enumerate(PRIORITY)}
        kinds = sorted(worst, key=lambda k: (-worst[k], weight.get(k, len(weight))))
        return [{"kind": k, "title": KINDS[k], "count": self.counts[k], "worst": SEVERITIES[worst[k] - 1],
                 "priority": n + 1} for n, k in enumerate(kinds)]

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (dates as ISO text)."""
        return {
            "journey_id": self.journey_id,
            "journey_name": self.journey_name,
            "today": self.today.isoformat(),
            "scenario": list(self.scenario),
            "stats": dict(self.stats),
            "counts": dict(self.counts),
            "groups": self.groups(),
            "act_first": [self.findings.index(f) for f in act_first(self)],  # places in "findings"
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


_IRREGULAR = {"dependency": "dependencies", "policy": "policies", "is": "are", "has": "have", "needs": "need"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 step``, ``2 steps``, ``1,234 dependencies``: the one helper every count in a message goes through.

    The last word of ``word`` takes the plural (``1 more step``, ``3 more steps``); ``many`` overrides it.
    """
    if n == 1:
        return f"{n:,} {word}"
    if many is None:
        head, _, last = word.rpartition(" ")
        if last in _IRREGULAR:
            last = _IRREGULAR[last]
        elif last.endswith("y") and last[-2:-1] not in "aeiou":
            last = last[:-1] + "ies"
        else:
            last += "s"
        many = f"{head} {last}" if head else last
    return f"{n:,} {many}"





def duration_text(hours: float) -> str:
    """A typical duration as a person says it: 45 minutes, 3.5 hours, 2 days, 3 weeks."""
    if hours < 1:
        return plural(round(hours * 60), "minute")
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

    def __init__(self, data: JourneyData, today: date, include_sensitive: bool = True) -> None:
        self.data = data
        self.today = today
        self.include_sensitive = include_sensitive
        self.index = StepIndex(data)
        self.cond = Condensation(self.index)
        self.steps: list[StepInfo] = self.index.steps
        self.owner: list[str | None] = [s.owner_id for s in self.steps]
        self.stage_name = {s.id: s.name for s in data.stages}
        self.labels = {o.id: o.label for o in data.organisations.values()}
        self.quoted = [_quote(s.title) for s in self.steps]
        self.findings: list[Finding] = []
        self._bits: list[int] | None = None
        self._reached: int | None = None
        self._options: list[tuple[int, list[int], int]] | None = None
        self.entries = [i for i, s in enumerate(self.steps) if s.stage_id == data.entry_stage_id]

    @property
    def bits(self) -> list[int]:
        if self._bits is None:
            self._bits = self.cond.descendant_bits()
        return self._bits

    @property
    def reached(self) -> int:
        """The steps a route of dependencies reaches from the entry steps (a bitset)."""
        if self._reached is None:
            acc = 0
            for c in {self.cond.comp_of[i] for i in self.entries}:
                acc |= self.bits[c]
            self._reached = acc
        return self._reached

    @property
    def options(self) -> list[tuple[int, list[int], int]]:
        """``(step, exclusive regions, their union)`` for each step the user leaves by one of several alternatives.

        A step with an ``alternative`` dependency offers a choice: each alternative target is one
        option, and its other dependencies' targets together are one more. An option's *exclusive
        region* is the set of steps (a bitset) reached from that option and from no other; a user who
        takes one option never meets the steps of another's region. Regions that are empty (the
        options meet again at once) are left out, and a step with fewer than two left offers no choice.
        """
        if self._options is None:
            index, comp_of, bits = self.index, self.cond.comp_of, self.bits
            out: list[tuple[int, list[int], int]] = []
            for i in range(len(index)):
                ks = index.out_deps[i]
                if len(ks) < 2 or not any(index.deps[k].kind == "alternative" for k in ks):
                    continue
                rest = 0
                reach: list[int] = []
                for v, k in zip(index.succ[i], ks, strict=True):
                    if v == i:
                        continue
                    if index.deps[k].kind == "alternative":
                        reach.append(bits[comp_of[v]])
                    else:
                        rest |= bits[comp_of[v]]
                if rest:
                    reach.append(rest)
                if len(reach) < 2:
                    continue
                # A step in two options' reach is in neither region: count how many reach each step.
                once, twice = 0, 0
                for r in reach:
                    twice |= once & r
                    once |= r
                regions = [only for only in (r & ~twice for r in reach) if only]
                if len(regions) >= 2:
                    union = 0
                    for r in regions:
                        union |= r
                    out.append((i, regions, union))
            self._options = out
        return self._options

    def add(self, kind: str, severity: str, message: str, subject: str, **ids: Any) -> Finding:
        finding = Finding(kind, severity, message, subject, **ids)
        self.findings.append(finding)
        return finding

    def title(self, i: int) -> str:
        return self.quoted[i]

    def org(self, org_id: str | None) -> str:
        found = self.labels.get(org_id)  # type: ignore[arg-type]
        return found if found is not None else self.data.org_label(org_id)

    def blocker_title(self, blocker: BlockerInfo) -> str:
        """A blocker's title in quotes; an OFFICIAL-SENSITIVE one marked, or withheld when it must be."""
        if not blocker.sensitive:
            return f"{OPEN_QUOTE}{blocker.title}{CLOSE_QUOTE}"
        if self.include_sensitive:
            return f"[{SENSITIVE}] {OPEN_QUOTE}{blocker.title}{CLOSE_QUOTE}"
        return f"An {SENSITIVE} blocker (title withheld)"

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

    def neighbours_owners(self, i: int) -> tuple[str, ...]:
        """The organisations that own the steps just before and just after step ``i``."""
        near = [self.owner[j] for j in (*self.index.pred[i], *self.index.succ[i])]
        return tuple(sorted({o for o in near if o is not None}, key=self.org))


def _ownership(run: _Run) -> None:
    data = run.data
    owned: dict[str, list[int]] = defaultdict(list)
    supported: dict[str, int] = defaultdict(int)
    for i, step in enumerate(run.steps):
        for org_id in step.supporter_ids:
            supported[org_id] += 1
        if step.owner_id is None:
            near = run.neighbours_owners(i)
            run.add(
                "ownership.no_owner", "high",
                f"No organisation owns {run.title(i)} ({run.stage_name.get(step.stage_id, 'no stage')}): "
                "nobody is answerable for it.",
                step.id, step_ids=(step.id,),
                action="Agree an owner for this step"
                + (f" with {_names([run.org(o) for o in near])}, who own the steps around it." if near else "."),
                actor_ids=near,
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
            f"Nobody from {who} is in the community, yet it owns {plural(len(indices), 'step')} here: "
            f"{_names([run.title(i) for i in indices])}.",
            org_id, step_ids=run.step_ids(indices), organisation_ids=(org_id,), data={"steps": len(indices)},
            action=f"Invite {org.name if org else who} to the community.",
        )
    for org in data.organisations.values():
        if org.id in owned:
            continue
        n = supported.get(org.id, 0)
        helps = f" It supports {plural(n, 'step')}." if n else ""
        run.add(
            "ownership.isolated_org", "low",
            f"{org.label} is in the community but owns no step in this journey.{helps}",
            org.id, organisation_ids=(org.id,), data={"supports": n},
            action=f"Check with {org.label} whether it has a step of its own in this journey.",
            actor_ids=(org.id,),
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
        owner = (step.owner_id,) if step.owner_id else ()
        run.add(
            "assisted_digital.online_only", "medium",
            f"{run.where(i)} can only be done online: there is no phone, paper or face-to-face route "
            f"for people who cannot go online.{volume}",
            step.id, step_ids=(step.id,), organisation_ids=owner,
            data={"monthly_volume": step.monthly_volume},
            action="Add an assisted route (phone, paper or face to face) for people who cannot go online.",
            actor_ids=owner,
        )


def _structure(run: _Run) -> None:
    data, index, cond = run.data, run.index, run.cond
    entries = run.entries
    reached = run.reached
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
        owner = (step.owner_id,) if step.owner_id else ()
        run.add(
            "structure.unreachable", "high",
            f"No route from the start of the journey reaches {run.where(i)}: {why}.",
            step.id, step_ids=(step.id,), organisation_ids=owner,
            action="Draw the dependency that leads the user to this step, or take the step out of the journey.",
            actor_ids=owner,
        )
    for i, step in enumerate(run.steps):
        if not index.succ[i] and step.stage_id != data.last_stage_id:
            owner = (step.owner_id,) if step.owner_id else ()
            run.add(
                "structure.dead_end", "high",
                f"The journey stops at {run.where(i)}: nothing follows it, yet it is not in the last stage.",
                step.id, step_ids=(step.id,), organisation_ids=owner,
                action="Say where the user goes next: draw the dependency from this step.",
                actor_ids=owner,
            )
    for c in cond.loops:
        members = cond.members[c]
        orgs = sorted({o for o in (run.owner[i] for i in members) if o is not None}, key=run.org)
        across = f", across {_names([run.org(o) for o in orgs])}" if len(orgs) > 1 else ""
        if len(members) == 1:
            text = f"{run.where(members[0])} leads back to itself, so a user can be sent round it again"
        else:
            text = (f"{plural(len(members), 'step')} ({_names([run.title(i) for i in members])}) "
                    f"each lead back to the others{across}, so a user can be sent round them again")
        run.add(
            "structure.cycle", "medium",
            f"Rework loop: {text}.",
            index.ids[members[0]], step_ids=run.step_ids(members),
            dependency_ids=run.dep_ids(cond.inner_deps.get(c, ())),
            organisation_ids=tuple(orgs), data={"steps": len(members)},
            action="Find out why users are sent round again and what would get it right first time.",
            actor_ids=tuple(orgs),
        )
    used = {s.stage_id for s in run.steps}
    for stage in data.stages:
        if stage.id not in used:
            run.add("structure.empty_stage", "low", f"The stage {_quote(stage.name)} has no steps.", stage.id,
                    data={"stage_id": stage.id}, action="Add the stage's steps, or remove the stage.")


def _handoffs(run: _Run) -> tuple[list[HandoffPair], int]:
    """The table of organisation pairs, one summary finding, and one finding per pair with unagreed hand-offs."""
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
    total = sum(p.count for p in table)
    if table:
        top = table[0]
        unagreed = sum(p.unagreed for p in table)
        orgs = tuple(dict.fromkeys(o for p in table for o in (p.from_organisation_id, p.to_organisation_id)))
        not_agreed = (f"; {plural(unagreed, 'is', 'are')} not agreed" if unagreed else "; all are agreed")
        run.add(
            "handoff.cross_org", "medium" if unagreed else "low",
            f"{plural(total, 'dependency')} {'crosses' if total == 1 else 'cross'} between organisations, "
            f"over {plural(len(table), 'pair')} of organisations{not_agreed}. The most cross from "
            f"{run.org(top.from_organisation_id)} to {run.org(top.to_organisation_id)} ({top.count:,}).",
            "", organisation_ids=orgs,
            data={"count": total, "pairs": len(table), "unagreed": unagreed},
            action="Go through the table of hand-offs with each pair of organisations and agree how each one works.",
        )
    for p in table:
        if not p.unagreed:
            continue
        a, b = p.from_organisation_id, p.to_organisation_id
        ks = [index.dep_place[d] for d in p.dependency_ids]
        open_ks = [k for k in ks if not index.deps[k].agreed]
        shown = [f"{run.title(index.edges[k][0])} to {run.title(index.edges[k][1])}" for k in open_ks]
        steps = list(dict.fromkeys(i for k in open_ks for i in index.edges[k]))
        run.add(
            "handoff.unagreed", "medium",
            f"{plural(len(open_ks), 'hand-off')} from {run.org(a)} to {run.org(b)} "
            f"{'has' if len(open_ks) == 1 else 'have'} not been agreed between the two: {_names(shown)}.",
            f"{a}>{b}", step_ids=run.step_ids(steps), dependency_ids=run.dep_ids(open_ks),
            organisation_ids=(a, b), data={"unagreed": len(open_ks), "count": p.count},
            action=f"Agree the hand-off{'' if len(open_ks) == 1 else 's'} between {run.org(a)} and {run.org(b)}.",
            actor_ids=(a, b),
        )
    _ping_pong(run)
    return table, total


def _ping_pong(run: _Run) -> None:
    """Sent from A to one step of B and straight back to A; bounces that share a dependency are one finding."""
    index, owner = run.index, run.owner
    in_deps: list[list[int]] = [[] for _ in range(len(index))]
    for k, (_u, v) in enumerate(index.edges):
        in_deps[v].append(k)
    parent: dict[int, int] = {}

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for v in range(len(index)):
        b = owner[v]
        if b is None:
            continue
        for k1 in in_deps[v]:
            a = owner[index.edges[k1][0]]
            if a is None or a == b:
                continue
            for w, k2 in zip(index.succ[v], index.out_deps[v], strict=True):
                if owner[w] == a:
                    parent.setdefault(k1, k1)
                    parent.setdefault(k2, k2)
                    parent[find(k1)] = find(k2)
    if not parent:
        return
    groups: dict[int, list[int]] = defaultdict(list)
    for k in parent:
        groups[find(k)].append(k)
    for ks in sorted(groups.values(), key=min):
        ks.sort()
        steps = sorted({i for k in ks for i in index.edges[k]})
        orgs = tuple(sorted({o for o in (owner[i] for i in steps) if o is not None}, key=run.org))
        a, b = owner[index.edges[ks[0]][0]], owner[index.edges[ks[0]][1]]
        bounces = sum(1 for k in ks if owner[index.edges[k][1]] == a)
        run.add(
            "handoff.ping_pong", "medium",
            f"The user is sent from {run.org(a)} to {run.org(b)} for one step and straight back"
            + (f", {plural(bounces, 'time')} over" if bounces > 1 else "")
            + ": " + " → ".join(run.title(i) for i in steps) + ".",
            "|".join(run.dep_ids(ks)), step_ids=run.step_ids(steps), dependency_ids=run.dep_ids(ks),
            organisation_ids=orgs, data={"bounces": bounces},
            action=f"Agree whether {_names([run.org(o) for o in orgs])} can do this in one place, "
                   "so the user is not sent back.",
            actor_ids=orgs,
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
    # The count is the arrows of the chain as printed: a step nobody owns between two organisations
    # still passes the user from one to the other.
    count = len(orgs) - 1
    loops = " (rework loops counted once)" if cond.loops else ""
    distinct = tuple(dict.fromkeys(orgs))
    run.add(
        "handoff.longest_chain", "medium" if count >= LONG_CHAIN else "low",
        f"Along the route with the most hand-offs the user is passed between organisations "
        f"{plural(count, 'time')}{loops}: {' → '.join(run.org(o) for o in orgs)}, "
        f"from {run.title(steps[0])} to {run.title(steps[-1])}.",
        "", step_ids=run.step_ids(steps), dependency_ids=run.dep_ids(d for d in deps if run.crosses(d)),
        organisation_ids=distinct, data={"handoffs": count, "route": list(run.dep_ids(deps))},
        action="Look along this route for hand-offs that could be joined up, or done once for the user.",
        actor_ids=distinct,
    )


ROUTES_MAX = 16  # routes kept per data item when alternatives split its asks (the ones with most asks)


def _routes(run: _Run, mask: int) -> list[int]:
    """The steps of ``mask`` split by alternatives: each set can all be met by one user."""
    routes = [mask]
    for _step, regions, union in run.options:
        if (mask & union).bit_count() < 2:
            continue  # at most one ask beyond this choice: it splits nothing
        split: list[int] = []
        for route in routes:
            inside = route & union
            if inside.bit_count() < 2:
                split.append(route)
                continue
            hits = [route & r for r in regions if inside & r]
            if len(hits) < 2:
                split.append(route)
                continue
            common = route & ~union
            split.extend(common | h for h in hits)
        routes = list(dict.fromkeys(split))
        if len(routes) > ROUTES_MAX:
            routes = sorted(routes, key=lambda r: -r.bit_count())[:ROUTES_MAX]
    return routes


def _tell_us_once(run: _Run) -> None:
    """Data asked for at steps of different organisations, counted on the route that asks most."""
    asked: dict[str, list[int]] = defaultdict(list)
    for i, step in enumerate(run.steps):
        for item in step.data_item_ids:
            asked[item].append(i)
    repeats = []
    for item, all_indices in asked.items():
        indices = all_indices
        orgs = list(dict.fromkeys(o for o in (run.owner[i] for i in indices) if o is not None))
        if len(orgs) < 2:
            continue
        routes = 1
        if run.options:
            mask = 0
            for i in indices:
                mask |= 1 << i
            split = _routes(run, mask)
            if len(split) > 1:
                routes = len(split)
                by_org: dict[str, int] = defaultdict(int)  # each organisation's asks, as a bitset
                for i in indices:
                    o = run.owner[i]
                    if o is not None:
                        by_org[o] |= 1 << i
                masks = list(by_org.values())

                def weight(route: int, masks: list[int] = masks) -> tuple[int, int]:
                    return (sum(1 for m in masks if route & m), route.bit_count())

                best = max(split, key=weight)
                indices = sorted(_bit_positions(best))
                orgs = list(dict.fromkeys(o for o in (run.owner[i] for i in indices) if o is not None))
                if len(orgs) < 2:
                    continue
        repeats.append((item, indices, orgs, routes))
    repeats.sort(key=lambda r: (-len(r[2]), -len(r[1]), r[1][0], r[0]))  # most organisations first
    for item, indices, orgs, routes in repeats:
        first = indices[0]
        name = run.data.data_items.get(item, "the same information")
        later = [f"{run.title(i)} ({run.org(run.owner[i])})" for i in indices[1:]]
        on_route = " along one route" if routes > 1 else ""
        first_owner = run.owner[first]
        run.add(
            "tell_us_once.repeated_data", "high" if len(orgs) >= 3 else "medium",
            f"The user is asked for {name} at {plural(len(indices), 'step')} by "
            f"{plural(len(orgs), 'organisation')}{on_route}. {run.where(first)} already collects it, so "
            f"{_names(later)} could reuse it.",
            item, step_ids=run.step_ids(indices), organisation_ids=tuple(orgs),
            data={"data_item_id": item, "data_item": name, "first_step_id": run.index.ids[first], "routes": routes},
            action=(f"Agree that {run.org(first_owner)} shares {name} with the others instead of them asking again."
                    if first_owner else f"Agree who collects {name} once and shares it."),
            actor_ids=tuple(orgs),
        )


def _spof_severity(cut_off: int, total: int) -> str:
    if cut_off * 5 >= total and cut_off >= 3:
        return "high"
    return "medium" if cut_off >= 3 else "low"


def _spof_steps(run: _Run) -> None:
    """Cut vertices, each with the bridges that touch it (one cut, one finding); other bridges alone."""
    vertices, bridges = cut_points(run.index)
    total = len(run.index)
    vertices.sort(key=lambda cv: (-cv.cut_off, cv.step))  # the biggest cuts first
    bridges.sort(key=lambda br: (-br.cut_off, br.dependency))
    cut = {cv.step for cv in vertices}
    beside: dict[int, list[int]] = defaultdict(list)
    alone = []
    for br in bridges:
        u, v = run.index.edges[br.dependency]
        at = u if u in cut else v if v in cut else None
        if at is None:
            alone.append(br)
        else:
            beside[at].append(br.dependency)
    for cv in vertices:
        i = cv.step
        owner = (run.owner[i],) if run.owner[i] else ()
        only = beside.get(i, [])
        run.add(
            "spof.step", _spof_severity(cv.cut_off, total),
            f"The journey hangs on {run.where(i)}: without it, it falls into {cv.parts} parts and "
            f"{plural(cv.cut_off, 'step')} would be cut off from the rest.",
            run.index.ids[i], step_ids=(run.index.ids[i],), dependency_ids=run.dep_ids(only),
            organisation_ids=owner,
            data={"parts": cv.parts, "cut_off": cv.cut_off, "bridges": len(only)},
            action="Agree a fallback for this step, or another route round it, so one failure does not stop the rest.",
            actor_ids=owner,
        )
    for br in alone:
        u, v = run.index.edges[br.dependency]
        dep = run.index.deps[br.dependency]
        both = tuple(dict.fromkeys(o for o in (run.owner[u], run.owner[v]) if o is not None))
        run.add(
            "spof.bridge", _spof_severity(br.cut_off, total),
            f"Only the dependency from {run.where(u)} to {run.where(v)} joins "
            f"{plural(br.cut_off, 'step')} to the rest of the journey.",
            dep.id, step_ids=(dep.from_step_id, dep.to_step_id), dependency_ids=(dep.id,),
            organisation_ids=both, data={"cut_off": br.cut_off},
            action="Agree a fallback for this hand-off.", actor_ids=both,
        )


def _spof_orgs(run: _Run, pairs: list[HandoffPair]) -> dict[str, float]:
    """Articulation points and betweenness of the organisation graph's hand-off edges.

    The graph is the one :func:`~servicecommunity.analysis.graphs.organisation_graph` builds, without the
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
            action=f"Agree with {run.org(org_id)} what happens to its hand-offs if it cannot act.",
            actor_ids=(org_id,),
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
            action=f"Check with {run.org(org_id)} that it can handle the hand-offs that pass through it.",
            actor_ids=(org_id,),
        )
    return {o: round(v, 4) for o, v in sorted(centrality.items(), key=lambda kv: -kv[1])}


LONG_PATH_STEPS = 40  # a route longer than this is no one user's journey
LONGEST_NAMED = 3  # the longest steps named on the critical path


def _critical_path(run: _Run) -> CriticalPath | None:
    """The longest route by typical duration from an entry step, through reachable steps only.

    Alternatives are either/or: the longest path takes the longer of two alternatives, never both.
    """
    cond = run.cond
    n = len(cond)
    if not n or not run.entries or all(s.duration_hours is None for s in run.steps):
        return None
    weight = [sum(run.steps[i].duration_hours or 0.0 for i in members) for members in cond.members]
    dist = [-1.0] * n  # -1: not reached from an entry step
    for c in {cond.comp_of[i] for i in run.entries}:
        dist[c] = weight[c]
    back = [-1] * n
    for c in range(n):
        if dist[c] < 0:
            continue
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
    looped = any(c in cond.loops for c in comps) if cond.loops else False
    path = CriticalPath(run.step_ids(steps), run.dep_ids(deps), round(dist[end], 4), missing, looped)
    meaningful = len(steps) <= LONG_PATH_STEPS
    timed = sorted((i for i in steps if run.steps[i].duration_hours), key=lambda i: -(run.steps[i].duration_hours or 0))
    longest = [f"{run.title(i)} ({duration_text(run.steps[i].duration_hours or 0.0)})" for i in timed[:LONGEST_NAMED]]
    notes = ""
    if longest:
        notes += f" The longest {'step is' if len(longest) == 1 else 'steps are'} {_names(longest)}."
    notes += (" These are the typical times the map records, waiting included: it does not say how much of "
              "each is the user's own effort.")
    if missing:
        notes += f" {plural(missing, 'step')} on it {'has' if missing == 1 else 'have'} no typical time recorded, so it may take longer."
    if looped:
        notes += " The route passes a rework loop, so this is measured with the loop's steps counted once."
    if not meaningful:
        notes += (f" A route of {plural(len(steps), 'step')} is not one user's journey: the dependencies "
                  "probably join routes that users take separately, so check them before relying on this figure.")
    orgs = tuple(dict.fromkeys(o for o in (run.owner[i] for i in steps) if o is not None))
    run.add(
        "critical_path", "low" if meaningful else "medium",
        f"The longest route from the start of the journey takes about {duration_text(path.total_hours)} "
        f"over {plural(len(steps), 'step')}, from {run.title(steps[0])} to {run.title(steps[-1])}.{notes}",
        "", step_ids=path.step_ids, dependency_ids=path.dependency_ids, organisation_ids=orgs,
        data={"total_hours": path.total_hours, "missing_durations": missing, "on_condensation": looped,
              "meaningful": meaningful},
        action=("Check the dependencies: a real user's route is much shorter." if not meaningful else
                "Start with the longest steps on this route: they set how long the journey takes."),
        actor_ids=tuple(dict.fromkeys(o for o in (run.owner[i] for i in timed[:LONGEST_NAMED]) if o is not None)),
    )
    return path


def _blockers(run: _Run) -> list[BlockerImpact]:
    """Each open blocker's reach, from sets computed once per component of the condensation.

    Descendant steps as bitsets and organisations as small bitmasks (bits in label order) are each
    folded over the condensation once, in reverse topological order; a blocker then costs a few ORs
    over the components of the steps it stops, not a graph search. The ranking, the findings and
    every export share one order: most steps held up first, then the worse severity, then the older.
    """
    cond, data = run.cond, run.data
    org_ids = list(data.organisations)
    org_ids += sorted({o for o in run.owner if o is not None and o not in data.organisations})
    org_bit = {o: 1 << n for n, o in enumerate(org_ids)}
    n = len(cond)
    orgs = [0] * n
    owner, steps = run.owner, run.steps
    for c in range(n - 1, -1, -1):  # successors first
        acc = 0
        for i in cond.members[c]:
            o = owner[i]
            if o is not None:
                acc |= org_bit[o]
        for d in cond.succ[c]:
            acc |= orgs[d]
        orgs[c] = acc
    bits, comp_of, place = run.bits, cond.comp_of, run.index.place
    org_sets: dict[int, tuple[str, ...]] = {}
    # Blockers crowd onto a few steps: what a set of components reaches is worked out once.
    reach_of: dict[tuple[int, ...], tuple[int, tuple[str, ...]]] = {}
    ranking: list[BlockerImpact] = []
    stale: set[str] = {b.id for b in data.blockers if _is_stale(b, run.today)}
    raised: dict[str, date] = {}
    for blocker in data.blockers:
        direct = data.blocker_steps[blocker.id]
        if not direct:
            continue
        comps = (comp_of[place[direct[0]]],) if len(direct) == 1 else tuple(sorted({comp_of[place[s]] for s in direct}))
        known = reach_of.get(comps)
        if known is None:
            reach, org_mask = 0, 0
            for c in comps:
                reach |= bits[c]
                org_mask |= orgs[c]
            affected = org_sets.get(org_mask)
            if affected is None:
                affected = org_sets[org_mask] = tuple(org_ids[b] for b in _bit_positions(org_mask))
            known = reach_of[comps] = (reach.bit_count(), affected)
        reached, affected = known
        most = -1  # the users at the blocked steps (a blocked hand-off's: those at the step it leads to)
        for s in direct:
            v = steps[place[s]].monthly_volume
            if v is not None and v > most:
                most = v
        raised[blocker.id] = blocker.raised_on or blocker.last_activity or date.max
        ranking.append(BlockerImpact(
            blocker.id, run.blocker_title(blocker), blocker.severity, direct, reached, affected,
            most if most >= 0 else None, blocker.id in stale,
        ))
    ranking.sort(key=lambda b: (-b.steps_reached, -SEVERITY_RANK.get(b.severity, 0), raised[b.blocker_id], b.blocker_id))
    by_id = {b.id: b for b in data.blockers}
    findings = run.findings
    total = len(run.index)
    for impact in ranking:
        # Written out rather than through the helpers: this runs once per open blocker, 20,000 times
        # in a big community.
        blocker = by_id[impact.blocker_id]
        head = f"{impact.title} ({blocker.severity})"
        resolver = run.org(blocker.owner_id) if blocker.owner_id else None
        direct_ids = impact.direct_step_ids
        one = len(direct_ids) == 1
        later = impact.steps_reached - len(direct_ids)
        monthly = impact.monthly_users
        n_orgs = len(impact.organisation_ids)
        stops = (run.quoted[place[direct_ids[0]]] if one else _names([run.quoted[place[s]] for s in direct_ids]))
        if later == 0:
            holds = f"; nothing else waits on {'it' if one else 'them'}"
        elif impact.steps_reached * 2 > total:
            holds = f" and with {'it' if one else 'them'} holds up most of the journey: {impact.steps_reached:,} of {total:,} steps"
        else:
            holds = f" and holds up {later:,} more step{'' if later == 1 else 's'} after {'it' if one else 'them'}"
        message = (
            f"{head} stops {stops}{holds}, owned by {n_orgs} organisation{'' if n_orgs == 1 else 's'}"
            + (f"; about {monthly:,} users a month reach the blocked step{'' if one else 's'}." if monthly else ".")
            + (f" It is caused by {_names([run.org(o) for o in blocker.blocking_organisation_ids])}."
               if blocker.blocking_organisation_ids else "")
        )
        if impact.stale:
            message += f" It {_staleness(blocker, run.today)}."
        message += f" {resolver} must resolve it." if resolver else " Nobody owns resolving it."
        findings.append(Finding(
            "blocker.impact", blocker.severity, message, blocker.id, direct_ids, (), impact.organisation_ids,
            (blocker.id,),
            {"steps_reached": impact.steps_reached, "monthly_users": monthly, "stale": impact.stale,
             "caused_by": blocker.blocking_organisation_ids, "owner_id": blocker.owner_id},
            (f"{resolver} to resolve it" + (", and to update it or set a new due date." if impact.stale else ".")
             if resolver else "Agree which organisation owns resolving it."),
            (blocker.owner_id,) if blocker.owner_id else blocker.blocking_organisation_ids,
        ))
    ranked = {b.blocker_id for b in ranking}
    for blocker_id in sorted(stale - ranked):  # stale, though it stops no step left in the journey
        blocker = by_id[blocker_id]
        resolver = run.org(blocker.owner_id) if blocker.owner_id else None
        findings.append(_stale_finding(run, blocker, f"{run.blocker_title(blocker)} ({blocker.severity})", resolver))
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


def _staleness(blocker: BlockerInfo, today: date) -> str:
    """``is 30 days past its due date (2025-06-01) and has had no update for more than 30 days (45)``."""
    due, last = blocker.due_on, blocker.last_activity
    parts = []
    if due is not None and due < today:
        parts.append(f"is {plural((today - due).days, 'day')} past its due date ({due.isoformat()})")
    quiet = (today - last).days if last is not None else 0
    if quiet > STALE_DAYS:
        parts.append(f"has had no update for more than {STALE_DAYS} days ({quiet:,})")
    return " and ".join(parts)


def _stale_finding(run: _Run, blocker: BlockerInfo, head: str, resolver: str | None) -> Finding:
    due, last = blocker.due_on, blocker.last_activity
    owner = f"; {resolver} must resolve it" if resolver else "; nobody owns resolving it"
    return Finding(
        "blocker.stale", blocker.severity, f"{head} {_staleness(blocker, run.today)}{owner}.",
        blocker.id, run.data.blocker_steps.get(blocker.id, ()), (),
        (blocker.owner_id,) if blocker.owner_id else (), (blocker.id,),
        {"overdue": due is not None and due < run.today, "last_activity": last.isoformat() if last else None,
         "due_on": due.isoformat() if due else None},
        f"{resolver} to update it or set a new due date." if resolver else "Agree which organisation owns it.",
        (blocker.owner_id,) if blocker.owner_id else (),
    )


RANKED_KINDS = frozenset({"blocker.impact"})  # kept in their own ranking, never re-sorted by severity


def _in_order(found: list[Finding]) -> tuple[list[Finding], dict[str, int]]:
    """By kind, then worst first, keeping each part's own order (busiest, biggest cut); blockers by impact."""
    buckets: dict[str, list[Finding]] = {kind: [] for kind in KINDS}
    for f in found:
        buckets[f.kind].append(f)
    ordered: list[Finding] = []
    for kind, bucket in buckets.items():
        if kind in RANKED_KINDS:
            ordered.extend(bucket)
            continue
        for severity in reversed(SEVERITIES):
            ordered.extend([f for f in bucket if f.severity == severity])
    return ordered, {kind: len(bucket) for kind, bucket in buckets.items()}


def act_first(report: Report, limit: int = ACT_FIRST) -> list[Finding]:
    """About ``limit`` findings to act on first, across kinds: worst severity, then the kind's priority.

    Each kind gives at most :data:`ACT_FIRST_PER_KIND`, its worst, ties in its own order (blockers
    by impact, the busiest step first...), so that a flood of one kind cannot hide the rest (nor a
    critical blocker hide behind three high ones that reach further); low findings only when nothing
    worse is left.
    """
    weight = {kind: n for n, kind in enumerate(PRIORITY)}
    by_kind: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:  # already by kind, each kind in its own order
        by_kind[f.kind].append(f)
    pool: list[Finding] = []
    for found in by_kind.values():  # the worst of each kind, ties in the kind's own order (a stable sort)
        pool.extend(sorted(found, key=lambda f: -f.rank)[:ACT_FIRST_PER_KIND])
    pool.sort(key=lambda f: (-f.rank, weight.get(f.kind, len(weight))))
    serious = [f for f in pool if f.rank > SEVERITY_RANK["low"]]
    return (serious or pool)[:limit]


def analyse_data(data: JourneyData, *, today: date | None = None, include_sensitive: bool = True) -> Report:
    """Analyse a loaded journey (pure: no session, safe in a worker thread).

    ``include_sensitive=False`` withholds the titles of OFFICIAL-SENSITIVE blockers (the command line's
    default); with it they are shown marked ``[OFFICIAL-SENSITIVE]``.
    """
    with gc_paused():
        return _analyse_data(data, today=today, include_sensitive=include_sensitive)


def _analyse_data(data: JourneyData, *, today: date | None = None, include_sensitive: bool = True) -> Report:
    today = today or date.today()
    timings: dict[str, float] = {}
    start = time.perf_counter()

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        result = fn()
        timings[name] = time.perf_counter() - t
        return result

    run: _Run = timed("index", lambda: _Run(data, today, include_sensitive))
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
            step_ids=step_ids, dependency_ids=dep_ids, blocking_organisation_ids=causes, sensitive=b.sensitive,
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
    include_sensitive: bool = True,
) -> WhatIf:
    """Analyse a loaded journey as it is and with the change, and compare."""
    today = today or date.today()
    changed = apply_scenario(data, without_step=without_step, without_org=without_org, resolve_blocker=resolve_blocker)
    return compare(analyse_data(data, today=today, include_sensitive=include_sensitive),
                   analyse_data(changed, today=today, include_sensitive=include_sensitive))


def analyse(
    session: Session,
    journey_id: str,
    *,
    today: date | None = None,
    without_step: str | None = None,
    without_org: str | None = None,
    resolve_blocker: str | None = None,
    include_sensitive: bool = True,
) -> Report:
    """Load a journey and analyse it, or the what-if the keyword arguments (ids) describe."""
    t = time.perf_counter()
    data = load_journey(session, journey_id)
    loaded = time.perf_counter() - t
    if without_step or without_org or resolve_blocker:
        data = apply_scenario(data, without_step=without_step, without_org=without_org, resolve_blocker=resolve_blocker)
    report = analyse_data(data, today=today, include_sensitive=include_sensitive)
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
