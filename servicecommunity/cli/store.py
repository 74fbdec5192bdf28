"""Workspace care: init, copy, check (is the file damaged?), backups (the automatic copies), restore; logs.

``init`` makes a workspace (a file, or the schema in an empty PostgreSQL database for a team);
``copy`` moves a whole workspace between a file and a server, both ways.

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
from servicecommunity.i18n import N_, gettext, pgettext

#: What ``backups`` and ``restore`` say about the backups, as plain text for ``--help``.
BACKUPS = N_(
    "A copy of the workspace is taken automatically once a day, when a command or the app first "
    "opens it, and before every import or merge; the last 10 are kept in a folder called backups "
    "beside the workspace. 'servicecommunity restore' puts the latest good one (or the one named) "
    "back; the file it replaces is kept aside beside the workspace, never deleted."
)


def _workspace(args: argparse.Namespace) -> Path:
    from servicecommunity.domain.errors import StoreError
    from servicecommunity.store.workspace import describe, resolve_db_path, server_url

    url = server_url(args.db)
    if url is not None:
        raise StoreError(
            gettext("{workspace} is a team workspace on a PostgreSQL server: its hosting team checks it and backs it "
                    "up with PostgreSQL's own tools (pg_dump, pg_amcheck), not with this command.").format(
                workspace=describe(url))
        )
    return resolve_db_path(args.db)


def cmd_init(args: argparse.Namespace) -> int:
    from servicecommunity.store.workspace import head_revision, open_store

    with open_store(args.target) as store:
        where = store.where
        if args.roles:
            from servicecommunity.store import roles

            if not store.is_server:
                from servicecommunity.domain.errors import StoreError

                raise StoreError(gettext("Roles are a PostgreSQL server's: a workspace file has no roles; leave out --roles."))
            with store.engine.begin() as conn:
                roles.install(conn)
    if args.json:
        print_json({"workspace": where, "schema": head_revision(), "roles": bool(args.roles)})
    else:
        text = (gettext("{workspace} is a workspace at schema {schema}, with its roles.") if args.roles
                else gettext("{workspace} is a workspace at schema {schema}."))
        print(text.format(workspace=where, schema=head_revision()))
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from servicecommunity.exchange.copying import copy_workspace

    report = copy_workspace(args.source, args.dest)
    if args.json:
        print_json({"source": report.source, "destination": report.destination, "rows": report.rows,
                    "records": report.records})
    else:
        print(report.summary())
    return 0


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
        print(gettext("No backups of {workspace} yet; one is taken each day it is opened and before every import.").format(
            workspace=workspace))
        return 0
    print(gettext("Backups of {workspace}, newest first (in {folder}):").format(
        workspace=workspace, folder=backups.folder(workspace)))
    reasons = {"daily": pgettext("backup", "daily"), "import": pgettext("backup", "import"),
               "merge": pgettext("backup", "merge")}  # why it was taken: the file name's last word
    for b in found:
        reason = reasons.get(b.reason, b.reason)
        size = gettext("{size} MB").format(size=f"{b.size / 2**20:8.2f}")
        print(f"  {b.path.name}  {b.taken:%Y-%m-%d %H:%M:%S}  {reason:<7}  {size}")
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
        print(gettext("The log is {log} (three older ones beside it);").format(log=where["log"]))
        print(gettext("a hard crash leaves its stack in {faults}.").format(faults=where["faults"]))
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument("--json", action="store_true", help=gettext("print data as JSON instead of text"))
    p = sub.add_parser(
        "init",
        parents=[output],
        help=gettext("make a workspace: a file, or the schema in an empty PostgreSQL database"),
        description=gettext("Make a new workspace, or bring an existing one up to this version's schema. TARGET is a "
                    "file's path or a PostgreSQL database, postgresql://USER@HOST/DATABASE (the password from "
                    "PostgreSQL's password file or PGPASSWORD, never typed on the command line). A database "
                    "holding another program's tables is refused and left as it is."),
    )
    p.add_argument("target", metavar=pgettext("metavar", "TARGET"), help=gettext("a workspace file, or postgresql://USER@HOST/DATABASE"))
    p.add_argument("--roles", action="store_true",
                   help=gettext("on PostgreSQL, also make the roles sc_viewer, sc_member and sc_facilitator and the "
                        "row-level security that keeps OFFICIAL-SENSITIVE blockers to their organisation"))
    p.set_defaults(func=cmd_init)
    p = sub.add_parser(
        "copy",
        parents=[output],
        help=gettext("copy a whole workspace into a new one: a file to a server, or a server to a file"),
        description=gettext("Copy every record, the activity log and the sharing state (clocks, sites, changes not yet "
                    "shared) from SOURCE into DEST, a new file or an empty PostgreSQL database. The copy is the "
                    "same workspace, moved: keep using one of the two, and share bundles to work on both."),
    )
    p.add_argument("source", metavar=pgettext("metavar", "SOURCE"), help=gettext("a workspace file, or postgresql://USER@HOST/DATABASE"))
    p.add_argument("dest", metavar=pgettext("metavar", "DEST"), help=gettext("a new file, or an empty database"))
    p.set_defaults(func=cmd_copy)
    p = sub.add_parser(
        "check",
        parents=[common],
        help=gettext("check the workspace file for damage (exit 1 if damaged)"),
        description=gettext("Run SQLite's integrity and foreign-key checks on the workspace, read-only, and say what they found."),
    )
    p.set_defaults(func=cmd_check)
    p = sub.add_parser(
        "backups",
        parents=[common],
        help=gettext("list the workspace's automatic backups"),
        description=gettext(BACKUPS),
    )
    p.set_defaults(func=cmd_backups)
    p = sub.add_parser(
        "restore",
        parents=[common],
        help=gettext("put back the latest good backup (or the one named); the current file is kept aside"),
        description=gettext(BACKUPS) + "\n\n" + gettext("The backup is checked first, and a damaged one is never put back; "
                    "restore is refused while the app has the workspace open."),
    )
    p.add_argument("backup", metavar=pgettext("metavar", "BACKUP"), nargs="?",
                   help=gettext("a backup's file name (from 'servicecommunity backups') or path; default: the latest good one"))
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser(
        "logs",
        parents=[common],
        help=gettext("say where the log file is (attach it to a bug report)"),
        description=gettext("Print the path of the log file the app and the command line write, and of the crash record beside it."),
    )
    p.set_defaults(func=cmd_logs)
