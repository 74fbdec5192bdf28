"""The BPMN export as bpmn.io reads it: ``tools/bpmn-check/check.mjs`` parses it with bpmn-moddle
(the parser of bpmn.io and Camunda Modeler) and checks that everything bpmn-js would draw has a
shape or an edge in the diagram. The schema test in test_exports.py cannot see either.

Skips where node or the tool's packages are absent (``npm ci`` in tools/bpmn-check installs them).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from servicecommunity import services
from servicecommunity.analysis.layout import UNASSIGNED
from servicecommunity.exchange import exports
from servicecommunity.exchange.exports.snapshot import read_snapshot
from servicecommunity.store.workspace import Store
from servicecommunity.testing import bpmncheck
from tests.core.builders import small_journey
from tests.core.test_exports import OPTS, demo_journey, do_export

CHECK_DIR = Path(__file__).resolve().parents[2] / "tools" / "bpmn-check"

Check = Callable[[Path], dict[str, Any]]


@pytest.fixture
def bpmn_check() -> Check:
    """Runs check.mjs on a file; returns its JSON summary, having asserted it found nothing wrong."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH")
    if not (CHECK_DIR / "node_modules" / "bpmn-moddle").is_dir():
        pytest.skip("bpmn-moddle is not installed: run `npm ci` in tools/bpmn-check")

    def run(path: Path) -> dict[str, Any]:
        proc = subprocess.run(
            [node, str(CHECK_DIR / "check.mjs"), str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.stdout, proc.stderr
        summary: dict[str, Any] = json.loads(proc.stdout)
        assert proc.returncode == 0, json.dumps(summary, indent=2)
        assert summary["ok"] and summary["warnings"] == [] and summary["missingDi"] == []
        return summary

    return run


def test_bpmn_moddle_reads_the_demo_without_warnings_and_every_element_is_drawn(
    demo_store: Store, tmp_path: Path, bpmn_check: Check
) -> None:
    result = do_export(demo_store, "bpmn", tmp_path / "out.bpmn")
    summary = bpmn_check(result.path)
    journey = demo_journey(demo_store)
    with demo_store.session() as session:
        snap = read_snapshot(session, journey_id=journey.id)
    steps = snap.journey_steps(journey.id)
    lanes = {s.owner_id if s.owner_id in snap.organisations else UNASSIGNED for s in steps}
    deps = [d for d in snap.dependencies if d.journey_id == journey.id]
    blockers = [b for b in snap.blockers if b.is_open and (b.step_ids or b.dependency_ids)]
    counts = summary["counts"]
    assert counts["participants"] == 1
    assert counts["lanes"] == len(lanes) == len(summary["laneNames"])
    assert counts["tasks"] == len(steps)
    # every dependency's flow, and the flows into and out of the start, the ends and the gateways
    drawn = bpmncheck.read(result.path)
    assert counts["sequenceFlows"] == len(drawn.flows) > len(deps)
    assert {f"Flow_{d.id}" for d in deps} <= set(drawn.flows)
    assert counts["textAnnotations"] == len(blockers) + 1  # and the classification above the pool
    assert counts["associations"] == sum(len(b.step_ids) + len(b.dependency_ids) for b in blockers)
    assert counts["groups"] == len([s for s in snap.stages if s.journey_id == journey.id])
    assert {"HM Revenue & Customs", "Companies House"} <= set(summary["laneNames"])


def test_bpmn_moddle_reads_names_to_escape_a_step_without_owner_and_blockers_on_flows(
    store: Store, tmp_path: Path, bpmn_check: Check
) -> None:
    awkward = "R&D <Lab> \"Ltd\" 'x' ]]>"
    with store.session() as session:
        b = small_journey(session)  # step C has no owner
        org = services.create(
            session,
            "organisations",
            data={"community_id": b.community, "name": awkward, "short_name": "R&D"},
        ).value.id
        step = services.create_step(
            session,
            data={
                "journey_id": b.journey,
                "stage_id": b.stages["Tax"],
                "title": 'Check <b>&amp;</b> "é 漢"',
                "owner_id": org,
            },
        ).value.id
        dep = services.create_dependency(
            session,
            data={
                "from_step_id": b.steps["C"],
                "to_step_id": step,
                "kind": "data_handoff",
                "note": "<a> & b",
            },
        ).value.id
        services.create_blocker(
            session,
            data={
                "community_id": b.community,
                "title": 'Blocked <by> "R&D"',
                "owner_id": org,
                "step_ids": [b.steps["C"], step],
                "dependency_ids": [b.deps["A>B"], dep],
            },
        )
        session.commit()
    with store.session() as session:
        result = exports.export(
            session, "bpmn", tmp_path / "out.bpmn", journey_id=b.journey, options=OPTS
        )
    summary = bpmn_check(result.path)
    assert summary["counts"] == {
        "participants": 1,
        "lanes": 4,
        "tasks": 4,
        # the two dependencies; the start into a parallel split to the first steps A and C (three);
        # B and the new step into their end events (two)
        "sequenceFlows": 2 + 3 + 2,
        "textAnnotations": 2,
        "associations": 4,
        "groups": 2,
        # the pool, lanes, tasks, groups, annotations; the start, its split and two end events
        "shapes": 1 + 4 + 4 + 2 + 2 + 4,
        "edges": 7 + 4,  # the flows, associations
    }
    assert sorted(summary["laneNames"]) == sorted(["CH", "HMRC", awkward, "No owner"])
