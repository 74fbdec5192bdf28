"""Every export opened by a real parser: XLSX by openpyxl, PDF by pypdf, HTML and XML by lxml,
BPMN and GraphML validated against the official schemas, Mermaid checked for its structure."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import openpyxl
import pytest
from lxml import etree
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader
from sqlmodel import Session

from servicecommunity.analysis.layout import layout_map, load_map
from servicecommunity.cli.main import main
from servicecommunity.domain.errors import ValidationError
from servicecommunity.domain.models import Journey
from servicecommunity.exchange import bundle, exports
from servicecommunity.exchange.exports.mapview import journey_map
from servicecommunity.exchange.exports.snapshot import read_snapshot
from servicecommunity.services.queries import find_organisation
from servicecommunity.store.workspace import Store

TODAY = date(2025, 3, 1)
OPTS = {"today": TODAY}
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def do_export(store: Store, fmt: str, path: Path, **kwargs: Any) -> exports.ExportResult:
    kwargs.setdefault("options", OPTS)
    with store.session() as session:
        return exports.export(session, fmt, path, **kwargs)


def demo_journey(store: Store) -> Journey:
    with store.session() as session:
        journey = bundle.journey_by_name(session, "Starting a Business")
        session.expunge(journey)
        return journey  # type: ignore[no-any-return]


def step_count(store: Store) -> int:
    with store.session() as session:
        return len(read_snapshot(session).steps)


# --- each format, parsed --------------------------------------------------------------------------


def test_json_is_the_bundle(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "json", tmp_path / "out.json")
    data = bundle.read_bundle(result.path)
    assert data["omitted"] == {"sensitive_blockers": 2} == result.omitted
    assert result.classification == "OFFICIAL" and result.notes


def test_csv_zip_has_a_file_per_table_and_a_readme(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "csv", tmp_path / "out.zip")
    with zipfile.ZipFile(result.path) as zf:
        names = set(zf.namelist())
        assert names == {"README.txt", *(f"{t}.csv" for t in ("steps", "dependencies", "blockers", "organisations", "members", "findings"))}
        readme = zf.read("README.txt").decode("utf-8")
        steps = list(csv.reader(io.StringIO(zf.read("steps.csv").decode("utf-8-sig"))))
    assert readme.startswith("OFFICIAL") and readme.rstrip().endswith("OFFICIAL")
    assert "2 OFFICIAL-SENSITIVE blockers" in readme
    assert steps[0][:4] == ["Stage", "Order", "Step", "Owner"]
    assert len(steps) - 1 == step_count(demo_store)


def test_xlsx_reads_back_with_openpyxl(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "xlsx", tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(result.path)
    assert wb.sheetnames == ["About", "Steps", "Dependencies", "Blockers", "Organisations", "Members", "Findings"]
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True) if r and r[0]}
    assert about["Classification"] == "OFFICIAL" and "left out" in about["Left out"]
    steps = wb["Steps"]
    assert steps.freeze_panes == "A2"
    assert [c.value for c in steps[1]][:4] == ["Stage", "Order", "Step", "Owner"]
    assert steps[1][0].font.b
    assert steps.column_dimensions["C"].width == 40
    assert steps.max_row - 1 == step_count(demo_store)
    assert steps.oddHeader.center.text == "OFFICIAL"
    assert isinstance(steps["B2"].value, int)  # numbers stay numbers
    blockers = wb["Blockers"]
    headers = [c.value for c in blockers[1]]
    due = headers.index("Due on")
    assert any(isinstance(r[due], date) for r in blockers.iter_rows(min_row=2, values_only=True))
    assert wb["Findings"].max_row > 1  # the analysis ran


def test_html_is_self_contained_and_parses(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "html", tmp_path / "out.html")
    text = result.path.read_text(encoding="utf-8")
    doc = lxml_html.fromstring(text)
    assert doc.xpath("//script") == []
    assert doc.xpath("//*[local-name()='svg']"), "the map is inline SVG"
    for attr in ("src", "href"):  # nothing to fetch: links are in-page or the steps' own web pages
        for value in doc.xpath(f"//@{attr}"):
            assert value.startswith(("#", "http://", "https://")) and "<link" not in text
    assert not doc.xpath("//link|//img|//iframe|//object")
    markings = doc.xpath("//*[contains(@class, 'marking')]/text()")
    assert markings == ["OFFICIAL", "OFFICIAL"]
    assert doc.xpath("//meta[@http-equiv='Content-Security-Policy']")
    assert "@media print" in text
    ids = {s.get("id") for s in doc.xpath("//section")}
    assert {"steps", "dependencies", "blockers", "organisations", "members", "findings"} <= ids
    rows = doc.xpath("//section[@id='steps']//tbody/tr")
    assert len(rows) == step_count(demo_store)


def test_pdf_poster_fits_one_page_or_tiles(demo_store: Store, tmp_path: Path) -> None:
    one = do_export(demo_store, "pdf", tmp_path / "one.pdf", options={**OPTS, "paper": "A3"})
    reader = PdfReader(one.path)
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert round(width) == 1191 and round(height) == 842  # A3 landscape
    text = reader.pages[0].extract_text()
    assert text.count("OFFICIAL") >= 2 and "Starting a Business" in text and "Key" in text
    assert "Exported 1 March 2025" in text
    assert reader.metadata is not None and reader.metadata.subject == "OFFICIAL"
    tiled = do_export(demo_store, "pdf", tmp_path / "tiled.pdf", options={**OPTS, "paper": "A2", "tiled": True})
    pages = PdfReader(tiled.path).pages
    assert len(pages) > 2 and round(float(pages[0].mediabox.width)) == 1684
    assert "Assembly guide" in pages[0].extract_text()
    assert f"Sheet 1 of {len(pages) - 1}" in pages[1].extract_text()
    assert "Check you can do it" in pages[1].extract_text()  # the map is on the page, not only the frame


def test_svg_poster_parses_and_is_laid_out_like_the_map(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "svg", tmp_path / "out.svg")
    root = etree.parse(str(result.path)).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts.count("OFFICIAL") == 2 and "Key" in texts
    assert "Exported 1 March 2025" in texts
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))


def test_png_poster_has_the_resolution_and_metadata(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "png", tmp_path / "out.png", options={**OPTS, "dpi": 72})
    with Image.open(result.path) as im:
        assert im.format == "PNG" and im.width > 1000
        assert round(im.info["dpi"][0]) == 72
        assert im.text["Classification"] == "OFFICIAL"  # type: ignore[attr-defined]
        assert im.getpixel((5, 5)) == (255, 255, 255)


def test_png_poster_too_large_is_drawn_at_a_lower_resolution(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "png", tmp_path / "out.png", options={**OPTS, "dpi": 600})
    assert any("too large for 600 dpi" in n for n in result.notes)
    with Image.open(result.path) as im:
        assert im.width * im.height <= 20_000_000


def test_bpmn_validates_against_the_official_schema(demo_store: Store, tmp_path: Path, standards: Path) -> None:
    result = do_export(demo_store, "bpmn", tmp_path / "out.bpmn")
    schema = etree.XMLSchema(file=str(standards / "bpmn" / "BPMN20.xsd"))
    doc = etree.parse(str(result.path))
    assert schema.validate(doc), schema.error_log


def test_bpmn_has_a_pool_lanes_tasks_flows_and_a_diagram_laid_out_like_the_map(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "bpmn", tmp_path / "out.bpmn")
    root = etree.parse(str(result.path)).getroot()
    assert root.nsmap[None] == BPMN.strip("{}")
    for el in root.iter():
        if el.get("id") is not None:
            assert NCNAME.match(el.get("id")), el.get("id")
    process = root.find(f"{BPMN}process")
    assert len(root.findall(f"{BPMN}collaboration/{BPMN}participant")) == 1
    tasks = process.findall(f"{BPMN}task")
    assert len(tasks) == step_count(demo_store)
    lanes = process.findall(f"{BPMN}laneSet/{BPMN}lane")
    in_lanes = [ref.text for lane in lanes for ref in lane.findall(f"{BPMN}flowNodeRef")]
    node_tags = {f"{BPMN}{t}" for t in ("task", "startEvent", "endEvent", "exclusiveGateway", "parallelGateway", "inclusiveGateway")}
    node_ids = {el.get("id") for el in process if el.tag in node_tags}
    assert sorted(in_lanes) == sorted(node_ids)  # every task, event and gateway in exactly one lane
    assert {lane.get("name") for lane in lanes} >= {"HM Revenue & Customs", "Companies House"}
    flows = process.findall(f"{BPMN}sequenceFlow")
    assert flows and process.findall(f"{BPMN}textAnnotation") and process.findall(f"{BPMN}association")
    task_ids = {t.get("id") for t in tasks}
    assert all(f.get("sourceRef") in node_ids and f.get("targetRef") in node_ids for f in flows)
    diagram = root.find(f"{BPMNDI}BPMNDiagram")
    assert diagram is not None
    shapes = {s.get("bpmnElement"): s.find(f"{DC}Bounds") for s in diagram.iter(f"{BPMNDI}BPMNShape")}
    edges = {e.get("bpmnElement") for e in diagram.iter(f"{BPMNDI}BPMNEdge")}
    assert task_ids <= set(shapes) and {f.get("id") for f in flows} <= edges
    # the tasks sit where the map's cards are
    journey = demo_journey(demo_store)
    with demo_store.session() as session:
        lay = layout_map(load_map(session, journey.id))
    for step_id, box in list(lay.cards.items())[:10]:
        bounds = shapes[f"Task_{step_id}"]
        assert (float(bounds.get("x")), float(bounds.get("width"))) == (box.x, box.w)
    marking = root.find(f"{BPMN}collaboration/{BPMN}textAnnotation/{BPMN}text").text
    assert marking.startswith("OFFICIAL.")


def test_graphml_validates_and_networkx_reads_it(demo_store: Store, tmp_path: Path, standards: Path) -> None:
    result = do_export(demo_store, "graphml", tmp_path / "out.graphml")
    schema = etree.XMLSchema(file=str(standards / "graphml" / "graphml.xsd"))
    assert schema.validate(etree.parse(str(result.path))), schema.error_log


def test_graphml_holds_the_step_and_organisation_graphs(demo_store: Store, tmp_path: Path, standards: Path) -> None:
    result = do_export(demo_store, "graphml", tmp_path / "out.graphml")
    steps = nx.read_graphml(result.path)
    assert steps.number_of_nodes() == step_count(demo_store)
    some = next(iter(steps.nodes(data=True)))[1]
    assert some["type"] == "step" and "label" in some and isinstance(some["open_blockers"], int)
    root = etree.parse(str(result.path)).getroot()
    assert [g.get("id") for g in root.findall(f"{GRAPHML}graph")] == ["steps"]  # one graph a file
    assert root.find(f"{GRAPHML}desc").text.startswith("OFFICIAL.")
    assert result.also == [tmp_path / "out-organisations.graphml"]
    schema = etree.XMLSchema(file=str(standards / "graphml" / "graphml.xsd"))
    assert schema.validate(etree.parse(str(result.also[0]))), schema.error_log
    orgs_root = etree.parse(str(result.also[0])).getroot()
    graphs = orgs_root.findall(f"{GRAPHML}graph")
    assert [g.get("id") for g in graphs] == ["organisations"]
    assert len(graphs[0].findall(f"{GRAPHML}node")) >= 10 and graphs[0].findall(f"{GRAPHML}edge")
    assert orgs_root.find(f"{GRAPHML}desc").text.startswith("OFFICIAL.")


def check_mermaid(text: str) -> dict[str, str]:
    """The structure of a flowchart: front matter, header, balanced stage subgraphs in order, edges between
    defined nodes (steps, or boxes naming another part of a split journey)."""
    lines = text.splitlines()
    assert lines[0] == "---" and lines[1].startswith("title: ") and lines[2] == "---"
    body = [line.strip() for line in lines[3:] if line.strip() and not line.strip().startswith("%%")]
    assert body[0] == "flowchart LR"
    nodes: dict[str, str] = {}
    others: set[str] = set()
    stages: list[int] = []
    depth = 0
    for line in body[1:]:
        if m := re.fullmatch(r'subgraph g(\d+)\["[^"]*"\]', line):
            depth += 1
            stages.append(int(m.group(1)))
        elif line == "end":
            depth -= 1
            assert depth >= 0
        elif m := re.fullmatch(r'(s\d+)\["([^"]*)"\](:::o\d+)?', line):
            assert depth == 1, "every step sits in its stage's subgraph"
            nodes[m.group(1)] = m.group(2)
        elif m := re.fullmatch(r'(x\d+)\["((To|From) part \d+: [^"]*)"\]:::elsewhere', line):
            assert depth == 0
            others.add(m.group(1))
        elif m := re.fullmatch(r'([sx]\d+) (-->|==>|-\.->)(\|"[^"]*"\|)? ([sx]\d+)', line):
            assert {m.group(1), m.group(4)} <= {*nodes, *others}
        elif m := re.fullmatch(r"g(\d+) ~~~ g(\d+)", line):
            assert int(m.group(1)) < int(m.group(2))
        elif line.startswith(("classDef ", "class ", "direction ")):
            continue
        else:
            raise AssertionError(f"unexpected line {line!r}")
    assert depth == 0
    assert stages == sorted(stages), "stages in the journey's order"
    return nodes


def test_mermaid_flowchart_structure(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "mermaid", tmp_path / "out.mmd")
    text = result.path.read_text(encoding="utf-8")
    nodes = check_mermaid(text)
    assert len(nodes) == step_count(demo_store)
    assert "%% OFFICIAL" in text and "subgraph g0" in text and "==>" in text and "~~~" in text
    assert result.also == []


def test_markdown_briefing(demo_store: Store, tmp_path: Path) -> None:
    result = do_export(demo_store, "markdown", tmp_path / "out.md")
    text = result.path.read_text(encoding="utf-8")
    assert text.startswith("**OFFICIAL**") and text.rstrip().endswith("**OFFICIAL**")
    for heading in ("# Starting a Business: briefing", "## At a glance", "## Hand-offs between organisations",
                    "## Open blockers, worst first", "## Findings", "## Organisations"):
        assert heading in text
    assert "2 OFFICIAL\\-SENSITIVE" in text or "2 OFFICIAL-SENSITIVE" in text


# --- organisation packs ---------------------------------------------------------------------------


def test_organisation_pack_xlsx_holds_only_that_organisation(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        org = find_organisation(session, "HMRC")
        org_id, org_name = org.id, org.name
    result = do_export(demo_store, "xlsx", tmp_path / "pack.xlsx", organisation_id=org_id)
    wb = openpyxl.load_workbook(result.path)
    assert wb.sheetnames[:7] == ["About", "Steps", "Steps it supports", "Hand-offs in", "Hand-offs out",
                                 "Blockers it owns", "Blockers it causes"]
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True) if r and r[0]}
    assert about["Organisation"] == org_name
    owners = {r[3] for r in wb["Steps"].iter_rows(min_row=2, values_only=True)}
    assert owners == {"HMRC"}
    outs = list(wb["Hand-offs out"].iter_rows(min_row=2, values_only=True))
    assert outs and all(r[1] == "HMRC" and r[3] != "HMRC" for r in outs)
    ins = list(wb["Hand-offs in"].iter_rows(min_row=2, values_only=True))
    assert ins and all(r[3] == "HMRC" and r[1] != "HMRC" for r in ins)


def test_organisation_pack_pdf(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        org_id = find_organisation(session, "Companies House").id
    result = do_export(demo_store, "pdf", tmp_path / "pack.pdf", organisation_id=org_id)
    reader = PdfReader(result.path)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Organisation pack: Companies House" in text
    assert "Hand-offs in" in text and "Blockers it owns" in text
    assert all(p.extract_text().count("OFFICIAL") >= 2 for p in reader.pages)


def test_an_organisation_only_makes_pdf_or_xlsx_packs(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        org_id = find_organisation(session, "HMRC").id
        with pytest.raises(ValidationError, match="PDF or an XLSX"):
            exports.export(session, "svg", tmp_path / "x.svg", organisation_id=org_id)
    assert not (tmp_path / "x.svg").exists()


# --- scope, options, command line ------------------------------------------------------------------


def add_journey(session: Session, community_id: str, name: str) -> str:
    journey = Journey(community_id=community_id, name=name)
    session.add(journey)
    session.commit()
    return journey.id


def test_one_journey_formats_ask_which_journey(demo_store: Store, tmp_path: Path) -> None:
    journey = demo_journey(demo_store)
    with demo_store.session() as session:
        add_journey(session, journey.community_id, "Closing a business")
        with pytest.raises(ValidationError, match="choose one of: Closing a business, Starting a Business"):
            exports.export(session, "bpmn", tmp_path / "x.bpmn", options=OPTS)
        result = exports.export(session, "bpmn", tmp_path / "x.bpmn", journey_id=journey.id, options=OPTS)
        assert result.path.exists()
        # a whole-community poster fitted to pages has a page per journey
        pdf = exports.export(session, "pdf", tmp_path / "all.pdf", options={**OPTS, "paper": "A3"})
        assert len(PdfReader(pdf.path).pages) == 2


def test_a_community_without_journeys_has_no_map_to_draw(store: Store, tmp_path: Path) -> None:
    from servicecommunity.domain.models import Community

    with store.session() as session:
        session.add(Community(name="New community"))
        session.commit()
        for fmt in ("pdf", "svg", "png", "bpmn", "mermaid"):
            with pytest.raises(ValidationError, match="no journey to draw"):
                exports.export(session, fmt, tmp_path / f"x.{fmt}", options=OPTS)
        for fmt in ("csv", "xlsx", "html", "graphml", "markdown", "json"):
            assert exports.export(session, fmt, tmp_path / f"x.{fmt}", options=OPTS).size > 0
    assert not (tmp_path / "x.pdf").exists()


def test_a_journey_export_holds_only_that_journey(demo_store: Store, tmp_path: Path) -> None:
    journey = demo_journey(demo_store)
    with demo_store.session() as session:
        other = add_journey(session, journey.community_id, "Closing a business")
        snap = read_snapshot(session, journey_id=other)
        assert snap.steps == [] and snap.blockers == [] and snap.title == "Closing a business"


def test_bad_options_are_refused(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        with pytest.raises(ValidationError, match="paper size"):
            exports.export(session, "pdf", tmp_path / "x.pdf", options={"paper": "A4"})
        with pytest.raises(ValidationError, match="Unknown export option"):
            exports.export(session, "pdf", tmp_path / "x.pdf", options={"colour": "red"})
        with pytest.raises(ValidationError, match="Unknown export format"):
            exports.export(session, "docx", tmp_path / "x.docx")


def test_progress_is_reported_and_can_stop_the_export(demo_store: Store, tmp_path: Path) -> None:
    seen: list[float] = []
    do_export(demo_store, "pdf", tmp_path / "a.pdf", progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)

    class Stop(Exception):
        pass

    def stop(fraction: float, message: str) -> None:
        if fraction > 0.3:
            raise Stop

    with pytest.raises(Stop):
        do_export(demo_store, "pdf", tmp_path / "b.pdf", progress=stop)
    assert not (tmp_path / "b.pdf").exists()


def test_preview_counts_what_is_in_and_left_out(demo_store: Store) -> None:
    journey = demo_journey(demo_store)
    with demo_store.session() as session:
        snap = read_snapshot(session, journey_id=journey.id)
        p = exports.preview(session, journey_id=journey.id)
        assert p.counts["steps"] == len(snap.steps) and p.counts["blockers"] == len(snap.blockers)
        assert p.sensitive_blockers == 2 and p.classification == "OFFICIAL"
        assert any("Leaves out: 2 OFFICIAL-SENSITIVE" in line for line in p.lines())
        p = exports.preview(session, journey_id=journey.id, include_sensitive=True)
        assert p.counts["blockers"] == len(snap.blockers) + 2 and p.classification == "OFFICIAL-SENSITIVE"


def test_command_line_exports_every_format(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_store.path)
    for fmt in exports.FORMATS:
        out = tmp_path / f"out{exports.DESCRIPTIONS[fmt][1]}"
        assert main(["export", "--db", db, "--format", fmt, "--journey", "Starting a Business", "-o", str(out)]) == 0, fmt
        assert out.stat().st_size > 0
    text = capsys.readouterr().out
    assert text.count("Wrote ") == len(exports.FORMATS)
    assert "Left out" not in text and "2 OFFICIAL-SENSITIVE blockers and their notes were left out" in text


def test_command_line_format_from_the_file_ending_and_json_output(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack.xlsx"
    assert main(["export", "--db", str(demo_store.path), "--org", "HMRC", "--include-sensitive", "--json", "-o", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "xlsx" and data["classification"] == "OFFICIAL-SENSITIVE"
    assert openpyxl.load_workbook(out).sheetnames[1] == "Steps"


def test_command_line_errors_are_one_line(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_store.path)
    assert main(["export", "--db", db, "--format", "svg", "--org", "HMRC", "-o", str(tmp_path / "x.svg")]) == 1
    assert main(["export", "--db", db, "--format", "png", "--dpi", "5000", "-o", str(tmp_path / "x.png")]) == 1
    assert main(["export", "--db", db, "--org", "Nobody", "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and "Traceback" not in err


def test_map_badges_count_only_exported_blockers(demo_store: Store) -> None:
    journey = demo_journey(demo_store)
    with demo_store.session() as session:
        shown = journey_map(read_snapshot(session, journey_id=journey.id), journey.id)
        every = journey_map(read_snapshot(session, journey_id=journey.id, include_sensitive=True), journey.id)
    assert sum(s.blocker_count for s in shown.data.steps) < sum(s.blocker_count for s in every.data.steps)
    assert shown.layout.cards == every.layout.cards


def test_the_bpmn_layout_is_the_map_layout(demo_store: Store) -> None:
    """BPMN lays its diagram out without the map's badges and arrows: the geometry must not drift from the map's."""
    from servicecommunity.exchange.exports.mapview import journey_layout

    journey = demo_journey(demo_store)
    with demo_store.session() as session:
        snap = read_snapshot(session, journey_id=journey.id, include_sensitive=True)
    drawn = journey_map(snap, journey.id)
    assert any(s.blocker_count for s in drawn.data.steps) and drawn.data.dependencies
    assert journey_layout(snap, journey.id) == drawn.layout
