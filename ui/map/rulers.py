"""Around the map: the stages' names along the top, the lanes' owners down the left, the corner
between them, and the legend in the map's corner. They follow the view's scroll and zoom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QLineF,
    QPoint,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QApplication,
    QToolTip,
    QWidget,
)

from servicecommunity.analysis.layout import (
    Column,
    Lane,
)
from ui import theme
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.map.arrows import ALTERNATIVE, BLOCKED, HANDOFF, NORMAL, UNAGREED
from ui.map.styles import styles, wrap_text

if TYPE_CHECKING:
    from ui.map.view import JourneyMapView


class _Ruler(QWidget):
    def __init__(self, view: JourneyMapView) -> None:
        super().__init__(view)
        self.view = view
        self.setAutoFillBackground(False)
        self.setMouseTracking(True)

    def header_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.25)
        font.setWeight(QFont.Weight.Bold)
        return font


class StageRuler(_Ruler):
    """The stages' names above the map, following its scroll and zoom; click, drag, double-click."""

    def __init__(self, view: JourneyMapView) -> None:
        super().__init__(view)
        self.setObjectName("StageRuler")
        self.setAccessibleName(translate("StageRuler", "Stages"))
        self.setToolTip(translate("StageRuler", "Stages: click to select, double-click to rename, drag to reorder, right-click for more"))
        self._press: tuple[QPoint, str] | None = None
        self._drag_to: int | None = None

    def preferred_height(self) -> int:
        return int(QFontMetricsF(self.header_font()).height() * 2 + 12)

    def columns(self) -> list[tuple[Column, float, float]]:
        layout = self.view.map_scene.layout
        if layout is None:
            return []
        out = []
        for column in layout.columns:
            x0 = self.view.mapFromScene(QPointF(column.box.x, 0)).x()
            x1 = self.view.mapFromScene(QPointF(column.box.x + column.box.w, 0)).x()
            out.append((column, float(x0), float(x1)))
        return out

    def stage_at(self, x: float) -> str | None:
        for column, x0, x1 in self.columns():
            if x0 <= x < x1:
                return column.stage_id
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        st = styles()
        p = st.palette
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(p.ruler))
        font = self.header_font()
        small = QFont(self.font())
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        selected = self.view.map_scene.selected_stage
        h = self.height()
        for i, (column, x0, x1) in enumerate(self.columns()):
            if x1 < 0 or x0 > self.width():
                continue
            cell = QRectF(x0, 0, x1 - x0, h)
            if column.stage_id == selected:
                painter.fillRect(cell, QColor(p.selection))
                painter.setPen(QColor("#ffffff" if p.name == "light" else "#0b0c0c"))
            else:
                painter.setPen(QColor(p.ruler_text))
            # keep the name in view while the column is partly scrolled off
            left = max(x0, 0.0) + 8
            right = min(x1, float(self.width())) - 8
            if right - left < 12:
                continue
            painter.setFont(small)
            painter.drawText(QRectF(left, 4, right - left, h / 2 - 4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             translate("StageRuler", "Stage {0}").format(i + 1))
            painter.setFont(font)
            name = metrics.elidedText(column.name, Qt.TextElideMode.ElideRight, right - left)
            painter.drawText(QRectF(left, h / 2, right - left, h / 2 - 4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            painter.setPen(QPen(QColor(p.grid), 1))
            painter.drawLine(QLineF(x1, 0, x1, h))
        if self._drag_to is not None:
            cols = self.columns()
            if cols:
                x = cols[self._drag_to][1] if self._drag_to < len(cols) else cols[-1][2]
                painter.fillRect(QRectF(x - 3, 0, 6, h), QColor(p.handoff))
        painter.setPen(QPen(QColor(p.grid), 1))
        painter.drawLine(QLineF(0, h - 0.5, self.width(), h - 0.5))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        stage = self.stage_at(event.position().x())
        if event.button() == Qt.MouseButton.LeftButton and stage:
            self.view.map_scene.set_selection((), (), stage)
            self._press = (event.position().toPoint(), stage)
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        if (event.position().toPoint() - self._press[0]).manhattanLength() < QApplication.startDragDistance():
            return
        x = event.position().x()
        cols = self.columns()
        index = len(cols)
        for i, (_column, x0, x1) in enumerate(cols):
            if x < (x0 + x1) / 2:
                index = i
                break
        self._drag_to = index
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, target = self._press, self._drag_to
        self._press, self._drag_to = None, None
        self.update()
        data = self.view.map_scene.data
        if press is None or target is None or data is None:
            return
        order = [sid for sid, _ in data.stages]
        stage = press[1]
        new = [s for s in order if s != stage]
        index = target - (1 if order.index(stage) < target else 0)
        new.insert(max(0, min(len(new), index)), stage)
        self.view.editor.reorder_stages(data.journey_id, new, order)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        stage = self.stage_at(event.position().x())
        if stage:
            self.view.rename_stage(stage)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        stage = self.stage_at(event.pos().x())
        if stage:
            self.view.map_scene.set_selection((), (), stage)
            self.view.stage_menu(stage).exec(event.globalPos())


class LaneRuler(_Ruler):
    """The organisations owning each swimlane, left of the map, following its scroll and zoom."""

    def __init__(self, view: JourneyMapView) -> None:
        super().__init__(view)
        self.setObjectName("LaneRuler")
        self.setAccessibleName(translate("LaneRuler", "Swimlanes: organisations"))
        self.setToolTip(translate("LaneRuler", "Swimlanes: the organisation that owns the steps; click to select its steps"))

    def preferred_width(self) -> int:
        layout = self.view.map_scene.layout
        metrics = QFontMetricsF(self.header_font())
        widest = max((metrics.horizontalAdvance(lane.label) for lane in layout.lanes), default=80.0) if layout else 80.0
        return int(min(max(widest, metrics.horizontalAdvance("Companies")) + 34, 260))

    def lanes(self) -> list[tuple[Lane, float, float]]:
        layout = self.view.map_scene.layout
        if layout is None:
            return []
        out = []
        for lane in layout.lanes:
            y0 = self.view.mapFromScene(QPointF(0, lane.box.y)).y()
            y1 = self.view.mapFromScene(QPointF(0, lane.box.y + lane.box.h)).y()
            out.append((lane, float(y0), float(y1)))
        return out

    def lane_at(self, y: float) -> Lane | None:
        for lane, y0, y1 in self.lanes():
            if y0 <= y < y1:
                return lane
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        st = styles()
        p = st.palette
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(p.ruler))
        font = self.header_font()
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        w = self.width()
        data = self.view.map_scene.data
        for lane, y0, y1 in self.lanes():
            if y1 < 0 or y0 > self.height():
                continue
            painter.fillRect(QRectF(0, y0, 8, y1 - y0), st.colour(lane.colour))
            # the organisation's colour may be as dark as the ruler (GDS's near-black): an outline shows it
            painter.setPen(QPen(QColor(p.swatch_outline), 1))
            painter.drawLine(QLineF(8.5, y0, 8.5, y1))
            painter.setPen(QPen(QColor(p.grid), 1))
            painter.drawLine(QLineF(0, y1, w, y1))
            top = max(y0, 0.0) + 6
            bottom = min(y1, float(self.height())) - 4
            if bottom - top < metrics.height() * 0.8:
                continue
            painter.setPen(QColor(p.ruler_text))
            lines = wrap_text(lane.label, metrics, w - 22, max(1, int((bottom - top) // metrics.lineSpacing())))
            y = top + metrics.ascent()
            for line in lines[:3]:
                painter.drawText(QPointF(14, y), line)
                y += metrics.lineSpacing()
            if data is not None and lane.key and lane.key in data.organisations:
                org = data.organisations[lane.key]
                if org.name != lane.label and y + metrics.height() < bottom:
                    painter.setFont(self.font())
                    small = QFontMetricsF(self.font())
                    for line in wrap_text(org.name, small, w - 22, 2):
                        if y + small.height() > bottom:
                            break
                        painter.setPen(QColor(p.muted))
                        painter.drawText(QPointF(14, y + 2), line)
                        y += small.lineSpacing()
                    painter.setFont(font)
        painter.setPen(QPen(QColor(p.grid), 1))
        painter.drawLine(QLineF(w - 0.5, 0, w - 0.5, self.height()))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        lane = self.lane_at(event.position().y())
        scene = self.view.map_scene
        if lane is None or scene.data is None:
            return
        steps = [s.id for s in scene.data.steps if scene.lane_key(s) == lane.key]
        scene.set_selection(steps)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            lane = self.lane_at(event.pos().y())
            data = self.view.map_scene.data
            if lane is not None and data is not None:
                org = data.organisations.get(lane.key)
                count = sum(1 for s in data.steps if self.view.map_scene.lane_key(s) == lane.key)
                name = org.name if org else translate("LaneRuler", "Steps nobody owns yet")
                said = translate("LaneRuler", "{0}\n%n step(s) in this journey", "", count).format(name)
                QToolTip.showText(event.globalPos(), said, self)
                return True
        return super().event(event)


class CornerLabel(_Ruler):
    def paintEvent(self, event: QPaintEvent) -> None:
        p = theme.current()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(p.ruler))
        painter.setPen(QColor(p.muted))
        painter.drawText(self.rect().adjusted(8, 4, -4, -4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, translate("CornerLabel", "Owner ↓  Stage →"))
        painter.setPen(QPen(QColor(p.grid), 1))
        painter.drawLine(QLineF(0, self.height() - 0.5, self.width(), self.height() - 0.5))
        painter.drawLine(QLineF(self.width() - 0.5, 0, self.width() - 0.5, self.height()))
        painter.end()


class MapLegend(QWidget):
    """What the map's marks mean, in a corner of the map (View > Legend)."""

    ROWS = (
        ("card", QT_TRANSLATE_NOOP("MapLegend", "A step; its owner's colour on the left")),
        (NORMAL, QT_TRANSLATE_NOOP("MapLegend", "Sequence (one step, then the next)")),
        (HANDOFF, QT_TRANSLATE_NOOP("MapLegend", "Hand-off between organisations")),
        (UNAGREED, QT_TRANSLATE_NOOP("MapLegend", "Hand-off not agreed")),
        (BLOCKED, QT_TRANSLATE_NOOP("MapLegend", "Blocked by an open blocker")),
        (ALTERNATIVE, QT_TRANSLATE_NOOP("MapLegend", "Alternative (one or the other)")),
        ("badge", QT_TRANSLATE_NOOP("MapLegend", "Open blockers, and the worst")),
        ("again", QT_TRANSLATE_NOOP("MapLegend", "Asks again for data another organisation has")),
    )

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("MapLegend")
        self.setAccessibleName(translate("MapLegend", "Legend"))
        self.setAccessibleDescription("; ".join(translate("MapLegend", text) for _key, text in self.ROWS))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self._fit()

    def _fit(self) -> None:
        metrics = QFontMetricsF(self.font())
        width = max(metrics.horizontalAdvance(translate("MapLegend", text)) for _key, text in self.ROWS) + 96
        self.resize(int(width), int(metrics.lineSpacing() * 1.45 * len(self.ROWS) + 34))

    def paintEvent(self, event: QPaintEvent) -> None:
        st = styles()
        p = st.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(p.grid), 1))
        painter.setBrush(QColor(p.ruler))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        metrics = QFontMetricsF(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(p.text))
        painter.drawText(QPointF(10, 8 + metrics.ascent()), translate("MapLegend", "Legend"))
        painter.setFont(self.font())
        row_h = metrics.lineSpacing() * 1.45
        colours = {NORMAL: st.arrow, ALTERNATIVE: st.arrow, HANDOFF: st.handoff, UNAGREED: st.unagreed, BLOCKED: st.blocked}
        for i, (key, text) in enumerate(self.ROWS):
            y = 14 + metrics.lineSpacing() + i * row_h + row_h / 2
            sample = QRectF(10, y - row_h / 2 + 3, 66, row_h - 6)
            if key == "card":
                painter.setPen(QPen(QColor(p.card_border), 1))
                painter.setBrush(QColor(p.card))
                painter.drawRect(sample.adjusted(10, 0, -10, 0))
                painter.fillRect(QRectF(sample.x() + 10, sample.y(), 5, sample.height()), QColor("#1d70b8"))
            elif key == "badge":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(st.severity["high"])
                painter.drawRoundedRect(sample.adjusted(4, 0, -4, 0), 4, 4)
                painter.setPen(QColor("#ffffff"))
                painter.setFont(bold)
                painter.drawText(sample, Qt.AlignmentFlag.AlignCenter, translate("MapLegend", "2 High"))
                painter.setFont(self.font())
            elif key == "again":
                painter.setPen(QPen(QColor(p.repeated_text), 1))
                painter.setBrush(QColor(p.repeated))
                painter.drawRoundedRect(sample.adjusted(4, 0, -4, 0), sample.height() / 2, sample.height() / 2)
                painter.setPen(QColor(p.repeated_text))
                painter.setFont(bold)
                painter.drawText(sample, Qt.AlignmentFlag.AlignCenter, translate("MapLegend", "Again"))
                painter.setFont(self.font())
            else:
                widths = {NORMAL: 2.0, ALTERNATIVE: 2.0, HANDOFF: 3.5, UNAGREED: 3.5, BLOCKED: 3.5}
                dashes = {ALTERNATIVE: Qt.PenStyle.DashLine, UNAGREED: Qt.PenStyle.DotLine}
                pen = QPen(colours[key], widths[key], dashes.get(key, Qt.PenStyle.SolidLine))
                painter.setPen(pen)
                painter.drawLine(QLineF(sample.left() + 2, y, sample.right() - 10, y))
                if key != ALTERNATIVE:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(colours[key])
                    x = sample.right() - 2
                    painter.drawPolygon(QPolygonF([QPointF(x, y), QPointF(x - 10, y - 5), QPointF(x - 10, y + 5)]))
            painter.setPen(QColor(p.text))
            painter.drawText(QPointF(sample.right() + 10, y + metrics.ascent() / 2 - 1), translate("MapLegend", text))
        painter.end()
