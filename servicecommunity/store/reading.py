"""Reading and small writes for a front end: the workspace's own failures become the project's errors.

The desktop app never touches SQLAlchemy itself: it hands a query function (from
:mod:`servicecommunity.services.queries`) to :func:`read`, which opens a short session, runs it,
and turns a busy, damaged, full or unreadable file into the project's error with one sentence
(:func:`servicecommunity.store.workspace.workspace_error`); a wrong query stays a bug and is raised
as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from servicecommunity.store.workspace import Store, workspace_error

T = TypeVar("T")

#: The handle every query function takes first (a SQLModel session); front ends pass it on unopened.
Reader = Session


def read(store: Store, fn: Callable[[Reader], T]) -> T:
    """``fn(session)`` on a fresh session; the file's own failures raised as the project's errors."""
    try:
        with store.session() as session:
            return fn(session)
    except SQLAlchemyError as exc:
        error = workspace_error(exc, store.path)
        if error is None:
            raise
        raise error from exc


def write(store: Store, fn: Callable[[Reader], T]) -> T:
    """Like :func:`read`, and commits what ``fn`` wrote (one transaction)."""

    def run(session: Reader) -> T:
        value = fn(session)
        session.commit()
        return value

    return read(store, run)
