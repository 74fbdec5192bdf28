"""The synthetic community generator: valid, deterministic, the sizes asked, and a faithful round trip."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import pytest

from servicecommunity.domain import enums
from servicecommunity.exchange.bundle import SECTIONS, dumps, export_bundle, validate_bundle
from servicecommunity.store.workspace import open_store
from servicecommunity.testing.synthetic import generate_bundle, load

SMALL = {"steps": 200, "dependencies": 500, "blockers": 300}


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return generate_bundle(seed=7, **SMALL)


def test_is_a_valid_bundle(small: dict[str, Any]) -> None:
    validate_bundle(small)


def test_same_seed_same_bundle_other_seed_other_bundle(small: dict[str, Any]) -> None:
    assert generate_bundle(seed=7, **SMALL) == small
    other = generate_bundle(seed=8, **SMALL)
    assert other != small
    assert {r["id"] for r in other["steps"]}.isdisjoint(r["id"] for r in small["steps"])


def test_counts_are_as_asked() -> None:
    data = generate_bundle(seed=1, organisations=12, members=25, journeys=3, steps=150,
                           dependencies=400, blockers=250, small_journey_steps=10)
    counts = {s: len(data[s]) for s in SECTIONS}
    assert counts["communities"] == 1
    assert counts["organisations"] == 12
    assert counts["members"] == 25
    assert counts["journeys"] == 3
    assert counts["steps"] == 150 + 2 * 10
    assert counts["dependencies"] == 400
    assert counts["blockers"] == 250
    assert counts["blocker_updates"] == 250
    assert counts["data_items"] == 40
    assert 2 <= counts["workshops"] <= 3
    first = data["journeys"][0]["id"]
    by_journey = Counter(s["journey_id"] for s in data["steps"])
    big = max(by_journey, key=lambda j: by_journey[j])
    assert by_journey[big] == 150
    assert 8 <= sum(1 for s in data["stages"] if s["journey_id"] == big) <= 12
    assert {d["journey_id"] for d in data["dependencies"]} == {big}
    assert first in by_journey


def test_dependencies_have_no_self_loops_or_duplicates_and_some_cycles(small: dict[str, Any]) -> None:
    deps = small["dependencies"]
    assert all(d["from_step_id"] != d["to_step_id"] for d in deps)
    keys = [(d["from_step_id"], d["to_step_id"], d["kind"]) for d in deps]
    assert len(set(keys)) == len(keys)
    assert {d["kind"] for d in deps} == {k.value for k in enums.DependencyKind}
    assert all((d["handoff_mode"] is not None) == (d["kind"] == "data_handoff") for d in deps)
    # Mostly forward in journey order, with a few edges going back.
    stage_pos = {s["id"]: s["position"] for s in small["stages"]}
    order = {s["id"]: (stage_pos[s["stage_id"]], s["position"]) for s in small["steps"]}
    back = sum(1 for d in deps if order[d["from_step_id"]] > order[d["to_step_id"]])
    assert 1 <= back <= len(deps) // 20
    # The cycles they make are small rework loops, not one knot through the whole map.
    graph = nx.DiGraph((d["from_step_id"], d["to_step_id"]) for d in deps)
    loops = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert loops
    assert max(len(c) for c in loops) <= 20


def test_the_realism_the_analysis_needs(small: dict[str, Any]) -> None:
    steps = small["steps"]
    assert any(s["owner_id"] is None for s in steps)
    assert any(s["channels"] == ["online"] for s in steps)
    assert sum("online" in s["channels"] for s in steps) > len(steps) // 2
    assert {s["emotion"] for s in steps} >= {-2, -1, 0, 1, 2}
    askers: dict[str, set[str]] = {}
    for s in steps:
        for item in s["data_item_ids"]:
            askers.setdefault(item, set()).add(s["owner_id"])
    assert any(len(orgs) >= 3 for orgs in askers.values())
    blockers = small["blockers"]
    assert {b["category"] for b in blockers} == {c.value for c in enums.BlockerCategory}
    assert {b["severity"] for b in blockers} == {c.value for c in enums.Severity}
    assert {b["status"] for b in blockers} == {c.value for c in enums.BlockerStatus}
    assert any(b["classification"] == "OFFICIAL-SENSITIVE" for b in blockers)
    assert small["classification"] == "OFFICIAL-SENSITIVE"
    assert all(1 <= len(b["step_ids"]) <= 3 for b in blockers)
    assert any(b["dependency_ids"] for b in blockers)
    for b in blockers:
        assert (b["resolved_on"] is not None) == (not enums.BlockerStatus(b["status"]).is_open)
        assert b["due_on"] is None or b["due_on"] >= b["raised_on"]
    assert all(r["updated_at"] >= r["created_at"] for s in SECTIONS for r in small[s])
    assert any(m["group_ids"] for m in small["members"])


def test_loads_and_exports_the_same_text(small: dict[str, Any], tmp_path: Any) -> None:
    with open_store(tmp_path / "w.sqlite") as store:
        load(store, small)
        with store.session() as session:
            exported = export_bundle(session, include_sensitive=True)
    assert dumps(exported) == dumps(small)


def test_refuses_impossible_sizes() -> None:
    with pytest.raises(ValueError, match="journey"):
        generate_bundle(journeys=0, steps=10, dependencies=0, blockers=0)
    with pytest.raises(ValueError, match="dependencies"):
        generate_bundle(steps=3, dependencies=7, blockers=0)
