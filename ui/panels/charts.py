"""Charts that show a community what its map means (pyqtgraph).

- :class:`BlockersByOrganisationChart`: open blockers by owning organisation, stacked by severity.
- :class:`BlockerTrendChart`: blockers raised and resolved each month, and how many stood open.
- :class:`StepMeasuresChart`: monthly volume and the four measures (cost per transaction, user
  satisfaction, completion rate, digital take-up) for each step along the journey.
- :class:`HandoffMatrixChart`: hand-offs between organisations as a heat map.
- :class:`ChartsPanel`: the four in tabs, with "Export PNG…".

Readable without colour: every bar and cell carries its value as text, severities have hatch
patterns as well as colours, series differ in line style and symbol. Each chart reads plain values
from the core (:mod:`servicecommunity.services.queries.charts`, no Qt) and draws them; it re-reads
when the "what changed" report names what it shows, or when it is next shown if it was hidden.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from servicecommunity import i18n as core_i18n
from servicecommunity.domain.enums import Severity
from servicecommunity.services import Changes
from servicecommunity.services.queries import charts as chart_queries
from servicecommunity.services.queries.charts import (
    MEASURES,
    HandoffMatrix,
    SeverityBars,
    StepMeasures,
    Trend,
)
from servicecommunity.services.queries.community import community_of_journey
from ui import theme
from ui.context import AppContext
from ui.i18n import QT_TRANSLATE_NOOP, format_month, label, translate
from ui.panels.blockers import SEVERITY_COLOURS

INK = "#202124"
GRID = "#dadce0"


#: each measure's title with its unit (the core's MEASURES), as the chart shows it
MEASURE_TITLES = {
    "monthly_volume": QT_TRANSLATE_NOOP("ChartsPanel", "Monthly volume (transactions a month)"),
    "cost_per_transaction": QT_TRANSLATE_NOOP("ChartsPanel", "Cost per transaction (£)"),
    "user_satisfaction": QT_TRANSLATE_NOOP("ChartsPanel", "User satisfaction (%)"),
    "completion_rate": QT_TRANSLATE_NOOP("ChartsPanel", "Completion rate (%)"),
    "digital_take_up": QT_TRANSLATE_NOOP("ChartsPanel", "Digital take-up (%)"),
}


def chart_colours(p: theme.Palette) -> dict[str, str]:
    """The charts' colours in theme ``p`` (``#rrggbb``): dark ink on white in the light theme (as
    exported), light ink on the dark background in the dark theme. The hand-off matrix's shades
    stop where the ink still reads on them at 4.5:1 (a navy end needed white numbers, and the
    swap between inks left mid shades near 4:1)."""
    if p.name == "light":
        return {"background": "#ffffff", "ink": INK, "grid": GRID, "muted": "#5f6368", "raised": "#1a5fb4",
                "resolved": "#d7e6f7", "volume": "#8ab4f8", "missing": "#b3261e", "point": "#ffffff",
                "heat_low": "#f7fbff", "heat_high": "#5694ca", "on_heat": "#ffffff"}
    return {"background": p.canvas, "ink": p.text, "grid": p.grid, "muted": p.muted, "raised": p.selection,
            "resolved": p.chip, "volume": p.hover, "missing": p.blocked, "point": p.canvas,
            "heat_low": p.lane_even, "heat_high": "#1d70b8", "on_heat": "#0b0c0c"}


def heat_label(t: float, p: theme.Palette) -> tuple[str, str | None]:
    """The ink for a number on a hand-off matrix cell shaded ``t`` (0 to 1) in theme ``p``, and the
    colour of a box behind it where neither ink reaches 4.5:1 on the cell itself (mid shades)."""
    c = chart_colours(p)
    low, high = QColor(c["heat_low"]), QColor(c["heat_high"])
    cell = QColor(*(round(a + (b - a) * t) for a, b in ((low.red(), high.red()), (low.green(), high.green()),
                                                         (low.blue(), high.blue())))).name()
    ink = max((c["ink"], c["on_heat"]), key=lambda colour: theme.contrast(colour, cell))
    if theme.contrast(ink, cell) >= 4.5:
        return ink, None
    return c["ink"], c["background"]


_FORCED: list[theme.Palette] = []  # the palette an export draws in, while it draws


def _c(key: str) -> str:
    return chart_colours(_FORCED[-1] if _FORCED else theme.current())[key]


def _translucent(key: str, alpha: int) -> QColor:
    colour = QColor(_c(key))
    colour.setAlpha(alpha)
    return colour
#: a hatch per severity, so the bars read in greyscale and for people who do not see the colours
SEVERITY_PATTERNS = {
    "low": Qt.BrushStyle.Dense6Pattern,
    "medium": Qt.BrushStyle.BDiagPattern,
    "high": Qt.BrushStyle.DiagCrossPattern,
    "critical": Qt.BrushStyle.SolidPattern,
}


def _font(size: int = 9, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    return font


def _light(colour: str, factor: int = 165) -> QColor:
    return QColor(colour).lighter(factor)


def _style_plot(plot: pg.PlotItem, *, title: str | None = None, left: str | None = None,
                bottom: str | None = None) -> None:
    """The theme's ink on its background, no mouse panning (a chart, not an explorer), light grid."""
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(_c("ink")))
        axis.setTextPen(pg.mkPen(_c("ink")))
        axis.setTickFont(_font(9))
    if title:
        plot.setTitle(title, color=_c("ink"), size="11pt", bold=True)
    if left:
        plot.setLabel("left", left, color=_c("ink"))
    if bottom:
        plot.setLabel("bottom", bottom, color=_c("ink"))


