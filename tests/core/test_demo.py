"""The Starting a Business demo (``servicecommunity/resources/demo/starting-a-business.json``, built by
``scripts/build_demo.py``): it is a valid bundle, up to date with its script, survives a round trip
through a workspace, and holds the things the analysis and the UI are meant to show."""

from __future__ import annotations

import runpy
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from servicecommunity.domain import enums
from servicecommunity.exchange.bundle import dumps, export_bundle, import_new, parse_bundle
from servicecommunity.store.codec import parse_datetime
from servicecommunity.store.workspace import open_store

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_demo.py"
DEMO = ROOT / "servicecommunity" / "resources" / "demo" / "starting-a-business.json"
TODAY = date(2026, 11, 21)  # the day the demo's story has reached


@pytest.fixture(scope="module")
def text() -> str:
    return DEMO.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo(text: str) -> dict[str, Any]:
    return parse_bundle(text)


@pytest.fixture(scope="module")
def builder() -> dict[str, Any]:
    return runpy.run_path(str(SCRIPT))


def _by_id(demo: dict[str, Any], section: str) -> dict[str, dict[str, Any]]:
    return {rec["id"]: rec for rec in demo[section]}


def _org_id(demo: dict[str, Any], short_name: str) -> str:
    return next(o["id"] for o in demo["organisations"] if o["short_name"] == short_name)


# --- the file ------------------------------------------------------------------------------------


def test_the_file_is_what_the_script_builds(builder: dict[str, Any], text: str) -> None:
    first = builder["render"]()
    second = builder["render"]()
    assert first == second
    assert first == text, "servicecommunity/resources/demo is out of date: run scripts/build_demo.py"


def test_the_builder_is_deterministic_across_fresh_loads(builder: dict[str, Any]) -> None:
    again = runpy.run_path(str(SCRIPT))
    assert dumps(builder["build_bundle"]()) == dumps(again["build_bundle"]())


def test_round_trip_through_a_fresh_workspace(tmp_path: Path, demo: dict[str, Any], text: str) -> None:
    with open_store(tmp_path / "w.sqlite") as store:
        with store.session() as session:
            report = import_new(session, demo)
        assert report.added["steps"] == len(demo["steps"])
        with store.session() as session:
            assert dumps(export_bundle(session, include_sensitive=True)) == text
            shared = export_bundle(session)
    sensitive = sum(b["classification"] == "OFFICIAL-SENSITIVE" for b in demo["blockers"])
    assert shared["classification"] == "OFFICIAL"
    assert shared["omitted"] == {"sensitive_blockers": sensitive}
    assert all(b["classification"] == "OFFICIAL" for b in shared["blockers"])
    kept = {b["id"] for b in shared["blockers"]}
    assert all(u["blocker_id"] in kept for u in shared["blocker_updates"])


def test_header(demo: dict[str, Any]) -> None:
    assert demo["scope"] == {"community_id": demo["communities"][0]["id"], "journey_id": None}
    assert demo["classification"] == "OFFICIAL-SENSITIVE"
    assert demo["omitted"] == {"sensitive_blockers": 0}
    assert demo["tombstones"] == []
    for section in ("organisations", "steps", "blockers", "blocker_updates"):
        ids = [rec["id"] for rec in demo[section]]
        assert ids == sorted(ids)


def test_every_time_is_on_or_before_the_story_s_day(demo: dict[str, Any]) -> None:
    for section, records in demo.items():
        if not isinstance(records, list):
            continue
        for rec in records:
            for key in ("created_at", "updated_at"):
                if key in rec:
                    assert parse_datetime(rec[key]).date() <= TODAY, (section, rec["id"])
            if "created_at" in rec:
                assert rec["created_at"] <= rec["updated_at"]
    for w in demo["workshops"]:
        assert date.fromisoformat(w["held_on"]) <= TODAY


def test_british_english(text: str) -> None:
    lowered = text.lower()
    for american in ("organization", "color", "center", "program ", "license ", "analyze", "enroll "):
        assert american not in lowered, american


# --- the community -----------------------------------------------------------------------------


