"""Core commands: demo, summary, journeys, blockers.

The store, the queries and the bundle reader are imported by the handlers that use them, so
building the parser (and ``--help``) stays free of SQLAlchemy and jsonschema.
"""

from __future__ import annotations

import argparse
import shutil
from datetime import datetime
from typing import TYPE_CHECKING, Any

from servicecommunity.cli.main import print_json
from servicecommunity.domain import enums
from servicecommunity.domain.errors import StoreError
from servicecommunity.exchange.demo import load_demo
from servicecommunity.i18n import N_, gettext, ngettext, pgettext

if TYPE_CHECKING:
    from servicecommunity.store.workspace import Store



def open_workspace(args: argparse.Namespace, *, create: bool = False) -> Store:
    """The workspace ``--db`` names (or the default one); it must exist unless ``create``."""
    from servicecommunity.store.workspace import open_store

    return open_store(args.db, create=create, daily_backup=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from servicecommunity.services import queries
    from servicecommunity.store.workspace import open_store, resolve_db_path, server_url

    if server_url(args.db) is not None:
        return _demo_on_server(args)
    path = resolve_db_path(args.db)
    has_content = False
    if path.exists():
        with open_store(path) as store, store.session() as session:
            has_content = any(queries.counts(session).values())
    if has_content and args.if_missing:
        return 0
    if has_content and not args.force:
        raise StoreError(
            gettext("{path} already holds a workspace; use --force to set it aside and start again from the demo.").format(
                path=path)
        )
    if has_content:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.stem}.replaced-{stamp}{path.suffix}")
        shutil.move(path, aside)
        for extra in ("-wal", "-shm"):
            sidecar = path.with_name(path.name + extra)
            if sidecar.exists():
                shutil.move(sidecar, aside.with_name(aside.name + extra))
        print(gettext("The previous workspace is kept as {path}.").format(path=aside))
    with open_store(path) as store:
        report = load_demo(store)
    if args.json:
        print_json({"path": str(path), "added": report.added})
    else:
        print(gettext("Created the Starting a Business demo in {path}.").format(path=path))
        print(report.summary())
    return 0


def _demo_on_server(args: argparse.Namespace) -> int:
    """``demo --db postgresql://...``: the demo in an empty team workspace (never set aside: --force is refused)."""
    from servicecommunity.services import queries
    from servicecommunity.store.workspace import open_store

    with open_store(args.db) as store:
        with store.session() as session:
            has_content = any(queries.counts(session).values())
        if has_content and args.if_missing:
            return 0
        if has_content:
            raise StoreError(
                gettext("{path} already holds a workspace, and a team's workspace is never replaced from here; "
                        "give an empty database.").format(path=store.where)
            )
        report = load_demo(store)
        where = store.where
    if args.json:
        print_json({"path": where, "added": report.added})
    else:
        print(gettext("Created the Starting a Business demo in {path}.").format(path=where))
        print(report.summary())
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from servicecommunity.services import queries

    with open_workspace(args) as store, store.session() as session:
        counts = queries.counts(session)
        by_org = queries.open_blockers_by_org(session)
        names = [c.name for c in queries.communities(session)]
    data: dict[str, Any] = {
        "workspace": store.where,
        "communities": names,
        "counts": counts,
        "open_blockers_by_organisation": {org: dict(c) for org, c in by_org.items()},
    }
    if args.json:
        print_json(data)
        return 0
    from servicecommunity.i18n import format_list, format_number

    print(gettext("Workspace: {path}").format(path=store.where))
    if names:
        print(gettext("Communities: {names}").format(names=format_list(names)))
    else:
        print(gettext("Communities: (none: run servicecommunity demo)"))
    sections = {section: gettext(SECTIONS.get(section, section)) for section in counts}
    width = max(len(k) for k in sections.values())
    for section, n in counts.items():
        print(f"  {sections[section]:<{width}}  {format_number(n):>7}")
    print()
    print(gettext("Open blockers by organisation and severity"))
    sev = [s.value for s in reversed(enums.Severity)]
    heads = gettext("organisation"), [gettext(enums.label(s)).lower() for s in sev], gettext("total")
    print(f"  {heads[0]:<28}" + "".join(f"{s:>10}" for s in heads[1]) + f"{heads[2]:>8}")
    for org, counter in by_org.items():
        cells = "".join(f"{format_number(counter.get(s, 0)):>10}" for s in sev)
        print(f"  {org[:28]:<28}{cells}{format_number(sum(counter.values())):>8}")
    if not by_org:
        print("  " + gettext("(no open blockers)"))
    return 0


