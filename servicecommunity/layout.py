"""The journey map's geometry, shared by the desktop canvas and every drawn export.

Columns are the journey's stages in order; rows (swimlanes) are the organisations that own steps
in it, plus a lane for steps nobody owns. A chosen organisation's lane (the person using the app's)
goes on top. Within a cell (lane x stage) cards sit in a small grid, in step order. Coordinates
are in scene units (1 unit = 1 px at 100 % zoom; 1 pt when printed).

:func:`load_map` reads everything a map shows in a few bulk queries; :func:`layout_map` is pure
and cheap (a 5,000-step journey lays out in milliseconds).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from servicecommunity.enums import OPEN_STATUSES, Severity
from servicecommunity.errors import NotFoundError
from servicecommunity.models import (
    Blocker,
    BlockerDependency,
    BlockerStep,
    DataItem,
    Dependency,
    Journey,
    Organisation,
    Stage,
    Step,
    StepDataItem,
)

CARD_W = 200.0
CARD_H = 96.0
GAP = 18.0
LANE_HEADER_W = 170.0
STAGE_HEADER_H = 48.0
MAX_CARDS_ACROSS = 5
UNASSIGNED = ""  # the lane key of steps with no owner
UNASSIGNED_LABEL = "No owner"
UNASSIGNED_COLOUR = "#9aa0a6"


@dataclass(frozen=True)
class MapStep:
    id: str
    title: str
    stage_id: str
    position: int
    owner_id: str | None
    channels: tuple[str, ...]
    emotion: int | None
    pain_points: str
    blocker_count: int = 0  # open blockers on the step or its dependencies
    worst_severity: str | None = None
    repeated_data: tuple[str, ...] = ()  # data items another organisation already collected earlier


@dataclass(frozen=True)
class MapDependency:
    id: str
    from_step_id: str
    to_step_id: str
    kind: str
    handoff_mode: str | None
    agreed: bool
    crosses_org: bool
    blocked: bool


@dataclass(frozen=True)
class MapOrganisation:
    id: str
    name: str
    short_name: str
    colour: str

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass
class MapData:
    """Everything a journey map shows, read once."""

    journey_id: str
    journey_name: str
    persona: str
    stages: list[tuple[str, str]]  # (id, name) in order
    steps: list[MapStep]
    dependencies: list[MapDependency]
    organisations: dict[str, MapOrganisation]
    data_items: dict[str, str] = field(default_factory=dict)  # id -> name


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass
class Lane:
    key: str  # organisation id, or UNASSIGNED
    label: str
    colour: str
    box: Box


@dataclass
class Column:
    stage_id: str
    name: str
    box: Box
    across: int  # cards side by side in this stage's cells


@dataclass
class MapLayout:
    columns: list[Column]
    lanes: list[Lane]
    cards: dict[str, Box]  # step id -> card
    width: float
    height: float

    def lane_at(self, y: float) -> Lane | None:
        for lane in self.lanes:
            if lane.box.y <= y < lane.box.y + lane.box.h:
                return lane
        return None

    def column_at(self, x: float) -> Column | None:
        for column in self.columns:
            if column.box.x <= x < column.box.x + column.box.w:
                return column
        return None

    def slot_index(self, column: Column, lane: Lane, x: float, y: float) -> int:
        """The position in the cell (lane x stage) that a point falls on, in card order."""
        col = max(0, min(column.across - 1, int((x - column.box.x - GAP / 2) // (CARD_W + GAP))))
        row = max(0, int((y - lane.box.y - GAP / 2) // (CARD_H + GAP)))
        return row * column.across + col


def load_map(session: Session, journey_id: str, *, today: date | None = None) -> MapData:
    """Read a journey's map in a handful of queries."""
    journey = session.get(Journey, journey_id)
    if journey is None:
        raise NotFoundError(f"Unknown journey {journey_id!r}.")
    conn = session.connection()
    stages = [
        (r.id, r.name)
        for r in conn.execute(
            select(Stage.id, Stage.name)
            .where(Stage.journey_id == journey_id)
            .order_by(Stage.position, Stage.created_at)  # type: ignore[arg-type]
        )
    ]
    stage_rank = {sid: i for i, (sid, _) in enumerate(stages)}
    orgs = {
        r.id: MapOrganisation(r.id, r.name, r.short_name, r.colour)
        for r in conn.execute(
            select(Organisation.id, Organisation.name, Organisation.short_name, Organisation.colour).where(
                Organisation.community_id == journey.community_id
            )
        )
    }
    step_rows = list(
        conn.execute(
            select(
                Step.id, Step.title, Step.stage_id, Step.position, Step.owner_id,
                Step.channels, Step.emotion, Step.pain_points,
            ).where(Step.journey_id == journey_id)
        )
    )
    dep_rows = list(
        conn.execute(
            select(
                Dependency.id, Dependency.from_step_id, Dependency.to_step_id, Dependency.kind,
                Dependency.handoff_mode, Dependency.agreed,
            ).where(Dependency.journey_id == journey_id)
        )
    )
    # Open blockers per step: on the step itself or on a dependency into or out of it.
    open_blockers = {
        r.id: r.severity
        for r in conn.execute(
            select(Blocker.id, Blocker.severity).where(
                Blocker.community_id == journey.community_id,
                Blocker.status.in_(OPEN_STATUSES),  # type: ignore[attr-defined]
            )
        )
    }
    step_ids = {r.id for r in step_rows}
    dep_ends = {r.id: (r.from_step_id, r.to_step_id) for r in dep_rows}
    on_step: dict[str, set[str]] = defaultdict(set)
    blocked_deps: set[str] = set()
    for blocker_id, step_id in conn.execute(select(BlockerStep.blocker_id, BlockerStep.step_id)):
        if blocker_id in open_blockers and step_id in step_ids:
            on_step[step_id].add(blocker_id)
    for blocker_id, dep_id in conn.execute(select(BlockerDependency.blocker_id, BlockerDependency.dependency_id)):
        if blocker_id in open_blockers and dep_id in dep_ends:
            blocked_deps.add(dep_id)
            for end in dep_ends[dep_id]:
                on_step[end].add(blocker_id)
    # Data asked again: a data item an earlier step owned by another organisation already collected.
    asks: dict[str, list[str]] = defaultdict(list)
    for step_id, item_id in conn.execute(select(StepDataItem.step_id, StepDataItem.data_item_id)):
        if step_id in step_ids:
            asks[step_id].append(item_id)
    owner = {r.id: r.owner_id for r in step_rows}
    order = {r.id: (stage_rank.get(r.stage_id, 0), r.position) for r in step_rows}
    first_owner: dict[str, tuple[tuple[int, int], str | None]] = {}
    for step_id in sorted(asks, key=order.__getitem__):
        for item in asks[step_id]:
            first_owner.setdefault(item, (order[step_id], owner[step_id]))
    items = {r.id: r.name for r in conn.execute(select(DataItem.id, DataItem.name).where(DataItem.community_id == journey.community_id))}
    steps = []
    rank = {s.value: s.rank for s in Severity}
    for r in step_rows:
        blockers = on_step.get(r.id, set())
        worst = max((open_blockers[b] for b in blockers), key=rank.__getitem__, default=None)
        repeated = tuple(
            sorted(
                items.get(item, item)
                for item in asks.get(r.id, [])
                if first_owner[item][0] < order[r.id] and first_owner[item][1] != r.owner_id
            )
        )
        steps.append(
            MapStep(
                id=r.id, title=r.title, stage_id=r.stage_id, position=r.position, owner_id=r.owner_id,
                channels=tuple(r.channels or ()), emotion=r.emotion, pain_points=r.pain_points or "",
                blocker_count=len(blockers), worst_severity=worst, repeated_data=repeated,
            )
        )
    steps.sort(key=lambda s: order[s.id])
    deps = [
        MapDependency(
            id=r.id, from_step_id=r.from_step_id, to_step_id=r.to_step_id, kind=r.kind,
            handoff_mode=r.handoff_mode, agreed=bool(r.agreed),
            crosses_org=owner.get(r.from_step_id) != owner.get(r.to_step_id),
            blocked=r.id in blocked_deps,
        )
        for r in dep_rows
    ]
    return MapData(journey.id, journey.name, journey.persona, stages, steps, deps, orgs, items)


