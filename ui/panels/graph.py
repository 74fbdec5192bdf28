"""The dependency graph as a network: organisations, or one journey's steps.

:class:`GraphPanel` shows either

- the **organisation graph** (``servicecommunity.analysis.graphs.organisation_graph``): a node per
  organisation sized by its load (the steps it owns in the journey), an edge A→B as wide as the
  dependencies and hand-offs that cross from A's steps to B's; laid out by networkx's spring layout
  with a fixed seed, so the picture is the same every time; or
- the **step graph** (``servicecommunity.analysis.graphs.step_graph``) of the current journey: a node per
  step sized by its monthly volume, coloured by its owner, laid out by ``multipartite_layout`` with
  one layer per stage, so stages run left to right as on the map.

Blocked edges are drawn dashed, in red, and marked "✕ blocked" (readable without colour). Clicking a
node (or an edge) asks the map to select it (``ctx.selection_requested``). Reading the journey and
laying it out run in a worker (``ui.workers``); the scene is built on the main thread from plain values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from servicecommunity.analysis.graphs import organisation_graph, step_graph
from servicecommunity.analysis.layout import UNASSIGNED_COLOUR
from servicecommunity.services import Changes
from servicecommunity.services.queries import graph as graph_queries
from ui import theme
from ui.context import AppContext
from ui.i18n import label, translate
from ui.workers import Progress, TaskRunner

ORGANISATIONS = "organisations"
STEPS = "steps"
BLOCKED = QColor("#b3261e")
EDGE = QColor("#5f6368")
INK = QColor("#202124")


def graph_colours(p: theme.Palette) -> dict[str, str]:
    """The graph's colours in theme ``p`` (``#rrggbb``): it paints on the theme's background, so
    labels, edges and the selection ring keep their contrast in the dark theme too."""
    light = p.name == "light"
    return {
        "background": "#ffffff" if light else p.canvas,
        "ink": INK.name() if light else p.text,
        "edge": EDGE.name() if light else p.arrow,
        "blocked": BLOCKED.name() if light else p.blocked,
        "selected": "#1a73e8" if light else p.selection,
        "backing": "#ffffff" if light else p.canvas,  # behind edge labels, translucent
    }


_COLOURS: dict[str, dict[str, QColor]] = {}  # per theme name: graphs draw thousands of items


def _colour(key: str) -> QColor:
    palette = theme.current()
    found = _COLOURS.get(palette.name)
    if found is None:
        found = _COLOURS[palette.name] = {k: QColor(v) for k, v in graph_colours(palette).items()}
    return QColor(found[key])
STAGE_GAP = 280.0  # scene units between stage columns
ROW_GAP = 96.0  # between steps in a stage
ORG_SPREAD = 400.0  # the organisation layout's radius
SEED = 7


# --- plain values the worker hands back ----------------------------------------------------------------


@dataclass(frozen=True)
class NodeSpec:
    id: str
    label: str
    x: float
    y: float
    radius: float
    colour: str
    tooltip: str


@dataclass(frozen=True)
class EdgeSpec:
    source: str
    target: str
    width: float
    blocked: bool
    label: str
    dependency_ids: tuple[str, ...]
    tooltip: str
    dashed: bool = False  # not agreed


@dataclass
class NetworkLayout:
    """A laid-out graph: nodes with positions and sizes, edges with widths, stage headers."""

    mode: str
    nodes: list[NodeSpec] = field(default_factory=list)
    edges: list[EdgeSpec] = field(default_factory=list)
    columns: list[tuple[str, float]] = field(default_factory=list)  # (stage name, x) for the step graph
    title: str = ""
    owners: dict[str, str] = field(default_factory=dict)  # step id -> its organisation (the organisation graph)


def _radius(load: float, *, base: float, per: float) -> float:
    return base + per * math.sqrt(max(0.0, load))


def _wrap(text: str, width: int = 22, lines: int = 2) -> str:
    words, out, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return "\n".join(out)


def build_organisation_layout(progress: Progress, store: Any, journey_id: str) -> NetworkLayout:
    """The organisation graph of a journey, laid out (runs in a worker)."""
    with store.session() as session:
        data, colours, blocked_deps = graph_queries.organisation_graph_input(session, journey_id)
    progress.check()
    graph = organisation_graph(data)
    # Organisations with no part in the journey would float about the edge: leave them out.
    graph.remove_nodes_from([n for n, a in list(graph.nodes(data=True)) if not a["steps"] and graph.degree(n) == 0])
    out = NetworkLayout(ORGANISATIONS, title=translate("GraphPanel", "Organisations in {0}").format(data.journey_name),
                        owners={s.id: s.owner_id for s in data.steps.values() if s.owner_id})
    if graph.number_of_nodes() == 0:
        return out
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph.nodes))
    for a, b, attrs in graph.edges(data=True):
        w = attrs["weight"] + (undirected[a][b]["weight"] if undirected.has_edge(a, b) else 0)
        undirected.add_edge(a, b, weight=w)
    pos = nx.spring_layout(undirected, seed=SEED, weight="weight", k=2.4 / math.sqrt(max(1, len(undirected))),
                           iterations=200)
    progress.check()
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        x, y = pos[node]
        out.nodes.append(NodeSpec(
            node, attrs["label"], float(x) * ORG_SPREAD, float(y) * ORG_SPREAD,
            _radius(attrs["steps"], base=16, per=9), colours.get(node, UNASSIGNED_COLOUR),
            translate("GraphPanel", "{0}\nSteps in this journey: {1} · people in the community: {2}").format(
                attrs["name"], attrs["steps"], attrs["members"]),
        ))
    for a, b, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        deps = tuple(attrs["dependency_ids"])
        blocked = sum(1 for d in deps if d in blocked_deps)
        crossing = attrs["handoffs"] + attrs["dependencies"]
        # Short on the picture (the count, ✕ and how many blocked); the details are in the tooltip.
        words = [str(crossing)] if crossing else []
        if blocked or attrs["blockers"]:
            words.append(f"✕{blocked + attrs['blockers']}")
        out.edges.append(EdgeSpec(
            a, b, 1.0 + 1.6 * math.sqrt(attrs["weight"]), bool(blocked or attrs["blockers"]),
            " · ".join(words), deps,
            translate("GraphPanel", "{0} → {1}: hand-offs {2}, other dependencies {3}, blocked {4}, blockers caused {5}").format(
                graph.nodes[a]["label"], graph.nodes[b]["label"], attrs["handoffs"], attrs["dependencies"], blocked,
                attrs["blockers"]),
        ))
    return out


def build_step_layout(progress: Progress, store: Any, journey_id: str) -> NetworkLayout:
    """One journey's step graph with stages left to right (runs in a worker)."""
    with store.session() as session:
        data, shown = graph_queries.step_graph_input(session, journey_id)
    progress.check()
    graph = step_graph(data)
    colours = {o.id: o.colour for o in shown.organisations.values()}
    labels = {o.id: o.label for o in shown.organisations.values()}
    blocked_deps = {d.id for d in shown.dependencies if d.blocked}
    blockers_on = {s.id: s.blocker_count for s in shown.steps}
    stage_order = {s.id: i for i, s in enumerate(sorted(data.stages, key=lambda s: s.position))}
    layers: dict[int, list[str]] = {i: [] for i in stage_order.values()}
    for step in sorted(data.steps.values(), key=lambda s: s.order):
        layers[stage_order[step.stage_id]].append(step.id)
    out = NetworkLayout(STEPS, title=translate("GraphPanel", "Steps of {0}").format(data.journey_name))
    if graph.number_of_nodes() == 0:
        return out
    pos = nx.multipartite_layout(graph, subset_key=layers, align="vertical")
    # The layout is rescaled to [-1, 1]; undo that to place layers a fixed distance apart. Before
    # rescaling, layer i sits at x = i - (layers - 1) / 2 and steps one unit apart in y.
    layer_of = {node: stage_order[graph.nodes[node]["stage_id"]] for node in graph.nodes}
    factor = 1.0
    nodes = list(graph.nodes)
    far = max(nodes, key=lambda n: layer_of[n])
    near = min(nodes, key=lambda n: layer_of[n])
    if layer_of[far] != layer_of[near]:
        factor = (float(pos[far][0]) - float(pos[near][0])) / (layer_of[far] - layer_of[near])
    else:
        ys = sorted(float(p[1]) for p in pos.values())
        factor = (ys[1] - ys[0]) if len(ys) > 1 else 1.0
    progress.check()
    for stage in sorted(data.stages, key=lambda s: s.position):
        out.columns.append((stage.name, 0.0))
    first_x = None
    for node in graph.nodes:
        attrs = graph.nodes[node]
        x, y = pos[node]
        sx, sy = float(x) / factor * STAGE_GAP, float(y) / factor * ROW_GAP
        layer = stage_order[attrs["stage_id"]]
        if first_x is None:
            first_x = sx - layer * STAGE_GAP
        volume = attrs["monthly_volume"]
        owner = attrs["owner_id"]
        count = blockers_on.get(node, 0)
        nobody = translate("GraphPanel", "nobody")
        tip = [attrs["title"], translate("GraphPanel", "Owner: {0}").format(labels.get(owner, nobody) if owner else nobody),
               translate("GraphPanel", "Monthly volume: {0}").format(f"{volume:,}") if volume is not None
               else translate("GraphPanel", "Monthly volume: not measured")]
        if count:
            tip.append(translate("GraphPanel", "%n open blocker(s)", "", count))
        out.nodes.append(NodeSpec(
            node, _wrap(attrs["title"]) + ("\n" + translate("GraphPanel", "✕ %n blocked", "", count) if count else ""), sx, sy,
            min(26.0, _radius((volume or 0) / 1000, base=7, per=2.0)), colours.get(owner, UNASSIGNED_COLOUR),
            "\n".join(tip),
        ))
    base = first_x or 0.0
    out.columns = [(name, base + i * STAGE_GAP) for i, (name, _x) in enumerate(out.columns)]
    for a, b, attrs in graph.edges(data=True):
        deps = tuple(attrs["dependency_ids"])
        blocked = any(d in blocked_deps for d in deps)
        out.edges.append(EdgeSpec(
            a, b, 3.0 if attrs["cross_org"] else 1.4, blocked, "✕" if blocked else "", deps,
            " · ".join([f"{graph.nodes[a]['title']} → {graph.nodes[b]['title']} ({label(attrs['kind'])})",
                        *([translate("GraphPanel", "crosses organisations")] if attrs["cross_org"] else []),
                        *([translate("GraphPanel", "blocked")] if blocked else []),
                        *([] if attrs["agreed"] else [translate("GraphPanel", "not agreed")])]),
            dashed=not attrs["agreed"],
        ))
    return out


