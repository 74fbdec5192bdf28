"""Insights: the analysis report as a panel, and what-if.

:class:`InsightsPanel` runs :mod:`servicecommunity.analysis` in a worker thread (``ui.workers``)
on a snapshot of the journey, shows the findings grouped by kind with counts in a
:class:`FindingsModel` tree, and re-runs after edits (debounced, and only while it is shown).
Clicking a finding asks the map to select and centre its steps, dependencies and organisations
(``ctx.selection_requested``); a finding about blockers also emits :attr:`InsightsPanel.blocker_activated`.

:class:`WhatIfView` picks a step or organisation to remove, or an open blocker to resolve, and
shows what the change does: the findings it removes, adds and alters, and the counts that move.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from servicecommunity import analysis
from servicecommunity.analysis import KINDS, PRIORITY, Finding, Report, WhatIf, act_first
from servicecommunity.analysis.graphs import JourneyData, load_journey
from servicecommunity.domain.enums import Severity
from servicecommunity.services import Changes
from ui.context import AppContext
from ui.i18n import QT_TRANSLATE_NOOP, label, translate
from ui.panels.blockers import SEVERITY_COLOURS
from ui.panels.blockers.table import swatch_icon
from ui.workers import Progress, TaskRunner

Index = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
#: the changes after which the report is out of date
ANALYSED_SECTIONS = ("steps", "dependencies", "organisations", "members", "blockers", "blocker_updates",
                     "stages", "data_items", "journeys")


@dataclass(frozen=True)
class FindingGroup:
    key: str
    title: str
    findings: tuple[Finding, ...]

    @property
    def worst(self) -> str | None:
        return max(self.findings, key=lambda f: f.rank).severity if self.findings else None


ACT_FIRST_KEY = "act_first"
#: rows a group shows at first, and adds each time the view scrolls to its end
BATCH = 100


def group_findings(findings: Sequence[Finding], first: Sequence[Finding] = ()) -> list[FindingGroup]:
    """Findings grouped by kind, the most urgent kind first (worst severity, then the analysis's
    :data:`~servicecommunity.analysis.PRIORITY`); within a kind the report's own order (blockers by
    impact, the busiest step first...). ``first``, when given, leads as "Act on these first"."""
    by_kind: dict[str, list[Finding]] = {}
    for f in findings:
        by_kind.setdefault(f.kind, []).append(f)
    weight = {k: n for n, k in enumerate(PRIORITY)}
    order = list(KINDS)

    def urgency(kind: str) -> tuple[int, int, int]:
        worst = max(f.rank for f in by_kind[kind])
        return (-worst, weight.get(kind, len(weight)), order.index(kind) if kind in order else len(order))

    groups = [FindingGroup(ACT_FIRST_KEY, translate("InsightsPanel", "Act on these first"), tuple(first))] if first else []
    for kind in sorted(by_kind, key=urgency):
        groups.append(FindingGroup(kind, KINDS.get(kind, label(kind)), tuple(by_kind[kind])))
    return groups


def describe(finding: Finding) -> str:
    """A finding as the detail line shows it: severity, message, and what to do next."""
    text = translate("InsightsPanel", "{0}: {1}").format(label(finding.severity), finding.message)
    return translate("InsightsPanel", "{0}\nNext: {1}").format(text, finding.action) if finding.action else text


class FindingsModel(QAbstractItemModel):
    """A two-level tree: groups (a kind, with its count) and their findings.

    Columns: the text (group title with count, or the finding's message) and the severity (the
    worst of a group). A finding's index gives the :class:`Finding` under :data:`FINDING_ROLE`.
    Internal ids: 0 for a group row, ``group + 1`` for a finding row.

    A group's findings load lazily, :data:`BATCH` rows at a time (``canFetchMore``/``fetchMore``), so
    that a report of 30,000 findings opens as fast as one of thirty and stays responsive.
    """

    HEADERS = (QT_TRANSLATE_NOOP("Columns", "Finding"), QT_TRANSLATE_NOOP("Columns", "Severity"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.groups: list[FindingGroup] = []
        self.loaded: list[int] = []  # rows shown per group so far

    def set_groups(self, groups: Sequence[FindingGroup]) -> None:
        self.beginResetModel()
        self.groups = list(groups)
        self.loaded = [min(BATCH, len(g.findings)) for g in self.groups]
        self.endResetModel()

    def canFetchMore(self, parent: Index) -> bool:
        if parent.isValid() and parent.internalId() == 0 and 0 <= parent.row() < len(self.groups):
            return self.loaded[parent.row()] < len(self.groups[parent.row()].findings)
        return False

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        row = parent.row()
        start = self.loaded[row]
        end = min(start + BATCH, len(self.groups[row].findings))
        self.beginInsertRows(self.index(row, 0), start, end - 1)
        self.loaded[row] = end
        self.endInsertRows()

    def load_up_to(self, group_row: int, row: int) -> None:
        """Load a group's rows up to ``row`` (to select a finding not shown yet)."""
        parent = self.index(group_row, 0)
        while self.loaded[group_row] <= row and self.canFetchMore(parent):
            self.fetchMore(parent)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.set_groups(group_findings(findings))

    # --- structure ---------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: Index | None = None) -> Any:
        if child is None:  # QObject.parent()
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        group = child.internalId()
        if group == 0:
            return QModelIndex()
        return self.createIndex(group - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return self.loaded[parent.row()]
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return translate("Columns", self.HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- data --------------------------------------------------------------------------------------

    def group_at(self, index: Index) -> FindingGroup | None:
        if index.isValid() and index.internalId() == 0 and 0 <= index.row() < len(self.groups):
            return self.groups[index.row()]
        return None

    def finding_at(self, index: Index) -> Finding | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        group_row = index.internalId() - 1
        group = self.groups[group_row]
        return group.findings[index.row()] if 0 <= index.row() < self.loaded[group_row] else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.group_at(index)
        finding = self.finding_at(index)
        severity = group.worst if group else (finding.severity if finding else None)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                return label(severity) if severity else ""
            if group is not None:
                return f"{group.title} ({len(group.findings)})"
            return finding.message if finding else None
        if role == Qt.ItemDataRole.ToolTipRole and finding is not None:
            return describe(finding)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 1 and severity:
            return swatch_icon(SEVERITY_COLOURS.get(severity, "#888888"))
        if role == Qt.ItemDataRole.FontRole and group is not None:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == FINDING_ROLE:
            return finding
        return None


# --- the worker's jobs (no Qt, no widgets: plain values in, plain values out) -------------------------


@dataclass
class Analysis:
    """What one run hands back: the snapshot (for what-if) and its report."""

    data: JourneyData
    report: Report


def run_analysis(progress: Progress, store: Any, journey_id: str, today: date | None) -> Analysis:
    progress.report(None, translate("InsightsPanel", "Reading the journey…"))
    with store.session() as session:
        data = load_journey(session, journey_id)
    progress.report(None, translate("InsightsPanel", "Analysing steps ({0})…").format(f"{len(data.steps):,}"))
    report = analysis.analyse_data(data, today=today)
    return Analysis(data, report)


def run_what_if(progress: Progress, data: JourneyData, today: date | None, change: dict[str, str]) -> WhatIf:
    progress.report(None, translate("WhatIfView", "Comparing…"))
    return analysis.what_if_data(data, today=today, **change)


def selection_of(finding: Finding) -> dict[str, list[str]]:
    """The ``ctx.selection_requested`` payload that shows a finding on the map.

    A finding about steps or hand-offs selects those; the organisations it names (who should act)
    are selected only when it names nothing smaller, or every card they own would light up.
    """
    smaller = bool(finding.step_ids or finding.dependency_ids)
    return {"steps": list(finding.step_ids), "dependencies": list(finding.dependency_ids),
            "organisations": [] if smaller else list(finding.organisation_ids)}


def _tree(model: QAbstractItemModel, name: str, description: str) -> QTreeView:
    view = QTreeView()
    view.setAccessibleName(name)
    view.setAccessibleDescription(description)
    view.setTabKeyNavigation(False)  # Tab leaves the tree; arrows move inside it
    view.setModel(model)
    view.setUniformRowHeights(False)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    return view


class WhatIfView(QWidget):
    """Remove a step or an organisation, or resolve a blocker, and see what changes."""

    finding_clicked = Signal(object)
    summary: QLabel  # made in __init__ after the lambda that uses it is connected

    MODES = ((QT_TRANSLATE_NOOP("WhatIfView", "Remove the step"), "without_step"),
             (QT_TRANSLATE_NOOP("WhatIfView", "Remove the organisation"), "without_org"),
             (QT_TRANSLATE_NOOP("WhatIfView", "Resolve the blocker"), "resolve_blocker"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.data: JourneyData | None = None
        self.result: WhatIf | None = None
        self.runner = TaskRunner(self)
        self.runner.succeeded.connect(self._show)
        self.runner.failed.connect(lambda exc: self.summary.setText(translate("WhatIfView", "Could not compare: {0}").format(exc)))
        self.mode = QComboBox()
        self.mode.setAccessibleName(translate("WhatIfView", "What-if change"))
        for text, key in self.MODES:
            self.mode.addItem(translate("WhatIfView", text), key)
        self.target = QComboBox()
        self.target.setAccessibleName(translate("WhatIfView", "What-if target"))
        self.target.setAccessibleDescription(translate("WhatIfView", "The step, organisation or blocker the change applies to"))
        self.target.setMinimumContentsLength(24)
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumWidth(90)  # the dock can narrow on a small screen
        self.go = QPushButton(translate("WhatIfView", "Show what changes"))
        self.go.clicked.connect(lambda _c=False: self.compare())
        self.mode.currentIndexChanged.connect(lambda _i: self._fill_targets())
        self.summary = QLabel(translate("WhatIfView", "Pick a change to see what it does to the findings."))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = FindingsModel(self)
        self.tree = _tree(self.model, translate("InsightsPanel", "What-if findings"),
                          translate("InsightsPanel", "The findings the change would add or remove; Enter shows one on the map"))
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._clicked)
        row = QHBoxLayout()
        row.addWidget(self.mode)
        row.addWidget(self.target, 1)
        row.addWidget(self.go)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(translate("WhatIfView", "<b>What if…</b>")))
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        ctx.selection_changed.connect(self._follow_map)
        self._fill_targets()

    def set_data(self, data: JourneyData | None) -> None:
        """The snapshot to reason about (from the latest analysis); clears an out-of-date answer."""
        self.data = data
        self._fill_targets()
        if self.result is not None:
            self.result = None
            self.model.set_groups([])
            self.summary.setText(translate("WhatIfView", "The map changed; compare again."))

    def _choices(self, key: str) -> list[tuple[str, str]]:
        data = self.data
        if data is None:
            return []
        if key == "without_step":
            stages = {s.id: s.name for s in data.stages}
            return [(f"{s.title} ({stages.get(s.stage_id, '')})", s.id)
                    for s in sorted(data.steps.values(), key=lambda s: s.order)]
        if key == "without_org":
            return sorted(((o.label, o.id) for o in data.organisations.values()), key=lambda t: t[0].casefold())
        rank = {s.value: s.rank for s in Severity}
        return [(f"{b.title} ({label(b.severity).lower()})", b.id)
                for b in sorted(data.blockers, key=lambda b: (-rank.get(b.severity, 0), b.title))]

    def _fill_targets(self) -> None:
        current = self.target.currentData()
        self.target.clear()
        for text, value in self._choices(self.mode.currentData()):
            self.target.addItem(text, value)
        index = self.target.findData(current)
        if index >= 0:
            self.target.setCurrentIndex(index)
        self.go.setEnabled(self.target.count() > 0)

    def choose(self, key: str, record_id: str) -> bool:
        """Pick the change: ``key`` is without_step, without_org or resolve_blocker."""
        self.mode.setCurrentIndex(self.mode.findData(key))
        index = self.target.findData(record_id)
        if index < 0:
            return False
        self.target.setCurrentIndex(index)
        return True

    def _follow_map(self, selection: Any) -> None:
        steps = list((selection or {}).get("steps", ()))
        if len(steps) == 1 and self.mode.currentData() == "without_step":
            index = self.target.findData(steps[0])
            if index >= 0:
                self.target.setCurrentIndex(index)

    def compare(self) -> bool:
        """Start comparing the journey with the chosen change (in a worker); False if nothing is chosen."""
        if self.data is None or self.target.currentData() is None:
            return False
        self.summary.setText(translate("WhatIfView", "Comparing…"))
        self.runner.start(run_what_if, self.data, self.today, {self.mode.currentData(): self.target.currentData()})
        return True

    def _show(self, result: WhatIf) -> None:
        self.result = result
        groups = []
        if result.removed:
            groups.append(FindingGroup("removed", translate("WhatIfView", "Gone with the change"), tuple(result.removed)))
        if result.added:
            groups.append(FindingGroup("added", translate("WhatIfView", "New with the change"), tuple(result.added)))
        if result.changed:
            groups.append(FindingGroup("changed", translate("WhatIfView", "Different with the change"), tuple(after for _b, after in result.changed)))
        self.model.set_groups(groups)
        self.tree.expandAll()
        scenario = "; ".join(result.scenario.scenario) or translate("WhatIfView", "the change")
        counts = result.count_changes
        lines = [f"<b>{_esc(scenario[:1].upper() + scenario[1:])}</b>:"]
        if counts:
            moved = [f"{_esc(KINDS[k])}: {a} → {b}" for k, (a, b) in counts.items()]
            lines.append("<br>".join(moved))
        else:
            lines.append(translate("WhatIfView", "the number of findings of each kind stays the same."))
        gone, new, changed = len(result.removed), len(result.added), len(result.changed)
        lines.append(translate("WhatIfView", "Findings gone: {0}; new: {1}; changed: {2}.").format(gone, new, changed))
        self.summary.setText("<br>".join(lines))

    def _clicked(self, index: QModelIndex) -> None:
        finding = self.model.finding_at(index)
        if finding is not None:
            self.finding_clicked.emit(finding)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class InsightsPanel(QWidget):
    """The analysis report: findings by kind, clickable; refreshed after edits; what-if below."""

    report_ready = Signal(object)
    blocker_activated = Signal(str)
    status: QLabel  # made in __init__ after the lambda that uses it is connected

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None,
                 debounce_ms: int = 400) -> None:
        super().__init__(parent)
        self.setObjectName("InsightsPanel")
        self.ctx = ctx
        self.today = today
        self.report: Report | None = None
        self.data: JourneyData | None = None
        self._dirty = True
        self.runner = TaskRunner(self)
        self.runner.succeeded.connect(self._on_result)
        self.runner.failed.connect(self._on_failed)
        self.runner.busy.connect(self._on_busy)
        self.runner.progressed.connect(lambda _f, message: self.status.setText(message))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.refresh)

        self.status = QLabel(translate("InsightsPanel", "Not analysed yet."))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        self.cancel_button = QPushButton(translate("InsightsPanel", "Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(lambda _c=False: self.cancel())
        self.refresh_button = QPushButton(translate("InsightsPanel", "Analyse again"))
        self.refresh_button.clicked.connect(lambda _c=False: self.refresh())
        self.model = FindingsModel(self)
        self.tree = _tree(self.model, translate("InsightsPanel", "Findings"),
                          translate("InsightsPanel", "What the analysis found, grouped by kind; Enter shows one on the map"))
        self.tree.setObjectName("FindingsTree")
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._clicked)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree.selectionModel().currentChanged.connect(self._show_detail)
        self.what_if = WhatIfView(ctx, self, today=today)
        self.what_if.finding_clicked.connect(self.show_finding)

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addWidget(self.refresh_button)
        findings = QWidget()
        box = QVBoxLayout(findings)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.tree, 1)
        box.addWidget(self.detail)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(findings)
        split.addWidget(self.what_if)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        ctx.changed.connect(self._on_changed)
        ctx.journey_changed.connect(lambda _j: self._schedule(now=True))

    # --- running -----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.runner.running

    def refresh(self) -> bool:
        """Analyse the current journey again (in a worker); False when there is no journey."""
        self._debounce.stop()
        journey_id = self.ctx.journey_id
        if not journey_id:
            self.status.setText(translate("InsightsPanel", "Open a journey to analyse it."))
            return False
        self._dirty = False
        self.runner.start(run_analysis, self.ctx.store, journey_id, self.today)
        return True

    def cancel(self) -> None:
        self.runner.cancel()
        self.status.setText(translate("InsightsPanel", "Analysis cancelled; press Analyse again to run it."))
        self._dirty = True

    def _schedule(self, now: bool = False) -> None:
        self._dirty = True
        if not self.isVisible():
            return
        if now:
            self.refresh()
        else:
            self._debounce.start()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*ANALYSED_SECTIONS):
            self._schedule()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty and not self.busy:
            self.refresh()

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _on_result(self, result: Analysis) -> None:
        if result.report.journey_id != self.ctx.journey_id:
            return  # the journey changed while it ran; another run is on its way
        expanded = self._expanded_kinds()
        self.data, self.report = result.data, result.report
        self.model.set_groups(group_findings(result.report.findings, act_first(result.report)))
        for row, group in enumerate(self.model.groups):
            if group.key in expanded or (not expanded and group.key == ACT_FIRST_KEY):
                self.tree.expand(self.model.index(row, 0))
        stats = result.report.stats
        self.status.setText(
            translate("InsightsPanel", "{0}: findings {1}, steps {2}, dependencies {3}, open blockers {4} ({5} s).").format(
                result.report.journey_name, stats["findings"], stats["steps"], stats["dependencies"],
                stats["open_blockers"], f"{self.runner.last_duration:.2f}"))
        self.what_if.set_data(result.data)
        self.report_ready.emit(result.report)

    def _on_failed(self, exc: BaseException) -> None:
        self.status.setText(translate("InsightsPanel", "The analysis failed: {0}").format(exc))

    def _expanded_kinds(self) -> set[str]:
        return {g.key for row, g in enumerate(self.model.groups) if self.tree.isExpanded(self.model.index(row, 0))}

    # --- showing findings on the map --------------------------------------------------------------

    def _clicked(self, index: QModelIndex) -> None:
        finding = self.model.finding_at(index)
        if finding is not None:
            self.show_finding(finding)

    def _show_detail(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        finding = self.model.finding_at(index)
        self.detail.setText(describe(finding) if finding else "")

    def show_finding(self, finding: Finding) -> None:
        """Select and centre what a finding is about on the map (and its blocker in the register)."""
        self.ctx.selection_requested.emit(selection_of(finding))
        if finding.blocker_ids:
            self.blocker_activated.emit(finding.blocker_ids[0])

    def select_finding(self, kind: str, row: int = 0) -> Finding | None:
        """Click the ``row``-th finding of ``kind`` (tests and keyboard users)."""
        for group_row, group in enumerate(self.model.groups):
            if group.key == kind and row < len(group.findings):
                self.model.load_up_to(group_row, row)
                index = self.model.index(row, 0, self.model.index(group_row, 0))
                self.tree.setCurrentIndex(index)
                self._clicked(index)
                return group.findings[row]
        return None


__all__ = [
    "FindingGroup",
    "FindingsModel",
    "InsightsPanel",
    "WhatIfView",
    "describe",
    "group_findings",
    "selection_of",
]
