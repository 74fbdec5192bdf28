"""A GOV.UK step by step navigation becomes a journey skeleton.

The input is a GOV.UK content item whose ``details.step_by_step_nav`` holds the steps (the
``step_by_step_nav`` format of alphagov's content schemas). Each step has a ``title``, optional
``logic`` (``"and"`` or ``"or"``; absent for a numbered step) and ``contents``: paragraphs and lists
of links (``href``, ``text``).

The mapping:

* the journey is named after the step by step; its description is the introduction, as text, and
  where it lives on GOV.UK; its **user need is left empty** (the step by step does not say it) and
  the preview asks the community to fill it in;
* every GOV.UK step starts a **stage** named after it, "and" and "or" steps included; the stage's
  description holds the step's paragraphs (and, for an "and" or "or" step, beside which numbered
  step GOV.UK shows it);
* each task in a step (an item of its lists, usually a link) becomes a journey **step** titled with
  the link's text; the link is its **touchpoint** (``touchpoint_url`` made absolute on www.gov.uk,
  ``touchpoint`` naming the site: "GOV.UK", "samaritans.org"); the paragraph before the list and the
  link's context ("£35 to £60 per session") are its description. A GOV.UK step without a list becomes
  one step named like it;
* **channels are left unknown** (empty): a link says nothing about whether the task can also be
  done by phone, on paper or face to face (the Samaritans answer the phone), so nothing is assumed;
* **dependencies**: a numbered step and the "and"/"or" steps after it form one group (GOV.UK gives
  them one number); every step of a group needs every step of the group before (``sequence``, so an
  "and" step is a parallel branch beside its numbered step); the steps of an "or" stage are
  alternatives (``alternative``), drawn from the steps before the choice, never between the
  alternatives themselves (see the README).

Owners are left empty: the step by step does not say which organisation runs each step, which is
exactly the gap a community fills in next.

The shape is checked with a JSON Schema holding the part of alphagov's frontend schema this reads
(``step_by_step_nav``, ``individual_step``, ``step_item_list``, ``step_item_paragraph``), with
limits added, before anything is mapped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity import services
from servicecommunity.domain.errors import BundleError
from servicecommunity.domain.models import Journey
from servicecommunity.exchange.imports import community_for, json_kind, load_json, read_limited
from servicecommunity.i18n import N_, format_list, gettext, ngettext

MAX_BYTES = 5 * 2**20
MAX_STEPS = 200
MAX_JOURNEY_STEPS = 1_000  # tasks, all steps together: more is not a map a workshop can read
MAX_DEPENDENCIES = 20_000
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
    logic: str  # the logic of its GOV.UK step: "number", "and" or "or"
    stage: int  # index into Skeleton.stages
    description: str
    touchpoint: str  # the site the link goes to: "GOV.UK", "samaritans.org"; empty without a link
    touchpoint_url: str  # the link, absolute
    links: list[tuple[str, str]]  # (text, absolute url): the step's own link, if any


USER_NEED_PROMPT = (
    "The journey's user need is left empty because the step by step does not say it: "
    "fill it in with the community (the journey's User need)."
)
CHANNELS_PROMPT = (
    "Channels are left unknown because a link does not say whether a step can also be done by phone, "
    "on paper or face to face: record them as you learn them."
)


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
    stage_logic: list[str] = field(default_factory=list)  # per stage: "number", "and" or "or"
    stage_descriptions: list[str] = field(default_factory=list)  # per stage: its paragraphs, as text
    warnings: list[str] = field(default_factory=list)  # what the community should fill in or check

    def summary(self) -> str:
        """What the import makes, then what it leaves for the community (one paragraph)."""
        n, s, d = len(self.stages), len(self.steps), len(self.dependencies)
        counts = (
            f"Journey {self.name!r}: {n} stage{'s' if n != 1 else ''}, {s} step{'s' if s != 1 else ''}, "
            f"{d} dependenc{'ies' if d != 1 else 'y'}."
        )
        return " ".join([counts, *self.warnings])


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


def site(url: str) -> str:
    """The site a link goes to, as a person names it: "GOV.UK", "samaritans.org"; empty if none."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    if host in ("gov.uk", "www.gov.uk"):
        return "GOV.UK"
    return host.removeprefix("www.")


def _title(text: str) -> str:
    """A task's text as a step title: first letter capitalised ("your State Pension"), within the limit."""
    text = re.sub(r"\s+", " ", text).strip()
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text if len(text) <= NAME_LIMIT else text[: NAME_LIMIT - 1] + "…"


