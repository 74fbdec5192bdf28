"""As-is against to-be: pick two journeys and see what changed (a window beside the map).

The figures come from :func:`servicecommunity.analysis.comparison.load_comparison` (read through
``ctx.read``); the dialog shows them as a small page: the figures before and after side by side,
then the steps added, removed and moved to another owner, data asked again and the open blockers
on removed steps. The two journeys are loaded and analysed in a worker thread (a big journey takes
a while), and again when the workspace changes, so it can stay open while the to-be is edited.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.analysis.comparison import Comparison, change_text, load_comparison, partner
from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.services import Changes
from servicecommunity.services.queries import workspace as workspace_queries
from ui import dialogs
from ui.context import AppContext
from ui.i18n import label, translate
from ui.workers import Progress, TaskRunner

SECTIONS = ("journeys", "stages", "steps", "dependencies", "blockers", "data_items", "organisations")


def compare_task(progress: Progress, store: Any, before_id: str, after_id: str) -> Comparison:
    """Load and compare two journeys (runs in a worker, on its own session)."""
    from servicecommunity.store import reading

    progress.check()
    return reading.read(store, lambda s: load_comparison(s, before_id, after_id))


def comparison_html(c: Comparison) -> str:
    """The comparison as a small HTML page (Qt's rich text): figures side by side, then the changes."""
    b, a = c.before, c.after

    def row(label: str, text: str) -> str:
        return f"<tr><th align='left'>{escape(label)}</th><td>{escape(text)}</td></tr>"

    def items(heading: str, rows: list[str]) -> str:
        if not rows:
            return ""
        return f"<h3>{escape(heading)} ({len(rows)})</h3><ul>" + "".join(f"<li>{escape(r)}</li>" for r in rows) + "</ul>"

    out = [f"<h2>{escape(b.name)} → {escape(a.name)}</h2>", "<table cellspacing='4'>",
           row(translate("CompareDialog", "Steps"), translate(
               "CompareDialog", "{0}: in both {1}, added {2}, removed {3}, moved to another owner {4}").format(
               change_text(b.steps, a.steps), c.kept, len(c.added), len(c.removed), len(c.moved))),
           row(translate("CompareDialog", "Hand-offs"), change_text(b.handoffs, a.handoffs)),
           row(translate("CompareDialog", "Cross-organisation hand-offs"), change_text(b.cross_org_handoffs, a.cross_org_handoffs)),
           row(translate("CompareDialog", "Data items asked again"), change_text(len(b.data_asked_again), len(a.data_asked_again))),
           row(translate("CompareDialog", "End-to-end time"), change_text(b.end_to_end_hours, a.end_to_end_hours, time=True)),
           "</table>"]
    if c.unchanged:
        out.append(translate("CompareDialog", "<p>The two journeys have the same steps with the same owners.</p>"))
    out.append(items(translate("CompareDialog", "Added"), [f"{s.title} ({s.owner})" for s in c.added]))
    out.append(items(translate("CompareDialog", "Removed"), [f"{s.title} ({s.owner})" for s in c.removed]))
    out.append(items(translate("CompareDialog", "Moved to another owner"), [f"{m.title}: {m.before_owner} → {m.after_owner}" for m in c.moved]))
    out.append(items(translate("CompareDialog", "No longer asked again"), [d for d in b.data_asked_again if d not in a.data_asked_again]))
    out.append(items(translate("CompareDialog", "Newly asked again"), [d for d in a.data_asked_again if d not in b.data_asked_again]))
    out.append(items(translate("CompareDialog", "Open blockers on removed steps"),
                     [f"{x.title} ({label(x.severity).lower()}): {', '.join(x.step_titles)}" for x in c.blockers_on_removed]))
    return "".join(out)


class CompareDialog(QDialog):
    """Two journeys side by side: choose the as-is and the to-be; the comparison follows."""

    def __init__(self, ctx: AppContext, before_id: str | None, after_id: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CompareDialog")
        self.setWindowTitle(translate("CompareDialog", "Compare journeys: as-is and to-be"))
        dialogs.fit_to_screen(self, (640, 560))
        self.before = QComboBox()
        self.before.setAccessibleName(translate("CompareDialog", "As-is journey"))
        self.after = QComboBox()
        self.after.setAccessibleName(translate("CompareDialog", "To-be journey"))
        for combo in (self.before, self.after):
            for choice in ctx.read(workspace_queries.journey_choices):
                combo.addItem(choice.text, choice.id)
        self._choose(self.before, before_id)
        self._choose(self.after, after_id)
        swap = QPushButton(translate("CompareDialog", "Swap"))
        swap.setToolTip(translate("CompareDialog", "Compare the other way round"))
        swap.clicked.connect(self.swap)
        form = QFormLayout()
        form.addRow(translate("CompareDialog", "As-is:"), self.before)
        form.addRow(translate("CompareDialog", "To-be:"), self.after)
        form.addRow("", swap)
        self.view = QTextBrowser()
        self.view.setObjectName("ComparisonView")
        self.view.setAccessibleName(translate("CompareDialog", "What changed"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.before.currentIndexChanged.connect(self.refresh)
        self.after.currentIndexChanged.connect(self.refresh)
        ctx.changed.connect(self._on_changed)
        self.comparison: Comparison | None = None
        self.runner = TaskRunner(self)
        self.runner.succeeded.connect(self._show)
        self.runner.failed.connect(self._failed)
        self.runner.busy.connect(self._busy)
        self.refresh()

    @classmethod
    def for_journey(cls, ctx: AppContext, journey_id: str, parent: QWidget | None = None) -> CompareDialog:
        """The dialog on a journey and its partner (its as-is, or its to-be), else on it and itself."""
        pair = ctx.read(lambda s: partner(s, journey_id))
        before, after = pair if pair is not None else (journey_id, journey_id)
        return cls(ctx, before, after, parent)

    @staticmethod
    def _choose(combo: QComboBox, journey_id: str | None) -> None:
        index = combo.findData(journey_id) if journey_id else -1
        if index >= 0:
            combo.setCurrentIndex(index)

    def swap(self) -> None:
        before, after = self.before.currentData(), self.after.currentData()
        for combo in (self.before, self.after):
            combo.blockSignals(True)
        self._choose(self.before, after)
        self._choose(self.after, before)
        for combo in (self.before, self.after):
            combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Compare the two chosen journeys again (in the worker; :meth:`_show` shows the result)."""
        before, after = self.before.currentData(), self.after.currentData()
        if not before or not after:
            self.runner.cancel()
            self.comparison = None
            self.view.setPlainText(translate("CompareDialog", "There are no journeys to compare yet."))
            return
        self.runner.start(compare_task, self.ctx.store, before, after)

    def _busy(self, busy: bool) -> None:
        if busy:
            self.view.setPlainText(translate("CompareDialog", "Comparing the two journeys…"))

    def _show(self, comparison: Comparison) -> None:
        self.comparison = comparison
        page = comparison_html(comparison)
        if comparison.before.journey_id == comparison.after.journey_id:
            page = translate("CompareDialog", "<p><i>Choose two different journeys: this is one journey against itself.</i></p>") + page
        self.view.setHtml(page)

    def _failed(self, exc: object) -> None:
        self.comparison = None
        if isinstance(exc, ServiceCommunityError):  # a journey deleted meanwhile, a busy file
            self.view.setPlainText(str(exc))
        else:
            self.view.setPlainText(translate("CompareDialog", "The journeys could not be compared (the details are in the log)."))

    def done(self, result: int) -> None:
        self.runner.cancel()
        super().done(result)

    def _on_changed(self, changes: Changes) -> None:
        if not self.isVisible() or not changes.touches(*SECTIONS):
            return
        if changes.touches("journeys"):  # names, or a journey gone: the choices again
            for combo in (self.before, self.after):
                chosen = combo.currentData()
                combo.blockSignals(True)
                combo.clear()
                for choice in self.ctx.read(workspace_queries.journey_choices):
                    combo.addItem(choice.text, choice.id)
                self._choose(combo, chosen)
                combo.blockSignals(False)
        self.refresh()


__all__ = ["CompareDialog", "comparison_html"]
