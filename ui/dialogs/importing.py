"""File > Import: a bundle (merged, conflicts chosen one by one), a spreadsheet, a GOV.UK step by step.

:func:`run_import` asks for a file, reads and checks it in a worker (nothing is written yet), shows
what the import would do, and only then writes, in one transaction, before announcing
``Changes.everything()`` so every view refreshes. The format is worked out from the file.

* A **bundle** from another member is previewed as a merge and, once the person agrees, merged;
  what two members changed differently stays pending with both values kept, and the review
  (:class:`ui.dialogs.conflicts.ConflictDialog`) opens at once over those conflicts: both values side by
  side, who changed each and when, a recommended choice, or "decide later". Choices are settled
  with :func:`servicecommunity.exchange.merge.resolve_conflict` and travel with the next bundle.
* A **spreadsheet** of steps or blockers is shown row by row in :class:`SpreadsheetPreviewDialog`
  with each row's problems; it imports when no row has errors, or imports only the good rows if
  asked to.
* A **GOV.UK step by step** is shown as the journey skeleton it becomes
  (:class:`GovukPreviewDialog`).

Before the first write the workspace is backed up (:func:`servicecommunity.store.backups.before_change`,
as the command line does). An import cannot be undone, and the undo history is cleared after one
because it may refer to records the import changed or removed. Every dialog has an ``ask`` classmethod returning plain
values, so tests patch it instead of driving a modal loop.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.domain.errors import BundleError, ServiceCommunityError
from servicecommunity.exchange import bundle, merge
from servicecommunity.exchange.imports import (
    detect_format,
    govuk,
    json_kind,
    load_json,
    read_head,
    read_limited,
    spreadsheet,
)
from servicecommunity.exchange.merge import MergeReport
from servicecommunity.services import Changes
from servicecommunity.store import backups
from ui import dialogs, settings
from ui.context import AppContext
from ui.dialogs.conflicts import ConflictDialog, record_labels, settle, settled_text
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.workers import TaskRunner

FILTERS = (
    "Files the app can import (*.json *.csv *.xlsx *.zip)",
    "Bundles and GOV.UK step by steps (*.json)",
    "Spreadsheets (*.csv *.xlsx *.zip)",
    "All files (*)",
)
_PROBLEM = QColor("#f6d7d2")


# --- what a file becomes --------------------------------------------------------------------------


@dataclass
class Prepared:
    """A file read and checked, with what importing it would do; nothing written yet."""

    kind: Literal["bundle", "spreadsheet", "govuk"]
    name: str
    data: Any = None  # the bundle, or the GOV.UK content item
    report: MergeReport | None = None
    preview: spreadsheet.Preview | None = None
    skeleton: govuk.Skeleton | None = None


def prepare(ctx: AppContext, path: str | Path, kind: spreadsheet.Kind | None = None) -> Prepared:
    """Read, check and preview a file (runs in a worker: plain values and its own session only)."""
    source = Path(path)
    fmt = detect_format(source, read_head(source))
    if fmt == "json":
        data = load_json(read_limited(source, bundle.MAX_BYTES, "an import"), source.name)
        which = json_kind(data)
        if which is None:
            raise BundleError(f"{source.name} is JSON, but neither a Service Community bundle nor a GOV.UK step by step.")
        with ctx.store.session() as session:
            if which == "govuk":
                return Prepared("govuk", source.name, data, skeleton=govuk.preview_data(session, data, source.name))
            bundle.validate_bundle(data, name=source.name)
            report = merge.preview_merge(session, data)
        return Prepared("bundle", source.name, data, report=report)
    with ctx.store.session() as session:
        preview = spreadsheet.preview(session, source, kind=kind, journey=ctx.journey_id, fmt=fmt)
    return Prepared("spreadsheet", source.name, preview=preview)


# --- the pieces tests patch -------------------------------------------------------------------------


def ask_import_path(parent: QWidget | None) -> str | None:
    """The file to import, or None; remembers the folder."""
    folder = settings.IMPORT_FOLDER.get() or str(Path.home())
    path, _ = QFileDialog.getOpenFileName(parent, "Import", folder, ";;".join(FILTERS))
    if not path:
        return None
    settings.IMPORT_FOLDER.set(str(Path(path).parent))
    return path


def ask_kind(parent: QWidget | None, name: str, kinds: Sequence[str]) -> spreadsheet.Kind | None:
    """Steps or blockers, when a workbook holds both."""
    words = {"steps": translate("dialogs.importing", "Steps"), "blockers": translate("dialogs.importing", "Blockers")}
    choice, ok = QInputDialog.getItem(parent, translate("dialogs.importing", "Import"),
                                      translate("dialogs.importing", "{0} holds more than one table. Import which?").format(name),
                                      [words[k] for k in kinds], 0, False)
    if not ok:
        return None
    return "steps" if choice == words["steps"] else "blockers"


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Ok


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, translate("dialogs.importing", "Import"), message)


def show_info(parent: QWidget | None, message: str) -> None:
    QMessageBox.information(parent, translate("dialogs.importing", "Import"), message)


def in_worker(parent: QWidget | None, label: str, fn: Callable[..., Any], *args: Any, cancellable: bool = True) -> Any:
    """Run ``fn(*args)`` off the UI thread with a progress dialog; its result, or its exception.

    Returns None if the person cancelled (only offered for work that writes nothing).
    """
    runner = TaskRunner()
    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    progress = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0, parent)
    progress.setWindowTitle(translate("dialogs.importing", "Import"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    if not cancellable:
        progress.setCancelButton(None)

    def done(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    runner.succeeded.connect(lambda value: done("result", value))
    runner.failed.connect(lambda exc: done("error", exc))
    def cancel() -> None:
        runner.cancel()
        done("cancelled", True)

    progress.canceled.connect(cancel)
    runner.start(lambda _progress, *a: fn(*a), *args)
    if not outcome:
        loop.exec()
    progress.reset()
    progress.deleteLater()
    runner.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


# --- the flow ---------------------------------------------------------------------------------------


def run_import(parent: QWidget | None, ctx: AppContext) -> None:
    """File > Import: pick a file, see what it would do, import it."""
    path = ask_import_path(parent)
    if path:
        import_file(parent, ctx, path)


def import_file(parent: QWidget | None, ctx: AppContext, path: str | Path) -> bool:
    """Import one file with previews and questions; True if the workspace changed."""
    name = Path(path).name
    try:
        try:
            prepared = in_worker(parent, translate("dialogs.importing", "Reading {0}…").format(name), prepare, ctx, path)
        except spreadsheet.SpreadsheetKindError as exc:
            kind = ask_kind(parent, name, exc.kinds)
            if kind is None:
                return False
            prepared = in_worker(parent, translate("dialogs.importing", "Reading {0}…").format(name), prepare, ctx, path, kind)
        if prepared is None:
            return False
        if prepared.kind == "bundle":
            changed = _merge(parent, ctx, prepared)
        elif prepared.kind == "spreadsheet":
            changed = _spreadsheet(parent, ctx, prepared)
        else:
            changed = _govuk(parent, ctx, prepared)
    except ServiceCommunityError as exc:
        show_error(parent, str(exc))
        return False
    if changed:
        ctx.undo_stack.clear()  # its commands may name records the import changed or removed
        ctx.announce(Changes.everything())
    return changed


def _merge(parent: QWidget | None, ctx: AppContext, prepared: Prepared) -> bool:
    report = prepared.report
    assert report is not None
    if not report.changed and not report.conflicts:
        show_info(parent, translate("dialogs.importing", "{0} holds nothing new: the workspace already has all of it.").format(prepared.name))
        return False
    if not confirm(parent, translate("dialogs.importing", "Import"), merge_question(prepared.name, report, team=ctx.store.is_server)):
        return False

    def write() -> tuple[MergeReport, dict[str, str]]:
        backups.before_change(ctx.store, "import")
        with ctx.store.session() as session:
            done = merge.import_bundle(session, prepared.data, actor_id=ctx.member_id)
            return done, (record_labels(session) if done.conflicts else {})

    done, labels = in_worker(parent, translate("dialogs.importing", "Merging {0}…").format(prepared.name), write, cancellable=False)
    text = f"Merged {prepared.name}: {done.changes_text()}."
    if done.joined:
        joined = done.joined
        text += " " + translate("dialogs.importing", "%n hand-off(s) drawn on both sides made one.", "", joined)
    if done.conflicts:
        asked = ConflictDialog.ask(parent, done.conflicts, labels,
                                   intro=translate("dialogs.importing", "The rest of {0} is merged: {1}.").format(
                                       prepared.name, done.changes_text()))
        settled, problems = settle(ctx, done.conflicts, asked or {})
        text += " " + settled_text(settled, len(done.conflicts) - settled, problems)
    for line in done.duplicates:
        text += "\n" + translate("dialogs.importing", "Likely duplicate: {0}").format(line)
    show_info(parent, text)
    return True


def merge_question(name: str, report: MergeReport, *, team: bool = False) -> str:
    """What merging would do, asked before anything is written (``team``: into a team workspace on a server)."""
    text = translate("dialogs.importing", "Merging {0} would make: {1}.").format(name, report.changes_text())
    n = len(report.conflicts)
    if n:
        text += "\n\n" + translate("dialogs.importing", "%n change(s) (clashes|clash) with another member's: both values "
                                     "are kept, and you choose which to keep right after the merge, or later "
                                     "(Community > Conflicts…).", "", n)
    if team:  # no copy is taken of a server's database here: its hosting team backs it up (pg_dump)
        text += "\n\n" + translate("dialogs.importing", "The team workspace's backups are its hosting team's. Importing cannot be undone.")
    else:
        text += "\n\n" + translate("dialogs.importing", "The workspace is backed up first. Importing cannot be undone.")
    return text


def _spreadsheet(parent: QWidget | None, ctx: AppContext, prepared: Prepared) -> bool:
    preview = prepared.preview
    assert preview is not None
    answer = SpreadsheetPreviewDialog.ask(parent, preview)
    if answer is None:
        return False

    def write() -> spreadsheet.ApplyReport:
        backups.before_change(ctx.store, "import")
        with ctx.store.session() as session:
            return spreadsheet.apply(session, preview, skip_invalid=answer == "valid", actor_id=ctx.member_id).value

    report = in_worker(parent, translate("dialogs.importing", "Importing {0}…").format(prepared.name), write, cancellable=False)
    show_info(parent, report.summary())
    return True


def _govuk(parent: QWidget | None, ctx: AppContext, prepared: Prepared) -> bool:
    skeleton = prepared.skeleton
    assert skeleton is not None
    if not GovukPreviewDialog.ask(parent, skeleton):
        return False
    backups.before_change(ctx.store, "import")
    with ctx.store.session() as session:
        journey = govuk.apply(session, skeleton, actor_id=ctx.member_id).value
    ctx.set_journey(journey.id)
    return True


# --- spreadsheets -------------------------------------------------------------------------------------

_ACTIONS = {"create": QT_TRANSLATE_NOOP("SpreadsheetPreviewDialog", "New"),
            "update": QT_TRANSLATE_NOOP("SpreadsheetPreviewDialog", "Update"),
            "skip": QT_TRANSLATE_NOOP("SpreadsheetPreviewDialog", "Unchanged")}


class SpreadsheetPreviewDialog(QDialog):
    """A spreadsheet row by row: what each row does and what is wrong with it.

    :meth:`ask` returns ``"all"`` (no row has errors), ``"valid"`` (import only the rows without
    errors) or None.
    """

    def __init__(self, preview: spreadsheet.Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = (translate("SpreadsheetPreviewDialog", "Import steps from {0}") if preview.kind == "steps"
                 else translate("SpreadsheetPreviewDialog", "Import blockers from {0}"))
        self.setWindowTitle(title.format(preview.name))
        dialogs.fit_to_screen(self, (1000, 520))
        self.preview = preview
        self.answer: str | None = None
        summary = QLabel(preview.summary())
        summary.setWordWrap(True)

        shown = [h for h in preview.headers if h in preview.columns][:12]
        headers = [translate("SpreadsheetPreviewDialog", "Row"), translate("SpreadsheetPreviewDialog", "Import as"),
                   translate("SpreadsheetPreviewDialog", "Problems"), *shown]
        self.table = QTableWidget(len(preview.rows), len(headers))
        self.table.setAccessibleName(translate("SpreadsheetPreviewDialog", "Rows to import"))
        self.table.setAccessibleDescription(translate("SpreadsheetPreviewDialog", "Each row of the file, whether it will be imported, and why not"))
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons; arrows move inside
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, result in enumerate(preview.rows):
            action = (translate("SpreadsheetPreviewDialog", "Not imported") if result.errors
                      else translate("SpreadsheetPreviewDialog", _ACTIONS[result.action]))
            if result.new_stage and not result.errors:
                action = translate("SpreadsheetPreviewDialog", "{0} (new stage “{1}”)").format(action, result.new_stage[1])
            cells = [str(result.row_number), action, "\n".join(result.errors), *(result.values.get(h, "") for h in shown)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if result.errors:
                    item.setBackground(QBrush(_PROBLEM))
                    item.setForeground(QBrush(QColor("#0b0c0c")))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(max(self.table.columnWidth(2), 160), 340))
        for column in range(3, len(headers)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        self.table.resizeRowsToContents()

        good = sum(1 for r in preview.rows if r.ok)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_all = self.buttons.addButton(translate("SpreadsheetPreviewDialog", "&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_all.setEnabled(not preview.errors and bool(preview.rows))
        self.import_all.clicked.connect(lambda: self._done("all"))
        self.import_valid = self.buttons.addButton(
            translate("SpreadsheetPreviewDialog", "Import the %n good row(s)", "", good), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_valid.setVisible(bool(preview.errors))
        self.import_valid.setEnabled(good > 0)
        self.import_valid.clicked.connect(lambda: self._done("valid"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(translate("SpreadsheetPreviewDialog", "Nothing has been written yet. Importing cannot be undone.")))
        layout.addWidget(self.buttons)

    def _done(self, answer: str) -> None:
        self.answer = answer
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, preview: spreadsheet.Preview) -> Literal["all", "valid"] | None:
        dialog = cls(preview, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return "valid" if dialog.answer == "valid" else "all"
        finally:
            dialog.deleteLater()


# --- GOV.UK -------------------------------------------------------------------------------------------


#: the core's notes on what a step by step leaves for the community (English), as the app says them
_GOVUK_WARNINGS = {
    govuk.USER_NEED_PROMPT: QT_TRANSLATE_NOOP(
        "GovukPreviewDialog", "The journey's user need is left empty because the step by step does not say it: "
        "fill it in with the community (the journey's User need)."),
    govuk.CHANNELS_PROMPT: QT_TRANSLATE_NOOP(
        "GovukPreviewDialog", "Channels are left unknown because a link does not say whether a step can also be done "
        "by phone, on paper or face to face: record them as you learn them."),
}


def govuk_summary(skeleton: govuk.Skeleton) -> str:
    """What a step by step's import makes, in the app's language (the core's ``Skeleton.summary`` is English)."""
    counts = translate("GovukPreviewDialog", "Journey “{0}” — stages: {1}; steps: {2}; hand-offs: {3}.").format(
        skeleton.name, len(skeleton.stages), len(skeleton.steps), len(skeleton.dependencies))
    notes = [translate("GovukPreviewDialog", _GOVUK_WARNINGS[w]) if w in _GOVUK_WARNINGS else w for w in skeleton.warnings]
    return " ".join([counts, *notes])


class GovukPreviewDialog(QDialog):
    """The journey a GOV.UK step by step becomes: stages, steps, their links. :meth:`ask` -> bool."""

    def __init__(self, skeleton: govuk.Skeleton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("GovukPreviewDialog", "Import a GOV.UK step by step"))
        dialogs.fit_to_screen(self, (760, 520))
        summary = QLabel(f"<b>{html.escape(govuk_summary(skeleton))}</b><br>" + translate(
            "GovukPreviewDialog",
            "Every GOV.UK step becomes a stage (“and” and “or” steps too), and each task or link in it a step, with "
            "the link as its touchpoint. An “and” stage can be done at the same time as the numbered stage before "
            "it; an “or” stage is another way to go on from there. Owners are left for the community to fill in."))
        summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(translate("GovukPreviewDialog", "Stages and steps to import"))
        self.tree.setHeaderLabels([translate("GovukPreviewDialog", "Stage and steps"), translate("GovukPreviewDialog", "Touchpoint")])
        self.tree.setRootIsDecorated(True)
        for index, stage in enumerate(skeleton.stages):
            stage_item = QTreeWidgetItem([f"{index + 1}. {stage}", ""])
            font = stage_item.font(0)
            font.setBold(True)
            stage_item.setFont(0, font)
            for step in skeleton.steps:
                if step.stage != index:
                    continue
                prefix = "" if step.logic == "number" else f"{step.logic}: "
                child = QTreeWidgetItem([prefix + step.title, step.touchpoint_url or "—"])
                child.setToolTip(0, step.description)
                child.setToolTip(1, step.touchpoint)
                stage_item.addChild(child)
            self.tree.addTopLevelItem(stage_item)
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        added = (translate("GovukPreviewDialog", "The journey “{0}” is added to a new community.")
                 if skeleton.community_id is None else translate("GovukPreviewDialog", "The journey “{0}” is added to this community."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("GovukPreviewDialog", "&Create journey"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(QLabel(added.format(skeleton.name)))
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, skeleton: govuk.Skeleton) -> bool:
        dialog = cls(skeleton, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