#: a value of the wrong JSON type: what it should have been
_TYPES: dict[str, str] = {
    "string": N_("{name} is not a GOV.UK step by step as published: at {where}, the value should be text."),
    "integer": N_("{name} is not a GOV.UK step by step as published: at {where}, the value should be a whole number."),
    "number": N_("{name} is not a GOV.UK step by step as published: at {where}, the value should be a number."),
    "boolean": N_("{name} is not a GOV.UK step by step as published: at {where}, the value should be true or false."),
    "array": N_("{name} is not a GOV.UK step by step as published: at {where}, the value should be a list."),
    "object": N_("{name} is not a GOV.UK step by step as published: at {where}, the value should be an object."),
}


def _describe(error: jsonschema.ValidationError, name: str) -> str:
    """A schema error in one whole sentence, without echoing the (possibly huge) value."""
    where = "/".join(str(p) for p in error.absolute_path) or gettext("the top level")
    limit = error.validator_value
    kind = str(error.validator)
    if kind == "maxLength":
        return ngettext("{name} is not a GOV.UK step by step as published: at {where}, the text is too long (at most "
                        "{limit} character).",
                        "{name} is not a GOV.UK step by step as published: at {where}, the text is too long (at most "
                        "{limit} characters).", int(limit)).format(name=name, where=where, limit=limit)
    if kind == "maxItems":
        return gettext("{name} is not a GOV.UK step by step as published: at {where}, there are too many (at most "
                       "{limit}).").format(name=name, where=where, limit=limit)
    if kind in ("minLength", "minItems"):
        return gettext("{name} is not a GOV.UK step by step as published: at {where}, it is empty.").format(
            name=name, where=where)
    if kind == "type" and str(limit) in _TYPES:
        return gettext(_TYPES[str(limit)]).format(name=name, where=where)
    if kind == "enum" and isinstance(limit, list):
        return gettext("{name} is not a GOV.UK step by step as published: at {where}, the value should be one of "
                       "{choices}.").format(name=name, where=where, choices=format_list([repr(v) for v in limit]))
    if kind == "required" and isinstance(error.instance, dict):
        missing = next((key for key in limit if key not in error.instance), "")
        return gettext("{name} is not a GOV.UK step by step as published: at {where}, the field {field} is "
                       "missing.").format(name=name, where=where, field=repr(missing))
    return gettext("{name} is not a GOV.UK step by step as published (at {where}).").format(name=name, where=where)


def parse(data: Any, name: str = "the step by step") -> Skeleton:
    """Check a GOV.UK content item's shape and map it to a :class:`Skeleton`."""
    if json_kind(data) != "govuk":
        raise BundleError(gettext("{name} is not a GOV.UK step by step (no details.step_by_step_nav).").format(name=name))
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        raise BundleError(_describe(error, name))
    nav = data["details"]["step_by_step_nav"]
    # The schema wants a title; a journey, a stage and a step need one that is not only spaces.
    if not nav["title"].strip():
        raise BundleError(gettext("{name} has a blank title; a step by step needs one to name the journey.").format(name=name))
    for number, raw in enumerate(nav["steps"], start=1):
        if not raw["title"].strip():
            raise BundleError(gettext("Step {number} of {name} has a blank title; every step needs one.").format(number=number, name=name))
    if nav["steps"][0].get("logic"):
        raise BundleError(gettext("{name} starts with an '{value}' step; the first step must be numbered.").format(name=name, value=nav['steps'][0]['logic']))
    stages: list[str] = []
    stage_logic: list[str] = []
    stage_descriptions: list[str] = []
    steps: list[SkeletonStep] = []
    warnings = [USER_NEED_PROMPT, CHANNELS_PROMPT]
    numbered = ""
    for raw in nav["steps"]:
        logic = raw.get("logic") or "number"
        title = raw["title"].strip()
        stage = len(stages)
        paragraphs = [html_text(item["text"]) for item in raw["contents"] if item["type"] == "paragraph"]
        if logic == "number":
            numbered = title
            where = ""
        elif logic == "and":
            where = f"GOV.UK shows this as an “and” step beside “{numbered}”: it can be done at the same time."
        else:
            where = f"GOV.UK shows this as an “or” step beside “{numbered}”: it is another way to go on."
        stages.append(title)
        stage_logic.append(logic)
        stage_descriptions.append("\n".join(p for p in [where, *paragraphs] if p)[:20_000])
        tasks = list(_tasks(raw["contents"]))
        if not tasks:
            tasks = [(title, "\n".join(p for p in paragraphs if p), "")]
        for text, description, url in tasks:
            steps.append(SkeletonStep(
                title=_title(text), logic=logic, stage=stage, description=description[:20_000],
                touchpoint=site(url)[:500], touchpoint_url=url[:2000],
                links=[(text, url)] if url else [],
            ))
        if len(steps) > MAX_JOURNEY_STEPS:
            raise BundleError(
                gettext("{name} has too many tasks for one journey map (more than {limit:,}); split it.").format(
                    name=name, limit=MAX_JOURNEY_STEPS)
            )
    dependencies = _dependencies(steps, stage_logic)
    if len(dependencies) > MAX_DEPENDENCIES:
        raise BundleError(
            gettext("{name} would make too many dependencies ({n:,}, at most {limit:,}) between its tasks; "
                    "split it.").format(name=name, n=len(dependencies), limit=MAX_DEPENDENCIES)
        )
    for index, logic in enumerate(stage_logic):
        if logic == "or" and not any(steps[t].stage == index for _, t, _ in dependencies):
            warnings.append(
                gettext("“{stage}” is an “or” step at the very start, so the map cannot show what it is an "
                        "alternative to: draw an alternative dependency to it if there is a step before the choice.").format(
                    stage=stages[index])
            )
    base_path = str(data.get("base_path") or "")
    intro = html_text(nav["introduction"])
    # written into the journey's description in the language of the run, and kept as written
    if base_path.startswith("/"):
        where = gettext("From the GOV.UK step by step {address}.").format(address=absolute(base_path))
    else:
        where = gettext("From a GOV.UK step by step.")
    return Skeleton(
        name=nav["title"].strip(),
        description=(f"{intro}\n\n{where}" if intro else where)[:20_000],
        base_path=base_path,
        stages=stages,
        steps=steps,
        dependencies=dependencies,
        stage_logic=stage_logic,
        stage_descriptions=stage_descriptions,
        warnings=warnings,
    )


