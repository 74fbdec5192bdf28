"""Blockers: each open blocker's impact (ranked by the steps it holds up), and stale blockers."""

from __future__ import annotations

from datetime import date
from functools import partial
from operator import itemgetter

from servicecommunity.analysis.findings.context import Run, bit_positions
from servicecommunity.analysis.report import SEVERITY_RANK, BlockerImpact, Finding
from servicecommunity.analysis.snapshot import BlockerInfo
from servicecommunity.analysis.words import CLOSE_QUOTE, OPEN_QUOTE, names, plural

STALE_DAYS = 30


def blockers(run: Run) -> list[BlockerImpact]:
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
    reach_of: dict[int | tuple[int, ...], tuple[int, tuple[str, ...]]] = {}
    today, blocker_steps, severity_rank = run.today, data.blocker_steps, SEVERITY_RANK
    stale: set[str] = {b.id for b in data.blockers if is_stale(b, today)}
    rows: list[tuple[tuple[int, int, date, str], BlockerImpact, BlockerInfo]] = []
    for blocker in data.blockers:
        direct = blocker_steps[blocker.id]
        if not direct:
            continue
        comps: int | tuple[int, ...]
        if len(direct) == 1:
            comps = comp_of[place[direct[0]]]
        else:
            comps = tuple(sorted({comp_of[place[s]] for s in direct}))
        known = reach_of.get(comps)
        if known is None:
            reach, org_mask = 0, 0
            for c in (comps,) if isinstance(comps, int) else comps:
                reach |= bits[c]
                org_mask |= orgs[c]
            affected = org_sets.get(org_mask)
            if affected is None:
                affected = org_sets[org_mask] = tuple(org_ids[b] for b in bit_positions(org_mask))
            known = reach_of[comps] = (reach.bit_count(), affected)
        reached, affected = known
        most = -1  # the users at the blocked steps (a blocked hand-off's: those at the step it leads to)
        for s in direct:
            v = steps[place[s]].monthly_volume
            if v is not None and v > most:
                most = v
        title = run.blocker_title(blocker) if blocker.sensitive else f"{OPEN_QUOTE}{blocker.title}{CLOSE_QUOTE}"
        impact = BlockerImpact(blocker.id, title, blocker.severity, direct, reached, affected,
                               most if most >= 0 else None, blocker.id in stale)
        key = (-reached, -severity_rank.get(blocker.severity, 0),
               blocker.raised_on or blocker.last_activity or date.max, blocker.id)
        rows.append((key, impact, blocker))
    rows.sort(key=itemgetter(0))
    ranking = [impact for _, impact, _ in rows]
    by_id = {b.id: b for b in data.blockers}
    findings = run.findings
    actions: dict[tuple[str | None, bool], str] = {}
    for _, impact, blocker in rows:
        # The sentence is written when first read (most of 20,000 are never shown): see Finding.text.
        owner_id = blocker.owner_id
        resolver = run.org(owner_id) if owner_id else None
        action = actions.get((resolver, impact.stale))
        if action is None:
            action = actions[(resolver, impact.stale)] = (
                f"{resolver} to resolve it" + (", and to update it or set a new due date." if impact.stale else ".")
                if resolver else "Agree which organisation owns resolving it.")
        findings.append(Finding(
            "blocker.impact", blocker.severity, partial(_impact_message, run, impact, blocker, resolver), blocker.id,
            impact.direct_step_ids, (), impact.organisation_ids, (blocker.id,),
            {"title": run.blocker_name(blocker) if blocker.sensitive else blocker.title,
             "steps_reached": impact.steps_reached, "monthly_users": impact.monthly_users, "stale": impact.stale,
             "caused_by": blocker.blocking_organisation_ids, "owner_id": owner_id},
            action, (owner_id,) if owner_id else blocker.blocking_organisation_ids,
        ))
    ranked = {b.blocker_id for b in ranking}
    for blocker_id in sorted(stale - ranked):  # stale, though it stops no step left in the journey
        blocker = by_id[blocker_id]
        resolver = run.org(blocker.owner_id) if blocker.owner_id else None
        findings.append(_stale_finding(run, blocker, f"{run.blocker_title(blocker)} ({blocker.severity})", resolver))
    return ranking


def _impact_message(run: Run, impact: BlockerImpact, blocker: BlockerInfo, resolver: str | None) -> str:
    """A blocker's impact as a sentence: what it stops, what waits on it, who must resolve it."""
    place, total = run.index.place, len(run.index)
    direct_ids = impact.direct_step_ids
    one = len(direct_ids) == 1
    later = impact.steps_reached - len(direct_ids)
    monthly = impact.monthly_users
    n_orgs = len(impact.organisation_ids)
    stops = run.quoted[place[direct_ids[0]]] if one else names([run.quoted[place[s]] for s in direct_ids])
    it = "it" if one else "them"
    if later == 0:
        holds = f"; nothing else waits on {it}"
    elif impact.steps_reached * 2 > total:
        holds = f" and with {it} holds up most of the journey: {impact.steps_reached:,} of {total:,} steps"
    else:
        holds = f" and holds up {plural(later, 'more step')} after {it}"
    message = (
        f"{impact.title} ({blocker.severity}) stops {stops}{holds}, owned by {plural(n_orgs, 'organisation')}"
        + (f"; about {monthly:,} users a month reach the blocked step{'' if one else 's'}." if monthly else ".")
        + (f" It is caused by {names([run.org(o) for o in blocker.blocking_organisation_ids])}."
           if blocker.blocking_organisation_ids else "")
    )
    if impact.stale:
        message += f" It {_staleness(blocker, run.today)}."
    return message + (f" {resolver} must resolve it." if resolver else " Nobody owns resolving it.")


def is_stale(blocker: BlockerInfo, today: date) -> bool:
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


def _stale_finding(run: Run, blocker: BlockerInfo, head: str, resolver: str | None) -> Finding:
    due, last = blocker.due_on, blocker.last_activity
    owner = f"; {resolver} must resolve it" if resolver else "; nobody owns resolving it"
    return Finding(
        "blocker.stale", blocker.severity, f"{head} {_staleness(blocker, run.today)}{owner}.",
        blocker.id, run.data.blocker_steps.get(blocker.id, ()), (),
        (blocker.owner_id,) if blocker.owner_id else (), (blocker.id,),
        {"title": run.blocker_name(blocker), "overdue": due is not None and due < run.today, "last_activity": last.isoformat() if last else None,
         "due_on": due.isoformat() if due else None},
        f"{resolver} to update it or set a new due date." if resolver else "Agree which organisation owns it.",
        (blocker.owner_id,) if blocker.owner_id else (),
    )
