"""The journey map on screen: stages as columns, organisations as swimlanes, steps as cards.

:class:`JourneyMapView` shows a :class:`ui.map.scene.JourneyMapScene` and is made of parts, one
module each:

- :mod:`ui.map.view` (here): zoom, scroll, fit, the rulers' places, selection asked from outside,
  tooltips and accessible descriptions, moving between and moving cards with the keyboard;
- :mod:`ui.map.interaction`: click, ctrl/shift-click and rubber-band selection; drag a card to
  another lane or stage (its owner or stage changes); drag from a card's round handle to another
  card to draw a dependency; the keys: arrows move between cards, Enter edits the title, ctrl+arrows
  move the card, Escape cancels, space+drag or the middle button pans;
- :mod:`ui.map.inline_editor`: double-click an empty cell to add a step there, or a card to rename it, in place;
- :mod:`ui.map.menus`: the context menus and the actions the window calls (Delete deletes...).

What it draws: :mod:`ui.map.items` (cards, lane bands), :mod:`ui.map.arrows` (dependencies),
:mod:`ui.map.overview` (a big map zoomed far out), :mod:`ui.map.rulers` (stage and lane headers,
legend), :mod:`ui.map.styles` (sizes, pens, fonts). Drawing at scale follows Qt's "40000 Chips"
example: no drop shadows, no per-item effects, a fixed scene rect, no index. Every edit goes through
:class:`ui.map.editing.MapEditor`, so it is one undo entry and is in the workspace file at once.
ctrl+wheel zooms.
"""

from __future__ import annotations

import math
from typing import Any, cast

