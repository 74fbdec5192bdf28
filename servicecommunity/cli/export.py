"""The export command: every format, headless.

    servicecommunity export --format F [--community NAME] [--journey NAME] [--org NAME] [--include-sensitive] -o FILE

Without ``--format`` the format follows the file's ending (``.xlsx``, ``.pdf``...), else JSON.
The exporters (and SQLAlchemy under them) are imported only when this command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from servicecommunity.cli.core import open_workspace
from servicecommunity.cli.main import print_json
from servicecommunity.domain.errors import ValidationError

_BY_SUFFIX = {
    ".json": "json", ".zip": "csv", ".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html", ".pdf": "pdf",
    ".svg": "svg", ".png": "png", ".bpmn": "bpmn", ".graphml": "graphml", ".mmd": "mermaid", ".mermaid": "mermaid",
    ".md": "markdown", ".markdown": "markdown",
}


def format_for(path: str, given: str | None) -> str:
    if given:
        return given
    return _BY_SUFFIX.get(Path(path).suffix.lower(), "json")


def cmd_export(args: argparse.Namespace) -> int:
    from servicecommunity.exchange import bundle, exports
    from servicecommunity.services import queries

    fmt = format_for(args.output, args.format)
    options: dict[str, Any] = {"paper": args.paper, "tiled": args.tiled, "dpi": args.dpi, "findings": not args.no_findings}
    with open_workspace(args) as store, store.session() as session:
        community_id = _community_id(session, args.community, chosen_by=args.journey or args.org)
        journey = bundle.journey_by_name(session, args.journey, community_id) if args.journey else None
        org = queries.find_organisation(session, args.org, community_id) if args.org else None
        chosen = journey if journey is not None else org
        if community_id is None and chosen is not None:
            community_id = chosen.community_id  # the community the journey or organisation is in
        journey_id = journey.id if journey else None
        org_id = org.id if org else None
        if org_id is not None and fmt not in exports.PACK_FORMATS:
            raise ValidationError("--org makes an organisation's pack: use --format pdf or --format xlsx.")
        result = exports.export(
            session, fmt, args.output, journey_id=journey_id, organisation_id=org_id,
            include_sensitive=args.include_sensitive, options=options, community_id=community_id,
        )
    if args.json:
        print_json(result.to_json())
        return 0
    what = f"organisation pack ({fmt.upper()})" if org_id else exports.DESCRIPTIONS[fmt][0]
    print(f"Wrote {result.path} ({result.classification}, {what}).")
    for note in result.notes:
        print(f"  {note}")
    return 0


def _community_id(session: Any, wanted: str | None, *, chosen_by: str | None) -> str | None:
    """The community ``--community`` names (by id or name); ``None`` if the choice is left to the export.

    Without ``--community``, a workspace of several communities is refused in one sentence naming
    them, unless a journey or an organisation says which.
    """
    from sqlalchemy import select

    from servicecommunity.domain.errors import NotFoundError
    from servicecommunity.domain.models import Community

    communities = session.scalars(select(Community).order_by(Community.name)).all()
    names = ", ".join(c.name for c in communities) or "none"
    if wanted is None:
        if len(communities) > 1 and not chosen_by:
            raise ValidationError(
                f"The workspace holds {len(communities)} communities ({names}); "
                "say which to export with --community NAME."
            )
        return None
    for community in communities:
        if wanted == community.id or wanted.casefold() == community.name.casefold():
            return str(community.id)
    raise NotFoundError(f"No community called {wanted!r}; the communities are: {names}.")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    sub.add_parser(
        "export",
        parents=[common],
        help="export the community (or one journey, or an organisation's pack) to a file",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        arguments=_arguments,
    )


def _arguments(p: argparse.ArgumentParser) -> None:
    """The export's options: added only when it runs, since the formats come from the exporters."""
    from servicecommunity.exchange import exports

    formats = "\n".join(f"  {name:<9} {desc}" for name, (desc, _) in exports.DESCRIPTIONS.items())
    p.description = (
        "Export to a file. OFFICIAL-SENSITIVE blockers and their notes are left out unless "
        "--include-sensitive; the export says what it left out.\n\nformats:\n" + formats
    )
    p.add_argument("--format", "-f", choices=exports.FORMATS, help="file format (default: from the file's ending, else json)")
    p.add_argument("--community", metavar="NAME", help="the community to export (name or id), if the workspace holds several")
    p.add_argument("--journey", metavar="NAME", help="only this journey (name or id)")
    p.add_argument("--org", metavar="NAME", help="an organisation's pack (pdf or xlsx): its steps, hand-offs and blockers")
    p.add_argument("--include-sensitive", action="store_true", help="include OFFICIAL-SENSITIVE blockers and mark the export so")
    p.add_argument("--paper", choices=exports.PAPERS, default="auto",
                   help="PDF poster paper size, landscape (default auto: step titles readable when printed)")
    p.add_argument("--tiled", action="store_true", help="PDF poster at full size over several pages (default: fit one page)")
    p.add_argument("--dpi", type=int, default=150, help="PNG resolution (default 150)")
    p.add_argument("--no-findings", action="store_true", help="do not run the analysis for the findings")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write")
    p.set_defaults(func=cmd_export)
