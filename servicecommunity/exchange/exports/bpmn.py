"""BPMN 2.0 XML of one journey, with diagram interchange laid out like the map.

One pool (participant) for the journey with a lane per organisation that owns steps; each step is
a task in its owner's lane; each dependency is a sequence flow; each open blocker is a text
annotation joined by associations to the steps and flows it blocks; each stage is a group around
its column (a category value names it). The classification is in the collaboration's
documentation and in a text annotation above the pool, so it shows in bpmn.io and Camunda Modeler.

The process reads as modellers expect (bpmnlint's recommended rules find no error): one start
event before the journey's first steps, an end event after each step that leads nowhere, and
gateways wherever the journey splits or joins, so no task has more than one flow in or out:

- a step with several ways on splits at a **parallel** gateway (they all happen), unless some are
  *alternatives* (README: "either/or") or rework loops back: then an **exclusive** gateway chooses
  between each alternative, each loop back, and the step's other ways on (which, if several,
  then split at a parallel gateway);
- a step reached several ways joins them at a gateway chosen from the routes: **exclusive** when
  no two can both arrive (they lie on different alternatives of one choice), **parallel** when
  they all arrive whenever one does, **inclusive** otherwise (some routes bring only some);
  a rework loop back into a step merges at an exclusive gateway just before it.

Only a hand-off between organisations has a label on its flow: its mode ("Email"); whether it is
agreed, and the dependency's note, are in the flow's documentation.

The diagram (``bpmndi:BPMNDiagram``, without which bpmn.io refuses the file) keeps the map's
columns: tasks at their cards' x, in their owner's lane, in the map's rows. Each row of cards gets
bands above and below it: a band of tracks where flows run across, the gateways that join into
each task, then the task, the gateways that split after it (or its end event), then the notes of
the blockers on it. Flows are orthogonal and run only in the tracks and in the gaps between the
map's card columns (which no card ever occupies), so no flow passes through a task.
Ids are NCNames: a record's UUID can start with a digit, so every id has a prefix (``Task_…``).
Written as text through :mod:`~servicecommunity.exchange.exports.xmltext` (an lxml tree of a 5,000-step journey
takes seconds); the output validates against the OMG schema (``BPMN20.xsd``), which the tests check.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

from servicecommunity import __version__
from servicecommunity.analysis.layout import (
    CARD_H,
    CARD_W,
    GAP,
    LANE_HEADER_W,
    STAGE_HEADER_H,
    UNASSIGNED,
)
from servicecommunity.domain import enums
from servicecommunity.exchange.exports import xmltext as xt
from servicecommunity.exchange.exports.mapview import journey_layout
from servicecommunity.i18n import get_language, gettext

if TYPE_CHECKING:
    from datetime import date

    from servicecommunity.exchange.exports import Job
    from servicecommunity.exchange.exports.snapshot import XDependency

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TARGET_NAMESPACE = "https://servicecommunity.example/bpmn"

_NOT_NCNAME = re.compile(r"[^A-Za-z0-9_.\-]")
POOL_LABEL_W = 30.0  # the band of a pool or lane that carries its name
NOTE_INSET = 12.0  # a note starts this far right of its task's left edge; its associations run there
NOTE_W, NOTE_H, NOTE_GAP = CARD_W - NOTE_INSET, 64.0, 12.0
# bpmn.io writes a note's text about 26 characters a line, 15 px a line, in a note this wide
NOTE_CHARS_PER_LINE, NOTE_LINE_H = 26, 15.0
# The bands of each row of cards, top to bottom: tracks (flows across), joins, the cards, splits, notes.
TRACK_H, JOIN_H, SPLIT_H, LANE_PAD = 44.0, 56.0, 70.0, 8.0
TRACKS, TRACK_STEP = 6, 4.0  # tracks in a band, and their spacing
GATE = 36.0  # a gateway's or an event's size
PAIR = 35.0  # two gateways side by side: each this far from the task's centre
FIRST_SHIFT = 45.0  # the merge before a first step sits this far right, clear of the start event
LABEL_W, LABEL_H = 86.0, 14.0
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


# The facts below are cached per language (the export's, passed in so that a Welsh and an English
# export never share an entry); each sentence is whole in the catalogue.
@lru_cache(maxsize=1024)
def _channels_fact(channels: tuple[str, ...], lang: str = "en") -> str:
    return gettext("Channels: {channels}.").format(channels=", ".join([gettext(enums.label(c)).lower() for c in channels]))


@lru_cache(maxsize=256)
def _handoff_fact(handoff_mode: str | None, agreed: bool, kind: str, lang: str = "en") -> str:
    """What a dependency's flow documents besides its note: how the hand-off goes, whether agreed."""
    facts = []
    if handoff_mode:
        mode = gettext(enums.label(handoff_mode)).lower()
        facts.append((gettext("Hand-off by {mode}.") if agreed else gettext("Hand-off by {mode}, not agreed.")).format(mode=mode))
    elif not agreed:
        facts.append(gettext("Not agreed."))
    if kind == "alternative":
        facts.append(gettext("An alternative: this way or the step's other ways on, never both."))
    return " ".join(facts)


