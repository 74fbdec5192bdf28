"""Opening and creating workspaces for a window, asking the person when something is wrong.

:func:`open_store_or_explain` opens a workspace file (with the day's backup and a quick check of every
page, :mod:`servicecommunity.store.opening`) and, when it cannot, offers what a person can do: restore
the latest good backup, open another file, start a new one. :func:`create_workspace` makes a new file,
with the demo community or an empty journey (:mod:`servicecommunity.services.seeding`).

A team workspace on a PostgreSQL server (``postgresql://…``, :func:`is_team`) opens through
:func:`open_team_or_explain`: with the password the keyring keeps for that login when the address
has none (:mod:`ui.dialogs.connect`), else whatever PostgreSQL's own password and service files give;
a refused password brings up the Connect dialog, an empty database is offered to become a workspace.
Backups are the server's hosting team's (``pg_dump``), so none is taken or offered here.
:func:`where` and :func:`short_name` name a workspace for people (a file's path, or "database on
host" without the password); :func:`recent_key` is what the recent list keeps.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any


def create_workspace(path: Path, *, demo: bool = False, parent_for_errors: Any = None) -> Any:
    """Create a workspace file: with the demo community, or with one empty community and journey.

    Returns the open store, or None (after saying why) if it could not be created.
    """
    from servicecommunity.domain.errors import ServiceCommunityError
    from servicecommunity.store.workspace import open_store
    from ui import dialogs

    try:
        store = open_store(path)
        seed_workspace(store, demo=demo)
    except (ServiceCommunityError, OSError) as exc:
        dialogs.show_error(parent_for_errors, _translator("Workspaces")("The workspace was not created"), str(exc))
        return None
    return store


def seed_workspace(store: Any, *, demo: bool) -> None:
    """Fill an empty workspace: the demo, or a community with a first journey to map."""
    from servicecommunity.exchange import demo as demo_community

    demo_community.seed(store, demo=demo)


def is_team(target: object) -> bool:
    """Whether ``target`` (a path or an address) names a team workspace on a server."""
    from servicecommunity.store.workspace import server_url

    return not isinstance(target, Path) and target is not None and server_url(str(target)) is not None


def short_name(store: Any) -> str:
    """A workspace's name for a window title: the file's name, or "database on host"."""
    if store.path is not None:
        return str(store.path.name)
    from ui.dialogs.connect import label_of

    return label_of(store.where)


def where(store: Any) -> str:
    """A workspace's full name for people: the file's path, or the server's address without the password."""
    return str(store.path) if store.path is not None else str(store.where)


def recent_key(store: Any) -> str:
    """What the recent list keeps for a workspace: the file's path, or the address without the password."""
    if store.path is not None:
        return str(store.path)
    from ui.dialogs.connect import without_password

    return without_password(store.engine.url.render_as_string(hide_password=False))


def recent_label(entry: str) -> str:
    """A recent list entry as shown: a file's path, or "Team workspace: database on host"."""
    if not is_team(entry):
        return entry
    from PySide6.QtCore import QCoreApplication

    from ui.dialogs.connect import label_of

    return QCoreApplication.translate("Workspaces", "Team workspace: {0}").format(label_of(entry))


def same_workspace(store: Any, target: Path | str) -> bool:
    """Whether ``target`` names the workspace ``store`` has open."""
    if is_team(target):
        from ui.dialogs.connect import without_password

        return store.path is None and recent_key(store) == without_password(str(target))
    return store.path is not None and Path(target).resolve() == store.path.resolve()


