"""The report of an analysis: its findings, the figures behind them, and its JSON.

:class:`Report` holds one run's findings (already in order: by kind, worst first, blockers by
impact), the hand-off table, the critical path and the blocker ranking; :class:`WhatIf` compares two
reports. :data:`KINDS` names every kind of finding and :data:`PRIORITY` weighs them when
:func:`act_first` picks about ten to act on first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from servicecommunity.domain.enums import Severity
from servicecommunity.i18n import N_, gettext

KINDS: dict[str, str] = {
    "ownership.no_owner": N_("Steps nobody owns"),
    "ownership.nobody_at_table": N_("Owners with nobody in the community"),
    "ownership.isolated_org": N_("Organisations that own nothing in this journey"),
    "assisted_digital.online_only": N_("Online only: no assisted digital route"),
    "structure.unreachable": N_("Steps no route reaches"),
    "structure.dead_end": N_("Dead ends"),
    "structure.cycle": N_("Rework loops"),
    "structure.empty_stage": N_("Stages with no steps"),
    "handoff.cross_org": N_("Hand-offs between organisations"),
    "handoff.unagreed": N_("Hand-offs nobody has agreed"),
    "handoff.ping_pong": N_("Passed back and forth"),
    "handoff.longest_chain": N_("Longest chain of hand-offs"),
    "tell_us_once.repeated_data": N_("Tell us once: data asked for again"),
    "spof.step": N_("Steps the journey hangs on"),
    "spof.bridge": N_("Dependencies the journey hangs on"),
    "spof.org": N_("Organisations the journey hangs on"),
    "spof.bottleneck_org": N_("Bottleneck organisations"),
    "critical_path": N_("Critical path"),
    "blocker.impact": N_("Blocker impact"),
    "blocker.stale": N_("Stale blockers"),
}


def kind_title(kind: str) -> str:
    """A kind's title in the current language (:data:`KINDS` holds the English)."""
    return gettext(KINDS[kind]) if kind in KINDS else kind


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
    """One fact about the journey, with what to do about it; :attr:`message` is its sentence."""

    kind: str
    severity: str
    #: The sentence, or a function that writes it when :attr:`message` is first read: a big journey
    #: has 20,000 blocker findings, and a report shows a few of each kind.
    text: str | Callable[[], str]
    subject: str = ""
    step_ids: tuple[str, ...] = ()
    dependency_ids: tuple[str, ...] = ()
    organisation_ids: tuple[str, ...] = ()
    blocker_ids: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    action: str = ""  # the next step, as a sentence: "Agree an owner for this step."
    actor_ids: tuple[str, ...] = ()  # the organisations that should take it

    @property
    def message(self) -> str:
        """The sentence a facilitator can read aloud."""
        text = self.text
        if not isinstance(text, str):
            text = self.text = text()
        return text

    @message.setter
    def message(self, value: str) -> None:
        self.text = value

    @property
    def key(self) -> tuple[str, str]:
        """What the finding is about, the same in a what-if scenario as today."""
        return (self.kind, self.subject)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK.get(self.severity, 0)


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



