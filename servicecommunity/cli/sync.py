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


def cmd_conflicts(args: argparse.Namespace) -> int:
    from servicecommunity.exchange import merge
    from servicecommunity.store.workspace import open_store

    with open_store(args.db) as store, store.session() as session:
        found = merge.pending_conflicts(session)
    if args.json:
        print_json([c.to_json() for c in found])
        return 0
    if not found:
        print("No conflicts are waiting: every merge so far agreed.")
        return 0
    print(f"{len(found)} conflict{'s' if len(found) != 1 else ''} waiting for a choice:")
    for c in found:
        print(f"  {c.id[:8]} {c.field}: {c.describe()}")
    print("Settle one with: servicecommunity resolve ID FIELD --keep mine|theirs (or --value VALUE).")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from servicecommunity.exchange import merge
    from servicecommunity.store.workspace import open_store

    with open_store(args.db) as store, store.session() as session:
        pending = merge.pending_conflicts(session)
        matches = [c for c in pending if c.id.startswith(args.id) and (args.field is None or c.field == args.field)]
        if not matches:
            raise NotFoundError(f"No pending conflict matches {args.id!r}; 'servicecommunity conflicts' lists them.")
        if len({(c.id, c.field) for c in matches}) > 1:
            fields = ", ".join(sorted(f"{c.id[:8]} {c.field}" for c in matches))
            raise ValidationError(f"{args.id!r} matches several conflicts ({fields}); name the field too.")
        conflict = matches[0]
        if (args.keep is None) == (args.value is None):
            raise ValidationError("Say which to keep: --keep mine, --keep theirs, or --value VALUE.")
        value: Any = None
        if args.value is not None:
            if conflict.field == "_alive":
                raise ValidationError("A deletion is kept or not: say --keep keep or --keep delete.")
            try:
                value = json.loads(args.value)
            except json.JSONDecodeError:
                value = args.value  # plain text
        merge.resolve_conflict(session, conflict.id, conflict.field, keep=args.keep, value=value)
    if args.json:
        print_json({"resolved": conflict.key})
    else:
        print(f"Settled: the {conflict.label} of {conflict.title!r}. Your next bundle takes the choice to the others.")
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
                print("No organisations or data items share a name.")
            else:
                for section, name, keep, drop in pairs:
                    print(f"  {section.replace('_', ' ')[:-1]} {name!r}: servicecommunity join-duplicates {keep[:8]} {drop[:8]}")
            return 0
        if args.drop is None:
            raise ValidationError("Name both: the one to keep, then the one to join into it.")
        found = []
        for rid in (args.keep, args.drop):
            matches = [(section, r) for section in joining.JOINABLE
                       for r in session.scalars(select_ids(ENTITIES[section], rid)).all()]
            if len(matches) != 1:
                raise NotFoundError(f"{rid!r} matches {len(matches)} organisations or data items; give more of its id.")
            found.append(matches[0])
        (section, keep), (other, drop) = found
        if section != other:
            raise ValidationError("An organisation and a data item cannot be joined.")
        names = {rid: session.get(ENTITIES[section], rid).name for rid in (keep, drop)}  # type: ignore[union-attr]
        joining.join_records(session, section, keep, drop)
    if args.json:
        print_json({"kept": keep, "joined": drop})
    else:
        print(f"Joined {names[drop]!r} into {names[keep]!r}: everything that named it names {names[keep]!r} now.")
    return 0


def select_ids(model: Any, prefix: str) -> Any:
    from sqlalchemy import select

    return select(model.id).where(model.id.startswith(prefix))


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("conflicts", parents=[common], help="list the conflicts merges left for someone to choose",
                       description="List what two members changed differently without seeing each other's change.")
    p.set_defaults(func=cmd_conflicts)
    p = sub.add_parser("resolve", parents=[common], help="settle one conflict",
                       description="Settle a pending conflict; the choice travels with your next bundle.")
    p.add_argument("id", help="the record's id (its first characters are enough), as 'conflicts' lists it")
    p.add_argument("field", nargs="?", help="the field, when the record has several conflicts")
    p.add_argument("--keep", choices=["mine", "theirs", "shown", "other", "keep", "delete"],
                   help="which value to keep (keep/delete for a record deleted on one side)")
    p.add_argument("--value", help="a value of your own instead (text, or JSON for numbers and lists)")
    p.set_defaults(func=cmd_resolve)
    p = sub.add_parser("join-duplicates", parents=[common],
                       help="list organisations or data items named alike, or join two into one",
                       description="With no ids: list likely duplicates. With two: everything that names the "
                                   "second names the first, and the second is deleted.")
    p.add_argument("keep", nargs="?", help="the id (or its first characters) of the one to keep")
    p.add_argument("drop", nargs="?", help="the id of the one to join into it")
    p.set_defaults(func=cmd_join_duplicates)
