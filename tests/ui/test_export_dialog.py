"""File > Export: choose a format and scope, see what leaves the laptop, export in a worker."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog

from servicecommunity.exchange.exports import ExportResult
from ui.dialogs import export as export_dialog
from ui.dialogs.export import ExportDialog


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """What the dialog told the person, instead of message boxes."""
    said: dict[str, list[Any]] = {"done": [], "error": []}
    monkeypatch.setattr(export_dialog, "show_done", lambda _parent, result: said["done"].append(result))
    monkeypatch.setattr(export_dialog, "show_error", lambda _parent, message: said["error"].append(message))
    return said


@pytest.fixture
def dialog(qtbot: Any, ctx: Any) -> ExportDialog:
    dlg = ExportDialog(ctx)
    qtbot.addWidget(dlg)
    return dlg


def choose(dlg: ExportDialog, fmt: str, path: Path) -> None:
    dlg.format.setCurrentIndex(dlg.format.findData(fmt))
    dlg.path.setText(str(path))
    dlg._path_typed(str(path))


def run(qtbot: Any, dlg: ExportDialog) -> ExportResult:
    with qtbot.waitSignal(dlg.finished_export, timeout=60_000) as signal:
        dlg.start()
    result: ExportResult = signal.args[0]
    return result


def test_exports_the_current_journey_to_xlsx_in_a_worker(qtbot: Any, dialog: ExportDialog, told: Any, tmp_path: Path) -> None:
    assert dialog.journey.currentText() == "Starting a Business"  # the journey on the map
    choose(dialog, "xlsx", tmp_path / "map.xlsx")
    seen: list[float] = []
    dialog.runner.progressed.connect(lambda fraction, _message: seen.append(fraction))
    result = run(qtbot, dialog)
    assert result.path == tmp_path / "map.xlsx" and result.classification == "OFFICIAL"
    assert openpyxl.load_workbook(result.path).sheetnames[0] == "About"
    assert told["done"] == [result] and told["error"] == []
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.result_value is result
    assert seen and max(seen) <= 1.0


def test_the_preview_says_what_is_left_out_and_the_warning_follows_the_box(qtbot: Any, dialog: ExportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.preview_ready, timeout=10_000)
    text = dialog.preview.toPlainText()
    assert "Leaves out OFFICIAL-SENSITIVE blockers, with their notes: 2." in text and "Marked: OFFICIAL." in text
    assert re.search(r"Includes — Journeys: 1; Steps: \d+", text)
    assert dialog.warning.isHidden()
    dialog.sensitive.setChecked(True)
    assert not dialog.warning.isHidden()
    qtbot.waitUntil(lambda: dialog.preview_ready, timeout=10_000)
    text = dialog.preview.toPlainText()
    assert "Marked: OFFICIAL-SENSITIVE." in text and "Leaves out" not in text


def test_including_sensitive_blockers_marks_the_pdf(qtbot: Any, dialog: ExportDialog, told: Any, tmp_path: Path) -> None:
    choose(dialog, "pdf", tmp_path / "poster.pdf")
    dialog.sensitive.setChecked(True)
    dialog.paper.setCurrentText("A2")
    dialog.tiled.setChecked(True)
    result = run(qtbot, dialog)
    reader = PdfReader(result.path)
    assert result.classification == "OFFICIAL-SENSITIVE"
    assert len(reader.pages) > 1 and "OFFICIAL-SENSITIVE" in reader.pages[0].extract_text()


def test_options_follow_the_format(dialog: ExportDialog) -> None:
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert not dialog.options_box.isHidden() and dialog.organisation.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("png"))
    assert not dialog.options_box.isHidden() and dialog.options_box.title() == "Picture"
    dialog.format.setCurrentIndex(dialog.format.findData("bpmn"))
    assert dialog.options_box.isHidden() and not dialog.organisation.isEnabled()
    assert dialog.path.text().endswith(".bpmn")  # the suggested name follows the format


def test_an_organisation_pack(qtbot: Any, dialog: ExportDialog, told: Any, tmp_path: Path) -> None:
    choose(dialog, "xlsx", tmp_path / "pack.xlsx")
    dialog.organisation.setCurrentIndex(dialog.organisation.findText("HMRC (HM Revenue & Customs)"))
    assert "organisation's pack" in dialog.about_format.text()
    result = run(qtbot, dialog)
    wb = openpyxl.load_workbook(result.path)
    assert "Hand-offs in" in wb.sheetnames
    assert {r[3] for r in wb["Steps"].iter_rows(min_row=2, values_only=True)} == {"HMRC"}


def test_a_failed_export_says_why_and_keeps_the_dialog_open(qtbot: Any, dialog: ExportDialog, told: Any,
                                                           tmp_path: Path) -> None:
    choose(dialog, "csv", tmp_path / "no such folder" / "out.zip")
    with qtbot.waitSignal(dialog.failed_export, timeout=60_000):
        dialog.start()
    assert told["error"] and "choose another place" in told["error"][0]
    assert dialog.format.isEnabled() and dialog.export_button.isEnabled()
    assert dialog.result_value is None


def test_cancel_stops_the_export_and_writes_nothing(qtbot: Any, dialog: ExportDialog, told: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    gate = threading.Event()
    real = export_dialog.run_export

    def slow(progress: Any, *args: Any) -> Any:
        gate.wait(10)
        return real(progress, *args)

    monkeypatch.setattr(export_dialog, "run_export", slow)
    choose(dialog, "html", tmp_path / "page.html")
    dialog.start()
    assert dialog.runner.running and not dialog.format.isEnabled()
    dialog.cancel()
    gate.set()
    assert dialog.runner.wait(20_000)
    assert dialog.result_value is None and told["done"] == []
    assert not (tmp_path / "page.html").exists()
    assert dialog.format.isEnabled() and "nothing was written" in dialog.status.text()


def test_ask_returns_the_result(qtbot: Any, ctx: Any, told: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def exec_(self: ExportDialog) -> int:
        choose(self, "markdown", tmp_path / "briefing.md")
        with qtbot.waitSignal(self.finished_export, timeout=60_000):
            self.start()
        return int(self.result())

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    result = ExportDialog.ask(None, ctx)
    assert result is not None and result.path.read_text(encoding="utf-8").startswith("**OFFICIAL**")

    monkeypatch.setattr(ExportDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    assert ExportDialog.ask(None, ctx) is None


def test_automatic_paper_is_named_in_words_and_greys_out_the_layout(dialog: ExportDialog) -> None:
    """The first paper choice reads "Automatic (readable when printed)", not the raw value "auto",
    yet the export is still asked for "auto"; the one-page / tiled choice is ignored then, so it is
    greyed out, and comes back for a chosen paper."""
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    papers = [dialog.paper.itemText(i) for i in range(dialog.paper.count())]
    assert papers == ["Automatic (readable when printed)", "A3", "A2", "A1"]
    assert "auto" not in papers
    dialog.paper.setCurrentIndex(0)
    assert dialog.choices()["options"]["paper"] == "auto"
    assert not dialog.fit.isEnabled() and not dialog.tiled.isEnabled()
    dialog.paper.setCurrentText("A2")
    assert dialog.choices()["options"]["paper"] == "A2"
    assert dialog.fit.isEnabled() and dialog.tiled.isEnabled()
    dialog.paper.setCurrentIndex(0)
    assert not dialog.fit.isEnabled() and not dialog.tiled.isEnabled()


def test_the_layout_choice_stays_greyed_for_automatic_after_an_export_fails(qtbot: Any, dialog: ExportDialog,
                                                                           told: Any, tmp_path: Path) -> None:
    choose(dialog, "pdf", tmp_path / "no such folder" / "poster.pdf")
    dialog.paper.setCurrentIndex(0)
    with qtbot.waitSignal(dialog.failed_export, timeout=60_000):
        dialog.start()
    assert dialog.options_box.isEnabled() and dialog.paper.isEnabled()
    assert not dialog.fit.isEnabled() and not dialog.tiled.isEnabled()
