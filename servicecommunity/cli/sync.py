"""Commands for what a merge left to decide: ``conflicts`` lists them, ``resolve`` settles one.

A conflict is two members changing the same field without either having seen the other's change,
or one deleting what the other changed. Both values are kept until someone chooses; the choice is
a change like any other, so it reaches the other members with the next bundle.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from servicecommunity.cli.main import print_json
from servicecommunity.domain.errors import NotFoundError, ValidationError
from servicecommunity.i18n import gettext, ngettext, pgettext


def cmd_conflicts(args: argparse.Namespace) -> int:
    from servicecommunity.exchange import merge
    from servicecommunity.store.workspace import open_store

    with open_store(args.db) as store, store.session() as session:
        found = merge.pending_conflicts(session)
    if args.json:
        print_json([c.to_json() for c in found])
        return 0
    if not found:
        print(gettext("No conflicts are waiting: every merge so far agreed."))
        return 0
    print(ngettext("{n} conflict waiting for a choice:", "{n} conflicts waiting for a choice:", len(found)).format(
        n=len(found)))
    for c in found:
        print(f"  {c.id[:8]} {c.field}: {c.describe()}")
    print(gettext("Settle one with: servicecommunity resolve ID FIELD --keep mine|theirs (or --value VALUE)."))
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from servicecommunity.exchange import merge
    from servicecommunity.store.workspace import open_store

    with open_store(args.db) as store, store.session() as session:
        pending = merge.pending_conflicts(session)
        matches = [c for c in pending if c.id.startswith(args.id) and (args.field is None or c.field == args.field)]
        if not matches:
            raise NotFoundError(gettext("No pending conflict matches {id!r}; 'servicecommunity conflicts' lists them.").format(
                id=args.id))
        if len({(c.id, c.field) for c in matches}) > 1:
            fields = ", ".join(sorted(f"{c.id[:8]} {c.field}" for c in matches))
            raise ValidationError(gettext("{id!r} matches several conflicts ({fields}); name the field too.").format(
                id=args.id, fields=fields))
        conflict = matches[0]
        if (args.keep is None) == (args.value is None):
            raise ValidationError(gettext("Say which to keep: --keep mine, --keep theirs, or --value VALUE."))
        value: Any = None
        if args.value is not None:
            if conflict.field == "_alive":
                raise ValidationError(gettext("A deletion is kept or not: say --keep keep or --keep delete."))
            try:
                value = json.loads(args.value)
            except json.JSONDecodeError:
                value = args.value  # plain text
        merge.resolve_conflict(session, conflict.id, conflict.field, keep=args.keep, value=value)
    if args.json:
        print_json({"resolved": conflict.key})
    else:
        print(gettext("Settled: the {field} of {title!r}. Your next bundle takes the choice to the others.").format(
            field=conflict.label, title=conflict.title))
    return 0


def cmd_join_duplicates(args: argparse.Namespace) -> int:
    from servicecommunity.domain.models import ENTITIES
    from servicecommunity.services import joining
    from servicecommunity.store.workspace import open_store

    with open_store(args.db) as store, store.session() as session:
        if args.keep is None:
            pairs = [(section, *pair) for section in joining.JOINABLE for pair in joining.likely_duplicates(session, section)]
            if args.json:
                print_json([{"section": s, "name": n, "keep": k, "drop": d} for s, n, k, d in pairs])
            elif not pairs:
                print(gettext("No organisations or data items share a name."))
            else:
                kinds = {"organisations": gettext("organisation"), "data_items": gettext("data item")}
                for section, name, keep, drop in pairs:
                    what = kinds.get(section, section)
                    print(f"  {what} {name!r}: servicecommunity join-duplicates {keep[:8]} {drop[:8]}")
            return 0
        if args.drop is None:
            raise ValidationError(gettext("Name both: the one to keep, then the one to join into it."))
        found = []
        for rid in (args.keep, args.drop):
            matches = [(section, r) for section in joining.JOINABLE
                       for r in session.scalars(select_ids(ENTITIES[section], rid)).all()]
            if len(matches) != 1:
                raise NotFoundError(ngettext("{id!r} matches {n} organisation or data item; give more of its id.",
                                             "{id!r} matches {n} organisations or data items; give more of its id.",
                                             len(matches)).format(id=rid, n=len(matches)))
            found.append(matches[0])
        (section, keep), (other, drop) = found
        if section != other:
            raise ValidationError(gettext("An organisation and a data item cannot be joined."))
        names = {rid: session.get(ENTITIES[section], rid).name for rid in (keep, drop)}  # type: ignore[union-attr]
        joining.join_records(session, section, keep, drop)
    if args.json:
        print_json({"kept": keep, "joined": drop})
    else:
        print(gettext("Joined {drop!r} into {keep!r}: everything that named it names {keep!r} now.").format(
            drop=names[drop], keep=names[keep]))
    return 0


def select_ids(model: Any, prefix: str) -> Any:
    from sqlalchemy import select

    return select(model.id).where(model.id.startswith(prefix))


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("conflicts", parents=[common], help=gettext("list the conflicts merges left for someone to choose"),
                       description=gettext("List what two members changed differently without seeing each other's change."))
    p.set_defaults(func=cmd_conflicts)
    p = sub.add_parser("resolve", parents=[common], help=gettext("settle one conflict"),
                       description=gettext("Settle a pending conflict; the choice travels with your next bundle."))
    p.add_argument("id", metavar=pgettext("metavar", "ID"), help=gettext("the record's id (its first characters are enough), as 'conflicts' lists it"))
    p.add_argument("field", nargs="?", metavar=pgettext("metavar", "FIELD"), help=gettext("the field, when the record has several conflicts"))
    p.add_argument("--keep", choices=["mine", "theirs", "shown", "other", "keep", "delete"],
                   help=gettext("which value to keep (keep/delete for a record deleted on one side)"))
    p.add_argument("--value", metavar=pgettext("metavar", "VALUE"), help=gettext("a value of your own instead (text, or JSON for numbers and lists)"))
    p.set_defaults(func=cmd_resolve)
    p = sub.add_parser("join-duplicates", parents=[common],
                       help=gettext("list organisations or data items named alike, or join two into one"),
                       description=gettext("With no ids: list likely duplicates. With two: everything that names the "
                                   "second names the first, and the second is deleted."))
    p.add_argument("keep", nargs="?", metavar=pgettext("metavar", "KEEP"), help=gettext("the id (or its first characters) of the one to keep"))
    p.add_argument("drop", nargs="?", metavar=pgettext("metavar", "DROP"), help=gettext("the id of the one to join into it"))
    p.set_defaults(func=cmd_join_duplicates)
