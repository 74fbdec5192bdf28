"""A web page: one self-contained HTML file that opens offline in any browser and prints well.

No scripts, no external assets (a Content-Security-Policy says so to the browser too): the map as
inline SVG, the findings and the tables. Every piece of user text is escaped; a link is only a link
when it is http(s). The classification marking heads and ends the page and, printed, every sheet.

Made for everyone (axe-core finds nothing on the demo): all content is inside landmarks (the
markings in the page's header and footer, the rest in ``main``), the map's scroll area is a named
region reachable by keyboard, and on a phone the contents list is one column and the key wraps to
the screen. A journey of more than :data:`FULL_MAP_STEPS` steps gets an overview map (organisations
by stages, how many steps and open blockers in each cell, each stage a link) and per-stage detail
instead of the full drawing, and each table is collapsed (``<details>``) and cut to fit the page's
budget (:data:`PAGE_BUDGET`, under 5 MB), saying how many rows it leaves to the CSV or XLSX export.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from servicecommunity.domain import enums
from servicecommunity.exchange.exports.painters import SvgPainter, svg_font_style
from servicecommunity.exchange.exports.snapshot import Snapshot, blockers_by_step, worst
from servicecommunity.exchange.exports.tables import Cell, Column, Table, _label, all_tables
from servicecommunity.i18n import N_, format_number, get_language, gettext, ngettext

#: a journey with more steps than this gets an overview map and per-stage detail, not the full drawing
FULL_MAP_STEPS = 400
#: the page's size at most, in bytes (tables are cut to fit, saying so)
PAGE_BUDGET = 4_700_000
_FONT_SLOT = "<!-- the maps' font -->"  # where the head takes the font subset once the maps are drawn
#: a table with more rows than this starts collapsed
OPEN_ROWS = 25

if TYPE_CHECKING:
    from servicecommunity.exchange.exports import Job
    from servicecommunity.exchange.exports.mapview import JourneyMap

_CSS = """
:root { --ink: #0b0c0c; --muted: #505a5f; --rule: #b1b4b6; --panel: #f3f2f1; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1400px; padding: 0 24px 48px; line-height: 1.4; }
.marking { text-align: center; font-weight: bold; letter-spacing: .05em; padding: 6px; }
h1 { font-size: 2em; margin: .4em 0 .1em; }
h2 { margin-top: 1.6em; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
.meta, .muted { color: var(--muted); }
.left-out { border-left: 6px solid #f47738; background: #fef4ec; padding: 8px 12px; }
.sensitive { border-left: 6px solid #d4351c; background: #fbeae8; padding: 8px 12px; font-weight: bold; }
nav ul { columns: 3; padding-left: 1.2em; }
.map { overflow: auto; border: 1px solid var(--rule); max-height: 85vh; }
.map svg { display: block; }
.key svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: .85em; margin: .5em 0 1em; }
th, td { border: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: var(--panel); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev-critical, .sev-high { color: #942514; font-weight: bold; }
.table-wrap { overflow-x: auto; }
.map:focus, .key:focus, .table-wrap:focus { outline: 3px solid #fd0; outline-offset: 0; box-shadow: inset 0 0 0 2px var(--ink); }
details { margin: .5em 0 1em; } summary { cursor: pointer; font-weight: bold; padding: 4px 0; }
.cut { color: var(--muted); font-style: italic; }
.key-narrow { display: none; }
table.overview td { text-align: right; min-width: 3em; }
table.overview th[scope=row] { border-left-width: 8px; border-left-style: solid; }
table.overview td.some { background: #e8f1f8; } table.overview td.blocked { background: #fbeae8; }
@media (max-width: 640px) {
  body { padding: 0 12px 32px; }
  h1 { font-size: 1.5em; }
  nav ul { columns: 1; padding-left: 1em; } nav li { margin: .35em 0; }
  .key-wide { display: none; } .key-narrow { display: block; }
  .map { max-height: 70vh; }
  table { font-size: .8em; }
}
@media print {
  @page { size: A3 landscape; margin: 14mm 10mm; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  .marking { position: fixed; left: 0; right: 0; background: #fff; padding: 0; }
  .marking.top { top: 0; } .marking.bottom { bottom: 0; }
  main { margin: 1.5em 0; }
  nav { display: none; }
  details > * { display: block; } .key-narrow { display: none; } .key-wide { display: block; }
  .map { overflow: visible; max-height: none; border: 0; }
  .map svg { width: 100%; height: auto; }
  h2 { break-after: avoid; } thead { display: table-header-group; } tr { break-inside: avoid; }
  section { break-before: page; } section.first { break-before: auto; }
  .table-wrap { overflow: visible; }
}
"""


def _cell(value: Cell, header: str) -> str:
    """A cell; ``header`` is its column's English key ("Link", "Severity")."""
    if value is None:
        return "<td></td>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return f'<td class="num">{text}</td>'
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if header == "Link" and text.lower().startswith(("https://", "http://")):
        return f'<td><a href="{escape(text, quote=True)}" rel="noreferrer">{escape(text)}</a></td>'
    if header == "Severity":  # the class from the stored value, whatever the language shows
        sev = {_label(v.value): v.value for v in enums.Severity}.get(text, text.lower())
        return f'<td class="sev-{escape(sev)}">{escape(text)}</td>'
    return f"<td>{escape(text)}</td>"


def table_html(table: Table, *, hide: tuple[str, ...] = ("ID",), budget: int | None = None,
               caption: str | None = None, collapse: bool = True) -> str:
    """A table; with ``budget`` (bytes), only the rows that fit, then a line saying how many were left out.
    A table of more than :data:`OPEN_ROWS` rows starts collapsed (``<details>``) when ``collapse``."""
    if not table.rows:
        return '<p class="muted">' + escape(gettext("None.")) + "</p>"
    keys = table.keys  # English: what the code matches on; the page shows the headers
    keep = [i for i, h in enumerate(keys) if not h.endswith(hide)]
    headers = table.headers
    head = "".join(f'<th scope="col">{escape(headers[i])}</th>' for i in keep)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    label = escape(gettext("{table} (scrolls sideways)").format(table=caption or table.title), quote=True)
    parts = [f'<div class="table-wrap" tabindex="0" role="region" aria-label="{label}">'
             f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>"]
    used = len(parts[0]) + 200
    shown = 0
    for row in table.rows:
        line = "<tr>" + "".join(_cell(row[i], keys[i]) for i in keep) + "</tr>"
        if budget is not None:
            used += len(line.encode("utf-8"))
            if used > budget and shown:
                break
        parts.append(line)
        shown += 1
    parts.append("</tbody></table></div>")
    left = len(table.rows) - shown
    if left:
        parts.append('<p class="cut">' + escape(ngettext(
            "Showing the first {shown} of {total} rows to keep this page light; the other {left} is in the "
            "spreadsheet (CSV or XLSX) export.",
            "Showing the first {shown} of {total} rows to keep this page light; the other {left} are in the "
            "spreadsheet (CSV or XLSX) export.", left,
        ).format(shown=format_number(shown), total=format_number(len(table.rows)), left=format_number(left))) + "</p>")
    body = "".join(parts)
    if not collapse or len(table.rows) <= OPEN_ROWS:
        return body
    summary = ngettext("Show the {n} row of {table}", "Show the {n} rows of {table}", len(table.rows)).format(
        n=format_number(len(table.rows)), table=table.title.lower())
    return f"<details><summary>{escape(summary)}</summary>{body}</details>"


def _overview(snap: Snapshot, journey_id: str, stage_anchor: dict[str, str]) -> str:
    """The journey at a glance: organisations (rows) by stages (columns), the steps and open blockers in each."""
    stages = [st for st in snap.stages if st.journey_id == journey_id]
    steps = snap.journey_steps(journey_id)
    on_step = blockers_by_step(snap)
    count: Counter[tuple[str | None, str]] = Counter()
    blocked: Counter[tuple[str | None, str]] = Counter()
    for s in steps:
        owner = s.owner_id if s.owner_id in snap.organisations else None
        count[(owner, s.stage_id)] += 1
        if on_step.get(s.id):
            blocked[(owner, s.stage_id)] += 1
    owners = [o for o in snap.organisations.values() if any(count[(o.id, st.id)] for st in stages)]
    rows: list[tuple[str | None, str, str]] = [(o.id, o.name, o.colour) for o in owners]
    if any(count[(None, st.id)] for st in stages):
        rows.append((None, gettext("No owner"), "#b1b4b6"))
    head = "".join(
        f'<th scope="col"><a href="#{stage_anchor[st.id]}">{n + 1}. {escape(st.name)}</a></th>' for n, st in enumerate(stages)
    )
    out = [
        '<div class="table-wrap" tabindex="0" role="region" aria-label="'
        + escape(gettext("Overview map (scrolls sideways)"), quote=True) + '">',
        '<table class="overview"><caption>'
        + escape(gettext("Steps (and steps with open blockers) by organisation and stage; each stage links to its detail."))
        + "</caption>",
        '<thead><tr><th scope="col">' + escape(gettext("Organisation")) + f"</th>{head}</tr></thead><tbody>",
    ]
    for org_id, name, colour in rows:
        cells = []
        for st in stages:
            n, b = count[(org_id, st.id)], blocked[(org_id, st.id)]
            if not n:
                cells.append("<td></td>")
                continue
            cls = "blocked" if b else "some"
            cells.append(f'<td class="{cls}">{n:,}' + (f" ({b:,})" if b else "") + "</td>")
        safe = colour if colour.startswith("#") and len(colour) == 7 and colour[1:].isalnum() else "#b1b4b6"
        out.append(f'<tr><th scope="row" style="border-left-color: {escape(safe, quote=True)}">{escape(name)}</th>'
                   + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _stage_detail(snap: Snapshot, journey_id: str, stage_anchor: dict[str, str]) -> list[str]:
    """Each stage's steps: owner, channels, open blockers (worst), pain points; collapsed."""
    on_step = blockers_by_step(snap)
    by_stage: dict[str, list[tuple[Cell, ...]]] = {}
    for s in snap.journey_steps(journey_id):
        blockers = on_step.get(s.id, [])
        by_stage.setdefault(s.stage_id, []).append((
            s.title, snap.org_label(s.owner_id) or gettext("No owner"), ", ".join(_label(c).lower() for c in s.channels),
            len(blockers), _label(worst(blockers)), s.pain_points,
        ))
    cols = [Column(N_("Step")), Column(N_("Owner")), Column(N_("Channels")), Column(N_("Open blockers")), Column(N_("Worst")), Column(N_("Pain points"))]
    out = []
    for n, st in enumerate(st for st in snap.stages if st.journey_id == journey_id):
        rows = by_stage.get(st.id, [])
        table = Table(f"stage-{n}", gettext("Stage {number}: {name}").format(number=n + 1, name=st.name), cols, rows)
        heading = ngettext("{number}. {name} ({n} step)", "{number}. {name} ({n} steps)", len(rows)).format(
            number=n + 1, name=st.name, n=format_number(len(rows)))
        out.append(f'<section id="{stage_anchor[st.id]}" aria-labelledby="{stage_anchor[st.id]}-h">'
                   f'<h3 id="{stage_anchor[st.id]}-h">{escape(heading)}</h3>'
                   + table_html(table, caption=gettext("Steps in {stage}").format(stage=st.name)) + "</section>")
    return out


def _legend_svg(chars: set[str], width: float | None = None) -> str:
    """The map's key in one row, or wrapped to ``width`` (a phone's screen); adds its text's
    characters to ``chars`` (for the page's font)."""
    from servicecommunity.exchange.exports.poster import draw_legend, legend_width

    p = SvgPainter()
    width = width or legend_width()
    height = draw_legend(p, 0, 0, width) + 8
    chars |= p.chars
    return p.document(width, height, title=gettext("Key to the map"), standalone=False)


def _map_svg(jm: JourneyMap, title: str, chars: set[str]) -> str:
    """The map inline (as the poster draws it); adds its text's characters to ``chars``."""
    from servicecommunity.exchange.exports.poster import draw_map

    p = SvgPainter()
    draw_map(p, jm)
    chars |= p.chars
    return p.document(jm.layout.width, jm.layout.height, title=title, standalone=False)


def export_html(job: Job) -> bytes:
    from servicecommunity.exchange.exports import long_date
    from servicecommunity.exchange.exports.comparisons import html_section, job_comparisons
    from servicecommunity.exchange.exports.mapview import journey_map

    snap: Snapshot = job.snapshot
    marking = escape(snap.classification)
    title = escape(snap.title)
    tables = all_tables(snap)
    ids = job.map_journey_ids(one=False)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{get_language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:\">",
        f'<meta name="classification" content="{marking}">',
        '<meta name="generator" content="Service Community">',
        f"<title>{marking}: {title}</title>",
        f"<style>{_CSS}</style>",
        _FONT_SLOT,  # the bundled font for the maps' text, once they are drawn (below)
        "</head><body>",
        f'<header><p class="marking top">{marking}</p></header>',
        "<main>",
        f"<h1>{title}</h1>",
    ]
    meta = [escape(snap.community_name)] if snap.journey_id else []
    if snap.journey_id:
        journey = snap.journey_by_id[snap.journey_id]
        if journey.persona:
            meta.append(escape(gettext("For: {persona}").format(persona=journey.persona)))
    meta.append(escape(gettext("Exported {date} from Service Community").format(date=long_date(snap.today))))
    # translators: the export's own language, named in that language
    meta.append(escape(gettext("Language: English.")))
    out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    if snap.journey_id and snap.journey_by_id[snap.journey_id].user_need:
        out.append("<p>" + gettext("<strong>User need:</strong> {need}").format(
            need=escape(snap.journey_by_id[snap.journey_id].user_need)) + "</p>")
    if snap.classification != "OFFICIAL":
        out.append('<p class="sensitive">' + escape(gettext(
            "This page includes OFFICIAL-SENSITIVE blockers: share it only with people who need to know.")) + "</p>")
    for line in snap.left_out():
        out.append(f'<p class="left-out">{escape(line)}</p>')
    big = {j: len(snap.journey_steps(j)) > FULL_MAP_STEPS for j in ids}
    stage_anchor = {st.id: f"stage-{n}" for n, st in enumerate(snap.stages)}
    contents = [("map-" + str(i), (gettext("Overview map: {name}") if big[j] else gettext("Map: {name}")).format(
        name=snap.journey_by_id[j].name)) for i, j in enumerate(ids)]
    pairs = job_comparisons(job)  # as-is against to-be, where a journey has a partner
    contents += [(f"compare-{n}", gettext("As-is and to-be: {before} → {after}").format(
        before=c.before.name, after=c.after.name)) for n, c in enumerate(pairs)]
    contents += [("findings", gettext("Findings"))] + [(t.name, t.title) for t in tables if t.name != "findings"]
    out.append('<nav aria-labelledby="contents-h"><h2 id="contents-h">' + escape(gettext("Contents")) + "</h2><ul>")
    out += [f'<li><a href="#{a}">{escape(label)}</a></li>' for a, label in contents]
    out.append("</ul></nav>")
    chars: set[str] = set()  # what the maps' and keys' text uses: the page carries just those glyphs
    legend = "" if all(big.values()) else (f'<div class="key key-wide">{_legend_svg(chars)}</div>'
                                           f'<div class="key key-narrow">{_legend_svg(chars, 330)}</div>')
    for i, journey_id in enumerate(ids):
        job.progress(0.3 + 0.3 * i / max(1, len(ids)), "Drawing the map")
        name = snap.journey_by_id[journey_id].name
        section = f'<section id="map-{i}" class="{"first" if i == 0 else ""}" aria-labelledby="map-{i}-h">'
        if big[journey_id]:
            n = len(snap.journey_steps(journey_id))
            heading = gettext("Overview map: {name}").format(name=name)
            out.append(f'{section}<h2 id="map-{i}-h">{escape(heading)}</h2>')
            out.append("<p>" + escape(gettext(
                "The journey has {n} steps, too many to draw legibly on one page: here are the organisations "
                "by stage, then each stage's steps. The poster (PDF or SVG) export draws every step.",
            ).format(n=format_number(n))) + "</p>")
            out.append(_overview(snap, journey_id, stage_anchor))
            out += _stage_detail(snap, journey_id, stage_anchor)
            out.append("</section>")
            continue
        jm = journey_map(snap, journey_id)
        heading = gettext("Map: {name}").format(name=name)
        out.append(f'{section}<h2 id="map-{i}-h">{escape(heading)}</h2>')
        aria = gettext("Map: {name} (scrolls; use the arrow keys)").format(name=name)
        out.append(f'<div class="map" tabindex="0" role="region" aria-label="{escape(aria, quote=True)}">'
                   f'{_map_svg(jm, name, chars)}</div>')
        out.append(f"{legend}</section>")
    out += [html_section(c, f"compare-{n}") for n, c in enumerate(pairs)]
    job.progress(0.7, gettext("Writing the tables"))
    # the maps and keys are drawn in the bundled font, as the poster SVG is: a subset of it, in the head
    out[out.index(_FONT_SLOT)] = svg_font_style(chars) if not all(big.values()) else ""
    # what is left of the budget, shared between the tables still to write (the findings first)
    tail = f'</main>\n<footer><p class="marking bottom">{marking}</p></footer>\n</body></html>\n'
    used = sum(len(x.encode("utf-8")) + 1 for x in out) + len(tail) + 4_000
    order = [next(t for t in tables if t.name == "findings")] + [t for t in tables if t.name != "findings"]
    if any(big.values()):
        order = [t for t in order if t.name != "steps"]  # each stage's detail holds the steps
        contents_steps = next(t for t in tables if t.name == "steps")
        out.append(f'<section id="steps" aria-labelledby="steps-h"><h2 id="steps-h">{escape(contents_steps.title)} '
                   f'({format_number(len(contents_steps.rows))})</h2><p>'
                   + escape(gettext("Listed stage by stage with the overview map above; every column is in the spreadsheet export."))
                   + "</p></section>")
    for n, t in enumerate(order):
        budget = max(20_000, (PAGE_BUDGET - used) // (len(order) - n))
        if t.name == "findings":
            body = ('<p class="muted">' + escape(gettext("The analysis was not run for this export.")) + "</p>"
                    if snap.findings is None
                    else table_html(t, hide=("ID",), budget=budget, caption=gettext("Findings, what to act on first leading"),
                                    collapse=False))
            html = (f'<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">{escape(t.title)}</h2>'
                    f"{body}</section>")
        else:
            html = (f'<section id="{t.name}" aria-labelledby="{t.name}-h"><h2 id="{t.name}-h">{escape(t.title)} '
                    f"({format_number(len(t.rows))})</h2>{table_html(t, budget=budget)}</section>")
        out.append(html)
        used += len(html.encode("utf-8")) + 1
    out.append(tail)
    return "\n".join(out).encode("utf-8")
