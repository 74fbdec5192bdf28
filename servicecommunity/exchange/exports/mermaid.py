"""Mermaid flowcharts of one journey: a subgraph per stage, in the journey's order.

Each step is a box in its stage's subgraph, outlined in its owning organisation's colour and
labelled with its title and owner; steps with open blockers are outlined red. Dependencies are
arrows: ``-->`` within an organisation, ``==>`` for a hand-off between organisations, ``-.->`` for
a hand-off nobody has agreed. Invisible links (``~~~``) keep the stages left to right.

Mermaid refuses a diagram over its default limits (``maxTextSize`` 50,000 characters, ``maxEdges``
500 arrows), so a journey too big for one is split into several diagrams, each its own file (the
export's name, then ``-2``, ``-3``...): the steps in journey order, a part closed before it would
pass either limit (with room to spare), so a part holds whole stages where they fit and a run of
a big stage's steps where they do not. An arrow to or from a step in another part goes to a box
naming that part. A comment at the head of each file says how it was split.

Node ids are short (``s12``), labels are quoted with every character Mermaid could read as syntax
written as an entity code (``#34;``), so user text stays text.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from servicecommunity.domain import enums
from servicecommunity.exchange.exports.snapshot import (
    Snapshot,
    XDependency,
    XStep,
    blockers_by_step,
)
from servicecommunity.i18n import format_number, gettext, ngettext

if TYPE_CHECKING:
    from servicecommunity.exchange.exports import Job

_ENTITIES = str.maketrans({'"': "#34;", "#": "#35;", "&": "#38;", "<": "#60;", ">": "#62;", "`": "#96;"})
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
MERMAID_TEXT_LIMIT = 50_000  # Mermaid's default maxTextSize (characters in one diagram)
MERMAID_EDGE_LIMIT = 500  # Mermaid's default maxEdges (links in one diagram, invisible ones too)
#: what a part may hold: below the limits, with room for the closing lines and the estimates' error
TEXT_BUDGET = 44_000
EDGE_BUDGET = 470
LABEL_MAX = 80  # characters of a step's title in its box


def label(text: str) -> str:
    """Text as a quoted Mermaid label."""
    flat = _UNPRINTABLE.sub("", " ".join(text.split()))
    return '"' + flat.translate(_ENTITIES) + '"'


def _short(text: str, limit: int = LABEL_MAX) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@dataclass
class _Part:
    steps: list[XStep] = field(default_factory=list)
    members: set[str] = field(default_factory=set)
    text: int = 0
    edges: int = 0


def _arrow(d: XDependency, owner: dict[str, str | None]) -> str:
    crosses = owner.get(d.from_step_id) != owner.get(d.to_step_id)
    arrow = ("-.->" if not d.agreed else "==>") if crosses else "-->"
    text = ""
    if crosses and d.handoff_mode:
        text = "|" + label(gettext(enums.label(d.handoff_mode))) + "|"
    elif crosses and not d.agreed:
        text = "|" + label(gettext("not agreed")) + "|"
    return f"{arrow}{text}"


def _node_line(snap: Snapshot, s: XStep, node: str, org_class: dict[str, str]) -> str:
    owner = snap.org_label(s.owner_id) or gettext("No owner")
    cls = org_class.get(s.owner_id or "", "")
    return f"    {node}[{label(f'{_short(s.title)} · {owner}')}]" + (f":::{cls}" if cls else "")


def _split(steps: list[XStep], deps: list[XDependency], node_len: dict[str, int], *, text_budget: int,
           edge_budget: int) -> list[_Part]:
    """The steps in journey order, cut into parts that should each stay within the budgets.

    An arrow counts in each part that holds one of its ends (as an arrow to a box naming the other
    part when the other end is elsewhere), so a part's arrows are the dependencies touching its
    steps. The text is estimated (an arrow about 40 characters, a box naming another part about
    ``LABEL_MAX`` more); :func:`flowcharts` measures the result and splits finer if a part is over.
    """
    touching: dict[str, list[XDependency]] = {}
    for d in deps:
        touching.setdefault(d.from_step_id, []).append(d)
        if d.to_step_id != d.from_step_id:
            touching.setdefault(d.to_step_id, []).append(d)
    parts = [_Part()]
    placed: set[str] = set()  # steps in the parts before this one
    for s in steps:
        mine = touching.get(s.id, ())
        part = parts[-1]
        for attempt in (0, 1):
            others = [d.to_step_id if d.from_step_id == s.id else d.from_step_id for d in mine]
            new_edges = sum(1 for o in others if o not in part.members or o == s.id)
            earlier_elsewhere = sum(1 for o in others if o in placed)
            new_stage = not part.steps or part.steps[-1].stage_id != s.stage_id
            cost = node_len[s.id] + 40 * new_edges + (LABEL_MAX + 40) * earlier_elsewhere + (120 if new_stage else 0)
            if attempt == 0 and part.steps and (part.text + cost > text_budget or part.edges + new_edges + 1 > edge_budget):
                placed |= part.members
                part = _Part()
                parts.append(part)
                continue
            break
        part.steps.append(s)
        part.members.add(s.id)
        part.text += cost
        part.edges += new_edges + (1 if new_stage else 0)
    return parts


def flowcharts(job: Job) -> list[str]:
    """The journey as one Mermaid diagram, or as several when one would pass Mermaid's limits."""
    snap = job.snapshot
    (journey_id,) = job.map_journey_ids(one=True)
    steps = snap.journey_steps(journey_id)
    node = {s.id: f"s{i}" for i, s in enumerate(steps)}
    deps = [d for d in snap.dependencies
            if d.journey_id == journey_id and d.from_step_id in node and d.to_step_id in node]
    org_class: dict[str, str] = {}
    class_defs: list[str] = []
    for i, o in enumerate(snap.organisations.values()):
        org_class[o.id] = f"o{i}"
        colour = o.colour if _COLOUR.fullmatch(o.colour or "") else "#505a5f"
        class_defs.append(f"  classDef o{i} stroke:{colour},stroke-width:2px")
    node_lines = {s.id: _node_line(snap, s, node[s.id], org_class) for s in steps}
    node_len = {k: len(v) for k, v in node_lines.items()}
    stage_size: dict[str, int] = {}
    for s in steps:
        stage_size[s.stage_id] = stage_size.get(s.stage_id, 0) + 1
    text_budget, edge_budget = TEXT_BUDGET, EDGE_BUDGET
    while True:
        parts = _split(steps, deps, node_len, text_budget=text_budget, edge_budget=edge_budget)
        texts = _render(job, journey_id, parts, steps, deps, node, node_lines, stage_size, class_defs)
        sizes = [counts(t) for t in texts]
        if all(c <= MERMAID_TEXT_LIMIT and e <= MERMAID_EDGE_LIMIT for c, e in sizes) or text_budget < 2_000:
            break
        text_budget, edge_budget = int(text_budget * 0.8), int(edge_budget * 0.8)  # an estimate was short: finer
    if len(texts) > 1:
        job.notes.append(gettext(
            "The journey is too big for one Mermaid diagram (Mermaid draws at most {characters} characters "
            "and {arrows} arrows by default), so it is split into {n} diagrams in journey order: "
            "the first file lists the parts.").format(characters=format_number(MERMAID_TEXT_LIMIT),
                                                      arrows=MERMAID_EDGE_LIMIT, n=len(texts)))
    return texts


