"""GraphML of the step graph and of the organisation graph, one graph per file, for networkx,
python-igraph, yEd and Gephi.

The export's file holds ``steps`` (a node per step, an edge per dependency); a second file beside
it, ``<name>-organisations.graphml``, holds ``organisations`` (a node per organisation, an edge
A→B weighted by the dependencies from A's steps to B's): python-igraph and others read only a
file's first graph. Attributes are declared as GraphML keys with ``attr.name``/``attr.type`` (the
attributes extension of the official schema, which the tests validate against), each key for one
domain (``node``, ``edge`` or ``graph``, never ``all``, which igraph skips). ``label`` and
``weight`` are the names Gephi reads as label and weight; ``x``, ``y``, ``size`` and ``r``/``g``/
``b`` are the names Gephi's importer reads as position, size and colour, taken from the map's
layout (the card's centre and the owner's colour), and yEd's Properties Mapper can map them too.
Written as text (:mod:`~servicecommunity.exchange.exports.xmltext`) rather than by networkx's writer, to
control the key ids, the types (booleans, missing values left out rather than written as empty
strings) and the ``desc`` that carries the classification, and to be quick on 5,000 steps.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from servicecommunity.domain import enums
from servicecommunity.exchange.exports import xmltext as xt
from servicecommunity.exchange.exports.snapshot import Snapshot, blockers_by_step, worst
from servicecommunity.i18n import gettext

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
    ("org_kind", "node", "kind", "string"),
    ("x", "node", "x", "double"),
    ("y", "node", "y", "double"),
    ("size", "node", "size", "double"),
    ("r", "node", "r", "int"),
    ("g", "node", "g", "int"),
    ("b", "node", "b", "int"),
    ("kind", "edge", "kind", "string"),
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


_HEX = re.compile(r"#?([0-9a-fA-F]{6})")
_NO_OWNER_RGB = (0x50, 0x5A, 0x5F)


def _rgb(colour: str | None) -> tuple[int, int, int]:
    m = _HEX.fullmatch(colour or "")
    if m is None:
        return _NO_OWNER_RGB
    v = int(m.group(1), 16)
    return (v >> 16) & 255, (v >> 8) & 255, v & 255


def _head(about: str, keys: set[str]) -> list[str]:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<graphml xmlns="{NS}" xmlns:xsi="{XSI}" xsi:schemaLocation="{NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
        f"<desc>{xt.text(about)}</desc>\n",
    ]
    for key_id, domain, name, kind in KEYS:
        if key_id in keys:
            out.append(f'<key id="{key_id}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n')
    return out


_STEP_KEYS = {"classification", "label", "type", "journey", "stage", "stage_number", "order", "owner", "supported_by",
              "channels", "online_only", "touchpoint", "duration_hours", "emotion", "monthly_volume",
              "cost_per_transaction", "user_satisfaction", "completion_rate", "digital_take_up", "data_asked",
              "open_blockers", "worst_severity", "x", "y", "size", "r", "g", "b", "kind", "handoff_mode", "agreed",
              "crosses_organisations", "blocked", "note"}
_ORG_KEYS = {"classification", "label", "type", "name", "org_kind", "colour", "steps_owned", "members",
             "blockers_to_resolve", "blockers_caused", "x", "y", "size", "r", "g", "b", "weight", "dependencies",
             "not_agreed", "kind"}


def _positions(snap: Snapshot) -> dict[str, tuple[float, float, float]]:
    """Each step's card centre and width on the map, the journeys' maps one below another."""
    from servicecommunity.exchange.exports.mapview import journey_layout

    out: dict[str, tuple[float, float, float]] = {}
    top = 0.0
    for journey in snap.journeys:
        if not any(s.journey_id == journey.id for s in snap.steps):
            continue
        layout = journey_layout(snap, journey.id)
        for step_id, box in layout.cards.items():
            out[step_id] = (box.x + box.w / 2, top + box.y + box.h / 2, box.w)
        top += layout.height + 200
    return out


def graphml(job: Job) -> bytes:
    """The step graph's file; the organisation graph's goes in ``job.companions``."""
    from servicecommunity.exchange.exports import long_date

    snap = job.snapshot
    about = " ".join([f"{snap.classification}. " + gettext("{journey}: exported {date} from Service Community.").format(
                          journey=snap.title, date=long_date(snap.today)),
                      gettext("The organisation graph is in the file ending -organisations.graphml beside this one."),
                      gettext("Language: English."), *snap.left_out()])
    out = _head(about, _STEP_KEYS)
    add = out.append
    job.progress(0.3, gettext("Laying out the map"))
    place = _positions(snap)

    # the step graph
    add('<graph id="steps" edgedefault="directed">\n')
    desc = gettext("Steps (nodes) and the dependencies between them (edges).")  # outside the f-string: the extractor reads it
    add(f"<desc>{xt.text(desc)}</desc>\n")
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
        x, y, w = place.get(s.id, (None, None, None))
        org = snap.organisations.get(s.owner_id or "")
        r, g, b = _rgb(org.colour if org else None)
        data = _data({
            "label": s.title, "type": "step", "journey": snap.journey_by_id[s.journey_id].name,
            "stage": stage.name if stage else None, "stage_number": stage_number.get(s.stage_id),
            "order": order[s.journey_id], "owner": snap.org_label(s.owner_id) or gettext("No owner"),
            "supported_by": ", ".join(snap.org_label(o) for o in s.supporter_ids),
            "channels": ", ".join(gettext(enums.label(c)) for c in s.channels),
            "online_only": bool(s.channels) and all(c == "online" for c in s.channels),
            "touchpoint": s.touchpoint, "duration_hours": s.duration_hours, "emotion": s.emotion,
            "monthly_volume": s.monthly_volume, "cost_per_transaction": s.cost_per_transaction,
            "user_satisfaction": s.user_satisfaction, "completion_rate": s.completion_rate,
            "digital_take_up": s.digital_take_up,
            "data_asked": ", ".join(sorted(snap.data_items.get(i, "") for i in s.data_item_ids)),
            "open_blockers": len(blockers), "worst_severity": worst(blockers),
            "x": x, "y": y, "size": w, "r": r, "g": g, "b": b,
        })
        add(f'<node id="{node_id[s.id]}">{data}</node>\n')
    job.progress(0.5, gettext("Writing the dependencies"))
    blocked = {d for b in snap.blockers if b.is_open for d in b.dependency_ids}
    kinds = {k.value: gettext(enums.label(k.value)) for k in enums.DependencyKind}
    modes = {m.value: gettext(enums.label(m.value)) for m in enums.HandoffMode}
    for d in snap.dependencies:
        if d.from_step_id not in node_id or d.to_step_id not in node_id:
            continue
        data = _data({
            "kind": kinds.get(d.kind, d.kind), "handoff_mode": modes.get(d.handoff_mode, d.handoff_mode) if d.handoff_mode else None,
            "agreed": d.agreed, "crosses_organisations": owner[d.from_step_id] != owner[d.to_step_id],
            "blocked": d.id in blocked, "note": d.note,
        })
        add(f'<edge id="dep_{xt.attr(d.id)}" source="{node_id[d.from_step_id]}" target="{node_id[d.to_step_id]}">{data}</edge>\n')
    add("</graph>\n</graphml>\n")
    job.progress(0.8, gettext("Writing the organisation graph"))
    job.companions.append(("-organisations.graphml", _organisations(job, owner, place)))
    return "".join(out).encode("utf-8")


def _organisations(job: Job, owner: dict[str, str | None], place: dict[str, tuple[float, float, float]]) -> bytes:
    """The organisation graph's file: each organisation where its steps sit on the map (their centre)."""
    from servicecommunity.exchange.exports import long_date

    snap = job.snapshot
    about = " ".join([f"{snap.classification}. " + gettext("{journey}: the organisations, exported {date} from "
                                                            "Service Community.").format(
                          journey=snap.title, date=long_date(snap.today)), gettext("Language: English."),
                      *snap.left_out()])
    out = _head(about, _ORG_KEYS)
    add = out.append
    add('<graph id="organisations" edgedefault="directed">\n')
    desc = gettext("Organisations (nodes) and the dependencies from one's steps to another's (edges).")
    add(f"<desc>{xt.text(desc)}</desc>\n")
    add(_data({"classification": snap.classification}) + "\n")
    owned = Counter(owner.values())
    people = Counter(m.organisation_id for m in snap.members)
    resolve = Counter(b.owner_id for b in snap.blockers if b.is_open)
    cause = Counter(o for b in snap.blockers if b.is_open for o in b.blocking_organisation_ids)
    sums: dict[str | None, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for step_id, org_id in owner.items():
        if step_id in place:
            x, y, _ = place[step_id]
            acc = sums[org_id]
            acc[0] += x
            acc[1] += y
            acc[2] += 1
    spare = 0.0

    def where(org_id: str | None) -> tuple[float, float]:
        nonlocal spare
        acc = sums.get(org_id)
        if acc and acc[2]:
            return acc[0] / acc[2], acc[1] / acc[2]
        spare += 150.0  # owns no step: set out in a row above the map
        return spare, -150.0

    for o in snap.organisations.values():
        x, y = where(o.id)
        r, g, b = _rgb(o.colour)
        data = _data({
            "label": o.label, "type": "organisation", "name": o.name, "org_kind": gettext(enums.label(o.kind)),
            "colour": o.colour, "steps_owned": owned[o.id], "members": people[o.id],
            "blockers_to_resolve": resolve[o.id], "blockers_caused": cause[o.id],
            "x": x, "y": y, "size": 20.0 + 4.0 * owned[o.id] ** 0.5, "r": r, "g": g, "b": b,
        })
        add(f'<node id="org_{xt.attr(o.id)}">{data}</node>\n')
    if owned[None]:
        x, y = where(None)
        r, g, b = _NO_OWNER_RGB
        no_owner = gettext("No owner")
        data = _data({"label": no_owner, "type": "organisation", "name": no_owner, "steps_owned": owned[None],
                      "x": x, "y": y, "size": 20.0 + 4.0 * owned[None] ** 0.5, "r": r, "g": g, "b": b})
        add(f'<node id="org_none">{data}</node>\n')
    pairs: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for d in snap.dependencies:
        a, z = owner.get(d.from_step_id), owner.get(d.to_step_id)
        if a != z:
            key = (f"org_{xt.attr(a)}" if a else "org_none", f"org_{xt.attr(z)}" if z else "org_none")
            pairs[key][0] += 1
            pairs[key][1] += 0 if d.agreed else 1
    for i, ((a_id, z_id), (n, unagreed)) in enumerate(sorted(pairs.items())):
        data = _data({"weight": float(n), "dependencies": n, "not_agreed": unagreed, "kind": gettext("Hand-offs")})
        add(f'<edge id="handoffs_{i}" source="{a_id}" target="{z_id}">{data}</edge>\n')
    add("</graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


def export_graphml(job: Job) -> bytes:
    return graphml(job)