@dataclass(slots=True)
class CriticalPath:
    step_ids: tuple[str, ...]
    dependency_ids: tuple[str, ...]
    total_hours: float
    missing_durations: int  # steps on the path with no typical duration
    on_condensation: bool  # the journey has loops; each loop's steps count once
    effort_hours: float = 0.0  # the steps' own times (waiting included where a step records no wait)
    wait_hours: float = 0.0  # the waiting the steps record
    mixed_steps: int = 0  # steps on the path with a time but no waiting recorded: effort and waiting unknown apart



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
        return [{"kind": k, "title": kind_title(k), "count": self.counts[k], "worst": SEVERITIES[worst[k] - 1],
                 "priority": n + 1} for n, k in enumerate(kinds)]

    def to_json(self, messages: int | None = None) -> dict[str, Any]:
        """The report as compact JSON-ready data: see :func:`report_json`."""
        return report_json(self, messages)


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

    def to_json(self, messages: int | None = None) -> dict[str, Any]:
        """Both reports in full, and the changes as places in their ``findings`` lists.

        ``added``: places in ``what_if.findings``; ``removed``: places in ``base.findings``;
        ``changed``: ``[place in base.findings, place in what_if.findings]`` pairs.
        """
        before = {id(f): n for n, f in enumerate(self.base.findings)}
        after = {id(f): n for n, f in enumerate(self.scenario.findings)}
        return {
            "format": JSON_FORMAT,
            "scenario": list(self.scenario.scenario),
            "count_changes": {k: list(v) for k, v in self.count_changes.items()},
            "added": [after[id(f)] for f in self.added],
            "removed": [before[id(f)] for f in self.removed],
            "changed": [[before[id(a)], after[id(b)]] for a, b in self.changed],
            "base": report_json(self.base, messages, also=(*self.removed, *(a for a, _ in self.changed))),
            "what_if": report_json(self.scenario, messages, also=(*self.added, *(b for _, b in self.changed))),
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


# --- the JSON form -------------------------------------------------------------------------------------


JSON_FORMAT = 2
#: The tables of ids a report's JSON refers to by place, and the finding fields that refer to each.
ID_TABLES: tuple[str, ...] = ("steps", "dependencies", "organisations", "blockers")
#: The kinds whose ``subject`` is an id, and its table (the others' subjects are keys, written as text).
SUBJECTS: dict[str, str] = {
    "ownership.no_owner": "steps", "ownership.nobody_at_table": "organisations", "ownership.isolated_org": "organisations",
    "assisted_digital.online_only": "steps", "structure.unreachable": "steps", "structure.dead_end": "steps",
    "structure.cycle": "steps", "spof.step": "steps", "spof.bridge": "dependencies", "spof.org": "organisations",
    "spof.bottleneck_org": "organisations", "blocker.impact": "blockers", "blocker.stale": "blockers",
}
#: Figures in a finding's ``data`` that hold ids, and the table their references point into.
DATA_REFS: dict[str, str] = {
    "owner_id": "organisations", "caused_by": "organisations", "first_step_id": "steps", "route": "dependencies",
}


class _Refs:
    """Each id once, in a table; a reference is its place there (first use first)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, int]] = {name: {} for name in ID_TABLES}
        self.actions: dict[str, int] = {}
        self.org_sets: dict[tuple[str, ...], int] = {}

    def __call__(self, table: str, ids: Iterable[str]) -> list[int]:
        places = self.tables[table]
        return [places.setdefault(i, len(places)) for i in ids]

    def one(self, table: str, value: str) -> int:
        places = self.tables[table]
        return places.setdefault(value, len(places))

    def finding(self, f: Finding, message: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": f.kind, "severity": f.severity}
        if message:
            out["message"] = f.message
        if f.subject:
            table = SUBJECTS.get(f.kind)
            out["subject"] = f.subject if table is None else self.one(table, f.subject)
        for key, table, ids in (("steps", "steps", f.step_ids), ("dependencies", "dependencies", f.dependency_ids),
                                ("blockers", "blockers", f.blocker_ids), ("actors", "organisations", f.actor_ids)):
            if ids:
                out[key] = self(table, ids)
        if f.organisation_ids:  # many findings name the same organisations (a blocker's reach): a set, once
            known = self.org_sets.get(f.organisation_ids)
            if known is None:
                self("organisations", f.organisation_ids)
                known = self.org_sets[f.organisation_ids] = len(self.org_sets)
            out["organisations"] = known
        if f.action:
            out["action"] = self.actions.setdefault(f.action, len(self.actions))
        if f.data:
            data: dict[str, Any] = {}
            for k, v in f.data.items():
                table = DATA_REFS.get(k)
                if table is None or v is None:
                    data[k] = list(v) if isinstance(v, tuple) else v
                elif isinstance(v, str):
                    data[k] = self.one(table, v)
                else:
                    data[k] = self(table, v)
            out["data"] = data
        return out


def report_json(report: Report, messages: int | None = None, also: Iterable[Finding] = ()) -> dict[str, Any]:
    """The report as JSON-ready data, complete but compact (format 2).

    Every finding is there with its figures and what it refers to; ids are written once. The tables
    under ``ids`` (``steps``, ``dependencies``, ``organisations``, ``blockers``) hold each id once,
    and everything else refers to an id by its place in its table. A finding is ``kind``,
    ``severity`` and, when not empty: ``message`` (the sentence), ``subject`` (for the kinds in
    :data:`SUBJECTS`, a place in that table; else a key, as text), ``steps``, ``dependencies``,
    ``blockers``, ``actors`` (lists of places), ``organisations`` (a place in ``organisation_sets``,
    where each set of organisations is written once: most blockers reach the same ones),
    ``action`` (a place in ``actions``, where each next-step sentence is written once) and
    ``data`` (its figures; ``owner_id``, ``caused_by``, ``first_step_id`` and ``route`` there are
    places too). ``act_first`` and ``blocker_ranking`` are places in ``findings`` (the
    ``blocker.impact`` findings hold each blocker's figures and title, in ranking order);
    ``handoffs_by_pair`` and ``critical_path`` refer to ids by place in the same way.

    ``messages``: write the sentences of the findings to act on first, of the first ``messages``
    findings of each kind and of ``also`` only (what the command line prints with ``--limit``);
    the others keep their figures. ``None`` writes every sentence. On the 5,000-step synthetic journey
    the sentences of 14,000 blockers are most of the size: see the README.
    """
    refs = _Refs()
    for name in report.organisation_labels:  # every organisation, in the community's order, first
        refs.one("organisations", name)
    place = {id(f): n for n, f in enumerate(report.findings)}
    first = act_first(report)
    written: set[int] | None = None
    if messages is not None:
        seen: dict[str, int] = defaultdict(int)
        written = {id(f) for f in (*first, *also)}
        for f in report.findings:
            if seen[f.kind] < messages:
                seen[f.kind] += 1
                written.add(id(f))
    findings = [refs.finding(f, written is None or id(f) in written) for f in report.findings]
    impact = {f.subject: n for n, f in enumerate(report.findings) if f.kind == "blocker.impact"}
    path = report.critical_path
    out: dict[str, Any] = {
        "format": JSON_FORMAT,
        "journey_id": report.journey_id,
        "journey_name": report.journey_name,
        "today": report.today.isoformat(),
        "scenario": list(report.scenario),
        "stats": dict(report.stats),
        "counts": dict(report.counts),
        "groups": report.groups(),
        "act_first": [place[id(f)] for f in first],
        "findings": findings,
        "handoff_count": report.handoff_count,
        "handoffs_by_pair": [
            {"from": refs.one("organisations", p.from_organisation_id), "to": refs.one("organisations", p.to_organisation_id),
             "count": p.count, "handoffs": p.handoffs, "unagreed": p.unagreed, "modes": dict(p.modes),
             "dependencies": refs("dependencies", p.dependency_ids)}
            for p in report.handoffs_by_pair
        ],
        "critical_path": None if path is None else {
            "steps": refs("steps", path.step_ids), "dependencies": refs("dependencies", path.dependency_ids),
            "total_hours": path.total_hours, "missing_durations": path.missing_durations,
            "on_condensation": path.on_condensation, "effort_hours": path.effort_hours,
            "wait_hours": path.wait_hours, "mixed_steps": path.mixed_steps,
        },
        "blocker_ranking": [impact[b.blocker_id] for b in report.blocker_ranking],
        "organisation_centrality": {str(refs.one("organisations", o)): v for o, v in report.organisation_centrality.items()},
        "organisation_labels": dict(report.organisation_labels),
        "actions": list(refs.actions),
        "organisation_sets": [refs("organisations", s) for s in refs.org_sets],
        "ids": {name: list(table) for name, table in refs.tables.items()},
        "timings": dict(report.timings),
    }
    return out


def findings_from_json(data: dict[str, Any]) -> list[Finding]:
    """The findings of a report's JSON (format 2) with their ids written out again: :func:`report_json` undone.

    A finding whose sentence was not written has an empty ``message``.
    """
    ids: dict[str, list[str]] = data["ids"]
    sets = data["organisation_sets"]
    actions = data["actions"]

    def back(table: str, places: list[int]) -> tuple[str, ...]:
        column = ids[table]
        return tuple(column[n] for n in places)

    out = []
    for f in data["findings"]:
        subject = f.get("subject", "")
        table = SUBJECTS.get(f["kind"])
        figures = dict(f.get("data", {}))
        for key, value in figures.items():
            into = DATA_REFS.get(key)
            if into is not None and value is not None:
                figures[key] = ids[into][value] if isinstance(value, int) else back(into, value)
            elif isinstance(value, list):
                figures[key] = tuple(value)
        out.append(Finding(
            kind=f["kind"], severity=f["severity"], text=f.get("message", ""),
            subject=ids[table][subject] if table is not None and subject != "" else subject,
            step_ids=back("steps", f.get("steps", [])), dependency_ids=back("dependencies", f.get("dependencies", [])),
            organisation_ids=back("organisations", sets[f["organisations"]]) if "organisations" in f else (),
            blocker_ids=back("blockers", f.get("blockers", [])), data=figures,
            action=actions[f["action"]] if "action" in f else "", actor_ids=back("organisations", f.get("actors", [])),
        ))
    return out
