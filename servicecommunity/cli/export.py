"""The export command: every format, headless.

    servicecommunity export --format F [--community NAME] [--journey NAME] [--org NAME] [--include-sensitive] -o FILE

Without ``--format`` the format follows the file's ending (``.xlsx``, ``.pdf``...); a file with no
ending gets JSON, and an ending no format uses is refused. An option the format has no use for
(``--paper`` for an XLSX, say) is refused too, rather than ignored: both before the workspace is
opened, with exit 2. The exporters (and SQLAlchemy under them) are imported only when this command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from servicecommunity.cli.core import open_workspace
from servicecommunity.cli.main import UsageError, print_json
from servicecommunity.domain.errors import ValidationError
from servicecommunity.i18n import N_, gettext, pgettext

_BY_SUFFIX = {
    ".json": "json", ".zip": "csv", ".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html", ".pdf": "pdf",
    ".svg": "svg", ".png": "png", ".bpmn": "bpmn", ".graphml": "graphml", ".mmd": "mermaid", ".mermaid": "mermaid",
    ".md": "markdown", ".markdown": "markdown",
}


#: The formats' descriptions (``exports.DESCRIPTIONS``), marked here for translation: the help and
#: the "Wrote ..." line say them in the command's language.
_FORMAT_WORDS = (
    N_("Bundle for another member to import (JSON)"), N_("Spreadsheet tables, one CSV file each (ZIP)"),
    N_("Excel workbook (XLSX)"), N_("Web page that opens offline (HTML)"), N_("Printable poster (PDF)"),
    N_("Poster as a vector image (SVG)"), N_("Poster as a picture (PNG)"),
    N_("BPMN 2.0 process diagram (bpmn.io, Camunda)"), N_("Graphs for yEd and Gephi (GraphML)"),
    N_("Mermaid flowchart"), N_("Briefing (Markdown)"),
)



def format_for(path: str, given: str | None) -> str:
    """The format ``--format`` gives, else the one the file's ending names (JSON with no ending)."""
    if given:
        return given
    suffix = Path(path).suffix.lower()
    if not suffix:
        return "json"
    if suffix not in _BY_SUFFIX:
        endings = ", ".join(dict.fromkeys(_BY_SUFFIX))
        raise UsageError(
            gettext("No export format writes {name!r} (ending {suffix}): end the file name with one of {endings}, "
                    "or say the format with --format.").format(name=Path(path).name, suffix=suffix, endings=endings)
        )
    return _BY_SUFFIX[suffix]


def check_options(args: argparse.Namespace, fmt: str, with_findings: frozenset[str]) -> None:
    """Refuse an option the export would ignore, naming it and what it is for."""
    what = gettext("an organisation's pack") if args.org else gettext("a {format} export").format(format=fmt.upper())
    poster = fmt == "pdf" and not args.org
    if args.paper is not None and not poster:
        raise UsageError(gettext("--paper sets the PDF poster's paper, and {what} has none: leave --paper out, "
                                 "or write the poster to a .pdf file.").format(what=what))
    if args.tiled and not poster:
        raise UsageError(gettext("--tiled spreads the PDF poster over several pages, and {what} is no poster: "
                                 "leave --tiled out, or write the poster to a .pdf file.").format(what=what))
    if args.tiled and args.paper in (None, "auto"):
        raise UsageError(gettext("--tiled needs a paper to tile: add --paper A3, A2 or A1 (with auto, the "
                                 "paper and the tiling are chosen so that step titles are readable)."))
    if args.dpi is not None and fmt != "png":
        raise UsageError(gettext("--dpi sets a PNG's resolution, and {what} has none: leave --dpi out, "
                                 "or write the poster to a .png file.").format(what=what))
    if args.no_findings and fmt not in with_findings and not args.org:
        shown = ", ".join(sorted(with_findings))
        raise UsageError(gettext("--no-findings leaves the analysis out, and {what} shows none: leave --no-findings "
                                 "out (the formats with findings are {formats} and the organisation packs).").format(
            what=what, formats=shown))