def test_counts(demo: dict[str, Any]) -> None:
    assert len(demo["communities"]) == 1
    assert demo["communities"][0]["name"] == "Starting a Business"
    assert "illustrative" in demo["communities"][0]["description"]
    assert len(demo["organisations"]) >= 11
    assert 13 <= len(demo["members"]) <= 18
    assert 2 <= len(demo["groups"]) <= 3
    assert len(demo["journeys"]) == 1
    assert len(demo["stages"]) >= 5
    assert len(demo["steps"]) >= 25
    assert 35 <= len(demo["dependencies"]) <= 45
    assert len(demo["blockers"]) >= 12
    assert len(demo["workshops"]) == 2
    assert len(demo["data_items"]) >= 8


def test_organisations_are_the_real_ones_with_distinct_colours(demo: dict[str, Any]) -> None:
    shorts = {o["short_name"] for o in demo["organisations"]}
    assert {"HMRC", "DWP", "DBT", "DfE", "Companies House", "TPR", "BBB", "FSA", "HSE", "GDS"} <= shorts
    assert any(o["kind"] == "local_authority" for o in demo["organisations"])
    colours = [o["colour"].lower() for o in demo["organisations"]]
    assert len(set(colours)) == len(colours)
    assert len({o["short_name"] for o in demo["organisations"]}) == len(demo["organisations"])


def test_members_have_an_organisation_roles_and_groups(demo: dict[str, Any]) -> None:
    roles = Counter(m["role"] for m in demo["members"])
    assert roles["facilitator"] >= 1 and roles["member"] >= 1 and roles["observer"] >= 1
    assert all(m["organisation_id"] for m in demo["members"])
    for group in demo["groups"]:
        assert sum(group["id"] in m["group_ids"] for m in demo["members"]) >= 3


def test_gaps_between_the_community_and_the_journey(demo: dict[str, Any]) -> None:
    owners = {s["owner_id"] for s in demo["steps"]} - {None}
    with_members = {m["organisation_id"] for m in demo["members"]}
    assert _org_id(demo, "FSA") in owners - with_members  # owns steps, nobody in the community
    assert _org_id(demo, "DfE") in with_members - owners  # in the community, owns no step


# --- the journey -------------------------------------------------------------------------------------


def test_journey(demo: dict[str, Any]) -> None:
    journey = demo["journeys"][0]
    assert journey["status"] == "as_is"
    assert journey["persona"]
    assert journey["user_need"].startswith("As ") and " I need " in journey["user_need"] and " so that " in journey["user_need"]
    assert "Volumes and measures are illustrative, not published figures." in journey["description"]
    positions = sorted(s["position"] for s in demo["stages"])
    assert positions == list(range(len(demo["stages"])))


def test_steps_are_numbered_within_their_stage_and_fully_described(demo: dict[str, Any]) -> None:
    by_stage: dict[str, list[int]] = {}
    for s in demo["steps"]:
        by_stage.setdefault(s["stage_id"], []).append(s["position"])
        assert s["channels"], s["title"]
        assert s["emotion"] is not None and -2 <= s["emotion"] <= 2
        assert s["touchpoint"]
        assert s["touchpoint_url"] == "" or s["touchpoint_url"].startswith("https://")
    assert set(by_stage) == {st["id"] for st in demo["stages"]}
    for positions in by_stage.values():
        assert sorted(positions) == list(range(len(positions)))
    gov_uk = [s for s in demo["steps"] if s["touchpoint_url"].startswith("https://www.gov.uk/")]
    assert len(gov_uk) >= 20
    assert sum(bool(s["pain_points"]) for s in demo["steps"]) >= 10


def test_emotion_curve_dips_at_tax_and_employing(demo: dict[str, Any]) -> None:
    stages = {st["id"]: st["name"] for st in demo["stages"]}
    mean = {}
    for name in stages.values():
        feelings = [s["emotion"] for s in demo["steps"] if stages[s["stage_id"]] == name]
        mean[name] = sum(feelings) / len(feelings)
    assert mean["Set up tax"] < 0 and mean["Employ people"] < 0
    assert min(s["emotion"] for s in demo["steps"]) == -2
    assert max(s["emotion"] for s in demo["steps"]) == 2


def test_assisted_digital_and_ownership_gaps(demo: dict[str, Any]) -> None:
    assert sum(s["owner_id"] is None for s in demo["steps"]) >= 1
    online_only = [s for s in demo["steps"] if s["channels"] == ["online"]]
    assert len(online_only) >= 2
    assert sum(len(s["channels"]) > 1 for s in demo["steps"]) >= 10