@lru_cache(maxsize=64)
def _mode_label(handoff_mode: str) -> str:
    return enums.label(handoff_mode)


@lru_cache(maxsize=256)
def _blocker_head(severity: str, status: str, lang: str = "en") -> str:
    return gettext("Blocker ({severity}, {status}): ").format(
        severity=gettext(enums.label(severity)), status=gettext(enums.label(status)).lower())


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


def _edge(element_id: str, points: list[tuple[float, float]], label: tuple[float, float, float, float] | None = None) -> str:
    """An edge through ``points``, with its line break; ``label`` is the box its name is written in."""
    n = _NUMBERS
    k = len(points)
    # the usual lengths written in one piece each (a straight line; an association's elbow; a
    # dependency's route), the rest joined: some 50,000 edges in a big journey
    if k == 2:
        (x1, y1), (x2, y2) = points
        way = f'<di:waypoint x="{n[x1]}" y="{n[y1]}"/><di:waypoint x="{n[x2]}" y="{n[y2]}"/>'
    elif k == 3:
        (x1, y1), (x2, y2), (x3, y3) = points
        way = (f'<di:waypoint x="{n[x1]}" y="{n[y1]}"/><di:waypoint x="{n[x2]}" y="{n[y2]}"/>'
               f'<di:waypoint x="{n[x3]}" y="{n[y3]}"/>')
    elif k == 5:
        (x1, y1), (x2, y2), (x3, y3), (x4, y4), (x5, y5) = points
        way = (f'<di:waypoint x="{n[x1]}" y="{n[y1]}"/><di:waypoint x="{n[x2]}" y="{n[y2]}"/>'
               f'<di:waypoint x="{n[x3]}" y="{n[y3]}"/><di:waypoint x="{n[x4]}" y="{n[y4]}"/>'
               f'<di:waypoint x="{n[x5]}" y="{n[y5]}"/>')
    else:
        way = "".join([f'<di:waypoint x="{n[x]}" y="{n[y]}"/>' for x, y in points])
    if label is not None:
        lx, ly, lw, lh = label
        way += f'<bpmndi:BPMNLabel><dc:Bounds x="{n[lx]}" y="{n[ly]}" width="{n[lw]}" height="{n[lh]}"/></bpmndi:BPMNLabel>'
    return f'<bpmndi:BPMNEdge id="{element_id}_di" bpmnElement="{element_id}">{way}</bpmndi:BPMNEdge>\n'


def _encoded(parts: list[str]) -> bytes:
    """``"".join(parts).encode("utf-8")``, without the whole text as one string first.

    A 5,000-step journey's file is 30 MB: joining it and then encoding it writes two buffers that
    size into fresh memory, and the page faults cost more than the copying. Joined and encoded a
    few hundred parts at a time, the pieces are small enough for the allocator to reuse their
    memory, and only the result is fresh.
    """
    return b"".join(["".join(parts[i : i + 256]).encode("utf-8") for i in range(0, len(parts), 256)])


Point = tuple[float, float]


@dataclass(slots=True)
class _Node:
    """A flow node: a task, an event or a gateway, with its shape once laid out."""

    id: str
    tag: str  # task, startEvent, endEvent, exclusiveGateway, parallelGateway, inclusiveGateway
    name: str = ""
    direction: str = ""  # a gateway's: Diverging or Converging
    x: float = 0.0
    y: float = 0.0
    w: float = GATE
    h: float = GATE
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(slots=True)
class _Flow:
    id: str
    source: str  # node ids
    target: str
    role: str  # dependency, split (a task into its split), pair (between two gateways side by side),
    # join (a join into its task), end (a task into its end), start (the start into a first step)
    name: str = ""
    doc: str = ""
    points: list[Point] = field(default_factory=list)
    label: tuple[float, float, float, float] | None = None


@dataclass(slots=True)
class _Step:
    """A step's task and the nodes drawn with it."""

    task: _Node
    lane: str
    splits: list[_Node] = field(default_factory=list)  # below the task, left to right: the task flows into the first
    joins: list[_Node] = field(default_factory=list)  # above it, left to right: the last flows into the task
    end: _Node | None = None
    row: tuple[str, int] = ("", 0)  # (lane key, row of cards in the lane)
    track: int = 0  # which track of its row the flows into it run along


def _back_edges(step_ids: list[str], out: dict[str, list[XDependency]]) -> set[str]:
    """The dependencies that close a cycle, found depth first in journey order: the rework loops."""
    state: dict[str, int] = {}  # 1 while on the path, 2 when done
    back: set[str] = set()
    for root in step_ids:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out.get(root, ())))]
        while stack:
            node, todo = stack[-1]
            for d in todo:
                seen = state.get(d.to_step_id)
                if seen is None:
                    state[d.to_step_id] = 1
                    stack.append((d.to_step_id, iter(out.get(d.to_step_id, ()))))
                    break
                if seen == 1:
                    back.add(d.id)
            else:
                state[node] = 2
                stack.pop()
    return back


