"""Starting the desktop app, in stages (qutebrowser's ``earlyinit``).

1. :func:`parse_args`: ``--db`` (a file, or ``postgresql://…`` for a team workspace), ``--quit-after`` (Qt's own arguments pass through);
2. :func:`create_app`: the one place the ``QApplication`` is made, with its name, organisation,
   version, icon, style and theme;
3. :func:`ui.mainwindow.open_window`: open (or, on the very first start, create with the demo
   community) the workspace (a team workspace through :func:`ui.workspaces.open_team_or_explain`), with a readable dialog when the file is from a newer version, locked
   by another program, damaged or not a workspace at all (:mod:`ui.workspaces`), then build the
   :class:`~ui.mainwindow.MainWindow`.

:func:`run` first sends the log to its file and hooks uncaught errors to the crash dialog
(:mod:`servicecommunity.logs`, :mod:`ui.dialogs.crash`).

``servicecommunity gui``, the ``servicecommunity-gui`` script and ``python -m ui`` all end in
:func:`run`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

APP_NAME = "Service Community"
ORG_NAME = "ServiceCommunity"
ORG_DOMAIN = "servicecommunity.example"
DESKTOP_NAME = "servicecommunity"

def parse_args(argv: Sequence[str] | None = None) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and what is left for Qt (``-platform``, ``-style``...)."""
    parser = argparse.ArgumentParser(prog="servicecommunity-gui", description="Open the Service Community desktop app.")
    add_gui_options(parser)
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="the workspace file, or a team workspace on a server: postgresql://USER@HOST/DATABASE "
                             "(the password from the keyring or PostgreSQL's password file; default: your own workspace)")
    return parser.parse_known_args(argv)


def add_gui_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quit-after", metavar="SECONDS", type=float, default=None,
                        help="close the app after this many seconds (a smoke test)")
    if not any("--lang" in action.option_strings for action in parser._actions):  # servicecommunity --lang gui
        parser.add_argument("--lang", choices=("cy", "en"), default=None,
                            help="cy (Cymraeg) or en (English) for the app (default: $SERVICECOMMUNITY_LANG, "
                                 "else Settings > Language, else the system's language)")


def create_app(argv: Sequence[str] | None = None, lang: str | None = None) -> Any:
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
    from ui import i18n

    i18n.install(lang)  # the app's and the core's language (ui.i18n.choose_language)
    app.setWindowIcon(resources.app_icon())
    return app


def run(db: str | None = None, *, quit_after: float | None = None, qt_args: Sequence[str] = (),
        lang: str | None = None) -> int:
    """Open the app on a workspace and run until its last window closes; the exit code."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from servicecommunity.logs import setup_logging
    from servicecommunity.store.workspace import default_db_path, resolve_db_path, server_url
    from ui.dialogs import crash

    setup_logging()
    app = create_app(qt_args, lang)
    crash.install(app)
    if quit_after is not None:  # set first, so it also closes a start-up dialog (a smoke test never hangs)
        QTimer.singleShot(int(quit_after * 1000), QApplication.closeAllWindows)
    from ui.mainwindow import open_window

    url = server_url(db)  # a team workspace (--db postgresql://…, or $SERVICECOMMUNITY_DB)
    if url is not None:
        window = open_window(str(db) if db is not None else url, startup=True)
    else:
        path = resolve_db_path(db)
        first_start = db is None and path == default_db_path() and not path.exists()
        window = open_window(path, first_start=first_start, startup=True)
    if window is None:
        return 1
    return int(app.exec())


def main(argv: Sequence[str] | None = None) -> int:
    """The ``servicecommunity-gui`` entry point."""
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    return run(args.db, quit_after=args.quit_after, qt_args=qt_args, lang=args.lang)


__all__ = ["create_app", "main", "run"]
