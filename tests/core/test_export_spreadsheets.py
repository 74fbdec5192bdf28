"""Spreadsheets others can read and print: no over-long cell, kinds and references in words, print set-up."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
from sqlmodel import select

from servicecommunity.domain.models import Step
from servicecommunity.exchange import exports
from servicecommunity.exchange.exports.tables import CELL_LIMIT, cut_text
from servicecommunity.store.workspace import Store

OPTS = {"today": date(2025, 3, 1)}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HUGE = ("A very long description. " * 2_000) + "\U0001f600" * 10  # ~50,000 characters, some past U+FFFF


def _with_huge_step(store: Store) -> None:
    with store.session() as session:
        step = session.scalars(select(Step)).first()
        assert step is not None
        step.description = HUGE
        session.commit()


def _export(store: Store, fmt: str, path: Path) -> exports.ExportResult:
    with store.session() as session:
        return exports.export(session, fmt, path, options=OPTS)


def test_cut_text_fits_a_cell_and_says_what_was_cut() -> None:
    assert cut_text("short") == "short"
    cut = cut_text(HUGE)
    assert len(cut.encode("utf-16-le")) // 2 <= CELL_LIMIT
    assert "cut to fit one spreadsheet cell" in cut and cut.startswith("A very long description.")


def test_no_xlsx_cell_over_the_excel_limit(demo_store: Store, tmp_path: Path) -> None:
    _with_huge_step(demo_store)
    _export(demo_store, "xlsx", tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    longest = max(len(str(v)) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    assert longest <= CELL_LIMIT
    descriptions = [str(v) for row in wb["Steps"].iter_rows(values_only=True) for v in row if v]
    assert any("more characters in the JSON bundle" in d for d in descriptions)


def test_csv_reads_with_the_default_field_limit(demo_store: Store, tmp_path: Path) -> None:
    _with_huge_step(demo_store)
    _export(demo_store, "csv", tmp_path / "out.zip")
    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(CELL_LIMIT + 10)  # stricter than any reader's default: the cells still fit
        with zipfile.ZipFile(tmp_path / "out.zip") as zf:
            for name in zf.namelist():
                if name.endswith(".csv"):
                    list(csv.reader(io.StringIO(zf.read(name).decode("utf-8-sig"))))
    finally:
        csv.field_size_limit(limit)


def test_finding_kinds_and_references_are_in_words(demo_store: Store, tmp_path: Path) -> None:
    _export(demo_store, "xlsx", tmp_path / "out.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "out.xlsx")["Findings"].iter_rows(values_only=True))
    assert rows[0] == ("Severity", "Kind", "Finding", "About")
    kinds = {r[1] for r in rows[1:]}
    assert kinds and not any("." in k or "_" in k for k in kinds), kinds
    assert "Dependencies the journey hangs on" in kinds or "Steps the journey hangs on" in kinds
    text = " ".join(str(v) for r in rows for v in r if v)
    assert not UUID.search(text)
    assert any(str(r[3]).startswith(("Step", "Hand-off", "Blocker", "Organisation")) for r in rows[1:])


def test_print_set_up_landscape_fit_to_width_header_repeated(demo_store: Store, tmp_path: Path) -> None:
    _export(demo_store, "xlsx", tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    for name in ("Steps", "Dependencies", "Blockers", "Organisations", "Members", "Findings"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToHeight == 0 and ws.page_setup.fitToWidth >= 1
        assert str(ws.print_title_rows) == "$1:$1"
        # printed at 8 pt or more: the printed columns' width over the pages wide
        printed = [c for c in ws[1] if not str(c.value).endswith("ID")]
        width = sum(ws.column_dimensions[c.column_letter].width for c in printed)
        assert 11 * min(1.0, ws.page_setup.fitToWidth * 149 / width) >= 8
    steps = wb["Steps"]
    assert steps.cell(1, steps.max_column).value == "Step ID"
    last = openpyxl.utils.get_column_letter(steps.max_column - 1)
    assert str(steps.print_area).endswith(f"$A$1:${last}${steps.max_row}")  # the ids are not printed


def test_about_sheet_rows_are_as_tall_as_their_text(demo_store: Store, tmp_path: Path) -> None:
    _export(demo_store, "xlsx", tmp_path / "out.xlsx")
    about = openpyxl.load_workbook(tmp_path / "out.xlsx")["About"]
    width = about.column_dimensions["B"].width
    for row in about.iter_rows(min_row=3):
        value = row[1].value
        if value is None:
            continue
        lines = max(1, -(-len(str(value)) // int(width * 1.05)))
        height = about.row_dimensions[row[0].row].height
        assert height is not None and height >= 15 * lines, (value, height)
        assert row[1].alignment.wrap_text
