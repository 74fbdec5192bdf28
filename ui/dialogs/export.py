"""File > Export: every format, with a preview of what leaves the laptop and a progress bar.

:class:`ExportDialog` asks for the format, the scope (the whole community or one journey; an
organisation's pack for PDF and XLSX), whether to include OFFICIAL-SENSITIVE blockers (with a
warning), the poster's paper and layout or the picture's resolution, and the file. The preview says
what the export includes, what it leaves out and how it will be marked, from a few COUNT queries.
The export runs in a worker (:class:`ui.workers.TaskRunner`) with its own session and reports its
progress; cancelling stops it and writes nothing (the core writes atomically at the end).

:meth:`ExportDialog.ask` returns the :class:`~servicecommunity.exchange.exports.ExportResult` or None; tests
patch it, or drive the dialog itself (:meth:`ExportDialog.start` and the ``finished_export`` signal).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from servicecommunity import i18n as core_i18n
from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.exchange import exports
from servicecommunity.exchange.exports import ExportResult
from servicecommunity.services.queries import workspace as workspace_queries
from ui import settings
from ui.context import AppContext
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.workers import Progress, TaskRunner

WARNING = QT_TRANSLATE_NOOP(
    "ExportDialog",
    "The export will hold OFFICIAL-SENSITIVE blockers and their notes, and be marked OFFICIAL-SENSITIVE. "
    "Share it only with people who need to know, by a channel approved for sensitive information.",
)
_FILTERS = {
    "json": QT_TRANSLATE_NOOP("ExportDialog", "Bundles (*.json)"), "csv": QT_TRANSLATE_NOOP("ExportDialog", "ZIP of CSV files (*.zip)"), "xlsx": QT_TRANSLATE_NOOP("ExportDialog", "Excel workbooks (*.xlsx)"),
    "html": QT_TRANSLATE_NOOP("ExportDialog", "Web pages (*.html)"), "pdf": QT_TRANSLATE_NOOP("ExportDialog", "PDF documents (*.pdf)"), "svg": QT_TRANSLATE_NOOP("ExportDialog", "SVG images (*.svg)"),
    "png": QT_TRANSLATE_NOOP("ExportDialog", "PNG images (*.png)"), "bpmn": QT_TRANSLATE_NOOP("ExportDialog", "BPMN diagrams (*.bpmn)"), "graphml": QT_TRANSLATE_NOOP("ExportDialog", "GraphML graphs (*.graphml)"),
    "mermaid": QT_TRANSLATE_NOOP("ExportDialog", "Mermaid flowcharts (*.mmd)"), "markdown": QT_TRANSLATE_NOOP("ExportDialog", "Markdown documents (*.md)"),
}
_NOTES = {
    "json": QT_TRANSLATE_NOOP("ExportDialog", "For another member to import and merge. Holds member email addresses, as a bundle must."),
    "csv": QT_TRANSLATE_NOOP("ExportDialog", "One CSV file per table (steps, dependencies, blockers, organisations, members, findings) and a README, zipped."),
    "xlsx": QT_TRANSLATE_NOOP("ExportDialog", "An About sheet, then steps, dependencies, blockers, organisations, members and findings."),
    "html": QT_TRANSLATE_NOOP("ExportDialog", "One file that opens offline in any browser: the map, the findings and the tables; prints well."),
    "pdf": QT_TRANSLATE_NOOP("ExportDialog", "The journey map as a poster, landscape, with title, date, key and the marking at the top and bottom."),
    "svg": QT_TRANSLATE_NOOP("ExportDialog", "The poster as a vector image for slides and documents."),
    "png": QT_TRANSLATE_NOOP("ExportDialog", "The poster as a picture; a very large map is drawn at a lower resolution."),
    "bpmn": QT_TRANSLATE_NOOP("ExportDialog", "Opens as drawn in bpmn.io and Camunda Modeler: a lane per organisation, blockers as notes."),
    "graphml": QT_TRANSLATE_NOOP("ExportDialog", "The step graph and the organisation graph with their attributes, for yEd and Gephi."),
    "mermaid": QT_TRANSLATE_NOOP("ExportDialog", "A flowchart with a box per organisation, for wikis and Markdown documents."),
    "markdown": QT_TRANSLATE_NOOP("ExportDialog", "A short briefing: the journey, hand-offs, open blockers and findings."),
}
_PAPER_LABELS = {"auto": QT_TRANSLATE_NOOP("ExportDialog", "Automatic (readable when printed)")}


# --- the pieces tests patch -------------------------------------------------------------------------


def ask_save_path(parent: QWidget | None, fmt: str, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, translate("ExportDialog", "Export to"), suggested,
                                          translate("ExportDialog", "{0};;All files (*)").format(translate("ExportDialog", _FILTERS[fmt])))
    return path or None


def show_done(parent: QWidget | None, result: ExportResult) -> None:
    text = translate("ExportDialog", "Exported to {0}\n\nMarked {1}.").format(result.path, result.classification)
    if result.notes:
        text += "\n\n" + "\n".join(result.notes)
    QMessageBox.information(parent, translate("dialogs.export", "Exported"), text)


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, translate("dialogs.export", "Not exported"), message)


def safe_file_name(text: str) -> str:
    """A file name from a journey's name: letters, digits, spaces, dashes."""
    cleaned = re.sub(r"[^\w\- ]+", "", text, flags=re.UNICODE).strip()
    return re.sub(r"\s+", " ", cleaned)[:80] or "export"


