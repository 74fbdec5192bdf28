"""Opening and creating workspace files for a window, asking the person when something is wrong.

:func:`open_store_or_explain` opens a workspace (with the day's backup and a quick check of every
page, :mod:`servicecommunity.store.opening`) and, when it cannot, offers what a person can do: restore
the latest good backup, open another file, start a new one. :func:`create_workspace` makes a new file,
with the demo community or an empty journey (:mod:`servicecommunity.services.seeding`).
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
        dialogs.show_error(parent_for_errors, "The workspace was not created", str(exc))
        return None
    return store


def seed_workspace(store: Any, *, demo: bool) -> None:
    """Fill an empty workspace: the demo, or a community with a first journey to map."""
    from servicecommunity.exchange import demo as demo_community

    demo_community.seed(store, demo=demo)


def open_store_or_explain(path: Path, *, first_start: bool, startup: bool, parent_for_errors: Any = None) -> Any:
    """Open a workspace, asking what to do when it cannot be opened. The store, or None."""
    from servicecommunity.domain.errors import StoreError, WorkspaceDamagedError
    from servicecommunity.store import backups
    from servicecommunity.store.opening import open_checked
    from ui import dialogs

    while True:
        try:
            # a copy a day, taken on open; and a quick check, so damage is found here, not mid-edit
            store = open_checked(path)
        except StoreError as exc:
            good = backups.latest_good(path) if isinstance(exc, WorkspaceDamagedError) else None
            if not startup and good is None:
                dialogs.show_error(parent_for_errors, "Service Community cannot open the workspace", str(exc))
                return None
            taken = None if good is None else good.taken.astimezone().strftime("%d %B %Y, %H:%M")
            choice = dialogs.StartupProblem.ask(str(exc), parent_for_errors, backup=taken)
            if choice == "restore" and good is not None:
                try:
                    restored = backups.restore(path, good.path)
                except StoreError as failed:
                    dialogs.show_error(parent_for_errors, "The backup was not restored", str(failed))
                    return None
                logging.getLogger(__name__).warning("%s", restored.summary())
                dialogs.show_info(parent_for_errors, "Backup restored", restored.summary())
                continue
            if not startup and choice not in ("open", "new"):
                return None
            if choice == "open":
                chosen = dialogs.ask_open_path(None, "Open a workspace", dialogs.WORKSPACE_FILTER)
                if chosen is None:
                    return None
                path, first_start = chosen, False
                continue
            if choice == "new":
                chosen = dialogs.ask_save_path(None, "New workspace", dialogs.WORKSPACE_FILTER)
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
                dialogs.show_error(parent_for_errors, "The demo was not loaded", str(exc))
        return store
