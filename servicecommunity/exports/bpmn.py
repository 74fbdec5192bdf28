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
Written as text through :mod:`~servicecommunity.exports.xmltext` (an lxml tree of a 5,000-step journey
takes seconds); the output validates against the OMG schema (``BPMN20.xsd``), which the tests check.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from servicecommunity import __version__, enums
from servicecommunity.exports import xmltext as xt
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

_NOT_NCNAME = re.compile(r"[^A-Za-z0-9_.\-]")
POOL_LABEL_W = 30.0  # the band of a pool or lane that carries its name
NOTE_W, NOTE_H, NOTE_GAP = CARD_W, 64.0, 16.0


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def ncname(prefix: str, record_id: str) -> str:
    """An XML NCName for a record: ``Task_<uuid>`` (a UUID may start with a digit; an NCName may not)."""
    if _UUID.match(record_id):  # the usual case: nothing to replace
        return f"{prefix}_{record_id}"
    return f"{prefix}_{_NOT_NCNAME.sub('_', record_id)}"


_NUMBERS: dict[float, str] = {}


def _n(v: float) -> str:
    """A coordinate as text; the same few thousand recur, so each is formatted once."""
    out = _NUMBERS.get(v)
    if out is None:
        out = f"{v:.1f}".removesuffix(".0")
        if len(_NUMBERS) < 100_000:
            _NUMBERS[v] = out
    return out


def _doc(text: str) -> str:
    return f"<documentation>{xt.text(text)}</documentation>" if text.strip() else ""


def _shape(element_id: str, x: float, y: float, w: float, h: float, horizontal: bool = False) -> str:
    flag = ' isHorizontal="true"' if horizontal else ""
    return (
        f'<bpmndi:BPMNShape id="{element_id}_di" bpmnElement="{element_id}"{flag}>'
        f'<dc:Bounds x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"/></bpmndi:BPMNShape>'
    )


def _edge(element_id: str, points: list[tuple[float, float]]) -> str:
    n = _n
    waypoints = "".join(f'<di:waypoint x="{n(x)}" y="{n(y)}"/>' for x, y in points)
    return f'<bpmndi:BPMNEdge id="{element_id}_di" bpmnElement="{element_id}">{waypoints}</bpmndi:BPMNEdge>'