def _text(plot: pg.PlotItem, text: str, x: float, y: float, *, anchor: tuple[float, float] = (0.5, 0.5),
          colour: str = "", size: int = 9, bold: bool = False, fill: Any = None) -> pg.TextItem:
    item = pg.TextItem(text, color=colour or _c("ink"), anchor=anchor, fill=fill)
    item.setFont(_font(size, bold))
    item.setPos(x, y)
    plot.addItem(item)
    return item


def _nice_step(top: float, ticks: int = 8) -> float:
    """A whole-number tick step (1, 2, 5, 10, 20...) giving about ``ticks`` ticks up to ``top``."""
    raw = max(1.0, top / ticks)
    magnitude = 10 ** math.floor(math.log10(raw))
    return float(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))


class PatternSample(pg.ItemSample):
    """A legend swatch that shows a bar's fill colour and its hatch together."""

    def __init__(self, fill: QColor, pattern: QBrush) -> None:
        super().__init__(pg.BarGraphItem(x=[0], height=[0], width=1, brush=pattern))
        self._fill = fill
        self._pattern = pattern

    def paint(self, p: QPainter, *args: Any) -> None:
        rect = QRectF(2, 2, 18, 16)
        p.setPen(QPen(QColor(_c("ink")), 1))
        p.setBrush(self._fill)
        p.drawRect(rect)
        p.setBrush(self._pattern)
        p.drawRect(rect)

    def mouseClickEvent(self, event: Any) -> None:  # legends here are keys, not toggles
        event.accept()


def severity_brushes(severity: str) -> tuple[QColor, QBrush]:
    """The fill colour and the hatch brush of a severity."""
    colour = SEVERITY_COLOURS[severity]
    fill = _light(colour, 150) if severity != "critical" else QColor(colour)
    pattern = QBrush(QColor(colour).darker(160) if severity != "critical" else QColor(colour), SEVERITY_PATTERNS[severity])
    return fill, pattern


# --- the charts ---------------------------------------------------------------------------------------

_REFRESH_ON = ("blockers", "blocker_updates", "organisations", "steps", "dependencies", "stages", "journeys")


