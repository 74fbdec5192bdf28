"""File > Import: a bundle (merged, conflicts chosen one by one), a spreadsheet, a GOV.UK step by step.

:func:`run_import` asks for a file, reads and checks it in a worker (nothing is written yet), shows
what the import would do, and only then writes, in one transaction, before announcing
``Changes.everything()`` so every view refreshes. The format is worked out from the file.

* A **bundle** from another member is previewed as a merge; if records were changed on both sides
  :class:`ConflictDialog` shows each one with both versions side by side and a choice per record
  (keep mine or take theirs).
* A **spreadsheet** of steps or blockers is shown row by row in :class:`SpreadsheetPreviewDialog`
  with each row's problems; it imports when no row has errors, or imports only the good rows if
  asked to.
* A **GOV.UK step by step** is shown as the journey skeleton it becomes
  (:class:`GovukPreviewDialog`).

An import cannot be undone, and the undo history is cleared after one because it may refer to
records the import changed or removed. Every dialog has an ``ask`` classmethod returning plain
values, so tests patch it instead of driving a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QEventLoop, QSettings, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from servicecommunity import bundle, enums, merge
from servicecommunity.errors import BundleError, ServiceCommunityError
from servicecommunity.imports import (
    detect_format,
    govuk,
    json_kind,
    load_json,
    read_head,
    read_limited,
    spreadsheet,
)
from servicecommunity.merge import Choice, Conflict, MergeReport
from servicecommunity.models import ENTITIES
from servicecommunity.services import NOUN, Changes
from ui.context import AppContext
from ui.workers import TaskRunner

FOLDER_KEY = "import/folder"
FILTERS = (
    "Files the app can import (*.json *.csv *.xlsx *.zip)",
    "Bundles and GOV.UK step by steps (*.json)",
    "Spreadsheets (*.csv *.xlsx *.zip)",
    "All files (*)",
)
KEEP, TAKE = "Keep mine", "Take theirs"
_DIFFERS = QColor("#fff2cc")  # a soft yellow: readable on a projector, in both themes' tables
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
    labels: dict[str, str] | None = None  # record id -> what a person calls it (for conflicts)


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
            labels = record_labels(session, data) if report.conflicts else None
        return Prepared("bundle", source.name, data, report=report, labels=labels)
    with ctx.store.session() as session:
        preview = spreadsheet.preview(session, source, kind=kind, journey=ctx.journey_id, fmt=fmt)
    return Prepared("spreadsheet", source.name, preview=preview)


def record_labels(session: Any, data: Mapping[str, Any]) -> dict[str, str]:
    """Names of the records a conflict may mention: ours, then the bundle's for records we lack."""
    labels: dict[str, str] = {}
    for section, model in ENTITIES.items():
        table = model.__table__  # type: ignore[attr-defined]
        name = next((c for c in ("title", "name", "comment") if c in table.c), None)
        if name is None:
            continue
        for rid, text in session.execute(select(table.c.id, table.c[name])):
            labels[rid] = text
        for rec in data.get(section, ()):
            labels.setdefault(rec["id"], rec.get(name) or rec["id"])
    return labels


# --- the pieces tests patch -------------------------------------------------------------------------


def ask_import_path(parent: QWidget | None) -> str | None:
    """The file to import, or None; remembers the folder."""
    settings = QSettings()
    folder = str(settings.value(FOLDER_KEY, str(Path.home())))
    path, _ = QFileDialog.getOpenFileName(parent, "Import", folder, ";;".join(FILTERS))
    if not path:
        return None
    settings.setValue(FOLDER_KEY, str(Path(path).parent))
    return path


def ask_kind(parent: QWidget | None, name: str, kinds: Sequence[str]) -> spreadsheet.Kind | None:
    """Steps or blockers, when a workbook holds both."""
    words = {"steps": "Steps", "blockers": "Blockers"}
    choice, ok = QInputDialog.getItem(parent, "Import", f"{name} holds more than one table. Import which?",
                                      [words[k] for k in kinds], 0, False)
    if not ok:
        return None
    return "steps" if choice == "Steps" else "blockers"


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Ok


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, "Import", message)


