"""GraphML of the step graph and the organisation graph, with attributes, for yEd and Gephi.

One file, two graphs: ``steps`` (a node per step, an edge per dependency) first, since tools that
read one graph read the first; then ``organisations`` (a node per organisation that owns steps, an
edge A→B weighted by the dependencies from A's steps to B's). Attributes are declared as GraphML
keys with ``attr.name``/``attr.type`` (the attributes extension of the official schema, which the
tests validate against); ``label`` and ``weight`` are the names Gephi reads as label and weight.
Written as text (:mod:`~servicecommunity.exchange.exports.xmltext`) rather than by networkx's writer, to
control the key ids, the types (booleans, missing values left out rather than written as empty
strings) and the ``desc`` that carries the classification, and to be quick on 5,000 steps.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from servicecommunity.domain import enums
from servicecommunity.exchange.exports import xmltext as xt
from servicecommunity.exchange.exports.snapshot import blockers_by_step, worst

if TYPE_CHECKING:
    from servicecommunity.exchange.exports import Job

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# (id, for, attr.name, attr.type)
KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("classification", "graph", "classification", "string"),
    ("label", "node", "label", "string"),
    ("type", "node", "type", "string"),
    ("journey", "node", "journey", "string"),
    ("stage", "node", "stage", "string"),
    ("stage_number", "node", "stage_number", "int"),
    ("order", "node", "order", "int"),
    ("owner", "node", "owner", "string"),
    ("supported_by", "node", "supported_by", "string"),
    ("channels", "node", "channels", "string"),
    ("online_only", "node", "online_only", "boolean"),
    ("touchpoint", "node", "touchpoint", "string"),
    ("duration_hours", "node", "duration_hours", "double"),
    ("emotion", "node", "emotion", "int"),
    ("monthly_volume", "node", "monthly_volume", "long"),
    ("cost_per_transaction", "node", "cost_per_transaction", "double"),
    ("user_satisfaction", "node", "user_satisfaction", "double"),
    ("completion_rate", "node", "completion_rate", "double"),
    ("digital_take_up", "node", "digital_take_up", "double"),
    ("data_asked", "node", "data_asked", "string"),
    ("open_blockers", "node", "open_blockers", "int"),
    ("worst_severity", "node", "worst_severity", "string"),
    ("name", "node", "name", "string"),
    ("kind", "all", "kind", "string"),
    ("colour", "node", "colour", "string"),
    ("steps_owned", "node", "steps_owned", "int"),
    ("members", "node", "members", "int"),
    ("blockers_to_resolve", "node", "blockers_to_resolve", "int"),
    ("blockers_caused", "node", "blockers_caused", "int"),
    ("handoff_mode", "edge", "handoff_mode", "string"),
    ("agreed", "edge", "agreed", "boolean"),
    ("crosses_organisations", "edge", "crosses_organisations", "boolean"),
    ("blocked", "edge", "blocked", "boolean"),
    ("note", "edge", "note", "string"),
    ("weight", "edge", "weight", "double"),
    ("dependencies", "edge", "dependencies", "int"),
    ("not_agreed", "edge", "not_agreed", "int"),
)


def _value(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return xt.text(str(value))


def _data(values: dict[str, Any]) -> str:
    out = []
    for key, value in values.items():
        text = _value(value)
        if text is not None:
            out.append(f'<data key="{key}">{text}</data>')
    return "".join(out)


def graphml(job: Job) -> bytes:
    from servicecommunity.exchange.exports import long_date

    snap = job.snapshot
    about = " ".join([f"{snap.classification}. {snap.title}: exported {long_date(snap.today)} from Service Community.",
                      *snap.left_out()])
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<graphml xmlns="{NS}" xmlns:xsi="{XSI}" xsi:schemaLocation="{NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
        f"<desc>{xt.text(about)}</desc>\n",
    ]
    add = out.append
    for key_id, domain, name, kind in KEYS:
        add(f'<key id="{key_id}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n')

    # the step graph
    add('<graph id="steps" edgedefault="directed">\n')
    add("<desc>Steps (nodes) and the dependencies between them (edges).</desc>\n")
    add(_data({"classification": snap.classification}) + "\n")
    on_step = blockers_by_step(snap)
    stage_number = {}
    for s in snap.stages:
        stage_number[s.id] = sum(1 for t in snap.stages if t.journey_id == s.journey_id and t.position < s.position) + 1
    order: Counter[str] = Counter()
    owner: dict[str, str | None] = {}
    node_id: dict[str, str] = {}
    for s in snap.steps:
        order[s.journey_id] += 1
        owner[s.id] = s.owner_id if s.owner_id in snap.organisations else None
        node_id[s.id] = f"step_{xt.attr(s.id)}"
        stage = snap.stage_by_id.get(s.stage_id)
        blockers = on_step.get(s.id, [])
        data = _data({
            "label": s.title, "type": "step", "journey": snap.journey_by_id[s.journey_id].name,
            "stage": stage.name if stage else None, "stage_number": stage_number.get(s.stage_id),
            "order": order[s.journey_id], "owner": snap.org_label(s.owner_id) or "No owner",
            "supported_by": ", ".join(snap.org_label(o) for o in s.supporter_ids),
            "channels": ", ".join(enums.label(c) for c in s.channels),
            "online_only": bool(s.channels) and all(c == "online" for c in s.channels),
            "touchpoint": s.touchpoint, "duration_hours": s.duration_hours, "emotion": s.emotion,
            "monthly_volume": s.monthly_volume, "cost_per_transaction": s.cost_per_transaction,
            "user_satisfaction": s.user_satisfaction, "completion_rate": s.completion_rate,
            "digital_take_up": s.digital_take_up,
            "data_asked": ", ".join(sorted(snap.data_items.get(i, "") for i in s.data_item_ids)),
            "open_blockers": len(blockers), "worst_severity": worst(blockers),
        })
        add(f'<node id="{node_id[s.id]}">{data}</node>\n')
    job.progress(0.5, "Writing the dependencies")
    blocked = {d for b in snap.blockers if b.is_open for d in b.dependency_ids}
    kinds = {k.value: enums.label(k.value) for k in enums.DependencyKind}
    modes = {m.value: enums.label(m.value) for m in enums.HandoffMode}
    for d in snap.dependencies:
        if d.from_step_id not in node_id or d.to_step_id not in node_id:
            continue
        data = _data({
            "kind": kinds.get(d.kind, d.kind), "handoff_mode": modes.get(d.handoff_mode, d.handoff_mode) if d.handoff_mode else None,
            "agreed": d.agreed, "crosses_organisations": owner[d.from_step_id] != owner[d.to_step_id],
            "blocked": d.id in blocked, "note": d.note,
        })
        add(f'<edge id="dep_{xt.attr(d.id)}" source="{node_id[d.from_step_id]}" target="{node_id[d.to_step_id]}">{data}</edge>\n')
    add("</graph>\n")

    # the organisation graph
    add('<graph id="organisations" edgedefault="directed">\n')
    add("<desc>Organisations (nodes) and the dependencies from one's steps to another's (edges).</desc>\n")
    add(_data({"classification": snap.classification}) + "\n")
    owned = Counter(owner.values())
    people = Counter(m.organisation_id for m in snap.members)
    resolve = Counter(b.owner_id for b in snap.blockers if b.is_open)
    cause = Counter(o for b in snap.blockers if b.is_open for o in b.blocking_organisation_ids)
    for o in snap.organisations.values():
        data = _data({
            "label": o.label, "type": "organisation", "name": o.name, "kind": enums.label(o.kind),
            "colour": o.colour, "steps_owned": owned[o.id], "members": people[o.id],
            "blockers_to_resolve": resolve[o.id], "blockers_caused": cause[o.id],
        })
        add(f'<node id="org_{xt.attr(o.id)}">{data}</node>\n')
    if owned[None]:
        data = _data({"label": "No owner", "type": "organisation", "name": "No owner", "steps_owned": owned[None]})
        add(f'<node id="org_none">{data}</node>\n')
    pairs: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for d in snap.dependencies:
        a, z = owner.get(d.from_step_id), owner.get(d.to_step_id)
        if a != z:
            key = (f"org_{xt.attr(a)}" if a else "org_none", f"org_{xt.attr(z)}" if z else "org_none")
            pairs[key][0] += 1
            pairs[key][1] += 0 if d.agreed else 1
    for i, ((a_id, z_id), (n, unagreed)) in enumerate(sorted(pairs.items())):
        data = _data({"weight": float(n), "dependencies": n, "not_agreed": unagreed, "kind": "Hand-offs"})
        add(f'<edge id="handoffs_{i}" source="{a_id}" target="{z_id}">{data}</edge>\n')
    add("</graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


def export_graphml(job: Job) -> bytes:
    return graphml(job)
