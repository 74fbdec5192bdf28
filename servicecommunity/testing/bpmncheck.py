"""What a modeller sees in a BPMN export, measured: for the tests and the export benchmark.

- :func:`read` parses a file into a :class:`Diagram` (shapes, edges, flow nodes, flows, names);
- :func:`flows_crossing_tasks` finds the sequence flows whose waypoints pass through a task that is
  neither their source nor their target (computed geometrically, segment by segment);
- :func:`annotation_gaps` gives, for each text annotation joined to a task, how far its box is from
  the nearest of its tasks;
- :func:`bpmnlint` runs bpmnlint (``tools/bpmn-check``, recommended rules) and counts its errors
  and warnings, or says why it cannot.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

MODEL = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DI = "{http://www.omg.org/spec/DD/20100524/DI}"
CHECK_DIR = Path(__file__).resolve().parents[2] / "tools" / "bpmn-check"

Rect = tuple[float, float, float, float]  # x, y, width, height
Point = tuple[float, float]
_CELL = 400.0  # the spatial index's cell size


@dataclass
class Diagram:
    nodes: dict[str, str] = field(
        default_factory=dict
    )  # flow node id -> local tag (task, startEvent, ...)
    names: dict[str, str] = field(
        default_factory=dict
    )  # element id -> name attribute ("" when none)
    flows: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # sequence flow id -> (source, target)
    incoming: dict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )  # node -> flow ids
    outgoing: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    annotations: dict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )  # note -> elements
    shapes: dict[str, Rect] = field(default_factory=dict)  # element id -> bounds
    edges: dict[str, list[Point]] = field(default_factory=dict)  # element id -> waypoints

    def of_kind(self, tag: str) -> list[str]:
        return [n for n, t in self.nodes.items() if t == tag]


def read(path: Path | str) -> Diagram:
    root = etree.parse(str(path)).getroot()
    d = Diagram()
    process = root.find(f"{MODEL}process")
    assert process is not None, "no process"
    for el in process:
        tag = etree.QName(el).localname
        el_id = el.get("id", "")
        if tag == "sequenceFlow":
            d.flows[el_id] = (el.get("sourceRef", ""), el.get("targetRef", ""))
            d.names[el_id] = el.get("name", "")
        elif tag == "association":
            source, target = el.get("sourceRef", ""), el.get("targetRef", "")
            d.annotations[target].append(source)
        elif tag in ("task", "startEvent", "endEvent") or tag.endswith("Gateway"):
            d.nodes[el_id] = tag
            d.names[el_id] = el.get("name", "")
    for flow_id, (source, target) in d.flows.items():
        d.outgoing[source].append(flow_id)
        d.incoming[target].append(flow_id)
    for shape in root.iter(f"{BPMNDI}BPMNShape"):
        b = shape.find(f"{DC}Bounds")
        if b is not None:
            d.shapes[shape.get("bpmnElement", "")] = (
                float(b.get("x", 0)),
                float(b.get("y", 0)),
                float(b.get("width", 0)),
                float(b.get("height", 0)),
            )
    for edge in root.iter(f"{BPMNDI}BPMNEdge"):
        d.edges[edge.get("bpmnElement", "")] = [
            (float(p.get("x", 0)), float(p.get("y", 0))) for p in edge.findall(f"{DI}waypoint")
        ]
    return d


def _segment_enters(a: Point, b: Point, r: Rect, inset: float = 0.5) -> bool:
    """Whether segment a-b passes through the inside of r (touching its border is not entering)."""
    x0, y0, x1, y1 = r[0] + inset, r[1] + inset, r[0] + r[2] - inset, r[1] + r[3] - inset
    if x0 >= x1 or y0 >= y1:
        return False
    # Liang-Barsky clipping of the segment to the rectangle
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def flows_crossing_tasks(d: Diagram) -> list[tuple[str, str]]:
    """(flow id, task id) for every sequence flow passing through a task other than its own ends."""
    tasks = {t: d.shapes[t] for t in d.of_kind("task") if t in d.shapes}
    grid: dict[tuple[int, int], list[str]] = defaultdict(list)
    for t, (x, y, w, h) in tasks.items():
        for gx in range(int(x // _CELL), int((x + w) // _CELL) + 1):
            for gy in range(int(y // _CELL), int((y + h) // _CELL) + 1):
                grid[(gx, gy)].append(t)
    found: list[tuple[str, str]] = []
    for flow_id, ends in d.flows.items():
        points = d.edges.get(flow_id, [])
        hit: set[str] = set()
        for a, b in itertools.pairwise(points):
            near: set[str] = set()
            for gx in range(int(min(a[0], b[0]) // _CELL), int(max(a[0], b[0]) // _CELL) + 1):
                for gy in range(int(min(a[1], b[1]) // _CELL), int(max(a[1], b[1]) // _CELL) + 1):
                    near.update(grid.get((gx, gy), ()))
            hit.update(t for t in near if t not in ends and _segment_enters(a, b, tasks[t]))
        found += [(flow_id, t) for t in sorted(hit)]
    return found


def _gap(r: Rect, s: Rect) -> float:
    """The distance between two boxes (0 when they touch or overlap)."""
    dx = max(s[0] - (r[0] + r[2]), r[0] - (s[0] + s[2]), 0.0)
    dy = max(s[1] - (r[1] + r[3]), r[1] - (s[1] + s[3]), 0.0)
    return float((dx * dx + dy * dy) ** 0.5)


def annotation_gaps(d: Diagram) -> dict[str, float]:
    """Each annotation joined to a task or flow: the distance from its box to the nearest such task.

    A flow counts by its target (or, for a flow into a gateway, the gateway's task); annotations
    joined to nothing drawn are left out.
    """
    out: dict[str, float] = {}
    for note, elements in d.annotations.items():
        box = d.shapes.get(note)
        if box is None:
            continue
        near: list[Rect] = []
        for el in elements:
            if el in d.flows:
                source, target = d.flows[el]
                near += [d.shapes[n] for n in (source, target) if n in d.shapes]
            elif el in d.shapes:
                near.append(d.shapes[el])
        if near:
            out[note] = min(_gap(box, r) for r in near)
    return out


@dataclass
class Lint:
    errors: int
    warnings: int
    by_rule: dict[str, int]


def bpmnlint_missing() -> str | None:
    """Why :func:`bpmnlint` cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not on PATH"
    if not (CHECK_DIR / "node_modules" / "bpmnlint").is_dir():
        return "bpmnlint is not installed: run `npm ci` in tools/bpmn-check"
    return None


def bpmnlint(path: Path | str) -> Lint:
    """bpmnlint's recommended rules (``tools/bpmn-check/.bpmnlintrc``) on a file: counts of what it reports."""
    why = bpmnlint_missing()
    if why:
        raise RuntimeError(why)
    node = shutil.which("node")
    assert node is not None
    proc = subprocess.run(
        [node, str(CHECK_DIR / "lint.mjs"), str(Path(path).resolve())],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=CHECK_DIR,
    )
    if not proc.stdout:
        raise RuntimeError(f"bpmnlint did not run: {proc.stderr.strip()}")
    summary = json.loads(proc.stdout)
    if "error" in summary:
        raise RuntimeError(f"bpmnlint could not read the file: {summary['error']}")
    return Lint(summary["errors"], summary["warnings"], summary["byRule"])