def show_info(parent: QWidget | None, message: str) -> None:
    QMessageBox.information(parent, "Import", message)


def in_worker(parent: QWidget | None, label: str, fn: Callable[..., Any], *args: Any, cancellable: bool = True) -> Any:
    """Run ``fn(*args)`` off the UI thread with a progress dialog; its result, or its exception.

    Returns None if the person cancelled (only offered for work that writes nothing).
    """
    runner = TaskRunner()
    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    progress = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0, parent)
    progress.setWindowTitle("Import")
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
            prepared = in_worker(parent, f"Reading {name}…", prepare, ctx, path)
        except spreadsheet.SpreadsheetKindError as exc:
            kind = ask_kind(parent, name, exc.kinds)
            if kind is None:
                return False
            prepared = in_worker(parent, f"Reading {name}…", prepare, ctx, path, kind)
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
    choices: dict[str, Choice] = {}
    if report.conflicts:
        asked = ConflictDialog.ask(parent, report, prepared.labels or {})
        if asked is None:
            return False
        choices = dict(asked)
    elif not report.changed:
        show_info(parent, f"{prepared.name} holds nothing new: the workspace already has all of it.")
        return False
    elif not confirm(parent, "Import", f"{report.summary()}\n\nImporting cannot be undone."):
        return False

    def write() -> MergeReport:
        with ctx.store.session() as session:
            return merge.import_bundle(session, prepared.data, choices=choices, actor_id=ctx.member_id)

    done = in_worker(parent, f"Merging {prepared.name}…", write, cancellable=False)
    show_info(parent, done.summary())
    return True


def _spreadsheet(parent: QWidget | None, ctx: AppContext, prepared: Prepared) -> bool:
    preview = prepared.preview
    assert preview is not None
    answer = SpreadsheetPreviewDialog.ask(parent, preview)
    if answer is None:
        return False

    def write() -> spreadsheet.ApplyReport:
        with ctx.store.session() as session:
            return spreadsheet.apply(session, preview, skip_invalid=answer == "valid", actor_id=ctx.member_id).value

    report = in_worker(parent, f"Importing {prepared.name}…", write, cancellable=False)
    show_info(parent, report.summary())
    return True


def _govuk(parent: QWidget | None, ctx: AppContext, prepared: Prepared) -> bool:
    skeleton = prepared.skeleton
    assert skeleton is not None
    if not GovukPreviewDialog.ask(parent, skeleton):
        return False
    with ctx.store.session() as session:
        journey = govuk.apply(session, skeleton, actor_id=ctx.member_id).value
    ctx.set_journey(journey.id)
    return True


# --- conflicts ----------------------------------------------------------------------------------------

_FIELD_NAMES = {**spreadsheet.LABELS, "name": "Name", "position": "Position", "short_name": "Short name",
                "kind": "Kind", "colour": "Colour", "persona": "Persona", "user_need": "User need", "note": "Note",
                "agreed": "Agreed", "handoff_mode": "Hand-off by", "from_step_id": "From step", "to_step_id": "To step",
                "dependency_ids": "Hand-offs affected", "workshop_id": "Workshop", "comment": "Comment",
                "old_status": "Old status", "new_status": "New status", "author_id": "Author", "email": "Email",
                "role": "Role", "organisation_id": "Organisation", "group_ids": "Sub-groups", "purpose": "Purpose",
                "held_on": "Held on", "facilitator_id": "Facilitator", "notes": "Notes", "attendee_ids": "Attendees",
                "community_id": "Community", "blocker_id": "Blocker", "updated_at": "Last changed"}
_HIDDEN = {"id", "created_at"}


def field_name(key: str) -> str:
    return _FIELD_NAMES.get(key) or key.replace("_", " ").capitalize()


