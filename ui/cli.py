"""The ``gui`` command of the ``servicecommunity`` command line (an entry point: the core never imports this)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    from servicecommunity.cli.main import workspace_options
    from ui.app import add_gui_options

    p = sub.add_parser(
        "gui",
        parents=[workspace_options()],  # --db; not common's --json: the app prints no data
        help="open the desktop app (the journey map, blockers, people)",
        description="Open the desktop app on the workspace (the first start creates it with the demo community).",
    )
    add_gui_options(p)
    p.set_defaults(func=cmd_gui)


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(args.db, quit_after=args.quit_after, lang=getattr(args, "lang", None))