class ChartView(QWidget):
    """A chart over the core: reads its data, draws it, and redraws when the report names its data."""

    title = ""
    name = "chart"  # file name stem for exports
    sections: tuple[str, ...] = _REFRESH_ON

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self._data: Any = None
        self._dirty = True
        self.graphics = self.make_graphics()
        self.graphics.setAccessibleName(translate("ChartsPanel", self.title))
        self.graphics.setAccessibleDescription(translate("ChartView", "A chart; the text under it says what it shows"))
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self._use_theme()
        theme.notifier().changed.connect(self._on_theme)  # a method: dropped with the chart
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.caption)
        ctx.changed.connect(self._on_changed)
        ctx.journey_changed.connect(lambda _j: self._mark_dirty())
        # Drawn when first shown (or asked for its data): hidden tabs cost nothing at start-up.

    def _use_theme(self) -> None:
        self.graphics.setBackground(_c("background"))
        self.caption.setStyleSheet(f"color: {_c('ink')}")

    def _on_theme(self, _palette: Any = None) -> None:
        self._use_theme()
        self._mark_dirty()

    @property
    def data(self) -> Any:
        """What the chart shows, as plain values (read now if it never was)."""
        if self._data is None:
            self.refresh()
        return self._data

    def make_graphics(self) -> pg.GraphicsView:
        return pg.PlotWidget()

    def query(self) -> Callable[[Any], Any]:  # pragma: no cover - abstract
        """The core's read of what this chart shows, for :meth:`AppContext.read`."""
        raise NotImplementedError

    def draw(self, data: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def refresh(self) -> None:
        """Re-read and redraw now."""
        self._data = self.ctx.read(self.query())
        self.draw(self._data)
        self._dirty = False

    def _mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*self.sections):
            self._mark_dirty()

    def showEvent(self, event: Any) -> None:
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def export_png(self, path: str | Path) -> Path:
        """Save the chart as it looks (title, axes, legend, caption) to a PNG file."""
        path = Path(path)
        forced = theme.current().name != "light"  # exports are dark ink on white, whatever the theme
        if forced:
            _FORCED.append(theme.LIGHT)
            self._use_theme()
            self._dirty = True
        try:
            if self._dirty:
                self.refresh()
            saved = self.grab().save(str(path), "PNG")
        finally:
            if forced:
                _FORCED.pop()
                self._use_theme()
                self.refresh()
        if not saved:
            raise OSError(f"Could not write {path}.")
        return path


class BlockersByOrganisationChart(ChartView):
    """Open blockers by owning organisation, stacked by severity, with counts on every segment."""

    title = QT_TRANSLATE_NOOP("ChartsPanel", "Open blockers by organisation and severity")
    name = "blockers-by-organisation"
    sections = ("blockers", "blocker_updates", "organisations")

    def query(self) -> Callable[[Any], SeverityBars]:
        journey_id = self.ctx.journey_id
        return lambda s: chart_queries.severity_bars(s, community_of_journey(s, journey_id))

    def draw(self, data: SeverityBars) -> None:
        plot: pg.PlotItem = self.graphics.getPlotItem()
        plot.clear()
        plot.disableAutoRange()  # adding hundreds of labels would re-fit the view each time
        if plot.legend is not None:
            plot.legend.scene().removeItem(plot.legend)
            plot.legend = None
        _style_plot(plot, title=translate("ChartsPanel", self.title), bottom=translate("ChartsPanel", "Open blockers"))
        n = len(data.labels)
        if n == 0:
            self.caption.setText(translate("BlockersByOrganisationChart", "No open blockers."))
            plot.getAxis("left").setTicks([[]])
            return
        # Horizontal bars read with long organisation names; the most blocked at the top.
        ys = np.arange(n)[::-1].astype(float)
        left = np.zeros(n)
        legend = plot.addLegend(offset=(-10, 10), labelTextColor=_c("ink"), brush=pg.mkBrush(_translucent("background", 230)),
                                pen=pg.mkPen(_c("grid")))
        for severity in reversed(list(Severity)):  # worst first, nearest the axis
            counts = np.array(data.counts[severity.value], dtype=float)
            fill, pattern = severity_brushes(severity.value)
            plot.addItem(pg.BarGraphItem(x0=left, y=ys, width=counts, height=0.66, brush=fill, pen=pg.mkPen(None)))
            plot.addItem(pg.BarGraphItem(x0=left, y=ys, width=counts, height=0.66, brush=pattern,
                                         pen=pg.mkPen(_c("ink"), width=1)))
            legend.addItem(PatternSample(fill, pattern), label(severity.value))
            for i, count in enumerate(counts):
                if count:
                    _text(plot, str(int(count)), left[i] + count / 2, ys[i], size=9, bold=True,
                          fill=pg.mkBrush(_translucent("background", 235)))
            left += counts
        totals = data.totals()
        for i, total in enumerate(totals):
            _text(plot, f"{total}", left[i] + 0.15, ys[i], anchor=(0, 0.5), size=9)
        plot.getAxis("left").setTicks([[(ys[i], data.labels[i]) for i in range(n)]])
        plot.getAxis("bottom").setTicks(None)
        plot.getAxis("bottom").setTickSpacing(_nice_step(max(totals)), _nice_step(max(totals)))
        plot.setXRange(0, max(totals) * 1.25 + 1, padding=0)
        plot.setYRange(-0.6, n - 0.4, padding=0)
        plot.showGrid(x=True, y=False, alpha=0.25)
        total = sum(totals)
        worst = data.counts["critical"]
        self.caption.setText(
            translate("ChartsPanel", "Open blockers: {0}, across owners: {1}. Hatching shows severity: dots low, single "
                      "hatch medium, cross-hatch high, solid critical ({2} critical).").format(total, n, sum(worst)))


