"""Read models the window and its dialogs need: which journey to show, names to choose from.

Each function takes a session (see :mod:`servicecommunity.store.reading`) and returns plain values,
never ORM objects, so a front end holds ids and text only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity.domain.models import (
    ENTITIES,
    Activity,
    Journey,
    Member,
    Organisation,
    Stage,
    Step,
)


class Choice(NamedTuple):
    """A record offered in a list: its id, the text shown, and the full name (for a tooltip)."""

    id: str
    text: str
    full_name: str


class StepPlace(NamedTuple):
    """Where a step is: its stage, its index among the stage's steps, and its owner."""

    stage_id: str
    position: int
    owner_id: str | None


def journey_to_show(session: Session, remembered: str | None) -> str | None:
    """The journey last shown if it still exists, else the oldest (by creation, then name)."""
    if remembered and session.get(Journey, remembered) is not None:
        return remembered
    first = session.scalars(select(col(Journey.id)).order_by(col(Journey.created_at), col(Journey.name))).first()
    return str(first) if first else None


def journey_choices(session: Session) -> list[Choice]:
    """Every journey, by name."""
    return [Choice(j.id, j.name, j.name) for j in session.scalars(select(Journey).order_by(col(Journey.name)))]


def organisation_choices(session: Session) -> list[Choice]:
    """Every organisation by name, shown by its short name where it has one."""
    return [
        Choice(o.id, o.short_name or o.name, o.name)
        for o in session.scalars(select(Organisation).order_by(col(Organisation.name)))
    ]


def step_place(session: Session, step_id: str) -> StepPlace:
    """Where a step is now (what ``services.move_step`` needs to put it back)."""
    step = session.get(Step, step_id)
    if step is None:
        raise KeyError(step_id)
    siblings = session.scalars(
        select(col(Step.id)).where(col(Step.stage_id) == step.stage_id).order_by(col(Step.position), col(Step.created_at))
    ).all()
    return StepPlace(step.stage_id, list(siblings).index(step_id), step.owner_id)


def journey_versions(session: Session, journey_id: str) -> dict[str, Any]:
    """The version (``updated_at``) of each stage and step of a journey, by id: what an edit of one
    of them passes as ``expected`` (see :mod:`servicecommunity.services.versions`)."""
    from servicecommunity.services.versions import as_version

    out: dict[str, Any] = {}
    for model in (Stage, Step):
        rows = session.execute(select(col(model.id), col(model.updated_at)).where(col(model.journey_id) == journey_id))
        out.update((rid, as_version(at)) for rid, at in rows)
    return out


def versions(session: Session, section: str, ids: list[str]) -> dict[str, Any]:
    """The version (``updated_at``) of each of these records of a section that still exists, by id."""
    from servicecommunity.services.versions import as_version

    table = ENTITIES[section].__table__  # type: ignore[attr-defined]
    if not ids:
        return {}
    rows = session.execute(select(table.c.id, table.c.updated_at).where(table.c.id.in_(ids)))
    return {rid: as_version(at) for rid, at in rows}


def last_changed_by(session: Session, record_id: str) -> str | None:
    """The name of the member who last changed a record (its activity log), or None when not known."""
    actor = session.execute(select(col(Activity.actor_id)).where(col(Activity.entity_id) == record_id)
                            .order_by(col(Activity.at).desc(), col(Activity.id).desc()).limit(1)).scalar()
    member = session.get(Member, actor) if actor else None
    return member.name if member is not None else None


def record_labels(session: Session, data: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Names of every record by id (title, name or comment): ours, then a bundle's for records we lack."""
    labels: dict[str, str] = {}
    for section, model in ENTITIES.items():
        table = model.__table__  # type: ignore[attr-defined]
        name = next((c for c in ("title", "name", "comment", "body") if c in table.c), None)
        if name is None:
            continue
        for rid, text in session.execute(select(table.c.id, table.c[name])):
            labels[rid] = text
        for rec in (data or {}).get(section, ()):
            labels.setdefault(rec["id"], rec.get(name) or rec["id"])
    return labels
