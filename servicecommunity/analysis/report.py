"""The report of an analysis: its findings, the figures behind them, and its JSON.

:class:`Report` holds one run's findings (already in order: by kind, worst first, blockers by
impact), the hand-off table, the critical path and the blocker ranking; :class:`WhatIf` compares two
reports. :data:`KINDS` names every kind of finding and :data:`PRIORITY` weighs them when
:func:`act_first` picks about ten to act on first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from servicecommunity.domain.enums import Severity

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
