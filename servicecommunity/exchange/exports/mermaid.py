"""A Mermaid flowchart of one journey: a subgraph per organisation, the steps in journey order.

Dependencies are arrows: ``-->`` within an organisation, ``==>`` for a hand-off between
organisations, ``-.->`` for a hand-off nobody has agreed; steps with open blockers are outlined
red. Node ids are short (``s12``), labels are quoted with every character Mermaid could read as
syntax written as an entity code (``#34;``), so user text stays text.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from servicecommunity.exchange.exports.snapshot import blockers_by_step

if TYPE_CHECKING:
    from servicecommunity.exchange.exports import Job

_ENTITIES = str.maketrans({'"': "#34;", "#": "#35;", "&": "#38;", "<": "#60;", ">": "#62;", "`": "#96;"})
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MERMAID_EDGE_LIMIT = 500  # Mermaid's default maxEdges: larger charts need it raised to render


def label(text: str) -> str:
    """Text as a quoted Mermaid label."""
    flat = _UNPRINTABLE.sub("", " ".join(text.split()))
    return '"' + flat.translate(_ENTITIES) + '"'


def flowchart(job: Job) -> str:
    from servicecommunity.exchange.exports import long_date

    snap = job.snapshot
    (journey_id,) = job.map_journey_ids(one=True)
    journey = snap.journey_by_id[journey_id]
    steps = snap.journey_steps(journey_id)
    node = {s.id: f"s{i}" for i, s in enumerate(steps)}
    owner = {s.id: s.owner_id for s in steps}
    lines = [
        "---",
        f"title: {json.dumps(f'{snap.classification}: {journey.name}', ensure_ascii=False)}",
        "---",
        f"%% {snap.classification}",
        f"%% {' '.join(journey.name.split())}: exported {long_date(snap.today)} from Service Community.",
    ]
    lines += [f"%% {' '.join(n.split())}" for n in snap.left_out()]
    lines.append("flowchart LR")
    lanes: dict[str | None, list[str]] = {}
    for s in steps:
        key = s.owner_id if s.owner_id in snap.organisations else None
        lanes.setdefault(key, []).append(s.id)
    for i, (org_id, ids) in enumerate(lanes.items()):
        name = snap.organisations[org_id].name if org_id else "No owner"
        lines.append(f"  subgraph o{i}[{label(name)}]")
        lines.append("    direction LR")
        lines += [f"    {node[sid]}[{label(snap.step_by_id[sid].title)}]" for sid in ids]
        lines.append("  end")
    edges = 0
    for d in snap.dependencies:
        if d.journey_id != journey_id or d.from_step_id not in node or d.to_step_id not in node:
            continue
        crosses = owner[d.from_step_id] != owner[d.to_step_id]
        arrow = ("-.->" if not d.agreed else "==>") if crosses else "-->"
        text = ""
        if crosses and d.handoff_mode:
            text = f"|{label(d.handoff_mode.replace('_', ' '))}|"
        elif crosses and not d.agreed:
            text = f"|{label('not agreed')}|"
        lines.append(f"  {node[d.from_step_id]} {arrow}{text} {node[d.to_step_id]}")
        edges += 1
    blocked = [node[sid] for sid in blockers_by_step(snap) if sid in node]
    lines.append("  classDef blocked stroke:#d4351c,stroke-width:3px")
    for i in range(0, len(blocked), 50):
        lines.append(f"  class {','.join(blocked[i : i + 50])} blocked")
    if edges > MERMAID_EDGE_LIMIT:
        job.notes.append(
            f"The flowchart has {edges:,} arrows; Mermaid draws up to {MERMAID_EDGE_LIMIT} unless its maxEdges setting is raised."
        )
    return "\n".join(lines) + "\n"


def export_mermaid(job: Job) -> bytes:
    return flowchart(job).encode("utf-8")