def test_data_asked_again_by_several_organisations(demo: dict[str, Any]) -> None:
    items = {d["name"]: d["id"] for d in demo["data_items"]}

    def askers(name: str) -> set[str]:
        return {s["owner_id"] for s in demo["steps"] if items[name] in s["data_item_ids"] and s["owner_id"]}

    ni = askers("National Insurance number")
    assert len(ni) >= 2
    assert {_org_id(demo, "Companies House"), _org_id(demo, "HMRC"), _org_id(demo, "DWP")} <= ni
    company = askers("Company registration number")
    assert {_org_id(demo, "HMRC"), _org_id(demo, "TPR"), _org_id(demo, "Leeds")} <= company


def _graph(demo: dict[str, Any], kinds: tuple[str, ...] = ("sequence", "needs", "data_handoff")) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(s["id"] for s in demo["steps"])
    graph.add_edges_from((d["from_step_id"], d["to_step_id"]) for d in demo["dependencies"] if d["kind"] in kinds)
    return graph


def test_dependencies(demo: dict[str, Any]) -> None:
    steps = _by_id(demo, "steps")
    assert {d["kind"] for d in demo["dependencies"]} == {k.value for k in enums.DependencyKind}
    assert all(d["from_step_id"] != d["to_step_id"] for d in demo["dependencies"])
    pairs = [(d["from_step_id"], d["to_step_id"]) for d in demo["dependencies"]]
    assert len(set(pairs)) == len(pairs)
    cross = [
        d for d in demo["dependencies"]
        if steps[d["from_step_id"]]["owner_id"] != steps[d["to_step_id"]]["owner_id"] and d["handoff_mode"]
    ]
    assert cross
    assert {"api", "paper", "email"} <= {d["handoff_mode"] for d in cross}
    assert any(not d["agreed"] for d in cross)
    ch, hmrc = _org_id(demo, "Companies House"), _org_id(demo, "HMRC")
    assert any(
        steps[d["from_step_id"]]["owner_id"] == ch and steps[d["to_step_id"]]["owner_id"] == hmrc
        and d["handoff_mode"] == "api"
        for d in demo["dependencies"]
    )
    # Either/or, drawn as the analysis defines it: from the choice into the "or" step (a limited
    # company), beside the plain route to the other alternative (a sole trader); no arrow joins the two.
    [alternative] = [d for d in demo["dependencies"] if d["kind"] == "alternative"]
    choice = alternative["from_step_id"]
    assert steps[choice]["title"] == "Choose a legal structure"
    assert steps[alternative["to_step_id"]]["title"] == "Choose and check a company name"
    others = [steps[d["to_step_id"]]["title"] for d in demo["dependencies"]
              if d["from_step_id"] == choice and d["kind"] != "alternative"]
    assert any("sole trader" in t for t in others)
    sole = next(s["id"] for s in demo["steps"] if "sole trader" in s["title"])
    assert not [d for d in demo["dependencies"] if {d["from_step_id"], d["to_step_id"]} == {sole, alternative["to_step_id"]}]


def test_the_map_flows_left_to_right_with_one_rework_loop(demo: dict[str, Any]) -> None:
    steps = _by_id(demo, "steps")
    stage_pos = {st["id"]: st["position"] for st in demo["stages"]}
    forward = sum(
        stage_pos[steps[d["from_step_id"]]["stage_id"]] <= stage_pos[steps[d["to_step_id"]]["stage_id"]]
        for d in demo["dependencies"]
    )
    assert forward == len(demo["dependencies"])
    cycles = list(nx.simple_cycles(_graph(demo)))
    assert len(cycles) == 1 and 2 <= len(cycles[0]) <= 3


def test_a_ping_pong_between_two_organisations(demo: dict[str, Any]) -> None:
    owner = {s["id"]: s["owner_id"] for s in demo["steps"]}
    graph = _graph(demo)
    found = [
        (a, b, c)
        for a, b in graph.edges
        for c in graph.successors(b)
        if owner[a] and owner[b] and owner[a] == owner[c] != owner[b]
    ]
    assert found


def test_exactly_one_dead_end_before_the_last_stage(demo: dict[str, Any]) -> None:
    last = max(demo["stages"], key=lambda st: st["position"])["id"]
    graph = _graph(demo, kinds=("sequence", "needs", "data_handoff", "alternative"))
    dead = [s["title"] for s in demo["steps"] if s["stage_id"] != last and graph.out_degree(s["id"]) == 0]
    assert len(dead) == 1
    starts = [s["title"] for s in demo["steps"] if graph.in_degree(s["id"]) == 0]
    assert len(starts) == 1


