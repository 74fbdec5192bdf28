"""Notes: the comment thread on a step or a hand-off (a dependency), captured during a workshop.

Each change is one service operation (one transaction, one undo entry in the app): add, edit the
words, delete. A note belongs to the journey of what it is on; deleting the step or the dependency
deletes its notes (and an undo of that deletion brings them back). Notes travel in bundles and
merge field by field like every record (:mod:`servicecommunity.exchange.merge`): two members'
notes on the same step both stay; an edit of the same note on two laptops is a conflict to settle.
"""

from __future__ import annotations

from sqlmodel import Session

from servicecommunity.domain.models import Note
from servicecommunity.services import Result, Snapshot, create, delete, update


def add_note(
    session: Session,
    *,
    body: str,
    step_id: str | None = None,
    dependency_id: str | None = None,
    author_id: str | None = None,
) -> Result[Note]:
    """Add a note to the thread of a step or of a dependency (exactly one), by ``author_id``."""
    data = {"body": body, "step_id": step_id, "dependency_id": dependency_id, "author_id": author_id}
    return create(session, "notes", data=data, actor_id=author_id)


def edit_note(session: Session, note_id: str, *, body: str, actor_id: str | None = None) -> Result[Note]:
    """Change a note's words (its author and place stay)."""
    return update(session, "notes", note_id, data={"body": body}, actor_id=actor_id)


def delete_note(session: Session, note_id: str, *, actor_id: str | None = None) -> Result[Snapshot]:
    """Delete a note; :func:`servicecommunity.services.restore` with the snapshot puts it back."""
    return delete(session, "notes", note_id, actor_id=actor_id)


__all__ = ["add_note", "delete_note", "edit_note"]
