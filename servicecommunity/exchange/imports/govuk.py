"""A GOV.UK step by step navigation becomes a journey skeleton.

The input is a GOV.UK content item whose ``details.step_by_step_nav`` holds the steps (the
``step_by_step_nav`` format of alphagov's content schemas). Each step has a ``title``, optional
``logic`` (``"and"`` or ``"or"``; absent for a numbered step) and ``contents``: paragraphs and lists
of links (``href``, ``text``).

The mapping:

* the journey is named after the step by step; its description is the introduction, as text, and
  where it lives on GOV.UK;
* each numbered step starts a **stage** named after it; an "and" or "or" step joins the stage of
  the numbered step before it (GOV.UK shows it beside that step, without a number of its own);
* each GOV.UK step becomes one journey **step**; its paragraphs and links become its description,
  its first link its **touchpoint** (text and URL, made absolute on www.gov.uk), and a step with
  links is online;
* **dependencies**: every step of a stage needs every step of the stage before (``sequence``);
  an "and" step is a parallel branch beside the step before it (both depend on what came before);
  an "or" step is an alternative to it, so its dependencies are of kind ``alternative``.

Owners are left empty: the step by step does not say which organisation runs each step, which is
exactly the gap a community fills in next.

The shape is checked with a JSON Schema holding the part of alphagov's frontend schema this reads
(``step_by_step_nav``, ``individual_step``, ``step_item_list``, ``step_item_paragraph``), with
limits added, before anything is mapped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity import services
from servicecommunity.domain.errors import BundleError
from servicecommunity.domain.models import Journey
from servicecommunity.exchange.imports import community_for, json_kind, load_json, read_limited

MAX_BYTES = 5 * 2**20
MAX_STEPS = 200
NAME_LIMIT = 500  # a journey's or community's name (schemas.Name)
GOVUK = "https://www.gov.uk"
_TEXT = {"type": "string", "maxLength": 20_000}
_SHORT = {"type": "string", "minLength": 1, "maxLength": 500}

# From alphagov/govuk-content-schemas dist/formats/step_by_step_nav/frontend/schema.json
# (definitions step_by_step_nav, individual_step, step_item_list, step_item_paragraph), with limits.
SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["details"],
    "properties": {
        "title": _TEXT,
        "base_path": {"type": "string", "maxLength": 2000},
        "description": {"anyOf": [_TEXT, {"type": "null"}]},
        "details": {
            "type": "object",
            "required": ["step_by_step_nav"],
            "properties": {"step_by_step_nav": {"$ref": "#/definitions/step_by_step_nav"}},
        },
    },
    "definitions": {
        "step_by_step_nav": {
            "type": "object",
            "required": ["title", "introduction", "steps"],
            "additionalProperties": False,
            "properties": {
                "title": _SHORT,
                "introduction": _TEXT,
                "steps": {"type": "array", "minItems": 1, "maxItems": MAX_STEPS, "items": {"$ref": "#/definitions/individual_step"}},
            },
        },
        "individual_step": {
            "type": "object",
            "required": ["title", "contents"],
            "additionalProperties": False,
            "properties": {
                "title": _SHORT,
                "logic": {"type": "string", "enum": ["and", "or"]},
                "contents": {
                    "type": "array",
                    "maxItems": 200,
                    "items": {"oneOf": [
                        {"$ref": "#/definitions/step_item_paragraph"},
                        {"$ref": "#/definitions/step_item_list"},
                    ]},
                },
            },
        },
        "step_item_list": {
            "type": "object",
            "required": ["type", "contents"],
            "additionalProperties": False,
            "properties": {
                "type": {"type": "string", "enum": ["list"]},
                "style": {"type": "string", "enum": ["choice", "required", "optional"]},
                "contents": {
                    "type": "array",
                    "maxItems": 200,
                    "items": {
                        "type": "object",
                        "required": ["text"],
                        "additionalProperties": False,
                        "properties": {
                            "context": {"type": "string", "maxLength": 2000},
                            "href": {"type": "string", "maxLength": 2000},
                            "text": {"type": "string", "maxLength": 2000},
                        },
                    },
                },
            },
        },
        "step_item_paragraph": {
            "type": "object",
            "required": ["type", "text"],
            "additionalProperties": False,
            "properties": {"type": {"type": "string", "enum": ["paragraph"]}, "text": _TEXT},
        },
    },
}


@cache
def _validator() -> Any:
    return jsonschema.Draft4Validator(SCHEMA)


# --- the skeleton ---------------------------------------------------------------------------------


@dataclass
class SkeletonStep:
    title: str
    logic: str  # "number", "and" or "or"
    stage: int  # index into Skeleton.stages
    description: str
    touchpoint: str
    touchpoint_url: str
    links: list[tuple[str, str]]  # (text, absolute url)


@dataclass
class Skeleton:
    """The journey a step by step becomes, before anything is written."""

    name: str
    description: str
    base_path: str
    stages: list[str]
    steps: list[SkeletonStep]
    dependencies: list[tuple[int, int, str]] = field(default_factory=list)  # (from, to, kind) step indexes
    community_id: str | None = None  # None: the workspace is empty, a community is made for it

    def summary(self) -> str:
        n, s, d = len(self.stages), len(self.steps), len(self.dependencies)
        return (
            f"Journey {self.name!r}: {n} stage{'s' if n != 1 else ''}, {s} step{'s' if s != 1 else ''}, "
            f"{d} dependenc{'ies' if d != 1 else 'y'}."
        )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "br", "li"):
            self.parts.append("\n")


def html_text(html: str) -> str:
    """Plain text of a bit of GOV.UK HTML (paragraphs kept as lines)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def absolute(href: str) -> str:
    return GOVUK + href if href.startswith("/") else href


