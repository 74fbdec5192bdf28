"""The spreadsheet preview shows, on its row, a formula whose value was never saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select

from servicecommunity.domain.models import Stage
from servicecommunity.exchange.imports import spreadsheet
from servicecommunity.store.workspace import Store
from ui.dialogs.importing import SpreadsheetPreviewDialog


def test_the_preview_shows_the_unsaved_formula_on_its_row(qtbot: Any, demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        stage = session.scalars(select(Stage).order_by(Stage.position)).first()
        assert stage is not None
        stage_name = stage.name
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Stage", "Step", "Users a month"])
    sheet.append([stage_name, "Typed in", 120])
    sheet.append([stage_name, "Computed, never saved", "=C2*4"])  # openpyxl saves no value for it
    workbook.save(tmp_path / "formulas.xlsx")
    with demo_store.session() as session:
        preview = spreadsheet.preview(session, tmp_path / "formulas.xlsx")
    dialog = SpreadsheetPreviewDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "New"
    assert dialog.table.item(1, 0).text() == "3" and dialog.table.item(1, 1).text() == "Not imported"
    assert dialog.table.item(1, 2).text() == (
        "column 'Users a month': a formula with no saved value; open and save the file in Excel or "
        "LibreOffice, then import again"
    )
    assert dialog.import_valid.isEnabled() and dialog.import_valid.text() == "Import the 1 good row"
