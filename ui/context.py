"""The app's shared state: the open workspace, the one "what changed" signal, the undo stack.

Data flows one way (see ARCHITECTURE.md): a gesture becomes a call into the core through :meth:`AppContext.run`
(usually inside an undo command), the core commits and reports its ``Changes``, and ``changed``
fans that report out; each view refreshes only what the report names. Views never edit ORM
objects; they hold ids and plain values.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.exchange import sync
from servicecommunity.services import Changes, Result
from servicecommunity.store import reading
from servicecommunity.store.reading import Reader
from servicecommunity.store.workspace import Store
from ui import settings

T = TypeVar("T")
log = logging.getLogger(__name__)


class AppContext(QObject):
    """One per open workspace window."""

    #: a ``servicecommunity.services.Changes``: refresh what it names
    changed = Signal(object)
    #: ``{"steps": [...], "dependencies": [...], "organisations": [...]}``: select and centre these on the map
    selection_requested = Signal(object)
    #: the map's selection changed: ``{"steps": [...], "dependencies": [...]}``
    selection_changed = Signal(object)
    #: ``{"step_ids": [...], "dependency_ids": [...]}``: open the raise-blocker form linked to these
    raise_blocker_requested = Signal(object)
    #: the journey shown on the map (its id)
    journey_changed = Signal(str)
    #: the person using the app (a member id, or "")
    member_changed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.journey_id: str | None = None
        self._member_id: str | None = settings.member(store.workspace_id).get() or None

    # --- who is using the app -------------------------------------------------------------------

    @property
    def member_id(self) -> str | None:
        """The member using the app (remembered per workspace), the author of what they change."""
        return self._member_id or None

    def set_member(self, member_id: str | None) -> None:
        """Remember who uses the app: here for the author of each change, and in the workspace itself
        so the bundles it sends say who made its changes (a conflict then names them)."""
        try:
            reading.read(self.store, lambda session: sync.set_own_member(session, member_id))
        except ServiceCommunityError as error:  # a busy or read-only file: the name is still remembered here
            log.warning("Could not record who uses the workspace: %s", error)
        self._member_id = member_id
        settings.member(self.store.workspace_id).set(member_id or "")
        self.member_changed.emit(member_id or "")

    def set_journey(self, journey_id: str | None) -> None:
        self.journey_id = journey_id
        self.journey_changed.emit(journey_id or "")

    # --- reading and changing the workspace -----------------------------------------------------

    def read(self, fn: Callable[[Reader], T]) -> T:
        """Run a query function (``servicecommunity.services.queries``) on a fresh session.

        A busy, damaged or unreadable workspace is raised as the project's error with a sentence.
        """
        return reading.read(self.store, fn)

    def run(self, op: Callable[..., Result[T]], *args: Any, origin: object | None = None, **kwargs: Any) -> T:
        """Call a service operation with a fresh session, announce its changes, return its value.

        ``origin`` (usually the widget making the change) travels with the announced ``Changes``,
        so that widget can skip refreshing for its own change (``changes.made_by(self)``). The
        operation's own errors (``ServiceCommunityError``) propagate unchanged for the caller to
        show; nothing was written in that case.
        """
        if "actor_id" not in kwargs and "author_id" not in kwargs and _takes_actor(op):
            kwargs["actor_id"] = self.member_id
        with self.store.session() as session:
            result = op(session, *args, **kwargs)
        self.announce(result.changes, origin=origin)
        return result.value

    def announce(self, changes: Changes, origin: object | None = None) -> None:
        if changes:
            self.changed.emit(changes.with_origin(origin) if origin is not None else changes)


@cache
def _takes_actor(op: Callable[..., Any]) -> bool:
    """Whether a service operation records who did it (looked up once per operation)."""
    try:
        return "actor_id" in inspect.signature(op).parameters
    except (TypeError, ValueError):
        return False
