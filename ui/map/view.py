"""The journey map canvas: stages as columns, organisations as swimlanes, steps as cards.

Geometry comes from :func:`servicecommunity.analysis.layout.layout_map` (the poster exports use the same),
data from :class:`servicecommunity.analysis.layout.MapLoader`, which re-reads only what a change names.

Drawing at scale (Qt's "40000 Chips" example): a card is one :class:`CardItem`, a
``QGraphicsRectItem`` whose bounding rect stays in C++ and whose ``paint`` draws less as the map
shrinks (a coloured block, then the title, then chips and badges); all dependencies are one
:class:`ArrowLayer` that draws only the arrows in the exposed rect; zoomed far out, a big map is
one :class:`OverviewItem` painting a cached image while the cards and arrows are hidden in one
call each. No drop shadows, no per-item effects, a fixed scene rect, no index (everything sits
under a few top-level items, so Qt's culling is a cheap C++ loop).

Selection is the scene's own (step, dependency and stage ids), not Qt's item selection, so it
survives the cards being hidden in the overview and the map being rebuilt after an edit.

Interaction (:class:`JourneyMapView`): click, ctrl/shift-click and rubber-band selection; drag a
card to another lane or stage (its owner or stage changes); drag from a card's round handle to
another card to draw a dependency; double-click an empty cell to add a step there; arrow keys
move between cards, Enter edits the title in place, Delete deletes, ctrl+arrows move the card;
ctrl+wheel zooms, middle button or space+drag pans. Every edit goes through
:class:`ui.map.editing.MapEditor`, so it is one undo entry and is in the workspace file at once.
"""

from __future__ import annotations

import gc
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QLineF,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QLineEdit,
    QMenu,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from servicecommunity.analysis.layout import (
    CARD_H,
    CARD_W,
    GAP,
    LANE_HEADER_W,
    MAP_SECTIONS,
    STAGE_HEADER_H,
    UNASSIGNED,
    UNASSIGNED_COLOUR,
    Box,
    Column,
    Lane,
    MapData,
    MapDependency,
    MapLayout,
    MapLoader,
    MapOrganisation,
    MapStep,
    layout_map,
)
from servicecommunity.domain import enums
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.domain.models import Member
from servicecommunity.services import Changes
from servicecommunity.store.bulk import gc_paused
from ui import theme
from ui.context import AppContext
from ui.map.editing import MapEditor, Move

# --- level of detail and sizes (scene units: 1 unit = 1 px at 100 % zoom) ----------------------

OVERVIEW_LOD = 0.3  # below this zoom a big map is drawn from one cached image
OVERVIEW_MIN_STEPS = 300  # smaller maps are always drawn card by card
DEFER_MIN_STEPS = 1500  # bigger maps refresh after an edit in an event-loop turn of its own
OVERVIEW_MAX_PX = 4096  # the overview image's longest side
BLOCK_LOD = 0.18  # below this a card is a coloured block
HANDLE_LOD = 0.35  # the link handle shows from this zoom
MIN_ZOOM, MAX_ZOOM = 0.02, 4.0
ZOOM_STEP = 1.25
MAX_FULL_ARROWS = 300  # arrows drawn in full in one paint; the rest as thin polylines
TITLE_PX = 16
BADGE_BIG_PX = 26  # the blocker count when the card's small text is too small to read
SMALL_PX = 11
TEXT_MIN_SCREEN_PX = 6.0  # text smaller than this on screen is not drawn
BAND_W = 10.0  # the owner's colour down the card's left edge
PAD = 8.0
CHIP_H = 18.0
HANDLE_R = 9.0
MARGIN = 32.0  # scene margin around the map

CHANNEL_LABELS = {"online": "Online", "phone": "Phone", "paper": "Paper", "face_to_face": "In person"}
EMOTION_WORDS = {-2: "very unhappy", -1: "unhappy", 0: "neutral", 1: "happy", 2: "very happy"}

Z_GRID, Z_ARROWS, Z_CARDS, Z_OVERVIEW, Z_INDICATOR, Z_DRAG, Z_LINK = 0, 1, 2, 3, 4, 5, 6


