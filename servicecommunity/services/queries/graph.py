"""Read models of the network views: what the organisation and step graphs are laid out from.

Each function takes a session (see :mod:`servicecommunity.store.reading`) and returns frozen
snapshots; the layout itself (in a worker) needs no session.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity.analysis.graphs import JourneyData, load_journey
from servicecommunity.analysis.layout import MapData, load_map
from servicecommunity.domain.models import Organisation


class OrganisationGraphInput(NamedTuple):
    """The journey, the colour of each organisation of its community, and its blocked dependencies."""

    journey: JourneyData
    colours: dict[str, str]
    blocked_dependency_ids: frozenset[str]


class StepGraphInput(NamedTuple):
    """The journey and its map (organisations' colours and labels, blocked hand-offs, blocker counts)."""

    journey: JourneyData
    shown: MapData


def organisation_graph_input(session: Session, journey_id: str) -> OrganisationGraphInput:
    data = load_journey(session, journey_id)
    colours = {str(k): str(v) for k, v in session.execute(select(col(Organisation.id), col(Organisation.colour)).where(
        col(Organisation.community_id) == data.community_id)).all()}
    blocked = frozenset(d.id for d in load_map(session, journey_id).dependencies if d.blocked)
    return OrganisationGraphInput(data, colours, blocked)


def step_graph_input(session: Session, journey_id: str) -> StepGraphInput:
    return StepGraphInput(load_journey(session, journey_id), load_map(session, journey_id))
