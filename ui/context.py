"""The app's shared state: the open workspace, the one "what changed" signal, the undo stack.

Data flows one way (see ARCHITECTURE.md): a gesture becomes a call into the core through :meth:`AppContext.run`
(usually inside an undo command), the core commits and reports its ``Changes``, and ``changed``
fans that report out; each view refreshes only what the report names. Views never edit ORM
objects; they hold ids and plain values.

On a team workspace (PostgreSQL) other people's changes come in through the same ``changed`` signal:
a :class:`TeamWatcher` thread listens for the server's announcements
(:mod:`servicecommunity.store.listening`) and, within a fraction of a second of their commit, the
context announces a ``Changes`` naming the sections changed, with **no ids** (the server does not
say which records: a view re-reads the whole section, as after an import) and ``origin`` the
watcher (``changes.made_by(ctx.team_watcher)``). ``remote_changed`` carries who changed what, in
a sentence for the status bar. The context's own writes (its engine's connections) are skipped:
they were announced already.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTime, Signal
from PySide6.QtGui import QUndoStack

from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.exchange import sync
from servicecommunity.services import Changes, Result
from servicecommunity.services.changes import Section
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
    #: a team workspace: who changed what elsewhere, or that the live updates stopped (a sentence)
    remote_changed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.journey_id: str | None = None
        self._member_id: str | None = settings.member(store.workspace_id).get() or None
        self.team_watcher: TeamWatcher | None = None
        #: the version (``updated_at``) of each stage and step of the shown journey as the window
        #: last read them (re-read with the map, first, on each change): an edit passes it as
        #: ``expected``, so a change someone else made meanwhile is never silently overwritten
        self.versions: dict[str, Any] = {}
        self.journey_changed.connect(self._read_versions)
        self.changed.connect(self._versions_changed)
        if store.is_server:
            self.start_listening()

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

    # --- the versions the window has read ------------------------------------------------------

    def _read_versions(self, journey_id: str = "") -> None:
        from servicecommunity.services.queries import workspace as workspace_queries

        journey_id = journey_id or self.journey_id or ""
        try:
            self.versions = self.read(lambda s: workspace_queries.journey_versions(s, journey_id)) if journey_id else {}
        except ServiceCommunityError as error:  # the map says why it cannot read; edits then go unchecked
            log.warning("Could not read the versions of the journey's records: %s", error)
            self.versions = {}

    def _versions_changed(self, changes: Changes) -> None:
        if not self.journey_id or not changes.touches("steps", "stages", "journeys"):
            return
        if not changes.ids:  # someone else's change (no ids), an import: read them all again
            self._read_versions()
            return
        from servicecommunity.services.queries import workspace as workspace_queries

        ids = list(changes.ids)
        try:
            fresh: dict[str, Any] = {}
            for section in ("steps", "stages"):
                if changes.touches(section):
                    fresh.update(self.read(functools.partial(workspace_queries.versions, section=section, ids=ids)))
        except ServiceCommunityError as error:
            log.warning("Could not read the versions of changed records: %s", error)
            return
        self.versions.update(fresh)

    def seen_version(self, record_id: str) -> Any:
        """The version of a stage or step of the shown journey as the window read it (None: not known)."""
        return self.versions.get(record_id)

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

    # --- other people's changes (a team workspace) ----------------------------------------------

    def start_listening(self) -> None:
        """Hear other people's changes to this team workspace (done on opening one)."""
        if self.team_watcher is not None or not self.store.is_server:
            return
        from servicecommunity.store.listening import own_backends

        url = self.store.engine.url.render_as_string(hide_password=False)
        watcher = TeamWatcher(url, own_backends(self.store))
        watcher.arrived.connect(self._heard)
        watcher.trouble.connect(self.remote_changed)
        self.team_watcher = watcher
        watcher.start()

    def stop_listening(self) -> None:
        """Stop hearing other people's changes (the window closes); waits a fraction of a second."""
        watcher, self.team_watcher = self.team_watcher, None
        if watcher is not None:
            watcher.arrived.disconnect(self._heard)
            watcher.stop()

    def close(self) -> None:
        """What the context holds besides the store: the listening thread."""
        self.stop_listening()

    def _heard(self, notes: list[Any]) -> None:
        known = {s.value for s in Section}
        sections = frozenset(Section(n.section) for n in notes if n.section in known)
        if not sections:
            return
        self.changed.emit(Changes(sections, frozenset(), origin=self.team_watcher))
        from servicecommunity.store.listening import authors

        try:  # the member behind each login; the login itself when none is known
            names = self.read(lambda s: authors(s, notes, own_member_id=self.member_id))
        except ServiceCommunityError as error:
            log.warning("Could not tell who changed the team workspace: %s", error)
            names = {}
        self.remote_changed.emit(describe_remote(notes, names))


