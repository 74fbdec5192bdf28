"""Single points of failure: steps and dependencies the journey hangs on, organisations and bottlenecks."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from servicecommunity.analysis.findings.context import Run
from servicecommunity.analysis.report import HandoffPair
from servicecommunity.analysis.stepindex import cut_points
from servicecommunity.analysis.words import names, number, steps_text
from servicecommunity.i18n import format_percent, gettext, ngettext

BOTTLENECK_TOP = 3
BOTTLENECK_MIN = 0.05  # betweenness below this is no bottleneck: routes have other ways round


def _spof_severity(cut_off: int, total: int) -> str:
    if cut_off * 5 >= total and cut_off >= 3:
        return "high"
    return "medium" if cut_off >= 3 else "low"


def spof_steps(run: Run) -> None:
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
            ngettext("The journey hangs on {step}: without it, it falls into {n} part and {steps} would be cut off "
                     "from the rest.",
                     "The journey hangs on {step}: without it, it falls into {n} parts and {steps} would be cut off "
                     "from the rest.", cv.parts).format(step=run.where(i), n=number(cv.parts), steps=steps_text(cv.cut_off)),
            run.index.ids[i], step_ids=(run.index.ids[i],), dependency_ids=run.dep_ids(only),
            organisation_ids=owner,
            data={"parts": cv.parts, "cut_off": cv.cut_off, "bridges": len(only)},
            action=gettext("Agree a fallback for this step, or another route round it, so one failure does not stop the rest."),
            actor_ids=owner,
        )
    for br in alone:
        u, v = run.index.edges[br.dependency]
        dep = run.index.deps[br.dependency]
        both = tuple(dict.fromkeys(o for o in (run.owner[u], run.owner[v]) if o is not None))
        run.add(
            "spof.bridge", _spof_severity(br.cut_off, total),
            gettext("Only the dependency from {from_step} to {to_step} joins {steps} to the rest of the journey.").format(
                from_step=run.where(u), to_step=run.where(v), steps=steps_text(br.cut_off)),
            dep.id, step_ids=(dep.from_step_id, dep.to_step_id), dependency_ids=(dep.id,),
            organisation_ids=both, data={"cut_off": br.cut_off},
            action=gettext("Agree a fallback for this hand-off."), actor_ids=both,
        )


def spof_orgs(run: Run, pairs: list[HandoffPair]) -> dict[str, float]:
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
            ngettext("The journey hangs on {organisation}: without it, the other organisations fall into {n} group "
                     "that no dependency joins: {groups}.",
                     "The journey hangs on {organisation}: without it, the other organisations fall into {n} groups "
                     "that no dependency joins: {groups}.", len(groups)).format(
                organisation=run.org(org_id), n=number(len(groups)),
                groups=names(["{" + ", ".join(g) + "}" for g in groups], limit=4)),
            org_id, organisation_ids=(org_id,), data={"groups": len(groups)},
            action=gettext("Agree with {organisation} what happens to its hand-offs if it cannot act.").format(
                organisation=run.org(org_id)),
            actor_ids=(org_id,),
        )
    centrality: dict[str, float] = nx.betweenness_centrality(flow, normalized=True)
    ranked = sorted((kv for kv in centrality.items() if kv[1] >= BOTTLENECK_MIN), key=lambda kv: (-kv[1], run.org(kv[0])))
    for org_id, value in ranked[:BOTTLENECK_TOP]:
        severity = "high" if value >= 0.3 else "medium" if value >= 0.1 else "low"
        run.add(
            "spof.bottleneck_org", severity,
            gettext("{organisation} is a bottleneck: {percent} of the shortest hand-off routes between other "
                    "organisations in this journey pass through it.").format(
                organisation=run.org(org_id), percent=format_percent(value)),
            org_id, organisation_ids=(org_id,), data={"betweenness": round(value, 4)},
            action=gettext("Check with {organisation} that it can handle the hand-offs that pass through it.").format(
                organisation=run.org(org_id)),
            actor_ids=(org_id,),
        )
    return {o: round(v, 4) for o, v in sorted(centrality.items(), key=lambda kv: -kv[1])}
