"""The import command."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from servicecommunity import bundle
from servicecommunity.cli import print_json
from servicecommunity.cli_core import open_workspace
from servicecommunity.errors import BundleError

IMPORT_FORMATS = ("auto", "json")


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    fmt = args.format
    if fmt == "auto":
        fmt = "json" if path.suffix.lower() == ".json" else None
        if fmt is None:
            raise BundleError(f"Cannot tell the format of {path.name}; give --format.")
    data = bundle.read_bundle(path)
    with open_workspace(args, create=True) as store, store.session() as session:
        report = bundle.import_new(session, data)
    if args.json:
        print_json({"added": report.added, "tombstones": report.tombstones})
    else:
        print(report.summary())
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common], help="import a bundle into the workspace")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=IMPORT_FORMATS, default="auto")
    p.set_defaults(func=cmd_import)
