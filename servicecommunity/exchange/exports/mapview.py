"""A journey map's data and geometry for the drawn exports (poster, web page, BPMN diagram).

The geometry is :func:`servicecommunity.analysis.layout.layout_map`, the desktop canvas's own, so a poster
reads like the screen. The :class:`~servicecommunity.analysis.layout.MapData` is built from the export's
snapshot rather than read again with :func:`~servicecommunity.analysis.layout.load_map`: the blocker badges
then count only the blockers the export holds (a left-out OFFICIAL-SENSITIVE blocker must not show
up even as a number), and nothing is read twice. The rules are load_map's.
"""

from __future__ import annotations

from dataclasses import dataclass

from servicecommunity.analysis.layout import (
    MapData,
    MapDependency,
    MapLayout,
    MapOrganisation,
    MapStep,
    layout_map,
)
from servicecommunity.exchange.exports.snapshot import Snapshot, blockers_by_step, worst


@dataclass
class JourneyMap:
    data: MapData
    layout: MapLayout


def journey_map(snap: Snapshot, journey_id: str) -> JourneyMap:
    journey = snap.journey_by_id[journey_id]
    stages = _stages(snap, journey_id)
    steps = snap.journey_steps(journey_id)
    stage_rank = {sid: i for i, (sid, _) in enumerate(stages)}
    order = {s.id: (stage_rank.get(s.stage_id, 0), s.position) for s in steps}
    owner = {s.id: s.owner_id for s in steps}
    on_step = blockers_by_step(snap)
    blocked_deps = {d for b in snap.blockers if b.is_open for d in b.dependency_ids}
    # Data asked again: an item an earlier step owned by another organisation already asked for.
    first_owner: dict[str, tuple[tuple[int, int], str | None]] = {}
    for s in sorted(steps, key=lambda s: order[s.id]):
        for item in s.data_item_ids:
            first_owner.setdefault(item, (order[s.id], s.owner_id))
    map_steps = []
    for s in steps:
        blockers = on_step.get(s.id, [])
        repeated = tuple(
            sorted(
                snap.data_items.get(item, item)
                for item in s.data_item_ids
                if first_owner[item][0] < order[s.id] and first_owner[item][1] != s.owner_id
            )
        )
        map_steps.append(
            MapStep(
                id=s.id, title=s.title, stage_id=s.stage_id, position=s.position, owner_id=s.owner_id,
                channels=tuple(s.channels), emotion=s.emotion, pain_points=s.pain_points,
                blocker_count=len(blockers), worst_severity=worst(blockers), repeated_data=repeated,
            )
        )
    deps = [
        MapDependency(
            id=d.id, from_step_id=d.from_step_id, to_step_id=d.to_step_id, kind=d.kind,
            handoff_mode=d.handoff_mode, agreed=d.agreed,
            crosses_org=owner.get(d.from_step_id) != owner.get(d.to_step_id), blocked=d.id in blocked_deps,
        )
        for d in snap.dependencies
        if d.journey_id == journey_id
    ]
    data = MapData(journey.id, journey.name, journey.persona, stages, map_steps, deps, _organisations(snap), dict(snap.data_items))
    return JourneyMap(data, layout_map(data))


def journey_layout(snap: Snapshot, journey_id: str) -> MapLayout:
    """``journey_map(snap, journey_id).layout``, for an export that draws no badges or arrows of its own (BPMN).

    :func:`~servicecommunity.analysis.layout.layout_map` places stages, lanes and cards from the stages, the
    organisations and each step's stage, position and owner; the dependencies and the steps' badges
    (open blockers, their worst severity, data asked again) move nothing. Working those out is most
    of :func:`journey_map`'s time on a 5,000-step journey, so this leaves them out (empty), and the
    geometry is the same.
    """
    journey = snap.journey_by_id[journey_id]
    map_steps = [
        MapStep(
            id=s.id, title=s.title, stage_id=s.stage_id, position=s.position, owner_id=s.owner_id,
            channels=tuple(s.channels), emotion=s.emotion, pain_points=s.pain_points,
        )
        for s in snap.journey_steps(journey_id)
    ]
    data = MapData(journey.id, journey.name, journey.persona, _stages(snap, journey_id), map_steps, [],
                   _organisations(snap), dict(snap.data_items))
    return layout_map(data)


def _stages(snap: Snapshot, journey_id: str) -> list[tuple[str, str]]:
    return [(s.id, s.name) for s in snap.stages if s.journey_id == journey_id]


def _organisations(snap: Snapshot) -> dict[str, MapOrganisation]:
    return {o.id: MapOrganisation(o.id, o.name, o.short_name, o.colour) for o in snap.organisations.values()}
