"""What may leave the laptop: OFFICIAL-SENSITIVE blockers stay out of every export unless asked for;
hostile text stays text (no formulas in spreadsheets, no markup in HTML, SVG, Markdown or Mermaid);
a failed export never leaves half a file."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from servicecommunity.domain.errors import BundleError
from servicecommunity.domain.models import (
    Blocker,
    BlockerStep,
    BlockerUpdate,
    Organisation,
    Stage,
    Step,
)
from servicecommunity.exchange import bundle, exports
from servicecommunity.services.queries import find_organisation
from servicecommunity.store.workspace import Store, open_store

from .test_exports import check_mermaid

OPTS = {"today": date(2025, 3, 1)}
ALL = [*exports.FORMATS, "pack-pdf", "pack-xlsx"]
# Formats that show blocker titles at all (the poster, GraphML and Mermaid show counts and colours only).
SHOW_BLOCKERS = {"json", "csv", "xlsx", "html", "markdown", "bpmn", "pack-pdf", "pack-xlsx"}


def squash(text: str) -> str:
    return " ".join(text.split())


def xml_text(data: bytes) -> str:
    root = etree.fromstring(data)
    parts = list(root.itertext())
    parts += [v for el in root.iter() for v in el.attrib.values()]
    return "\n".join(parts)


def content(fmt: str, path: Path) -> str:
    """Everything a reader of the file could see, as plain text (entities decoded, whitespace squashed)."""
    data = path.read_bytes()
    kind = fmt.removeprefix("pack-")
    if kind == "csv":
        with zipfile.ZipFile(path) as zf:
            text = "\n".join(zf.read(n).decode("utf-8-sig") for n in zf.namelist())
    elif kind == "xlsx":
        with zipfile.ZipFile(path) as zf:
            text = "\n".join(xml_text(zf.read(n)) for n in zf.namelist() if n.endswith((".xml", ".rels")))
    elif kind == "pdf":
        reader = PdfReader(path)
        text = "\n".join(p.extract_text() for p in reader.pages) + "\n" + json.dumps(dict(reader.metadata or {}))
    elif kind == "png":
        with Image.open(path) as im:
            text = json.dumps(im.text)  # type: ignore[attr-defined]
    elif kind in ("svg", "bpmn", "graphml"):
        text = xml_text(data)
    elif kind == "html":
        doc = lxml_html.fromstring(data.decode("utf-8"))
        text = doc.text_content() + "\n" + "\n".join(v for el in doc.iter() for v in el.attrib.values())
    elif kind == "json":
        text = json.dumps(json.loads(data), ensure_ascii=False)
    elif kind == "markdown":
        text = data.decode("utf-8").replace("\\", "")
    else:
        text = data.decode("utf-8")
    return squash(text)


def run_export(store: Store, fmt: str, path: Path, **kwargs: Any) -> exports.ExportResult:
    with store.session() as session:
        if fmt.startswith("pack-"):
            kwargs["organisation_id"] = find_organisation(session, kwargs.pop("org", "HMRC")).id
            fmt = fmt.removeprefix("pack-")
        kwargs.pop("org", None)
        return exports.export(session, fmt, path, options=OPTS, **kwargs)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One demo workspace for the module (these tests only read it)."""
    from servicecommunity.exchange.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with open_store(path) as store:
        load_demo(store)
    yield path


@pytest.fixture
def demo(demo_db: Path) -> Iterator[Store]:
    with open_store(demo_db) as store:
        yield store


def sensitive_texts(store: Store) -> list[tuple[str, str, str]]:
    """(title, description, an update's comment) of each OFFICIAL-SENSITIVE blocker in the demo."""
    with store.session() as session:
        out = []
        for b in session.scalars(select(Blocker).where(Blocker.classification == "OFFICIAL-SENSITIVE")):
            comments = [u.comment for u in session.scalars(select(BlockerUpdate).where(BlockerUpdate.blocker_id == b.id)) if u.comment]
            out.append((b.title, b.description, comments[0] if comments else ""))
    assert out, "the demo has OFFICIAL-SENSITIVE blockers"
    return out


