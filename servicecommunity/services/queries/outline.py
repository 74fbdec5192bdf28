"""Read model of the journey outline: the map as a list a screen reader can walk.

Stages in order, then each stage's steps in journey order, each with its owner, its channels in
words, its open blockers (how many and the worst severity: those on the step or on its hand-offs,
the same count as the card on the map) and its hand-offs in and out, each named by the step at the
other end and that step's organisation. :func:`outline` reads it in one go (through the map's own
loader, so the outline and the map never disagree); the text functions say each row in words for
an accessible name and description.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from servicecommunity.analysis.layout import MapData, load_map
from servicecommunity.analysis.words import names, open_blockers_text, quote, steps_text
from servicecommunity.domain import enums
from servicecommunity.i18n import N_, capital, gettext, ngettext
from servicecommunity.store.bulk import gc_paused

#: a channel as a person says it ("in person" rather than "face to face", as on the map's cards)
CHANNEL_WORDS = {"online": N_("online"), "phone": N_("phone"), "paper": N_("paper"), "face_to_face": N_("in person")}
NO_OWNER = N_("no owner yet")


@dataclass(frozen=True, slots=True)
class Handoff:
    """One end of a dependency, seen from a step: the step at the other end and its organisation."""

    dependency_id: str
    step_id: str
    step_title: str
    organisation: str | None  # the other step's owner's name; None when nobody owns it
    kind: str
    crosses_org: bool
    agreed: bool
    blocked: bool


@dataclass(frozen=True, slots=True)
class OutlineStep:
    id: str
    title: str
    stage_id: str
    number: int  # 1-based place among its stage's steps
    owner_id: str | None
    owner: str | None  # the owner's name; None when nobody owns it
    channels: tuple[str, ...]
    blockers: int  # open blockers on the step or its hand-offs
    worst_severity: str | None
    handoffs_in: tuple[Handoff, ...]
    handoffs_out: tuple[Handoff, ...]


@dataclass(frozen=True, slots=True)
class OutlineStage:
    id: str
    name: str
    number: int  # 1-based
    steps: tuple[OutlineStep, ...]


@dataclass(frozen=True)
class Outline:
    journey_id: str
    journey_name: str
    stages: tuple[OutlineStage, ...]

    def step(self, step_id: str) -> OutlineStep | None:
        for stage in self.stages:
            for step in stage.steps:
                if step.id == step_id:
                    return step
        return None

    def stage(self, stage_id: str) -> OutlineStage | None:
        return next((s for s in self.stages if s.id == stage_id), None)


def outline(session: Session, journey_id: str) -> Outline:
    """The journey's outline (raises the core's ``NotFoundError`` for a journey that does not exist)."""
    with gc_paused():  # tens of thousands of small objects and no cycles, as the map's own load
        return from_map(load_map(session, journey_id))


def from_map(data: MapData) -> Outline:
    """The outline of a map already read (pure)."""
    org_names = {org_id: org.name for org_id, org in data.organisations.items()}
    by_id = {s.id: s for s in data.steps}

    def owner_name(owner_id: str | None) -> str | None:
        return org_names.get(owner_id) if owner_id else None

    ins: dict[str, list[Handoff]] = {}
    outs: dict[str, list[Handoff]] = {}
    for dep in data.dependencies:
        a, b = by_id.get(dep.from_step_id), by_id.get(dep.to_step_id)
        if a is None or b is None:
            continue
        for ends, other in ((outs, b), (ins, a)):
            ends.setdefault(b.id if other is a else a.id, []).append(Handoff(
                dep.id, other.id, other.title, owner_name(other.owner_id), dep.kind, dep.crosses_org, dep.agreed, dep.blocked))
    order = {s.id: i for i, s in enumerate(data.steps)}  # each list in the journey's order of the other steps
    for found in (*ins.values(), *outs.values()):
        found.sort(key=lambda h: order[h.step_id])
    stages = []
    for number, (stage_id, name) in enumerate(data.stages, start=1):
        mine = [s for s in data.steps if s.stage_id == stage_id]  # data.steps is in journey order
        steps = tuple(
            OutlineStep(
                id=s.id, title=s.title, stage_id=stage_id, number=i, owner_id=s.owner_id, owner=owner_name(s.owner_id),
                channels=s.channels, blockers=s.blocker_count, worst_severity=s.worst_severity,
                handoffs_in=tuple(ins.get(s.id, ())), handoffs_out=tuple(outs.get(s.id, ())),
            )
            for i, s in enumerate(mine, start=1)
        )
        stages.append(OutlineStage(stage_id, name, number, steps))
    return Outline(data.journey_id, data.journey_name, tuple(stages))


# --- in words ------------------------------------------------------------------------------------


def channel_words(channels: tuple[str, ...]) -> str:
    """``online, phone and in person``; ``none recorded`` for none."""
    if not channels:
        return gettext("none recorded")
    words = [gettext(CHANNEL_WORDS[c]) if c in CHANNEL_WORDS else gettext(enums.label(c)).lower() for c in channels]
    return names(words, limit=len(channels))


def blocker_words(step: OutlineStep) -> str:
    """``no open blockers``, ``1 open blocker, high``, ``3 open blockers, the worst critical``."""
    if not step.blockers:
        return gettext("no open blockers")
    severity = (gettext(enums.label(step.worst_severity)).lower() if step.worst_severity
                else gettext("severity not given"))
    if step.blockers == 1:
        return gettext("1 open blocker, {severity}").format(severity=severity)
    return gettext("{blockers}, the worst {severity}").format(blockers=open_blockers_text(step.blockers),
                                                              severity=severity)


def handoff_words(handoff: Handoff, direction: str) -> str:
    """``from 'Choose a legal structure' (HM Revenue & Customs)`` (in typographic quotes); ``to …`` out.

    ``direction`` is ``"from"`` (a hand-off in) or ``"to"`` (out). Across organisations, a hand-off
    nobody has agreed says so, and so does one an open blocker stands on.
    """
    notes = [handoff.organisation or gettext(NO_OWNER)]
    if handoff.crosses_org and not handoff.agreed:
        notes.append(gettext("not agreed"))
    if handoff.blocked:
        notes.append(gettext("blocked"))
    text = gettext("from {step} ({notes})") if direction == "from" else gettext("to {step} ({notes})")
    return text.format(step=quote(handoff.step_title), notes=", ".join(notes))


def handoffs_words(handoffs: tuple[Handoff, ...], direction: str) -> str:
    """Every hand-off one way, each named; ``none`` for none."""
    if not handoffs:
        return gettext("none")
    return "; ".join(handoff_words(h, direction) for h in handoffs)


def step_name(step: OutlineStep) -> str:
    """The step's accessible name: its title and its owner."""
    return gettext("{step}, {owner}").format(step=step.title, owner=step.owner or gettext(NO_OWNER))


