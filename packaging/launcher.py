"""Entry script of the frozen app (``build.spec``): the window, or the command line.

Run with no arguments (a double click, the desktop entry, the macOS bundle) or with only options
(``--db PATH``, ``--quit-after 2``, Qt's ``-platform offscreen``) it opens the window, exactly as
``servicecommunity-gui`` does; run with a subcommand (``servicecommunity summary``) it is the
command line, ``servicecommunity gui`` included.

A frozen app has no entry-point metadata, so the desktop app's ``gui`` subcommand cannot be found
through the ``servicecommunity.commands`` group: it is passed to the command line explicitly.

With ``SERVICECOMMUNITY_REPORT_STARTUP=1`` the app writes ``window shown after N s`` on stderr
once its first window is up and the event loop runs; ``scripts/smoke_frozen.py`` times that.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import Literal

STARTED = time.perf_counter()
#: Options the command line's top-level parser answers itself; other options are the window's.
TOP_LEVEL_OPTIONS = frozenset({"-h", "--help", "--version"})
REPORT_STARTUP = "SERVICECOMMUNITY_REPORT_STARTUP"


def route(
    args: Sequence[str], platform: str = sys.platform
) -> tuple[Literal["window", "command line"], list[str]]:
    """Whether ``args`` open the window or run the command line, and the arguments to pass on."""
    # macOS before 10.9 passed a process serial number to apps started from the Finder.
    args = [a for a in args if not (platform == "darwin" and a.startswith("-psn_"))]
    if not args or (args[0].startswith("-") and args[0] not in TOP_LEVEL_OPTIONS):
        return "window", args
    return "command line", args


def report_first_window(qt_args: Sequence[str]) -> None:
    """Print on stderr once a main window is visible and the event loop runs.

    The QApplication is made here, early, by ``ui.app.create_app``, the one function that makes
    it: ``ui.app.run`` then finds it already made.
    """
    from PySide6.QtCore import QTimer

    from ui import app, mainwindow

    def check() -> None:
        if not any(window.isVisible() for window in mainwindow.WINDOWS):
            QTimer.singleShot(5, check)  # an event loop ran before the window showed
            return
        elapsed = time.perf_counter() - STARTED
        print(f"window shown after {elapsed:.2f} s", file=sys.stderr, flush=True)

    app.create_app(qt_args)
    QTimer.singleShot(0, check)


def main(argv: Sequence[str] | None = None) -> int:
    kind, args = route(sys.argv[1:] if argv is None else argv)
    timed = bool(os.environ.get(REPORT_STARTUP))
    if kind == "window":
        from ui import app

        if timed:
            report_first_window(app.parse_args(args)[1])
        return app.main(args)

    from servicecommunity.cli.main import main as cli_main
    from ui.cli import register as register_gui

    if timed and args[0] == "gui":
        report_first_window(())
    return cli_main(args, plugins=[register_gui])


if __name__ == "__main__":
    sys.exit(main())
