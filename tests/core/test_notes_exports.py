"""Notes in the exports: under each step in the briefing, a Notes table in the web page, a Notes sheet
in the workbook and a notes.csv; none of it when there are no notes (the exports are as before)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
from sqlalchemy import select

from servicecommunity.domain.models import Dependency, Member, Step
from servicecommunity.exchange import exports
from servicecommunity.services import notes
from servicecommunity.store.workspace import Store

OPTS = {"today": date(2026, 12, 3), "findings": False}


def _export(store: Store, fmt: str, path: Path) -> Path:
    with store.session() as session:
        exports.export(session, fmt, path, options=OPTS)
    return path


def _noted(store: Store) -> tuple[str, str, str]:
    with store.session() as s:
        step = s.scalars(select(Step).where(Step.title == "Register for VAT")).one()
        dep = s.scalars(select(Dependency)).first()
        assert dep is not None
        author = s.scalars(select(Member).order_by(Member.name)).first()
        assert author is not None
        notes.add_note(s, step_id=step.id, body="HMRC asks for the <turnover> again", author_id=author.id)
        notes.add_note(s, dependency_id=dep.id, body="Agreed by email only")
        return step.title, author.name, dep.id


def test_the_briefing_lists_each_steps_notes_under_it_and_the_hand_offs_notes(demo_store: Store, tmp_path: Path) -> None:
    before = _export(demo_store, "markdown", tmp_path / "before.md").read_text(encoding="utf-8")
    assert "Notes on hand-offs" not in before
    title, author, _dep = _noted(demo_store)
    text = _export(demo_store, "markdown", tmp_path / "after.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"1. **{title}**"))
    assert lines[at + 1] == f"   - *{author}, 3 December 2026:* HMRC asks for the \\<turnover\\> again"
    assert "## Notes on hand-offs" in text and "*someone, 3 December 2026:* Agreed by email only" in text


def test_the_web_page_and_spreadsheets_hold_a_notes_table(demo_store: Store, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export(demo_store, "xlsx", tmp_path / "before.xlsx"))
    assert "Notes" not in book.sheetnames
    title, author, dep = _noted(demo_store)
    page = _export(demo_store, "html", tmp_path / "map.html").read_text(encoding="utf-8")
    assert 'id="notes"' in page and "HMRC asks for the &lt;turnover&gt; again" in page and author in page
    book = openpyxl.load_workbook(_export(demo_store, "xlsx", tmp_path / "map.xlsx"))
    sheet = book["Notes"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["On", "Written by", "Written", "Note"]
    assert rows[1][0] == title and rows[1][1] == author and rows[1][3] == "HMRC asks for the <turnover> again"
    assert rows[2][1] == "someone" and rows[2][5] == dep
    with zipfile.ZipFile(_export(demo_store, "csv", tmp_path / "tables.zip")) as z:
        notes_csv = list(csv.reader(io.StringIO(z.read("notes.csv").decode("utf-8-sig"))))
    assert [r[3] for r in notes_csv[1:]] == ["HMRC asks for the <turnover> again", "Agreed by email only"]
