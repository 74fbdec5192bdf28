"""Read model of the navigator: the community's journeys (with their step counts), organisations and members.

Each function takes a session (see :mod:`servicecommunity.store.reading`) and returns plain rows.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session, col

from servicecommunity.domain.models import Journey, Member, Organisation, Stage, Step


class JourneyEntry(NamedTuple):
    id: str
    name: str
    steps: int
    status: str = "as_is"
    as_is_id: str | None = None  # the journey this one is the to-be of (None when it is gone)
    stages: int = 0


class OrganisationEntry(NamedTuple):
    id: str
    name: str
    short_name: str
    colour: str


class MemberEntry(NamedTuple):
    id: str
    name: str
    organisation_id: str | None


class Tree(NamedTuple):
    """What the navigator lists, each kind by name."""

    journeys: list[JourneyEntry]
    organisations: list[OrganisationEntry]
    members: list[MemberEntry]


def step_counts(session: Session) -> dict[str, int]:
    """How many steps each journey has, by journey id (a journey with none is absent)."""
    return {str(jid): int(n) for jid, n in session.execute(
        select(col(Step.journey_id), func.count()).group_by(col(Step.journey_id))).all()}


def stage_counts(session: Session) -> dict[str, int]:
    """How many stages each journey has, by journey id (a journey with none is absent)."""
    return {str(jid): int(n) for jid, n in session.execute(
        select(col(Stage.journey_id), func.count()).group_by(col(Stage.journey_id))).all()}


def tree(session: Session, community_id: str | None) -> Tree:
    """The community's journeys (in the order given them, the rest after by name), organisations and
    members by name; with no community, every journey (and no organisations or members)."""
    counts = step_counts(session)
    stages = stage_counts(session)
    journeys = session.execute(
        select(col(Journey.id), col(Journey.name), col(Journey.community_id), col(Journey.status),
               col(Journey.as_is_id))
        .order_by(col(Journey.position).is_(None), col(Journey.position), col(Journey.name))).all()
    present = {j.id for j in journeys}
    orgs = session.execute(
        select(col(Organisation.id), col(Organisation.name), col(Organisation.short_name), col(Organisation.colour))
        .where(col(Organisation.community_id) == community_id).order_by(col(Organisation.name))).all()
    members = session.execute(
        select(col(Member.id), col(Member.name), col(Member.organisation_id))
        .where(col(Member.community_id) == community_id).order_by(col(Member.name))).all()
    return Tree(
        [JourneyEntry(j.id, j.name, counts.get(j.id, 0), j.status, j.as_is_id if j.as_is_id in present else None,
                      stages.get(j.id, 0)) for j in journeys
         if community_id is None or j.community_id == community_id],
        [OrganisationEntry(o.id, o.name, o.short_name, o.colour) for o in orgs],
        [MemberEntry(m.id, m.name, m.organisation_id) for m in members],
    )


def neighbour_journey(session: Session, journey_id: str) -> str | None:
    """The journey to show instead of ``journey_id`` (one about to go): the next in the navigator's
    order in the same community, else the one before, else none."""
    journey = session.get(Journey, journey_id)
    if journey is None:
        return None
    ids = [j.id for j in tree(session, journey.community_id).journeys]
    place = ids.index(journey_id)
    others = ids[place + 1:] + ids[:place][::-1]
    return others[0] if others else None


def first_stage(session: Session, journey_id: str) -> str | None:
    """The id of the journey's first stage, or None when it has none."""
    first = session.scalars(select(col(Stage.id)).where(col(Stage.journey_id) == journey_id)
                            .order_by(col(Stage.position), col(Stage.created_at))).first()
    return str(first) if first else None