def _describe(error: jsonschema.ValidationError) -> str:
    """A schema error in words, without echoing the (possibly huge) value."""
    limit = error.validator_value
    words = {
        "maxLength": f"too long (at most {limit} characters)",
        "minLength": "empty",
        "maxItems": f"too many (at most {limit})",
        "minItems": "empty",
        "type": f"should be {'an' if str(limit)[:1] in 'aeiou' else 'a'} {limit}",
        "enum": "should be one of " + ", ".join(repr(v) for v in limit) if isinstance(limit, list) else "",
    }
    found = words.get(str(error.validator))
    if found:
        return found
    return error.message if len(error.message) < 160 else error.message[:159] + "…"


def parse(data: Any, name: str = "the step by step") -> Skeleton:
    """Check a GOV.UK content item's shape and map it to a :class:`Skeleton`."""
    if json_kind(data) != "govuk":
        raise BundleError(f"{name} is not a GOV.UK step by step (no details.step_by_step_nav).")
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise BundleError(f"{name} is not a GOV.UK step by step as published ({where}: {_describe(error)}).")
    nav = data["details"]["step_by_step_nav"]
    # The schema wants a title; a journey, a stage and a step need one that is not only spaces.
    if not nav["title"].strip():
        raise BundleError(f"{name} has a blank title; a step by step needs one to name the journey.")
    for number, raw in enumerate(nav["steps"], start=1):
        if not raw["title"].strip():
            raise BundleError(f"Step {number} of {name} has a blank title; every step needs one.")
    if nav["steps"][0].get("logic"):
        raise BundleError(f"{name} starts with an '{nav['steps'][0]['logic']}' step; the first step must be numbered.")
    stages: list[str] = []
    steps: list[SkeletonStep] = []
    for raw in nav["steps"]:
        logic = raw.get("logic") or "number"
        if logic == "number":
            stages.append(raw["title"].strip())
        paragraphs: list[str] = []
        links: list[tuple[str, str]] = []
        for item in raw["contents"]:
            if item["type"] == "paragraph":
                paragraphs.append(html_text(item["text"]))
            else:
                for link in item["contents"]:
                    text = link["text"].strip()
                    if link.get("href"):
                        links.append((text, absolute(link["href"].strip())))
                    line = f"- {text}" + (f" ({absolute(link['href'].strip())})" if link.get("href") else "")
                    if link.get("context"):
                        line += f", {link['context']}"
                    paragraphs.append(line)
        first_text, first_url = links[0] if links else ("", "")
        steps.append(SkeletonStep(
            title=raw["title"].strip(), logic=logic, stage=len(stages) - 1,
            description="\n".join(p for p in paragraphs if p)[:20_000],
            touchpoint=first_text[:500], touchpoint_url=first_url[:2000], links=links,
        ))
    base_path = str(data.get("base_path") or "")
    intro = html_text(nav["introduction"])
    where = f"From the GOV.UK step by step {absolute(base_path)}" if base_path.startswith("/") else "From a GOV.UK step by step"
    return Skeleton(
        name=nav["title"].strip(),
        description=(f"{intro}\n\n{where}." if intro else f"{where}.")[:20_000],
        base_path=base_path,
        stages=stages,
        steps=steps,
        dependencies=_dependencies(steps),
    )