from PySide6.QtCore import (
    QEvent,
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
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsView, QToolTip, QWidget

from servicecommunity.analysis.layout import MapDependency, MapStep
from servicecommunity.services.queries import map as map_queries
from ui import theme
from ui.context import AppContext
from ui.i18n import label, translate
from ui.map.editing import MapEditor, Move
from ui.map.inline_editor import InlineEditing, InlineEditor
from ui.map.interaction import MapInteraction
from ui.map.menus import MapMenus
from ui.map.rulers import CornerLabel, LaneRuler, MapLegend, StageRuler
from ui.map.scene import JourneyMapScene
from ui.map.styles import (
    EMOTION_WORDS,
    PRESENT_MIN_SCREEN_PX,
    PRESENT_TITLE_PX,
    severity_label,
    styles,
)

MIN_ZOOM, MAX_ZOOM = 0.02, 4.0
MAX_PRESENT_ZOOM = 2.0  # a small journey on a projector is not blown up beyond this
ZOOM_STEP = 1.25


class MapViewBase(QGraphicsView):
    """The view's own part: its state, signals, rulers, zoom, scroll and fit, selection asked from
    outside, tooltips, and keyboard navigation. :class:`JourneyMapView` adds the other parts."""

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
        self.setAccessibleName(translate("MapViewBase", "Journey map"))
        self.setAccessibleDescription(translate("MapViewBase", "Stages across, organisations down; each card is a step. Arrow keys move between cards."))
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
        whole = cast("JourneyMapView", self)  # this part is always made as one of a JourneyMapView's
        self.stage_ruler = StageRuler(whole)
        self.lane_ruler = LaneRuler(whole)
        self.corner = CornerLabel(whole)
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
        self._editor_widget: InlineEditor | None = None
        self._opened_journey = False
        self._shown_start = False
        self.presenting = False
        self.present_pages: list[list[str]] = []  # the projector's pages: a stage or two each
        self.present_page = 0
        self._before_presenting: tuple[Any, int, int, list[QFont]] | None = None
        self.rubberBandChanged.connect(whole._on_rubber_band)
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
        if self.presenting:
            self.present_fit(keep_page=True)  # full screen arrives as a resize
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

    # --- the focus ring: a 2px outline inside the viewport's edge while the map has the keyboard ---

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self.hasFocus() and not self.presenting:
            painter = QPainter(self.viewport())
            pen = QPen(QColor(theme.current().focus), 2)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.drawRect(QRectF(self.viewport().rect()).adjusted(1, 1, -1, -1))
            painter.end()

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
        # shown once per journey: the next change (the first step added) must not bring it back
        self._opened_journey = True
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

    # --- the projector view -------------------------------------------------------------------------

    def set_presenting(self, on: bool) -> None:
        """The projector view: larger type, badges clear of the titles, and the journey fitted so that
        card titles are at least :data:`PRESENT_MIN_SCREEN_PX` on screen, or shown a stage or two at a
        time (Left/Right, Page Up/Down) when the whole map would be smaller. Leaving it puts the
        zoom, the scroll and the rulers' type back as they were."""
        if on == self.presenting:
            return
        self._commit_inline_editor()
        rulers = [self.stage_ruler, self.lane_ruler, self.corner]
        if on:
            self._before_presenting = (QTransform(self.transform()), self.horizontalScrollBar().value(),
                                       self.verticalScrollBar().value(), [QFont(r.font()) for r in rulers])
            for ruler in rulers:
                font = QFont(ruler.font())
                font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.6)
                ruler.setFont(font)
        self.presenting = on
        self.map_scene.set_presenting(on)
        if on:
            self._update_margins()
            self.present_page = 0
            self.present_fit()
            return
        saved, self._before_presenting = self._before_presenting, None
        self.present_pages = []
        if saved is not None:
            transform, h, v, fonts = saved
            for ruler, font in zip(rulers, fonts, strict=True):
                ruler.setFont(font)
            self._update_margins()
            self.setTransform(transform)
            self.horizontalScrollBar().setValue(h)
            self.verticalScrollBar().setValue(v)
        self._after_zoom()

    def present_min_zoom(self) -> float:
        """The least zoom at which a card title is :data:`PRESENT_MIN_SCREEN_PX` on screen."""
        return PRESENT_MIN_SCREEN_PX / PRESENT_TITLE_PX

    def title_screen_px(self) -> float:
        """A card title's height on screen now: its font's pixel size times the view's scale."""
        return styles().title_font.pixelSize() * self.zoom()

    def present_fit(self, *, keep_page: bool = False) -> None:
        """Fit the journey for the projector: all of it if its titles stay readable, else pages of a
        stage or two, each as large as the screen allows."""
        scene = self.map_scene
        layout = scene.layout
        if not self.presenting or layout is None or scene.data is None:
            return
        vp = self.viewport().rect()
        width, height = max(vp.width() - 24, 1), max(vp.height() - 24, 1)
        content = scene.content_rect()
        least = self.present_min_zoom()
        whole = min(width / max(content.width(), 1), height / max(content.height(), 1))
        columns = list(layout.columns)
        if whole >= least or len(columns) <= 1:
            self.present_pages = [[c.stage_id for c in columns]]
            self.present_page = 0
            self.set_zoom(min(max(whole, least), MAX_PRESENT_ZOOM))
            self.centerOn(content.center())
            self._present_announce()
            return
        pages: list[list[Any]] = []
        i = 0
        while i < len(columns):
            page = [columns[i]]
            if i + 1 < len(columns):
                pair = columns[i + 1].box.x + columns[i + 1].box.w - columns[i].box.x
                if pair * least <= width:
                    page.append(columns[i + 1])
            pages.append(page)
            i += len(page)
        self.present_pages = [[c.stage_id for c in page] for page in pages]
        if not keep_page:
            self.present_page = 0
        self.present_page = max(0, min(self.present_page, len(pages) - 1))
        self._show_present_page()

    def _show_present_page(self) -> None:
        scene, layout = self.map_scene, self.map_scene.layout
        if layout is None or not self.present_pages:
            return
        wanted = set(self.present_pages[self.present_page])
        columns = [c for c in layout.columns if c.stage_id in wanted]
        if not columns:
            return
        vp = self.viewport().rect()
        width, height = max(vp.width() - 24, 1), max(vp.height() - 24, 1)
        content = scene.content_rect()
        left = columns[0].box.x
        right = columns[-1].box.x + columns[-1].box.w
        level = max(self.present_min_zoom(), min(width / max(right - left, 1), height / max(content.height(), 1),
                                                  MAX_PRESENT_ZOOM))
        self.set_zoom(level)
        # the page's stages from the left edge (centred if narrower), the map from its top
        span = vp.width() / self.zoom()
        cx = (left + right) / 2 if right - left <= span else left + span / 2
        self.centerOn(cx, content.top() + vp.height() / 2 / self.zoom())
        self._refresh_rulers()
        self.visible_range_changed.emit()
        self._present_announce()

    def present_step(self, delta: int) -> bool:
        """Show the next (1) or previous (-1) page of stages; False at either end."""
        if not self.presenting or len(self.present_pages) <= 1:
            return False
        page = self.present_page + delta
        if not 0 <= page < len(self.present_pages):
            self.status_message.emit(translate("JourneyMapView", "The last stage of the journey.") if delta > 0
                                     else translate("JourneyMapView", "The first stage of the journey."))
            return False
        self.present_page = page
        self._show_present_page()
        return True

    def _present_announce(self) -> None:
        data = self.map_scene.data
        if data is None or not self.present_pages:
            return
        names = dict(data.stages)
        page = self.present_pages[self.present_page]
        if len(self.present_pages) == 1:
            count = len(page)
            text = translate("JourneyMapView", "The whole journey: %n stage(s). F11 to come back.", "", count)
        else:
            shown = " · ".join(names.get(sid, "") for sid in page)
            text = translate("JourneyMapView", "Stages shown: {0} (page {1} of {2}); Left and Right arrows for the others, "
                             "F11 to come back.").format(shown, self.present_page + 1, len(self.present_pages))
        self.status_message.emit(text)
        self.setAccessibleDescription(text)

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
        return self.ctx.read(lambda s: map_queries.journey_of(s, steps, deps))

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
        owner = org.name if org else translate("JourneyMapView", "nobody yet")
        lines = [step.title, translate("JourneyMapView", "Owner: {0}").format(owner),
                 translate("JourneyMapView", "Stage: {0}").format(stage)]
        if step.channels:
            lines.append(translate("JourneyMapView", "Channels: {0}").format(", ".join(label(c) for c in step.channels)))
        else:
            lines.append(translate("JourneyMapView", "Channels: none recorded"))
        if step.emotion is not None:
            lines.append(translate("JourneyMapView", "Feeling: {0} ({1})").format(
                EMOTION_WORDS.get(step.emotion, step.emotion), f"{step.emotion:+d}"))
        if step.blocker_count:
            count = step.blocker_count
            lines.append(translate("JourneyMapView", "%n open blocker(s), worst {0}", "", count).format(
                severity_label(step.worst_severity).lower()))
        if step.repeated_data:
            lines.append(translate("JourneyMapView", "Asks again for data another organisation already collected: {0}").format(
                ", ".join(step.repeated_data)))
        if step.pain_points:
            lines.append(translate("JourneyMapView", "Pain points: {0}").format(step.pain_points))
        return "\n".join(lines)

    def describe_dependency(self, dep: MapDependency) -> str:
        scene = self.map_scene
        a, b = scene.steps.get(dep.from_step_id), scene.steps.get(dep.to_step_id)
        lines = [f"{a.title if a else '?'} → {b.title if b else '?'}", translate("JourneyMapView", "Kind: {0}").format(label(dep.kind))]
        if dep.crosses_org:
            lines.append(translate("JourneyMapView", "Hand-off between organisations by {0}").format(label(dep.handoff_mode).lower())
                         if dep.handoff_mode else translate("JourneyMapView", "Hand-off between organisations"))
            lines.append(translate("JourneyMapView", "Agreed between them") if dep.agreed
                         else translate("JourneyMapView", "Not agreed between the organisations"))
        if dep.blocked:
            lines.append(translate("JourneyMapView", "An open blocker stands on this hand-off"))
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
                        text = translate("JourneyMapView", "{0} · {1}\nDouble-click to add a step here").format(cell[1].name, cell[0].label)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # --- keyboard navigation ------------------------------------------------------------------------

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

    def _commit_inline_editor(self) -> None:
        """Commit the in-place title editor if one is open (see :class:`ui.map.inline_editor.InlineEditing`)."""

    def _move_inline_editor(self) -> None:
        """Keep the in-place title editor over its card as the map scrolls or zooms (see
        :class:`ui.map.inline_editor.InlineEditing`, which does it)."""

    def _on_error(self, message: str) -> None:
        self.status_message.emit(message)
        from ui import dialogs

        dialogs.show_error(self, translate("JourneyMapView", "That change was not made"), message)
        # the cards may have been moved on screen for a refused drag: put everything back
        if self.map_scene.data is not None:
            self.map_scene.apply(self.map_scene.data)

    def sizeHint(self) -> QSize:
        return QSize(1000, 640)


class JourneyMapView(MapInteraction, MapMenus, InlineEditing, MapViewBase):
    """The map on screen: zoom, pan, select, drag, draw dependencies, edit in place, keyboard.

    Public: :meth:`zoom_in`, :meth:`zoom_out`, :meth:`zoom_to_fit`, :meth:`actual_size`,
    :meth:`zoom`, :meth:`add_step`, :meth:`add_stage`, :meth:`add_dependency`,
    :meth:`delete_selection`, :meth:`edit_title`, :meth:`select_and_centre`; ``editor`` (a
    :class:`MapEditor`) and ``map_scene``.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # on the projector, Left/Right (and Page Up/Down) turn the pages of stages
        paging: dict[int, int] = {Qt.Key.Key_Right: 1, Qt.Key.Key_PageDown: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_PageUp: -1}
        if (self.presenting and len(self.present_pages) > 1 and event.key() in paging
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.present_step(paging[event.key()])
            event.accept()
            return
        super().keyPressEvent(event)
