"""Read models of notes: a step's or a hand-off's thread for the inspector, and the counts the map shows.

Each function takes a session (see :mod:`servicecommunity.store.reading`) and returns plain values.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session, col

from servicecommunity.domain.models import Member, Note
from servicecommunity.services.versions import as_version


class NoteEntry(NamedTuple):
    """One note of a thread: who wrote it (their name, "" when not known) and when; ``updated_at``
    is its version as read (what a delete or an edit from the thread passes as ``expected``)."""

    id: str
    author_id: str | None
    author: str
    body: str
    created_at: datetime
    updated_at: datetime | None = None


def thread(session: Session, *, step_id: str | None = None, dependency_id: str | None = None) -> list[NoteEntry]:
    """The notes on a step (or on a dependency), oldest first, with their authors' names."""
    if (step_id is None) == (dependency_id is None):
        raise ValueError("give a step or a dependency")
    where = col(Note.step_id) == step_id if step_id is not None else col(Note.dependency_id) == dependency_id
    rows = session.execute(
        select(col(Note.id), col(Note.author_id), col(Member.name), col(Note.body), col(Note.created_at),
               col(Note.updated_at))
        .outerjoin(Member, col(Member.id) == col(Note.author_id))
        .where(where)
        .order_by(col(Note.created_at), col(Note.id))
    ).all()
    return [NoteEntry(r[0], r[1], r[2] or "", r[3], r[4], None if r[5] is None else as_version(r[5])) for r in rows]


def counts(session: Session, journey_id: str) -> tuple[dict[str, int], dict[str, int]]:
    """How many notes each step and each dependency of the journey has (those with none left out)."""
    steps: dict[str, int] = {}
    deps: dict[str, int] = {}
    query = (select(col(Note.step_id), col(Note.dependency_id), func.count())
             .where(col(Note.journey_id) == journey_id)
             .group_by(col(Note.step_id), col(Note.dependency_id)))
    for step_id, dep_id, n in session.execute(query).all():
        if step_id is not None:
            steps[step_id] = n
        elif dep_id is not None:
            deps[dep_id] = n
    return steps, deps


__all__ = ["NoteEntry", "counts", "thread"]