# --- the dialog ---------------------------------------------------------------------------------------


#: what the preview counts, as a heading each (counts are given as "Steps: 40", so no noun has to
#: agree with its number, which in Welsh mutates it)
COUNTED = {
    "journeys": QT_TRANSLATE_NOOP("ExportDialog", "Journeys"),
    "steps": QT_TRANSLATE_NOOP("ExportDialog", "Steps"),
    "dependencies": QT_TRANSLATE_NOOP("ExportDialog", "Hand-offs"),
    "blockers": QT_TRANSLATE_NOOP("ExportDialog", "Blockers"),
    "organisations": QT_TRANSLATE_NOOP("ExportDialog", "Organisations"),
    "members": QT_TRANSLATE_NOOP("ExportDialog", "Members"),
}


def preview_text(preview: exports.Preview) -> list[str]:
    """The preview's sentences in the app's language (the core's ``Preview.lines`` is English)."""
    counts = "; ".join(translate("ExportDialog", "{0}: {1}").format(translate("ExportDialog", COUNTED.get(kind, kind)),
                                                                  core_i18n.format_number(n))
                       for kind, n in preview.counts.items())
    out = [translate("ExportDialog", "Includes — {0}.").format(counts)]
    n = preview.sensitive_blockers
    if n and not preview.include_sensitive:
        out.append(translate("ExportDialog", "Leaves out OFFICIAL-SENSITIVE blockers, with their notes: {0}.").format(
            core_i18n.format_number(n)))
    elif n:
        out.append(translate("ExportDialog", "Includes OFFICIAL-SENSITIVE blockers: {0}; the export is marked "
                             "OFFICIAL-SENSITIVE.").format(core_i18n.format_number(n)))
    else:
        out.append(translate("ExportDialog", "Nothing in scope is OFFICIAL-SENSITIVE."))
    out.append(translate("ExportDialog", "Member email addresses are never exported (except in the JSON bundle)."))
    out.append(translate("ExportDialog", "Marked: {0}.").format(preview.classification))
    return out


def preview_lines(_progress: Progress, ctx: AppContext, fmt: str, journey_id: str | None,
                  organisation_id: str | None, include_sensitive: bool) -> list[str]:
    """What the export will hold and leave out, in sentences (in a worker thread)."""
    with ctx.store.session() as session:
        preview = exports.preview(session, journey_id=journey_id, organisation_id=organisation_id,
                                  include_sensitive=include_sensitive)
    lines = preview_text(preview)
    if fmt in exports.WITH_FINDINGS and not preview.findings:
        lines.append(translate("ExportDialog", "Findings: the analysis is not available in this version."))
    return lines


def run_export(progress: Progress, ctx: AppContext, fmt: str, path: str, journey_id: str | None,
               organisation_id: str | None, include_sensitive: bool, options: dict[str, Any]) -> ExportResult:
    """The export, in a worker thread: its own session, plain values in and out."""
    with ctx.store.session() as session:
        return exports.export(
            session, fmt, path, journey_id=journey_id, organisation_id=organisation_id,
            include_sensitive=include_sensitive, options=options, progress=progress.report,
        )


