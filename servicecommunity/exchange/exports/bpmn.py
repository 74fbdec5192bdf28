"""BPMN 2.0 XML of one journey, with diagram interchange laid out like the map.

One pool (participant) for the journey with a lane per organisation that owns steps; each step is
a task in its owner's lane; each dependency is a sequence flow; each open blocker is a text
annotation joined by associations to the steps and flows it blocks; each stage is a group around
its column (a category value names it). The classification is in the collaboration's
documentation and in a text annotation above the pool, so it shows in bpmn.io and Camunda Modeler.

The diagram (``bpmndi:BPMNDiagram``, without which bpmn.io refuses the file) uses the map's own
geometry from :mod:`servicecommunity.analysis.layout`: tasks at their cards, lanes at their swimlanes, stage
groups at their columns; blocker annotations sit under the pool below the first step they block.
Ids are NCNames: a record's UUID can start with a digit, so every id has a prefix (``Task_…``).
Written as text through :mod:`~servicecommunity.exchange.exports.xmltext` (an lxml tree of a 5,000-step journey
takes seconds); the output validates against the OMG schema (``BPMN20.xsd``), which the tests check.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from servicecommunity import __version__
from servicecommunity.analysis.layout import (
    CARD_H,
    CARD_W,
    LANE_HEADER_W,
    STAGE_HEADER_H,
    UNASSIGNED,
)
from servicecommunity.domain import enums
from servicecommunity.exchange.exports import xmltext as xt
from servicecommunity.exchange.exports.mapview import journey_layout
from servicecommunity.exchange.exports.poster import route

if TYPE_CHECKING:
    from servicecommunity.exchange.exports import Job

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TARGET_NAMESPACE = "https://servicecommunity.example/bpmn"

_NOT_NCNAME = re.compile(r"[^A-Za-z0-9_.\-]")
POOL_LABEL_W = 30.0  # the band of a pool or lane that carries its name
NOTE_W, NOTE_H, NOTE_GAP = CARD_W, 64.0, 16.0
# bpmn.io writes a note's text about 28 characters a line, 15 px a line, in a note this wide
NOTE_CHARS_PER_LINE, NOTE_LINE_H = 28, 15.0
STAGE_LABEL_H = 30.0  # the band at the top of a stage's group that holds its name


def _id_part(record_id: str) -> str:
    """A record's id as the part of an NCName after its prefix: non-NCName characters replaced."""
    if not _NOT_NCNAME.search(record_id):  # the usual case (a UUID): nothing to replace
        return record_id
    return _NOT_NCNAME.sub("_", record_id)


def ncname(prefix: str, record_id: str) -> str:
    """An XML NCName for a record: ``Task_<uuid>`` (a UUID may start with a digit; an NCName may not)."""
    return f"{prefix}_{_id_part(record_id)}"


class _Numbers(dict[float, str]):
    """Coordinates as text, ``_NUMBERS[v]``: one decimal, without a trailing ``.0``.

    The same few thousand recur, so each is formatted once; the hot loops subscript the dict
    (``__missing__`` formats a new one) rather than call a function for each of some 300,000.
    """

    def __missing__(self, v: float) -> str:
        out = f"{v:.1f}".removesuffix(".0")
        if len(self) < 100_000:
            self[v] = out
        return out


_NUMBERS = _Numbers()


# The texts made of enumerated values (channels, hand-off modes, severities, statuses) are made once
# per combination: tens of thousands of enums.label calls otherwise, on a handful of values.


@lru_cache(maxsize=1024)
def _channels_fact(channels: tuple[str, ...]) -> str:
    return "Channels: " + ", ".join([enums.label(c).lower() for c in channels]) + "."


@lru_cache(maxsize=256)
def _handoff_name(handoff_mode: str | None, agreed: bool) -> str:
    """The name attribute of a sequence flow between lanes."""
    name = "Hand-off" + (f" by {enums.label(handoff_mode).lower()}" if handoff_mode else "")
    if not agreed:
        name += " (not agreed)"
    return f' name="{name}"'


@lru_cache(maxsize=256)
def _blocker_head(severity: str, status: str) -> str:
    return f"Blocker ({enums.label(severity)}, {enums.label(status).lower()}): "


def _doc(text: str) -> str:
    return f"<documentation>{xt.text(text)}</documentation>" if text.strip() else ""


