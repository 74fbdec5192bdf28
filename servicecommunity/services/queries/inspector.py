"""Read models of the inspector: one record's fields, and the choices its forms offer.

Each function takes a session (see :mod:`servicecommunity.store.reading`) and returns plain values.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity import services
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.domain.models import DataItem, Journey, Organisation, Stage
from servicecommunity.store import codec


class Option(NamedTuple):
    """A record offered in a form: its id and its name."""

    id: str
    name: str


def journey_community(session: Session, journey_id: str | None) -> str | None:
    """The community of the journey (None with no journey or an unknown one)."""
    if not journey_id:
        return None
    journey = session.get(Journey, journey_id)
    return journey.community_id if journey else None


def organisation_choices(session: Session, community_id: str | None) -> list[tuple[str, str]]:
    """``("Name (Short)", id)`` for the community's organisations, sorted by that text."""
    rows = session.execute(select(col(Organisation.id), col(Organisation.name), col(Organisation.short_name))
                           .where(col(Organisation.community_id) == community_id)).all()
    return sorted(((f"{r.name} ({r.short_name})" if r.short_name and r.short_name != r.name else r.name), r.id)
                  for r in rows)


def stages(session: Session, journey_id: str | None) -> list[Option]:
    """The journey's stages in order."""
    return [Option(r.id, r.name) for r in session.execute(
        select(col(Stage.id), col(Stage.name)).where(col(Stage.journey_id) == journey_id)
        .order_by(col(Stage.position))).all()]


def data_items(session: Session, community_id: str | None) -> list[Option]:
    """The community's data items, as stored."""
    return [Option(r.id, r.name) for r in session.execute(
        select(col(DataItem.id), col(DataItem.name)).where(col(DataItem.community_id) == community_id)).all()]


def record(session: Session, section: str, record_id: str) -> dict[str, Any] | None:
    """A record as its JSON fields (as in a bundle), or None if it no longer exists."""
    try:
        return codec.record_to_json(session, services.get(session, section, record_id))
    except NotFoundError:
        return None
