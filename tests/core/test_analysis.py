"""The journey analysis on small hand-built journeys: for each kind of finding, one journey where it
must appear and one where it must not, with the expected ids written out by hand.

Journeys are built straight as snapshots (:class:`JourneyData`) with short readable ids, so each test
reads as the map it describes. Organisations: HMRC (3 members), CH (2), DWP (1) and FSA (nobody).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

import networkx as nx
import pytest

from servicecommunity.analysis import (
    KINDS,
    Finding,
    Report,
    analyse_data,
    apply_scenario,
    downstream_steps,
    duration_text,
    findings_from_json,
    what_if_data,
)
from servicecommunity.analysis.graphs import (
    BlockerInfo,
    DependencyInfo,
    JourneyData,
    OrganisationInfo,
    StageInfo,
    StepInfo,
    build_journey_data,
    organisation_graph,
    step_graph,
)
from servicecommunity.domain.errors import NotFoundError

TODAY = date(2025, 7, 1)
RECENT = date(2025, 6, 20)
ORGS = {
    "hmrc": ("HM Revenue & Customs", "HMRC", 3),
    "ch": ("Companies House", "CH", 2),
    "dwp": ("Department for Work and Pensions", "DWP", 1),
    "fsa": ("Food Standards Agency", "FSA", 0),
}
BOTH = ("online", "phone")


def S(
    sid: str,
    stage: int = 0,
    owner: str | None = "hmrc",
    *,
    channels: Sequence[str] = BOTH,
    hours: float | None = None,
    volume: int | None = None,
    asks: Sequence[str] = (),
    supporters: Sequence[str] = (),
) -> StepInfo:
    """A step in stage ``st<stage>``; its place in the stage is its place in the list given to J."""
    return StepInfo(
        id=sid, title=f"Step {sid}", stage_id=f"st{stage}", order=0, owner_id=owner, channels=tuple(channels),
        duration_hours=hours, monthly_volume=volume, supporter_ids=tuple(supporters), data_item_ids=tuple(asks),
    )


def D(did: str, a: str, b: str, kind: str = "sequence", *, mode: str | None = None, agreed: bool = True) -> DependencyInfo:
    return DependencyInfo(did, a, b, kind, mode, agreed)


def B(
    bid: str,
    steps: Sequence[str] = (),
    deps: Sequence[str] = (),
    *,
    severity: str = "high",
    due: date | None = None,
    last: date | None = RECENT,
    causes: Sequence[str] = (),
    owner: str | None = "hmrc",
) -> BlockerInfo:
    return BlockerInfo(
        id=bid, title=f"Blocker {bid}", severity=severity, owner_id=owner, raised_on=date(2025, 1, 1), due_on=due,
        last_activity=last, step_ids=tuple(steps), dependency_ids=tuple(deps), blocking_organisation_ids=tuple(causes),
    )


def J(
    steps: Iterable[StepInfo],
    deps: Iterable[DependencyInfo] = (),
    blockers: Iterable[BlockerInfo] = (),
    *,
    stages: int = 3,
    orgs: dict[str, tuple[str, str, int]] | None = None,
) -> JourneyData:
    placed = [s._replace(order=n) for n, s in enumerate(steps)]
    return build_journey_data(
        journey_id="j1",
        journey_name="Start a business",
        community_id="c1",
        stages=[StageInfo(f"st{n}", f"Stage {n}", n) for n in range(stages)],
        steps=placed,
        dependencies=deps,
        organisations=[OrganisationInfo(k, *v) for k, v in (ORGS if orgs is None else orgs).items()],
        data_items={"nino": "National Insurance number", "name": "Business name"},
        blockers=blockers,
    )


def run(data: JourneyData) -> Report:
    return analyse_data(data, today=TODAY)


def found(report: Report, kind: str) -> list[Finding]:
    return report.by_kind(kind)


def subjects(report: Report, kind: str) -> list[str]:
    return [f.subject for f in report.by_kind(kind)]


def chain(*ids: str, owners: Sequence[str | None] | None = None) -> tuple[list[StepInfo], list[DependencyInfo]]:
    """Steps in stage 0 .. 2 (spread evenly), each depending on the one before (dependency ``d<a><b>``)."""
    owners = owners or ["hmrc"] * len(ids)
    steps = [S(sid, min(2, n * 3 // len(ids)), owners[n]) for n, sid in enumerate(ids)]
    deps = [D(f"d{a}{b}", a, b) for a, b in itertools.pairwise(ids)]
    return steps, deps


# --- ownership --------------------------------------------------------------------------------------


def test_a_step_with_no_owner_is_found() -> None:
    steps, deps = chain("1", "2", "3", owners=["hmrc", None, "ch"])
    report = run(J(steps, deps))
    assert [f.step_ids for f in found(report, "ownership.no_owner")] == [("2",)]
    assert found(report, "ownership.no_owner")[0].severity == "high"


def test_no_owner_gap_when_every_step_is_owned() -> None:
    steps, deps = chain("1", "2", "3", owners=["hmrc", "ch", "ch"])
    assert found(run(J(steps, deps)), "ownership.no_owner") == []


def test_an_owner_with_nobody_in_the_community_is_named_with_its_steps() -> None:
    steps, deps = chain("1", "2", "3", "4", owners=["hmrc", "fsa", "ch", "fsa"])
    report = run(J(steps, deps))
    [gap] = found(report, "ownership.nobody_at_table")
    assert gap.subject == "fsa"
    assert gap.organisation_ids == ("fsa",)
    assert gap.step_ids == ("2", "4")
    assert "Nobody from FSA" in gap.message


def test_nobody_at_the_table_only_for_owners_without_members() -> None:
    steps, deps = chain("1", "2", "3", owners=["hmrc", "ch", "dwp"])
    assert found(run(J(steps, deps)), "ownership.nobody_at_table") == []


def test_organisations_that_own_nothing_in_the_journey_are_isolated() -> None:
    steps, deps = chain("1", "2", owners=["hmrc", "ch"])
    steps[0] = S("1", 0, "hmrc", supporters=["dwp"])
    report = run(J(steps, deps))
    assert sorted(subjects(report, "ownership.isolated_org")) == ["dwp", "fsa"]
    dwp = next(f for f in found(report, "ownership.isolated_org") if f.subject == "dwp")
    assert "supports 1 step" in dwp.message


def test_no_isolated_organisation_when_each_owns_a_step() -> None:
    steps, deps = chain("1", "2", "3", "4", owners=["hmrc", "ch", "dwp", "fsa"])
    assert found(run(J(steps, deps)), "ownership.isolated_org") == []


# --- assisted digital ---------------------------------------------------------------------------------


def test_steps_offered_only_online_are_assisted_digital_gaps() -> None:
    steps = [
        S("1", 0, channels=["online"], volume=500),
        S("2", 1, channels=["online", "phone"]),
        S("3", 1, channels=["online"], volume=9000),
        S("4", 2, channels=["paper"]),
        S("5", 2, channels=[]),  # nobody has said: not a known gap
    ]
    report = run(J(steps, [D("a", "1", "2"), D("b", "2", "3"), D("c", "3", "4"), D("d", "3", "5")]))
    assert [f.step_ids for f in found(report, "assisted_digital.online_only")] == [("3",), ("1",)]  # busiest first
    assert "9,000 users a month" in found(report, "assisted_digital.online_only")[0].message


def test_no_assisted_digital_gap_when_every_step_has_an_offline_route() -> None:
    steps = [S("1", 0, channels=["online", "face_to_face"]), S("2", 1, channels=["phone"]), S("3", 2, channels=["online", "paper"])]
    assert found(run(J(steps, [D("a", "1", "2"), D("b", "2", "3")])), "assisted_digital.online_only") == []


# --- structure ----------------------------------------------------------------------------------------


def test_steps_no_route_reaches_from_the_first_stage_are_unreachable() -> None:
    # 1 -> 2 -> 5; 3 has nothing before it and leads to 4. 6 sits in the first stage alone.
    steps = [S("1", 0), S("6", 0), S("2", 1), S("3", 1), S("4", 2), S("5", 2)]
    deps = [D("a", "1", "2"), D("b", "2", "5"), D("c", "3", "4")]
    report = run(J(steps, deps))
    assert subjects(report, "structure.unreachable") == ["3", "4"]
    by_step = {f.subject: f.message for f in found(report, "structure.unreachable")}
    assert "no dependency leads to it" in by_step["3"]
    assert "cannot be reached either" in by_step["4"]


def test_nothing_unreachable_in_a_connected_journey() -> None:
    steps, deps = chain("1", "2", "3", "4")
    assert found(run(J(steps, deps)), "structure.unreachable") == []


def test_a_step_nothing_follows_before_the_last_stage_is_a_dead_end() -> None:
    steps = [S("1", 0), S("2", 1), S("3", 1), S("4", 2), S("5", 2)]
    deps = [D("a", "1", "2"), D("b", "1", "3"), D("c", "2", "4")]
    report = run(J(steps, deps))
    assert subjects(report, "structure.dead_end") == ["3"]  # 4 and 5 are in the last stage


def test_no_dead_end_when_every_step_leads_on() -> None:
    steps, deps = chain("1", "2", "3")
    assert found(run(J(steps, deps)), "structure.dead_end") == []


def test_each_rework_loop_is_one_finding_per_strongly_connected_component() -> None:
    # {2, 3, 4} hold several simple cycles (2-3-2, 3-4-3, 2-3-4-2); {5, 6} is a second loop.
    steps = [S("1", 0), S("2", 1), S("3", 1), S("4", 1), S("5", 2, "ch"), S("6", 2)]
    deps = [
        D("a", "1", "2"), D("b", "2", "3"), D("c", "3", "2"), D("d", "3", "4"), D("e", "4", "3"),
        D("f", "4", "2"), D("g", "4", "5"), D("h", "5", "6"), D("i", "6", "5"),
    ]
    report = run(J(steps, deps))
    loops = found(report, "structure.cycle")
    assert [f.step_ids for f in loops] == [("2", "3", "4"), ("5", "6")]
    assert [sorted(f.dependency_ids) for f in loops] == [["b", "c", "d", "e", "f"], ["h", "i"]]
    assert loops[1].organisation_ids == ("ch", "hmrc")


def test_no_rework_loop_in_a_journey_without_cycles() -> None:
    steps = [S("1", 0), S("2", 1), S("3", 1), S("4", 2)]
    deps = [D("a", "1", "2"), D("b", "1", "3"), D("c", "2", "4"), D("d", "3", "4")]
    assert found(run(J(steps, deps)), "structure.cycle") == []


def test_a_stage_with_no_steps_is_found() -> None:
    steps = [S("1", 0), S("2", 2)]
    report = run(J(steps, [D("a", "1", "2")], stages=4))
    assert subjects(report, "structure.empty_stage") == ["st1", "st3"]


def test_no_empty_stage_when_each_stage_has_a_step() -> None:
    steps, deps = chain("1", "2", "3")
    assert found(run(J(steps, deps)), "structure.empty_stage") == []


# --- hand-offs ----------------------------------------------------------------------------------------


def test_dependencies_across_organisations_are_counted_per_pair() -> None:
    steps = [S("1", 0, "hmrc"), S("2", 0, "ch"), S("3", 1, "ch"), S("4", 1, "hmrc"), S("5", 2, None), S("6", 2, "hmrc")]
    deps = [
        D("a", "1", "2", "data_handoff", mode="paper", agreed=False),  # HMRC -> CH
        D("b", "1", "3", "needs"),  # HMRC -> CH
        D("c", "3", "4", "data_handoff", mode="api"),  # CH -> HMRC
        D("d", "4", "6"),  # HMRC -> HMRC: not a hand-off
        D("e", "4", "5"),  # to a step nobody owns: not counted
    ]
    report = run(J(steps, deps))
    assert report.handoff_count == 3
    pairs = [(p.from_organisation_id, p.to_organisation_id, p.count, p.dependency_ids) for p in report.handoffs_by_pair]
    assert pairs == [("hmrc", "ch", 2, ("a", "b")), ("ch", "hmrc", 1, ("c",))]
    first = report.handoffs_by_pair[0]
    assert (first.handoffs, first.unagreed, first.modes) == (1, 1, {"paper": 1})
    # One summary finding for the table (the pairs are in handoffs_by_pair), and the pair with an
    # unagreed hand-off once, under handoff.unagreed.
    [summary] = found(report, "handoff.cross_org")
    assert (summary.subject, summary.severity, summary.data) == ("", "medium", {"count": 3, "pairs": 2, "unagreed": 1})
    assert subjects(report, "handoff.unagreed") == ["hmrc>ch"]


def test_no_cross_organisation_hand_off_in_a_one_organisation_journey() -> None:
    steps, deps = chain("1", "2", "3")
    report = run(J(steps, deps))
    assert report.handoff_count == 0
    assert report.handoffs_by_pair == []
    assert found(report, "handoff.cross_org") == []


def test_a_hand_off_across_organisations_nobody_has_agreed_is_found() -> None:
    steps = [S("1", 0, "hmrc"), S("2", 1, "ch"), S("3", 2, "ch")]
    deps = [D("a", "1", "2", "data_handoff", mode="email", agreed=False), D("b", "2", "3", agreed=False)]
    report = run(J(steps, deps))
    [gap] = found(report, "handoff.unagreed")
    assert (gap.subject, gap.dependency_ids, gap.step_ids, gap.organisation_ids) == (
        "hmrc>ch", ("a",), ("1", "2"), ("hmrc", "ch"))


def test_no_unagreed_hand_off_when_all_are_agreed() -> None:
    steps = [S("1", 0, "hmrc"), S("2", 1, "ch"), S("3", 2, "ch")]
    deps = [D("a", "1", "2", "data_handoff", mode="email"), D("b", "2", "3", agreed=False)]  # b is inside CH
    assert found(run(J(steps, deps)), "handoff.unagreed") == []


def test_ping_pong_is_one_step_at_another_organisation_and_straight_back() -> None:
    steps = [
        S("1", 0, "hmrc"), S("2", 1, "ch"), S("3", 2, "hmrc"),  # HMRC -> CH -> HMRC: sent back at once
        S("4", 0, "dwp"), S("5", 1, "ch"), S("6", 1, "ch"), S("7", 2, "dwp"),  # two steps at CH: a natural flow
        S("8", 0, "fsa"), S("9", 1, "ch"), S("10", 1, "ch"), S("11", 1, "ch"), S("12", 2, "fsa"),  # three: the same
    ]
    deps = [
        D("a", "1", "2"), D("b", "2", "3"),
        D("c", "4", "5"), D("d", "5", "6"), D("e", "6", "7"),
        D("f", "8", "9"), D("g", "9", "10"), D("h", "10", "11"), D("i", "11", "12"),
    ]
    report = run(J(steps, deps))
    pongs = found(report, "handoff.ping_pong")
    assert [(f.step_ids, f.dependency_ids, f.organisation_ids) for f in pongs] == [
        (("1", "2", "3"), ("a", "b"), ("ch", "hmrc")),  # organisations in label order
    ]


def test_no_ping_pong_when_the_user_moves_on_through_three_organisations() -> None:
    steps = [S("1", 0, "hmrc"), S("2", 1, "ch"), S("3", 1, "dwp"), S("4", 2, "hmrc")]  # A -> B -> C -> A
    deps = [D("a", "1", "2"), D("b", "2", "3"), D("c", "3", "4")]
    assert found(run(J(steps, deps)), "handoff.ping_pong") == []


def test_the_longest_chain_of_hand_offs() -> None:
    # Route 1-2-3-4-5 crosses HMRC>CH, CH>DWP, DWP>HMRC; the branch 1-6-7 stays in HMRC.
    steps = [S("1", 0, "hmrc"), S("2", 0, "ch"), S("3", 1, "ch"), S("4", 1, "dwp"), S("5", 2, "hmrc"),
             S("6", 1, "hmrc"), S("7", 2, "hmrc")]
    deps = [D("a", "1", "2"), D("b", "2", "3"), D("c", "3", "4"), D("d", "4", "5"), D("e", "1", "6"), D("f", "6", "7")]
    [longest] = found(run(J(steps, deps)), "handoff.longest_chain")
    assert longest.data["handoffs"] == 3
    assert longest.dependency_ids == ("a", "c", "d")
    assert longest.data["route"] == ["a", "b", "c", "d"]
    assert longest.step_ids == ("1", "2", "3", "4", "5")
    assert "HMRC → CH → DWP → HMRC" in longest.message


def test_no_chain_of_hand_offs_without_a_hand_off() -> None:
    steps, deps = chain("1", "2", "3")
    assert found(run(J(steps, deps)), "handoff.longest_chain") == []


# --- tell us once ---------------------------------------------------------------------------------------


def test_data_asked_again_by_other_organisations_names_the_first_step_that_collects_it() -> None:
    steps = [
        S("1", 1, "hmrc", asks=["nino", "name"]),
        S("2", 1, "hmrc", asks=["name"]),  # the business name: only HMRC asks
        S("3", 0, "ch", asks=["nino"]),  # the first to ask, in journey order (stage 0)
        S("4", 2, "dwp", asks=["nino"]),
    ]
    deps = [D("a", "3", "1"), D("b", "1", "2"), D("c", "2", "4")]
    report = run(J(steps, deps))
    [repeat] = found(report, "tell_us_once.repeated_data")
    assert repeat.subject == "nino"
    assert repeat.step_ids == ("3", "1", "4")
    assert repeat.organisation_ids == ("ch", "hmrc", "dwp")
    assert repeat.data["first_step_id"] == "3"
    assert repeat.severity == "high"  # three organisations ask
    assert "National Insurance number" in repeat.message
    assert "\u2018Step 3\u2019 (Stage 0, CH) already collects it" in repeat.message


def test_no_tell_us_once_gap_when_only_one_organisation_asks() -> None:
    steps = [S("1", 0, "hmrc", asks=["nino"]), S("2", 1, "hmrc", asks=["nino"]), S("3", 2, None, asks=["nino"])]
    assert found(run(J(steps, [D("a", "1", "2"), D("b", "2", "3")])), "tell_us_once.repeated_data") == []


# --- single points of failure -----------------------------------------------------------------------------


def _triangle_with_tail() -> JourneyData:
    # 1, 2, 3 form a triangle; 3 -> 4 -> 5 hangs off it; 4 -> 5 is doubled (two kinds).
    steps = [S("1", 0), S("2", 0, "ch"), S("3", 1), S("4", 1, "dwp"), S("5", 2), S("6", 2)]
    deps = [D("a", "1", "2"), D("b", "2", "3"), D("c", "1", "3"), D("d", "3", "4"),
            D("e", "4", "5"), D("f", "4", "5", "data_handoff"), D("g", "5", "6")]
    return J(steps, deps)


def test_steps_and_dependencies_the_journey_hangs_on() -> None:
    report = run(_triangle_with_tail())
    cuts = {f.subject: (f.data["parts"], f.data["cut_off"]) for f in found(report, "spof.step")}
    # Without 3: {1,2} and {4,5,6}, so 2 steps are cut off; without 4: {1,2,3} and {5,6}; without 5: {6}.
    assert cuts == {"3": (2, 2), "4": (2, 2), "5": (2, 1)}
    # The bridges 3 -> 4 and 5 -> 6 (4 -> 5 is held by two dependencies) each touch a step the journey
    # hangs on: one cut, so they go into those steps' findings rather than findings of their own.
    assert found(report, "spof.bridge") == []
    assert {f.subject: f.dependency_ids for f in found(report, "spof.step")} == {"3": ("d",), "4": (), "5": ("g",)}


def test_no_single_point_of_failure_in_a_ring() -> None:
    steps = [S("1", 0), S("2", 1), S("3", 1), S("4", 2)]
    deps = [D("a", "1", "2"), D("b", "2", "4"), D("c", "1", "3"), D("d", "3", "4")]
    report = run(J(steps, deps))
    assert found(report, "spof.step") == []
    assert found(report, "spof.bridge") == []


def test_an_organisation_the_organisation_graph_hangs_on() -> None:
    steps, deps = chain("1", "2", "3", owners=["hmrc", "ch", "dwp"])
    report = run(J(steps, deps))
    [org] = found(report, "spof.org")
    assert org.subject == "ch"
    assert "{DWP} and {HMRC}" in org.message


def test_no_organisation_single_point_of_failure_in_a_ring_of_organisations() -> None:
    steps, deps = chain("1", "2", "3", owners=["hmrc", "ch", "dwp"])
    deps.append(D("back", "3", "1"))  # DWP -> HMRC closes the ring
    assert found(run(J(steps, deps)), "spof.org") == []


def test_a_bottleneck_organisation_by_betweenness() -> None:
    steps, deps = chain("1", "2", "3", owners=["hmrc", "ch", "dwp"])
    report = run(J(steps, deps))
    [neck] = found(report, "spof.bottleneck_org")
    # Directed HMRC -> CH -> DWP: CH lies on the one route between the other two of the 2 ordered pairs.
    assert (neck.subject, neck.data["betweenness"], neck.severity) == ("ch", 0.5, "high")
    assert report.organisation_centrality == {"ch": 0.5, "dwp": 0.0, "hmrc": 0.0}


def test_no_bottleneck_when_every_organisation_hands_to_every_other() -> None:
    steps = [S("1", 0, "hmrc"), S("2", 1, "ch"), S("3", 1, "dwp"), S("4", 2, "hmrc"), S("5", 2, "ch"), S("6", 2, "dwp")]
    deps = [D("a", "1", "2"), D("b", "1", "3"), D("c", "2", "3"), D("d", "3", "2"), D("e", "2", "4"), D("f", "3", "4")]
    assert found(run(J(steps, deps)), "spof.bottleneck_org") == []


# --- critical path ----------------------------------------------------------------------------------------


def test_the_critical_path_is_the_longest_route_by_duration() -> None:
    steps = [S("1", 0, hours=2), S("2", 1, hours=3), S("3", 1, hours=10), S("4", 2, hours=1), S("5", 2, hours=None)]
    deps = [D("a", "1", "2"), D("b", "2", "4"), D("c", "1", "3"), D("d", "3", "4"), D("e", "2", "5")]
    report = run(J(steps, deps))
    path = report.critical_path
    assert path is not None
    assert (path.step_ids, path.dependency_ids, path.total_hours, path.on_condensation) == (
        ("1", "3", "4"), ("c", "d"), 13.0, False)
    [finding] = found(report, "critical_path")
    assert finding.step_ids == ("1", "3", "4")
    assert "13 hours" in finding.message
    assert "loop" not in finding.message


def test_the_critical_path_through_a_loop_counts_the_loop_once_and_says_so() -> None:
    steps = [S("1", 0, hours=1), S("2", 1, hours=2), S("3", 1, hours=4), S("4", 2, hours=1), S("5", 2, hours=5)]
    deps = [D("a", "1", "2"), D("b", "2", "3"), D("c", "3", "2"), D("d", "3", "4"), D("e", "1", "5")]
    report = run(J(steps, deps))
    path = report.critical_path
    assert path is not None
    assert (path.step_ids, path.total_hours, path.on_condensation) == (("1", "2", "3", "4"), 8.0, True)
    assert "rework loop" in found(report, "critical_path")[0].message


def test_no_critical_path_without_any_duration() -> None:
    steps, deps = chain("1", "2", "3")
    report = run(J(steps, deps))
    assert report.critical_path is None
    assert found(report, "critical_path") == []


# --- blockers -------------------------------------------------------------------------------------------------


def _blocked() -> JourneyData:
    # 1 -> 2 -> 3 -> 4 and 1 -> 5; 3 <-> 6 is a loop.
    steps = [S("1", 0, "hmrc", volume=1000), S("2", 1, "ch", volume=800), S("3", 1, "dwp", volume=300),
             S("4", 2, "hmrc"), S("5", 2, "dwp", volume=50), S("6", 2, "ch", volume=20)]
    deps = [D("a", "1", "2"), D("b", "2", "3"), D("c", "3", "4"), D("d", "1", "5"), D("e", "3", "6"), D("f", "6", "3")]
    blockers = [
        B("b1", steps=["2"], severity="medium", causes=["dwp"]),  # holds up 2, 3, 4, 6
        B("b2", deps=["d"], severity="critical"),  # a blocked hand-off stops its target, 5
        B("b3", steps=["6"], severity="low"),  # inside the loop: reaches 3, 4 and 6
    ]
    return J(steps, deps, blockers)


def test_each_open_blocker_reaches_the_steps_downstream_of_what_it_blocks() -> None:
    report = run(_blocked())
    impact = {b.blocker_id: b for b in report.blocker_ranking}
    assert (impact["b1"].direct_step_ids, impact["b1"].steps_reached, impact["b1"].monthly_users) == (("2",), 4, 800)
    assert impact["b1"].organisation_ids == ("ch", "dwp", "hmrc")  # in label order: CH, DWP, HMRC
    assert (impact["b2"].direct_step_ids, impact["b2"].steps_reached, impact["b2"].monthly_users) == (("5",), 1, 50)
    assert impact["b2"].organisation_ids == ("dwp",)
    assert (impact["b3"].steps_reached, impact["b3"].monthly_users) == (3, 20)  # users at step 6, the blocked one
    # Ranked by steps held up: b1 4, b3 3, b2 1; the findings in the same order.
    assert [(b.blocker_id, b.steps_reached) for b in report.blocker_ranking] == [("b1", 4), ("b3", 3), ("b2", 1)]
    assert subjects(report, "blocker.impact") == ["b1", "b3", "b2"]
    assert found(report, "blocker.impact")[0].blocker_ids == ("b1",)


def test_downstream_steps_lists_what_a_blocker_holds_up() -> None:
    data = _blocked()
    assert downstream_steps(data, "b1") == ["2", "3", "4", "6"]  # journey order: stage 1 (2, 3), stage 2 (4, 6)
    with pytest.raises(NotFoundError):
        downstream_steps(data, "nope")


def test_no_blocker_impact_without_blockers() -> None:
    steps, deps = chain("1", "2")
    report = run(J(steps, deps))
    assert report.blocker_ranking == []
    assert found(report, "blocker.impact") == []


def test_blockers_past_due_or_quiet_for_thirty_days_are_stale() -> None:
    steps, deps = chain("1", "2")
    blockers = [
        B("late", steps=["1"], due=date(2025, 6, 30)),
        B("quiet", steps=["1"], last=date(2025, 5, 31)),  # 31 days
        B("both", steps=["2"], due=date(2025, 1, 1), last=date(2025, 1, 1)),
        B("fresh", steps=["2"], due=date(2025, 7, 1), last=date(2025, 6, 1)),  # due today, 30 days: not yet
    ]
    report = run(J(steps, deps, blockers))
    # Each stops a step, so its staleness is said in its impact finding: one fact, one finding.
    assert subjects(report, "blocker.stale") == []
    stale = {f.subject: f.data["stale"] for f in found(report, "blocker.impact")}
    assert stale == {"late": True, "quiet": True, "both": True, "fresh": False}
    messages = {f.subject: f.message for f in found(report, "blocker.impact")}
    assert "1 day past its due date" in messages["late"]
    assert "no update for 31 days (more than 30 days)" in messages["quiet"]
    assert "past its due date" in messages["both"]
    assert "no update for 181 days (more than 30 days)" in messages["both"]
    assert "past" not in messages["fresh"] and "no update" not in messages["fresh"]
    assert {b.blocker_id: b.stale for b in report.blocker_ranking} == {
        "late": True, "quiet": True, "both": True, "fresh": False}


def test_no_stale_blocker_when_all_are_current() -> None:
    steps, deps = chain("1", "2")
    report = run(J(steps, deps, [B("b", steps=["1"], due=date(2025, 8, 1), last=date(2025, 6, 30))]))
    assert found(report, "blocker.stale") == []


# --- what if ----------------------------------------------------------------------------------------------------


def test_what_if_a_step_were_removed() -> None:
    steps, deps = chain("1", "2", "3", "4")
    result = what_if_data(J(steps, deps), today=TODAY, without_step="2")
    # 1 and 2 share the first stage; without 2, 3 and 4 cannot be reached and 1 leads nowhere.
    assert [(f.kind, f.subject) for f in result.added if f.kind.startswith("structure")] == [
        ("structure.unreachable", "3"), ("structure.unreachable", "4"), ("structure.dead_end", "1")]
    assert result.scenario.scenario == ("without the step \u2018Step 2\u2019",)
    assert result.count_changes["structure.unreachable"] == (0, 2)
    assert result.scenario.stats["steps"] == 3


def test_what_if_an_organisation_left_removes_its_steps() -> None:
    steps, deps = chain("1", "2", "3", owners=["hmrc", "ch", "dwp"])
    result = what_if_data(J(steps, deps), today=TODAY, without_org="ch")
    assert ("structure.unreachable", "3") in [f.key for f in result.added]
    assert ("spof.org", "ch") in [f.key for f in result.removed]
    assert "ch" not in result.scenario.organisation_labels
    assert result.scenario.stats["steps"] == 2


def test_what_if_a_blocker_were_resolved() -> None:
    steps, deps = chain("1", "2", "3")
    blockers = [B("b1", steps=["2"], due=date(2025, 1, 1)), B("b2", steps=["3"])]
    result = what_if_data(J(steps, deps, blockers), today=TODAY, resolve_blocker="b1")
    assert sorted(f.key for f in result.removed) == [("blocker.impact", "b1")]  # its staleness is said in it
    assert result.added == []
    assert [b.blocker_id for b in result.scenario.blocker_ranking] == ["b2"]


def test_what_if_reports_findings_that_change() -> None:
    steps = [S("1", 0, "hmrc", asks=["nino"]), S("2", 1, "ch", asks=["nino"]), S("3", 2, "dwp", asks=["nino"])]
    result = what_if_data(J(steps, [D("a", "1", "2"), D("b", "2", "3")]), today=TODAY, without_step="2")
    changed = {(before.kind, before.subject): (before.step_ids, after.step_ids) for before, after in result.changed}
    assert changed[("tell_us_once.repeated_data", "nino")] == (("1", "2", "3"), ("1", "3"))


def test_what_if_refuses_ids_not_in_the_journey() -> None:
    steps, deps = chain("1", "2")
    data = J(steps, deps)
    with pytest.raises(NotFoundError):
        apply_scenario(data, without_step="nope")
    with pytest.raises(NotFoundError):
        apply_scenario(data, without_org="nope")
    with pytest.raises(NotFoundError):
        apply_scenario(data, resolve_blocker="nope")


def test_a_what_if_keeps_the_first_stage_so_removing_the_only_start_strands_the_rest() -> None:
    steps, deps = chain("1", "2", "3")  # step 1 alone in the first stage
    report = run(apply_scenario(J(steps, deps), without_step="1"))
    assert subjects(report, "structure.unreachable") == ["2", "3"]
    assert "has no steps left" in found(report, "structure.unreachable")[0].message


# --- the graphs ----------------------------------------------------------------------------------------------


def test_the_step_graph_carries_steps_and_dependencies() -> None:
    steps = [S("1", 0, "hmrc", hours=2), S("2", 1, "ch")]
    deps = [D("a", "1", "2", "data_handoff", mode="api", agreed=False), D("b", "1", "2", "needs")]
    graph = step_graph(J(steps, deps))
    assert isinstance(graph, nx.DiGraph)
    assert sorted(graph.nodes) == ["1", "2"]
    assert graph.nodes["1"]["owner_id"] == "hmrc"
    assert graph.nodes["1"]["duration_hours"] == 2
    edge = graph.edges["1", "2"]
    assert (edge["id"], edge["kind"], edge["handoff_mode"], edge["agreed"], edge["cross_org"]) == (
        "a", "data_handoff", "api", False, True)
    assert edge["dependency_ids"] == ["a", "b"]


def test_the_organisation_graph_weighs_hand_offs_dependencies_and_blockers_caused() -> None:
    steps = [S("1", 0, "hmrc"), S("2", 1, "ch"), S("3", 2, "hmrc"), S("4", 2, "dwp")]
    deps = [D("a", "1", "2", "data_handoff", mode="api"), D("b", "2", "3"), D("c", "1", "4", "needs")]
    blockers = [B("x", steps=["1"], causes=["ch"]), B("y", steps=["3", "4"], causes=["ch", "hmrc"])]
    graph = organisation_graph(J(steps, deps, blockers))
    assert set(graph.nodes) == {"hmrc", "ch", "dwp", "fsa"}
    assert graph.nodes["fsa"]["steps"] == 0
    hc = graph.edges["hmrc", "ch"]
    # HMRC -> CH: one hand-off (a); CH causes x and y for HMRC's steps 1 and 3.
    assert (hc["handoffs"], hc["dependencies"], hc["blockers"], hc["weight"]) == (1, 0, 2, 3)
    assert hc["blocker_ids"] == ["x", "y"]
    assert (graph.edges["ch", "hmrc"]["dependencies"], graph.edges["ch", "hmrc"]["weight"]) == (1, 1)
    assert graph.edges["dwp", "ch"]["blocker_ids"] == ["y"]
    assert graph.edges["dwp", "hmrc"]["blocker_ids"] == ["y"]
    assert graph.edges["hmrc", "dwp"]["dependency_ids"] == ["c"]


# --- the report as data ---------------------------------------------------------------------------------------


def test_the_report_counts_every_kind_and_has_a_json_form() -> None:
    report = run(_blocked())
    assert list(report.counts) == list(KINDS)
    assert sum(report.counts.values()) == len(report.findings) == report.stats["findings"]
    data = json.loads(json.dumps(report.to_json()))
    assert data["format"] == 2
    assert data["journey_id"] == "j1"
    assert data["today"] == "2025-07-01"
    assert data["counts"] == report.counts
    assert {f["kind"] for f in data["findings"]} <= set(KINDS)
    assert all(f["severity"] in ("low", "medium", "high", "critical") for f in data["findings"])
    ids = data["ids"]
    # The ranking is places in "findings": the blocker.impact findings, in ranking order, hold the figures.
    first = data["findings"][data["blocker_ranking"][0]]
    assert (first["kind"], ids["blockers"][first["subject"]]) == ("blocker.impact", "b1")
    assert first["data"]["steps_reached"] == 4 and first["data"]["monthly_users"] == 800
    assert first["data"]["title"] == "Blocker b1" and first["data"]["stale"] is False
    assert [ids["organisations"][n] for n in data["organisation_sets"][first["organisations"]]] == ["ch", "dwp", "hmrc"]
    assert data["actions"][first["action"]] == "HMRC to resolve it."
    assert data["groups"][0]["kind"] == "blocker.impact"  # a critical blocker: the most urgent kind
    assert data["act_first"] and all(0 <= n < len(data["findings"]) for n in data["act_first"])
    assert "total" in data["timings"]


def _plain(f: Finding) -> tuple:
    """A finding as JSON would hold it (tuples and lists alike)."""
    data = {k: list(v) if isinstance(v, tuple | list) else v for k, v in f.data.items()}
    return (f.kind, f.severity, f.message, f.subject, f.step_ids, f.dependency_ids, f.organisation_ids,
            f.blocker_ids, data, f.action, f.actor_ids)


def test_the_json_is_complete_every_finding_comes_back_from_it() -> None:
    steps, deps = chain("1", "2", "3", "4", owners=["hmrc", "ch", "hmrc", None])
    steps.append(S("5", 1, "dwp", channels=["online"], asks=["nino"]))
    steps[0] = steps[0]._replace(data_item_ids=("nino",))
    data = J(steps, [*deps, D("d15", "1", "5", mode="email", agreed=False)],
             [B("b1", steps=["2"], causes=["dwp"]), B("b2", deps=["d12"], due=date(2025, 1, 1)),
              B("b3", steps=["4"], last=date(2024, 1, 1))])
    report = run(data)
    assert len({f.kind for f in report.findings}) >= 8
    back = findings_from_json(json.loads(json.dumps(report.to_json())))
    assert [_plain(f) for f in back] == [_plain(f) for f in report.findings]
    # With a limit, every finding and figure is still there; only the sentences beyond it are left out.
    short = findings_from_json(json.loads(json.dumps(report.to_json(messages=1))))
    assert [_plain(replace(f, text="")) for f in short] == [_plain(replace(f, text="")) for f in report.findings]
    assert sum(bool(f.message) for f in short) < len(report.findings)


def test_what_if_has_a_json_form() -> None:
    steps, deps = chain("1", "2", "3")
    data = json.loads(json.dumps(what_if_data(J(steps, deps), today=TODAY, without_step="2").to_json()))
    assert data["count_changes"]["structure.unreachable"] == [0, 1]
    after = data["what_if"]
    added = [after["findings"][n] for n in data["added"]]
    assert [after["ids"]["steps"][f["subject"]] for f in added if f["kind"] == "structure.unreachable"] == ["3"]


def test_an_empty_journey_has_only_empty_stages() -> None:
    report = run(J([], stages=2))
    assert {k for k, n in report.counts.items() if n} == {"structure.empty_stage", "ownership.isolated_org"}
    assert report.critical_path is None


@pytest.mark.parametrize(
    ("hours", "text"),
    [(0.5, "30 minutes"), (1, "1 hour"), (13, "13 hours"), (2.5, "2.5 hours"), (72, "3 days"), (24 * 7 * 3, "3 weeks"),
     (24 * 7 * 120, "120 weeks")],
)
def test_durations_read_as_people_say_them(hours: float, text: str) -> None:
    assert duration_text(hours) == text
