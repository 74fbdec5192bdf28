"""The import command: bundles (merged), spreadsheets of steps or blockers, GOV.UK step by steps.

The file is read and checked before the workspace is opened, so a bad file never touches it; then
the import runs in one transaction. A bundle whose records the workspace already has is merged:
the report lists what was added, updated and deleted, and any conflicts, which are left as they
are here (the desktop app asks about each). A spreadsheet is previewed row by row; rows with errors
stop the import unless ``--skip-invalid``. ``--dry-run`` shows what would happen and writes nothing.
"""

# The importers (and SQLAlchemy, openpyxl, jsonschema under them) are imported only when this
# command runs, so the other commands and --help start without them.

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from servicecommunity.cli.core import open_workspace
from servicecommunity.cli.main import UsageError, print_json
from servicecommunity.domain.errors import BundleError, ValidationError
from servicecommunity.i18n import N_, gettext, pgettext

#: The endings import reads without being told the format.
ENDINGS = (".json", ".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".zip")


def cmd_import(args: argparse.Namespace) -> int:
    from servicecommunity.exchange import bundle
    from servicecommunity.exchange.imports import (
        detect_format,
        govuk,
        json_kind,
        load_json,
        read_head,
        read_limited,
    )

    path = Path(args.file)
    fmt = args.format
    if fmt == "auto":
        head = read_head(path)
        fmt = detect_format(path, head)
        if fmt == "csv" and path.suffix and path.suffix.lower() not in ENDINGS:
            # neither JSON nor a workbook: reading it as CSV would list every line as a bad row
            raise UsageError(
                gettext("Import does not read files ending {suffix} ({name}): it reads {endings}; if the file is "
                        "CSV all the same, say so with --format csv.").format(
                    suffix=path.suffix, name=path.name, endings=", ".join(ENDINGS))
            )
    if fmt in ("json", "govuk"):
        limit = bundle.MAX_BYTES if fmt == "json" else govuk.MAX_BYTES
        data = load_json(read_limited(path, limit, "an import"), path.name)
        kind = json_kind(data)
        if args.format == "auto":
            if kind is None:
                raise BundleError(gettext("{name} is JSON, but neither a Service Community bundle nor a GOV.UK step by "
                                          "step.").format(name=path.name))
            fmt = kind
        if fmt == "json":
            bundle.validate_bundle(data, name=path.name)
            return _bundle(args, data)
        return _govuk(args, data, path.name)
    return _spreadsheet(args, path, fmt)


def _bundle(args: argparse.Namespace, data: dict[str, Any]) -> int:
    from servicecommunity.exchange import merge

    with open_workspace(args, create=True) as store, store.session() as session:
        if args.dry_run:
            report = merge.preview_merge(session, data)
        else:
            from servicecommunity.store.backups import before_change

            before_change(store, "import")
            report = merge.import_bundle(session, data)
    if args.json:
        print_json(report.to_json())
    else:
        print(report.summary())
        if report.conflicts and report.applied:
            print(gettext("Each conflict is pending: 'servicecommunity conflicts' lists them, "
                          "'servicecommunity resolve ID --keep mine|theirs' settles one."))
    return 0


def _govuk(args: argparse.Namespace, data: Any, name: str) -> int:
    from servicecommunity.exchange.imports import govuk

    skeleton = govuk.parse(data, name)  # checked before the workspace is opened
    with open_workspace(args, create=True) as store, store.session() as session:
        skeleton = govuk.preview_data(session, data, name, community_id=_community(session, args))
        if not args.dry_run:
            from servicecommunity.store.backups import before_change

            before_change(store, "import")
        journey = None if args.dry_run else govuk.apply(session, skeleton).value
    if args.json:
        print_json({
            "journey": skeleton.name,
            "journey_id": journey.id if journey else None,
            "stages": skeleton.stages,
            "steps": [{"title": s.title, "stage": skeleton.stages[s.stage], "logic": s.logic} for s in skeleton.steps],
            "dependencies": len(skeleton.dependencies),
            "applied": journey is not None,
        })
        return 0
    print((gettext("Would create {what}") if journey is None else gettext("Created {what}")).format(
        what=skeleton.summary()))
    # every GOV.UK step is a stage and its tasks (links) its steps: each stage lists all of its steps,
    # an "and" or "or" stage's marked as GOV.UK marks them
    for index, stage in enumerate(skeleton.stages):
        print(f"  {index + 1}. {stage}")
        for step in skeleton.steps:
            if step.stage == index:
                if step.logic == "and":
                    line = gettext("and: {title}").format(title=step.title)
                elif step.logic == "or":
                    line = gettext("or: {title}").format(title=step.title)
                else:
                    line = step.title
                print(f"     {line}")
    return 0


def _spreadsheet(args: argparse.Namespace, path: Path, fmt: str) -> int:
    from servicecommunity.exchange.imports import read_limited, spreadsheet

    raw = read_limited(path, spreadsheet.MAX_BYTES, "a spreadsheet")
    with open_workspace(args) as store, store.session() as session:
        try:
            preview = spreadsheet.preview_bytes(
                session, raw, path.name, kind=args.kind, journey=args.journey,
                community_id=_community(session, args), fmt=fmt,
            )
        except spreadsheet.SpreadsheetKindError as exc:  # the app asks which; the command line names --kind
            message = str(exc)
            if exc.both_in is not None:
                message = gettext("{name} holds both steps and blockers; say which to import with --kind {first} or "
                                  "--kind {second}.").format(name=exc.both_in, first=exc.kinds[0], second=exc.kinds[-1])
            raise ValidationError(message) from None
        report = None
        if not args.dry_run and (not preview.errors or args.skip_invalid):
            from servicecommunity.store.backups import before_change

            before_change(store, "import")
            report = spreadsheet.apply(session, preview, skip_invalid=args.skip_invalid).value
    if args.json:
        print_json({
            "kind": preview.kind,
            "applied": report is not None,
            "create": preview.count("create"),
            "update": preview.count("update"),
            "unchanged": preview.count("skip"),
            "new_stages": len(preview.new_stages),
            "columns_not_used": preview.ignored,
            "errors": [{"row": r.row_number, "errors": r.errors} for r in preview.errors],
        })
    else:
        print(preview.summary())
        for line in preview.error_lines():
            print(f"  {line}")
        if report is not None:
            print(report.summary())
    if preview.errors and not args.skip_invalid and not args.dry_run:
        raise ValidationError(preview.refusal())  # nothing was written
    return 0


def _community(session: Any, args: argparse.Namespace) -> str | None:
    """The community ``--community`` names; ``None`` for the workspace's only one (several: refused
    naming them and the option)."""
    from sqlalchemy import select

    from servicecommunity.domain.models import Community

    communities = session.scalars(select(Community).order_by(Community.name)).all()
    if not args.community:
        if len(communities) > 1:
            names = ", ".join(c.name for c in communities)
            raise ValidationError(
                gettext("The workspace holds {n} communities ({names}); say which to import into with --community "
                        "NAME.").format(n=len(communities), names=names)
            )
        return None
    for community in communities:
        if args.community in (community.id, community.name) or community.name.casefold() == args.community.casefold():
            return str(community.id)
    raise BundleError(gettext("No community called {name!r} in the workspace.").format(name=args.community))


#: The second paragraph of this module's docstring, as plain text for ``--help``.
DESCRIPTION = N_(
    "The file is read and checked before the workspace is opened, so a bad file never touches it; "
    "then the import runs in one transaction. A bundle whose records the workspace already has is "
    "merged: the report lists what was added, updated and deleted, and any conflicts, which are left "
    "as they are here ('servicecommunity conflicts' lists them). A spreadsheet is previewed row by "
    "row; rows with errors stop the import unless --skip-invalid. --dry-run shows what would happen "
    "and writes nothing."
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    sub.add_parser(
        "import",
        parents=[common],
        help=gettext("import a bundle (merging it), a spreadsheet of steps or blockers, or a GOV.UK step by step"),
        description=gettext(DESCRIPTION),
        arguments=_arguments,
    )


def _arguments(p: argparse.ArgumentParser) -> None:
    """The import's options: added only when it runs, since the formats come from the importers."""
    from servicecommunity.exchange.imports import FORMATS, spreadsheet

    p.add_argument("file", metavar=pgettext("metavar", "FILE"),
                   help=gettext("the file to import; import reads {endings} (others with --format)").format(
                       endings=", ".join(ENDINGS)))
    p.add_argument("--format", choices=("auto", *FORMATS), default="auto",
                   help=gettext("json (a bundle), csv, xlsx, govuk (a GOV.UK step by step content item); default: from the file"))
    p.add_argument("--kind", choices=spreadsheet.KINDS, help=gettext("a spreadsheet holds steps or blockers (default: from its columns)"))
    p.add_argument("--journey", metavar=pgettext("metavar", "NAME"), help=gettext("the journey a spreadsheet's steps belong to, if it has no Journey column"))
    p.add_argument("--community", metavar=pgettext("metavar", "NAME"), help=gettext("the community to import into, if the workspace holds several"))
    p.add_argument("--skip-invalid", action="store_true", help=gettext("import a spreadsheet's good rows and leave out rows with errors"))
    p.add_argument("--dry-run", action="store_true", help=gettext("say what the import would do; write nothing"))
    p.set_defaults(func=cmd_import)
