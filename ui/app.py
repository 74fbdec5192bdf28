"""Starting the desktop app, in stages (qutebrowser's ``earlyinit``).

1. :func:`parse_args`: ``--db``, ``--quit-after`` (Qt's own arguments pass through);
2. :func:`create_app`: the one place the ``QApplication`` is made, with its name, organisation,
   version, icon, style and theme;
3. :func:`open_window`: open (or, on the very first start, create with the demo community) the
   workspace, with a readable dialog when the file is from a newer version, locked by another
   program or not a workspace at all, then build the :class:`~ui.mainwindow.MainWindow`.

:func:`run` first sends the log to its file and hooks uncaught errors to the crash dialog
(:mod:`servicecommunity.logs`, :mod:`ui.dialogs.crash`).

``servicecommunity gui``, the ``servicecommunity-gui`` script and ``python -m ui`` all end in
:func:`run`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

APP_NAME = "Service Community"
ORG_NAME = "ServiceCommunity"
ORG_DOMAIN = "servicecommunity.example"
DESKTOP_NAME = "servicecommunity"

#: the windows open now (a window is dropped when it is destroyed)
WINDOWS: list[Any] = []


def parse_args(argv: Sequence[str] | None = None) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and what is left for Qt (``-platform``, ``-style``...)."""
    parser = argparse.ArgumentParser(prog="servicecommunity-gui", description="Open the Service Community desktop app.")
    add_gui_options(parser)
    parser.add_argument("--db", metavar="PATH", help="the workspace file (default: your own workspace)")
    return parser.parse_known_args(argv)


def add_gui_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quit-after", metavar="SECONDS", type=float, default=None,
                        help="close the app after this many seconds (a smoke test)")


def create_app(argv: Sequence[str] | None = None) -> Any:
    """The QApplication (made once): name, organisation, version, icon, style and theme."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    from servicecommunity import __version__

    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setOrganizationDomain(ORG_DOMAIN)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(DESKTOP_NAME)
    app = QApplication([sys.argv[0] if sys.argv else "servicecommunity-gui", *(argv or [])])
    app.setStyle("Fusion")  # the same look and the same light/dark palettes on every system
    from ui import resources, theme

    theme.apply(theme.saved_theme(), app, remember=False)
    app.setWindowIcon(resources.app_icon())
    return app


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
    from servicecommunity import services
    from servicecommunity.services import queries

    with store.session() as session:
        if any(queries.counts(session).values()):
            return
    if demo:
        from servicecommunity.cli.core import load_demo

        try:
            load_demo(store)
            return
        except FileNotFoundError:
            pass  # an install without the demo file: start empty instead
    name = store.path.stem.replace("-", " ").replace("_", " ").strip().capitalize() if store.path else "My community"
    with store.session() as session:
        community = services.create(session, "communities", data={"name": name or "My community"}).value
        journey = services.create(session, "journeys", data={"community_id": community.id, "name": "New journey"}).value
        from ui.panels.navigator import DEFAULT_STAGES

        for stage in DEFAULT_STAGES:
            services.create(session, "stages", data={"journey_id": journey.id, "name": stage})


def open_store_or_explain(path: Path, *, first_start: bool, startup: bool, parent_for_errors: Any = None) -> Any:
    """Open a workspace, asking what to do when it cannot be opened. The store, or None."""
    from servicecommunity.domain.errors import StoreError, WorkspaceDamagedError
    from servicecommunity.store import backups
    from servicecommunity.store.workspace import open_store
    from ui import dialogs

    while True:
        try:
            # a copy a day, taken on open; and a quick check, so damage is found here, not mid-edit
            store = open_store(path, daily_backup=True)
            _quick_check(store, path)
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


def _quick_check(store: Any, path: Path) -> None:
    """SQLite's quick check of every page (a fraction of a second on a large workspace)."""
    from sqlalchemy import text

    from servicecommunity.domain.errors import StoreError, WorkspaceDamagedError

    try:
        with store.engine.connect() as conn:
            verdict = conn.execute(text("PRAGMA quick_check(1)")).scalar()
    except StoreError:
        store.close()
        raise
    if verdict != "ok":
        store.close()
        raise WorkspaceDamagedError(
            f"{path} is damaged (SQLite's check says: {verdict}); restore its latest good backup "
            "with 'servicecommunity restore', or choose it below.")


def open_window(path: Path | str, *, first_start: bool = False, startup: bool = False, parent_for_errors: Any = None) -> Any:
    """Open a workspace in a new main window (shown). None if it could not be opened."""
    from ui.context import AppContext
    from ui.mainwindow import MainWindow

    store = open_store_or_explain(Path(path), first_start=first_start, startup=startup, parent_for_errors=parent_for_errors)
    if store is None:
        return None
    from PySide6.QtCore import Qt

    window = MainWindow(AppContext(store), owns_store=True)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    WINDOWS.append(window)
    window.destroyed.connect(lambda *_: WINDOWS.remove(window) if window in WINDOWS else None)
    window.show()
    return window


def run(db: str | None = None, *, quit_after: float | None = None, qt_args: Sequence[str] = ()) -> int:
    """Open the app on a workspace and run until its last window closes; the exit code."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from servicecommunity.logs import setup_logging
    from servicecommunity.store.workspace import default_db_path, resolve_db_path
    from ui.dialogs import crash

    setup_logging()
    app = create_app(qt_args)
    crash.install(app)
    if quit_after is not None:  # set first, so it also closes a start-up dialog (a smoke test never hangs)
        QTimer.singleShot(int(quit_after * 1000), QApplication.closeAllWindows)
    path = resolve_db_path(db)
    first_start = db is None and path == default_db_path() and not path.exists()
    window = open_window(path, first_start=first_start, startup=True)
    if window is None:
        return 1
    return int(app.exec())


def main(argv: Sequence[str] | None = None) -> int:
    """The ``servicecommunity-gui`` entry point."""
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    return run(args.db, quit_after=args.quit_after, qt_args=qt_args)


__all__ = ["create_app", "create_workspace", "main", "open_window", "run"]
