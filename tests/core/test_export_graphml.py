"""GraphML that networkx, python-igraph, yEd and Gephi read: keys per domain, one graph a file, the map's
positions and colours."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from servicecommunity.exchange import bundle, exports
from servicecommunity.exchange.exports.mapview import journey_layout
from servicecommunity.exchange.exports.snapshot import read_snapshot
from servicecommunity.store.workspace import Store

OPTS = {"today": date(2025, 3, 1)}
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def _export(store: Store, path: Path, **kwargs: object) -> exports.ExportResult:
    with store.session() as session:
        return exports.export(session, "graphml", path, options=OPTS, **kwargs)  # type: ignore[arg-type]


def test_keys_are_declared_per_domain(demo_store: Store, tmp_path: Path) -> None:
    result = _export(demo_store, tmp_path / "out.graphml")
    for path in (result.path, *result.also):
        keys = etree.parse(str(path)).getroot().findall(f"{GRAPHML}key")
        assert keys and all(k.get("for") in {"node", "edge", "graph"} for k in keys), path
        declared = {k.get("id") for k in keys}
        used = {d.get("key") for d in etree.parse(str(path)).getroot().iter(f"{GRAPHML}data")}
        assert used <= declared


def test_networkx_reads_kinds_positions_and_colours(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        journey_id = bundle.journey_by_name(session, "Starting a Business").id
        snap = read_snapshot(session, journey_id=journey_id)
        cards = journey_layout(snap, journey_id).cards
        colours = {s.id: (snap.organisations[s.owner_id].colour if s.owner_id in snap.organisations else None)
                   for s in snap.steps}
    result = _export(demo_store, tmp_path / "out.graphml", journey_id=journey_id)
    steps = nx.read_graphml(result.path)
    assert steps.number_of_nodes() == len(cards)
    for node, data in steps.nodes(data=True):
        step_id = node.removeprefix("step_")
        box = cards[step_id]
        assert (data["x"], data["y"]) == (box.x + box.w / 2, box.y + box.h / 2)
        if colours[step_id]:
            assert f"#{data['r']:02x}{data['g']:02x}{data['b']:02x}" == colours[step_id].lower()
    assert all("kind" in d for _, _, d in steps.edges(data=True))
    orgs = nx.read_graphml(result.also[0])
    assert all(d["type"] == "organisation" and "x" in d and "r" in d for _, d in orgs.nodes(data=True))
    assert any("kind" in d for _, d in orgs.nodes(data=True))  # the organisation's kind: a node key of its own
    assert all(d["kind"] == "Hand-offs" for _, _, d in orgs.edges(data=True))


def test_igraph_reads_both_graphs_with_every_attribute(demo_store: Store, tmp_path: Path) -> None:
    igraph = pytest.importorskip("igraph")
    result = _export(demo_store, tmp_path / "out.graphml")
    steps = igraph.Graph.Read_GraphML(str(result.path))
    nxg = nx.read_graphml(result.path)
    assert steps.vcount() == nxg.number_of_nodes() and steps.ecount() == nxg.number_of_edges()
    assert {"label", "stage", "owner", "x", "y", "r", "g", "b"} <= set(steps.vs.attributes())
    assert "kind" in steps.es.attributes()  # dropped when the key was declared for="all"
    assert all(k for k in steps.es["kind"])
    orgs = igraph.Graph.Read_GraphML(str(result.also[0]))
    assert orgs.vcount() >= 10 and orgs.ecount() > 0
    assert {"name", "kind", "colour", "x", "y"} <= set(orgs.vs.attributes())
    assert set(orgs.es["kind"]) == {"Hand-offs"} and "weight" in orgs.es.attributes()
