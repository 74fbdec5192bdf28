"""Time: the critical path, the longest route by typical duration from the journey's entry steps."""

from __future__ import annotations

import itertools

from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.report import CriticalPath
from servicecommunity.analysis.words import duration_text, names, plural

LONG_PATH_STEPS = 40  # a route longer than this is no one user's journey
LONGEST_NAMED = 3  # the longest steps named on the critical path


def critical_path(run: Run) -> CriticalPath | None:
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
        notes += f" The longest {'step is' if len(longest) == 1 else 'steps are'} {names(longest)}."
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