def open_team_or_explain(url: str, *, startup: bool, parent_for_errors: Any = None) -> Any:
    """Open the team workspace at ``url``, asking what to do when it cannot be opened. The store, or None.

    No password in ``url``: the keyring's for that login, if it keeps one, else PostgreSQL's own files.
    A missing or refused password opens the Connect dialog with the sentence; an empty database is
    made a workspace (with a first journey) when the person agrees.
    """
    from servicecommunity.domain.errors import StoreError
    from servicecommunity.store.workspace import open_store
    from ui import dialogs
    from ui.dialogs import connect

    tr = _translator("Workspaces")
    url = connect.with_stored_password(url)
    while True:
        try:
            return open_store(url, create=False)
        except StoreError as exc:
            message = str(exc)
            verdict = _verdict_of(exc, url)
        if verdict is not None and verdict.kind in (connect.WRONG_PASSWORD, connect.NEEDS_PASSWORD):
            answer = connect.ConnectDialog.ask(parent_for_errors, server=connect.Server.from_url(url),
                                               message=verdict.sentence)
            if answer is None:
                return None
            url = answer[0]
            continue
        if "holds no workspace yet" in message:
            label = connect.label_of(url)
            if not dialogs.confirm(parent_for_errors, tr("Make a team workspace"),
                                   tr("{0} holds no workspace yet. Make one there, with a first journey to map? "
                                      "(This is what 'servicecommunity init' does.)").format(label)):
                return None
            try:
                store = open_store(url, create=True)
                seed_workspace(store, demo=False)
            except StoreError as failed:
                dialogs.show_error(parent_for_errors, tr("The workspace was not made"), str(failed))
                return None
            return store
        if startup:
            choice = dialogs.StartupProblem.ask(message, parent_for_errors)
            if choice == "open":
                chosen = dialogs.ask_open_path(None, tr("Open a workspace"), dialogs.WORKSPACE_FILTER)
                if chosen is None:
                    return None
                return open_store_or_explain(chosen, first_start=False, startup=True, parent_for_errors=parent_for_errors)
            if choice == "new":
                return _start_new(parent_for_errors)
            return None
        dialogs.show_error(parent_for_errors, tr("Service Community cannot open the team workspace"), message)
        return None


def _start_new(parent_for_errors: Any) -> Any:
    from ui import dialogs

    chosen = dialogs.ask_save_path(None, _translator("Workspaces")("New workspace"), dialogs.WORKSPACE_FILTER)
    if chosen is None:
        return None
    return create_workspace(chosen, parent_for_errors=parent_for_errors)


def _verdict_of(error: BaseException, url: str) -> Any:
    """The Connect dialog's verdict on the connection failure behind ``error`` (None: not one)."""
    from ui.dialogs import connect

    cause: BaseException | None = error
    while cause is not None:
        if type(cause).__module__.startswith("psycopg"):
            return connect.explain(cause, connect.Server.from_url(url))
        cause = cause.__cause__ or cause.__context__
    return None


def _translator(context: str) -> Any:
    from PySide6.QtCore import QCoreApplication

    return lambda text: QCoreApplication.translate(context, text)


def open_store_or_explain(path: Path | str, *, first_start: bool, startup: bool, parent_for_errors: Any = None) -> Any:
    """Open a workspace (a file, or a team workspace's address), asking what to do when it cannot be opened.

    The store, or None.
    """
    from servicecommunity.domain.errors import StoreError, WorkspaceDamagedError

    if is_team(path):
        return open_team_or_explain(str(path), startup=startup, parent_for_errors=parent_for_errors)
    path = Path(path)
    from servicecommunity.store import backups
    from servicecommunity.store.opening import open_checked
    from ui import dialogs
    from ui.i18n import format_datetime

    tr = _translator("Workspaces")
    while True:
        try:
            # a copy a day, taken on open; and a quick check, so damage is found here, not mid-edit
            store = open_checked(path)
        except StoreError as exc:
            good = backups.latest_good(path) if isinstance(exc, WorkspaceDamagedError) else None
            if not startup and good is None:
                dialogs.show_error(parent_for_errors, tr("Service Community cannot open the workspace"), str(exc))
                return None
            taken = None if good is None else format_datetime(good.taken)
            choice = dialogs.StartupProblem.ask(str(exc), parent_for_errors, backup=taken)
            if choice == "restore" and good is not None:
                try:
                    restored = backups.restore(path, good.path)
                except StoreError as failed:
                    dialogs.show_error(parent_for_errors, tr("The backup was not restored"), str(failed))
                    return None
                logging.getLogger(__name__).warning("%s", restored.summary())
                dialogs.show_info(parent_for_errors, tr("Backup restored"), restored.summary())
                continue
            if not startup and choice not in ("open", "new"):
                return None
            if choice == "open":
                chosen = dialogs.ask_open_path(None, tr("Open a workspace"), dialogs.WORKSPACE_FILTER)
                if chosen is None:
                    return None
                path, first_start = chosen, False
                continue
            if choice == "new":
                chosen = dialogs.ask_save_path(None, tr("New workspace"), dialogs.WORKSPACE_FILTER)
                if chosen is None:
                    return None
                if create_workspace(chosen, parent_for_errors=parent_for_errors) is None:
                    return None
                path, first_start = chosen, False
                continue
            return None
        if first_start:
            try:
                seed_workspace(store, demo=True)
            except Exception as exc:
                logging.getLogger(__name__).exception("The demo was not loaded")
                dialogs.show_error(parent_for_errors, tr("The demo was not loaded"), str(exc))
        return store