def layout_map(data: MapData, *, top_org_id: str | None = None) -> MapLayout:
    """Place stages, lanes and cards. ``top_org_id``'s lane (if it has steps) goes first."""
    stage_index = {sid: i for i, (sid, _) in enumerate(data.stages)}
    cells: dict[tuple[str, str], list[MapStep]] = defaultdict(list)
    lane_first: dict[str, tuple[int, int]] = {}
    lane_size: dict[str, int] = defaultdict(int)
    for step in data.steps:
        key = step.owner_id if step.owner_id in data.organisations else UNASSIGNED
        cells[(key, step.stage_id)].append(step)
        lane_first.setdefault(key, (stage_index.get(step.stage_id, 0), step.position))
        lane_size[key] += 1
    keys = sorted((k for k in lane_first if k != UNASSIGNED), key=lambda k: (lane_first[k], -lane_size[k], k))
    if top_org_id in keys:
        keys.remove(top_org_id)  # type: ignore[arg-type]
        keys.insert(0, top_org_id)  # type: ignore[arg-type]
    keys.append(UNASSIGNED)  # always there, so a card can be dragged out of every lane
    across: dict[str, int] = {}
    for sid, _ in data.stages:
        biggest = max((len(cells.get((k, sid), ())) for k in keys), default=0)
        across[sid] = max(1, min(MAX_CARDS_ACROSS, math.ceil(math.sqrt(biggest)) if biggest > 2 else biggest))
    columns = []
    x = LANE_HEADER_W
    for sid, name in data.stages:
        w = across[sid] * (CARD_W + GAP) + GAP
        columns.append(Column(sid, name, Box(x, 0.0, w, STAGE_HEADER_H), across[sid]))
        x += w
    width = x
    lanes = []
    cards: dict[str, Box] = {}
    y = STAGE_HEADER_H
    for key in keys:
        rows = max((math.ceil(len(cells.get((key, sid), ())) / across[sid]) for sid, _ in data.stages), default=0)
        h = max(1, rows) * (CARD_H + GAP) + GAP
        org = data.organisations.get(key)
        lane = Lane(
            key,
            org.label if org else UNASSIGNED_LABEL,
            org.colour if org else UNASSIGNED_COLOUR,
            Box(0.0, y, width, h),
        )
        lanes.append(lane)
        for column in columns:
            for i, step in enumerate(sorted(cells.get((key, column.stage_id), ()), key=lambda s: s.position)):
                r, c = divmod(i, column.across)
                cards[step.id] = Box(
                    column.box.x + GAP + c * (CARD_W + GAP), y + GAP + r * (CARD_H + GAP), CARD_W, CARD_H
                )
        y += h
    for column in columns:
        column.box = Box(column.box.x, 0.0, column.box.w, y)
    return MapLayout(columns, lanes, cards, width, y)