class BlockerTrendChart(ChartView):
    """Blockers raised and resolved each month, and how many stood open at the month's end."""

    title = QT_TRANSLATE_NOOP("ChartsPanel", "Blockers raised and resolved over time")
    name = "blockers-over-time"
    sections = ("blockers", "blocker_updates")

    def query(self) -> Callable[[Any], Trend]:
        journey_id, today = self.ctx.journey_id, self.today
        return lambda s: chart_queries.trend(s, community_of_journey(s, journey_id), today=today)

    def draw(self, data: Trend) -> None:
        plot: pg.PlotItem = self.graphics.getPlotItem()
        plot.clear()
        plot.disableAutoRange()  # adding hundreds of labels would re-fit the view each time
        if plot.legend is not None:
            plot.legend.scene().removeItem(plot.legend)
            plot.legend = None
        _style_plot(plot, title=translate("ChartsPanel", self.title), left=translate("ChartsPanel", "Blockers"))
        n = len(data.months)
        if n == 0:
            self.caption.setText(translate("BlockerTrendChart", "No blockers yet."))
            return
        xs = np.arange(n, dtype=float)
        legend = plot.addLegend(offset=(10, 10), labelTextColor=_c("ink"), brush=pg.mkBrush(_translucent("background", 230)),
                                pen=pg.mkPen(_c("grid")))
        raised_fill = QColor(_c("raised"))
        resolved_fill = QColor(_c("resolved"))
        resolved_hatch = QBrush(QColor(_c("raised")), Qt.BrushStyle.BDiagPattern)
        plot.addItem(pg.BarGraphItem(x=xs - 0.2, height=data.raised, width=0.38, brush=raised_fill, pen=pg.mkPen(_c("ink"))))
        plot.addItem(pg.BarGraphItem(x=xs + 0.2, height=data.resolved, width=0.38, brush=resolved_fill, pen=pg.mkPen(None)))
        plot.addItem(pg.BarGraphItem(x=xs + 0.2, height=data.resolved, width=0.38, brush=resolved_hatch, pen=pg.mkPen(_c("ink"))))
        legend.addItem(PatternSample(raised_fill, QBrush(raised_fill)), translate("ChartsPanel", "Raised that month"))
        legend.addItem(PatternSample(resolved_fill, resolved_hatch), translate("ChartsPanel", "Resolved or closed that month"))
        line = plot.plot(xs, data.open_at_end, pen=pg.mkPen(_c("ink"), width=2, style=Qt.PenStyle.DashLine),
                         symbol="s", symbolSize=7, symbolBrush=pg.mkBrush(_c("point")), symbolPen=pg.mkPen(_c("ink")))
        legend.addItem(line, translate("ChartsPanel", "Still open at the month's end"))
        label_all = n <= 18
        for i in range(n):
            if label_all or data.raised[i]:
                if data.raised[i]:
                    _text(plot, str(data.raised[i]), xs[i] - 0.2, data.raised[i], anchor=(0.5, 1), size=8)
                if data.resolved[i]:
                    _text(plot, str(data.resolved[i]), xs[i] + 0.2, data.resolved[i], anchor=(0.5, 1), size=8)
        step = max(1, math.ceil(n / 12))
        ticks = [(float(i), format_month(data.months[i], "LLL\ny") if i == 0 or data.months[i].month == 1 or step > 1
                  else format_month(data.months[i])) for i in range(0, n, step)]
        plot.getAxis("bottom").setTicks([ticks])
        plot.getAxis("bottom").setHeight(44)
        top = max([*data.raised, *data.resolved, *data.open_at_end, 1])
        plot.getAxis("left").setTickSpacing(_nice_step(top), _nice_step(top))
        plot.setYRange(0, top * 1.2, padding=0)
        plot.setXRange(-0.7, n - 0.3, padding=0)
        plot.showGrid(x=False, y=True, alpha=0.25)
        self.caption.setText(
            translate("ChartsPanel", "Since {0}: raised {1}, resolved or closed {2}; open now {3}. Solid bars raised, "
                      "hatched bars resolved, dashed line open.").format(
                format_month(data.months[0], "LLLL y"),
                sum(data.raised), sum(data.resolved), data.open_at_end[-1]))


