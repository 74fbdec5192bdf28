"""Running the analysis: :func:`analyse_data` on a loaded journey, :func:`analyse` from the workspace."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session

from servicecommunity.analysis.findings.blockers import blockers
from servicecommunity.analysis.findings.channels import online_only
from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.findings.critical_path import critical_path
from servicecommunity.analysis.findings.handoffs import handoffs, longest_chain
from servicecommunity.analysis.findings.ownership import ownership
from servicecommunity.analysis.findings.spof import spof_orgs, spof_steps
from servicecommunity.analysis.findings.structure import structure
from servicecommunity.analysis.findings.tell_us_once import tell_us_once
from servicecommunity.analysis.loading import load_journey
from servicecommunity.analysis.report import KINDS, SEVERITIES, Finding, Report, WhatIf
from servicecommunity.analysis.scenario import apply_scenario, compare
from servicecommunity.analysis.snapshot import JourneyData, blocker_direct_steps
from servicecommunity.analysis.stepindex import StepIndex
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.i18n import gettext
from servicecommunity.store.bulk import gc_paused

RANKED_KINDS = frozenset({"blocker.impact"})  # kept in their own ranking, never re-sorted by severity


def in_order(found: list[Finding]) -> tuple[list[Finding], dict[str, int]]:
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

    run: Run = timed("index", lambda: Run(data, today, include_sensitive))
    timed("ownership", lambda: ownership(run))
    timed("assisted_digital", lambda: online_only(run))
    timed("structure", lambda: structure(run))
    pairs, handoff_count = timed("handoffs", lambda: handoffs(run))
    timed("longest_chain", lambda: longest_chain(run))
    timed("tell_us_once", lambda: tell_us_once(run))
    timed("spof_steps", lambda: spof_steps(run))
    centrality = timed("organisations", lambda: spof_orgs(run, pairs))
    path = timed("critical_path", lambda: critical_path(run))
    ranking = timed("blockers", lambda: blockers(run))
    findings, counts = timed("ordering", lambda: in_order(run.findings))
    run.findings = []  # the report's list is the one to keep: no cycle through the sentences still to write
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
        data = apply_scenario(data, without_step=without_step, without_org=without_org, resolve_blocker=resolve_blocker,
                              include_sensitive=include_sensitive)
    report = analyse_data(data, today=today, include_sensitive=include_sensitive)
    report.timings = {"load": loaded, **report.timings}
    return report


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
    changed = apply_scenario(data, without_step=without_step, without_org=without_org, resolve_blocker=resolve_blocker,
                             include_sensitive=include_sensitive)
    return compare(analyse_data(data, today=today, include_sensitive=include_sensitive),
                   analyse_data(changed, today=today, include_sensitive=include_sensitive))


def what_if(
    session: Session,
    journey_id: str,
    *,
    today: date | None = None,
    without_step: str | None = None,
    without_org: str | None = None,
    resolve_blocker: str | None = None,
    include_sensitive: bool = True,
) -> WhatIf:
    """Load a journey once and compare it as it is with the what-if the keyword arguments (ids) describe."""
    data = load_journey(session, journey_id)
    return what_if_data(data, today=today, without_step=without_step, without_org=without_org,
                        resolve_blocker=resolve_blocker, include_sensitive=include_sensitive)


def downstream_steps(data: JourneyData, blocker_id: str) -> list[str]:
    """Every step an open blocker holds up (the ones it stops and all after them), in journey order.

    The report keeps only counts per blocker; the app asks for the full set of one blocker on demand.
    """
    blocker = next((b for b in data.blockers if b.id == blocker_id), None)
    if blocker is None:
        raise NotFoundError(gettext("No open blocker with id {id!r} on this journey.").format(id=blocker_id))
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
