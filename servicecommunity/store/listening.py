"""Other people's changes to a team workspace, as the server announces them (LISTEN/NOTIFY).

On PostgreSQL every write to a record table (or a link set) makes the server announce, when its
transaction commits, which section changed and who changed it: a statement-level trigger of
migration 0003 calls ``pg_notify('servicecommunity', '<section> <login>')``. The server sends an
announcement once per transaction for each section and login, so an import of 60,000 records is
a handful of them, and nothing is announced for a transaction rolled back.

:class:`Listener` holds one connection of its own that listens; :meth:`Listener.wait` returns
what was announced, as :class:`ServerChange` values, for a front end to turn into its ``Changes``
(re-reading the sections named). ``pid`` is the server process of the connection that wrote, so
a program can tell its own writes (its engine's connections) from other people's. A file (SQLite)
has no such announcements: nobody else writes it while it is open.

An announcement names a login; :func:`authors` says which member that is, for "who changed what":
the member the login belongs to (``workspace_login``, :mod:`servicecommunity.store.roles`), else
the author the activity log names for the change (``actor_id``: the app's person), else nobody
known (the front end then names the login).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from types import TracebackType
from typing import Any

from servicecommunity.domain.errors import StoreError
from servicecommunity.i18n import gettext

CHANNEL = "servicecommunity"


@dataclass(frozen=True)
class ServerChange:
    """One announcement: ``section`` (a bundle section, "steps") changed, written by ``by`` (a login)."""

    section: str
    by: str
    pid: int


@dataclass(frozen=True)
class Author:
    """The member behind a login: their name and their organisation's short name ("" if none)."""

    name: str
    organisation: str = ""


#: how far back the activity log is searched for the author of an announced change
RECENT = timedelta(minutes=1)


def authors(session: Any, notes: Iterable[ServerChange], *, own_member_id: str | None = None) -> dict[str, Author]:
    """The member behind each login of ``notes`` that is known, by login (see the module's text).

    A login with no ``workspace_login`` row (or a server without the roles) is matched to the author
    of the newest entry of the activity log, in the last :data:`RECENT`, about a section it
    announced, other than ``own_member_id`` (this program's person, whose changes are not announced
    to it): what the app wrote as the change's ``actor_id``. Reads only; nothing is written.
    """
    from sqlalchemy import select, text
    from sqlmodel import col

    from servicecommunity.domain.models import Activity, Member, Organisation, utcnow

    notes = list(notes)
    logins = sorted({n.by for n in notes if n.by})
    if not logins:
        return {}
    members: dict[str, str] = {}
    if session.get_bind().dialect.name == "postgresql" and session.execute(
            text("SELECT to_regclass('workspace_login') IS NOT NULL")).scalar():
        rows = session.execute(text("SELECT login, member_id FROM workspace_login WHERE login = ANY(:logins)"),
                               {"logins": logins})
        members.update((str(login), str(member_id)) for login, member_id in rows)
    since = utcnow() - RECENT
    for login in logins:
        if login in members:
            continue
        sections = sorted({n.section for n in notes if n.by == login})
        query = (select(col(Activity.actor_id)).where(col(Activity.entity).in_(sections), col(Activity.at) >= since,
                                                      col(Activity.actor_id).is_not(None))
                 .order_by(col(Activity.at).desc(), col(Activity.id).desc()).limit(1))
        if own_member_id:
            query = query.where(col(Activity.actor_id) != own_member_id)
        actor = session.execute(query).scalar()
        if actor:
            members[login] = str(actor)
    out: dict[str, Author] = {}
    for login, member_id in members.items():
        member = session.get(Member, member_id)
        if member is None:
            continue
        organisation = session.get(Organisation, member.organisation_id) if member.organisation_id else None
        short = (organisation.short_name or organisation.name) if organisation is not None else ""
        out[login] = Author(member.name, short)
    return out


def own_backends(store: Any) -> set[int]:
    """The server processes of ``store``'s own connections, kept up to date from now on.

    Every connection the store's engine hands out is added as it is checked out of the pool (so
    before it writes), whatever thread uses it. A front end skips the announcements whose ``pid``
    is in the set: it announced its own changes already.
    """
    from sqlalchemy import event

    pids: set[int] = set()

    def note(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        pid = getattr(getattr(dbapi_connection, "info", None), "backend_pid", None)
        if pid:
            pids.add(int(pid))

    event.listen(store.engine, "checkout", note)
    return pids


def parse(payload: str, pid: int) -> ServerChange:
    section, _, by = payload.partition(" ")
    return ServerChange(section, by, pid)


class Listener:
    """Listens to the team workspace at ``url`` (a SQLAlchemy URL, as :func:`open_store` takes)."""

    def __init__(self, url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        from servicecommunity.store.workspace import describe, server_url

        full = server_url(url) or url
        self.where = describe(full)
        libpq = make_url(full).set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            self._conn: Any = psycopg.connect(libpq, autocommit=True, connect_timeout=10)
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "no answer"
            raise StoreError(gettext("Cannot listen for changes to the team workspace at {where}: {first}.").format(where=self.where, first=first)) from exc

    @property
    def pid(self) -> int:
        """The server process of this listener's own connection."""
        return int(self._conn.info.backend_pid)

    def wait(self, timeout: float) -> list[ServerChange]:
        """What was announced since the last call, waiting up to ``timeout`` seconds for the first.

        Returns at once with everything already announced; an empty list if nothing came in time.
        """
        out: list[ServerChange] = []
        for note in self._conn.notifies(timeout=timeout, stop_after=1):
            out.append(parse(note.payload, note.pid))
        # and whatever else has already arrived, without waiting again
        for note in self._conn.notifies(timeout=0):
            out.append(parse(note.payload, note.pid))
        return out

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()
