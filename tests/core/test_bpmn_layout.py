"""The BPMN export as a modeller reads it: a start event and end events, gateways where the journey splits
and joins (exclusive for alternatives, parallel for steps that all happen), flows routed around the
tasks, labels only where they say something (the hand-off's mode), and each blocker's note beside
the step it blocks. Measured on the demo with :mod:`servicecommunity.testing.bpmncheck`."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from servicecommunity import services
from servicecommunity.domain import enums
from servicecommunity.exchange.exports.snapshot import read_snapshot
from servicecommunity.store.workspace import Store
from servicecommunity.testing import bpmncheck
from servicecommunity.testing.bpmncheck import Diagram
from tests.core.builders import small_journey
from tests.core.test_exports import OPTS, demo_journey, do_export

GATEWAYS = ("exclusiveGateway", "parallelGateway", "inclusiveGateway")
#: how far (in diagram units) a blocker's note may be from the step it blocks: below the step's
#: gateways and the notes before it
NOTE_REACH = 300.0


@pytest.fixture
def demo(demo_store: Store, tmp_path: Path) -> Diagram:
    return bpmncheck.read(do_export(demo_store, "bpmn", tmp_path / "out.bpmn").path)


def _dep_flow(dep_id: str) -> str:
    """The sequence flow of a dependency."""
    return f"Flow_{dep_id}"


def test_one_start_event_and_end_events_and_every_task_between(demo: Diagram) -> None:
    starts, ends = demo.of_kind("startEvent"), demo.of_kind("endEvent")
    assert len(starts) == 1 and ends
    assert demo.outgoing[starts[0]] and not demo.incoming[starts[0]]
    assert all(demo.incoming[e] and not demo.outgoing[e] for e in ends)
    for task in demo.of_kind("task"):
        assert demo.incoming[task] and demo.outgoing[task], task
    for node in starts + ends + [n for n in demo.nodes if demo.nodes[n] in GATEWAYS]:
        assert node in demo.shapes


def test_no_implicit_split_or_join_each_gateway_either_splits_or_joins(demo: Diagram) -> None:
    for node, tag in demo.nodes.items():
        if tag in GATEWAYS:
            ins, outs = len(demo.incoming[node]), len(demo.outgoing[node])
            assert (ins == 1 and outs >= 2) or (ins >= 2 and outs == 1), (node, ins, outs)
        else:
            assert len(demo.incoming[node]) <= 1 and len(demo.outgoing[node]) <= 1, node


def test_alternatives_go_through_an_exclusive_gateway_and_steps_that_all_happen_through_a_parallel_one(
    demo_store: Store, demo: Diagram
) -> None:
    journey = demo_journey(demo_store)
    with demo_store.session() as session:
        snap = read_snapshot(session, journey_id=journey.id)
    deps = [d for d in snap.dependencies if d.journey_id == journey.id]
    title = {s.id: s.title for s in snap.journey_steps(journey.id)}
    alternative = next(d for d in deps if d.kind == "alternative")
    source = demo.flows[_dep_flow(alternative.id)][0]
    assert demo.nodes[source] == "exclusiveGateway"
    # "Choose a legal structure": sole trader (sequence) or company (alternative), never both
    assert (
        demo.nodes[demo.flows[demo.outgoing[f"Task_{alternative.from_step_id}"][0]][1]]
        == "exclusiveGateway"
    )
    # "Register the food business" goes on to three steps that all happen: a parallel split
    food = next(s for s, t in title.items() if t.startswith("Register the food business"))
    split = demo.flows[demo.outgoing[f"Task_{food}"][0]][1]
    assert demo.nodes[split] == "parallelGateway" and len(demo.outgoing[split]) == 3
    # The DWP interview comes after either route (sole trader's or company's): an exclusive merge
    interview = next(s for s, t in title.items() if t.startswith("Attend a gainful"))
    merge = demo.flows[demo.incoming[f"Task_{interview}"][0]][0]
    assert demo.nodes[merge] == "exclusiveGateway" and len(demo.incoming[merge]) == 2
    # "Register as an employer for PAYE" needs both the right-to-work check and the insurance
    paye = next(s for s, t in title.items() if t.startswith("Register as an employer"))
    join = demo.flows[demo.incoming[f"Task_{paye}"][0]][0]
    assert demo.nodes[join] == "parallelGateway" and len(demo.incoming[join]) == 2
    # every dependency keeps its own flow, from its step (or the step's split) to its step (or join)
    for d in deps:
        assert _dep_flow(d.id) in demo.flows


def test_no_flow_passes_through_a_task_on_the_demo(demo: Diagram) -> None:
    assert bpmncheck.flows_crossing_tasks(demo) == []
    for flow_id, points in demo.edges.items():
        if flow_id in demo.flows:  # orthogonal: each segment horizontal or vertical
            assert len(points) >= 2
            for (x1, y1), (x2, y2) in itertools.pairwise(points):
                assert x1 == x2 or y1 == y2, flow_id


def test_the_crossing_check_finds_a_flow_through_a_task() -> None:
    d = Diagram()
    d.nodes = {"A": "task", "B": "task", "C": "task"}
    d.flows = {"F": ("A", "C")}
    d.shapes = {"A": (0, 0, 100, 50), "B": (150, 0, 100, 50), "C": (300, 0, 100, 50)}
    d.edges = {"F": [(100, 25), (300, 25)]}
    assert bpmncheck.flows_crossing_tasks(d) == [("F", "B")]
    d.edges = {"F": [(100, 25), (125, 25), (125, 80), (275, 80), (275, 25), (300, 25)]}
    assert bpmncheck.flows_crossing_tasks(d) == []


def test_flow_labels_are_the_hand_off_mode_or_nothing(demo: Diagram) -> None:
    modes = {enums.label(m) for m in enums.HandoffMode}
    names = [demo.names[f] for f in demo.flows]
    # or, on a choice's conditional route (which bpmnlint wants labelled), the step it leads to
    titles = {demo.names[t] for t in demo.of_kind("task")}
    assert set(names) <= modes | {""} | titles
    assert any(names)  # the demo's hand-offs between organisations say how


def test_each_blocker_note_is_beside_the_step_it_blocks(demo: Diagram) -> None:
    gaps = bpmncheck.annotation_gaps(demo)
    assert gaps and max(gaps.values()) <= NOTE_REACH, sorted(gaps.values())[-5:]
    for note, gap in gaps.items():
        assert gap >= 0, note


def test_a_loop_merges_before_its_step_and_a_lone_step_starts_and_ends(
    store: Store, tmp_path: Path
) -> None:
    with store.session() as session:
        b = small_journey(session)
        services.create_dependency(
            session,
            data={"from_step_id": b.steps["B"], "to_step_id": b.steps["A"], "kind": "sequence"},
        )
        session.commit()
    with store.session() as session:
        from servicecommunity.exchange import exports

        result = exports.export(
            session, "bpmn", tmp_path / "out.bpmn", journey_id=b.journey, options=OPTS
        )
    d = bpmncheck.read(result.path)
    assert len(d.of_kind("startEvent")) == 1
    for node, tag in d.nodes.items():
        if tag == "task":
            assert len(d.incoming[node]) == 1 and len(d.outgoing[node]) == 1, node
    assert bpmncheck.flows_crossing_tasks(d) == []