def describe_remote(notes: list[Any], authors: Mapping[str, Any] | None = None) -> str:
    """Who changed what, for the status bar: "Alice Smith (HMRC) changed steps and blockers (14:02)".

    ``authors``: the member behind a login (:func:`servicecommunity.store.listening.authors`); a
    login with none is named as it is ("alice")."""
    tr = _tr
    authors = authors or {}
    words = {
        "communities": tr("the community"), "organisations": tr("organisations"), "groups": tr("groups"),
        "members": tr("people"), "data_items": tr("data items"), "journeys": tr("journeys"), "stages": tr("stages"),
        "steps": tr("steps"), "dependencies": tr("dependencies"), "workshops": tr("workshops"),
        "blockers": tr("blockers"), "blocker_updates": tr("blocker updates"), "notes": tr("notes"),
    }
    known = {s.value for s in Section}
    who: dict[str, list[str]] = {}
    for note in notes:
        if note.section in known:
            author = authors.get(note.by)
            if author is None:
                by = note.by or tr("someone")
            elif author.organisation:
                by = tr("{0} ({1})", "a member and their organisation's short name").format(author.name, author.organisation)
            else:
                by = author.name
            named_by = who.setdefault(by, [])
            if note.section not in named_by:
                named_by.append(note.section)
    parts = []
    for by, sections in who.items():
        named = [words.get(s, s) for s in sorted(sections, key=list(words).index) if s in words] or sections
        what = named[0] if len(named) == 1 else tr("{0} and {1}").format(", ".join(named[:-1]), named[-1])
        parts.append(tr("{0} changed {1}").format(by, what))
    return tr("{0} ({1})").format("; ".join(parts), QTime.currentTime().toString("HH:mm"))


def _tr(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate("AppContext", text, disambiguation)


#: watchers still running: kept alive until their thread has finished (a QThread must not be
#: destroyed while it runs), and stopped when the app quits
_RUNNING: set[TeamWatcher] = set()


class TeamWatcher(QThread):
    """Listens to a team workspace on its own connection, off the UI thread.

    ``arrived`` (queued to the UI thread) carries the announcements of other connections
    (:class:`~servicecommunity.store.listening.ServerChange`), a burst at once; ``trouble`` says
    in a sentence that the listening connection was lost (it tries again every few seconds).
    """

    arrived = Signal(object)
    trouble = Signal(str)
    POLL = 0.2  # seconds a wait lasts: how soon the thread notices it should stop
    RETRY = 5.0

    def __init__(self, url: str, own: set[int]) -> None:
        super().__init__()
        self._url = url
        self._own = own
        self.finished.connect(self._finished)
        _RUNNING.add(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def stop(self) -> None:
        self.requestInterruption()
        self.wait(int((self.POLL + 1) * 1000))

    def _finished(self) -> None:
        _RUNNING.discard(self)

    def run(self) -> None:
        from servicecommunity.store.listening import Listener

        listener: Any = None
        failed = False
        while not self.isInterruptionRequested():
            if listener is None:
                try:
                    listener = Listener(self._url)
                except ServiceCommunityError as error:
                    if not failed:
                        self.trouble.emit(_tr("Other people's changes are not shown live: {0}").format(error))
                    failed = True
                    self._pause(self.RETRY)
                    continue
                if failed:
                    self.trouble.emit(_tr("Other people's changes are shown live again."))
                    failed = False
            try:
                notes = listener.wait(self.POLL)
            except Exception as error:  # the server went away: say so once, try again
                log.warning("Listening to the team workspace stopped: %s", error)
                _close(listener)
                listener = None
                self.trouble.emit(_tr("Other people's changes are not shown live: the connection to the server "
                                      "was lost; trying again."))
                failed = True
                continue
            others = [n for n in notes if n.pid not in self._own]
            if others:
                self.arrived.emit(others)
        if listener is not None:
            _close(listener)

    def _pause(self, seconds: float) -> None:
        waited = 0.0
        while waited < seconds and not self.isInterruptionRequested():
            self.msleep(100)
            waited += 0.1


def _close(listener: Any) -> None:
    try:
        listener.close()
    except Exception:  # already broken: nothing to give back
        log.debug("closing a broken listener", exc_info=True)


def stop_all() -> None:
    """Stop every listening thread (the app quits, or a test ends)."""
    for watcher in list(_RUNNING):
        watcher.stop()


@cache
def _takes_actor(op: Callable[..., Any]) -> bool:
    """Whether a service operation records who did it (looked up once per operation)."""
    try:
        return "actor_id" in inspect.signature(op).parameters
    except (TypeError, ValueError):
        return False
