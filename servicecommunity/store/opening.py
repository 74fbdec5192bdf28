"""Opening a workspace for a person at a desk: the day's backup, then a quick check of every page.

A damaged page would otherwise be found mid-edit; SQLite's ``quick_check`` reads every page in a
fraction of a second even on a large workspace, so the app finds damage on open and can offer the
latest good backup at once.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from servicecommunity.domain.errors import StoreError, WorkspaceDamagedError
from servicecommunity.i18n import gettext
from servicecommunity.store import workspace
from servicecommunity.store.workspace import Store


def quick_check(store: Store) -> None:
    """Raise :class:`WorkspaceDamagedError` (with what to do) if SQLite's quick check finds damage."""
    try:
        with store.engine.connect() as conn:
            verdict = conn.execute(text("PRAGMA quick_check(1)")).scalar()
    except StoreError:
        store.close()
        raise
    if verdict != "ok":
        store.close()
        raise WorkspaceDamagedError(gettext(
            "{path} is damaged (SQLite's check says: {verdict}); restore its latest good backup "
            "with 'servicecommunity restore', or choose it below.").format(path=store.path, verdict=verdict))


def open_checked(path: Path) -> Store:
    """Open (or create) a workspace with the day's backup, and check it before anyone edits it."""
    store = workspace.open_store(path, daily_backup=True)  # looked up here, so a test can stand in for it
    quick_check(store)
    return store