Guard = frozenset[tuple[str, int]]  # the choices (exclusive split, branch) every route to a point makes
_NO_GUARD: Guard = frozenset()


def _edge_guards(step_ids: list[str], fwd_in: dict[str, list[XDependency]], fwd_out: dict[str, list[XDependency]],
                 branch: dict[str, int]) -> dict[str, Guard]:
    """Each forward dependency's guard: the choices made on every route that reaches it.

    A step's guard is what all the routes into it agree on; a dependency out of an exclusive split
    adds the branch it is. Forward dependencies (no loops back) form no cycle, so one pass in
    topological order settles them all.
    """
    waiting = {s: len(fwd_in.get(s, ())) for s in step_ids}
    ready = [s for s in step_ids if not waiting[s]]
    guards: dict[str, Guard] = {}
    while ready:
        s = ready.pop()
        ins = fwd_in.get(s)
        if not ins:
            g = _NO_GUARD
        elif len(ins) == 1:  # the usual case: the one route's guard
            g = guards[ins[0].id]
        else:
            g = guards[ins[0].id].intersection(*[guards[d.id] for d in ins[1:]])
        for d in fwd_out.get(s, ()):
            b = branch.get(d.id)
            guards[d.id] = g | {(s, b)} if b is not None else g
            waiting[d.to_step_id] -= 1
            if not waiting[d.to_step_id]:
                ready.append(d.to_step_id)
    return guards


def _exclusive(a: Guard, b: Guard) -> bool:
    """Whether two routes can never both be taken: they took different branches of one choice."""
    chose = {split for split, _ in a - b}
    return any(split in chose for split, _ in b - a)


def _join_tag(guards: list[Guard]) -> str:
    if all(g == guards[0] for g in guards):
        return "parallelGateway"
    if all(_exclusive(a, b) for a, b in combinations(guards, 2)):
        return "exclusiveGateway"
    return "inclusiveGateway"


