"""The journey map's scene: one journey's items built from the core's :class:`MapData` and layout,
kept in step with the workspace, and the map's own selection.

Geometry comes from :func:`servicecommunity.analysis.layout.layout_map` (the poster exports use the
same), data from :class:`servicecommunity.analysis.layout.MapLoader`, which re-reads only what a
change names. No index (everything sits under a few top-level items, so Qt's culling is a cheap C++
loop) and a fixed scene rect.

Selection is the scene's own (step, dependency and stage ids), not Qt's item selection, so it
survives the cards being hidden in the overview and the map being rebuilt after an edit.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QPointF,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
)

from servicecommunity.analysis.layout import (
    CARD_H,
    CARD_W,
    GAP,
    LANE_HEADER_W,
    MAP_SECTIONS,
    STAGE_HEADER_H,
    UNASSIGNED,
    Column,
    Lane,
    MapData,
    MapLayout,
    MapLoader,
    MapStep,
    layout_map,
)
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.services import Changes
from servicecommunity.services.queries import map as map_queries
from servicecommunity.store.bulk import gc_paused
from ui import theme
from ui.context import AppContext
from ui.map import styles as map_styles
from ui.map.arrows import ArrowLayer
from ui.map.items import CardItem, GridItem
from ui.map.overview import OverviewItem
from ui.map.styles import MARGIN, Z_CARDS, Z_INDICATOR, Z_LINK, styles

OVERVIEW_LOD = 0.3  # below this zoom a big map is drawn from one cached image
OVERVIEW_MIN_STEPS = 300  # smaller maps are always drawn card by card
DEFER_MIN_STEPS = 1500  # bigger maps refresh after an edit in an event-loop turn of its own


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
        self.arrows.on_cards = self.points_on_cards
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
        return self.ctx.read(lambda s: map_queries.member_organisation(s, member_id))

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
        """A big map's refresh, in three turns of the event loop: reading what changed (the core's
        work) in this one, laying the map out in the next, updating the items in a third, so that
        none is one long task with another (the repaint is a fourth)."""
        changes, self._pending = self._pending, None
        data = self._read(changes) if changes is not None else None
        if data is None:
            if self._pending is None:
                self._settled()
            return
        generation = self._generation

        def lay_out() -> None:
            if generation != self._generation:
                return  # another journey is shown meanwhile
            with gc_paused():
                layout = layout_map(data, top_org_id=self.top_org_id)
            QTimer.singleShot(0, lambda: update_items(layout))

        def update_items(layout: MapLayout) -> None:
            if generation != self._generation:
                return
            self.apply(data, layout)
            if self._pending is None:
                self._settled()

        QTimer.singleShot(0, lay_out)

    def _settled(self) -> None:
        """The map shows every change: a selection that waited for it is made now."""
        self.refreshing = False
        if self._wanted is not None:
            steps, deps, stage, current = self._wanted
            self._wanted = None
            self.set_selection(steps, deps, stage, current=current)

    def _read(self, changes: Changes) -> MapData | None:
        """The map's data after ``changes`` (None: nothing the map shows changed, or it is gone)."""
        loader = self.loader
        if loader is None:
            return None
        try:
            return self.ctx.read(lambda s: loader.refresh(s, changes.sections, changes.ids))
        except NotFoundError:
            self.load_journey(None)
            self.journey_missing.emit()
            return None

    def _refresh(self, changes: Changes) -> None:
        data = self._read(changes)
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

    def points_on_cards(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """For each point (``xs[k]``, ``ys[k]``), whether it is on a card: one test for many points
        (the arrows' labels), against the cards near them only."""
        boxes = self._card_boxes
        if not len(boxes) or not len(xs):
            return np.zeros(len(xs), dtype=bool)
        near = (boxes[:, 2] >= xs.min()) & (boxes[:, 0] <= xs.max()) & (boxes[:, 3] >= ys.min()) & (boxes[:, 1] <= ys.max())
        b = boxes[near]
        if not len(b):
            return np.zeros(len(xs), dtype=bool)
        x, y = xs[:, None], ys[:, None]
        inside = (b[None, :, 0] <= x) & (b[None, :, 2] >= x) & (b[None, :, 1] <= y) & (b[None, :, 3] >= y)
        return np.asarray(inside.any(axis=1))

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

    def set_presenting(self, on: bool) -> None:
        """Draw for a projector (larger titles, badges under them, no chips) or as usual."""
        if on == map_styles.presenting():
            return
        map_styles.set_presenting(on)
        for item in self.cards.values():
            item._lines = None
        self.overview.invalidate()
        self.update()

    def _on_theme(self, _palette: object) -> None:
        self._apply_theme()
        for item in self.cards.values():
            item._lines = None
        self.overview.invalidate()
        self.update()
