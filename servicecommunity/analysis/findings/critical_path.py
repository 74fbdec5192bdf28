"""Time: the critical path, the longest route by typical time (own effort and waiting) from the journey's entry steps."""

from __future__ import annotations

import itertools

from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.report import CriticalPath
from servicecommunity.analysis.words import duration_text, hours_text, names, number, steps_text
from servicecommunity.i18n import gettext, ngettext

LONG_PATH_STEPS = 40  # a route longer than this is no one user's journey
LONGEST_NAMED = 3  # the longest steps named on the critical path


def effort_text(hours: float) -> str:
    """The user's own time in hours however long it is: 50 hours of work is not "2.1 days"."""
    return duration_text(hours) if hours < 48 else hours_text(hours)


def _split_text(effort: float, wait: float) -> str:
    """"3 hours of the user's own time and 5 weeks of waiting", saying nothing that is zero."""
    if not wait:
        return gettext("all of it the user's own time ({time})").format(time=effort_text(effort))
    if not effort:
        return gettext("all of it waiting ({time})").format(time=duration_text(wait))
    return gettext("about {effort} of the user's own time and {wait} of waiting").format(
        effort=effort_text(effort), wait=duration_text(wait))


def _step_time(effort: float | None, wait: float | None) -> str:
    if wait is None:  # one time, waiting included
        return duration_text(effort or 0.0)
    if wait:
        if effort:
            return gettext("{effort} and {wait} of waiting").format(effort=effort_text(effort), wait=duration_text(wait))
        return gettext("{wait} of waiting").format(wait=duration_text(wait))
    return effort_text(effort or 0.0)


def critical_path(run: Run) -> CriticalPath | None:
    """The longest route by typical time from an entry step, through reachable steps only.

    A step's time is its own (``duration_hours``) plus its waiting (``wait_hours``); the message
    gives the two apart where the steps record waiting, and says where they do not. Alternatives
    are either/or: the longest path takes the longer of two alternatives, never both.
    """
    cond = run.cond
    n = len(cond)
    if not n or not run.entries or all(s.duration_hours is None and s.wait_hours is None for s in run.steps):
        return None
    step_time = [(s.duration_hours or 0.0) + (s.wait_hours or 0.0) for s in run.steps]
    weight = [sum(step_time[i] for i in members) for members in cond.members]
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
    info = [run.steps[i] for i in steps]
    missing = sum(s.duration_hours is None and s.wait_hours is None for s in info)
    mixed = sum(s.duration_hours is not None and s.wait_hours is None for s in info)
    effort = round(sum(s.duration_hours or 0.0 for s in info), 4)
    wait = round(sum(s.wait_hours or 0.0 for s in info), 4)
    looped = any(c in cond.loops for c in comps) if cond.loops else False
    path = CriticalPath(run.step_ids(steps), run.dep_ids(deps), round(dist[end], 4), missing, looped,
                        effort, wait, mixed)
    meaningful = len(steps) <= LONG_PATH_STEPS
    timed = sorted((i for i in steps if step_time[i]), key=lambda i: -step_time[i])
    at = gettext("{step} ({time})")
    longest = [at.format(step=run.title(i), time=_step_time(run.steps[i].duration_hours, run.steps[i].wait_hours))
               for i in timed[:LONGEST_NAMED]]
    told = sum(s.wait_hours is not None for s in info)
    words = {"total": duration_text(path.total_hours), "steps": steps_text(len(steps)), "first": run.title(steps[0]),
             "last": run.title(steps[-1])}
    if not told:
        head = gettext("The longest route from the start of the journey takes about {total} over {steps}, "
                       "from {first} to {last}.").format(**words)
    elif not mixed:
        head = gettext("The longest route from the start of the journey takes about {total} over {steps}, "
                       "from {first} to {last}: {split}.").format(split=_split_text(effort, wait), **words)
    else:
        head = ngettext("The longest route from the start of the journey takes about {total} over {steps}, "
                        "from {first} to {last}: {split}, though {n} step on it records one time with any waiting "
                        "included.",
                        "The longest route from the start of the journey takes about {total} over {steps}, "
                        "from {first} to {last}: {split}, though {n} steps on it record one time with any waiting "
                        "included.", mixed).format(split=_split_text(effort, wait), n=number(mixed), **words)
    notes = [head]
    if longest:
        notes.append(ngettext("The longest step is {steps}.", "The longest steps are {steps}.", len(longest)).format(
            steps=names(longest)))
    if not told:
        notes.append(gettext("These are the typical times the map records, waiting included: no step on it says how "
                             "much of its time is waiting, so record the waits to tell them apart from the user's own "
                             "effort."))
    if missing:
        notes.append(ngettext("{n} step on it has no typical time recorded, so it may take longer.",
                              "{n} steps on it have no typical time recorded, so it may take longer.", missing).format(
            n=number(missing)))
    if looped:
        notes.append(gettext("The route passes a rework loop, so this is measured with the loop's steps counted once."))
    if not meaningful:
        notes.append(gettext("A route of {steps} is not one user's journey: the dependencies probably join routes that "
                             "users take separately, so this figure means nothing until they are checked.").format(
            steps=steps_text(len(steps))))
    orgs = tuple(dict.fromkeys(o for o in (run.owner[i] for i in steps) if o is not None))
    mostly_waiting = wait > effort
    if not meaningful:
        action = gettext("Check the dependencies: a real user's route is much shorter.")
    elif mostly_waiting:
        action = gettext("Start with the longest waits on this route: the organisations that make users wait set how "
                         "long the journey takes.")
    else:
        action = gettext("Start with the longest steps on this route: they set how long the journey takes.")
    run.add(
        "critical_path", "low" if meaningful else "medium", " ".join(notes),
        "", step_ids=path.step_ids, dependency_ids=path.dependency_ids, organisation_ids=orgs,
        data={"total_hours": path.total_hours, "effort_hours": effort, "wait_hours": wait,
              "missing_durations": missing, "mixed_steps": mixed, "on_condensation": looped,
              "meaningful": meaningful},
        action=action,
        actor_ids=tuple(dict.fromkeys(o for o in (run.owner[i] for i in timed[:LONGEST_NAMED]) if o is not None)),
    )
    return path
