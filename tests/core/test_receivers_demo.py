"""The demo's exports opened with the tools their receivers use, not ours: LibreOffice headless (the
workbook printed and saved as CSV), poppler (the poster's fonts and text), mermaid-cli, axe-core and
bpmn-js in headless Chromium, and SpiffWorkflow (the BPMN file as a workflow spec).

Each test runs its tool when it is installed and skips, saying how to install it, otherwise
(``tests.receivers``; ``make receivers`` installs the npm tools; CI installs the
system's packages). test_receivers_big.py does the same on the synthetic 5,000-step journey.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from servicecommunity.exchange import bundle, exports
from servicecommunity.store.workspace import Store
from tests import receivers

OPTS = {"today": date(2026, 6, 1)}
JOURNEY = "Starting a Business"
#: the smallest text a printed sheet may carry (the workbook aims at 8 pt; LibreOffice's columns
#: come out a little wider than the workbook's estimate, 7.9 pt on the demo's Steps sheet)
PRINTED_MIN_PT = 7.5


def need(why: str | None) -> None:
    if why:
        pytest.skip(why)


def export(store: Store, fmt: str, path: Path, *, include_sensitive: bool = False) -> exports.ExportResult:
    with store.session() as session:
        jid = bundle.journey_by_name(session, JOURNEY).id
        return exports.export(session, fmt, path, journey_id=jid, options=OPTS, include_sensitive=include_sensitive)


def step_titles(store: Store) -> list[str]:
    with store.session() as session:
        from servicecommunity.exchange.exports.snapshot import read_snapshot

        jid = bundle.journey_by_name(session, JOURNEY).id
        snap = read_snapshot(session, journey_id=jid)
        return [s.title for s in snap.steps]


# --- LibreOffice: the workbook printed and saved --------------------------------------------------


def smallest_printed_text(pdf: Path) -> float:
    """The smallest text on any page of the printed workbook (pt); no page empty."""
    smallest = 99.0
    for n, page in enumerate(receivers.printed_sizes(pdf), start=1):
        assert page, f"page {n} is empty"
        size = min(size for _, size in page)
        head = receivers.pdftotext(pdf, first=n, last=n)[:200]
        assert size >= PRINTED_MIN_PT, f"page {n} prints text at {size:.1f} pt: {head!r}"
        smallest = min(smallest, size)
    return smallest


def mermaid_steps_drawn(mmd: Path, svg: Path) -> tuple[set[str], set[str]]:
    """The step nodes a Mermaid file declares, and those mermaid-cli's SVG draws."""
    declared = set(re.findall(r"^\s+(s\d+)\[", mmd.read_text(encoding="utf-8"), re.M))
    drawn = set(re.findall(r'id="(?:[\w-]+-)?flowchart-(s\d+)-\d+"', svg.read_text(encoding="utf-8")))
    return declared, drawn


def test_libreoffice_prints_the_workbook_legibly(demo_store: Store, tmp_path: Path) -> None:
    need(receivers.soffice_missing() or receivers.poppler_missing() or receivers.carlito_missing())
    book = export(demo_store, "xlsx", tmp_path / "demo.xlsx").path
    [pdf] = receivers.soffice_convert(book, "pdf", tmp_path / "pdf")
    smallest_printed_text(pdf)
    about = receivers.pdftotext(pdf, first=1, last=1, layout=True)
    # the About sheet: each label on its own line, its value beside it, no row printed over another
    for label in ("Classification", "Community", "Journey", "User need", "Exported", "Holds"):
        lines = [line for line in about.splitlines() if line.lstrip().startswith(label)]
        assert len(lines) == 1, (label, about)
    assert "OFFICIAL" in about.splitlines()[0]
    # the Steps sheet: each step's title starts its row (long ones are cut at the column's edge on
    # paper, as in any spreadsheet; the CSV test below reads them whole)
    steps_text = receivers.pdftotext(pdf, layout=True)
    missing = [t for t in step_titles(demo_store) if t[:25] not in steps_text]
    assert not missing, missing


def test_libreoffice_saves_every_sheet_as_csv(demo_store: Store, tmp_path: Path) -> None:
    need(receivers.soffice_missing())
    book = export(demo_store, "xlsx", tmp_path / "demo.xlsx").path
    files = receivers.soffice_convert(book, "csv", tmp_path / "csv")
    by_sheet = {p.stem.removeprefix("demo-"): p for p in files}
    assert {"About", "Steps", "Dependencies", "Blockers", "Findings"} <= set(by_sheet), sorted(by_sheet)
    with by_sheet["Steps"].open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    titles = step_titles(demo_store)
    assert len(rows) == len(titles) + 1
    column = rows[0].index("Step")
    assert [r[column] for r in rows[1:]] == titles


