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
    assert skeleton.stages == [
        "Check you're allowed to drive", "Get a provisional driving licence", "Driving lessons and practice",
        "Book and manage your theory test", "Book a driving test",
    ]
    assert [(s.title, s.logic, s.stage) for s in skeleton.steps][3] == ("Prepare for your theory test", "and", 2)
    titles = [s.title for s in skeleton.steps]

    def deps(kind: str) -> set[tuple[str, str]]:
        return {(titles[a], titles[b]) for a, b, k in skeleton.dependencies if k == kind}

    assert deps("sequence") == {
        ("Check you're allowed to drive", "Get a provisional driving licence"),
        ("Get a provisional driving licence", "Driving lessons and practice"),
        ("Get a provisional driving licence", "Prepare for your theory test"),  # "and": a parallel branch
        ("Driving lessons and practice", "Book and manage your theory test"),
        ("Prepare for your theory test", "Book and manage your theory test"),
        ("Book and manage your theory test", "Book a driving test"),
    }
    assert deps("alternative") == {("Book and manage your theory test", "Book a motorcycle test instead")}
    first = skeleton.steps[0]
    assert (first.touchpoint, first.touchpoint_url) == ("Check the age you can drive", "https://www.gov.uk/vehicles-can-drive")
    assert "Most people can start learning" in first.description

    with store.session() as session:
        journey = govuk.apply(session, skeleton).value
    with store.session() as session:
        assert session.scalars(select(Community)).one().name == "Learn to drive a car: step by step community"
        stored = session.get(Journey, journey.id)
        assert stored is not None and "learn to drive" in stored.description
        assert "https://www.gov.uk/learn-to-drive-a-car" in stored.description
        stages = session.scalars(select(Stage).where(Stage.journey_id == journey.id).order_by(Stage.position)).all()
        assert [s.name for s in stages] == skeleton.stages
        steps = session.scalars(select(Step).where(Step.journey_id == journey.id)).all()
        assert len(steps) == 7 and all(s.channels == ["online"] for s in steps) and all(s.owner_id is None for s in steps)
        assert len(session.scalars(select(Dependency)).all()) == 7


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


def test_the_published_example_imports(store: Store, standards: Path) -> None:
    data = json.loads((standards / EXAMPLE).read_text(encoding="utf-8"))
    with store.session() as session:
        skeleton = govuk.preview(session, standards / EXAMPLE)
        govuk.apply(session, skeleton)
    assert skeleton.name == data["details"]["step_by_step_nav"]["title"]
    assert [s.title for s in skeleton.steps] == [s["title"] for s in data["details"]["step_by_step_nav"]["steps"]]
    with store.session() as session:
        exported = bundle.export_bundle(session)
    assert len(exported["steps"]) == len(skeleton.steps) and len(exported["stages"]) == len(skeleton.stages)
    assert exported["steps"][0]["touchpoint_url"].startswith("http")


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
        (lambda d: d["details"]["step_by_step_nav"]["steps"][1].update(title=5), "title: should be a string"),
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
