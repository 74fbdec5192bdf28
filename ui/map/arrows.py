"""The map's dependencies: every arrow in one :class:`ArrowLayer`, their styles and their curves.

Geometry is kept in numpy arrays (:func:`bezier_points`) and only the arrows in the exposed rect are
drawn; hit tests (:meth:`ArrowLayer.dep_at`, :meth:`ArrowLayer.ids_in`) work on the same arrays.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import (
    QLineF,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QPainter,
    QPainterPath,
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
    Box,
    MapDependency,
)
from ui.i18n import label, translate
from ui.map.items import bubble_glyph
from ui.map.styles import MAX_FULL_ARROWS, SMALL_PX, TEXT_MIN_SCREEN_PX, Z_ARROWS, Styles, styles

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
        return translate("ArrowLayer", "Blocked")
    if dep.crosses_org and not dep.agreed:
        return translate("ArrowLayer", "Not agreed")
    if dep.kind == "alternative":
        return translate("ArrowLayer", "or")
    if dep.crosses_org:
        return label(dep.handoff_mode) if dep.handoff_mode else translate("ArrowLayer", "Hand-off")
    return ""


class ArrowLayer(QGraphicsRectItem):
    """Every dependency of the map in one item: geometry in numpy arrays, drawn only where exposed.

    Forward links leave a card's right edge for the next card's left edge; links within a column
    go bottom to top; links backwards loop round. Hand-offs across organisations are thick and
    purple with their mode written on them, unagreed ones dotted red, blocked ones red, and
    alternatives dashed with "or". An arrow with notes shows their count beside its words, as a
    card does (:meth:`markers`).
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
        #: which of these points (xs, ys) are on a card: the same question for many points at once
        self.on_cards: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None

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
        if not same_deps and not self._patch(deps, cards):
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
        n_old = len(old_deps)
        # aligned: the arrows drawn before are the first ones now, in the same order (an edit, or
        # new arrows at the end)
        aligned = same_deps or (len(kept) >= n_old and all(x.id == y.id for x, y in zip(old_deps, kept, strict=False)))
        if not aligned:
            self._paths, self._label_hidden = {}, {}
            self.update()
            return
        # redraw those that moved, changed or came, keep the rest
        moved = np.any(old_pts != pts[:n_old], axis=1)
        if not same_deps:
            moved |= np.array([x is not y for x, y in zip(old_deps, kept, strict=False)], dtype=bool)
        changed = np.nonzero(moved)[0].tolist() + list(range(n_old, len(kept)))
        for i in changed:
            self._paths.pop(i, None)
            self._label_hidden.pop(i, None)
        if len(changed) > 200:
            self.update()
            return
        for i in changed:
            for box in ((old_bbox[i], self.bbox[i]) if i < n_old else (self.bbox[i],)):
                x0, y0, x1, y1 = box.tolist()
                self.update(QRectF(x0 - 30, y0 - 30, x1 - x0 + 60, y1 - y0 + 60))

    def _patch(self, deps: Sequence[MapDependency], cards: dict[str, Box]) -> bool:
        """Take ``deps`` by changing only what differs from the last ones: the same dependencies in
        the same order with a few changed, and perhaps new ones at the end (an edit on a big map,
        where going through every arrow again in Python is most of the work). False when the
        change is anything else, to be taken whole."""
        source, n_old = self._source, len(self._source)
        if len(deps) < n_old or len(self.deps) != n_old:
            return False  # fewer, or some were left out last time
        rows = self._rows
        changed = [i for i, (x, y) in enumerate(zip(deps, source, strict=False)) if x is not y]
        new = list(deps[n_old:])
        if len(changed) > 500 or any(deps[i].id != source[i].id for i in changed):
            return False
        if any(d.from_step_id not in cards or d.to_step_id not in cards for d in (*(deps[i] for i in changed), *new)):
            return False
        kept = list(self.deps)
        from_, to, styles = self._from.copy(), self._to.copy(), self.styles.copy()
        for i in changed:
            d = kept[i] = deps[i]
            from_[i], to[i], styles[i] = rows[d.from_step_id], rows[d.to_step_id], arrow_style(d)
        if new:
            from_ = np.concatenate([from_, np.array([rows[d.from_step_id] for d in new], dtype=np.int64)])
            to = np.concatenate([to, np.array([rows[d.to_step_id] for d in new], dtype=np.int64)])
            styles = np.concatenate([styles, np.array([arrow_style(d) for d in new], dtype=np.int8)])
            self.index = {**self.index, **{d.id: n_old + k for k, d in enumerate(new)}}
            kept.extend(new)
        self._source, self.deps = list(deps), kept
        self._from, self._to, self.styles = from_, to, styles
        return True

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

    def _labels_hidden(self, todo: list[tuple[int, QPointF, float]]) -> None:
        """Work out which of these labels (index, middle, width) a card would hide: all at once
        when the scene can test many points in one go, else point by point."""
        if self.on_cards is not None:
            xs = np.array([m.x() + dx for _i, m, tw in todo for dx in (-tw / 2, 0.0, tw / 2)])
            ys = np.array([m.y() for _i, m, _tw in todo for _dx in range(3)])
            on = np.asarray(np.asarray(self.on_cards(xs, ys)).reshape(-1, 3).any(axis=1)).tolist()
            for (i, _m, _tw), hidden in zip(todo, on, strict=True):
                self._label_hidden[i] = bool(hidden)
            return
        for i, mid, tw in todo:
            self._label_hidden[i] = self.on_card is not None and any(
                self.on_card(QPointF(mid.x() + dx, mid.y())) for dx in (-tw / 2, 0.0, tw / 2)
            )

    def markers(self, i: int, st: Styles) -> list[tuple[str, QRectF, str]]:
        """What is written on arrow ``i`` at its middle, as (kind, rect in scene coordinates, words):
        ``label`` (its kind, :func:`arrow_label`) and ``notes`` (how many notes, after a speech
        bubble, like a card's count), side by side and centred together; none for a plain arrow."""
        dep = self.deps[i]
        text = arrow_label(dep)
        label_w = st.pill_metrics.horizontalAdvance(text) + 12.0 if text else 0.0
        count = str(dep.note_count) if dep.note_count else ""
        notes_w = st.small_metrics.horizontalAdvance(count) + 24.0 if count else 0.0
        gap = 4.0 if text and count else 0.0
        mid = self.midpoint(i)
        x = mid.x() - (label_w + gap + notes_w) / 2
        out: list[tuple[str, QRectF, str]] = []
        if text:
            out.append(("label", QRectF(x, mid.y() - 10.0, label_w, 20.0), text))
        if count:
            out.append(("notes", QRectF(x + label_w + gap, mid.y() - 10.0, notes_w, 20.0), count))
        return out

    def _paint_labels(self, painter: QPainter, st: Styles, visible: np.ndarray, lod: float) -> None:
        shown: list[tuple[int, MapDependency, list[tuple[str, QRectF, str]]]] = []
        todo: list[tuple[int, QPointF, float]] = []
        for i in visible.tolist():
            dep = self.deps[i]
            if not dep.note_count and not arrow_label(dep):
                continue
            marks = self.markers(i, st)
            shown.append((i, dep, marks))
            if i not in self._label_hidden:  # a card would hide it (worked out once per layout)
                whole = marks[0][1].united(marks[-1][1])
                todo.append((i, whole.center(), whole.width()))
        if todo:
            self._labels_hidden(todo)
        for i, dep, marks in shown:
            if self._label_hidden[i]:
                continue
            style = int(self.styles[i])
            colour = {HANDOFF: st.handoff, UNAGREED: st.unagreed, BLOCKED: st.blocked}.get(style, st.arrow)
            if dep.id in self.selected:
                colour = st.selection
            for kind, rect, text in marks:
                if kind == "notes":  # as on a card: a chip with a speech bubble and the count
                    painter.setPen(QPen(colour, 2.0))
                    painter.setBrush(st.chip_brush)
                    painter.drawRoundedRect(rect, 10.0, 10.0)
                    bubble_glyph(painter, QPointF(rect.x() + 11.0, rect.center().y()), st)
                    painter.setFont(st.small_font)
                    painter.setPen(st.chip_pen)
                    painter.drawText(rect.adjusted(19.0, 0, -4.0, 0), Qt.AlignmentFlag.AlignCenter, text)
                    continue
                painter.setFont(st.pill_font)
                painter.setPen(QPen(colour, 2.0))
                painter.setBrush(st.canvas)
                painter.drawRoundedRect(rect, 10.0, 10.0)
                painter.setPen(QPen(st.palette.card_text if style in (NORMAL, ALTERNATIVE) else colour))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

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