def cmd_export(args: argparse.Namespace) -> int:
    fmt = format_for(args.output, args.format)  # the command line is checked before anything is imported or opened
    from servicecommunity.exchange import bundle, exports
    from servicecommunity.services import queries

    check_options(args, fmt, exports.WITH_FINDINGS)
    options: dict[str, Any] = {
        "paper": args.paper or "auto", "tiled": args.tiled, "dpi": 150 if args.dpi is None else args.dpi,
        "findings": not args.no_findings,
        "lang": getattr(args, "lang", None),  # --lang: the export's language, whatever the default
    }
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
            raise ValidationError(gettext("--org makes an organisation's pack: use --format pdf or --format xlsx."))
        try:
            result = exports.export(
                session, fmt, args.output, journey_id=journey_id, organisation_id=org_id,
                include_sensitive=args.include_sensitive, options=options, community_id=community_id,
            )
        except ValidationError as exc:  # the app offers the journeys to choose from; the command line names --journey
            if fmt not in exports.ONE_JOURNEY or journey_id is not None or "; choose one of: " not in str(exc):
                raise
            raise ValidationError(str(exc).replace("; choose one of: ", "; say which with --journey NAME: ")) from None
    # the exports' sentence about left-out OFFICIAL-SENSITIVE blockers says what to do in the app's
    # words; the command line names its option instead (whole sentences, in either language)
    hidden = result.omitted.get("sensitive_blockers", 0)
    if hidden:
        from servicecommunity.exchange.exports.snapshot import sensitive_left_out

        app_words, cli_words = sensitive_left_out(hidden), sensitive_left_out(hidden, option=True)
        result.notes = [cli_words if note == app_words else note for note in result.notes]
    if args.json:
        print_json(result.to_json())
        return 0
    what = (gettext("organisation pack ({format})").format(format=fmt.upper()) if org_id
            else gettext(exports.DESCRIPTIONS[fmt][0]))
    print(gettext("Wrote {path} ({classification}, {what}).").format(
        path=result.path, classification=result.classification, what=what))
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
    names = ", ".join(c.name for c in communities) or gettext("none")
    if wanted is None:
        if len(communities) > 1 and not chosen_by:
            raise ValidationError(
                gettext("The workspace holds {n} communities ({names}); say which to export with --community NAME.")
                .format(n=len(communities), names=names)
            )
        return None
    for community in communities:
        if wanted == community.id or wanted.casefold() == community.name.casefold():
            return str(community.id)
    raise NotFoundError(gettext("No community called {name!r}; the communities are: {names}.").format(
        name=wanted, names=names))


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    sub.add_parser(
        "export",
        parents=[common],
        help=gettext("export the community (or one journey, or an organisation's pack) to a file"),
        arguments=_arguments,
    )


def _arguments(p: argparse.ArgumentParser) -> None:
    """The export's options: added only when it runs, since the formats come from the exporters."""
    from servicecommunity.exchange import exports

    endings = {fmt: [s for s, f in _BY_SUFFIX.items() if f == fmt] for fmt in exports.FORMATS}
    described = {name: gettext(desc) for name, (desc, _) in exports.DESCRIPTIONS.items()}
    formats = "\n".join(f"  {name:<9} {' '.join(endings[name]):<15} {desc}" for name, desc in described.items())
    p.description = (
        gettext("Export to a file. OFFICIAL-SENSITIVE blockers and their notes are left out unless "
                "--include-sensitive; the export says what it left out. The format follows the file's ending "
                "(a name with no ending gets JSON) unless --format says it. An option the format has no use "
                "for is refused.") + "\n\n" + gettext("Formats and their file endings:") + "\n" + formats
    )
    p.add_argument("--format", "-f", choices=exports.FORMATS, metavar=pgettext("metavar", "FORMAT"),
                   help=gettext("one of the formats above (default: from the file's ending)"))
    p.add_argument("--community", metavar=pgettext("metavar", "NAME"), help=gettext("the community to export (name or id), if the workspace holds several"))
    p.add_argument("--journey", metavar=pgettext("metavar", "NAME"), help=gettext("only this journey (name or id)"))
    p.add_argument("--org", metavar=pgettext("metavar", "NAME"), help=gettext("an organisation's pack (pdf or xlsx): its steps, hand-offs and blockers"))
    p.add_argument("--include-sensitive", action="store_true", help=gettext("include OFFICIAL-SENSITIVE blockers and mark the export so"))
    p.add_argument("--paper", choices=exports.PAPERS,
                   help=gettext("PDF poster only: the paper, landscape (default auto: step titles readable when printed)"))
    p.add_argument("--tiled", action="store_true",
                   help=gettext("PDF poster only, with --paper A3, A2 or A1: full size over several pages (default: fit one page)"))
    p.add_argument("--dpi", type=int, metavar=pgettext("metavar", "DPI"), help=gettext("PNG only: the resolution (default 150)"))
    p.add_argument("--no-findings", action="store_true",
                   help=gettext("CSV, XLSX, HTML, Markdown and organisation packs: leave out the analysis's findings"))
    p.add_argument("-o", "--output", required=True, metavar=pgettext("metavar", "FILE"), help=gettext("where to write"))
    p.set_defaults(func=cmd_export)