def _simplified(points: list[Point]) -> list[Point]:
    """The points without repeats or points in the middle of a straight run."""
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (x0 == x1 == p[0]) or (y0 == y1 == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out


def _label_shape(element_id: str, node: _Node, above: bool) -> str:
    ly = node.y - LABEL_H - 2 if above else node.y + node.h + 2
    return _shape(element_id, node.x, node.y, node.w, node.h, label=(node.cx - LABEL_W / 2, ly, LABEL_W, LABEL_H))


def bpmn(job: Job) -> bytes:
    from servicecommunity.exchange.exports import long_date

    snap = job.snapshot
    (journey_id,) = job.map_journey_ids(one=True)
    journey = snap.journey_by_id[journey_id]
    lay = journey_layout(snap, journey_id)
    job.progress(0.3, gettext("Working out where the journey splits and joins"))
    steps = [s for s in snap.journey_steps(journey_id) if s.id in lay.cards]
    step_ids = [s.id for s in steps]
    part_of = {s.id: _id_part(s.id) for s in steps}  # each step's id as the tail of its elements' ids
    task_id = {sid: f"Task_{part}" for sid, part in part_of.items()}
    lane_of = {s.id: (s.owner_id if s.owner_id in snap.organisations else UNASSIGNED) for s in steps}

    # --- the process's structure ------------------------------------------------------------
    all_deps = [d for d in snap.dependencies if d.journey_id == journey_id and d.from_step_id in task_id and d.to_step_id in task_id]
    flow_id: dict[str, str] = {}  # every dependency's flow (two between the same steps share one)
    deps: list[XDependency] = []  # one per pair of steps
    pair_flow: dict[tuple[str, str], str] = {}
    for d in all_deps:
        key = (d.from_step_id, d.to_step_id)
        if key in pair_flow:
            flow_id[d.id] = pair_flow[key]
        else:
            flow_id[d.id] = pair_flow[key] = f"Flow_{_id_part(d.id)}"  # (ncname, inline)
            deps.append(d)
    out_deps: dict[str, list[XDependency]] = defaultdict(list)
    for d in deps:
        out_deps[d.from_step_id].append(d)
    back = _back_edges(step_ids, out_deps)
    fwd_in: dict[str, list[XDependency]] = defaultdict(list)
    fwd_out: dict[str, list[XDependency]] = defaultdict(list)
    back_in: dict[str, list[XDependency]] = defaultdict(list)
    for d in deps:
        if d.id in back:
            back_in[d.to_step_id].append(d)
        else:
            fwd_in[d.to_step_id].append(d)
            fwd_out[d.from_step_id].append(d)

    nodes: dict[str, _Node] = {}
    flows: list[_Flow] = []
    info: dict[str, _Step] = {}
    for s in steps:
        node = nodes[task_id[s.id]] = _Node(task_id[s.id], "task", s.title, w=CARD_W, h=CARD_H)
        info[s.id] = _Step(node, lane_of[s.id])

    def gate(gate_id: str, tag: str, direction: str, name: str = "") -> _Node:
        node = nodes[gate_id] = _Node(gate_id, tag, name, direction)
        return node

    def connect(fid: str, source: _Node, target: _Node, role: str, name: str = "", doc: str = "") -> _Flow:
        flow = _Flow(fid, source.id, target.id, role, name, doc)
        source.outgoing.append(fid)
        target.incoming.append(fid)
        flows.append(flow)
        return flow

    # splits: what each dependency leaves from
    leaves: dict[str, _Node] = {}  # dependency id -> the node its flow starts at
    branch: dict[str, int] = {}  # dependency id -> its branch of its step's exclusive split
    for s in steps:
        outs = out_deps.get(s.id, [])
        here = info[s.id]
        if len(outs) < 2:
            for d in outs:
                leaves[d.id] = here.task
            continue
        part = part_of[s.id]
        either = [d for d in outs if d.kind == "alternative" or d.id in back]
        rest = [d for d in outs if not (d.kind == "alternative" or d.id in back)]
        if either:
            loops_only = all(d.id in back for d in either) and not any(d.kind == "alternative" for d in either)
            xor = gate(f"Gateway_either_{part}", "exclusiveGateway", "Diverging", gettext("Back or on?") if loops_only else gettext("Either / or"))
            here.splits.append(xor)
            for i, d in enumerate(either, start=1):
                leaves[d.id], branch[d.id] = xor, i
            if len(rest) >= 2:
                fork = gate(f"Gateway_fork_{part}", "parallelGateway", "Diverging")
                here.splits.append(fork)
                connect(f"Flow_fork_{part}", xor, fork, "pair")
                for d in rest:
                    leaves[d.id], branch[d.id] = fork, 0
            else:
                for d in rest:
                    leaves[d.id], branch[d.id] = xor, 0
        else:
            fork = gate(f"Gateway_fork_{part}", "parallelGateway", "Diverging")
            here.splits.append(fork)
            for d in outs:
                leaves[d.id] = fork
        connect(f"Flow_split_{part}", here.task, here.splits[0], "split")
    guards = _edge_guards(step_ids, fwd_in, fwd_out, branch)

    # joins: what each dependency arrives at; the start event before the first steps
    sources = [s.id for s in steps if not fwd_in.get(s.id)]
    start = _Node(ncname("StartEvent", journey.id), "startEvent", gettext("Start"))
    nodes[start.id] = start
    opener: _Node = start  # what flows into the first steps
    if len(sources) >= 2:
        opener = gate(ncname("Gateway_start", journey.id), "parallelGateway", "Diverging")
        connect(ncname("Flow_start", journey.id), start, opener, "pair")
    arrives: dict[str, _Node] = {}  # dependency id -> the node its flow ends at
    entry: dict[str, _Node] = {}  # step id -> the node the start's flow into it ends at, for a first step
    for s in steps:
        here = info[s.id]
        part = part_of[s.id]
        ins, loops = fwd_in.get(s.id, []), back_in.get(s.id, [])
        joined: _Node | None = None
        if len(ins) >= 2:
            joined = gate(f"Gateway_join_{part}", _join_tag([guards[d.id] for d in ins]), "Converging")
            here.joins.append(joined)
            for d in ins:
                arrives[d.id] = joined
        if loops:
            merge = gate(f"Gateway_merge_{part}", "exclusiveGateway", "Converging")
            here.joins.append(merge)
            for d in loops:
                arrives[d.id] = merge
            if joined is not None:
                connect(f"Flow_merge_{part}", joined, merge, "pair")
            for d in ins:
                arrives.setdefault(d.id, merge)
        for d in ins:
            arrives.setdefault(d.id, here.task)
        if here.joins:
            connect(f"Flow_join_{part}", here.joins[-1], here.task, "join")
        if not ins:  # a first step: the start flows into it
            entry[s.id] = here.joins[-1] if here.joins else here.task
    if steps:
        for sid in sources:
            connect(f"Flow_start_{part_of[sid]}", opener, entry[sid], "start")
    for s in steps:
        here = info[s.id]
        if not out_deps.get(s.id):
            part = part_of[s.id]
            here.end = _Node(f"EndEvent_{part}", "endEvent", gettext("End"))
            nodes[here.end.id] = here.end
            connect(f"Flow_end_{part}", here.task, here.end, "end")
    if not steps:  # nothing to do: the journey starts and ends
        end = _Node(ncname("EndEvent", journey.id), "endEvent", gettext("End"))
        nodes[end.id] = end
        connect(ncname("Flow_empty", journey.id), start, end, "pair")
    add_flow = flows.append
    for d in deps:  # (connect's work, inline: one flow a dependency, 15,000 in a big journey)
        mode = d.handoff_mode
        name = gettext(_mode_label(mode)) if mode and lane_of[d.from_step_id] != lane_of[d.to_step_id] else ""
        fact, note = _handoff_fact(mode, d.agreed, d.kind, get_language()), d.note.strip()
        doc = f"{fact} {note}" if fact and note else fact or note
        fid, leave, arrive = flow_id[d.id], leaves[d.id], arrives[d.id]
        leave.outgoing.append(fid)
        arrive.incoming.append(fid)
        add_flow(_Flow(fid, leave.id, arrive.id, "dependency", name, doc))

    # --- blockers ---------------------------------------------------------------------------
    job.progress(0.5, gettext("Writing the blockers"))
    open_blockers = [b for b in snap.blockers if b.is_open and (b.step_ids or b.dependency_ids)]
    # (id part, text, height, anchor step, targets): the note is Annotation_<part>, its links Association_<part>_<i>
    notes: list[tuple[str, str, float, str | None, list[str]]] = []
    stack_h: dict[str, float] = defaultdict(float)  # how tall the notes under each step are
    # the texts a few values make, made once each: thousands of blockers share a few owners and days
    owner_text: dict[str, str] = {}
    due_text: dict[date, str] = {}
    for b in open_blockers:
        text = f"{_blocker_head(b.severity, b.status, get_language())}{b.title}."
        if b.sensitive:
            text = "[OFFICIAL-SENSITIVE] " + text
        if b.owner_id:
            owner = owner_text.get(b.owner_id)
            if owner is None:
                owner = owner_text[b.owner_id] = " " + gettext("Owner: {owner}.").format(owner=snap.org_label(b.owner_id))
            text += owner
        if b.due_on:
            due = due_text.get(b.due_on)
            if due is None:
                due = due_text[b.due_on] = " " + gettext("Due {date}.").format(date=b.due_on.isoformat())
            text += due
        sids, dids = b.step_ids, b.dependency_ids
        if len(sids) == 1 and not dids and sids[0] in task_id:  # the usual blocker: on one step
            anchor = sids[0]
            targets = [task_id[anchor]]
        else:
            on_steps = [sid for sid in sids if sid in task_id]
            on_flows = [did for did in dids if did in flow_id]
            targets = [task_id[sid] for sid in on_steps] + [flow_id[did] for did in on_flows]
            anchor = on_steps[0] if on_steps else snap.dependency_by_id[on_flows[0]].from_step_id if on_flows else None
        height = _note_height(text)
        if anchor is not None:
            stack_h[anchor] += height + NOTE_GAP
        notes.append((_id_part(b.id), text, height, anchor, targets))

    # --- the diagram's geometry -------------------------------------------------------------
    job.progress(0.6, gettext("Laying out the diagram"))
    in_lane: dict[str, list[str]] = defaultdict(list)
    for s in steps:
        in_lane[lane_of[s.id]].append(s.id)
    lanes = [lane for lane in lay.lanes if in_lane.get(lane.key)]
    row_steps: dict[tuple[str, int], list[str]] = defaultdict(list)
    lane_box_of = {lane.key: lane.box for lane in lanes}
    for s in steps:
        box = lay.cards[s.id]
        r = round((box.y - lane_box_of[lane_of[s.id]].y - GAP) / (CARD_H + GAP))
        info[s.id].row = (lane_of[s.id], r)
        row_steps[(lane_of[s.id], r)].append(s.id)
    pool_x = LANE_HEADER_W - 2 * POOL_LABEL_W
    pool_w = max(lay.width - pool_x, 400.0)
    pool_top = STAGE_HEADER_H
    row_top: dict[tuple[str, int], float] = {}
    lane_span: dict[str, tuple[float, float]] = {}
    y = pool_top
    for lane in lanes:
        top = y
        rows = max(r for key, r in row_steps if key == lane.key) + 1 if in_lane[lane.key] else 1
        for r in range(rows):
            row_top[(lane.key, r)] = y
            in_row = row_steps.get((lane.key, r), [])
            y += TRACK_H + JOIN_H + CARD_H + SPLIT_H + max((stack_h.get(sid, 0.0) for sid in in_row), default=0.0)
        y += LANE_PAD
        lane_span[lane.key] = (top, y - top)
    pool_h = (y - pool_top) if lanes else CARD_H + 36
    for sids in row_steps.values():
        for i, sid in enumerate(sorted(sids, key=lambda sid: lay.cards[sid].x)):
            info[sid].track = i % TRACKS
    for s in steps:
        here = info[s.id]
        t = here.task
        t.x, t.y = lay.cards[s.id].x, row_top[here.row] + TRACK_H + JOIN_H
        below, above = t.y + CARD_H + 8, t.y - GATE - 10
        offsets = (-PAIR, PAIR) if len(here.splits) == 2 else (0.0,) * len(here.splits)
        for g, dx in zip(here.splits, offsets, strict=True):
            g.x, g.y = t.cx + dx - GATE / 2, below
        offsets = (-PAIR, PAIR) if len(here.joins) == 2 else (0.0,) * len(here.joins)
        if s.id == sources[0] and len(here.joins) == 1:
            offsets = (FIRST_SHIFT,)
        for g, dx in zip(here.joins, offsets, strict=True):
            g.x, g.y = t.cx + dx - GATE / 2, above
        if here.end is not None:
            here.end.x, here.end.y = t.cx - GATE / 2, below
    if steps:
        first = info[sources[0]].task
        start.x, start.y = first.x + 4, first.y - GATE - 10
        if opener is not start:
            opener.x, opener.y = first.x + 54, start.y
    else:
        start.x, start.y = pool_x + 2 * POOL_LABEL_W, pool_top + 36
        end_node = nodes[ncname("EndEvent", journey.id)]
        end_node.x, end_node.y = start.x + 120, start.y
    step_of_task = {info[sid].task.id: sid for sid in step_ids}
    step_of_node: dict[str, str] = {}
    for sid, here in info.items():
        for n in [here.task, *here.splits, *here.joins, *([here.end] if here.end else [])]:
            step_of_node[n.id] = sid
    for sid in sources[:1]:
        step_of_node[start.id] = sid
        step_of_node[opener.id] = sid

    def track_y(sid: str) -> float:
        here = info[sid]
        return row_top[here.row] + TRACK_H - 6 - TRACK_STEP * here.track

    # a dependency's flow id -> a point of its first stub, whether it goes right, the step it leaves, the flow
    assoc_from: dict[str, tuple[Point, bool, str, _Flow]] = {}
    for flow in flows:
        a, z = nodes[flow.source], nodes[flow.target]
        if flow.role in ("split", "end"):  # down into the task's first split, or its end
            flow.points = [(z.cx, a.y + a.h), (z.cx, z.y)]
            continue
        if flow.role == "join":  # down from the last join into its task
            flow.points = [(a.cx, a.y + a.h), (a.cx, z.y)]
            continue
        if flow.role == "pair":  # between two gateways (or the start and a gateway) side by side
            flow.points = [(a.x + a.w, a.cy), (z.x, z.cy)]
            continue
        if flow.role == "start":
            if step_of_node.get(z.id) == sources[0]:  # into the first step (or its merge) beside it
                if z.tag == "task":
                    flow.points = [(a.cx, a.y + a.h), (a.cx, z.y)]
                else:
                    flow.points = [(a.x + a.w, a.cy), (z.x, z.cy)]
                continue
            # into another first step: up to the first step's track, across to a gap, along the target's track
            target_sid = step_of_node[z.id]
            ts = row_top[info[sources[0]].row] + 8.0
            gx = info[target_sid].task.x - GAP / 2
            ty = track_y(target_sid)
            flow.points = _simplified([(a.cx, a.y), (a.cx, ts), (gx, ts), (gx, ty), (z.cx, ty), (z.cx, z.y)])
            continue
        # a dependency (or a split's way on): out to a gap beside its step, along its target's track, down into it
        src_sid, dst_sid = step_of_node[a.id], step_of_node[z.id]
        src_task, dst = info[src_sid].task, info[dst_sid]
        off = ((dst.track % 3) - 1) * TRACK_STEP
        if a.tag == "task" and z.tag == "task" and a.y == z.y and 0 < z.x - (a.x + a.w) <= 2 * GAP:
            flow.points = [(a.x + a.w, a.cy), (z.x, z.cy)]  # the next card along the row
            assoc_from[flow.id] = ((a.x + a.w + 4, a.cy), True, src_sid, flow)
            if flow.name:
                flow.label = ((a.x + a.w + z.x) / 2 - LABEL_W / 2, a.y - LABEL_H - 4, LABEL_W, LABEL_H)
            continue
        go_left = len(info[src_sid].splits) == 2 and a is info[src_sid].splits[0]
        if go_left:
            sx, sy = src_task.x - GAP / 2 - off, a.cy
            stub = [(a.x, a.cy), (sx, sy)]
            assoc_from[flow.id] = ((src_task.x - 4, sy), False, src_sid, flow)
        else:
            sx, sy = src_task.x + CARD_W + GAP / 2 + off, a.cy
            stub = [(a.x + a.w, a.cy), (sx, sy)]
            assoc_from[flow.id] = ((src_task.x + CARD_W + 4, sy), True, src_sid, flow)
        ty = track_y(dst_sid)
        zx = z.x + z.w / 2  # (a stub's height is never a track's: the path has no straight joints)
        flow.points = [*stub, (sx, ty), (zx, ty), (zx, z.y)]
        if flow.name:
            lx = sx + 4 if z.cx >= sx else sx - 4 - LABEL_W
            flow.label = (lx, ty - LABEL_H - 2, LABEL_W, LABEL_H)

    # --- writing ----------------------------------------------------------------------------
    job.progress(0.7, gettext("Writing the process"))
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<definitions xmlns="{MODEL}" xmlns:bpmndi="{BPMNDI}" xmlns:dc="{DC}" xmlns:di="{DI}" xmlns:xsi="{XSI}" '
        f'id="{ncname("Definitions", journey.id)}" targetNamespace="{TARGET_NAMESPACE}" '
        f'exporter="Service Community" exporterVersion="{xt.attr(__version__)}">\n',
    ]
    add = out.append
    stages = [s for s in snap.stages if s.journey_id == journey_id]
    stages_name = gettext("Stages")
    add(f'<category id="{ncname("Category", journey.id)}" name="{xt.attr(stages_name)}">')
    for st in stages:
        add(f'<categoryValue id="{ncname("Stage", st.id)}" value="{xt.attr(st.name)}"/>')
    add("</category>\n")

    collaboration_id = ncname("Collaboration", journey.id)
    participant_id = ncname("Participant", journey.id)
    process_id = ncname("Process", journey.id)
    marking_id = "Annotation_classification"
    marking_text = " ".join(
        [f"{snap.classification}. " + gettext("{journey}: exported {date} from Service Community.").format(
            journey=journey.name, date=long_date(snap.today)), gettext("Language: English."), *snap.left_out()]
    )
    add(f'<collaboration id="{collaboration_id}">{_doc(marking_text)}')
    add(f'<participant id="{participant_id}" name="{xt.attr(journey.name)}" processRef="{process_id}"/>')
    add(f'<textAnnotation id="{marking_id}"><text>{xt.text(marking_text)}</text></textAnnotation>')
    add("</collaboration>\n")

    add(f'<process id="{process_id}" name="{xt.attr(journey.name)}" isExecutable="true">')
    add(_doc("\n".join(x for x in (journey.user_need, journey.description) if x)))
    add(f'<laneSet id="{ncname("LaneSet", journey.id)}">')
    for lane in lanes:
        org = snap.organisations.get(lane.key)
        lane_name = org.name if org else gettext("No owner")
        add(f'<lane id="{ncname("Lane", lane.key or "none")}" name="{xt.attr(lane_name)}">')
        for sid in in_lane[lane.key]:
            out.extend([f"<flowNodeRef>{n}</flowNodeRef>" for n in _node_ids(info[sid])])
            if sid == sources[0]:
                out.extend([f"<flowNodeRef>{n.id}</flowNodeRef>" for n in {start.id: start, opener.id: opener}.values()])
        add("</lane>")
    add("</laneSet>\n")
    for s in steps:
        t = info[s.id].task
        owner_name = snap.org_name(s.owner_id)
        facts = gettext("Owner: {owner}.").format(owner=owner_name) if owner_name else gettext("No owner yet.")
        if s.channels:
            facts += " " + _channels_fact(tuple(s.channels), get_language())
        if s.touchpoint:
            facts += " " + gettext("Touchpoint: {touchpoint}.").format(touchpoint=s.touchpoint)
        if s.description:
            facts += " " + s.description
        refs = "".join([f"<incoming>{f}</incoming>" for f in t.incoming] + [f"<outgoing>{f}</outgoing>" for f in t.outgoing])
        # facts starts with the owner, so it is never blank: the documentation is always there.
        add(f'<task id="{t.id}" name="{xt.attr(s.title)}"><documentation>{xt.text(facts)}</documentation>{refs}</task>\n')
    # A choice (exclusive split) names its routes: one is the default, the others carry a condition
    # naming the step they lead to. Engines that read the file (SpiffWorkflow) refuse a choice
    # whose routes have neither; bpmnlint checks each has one or the other.
    by_id = {f.id: f for f in flows}
    defaults: dict[str, str] = {}
    for n in nodes.values():
        if n.tag == "exclusiveGateway" and n.direction == "Diverging" and len(n.outgoing) > 1:
            # the parallel continuation if any, else a route with no label (a conditional route needs one)
            defaults[n.id] = next((f for f in n.outgoing if by_id[f].role == "pair"),
                                  next((f for f in n.outgoing if not by_id[f].name), n.outgoing[0]))
    for n in nodes.values():
        if n.tag == "task":
            continue
        refs = "".join([f"<incoming>{f}</incoming>" for f in n.incoming] + [f"<outgoing>{f}</outgoing>" for f in n.outgoing])
        name = f' name="{xt.attr(n.name)}"' if n.name else ""
        direction = f' gatewayDirection="{n.direction}"' if n.direction else ""
        default = f' default="{defaults[n.id]}"' if n.id in defaults else ""
        add(f'<{n.tag} id="{n.id}"{name}{direction}{default}>{refs}</{n.tag}>\n')
    for flow in flows:
        name = f' name="{xt.attr(flow.name)}"' if flow.name else ""
        doc = _doc(flow.doc) if flow.doc else ""  # (only a dependency's flow has any)
        if flow.source in defaults and defaults[flow.source] != flow.id:
            step, condition = _condition(nodes, by_id, flow)
            doc += condition
            name = name or f' name="{xt.attr(step)}"'  # a conditional route is labelled (bpmnlint)
        add(f'<sequenceFlow id="{flow.id}"{name} sourceRef="{flow.source}" targetRef="{flow.target}">{doc}</sequenceFlow>\n')
    links: list[str] = []  # each note's associations, written after all the notes
    for part, text, _, _, targets in notes:
        add(f'<textAnnotation id="Annotation_{part}"><text>{xt.text(text)}</text></textAnnotation>\n')
        links += [
            f'<association id="Association_{part}_{i}" sourceRef="{target}" targetRef="Annotation_{part}" '
            'associationDirection="None"/>\n'
            for i, target in enumerate(targets)
        ]
    out += links
    for st in stages:
        add(f'<group id="{ncname("Group", st.id)}" categoryValueRef="{ncname("Stage", st.id)}"/>\n')
    add("</process>\n")

    # --- diagram interchange
    job.progress(0.8, gettext("Drawing the diagram"))
    add(f'<bpmndi:BPMNDiagram id="{ncname("Diagram", journey.id)}" name="{xt.attr(journey.name)}">')
    add(f'<bpmndi:BPMNPlane id="{ncname("Plane", journey.id)}" bpmnElement="{collaboration_id}">\n')
    add(_shape(participant_id, pool_x, pool_top, pool_w, pool_h, True))
    for lane in lanes:
        top, height = lane_span[lane.key]
        add(_shape(ncname("Lane", lane.key or "none"), pool_x + POOL_LABEL_W, top, pool_w - POOL_LABEL_W, height, True))
    for n in nodes.values():
        if n.tag == "task":
            add(_shape(n.id, n.x, n.y, n.w, n.h, end="\n"))
        elif n.name:  # a start, an end, a choice: named above (the start) or below
            add(_label_shape(n.id, n, above=n is start) + "\n")
        else:
            add(_shape(n.id, n.x, n.y, n.w, n.h, end="\n"))
    for flow in flows:
        add(_edge(flow.id, flow.points, flow.label))
    for column in lay.columns:  # stage groups around their columns, each named across its top
        gx, gw = column.box.x + 3, column.box.w - 6
        add(_shape(ncname("Group", column.stage_id), gx, 6, gw, pool_top + pool_h, label=(gx + 4, 8, gw - 8, STAGE_LABEL_H)))
    # each blocker's note under the step it blocks (the first), below the step's splits, stacked
    stacked: dict[str, float] = defaultdict(float)
    note_at: list[tuple[float, float]] = []  # each note's x and y, in the order of notes
    num = _NUMBERS
    for part, _, height, anchor, _ in notes:
        if anchor is None:
            x, ny = pool_x, pool_top + pool_h + 40 + stacked[""]
            stacked[""] += height + NOTE_GAP
        else:
            t = info[anchor].task
            x, ny = t.x + NOTE_INSET, t.y + CARD_H + SPLIT_H + stacked[anchor]
            stacked[anchor] += height + NOTE_GAP
        note_at.append((x, ny))
        add(f'<bpmndi:BPMNShape id="Annotation_{part}_di" bpmnElement="Annotation_{part}">'  # (_shape, inline)
            f'<dc:Bounds x="{num[x]}" y="{num[ny]}" width="{num[NOTE_W]}" height="{num[height]}"/></bpmndi:BPMNShape>\n')
    # each association from the note to what it blocks: along the note's own step or flow where it can
    for (part, _, nh, anchor, targets), (nx_, ny_) in zip(notes, note_at, strict=True):
        mid = ny_ + min(nh / 2, 24.0)
        own = info[anchor].task.id if anchor is not None else None
        for i, source in enumerate(targets):
            if source == own:  # its own step: down the note's left edge (the commonest: _edge's text, inline)
                t = nodes[source]
                aid, side, level = f"Association_{part}_{i}", num[t.x + NOTE_INSET / 2], num[mid]
                add(f'<bpmndi:BPMNEdge id="{aid}_di" bpmnElement="{aid}"><di:waypoint x="{side}" y="{num[t.y + CARD_H]}"/>'
                    f'<di:waypoint x="{side}" y="{level}"/><di:waypoint x="{num[nx_]}" y="{level}"/></bpmndi:BPMNEdge>\n')
                continue
            if (start_of := assoc_from.get(source)) is not None:  # a dependency's flow
                (px, py), right, from_step, flow = start_of
                if anchor == from_step:  # from the note's step: down its stub's side
                    points = [(px, py), (px, mid), (nx_ + NOTE_W if right else nx_, mid)]
                else:
                    pts = flow.points
                    points = [pts[len(pts) // 2], (nx_ + NOTE_W / 2, ny_)]
            elif source in step_of_task:
                t = nodes[source]
                points = [(t.cx, t.y + CARD_H), (nx_ + NOTE_W / 2, ny_)]
            else:
                points = [(nx_ + NOTE_W / 2, ny_ - 20), (nx_ + NOTE_W / 2, ny_)]
            add(_edge(f"Association_{part}_{i}", points))
    add(_shape(marking_id, pool_x, -76, min(pool_w, 900.0), 56))
    add("</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</definitions>\n")
    return _encoded(out)


def _condition(nodes: dict[str, _Node], flows: dict[str, _Flow], flow: _Flow) -> tuple[str, str]:
    """The step a route leads to (through any joins on the way), and the route's condition,
    ``choice == "<that step>"``."""
    target = nodes[flow.target]
    seen = set()
    while target.tag != "task" and target.outgoing and target.id not in seen:
        seen.add(target.id)
        target = nodes[flows[target.outgoing[0]].target]
    words = json.dumps(target.name or target.id, ensure_ascii=False)
    return target.name, f'<conditionExpression xsi:type="tFormalExpression">{xt.text(f"choice == {words}")}</conditionExpression>'


def _node_ids(here: _Step) -> list[str]:
    """A step's flow nodes, for its lane's list: the task, its gateways, its end event."""
    return [here.task.id, *(g.id for g in here.joins), *(g.id for g in here.splits), *([here.end.id] if here.end else [])]


def export_bpmn(job: Job) -> bytes:
    return bpmn(job)