def _font(px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont(QApplication.font())
    font.setPixelSize(max(1, round(px)))
    font.setWeight(weight)
    return font


class _Styles:
    """Pens, brushes and fonts for one theme, made once (painting allocates nothing it can reuse)."""

    def __init__(self, p: theme.Palette) -> None:
        self.palette = p
        self.name = p.name
        self.card_brush = QBrush(QColor(p.card))
        self.card_pen = QPen(QColor(p.card_border), 1.2)
        self.selected_pen = QPen(QColor(p.selection), 5.0)
        self.selected_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self.focus_pen = QPen(QColor(p.selection), 2.0, Qt.PenStyle.DashLine)
        self.target_pen = QPen(QColor(p.handoff), 5.0, Qt.PenStyle.DashLine)
        self.text_pen = QPen(QColor(p.card_text))
        self.muted_pen = QPen(QColor(p.card_muted))
        self.chip_brush = QBrush(QColor(p.chip))
        self.chip_pen = QPen(QColor(p.chip_text))
        self.repeated_brush = QBrush(QColor(p.repeated))
        self.repeated_pen = QPen(QColor(p.repeated_text))
        self.white_pen = QPen(QColor("#ffffff"))
        self.handle_brush = QBrush(QColor(p.selection))
        self.severity = {k: QBrush(QColor(v)) for k, v in p.severity.items()}
        self.title_font = _font(TITLE_PX, QFont.Weight.DemiBold)
        self.small_font = _font(SMALL_PX)
        self.badge_font = _font(SMALL_PX + 1, QFont.Weight.Bold)
        self.big_font = _font(BADGE_BIG_PX, QFont.Weight.Bold)
        self.title_metrics = QFontMetricsF(self.title_font)
        self.small_metrics = QFontMetricsF(self.small_font)
        self.badge_metrics = QFontMetricsF(self.badge_font)
        self.line_h = self.title_metrics.lineSpacing()
        self.lane_brushes = (QBrush(QColor(p.lane_even)), QBrush(QColor(p.lane_odd)))
        self.grid_pen = QPen(QColor(p.grid), 1.0)
        self.grid_pen.setCosmetic(True)
        self.canvas = QColor(p.canvas)
        self.arrow = QColor(p.arrow)
        self.faint_arrow = QColor(p.grid)
        self.handoff = QColor(p.handoff)
        self.unagreed = QColor(p.unagreed)
        self.blocked = QColor(p.blocked)
        self.selection = QColor(p.selection)
        self.pill_font = _font(SMALL_PX, QFont.Weight.Bold)
        self.pill_metrics = QFontMetricsF(self.pill_font)
        self.colours: dict[str, QColor] = {}

    def colour(self, hex_colour: str) -> QColor:
        found = self.colours.get(hex_colour)
        if found is None:
            found = self.colours[hex_colour] = QColor(hex_colour)
        return found


_STYLES: dict[str, _Styles] = {}  # the current theme's, rebuilt when the theme changes


def styles() -> _Styles:
    palette = theme.current()
    found = _STYLES.get("current")
    if found is None or found.palette is not palette:
        found = _STYLES["current"] = _Styles(palette)
    return found


def wrap_text(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines of ``width``, the last one elided."""
    words = text.split()
    lines: list[str] = []
    current = ""
    i = 0
    while i < len(words):
        word = words[i]
        trial = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(trial) <= width:
            current = trial
            i += 1
            continue
        if not current:  # one word wider than the line
            current = word
            i += 1
        lines.append(current)
        current = ""
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(current)
        current = ""
    if i < len(words) or current:
        rest = " ".join([lines[-1], *words[i:]]) if lines else " ".join(words[i:])
        lines[-1] = metrics.elidedText(rest + " ", Qt.TextElideMode.ElideRight, width)
    else:
        lines = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]
    return lines


def severity_label(severity: str | None) -> str:
    return enums.label(severity) if severity else ""


# --- items ------------------------------------------------------------------------------------


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
        if step.title != self.step.title:
            self._lines = None
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
        if lod * TITLE_PX >= TEXT_MIN_SCREEN_PX:
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

    def _paint_text(self, painter: QPainter, st: _Styles, lod: float) -> None:
        w, h = self.w, self.h
        step = self.step
        left = BAND_W + PAD
        text_w = w - left - PAD
        if self._lines is None:
            max_lines = max(1, int((h - PAD * 2 - CHIP_H - 4) // st.line_h))
            self._lines = wrap_text(step.title, st.title_metrics, text_w, max_lines)
        painter.setFont(st.title_font)
        painter.setPen(st.text_pen)
        y = PAD + st.title_metrics.ascent()
        for line in self._lines:
            painter.drawText(QPointF(left, y), line)
            y += st.line_h
        if lod * SMALL_PX < TEXT_MIN_SCREEN_PX:
            return
        row_y = h - PAD - CHIP_H
        right = w - PAD
        x = left
        painter.setFont(st.small_font)
        channels = step.channels
        for i, channel in enumerate(channels):
            label = CHANNEL_LABELS.get(channel, enums.label(channel))
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


    def _paint_badges(self, painter: QPainter, st: _Styles, lod: float) -> None:
        """Open blockers (count and worst severity, in words) and "asks again", over the top edge."""
        step = self.step
        right = self.w + 6.0
        small = lod * SMALL_PX >= TEXT_MIN_SCREEN_PX
        if step.blocker_count:
            fill = st.severity.get(step.worst_severity or "", st.severity["medium"])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            if small:
                label = f"{step.blocker_count} {severity_label(step.worst_severity)}"
                bw = st.badge_metrics.horizontalAdvance(label) + 28.0
                badge = QRectF(right - bw, -12.0, bw, 21.0)
                painter.drawRoundedRect(badge, 5.0, 5.0)
                _warning_glyph(painter, QPointF(badge.x() + 11.0, badge.center().y()), st)
                painter.setFont(st.badge_font)
                painter.setPen(st.white_pen)
                painter.drawText(badge.adjusted(20.0, 0, -4.0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
                right = badge.x() - 4.0
            else:  # zoomed out: a big block with the count alone
                badge = QRectF(right - 64.0, -20.0, 64.0, 40.0)
                painter.drawRoundedRect(badge, 6.0, 6.0)
                if lod * BADGE_BIG_PX >= TEXT_MIN_SCREEN_PX:
                    painter.setFont(st.big_font)
                    painter.setPen(st.white_pen)
                    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(step.blocker_count))
                right = badge.x() - 6.0
        if step.repeated_data and small:
            n = len(step.repeated_data)
            label = f"Again ×{n}" if n > 1 else "Asked again"  # noqa: RUF001 - a multiplication sign
            pw = st.badge_metrics.horizontalAdvance(label) + 14.0
            pill = QRectF(right - pw, -12.0, pw, 21.0)
            painter.setPen(QPen(QColor(st.palette.repeated_text), 1.0))
            painter.setBrush(st.repeated_brush)
            painter.drawRoundedRect(pill, 10.5, 10.5)
            painter.setFont(st.badge_font)
            painter.setPen(st.repeated_pen)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)

def _warning_glyph(painter: QPainter, centre: QPointF, st: _Styles) -> None:
    """A white warning triangle with "!" (a shape, so it needs no font glyph)."""
    cx, cy = centre.x(), centre.y()
    triangle = QPolygonF([QPointF(cx, cy - 6.5), QPointF(cx + 7, cy + 5.5), QPointF(cx - 7, cy + 5.5)])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffffff"))
    painter.drawPolygon(triangle)
    painter.setPen(QPen(QColor("#0b0c0c"), 1.6))
    painter.drawLine(QLineF(cx, cy - 2.5, cx, cy + 1.5))
    painter.drawPoint(QPointF(cx, cy + 3.6))


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


# Arrow styles: index into ArrowLayer's pens.
NORMAL, ALTERNATIVE, HANDOFF, UNAGREED, BLOCKED = range(5)
STYLE_NAMES = {NORMAL: "sequence", ALTERNATIVE: "alternative", HANDOFF: "hand-off", UNAGREED: "not agreed", BLOCKED: "blocked"}


def arrow_style(dep: MapDependency) -> int:
    if dep.blocked:
        return BLOCKED
    if dep.crosses_org and not dep.agreed:
        return UNAGREED
    if dep.crosses_org:
        return HANDOFF
    if dep.kind == "alternative":
        return ALTERNATIVE
    return NORMAL


def arrow_label(dep: MapDependency) -> str:
    """The words on an arrow's marker (text, so the style is not shown by colour alone)."""
    if dep.blocked:
        return "Blocked"
    if dep.crosses_org and not dep.agreed:
        return "Not agreed"
    if dep.kind == "alternative":
        return "or"
    if dep.crosses_org:
        return enums.label(dep.handoff_mode) if dep.handoff_mode else "Hand-off"
    return ""


class ArrowLayer(QGraphicsRectItem):
    """Every dependency of the map in one item: geometry in numpy arrays, drawn only where exposed.

    Forward links leave a card's right edge for the next card's left edge; links within a column
    go bottom to top; links backwards loop round. Hand-offs across organisations are thick and
    purple with their mode written on them, unagreed ones dotted red, blocked ones red, and
    alternatives dashed with "or".
    """

    def __init__(self) -> None:
        super().__init__()
        # paint() gets the exposed rect (not the whole map), so it draws only what is on screen
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setZValue(Z_ARROWS)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.deps: list[MapDependency] = []
        self.index: dict[str, int] = {}
        self.pts = np.zeros((0, 8))
        self.bbox = np.zeros((0, 4))
        self.styles = np.zeros(0, dtype=np.int8)
        self.selected: set[str] = set()
        self._paths: dict[int, tuple[QPainterPath, QPolygonF]] = {}
        self._label_hidden: dict[int, bool] = {}
        self._boxes = np.zeros((0, 4))
        self._rows: dict[str, int] = {}  # step id -> its lasting row in the boxes array
        self._source: list[MapDependency] = []  # the dependencies last given
        self._from = np.zeros(0, dtype=np.int64)
        self._to = np.zeros(0, dtype=np.int64)
        self.on_card: Callable[[QPointF], bool] | None = None  # is a point on a card?

    def set_geometry(self, deps: Sequence[MapDependency], cards: dict[str, Box], rect: QRectF) -> None:
        """New arrows for a new layout; only the arrows that changed are redrawn.

        Steps get a lasting row number in a boxes array, so when the dependencies are the same
        objects as last time (most edits) only the boxes are read again and the curves recomputed
        in numpy.
        """
        if rect != self.rect():
            self.prepareGeometryChange()
            self.setRect(rect)
        rows = self._rows
        for sid in cards:
            if sid not in rows:
                rows[sid] = len(rows)
        boxes = np.zeros((len(rows), 4))
        for sid, c in cards.items():
            boxes[rows[sid]] = (c.x, c.y, c.w, c.h)
        same_deps = len(deps) == len(self._source) and all(x is y for x, y in zip(deps, self._source, strict=True))
        if same_deps and boxes.shape == self._boxes.shape and np.array_equal(boxes, self._boxes):
            return  # the same arrows in the same places
        self._boxes = boxes
        old_deps, old_pts, old_bbox = self.deps, self.pts, self.bbox
        if not same_deps:
            self._source = list(deps)
            kept = [d for d in deps if d.from_step_id in cards and d.to_step_id in cards]
            self._from = np.fromiter((rows[d.from_step_id] for d in kept), dtype=np.int64, count=len(kept))
            self._to = np.fromiter((rows[d.to_step_id] for d in kept), dtype=np.int64, count=len(kept))
            self.styles = np.array([arrow_style(d) for d in kept], dtype=np.int8)
            self.deps = kept
            self.index = {d.id: i for i, d in enumerate(kept)}
        pts = bezier_points(boxes[self._from], boxes[self._to]) if len(self.deps) else np.zeros((0, 8))
        xs, ys = pts[:, 0::2], pts[:, 1::2]
        self.pts = pts
        self.bbox = np.stack([xs.min(1), ys.min(1), xs.max(1), ys.max(1)], axis=1) if len(pts) else np.zeros((0, 4))
        kept = self.deps
        aligned = same_deps or (len(old_deps) == len(kept) and all(x.id == y.id for x, y in zip(old_deps, kept, strict=True)))
        if not aligned:
            self._paths, self._label_hidden = {}, {}
            self.update()
            return
        # the same arrows in the same order: redraw those that moved or changed, keep the rest
        moved = np.any(old_pts != pts, axis=1)
        if not same_deps:
            moved |= np.array([x is not y for x, y in zip(old_deps, kept, strict=True)], dtype=bool)
        changed = np.nonzero(moved)[0]
        for i in changed.tolist():
            self._paths.pop(i, None)
            self._label_hidden.pop(i, None)
        if len(changed) > 200:
            self.update()
            return
        for i in changed.tolist():
            for box in (old_bbox[i], self.bbox[i]):
                x0, y0, x1, y1 = box.tolist()
                self.update(QRectF(x0 - 30, y0 - 30, x1 - x0 + 60, y1 - y0 + 60))

    def _path(self, i: int) -> tuple[QPainterPath, QPolygonF]:
        found = self._paths.get(i)
        if found is None:
            x0, y0, c1x, c1y, c2x, c2y, x1, y1 = self.pts[i].tolist()
            path = QPainterPath(QPointF(x0, y0))
            path.cubicTo(c1x, c1y, c2x, c2y, x1, y1)
            dx, dy = x1 - c2x, y1 - c2y
            norm = math.hypot(dx, dy) or 1.0
            ux, uy = dx / norm, dy / norm
            size = 13.0
            head = QPolygonF([
                QPointF(x1, y1),
                QPointF(x1 - ux * size - uy * size * 0.55, y1 - uy * size + ux * size * 0.55),
                QPointF(x1 - ux * size + uy * size * 0.55, y1 - uy * size - ux * size * 0.55),
            ])
            found = self._paths[i] = (path, head)
        return found

    def visible_indices(self, rect: QRectF) -> np.ndarray:
        if not len(self.bbox):
            return np.zeros(0, dtype=int)
        b = self.bbox
        mask = (b[:, 2] >= rect.left()) & (b[:, 0] <= rect.right()) & (b[:, 3] >= rect.top()) & (b[:, 1] <= rect.bottom())
        return np.nonzero(mask)[0]

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        """Arrows with an end on screen are drawn in full (curves, heads, labels); arrows only passing
        through, and any beyond :data:`MAX_FULL_ARROWS`, as thin polylines in one batched call."""
        if not self.deps:
            return
        st = styles()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        visible = self.visible_indices(option.exposedRect)
        if not len(visible):
            return
        screen = option.exposedRect
        if widget is not None:
            inverse, ok = painter.worldTransform().inverted()
            if ok:
                screen = inverse.mapRect(QRectF(widget.rect()))
        p = self.pts[visible]
        left, t, r, b = screen.left() - 40, screen.top() - 40, screen.right() + 40, screen.bottom() + 40
        anchored = ((p[:, 0] >= left) & (p[:, 0] <= r) & (p[:, 1] >= t) & (p[:, 1] <= b)) | (
            (p[:, 6] >= left) & (p[:, 6] <= r) & (p[:, 7] >= t) & (p[:, 7] <= b))
        full = visible[anchored]
        through = visible[~anchored]
        if len(full) > MAX_FULL_ARROWS:
            # keep the arrows that matter most in full: selected, blocked, unagreed, hand-offs
            order = np.argsort(-self.styles[full], kind="stable")
            selected = np.array([self.deps[i].id in self.selected for i in full.tolist()], dtype=bool)
            order = np.concatenate([np.nonzero(selected)[0], order[~selected[order]]])
            through = np.concatenate([through, full[order[MAX_FULL_ARROWS:]]])
            full = full[order[:MAX_FULL_ARROWS]]
        if len(through):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            pen = QPen(st.faint_arrow, 1.0)  # opaque: blended lines take the raster engine's slow path
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(self._polylines(through))
        minimum = 1.0 / max(lod, 0.01)
        colours = {NORMAL: st.arrow, ALTERNATIVE: st.arrow, HANDOFF: st.handoff, UNAGREED: st.unagreed, BLOCKED: st.blocked}
        widths = {NORMAL: 2.0, ALTERNATIVE: 2.0, HANDOFF: 3.5, UNAGREED: 3.5, BLOCKED: 3.5}
        dashes = {ALTERNATIVE: Qt.PenStyle.DashLine, UNAGREED: Qt.PenStyle.DotLine}
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.15)
        groups: dict[int, list[int]] = defaultdict(list)
        selected_idx = []
        for i in full.tolist():
            if self.deps[i].id in self.selected:
                selected_idx.append(i)
            else:
                groups[int(self.styles[i])].append(i)
        heads = lod >= 0.25
        for style in (NORMAL, ALTERNATIVE, HANDOFF, UNAGREED, BLOCKED):
            indices = groups.get(style)
            if not indices:
                continue
            colour = colours[style]
            pen = QPen(colour, max(widths[style], minimum), dashes.get(style, Qt.PenStyle.SolidLine))
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            for i in indices:
                path, head = self._path(i)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
                if heads and style != ALTERNATIVE:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(colour)
                    painter.drawPolygon(head)
        if selected_idx:
            pen = QPen(st.selection, max(6.0, 2 * minimum))
            for i in selected_idx:
                path, head = self._path(i)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(st.selection)
                painter.drawPolygon(head)
        if lod * SMALL_PX >= TEXT_MIN_SCREEN_PX and len(full) <= MAX_FULL_ARROWS:
            self._paint_labels(painter, st, full, lod)

    def _polylines(self, indices: np.ndarray) -> list[QLineF]:
        """Each arrow's curve as four straight segments."""
        p = self.pts[indices]
        t = np.array([0.0, 0.25, 0.5, 0.75, 1.0])[None, :]
        mt = 1 - t
        bx = mt**3 * p[:, [0]] + 3 * mt**2 * t * p[:, [2]] + 3 * mt * t**2 * p[:, [4]] + t**3 * p[:, [6]]
        by = mt**3 * p[:, [1]] + 3 * mt**2 * t * p[:, [3]] + 3 * mt * t**2 * p[:, [5]] + t**3 * p[:, [7]]
        segments = np.stack([bx[:, :-1], by[:, :-1], bx[:, 1:], by[:, 1:]], axis=2).reshape(-1, 4)
        return [QLineF(x0, y0, x1, y1) for x0, y0, x1, y1 in segments.tolist()]

    def _paint_labels(self, painter: QPainter, st: _Styles, visible: np.ndarray, lod: float) -> None:
        painter.setFont(st.pill_font)
        for i in visible.tolist():
            dep = self.deps[i]
            label = arrow_label(dep)
            if not label:
                continue
            mid = self.midpoint(i)
            tw = st.pill_metrics.horizontalAdvance(label) + 12.0
            hidden = self._label_hidden.get(i)
            if hidden is None:  # a card would hide it (worked out once per layout)
                hidden = self._label_hidden[i] = self.on_card is not None and any(
                    self.on_card(QPointF(mid.x() + dx, mid.y())) for dx in (-tw / 2, 0.0, tw / 2)
                )
            if hidden:
                continue
            pill = QRectF(mid.x() - tw / 2, mid.y() - 10.0, tw, 20.0)
            style = int(self.styles[i])
            colour = {HANDOFF: st.handoff, UNAGREED: st.unagreed, BLOCKED: st.blocked}.get(style, st.arrow)
            if dep.id in self.selected:
                colour = st.selection
            painter.setPen(QPen(colour, 2.0))
            painter.setBrush(st.canvas)
            painter.drawRoundedRect(pill, 10.0, 10.0)
            painter.setPen(QPen(st.palette.card_text if style in (NORMAL, ALTERNATIVE) else colour))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)

    def midpoint(self, i: int) -> QPointF:
        x0, y0, c1x, c1y, c2x, c2y, x1, y1 = self.pts[i].tolist()
        return QPointF(
            0.125 * x0 + 0.375 * c1x + 0.375 * c2x + 0.125 * x1,
            0.125 * y0 + 0.375 * c1y + 0.375 * c2y + 0.125 * y1,
        )

    def dep_at(self, pos: QPointF, tolerance: float) -> str | None:
        """The dependency nearest ``pos`` within ``tolerance`` scene units, if any."""
        if not len(self.bbox):
            return None
        x, y = pos.x(), pos.y()
        b = self.bbox
        near = np.nonzero(
            (b[:, 0] - tolerance <= x) & (b[:, 2] + tolerance >= x) & (b[:, 1] - tolerance <= y) & (b[:, 3] + tolerance >= y)
        )[0]
        if not len(near):
            return None
        t = np.linspace(0.0, 1.0, 33)[None, :]
        p = self.pts[near]
        mt = 1 - t
        bx = mt**3 * p[:, [0]] + 3 * mt**2 * t * p[:, [2]] + 3 * mt * t**2 * p[:, [4]] + t**3 * p[:, [6]]
        by = mt**3 * p[:, [1]] + 3 * mt**2 * t * p[:, [3]] + 3 * mt * t**2 * p[:, [5]] + t**3 * p[:, [7]]
        dist = np.hypot(bx - x, by - y).min(axis=1)
        best = int(np.argmin(dist))
        if dist[best] > tolerance:
            return None
        return self.deps[int(near[best])].id

    def ids_in(self, rect: QRectF) -> list[str]:
        """Dependencies lying wholly inside ``rect`` (a rubber band)."""
        if not len(self.bbox):
            return []
        b = self.bbox
        mask = (b[:, 0] >= rect.left()) & (b[:, 2] <= rect.right()) & (b[:, 1] >= rect.top()) & (b[:, 3] <= rect.bottom())
        return [self.deps[i].id for i in np.nonzero(mask)[0].tolist()]

    def bounds_of(self, dep_id: str) -> QRectF | None:
        i = self.index.get(dep_id)
        if i is None:
            return None
        x0, y0, x1, y1 = self.bbox[i].tolist()
        return QRectF(x0, y0, x1 - x0, y1 - y0)