#: what the workspace's sections are called in the summary
SECTIONS: dict[str, str] = {
    "communities": N_("communities"), "organisations": N_("organisations"), "groups": N_("groups"),
    "members": N_("members"), "data_items": N_("data items"), "journeys": N_("journeys"), "stages": N_("stages"),
    "steps": N_("steps"), "dependencies": N_("dependencies"), "workshops": N_("workshops"), "blockers": N_("blockers"),
    "blocker_updates": N_("blocker updates"), "notes": N_("notes"),
}



def cmd_journeys(args: argparse.Namespace) -> int:
    from servicecommunity.services import queries

    with open_workspace(args) as store, store.session() as session:
        rows = queries.journeys(session)
    if args.json:
        print_json([r.__dict__ for r in rows])
        return 0
    from servicecommunity.i18n import format_number

    for r in rows:
        print(gettext("{journey}  ({status}; {stages}, {steps})").format(
            journey=r.name, status=gettext(enums.label(r.status)),
            stages=ngettext("{n} stage", "{n} stages", r.stages).format(n=format_number(r.stages)),
            steps=ngettext("{n} step", "{n} steps", r.steps).format(n=format_number(r.steps))))
        if r.persona:
            print("    " + gettext("for: {persona}").format(persona=r.persona))
    if not rows:
        print(gettext("No journeys yet."))
    return 0


def cmd_blockers(args: argparse.Namespace) -> int:
    from servicecommunity.services import queries

    with open_workspace(args) as store, store.session() as session:
        rows = queries.list_blockers(
            session,
            organisation=args.org,
            status=args.status,
            severity=args.severity,
            category=args.category,
            open_only=args.open,
        )
        labels = queries.organisation_labels(session)
    if args.json:
        print_json(
            [
                {
                    "id": b.id,
                    "title": b.title,
                    "severity": b.severity,
                    "status": b.status,
                    "category": b.category,
                    "owner": labels.get(b.owner_id or "", None),
                    "due_on": b.due_on.isoformat() if b.due_on else None,
                    "overdue": queries.is_overdue(b),
                    "classification": b.classification,
                }
                for b in rows
            ]
        )
        return 0
    from servicecommunity.i18n import format_date, format_number

    overdue_word, no_owner = "  " + gettext("OVERDUE"), gettext("no owner")
    for b in rows:
        due = gettext("due {date}").format(date=format_date(b.due_on, "medium")) if b.due_on else gettext("no due date")
        overdue = overdue_word if queries.is_overdue(b) else ""
        owner = labels.get(b.owner_id or "", no_owner)
        severity, status = gettext(enums.label(b.severity)).upper(), gettext(enums.label(b.status))
        print(f"[{severity:<8}] {status:<12} {owner[:16]:<16} {b.title}  ({due}){overdue}")
    print(ngettext("{n} blocker.", "{n} blockers.", len(rows)).format(n=format_number(len(rows))))
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help=gettext("create a workspace holding the Starting a Business demo community"),
        description=gettext("Create the demo workspace. Refuses to replace a workspace that has content unless --force."),
    )
    p.add_argument("--force", action="store_true", help=gettext("set an existing workspace aside (kept as a copy) and start again"))
    p.add_argument("--if-missing", action="store_true", help=gettext("do nothing if the workspace already has content"))
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "summary",
        parents=[common],
        help=gettext("counts, and open blockers by organisation and severity"),
        description=gettext("Say which workspace this is and which communities it holds, count what is in it "
                    "(journeys, steps, organisations, blockers...), and table the open blockers by the "
                    "organisation that owns them and their severity."),
    )
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser(
        "journeys",
        parents=[common],
        help=gettext("list the journeys"),
        description=gettext("List the journeys in the workspace with their status, how many stages and steps "
                    "each has, and the person each is for."),
    )
    p.set_defaults(func=cmd_journeys)

    statuses = [s.value for s in enums.BlockerStatus]
    severities = [s.value for s in enums.Severity]
    categories = [c.value for c in enums.BlockerCategory]
    p = sub.add_parser(
        "blockers",
        parents=[common],
        help=gettext("list blockers, worst first"),
        description=gettext("List the blockers, the most severe first, with their status, owner and due date; "
                    "overdue ones are marked. The options narrow the list and may be combined."),
    )
    p.add_argument("--org", metavar=pgettext("metavar", "NAME"), help=gettext("owned by this organisation (short name or name)"))
    p.add_argument("--status", choices=statuses, metavar=pgettext("metavar", "STATUS"), help=gettext("only this status: {values}").format(values=", ".join(statuses)))
    p.add_argument("--severity", choices=severities, metavar=pgettext("metavar", "SEVERITY"),
                   help=gettext("only this severity: {values}").format(values=", ".join(severities)))
    p.add_argument("--category", choices=categories, metavar=pgettext("metavar", "CATEGORY"),
                   help=gettext("only this category: {values}").format(values=", ".join(categories)))
    p.add_argument("--open", action="store_true", help=gettext("only blockers still open, in progress or escalated"))
    p.set_defaults(func=cmd_blockers)
