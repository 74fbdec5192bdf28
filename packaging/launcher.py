"""Entry script of the frozen app (``build.spec``): the window, or the command line.

Run with no arguments (a double click, the desktop entry, the macOS bundle) it opens the window,
as ``servicecommunity-gui`` does; run with a subcommand (``servicecommunity summary``) it is the
command line.

A frozen app has no entry-point metadata, so the desktop app's ``gui`` subcommand cannot be found
through the ``servicecommunity.commands`` group: it is passed to the command line explicitly.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

#: Options the top-level parser answers itself; anything else starting with ``-`` is for the window.
TOP_LEVEL_OPTIONS = frozenset({"-h", "--help", "--version"})


def route(args: Sequence[str], platform: str = sys.platform) -> list[str]:
    """The command-line arguments to run for the executable's ``args``.

    No arguments, or only options (``--db PATH``, ``--quit-after 2``), mean the window: they
    become ``gui`` with those options. A subcommand or ``--help``/``--version`` is the command line.
    """
    # macOS before 10.9 passed a process serial number to apps started from the Finder.
    args = [a for a in args if not (platform == "darwin" and a.startswith("-psn_"))]
    if not args:
        return ["gui"]
    if args[0].startswith("-") and args[0] not in TOP_LEVEL_OPTIONS:
        return ["gui", *args]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    from ui.cli import register as register_gui

    from servicecommunity.cli import main as cli_main

    args = route(sys.argv[1:] if argv is None else argv)
    return cli_main(args, plugins=[register_gui])


if __name__ == "__main__":
    sys.exit(main())