def test_measures_look_like_measures(demo: dict[str, Any]) -> None:
    measured = [s for s in demo["steps"] if s["monthly_volume"] is not None]
    assert len(measured) == len(demo["steps"])
    for s in demo["steps"]:
        for key in ("user_satisfaction", "completion_rate", "digital_take_up"):
            assert s[key] is None or isinstance(s[key], float)
        for key in ("duration_hours", "cost_per_transaction"):
            assert s[key] is None or isinstance(s[key], float)
    assert sum(s["cost_per_transaction"] is not None for s in demo["steps"]) >= 25
    assert sum(s["user_satisfaction"] is not None for s in demo["steps"]) >= 20


# --- blockers and workshops -----------------------------------------------------------------------


def test_blockers_vary(demo: dict[str, Any]) -> None:
    blockers = demo["blockers"]
    assert len({b["category"] for b in blockers}) >= 5
    assert len({b["status"] for b in blockers}) >= 3
    assert {b["severity"] for b in blockers} == {s.value for s in enums.Severity}
    assert any(b["classification"] == "OFFICIAL-SENSITIVE" for b in blockers)
    assert any(b["workshop_id"] for b in blockers)
    assert all(b["raised_by_id"] and b["owner_id"] and b["raised_on"] for b in blockers)
    assert all(b["standard_points"] for b in blockers)
    assert all(b["step_ids"] or b["dependency_ids"] for b in blockers if b["category"] != "communication"
               and b["category"] != "funding")
    assert any("Slack" in b["description"] and "Teams" in b["description"] for b in blockers)


def test_blocker_dates(demo: dict[str, Any]) -> None:
    open_ = [b for b in demo["blockers"] if b["status"] in enums.OPEN_STATUSES]
    overdue = [b for b in open_ if b["due_on"] and date.fromisoformat(b["due_on"]) < TODAY]
    assert len(overdue) >= 2
    for b in demo["blockers"]:
        raised = date.fromisoformat(b["raised_on"])
        assert raised <= TODAY
        if b["due_on"]:
            assert date.fromisoformat(b["due_on"]) > raised
        if b["status"] in enums.OPEN_STATUSES:
            assert b["resolved_on"] is None
        else:
            assert raised <= date.fromisoformat(b["resolved_on"]) <= TODAY


def test_blocker_histories_are_consistent(demo: dict[str, Any]) -> None:
    members = _by_id(demo, "members")
    history: dict[str, list[dict[str, Any]]] = {}
    for u in demo["blocker_updates"]:
        history.setdefault(u["blocker_id"], []).append(u)
        assert u["author_id"] in members
    assert len(history) >= len(demo["blockers"]) * 2 // 3
    for b in demo["blockers"]:
        entries = sorted(history.get(b["id"], []), key=lambda u: u["created_at"])
        status = "open"
        for u in entries:
            assert u["created_at"] >= b["created_at"]
            if u["kind"] == "status":
                assert u["old_status"] == status and u["new_status"] != status
                status = u["new_status"]
            else:
                assert u["old_status"] is None and u["new_status"] is None and u["comment"]
        assert status == b["status"], b["title"]
        last = entries[-1]["created_at"] if entries else b["created_at"]
        assert b["updated_at"] == last
        if b["resolved_on"]:
            closing = [u for u in entries if u["kind"] == "status"][-1]
            assert closing["created_at"][:10] == b["resolved_on"]


def test_some_open_blockers_are_stale(demo: dict[str, Any]) -> None:
    month_ago = datetime(TODAY.year, TODAY.month, TODAY.day).date() - timedelta(days=30)
    stale = [
        b for b in demo["blockers"]
        if b["status"] in enums.OPEN_STATUSES and parse_datetime(b["updated_at"]).date() < month_ago
    ]
    assert len(stale) >= 2


def test_workshops(demo: dict[str, Any]) -> None:
    members = _by_id(demo, "members")
    journey = demo["journeys"][0]["id"]
    held = sorted(w["held_on"] for w in demo["workshops"])
    assert held == ["2026-03-12", "2026-09-17"]
    for w in demo["workshops"]:
        assert w["journey_id"] == journey
        assert members[w["facilitator_id"]]["role"] == "facilitator"
        assert w["facilitator_id"] in w["attendee_ids"]
        assert len(w["attendee_ids"]) >= 8
        assert w["notes"]
