"""The analysis's definitions on small hand-made journeys, each expected finding written out by hand.

One journey per rule: two alternatives (either/or), an unreachable part, a loop between two
organisations, a blocker on a hand-off, a resolved and a sensitive blocker, a reach that covers most
of the journey; and the merges that keep one fact to one finding. The helpers are those of
``test_analysis`` (organisations HMRC, CH, DWP and FSA; ``S`` a step, ``D`` a dependency, ``B`` an
open blocker, ``J`` the journey).
"""

from __future__ import annotations

import itertools
from datetime import date

from servicecommunity.analysis import act_first, analyse_data, plural, what_if_data
from servicecommunity.analysis.graphs import BlockerInfo
from tests.core.test_analysis import TODAY, B, D, J, S, found, run, subjects

# --- alternatives: either/or ------------------------------------------------------------------------


def _either_or() -> tuple[list, list]:
    """Choose (HMRC), then either Sole trader (HMRC, 4 h) -> Interview (DWP, 1 h) or Company name (CH,
    2 h) -> Incorporate (CH, 5 h). The alternative arrow goes from the step before into the "or" step."""
    steps = [
        S("choose", 0, "hmrc", hours=1, asks=["name"]),
        S("sole", 1, "hmrc", hours=4, asks=["nino"]),
        S("cname", 1, "ch", hours=2, asks=["name"]),
        S("interview", 2, "dwp", hours=1, asks=["nino"]),
        S("incorporate", 2, "ch", hours=5, asks=["nino"]),
    ]
    deps = [
        D("d1", "choose", "sole"),
        D("d2", "choose", "cname", "alternative"),
        D("d3", "sole", "interview"),
        D("d4", "cname", "incorporate"),
    ]
    return steps, deps


def test_the_critical_path_takes_the_longest_alternative_never_both() -> None:
    steps, deps = _either_or()
    path = run(J(steps, deps)).critical_path
    assert path is not None
    assert path.step_ids == ("choose", "cname", "incorporate")  # 1 + 2 + 5 = 8 h, not 1 + 4 + 1 + 2 + 5
    assert path.total_hours == 8.0


def test_a_blockers_reach_stays_inside_its_alternative() -> None:
    steps, deps = _either_or()
    report = run(J(steps, deps, [B("b1", steps=["sole"])]))
    [impact] = report.blocker_ranking
    assert impact.steps_reached == 2  # sole and interview: nothing on the company route
    assert impact.organisation_ids == ("dwp", "hmrc")


def test_tell_us_once_counts_the_asks_of_one_route() -> None:
    # The NI number is asked at sole (HMRC) and interview (DWP) on one route, and at incorporate (CH)
    # on the other: no user meets all three, so the route with most asks is counted: 2 organisations.
    steps, deps = _either_or()
    report = run(J(steps, deps))
    nino = [f for f in found(report, "tell_us_once.repeated_data") if f.subject == "nino"]
    assert [f.step_ids for f in nino] == [("sole", "interview")]
    assert nino[0].organisation_ids == ("hmrc", "dwp")
    assert nino[0].severity == "medium"
    # The business name is asked at choose (HMRC) and cname (CH): one route, so it is counted.
    assert [f.step_ids for f in found(report, "tell_us_once.repeated_data") if f.subject == "name"] == [
        ("choose", "cname")]


# --- critical path: from the start, never through unreachable steps, and when it means little -----------


def test_the_critical_path_starts_at_the_entry_steps_and_skips_unreachable_ones() -> None:
    # 1 -> 2 is the journey; 9 -> 3 is a part nobody reaches from the first stage (9 in stage 1), and
    # much longer. The path must not run through it.
    steps = [S("1", 0, hours=2), S("9", 1, hours=100), S("2", 1, hours=3), S("3", 2, hours=50)]
    deps = [D("a", "1", "2"), D("b", "9", "3")]
    report = run(J(steps, deps))
    assert subjects(report, "structure.unreachable") == ["9", "3"]
    path = report.critical_path
    assert path is not None
    assert (path.step_ids, path.total_hours) == (("1", "2"), 5.0)


def test_the_critical_path_names_its_longest_steps_and_says_times_include_waiting() -> None:
    steps = [S("1", 0, hours=1), S("2", 1, hours=720), S("3", 2, hours=2)]
    deps = [D("a", "1", "2"), D("b", "2", "3")]
    [finding] = found(run(J(steps, deps)), "critical_path")
    assert "Step 2 (4.3 weeks)" in finding.message.replace("\u2018", "").replace("\u2019", "")
    assert "waiting" in finding.message