class StepMeasuresChart(ChartView):
    """Volume and the four measures of each step, in journey order, one small chart each."""

    title = QT_TRANSLATE_NOOP("ChartsPanel", "Volume and the four measures per step along the journey")
    name = "step-measures"
    sections = ("steps", "stages", "journeys")

    def make_graphics(self) -> pg.GraphicsView:
        return pg.GraphicsLayoutWidget()

    def query(self) -> Callable[[Any], StepMeasures]:
        journey_id = self.ctx.journey_id
        return lambda s: chart_queries.step_measures(s, journey_id)

    def draw(self, data: StepMeasures) -> None:
        layout: pg.GraphicsLayout = self.graphics.ci
        layout.clear()
        layout.addLabel(translate("ChartsPanel", self.title), row=0, col=0, color=_c("ink"), size="11pt", bold=True)
        n = len(data.step_ids)
        if n == 0:
            self.caption.setText(translate("StepMeasuresChart", "No steps in this journey yet."))
            return
        xs = np.arange(n, dtype=float)
        # A strip naming the stages, alternating rows so that short stages' names do not collide.
        strip = layout.addPlot(row=1, col=0)
        strip.disableAutoRange()
        _style_plot(strip)
        strip.hideAxis("bottom")
        strip.getAxis("left").setWidth(60)
        strip.getAxis("left").setStyle(showValues=False)
        strip.getAxis("left").setPen(pg.mkPen(None))
        strip.setMaximumHeight(46)
        strip.setYRange(0, 2, padding=0)
        plots = [strip]
        for k, (stage, first, last) in enumerate(data.stages):
            # Keep the first and last names inside the chart.
            x, anchor = (first + last) / 2, (0.5, 0.5)
            if k == 0:
                x, anchor = first - 0.5, (0.0, 0.5)
            elif k == len(data.stages) - 1:
                x, anchor = last + 0.4, (1.0, 0.5)
            _text(strip, stage, x, 1.5 if k % 2 == 0 else 0.5, anchor=anchor, size=8, bold=True)
        for row, (key, title, unit) in enumerate(MEASURES, start=2):
            plot = layout.addPlot(row=row, col=0)
            plot.disableAutoRange()
            _style_plot(plot)
            plot.setTitle(translate("ChartsPanel", MEASURE_TITLES.get(key, title)), color=_c("ink"), size="9pt")
            plot.getAxis("left").setWidth(60)
            values = np.array([np.nan if v is None else v for v in data.values[key]], dtype=float)
            measured = ~np.isnan(values)
            top = float(np.nanmax(values)) if measured.any() else 1.0
            if unit == "%":
                top = 100.0
            top = max(top, 1.0)
            for k, (_stage, first, last) in enumerate(data.stages):
                if k % 2 == 0:
                    band = pg.LinearRegionItem((first - 0.5, last + 0.5), movable=False,
                                               brush=pg.mkBrush(0, 0, 0, 14), pen=pg.mkPen(None))
                    band.setZValue(-10)
                    plot.addItem(band)
            if key == "monthly_volume":
                heights = np.where(measured, values, 0.0)
                plot.addItem(pg.BarGraphItem(x=xs, height=heights, width=0.7, brush=pg.mkBrush(_c("volume")),
                                             pen=pg.mkPen(_c("ink"))))
                plot.getAxis("left").setTicks([[(v, _short_number(v)) for v in _ticks_up_to(top)]])
            else:
                plot.plot(xs, values, pen=pg.mkPen(_c("ink"), width=1.5), connect="finite", symbol="o", symbolSize=6,
                          symbolBrush=pg.mkBrush(_c("point")), symbolPen=pg.mkPen(_c("ink")))
                plot.getAxis("left").setTicks([[(v, _short_number(v)) for v in _ticks_up_to(top, 3)]])
            missing = xs[~measured]
            if len(missing):
                plot.plot(missing, np.zeros(len(missing)), pen=None, symbol="x", symbolSize=8,
                          symbolPen=pg.mkPen(_c("missing"), width=1.5), symbolBrush=None)
            plot.setYRange(0, top * 1.1, padding=0)
            plot.showGrid(x=False, y=True, alpha=0.2)
            if row < len(MEASURES) + 1:
                plot.getAxis("bottom").setStyle(showValues=False)
            plots.append(plot)
        for plot in plots:
            plot.setXRange(-0.6, n - 0.4, padding=0)
            if plot is not plots[0]:
                plot.setXLink(plots[0])
        step = max(1, math.ceil(n / 40))
        plots[-1].getAxis("bottom").setTicks([[(float(i), str(i + 1)) for i in range(0, n, step)]])
        plots[-1].setLabel("bottom", translate("ChartsPanel", "Step, in journey order (× not measured)"),  # noqa: RUF001
                           color=_c("ink"))
        shown = 60
        key_text = "  ".join(f"{i + 1}. {t}" for i, t in enumerate(data.titles[:shown]))
        if n > shown:
            self.caption.setText(translate("ChartsPanel", "Steps: {0}  … and {1} more").format(
                key_text, core_i18n.format_number(n - shown)))
        else:
            self.caption.setText(translate("ChartsPanel", "Steps: {0}").format(key_text))
        self.caption.setFont(_font(8))