def step_description(step: OutlineStep, stage: OutlineStage) -> str:
    """Everything the card shows, in sentences: place, owner, channels, blockers, hand-offs in and out."""
    return " ".join([
        ngettext("Step {number} of {n} in stage {stage_number}, {stage}.",
                 "Step {number} of {n} in stage {stage_number}, {stage}.", len(stage.steps)).format(
            number=step.number, n=len(stage.steps), stage_number=stage.number, stage=quote(stage.name)),
        gettext("Owner: {owner}.").format(owner=step.owner or gettext(NO_OWNER)),
        gettext("Channels: {channels}.").format(channels=channel_words(step.channels)),
        f"{capital(blocker_words(step))}.",
        gettext("Hand-offs in: {handoffs}.").format(handoffs=handoffs_words(step.handoffs_in, "from")),
        gettext("Hand-offs out: {handoffs}.").format(handoffs=handoffs_words(step.handoffs_out, "to")),
    ])


def stage_name(stage: OutlineStage) -> str:
    return gettext("Stage {number}: {name}").format(number=stage.number, name=stage.name)


def stage_description(stage: OutlineStage, stage_count: int) -> str:
    """``Stage 2 of 6, 6 steps, 4 with open blockers.``"""
    blocked = sum(1 for s in stage.steps if s.blockers)
    words = {"number": stage.number, "count": stage_count, "steps": steps_text(len(stage.steps))}
    if not stage.steps:
        return gettext("Stage {number} of {count}, {steps}.").format(**words)
    if not blocked:
        return gettext("Stage {number} of {count}, {steps}, none with open blockers.").format(**words)
    return ngettext("Stage {number} of {count}, {steps}, {n} with open blockers.",
                    "Stage {number} of {count}, {steps}, {n} with open blockers.", blocked).format(n=blocked, **words)


__all__ = [
    "CHANNEL_WORDS",
    "Handoff",
    "Outline",
    "OutlineStage",
    "OutlineStep",
    "blocker_words",
    "channel_words",
    "from_map",
    "handoff_words",
    "handoffs_words",
    "outline",
    "stage_description",
    "stage_name",
    "step_description",
    "step_name",
]