# --- sensitive blockers ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ALL)
def test_sensitive_blockers_are_left_out_by_default(demo: Store, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    result = run_export(demo, fmt, path)
    text = content(fmt, path)
    for title, description, comment in sensitive_texts(demo):
        assert squash(title) not in text
        assert squash(description)[:60] not in text
        if comment:
            assert squash(comment)[:60] not in text
    assert result.classification == "OFFICIAL"
    assert "OFFICIAL-SENSITIVE" not in text.replace("OFFICIAL-SENSITIVE blocker", "")
    assert result.omitted["sensitive_blockers"] == 2
    assert any("left out" in n for n in result.notes)


@pytest.mark.parametrize("fmt", ALL)
def test_sensitive_blockers_come_in_when_asked_for_and_mark_the_export(demo: Store, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    # the open sensitive blocker is owned by the British Business Bank; the closed one by HMRC
    open_title = "Contract for the Start Up Loans application portal ends in March"
    result = run_export(demo, fmt, path, include_sensitive=True, org="BBB")
    text = content(fmt, path)
    assert result.classification == "OFFICIAL-SENSITIVE"
    assert "OFFICIAL-SENSITIVE" in text
    if fmt in SHOW_BLOCKERS:
        assert open_title in text
    if fmt in {"json", "csv", "xlsx", "html", "pack-xlsx"}:
        for title, description, _ in sensitive_texts(demo):
            if fmt != "pack-xlsx":
                assert squash(title) in text and squash(description)[:60] in text


def test_findings_about_a_left_out_blocker_are_left_out(demo: Store, tmp_path: Path) -> None:
    result = run_export(demo, "xlsx", tmp_path / "out.xlsx")
    assert result.omitted.get("findings", 0) >= 1
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    ids = " ".join(str(r[3]) for r in wb["Findings"].iter_rows(min_row=2, values_only=True))
    with demo.session() as session:
        for b in session.scalars(select(Blocker).where(Blocker.classification == "OFFICIAL-SENSITIVE")):
            assert b.id not in ids


def test_sensitive_titles_are_withheld_at_source_and_shared_titles_keep_their_findings(
        demo: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """With blockers left out the analysis runs with their titles withheld; a finding is dropped for
    naming a left-out blocker by id (or for a message still marked OFFICIAL-SENSITIVE), never for
    sharing words with one: an OFFICIAL blocker may have the same title as a sensitive one."""
    from types import SimpleNamespace

    from servicecommunity import analysis
    from servicecommunity.exchange.exports.findings import attach_findings
    from servicecommunity.exchange.exports.snapshot import read_snapshot

    asked: list[bool] = []
    with demo.session() as session:
        snap = read_snapshot(session, journey_id=bundle.journey_by_name(session, "Starting a Business").id)
        (left_out, *_) = sorted(snap.omitted_ids)
        said = [("Delay (3 months) + costs? waits", ()), ("About the left-out one", (left_out,)),
                ("[OFFICIAL-SENSITIVE] \u201cX\u201d slipped through", ()), ("A.B", ("official-blocker",))]

        def fake(_s: Any, _j: str, today: Any = None, include_sensitive: bool = True) -> Any:
            asked.append(include_sensitive)
            return SimpleNamespace(findings=[SimpleNamespace(kind="blocker.impact", severity="low", message=m,
                                                             blocker_ids=ids) for m, ids in said])

        monkeypatch.setattr(analysis, "analyse", fake)
        attach_findings(session, snap)
    assert asked == [False]
    assert [f.message for f in snap.findings or ()] == ["Delay (3 months) + costs? waits", "A.B"]
    assert snap.omitted_findings == 2


# --- hostile text ---------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-1", "\tindented", "\rcarriage"]
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def hostile(demo_store: Store) -> Store:
    """The demo plus steps, an organisation and a blocker whose text is an attack."""
    with demo_store.session() as session:
        journey = bundle.journey_by_name(session, "Starting a Business")
        stage = session.scalars(select(Stage).where(Stage.journey_id == journey.id)).first()
        evil = Organisation(community_id=journey.community_id, name=f"Evil {SCRIPT} & Co",
                            short_name='"/><script>x()</script>', colour='"/><script>alert(2)</script>')
        session.add(evil)
        session.flush()
        for i, title in enumerate([*FORMULAS, SCRIPT, 'Quote " ] --> s0 %%{init}%% `tick`', "nul\x00 and \x1f control"]):
            session.add(Step(journey_id=journey.id, stage_id=stage.id, title=title, position=100 + i, owner_id=evil.id,
                             description="=1+2", touchpoint_url="javascript:alert(3)", pain_points="| pipe | *bold*"))
        blocker = Blocker(community_id=journey.community_id, title=SCRIPT, description='=cmd|" /C calc"!A0',
                          owner_id=evil.id, severity="critical")
        session.add(blocker)
        session.flush()
        step = session.scalars(select(Step).where(Step.title == SCRIPT)).one()
        session.add(BlockerStep(blocker_id=blocker.id, step_id=step.id))
        session.commit()
    return demo_store


def test_formulas_are_neutralised_in_csv(hostile: Store, tmp_path: Path) -> None:
    run_export(hostile, "csv", tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        rows = list(csv.reader(io.StringIO(zf.read("steps.csv").decode("utf-8-sig"), newline="")))
        blockers = list(csv.reader(io.StringIO(zf.read("blockers.csv").decode("utf-8-sig"), newline="")))
    titles = {r[2] for r in rows[1:]}
    for formula in FORMULAS:
        assert "'" + formula in titles and formula not in titles
    descriptions = {r[-2] for r in rows[1:]}
    assert "'=1+2" in descriptions and "=1+2" not in descriptions
    assert "'=cmd|\" /C calc\"!A0" in {r[-2] for r in blockers[1:]}
    for row in rows + blockers:
        text_cells = [cell for cell in row if cell and not _is_number(cell)]
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in text_cells), row


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_formulas_are_neutralised_in_xlsx(hostile: Store, tmp_path: Path) -> None:
    run_export(hostile, "xlsx", tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert not c.value.startswith(("=", "+", "-", "@", "\t", "\r")), (ws.title, c.value)
    titles = {r[2] for r in wb["Steps"].iter_rows(min_row=2, values_only=True)}
    for formula in FORMULAS:
        assert "'" + formula in titles
    assert "nul and  control" in titles  # control characters are dropped, the rest kept


def test_html_escapes_every_piece_of_user_text(hostile: Store, tmp_path: Path) -> None:
    run_export(hostile, "html", tmp_path / "out.html")
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    doc = lxml_html.fromstring(text)
    assert doc.xpath("//script") == [] and "<script>" not in text
    assert SCRIPT in doc.text_content()  # shown as text
    assert not doc.xpath("//a[starts-with(@href, 'javascript:')]")
    for el in doc.iter():
        assert not any(k.startswith("on") for k in el.attrib), el.tag


def test_svg_escapes_text_and_refuses_hostile_colours(hostile: Store, tmp_path: Path) -> None:
    run_export(hostile, "svg", tmp_path / "out.svg")
    root = etree.parse(str(tmp_path / "out.svg")).getroot()
    assert not [el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("script")]
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<script>" in texts or "Evil" in texts  # the hostile text is there, as text
    colours = {el.get("fill") for el in root.iter()} | {el.get("stroke") for el in root.iter()}
    assert all(c is None or c == "none" or (c.startswith("#") and len(c) == 7) for c in colours)


@pytest.mark.parametrize("fmt", ["bpmn", "graphml", "svg", "xlsx", "pdf", "png"])
def test_control_characters_do_not_break_the_file(hostile: Store, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    run_export(hostile, fmt, path)
    content(fmt, path)  # parses


def test_markdown_and_mermaid_keep_hostile_text_as_text(hostile: Store, tmp_path: Path) -> None:
    run_export(hostile, "markdown", tmp_path / "out.md")
    md = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "\\<script\\>" in md
    table_rows = [line for line in md.splitlines() if line.startswith("| ")]
    widths = {line.replace("\\|", "").count("|") for line in table_rows if "Blocker" in line or "critical" in line.lower()}
    assert len(widths) <= 1  # a pipe in user text does not add a column
    run_export(hostile, "mermaid", tmp_path / "out.mmd")
    text = (tmp_path / "out.mmd").read_text(encoding="utf-8")
    nodes = check_mermaid(text)  # still the same structure: the quote did not end a label
    assert any("#34;" in label for label in nodes.values())
    assert "<script>" not in text


# --- atomic writing -------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(demo_store: Store, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.xlsx"
    target.write_bytes(b"the previous export")

    def full_disk(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(BundleError, match="No space left on device"):
        run_export(demo_store, "xlsx", target)
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["out.xlsx"]


def test_an_export_that_fails_midway_writes_nothing(demo_store: Store, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from servicecommunity.exchange.exports import spreadsheet

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("crash")

    monkeypatch.setattr(spreadsheet, "xlsx", broken)
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(RuntimeError):
        run_export(demo_store, "xlsx", folder / "out.xlsx")
    assert list(folder.iterdir()) == []


def test_an_unwritable_place_is_a_clear_error(demo_store: Store, tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="choose another place"):
        run_export(demo_store, "csv", tmp_path / "no such folder" / "out.zip")
