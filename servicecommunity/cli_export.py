"""The export command."""

from __future__ import annotations

import argparse
from typing import Any

from servicecommunity import bundle
from servicecommunity.cli import print_json
from servicecommunity.cli_core import open_workspace

EXPORT_FORMATS = ("json",)


def cmd_export(args: argparse.Namespace) -> int:
    with open_workspace(args) as store, store.session() as session:
        journey_id = bundle.journey_by_name(session, args.journey).id if args.journey else None
        data = bundle.export_bundle(session, journey_id=journey_id, include_sensitive=args.include_sensitive)
    bundle.write_atomic(args.output, bundle.dumps(data))
    omitted = data["omitted"]["sensitive_blockers"]
    if args.json:
        print_json({"output": str(args.output), "classification": data["classification"], "omitted": data["omitted"]})
        return 0
    print(f"Wrote {args.output} ({data['classification']}).")
    if omitted:
        print(f"Left out {omitted} OFFICIAL-SENSITIVE blocker{'s' if omitted != 1 else ''}; --include-sensitive adds them.")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="export the community (or one journey) to a file",
        description="Export to a file. OFFICIAL-SENSITIVE blockers are left out unless --include-sensitive.",
    )
    p.add_argument("--format", "-f", choices=EXPORT_FORMATS, default="json", help="file format (default json)")
    p.add_argument("--journey", metavar="NAME", help="only this journey (name or id)")
    p.add_argument("--include-sensitive", action="store_true", help="include OFFICIAL-SENSITIVE blockers and mark the export so")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write")
    p.set_defaults(func=cmd_export)