def test_a_critical_path_over_very_many_steps_says_it_is_no_one_users_journey() -> None:
    ids = [str(n) for n in range(60)]
    steps = [S(i, min(2, n // 20), hours=1) for n, i in enumerate(ids)]
    deps = [D(f"d{n}", ids[n], ids[n + 1]) for n in range(59)]
    [finding] = found(run(J(steps, deps)), "critical_path")
    assert "not one user's journey" in finding.message
    assert finding.data["meaningful"] is False


# --- blockers: one ranking by impact, users at the blocked steps, saturation, sensitivity ------------------


def _ranked() -> list:
    # 1 -> 2 -> 3 -> 4 -> 5 -> 6; b_low (low) stops 2 and holds up 5 steps; b_crit (critical) stops 6.
    ids = ["1", "2", "3", "4", "5", "6"]
    steps = [S(i, min(2, n // 2), volume=v) for n, (i, v) in enumerate(zip(ids, [900, 100, 5000, 50, 40, 30], strict=True))]
    deps = [D(f"d{a}{b}", a, b) for a, b in itertools.pairwise(ids)]
    return [steps, deps]


def test_blockers_are_ranked_by_how_much_they_hold_up_in_the_findings_too() -> None:
    steps, deps = _ranked()
    blockers = [B("b_crit", steps=["6"], severity="critical"), B("b_low", steps=["2"], severity="low")]
    report = run(J(steps, deps, blockers))
    assert [b.blocker_id for b in report.blocker_ranking] == ["b_low", "b_crit"]
    assert subjects(report, "blocker.impact") == ["b_low", "b_crit"]  # the same order, not by severity


def test_ties_in_reach_are_broken_by_severity_then_age() -> None:
    steps, deps = _ranked()
    blockers = [
        B("a_new", steps=["6"], severity="high")._replace(raised_on=date(2025, 5, 1)),
        B("b_old", steps=["6"], severity="high")._replace(raised_on=date(2024, 5, 1)),
        B("c_crit", steps=["6"], severity="critical"),
    ]
    report = run(J(steps, deps, blockers))
    assert [b.blocker_id for b in report.blocker_ranking] == ["c_crit", "b_old", "a_new"]


def test_users_a_month_are_the_users_at_the_blocked_steps_not_the_busiest_step_after() -> None:
    steps, deps = _ranked()
    report = run(J(steps, deps, [B("b1", steps=["2"])]))
    [impact] = report.blocker_ranking
    assert impact.monthly_users == 100  # step 2's users; step 3 downstream has 5,000
    [finding] = found(report, "blocker.impact")
    assert "5,000" not in finding.message
    assert "100 users a month" in finding.message


def test_a_blocked_hand_off_counts_the_users_at_the_step_it_leads_to() -> None:
    steps, deps = _ranked()
    report = run(J(steps, deps, [B("b1", deps=["d45"])]))
    assert report.blocker_ranking[0].monthly_users == 40


def test_a_reach_over_most_of_the_journey_is_said_as_such() -> None:
    steps, deps = _ranked()
    [finding] = found(run(J(steps, deps, [B("b1", steps=["2"])])), "blocker.impact")
    assert "most of the journey: 5 of 6 steps" in finding.message


def test_a_blocker_that_holds_up_nothing_after_says_so_in_words() -> None:
    steps, deps = _ranked()
    [finding] = found(run(J(steps, deps, [B("b1", steps=["6"])])), "blocker.impact")
    assert "0 more" not in finding.message
    assert "nothing else waits on it" in finding.message


def test_a_stale_blocker_that_stops_steps_is_one_finding_not_two() -> None:
    steps, deps = _ranked()
    report = run(J(steps, deps, [B("b1", steps=["2"], due=date(2025, 6, 1))]))
    assert found(report, "blocker.stale") == []
    [finding] = found(report, "blocker.impact")
    assert "30 days past its due date" in finding.message
    assert finding.data["stale"] is True


def test_a_stale_blocker_on_nothing_left_in_the_journey_is_still_reported() -> None:
    # It names only a step no longer in the journey: no impact to state, so the staleness stands alone.
    steps, deps = _ranked()
    report = run(J(steps, deps, [B("b1", steps=["gone"], last=date(2025, 1, 1))]))
    assert found(report, "blocker.impact") == []
    [stale] = found(report, "blocker.stale")
    assert stale.subject == "b1"
    assert "no update for 181 days (more than 30 days)" in stale.message


def test_sensitive_blocker_titles_are_withheld_or_marked() -> None:
    steps, deps = _ranked()
    secret = BlockerInfo(**{**B("b1", steps=["2"])._asdict(), "title": "Secret plan", "sensitive": True})
    data = J(steps, deps, [secret])
    withheld = analyse_data(data, today=TODAY, include_sensitive=False)
    assert "Secret plan" not in str(withheld.to_json())
    assert "OFFICIAL-SENSITIVE" in found(withheld, "blocker.impact")[0].message
    shown = analyse_data(data, today=TODAY, include_sensitive=True)
    assert "[OFFICIAL-SENSITIVE] \u2018Secret plan\u2019" in found(shown, "blocker.impact")[0].message



def test_what_if_withholds_a_sensitive_blocker_title_too() -> None:
    # Resolving a sensitive blocker in a what-if names it in the scenario's words, and the findings it
    # adds, removes or changes: withheld there as in the report, or marked when asked for.
    steps, deps = _ranked()
    secret = BlockerInfo(**{**B("b1", steps=["2"])._asdict(), "title": "Secret plan", "sensitive": True})
    other = B("b2", steps=["3"])
    data = J(steps, deps, [secret, other])
    for change in ({"resolve_blocker": "b1"}, {"resolve_blocker": "b2"}, {"without_step": "3"}):
        withheld = what_if_data(data, today=TODAY, include_sensitive=False, **change)
        assert "Secret plan" not in str(withheld.to_json()), change
    hidden = what_if_data(data, today=TODAY, include_sensitive=False, resolve_blocker="b1")
    assert hidden.scenario.scenario == ("with an OFFICIAL-SENSITIVE blocker (title withheld) resolved",)
    shown = what_if_data(data, today=TODAY, include_sensitive=True, resolve_blocker="b1")
    assert shown.scenario.scenario == ("with the blocker [OFFICIAL-SENSITIVE] \u2018Secret plan\u2019 resolved",)
    plain = what_if_data(data, today=TODAY, include_sensitive=False, resolve_blocker="b2")
    assert plain.scenario.scenario == ("with the blocker \u2018Blocker b2\u2019 resolved",)

# --- hand-offs: the chain as printed, ping-pong only for real back-and-forth ---------------------------


def test_the_longest_chain_counts_the_arrows_it_prints() -> None:
    # HMRC -> CH -> (no owner) -> DWP -> FSA: the chain reads HMRC -> CH -> DWP -> FSA, three arrows,
    # though only two dependencies join steps of two organisations.
    steps = [S("1", 0, "hmrc"), S("2", 0, "ch"), S("3", 1, None), S("4", 1, "dwp"), S("5", 2, "fsa")]
    deps = [D("a", "1", "2"), D("b", "2", "3"), D("c", "3", "4"), D("d", "4", "5")]
    [finding] = found(run(J(steps, deps)), "handoff.longest_chain")
    assert "HMRC \u2192 CH \u2192 DWP \u2192 FSA" in finding.message
    assert "3 times" in finding.message
    assert finding.data["handoffs"] == 3


def test_one_loop_between_two_organisations_is_one_ping_pong() -> None:
    # 1 (HMRC) -> 2 (CH) -> 3 (HMRC) -> 4 (CH): sent to CH for one step and back, twice over; one finding.
    steps = [S("1", 0, "hmrc"), S("2", 1, "ch"), S("3", 1, "hmrc"), S("4", 2, "ch")]
    deps = [D("a", "1", "2"), D("b", "2", "3"), D("c", "3", "4")]
    [finding] = found(run(J(steps, deps)), "handoff.ping_pong")
    assert finding.step_ids == ("1", "2", "3", "4")
    assert set(finding.organisation_ids) == {"hmrc", "ch"}


def test_a_natural_flow_through_two_steps_of_another_organisation_is_no_ping_pong() -> None:
    # DWP -> HMRC -> HMRC -> DWP: the user does two things at HMRC and goes on; nobody bounced them.
    steps = [S("1", 0, "dwp"), S("2", 1, "hmrc"), S("3", 1, "hmrc"), S("4", 2, "dwp")]
    deps = [D("a", "1", "2"), D("b", "2", "3"), D("c", "3", "4")]
    assert found(run(J(steps, deps)), "handoff.ping_pong") == []


def test_unagreed_hand_offs_are_one_finding_per_pair_and_not_repeated() -> None:
    steps = [S("1", 0, "hmrc"), S("2", 1, "hmrc"), S("3", 2, "dwp"), S("4", 2, "ch")]
    deps = [D("a", "1", "3", agreed=False), D("b", "2", "3", agreed=False), D("c", "2", "4")]
    report = run(J(steps, deps))
    [unagreed] = found(report, "handoff.unagreed")
    assert unagreed.subject == "hmrc>dwp"
    assert unagreed.dependency_ids == ("a", "b")
    assert set(unagreed.actor_ids) == {"hmrc", "dwp"}
    assert "Agree" in unagreed.action
    [summary] = found(report, "handoff.cross_org")  # one summary of the table, not one per arrow
    assert summary.data["pairs"] == 2 and summary.data["count"] == 3


# --- one cut, one finding ---------------------------------------------------------------------------------


def test_a_step_and_the_bridge_beside_it_are_one_finding() -> None:
    # 1 - 2 - 3 in a row: 2 is the cut vertex, and the bridges 1-2 and 2-3 touch it.
    steps = [S("1", 0), S("2", 1), S("3", 2)]
    deps = [D("a", "1", "2"), D("b", "2", "3")]
    report = run(J(steps, deps))
    assert subjects(report, "spof.step") == ["2"]
    assert found(report, "spof.bridge") == []
    assert set(found(report, "spof.step")[0].dependency_ids) == {"a", "b"}


# --- words ------------------------------------------------------------------------------------------------


def test_a_one_step_loop_reads_in_the_singular() -> None:
    steps = [S("1", 0), S("2", 1), S("3", 2)]
    deps = [D("a", "1", "2"), D("b", "2", "2"), D("c", "2", "3")]
    [finding] = found(run(J(steps, deps)), "structure.cycle")
    assert "round it again" in finding.message


def test_plural_says_one_thing_and_many_things() -> None:
    assert plural(1, "dependency") == "1 dependency"
    assert plural(2, "dependency") == "2 dependencies"
    assert plural(1_234, "step") == "1,234 steps"
    assert plural(1, "more step") == "1 more step"


def test_stale_wording_says_more_than_thirty_days() -> None:
    steps, deps = _ranked()
    data = J(steps, deps, [B("b1", steps=["2"], last=date(2025, 5, 31))])  # 31 days
    assert "no update for 31 days (more than 30 days)" in found(run(data), "blocker.impact")[0].message


# --- what to do next, and what to do first -------------------------------------------------------------


def test_every_finding_says_what_to_do_and_who_should() -> None:
    steps = [S("1", 0, "hmrc", channels=["online"]), S("2", 1, None), S("3", 2, "fsa")]
    deps = [D("a", "1", "2"), D("b", "2", "3", agreed=False)]
    report = run(J(steps, deps, [B("b1", steps=["3"], owner="dwp")]))
    for f in report.findings:
        assert f.action, f.kind
    assert "Agree an owner" in found(report, "ownership.no_owner")[0].action
    assert "assisted" in found(report, "assisted_digital.online_only")[0].action
    assert found(report, "assisted_digital.online_only")[0].actor_ids == ("hmrc",)
    assert "Invite" in found(report, "ownership.nobody_at_table")[0].action
    assert found(report, "blocker.impact")[0].actor_ids == ("dwp",)


def test_act_first_leads_with_about_ten_across_kinds() -> None:
    ids = [str(n) for n in range(30)]
    steps = [S(i, min(2, n // 10), None if n % 2 else "hmrc", channels=["online"]) for n, i in enumerate(ids)]
    deps = [D(f"d{n}", ids[n], ids[n + 1]) for n in range(29)]
    report = run(J(steps, deps, [B(f"b{n}", steps=[ids[n]]) for n in range(20)]))
    first = act_first(report)
    assert 1 <= len(first) <= 10
    kinds = {f.kind for f in first}
    assert len(kinds) >= 3  # across kinds, not the twenty blockers alone
    assert first == sorted(first, key=lambda f: -f.rank)


# --- exports --------------------------------------------------------------------------------------------


def test_exports_lead_with_what_to_act_on_first_and_say_the_next_step() -> None:
    from types import SimpleNamespace

    from servicecommunity import analysis
    from servicecommunity.exchange.exports.findings import _finding, _leading

    steps, deps = _ranked()
    report = run(J(steps, deps, [B("b1", steps=["2"], owner="dwp")]))
    ordered = _leading(analysis, report)
    first = act_first(report)
    assert ordered[: len(first)] == first and len(ordered) == len(report.findings)
    impact = next(f for f in ordered if f.kind == "blocker.impact")
    assert _finding(impact).message.endswith("Next: DWP to resolve it.")
    plain = SimpleNamespace(kind="k", severity="low", message="m", ids=())  # a report of another shape
    assert _leading(analysis, SimpleNamespace(findings=[plain])) == [plain]


def test_act_first_keeps_a_critical_blocker_that_reaches_less_than_three_high_ones() -> None:
    steps, deps = _ranked()
    blockers = [B("h1", steps=["1"]), B("h2", steps=["2"]), B("h3", steps=["3"]),
                B("crit", steps=["6"], severity="critical")]
    report = run(J(steps, deps, blockers))
    assert [b.blocker_id for b in report.blocker_ranking] == ["h1", "h2", "h3", "crit"]
    assert act_first(report)[0].subject == "crit"
