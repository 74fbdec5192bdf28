"""Exporters for the spreadsheet and poster formats: CSV (zipped), XLSX, PDF, SVG and PNG."""

from __future__ import annotations

from typing import TYPE_CHECKING

from servicecommunity.domain import enums
from servicecommunity.domain.errors import ValidationError
from servicecommunity.exchange.exports import spreadsheet
from servicecommunity.exchange.exports.tables import Cell, Table, all_tables
from servicecommunity.i18n import N_, format_number, gettext, ngettext

if TYPE_CHECKING:
    from servicecommunity.exchange.exports import Job


#: The workbook's sheet names (short: Excel allows 31 characters), by table.
SHEET_NAMES = {
    "steps": N_("Steps"), "dependencies": N_("Dependencies"), "blockers": N_("Blockers"),
    "organisations": N_("Organisations"), "members": N_("Members"), "findings": N_("Findings"),
    "notes": N_("Notes"),
}


def about_lines(job: Job, tables: list[Table]) -> list[tuple[str, Cell]]:
    """The facts that head a spreadsheet export (its About sheet or README)."""
    from servicecommunity.exchange.exports import long_date

    snap = job.snapshot
    lines: list[tuple[str, Cell]] = [(gettext("Classification"), snap.classification),
                                     (gettext("Community"), snap.community_name)]
    if snap.journey_id is not None:
        journey = snap.journey_by_id[snap.journey_id]
        lines.append((gettext("Journey"), journey.name))
        if journey.persona:
            lines.append((gettext("For"), journey.persona))
        if journey.user_need:
            lines.append((gettext("User need"), journey.user_need))
        lines.append((gettext("Status"), gettext(enums.label(journey.status))))
    else:
        lines.append((gettext("Journeys"), ", ".join(j.name for j in snap.journeys) or gettext("none")))
    lines.append((gettext("Exported"), long_date(snap.today)))
    # translators: the export's own language, named in that language
    lines.append((gettext("Language"), gettext("English")))
    lines.append((gettext("Holds"), "; ".join(
        gettext("{table}: {n}").format(table=t.title, n=format_number(len(t.rows))) for t in tables if t.name != "findings")))
    if snap.findings is None:
        lines.append((gettext("Findings"), gettext("The analysis was not run for this export.")))
    else:
        n = len(snap.findings)
        lines.append((gettext("Findings"), ngettext("{n} from the analysis of the journey map.",
                                                    "{n} from the analysis of the journey map.", n).format(n=format_number(n))))
    left_out = snap.left_out()
    lines.append((gettext("Left out"), " ".join(left_out) if left_out
                  else gettext("Nothing: no blocker in scope is OFFICIAL-SENSITIVE.")
                  if not snap.include_sensitive else gettext("Nothing.")))
    lines.append((gettext("Not exported"), gettext("Member email addresses; the activity log.")))
    return lines


def readme(job: Job, tables: list[Table]) -> str:
    snap = job.snapshot
    out = [snap.classification, "", gettext("Service Community export: {title}").format(title=snap.title), ""]
    width = max(len(k) for k, _ in about_lines(job, tables))
    for key, value in about_lines(job, tables):
        out.append(f"{key + ':':<{width + 2}}{value}")
    out += ["", gettext("Files:")]
    for t in tables:
        rows = ngettext("{n} row", "{n} rows", len(t.rows)).format(n=format_number(len(t.rows)))
        out.append(f"  {t.name}.csv  {t.title} ({rows})")
    out += [
        "",
        gettext("Each CSV file is UTF-8 with a header row. Text that a spreadsheet could take for a formula "
                "(starting with = + - @, a tab or a carriage return) starts with an apostrophe."),
        "",
        snap.classification,
    ]
    return "\n".join(out) + "\n"


def export_csv(job: Job) -> bytes:
    tables = all_tables(job.snapshot)
    job.progress(0.5, gettext("Writing the tables"))
    return spreadsheet.csv_zip(tables, readme(job, tables), when=job.snapshot.today)


def export_xlsx(job: Job) -> bytes:
    snap = job.snapshot
    tables = all_tables(snap)
    job.progress(0.4, gettext("Writing the workbook"))
    sheets = [spreadsheet.cover_sheet(f"{snap.classification}: {snap.title}", about_lines(job, tables))]
    sheets += [spreadsheet.table_sheet(t, gettext(SHEET_NAMES[t.name]) if t.name in SHEET_NAMES else t.name.capitalize())
               for t in tables]
    return spreadsheet.xlsx(sheets, title=snap.title, classification=snap.classification,
                            footer=f"Service Community: {snap.title}", when=snap.today)


def _one_map(job: Job) -> tuple[object, object]:
    from servicecommunity.exchange.exports.mapview import journey_map

    (journey_id,) = job.map_journey_ids(one=True)
    job.progress(0.3, gettext("Laying out the map"))
    return journey_map(job.snapshot, journey_id), job.furniture(journey_id)


def export_svg(job: Job) -> bytes:
    from servicecommunity.exchange.exports.poster import svg_poster

    jm, furniture = _one_map(job)
    job.progress(0.5, gettext("Drawing"))
    return svg_poster(jm, furniture).encode("utf-8")  # type: ignore[arg-type]


def export_png(job: Job) -> bytes:
    from servicecommunity.exchange.exports.poster import png_poster

    jm, furniture = _one_map(job)
    job.progress(0.5, gettext("Drawing"))
    data, notes = png_poster(jm, furniture, dpi=job.options.dpi)  # type: ignore[arg-type]
    job.notes.extend(notes)
    return data


def export_pdf(job: Job) -> bytes:
    from servicecommunity.exchange.exports.mapview import journey_map
    from servicecommunity.exchange.exports.poster import pdf_poster

    snap = job.snapshot
    ids = job.map_journey_ids(one=False)
    if not ids:
        raise ValidationError(gettext("{community_name} has no journey to draw yet.").format(community_name=snap.community_name))
    maps = []
    for i, journey_id in enumerate(ids):
        job.progress(0.2 + 0.2 * i / max(1, len(ids)), "Laying out the map")
        maps.append((journey_map(snap, journey_id), job.furniture(journey_id)))
    data, notes = pdf_poster(
        maps, paper=job.options.paper, tiled=job.options.tiled, title=f"{snap.classification}: {snap.title}",
        classification=snap.classification, progress=lambda f, m: job.progress(0.4 + 0.55 * f, m),
    )
    job.notes.extend(notes)
    return data
