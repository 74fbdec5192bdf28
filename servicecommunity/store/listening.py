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
"""

from __future__ import annotations

from dataclasses import dataclass
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