def _ticks_up_to(top: float, count: int = 3) -> list[float]:
    step = _nice_step(top, count)
    return [step * k for k in range(int(top // step) + 1)]


def _short_number(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


class HandoffMatrixChart(ChartView):
    """Hand-offs between organisations in the journey: rows hand off to columns; counts in the cells."""

    title = QT_TRANSLATE_NOOP("ChartsPanel", "Hand-offs between organisations")
    name = "handoff-matrix"
    sections = ("steps", "dependencies", "organisations", "blockers", "journeys")

    def query(self) -> Callable[[Any], HandoffMatrix]:
        journey_id = self.ctx.journey_id
        return lambda s: chart_queries.handoff_matrix(s, journey_id)

    def draw(self, data: HandoffMatrix) -> None:
        plot: pg.PlotItem = self.graphics.getPlotItem()
        plot.clear()
        plot.disableAutoRange()  # adding hundreds of labels would re-fit the view each time
        _style_plot(plot, title=translate("ChartsPanel", self.title), left=translate("ChartsPanel", "From (hands off)"),
                    bottom=translate("ChartsPanel", "To (receives)"))
        n = len(data.labels)
        if n == 0:
            self.caption.setText(translate("HandoffMatrixChart", "No steps with owners in this journey yet."))
            return
        counts = np.array(data.counts, dtype=float)
        top = max(1.0, float(counts.max()))
        # A square-root scale, so one very busy pair does not wash out the rest.
        shade = np.sqrt(counts)
        cmap = pg.ColorMap(pos=[0.0, 1.0], color=[QColor(_c("heat_low")), QColor(_c("heat_high"))])
        image = pg.ImageItem(shade, axisOrder="row-major")
        image.setLookupTable(cmap.getLookupTable(0.0, 1.0, 256))
        image.setLevels((0, math.sqrt(top)))
        size = 11 if n <= 12 else (9 if n <= 16 else 8)
        image.setRect(QRectF(-0.5, -0.5, n, n))
        plot.addItem(image)
        for i in range(n):
            for j in range(n):
                count = data.counts[i][j]
                if i == j and not (data.others and i == n - 1):
                    _text(plot, "—", j, i, colour=_c("muted"), size=size)
                    continue
                if not count:
                    continue
                colour, backing = heat_label(math.sqrt(count / top), _FORCED[-1] if _FORCED else theme.current())
                fill = pg.mkBrush(backing) if backing else None
                details = []
                if n > 16:  # too small a cell for more than the count; the caption has the totals
                    pass
                elif data.blocked[i][j]:
                    details.append(translate("ChartsPanel", "blocked {0}").format(data.blocked[i][j]))
                if data.unagreed[i][j] and n <= 16:
                    details.append(translate("ChartsPanel", "not agreed {0}").format(data.unagreed[i][j]))
                _text(plot, str(count), j, i - 0.1 * len(details), colour=colour, size=size, bold=True, fill=fill)
                for k, detail in enumerate(details):
                    _text(plot, detail, j, i + 0.08 + 0.2 * k + (0.1 if len(details) == 1 else 0), colour=colour, size=7,
                          fill=fill)
        ticks = [(float(k), data.labels[k]) for k in range(n)]
        plot.getAxis("left").setTicks([ticks])
        metrics = QFontMetrics(_font(9))
        plot.getAxis("left").setWidth(max(metrics.horizontalAdvance(t) for t in data.labels) + 16)
        # Many columns: stagger the names over two lines so that neighbours do not overlap.
        stagger = n > 10
        plot.getAxis("bottom").setTicks([[(float(k), ("\n" if stagger and k % 2 else "") + data.labels[k])
                                          for k in range(n)]])
        plot.getAxis("bottom").setHeight(52 if stagger else 36)
        plot.invertY(True)
        plot.setAspectLocked(False)
        plot.setXRange(-0.5, n - 0.5, padding=0)
        plot.setYRange(-0.5, n - 0.5, padding=0)
        total = data.total()
        blocked = sum(map(sum, data.blocked))
        unagreed = sum(map(sum, data.unagreed))
        self.caption.setText(
            (translate("ChartsPanel", "Dependencies that cross from one organisation's step to another's: {0}; blocked "
                       "{1}, not agreed {2}. Darker cells carry more hand-offs; the number in each cell is the count. "
                       "The quietest organisations are gathered under Others.") if data.others else
             translate("ChartsPanel", "Dependencies that cross from one organisation's step to another's: {0}; blocked "
                       "{1}, not agreed {2}. Darker cells carry more hand-offs; the number in each cell is the count."))
            .format(total, blocked, unagreed))


CHARTS: tuple[type[ChartView], ...] = (
    BlockersByOrganisationChart, BlockerTrendChart, StepMeasuresChart, HandoffMatrixChart,
)


def ask_png_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save a PNG (tests patch this)."""
    path, _filter = QFileDialog.getSaveFileName(parent, translate("ChartsPanel", "Export chart"), suggested, translate("ChartsPanel", "PNG image (*.png)"))
    if not path:
        return None
    return path if path.lower().endswith(".png") else f"{path}.png"


class ChartsPanel(QWidget):
    """The four charts in tabs, with an export button for the one shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChartsPanel")
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.tabs.tabBar().setAccessibleName(translate("ChartsPanel", "Charts"))
        self.tabs.tabBar().setAccessibleDescription(translate("ChartsPanel", "Which chart to show; left and right arrows choose"))
        self.charts: list[ChartView] = []
        for cls in CHARTS:
            chart = cls(ctx, today=today)
            self.charts.append(chart)
            self.tabs.addTab(chart, translate("ChartsPanel", cls.title))
        self.tabs.setTabText(0, translate("ChartsPanel", "Blockers by organisation"))
        self.tabs.setTabText(1, translate("ChartsPanel", "Raised and resolved"))
        self.tabs.setTabText(2, translate("ChartsPanel", "Step measures"))
        self.tabs.setTabText(3, translate("ChartsPanel", "Hand-off matrix"))
        self.export_button = QPushButton(translate("ChartsPanel", "Export PNG…"))
        self.export_button.clicked.connect(lambda _c=False: self.export_current())
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bar)

    def chart(self, cls: type[ChartView]) -> ChartView:
        return next(c for c in self.charts if isinstance(c, cls))

    def export_current(self, path: str | None = None) -> Path | None:
        chart = self.charts[self.tabs.currentIndex()]
        path = path or ask_png_path(self, f"{chart.name}.png")
        if not path:
            return None
        return chart.export_png(path)


__all__ = [
    "CHARTS",
    "BlockerTrendChart",
    "BlockersByOrganisationChart",
    "ChartView",
    "ChartsPanel",
    "HandoffMatrixChart",
    "StepMeasuresChart",
]
