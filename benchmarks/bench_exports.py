"""Each export of a 5,000-step journey (15,000 dependencies, 20,000 blockers in the community).

Budgets (the issue's): a data format under 1 s, a poster format (PDF, SVG, PNG, and the web page,
which draws the map) under 3 s. The JSON bundle is ``bundle.export_bundle_file`` (SQLite renders the records' text). Each figure is one export as the command line runs it, from the
open workspace to the file on disk, without the analysis (``findings`` off: the analysis has its own
benchmark); the figure ``… with findings`` adds it, for the formats that show findings.

    .venv/bin/python benchmarks/bench_exports.py        (or through benchmarks/run.py)

``SC_BENCH_QUICK=1`` uses a 500-step journey; ``SC_BENCH_ONLY=receivers_rows,bpmn_rows`` runs those
sections alone.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from servicecommunity.exchange import exports  # noqa: E402
from servicecommunity.store.workspace import open_store  # noqa: E402
from servicecommunity.testing import synthetic  # noqa: E402

Row = tuple[str, float, float | None, str]

POSTER = {"pdf", "svg", "png", "html"}
DATA_BUDGET, POSTER_BUDGET = 1.0, 3.0


def run() -> list[Row]:
    quick = os.environ.get("SC_BENCH_QUICK") == "1"
    steps, deps, blockers = (500, 1_500, 2_000) if quick else (5_000, 15_000, 20_000)
    data = synthetic.generate_bundle(steps=steps, dependencies=deps, blockers=blockers)
    journey_id = data["journeys"][0]["id"]
    for j in data["journeys"]:  # the big journey is the one with the most steps
        if sum(1 for s in data["steps"] if s["journey_id"] == j["id"]) >= steps:
            journey_id = j["id"]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_store(folder / "bench.sqlite") as store:
            synthetic.load(store, data)
            # The set-up's garbage is not an export's: without this, the collector's first full
            # pass over the generated bundle (0.16 s) lands in whichever export is timed first.
            del data
            gc.collect()
            with store.session() as session:  # warm the page cache once, as a person's second export would
                exports.export(session, "csv", folder / "warm.zip", journey_id=journey_id, options={"findings": False})
            for fmt in exports.FORMATS:
                out = folder / f"out{exports.DESCRIPTIONS[fmt][1]}"
                with store.session() as session:
                    started, cpu = time.perf_counter(), time.process_time()
                    exports.export(session, fmt, out, journey_id=journey_id, options={"findings": False})
                    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                budget = POSTER_BUDGET if fmt in POSTER else DATA_BUDGET
                rows.append((f"{fmt} export, {steps:,} steps", seconds, budget, "s"))
                # CPU time beside wall time: on a busy machine the wall clock also counts the others' work
                rows.append((f"{fmt} export, CPU time", cpu, None, "s"))
            for fmt in sorted(exports.WITH_FINDINGS):
                out = folder / f"findings{exports.DESCRIPTIONS[fmt][1]}"
                with store.session() as session:
                    started = time.perf_counter()
                    exports.export(session, fmt, out, journey_id=journey_id)
                    seconds = time.perf_counter() - started
                rows.append((f"{fmt} export with findings, {steps:,} steps", seconds, None, "s"))
            tiled = folder / "tiled.pdf"
            with store.session() as session:
                started = time.perf_counter()
                result = exports.export(session, "pdf", tiled, journey_id=journey_id,
                                        options={"findings": False, "tiled": True})
                seconds = time.perf_counter() - started
            rows.append((f"pdf tiled A3 export, {steps:,} steps", seconds, POSTER_BUDGET, "s"))
            rows.append(("pdf tiled A3 size", result.size / 2**20, None, "MB"))
    rows += poster_rows(quick)
    rows += bpmn_rows(quick)
    return rows


# --- the printed poster: how small its text is on paper ----------------------------------------------


def printed_sizes(path: Path, pages: int | None = None) -> list[tuple[int, float]]:
    """(words, size in pt on paper) of each string on the PDF's first ``pages`` pages, read from the
    PDF's own text operators (font size times the text and page matrices) with pypdf."""
    import math

    from pypdf import PdfReader

    out: list[tuple[int, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                          tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            out.append((len(text.split()), size * math.sqrt(abs(a * d - b * c))))

    for page in PdfReader(path).pages[:pages]:
        page.extract_text(visitor_text=visit)
    return out


def _poster_figures(session: object, name: str, journey_id: str, out: Path, options: dict[str, object],
                    pages: int | None = None) -> list[Row]:
    started, cpu = time.perf_counter(), time.process_time()
    exports.export(session, "pdf", out, journey_id=journey_id, options={"findings": False, **options})  # type: ignore[arg-type]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    from pypdf import PdfReader

    count = len(PdfReader(out).pages)
    sizes = printed_sizes(out, pages)
    words = sum(n for n, _ in sizes) or 1
    small = sum(n for n, size in sizes if size < 6) / words
    seen = "" if pages is None or pages >= count else f" (first {pages} pages)"
    return [
        (f"poster {name}: export", seconds, POSTER_BUDGET, "s"),
        (f"poster {name}: export, CPU time", cpu, None, "s"),
        (f"poster {name}: pages", count, None, ""),
        (f"poster {name}: smallest printed text{seen}", min(size for _, size in sizes), None, "pt"),
        (f"poster {name}: words under 6 pt{seen}", 100 * small, None, "%"),
    ]


def poster_rows(quick: bool = False) -> list[Row]:
    """The default poster (paper and tiling chosen to print readably) beside the old default, one
    A3 page fitted, measured in the same run: on the demo and on the synthetic big journey."""

    def figures(session: object, name: str, jid: str, folder: Path, big: bool) -> list[Row]:
        stem = "big-" if big else "demo-"
        pages = 8 if big else None  # the big poster's text sizes are read from its first pages
        return [
            *_poster_figures(session, f"{name}, default (auto)", jid, folder / f"{stem}auto.pdf", {}, pages=pages),
            *_poster_figures(session, f"{name}, one A3 page (old default)", jid, folder / f"{stem}a3.pdf", {"paper": "A3"}),
        ]

    return _demo_and_big(quick, figures)


# --- BPMN as modellers read it: bpmnlint, flows through tasks, notes beside their steps -------------


def _bpmn_figures(session: object, name: str, journey_id: str, out: Path) -> list[Row]:
    from statistics import median

    from servicecommunity.testing import bpmncheck

    started, cpu = time.perf_counter(), time.process_time()
    exports.export(session, "bpmn", out, journey_id=journey_id, options={"findings": False})  # type: ignore[arg-type]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # the reference, in the same run: another data format of the same journey
    started = time.perf_counter()
    exports.export(session, "graphml", out.with_suffix(".graphml"), journey_id=journey_id, options={"findings": False})  # type: ignore[arg-type]
    reference = time.perf_counter() - started
    drawn = bpmncheck.read(out)
    crossing = bpmncheck.flows_crossing_tasks(drawn)
    gaps = list(bpmncheck.annotation_gaps(drawn).values()) or [0.0]
    rows: list[Row] = [
        (f"bpmn {name}: export", seconds, DATA_BUDGET, "s"),
        (f"bpmn {name}: export, CPU time", cpu, None, "s"),
        (f"bpmn {name}: graphml export (reference)", reference, None, "s"),
        (f"bpmn {name}: sequence flows", len(drawn.flows), None, ""),
        (f"bpmn {name}: flows crossing a task", len({f for f, _ in crossing}), 0, ""),
        (f"bpmn {name}: blocker notes", len(gaps), None, ""),
        (f"bpmn {name}: note to its step, median", median(gaps), None, "units"),
        (f"bpmn {name}: note to its step, farthest", max(gaps), None, "units"),
    ]
    why = bpmncheck.bpmnlint_missing()
    if why:
        print(f"bpmn {name}: bpmnlint not run ({why})", file=sys.stderr)
    else:
        lint = bpmncheck.bpmnlint(out)
        rows += [(f"bpmn {name}: bpmnlint errors", lint.errors, 0, ""), (f"bpmn {name}: bpmnlint warnings", lint.warnings, None, "")]
    return rows


def _demo_and_big(quick: bool, figures: Callable[[object, str, str, Path, bool], list[Row]]) -> list[Row]:
    """``figures(session, name, journey_id, folder, big)`` on the demo's Starting a Business, then on
    the synthetic big journey (5,000 steps; 500 when quick), each in a fresh workspace file."""
    from servicecommunity.exchange import bundle
    from servicecommunity.exchange.demo import load_demo

    steps = 500 if quick else 5_000
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_store(folder / "demo.sqlite") as store:
            load_demo(store)
            with store.session() as session:
                jid = bundle.journey_by_name(session, "Starting a Business").id
                rows += figures(session, "demo", jid, folder, False)
        data = synthetic.generate_bundle(steps=steps, dependencies=3 * steps, blockers=4 * steps, journeys=1)
        jid = data["journeys"][0]["id"]
        with open_store(folder / "big.sqlite") as store:
            synthetic.load(store, data)
            del data
            gc.collect()
            with store.session() as session:
                rows += figures(session, f"{steps:,} steps", jid, folder, True)
    return rows


def bpmn_rows(quick: bool = False) -> list[Row]:
    """The BPMN export of the demo and of the synthetic big journey under bpmnlint's recommended
    rules (tools/bpmn-check), with its flows through tasks and its notes' distances measured."""
    return _demo_and_big(
        quick, lambda session, name, jid, folder, big: _bpmn_figures(session, name, jid, folder / ("big.bpmn" if big else "demo.bpmn")))


# --- exports others read: web page weight and axe-core, cell sizes, Mermaid's limits, findings kept --


def _axe_violations(page: Path) -> int | None:
    """axe-core's violations on a page (tools/axe-check, in jsdom); None when it is not installed."""
    import json
    import shutil
    import subprocess

    tool = ROOT / "tools" / "axe-check"
    node = shutil.which("node")
    if node is None or not (tool / "node_modules" / "axe-core").is_dir():
        print("axe-core not run (npm ci in tools/axe-check)", file=sys.stderr)
        return None
    done = subprocess.run([node, str(tool / "check.mjs"), str(page)], capture_output=True, text=True, check=True,
                          timeout=900)
    return sum(len(r["violations"]) for r in json.loads(done.stdout))


def _reader_figures(session: object, name: str, journey_id: str, folder: Path, *, axe: bool) -> list[Row]:
    from servicecommunity.exchange.exports import mermaid, spreadsheet
    from servicecommunity.exchange.exports.findings import attach_findings
    from servicecommunity.exchange.exports.mapview import journey_map
    from servicecommunity.exchange.exports.poster import svg_map
    from servicecommunity.exchange.exports.snapshot import read_snapshot
    from servicecommunity.exchange.exports.tables import all_tables, fit_cells

    rows: list[Row] = []
    page = folder / f"{name}.html"
    started = time.perf_counter()
    result = exports.export(session, "html", page, journey_id=journey_id)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    snap = read_snapshot(session, journey_id=journey_id)  # type: ignore[arg-type]
    drawing = len(svg_map(journey_map(snap, journey_id), title="map").encode("utf-8"))
    rows += [
        (f"html {name}: page weight", result.size / 1e6, 5.0, "MB"),
        (f"html {name}: the full map drawing alone (reference)", drawing / 1e6, None, "MB"),
        (f"html {name}: export with findings", seconds, None, "s"),
    ]
    if axe:
        found = _axe_violations(page)
        if found is not None:
            rows.append((f"html {name}: axe-core violations", found, 0, ""))
    # findings: kept in the default export (sensitive blockers left out) beside all of them
    attach_findings(session, snap)  # type: ignore[arg-type]
    everything = read_snapshot(session, journey_id=journey_id, include_sensitive=True)  # type: ignore[arg-type]
    attach_findings(session, everything)  # type: ignore[arg-type]
    about_blockers = {"blocker.impact", "blocker.stale"}
    rows += [
        (f"findings {name}: exported (sensitive left out)", len(snap.findings or ()), None, ""),
        (f"findings {name}: left out with their blockers", snap.omitted_findings, None, ""),
        (f"findings {name}: blocker findings exported", sum(f.kind in about_blockers for f in snap.findings or ()), None, ""),
        (f"findings {name}: all, sensitive included (reference)", len(everything.findings or ()), None, ""),
    ]
    # the longest cell: as written, beside the longest text before cutting
    tables = all_tables(snap)
    longest = max((len(v) for t in tables for r in t.rows for v in r if isinstance(v, str)), default=0)
    from servicecommunity.exchange.exports import tables as tables_module

    uncut = [tables_module.findings_table(snap), tables_module.steps_table(snap), tables_module.blockers_table(snap)]
    before = max((len(v) for t in uncut for r in t.rows for v in r if isinstance(v, str)), default=0)
    cut = sum(fit_cells(t) for t in uncut)
    rows += [
        (f"xlsx {name}: longest cell", longest, 32_767, "chars"),
        (f"xlsx {name}: longest text before cutting (reference)", before, None, "chars"),
        (f"xlsx {name}: cells cut to fit", cut, None, ""),
    ]
    steps_sheet = spreadsheet.table_sheet(next(t for t in tables if t.name == "steps"))
    rows += [
        (f"xlsx {name}: Steps sheet printed text", spreadsheet.FONT_PT * steps_sheet.print_scale(), None, "pt"),
        (f"xlsx {name}: Steps sheet fitted to one page wide (reference)",
         spreadsheet.FONT_PT * min(1.0, spreadsheet.PAGE_WIDTH_UNITS / sum(steps_sheet.widths)), None, "pt"),
        (f"xlsx {name}: Steps sheet pages wide", steps_sheet.pages_wide, None, ""),
    ]
    # Mermaid: diagrams, each within the default limits
    result = exports.export(session, "mermaid", folder / f"{name}.mmd", journey_id=journey_id,  # type: ignore[arg-type]
                            options={"findings": False})
    sizes = [mermaid.counts(p.read_text(encoding="utf-8")) for p in [result.path, *result.also]]
    rows += [
        (f"mermaid {name}: diagrams", len(sizes), None, ""),
        (f"mermaid {name}: largest diagram", max(c for c, _ in sizes), mermaid.MERMAID_TEXT_LIMIT, "chars"),
        (f"mermaid {name}: most links in a diagram", max(e for _, e in sizes), mermaid.MERMAID_EDGE_LIMIT, ""),
        (f"mermaid {name}: all diagrams together (reference: one diagram)", sum(c for c, _ in sizes), None, "chars"),
    ]
    return rows


def readers_rows(quick: bool = False) -> list[Row]:
    """What the receivers' tools meet: the web page's weight (and axe-core's violations on the demo),
    findings kept when sensitive blockers are left out, the longest spreadsheet cell and the Steps
    sheet's printed size, Mermaid's diagrams against its default limits; demo and big journey."""
    from servicecommunity.exchange import bundle
    from servicecommunity.exchange.demo import load_demo

    steps = 500 if quick else 5_000
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_store(folder / "demo.sqlite") as store:
            load_demo(store)
            with store.session() as session:
                jid = bundle.journey_by_name(session, "Starting a Business").id
                rows += _reader_figures(session, "demo", jid, folder, axe=True)
        data = synthetic.generate_bundle(steps=steps, dependencies=3 * steps, blockers=4 * steps)
        sizes: dict[str, int] = {}
        for s in data["steps"]:
            sizes[s["journey_id"]] = sizes.get(s["journey_id"], 0) + 1
        jid = max(sizes, key=sizes.__getitem__)
        with open_store(folder / "big.sqlite") as store:
            synthetic.load(store, data)
            del data
            gc.collect()
            with store.session() as session:
                # axe-core in jsdom takes minutes on the big page: the structural rules are in the tests
                rows += _reader_figures(session, f"{steps:,} steps", jid, folder, axe=False)
    return rows


# --- the receivers' own tools on the files: LibreOffice, poppler, mermaid-cli, Chromium, SpiffWorkflow --


def _receiver_figures(session: object, name: str, journey_id: str, folder: Path) -> list[Row]:
    """Each receiver's tool on this journey's files: what it reports, and how long it takes (its
    time beside the export's own, measured in the same run). A tool not installed is said, not timed."""
    from tests import receivers

    def made(fmt: str, **options: object) -> tuple[exports.ExportResult, float]:
        started = time.perf_counter()
        result = exports.export(session, fmt, folder / f"{name}{exports.DESCRIPTIONS[fmt][1]}",  # type: ignore[arg-type]
                                journey_id=journey_id, options={"findings": fmt != "pdf", **options})
        return result, time.perf_counter() - started

    def missing(tool: str, why: str | None) -> bool:
        if why:
            print(f"{name}: {tool} not run ({why})", file=sys.stderr)
        return why is not None

    rows: list[Row] = []
    if not missing("LibreOffice", receivers.soffice_missing() or receivers.poppler_missing()):
        book, seconds = made("xlsx")
        started = time.perf_counter()
        [pdf] = receivers.soffice_convert(book.path, "pdf", folder / f"{name}-lo")
        printing = time.perf_counter() - started
        sizes = [s for page in receivers.printed_sizes(pdf, pages=8) for _, s in page]
        rows += [
            (f"libreoffice {name}: xlsx export (reference)", seconds, None, "s"),
            (f"libreoffice {name}: xlsx printed to PDF", printing, None, "s"),
            (f"libreoffice {name}: printed pages", receivers.pdf_pages(pdf), None, ""),
            (f"libreoffice {name}: smallest printed text, first 8 pages (7.5 wanted)", min(sizes), None, "pt"),
        ]
    if not missing("poppler", receivers.poppler_missing()):
        poster, _ = made("pdf")
        fonts = receivers.pdffonts(poster.path)
        rows.append((f"pdffonts {name}: poster fonts not embedded", sum(not f.embedded for f in fonts), 0, ""))
    if not missing("Chromium tools", receivers.browser_missing()):
        mmd, seconds = made("mermaid")
        started = time.perf_counter()
        drawn = receivers.mermaid_render(folder / f"{name}-svg", [mmd.path, *mmd.also])
        rendering = time.perf_counter() - started
        page, _ = made("html")
        diagram, _ = made("bpmn")
        web, bpmn = receivers.browser_check([page.path, diagram.path])
        rows += [
            (f"mermaid-cli {name}: diagrams rendered", sum(r["error"] is None for r in drawn), None, ""),
            (f"mermaid-cli {name}: diagrams refused", sum(r["error"] is not None for r in drawn), 0, ""),
            (f"mermaid-cli {name}: rendering all", rendering, None, "s"),
            (f"mermaid-cli {name}: mermaid export (reference)", seconds, None, "s"),
            (f"chromium {name}: web page load", web["loadSeconds"], None, "s"),
            (f"chromium {name}: axe-core violations", len(web["violations"]), 0, ""),
            (f"chromium {name}: axe-core run", web["axeSeconds"], None, "s"),
            (f"bpmn-js {name}: import warnings and errors", len(bpmn["warnings"]) + (bpmn["error"] is not None), 0, ""),
            (f"bpmn-js {name}: import", bpmn["seconds"], None, "s"),
            (f"bpmn-js {name}: shapes and connections drawn", bpmn["shapes"] + bpmn["connections"], None, ""),
        ]
    return rows


def receivers_rows(quick: bool = False) -> list[Row]:
    """The receivers' tools (tests.receivers) on the demo and the big journey.
    SpiffWorkflow is left out: its parser's time grows with the square of the file (31 s at 1,000
    steps), and the tests run it."""
    return _demo_and_big(quick, lambda session, name, jid, folder, big: _receiver_figures(session, name, jid, folder))


if __name__ == "__main__":
    quick_run = os.environ.get("SC_BENCH_QUICK") == "1"
    sections = [run, *(fn for name, fn in sorted(globals().items()) if name.endswith("_rows") and callable(fn))]
    only = os.environ.get("SC_BENCH_ONLY")  # e.g. receivers_rows: one section
    sections = [fn for fn in sections if not only or fn.__name__ in only.split(",")]
    for section in sections:
        for name, value, budget, unit in (section() if section is run else section(quick_run)):
            verdict = "" if budget is None else ("  ok" if value <= budget else "  OVER")
            print(f"{name:<64} {value:10.3f} {unit}" + ("" if budget is None else f"  (budget {budget:g}){verdict}"))