def bezier_points(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Start, two control points and end of each arrow, from source and target boxes (x, y, w, h)."""
    ax, ay, aw, ah = a.T
    bx, by, bw, bh = b.T
    acx, acy = ax + aw / 2, ay + ah / 2
    bcx, bcy = bx + bw / 2, by + bh / 2
    forward = bx >= ax + aw - 1
    backward = bx + bw <= ax + 1
    down = bcy >= acy
    # forward: right edge -> left edge, horizontal tangents
    fx0, fy0, fx1, fy1 = ax + aw, acy, bx, bcy
    reach = np.maximum(40.0, (fx1 - fx0) * 0.5)
    # backward: left edge -> right edge, looping out
    loop = np.maximum(60.0, np.abs(bx + bw - ax) * 0.4)
    # same column: bottom -> top (or top -> bottom), vertical tangents
    vy0 = np.where(down, ay + ah, ay)
    vy1 = np.where(down, by, by + bh)
    vreach = np.maximum(30.0, np.abs(vy1 - vy0) * 0.5) * np.where(down, 1.0, -1.0)
    x0 = np.where(forward, fx0, np.where(backward, ax, acx))
    y0 = np.where(forward, fy0, np.where(backward, acy, vy0))
    x1 = np.where(forward, fx1, np.where(backward, bx + bw, bcx))
    y1 = np.where(forward, fy1, np.where(backward, bcy, vy1))
    c1x = np.where(forward, x0 + reach, np.where(backward, x0 - loop, x0))
    c1y = np.where(forward | backward, y0, y0 + vreach)
    c2x = np.where(forward, x1 - reach, np.where(backward, x1 + loop, x1))
    c2y = np.where(forward | backward, y1, y1 - vreach)
    return np.stack([x0, y0, c1x, c1y, c2x, c2y, x1, y1], axis=1)


class OverviewItem(QGraphicsRectItem):
    """A big map seen from far away: cards as blocks in their owner's colour, the worst blockers
    marked, and only the hand-offs that break (blocked or not agreed) drawn, since thousands of
    other arrows would be a grey hairball at this size. Everything is drawn in a few batched
    calls (``drawRects`` per colour, one ``drawLines``) from lists made when the map changes."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_OVERVIEW)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.data: MapData | None = None
        self.layout: MapLayout | None = None
        self.selected: set[str] = set()
        self._by_colour: list[tuple[str, list[QRectF]]] = []
        self._blocked: list[QRectF] = []
        self._breaks: list[QLineF] = []

    def set_map(self, data: MapData, layout: MapLayout) -> None:
        self.data, self.layout = data, layout
        rect = QRectF(0, 0, layout.width, layout.height)
        if rect != self.rect():
            self.prepareGeometryChange()
            self.setRect(rect)
        self._by_colour, self._blocked, self._breaks = [], [], []
        if self.isVisible():
            self._prepare()
            self.update()

    def _prepare(self) -> None:
        layout, data = self.layout, self.data
        if layout is None or data is None or self._by_colour:
            return
        with gc_paused():
            self._make_lists(layout, data)

    def _make_lists(self, layout: MapLayout, data: MapData) -> None:
        cards = layout.cards
        by_colour: dict[str, list[QRectF]] = defaultdict(list)
        blocked: list[QRectF] = []
        for step in data.steps:
            box = cards.get(step.id)
            if box is None:
                continue
            org = data.organisations.get(step.owner_id or "")
            by_colour[org.colour if org else UNASSIGNED_COLOUR].append(QRectF(box.x, box.y, box.w, box.h))
            if step.worst_severity in ("high", "critical"):
                blocked.append(QRectF(box.x + box.w * 0.55, box.y, box.w * 0.45, box.h * 0.45))
        breaks = []
        for dep in data.dependencies:
            if dep.blocked or (dep.crosses_org and not dep.agreed):
                a, b = cards.get(dep.from_step_id), cards.get(dep.to_step_id)
                if a is not None and b is not None:
                    breaks.append(QLineF(a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2))
        self._by_colour, self._blocked, self._breaks = list(by_colour.items()), blocked, breaks

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self.layout is None:
            return
        self._prepare()
        st = styles()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if self._breaks:
            pen = QPen(st.blocked, 1.5)  # opaque: blended lines take the raster engine's slow path
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(self._breaks)
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rects in self._by_colour:
            painter.setBrush(st.colour(colour))
            painter.drawRects(rects)
        if self._blocked:
            painter.setBrush(st.severity["critical"])
            painter.drawRects(self._blocked)
        if self.selected:
            pen = QPen(st.selection, 3.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for step_id in self.selected:
                box = self.layout.cards.get(step_id)
                if box is not None:
                    painter.drawRect(QRectF(box.x - 4, box.y - 4, box.w + 8, box.h + 8))

    def invalidate(self) -> None:
        self.update()


# --- the scene -----------------------------------------------------------------------------------


class JourneyMapScene(QGraphicsScene):
    """One journey's map: items built from :class:`MapData` and kept in step with the workspace.

    Listens to ``ctx.changed`` and re-reads only what a change names (:class:`MapLoader`); cards
    whose step and place did not change are left alone. Holds the map's selection.

    On a big map (:data:`DEFER_MIN_STEPS` steps or more) the changes are gathered and the map
    refreshed once, in a turn of the event loop of its own, so that an edit, the refresh and the
    repaint are three short tasks rather than one long one, and a macro refreshes once. (A worker
    thread would not help: the refresh is Python, and would hold the GIL the UI thread needs to
    paint.) A selection of records the map does not show yet (a step just added) waits for it.
    """

    #: ``{"steps": [...], "dependencies": [...], "stages": [...]}``
    selection_changed_on_map = Signal(object)
    #: the map was rebuilt or updated (rulers, emotion curve and status follow it)
    map_changed = Signal()
    #: the journey shown was deleted
    journey_missing = Signal()

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.loader: MapLoader | None = None
        self.data: MapData | None = None
        self.layout: MapLayout | None = None
        self.top_org_id: str | None = None
        self.cards: dict[str, CardItem] = {}
        self.steps: dict[str, MapStep] = {}
        self.selected_steps: list[str] = []
        self.selected_deps: list[str] = []
        self.selected_stage: str | None = None
        self.current_step: str | None = None
        self.overview_mode = False
        self.grid = GridItem()
        self.addItem(self.grid)
        self.card_layer = QGraphicsRectItem()
        self.card_layer.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.card_layer.setZValue(Z_CARDS)
        self.addItem(self.card_layer)
        self.arrows = ArrowLayer()
        self.arrows.on_card = lambda point: self.step_at(point) is not None
        self.addItem(self.arrows)
        self.overview = OverviewItem()
        self.overview.setVisible(False)
        self.addItem(self.overview)
        self.indicator = QGraphicsRectItem()
        self.indicator.setZValue(Z_INDICATOR)
        self.indicator.setVisible(False)
        self.addItem(self.indicator)
        self.link_line = QGraphicsPathItem()
        self.link_line.setZValue(Z_LINK)
        self.link_line.setVisible(False)
        self.addItem(self.link_line)
        self._card_ids: list[str] = []
        self._card_boxes = np.zeros((0, 4))
        self._card_row: dict[str, int] = {}
        self._generation = 0  # bumped when another journey is shown: late results are dropped
        self._pending: Changes | None = None
        self.refreshing = False
        self._wanted: tuple[list[str], list[str], str | None, str | None] | None = None
        self._apply_theme()
        ctx.changed.connect(self.on_changed)
        ctx.journey_changed.connect(self._on_journey_changed)
        ctx.member_changed.connect(self._on_member_changed)
        theme.notifier().changed.connect(self._on_theme)
        self.top_org_id = self._member_org()
        if ctx.journey_id:
            self.load_journey(ctx.journey_id)

    # --- loading and refreshing ---------------------------------------------------------------

    def _member_org(self) -> str | None:
        member_id = self.ctx.member_id
        if not member_id:
            return None
        member = self.ctx.read(lambda s: s.get(Member, member_id))
        return member.organisation_id if member is not None else None

    def _on_member_changed(self, _member_id: str) -> None:
        self.top_org_id = self._member_org()
        if self.data is not None:
            self.apply(self.data)

    def _on_journey_changed(self, journey_id: str) -> None:
        self.load_journey(journey_id or None)

    def load_journey(self, journey_id: str | None) -> None:
        """Show a journey (None: nothing)."""
        self._generation += 1
        self._pending, self.refreshing, self._wanted = None, False, None
        self.clear_selection(emit=False)
        self._clear_cards()
        self.loader = None
        self.data = None
        self.layout = None
        # What the last journey froze goes back to the collector, which can now free its garbage.
        gc.unfreeze()
        if journey_id:
            self.loader = MapLoader(journey_id)
            try:
                data = self.ctx.read(self.loader.load)
            except NotFoundError:
                self.loader = None
                self.journey_missing.emit()
                return
            self.apply(data)
            # The map's records live until the next journey: kept out of the collector's full sweeps
            # (about 0.2 s over a 5,000-step map) until then, when the line above thaws them.
            gc.freeze()
        else:
            self.map_changed.emit()
        self._emit_selection()

    def on_changed(self, changes: Changes) -> None:
        if self.loader is None or not changes.touches(*MAP_SECTIONS):
            return
        if self.data is not None and len(self.data.steps) >= DEFER_MIN_STEPS:
            # Gathered and applied in a turn of the event loop of its own: a macro's many changes
            # make one refresh, and the refresh is not one task with the edit that caused it.
            first = self._pending is None
            self._pending = changes if self._pending is None else self._pending | changes
            if first:
                self.refreshing = True
                QTimer.singleShot(0, self._flush)
            return
        self._refresh(changes)

    def _flush(self) -> None:
        changes, self._pending = self._pending, None
        self.refreshing = False
        if changes is not None:
            self._refresh(changes)
        if self._wanted is not None:
            steps, deps, stage, current = self._wanted
            self._wanted = None
            self.set_selection(steps, deps, stage, current=current)

    def _refresh(self, changes: Changes) -> None:
        loader = self.loader
        if loader is None:
            return
        try:
            data = self.ctx.read(lambda s: loader.refresh(s, changes.sections, changes.ids))
        except NotFoundError:
            self.load_journey(None)
            self.journey_missing.emit()
            return
        if data is not None:
            self.apply(data)

    def _clear_cards(self) -> None:
        for item in self.cards.values():
            self.removeItem(item)
        self.cards = {}
        self.steps = {}

    def apply(self, data: MapData, layout: MapLayout | None = None) -> None:
        """Lay the map out again (unless given) and update the items that changed."""
        with gc_paused():
            self._apply(data, layout or layout_map(data, top_org_id=self.top_org_id))

    def _apply(self, data: MapData, layout: MapLayout) -> None:
        self.data, self.layout = data, layout
        orgs = data.organisations
        cards = self.cards
        seen = set()
        boxes = layout.cards
        for step in data.steps:
            sid = step.id
            box = boxes[sid]
            org = orgs.get(step.owner_id or "")
            item = cards.get(sid)
            seen.add(sid)
            if item is None:
                cards[sid] = CardItem(step, box, org, self.card_layer)
                continue
            if item.step is not step or item.org is not org:
                item.set_step(step, org)
            old = item.box
            if old.x != box.x or old.y != box.y:
                item.set_box(box)
            else:
                item.box = box
        if len(seen) != len(cards):
            for gone in [sid for sid in cards if sid not in seen]:
                self.removeItem(cards.pop(gone))
        self.steps = {s.id: s for s in data.steps}
        rect = self.content_rect()
        if rect != self.sceneRect():
            self.setSceneRect(rect)
        self.grid.set_layout(layout)
        self.arrows.set_geometry(data.dependencies, layout.cards, QRectF(0, 0, layout.width, layout.height))
        self.overview.set_map(data, layout)
        self._index_cards(layout)
        self._prune_selection()
        self.map_changed.emit()

    def content_rect(self) -> QRectF:
        """The scene rect: the map without the header strips the rulers replace, plus a margin."""
        if self.layout is None:
            return QRectF(0, 0, 800, 600)
        left, top = LANE_HEADER_W - MARGIN, STAGE_HEADER_H - MARGIN / 2
        return QRectF(left, top, self.layout.width - left + MARGIN, self.layout.height - top + MARGIN)

    def _index_cards(self, layout: MapLayout) -> None:
        """The cards' boxes as arrays, for hit tests at any zoom (the overview included)."""
        ids = list(layout.cards)
        self._card_ids = ids
        boxes = np.array([(b.x, b.y, b.x + b.w, b.y + b.h) for b in layout.cards.values()], dtype=float).reshape(-1, 4)
        self._card_boxes = boxes
        self._card_row = {sid: i for i, sid in enumerate(ids)}

    # --- level of detail ----------------------------------------------------------------------

    def set_level_of_detail(self, lod: float) -> None:
        """Switch between cards and the overview image as the zoom crosses :data:`OVERVIEW_LOD`."""
        big = self.data is not None and len(self.data.steps) >= OVERVIEW_MIN_STEPS
        overview = big and lod < OVERVIEW_LOD
        if overview == self.overview_mode:
            return
        self.overview_mode = overview
        if overview:
            self.overview._prepare()
        # Opacity, not visibility: hiding 5,000 cards calls each one's itemChange (Python) once;
        # a fully transparent parent is skipped whole when drawing, at no cost per card.
        self.card_layer.setOpacity(0.0 if overview else 1.0)
        self.arrows.setVisible(not overview)
        self.overview.setVisible(overview)

    # --- looking things up ----------------------------------------------------------------------

    def step_at(self, pos: QPointF, exclude: Iterable[str] = ()) -> str | None:
        """The step whose card is at a scene point (by the layout, so it works in the overview too)."""
        boxes = self._card_boxes
        if not len(boxes):
            return None
        x, y = pos.x(), pos.y()
        hits = np.nonzero((boxes[:, 0] <= x) & (boxes[:, 2] >= x) & (boxes[:, 1] <= y) & (boxes[:, 3] >= y))[0]
        skip = set(exclude)
        for i in hits.tolist():
            sid = self._card_ids[i]
            if sid not in skip:
                return sid
        return None

    def steps_in(self, rect: QRectF) -> list[str]:
        boxes = self._card_boxes
        if not len(boxes):
            return []
        x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
        hits = np.nonzero((boxes[:, 0] < x1) & (boxes[:, 2] > x0) & (boxes[:, 1] < y1) & (boxes[:, 3] > y0))[0]
        return [self._card_ids[i] for i in hits.tolist()]

    def cell_at(self, pos: QPointF) -> tuple[Lane, Column] | None:
        if self.layout is None:
            return None
        lane = self.layout.lane_at(pos.y())
        column = self.layout.column_at(pos.x())
        if lane is None or column is None:
            return None
        return lane, column

    def cell_steps(self, lane_key: str, stage_id: str) -> list[MapStep]:
        """The steps of one cell, in their order."""
        if self.data is None:
            return []
        orgs = self.data.organisations
        return sorted(
            (s for s in self.data.steps if s.stage_id == stage_id and (s.owner_id if s.owner_id in orgs else UNASSIGNED) == lane_key),
            key=lambda s: s.position,
        )

    def stage_position(self, lane_key: str, stage_id: str, slot: int, moving: Iterable[str] = ()) -> int | None:
        """The position in the stage (as ``move_step`` reads it) of a slot of a cell.

        Dropping on a card puts the moved card in its place (before it); beyond the cell's last
        card it goes after that card. Positions count the stage's steps without those moving.
        """
        if self.data is None:
            return None
        moving = set(moving)
        stage_steps = sorted((s for s in self.data.steps if s.stage_id == stage_id and s.id not in moving), key=lambda s: s.position)
        cell = [s for s in self.cell_steps(lane_key, stage_id) if s.id not in moving]
        if not cell:
            return None  # an empty cell: the end of the stage
        order = [s.id for s in stage_steps]
        if slot < len(cell):
            return order.index(cell[slot].id)
        return order.index(cell[-1].id) + 1

    def slot_rect(self, lane: Lane, column: Column, slot: int) -> QRectF:
        row, col = divmod(slot, column.across)
        return QRectF(column.box.x + GAP + col * (CARD_W + GAP), lane.box.y + GAP + row * (CARD_H + GAP), CARD_W, CARD_H)

    def lane_key(self, step: MapStep) -> str:
        assert self.data is not None
        return step.owner_id if step.owner_id in self.data.organisations else UNASSIGNED

    def bounds(self, step_ids: Iterable[str] = (), dep_ids: Iterable[str] = ()) -> QRectF:
        rect = QRectF()
        if self.layout is None:
            return rect
        for sid in step_ids:
            box = self.layout.cards.get(sid)
            if box is not None:
                rect = rect.united(QRectF(box.x, box.y, box.w, box.h))
        for did in dep_ids:
            found = self.arrows.bounds_of(did)
            if found is not None:
                rect = rect.united(found)
        return rect

    # --- selection ------------------------------------------------------------------------------

    def selection(self) -> dict[str, list[str]]:
        return {
            "steps": list(self.selected_steps),
            "dependencies": list(self.selected_deps),
            "stages": [self.selected_stage] if self.selected_stage else [],
        }

    def set_selection(self, steps: Iterable[str] = (), deps: Iterable[str] = (), stage: str | None = None, *,
                      current: str | None = None, emit: bool = True) -> None:
        """Select exactly these (unknown ids are dropped); ``current`` is the keyboard's card.

        While a refresh is under way, ids the map does not show yet are selected when it lands.
        """
        steps, deps = list(steps), list(deps)
        if (self.refreshing or self._pending is not None) and (
            any(s not in self.steps for s in steps) or any(d not in self.arrows.index for d in deps)
        ):
            self._wanted = (steps, deps, stage, current)
        steps = [s for s in dict.fromkeys(steps) if s in self.steps]
        deps = [d for d in dict.fromkeys(deps) if d in self.arrows.index]
        if self.data is not None and stage is not None and stage not in {sid for sid, _ in self.data.stages}:
            stage = None
        if current is None or current not in self.steps:
            current = steps[-1] if steps else (self.current_step if self.current_step in self.steps and not deps and stage is None else None)
        if steps == self.selected_steps and deps == self.selected_deps and stage == self.selected_stage and current == self.current_step:
            return
        old_steps, new_steps = set(self.selected_steps), set(steps)
        for sid in old_steps - new_steps:
            item = self.cards.get(sid)
            if item is not None:
                item.set_flags(selected=False)
        for sid in new_steps - old_steps:
            item = self.cards.get(sid)
            if item is not None:
                item.set_flags(selected=True)
        if current != self.current_step:
            old = self.cards.get(self.current_step or "")
            if old is not None:
                old.set_flags(focused=False)
            new = self.cards.get(current or "")
            if new is not None:
                new.set_flags(focused=True)
        self.selected_steps, self.selected_deps, self.selected_stage = steps, deps, stage
        self.current_step = current
        if set(deps) != self.arrows.selected:
            self.arrows.selected = set(deps)
            self.arrows.update()
        self.overview.selected = set(steps)
        if self.overview_mode:
            self.overview.update()
        if emit:
            self._emit_selection()

    def clear_selection(self, emit: bool = True) -> None:
        self.set_selection((), (), None, emit=emit)

    def _prune_selection(self) -> None:
        before = self.selection()
        steps = [s for s in self.selected_steps if s in self.steps]
        deps = [d for d in self.selected_deps if d in self.arrows.index]
        stage = self.selected_stage if self.data and self.selected_stage in {s for s, _ in self.data.stages} else None
        # re-apply flags to items made since (an undo brings a card back)
        for sid in steps:
            self.cards[sid].set_flags(selected=True)
        if self.current_step in self.cards:
            self.cards[self.current_step].set_flags(focused=True)
        elif self.current_step is not None:
            self.current_step = None
        self.selected_steps, self.selected_deps, self.selected_stage = steps, deps, stage
        self.arrows.selected = set(deps)
        self.overview.selected = set(steps)
        if self.selection() != before:
            self._emit_selection()

    def _emit_selection(self) -> None:
        self.selection_changed_on_map.emit(self.selection())

    # --- theme ----------------------------------------------------------------------------------

    def _apply_theme(self) -> None:
        st = styles()
        self.setBackgroundBrush(QBrush(st.canvas))
        pen = QPen(st.selection, 3.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.indicator.setPen(pen)
        fill = QColor(st.selection)
        fill.setAlpha(40)
        self.indicator.setBrush(QBrush(fill))
        link = QPen(st.handoff, 3.0, Qt.PenStyle.DashLine)
        link.setCosmetic(True)
        self.link_line.setPen(link)

    def _on_theme(self, _palette: object) -> None:
        self._apply_theme()
        for item in self.cards.values():
            item._lines = None
        self.overview.invalidate()
        self.update()


# --- rulers: stage names along the top, lane owners down the left --------------------------------


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
        self.setAccessibleName("Stages")
        self.setToolTip("Stages: click to select, double-click to rename, drag to reorder, right-click for more")
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
                             f"Stage {i + 1}")
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
        self.setAccessibleName("Swimlanes: organisations")
        self.setToolTip("Swimlanes: the organisation that owns the steps; click to select its steps")

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
                name = org.name if org else "Steps nobody owns yet"
                QToolTip.showText(event.globalPos(), f"{name}\n{count} step{'s' if count != 1 else ''} in this journey", self)
                return True
        return super().event(event)


class CornerLabel(_Ruler):
    def paintEvent(self, event: QPaintEvent) -> None:
        p = theme.current()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(p.ruler))
        painter.setPen(QColor(p.muted))
        painter.drawText(self.rect().adjusted(8, 4, -4, -4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "Owner ↓  Stage →")
        painter.setPen(QPen(QColor(p.grid), 1))
        painter.drawLine(QLineF(0, self.height() - 0.5, self.width(), self.height() - 0.5))
        painter.drawLine(QLineF(self.width() - 0.5, 0, self.width() - 0.5, self.height()))
        painter.end()


class MapLegend(QWidget):
    """What the map's marks mean, in a corner of the map (View > Legend)."""

    ROWS = (
        ("card", "A step; its owner's colour on the left"),
        (NORMAL, "Sequence (one step, then the next)"),
        (HANDOFF, "Hand-off between organisations"),
        (UNAGREED, "Hand-off not agreed"),
        (BLOCKED, "Blocked by an open blocker"),
        (ALTERNATIVE, "Alternative (one or the other)"),
        ("badge", "Open blockers, and the worst"),
        ("again", "Asks again for data another organisation has"),
    )

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("MapLegend")
        self.setAccessibleName("Legend")
        self.setAccessibleDescription("; ".join(text for _key, text in self.ROWS))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self._fit()

    def _fit(self) -> None:
        metrics = QFontMetricsF(self.font())
        width = max(metrics.horizontalAdvance(text) for _key, text in self.ROWS) + 96
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
        painter.drawText(QPointF(10, 8 + metrics.ascent()), "Legend")
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
                painter.drawText(sample, Qt.AlignmentFlag.AlignCenter, "2 High")
                painter.setFont(self.font())
            elif key == "again":
                painter.setPen(QPen(QColor(p.repeated_text), 1))
                painter.setBrush(QColor(p.repeated))
                painter.drawRoundedRect(sample.adjusted(4, 0, -4, 0), sample.height() / 2, sample.height() / 2)
                painter.setPen(QColor(p.repeated_text))
                painter.setFont(bold)
                painter.drawText(sample, Qt.AlignmentFlag.AlignCenter, "Again")
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
            painter.drawText(QPointF(sample.right() + 10, y + metrics.ascent() / 2 - 1), text)
        painter.end()


# --- the view ------------------------------------------------------------------------------------


class JourneyMapView(QGraphicsView):
    """The map on screen: zoom, pan, select, drag, draw dependencies, edit in place, keyboard.

    Public: :meth:`zoom_in`, :meth:`zoom_out`, :meth:`zoom_to_fit`, :meth:`actual_size`,
    :meth:`zoom`, :meth:`add_step`, :meth:`add_stage`, :meth:`add_dependency`,
    :meth:`delete_selection`, :meth:`edit_title`, :meth:`select_and_centre`; ``editor`` (a
    :class:`MapEditor`) and ``map_scene``.
    """

    zoom_changed = Signal(float)
    #: the visible scene x range changed (the emotion curve follows it)
    visible_range_changed = Signal()
    #: a step or dependency should be edited in the inspector (Enter on a card, double-click an arrow)
    edit_requested = Signal(str, str)  # section, id
    status_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self.map_scene = JourneyMapScene(ctx)
        super().__init__(self.map_scene, parent)
        self.map_scene.setParent(self)
        self.ctx = ctx
        self.editor = MapEditor(ctx, self)
        self.editor.error.connect(self._on_error)
        self.setObjectName("JourneyMap")
        self.setAccessibleName("Journey map")
        self.setAccessibleDescription("Stages across, organisations down; each card is a step. Arrow keys move between cards.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.stage_ruler = StageRuler(self)
        self.lane_ruler = LaneRuler(self)
        self.corner = CornerLabel(self)
        # a child of the view, not of the viewport: scrolling moves the viewport's children
        self.legend = MapLegend(self)
        self.viewport().installEventFilter(self)  # to keep the legend in the viewport's corner
        self._mode: str | None = None
        self._press_scene = QPointF()
        self._press_step: str | None = None
        self._press_mods = Qt.KeyboardModifier.NoModifier
        self._drag_start: dict[str, QPointF] = {}
        self._link_from: str | None = None
        self._link_target: str | None = None
        self._hover_step: str | None = None
        self._reveal: str | None = None  # a card to scroll to once the map shows it
        self._band_base: tuple[list[str], list[str]] = ([], [])
        self._pan_from: QPoint | None = None
        self._space = False
        self._editor_widget: _InlineEditor | None = None
        self._opened_journey = False
        self._shown_start = False
        self.rubberBandChanged.connect(self._on_rubber_band)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.map_scene.map_changed.connect(self._on_map_changed)
        self.map_scene.selection_changed_on_map.connect(self._on_selection)
        ctx.selection_requested.connect(self.select_and_centre)
        ctx.journey_changed.connect(self._on_journey_changed)
        theme.notifier().changed.connect(self._on_theme)
        self._update_margins()

    # --- geometry, rulers -------------------------------------------------------------------------

    def _update_margins(self) -> None:
        top = self.stage_ruler.preferred_height()
        left = self.lane_ruler.preferred_width()
        self.setViewportMargins(left, top, 0, 0)
        self._place_rulers()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            self._place_legend(event.size())
        return super().eventFilter(watched, event)

    def _place_legend(self, size: QSize | None = None) -> None:
        legend = getattr(self, "legend", None)
        if legend is not None:
            size = size or self.viewport().size()
            origin = self.viewport().geometry().topLeft()
            legend.move(origin.x() + max(0, size.width() - legend.width() - 12),
                        origin.y() + max(0, size.height() - legend.height() - 12))
            legend.raise_()

    def _place_rulers(self) -> None:
        self._place_legend()
        vp = self.viewport().geometry()
        top = vp.top()
        left = vp.left()
        self.stage_ruler.setGeometry(QRect(left, 0, vp.width(), top))
        self.lane_ruler.setGeometry(QRect(0, top, left, vp.height()))
        self.corner.setGeometry(QRect(0, 0, left, top))

    def _on_journey_changed(self, _journey_id: str) -> None:
        self._opened_journey = False

    def _on_theme(self, _palette: object) -> None:
        self._refresh_rulers()
        self.legend.update()

    def _refresh_rulers(self) -> None:
        self.stage_ruler.update()
        self.lane_ruler.update()
        self.corner.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_rulers()
        self.visible_range_changed.emit()

    def _on_scrolled(self, _value: int) -> None:
        self._refresh_rulers()
        self._move_inline_editor()
        self.visible_range_changed.emit()

    def _on_map_changed(self) -> None:
        if self._reveal is not None:
            self.ensure_step_visible(self._reveal)
        self._update_margins()
        self._refresh_rulers()
        if not self._opened_journey and self.map_scene.layout is not None:
            self._opened_journey = True
            QTimer.singleShot(0, self.show_start)
        self.visible_range_changed.emit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._place_legend)
        if self.map_scene.layout is not None and not self._shown_start:
            self._shown_start = True
            self.show_start()

    def show_start(self) -> None:
        """The opening view of a journey: the top-left of the map at a readable zoom, or all of it if it fits."""
        scene = self.map_scene
        if scene.layout is None:
            return
        rect = scene.content_rect()
        vp = self.viewport().rect()
        default = self.default_zoom()
        fit = min(vp.width() / max(rect.width(), 1), vp.height() / max(rect.height(), 1))
        self.set_zoom(min(default, fit) if fit >= default * 0.7 else default)
        self.ensure_top_left()

    def ensure_top_left(self) -> None:
        rect = self.map_scene.content_rect()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self.centerOn(rect.left() + self.viewport().width() / 2 / self.zoom(), rect.top() + self.viewport().height() / 2 / self.zoom())

    def default_zoom(self) -> float:
        """100 % for a 9 pt system font; larger system fonts zoom the map in to match."""
        points = QApplication.font().pointSizeF()
        if points <= 0:
            points = QApplication.font().pixelSize() * 0.75
        return max(0.5, min(2.0, points / 9.0)) if points > 0 else 1.0

    # --- zoom --------------------------------------------------------------------------------------

    def zoom(self) -> float:
        return float(self.transform().m11())

    def set_zoom(self, level: float, anchor: QPointF | None = None) -> None:
        level = max(MIN_ZOOM, min(MAX_ZOOM, level))
        current = self.zoom()
        if abs(level - current) < 1e-6:
            self.map_scene.set_level_of_detail(level)
            return
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        factor = level / current
        self.scale(factor, factor)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._after_zoom()

    def _after_zoom(self) -> None:
        self.map_scene.set_level_of_detail(self.zoom())
        self._refresh_rulers()
        self._move_inline_editor()
        self.zoom_changed.emit(self.zoom())
        self.visible_range_changed.emit()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def actual_size(self) -> None:
        self.set_zoom(self.default_zoom())

    def zoom_to_fit(self) -> None:
        """Show the whole map."""
        self.fit_rect(self.map_scene.content_rect(), max_zoom=self.default_zoom())

    def fit_rect(self, rect: QRectF, *, max_zoom: float | None = None, margin: float = 24.0) -> None:
        if rect.isEmpty():
            return
        vp = self.viewport().rect()
        level = min((vp.width() - margin) / max(rect.width(), 1), (vp.height() - margin) / max(rect.height(), 1))
        if max_zoom is not None:
            level = min(level, max_zoom)
        self.set_zoom(level)
        self.centerOn(rect.center())
        self._refresh_rulers()
        self.visible_range_changed.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
                level = max(MIN_ZOOM, min(MAX_ZOOM, self.zoom() * (1.15**steps)))
                factor = level / self.zoom()
                self.scale(factor, factor)
                self._after_zoom()
            event.accept()
            return
        super().wheelEvent(event)

    def scene_x_at(self, viewport_x: float) -> float:
        return float(self.mapToScene(QPoint(int(viewport_x), 0)).x())

    # --- selection --------------------------------------------------------------------------------

    def _on_selection(self, selection: dict[str, list[str]]) -> None:
        self.stage_ruler.update()
        current = self.map_scene.current_step
        step = self.map_scene.steps.get(current or "")
        if step is not None:
            self.setAccessibleDescription(self.describe_step(step))
        payload = {"steps": selection["steps"], "dependencies": selection["dependencies"], "stages": selection["stages"]}
        self.ctx.selection_changed.emit(payload)

    def select_and_centre(self, request: Any) -> None:
        """Answer ``ctx.selection_requested``: select those steps, dependencies or organisations' cards."""
        request = dict(request or {})
        steps = list(request.get("steps") or [])
        deps = list(request.get("dependencies") or [])
        orgs = set(request.get("organisations") or [])
        scene = self.map_scene
        wanted = steps + deps
        if wanted and scene.data is not None and not any(i in scene.steps or i in scene.arrows.index for i in wanted):
            journey = self._journey_of(steps, deps)
            if journey and journey != scene.ctx.journey_id:
                self.ctx.set_journey(journey)
        if scene.data is not None and orgs:
            steps += [s.id for s in scene.data.steps if s.owner_id in orgs]
        stage = next(iter(request.get("stages") or []), None)
        scene.set_selection(steps, deps, stage)
        self.centre_on_selection()

    def _journey_of(self, steps: list[str], deps: list[str]) -> str | None:
        from servicecommunity.domain.models import Dependency, Step

        def find(session: Any) -> str | None:
            for sid in steps:
                row = session.get(Step, sid)
                if row is not None:
                    return str(row.journey_id)
            for did in deps:
                row = session.get(Dependency, did)
                if row is not None:
                    return str(row.journey_id)
            return None

        return self.ctx.read(find)

    def centre_on_selection(self) -> None:
        scene = self.map_scene
        rect = scene.bounds(scene.selected_steps, scene.selected_deps)
        if rect.isEmpty():
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if visible.contains(rect):
            return
        if rect.width() * self.zoom() < self.viewport().width() * 0.9 and rect.height() * self.zoom() < self.viewport().height() * 0.9:
            self.centerOn(rect.center())
        else:
            self.fit_rect(rect.adjusted(-40, -40, 40, 40), max_zoom=self.zoom())
        self._refresh_rulers()

    def ensure_step_visible(self, step_id: str) -> None:
        """Scroll a card into view (a step just added: as soon as the map shows it)."""
        box = self.map_scene.layout.cards.get(step_id) if self.map_scene.layout else None
        if box is not None:
            self._reveal = None
            self.ensureVisible(QRectF(box.x, box.y, box.w, box.h), 40, 40)
        else:
            self._reveal = step_id

    # --- describing (tooltips, accessibility) -----------------------------------------------------

    def describe_step(self, step: MapStep) -> str:
        data = self.map_scene.data
        assert data is not None
        org = data.organisations.get(step.owner_id or "")
        stage = dict(data.stages).get(step.stage_id, "")
        lines = [step.title, f"Owner: {org.name if org else 'nobody yet'}", f"Stage: {stage}"]
        if step.channels:
            lines.append("Channels: " + ", ".join(CHANNEL_LABELS.get(c, c) for c in step.channels))
        else:
            lines.append("Channels: none recorded")
        if step.emotion is not None:
            lines.append(f"Feeling: {EMOTION_WORDS.get(step.emotion, step.emotion)} ({step.emotion:+d})")
        if step.blocker_count:
            lines.append(f"{step.blocker_count} open blocker{'s' if step.blocker_count != 1 else ''}, worst {severity_label(step.worst_severity).lower()}")
        if step.repeated_data:
            lines.append("Asks again for data another organisation already collected: " + ", ".join(step.repeated_data))
        if step.pain_points:
            lines.append("Pain points: " + step.pain_points)
        return "\n".join(lines)

    def describe_dependency(self, dep: MapDependency) -> str:
        scene = self.map_scene
        a, b = scene.steps.get(dep.from_step_id), scene.steps.get(dep.to_step_id)
        lines = [f"{a.title if a else '?'} → {b.title if b else '?'}", f"Kind: {enums.label(dep.kind)}"]
        if dep.crosses_org:
            lines.append("Hand-off between organisations" + (f" by {enums.label(dep.handoff_mode).lower()}" if dep.handoff_mode else ""))
            lines.append("Agreed between them" if dep.agreed else "Not agreed between the organisations")
        if dep.blocked:
            lines.append("An open blocker stands on this hand-off")
        return "\n".join(lines)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = self.mapToScene(event.pos())
            scene = self.map_scene
            sid = scene.step_at(pos)
            text = ""
            if sid is not None:
                text = self.describe_step(scene.steps[sid])
            else:
                did = scene.arrows.dep_at(pos, 8.0 / max(self.zoom(), 0.01)) if not scene.overview_mode else None
                if did is not None:
                    dep = next(d for d in scene.arrows.deps if d.id == did)
                    text = self.describe_dependency(dep)
                else:
                    cell = scene.cell_at(pos)
                    if cell is not None:
                        text = f"{cell[1].name} · {cell[0].label}\nDouble-click to add a step here"
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # --- mouse ------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._commit_inline_editor()
        scene = self.map_scene
        pos = self.mapToScene(event.position().toPoint())
        button = event.button()
        mods = event.modifiers()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if button == Qt.MouseButton.RightButton:
            event.accept()
            return  # the context menu comes with contextMenuEvent
        if button != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        sid = scene.step_at(pos)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if sid is not None:
            item = scene.cards.get(sid)
            if item is not None and item.on_handle(pos, self.zoom()) and not scene.overview_mode:
                self._start_link(sid, pos)
                event.accept()
                return
            if ctrl:
                steps = list(scene.selected_steps)
                if sid in steps:
                    steps.remove(sid)
                else:
                    steps.append(sid)
                scene.set_selection(steps, scene.selected_deps, current=sid if sid in steps else None)
            elif shift:
                scene.set_selection([*scene.selected_steps, sid], scene.selected_deps, current=sid)
            elif sid not in scene.selected_steps:
                scene.set_selection([sid], current=sid)
            else:
                scene.set_selection(scene.selected_steps, scene.selected_deps, current=sid)
            self._mode = "press"
            self._press_scene = pos
            self._press_step = sid
            self._press_mods = mods
            event.accept()
            return
        # an arrow, near the pointer
        if not scene.overview_mode:
            did = scene.arrows.dep_at(pos, 8.0 / max(self.zoom(), 0.01))
            if did is not None:
                deps = list(scene.selected_deps)
                if ctrl:
                    if did in deps:
                        deps.remove(did)
                    else:
                        deps.append(did)
                    scene.set_selection(scene.selected_steps, deps)
                else:
                    scene.set_selection((), [did])
                event.accept()
                return
        # empty space: a rubber band (ctrl/shift add to the selection)
        if ctrl or shift:
            self._band_base = (list(scene.selected_steps), list(scene.selected_deps))
        else:
            self._band_base = ([], [])
            scene.clear_selection()
        self._mode = "band"
        super().mousePressEvent(event)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        scene = self.map_scene
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        if self._mode == "press" and self._press_step is not None:
            travelled = (pos - self._press_scene) * self.zoom()
            if travelled.manhattanLength() >= QApplication.startDragDistance() and not scene.overview_mode:
                self._start_drag()
        if self._mode == "drag":
            self._drag_to(pos)
            event.accept()
            return
        if self._mode == "link":
            self._link_to(pos)
            event.accept()
            return
        if self._mode is None:
            sid = scene.step_at(pos)
            item = scene.cards.get(sid or "")
            if sid != self._hover_step:
                old = scene.cards.get(self._hover_step or "")
                if old is not None:
                    old.set_hovered(False)
                if item is not None:
                    item.set_hovered(True)
                self._hover_step = sid
            on_handle = item is not None and item.on_handle(pos, self.zoom())
            cursor = Qt.CursorShape.CrossCursor if on_handle else (Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            self.viewport().setCursor(cursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        scene = self.map_scene
        if self._pan_from is not None and event.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton):
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        mode, self._mode = self._mode, None
        if mode == "drag":
            self._finish_drag(pos)
            event.accept()
            return
        if mode == "link":
            self._finish_link(pos)
            event.accept()
            return
        if mode == "press":
            plain = not (self._press_mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
            if plain and self._press_step and len(scene.selected_steps) > 1:
                scene.set_selection([self._press_step], current=self._press_step)
            self._press_step = None
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if mode == "band":
            event.accept()  # the rubber band was ours, whatever the scene said

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        scene = self.map_scene
        pos = self.mapToScene(event.position().toPoint())
        sid = scene.step_at(pos)
        self._mode = None
        if sid is not None:
            if scene.overview_mode:
                self.set_zoom(self.default_zoom())
                self.centerOn(pos)
                return
            scene.set_selection([sid], current=sid)
            self.edit_title(sid)
            return
        did = scene.arrows.dep_at(pos, 8.0 / max(self.zoom(), 0.01)) if not scene.overview_mode else None
        if did is not None:
            scene.set_selection((), [did])
            self.edit_requested.emit("dependencies", did)
            return
        cell = scene.cell_at(pos)
        if cell is not None:
            if scene.overview_mode:
                self.set_zoom(self.default_zoom())
                self.centerOn(pos)
                return
            lane, column = cell
            slot = scene.layout.slot_index(column, lane, pos.x(), pos.y()) if scene.layout else 0
            self.add_step(stage_id=column.stage_id, lane_key=lane.key, slot=slot)

    def _on_rubber_band(self, rect: QRect, from_scene: QPointF, to_scene: QPointF) -> None:
        if rect.isNull() or self._mode != "band":
            if rect.isNull() and self._mode == "band":
                self._mode = None
            return
        scene = self.map_scene
        band = QRectF(from_scene, to_scene).normalized()
        steps = scene.steps_in(band)
        deps = [] if scene.overview_mode else scene.arrows.ids_in(band)
        base_steps, base_deps = self._band_base
        scene.set_selection([*base_steps, *steps], [*base_deps, *deps])

    # --- dragging cards ---------------------------------------------------------------------------

    def _start_drag(self) -> None:
        scene = self.map_scene
        self._mode = "drag"
        self._drag_start = {}
        for sid in scene.selected_steps:
            item = scene.cards.get(sid)
            if item is not None:
                self._drag_start[sid] = item.pos()
                item.setZValue(Z_DRAG)
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def _drag_to(self, pos: QPointF) -> None:
        scene = self.map_scene
        delta = pos - self._press_scene
        for sid, start in self._drag_start.items():
            item = scene.cards.get(sid)
            if item is not None:
                item.setPos(start + delta)
        cell = scene.cell_at(pos)
        if cell is None or scene.layout is None:
            scene.indicator.setVisible(False)
        else:
            lane, column = cell
            slot = scene.layout.slot_index(column, lane, pos.x(), pos.y())
            count = len([s for s in scene.cell_steps(lane.key, column.stage_id) if s.id not in self._drag_start])
            scene.indicator.setRect(scene.slot_rect(lane, column, min(slot, count)).adjusted(-4, -4, 4, 4))
            scene.indicator.setVisible(True)
        self._autoscroll()

    def _autoscroll(self) -> None:
        pos = self.viewport().mapFromGlobal(self.cursor().pos())
        rect = self.viewport().rect()
        edge = 24
        dx = -20 if pos.x() < edge else (20 if pos.x() > rect.width() - edge else 0)
        dy = -20 if pos.y() < edge else (20 if pos.y() > rect.height() - edge else 0)
        if dx:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        if dy:
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    def _finish_drag(self, pos: QPointF) -> None:
        scene = self.map_scene
        scene.indicator.setVisible(False)
        moving = list(self._drag_start)
        for sid in moving:
            item = scene.cards.get(sid)
            if item is not None:
                item.setZValue(0)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        cell = scene.cell_at(pos)
        moved = False
        if cell is not None and scene.data is not None and scene.layout is not None:
            lane, column = cell
            slot = scene.layout.slot_index(column, lane, pos.x(), pos.y())
            base = scene.stage_position(lane.key, column.stage_id, slot, moving)
            order = [s for s in scene.data.steps if s.id in self._drag_start]  # journey order
            moves = []
            for i, step in enumerate(order):
                position = None if base is None else base + i
                owner = None if lane.key == UNASSIGNED else lane.key
                moves.append(Move(step.id, column.stage_id, position, owner, change_owner=True))
            moved = self.editor.move_steps(moves, scene.data)
        if not moved:  # dropped outside the map, where it was, or refused: put the cards back
            for sid, start in self._drag_start.items():
                item = scene.cards.get(sid)
                if item is not None:
                    item.setPos(start)
        self._drag_start = {}

    # --- drawing a dependency ---------------------------------------------------------------------

    def _start_link(self, sid: str, pos: QPointF) -> None:
        scene = self.map_scene
        self._mode = "link"
        self._link_from = sid
        self._link_target = None
        scene.set_selection([sid], current=sid)
        self._link_to(pos)
        scene.link_line.setVisible(True)

    def _link_to(self, pos: QPointF) -> None:
        scene = self.map_scene
        item = scene.cards.get(self._link_from or "")
        if item is None:
            return
        start = item.pos() + item.handle_centre()
        path = QPainterPath(start)
        reach = max(40.0, abs(pos.x() - start.x()) * 0.5)
        path.cubicTo(start + QPointF(reach, 0), pos - QPointF(reach, 0), pos)
        scene.link_line.setPath(path)
        target = scene.step_at(pos, exclude=[self._link_from or ""])
        if target != self._link_target:
            old = scene.cards.get(self._link_target or "")
            if old is not None:
                old.set_flags(target=False)
            new = scene.cards.get(target or "")
            if new is not None:
                new.set_flags(target=True)
            self._link_target = target
        self._autoscroll()

    def _finish_link(self, pos: QPointF) -> None:
        scene = self.map_scene
        scene.link_line.setVisible(False)
        target = scene.step_at(pos, exclude=[self._link_from or ""])
        old = scene.cards.get(self._link_target or "")
        if old is not None:
            old.set_flags(target=False)
        source, self._link_from, self._link_target = self._link_from, None, None
        if source and target:
            dep_id = self.editor.add_dependency(source, target)
            if dep_id:
                scene.set_selection((), [dep_id])
                self.status_message.emit("Dependency added. Set its kind and hand-off in the inspector.")

    # --- keyboard ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        scene = self.map_scene
        key = event.key()
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key == Qt.Key.Key_Escape:
            if self._mode == "drag":
                for sid, start in self._drag_start.items():
                    item = scene.cards.get(sid)
                    if item is not None:
                        item.setPos(start)
                self._drag_start = {}
                scene.indicator.setVisible(False)
            elif self._mode == "link":
                scene.link_line.setVisible(False)
            else:
                scene.clear_selection()
            self._mode = None
            return
        # keyed by int: QKeyEvent.key() is an int, and Qt.Key is an IntEnum
        arrows: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows:
            dx, dy = arrows[key]
            if ctrl and shift and dx:
                self.move_selection_in_stage(dx)
            elif ctrl:
                self.move_selection(dx, dy)
            else:
                self.navigate(dx, dy, extend=shift)
            return
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and scene.data is not None and scene.data.steps:
            step = scene.data.steps[0 if key == Qt.Key.Key_Home else -1]
            scene.set_selection([step.id], current=step.id)
            self.ensure_step_visible(step.id)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            if scene.current_step:
                self.edit_title(scene.current_step)
            elif scene.selected_deps:
                self.edit_requested.emit("dependencies", scene.selected_deps[0])
            elif scene.selected_stage:
                self.rename_stage(scene.selected_stage)
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            if scene.data is not None:
                scene.set_selection([s.id for s in scene.data.steps])
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        self._space = False
        super().focusOutEvent(event)

    def neighbour(self, step_id: str, dx: int, dy: int) -> str | None:
        """The nearest card in a direction from a card (by the layout)."""
        layout = self.map_scene.layout
        if layout is None or step_id not in layout.cards:
            return None
        here = layout.cards[step_id]
        cx, cy = here.centre
        best, best_score = None, math.inf
        for sid, box in layout.cards.items():
            if sid == step_id:
                continue
            x, y = box.centre
            along = (x - cx) * dx + (y - cy) * dy
            if along <= 1:
                continue
            across = abs((y - cy) if dx else (x - cx))
            score = along + 2.5 * across
            if score < best_score:
                best, best_score = sid, score
        return best

    def navigate(self, dx: int, dy: int, *, extend: bool = False) -> None:
        scene = self.map_scene
        if scene.data is None or not scene.data.steps:
            return
        current = scene.current_step
        target: str | None
        if current is None:
            target = scene.data.steps[0].id
        else:
            target = self.neighbour(current, dx, dy)
            if target is None:
                return
        steps = [*scene.selected_steps, target] if extend else [target]
        scene.set_selection(steps, current=target)
        self.ensure_step_visible(target)

    def move_selection(self, dx: int, dy: int) -> None:
        """Ctrl+arrows: move the selected cards to the next stage (left/right) or lane (up/down)."""
        scene = self.map_scene
        if scene.data is None or scene.layout is None or not scene.selected_steps:
            return
        stages = [sid for sid, _ in scene.data.stages]
        lanes = [lane.key for lane in scene.layout.lanes]
        moves = []
        for sid in scene.selected_steps:
            step = scene.steps[sid]
            if dx:
                i = stages.index(step.stage_id) + dx
                if not 0 <= i < len(stages):
                    continue
                moves.append(Move(sid, stages[i], None, step.owner_id, change_owner=False))
            else:
                key = scene.lane_key(step)
                i = lanes.index(key) + dy
                if not 0 <= i < len(lanes):
                    continue
                owner = lanes[i] or None
                moves.append(Move(sid, step.stage_id, None, owner, change_owner=True))
        if moves:
            current = scene.current_step
            self.editor.move_steps(moves, scene.data)
            if current:
                self.ensure_step_visible(current)

    def move_selection_in_stage(self, delta: int) -> None:
        """Ctrl+Shift+Left/Right: the card goes earlier or later among its stage's steps."""
        scene = self.map_scene
        if scene.data is None or not scene.current_step:
            return
        step = scene.steps[scene.current_step]
        cell = scene.cell_steps(scene.lane_key(step), step.stage_id)
        i = [s.id for s in cell].index(step.id) + delta
        if not 0 <= i < len(cell):
            return
        stage_steps = sorted((s for s in scene.data.steps if s.stage_id == step.stage_id), key=lambda s: s.position)
        order = [s.id for s in stage_steps]
        position = order.index(cell[i].id)
        self.editor.move_steps([Move(step.id, step.stage_id, position, step.owner_id, change_owner=False)], scene.data)

    # --- editing in place -------------------------------------------------------------------------

    def add_step(self, *, stage_id: str | None = None, lane_key: str | None = None, slot: int | None = None) -> None:
        """Start adding a step: a title editor appears in place; Enter adds it, Escape cancels.

        Without a cell, the step goes after the current card (same stage and owner), else in the
        first stage of the user's lane.
        """
        scene = self.map_scene
        if scene.data is None or scene.layout is None:
            self.status_message.emit("Open a journey first.")
            return
        if not scene.data.stages:
            self.status_message.emit("Add a stage first (Edit > Add stage).")
            return
        if stage_id is None or lane_key is None:
            current = scene.steps.get(scene.current_step or "")
            if current is not None:
                stage_id, lane_key = current.stage_id, scene.lane_key(current)
                cell = scene.cell_steps(lane_key, stage_id)
                slot = [s.id for s in cell].index(current.id) + 1
            else:
                stage_id = scene.selected_stage or scene.data.stages[0][0]
                lane_key = scene.layout.lanes[0].key if scene.top_org_id is None else scene.top_org_id
                if lane_key not in {lane.key for lane in scene.layout.lanes}:
                    lane_key = scene.layout.lanes[0].key
                slot = None
        lane = next(lane for lane in scene.layout.lanes if lane.key == lane_key)
        column = next(c for c in scene.layout.columns if c.stage_id == stage_id)
        count = len(scene.cell_steps(lane_key, stage_id))
        slot = count if slot is None else min(slot, count)
        rect = scene.slot_rect(lane, column, slot)
        position = scene.stage_position(lane_key, stage_id, slot)
        scene.indicator.setRect(rect.adjusted(-4, -4, 4, 4))
        scene.indicator.setVisible(True)
        self.ensureVisible(rect, 40, 40)
        owner = None if lane_key == UNASSIGNED else lane_key
        journey_id = scene.data.journey_id

        def commit(title: str) -> None:
            scene.indicator.setVisible(False)
            if not title.strip():
                return
            step_id = self.editor.add_step(journey_id, stage_id, title.strip(), owner_id=owner, position=position)
            if step_id:
                scene.set_selection([step_id], current=step_id)
                self.ensure_step_visible(step_id)
                self.status_message.emit(f"Added “{title.strip()}”.")

        def cancel() -> None:
            scene.indicator.setVisible(False)

        stage_name = dict(scene.data.stages).get(stage_id, "")
        self._open_inline_editor(rect, "", commit, cancel, placeholder=f"New step in {stage_name} ({lane.label}): type its title, Enter")

    def edit_title(self, step_id: str) -> None:
        scene = self.map_scene
        step = scene.steps.get(step_id)
        box = scene.layout.cards.get(step_id) if scene.layout else None
        if step is None or box is None:
            return
        self.ensure_step_visible(step_id)
        old = step.title

        def commit(title: str) -> None:
            title = title.strip()
            if title and title != old:
                self.editor.update_step(step_id, {"title": title}, {"title": old}, text="Rename step")

        self._open_inline_editor(QRectF(box.x, box.y, box.w, box.h), old, commit, lambda: None,
                                 placeholder="Step title")
        self.edit_requested.emit("steps", step_id)

    def _open_inline_editor(self, rect: QRectF, text: str, commit: Any, cancel: Any, placeholder: str = "") -> None:
        self._commit_inline_editor()
        editor = _InlineEditor(self.viewport(), commit, cancel)
        editor.setText(text)
        editor.selectAll()
        editor.setPlaceholderText(placeholder)
        editor.setAccessibleName(placeholder or "Title")
        editor.scene_rect = rect
        self._editor_widget = editor
        editor.finished.connect(self._inline_editor_closed)
        self._move_inline_editor()
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _inline_editor_closed(self) -> None:
        editor = self._editor_widget
        self._editor_widget = None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _move_inline_editor(self) -> None:
        editor = self._editor_widget
        if editor is None:
            return
        rect = self.mapFromScene(editor.scene_rect).boundingRect()
        font = QFont(QApplication.font())
        font.setPixelSize(max(13, min(28, round(TITLE_PX * self.zoom()))))
        editor.setFont(font)
        height = max(editor.sizeHint().height(), 32)
        width = max(rect.width(), 320)
        editor.setGeometry(QRect(rect.left(), rect.top() + max(0, (rect.height() - height) // 2), width, height))

    def _commit_inline_editor(self) -> None:
        if self._editor_widget is not None:
            self._editor_widget.commit()

    # --- actions the window calls -----------------------------------------------------------------

    def add_stage(self) -> None:
        from ui import dialogs

        scene = self.map_scene
        if scene.data is None:
            self.status_message.emit("Open a journey first.")
            return
        stages = [sid for sid, _ in scene.data.stages]
        after = scene.selected_stage or (scene.steps[scene.current_step].stage_id if scene.current_step in scene.steps else None)
        position = stages.index(after) + 1 if after in stages else None
        name = dialogs.ask_text(self, "Add stage", "Name of the new stage:", "")
        if not name:
            return
        stage_id = self.editor.add_stage(scene.data.journey_id, name, position)
        if stage_id:
            scene.set_selection((), (), stage_id)

    def rename_stage(self, stage_id: str) -> None:
        from ui import dialogs

        scene = self.map_scene
        if scene.data is None:
            return
        old = dict(scene.data.stages).get(stage_id)
        if old is None:
            return
        name = dialogs.ask_text(self, "Rename stage", "Name of the stage:", old)
        if name and name.strip() != old:
            self.editor.rename_stage(stage_id, name.strip(), old)

    def delete_stage(self, stage_id: str) -> None:
        from ui import dialogs

        scene = self.map_scene
        if scene.data is None:
            return
        name = dict(scene.data.stages).get(stage_id, "")
        count = sum(1 for s in scene.data.steps if s.stage_id == stage_id)
        if count and not dialogs.confirm(
            self, "Delete stage", f"Delete the stage “{name}” and its {count} step{'s' if count != 1 else ''}?\n"
            "You can undo this with Edit > Undo."
        ):
            return
        self.editor.delete(stage_ids=[stage_id])

    def add_dependency(self) -> None:
        """From the first selected card to the second (or explain how to draw one)."""
        scene = self.map_scene
        if len(scene.selected_steps) == 2:
            a, b = scene.selected_steps
            dep_id = self.editor.add_dependency(a, b)
            if dep_id:
                scene.set_selection((), [dep_id])
            return
        self.status_message.emit("Select two cards (the first one first), or drag from a card's round handle to another card.")

    def delete_selection(self) -> None:
        from ui import dialogs

        scene = self.map_scene
        steps, deps = list(scene.selected_steps), list(scene.selected_deps)
        if steps or deps:
            if len(steps) > 10 and not dialogs.confirm(self, "Delete steps", f"Delete {len(steps)} steps?\nYou can undo this with Edit > Undo."):
                return
            current = scene.current_step
            nxt = self.neighbour(current, 1, 0) if current else None
            if self.editor.delete(step_ids=steps, dependency_ids=deps) and nxt in scene.steps:
                scene.set_selection([nxt], current=nxt)
            return
        if scene.selected_stage:
            self.delete_stage(scene.selected_stage)

    def raise_blocker(self) -> None:
        scene = self.map_scene
        self.ctx.raise_blocker_requested.emit({"step_ids": list(scene.selected_steps), "dependency_ids": list(scene.selected_deps)})

    # --- context menus ----------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = self.mapToScene(event.pos())
        menu = self.menu_at(pos)
        if menu is not None:
            menu.exec(event.globalPos())
            menu.deleteLater()

    def menu_at(self, pos: QPointF) -> QMenu | None:
        """The context menu for what is at a scene point (a card, an arrow or a cell)."""
        scene = self.map_scene
        sid = scene.step_at(pos)
        if sid is not None:
            if sid not in scene.selected_steps:
                scene.set_selection([sid], current=sid)
            return self.card_menu()
        did = scene.arrows.dep_at(pos, 8.0 / max(self.zoom(), 0.01)) if not scene.overview_mode else None
        if did is not None:
            if did not in scene.selected_deps:
                scene.set_selection((), [did])
            return self.dependency_menu(did)
        cell = scene.cell_at(pos)
        if cell is not None and scene.layout is not None:
            lane, column = cell
            slot = scene.layout.slot_index(column, lane, pos.x(), pos.y())
            menu = QMenu(self)
            _action(menu, f"Add step here ({column.name}, {lane.label})",
                    lambda: self.add_step(stage_id=column.stage_id, lane_key=lane.key, slot=slot))
            return menu
        return None

    def card_menu(self) -> QMenu:
        scene = self.map_scene
        menu = QMenu(self)
        count = len(scene.selected_steps)
        if count == 1:
            sid = scene.selected_steps[0]
            _action(menu, "Edit title", lambda: self.edit_title(sid), "Return")
            _action(menu, "Edit details…", lambda: self.edit_requested.emit("steps", sid))
        if count == 2:
            _action(menu, "Add dependency (first → second)", self.add_dependency, "Ctrl+D")
        _action(menu, "Raise blocker…", self.raise_blocker)
        menu.addSeparator()
        _action(menu, "Delete step" if count == 1 else f"Delete {count} steps", self.delete_selection, "Delete")
        return menu

    def dependency_menu(self, dep_id: str) -> QMenu:
        scene = self.map_scene
        dep = next(d for d in scene.arrows.deps if d.id == dep_id)
        menu = QMenu(self)
        kinds = menu.addMenu("Kind")
        for kind in enums.DependencyKind:
            action = _action(kinds, enums.label(kind.value),
                             lambda k=kind.value: self.editor.update("dependencies", dep_id, {"kind": k}, {"kind": dep.kind}, text="Change dependency kind"))
            action.setCheckable(True)
            action.setChecked(dep.kind == kind.value)
        agreed = _action(menu, "Agreed between the organisations",
                         lambda: self.editor.update("dependencies", dep_id, {"agreed": not dep.agreed}, {"agreed": dep.agreed},
                                                    text="Agree hand-off" if not dep.agreed else "Mark hand-off not agreed"))
        agreed.setCheckable(True)
        agreed.setChecked(dep.agreed)
        _action(menu, "Edit details…", lambda: self.edit_requested.emit("dependencies", dep_id))
        _action(menu, "Raise blocker…", self.raise_blocker)
        menu.addSeparator()
        _action(menu, "Delete dependency", self.delete_selection, "Delete")
        return menu

    def stage_menu(self, stage_id: str) -> QMenu:
        scene = self.map_scene
        menu = QMenu(self)
        data = scene.data
        stages = [sid for sid, _ in data.stages] if data else []
        i = stages.index(stage_id) if stage_id in stages else -1
        _action(menu, "Rename stage…", lambda: self.rename_stage(stage_id), "F2")
        _action(menu, "Add stage after…", self.add_stage)
        left = _action(menu, "Move stage earlier", lambda: data is not None and self.editor.move_stage(data, stage_id, -1))
        left.setEnabled(i > 0)
        right = _action(menu, "Move stage later", lambda: data is not None and self.editor.move_stage(data, stage_id, 1))
        right.setEnabled(0 <= i < len(stages) - 1)
        menu.addSeparator()
        _action(menu, "Delete stage…", lambda: self.delete_stage(stage_id))
        return menu

    def _on_error(self, message: str) -> None:
        self.status_message.emit(message)
        from ui import dialogs

        dialogs.show_error(self, "That change was not made", message)
        # the cards may have been moved on screen for a refused drag: put everything back
        if self.map_scene.data is not None:
            self.map_scene.apply(self.map_scene.data)

    def sizeHint(self) -> QSize:
        return QSize(1000, 640)


class _InlineEditor(QLineEdit):
    """A title editor over a card; Enter commits, Escape cancels, leaving it commits."""

    finished = Signal()

    def __init__(self, parent: QWidget, on_commit: Any, on_cancel: Any) -> None:
        super().__init__(parent)
        self.setObjectName("inlineTitleEditor")
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self._done = False
        self.scene_rect = QRectF()
        self.returnPressed.connect(self.commit)

    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        text = self.text()
        self.finished.emit()
        self._on_commit(text)

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self.finished.emit()
        self._on_cancel()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        if not self._done and event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            QTimer.singleShot(0, self.commit)


def _action(menu: QMenu, text: str, slot: Any, shortcut: str | None = None) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutVisibleInContextMenu(True)
    return action


__all__ = [
    "ArrowLayer",
    "CardItem",
    "JourneyMapScene",
    "JourneyMapView",
    "OverviewItem",
    "arrow_label",
    "arrow_style",
    "wrap_text",
]
