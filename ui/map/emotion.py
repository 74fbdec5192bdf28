"""The emotion curve under the map: how the user feels along the journey, aligned with the stages.

Each step with a feeling score (-2..+2) is a dot under its card; the line joins each stage's
average, so the curve's dips are the stages that hurt; steps with pain points are marked with a
red triangle (and a word in the legend, not colour alone). The x axis is the map's own: the curve
follows the map's scroll and zoom through :meth:`EmotionCurve.follow`, so a dot sits right under
its card. Clicking a dot selects the step on the map.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from servicecommunity.analysis.layout import MapData, MapLayout
from ui import theme
from ui.i18n import QT_TRANSLATE_NOOP, translate

FEELINGS = [(2, QT_TRANSLATE_NOOP("EmotionCurve", "Delighted")), (1, QT_TRANSLATE_NOOP("EmotionCurve", "Happy")),
            (0, QT_TRANSLATE_NOOP("EmotionCurve", "Neutral")), (-1, QT_TRANSLATE_NOOP("EmotionCurve", "Unhappy")),
            (-2, QT_TRANSLATE_NOOP("EmotionCurve", "Distressed"))]


class EmotionCurve(QWidget):
    """A pyqtgraph plot of the steps' feeling scores, sharing the map's x axis."""

    step_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmotionCurve")
        self.setAccessibleName(translate("EmotionCurve", "Emotion curve"))
        self.plot = pg.PlotWidget(self, background=None)
        self.plot.setAccessibleName(translate("EmotionCurve", "Emotion curve: how the user feels at each step"))
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.25)
        item.setYRange(-2.6, 2.6, padding=0)
        item.hideAxis("bottom")
        self.axis = item.getAxis("left")
        self.axis.setTicks([[(value, translate("EmotionCurve", word)) for value, word in FEELINGS]])
        self.stage_lines: list[pg.InfiniteLine] = []
        self.zero = pg.InfiniteLine(pos=0, angle=0, movable=False)
        item.addItem(self.zero)
        self.curve = pg.PlotDataItem(antialias=True)
        item.addItem(self.curve)
        self.dots = pg.ScatterPlotItem(size=11, hoverable=True, tip=None)
        self.dots.sigClicked.connect(self._clicked)
        item.addItem(self.dots)
        self.pains = pg.ScatterPlotItem(size=16, symbol="t")
        self.pains.sigClicked.connect(self._clicked)
        item.addItem(self.pains)
        self.legend = QLabel()
        self.legend.setObjectName("EmotionLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.title = QLabel(translate("EmotionCurve", "How the user feels"))
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        top = QHBoxLayout()
        top.setContentsMargins(8, 2, 8, 0)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        self._x_range = (0.0, 1000.0)
        self.steps_shown = 0
        theme.notifier().changed.connect(self._on_theme)
        self.apply_theme()

    def _on_theme(self, _palette: object) -> None:
        self.apply_theme()

    def apply_theme(self) -> None:
        p = theme.current()
        self.plot.setBackground(QColor(p.canvas))
        text = QColor(p.text)
        self.axis.setPen(pg.mkPen(QColor(p.grid)))
        self.axis.setTextPen(pg.mkPen(text))
        self.zero.setPen(pg.mkPen(QColor(p.grid), width=1, style=Qt.PenStyle.DashLine))
        self.curve.setPen(pg.mkPen(QColor(p.emotion_line), width=3))
        self.curve.setFillLevel(0)
        fill = QColor(p.emotion_fill)
        fill.setAlpha(45)
        self.curve.setBrush(pg.mkBrush(fill))
        self.dots.setPen(pg.mkPen(QColor(p.canvas), width=1.5))
        self.dots.setBrush(pg.mkBrush(QColor(p.emotion_line)))
        self.pains.setPen(pg.mkPen(QColor(p.canvas), width=1.5))
        self.pains.setBrush(pg.mkBrush(QColor(p.pain)))
        for line in self.stage_lines:
            line.setPen(pg.mkPen(QColor(p.grid), width=1))
        step = translate("EmotionCurve", "a step")
        pained = translate("EmotionCurve", "a step with pain points")
        average = translate("EmotionCurve", "the stage's average")
        self.legend.setText(
            f"<span style='color:{p.emotion_line}'>●</span> {step} &nbsp; "
            f"<span style='color:{p.pain}'>▼</span> {pained} &nbsp; "
            f"<span style='color:{p.emotion_line}'>━</span> {average}"
        )

    def set_axis_width(self, width: int) -> None:
        """Make the feeling labels as wide as the map's lane ruler, so the plot sits under the map."""
        self.axis.setWidth(max(40, width))

    def set_map(self, data: MapData | None, layout: MapLayout | None) -> None:
        item = self.plot.getPlotItem()
        for line in self.stage_lines:
            item.removeItem(line)
        self.stage_lines = []
        if data is None or layout is None:
            self.curve.setData([], [])
            self.dots.setData([], [])
            self.pains.setData([], [])
            self.steps_shown = 0
            return
        p = theme.current()
        for column in layout.columns:
            line = pg.InfiniteLine(pos=column.box.x + column.box.w, angle=90, movable=False,
                                   pen=pg.mkPen(QColor(p.grid), width=1))
            item.addItem(line)
            self.stage_lines.append(line)
        xs, ys, ids, pain_xs, pain_ys, pain_ids = [], [], [], [], [], []
        by_stage: dict[str, list[int]] = defaultdict(list)
        for step in data.steps:
            box = layout.cards.get(step.id)
            if box is None:
                continue
            x = box.x + box.w / 2
            if step.emotion is not None:
                xs.append(x)
                ys.append(step.emotion)
                ids.append(step.id)
                by_stage[step.stage_id].append(step.emotion)
            if step.pain_points:
                pain_xs.append(x)
                pain_ys.append(step.emotion if step.emotion is not None else -2.3)
                pain_ids.append(step.id)
        curve_x, curve_y = [], []
        for column in layout.columns:
            scores = by_stage.get(column.stage_id)
            if scores:
                curve_x.append(column.box.x + column.box.w / 2)
                curve_y.append(sum(scores) / len(scores))
        self.curve.setData(np.array(curve_x, dtype=float), np.array(curve_y, dtype=float))
        self.dots.setData(x=np.array(xs, dtype=float), y=np.array(ys, dtype=float), data=ids)
        # pain markers sit just above their dot, so both stay visible
        self.pains.setData(x=np.array(pain_xs, dtype=float), y=np.array(pain_ys, dtype=float) + 0.35, data=pain_ids)
        self.steps_shown = len(xs)

    def follow(self, view: Any) -> None:
        """Show the scene x range the map shows right above the plot (``view`` is a JourneyMapView)."""
        vb = self.plot.getPlotItem().getViewBox()
        rect = vb.sceneBoundingRect()
        if rect.width() <= 1:
            return
        left = self.plot.mapToGlobal(QPoint(round(rect.left()), 0))
        right = self.plot.mapToGlobal(QPoint(round(rect.right()), 0))
        viewport = view.viewport()
        x0 = view.scene_x_at(viewport.mapFromGlobal(left).x())
        x1 = view.scene_x_at(viewport.mapFromGlobal(right).x())
        if x1 > x0 and (x0, x1) != self._x_range:
            self._x_range = (x0, x1)
            vb.setXRange(x0, x1, padding=0)

    def _clicked(self, _item: Any, points: Any, _event: Any) -> None:
        if len(points):
            step_id = points[0].data()
            if step_id:
                self.step_clicked.emit(str(step_id))