# --- scene items ----------------------------------------------------------------------------------------

#: A label smaller than this on screen (in pixels) is not drawn: nobody can read it, and text is
#: nearly all of the painting (a 5,000-step graph at fit: 1.4 s a frame with its labels, 0.15 s without).
LABEL_MIN_PX = 4.0
LABEL_H = 12.0  # a label's height in scene units (9 to 10 point text)


@lru_cache(maxsize=8)
def _font(points: int, bold: bool) -> QFont:
    """One font object per size and weight, shared by every label that uses it."""
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


class NodeItem(QGraphicsEllipseItem):
    """A node: a circle sized by load, its label beneath."""

    def __init__(self, spec: NodeSpec, kind: str) -> None:
        r = spec.radius
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.spec = spec
        self.kind = kind
        self.setPos(spec.x, spec.y)
        self.setBrush(QBrush(QColor(spec.colour)))
        self.setPen(QPen(_colour("ink"), 1.2))  # the outline keeps a dark fill visible on a dark background
        self.setToolTip(spec.tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(2)
        text = QGraphicsSimpleTextItem(spec.label, self)
        text.setFont(_font(9 if kind == STEPS else 10, kind == ORGANISATIONS))
        text.setBrush(QBrush(_colour("ink")))
        rect = text.boundingRect()
        if kind == STEPS:  # beside the node: the stage's column has room to the right, not below
            text.setPos(r + 4, -rect.height() / 2)
        else:
            text.setPos(-rect.width() / 2, r + 2)
        self.label = text

    def set_highlighted(self, on: bool) -> None:
        self.setPen(QPen(_colour("selected"), 4) if on else QPen(_colour("ink"), 1.2))


class EdgeItem(QGraphicsPathItem):
    """A directed edge, curved when the reverse edge exists too, with an arrowhead and a label."""

    def __init__(self, spec: EdgeSpec, source: NodeItem, target: NodeItem, curved: bool) -> None:
        super().__init__()
        self.spec = spec
        colour = _colour("blocked") if spec.blocked else _colour("edge")
        pen = QPen(colour, spec.width)
        if spec.blocked:
            pen.setStyle(Qt.PenStyle.DashLine)
        elif spec.dashed:
            pen.setStyle(Qt.PenStyle.DotLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self.setPen(pen)
        self.setToolTip(spec.tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(1)
        a, b = QPointF(source.spec.x, source.spec.y), QPointF(target.spec.x, target.spec.y)
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        start = QPointF(a.x() + ux * source.spec.radius, a.y() + uy * source.spec.radius)
        end = QPointF(b.x() - ux * (target.spec.radius + 2), b.y() - uy * (target.spec.radius + 2))
        path = QPainterPath(start)
        bend = 0.18 * length if curved else 0.0
        control = QPointF((start.x() + end.x()) / 2 - uy * bend, (start.y() + end.y()) / 2 + ux * bend)
        path.quadTo(control, end)
        self.setPath(path)
        # Arrowhead along the curve's last tangent.
        tx, ty = end.x() - control.x(), end.y() - control.y()
        tl = math.hypot(tx, ty) or 1.0
        tx, ty = tx / tl, ty / tl
        size = 7 + spec.width * 1.5
        head = QPolygonF([end, QPointF(end.x() - tx * size - ty * size * 0.5, end.y() - ty * size + tx * size * 0.5),
                          QPointF(end.x() - tx * size + ty * size * 0.5, end.y() - ty * size - tx * size * 0.5)])
        arrow = QGraphicsPolygonItem(head, self)
        arrow.setBrush(QBrush(colour))
        arrow.setPen(QPen(colour, 1))
        self.label: QGraphicsSimpleTextItem | None = None
        self.label_items: list[QGraphicsItem] = []  # the label and the box behind it
        if spec.label:
            mid = path.pointAtPercent(0.5)
            text = QGraphicsSimpleTextItem(spec.label, self)
            text.setFont(_font(9, True))
            text.setBrush(QBrush(_colour("blocked") if spec.blocked else _colour("ink")))
            rect = text.boundingRect()
            text.setPos(mid.x() - rect.width() / 2, mid.y() - rect.height() / 2)
            backing = QGraphicsPathItem(self)
            box = QPainterPath()
            box.addRoundedRect(QRectF(mid.x() - rect.width() / 2 - 3, mid.y() - rect.height() / 2 - 1,
                                      rect.width() + 6, rect.height() + 2), 3, 3)
            backing.setPath(box)
            back = _colour("backing")
            back.setAlpha(225)
            backing.setBrush(QBrush(back))
            backing.setPen(QPen(Qt.PenStyle.NoPen))
            text.setZValue(1)
            self.label = text
            self.label_items = [backing, text]

    def shape(self) -> QPainterPath:
        # A wider hit area than the stroke, so thin edges can be clicked.
        from PySide6.QtGui import QPainterPathStroker

        stroker = QPainterPathStroker()
        stroker.setWidth(max(8.0, self.spec.width + 6))
        return stroker.createStroke(self.path())


class NetworkView(QGraphicsView):
    """The scene's view: antialiased, zoom with the wheel, click to pick a node or edge."""

    node_clicked = Signal(str, str)  # kind, id
    edge_clicked = Signal(object)  # EdgeSpec

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scene = QGraphicsScene(self)
        # No spatial index: the scene is rebuilt whole and mostly seen whole. Measured on a
        # 5,000-step graph, the BSP index costs 0.7 s on the first paint and makes each repaint
        # slower (0.15 s against 0.07 s); finding the item under a click without it is still quick.
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(_colour("background")))
        self.setAccessibleName(translate("NetworkView", "Dependency graph"))
        self.setAccessibleDescription(translate("NetworkView", "Circles are organisations or steps, arrows the hand-offs between them; "
                                      "the status line under the graph sums it up"))

        self.auto_fit = True  # until the person zooms, the graph follows the view's size
        self._labels: list[QGraphicsItem] = []
        self._labels_shown = True
        self._extent: QRectF | None = None

    def set_labels(self, items: list[QGraphicsItem]) -> None:
        """The scene's labels, drawn only while they are big enough on screen to read."""
        self._labels = items
        self._labels_shown = True
        self.show_readable_labels()

    def labels_shown(self) -> bool:
        return self._labels_shown

    def show_readable_labels(self) -> None:
        """Show the labels if the zoom makes them readable, hide them if not (only when that changes)."""
        shown = self.transform().m11() * LABEL_H >= LABEL_MIN_PX
        if shown != self._labels_shown:
            self._labels_shown = shown
            for item in self._labels:
                item.setVisible(shown)

    def wheelEvent(self, event: Any) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.auto_fit = False
        self.scale(factor, factor)
        self.show_readable_labels()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def fit(self, *, measure: bool = False) -> None:
        """Zoom to show the whole graph; ``measure`` after the scene changed (its extent is kept
        otherwise: measuring 20,000 items on every resize costs a quarter of a second)."""
        self.auto_fit = True
        if measure or self._extent is None:
            self._extent = self.scene().itemsBoundingRect().adjusted(-30, -30, 30, 30)
            self.scene().setSceneRect(self._extent)
        self.fitInView(self._extent, Qt.AspectRatioMode.KeepAspectRatio)
        self.show_readable_labels()

    def item_for(self, item: QGraphicsItem | None) -> QGraphicsItem | None:
        while item is not None and not isinstance(item, NodeItem | EdgeItem):
            item = item.parentItem()
        return item

    def mousePressEvent(self, event: Any) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.item_for(self.itemAt(event.position().toPoint()))
            if isinstance(item, NodeItem):
                self.node_clicked.emit(item.kind, item.spec.id)
                event.accept()
                return
            if isinstance(item, EdgeItem):
                self.edge_clicked.emit(item.spec)
                event.accept()
                return
        super().mousePressEvent(event)


# --- the panel --------------------------------------------------------------------------------------


class GraphPanel(QWidget):
    """The organisation graph or one journey's step graph; click a node to select it on the map."""

    graph_ready = Signal()
    # made in __init__ after the lambdas that use them are connected
    status: QLabel
    view: NetworkView

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, mode: str = ORGANISATIONS) -> None:
        super().__init__(parent)
        self.setObjectName("GraphPanel")
        self.ctx = ctx
        self.layout_data: NetworkLayout | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self._dirty = True
        self._selection: Any = None  # the map's selection, last heard
        self.runner = TaskRunner(self)
        self.runner.succeeded.connect(self._draw)
        self.runner.failed.connect(lambda exc: self.status.setText(translate("GraphPanel", "Could not draw the graph: {0}").format(exc)))
        self.mode = QComboBox()
        self.mode.setAccessibleName(translate("GraphPanel", "Graph shows"))
        self.mode.addItem(translate("GraphPanel", "Organisations"), ORGANISATIONS)
        self.mode.addItem(translate("GraphPanel", "Steps of this journey"), STEPS)
        self.mode.setCurrentIndex(self.mode.findData(mode))
        self.mode.currentIndexChanged.connect(lambda _i: self.refresh())
        self.fit_button = QPushButton(translate("GraphPanel", "Fit"))
        self.fit_button.setAccessibleName(translate("GraphPanel", "Fit the graph"))
        self.fit_button.clicked.connect(lambda _c=False: self.view.fit())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.view = NetworkView(self)
        self.view.node_clicked.connect(self._node_clicked)
        self.view.edge_clicked.connect(self._edge_clicked)
        top = QHBoxLayout()
        top.addWidget(self.mode)
        top.addWidget(self.fit_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        ctx.changed.connect(self._on_changed)
        ctx.journey_changed.connect(lambda _j: self._schedule())
        ctx.selection_changed.connect(self._highlight)
        theme.notifier().changed.connect(self._on_theme)

    def _on_theme(self, _palette: Any) -> None:
        """Repaint in the new theme's colours (the layout is kept; only the items are made again)."""
        self.view.setBackgroundBrush(QBrush(_colour("background")))
        if self.layout_data is not None:
            self._draw(self.layout_data)

    def current_mode(self) -> str:
        return str(self.mode.currentData())

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(mode))

    def refresh(self) -> bool:
        """Read and lay out the graph again (in a worker); False with no journey open."""
        journey_id = self.ctx.journey_id
        if not journey_id:
            self.view.scene().clear()
            self.nodes, self.edges = {}, []  # their items went with the scene: never ring them again
            self.status.setText(translate("GraphPanel", "Open a journey to see its graph."))
            return False
        self._dirty = False
        build = build_organisation_layout if self.current_mode() == ORGANISATIONS else build_step_layout
        self.runner.start(build, self.ctx.store, journey_id)
        return True

    def _schedule(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("steps", "dependencies", "organisations", "blockers", "stages", "members", "journeys"):
            self._schedule()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _draw(self, data: NetworkLayout) -> None:
        scene = self.view.scene()
        scene.clear()
        self.layout_data = data
        self.nodes = {}
        self.edges = []
        kind = data.mode
        for spec in data.nodes:
            item = NodeItem(spec, kind)
            scene.addItem(item)
            self.nodes[spec.id] = item
        pairs = {(e.source, e.target) for e in data.edges}
        for link in data.edges:
            if link.source in self.nodes and link.target in self.nodes:
                edge = EdgeItem(link, self.nodes[link.source], self.nodes[link.target],
                                curved=(link.target, link.source) in pairs or kind == STEPS)
                scene.addItem(edge)
                self.edges.append(edge)
        self.view.set_labels([n.label for n in self.nodes.values()] + [i for e in self.edges for i in e.label_items])
        if data.columns and data.nodes:
            top = min(n.y - n.radius for n in data.nodes) - 60
            font = QFont()
            font.setPointSize(11)
            font.setBold(True)
            for name, x in data.columns:
                header = scene.addSimpleText(name, font)
                header.setBrush(QBrush(_colour("ink")))
                rect = header.boundingRect()
                header.setPos(x - rect.width() / 2, top)
        blocked = sum(1 for e in data.edges if e.blocked)
        if kind == ORGANISATIONS:
            said = translate("GraphPanel", "{0}: organisations {1}, links {2}, blocked {3} (dashed, marked ✕). Size shows "
                             "the steps it owns; width shows hand-offs between them. Click one to select it on the map.")
        else:
            said = translate("GraphPanel", "{0}: steps {1}, links {2}, blocked {3} (dashed, marked ✕). Size shows monthly "
                             "volume; width: thick where it crosses organisations. Click one to select it on the map.")
        self.status.setText(said.format(data.title, len(data.nodes), len(data.edges), blocked))
        self.view.fit(measure=True)
        self._highlight(self._selection)  # what the map still has selected, on the new drawing
        self.graph_ready.emit()

    def _node_clicked(self, kind: str, node_id: str) -> None:
        if kind == ORGANISATIONS:
            self.ctx.selection_requested.emit({"steps": [], "dependencies": [], "organisations": [node_id]})
        else:
            self.ctx.selection_requested.emit({"steps": [node_id], "dependencies": [], "organisations": []})

    def _edge_clicked(self, spec: EdgeSpec) -> None:
        self.ctx.selection_requested.emit({"steps": [], "dependencies": list(spec.dependency_ids), "organisations": []})

    def _highlight(self, selection: Any) -> None:
        """Ring what the map has selected: its steps in the step graph; in the organisation graph,
        the organisations that own the selected steps and the two ends of a selected hand-off."""
        self._selection = selection
        steps = set((selection or {}).get("steps", ()))
        if self.current_mode() == STEPS:
            chosen = steps
        else:
            owners = self.layout_data.owners if self.layout_data is not None else {}
            chosen = {owners[s] for s in steps if s in owners}
            deps = set((selection or {}).get("dependencies", ()))
            for edge in self.edges:
                if deps.intersection(edge.spec.dependency_ids):
                    chosen.update((edge.spec.source, edge.spec.target))
        for node_id, item in self.nodes.items():
            item.set_highlighted(node_id in chosen)

    def click_node(self, node_id: str) -> None:
        """As if the node were clicked (tests, keyboard)."""
        item = self.nodes[node_id]
        self._node_clicked(item.kind, node_id)


__all__ = [
    "EdgeItem",
    "GraphPanel",
    "NetworkLayout",
    "NetworkView",
    "NodeItem",
    "build_organisation_layout",
    "build_step_layout",
]