def _shape(element_id: str, x: float, y: float, w: float, h: float, horizontal: bool = False, end: str = "",
           label: tuple[float, float, float, float] | None = None) -> str:
    """A shape's DI; ``label`` is the box its name is written in (x, y, width, height), if not the default."""
    flag = ' isHorizontal="true"' if horizontal else ""
    n = _NUMBERS
    named = ""
    if label is not None:
        lx, ly, lw, lh = label
        named = f'<bpmndi:BPMNLabel><dc:Bounds x="{n[lx]}" y="{n[ly]}" width="{n[lw]}" height="{n[lh]}"/></bpmndi:BPMNLabel>'
    return (
        f'<bpmndi:BPMNShape id="{element_id}_di" bpmnElement="{element_id}"{flag}>'
        f'<dc:Bounds x="{n[x]}" y="{n[y]}" width="{n[w]}" height="{n[h]}"/>{named}</bpmndi:BPMNShape>{end}'
    )


def _note_height(text: str) -> float:
    """How tall a blocker's note must be for bpmn.io to show all its text inside it."""
    lines = -(-len(text) // NOTE_CHARS_PER_LINE)
    return max(NOTE_H, lines * NOTE_LINE_H + 12)


def _waypoint(x: float, y: float) -> str:
    n = _NUMBERS
    return f'<di:waypoint x="{n[x]}" y="{n[y]}"/>'


def _edge_of(element_id: str, waypoints: str) -> str:
    """An edge (with its line break) from its waypoints' XML."""
    return f'<bpmndi:BPMNEdge id="{element_id}_di" bpmnElement="{element_id}">{waypoints}</bpmndi:BPMNEdge>\n'


def _edge(element_id: str, points: list[tuple[float, float]]) -> str:
    """An edge through ``points``, with its line break."""
    if len(points) == 2:  # most edges: a straight line, written without a join or a call per point
        n = _NUMBERS
        (x1, y1), (x2, y2) = points
        return _edge_of(element_id, f'<di:waypoint x="{n[x1]}" y="{n[y1]}"/><di:waypoint x="{n[x2]}" y="{n[y2]}"/>')
    return _edge_of(element_id, "".join([_waypoint(x, y) for x, y in points]))


def _encoded(parts: list[str]) -> bytes:
    """``"".join(parts).encode("utf-8")``, without the whole text as one string first.

    A 5,000-step journey's file is 30 MB: joining it and then encoding it writes two buffers that
    size into fresh memory, and the page faults cost more than the copying. Joined and encoded a
    few hundred parts at a time, the pieces are small enough for the allocator to reuse their
    memory, and only the result is fresh.
    """
    return b"".join(["".join(parts[i : i + 256]).encode("utf-8") for i in range(0, len(parts), 256)])


def bpmn(job: Job) -> bytes:
    from servicecommunity.exchange.exports import long_date

    snap = job.snapshot
    (journey_id,) = job.map_journey_ids(one=True)
    journey = snap.journey_by_id[journey_id]
    lay = journey_layout(snap, journey_id)
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
        out.extend([f"<flowNodeRef>{task_id[sid]}</flowNodeRef>" for sid in in_lane[lane.key]])
        add("</lane>")
    add("</laneSet>\n")

    deps = [d for d in snap.dependencies if d.journey_id == journey_id and d.from_step_id in task_id and d.to_step_id in task_id]
    flow_id = {d.id: ncname("Flow", d.id) for d in deps}
    # Each task's <incoming>/<outgoing> elements, made once per flow rather than joined per task.
    incoming: dict[str, list[str]] = defaultdict(list)
    outgoing: dict[str, list[str]] = defaultdict(list)
    for d in deps:
        fid = flow_id[d.id]
        outgoing[d.from_step_id].append(f"<outgoing>{fid}</outgoing>")
        incoming[d.to_step_id].append(f"<incoming>{fid}</incoming>")
    no_flows: list[str] = []
    for s in steps:
        facts = f"Owner: {snap.org_name(s.owner_id) or 'no owner'}."
        if s.channels:
            facts += " " + _channels_fact(tuple(s.channels))
        if s.touchpoint:
            facts += f" Touchpoint: {s.touchpoint}."
        if s.description:
            facts += " " + s.description
        flows = "".join(incoming.get(s.id, no_flows) + outgoing.get(s.id, no_flows))
        # facts starts with the owner, so it is never blank: the documentation is always there.
        add(
            f'<task id="{task_id[s.id]}" name="{xt.attr(s.title)}"><documentation>{xt.text(facts)}</documentation>'
            f"{flows}</task>\n"
        )
    for d in deps:
        name = _handoff_name(d.handoff_mode, d.agreed) if lane_of[d.from_step_id] != lane_of[d.to_step_id] else ""
        add(
            f'<sequenceFlow id="{flow_id[d.id]}"{name} sourceRef="{task_id[d.from_step_id]}" '
            f'targetRef="{task_id[d.to_step_id]}">{_doc(d.note)}</sequenceFlow>\n'
        )

    job.progress(0.55, "Writing the blockers")
    open_blockers = [b for b in snap.blockers if b.is_open and (b.step_ids or b.dependency_ids)]
    note_ids: list[str] = []  # each open blocker's annotation, in the same order
    note_h: list[float] = []  # and its height
    associations: list[tuple[str, str, str]] = []  # (association id, source element, annotation)
    for b in open_blockers:
        id_part = _id_part(b.id)
        note_id = f"Annotation_{id_part}"
        note_ids.append(note_id)
        text = f"{_blocker_head(b.severity, b.status)}{b.title}."
        if b.sensitive:
            text = "[OFFICIAL-SENSITIVE] " + text
        if b.owner_id:
            text += f" Owner: {snap.org_label(b.owner_id)}."
        if b.due_on:
            text += f" Due {b.due_on.isoformat()}."
        note_h.append(_note_height(text))
        add(f'<textAnnotation id="{note_id}"><text>{xt.text(text)}</text></textAnnotation>\n')
        targets = [task_id[sid] for sid in b.step_ids if sid in task_id]
        targets += [flow_id[did] for did in b.dependency_ids if did in flow_id]
        associations += [(f"Association_{id_part}_{i}", target, note_id) for i, target in enumerate(targets)]
    out.extend(
        [
            f'<association id="{assoc_id}" sourceRef="{source}" targetRef="{target}" associationDirection="None"/>\n'
            for assoc_id, source, target in associations
        ]
    )
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
            card_y = box.y + shift.get(lane_of[s.id], 0.0)
            cards[s.id] = (box.x, card_y)
            add(_shape(task_id[s.id], box.x, card_y, CARD_W, CARD_H, end="\n"))
    flow_mid: dict[str, tuple[float, float]] = {}
    for d in deps:
        a, z = cards.get(d.from_step_id), cards.get(d.to_step_id)
        if a is None or z is None:
            continue
        fid = flow_id[d.id]
        flow_mid[fid] = ((a[0] + z[0] + CARD_W) / 2, (a[1] + z[1] + CARD_H) / 2)
        if d.from_step_id == d.to_step_id:  # a loop: out of the top, back into the top
            x, y0 = a
            points = [(x + CARD_W * 0.7, y0), (x + CARD_W * 0.7, y0 - 12), (x + CARD_W * 0.3, y0 - 12), (x + CARD_W * 0.3, y0)]
        else:
            points = route(a[0], a[1], z[0], z[1], 0.0, 0.0)
        add(_edge(fid, points))
    for column in lay.columns:  # stage groups around their columns, each named across its top
        gx, gw = column.box.x + 3, column.box.w - 6
        add(_shape(ncname("Group", column.stage_id), gx, 6, gw, pool_top + pool_h, label=(gx + 4, 8, gw - 8, STAGE_LABEL_H)))
    # blocker notes under the pool, each below the first step it blocks
    below = pool_top + pool_h + 40
    stack: dict[float, float] = defaultdict(float)  # how far down each column of notes reaches
    note_at: dict[str, tuple[float, float]] = {}
    note_end: dict[str, str] = {}  # where the note's associations end: its top, near the left
    for b, note_id, height in zip(open_blockers, note_ids, note_h, strict=True):
        anchor = next((cards[s] for s in b.step_ids if s in cards), None)
        if anchor is None:
            dep = next((snap.dependency_by_id[d] for d in b.dependency_ids if d in flow_id), None)
            anchor = cards.get(dep.to_step_id) if dep else None
        x = anchor[0] if anchor else pool_x
        note_y = below + stack[x]
        stack[x] += height + NOTE_GAP
        note_at[note_id] = (x, note_y)
        note_end[note_id] = _waypoint(x + 12, note_y)
        add(_shape(note_id, x, note_y, NOTE_W, height, end="\n"))
    task_box = {task_id[sid]: xy for sid, xy in cards.items()}
    starts: dict[str, str] = {}  # a drawn task's or flow's start waypoint, shared by all its associations
    for assoc_id, source, target in associations:
        start = starts.get(source)
        if start is None:
            if source in task_box:
                sx, sy = task_box[source]
                start = starts[source] = _waypoint(sx + CARD_W / 2, sy + CARD_H)
            elif source in flow_mid:
                start = starts[source] = _waypoint(*flow_mid[source])
            else:  # not drawn: start just above the note
                nx_, ny_ = note_at[target]
                start = _waypoint(nx_ + NOTE_W / 2, ny_ - 20)
        add(_edge_of(assoc_id, start + note_end[target]))
    add(_shape(marking_id, pool_x, -76, min(pool_w, 900.0), 56))
    add("</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</definitions>\n")
    return _encoded(out)


def export_bpmn(job: Job) -> bytes:
    return bpmn(job)