class ExportDialog(QDialog):
    """Choose what to export and where; watch it go."""

    #: the export finished: an ExportResult
    finished_export = Signal(object)
    #: the export failed: the exception
    failed_export = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: ExportResult | None = None
        self.setWindowTitle(translate("ExportDialog", "Export"))
        self.setMinimumWidth(620)
        self._path_edited = False

        journeys, orgs = ctx.read(lambda s: (
            [(j.id, j.text) for j in workspace_queries.journey_choices(s)],
            [tuple(o) for o in workspace_queries.organisation_choices(s)],
        ))

        self.format = QComboBox()
        for fmt in exports.FORMATS:
            self.format.addItem(exports.DESCRIPTIONS[fmt][0], fmt)
        remembered = settings.EXPORT_FORMAT.get()
        self.format.setCurrentIndex(max(0, self.format.findData(remembered)))
        self.format.setAccessibleName(translate("ExportDialog", "Format"))
        self.about_format = QLabel()
        self.about_format.setWordWrap(True)
        self.about_format.setObjectName("hint")

        self.journey = QComboBox()
        self.journey.addItem(translate("ExportDialog", "The whole community (every journey)"), None)
        for jid, name in journeys:
            self.journey.addItem(name, jid)
        self.journey.setCurrentIndex(max(0, self.journey.findData(ctx.journey_id)) if ctx.journey_id else 0)
        self.journey.setAccessibleName(translate("ExportDialog", "Journey"))

        self.organisation = QComboBox()
        self.organisation.addItem(translate("ExportDialog", "None: the whole map"), None)
        for oid, label, name in orgs:
            self.organisation.addItem(f"{label} ({name})" if label != name else name, oid)
        self.organisation.setAccessibleName(translate("ExportDialog", "Organisation pack"))
        self.organisation.setToolTip(translate("ExportDialog", "A pack for one organisation: its steps, hand-offs in and out, and its blockers (PDF or XLSX)."))

        self.sensitive = QCheckBox(translate("ExportDialog", "Include OFFICIAL-SENSITIVE blockers and their notes"))
        self.warning = QLabel(translate("ExportDialog", WARNING))
        self.warning.setWordWrap(True)
        self.warning.setProperty("role", "error")  # bold, in the theme's red (4.5:1 or more in both)
        self.warning.setVisible(False)

        # poster and picture options
        self.paper = QComboBox()
        for paper in exports.PAPERS:  # shown in words, sent as the core's value ("auto", "A3", ...)
            self.paper.addItem(translate("ExportDialog", _PAPER_LABELS[paper]) if paper in _PAPER_LABELS else paper, paper)
        self.paper.setAccessibleName(translate("ExportDialog", "Paper size"))
        self.paper.setToolTip(translate("ExportDialog", "Automatic chooses the paper, and tiles it over sheets if need be, so that step "
                              "titles print at 7.5 pt or more."))
        self.fit = QRadioButton(translate("ExportDialog", "Fit on one page"))
        self.tiled = QRadioButton(translate("ExportDialog", "Full size, tiled over pages"))
        self.fit.setChecked(True)
        self.paper.currentIndexChanged.connect(self._paper_chosen)
        self._paper_chosen()
        paper_row = QWidget()
        paper_layout = QHBoxLayout(paper_row)
        paper_layout.setContentsMargins(0, 0, 0, 0)
        paper_layout.addWidget(self.paper)
        paper_layout.addWidget(QLabel(translate("ExportDialog", "landscape")))
        paper_layout.addSpacing(12)
        paper_layout.addWidget(self.fit)
        paper_layout.addWidget(self.tiled)
        paper_layout.addStretch(1)
        self.dpi = QSpinBox()
        self.dpi.setRange(36, 600)
        self.dpi.setSingleStep(50)
        self.dpi.setValue(150)
        self.dpi.setSuffix(translate("ExportDialog", " dpi"))
        self.dpi.setAccessibleName(translate("ExportDialog", "Resolution"))
        self.dpi.setMaximumWidth(140)
        self.options_box = QGroupBox(translate("ExportDialog", "Poster"))
        options_form = QFormLayout(self.options_box)
        options_form.addRow(translate("ExportDialog", "Paper:"), paper_row)
        options_form.addRow(translate("ExportDialog", "Resolution:"), self.dpi)
        self._paper_row, self._dpi_row = paper_row, self.dpi
        self._options_form = options_form

        self.path = QLineEdit()
        self.path.setAccessibleName(translate("ExportDialog", "File"))
        self.path.textEdited.connect(self._path_typed)
        browse = QPushButton(translate("ExportDialog", "Choose…"))
        browse.clicked.connect(self.choose_path)
        path_row = QWidget()
        path_layout = QHBoxLayout(path_row)
        path_layout.setContentsMargins(0, 0, 0, 0)
        path_layout.addWidget(self.path, 1)
        path_layout.addWidget(browse)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(translate("ExportDialog", "What the export includes and leaves out"))
        self.preview.setFixedHeight(118)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("hint")

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(translate("ExportDialog", "Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)

        form = QFormLayout()
        form.addRow(translate("ExportDialog", "Format:"), self.format)
        form.addRow("", self.about_format)
        form.addRow(translate("ExportDialog", "Journey:"), self.journey)
        form.addRow(translate("ExportDialog", "Organisation pack:"), self.organisation)
        form.addRow(translate("ExportDialog", "Save as:"), path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.options_box)
        layout.addWidget(self.sensitive)
        layout.addWidget(self.warning)
        layout.addWidget(QLabel(translate("ExportDialog", "<b>What leaves the laptop</b>")))
        layout.addWidget(self.preview)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.preview_ready = False
        self._preview_head: list[str] = []
        self.preview_runner = TaskRunner(self)
        self.preview_runner.succeeded.connect(self._previewed)
        self.preview_runner.failed.connect(lambda exc: self._previewed([str(exc)]))
        self.runner = TaskRunner(self, busy_after_ms=0)
        self.runner.progressed.connect(self._progressed)
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(self._failed)

        for combo in (self.format, self.journey, self.organisation):
            combo.currentIndexChanged.connect(self.refresh)
        self.sensitive.toggled.connect(self.refresh)
        self.refresh()

    # --- choices ------------------------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def choices(self) -> dict[str, Any]:
        """The export's arguments as plain values."""
        org = self.organisation.currentData() if self.fmt in exports.PACK_FORMATS else None
        return {
            "fmt": self.fmt,
            "path": self.path.text().strip(),
            "journey_id": self.journey.currentData(),
            "organisation_id": org,
            "include_sensitive": self.sensitive.isChecked(),
            "options": {"paper": str(self.paper.currentData()), "tiled": self.tiled.isChecked(), "dpi": self.dpi.value()},
        }

    def _paper_chosen(self) -> None:
        """One page or tiled means something only for a chosen paper: Automatic decides both itself."""
        chosen = self.paper.currentData() != "auto"
        for button in (self.fit, self.tiled):
            button.setEnabled(chosen)
            button.setToolTip("" if chosen else translate("ExportDialog", "Automatic chooses whether to tile, so titles print readably."))

    def refresh(self) -> None:
        """Show the options the format takes, suggest a file name, and update the preview."""
        fmt = self.fmt
        pack = fmt in exports.PACK_FORMATS
        self.organisation.setEnabled(pack)
        org = self.organisation.currentData() if pack else None
        poster = fmt == "pdf" and org is None
        self._options_form.setRowVisible(self._paper_row, poster)
        self._options_form.setRowVisible(self._dpi_row, fmt == "png")
        self.options_box.setVisible(poster or fmt == "png")
        self.options_box.setTitle(translate("ExportDialog", "Poster") if poster else "Picture")
        self.about_format.setText(translate("ExportDialog", "An organisation's pack: its steps, hand-offs in and out, and the blockers it owns or causes.")
                                  if org else translate("ExportDialog", _NOTES[fmt]))
        self.warning.setVisible(self.sensitive.isChecked())
        if not self._path_edited:
            self.path.setText(str(self._suggested_path()))
        self._update_preview()

    def _update_preview(self) -> None:
        """Work out what the export holds in a worker (COUNT queries take a while on a big community)."""
        c = self.choices()
        self._preview_head = []
        if c["fmt"] in exports.ONE_JOURNEY and c["journey_id"] is None and self.journey.count() > 2:
            self._preview_head.append(translate("ExportDialog", "{0} shows one journey's map: choose a journey.").format(c["fmt"].upper()))
        self.preview.setPlainText("\n".join([*self._preview_head, translate("ExportDialog", "Working out what the export holds…")]))
        self.preview_ready = False
        self.preview_runner.start(preview_lines, self.ctx, c["fmt"], c["journey_id"], c["organisation_id"],
                                  c["include_sensitive"])
        self.export_button.setEnabled(not self.runner.running and bool(c["path"]))

    def _previewed(self, lines: list[str]) -> None:
        self.preview.setPlainText("\n".join([*self._preview_head, *lines]))
        self.preview_ready = True

    def _suggested_path(self) -> Path:
        folder = Path(settings.EXPORT_FOLDER.get() or str(Path.home()))
        org = self.organisation.currentData() if self.fmt in exports.PACK_FORMATS else None
        name = self.journey.currentText() if self.journey.currentData() else "Community"
        if org:
            name = f"{self.organisation.currentText().split(' (')[0]} pack - {name}"
        return folder / f"{safe_file_name(name)} {date.today().isoformat()}{exports.DESCRIPTIONS[self.fmt][1]}"

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True
        self.export_button.setEnabled(bool(self.path.text().strip()))

    def choose_path(self) -> None:
        path = ask_save_path(self, self.fmt, self.path.text())
        if path:
            ending = exports.DESCRIPTIONS[self.fmt][1]
            if not Path(path).suffix:
                path += ending
            self.path.setText(path)
            self._path_edited = True
            self.export_button.setEnabled(True)

    # --- running --------------------------------------------------------------------------------------

    def start(self) -> None:
        """Run the export in a worker; the dialog stays open with a progress bar until it ends."""
        c = self.choices()
        if not c["path"]:
            return
        for widget in (self.format, self.journey, self.organisation, self.sensitive, self.options_box, self.path):
            widget.setEnabled(False)
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(translate("ExportDialog", "Exporting…"))
        self.runner.start(run_export, self.ctx, c["fmt"], c["path"], c["journey_id"], c["organisation_id"],
                          c["include_sensitive"], c["options"])

    def cancel(self) -> None:
        if self.runner.running:
            self.runner.cancel()
            self.status.setText(translate("ExportDialog", "Cancelled: nothing was written."))
            self._unlock()
            return
        self.reject()

    def _unlock(self) -> None:
        for widget in (self.format, self.journey, self.sensitive, self.options_box, self.path):
            widget.setEnabled(True)
        self.organisation.setEnabled(self.fmt in exports.PACK_FORMATS)
        self.progress.setVisible(False)
        self.export_button.setEnabled(bool(self.path.text().strip()))

    def _progressed(self, fraction: float, message: str) -> None:
        if fraction < 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(round(fraction * 100))
        if message:
            self.status.setText(message + "…")

    def _succeeded(self, result: ExportResult) -> None:
        self.result_value = result
        settings.EXPORT_FOLDER.set(str(Path(result.path).parent))
        settings.EXPORT_FORMAT.set(result.format)
        self.progress.setValue(100)
        self.status.setText(translate("ExportDialog", "Exported to {0}.").format(result.path))
        self.finished_export.emit(result)
        show_done(self, result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._unlock()
        message = str(exc) if isinstance(exc, ServiceCommunityError) else translate("ExportDialog", "The export failed: {0}").format(exc)
        self.status.setText(message)
        self.failed_export.emit(exc)
        show_error(self, message)

    def reject(self) -> None:
        if self.runner.running:
            self.runner.cancel()
        super().reject()

    def done(self, code: int) -> None:
        self.preview_runner.cancel()
        self.runner.wait(10_000)
        self.preview_runner.wait(10_000)
        super().done(code)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext) -> ExportResult | None:
        """Show the dialog; the export's result, or None if the person cancelled."""
        dialog = cls(ctx, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        try:
            dialog.exec()
            return dialog.result_value
        finally:
            dialog.deleteLater()
