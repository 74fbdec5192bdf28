"""The map's items under the arrows: a step's card (:class:`CardItem`) and the lane bands and stage
lines behind the cards (:class:`GridItem`).

A card is a ``QGraphicsRectItem`` whose bounding rect stays in C++ and whose ``paint`` draws less as
the map shrinks: a coloured block, then the title, then chips and badges.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import (
    QLineF,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from servicecommunity.analysis.layout import (
    LANE_HEADER_W,
    STAGE_HEADER_H,
    UNASSIGNED_COLOUR,
    Box,
    MapLayout,
    MapOrganisation,
    MapStep,
)
from servicecommunity.domain import enums
from ui.i18n import translate
from ui.map.styles import (
    BADGE_BIG_PX,
    BAND_W,
    BLOCK_LOD,
    CHANNEL_LABELS,
    CHIP_H,
    HANDLE_LOD,
    HANDLE_R,
    MARGIN,
    PAD,
    SMALL_PX,
    TEXT_MIN_SCREEN_PX,
    Z_GRID,
    Styles,
    severity_label,
    styles,
    wrap_text,
)

BADGE_H = 21.0


class CardItem(QGraphicsRectItem):
    """One step's card. Paints from plain values; its bounds (card, outline and handle) stay in C++."""

    def __init__(self, step: MapStep, box: Box, org: MapOrganisation | None, parent: QGraphicsItem) -> None:
        # bounds: the card, its selection outline, the link handle (right) and the badges (top)
        super().__init__(-8.0, -22.0, box.w + 16.0 + HANDLE_R, box.h + 30.0, parent)
        self.step = step
        self.box = box
        self.org = org
        self.w, self.h = box.w, box.h
        self.selected = False
        self.focused = False
        self.hovered = False
        self.target = False
        self._lines: list[str] | None = None
        self.setPos(box.x, box.y)  # hovering is tracked by the view (no hover events per card)

    @property
    def step_id(self) -> str:
        return self.step.id

    def owner_colour(self) -> str:
        return self.org.colour if self.org else UNASSIGNED_COLOUR

    def set_step(self, step: MapStep, org: MapOrganisation | None) -> None:
        old = self.step
        if step.title != old.title or (bool(step.blocker_count), bool(step.repeated_data), bool(step.note_count)) != (
            bool(old.blocker_count), bool(old.repeated_data), bool(old.note_count)
        ):
            self._lines = None  # the title's room depends on the badges on a projector
        self.step = step
        self.org = org
        self.update()

    def set_box(self, box: Box) -> None:
        self.box = box
        self.setPos(box.x, box.y)

    def set_flags(self, *, selected: bool | None = None, focused: bool | None = None,
                  target: bool | None = None) -> None:
        changed = False
        for name, value in (("selected", selected), ("focused", focused), ("target", target)):
            if value is not None and getattr(self, name) != value:
                setattr(self, name, value)
                changed = True
        if changed:
            self.update()

    def set_hovered(self, on: bool) -> None:
        if on != self.hovered:
            self.hovered = on
            self.update()

    def handle_centre(self) -> QPointF:
        return QPointF(self.w, self.h / 2)

    def on_handle(self, scene_pos: QPointF, lod: float) -> bool:
        """Is a scene point on the link handle (generous when zoomed out)?"""
        if lod < HANDLE_LOD:
            return False
        local = scene_pos - self.pos()
        radius = max(HANDLE_R + 3, 10.0 / max(lod, 0.01))
        return math.hypot(local.x() - self.w, local.y() - self.h / 2) <= radius

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        st = styles()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        w, h = self.w, self.h
        body = QRectF(0.0, 0.0, w, h)
        owner = st.colour(self.owner_colour())
        step = self.step
        if lod < BLOCK_LOD:
            painter.fillRect(body, owner)
            if step.blocker_count and step.worst_severity in st.severity:
                painter.fillRect(QRectF(w * 0.6, 0.0, w * 0.4, h * 0.4), st.severity[step.worst_severity])
            if self.selected or self.target:
                pen = QPen(st.selection if self.selected else st.handoff, 3.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(body)
            return
        painter.setPen(st.card_pen)
        painter.setBrush(st.card_brush)
        painter.drawRect(body)
        painter.fillRect(QRectF(0.0, 0.0, BAND_W, h), owner)
        if self.selected:
            painter.setPen(st.selected_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(body.adjusted(-1.5, -1.5, 1.5, 1.5))
        if self.target:
            painter.setPen(st.target_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(body.adjusted(-2, -2, 2, 2))
        if self.focused:
            painter.setPen(st.focus_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(body.adjusted(-5, -5, 5, 5))
        if lod * st.title_px >= TEXT_MIN_SCREEN_PX:
            self._paint_text(painter, st, lod)
        self._paint_badges(painter, st, lod)
        if (self.hovered or self.selected) and lod >= HANDLE_LOD:
            painter.setPen(QPen(st.canvas, 2.0))
            painter.setBrush(st.handle_brush)
            centre = self.handle_centre()
            painter.drawEllipse(centre, HANDLE_R, HANDLE_R)
            painter.setPen(QPen(st.canvas, 2.0))
            painter.drawLine(QLineF(centre.x() - 4, centre.y(), centre.x() + 4, centre.y()))
            painter.drawLine(QLineF(centre.x() + 1, centre.y() - 3, centre.x() + 4, centre.y()))
            painter.drawLine(QLineF(centre.x() + 1, centre.y() + 3, centre.x() + 4, centre.y()))

    def _title_lines(self, st: Styles) -> list[str]:
        if self._lines is None:
            text_w = self.w - BAND_W - PAD * 2
            if st.presenting:  # no chips: the title has the card, less a row for the badges if any
                step = self.step
                badged = step.blocker_count or step.repeated_data or step.note_count
                room = self.h - PAD * 2 - ((BADGE_H + 4) if badged else 0)
            else:
                room = self.h - PAD * 2 - CHIP_H - 4
            max_lines = max(1, int(room // st.line_h))
            self._lines = wrap_text(self.step.title, st.title_metrics, text_w, max_lines)
        return self._lines

    def title_rect(self, st: Styles | None = None) -> QRectF:
        """Where the title is drawn, in the card's coordinates."""
        st = st or styles()
        lines = self._title_lines(st)
        return QRectF(BAND_W + PAD, PAD, self.w - BAND_W - PAD * 2, len(lines) * st.line_h)

    def _paint_text(self, painter: QPainter, st: Styles, lod: float) -> None:
        w, h = self.w, self.h
        step = self.step
        left = BAND_W + PAD
        lines = self._title_lines(st)
        painter.setFont(st.title_font)
        painter.setPen(st.text_pen)
        y = PAD + st.title_metrics.ascent()
        for line in lines:
            painter.drawText(QPointF(left, y), line)
            y += st.line_h
        if lod * SMALL_PX < TEXT_MIN_SCREEN_PX or st.presenting:
            return
        row_y = h - PAD - CHIP_H
        right = w - PAD
        if step.note_count:  # the notes' count ends the row (see badges)
            right -= self._note_width(st) + 4.0
        x = left
        painter.setFont(st.small_font)
        channels = step.channels
        for i, channel in enumerate(channels):
            label = CHANNEL_LABELS.get(channel) or enums.label(channel)
            cw = st.small_metrics.horizontalAdvance(label) + 10.0
            rest = len(channels) - i - 1
            reserve = (st.small_metrics.horizontalAdvance(f"+{rest}") + 6.0) if rest else 0.0
            if x + cw + reserve > right:
                more = f"+{len(channels) - i}"
                painter.setPen(st.muted_pen)
                painter.drawText(QRectF(x, row_y, right - x, CHIP_H), Qt.AlignmentFlag.AlignVCenter, more)
                break
            chip = QRectF(x, row_y, cw, CHIP_H)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(st.chip_brush)
            painter.drawRoundedRect(chip, 3.0, 3.0)
            painter.setPen(st.chip_pen)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
            x += cw + 4.0

    def badges(self, st: Styles, lod: float) -> list[tuple[str, QRectF, str]]:
        """The badges as (kind, rect in the card's coordinates, words): ``blocker`` (count and worst
        severity; ``count`` alone when zoomed out), ``again`` and ``notes`` (how many notes, after a
        speech bubble). Over the top edge as usual, the notes at the end of the chips' row; on a
        projector inside the card, under the title, so that they never cover it."""
        step = self.step
        out: list[tuple[str, QRectF, str]] = []
        small = lod * SMALL_PX >= TEXT_MIN_SCREEN_PX or st.presenting
        top, right = (self.h - PAD - BADGE_H, self.w - PAD) if st.presenting else (-12.0, self.w + 6.0)
        if step.blocker_count:
            if small:
                label = f"{step.blocker_count} {severity_label(step.worst_severity)}"
                bw = st.badge_metrics.horizontalAdvance(label) + 28.0
                badge = QRectF(right - bw, top, bw, BADGE_H)
                out.append(("blocker", badge, label))
                right = badge.x() - 4.0
            else:  # zoomed out: a big block with the count alone
                badge = QRectF(right - 64.0, -20.0, 64.0, 40.0)
                out.append(("count", badge, str(step.blocker_count)))
                right = badge.x() - 6.0
        if step.repeated_data and small:
            n = len(step.repeated_data)
            label = (translate("MapCards", "Again ×{0}").format(n) if n > 1  # noqa: RUF001 - a multiplication sign
                     else translate("MapCards", "Asked again"))
            pw = st.badge_metrics.horizontalAdvance(label) + 14.0
            out.append(("again", QRectF(max(BAND_W + PAD, right - pw), top, pw, BADGE_H), label))
            right = max(BAND_W + PAD, right - pw) - 4.0
        if step.note_count and small:
            nw = self._note_width(st)
            if st.presenting:  # in the badges' row, under the title
                out.append(("notes", QRectF(max(BAND_W + PAD, right - nw), top, nw, BADGE_H), str(step.note_count)))
            else:  # at the end of the chips' row, under the title: never over it
                out.append(("notes", QRectF(self.w - PAD - nw, self.h - PAD - CHIP_H, nw, CHIP_H), str(step.note_count)))
        return out

    def _note_width(self, st: Styles) -> float:
        """The width of the notes' count: a speech bubble and the number."""
        metrics = st.badge_metrics if st.presenting else st.small_metrics
        return metrics.horizontalAdvance(str(self.step.note_count)) + 24.0

    def _paint_badges(self, painter: QPainter, st: Styles, lod: float) -> None:
        """Open blockers (count and worst severity, in words) and "asks again"."""
        step = self.step
        for kind, rect, label in self.badges(st, lod):
            if kind == "notes":
                painter.setPen(st.chip_pen)
                painter.setBrush(st.chip_brush)
                painter.drawRoundedRect(rect, 4.0, 4.0)
                bubble_glyph(painter, QPointF(rect.x() + 10.0, rect.center().y()), st)
                painter.setFont(st.badge_font if st.presenting else st.small_font)
                painter.setPen(st.chip_pen)
                painter.drawText(rect.adjusted(18.0, 0, -3.0, 0), Qt.AlignmentFlag.AlignCenter, label)
                continue
            if kind == "again":
                painter.setPen(QPen(QColor(st.palette.repeated_text), 1.0))
                painter.setBrush(st.repeated_brush)
                painter.drawRoundedRect(rect, 10.5, 10.5)
                painter.setFont(st.badge_font)
                painter.setPen(st.repeated_pen)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
                continue
            fill = st.severity.get(step.worst_severity or "", st.severity["medium"])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            if kind == "blocker":
                painter.drawRoundedRect(rect, 5.0, 5.0)
                _warning_glyph(painter, QPointF(rect.x() + 11.0, rect.center().y()), st)
                painter.setFont(st.badge_font)
                painter.setPen(st.white_pen)
                painter.drawText(rect.adjusted(20.0, 0, -4.0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
            else:
                painter.drawRoundedRect(rect, 6.0, 6.0)
                if lod * BADGE_BIG_PX >= TEXT_MIN_SCREEN_PX:
                    painter.setFont(st.big_font)
                    painter.setPen(st.white_pen)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)


def _warning_glyph(painter: QPainter, centre: QPointF, st: Styles) -> None:
    """A white warning triangle with "!" (a shape, so it needs no font glyph)."""
    cx, cy = centre.x(), centre.y()
    triangle = QPolygonF([QPointF(cx, cy - 6.5), QPointF(cx + 7, cy + 5.5), QPointF(cx - 7, cy + 5.5)])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffffff"))
    painter.drawPolygon(triangle)
    painter.setPen(QPen(QColor("#0b0c0c"), 1.6))
    painter.drawLine(QLineF(cx, cy - 2.5, cx, cy + 1.5))
    painter.drawPoint(QPointF(cx, cy + 3.6))


def bubble_glyph(painter: QPainter, centre: QPointF, st: Styles) -> None:
    """A speech bubble (a shape, so it needs no font glyph): the notes' count follows it."""
    cx, cy = centre.x(), centre.y()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(st.chip_pen.color())
    painter.drawRoundedRect(QRectF(cx - 6.0, cy - 5.0, 12.0, 8.0), 2.5, 2.5)
    painter.drawPolygon(QPolygonF([QPointF(cx - 3.0, cy + 2.5), QPointF(cx + 1.0, cy + 2.5), QPointF(cx - 4.0, cy + 6.0)]))


class GridItem(QGraphicsRectItem):
    """Lane bands and stage separators behind the cards (a few dozen rectangles)."""

    def __init__(self) -> None:
        super().__init__()
        # paint() gets the exposed rect (not the whole map), so it draws only what is on screen
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.layout: MapLayout | None = None
        self._shape: Any = None
        self.setZValue(Z_GRID)
        self.setPen(QPen(Qt.PenStyle.NoPen))

    def set_layout(self, layout: MapLayout) -> None:
        shape = (tuple((c.box, c.name) for c in layout.columns), tuple((lane.box, lane.colour) for lane in layout.lanes))
        old = self.layout
        self.layout = layout
        if old is not None and shape == self._shape:
            return  # the same bands: nothing to redraw
        self._shape = shape
        rect = QRectF(0, 0, layout.width + MARGIN, layout.height + MARGIN)
        if rect != self.rect():
            self.setRect(rect)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self.layout is None:
            return
        st = styles()
        exposed = option.exposedRect
        left = LANE_HEADER_W
        right = self.layout.width
        for i, lane in enumerate(self.layout.lanes):
            band = QRectF(left, lane.box.y, right - left, lane.box.h)
            if band.intersects(exposed):
                painter.fillRect(band, st.lane_brushes[i % 2])
                painter.fillRect(QRectF(left, lane.box.y, 6.0, lane.box.h), st.colour(lane.colour))
        painter.setPen(st.grid_pen)
        top, bottom = STAGE_HEADER_H, self.layout.height
        for column in self.layout.columns:
            x = column.box.x + column.box.w
            painter.drawLine(QLineF(x, top, x, bottom))
        for lane in self.layout.lanes:
            painter.drawLine(QLineF(left, lane.box.y, right, lane.box.y))
        painter.drawLine(QLineF(left, bottom, right, bottom))
        painter.drawLine(QLineF(left, top, left, bottom))
