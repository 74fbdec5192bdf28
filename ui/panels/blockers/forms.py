"""The blocker's forms: raise or edit (:class:`BlockerForm`), change status, comment.

Each has an ``ask()`` classmethod returning plain values, so tests patch them instead of driving a
modal loop; :func:`show_error` tells the person why a change was refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.domain import schemas
from servicecommunity.domain.enums import (
    SERVICE_STANDARD_POINTS,
    BlockerCategory,
    BlockerStatus,
    Classification,
    Severity,
)
from servicecommunity.services.queries.blockers import FormChoices
from ui import dialogs
from ui.dialogs.forms import CheckedDialog, checked_values, checklist, combo
from ui.i18n import (
    label,
    translate,
)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class BlockerForm(CheckedDialog):
    """Raise or edit a blocker. :meth:`ask` returns the form's values, or None when cancelled."""

    def __init__(self, choices: FormChoices, initial: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or translate("BlockerForm", "Raise a blocker"))
        self.setObjectName("BlockerForm")
        initial = dict(initial or {})
        self.title_edit = QLineEdit(initial.get("title", ""))
        self.title_edit.setPlaceholderText(translate("BlockerForm", "What stops the community improving the journey?"))
        self.description_edit = QPlainTextEdit(initial.get("description", ""))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(80)
        self.category = combo([(label(c), c.value) for c in BlockerCategory], initial.get("category", "other"))
        self.severity = combo([(label(s), s.value) for s in Severity], initial.get("severity", "medium"))
        self.classification = combo([(c.value, c.value) for c in Classification],
                                     initial.get("classification", "OFFICIAL"))
        self.owner = combo([(translate("BlockerForm", "No owner yet"), None), *choices.organisations], initial.get("owner_id"))
        self.blocking = checklist(choices.organisations, initial.get("blocking_organisation_ids", ()))
        self.blocking.setMaximumHeight(90)
        today = date.today()
        self.raised_on = QDateEdit(_qdate(initial.get("raised_on") or today))
        self.raised_on.setCalendarPopup(True)
        self.raised_on.setDisplayFormat("d MMM yyyy")
        due = initial.get("due_on")
        self.has_due = QCheckBox(translate("BlockerForm", "Due by"))
        self.has_due.setChecked(due is not None)
        self.due_on = QDateEdit(_qdate(due or today))
        self.due_on.setCalendarPopup(True)
        self.due_on.setDisplayFormat("d MMM yyyy")
        self.due_on.setEnabled(due is not None)
        self.due_on.setAccessibleName(translate("BlockerForm", "Due date"))
        self.has_due.toggled.connect(self.due_on.setEnabled)
        self.points = checklist([(f"{n}. {text}", n) for n, text in SERVICE_STANDARD_POINTS.items()],
                                 initial.get("standard_points", ()))
        self.points.setMaximumHeight(90)
        self.steps = checklist(choices.steps, initial.get("step_ids", ()))
        self.steps.setMinimumHeight(110)
        self.dependencies = checklist(choices.dependencies, initial.get("dependency_ids", ()))
        self.dependencies.setMaximumHeight(70)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_on, 1)
        form = QFormLayout()
        form.addRow(translate("BlockerForm", "&Title"), self.title_edit)
        form.addRow(translate("BlockerForm", "&Description"), self.description_edit)
        form.addRow(translate("BlockerForm", "&Category"), self.category)
        form.addRow(translate("BlockerForm", "&Severity"), self.severity)
        form.addRow(translate("BlockerForm", "C&lassification"), self.classification)
        form.addRow(translate("BlockerForm", "&Owner (must resolve it)"), self.owner)
        form.addRow(translate("BlockerForm", "Caused by"), self.blocking)
        form.addRow(translate("BlockerForm", "&Raised on"), self.raised_on)
        form.addRow(translate("BlockerForm", "Due"), due_row)
        form.addRow(translate("BlockerForm", "Service Standard points"), self.points)
        form.addRow(translate("BlockerForm", "Affected steps"), self.steps)
        if choices.dependencies:
            form.addRow(translate("BlockerForm", "Affected hand-offs"), self.dependencies)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        fields = QWidget()
        fields.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(dialogs.scrolling(fields), 1)  # 710 px tall: it scrolls on a short screen (200%)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        dialogs.fit_to_screen(self, (560, 720))

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(),
            "category": self.category.currentData(),
            "severity": self.severity.currentData(),
            "classification": self.classification.currentData(),
            "owner_id": self.owner.currentData(),
            "blocking_organisation_ids": sorted(checked_values(self.blocking)),
            "raised_on": _pydate(self.raised_on.date()),
            "due_on": _pydate(self.due_on.date()) if self.has_due.isChecked() else None,
            "standard_points": sorted(checked_values(self.points)),
            "step_ids": sorted(checked_values(self.steps)),
            "dependency_ids": sorted(checked_values(self.dependencies)),
        }

    def problem(self) -> str | None:
        """Why the values cannot be saved, in a sentence, or None."""
        values = self.values()
        if not values["title"]:
            return translate("BlockerForm", "Give the blocker a title.")
        if values["due_on"] and values["due_on"] < values["raised_on"]:
            return translate("BlockerForm", "A blocker cannot be due before it was raised.")
        try:
            schemas.BlockerCreate.model_validate({"community_id": "x", **values})
        except Exception as exc:  # pydantic's message, shown to the person
            return str(exc).splitlines()[0]
        return None

    @classmethod
    def ask(cls, parent: QWidget | None, choices: FormChoices, initial: Mapping[str, Any] | None = None,
            *, title: str = "") -> dict[str, Any] | None:
        dialog = cls(choices, initial, parent, title=title)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class StatusDialog(QDialog):
    """Change a blocker's status, with an optional comment. :meth:`ask` returns (status, comment)."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("StatusDialog", "Change status"))
        self.status = combo([(label(s), s.value) for s in BlockerStatus if s.value != current])
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)  # Tab goes on to OK, as in every other field
        self.comment.setPlaceholderText(translate("StatusDialog", "Why? (optional, goes in the blocker's history)"))
        form = QFormLayout(self)
        form.addRow(QLabel(translate("StatusDialog", "Now: {0}").format(label(current))))
        form.addRow(translate("StatusDialog", "New &status"), self.status)
        form.addRow(translate("StatusDialog", "&Comment"), self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, current: str) -> tuple[str, str] | None:
        dialog = cls(current, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.status.currentData(), dialog.comment.toPlainText().strip()
        finally:
            dialog.deleteLater()


class CommentDialog(QDialog):
    """Add a comment to a blocker's history. :meth:`ask` returns the text, or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("CommentDialog", "Comment on blocker"))
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName(translate("CommentDialog", "Comment"))
        self.comment.setAccessibleDescription(translate("CommentDialog", "Goes in the blocker's history with your name"))
        self.comment.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.comment.toPlainText().strip() or None
        finally:
            dialog.deleteLater()


def show_error(parent: QWidget | None, message: str) -> None:
    """Tell the person why a change was refused (tests patch this)."""
    QMessageBox.warning(parent, "Service Community", message)
