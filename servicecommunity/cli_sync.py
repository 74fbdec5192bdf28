"""Commands for what a merge left to decide: ``conflicts`` lists them, ``resolve`` settles one.

A conflict is two members changing the same field without either having seen the other's change,
or one deleting what the other changed. Both values are kept until someone chooses; the choice is
a change like any other, so it reaches the other members with the next bundle.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from servicecommunity.cli import print_json
from servicecommunity.errors import NotFoundError, ValidationError


def cmd_conflicts(args: argparse.Namespace) -> int:
    from servicecommunity import merge
    from servicecommunity.store import open_store

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
    from servicecommunity import merge
    from servicecommunity.store import open_store

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
