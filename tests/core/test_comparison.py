"""As-is against to-be on a hand-made pair of journeys, every difference written out by hand;
then the same from a workspace (a to-be copy edited through the services) and on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from servicecommunity import services
from servicecommunity.analysis.comparison import (
    Comparison,
    compare_journeys,
    load_comparison,
    partner,
)
from servicecommunity.analysis.graphs import (
    BlockerInfo,
    DependencyInfo,
    JourneyData,
    OrganisationInfo,
    StageInfo,
    StepInfo,
    build_journey_data,
)
from servicecommunity.cli.main import main
from servicecommunity.domain.models import Step
from servicecommunity.services import journeys
from servicecommunity.store.workspace import Store, open_store
from tests.core.builders import small_journey

ORGS = [OrganisationInfo("hmrc", "HM Revenue & Customs", "HMRC", 1), OrganisationInfo("ch", "Companies House", "CH", 1),
        OrganisationInfo("dwp", "Department for Work and Pensions", "DWP", 1)]
ITEMS = {"nino": "National Insurance number", "addr": "Address"}


def step(sid: str, title: str, stage: int, owner: str | None, hours: float, asks: tuple[str, ...] = (),
         wait: float | None = None) -> StepInfo:
    return StepInfo(sid, title, f"st{stage}", 0, owner, ("online",), hours, None, (), asks, wait)


def journey(jid: str, name: str, steps: list[StepInfo], deps: list[DependencyInfo],
            blockers: list[BlockerInfo] = ()) -> JourneyData:  # type: ignore[assignment]
    return build_journey_data(
        journey_id=jid, journey_name=name, community_id="c",
        stages=[StageInfo(f"st{n}", name, n) for n, name in enumerate(("Start", "Register", "Tax"))],
        steps=[s._replace(order=n) for n, s in enumerate(steps)], dependencies=deps, organisations=ORGS,
        data_items=ITEMS, blockers=blockers)


AS_IS = journey("before", "Start a business", [
    step("a1", "Check eligibility", 0, "hmrc", 1, ("nino",)),
    step("a2", "Register company", 1, "ch", 24, ("nino", "addr")),
    step("a3", "Register for tax", 2, "hmrc", 2, ("nino", "addr"), wait=48),
    step("a4", "Send paper form", 2, "dwp", 5, ("addr",)),
    step("a5", "Confirm", 2, "hmrc", 1),
], [
    DependencyInfo("d1", "a1", "a2", "data_handoff"),
    DependencyInfo("d2", "a2", "a3"),
    DependencyInfo("d3", "a3", "a4", "sequence", "email"),
    DependencyInfo("d4", "a4", "a5"),
], [
    BlockerInfo("b1", "Paper only", "high", step_ids=("a4",)),
    BlockerInfo("b2", "No email agreement", "medium", dependency_ids=("d3",)),  # leads to a4
    BlockerInfo("b3", "Eligibility rules unclear", "low", step_ids=("a1",)),  # a kept step
])

TO_BE = journey("after", "Start a business (to-be)", [
    step("t1", "check  ELIGIBILITY", 0, "hmrc", 1, ("nino",)),  # same step: case and spacing ignored
    step("t2", "Register company", 1, "ch", 24, ("nino", "addr")),
    step("t3", "Register for tax", 1, "ch", 1),  # moved from HMRC to Companies House
    step("t5", "Confirm", 2, "hmrc", 1),
    step("t6", "Get a reminder", 2, "hmrc", 0.5),  # added
], [
    DependencyInfo("e1", "t1", "t2", "data_handoff"),
    DependencyInfo("e2", "t2", "t3", "data_handoff"),
    DependencyInfo("e3", "t3", "t5"),
    DependencyInfo("e4", "t5", "t6"),
])


def test_the_hand_made_pair_gives_the_differences_worked_out_by_hand() -> None:
    c = compare_journeys(AS_IS, TO_BE)
    assert [(s.step_id, s.title, s.owner) for s in c.added] == [("t6", "Get a reminder", "HMRC")]
    assert [(s.step_id, s.title, s.owner) for s in c.removed] == [("a4", "Send paper form", "DWP")]
    assert [(m.before_id, m.after_id, m.before_owner, m.after_owner) for m in c.moved] == [("a3", "t3", "HMRC", "CH")]
    assert c.kept == 4 and not c.unchanged
    # hand-offs: d1 (data) and d3 (a mode) before; e1 and e2 after
    assert (c.before.handoffs, c.after.handoffs) == (2, 2)
    # crossing organisations: d1 HMRC>CH, d2 CH>HMRC, d3 HMRC>DWP, d4 DWP>HMRC; e1 HMRC>CH, e3 CH>HMRC
    assert (c.before.cross_org_handoffs, c.after.cross_org_handoffs) == (4, 2)
    # the address asked by CH, HMRC and DWP and the NI number by HMRC, CH and HMRC again; after: NI by HMRC and CH
    assert c.before.data_asked_again == ("Address", "National Insurance number") and c.before.repeated_asks == 4
    assert c.after.data_asked_again == ("National Insurance number",) and c.after.repeated_asks == 1
    # 1 + 24 + (2 + 48 waiting) + 5 + 1 before; 1 + 24 + 1 + 1 + 0.5 after
    assert (c.before.end_to_end_hours, c.after.end_to_end_hours) == (81, 27.5)
    assert [(b.blocker_id, b.step_titles) for b in c.blockers_on_removed] == [
        ("b1", ("Send paper form",)), ("b2", ("Send paper form",))]
    assert (c.before.steps, c.after.steps) == (5, 5)


def test_repeated_titles_match_in_journey_order_and_a_journey_against_itself_is_unchanged() -> None:
    twice = journey("x", "Twice", [step("x1", "Call", 0, "hmrc", 1), step("x2", "Call", 1, "dwp", 1)], [])
    once = journey("y", "Once", [step("y1", "Call", 0, "hmrc", 1)], [])
    c = compare_journeys(twice, once)
    assert [s.step_id for s in c.removed] == ["x2"] and not c.moved and not c.added
    same = compare_journeys(AS_IS, AS_IS)
    assert same.unchanged and same.kept == 5 and not same.blockers_on_removed


def test_the_json_form_is_plain_values() -> None:
    data = json.loads(json.dumps(compare_journeys(AS_IS, TO_BE).to_json()))
    assert data["before"]["end_to_end_hours"] == 81 and data["after"]["data_asked_again"] == ["National Insurance number"]
    assert data["moved"] == [{"before_id": "a3", "after_id": "t3", "title": "Register for tax",
                              "before_owner": "HMRC", "after_owner": "CH"}]


def _to_be_edited(store: Store) -> tuple[str, str, Comparison]:
    """The small journey (A by CH, B by HMRC, C by nobody; A>B a hand-off; a blocker on C) and its
    to-be where B moves to CH, C is gone and D (HMRC) is new."""
    with store.session() as s:
        b = small_journey(s)
        services.create_blocker(s, data={"community_id": b.community, "title": "C needs a form",
                                         "step_ids": [b.steps["C"]]})
        to_be = journeys.duplicate_journey(s, b.journey, as_to_be=True).value.id
        steps = {st.title: st for st in s.exec(select(Step).where(Step.journey_id == to_be))}
        tax = steps["B"].stage_id
        services.move_step(s, steps["B"].id, owner_id=b.orgs["CH"], change_owner=True)
        services.delete(s, "steps", steps["C"].id)
        services.create_step(s, data={"journey_id": to_be, "stage_id": tax, "title": "D", "owner_id": b.orgs["HMRC"]})
        assert partner(s, to_be) == (b.journey, to_be) and partner(s, b.journey) == (b.journey, to_be)
        return b.journey, to_be, load_comparison(s, b.journey, to_be)


def test_a_to_be_copy_edited_in_the_workspace_compares_with_its_as_is(store: Store) -> None:
    _, _, c = _to_be_edited(store)
    assert [s.title for s in c.added] == ["D"] and [s.title for s in c.removed] == ["C"]
    assert [(m.title, m.before_owner, m.after_owner) for m in c.moved] == [("B", "HMRC", "CH")]
    assert (c.before.cross_org_handoffs, c.after.cross_org_handoffs) == (1, 0)
    assert [x.step_titles for x in c.blockers_on_removed] == [("C",)]
    assert "C needs a form" in c.blockers_on_removed[0].title


def test_a_journey_without_a_partner_has_none(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        assert partner(s, b.journey) is None


def test_the_command_prints_the_comparison_as_text_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with open_store(path) as store:
        _to_be_edited(store)
    assert main(["compare", "--db", str(path), "start", "Start (to-be)"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["As-is: Start", "To-be: Start (to-be)", ""]
    assert "Steps: 3 → 3 (no change); 2 in both, 1 added, 1 removed, 1 moved to another owner." in out
    assert "Cross-organisation hand-offs: 1 → 0 (1 fewer)." in out
    assert out[out.index("Added:") + 1] == "  - D (HMRC)"
    assert out[out.index("Removed:") + 1] == "  - C (no owner)"
    assert out[out.index("Moved to another owner:") + 1] == "  - B: HMRC → CH"
    assert main(["compare", "--db", str(path), "Start", "Start (to-be)", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["title"] for s in data["added"]] == ["D"] and data["before"]["name"] == "Start"
    assert [b["step_titles"] for b in data["blockers_on_removed"]] == [["C"]]


def test_an_unknown_journey_is_one_sentence(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with open_store(path) as store, store.session() as s:
        small_journey(s)
    assert main(["compare", "--db", str(path), "Start", "Nowhere"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: No journey called 'Nowhere'") and err.count("\n") == 1
