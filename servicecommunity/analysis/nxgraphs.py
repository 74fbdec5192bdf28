"""The journey as networkx graphs, for the panels and the exports that draw or export them.

- :func:`step_graph`: a networkx ``DiGraph``, steps as nodes with their attributes, dependencies as
  edges (``id``, ``kind``, ``handoff_mode``, ``agreed``, ``cross_org``, and ``dependency_ids`` when
  more than one dependency joins the same two steps);
- :func:`organisation_graph`: organisations as nodes, an edge A→B weighted by the hand-offs and other
  dependencies that cross from A's steps to B's, and by the open blockers B causes for A's steps.

The analysis itself runs on :mod:`servicecommunity.analysis.stepindex`, not on these.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
from sqlmodel import Session

from servicecommunity.analysis.loading import load_journey
from servicecommunity.analysis.snapshot import JourneyData, is_handoff


def load_graphs(session: Session, journey_id: str) -> tuple[JourneyData, nx.DiGraph, nx.DiGraph]:
    """The journey's snapshot, step graph and organisation graph, from one bulk load."""
    data = load_journey(session, journey_id)
    return data, step_graph(data), organisation_graph(data)


def step_graph(data: JourneyData) -> nx.DiGraph:
    """The journey's steps and dependencies as a networkx ``DiGraph``.

    Node attributes: ``title``, ``stage_id``, ``order``, ``owner_id``, ``channels``,
    ``duration_hours``, ``wait_hours``, ``monthly_volume``, ``supporter_ids``, ``data_item_ids``. Edge attributes:
    ``id`` (the first dependency between the two steps), ``kind``, ``handoff_mode``, ``agreed``,
    ``cross_org`` (both steps owned, by different organisations) and ``dependency_ids`` (all of them).
    """
    graph = nx.DiGraph(journey_id=data.journey_id, name=data.journey_name)
    graph.add_nodes_from(
        (
            s.id,
            {
                "title": s.title,
                "stage_id": s.stage_id,
                "order": s.order,
                "owner_id": s.owner_id,
                "channels": s.channels,
                "duration_hours": s.duration_hours,
                "wait_hours": s.wait_hours,
                "monthly_volume": s.monthly_volume,
                "supporter_ids": s.supporter_ids,
                "data_item_ids": s.data_item_ids,
            },
        )
        for s in data.steps.values()
    )
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for d in data.dependencies:
        key = (d.from_step_id, d.to_step_id)
        if key in edges:
            edges[key]["dependency_ids"].append(d.id)
            continue
        a, b = data.steps[d.from_step_id].owner_id, data.steps[d.to_step_id].owner_id
        edges[key] = {
            "id": d.id,
            "kind": d.kind,
            "handoff_mode": d.handoff_mode,
            "agreed": d.agreed,
            "cross_org": a is not None and b is not None and a != b,
            "dependency_ids": [d.id],
        }
    graph.add_edges_from((u, v, attrs) for (u, v), attrs in edges.items())
    return graph


def organisation_graph(data: JourneyData) -> nx.DiGraph:
    """Organisations as nodes, and an edge A→B for what crosses from A's steps to B's.

    Node attributes: ``name``, ``label``, ``members``, ``steps`` (how many it owns here). Edge
    attributes: ``handoffs`` (data hand-offs, or dependencies with a hand-off mode), ``dependencies``
    (the other kinds), ``dependency_ids``, ``blockers`` (open blockers that B causes for A's steps),
    ``blocker_ids``, and ``weight``, the sum of the three counts.
    """
    owner = {s.id: s.owner_id for s in data.steps.values()}
    owned: dict[str, int] = defaultdict(int)
    for o in owner.values():
        if o is not None:
            owned[o] += 1
    edges: dict[tuple[str, str], dict[str, Any]] = {}

    def edge(a: str, b: str) -> dict[str, Any]:
        attrs = edges.get((a, b))
        if attrs is None:
            attrs = edges[(a, b)] = {"handoffs": 0, "dependencies": 0, "dependency_ids": [], "blockers": 0,
                                     "blocker_ids": [], "weight": 0}
        return attrs

    for d in data.dependencies:
        a, b = owner[d.from_step_id], owner[d.to_step_id]
        if a is None or b is None or a == b:
            continue
        attrs = edge(a, b)
        attrs["handoffs" if is_handoff(d) else "dependencies"] += 1
        attrs["dependency_ids"].append(d.id)
        attrs["weight"] += 1
    direct = data.blocker_steps
    for blocker in data.blockers:
        if not blocker.blocking_organisation_ids:
            continue
        sufferers = sorted({o for o in (owner[s] for s in direct[blocker.id]) if o is not None})
        for cause in blocker.blocking_organisation_ids:
            for sufferer in sufferers:
                if sufferer != cause:
                    attrs = edge(sufferer, cause)
                    attrs["blockers"] += 1
                    attrs["blocker_ids"].append(blocker.id)
                    attrs["weight"] += 1
    graph = nx.DiGraph(journey_id=data.journey_id)
    for org in data.organisations.values():
        graph.add_node(org.id, name=org.name, label=org.label, members=org.members, steps=owned.get(org.id, 0))
    for node in {o for pair in edges for o in pair} - set(data.organisations):
        graph.add_node(node, name=data.org_label(node), label=data.org_label(node), members=0, steps=owned.get(node, 0))
    graph.add_edges_from((a, b, attrs) for (a, b), attrs in edges.items())
    return graph
