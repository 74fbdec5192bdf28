"""Workspace care: check (is the file damaged?), backups (the automatic copies), restore; logs.

A copy of the workspace is taken automatically once a day, when a command or the app first opens
it, and before every import or merge; the last 10 are kept in a ``backups`` folder beside the
workspace. ``restore`` puts the latest good one (or the one named) back; the file it replaces is
kept aside beside the workspace, never deleted.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from servicecommunity.cli.main import print_json

#: What ``backups`` and ``restore`` say about the backups, as plain text for ``--help``.
BACKUPS = (
    "A copy of the workspace is taken automatically once a day, when a command or the app first "
    "opens it, and before every import or merge; the last 10 are kept in a folder called backups "
    "beside the workspace. 'servicecommunity restore' puts the latest good one (or the one named) "
    "back; the file it replaces is kept aside beside the workspace, never deleted."
)


def _workspace(args: argparse.Namespace) -> Path:
    from servicecommunity.store.workspace import resolve_db_path

    return resolve_db_path(args.db)


def cmd_check(args: argparse.Namespace) -> int:
    from servicecommunity.store import backups

    report = backups.check(_workspace(args))
    if args.json:
        print_json(report.to_json())
    else:
        print("\n".join(report.lines()))
    return 0 if report.ok else 1


def cmd_backups(args: argparse.Namespace) -> int:
    from servicecommunity.store import backups

    workspace = _workspace(args)
    found = backups.list_backups(workspace)
    if args.json:
        print_json([
            {"path": str(b.path), "taken": b.taken.isoformat(), "reason": b.reason, "bytes": b.size} for b in found
        ])
        return 0
    if not found:
        print(f"No backups of {workspace} yet; one is taken each day it is opened and before every import.")
        return 0
    print(f"Backups of {workspace}, newest first (in {backups.folder(workspace)}):")
    for b in found:
        print(f"  {b.path.name}  {b.taken:%Y-%m-%d %H:%M:%S}  {b.reason:<7}  {b.size / 2**20:8.2f} MB")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from servicecommunity.store import backups

    done = backups.restore(_workspace(args), Path(args.backup) if args.backup else None)
    if args.json:
        print_json({"restored_from": str(done.backup), "kept_aside": str(done.kept_aside) if done.kept_aside else None})
    else:
        print(done.summary())
    return 0


def cmd_logs(args: argparse.Namespace) -> int:
    from servicecommunity import logs

    folder = logs.log_dir()
    where = {"folder": str(folder), "log": str(folder / logs.LOG_FILE), "faults": str(folder / logs.FAULT_FILE)}
    if args.json:
        print_json(where)
    else:
        print(f"The log is {where['log']} (three older ones beside it);")
        print(f"a hard crash leaves its stack in {where['faults']}.")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help="check the workspace file for damage (exit 1 if damaged)",
        description="Run SQLite's integrity and foreign-key checks on the workspace, read-only, and say what they found.",
    )
    p.set_defaults(func=cmd_check)
    p = sub.add_parser(
        "backups",
        parents=[common],
        help="list the workspace's automatic backups",
        description=BACKUPS,
    )
    p.set_defaults(func=cmd_backups)
    p = sub.add_parser(
        "restore",
        parents=[common],
        help="put back the latest good backup (or the one named); the current file is kept aside",
        description=BACKUPS + "\n\nThe backup is checked first, and a damaged one is never put back; "
                    "restore is refused while the app has the workspace open.",
    )
    p.add_argument("backup", metavar="BACKUP", nargs="?",
                   help="a backup's file name (from 'servicecommunity backups') or path; default: the latest good one")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser(
        "logs",
        parents=[common],
        help="say where the log file is (attach it to a bug report)",
        description="Print the path of the log file the app and the command line write, and of the crash record beside it.",
    )
    p.set_defaults(func=cmd_logs)
