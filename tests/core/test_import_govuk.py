"""A GOV.UK step by step becomes a journey skeleton: stages, steps, dependencies, touchpoints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import select

from servicecommunity.domain.errors import BundleError
from servicecommunity.domain.models import Community, Dependency, Journey, Stage, Step
from servicecommunity.exchange import bundle
from servicecommunity.exchange.imports import govuk
from servicecommunity.store.workspace import Store

EXAMPLE = "govuk-step-by-step/govuk-content-schemas__examples_step_by_step_nav_frontend_step_by_step_nav.json"
FRONTEND_SCHEMA = "govuk-step-by-step/govuk-content-schemas__dist_formats_step_by_step_nav_frontend_schema.json"


def link(text: str, href: str | None = None) -> dict[str, str]:
    return {"text": text, **({"href": href} if href else {})}


def step(title: str, *links: dict[str, str], logic: str | None = None, paragraph: str = "") -> dict[str, Any]:
    contents: list[dict[str, Any]] = []
    if paragraph:
        contents.append({"type": "paragraph", "text": paragraph})
    if links:
        contents.append({"type": "list", "style": "required", "contents": list(links)})
    return {"title": title, "contents": contents, **({"logic": logic} if logic else {})}


def content_item(*steps: dict[str, Any], title: str = "Learn to drive a car: step by step") -> dict[str, Any]:
    return {
        "title": title,
        "base_path": "/learn-to-drive-a-car",
        "document_type": "step_by_step_nav",
        "details": {"step_by_step_nav": {
            "title": title,
            "introduction": "<p>Check what you need to do to <strong>learn to drive</strong>.</p>",
            "steps": list(steps),
        }},
    }


DRIVING = content_item(
    step("Check you're allowed to drive", link("Check the age you can drive", "/vehicles-can-drive"),
         paragraph="Most people can start learning when they're 17."),
    step("Get a provisional driving licence", link("Apply for your first provisional licence", "/apply-first-provisional-driving-licence")),
    step("Driving lessons and practice", link("Find an instructor", "/find-driving-schools-and-lessons")),
    step("Prepare for your theory test", link("Theory test revision", "/theory-test/revision-and-practice"), logic="and"),
    step("Book and manage your theory test", link("Book your theory test", "/book-theory-test")),
    step("Book a driving test", link("Book your driving test", "/book-driving-test")),
    step("Book a motorcycle test instead", link("Book a motorcycle test", "https://example.org/moto")),
)
DRIVING["details"]["step_by_step_nav"]["steps"][-1]["logic"] = "or"


def test_a_step_by_step_becomes_stages_steps_and_dependencies(store: Store) -> None:
    with store.session() as session:
        skeleton = govuk.preview_data(session, DRIVING, "driving.json")
    # Every GOV.UK step is a stage, "and" and "or" steps included; each link in it is a step.
    assert skeleton.stages == [
        "Check you're allowed to drive", "Get a provisional driving licence", "Driving lessons and practice",
        "Prepare for your theory test", "Book and manage your theory test", "Book a driving test",
        "Book a motorcycle test instead",
    ]
    assert skeleton.stage_logic == ["number", "number", "number", "and", "number", "number", "or"]
    assert [(s.title, s.logic, s.stage) for s in skeleton.steps] == [
        ("Check the age you can drive", "number", 0),
        ("Apply for your first provisional licence", "number", 1),
        ("Find an instructor", "number", 2),
        ("Theory test revision", "and", 3),
        ("Book your theory test", "number", 4),
        ("Book your driving test", "number", 5),
        ("Book a motorcycle test", "or", 6),
    ]
    titles = [s.title for s in skeleton.steps]

    def deps(kind: str) -> set[tuple[str, str]]:
        return {(titles[a], titles[b]) for a, b, k in skeleton.dependencies if k == kind}

    assert deps("sequence") == {
        ("Check the age you can drive", "Apply for your first provisional licence"),
        ("Apply for your first provisional licence", "Find an instructor"),
        ("Apply for your first provisional licence", "Theory test revision"),  # "and": a parallel branch
        ("Find an instructor", "Book your theory test"),
        ("Theory test revision", "Book your theory test"),
        ("Book your theory test", "Book your driving test"),
    }
    # "or": another way on from the step before the choice, never an arrow between the two alternatives
    assert deps("alternative") == {("Book your theory test", "Book a motorcycle test")}
    assert len(skeleton.dependencies) == 7
    first = skeleton.steps[0]
    assert (first.touchpoint, first.touchpoint_url) == ("GOV.UK", "https://www.gov.uk/vehicles-can-drive")
    assert "Most people can start learning" in first.description
    assert "Most people can start learning" in skeleton.stage_descriptions[0]
    assert skeleton.steps[-1].touchpoint == "example.org"
    assert "“and”" in skeleton.stage_descriptions[3] and "Driving lessons and practice" in skeleton.stage_descriptions[3]
    assert "“or”" in skeleton.stage_descriptions[6] and "Book a driving test" in skeleton.stage_descriptions[6]

    with store.session() as session:
        journey = govuk.apply(session, skeleton).value
    with store.session() as session:
        assert session.scalars(select(Community)).one().name == "Learn to drive a car: step by step community"
        stored = session.get(Journey, journey.id)
        assert stored is not None and "learn to drive" in stored.description
        assert "https://www.gov.uk/learn-to-drive-a-car" in stored.description
        assert stored.user_need == ""
        stages = session.scalars(select(Stage).where(Stage.journey_id == journey.id).order_by(Stage.position)).all()
        assert [s.name for s in stages] == skeleton.stages
        assert "Most people can start learning" in stages[0].description
        steps = session.scalars(select(Step).where(Step.journey_id == journey.id)).all()
        assert len(steps) == 7 and all(s.channels == [] for s in steps) and all(s.owner_id is None for s in steps)
        kinds = sorted(d.kind for d in session.scalars(select(Dependency)).all())
        assert kinds == ["alternative"] + ["sequence"] * 6


def test_importing_the_same_step_by_step_again_makes_a_second_journey_with_its_own_name(store: Store) -> None:
    with store.session() as session:
        govuk.apply(session, govuk.preview_data(session, DRIVING, "d.json"))
    with store.session() as session:
        again = govuk.preview_data(session, DRIVING, "d.json")
        assert again.name == "Learn to drive a car: step by step (2)" and again.community_id is not None
        govuk.apply(session, again)
    with store.session() as session:
        assert len(session.scalars(select(Journey)).all()) == 2
        assert len(session.scalars(select(Community)).all()) == 1


# "Get a divorce: step by step", alphagov's published example, read by hand: each GOV.UK step is a
# stage; each link in its lists is a step (first letter capitalised), the link its touchpoint.
DIVORCE_STAGES = [
    "Get support and advice",
    "Check if you can get divorced",
    "Make arrangements for your children, money and property",
]
DIVORCE_STEPS = [  # (stage, title, touchpoint, touchpoint_url)
    (0, "Get advice from Relate", "relate.org.uk",
     "https://www.relate.org.uk/relationship-help/help-separation-and-divorce"),
    (0, "Find a counsellor", "counselling-directory.org.uk", "http://www.counselling-directory.org.uk/adv-search.html"),
    (0, "Contact the Samaritans if you need to speak to someone urgently", "samaritans.org",
     "https://www.samaritans.org/how-we-can-help-you/contact-us"),
    (1, "Check you can get a divorce", "GOV.UK", "https://www.gov.uk/divorce"),
    (2, "Make arrangements for your children", "GOV.UK", "https://www.gov.uk/looking-after-children-divorce"),
    (2, "Divide your money and property", "GOV.UK", "https://www.gov.uk/money-property-when-relationship-ends"),
    (2, "Benefits you're eligible for", "GOV.UK", "https://www.gov.uk/benefits-calculators"),
    (2, "Benefits you already receive", "GOV.UK", "https://www.gov.uk/report-benefits-change-circumstances"),
    (2, "Your State Pension", "GOV.UK", "https://www.gov.uk/contact-pension-service"),
    (2, "Your UK visa status", "GOV.UK", "https://www.gov.uk/visas-when-you-separate-or-divorce"),
    (2, "Whether you can live in your current home", "GOV.UK", "https://www.gov.uk/stay-in-home-during-separation-or-divorce"),
]


def test_the_published_example_keeps_its_tasks_as_steps_with_their_links(store: Store, standards: Path) -> None:
    with store.session() as session:
        skeleton = govuk.preview(session, standards / EXAMPLE)
    assert skeleton.name == "Get a divorce: step by step"
    assert skeleton.stages == DIVORCE_STAGES
    assert [(s.stage, s.title, s.touchpoint, s.touchpoint_url) for s in skeleton.steps] == DIVORCE_STEPS
    assert all(s.logic == "number" for s in skeleton.steps)
    by_title = {s.title: s for s in skeleton.steps}
    assert "£35 to £60 per session" in by_title["Find a counsellor"].description
    assert "disputes and emotional stress" in by_title["Get advice from Relate"].description
    assert "check if your divorce will affect" in by_title["Your State Pension"].description
    assert "before you start your divorce" in by_title["Divide your money and property"].description
    assert "legal requirements" in skeleton.stage_descriptions[1]
    # each stage's steps follow every step of the stage before: 3 x 1 + 1 x 7
    assert len(skeleton.dependencies) == 10 and {k for _, _, k in skeleton.dependencies} == {"sequence"}
    assert "user need" in skeleton.summary().lower() and any("user need" in w.lower() for w in skeleton.warnings)

    with store.session() as session:
        journey = govuk.apply(session, skeleton).value
    with store.session() as session:
        stored = session.get(Journey, journey.id)
        assert stored is not None and stored.user_need == ""
        steps = session.scalars(select(Step).where(Step.journey_id == journey.id)).all()
        assert len(steps) == 11
        # a link says nothing about other routes: channels stay unknown (the Samaritans answer the phone)
        assert all(s.channels == [] for s in steps)
        exported = bundle.export_bundle(session)
    assert len(exported["steps"]) == 11 and len(exported["stages"]) == 3
    assert {s["touchpoint_url"] for s in exported["steps"]} == {row[3] for row in DIVORCE_STEPS}


def test_an_or_step_in_the_published_example_is_an_alternative_to_its_numbered_step(store: Store, standards: Path) -> None:
    data = json.loads((standards / EXAMPLE).read_text(encoding="utf-8"))
    steps = data["details"]["step_by_step_nav"]["steps"]
    steps.insert(2, step("Ask a solicitor to check for you", link("Find a solicitor", "https://solicitors.example/"),
                         logic="or"))
    with store.session() as session:
        skeleton = govuk.preview_data(session, data, "divorce.json")
        journey = govuk.apply(session, skeleton).value
    assert skeleton.stages[2] == "Ask a solicitor to check for you" and skeleton.stage_logic[2] == "or"
    titles = [s.title for s in skeleton.steps]
    alternatives = {(titles[a], titles[b]) for a, b, k in skeleton.dependencies if k == "alternative"}
    support = ["Get advice from Relate", "Find a counsellor", "Contact the Samaritans if you need to speak to someone urgently"]
    assert alternatives == {(t, "Find a solicitor") for t in support}
    after = {titles[a] for a, b, k in skeleton.dependencies if titles[b] == "Make arrangements for your children"}
    assert after == {"Check you can get a divorce", "Find a solicitor"}  # either way leads on
    with store.session() as session:
        kinds = session.scalars(select(Dependency.kind).where(Dependency.journey_id == journey.id)).all()
        assert sorted(kinds).count("alternative") == 3


def test_a_step_with_only_paragraphs_is_one_step_named_like_it(store: Store) -> None:
    data = content_item(
        step("Wait for a decision", paragraph="<p>It takes about 6 weeks.</p>"),
        step("Pay", link("Pay online", "/pay"), link("Or call the helpline")),
    )
    with store.session() as session:
        skeleton = govuk.preview_data(session, data, "x.json")
    assert [(s.stage, s.title, s.touchpoint_url) for s in skeleton.steps] == [
        (0, "Wait for a decision", ""), (1, "Pay online", "https://www.gov.uk/pay"), (1, "Or call the helpline", ""),
    ]
    assert "6 weeks" in skeleton.steps[0].description and skeleton.steps[2].touchpoint == ""


def test_a_step_by_step_too_big_for_a_map_is_refused(store: Store) -> None:
    many = [link(f"Task {i}", f"/t{i}") for i in range(150)]
    data = content_item(*(step(f"Step {n}", *many) for n in range(20)))
    with store.session() as session, pytest.raises(BundleError, match="too many"):
        govuk.preview_data(session, data, "big.json")


def test_our_schema_accepts_what_the_published_frontend_schema_accepts(standards: Path) -> None:
    published = json.loads((standards / FRONTEND_SCHEMA).read_text(encoding="utf-8"))
    example = json.loads((standards / EXAMPLE).read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(published).validate(example)
    jsonschema.Draft4Validator(govuk.SCHEMA).validate(example)
    ours = govuk.SCHEMA["definitions"]
    for name in ("step_by_step_nav", "individual_step", "step_item_list", "step_item_paragraph"):
        assert set(ours[name]["properties"]) == set(published["definitions"][name]["properties"]), name
        assert set(ours[name]["required"]) == set(published["definitions"][name]["required"]), name


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["details"].pop("step_by_step_nav"), "not a GOV.UK step by step"),
        (lambda d: d["details"]["step_by_step_nav"].update(steps=[]), "steps"),
        (lambda d: d["details"]["step_by_step_nav"]["steps"][0].update(logic="xor"), "logic"),
        (lambda d: d["details"]["step_by_step_nav"]["steps"][0].update(logic="and"), "first step must be numbered"),
        (lambda d: d["details"]["step_by_step_nav"]["steps"][1].update(title=5), "steps/1/title, the value should be text"),
        (lambda d: d["details"]["step_by_step_nav"]["steps"][1].update(title="x" * 600), "too long"),
        (lambda d: d["details"]["step_by_step_nav"].update(steps=[step(f"S{i}") for i in range(500)]), "too many"),
    ],
)
def test_a_malformed_step_by_step_is_refused_and_nothing_is_written(store: Store, change: Any, message: str) -> None:
    data = json.loads(json.dumps(DRIVING))
    change(data)
    with store.session() as session, pytest.raises(BundleError, match=message):
        govuk.preview_data(session, data, "bad.json")


def test_html_in_paragraphs_becomes_text() -> None:
    assert govuk.html_text("<p>One &amp; two</p><p>Three <a href='/x'>link</a></p>") == "One & two\nThree link"
