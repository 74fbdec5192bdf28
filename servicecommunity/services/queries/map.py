"""Read model of the journey map's small questions (the map's records come from ``analysis.layout.MapLoader``).

Each function takes a session (see :mod:`servicecommunity.store.reading`) and returns plain values,
never ORM objects, so the canvas holds ids and text only.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from servicecommunity.domain.models import Dependency, Member, Step


def member_organisation(session: Session, member_id: str | None) -> str | None:
    """The organisation a member belongs to (its lane goes first on the map); None for none or no such member."""
    if not member_id:
        return None
    member = session.get(Member, member_id)
    return member.organisation_id if member is not None else None


def journey_of(session: Session, step_ids: Iterable[str] = (), dependency_ids: Iterable[str] = ()) -> str | None:
    """The journey of the first of these steps, else of these dependencies, that exists; None if none does."""
    for step_id in step_ids:
        step = session.get(Step, step_id)
        if step is not None:
            return str(step.journey_id)
    for dep_id in dependency_ids:
        dep = session.get(Dependency, dep_id)
        if dep is not None:
            return str(dep.journey_id)
    return None