def _render(job: Job, journey_id: str, parts: list[_Part], steps: list[XStep], deps: list[XDependency],
            node: dict[str, str], node_lines: dict[str, str], stage_size: dict[str, int],
            class_defs: list[str]) -> list[str]:
    from servicecommunity.exchange.exports import long_date

    snap = job.snapshot
    journey = snap.journey_by_id[journey_id]
    owner = {s.id: s.owner_id for s in steps}
    stages = [st for st in snap.stages if st.journey_id == journey_id]
    stage_number = {st.id: i for i, st in enumerate(stages)}
    part_of = {s.id: n for n, p in enumerate(parts) for s in p.steps}
    blocked = set(blockers_by_step(snap))
    total = len(parts)

    def stage_name(stage_id: str) -> str:
        st = snap.stage_by_id.get(stage_id)
        return st.name if st else gettext("No stage")

    def span(p: _Part) -> str:
        first, last = stage_name(p.steps[0].stage_id), stage_name(p.steps[-1].stage_id)
        n = len(p.steps)
        where = first if first == last else gettext("{first} to {last}").format(first=first, last=last)
        return ngettext("{where} ({n} step)", "{where} ({n} steps)", n).format(where=where, n=format_number(n))

    texts = []
    for n, part in enumerate(parts):
        title = f"{snap.classification}: {journey.name}" if total == 1 else gettext(
            "{classification}: {journey} (part {n} of {total})").format(
                classification=snap.classification, journey=journey.name, n=n + 1, total=total)
        lines = [
            "---",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            "---",
            f"%% {snap.classification}",
            "%% " + gettext("{journey}: exported {date} from Service Community.").format(
                journey=" ".join(journey.name.split()), date=long_date(snap.today)),
            "%% " + gettext("Language: English."),
        ]
        lines += [f"%% {' '.join(x.split())}" for x in snap.left_out()]
        lines.append("%% " + gettext("Stages are subgraphs, left to right in the journey's order; each step's outline is "
                                     "its owner's colour."))
        if total > 1:
            split = gettext(
                "Split into {total} diagrams: this journey ({steps} steps, {dependencies} dependencies) is over\n"
                "Mermaid's default limits for one diagram ({characters} characters, {arrows} arrows).\n"
                "The steps are in journey order, each part closed before it would pass a limit: whole stages where\n"
                "they fit, a run of a big stage's steps where they do not. An arrow to or from a step in another\n"
                "part goes to a dashed box naming that part. This is part {n} of {total}: {span}.").format(
                    total=total, steps=format_number(len(steps)), dependencies=format_number(len(deps)),
                    characters=format_number(MERMAID_TEXT_LIMIT), arrows=MERMAID_EDGE_LIMIT, n=n + 1,
                    span=" ".join(span(part).split()))
            lines += ["%% " + line for line in split.split("\n")]
            if n == 0:
                lines += ["%%   " + gettext("part {n}: {span}").format(n=k + 1, span=" ".join(span(p).split()))
                          for k, p in enumerate(parts)]
        lines.append("flowchart LR")
        members = part.members
        groups: list[tuple[str, list[XStep]]] = []
        for s in part.steps:
            if not groups or groups[-1][0] != s.stage_id:
                groups.append((s.stage_id, []))
            groups[-1][1].append(s)
        group_ids = []
        for stage_id, group in groups:
            gid = f"g{stage_number.get(stage_id, len(stages))}"
            name = stage_name(stage_id)
            if len(group) < stage_size.get(stage_id, 0):
                name = gettext("{stage} (in part)").format(stage=name)
            group_ids.append(gid)
            lines.append(f"  subgraph {gid}[{label(name)}]")
            lines.append("    direction TB")
            lines += [node_lines[s.id] for s in group]
            lines.append("  end")
        stubs: dict[str, str] = {}
        edge_lines: list[str] = []
        for d in deps:
            a_in, z_in = d.from_step_id in members, d.to_step_id in members
            if not (a_in or z_in):
                continue
            ends = []
            for step_id, inside, word in ((d.from_step_id, a_in, "from"), (d.to_step_id, z_in, "to")):
                if inside:
                    ends.append(node[step_id])
                    continue
                stub = stubs.get(step_id)
                if stub is None:
                    other = snap.step_by_id[step_id]
                    stub = stubs[step_id] = f"x{node[step_id][1:]}"
                    text = (gettext("To part {n}: {title}") if word == "to" else gettext("From part {n}: {title}")).format(
                        n=part_of[step_id] + 1, title=_short(other.title))
                    edge_lines.append(f"  {stub}[{label(text)}]:::elsewhere")
                ends.append(stub)
            edge_lines.append(f"  {ends[0]} {_arrow(d, owner)} {ends[1]}")
        lines += edge_lines
        lines += [f"  {a} ~~~ {b}" for a, b in itertools.pairwise(group_ids)]
        lines += class_defs
        lines.append("  classDef elsewhere stroke-dasharray:4 3,fill:#f3f2f1")
        lines.append("  classDef blocked stroke:#d4351c,stroke-width:3px")
        mine = [node[s.id] for s in part.steps if s.id in blocked]
        for i in range(0, len(mine), 50):
            lines.append(f"  class {','.join(mine[i : i + 50])} blocked")
        texts.append("\n".join(lines) + "\n")
    return texts


def flowchart(job: Job) -> str:
    """The first (or only) diagram; the rest are :func:`flowcharts`."""
    return flowcharts(job)[0]


def counts(text: str) -> tuple[int, int]:
    """A diagram's size as Mermaid counts it: characters, and links (arrows and invisible links)."""
    links = sum(1 for line in text.splitlines() if re.match(r"\s*[sx]\d+ (-->|==>|-\.->|~~~)|\s*g\d+ ~~~", line))
    return len(text), links


def export_mermaid(job: Job) -> bytes:
    texts = flowcharts(job)
    for n, text in enumerate(texts[1:], start=2):
        job.companions.append((f"-{n}.mmd", text.encode("utf-8")))
    return texts[0].encode("utf-8")
