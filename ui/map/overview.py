"""A big map seen from far away (:class:`OverviewItem`): cards as blocks in a few batched calls,
shown instead of the cards and arrows when the map is zoomed far out."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import (
    QLineF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from servicecommunity.analysis.layout import (
    UNASSIGNED_COLOUR,
    MapData,
    MapLayout,
)
from servicecommunity.store.bulk import gc_paused
from ui.map.styles import Z_OVERVIEW, styles


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