# --- poppler: the poster ----------------------------------------------------------------------------


def test_the_poster_embeds_its_fonts_and_pdftotext_reads_the_steps(demo_store: Store, tmp_path: Path) -> None:
    need(receivers.poppler_missing())
    pdf = export(demo_store, "pdf", tmp_path / "demo.pdf").path
    fonts = receivers.pdffonts(pdf)
    assert fonts
    assert all(f.embedded for f in fonts), [f.name for f in fonts if not f.embedded]
    assert any("DejaVuSans" in f.name for f in fonts)
    text = " ".join(receivers.pdftotext(pdf).split())
    # a long title wraps on its card: every word of every title is there, in order
    missing = [t for t in step_titles(demo_store) if not all(w in text for w in t.split())]
    assert not missing, missing
    assert receivers.pdf_pages(pdf) >= 2  # the default poster is tiled, with an assembly guide


def test_the_organisation_pack_embeds_every_font(demo_store: Store, tmp_path: Path) -> None:
    need(receivers.poppler_missing())
    from servicecommunity.services.queries import find_organisation

    with demo_store.session() as session:
        org = find_organisation(session, "Companies House")
        pdf = exports.export(session, "pdf", tmp_path / "pack.pdf", organisation_id=org.id, options=OPTS).path
    fonts = receivers.pdffonts(pdf)
    assert fonts and all(f.embedded for f in fonts), [f.name for f in fonts if not f.embedded]
    assert "Companies House" in receivers.pdftotext(pdf, first=1, last=1)


# --- mermaid-cli, axe-core and bpmn-js in headless Chromium ------------------------------------------


def test_mermaid_cli_renders_the_demo(demo_store: Store, tmp_path: Path) -> None:
    need(receivers.browser_missing())
    result = export(demo_store, "mermaid", tmp_path / "demo.mmd")
    [report] = receivers.mermaid_render(tmp_path / "svg", [result.path, *result.also])
    assert report["error"] is None, report
    declared, drawn = mermaid_steps_drawn(result.path, Path(report["svg"]))
    assert len(declared) == len(step_titles(demo_store)) and drawn == declared


def test_mermaid_cli_reports_a_diagram_it_refuses(tmp_path: Path) -> None:
    """The check can fail: a diagram over Mermaid's text limit comes back refused."""
    need(receivers.browser_missing())
    big = tmp_path / "big.mmd"
    big.write_text("flowchart LR\n" + "".join(f"  n{i}[\"{'x' * 60}\"] --> n{i + 1}\n" for i in range(900)),
                   encoding="utf-8")
    [report] = receivers.mermaid_render(tmp_path / "svg", [big])
    assert report["error"] and "Maximum text size" in report["error"]


def test_chromium_opens_the_web_page_with_no_axe_violations_and_bpmn_js_draws_the_bpmn(
    demo_store: Store, tmp_path: Path
) -> None:
    need(receivers.browser_missing())
    page = export(demo_store, "html", tmp_path / "demo.html").path
    sensitive = export(demo_store, "html", tmp_path / "sensitive.html", include_sensitive=True).path
    diagram = export(demo_store, "bpmn", tmp_path / "demo.bpmn").path
    reports = receivers.browser_check([page, sensitive, diagram])
    for web in reports[:2]:
        assert web["errors"] == [], web
        assert web["violations"] == [], web["violations"]
        assert web["phoneOverflow"] <= 0, web  # nothing wider than a phone's screen
    drawn = reports[2]
    assert drawn["error"] is None and drawn["warnings"] == [], drawn
    assert drawn["starts"] == 1
    assert drawn["types"]["bpmn:Task"] == len(step_titles(demo_store))
    # every shape and edge of the file's diagram drawn
    assert (drawn["shapes"], drawn["connections"]) == (drawn["diShapes"], drawn["diEdges"]), drawn


# --- SpiffWorkflow ----------------------------------------------------------------------------------


def test_spiffworkflow_builds_a_workflow_from_the_bpmn(demo_store: Store, tmp_path: Path) -> None:
    need(receivers.spiff_missing())
    diagram = export(demo_store, "bpmn", tmp_path / "demo.bpmn").path
    spec = receivers.spiff_parse(diagram)
    assert len(spec.process_ids) == 1
    assert spec.start_events == 1 and spec.end_events >= 1
    assert spec.tasks >= len(step_titles(demo_store))
    assert spec.ready == [step_titles(demo_store)[0]]  # a run starts at the journey's first step