def _tasks(contents: list[dict[str, Any]]) -> Iterator[tuple[str, str, str]]:
    """(text, description, absolute url) of each item of a GOV.UK step's lists, in order.

    The description is the paragraph just before the item's list (it says what the list is for) and
    the item's context ("£35 to £60 per session"). An item with neither text nor link is skipped.
    """
    lead = ""
    for item in contents:
        if item["type"] == "paragraph":
            lead = html_text(item["text"])
            continue
        for entry in item["contents"]:
            url = absolute(str(entry.get("href") or "").strip())
            text = entry["text"].strip() or url
            if not text.strip():
                continue
            context = str(entry.get("context") or "").strip()
            yield text, "\n".join(p for p in (lead, context) if p), url
        lead = ""


def _dependencies(steps: list[SkeletonStep], stage_logic: list[str]) -> list[tuple[int, int, str]]:
    """Every step of a group needs every step of the group before; an "or" stage's are alternatives.

    A group is a numbered GOV.UK step with the "and" and "or" steps after it (one number on GOV.UK).
    """
    group_of: list[int] = []
    for logic in stage_logic:
        group_of.append((group_of[-1] if group_of else -1) + (logic == "number"))
    by_group: dict[int, list[int]] = {}
    for index, step in enumerate(steps):
        by_group.setdefault(group_of[step.stage], []).append(index)
    out: list[tuple[int, int, str]] = []
    for group, members in by_group.items():
        before = by_group.get(group - 1, [])
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
        user_need="",  # the step by step does not say it: the preview asks the community to fill it in
    ), tracker)
    descriptions = skeleton.stage_descriptions or [""] * len(skeleton.stages)
    stage_ids = [
        services._create(session, "stages", create["stages"](
            journey_id=journey.id, name=name[:500], description=description[:20_000],
        ), tracker).id
        for name, description in zip(skeleton.stages, descriptions, strict=True)
    ]
    step_ids = []
    for step in skeleton.steps:
        created = services._create(session, "steps", create["steps"](
            journey_id=journey.id, stage_id=stage_ids[step.stage], title=step.title,
            description=step.description, touchpoint=step.touchpoint, touchpoint_url=step.touchpoint_url,
            channels=[],  # unknown: a link does not say whether there is also a phone or paper route
        ), tracker)
        step_ids.append(created.id)
    for source, target, kind in skeleton.dependencies:
        services._create(session, "dependencies", create["dependencies"](
            from_step_id=step_ids[source], to_step_id=step_ids[target], kind=kind,
        ), tracker)
    tracker.log("import", "journeys", journey.id, f"GOV.UK step by step {skeleton.base_path or skeleton.name}")
    return services.Result(journey, tracker.changes)
