"""Which community a window is in: the read every community-wide panel starts from."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity.domain.models import Community, Journey

T = TypeVar("T")


def community_of_journey(session: Session, journey_id: str | None) -> str | None:
    """The community a journey belongs to; with no journey (or an unknown one), the first community by
    name (or None in an empty workspace)."""
    if journey_id:
        journey = session.get(Journey, journey_id)
        if journey is not None:
            return str(journey.community_id)
    first = session.scalars(select(col(Community.id)).order_by(col(Community.name))).first()
    return str(first) if first else None


def in_community_of_journey(
    session: Session, journey_id: str | None, query: Callable[[Session, str | None], T]
) -> tuple[str | None, T]:
    """The journey's community (as :func:`community_of_journey`) and ``query(session, that community)``,
    read together in one session."""
    community = community_of_journey(session, journey_id)
    return community, query(session, community)