def show_value(key: str, value: Any, labels: Mapping[str, str]) -> str:
    """A field's value as a person reads it: names for ids, words for vocabularies."""
    if value is None or value in ("", []):
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(show_value(key, v, labels) for v in value)
    if isinstance(value, str) and key.endswith(("_id", "_ids")):
        return labels.get(value, value)
    if key == "updated_at" and isinstance(value, str):
        return value[:16].replace("T", " ")
    if isinstance(value, str) and key in ("status", "severity", "category", "kind", "channels", "handoff_mode",
                                          "old_status", "new_status", "role"):
        return enums.label(value)
    return str(value)


class ConflictDialog(QDialog):
    """Records changed on both sides: both versions side by side, and a choice for each.

    :meth:`ask` returns ``{record id: "local" | "remote"}`` (every conflict named), or None if the
    person cancels the merge.
    """

    def __init__(self, report: MergeReport, labels: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge: choose what to keep")
        self.resize(1000, 560)
        self.report = report
        self.labels = labels
        self.conflicts: list[Conflict] = list(report.conflicts)
        self.choices: dict[str, Choice] = {c.id: "local" for c in self.conflicts}

        n = len(self.conflicts)
        intro = QLabel(
            f"<b>{n} record{'s were' if n != 1 else ' was'} changed both here and in the bundle.</b> "
            f"For each, keep your version or take the bundle's. Everything else merges by itself: {report.changes_text()}."
        )
        intro.setWordWrap(True)

        self.list = QTableWidget(n, 3)
        self.list.setHorizontalHeaderLabels(["Record", "What happened", "Keep"])
        self.list.verticalHeader().setVisible(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.combos: list[QComboBox] = []
        for row, conflict in enumerate(self.conflicts):
            what = QTableWidgetItem(f"{NOUN[conflict.section].capitalize()}: {conflict.title}")
            what.setToolTip(conflict.title)
            self.list.setItem(row, 0, what)
            self.list.setItem(row, 1, QTableWidgetItem(conflict.reason))
            combo = QComboBox()
            combo.addItem(KEEP, "local")
            combo.addItem(TAKE, "remote")
            combo.setAccessibleName(f"Keep which version of {conflict.title}")
            combo.currentIndexChanged.connect(lambda _i, r=row: self._chosen(r))
            self.combos.append(combo)
            self.list.setCellWidget(row, 2, combo)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentCellChanged.connect(lambda row, *_: self._show(row))

        self.detail = QTableWidget(0, 3)
        self.detail.setHorizontalHeaderLabels(["Field", "Here (yours)", "In the bundle (theirs)"])
        self.detail.verticalHeader().setVisible(False)
        self.detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail.setWordWrap(True)
        detail_header = self.detail.horizontalHeader()
        detail_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        detail_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        detail_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail_title)
        right_layout.addWidget(self.detail)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([440, 560])

        keep_all = QPushButton("Keep all &mine")
        take_all = QPushButton("Take all &theirs")
        keep_all.clicked.connect(lambda: self.set_all("local"))
        take_all.clicked.connect(lambda: self.set_all("remote"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Merge")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(keep_all)
        actions.addWidget(take_all)
        actions.addStretch(1)
        actions.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(QLabel("Importing cannot be undone."))
        layout.addLayout(actions)
        if n:
            self.list.selectRow(0)
            self._show(0)

    def _chosen(self, row: int) -> None:
        self.choices[self.conflicts[row].id] = self.combos[row].currentData()

    def set_all(self, choice: Choice) -> None:
        for combo in self.combos:
            combo.setCurrentIndex(0 if choice == "local" else 1)

    def choose(self, record_id: str, choice: Choice) -> None:
        row = next(i for i, c in enumerate(self.conflicts) if c.id == record_id)
        self.combos[row].setCurrentIndex(0 if choice == "local" else 1)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        self.detail_title.setText(f"<b>{NOUN[conflict.section].capitalize()}: {conflict.title}</b> — {conflict.reason}")
        local, remote = conflict.local or {}, conflict.remote or {}
        keys = [k for k in (remote or local) if k not in _HIDDEN]
        differing = set(conflict.fields_differing) | ({"updated_at"} if local and remote else set())
        keys.sort(key=lambda k: (k not in conflict.fields_differing, k == "updated_at"))
        self.detail.setRowCount(len(keys))
        bold = QFont(self.font())
        bold.setBold(True)
        for i, key in enumerate(keys):
            cells = [
                field_name(key),
                "(deleted here)" if not local else show_value(key, local.get(key), self.labels),
                "(deleted in the bundle)" if not remote else show_value(key, remote.get(key), self.labels),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if key in conflict.fields_differing:
                    item.setBackground(QBrush(_DIFFERS))
                    item.setForeground(QBrush(QColor("#0b0c0c")))
                    if column == 0:
                        item.setFont(bold)
                elif key not in differing:
                    item.setForeground(self.palette().placeholderText())
                self.detail.setItem(i, column, item)
        self.detail.resizeRowsToContents()

    @classmethod
    def ask(cls, parent: QWidget | None, report: MergeReport, labels: Mapping[str, str] | None = None) -> dict[str, Choice] | None:
        dialog = cls(report, labels or {}, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dict(dialog.choices)
        finally:
            dialog.deleteLater()


# --- spreadsheets -------------------------------------------------------------------------------------

_ACTIONS = {"create": "New", "update": "Update", "skip": "Unchanged"}


class SpreadsheetPreviewDialog(QDialog):
    """A spreadsheet row by row: what each row does and what is wrong with it.

    :meth:`ask` returns ``"all"`` (no row has errors), ``"valid"`` (import only the rows without
    errors) or None.
    """

    def __init__(self, preview: spreadsheet.Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        noun = "steps" if preview.kind == "steps" else "blockers"
        self.setWindowTitle(f"Import {noun} from {preview.name}")
        self.resize(1000, 520)
        self.preview = preview
        self.answer: str | None = None
        summary = QLabel(preview.summary())
        summary.setWordWrap(True)

        shown = [h for h in preview.headers if h in preview.columns][:12]
        headers = ["Row", "Import as", "Problems", *shown]
        self.table = QTableWidget(len(preview.rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, result in enumerate(preview.rows):
            action = "Not imported" if result.errors else _ACTIONS[result.action]
            if result.new_stage and not result.errors:
                action += f" (new stage {result.new_stage[1]!r})"
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
        self.import_all = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_all.setEnabled(not preview.errors and bool(preview.rows))
        self.import_all.clicked.connect(lambda: self._done("all"))
        self.import_valid = self.buttons.addButton(
            f"Import the {good} good row{'s' if good != 1 else ''}", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_valid.setVisible(bool(preview.errors))
        self.import_valid.setEnabled(good > 0)
        self.import_valid.clicked.connect(lambda: self._done("valid"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Nothing has been written yet. Importing cannot be undone."))
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


class GovukPreviewDialog(QDialog):
    """The journey a GOV.UK step by step becomes: stages, steps, their links. :meth:`ask` -> bool."""

    def __init__(self, skeleton: govuk.Skeleton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a GOV.UK step by step")
        self.resize(760, 520)
        summary = QLabel(
            f"<b>{skeleton.summary()}</b><br>Each numbered step becomes a stage; “and” steps run beside "
            "the step before them, “or” steps are alternatives to it. Owners are left for the community to fill in."
        )
        summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Stage and steps", "Touchpoint"])
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
        where = "a new community" if skeleton.community_id is None else "this community"
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Create journey")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(QLabel(f"The journey {skeleton.name!r} is added to {where}."))
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, skeleton: govuk.Skeleton) -> bool:
        dialog = cls(skeleton, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
