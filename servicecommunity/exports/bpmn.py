"""BPMN 2.0 XML of one journey, with diagram interchange laid out like the map.

One pool (participant) for the journey with a lane per organisation that owns steps; each step is
a task in its owner's lane; each dependency is a sequence flow; each open blocker is a text
annotation joined by associations to the steps and flows it blocks; each stage is a group around
its column (a category value names it). The classification is in the collaboration's
documentation and in a text annotation above the pool, so it shows in bpmn.io and Camunda Modeler.

The diagram (``bpmndi:BPMNDiagram``, without which bpmn.io refuses the file) uses the map's own
geometry from :mod:`servicecommunity.layout`: tasks at their cards, lanes at their swimlanes, stage
groups at their columns; blocker annotations sit under the pool below the first step they block.
Ids are NCNames: a record's UUID can start with a digit, so every id has a prefix (``Task_…``).
The output validates against the OMG schema (``BPMN20.xsd``); the tests check that.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from lxml import etree

from servicecommunity import __version__, enums
from servicecommunity.exports.mapview import journey_map
from servicecommunity.exports.poster import route
from servicecommunity.layout import CARD_H, CARD_W, LANE_HEADER_W, STAGE_HEADER_H, UNASSIGNED

if TYPE_CHECKING:
    from servicecommunity.exports import Job

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TARGET_NAMESPACE = "https://servicecommunity.example/bpmn"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NOT_NCNAME = re.compile(r"[^A-Za-z0-9_.\-]")
POOL_LABEL_W = 30.0  # the band of a pool or lane that carries its name
NOTE_W, NOTE_H, NOTE_GAP = CARD_W, 64.0, 16.0


def ncname(prefix: str, record_id: str) -> str:
    """An XML NCName for a record: ``Task_<uuid>`` (a UUID may start with a digit; an NCName may not)."""
    return f"{prefix}_{_NOT_NCNAME.sub('_', record_id)}"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _m(parent: Any, tag: str, **attrib: str) -> Any:
    return etree.SubElement(parent, f"{{{MODEL}}}{tag}", attrib)


def _doc(parent: Any, text: str) -> None:
    if text.strip():
        _m(parent, "documentation").text = _clean(text)


def _shape(plane: Any, element_id: str, x: float, y: float, w: float, h: float, **extra: str) -> None:
    shape = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNShape", {"id": f"{element_id}_di", "bpmnElement": element_id, **extra})
    etree.SubElement(shape, f"{{{DC}}}Bounds", {"x": _n(x), "y": _n(y), "width": _n(w), "height": _n(h)})


def _edge(plane: Any, element_id: str, points: list[tuple[float, float]]) -> None:
    edge = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNEdge", {"id": f"{element_id}_di", "bpmnElement": element_id})
    for x, y in points:
        etree.SubElement(edge, f"{{{DI}}}waypoint", {"x": _n(x), "y": _n(y)})


def _n(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


def bpmn(job: Job) -> bytes:
    from servicecommunity.exports import long_date

    snap = job.snapshot
    (journey_id,) = job.map_journey_ids(one=True)
    journey = snap.journey_by_id[journey_id]
    jm = journey_map(snap, journey_id)
    lay = jm.layout
    job.progress(0.35, "Writing the process")

    root = etree.Element(
        f"{{{MODEL}}}definitions", nsmap={None: MODEL, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}
    )
    root.set("id", ncname("Definitions", journey.id))
    root.set("targetNamespace", TARGET_NAMESPACE)
    root.set("exporter", "Service Community")
    root.set("exporterVersion", __version__)

    stages = [s for s in snap.stages if s.journey_id == journey_id]
    category = _m(root, "category", id=ncname("Category", journey.id), name="Stages")
    for s in stages:
        _m(category, "categoryValue", id=ncname("Stage", s.id), value=_clean(s.name))

    collaboration = _m(root, "collaboration", id=ncname("Collaboration", journey.id))
    marking_text = f"{snap.classification}. {journey.name}: exported {long_date(snap.today)} from Service Community."
    _doc(collaboration, " ".join([marking_text, *snap.left_out()]))
    participant_id = ncname("Participant", journey.id)
    process_id = ncname("Process", journey.id)
    _m(collaboration, "participant", id=participant_id, name=_clean(journey.name), processRef=process_id)
    marking_id = "Annotation_classification"
    marking = _m(collaboration, "textAnnotation", id=marking_id)
    _m(marking, "text").text = _clean(" ".join([marking_text, *snap.left_out()]))

    process = _m(root, "process", id=process_id, name=_clean(journey.name), isExecutable="false")
    _doc(process, "\n".join(x for x in (journey.user_need, journey.description) if x))
    lane_set = _m(process, "laneSet", id=ncname("LaneSet", journey.id))
    steps = snap.journey_steps(journey_id)
    lane_of = {s.id: (s.owner_id if s.owner_id in snap.organisations else UNASSIGNED) for s in steps}
    in_lane: dict[str, list[str]] = defaultdict(list)
    for s in steps:
        in_lane[lane_of[s.id]].append(s.id)
    lanes = [lane for lane in lay.lanes if in_lane.get(lane.key)]
    for lane in lanes:
        org = snap.organisations.get(lane.key)
        el = _m(lane_set, "lane", id=ncname("Lane", lane.key or "none"), name=_clean(org.name if org else "No owner"))
        for sid in in_lane[lane.key]:
            _m(el, "flowNodeRef").text = ncname("Task", sid)

    deps = [d for d in snap.dependencies if d.journey_id == journey_id]
    incoming: dict[str, list[str]] = defaultdict(list)
    outgoing: dict[str, list[str]] = defaultdict(list)
    for d in deps:
        outgoing[d.from_step_id].append(ncname("Flow", d.id))
        incoming[d.to_step_id].append(ncname("Flow", d.id))
    for s in steps:
        task = _m(process, "task", id=ncname("Task", s.id), name=_clean(s.title))
        facts = [f"Owner: {snap.org_name(s.owner_id) or 'no owner'}."]
        if s.channels:
            facts.append("Channels: " + ", ".join(enums.label(c).lower() for c in s.channels) + ".")
        if s.touchpoint:
            facts.append(f"Touchpoint: {s.touchpoint}.")
        if s.description:
            facts.append(s.description)
        _doc(task, " ".join(facts))
        for flow in incoming.get(s.id, ()):
            _m(task, "incoming").text = flow
        for flow in outgoing.get(s.id, ()):
            _m(task, "outgoing").text = flow
    for d in deps:
        crosses = lane_of.get(d.from_step_id) != lane_of.get(d.to_step_id)
        name = ""
        if crosses:
            name = "Hand-off" + (f" by {enums.label(d.handoff_mode).lower()}" if d.handoff_mode else "")
            if not d.agreed:
                name += " (not agreed)"
        flow = _m(process, "sequenceFlow", id=ncname("Flow", d.id), sourceRef=ncname("Task", d.from_step_id),
                  targetRef=ncname("Task", d.to_step_id))
        if name:
            flow.set("name", name)
        _doc(flow, d.note)

    job.progress(0.55, "Writing the blockers")
    open_blockers = [b for b in snap.blockers if b.is_open and (b.step_ids or b.dependency_ids)]
    dep_ids = {d.id for d in deps}
    associations: list[tuple[str, str, str]] = []  # (association id, source element, annotation)
    for b in open_blockers:
        note_id = ncname("Annotation", b.id)
        note = _m(process, "textAnnotation", id=note_id)
        text = f"Blocker ({enums.label(b.severity)}, {enums.label(b.status).lower()}): {b.title}."
        if b.sensitive:
            text = "[OFFICIAL-SENSITIVE] " + text
        if b.owner_id:
            text += f" Owner: {snap.org_label(b.owner_id)}."
        if b.due_on:
            text += f" Due {b.due_on.isoformat()}."
        _m(note, "text").text = _clean(text)
        targets = [ncname("Task", sid) for sid in b.step_ids] + [ncname("Flow", did) for did in b.dependency_ids if did in dep_ids]
        for i, target in enumerate(targets):
            associations.append((ncname("Association", b.id) + f"_{i}", target, note_id))
    for assoc_id, source, target in associations:
        _m(process, "association", id=assoc_id, sourceRef=source, targetRef=target, associationDirection="None")
    for s in stages:
        _m(process, "group", id=ncname("Group", s.id), categoryValueRef=ncname("Stage", s.id))

    # --- diagram interchange, from the map's layout
    job.progress(0.7, "Laying out the diagram")
    diagram = etree.SubElement(root, f"{{{BPMNDI}}}BPMNDiagram", {"id": ncname("Diagram", journey.id), "name": _clean(journey.name)})
    plane = etree.SubElement(diagram, f"{{{BPMNDI}}}BPMNPlane", {"id": ncname("Plane", journey.id), "bpmnElement": collaboration.get("id")})
    pool_x = LANE_HEADER_W - 2 * POOL_LABEL_W
    pool_y = STAGE_HEADER_H
    pool_w = max(lay.width - pool_x, 400.0)
    lane_boxes = {lane.key: lane.box for lane in lanes}
    if lanes:
        pool_top = min(b.y for b in lane_boxes.values())
        pool_h = sum(b.h for b in lane_boxes.values())
    else:
        pool_top, pool_h = pool_y, CARD_H + 36
    # Lanes must tile the pool: drop the empty lanes' heights and close the gaps they leave.
    shift: dict[str, float] = {}
    y = pool_top
    for lane in lanes:
        shift[lane.key] = y - lane.box.y
        y += lane.box.h
    _shape(plane, participant_id, pool_x, pool_top, pool_w, pool_h, isHorizontal="true")
    for lane in lanes:
        _shape(plane, ncname("Lane", lane.key or "none"), pool_x + POOL_LABEL_W, lane.box.y + shift[lane.key],
               pool_w - POOL_LABEL_W, lane.box.h, isHorizontal="true")
    cards = {}
    for s in steps:
        box = lay.cards.get(s.id)
        if box is None:
            continue
        cards[s.id] = (box.x, box.y + shift.get(lane_of[s.id], 0.0))
        _shape(plane, ncname("Task", s.id), box.x, cards[s.id][1], CARD_W, CARD_H)
    for d in deps:
        a, z = cards.get(d.from_step_id), cards.get(d.to_step_id)
        if a is None or z is None:
            continue
        if d.from_step_id == d.to_step_id:  # a loop: out of the top, back into the top
            x, y0 = a
            points = [(x + CARD_W * 0.7, y0), (x + CARD_W * 0.7, y0 - 12), (x + CARD_W * 0.3, y0 - 12), (x + CARD_W * 0.3, y0)]
        else:
            points = route(a[0], a[1], z[0], z[1], 0.0, 0.0)
        _edge(plane, ncname("Flow", d.id), points)
    # stage groups around their columns
    for column in lay.columns:
        _shape(plane, ncname("Group", column.stage_id), column.box.x + 3, 6, column.box.w - 6, pool_top + pool_h)
    # blocker notes under the pool, each below the first step it blocks
    below = pool_top + pool_h + 40
    stack: dict[float, int] = defaultdict(int)
    note_at: dict[str, tuple[float, float]] = {}
    for b in open_blockers:
        anchor = next((cards[s] for s in b.step_ids if s in cards), None)
        if anchor is None:
            dep = next((snap.dependency_by_id[d] for d in b.dependency_ids if d in dep_ids), None)
            anchor = cards.get(dep.to_step_id) if dep else None
        x = anchor[0] if anchor else pool_x
        k = stack[x]
        stack[x] += 1
        note_at[ncname("Annotation", b.id)] = (x, below + k * (NOTE_H + NOTE_GAP))
        _shape(plane, ncname("Annotation", b.id), x, below + k * (NOTE_H + NOTE_GAP), NOTE_W, NOTE_H)
    task_box = {ncname("Task", sid): xy for sid, xy in cards.items()}
    flow_mid = {}
    for d in deps:
        a, z = cards.get(d.from_step_id), cards.get(d.to_step_id)
        if a and z:
            flow_mid[ncname("Flow", d.id)] = ((a[0] + z[0] + CARD_W) / 2, (a[1] + z[1] + CARD_H) / 2)
    for assoc_id, source, target in associations:
        nx_, ny_ = note_at[target]
        if source in task_box:
            sx, sy = task_box[source]
            start = (sx + CARD_W / 2, sy + CARD_H)
        else:
            start = flow_mid.get(source, (nx_ + NOTE_W / 2, ny_ - 20))
        _edge(plane, assoc_id, [start, (nx_ + 12, ny_)])
    _shape(plane, marking_id, pool_x, -76, min(pool_w, 900.0), 56)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_bpmn(job: Job) -> bytes:
    return bpmn(job)