def bpmn(job: Job) -> bytes:
    from servicecommunity.exports import long_date

    snap = job.snapshot
    (journey_id,) = job.map_journey_ids(one=True)
    journey = snap.journey_by_id[journey_id]
    jm = journey_map(snap, journey_id)
    lay = jm.layout
    job.progress(0.35, "Writing the process")
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<definitions xmlns="{MODEL}" xmlns:bpmndi="{BPMNDI}" xmlns:dc="{DC}" xmlns:di="{DI}" xmlns:xsi="{XSI}" '
        f'id="{ncname("Definitions", journey.id)}" targetNamespace="{TARGET_NAMESPACE}" '
        f'exporter="Service Community" exporterVersion="{xt.attr(__version__)}">\n',
    ]
    add = out.append

    stages = [s for s in snap.stages if s.journey_id == journey_id]
    add(f'<category id="{ncname("Category", journey.id)}" name="Stages">')
    for s in stages:
        add(f'<categoryValue id="{ncname("Stage", s.id)}" value="{xt.attr(s.name)}"/>')
    add("</category>\n")

    collaboration_id = ncname("Collaboration", journey.id)
    participant_id = ncname("Participant", journey.id)
    process_id = ncname("Process", journey.id)
    marking_id = "Annotation_classification"
    marking_text = " ".join(
        [f"{snap.classification}. {journey.name}: exported {long_date(snap.today)} from Service Community.", *snap.left_out()]
    )
    add(f'<collaboration id="{collaboration_id}">{_doc(marking_text)}')
    add(f'<participant id="{participant_id}" name="{xt.attr(journey.name)}" processRef="{process_id}"/>')
    add(f'<textAnnotation id="{marking_id}"><text>{xt.text(marking_text)}</text></textAnnotation>')
    add("</collaboration>\n")

    add(f'<process id="{process_id}" name="{xt.attr(journey.name)}" isExecutable="false">')
    add(_doc("\n".join(x for x in (journey.user_need, journey.description) if x)))
    steps = snap.journey_steps(journey_id)
    task_id = {s.id: ncname("Task", s.id) for s in steps}
    lane_of = {s.id: (s.owner_id if s.owner_id in snap.organisations else UNASSIGNED) for s in steps}
    in_lane: dict[str, list[str]] = defaultdict(list)
    for s in steps:
        in_lane[lane_of[s.id]].append(s.id)
    lanes = [lane for lane in lay.lanes if in_lane.get(lane.key)]
    add(f'<laneSet id="{ncname("LaneSet", journey.id)}">')
    for lane in lanes:
        org = snap.organisations.get(lane.key)
        add(f'<lane id="{ncname("Lane", lane.key or "none")}" name="{xt.attr(org.name if org else "No owner")}">')
        out.extend(f"<flowNodeRef>{task_id[sid]}</flowNodeRef>" for sid in in_lane[lane.key])
        add("</lane>")
    add("</laneSet>\n")

    deps = [d for d in snap.dependencies if d.journey_id == journey_id and d.from_step_id in task_id and d.to_step_id in task_id]
    flow_id = {d.id: ncname("Flow", d.id) for d in deps}
    incoming: dict[str, list[str]] = defaultdict(list)
    outgoing: dict[str, list[str]] = defaultdict(list)
    for d in deps:
        outgoing[d.from_step_id].append(flow_id[d.id])
        incoming[d.to_step_id].append(flow_id[d.id])
    for s in steps:
        facts = [f"Owner: {snap.org_name(s.owner_id) or 'no owner'}."]
        if s.channels:
            facts.append("Channels: " + ", ".join(enums.label(c).lower() for c in s.channels) + ".")
        if s.touchpoint:
            facts.append(f"Touchpoint: {s.touchpoint}.")
        if s.description:
            facts.append(s.description)
        flows = "".join(f"<incoming>{f}</incoming>" for f in incoming.get(s.id, ()))
        flows += "".join(f"<outgoing>{f}</outgoing>" for f in outgoing.get(s.id, ()))
        add(f'<task id="{task_id[s.id]}" name="{xt.attr(s.title)}">{_doc(" ".join(facts))}{flows}</task>\n')
    for d in deps:
        name = ""
        if lane_of[d.from_step_id] != lane_of[d.to_step_id]:
            name = "Hand-off" + (f" by {enums.label(d.handoff_mode).lower()}" if d.handoff_mode else "")
            if not d.agreed:
                name += " (not agreed)"
            name = f' name="{name}"'
        add(
            f'<sequenceFlow id="{flow_id[d.id]}"{name} sourceRef="{task_id[d.from_step_id]}" '
            f'targetRef="{task_id[d.to_step_id]}">{_doc(d.note)}</sequenceFlow>\n'
        )

    job.progress(0.55, "Writing the blockers")
    open_blockers = [b for b in snap.blockers if b.is_open and (b.step_ids or b.dependency_ids)]
    associations: list[tuple[str, str, str]] = []  # (association id, source element, annotation)
    for b in open_blockers:
        note_id = ncname("Annotation", b.id)
        text = f"Blocker ({enums.label(b.severity)}, {enums.label(b.status).lower()}): {b.title}."
        if b.sensitive:
            text = "[OFFICIAL-SENSITIVE] " + text
        if b.owner_id:
            text += f" Owner: {snap.org_label(b.owner_id)}."
        if b.due_on:
            text += f" Due {b.due_on.isoformat()}."
        add(f'<textAnnotation id="{note_id}"><text>{xt.text(text)}</text></textAnnotation>\n')
        targets = [task_id[sid] for sid in b.step_ids if sid in task_id]
        targets += [flow_id[did] for did in b.dependency_ids if did in flow_id]
        associations += [(f"{ncname('Association', b.id)}_{i}", target, note_id) for i, target in enumerate(targets)]
    for assoc_id, source, target in associations:
        add(f'<association id="{assoc_id}" sourceRef="{source}" targetRef="{target}" associationDirection="None"/>\n')
    for s in stages:
        add(f'<group id="{ncname("Group", s.id)}" categoryValueRef="{ncname("Stage", s.id)}"/>\n')
    add("</process>\n")

    # --- diagram interchange, from the map's layout
    job.progress(0.7, "Laying out the diagram")
    add(f'<bpmndi:BPMNDiagram id="{ncname("Diagram", journey.id)}" name="{xt.attr(journey.name)}">')
    add(f'<bpmndi:BPMNPlane id="{ncname("Plane", journey.id)}" bpmnElement="{collaboration_id}">\n')
    pool_x = LANE_HEADER_W - 2 * POOL_LABEL_W
    pool_w = max(lay.width - pool_x, 400.0)
    if lanes:
        pool_top = min(lane.box.y for lane in lanes)
        pool_h = sum(lane.box.h for lane in lanes)
    else:
        pool_top, pool_h = STAGE_HEADER_H, CARD_H + 36
    # Lanes must tile the pool: leave out the empty lanes and close the gaps they leave.
    shift: dict[str, float] = {}
    y = pool_top
    for lane in lanes:
        shift[lane.key] = y - lane.box.y
        y += lane.box.h
    add(_shape(participant_id, pool_x, pool_top, pool_w, pool_h, True))
    for lane in lanes:
        add(_shape(ncname("Lane", lane.key or "none"), pool_x + POOL_LABEL_W, lane.box.y + shift[lane.key],
                   pool_w - POOL_LABEL_W, lane.box.h, True))
    cards: dict[str, tuple[float, float]] = {}
    for s in steps:
        box = lay.cards.get(s.id)
        if box is not None:
            cards[s.id] = (box.x, box.y + shift.get(lane_of[s.id], 0.0))
            add(_shape(task_id[s.id], box.x, cards[s.id][1], CARD_W, CARD_H) + "\n")
    flow_mid: dict[str, tuple[float, float]] = {}
    for d in deps:
        a, z = cards.get(d.from_step_id), cards.get(d.to_step_id)
        if a is None or z is None:
            continue
        flow_mid[flow_id[d.id]] = ((a[0] + z[0] + CARD_W) / 2, (a[1] + z[1] + CARD_H) / 2)
        if d.from_step_id == d.to_step_id:  # a loop: out of the top, back into the top
            x, y0 = a
            points = [(x + CARD_W * 0.7, y0), (x + CARD_W * 0.7, y0 - 12), (x + CARD_W * 0.3, y0 - 12), (x + CARD_W * 0.3, y0)]
        else:
            points = route(a[0], a[1], z[0], z[1], 0.0, 0.0)
        add(_edge(flow_id[d.id], points) + "\n")
    for column in lay.columns:  # stage groups around their columns
        add(_shape(ncname("Group", column.stage_id), column.box.x + 3, 6, column.box.w - 6, pool_top + pool_h))
    # blocker notes under the pool, each below the first step it blocks
    below = pool_top + pool_h + 40
    stack: dict[float, int] = defaultdict(int)
    note_at: dict[str, tuple[float, float]] = {}
    for b in open_blockers:
        anchor = next((cards[s] for s in b.step_ids if s in cards), None)
        if anchor is None:
            dep = next((snap.dependency_by_id[d] for d in b.dependency_ids if d in flow_id), None)
            anchor = cards.get(dep.to_step_id) if dep else None
        x = anchor[0] if anchor else pool_x
        note_y = below + stack[x] * (NOTE_H + NOTE_GAP)
        stack[x] += 1
        note_id = ncname("Annotation", b.id)
        note_at[note_id] = (x, note_y)
        add(_shape(note_id, x, note_y, NOTE_W, NOTE_H) + "\n")
    task_box = {task_id[sid]: xy for sid, xy in cards.items()}
    for assoc_id, source, target in associations:
        nx_, ny_ = note_at[target]
        if source in task_box:
            sx, sy = task_box[source]
            start = (sx + CARD_W / 2, sy + CARD_H)
        else:
            start = flow_mid.get(source, (nx_ + NOTE_W / 2, ny_ - 20))
        add(_edge(assoc_id, [start, (nx_ + 12, ny_)]) + "\n")
    add(_shape(marking_id, pool_x, -76, min(pool_w, 900.0), 56))
    add("</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</definitions>\n")
    return "".join(out).encode("utf-8")


def export_bpmn(job: Job) -> bytes:
    return bpmn(job)
