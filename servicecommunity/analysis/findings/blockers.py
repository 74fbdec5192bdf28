"""Blockers: each open blocker's impact (ranked by the steps it holds up), and stale blockers."""

from __future__ import annotations

from datetime import date
from functools import cache, partial
from operator import itemgetter

from servicecommunity.analysis.findings.context import Run, bit_positions
from servicecommunity.analysis.report import SEVERITY_RANK, BlockerImpact, Finding
from servicecommunity.analysis.snapshot import BlockerInfo
from servicecommunity.analysis.words import (
    CLOSE_QUOTE,
    OPEN_QUOTE,
    capital,
    days_text,
    more_steps_text,
    names,
    number,
    organisations_text,
    steps_text,
)
from servicecommunity.i18n import format_date, get_language, gettext, in_language, ngettext

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
            if not resolver:
                action = gettext("Agree which organisation owns resolving it.")
            elif impact.stale:
                action = gettext("{organisation} to resolve it, and to update it or set a new due date.").format(
                    organisation=resolver)
            else:
                action = gettext("{organisation} to resolve it.").format(organisation=resolver)
            actions[(resolver, impact.stale)] = action
        findings.append(Finding(
            "blocker.impact", blocker.severity, run.later(partial(_impact_message, run, impact, blocker, resolver)),
            blocker.id,
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
        findings.append(_stale_finding(run, blocker, resolver))
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
    words = {"title": run.blocker_title(blocker, start=False), "severity": severity_word(blocker.severity), "stops": stops,
             "organisations": organisations_text(n_orgs)}
    if later == 0:
        text = (gettext("{title} ({severity}) stops {stops}; nothing else waits on it, owned by {organisations}.") if one
                else gettext("{title} ({severity}) stops {stops}; nothing else waits on them, owned by {organisations}."))
        text = text.format(**words)
    elif impact.steps_reached * 2 > total:
        text = (gettext("{title} ({severity}) stops {stops} and with it holds up most of the journey: {reached} of "
                        "{steps}, owned by {organisations}.") if one else
                gettext("{title} ({severity}) stops {stops} and with them holds up most of the journey: {reached} of "
                        "{steps}, owned by {organisations}."))
        text = text.format(reached=number(impact.steps_reached), steps=steps_text(total), **words)
    else:
        text = (gettext("{title} ({severity}) stops {stops} and holds up {steps} after it, owned by {organisations}.")
                if one else
                gettext("{title} ({severity}) stops {stops} and holds up {steps} after them, owned by {organisations}."))
        text = text.format(steps=more_steps_text(later), **words)
    parts = [capital(text)]  # a withheld title is "an OFFICIAL-SENSITIVE blocker": where a sentence starts, a capital
    if monthly:
        parts.append((ngettext("About {n} user a month reaches the blocked step.",
                               "About {n} users a month reach the blocked step.", monthly) if one else
                      ngettext("About {n} user a month reaches the blocked steps.",
                               "About {n} users a month reach the blocked steps.", monthly)).format(n=number(monthly)))
    if blocker.blocking_organisation_ids:
        parts.append(gettext("It is caused by {organisations}.").format(
            organisations=names([run.org(o) for o in blocker.blocking_organisation_ids])))
    if impact.stale:
        parts.append(_staleness(blocker, run.today))
    parts.append(gettext("{organisation} must resolve it.").format(organisation=resolver) if resolver
                 else gettext("Nobody owns resolving it."))
    return " ".join(parts)


def severity_word(severity: str) -> str:
    """A severity in the current language, lower case as in a sentence: ``high``, ``uchel``."""
    return _severity_word(severity, get_language())


@cache
def _severity_word(severity: str, lang: str) -> str:
    from servicecommunity.domain.enums import label

    return in_language(lang, lambda: gettext(label(severity)).lower())


def is_stale(blocker: BlockerInfo, today: date) -> bool:
    """Past its due date, or no update for more than STALE_DAYS days."""
    if blocker.due_on is not None and blocker.due_on < today:
        return True
    return blocker.last_activity is not None and (today - blocker.last_activity).days > STALE_DAYS


def _staleness(blocker: BlockerInfo, today: date) -> str:
    """``It is 30 days past its due date (2025-06-01) and has had no update for 45 days (more than 30 days).``"""
    due, last = blocker.due_on, blocker.last_activity
    late = due is not None and due < today
    quiet = (today - last).days if last is not None else 0
    words = {"days": days_text((today - due).days) if due is not None else "", "due": format_date(due) if due else "",
             "limit": days_text(STALE_DAYS), "quiet": days_text(quiet)}
    if late and quiet > STALE_DAYS:
        text = gettext("It is {days} past its due date ({due}) and has had no update for {quiet} (more than {limit}).")
    elif late:
        text = gettext("It is {days} past its due date ({due}).")
    else:
        text = gettext("It has had no update for {quiet} (more than {limit}).")
    return text.format(**words)


def _stale_finding(run: Run, blocker: BlockerInfo, resolver: str | None) -> Finding:
    due, last = blocker.due_on, blocker.last_activity
    head = capital(gettext("{title} ({severity}) is stale.").format(title=run.blocker_title(blocker, start=False),
                                                                      severity=severity_word(blocker.severity)))
    owner = (gettext("{organisation} must resolve it.").format(organisation=resolver) if resolver
             else gettext("Nobody owns resolving it."))
    return Finding(
        "blocker.stale", blocker.severity, " ".join([head, _staleness(blocker, run.today), owner]),
        blocker.id, run.data.blocker_steps.get(blocker.id, ()), (),
        (blocker.owner_id,) if blocker.owner_id else (), (blocker.id,),
        {"title": run.blocker_name(blocker), "overdue": due is not None and due < run.today, "last_activity": last.isoformat() if last else None,
         "due_on": due.isoformat() if due else None},
        (gettext("{organisation} to update it or set a new due date.").format(organisation=resolver) if resolver
         else gettext("Agree which organisation owns it.")),
        (blocker.owner_id,) if blocker.owner_id else (),
    )
