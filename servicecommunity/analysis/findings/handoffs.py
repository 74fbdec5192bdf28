"""Hand-offs between organisations: the table of pairs, unagreed hand-offs, ping-pong, the longest chain."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.report import HandoffPair
from servicecommunity.analysis.snapshot import is_handoff
from servicecommunity.analysis.words import names, number, pairs_text, times_text
from servicecommunity.i18n import gettext, ngettext

LONG_CHAIN = 5


def handoffs(run: Run) -> tuple[list[HandoffPair], int]:
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
        text = ngettext("{n} dependency crosses between organisations, over {pairs} of organisations.",
                        "{n} dependencies cross between organisations, over {pairs} of organisations.", total).format(
            n=number(total), pairs=pairs_text(len(table)))
        text += " " + (ngettext("{n} of them is not agreed.", "{n} of them are not agreed.", unagreed).format(
            n=number(unagreed)) if unagreed else gettext("All of them are agreed."))
        text += " " + gettext("The most cross from {from_organisation} to {to_organisation} ({n}).").format(
            from_organisation=run.org(top.from_organisation_id), to_organisation=run.org(top.to_organisation_id),
            n=number(top.count))
        run.add(
            "handoff.cross_org", "medium" if unagreed else "low", text,
            "", organisation_ids=orgs,
            data={"count": total, "pairs": len(table), "unagreed": unagreed},
            action=gettext("Go through the table of hand-offs with each pair of organisations and agree how each one works."),
        )
    for p in table:
        if not p.unagreed:
            continue
        a, b = p.from_organisation_id, p.to_organisation_id
        ks = [index.dep_place[d] for d in p.dependency_ids]
        open_ks = [k for k in ks if not index.deps[k].agreed]
        between = gettext("{from_step} to {to_step}")
        shown = [between.format(from_step=run.title(index.edges[k][0]), to_step=run.title(index.edges[k][1]))
                 for k in open_ks]
        steps = list(dict.fromkeys(i for k in open_ks for i in index.edges[k]))
        run.add(
            "handoff.unagreed", "medium",
            ngettext("{n} hand-off from {from_organisation} to {to_organisation} has not been agreed between the two: "
                     "{handoffs}.",
                     "{n} hand-offs from {from_organisation} to {to_organisation} have not been agreed between the two: "
                     "{handoffs}.", len(open_ks)).format(
                n=number(len(open_ks)), from_organisation=run.org(a), to_organisation=run.org(b), handoffs=names(shown)),
            f"{a}>{b}", step_ids=run.step_ids(steps), dependency_ids=run.dep_ids(open_ks),
            organisation_ids=(a, b), data={"unagreed": len(open_ks), "count": p.count},
            action=ngettext("Agree the hand-off between {first} and {second}.", "Agree the hand-offs between {first} and {second}.",
                            len(open_ks)).format(first=run.org(a), second=run.org(b)),
            actor_ids=(a, b),
        )
    ping_pong(run)
    return table, total


def ping_pong(run: Run) -> None:
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

    edges, succ, out_deps = index.edges, index.succ, index.out_deps
    from_owner = [owner[u] for u, _v in edges]
    for v, b in enumerate(owner):
        if b is None or not in_deps[v]:
            continue
        back: dict[str, list[int]] | None = None  # the dependencies out of v, by the owner they lead to
        for k1 in in_deps[v]:
            a = from_owner[k1]
            if a is None or a == b:
                continue
            if back is None:
                back = defaultdict(list)
                for w, k2 in zip(succ[v], out_deps[v], strict=True):
                    o = owner[w]
                    if o is not None and o != b:
                        back[o].append(k2)
            for k2 in back.get(a, ()):
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
            "handoff.ping_pong", "medium", partial(_ping_pong_message, run, a, b, bounces, steps),
            "|".join(run.dep_ids(ks)), step_ids=run.step_ids(steps), dependency_ids=run.dep_ids(ks),
            organisation_ids=orgs, data={"bounces": bounces},
            action=gettext("Agree whether {organisations} can do this in one place, so the user is not sent back.").format(
                organisations=names([run.org(o) for o in orgs])),
            actor_ids=orgs,
        )



def _ping_pong_message(run: Run, a: str | None, b: str | None, bounces: int, steps: list[int]) -> str:
    route = " → ".join(run.title(i) for i in steps)
    if bounces > 1:
        return ngettext("The user is sent from {from_organisation} to {to_organisation} for one step and straight back, "
                        "{n} time over: {route}.",
                        "The user is sent from {from_organisation} to {to_organisation} for one step and straight back, "
                        "{n} times over: {route}.", bounces).format(
            from_organisation=run.org(a), to_organisation=run.org(b), n=number(bounces), route=route)
    return gettext("The user is sent from {from_organisation} to {to_organisation} for one step and straight back: "
                   "{route}.").format(from_organisation=run.org(a), to_organisation=run.org(b), route=route)


def longest_chain(run: Run) -> None:
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
    distinct = tuple(dict.fromkeys(orgs))
    chain = " → ".join(run.org(o) for o in orgs)
    if cond.loops:
        text = gettext("Along the route with the most hand-offs the user is passed between organisations {times} "
                       "(rework loops counted once): {chain}, from {first} to {last}.")
    else:
        text = gettext("Along the route with the most hand-offs the user is passed between organisations {times}: "
                       "{chain}, from {first} to {last}.")
    run.add(
        "handoff.longest_chain", "medium" if count >= LONG_CHAIN else "low",
        text.format(times=times_text(count), chain=chain, first=run.title(steps[0]), last=run.title(steps[-1])),
        "", step_ids=run.step_ids(steps), dependency_ids=run.dep_ids(d for d in deps if run.crosses(d)),
        organisation_ids=distinct, data={"handoffs": count, "route": list(run.dep_ids(deps))},
        action=gettext("Look along this route for hand-offs that could be joined up, or done once for the user."),
        actor_ids=distinct,
    )
