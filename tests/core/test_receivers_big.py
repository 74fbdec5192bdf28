"""The synthetic 5,000-step journey's exports (15,000 dependencies, 20,000 blockers in the community)
opened with the receivers' own tools, as test_receivers_demo.py does for the demo: LibreOffice
headless, poppler, mermaid-cli, axe-core and bpmn-js in headless Chromium, SpiffWorkflow.

Slow (minutes: the export of each format, then each tool on a file of megabytes): marked so, like
the other tests of the big journey. Each test skips, saying how to install its tool, without it.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from servicecommunity.exchange import exports
from servicecommunity.store.workspace import Store, open_store
from servicecommunity.testing import synthetic
from tests import receivers

from .test_receivers_demo import PRINTED_MIN_PT, mermaid_steps_drawn, need

pytestmark = pytest.mark.slow
OPTS = {"today": date(2026, 6, 1)}


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str, list[str]]]:
    data = synthetic.generate_bundle()  # the 5,000-step journey
    journey_id = Counter(s["journey_id"] for s in data["steps"]).most_common(1)[0][0]
    titles = [s["title"] for s in data["steps"] if s["journey_id"] == journey_id]
    with open_store(tmp_path_factory.mktemp("big") / "w.sqlite") as store:
        synthetic.load(store, data)
        del data
        yield store, journey_id, titles


def export(big: tuple[Store, str, list[str]], fmt: str, path: Path) -> exports.ExportResult:
    store, journey_id, _ = big
    with store.session() as session:
        return exports.export(session, fmt, path, journey_id=journey_id, options={**OPTS, "findings": fmt != "pdf"})


def test_libreoffice_prints_and_saves_the_big_workbook(big: tuple[Store, str, list[str]], tmp_path: Path) -> None:
    need(receivers.soffice_missing() or receivers.poppler_missing() or receivers.carlito_missing())
    book = export(big, "xlsx", tmp_path / "big.xlsx").path
    [pdf] = receivers.soffice_convert(book, "pdf", tmp_path / "pdf")
    pages = receivers.pdf_pages(pdf)
    # the first pages (About, then Steps), and the last (Findings), printed at a readable size
    for n, page in enumerate(receivers.printed_sizes(pdf, pages=6), start=1):
        assert page and min(s for _, s in page) >= PRINTED_MIN_PT, (n, min(s for _, s in page))
    assert pages > 100  # thousands of rows over many pages, not shrunk onto a few
    files = receivers.soffice_convert(book, "csv", tmp_path / "csv")
    steps = next(p for p in files if p.stem.endswith("-Steps"))
    csv.field_size_limit(sys.maxsize)
    with steps.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("Step")
    assert sorted(r[column] for r in rows[1:]) == sorted(big[2])


def test_the_big_poster_embeds_its_fonts_and_pdftotext_reads_the_steps(
    big: tuple[Store, str, list[str]], tmp_path: Path
) -> None:
    need(receivers.poppler_missing())
    pdf = export(big, "pdf", tmp_path / "big.pdf").path
    fonts = receivers.pdffonts(pdf)
    assert fonts and all(f.embedded for f in fonts), [f.name for f in fonts if not f.embedded]
    text = " ".join(receivers.pdftotext(pdf).split())
    # each step's title (its first word at least: long ones wrap on their cards) is on the sheets
    first_words = Counter(t.split()[0] for t in big[2])
    assert all(text.count(w) >= n for w, n in first_words.items())


def test_mermaid_cli_renders_every_part_of_the_big_journey(big: tuple[Store, str, list[str]], tmp_path: Path) -> None:
    need(receivers.browser_missing())
    result = export(big, "mermaid", tmp_path / "big.mmd")
    files = [result.path, *result.also]
    assert len(files) > 1
    reports = receivers.mermaid_render(tmp_path / "svg", files)
    refused = [(r["file"], r["error"]) for r in reports if r["error"]]
    assert not refused, refused
    steps = set()
    for mmd, report in zip(files, reports, strict=True):
        declared, drawn = mermaid_steps_drawn(mmd, Path(report["svg"]))
        assert drawn == declared, mmd.name
        steps |= {(mmd.name, s) for s in declared}
    assert len(steps) == len(big[2])  # every step drawn once, in one part


def test_chromium_opens_the_big_page_and_bpmn_js_draws_the_big_bpmn(
    big: tuple[Store, str, list[str]], tmp_path: Path
) -> None:
    need(receivers.browser_missing())
    page = export(big, "html", tmp_path / "big.html").path
    diagram = export(big, "bpmn", tmp_path / "big.bpmn").path
    web, drawn = receivers.browser_check([page, diagram])
    assert web["errors"] == [] and web["violations"] == [], web
    assert web["loadSeconds"] < 30, web  # it took 89 s before the page was split by stage
    assert drawn["error"] is None and drawn["warnings"] == [], drawn
    assert drawn["types"]["bpmn:Task"] == len(big[2]) and drawn["starts"] == 1
    assert (drawn["shapes"], drawn["connections"]) == (drawn["diShapes"], drawn["diEdges"])


def test_spiffworkflow_builds_a_workflow_from_a_1000_step_journey(tmp_path: Path) -> None:
    """SpiffWorkflow's parser takes time that grows with the square of the file (it searches the
    whole document for each node): 1.3 s at 200 steps, 31 s at 1,000, beyond 10 minutes at 5,000
    (measured on a busy machine). So it reads a 1,000-step journey of the same generator here."""
    need(receivers.spiff_missing())
    data = synthetic.generate_bundle(steps=1_000, dependencies=3_000, blockers=4_000, journeys=1)
    journey_id = data["journeys"][0]["id"]
    with open_store(tmp_path / "w.sqlite") as store:
        synthetic.load(store, data)
        with store.session() as session:
            path = exports.export(session, "bpmn", tmp_path / "k.bpmn", journey_id=journey_id, options=OPTS).path
    spec = receivers.spiff_parse(path)
    assert spec.start_events == 1 and spec.end_events >= 1
    assert spec.tasks >= 1_000
    assert spec.ready
