"""An organisation's pack: its steps, its hand-offs in and out, the blockers it owns or causes.

For a departmental member to take to their own organisation, as PDF (A4 landscape, marked at the
top and bottom of every page) or XLSX. The scope is the export's (a journey, or the community).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from servicecommunity.domain import enums
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.exchange.exports import spreadsheet
from servicecommunity.exchange.exports.painters import FONT, FONT_BOLD, pdf_text, register_fonts
from servicecommunity.exchange.exports.snapshot import (
    Finding,
    Snapshot,
    XBlocker,
    XDependency,
    XOrganisation,
    XStep,
)
from servicecommunity.exchange.exports.tables import (
    Cell,
    Column,
    Table,
    blockers_table,
    dependencies_table,
    kind_words,
    members_table,
    steps_table,
)
from servicecommunity.i18n import N_, format_number, get_language, gettext, ngettext

if TYPE_CHECKING:
    from servicecommunity.exchange.exports import Job


@dataclass
class Pack:
    organisation: XOrganisation
    steps: list[XStep]
    supported: list[XStep]
    handoffs_in: list[XDependency]
    handoffs_out: list[XDependency]
    to_resolve: list[XBlocker]
    causes: list[XBlocker]
    findings: list[Finding] | None


def gather(snap: Snapshot, organisation_id: str) -> Pack:
    org = snap.organisations.get(organisation_id)
    if org is None:
        raise NotFoundError(gettext("No organisation {organisation_id} in {community_name}.").format(organisation_id=repr(organisation_id), community_name=snap.community_name))
    owner = {s.id: s.owner_id for s in snap.steps}
    steps = [s for s in snap.steps if s.owner_id == org.id]
    mine = {s.id for s in steps}
    handoffs_in = [d for d in snap.dependencies if d.to_step_id in mine and owner.get(d.from_step_id) != org.id]
    handoffs_out = [d for d in snap.dependencies if d.from_step_id in mine and owner.get(d.to_step_id) != org.id]
    to_resolve = [b for b in snap.blockers if b.owner_id == org.id]
    causes = [b for b in snap.blockers if org.id in b.blocking_organisation_ids and b.owner_id != org.id]
    findings = None
    if snap.findings is not None:
        related = mine | {d.id for d in handoffs_in + handoffs_out} | {b.id for b in to_resolve + causes} | {org.id}
        findings = [f for f in snap.findings if set(f.ids) & related]
    return Pack(org, steps, [s for s in snap.steps if org.id in s.supporter_ids], handoffs_in, handoffs_out,
                to_resolve, causes, findings)


def _tables(snap: Snapshot, pack: Pack) -> list[Table]:
    members = members_table(snap)
    theirs = {m.id for m in snap.members if m.organisation_id == pack.organisation.id}
    members.rows = [r for r in members.rows if r[-1] in theirs]
    tables = [
        steps_table(snap, pack.steps),
        _renamed(steps_table(snap, pack.supported), "supported", gettext("Steps it supports")),
        dependencies_table(snap, pack.handoffs_in, title=gettext("Hand-offs in"), name="handoffs_in"),
        dependencies_table(snap, pack.handoffs_out, title=gettext("Hand-offs out"), name="handoffs_out"),
        _renamed(blockers_table(snap, pack.to_resolve), "blockers_to_resolve", gettext("Blockers it owns")),
        _renamed(blockers_table(snap, pack.causes), "blockers_caused", gettext("Blockers it causes")),
        members,
    ]
    if pack.findings is not None:
        tables.append(Table("findings", gettext("Findings"),
                            [Column(N_("Severity"), 10), Column(N_("Kind"), 22), Column(N_("Finding"), 80)],
                            [(gettext(enums.label(f.severity)) if f.severity else "", kind_words(f.kind, f.kind_title),
                              f.message) for f in pack.findings]))
    return tables


def _renamed(table: Table, name: str, title: str) -> Table:
    table.name, table.title = name, title
    return table


def _about(snap: Snapshot, pack: Pack, tables: list[Table]) -> list[tuple[str, Cell]]:
    from servicecommunity.exchange.exports import long_date

    lines: list[tuple[str, Cell]] = [
        (gettext("Classification"), snap.classification),
        (gettext("Organisation"), pack.organisation.name),
        (gettext("Community"), snap.community_name),
        (gettext("Scope"), snap.journey_by_id[snap.journey_id].name if snap.journey_id else gettext("All journeys")),
        (gettext("Exported"), long_date(snap.today)),
        # translators: the export's own language, named in that language
        (gettext("Language"), gettext("English")),
        (gettext("Holds"), "; ".join(gettext("{table}: {n}").format(table=t.title, n=format_number(len(t.rows)))
                                     for t in tables)),
    ]
    left = snap.left_out()
    lines.append((gettext("Left out"), " ".join(left) if left else gettext("Nothing.")))
    return lines


def export_pack_xlsx(job: Job) -> bytes:
    snap = job.snapshot
    assert job.organisation_id is not None
    pack = gather(snap, job.organisation_id)
    tables = _tables(snap, pack)
    title = f"{pack.organisation.label}: {snap.title}"
    cover = gettext("{classification}: organisation pack, {title}").format(classification=snap.classification, title=title)
    sheets = [spreadsheet.cover_sheet(cover, _about(snap, pack, tables))]
    sheets += [spreadsheet.table_sheet(t) for t in tables]
    heading = gettext("Organisation pack: {title}").format(title=title)
    return spreadsheet.xlsx(sheets, title=heading, classification=snap.classification, footer=heading, when=snap.today)


# --- PDF ------------------------------------------------------------------------------------------

_PDF_COLUMNS: dict[str, tuple[tuple[str, float], ...]] = {  # header, share of the width
    "steps": (("Stage", 0.13), ("Step", 0.25), ("Channels", 0.12), ("Open blockers", 0.07), ("Pain points", 0.23),
              ("Data asked for", 0.2)),
    "supported": (("Stage", 0.15), ("Step", 0.35), ("Owner", 0.15), ("Channels", 0.15), ("Open blockers", 0.2)),
    "handoffs_in": (("From step", 0.24), ("From organisation", 0.13), ("To step", 0.24), ("Hand-off by", 0.09),
                    ("Agreed", 0.07), ("Blocked by", 0.23)),
    "handoffs_out": (("From step", 0.24), ("To step", 0.24), ("To organisation", 0.13), ("Hand-off by", 0.09),
                     ("Agreed", 0.07), ("Blocked by", 0.23)),
    "blockers_to_resolve": (("Blocker", 0.24), ("Severity", 0.07), ("Status", 0.08), ("Caused by", 0.1), ("Due on", 0.08),
                            ("Steps affected", 0.18), ("Description", 0.25)),
    "blockers_caused": (("Blocker", 0.24), ("Severity", 0.07), ("Status", 0.08), ("Owner (must resolve)", 0.1),
                        ("Due on", 0.08), ("Steps affected", 0.18), ("Description", 0.25)),
    "members": (("Name", 0.3), ("Role", 0.2), ("Sub-groups", 0.5)),
    "findings": (("Severity", 0.1), ("Kind", 0.2), ("Finding", 0.7)),
}


def _para_text(value: Cell) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return escape(pdf_text(str(value)))


def export_pack_pdf(job: Job) -> bytes:
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from servicecommunity.exchange.exports import long_date
    from servicecommunity.exchange.exports.poster import plain_streams

    plain_streams()
    register_fonts()  # the posters' font, embedded: Welsh names print as they are
    snap = job.snapshot
    assert job.organisation_id is not None
    pack = gather(snap, job.organisation_id)
    tables = _tables(snap, pack)
    job.progress(0.4, gettext("Writing the pack"))
    title = f"{pack.organisation.name}: {snap.title}"
    page_w, page_h = landscape(A4)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=(page_w, page_h), leftMargin=14 * mm, rightMargin=14 * mm, topMargin=20 * mm,
        bottomMargin=18 * mm, lang=get_language(),
        title=pdf_text(gettext("{classification}: organisation pack, {title}").format(
            classification=snap.classification, title=title)),
        author="Service Community", subject=snap.classification, keywords=[snap.classification],
        creator="Service Community",  # not invariant: the creation date is now
    )
    styles = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=styles["BodyText"], fontName=FONT, fontSize=7.5, leading=9)
    head = ParagraphStyle("head", parent=cell, fontName=FONT_BOLD)
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName=FONT, fontSize=10, leading=13)
    heading = ParagraphStyle("heading", parent=styles["Heading2"], fontName=FONT_BOLD)
    title_style = ParagraphStyle("title", parent=styles["Title"], fontName=FONT_BOLD)
    note = ParagraphStyle("note", parent=body, backColor=colors.HexColor("#fef4ec"), borderPadding=5,
                          leftIndent=5, rightIndent=5, spaceBefore=4, spaceAfter=8)

    story: list[Any] = [
        Paragraph(escape(pdf_text(gettext("Organisation pack: {title}").format(title=pack.organisation.name))), title_style),
        Paragraph(escape(pdf_text(" · ".join([*_scope(snap), gettext("exported {date} from Service Community").format(
            date=long_date(snap.today))]))), body),
        Spacer(1, 6),
    ]
    if snap.classification != "OFFICIAL":
        story.append(Paragraph(gettext("<b>Includes OFFICIAL-SENSITIVE blockers:</b> share it only with people who need to know."),
                               note))
    story += [Paragraph(escape(pdf_text(line)), note) for line in snap.left_out()]
    def count(n: int, text: str) -> str:
        return text.format(n=format_number(n))

    summary = [
        count(len(pack.steps), ngettext("{n} step owned", "{n} steps owned", len(pack.steps))),
        count(len(pack.supported), ngettext("{n} step supported", "{n} steps supported", len(pack.supported))),
        count(len(pack.handoffs_in), ngettext("{n} hand-off in", "{n} hand-offs in", len(pack.handoffs_in))),
        count(len(pack.handoffs_out), ngettext("{n} hand-off out", "{n} hand-offs out", len(pack.handoffs_out))),
    ]
    unagreed = sum(1 for d in pack.handoffs_in + pack.handoffs_out if not d.agreed)
    summary.append(count(unagreed, ngettext("{n} hand-off not agreed", "{n} hand-offs not agreed", unagreed)))
    owns = sum(1 for b in pack.to_resolve if b.is_open)
    summary.append(count(owns, ngettext("{n} open blocker it owns", "{n} open blockers it owns", owns)))
    causes = sum(1 for b in pack.causes if b.is_open)
    summary.append(count(causes, ngettext("{n} open blocker it causes for others",
                                          "{n} open blockers it causes for others", causes)))
    story += [Paragraph("• " + escape(s), body) for s in summary]
    usable = page_w - 28 * mm
    for t in tables:
        story.append(Spacer(1, 10))
        story.append(Paragraph(escape(f"{t.title} ({format_number(len(t.rows))})"), heading))
        if not t.rows:
            story.append(Paragraph(escape(gettext("None.")), body))
            continue
        cols = _PDF_COLUMNS[t.name]
        index = [t.keys.index(h) for h, _ in cols]
        data = [[Paragraph(escape(gettext(h)), head) for h, _ in cols]]
        data += [[Paragraph(_para_text(row[i]), cell) for i in index] for row in t.rows]
        table = LongTable(data, colWidths=[usable * share for _, share in cols], repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b1b4b6")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f2f1")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # reportlab sets each cell's font (Helvetica unless told)
        ]))
        story.append(table)

    def frame(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT_BOLD, 11)
        canvas.drawCentredString(page_w / 2, page_h - 10 * mm, snap.classification)
        canvas.drawCentredString(page_w / 2, 8 * mm, snap.classification)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#505a5f"))
        canvas.drawString(14 * mm, page_h - 10 * mm,
                          pdf_text(gettext("Organisation pack: {title}").format(title=pack.organisation.label)))
        canvas.restoreState()

    def page_numbers(canvas: Any, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#505a5f"))
        canvas.drawRightString(page_w - 14 * mm, 8 * mm, gettext("Page {page} of {pages}").format(page=page, pages=pages))
        canvas.restoreState()

    doc.build(story, onFirstPage=frame, onLaterPages=frame, canvasmaker=_numbered_canvas(page_numbers))
    return buf.getvalue()


def _scope(snap: Snapshot) -> list[str]:
    """The journey and the community, each named once (the demo's community and journey share a name)."""
    if snap.title == snap.community_name:
        return [snap.title]
    return [snap.title, snap.community_name]


def _numbered_canvas(draw: Any) -> Any:
    """A reportlab canvas class that holds its pages back until the last, so that each can say
    "Page 2 of 5": ``draw(canvas, page, pages)`` is called on every page before it is written."""
    from reportlab.pdfgen.canvas import Canvas

    class Numbered(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # pages start in the bundled font, not reportlab's Helvetica (which it cannot embed)
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._held)
            for page, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                draw(self, page, pages)
                super().showPage()
            super().save()

    return Numbered
