"""A web page: one self-contained HTML file that opens offline in any browser and prints well.

No scripts, no external assets (a Content-Security-Policy says so to the browser too): the map as
inline SVG, the findings and the tables. Every piece of user text is escaped; a link is only a link
when it is http(s). The classification marking heads and ends the page and, printed, every sheet.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from servicecommunity.exchange.exports.painters import SvgPainter
from servicecommunity.exchange.exports.snapshot import Snapshot
from servicecommunity.exchange.exports.tables import Cell, Table, all_tables

if TYPE_CHECKING:
    from servicecommunity.exchange.exports import Job

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
@media print {
  @page { size: A3 landscape; margin: 14mm 10mm; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  .marking { position: fixed; left: 0; right: 0; background: #fff; padding: 0; }
  .marking.top { top: 0; } .marking.bottom { bottom: 0; }
  main { margin: 1.5em 0; }
  nav { display: none; }
  .map { overflow: visible; max-height: none; border: 0; }
  .map svg { width: 100%; height: auto; }
  h2 { break-after: avoid; } thead { display: table-header-group; } tr { break-inside: avoid; }
  section { break-before: page; } section.first { break-before: auto; }
  .table-wrap { overflow: visible; }
}
"""


def _cell(value: Cell, header: str) -> str:
    if value is None:
        return "<td></td>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return f'<td class="num">{text}</td>'
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if header == "Link" and text.lower().startswith(("https://", "http://")):
        return f'<td><a href="{escape(text, quote=True)}" rel="noreferrer">{escape(text)}</a></td>'
    if header == "Severity":
        return f'<td class="sev-{escape(text.lower())}">{escape(text)}</td>'
    return f"<td>{escape(text)}</td>"


def table_html(table: Table, *, hide: tuple[str, ...] = ("ID",)) -> str:
    keep = [i for i, h in enumerate(table.headers) if not h.endswith(hide)]
    head = "".join(f'<th scope="col">{escape(table.headers[i])}</th>' for i in keep)
    parts = [f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>']
    headers = table.headers
    for row in table.rows:
        parts.append("<tr>" + "".join(_cell(row[i], headers[i]) for i in keep) + "</tr>")
    parts.append("</tbody></table></div>")
    if not table.rows:
        return '<p class="muted">None.</p>'
    return "".join(parts)


def _legend_svg() -> str:
    from servicecommunity.exchange.exports.poster import draw_legend, legend_width

    p = SvgPainter()
    width = legend_width()
    height = draw_legend(p, 0, 0, width) + 8
    return p.document(width, height, title="Key to the map", standalone=False)


def export_html(job: Job) -> bytes:
    from servicecommunity.exchange.exports import long_date
    from servicecommunity.exchange.exports.mapview import journey_map
    from servicecommunity.exchange.exports.poster import svg_map

    snap: Snapshot = job.snapshot
    marking = escape(snap.classification)
    title = escape(snap.title)
    tables = all_tables(snap)
    ids = job.map_journey_ids(one=False)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f'<meta name="classification" content="{marking}">',
        '<meta name="generator" content="Service Community">',
        f"<title>{marking}: {title}</title>",
        f"<style>{_CSS}</style></head><body>",
        f'<div class="marking top">{marking}</div>',
        "<main>",
        f"<h1>{title}</h1>",
    ]
    meta = [escape(snap.community_name)] if snap.journey_id else []
    if snap.journey_id:
        journey = snap.journey_by_id[snap.journey_id]
        if journey.persona:
            meta.append("For: " + escape(journey.persona))
    meta.append(f"Exported {long_date(snap.today)} from Service Community")
    out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    if snap.journey_id and snap.journey_by_id[snap.journey_id].user_need:
        out.append(f"<p><strong>User need:</strong> {escape(snap.journey_by_id[snap.journey_id].user_need)}</p>")
    if snap.classification != "OFFICIAL":
        out.append('<p class="sensitive">This page includes OFFICIAL-SENSITIVE blockers: share it only with people who need to know.</p>')
    for line in snap.left_out():
        out.append(f'<p class="left-out">{escape(line)}</p>')
    contents = [("map-" + str(i), "Map: " + snap.journey_by_id[j].name) for i, j in enumerate(ids)]
    contents += [("findings", "Findings")] + [(t.name, t.title) for t in tables if t.name != "findings"]
    out.append("<nav><h2>Contents</h2><ul>")
    out += [f'<li><a href="#{a}">{escape(label)}</a></li>' for a, label in contents]
    out.append("</ul></nav>")
    legend = _legend_svg()
    for i, journey_id in enumerate(ids):
        job.progress(0.3 + 0.3 * i / max(1, len(ids)), "Drawing the map")
        jm = journey_map(snap, journey_id)
        name = snap.journey_by_id[journey_id].name
        out.append(f'<section id="map-{i}" class="{"first" if i == 0 else ""}"><h2>Map: {escape(name)}</h2>')
        out.append(f'<div class="map">{svg_map(jm, title=name)}</div>')
        out.append(f'<div class="key">{legend}</div></section>')
    job.progress(0.7, "Writing the tables")
    out.append('<section id="findings"><h2>Findings</h2>')
    if snap.findings is None:
        out.append('<p class="muted">The analysis was not run for this export.</p>')
    else:
        out.append(table_html(next(t for t in tables if t.name == "findings"), hide=("Records",)))
    out.append("</section>")
    for t in tables:
        if t.name != "findings":
            out.append(f'<section id="{t.name}"><h2>{escape(t.title)} ({len(t.rows):,})</h2>{table_html(t)}</section>')
    out.append("</main>")
    out.append(f'<div class="marking bottom">{marking}</div>')
    out.append("</body></html>\n")
    return "\n".join(out).encode("utf-8")