def _dependencies(steps: list[SkeletonStep]) -> list[tuple[int, int, str]]:
    """Sequence between consecutive stages; "or" steps are alternatives to the step before."""
    out: list[tuple[int, int, str]] = []
    by_stage: dict[int, list[int]] = {}
    for index, step in enumerate(steps):
        by_stage.setdefault(step.stage, []).append(index)
    for stage, members in by_stage.items():
        before = by_stage.get(stage - 1, [])
        for index in members:
            kind = "alternative" if steps[index].logic == "or" else "sequence"
            out.extend((prior, index, kind) for prior in before)
    return out


def preview(
    session: Session, path: str | os.PathLike[str], *, community_id: str | None = None
) -> Skeleton:
    """Read a GOV.UK step by step file and say what journey it becomes; nothing is written."""
    source = Path(path)
    raw = read_limited(source, MAX_BYTES, "a GOV.UK step by step")
    return preview_data(session, load_json(raw, source.name), source.name, community_id=community_id)


def preview_data(session: Session, data: Any, name: str, *, community_id: str | None = None) -> Skeleton:
    """:func:`preview` of parsed JSON."""
    skeleton = parse(data, name)
    community = community_for(session, community_id)
    skeleton.community_id = community.id if community else None
    if community is not None:
        taken = set(session.scalars(
            select(col(Journey.name)).where(col(Journey.community_id) == community.id)
        ).all())
        base, n = skeleton.name, 2
        while skeleton.name in taken:
            suffix = f" ({n})"
            skeleton.name = base[: NAME_LIMIT - len(suffix)] + suffix
            n += 1
    return skeleton


@services.operation
def apply(session: Session, skeleton: Skeleton, *, actor_id: str | None = None) -> services.Result[Journey]:
    """Create the journey, its stages, steps and dependencies, in one transaction."""
    tracker = services._Tracker(session, actor_id)
    create = services.CREATE_SCHEMAS
    community_id = skeleton.community_id
    if community_id is None:
        community = services._create(
            session, "communities", create["communities"](name=f"{skeleton.name[: NAME_LIMIT - 10]} community"), tracker
        )
        community_id = community.id
    journey = services._create(session, "journeys", create["journeys"](
        community_id=community_id, name=skeleton.name, description=skeleton.description,
        user_need=f"I need to {skeleton.name[:1].lower()}{skeleton.name[1:]}".split(":")[0],
    ), tracker)
    stage_ids = [
        services._create(session, "stages", create["stages"](journey_id=journey.id, name=name[:500]), tracker).id
        for name in skeleton.stages
    ]
    step_ids = []
    for step in skeleton.steps:
        created = services._create(session, "steps", create["steps"](
            journey_id=journey.id, stage_id=stage_ids[step.stage], title=step.title,
            description=step.description, touchpoint=step.touchpoint, touchpoint_url=step.touchpoint_url,
            channels=["online"] if step.links else [],
        ), tracker)
        step_ids.append(created.id)
    for source, target, kind in skeleton.dependencies:
        services._create(session, "dependencies", create["dependencies"](
            from_step_id=step_ids[source], to_step_id=step_ids[target], kind=kind,
        ), tracker)
    tracker.log("import", "journeys", journey.id, f"GOV.UK step by step {skeleton.base_path or skeleton.name}")
    return services.Result(journey, tracker.changes)
