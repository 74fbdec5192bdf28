"""Loading a journey's snapshot from the workspace in one pass.

:func:`load_journey` reads everything the analysis needs about one journey with a handful of bulk
Core queries (never one per step) into a :class:`~servicecommunity.analysis.snapshot.JourneyData`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime
from itertools import starmap
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlmodel import Session

from servicecommunity.analysis.snapshot import (
    BlockerInfo,
    DependencyInfo,
    JourneyData,
    OrganisationInfo,
    StageInfo,
    StepInfo,
    build_journey_data,
)
from servicecommunity.domain.enums import OPEN_STATUSES, Classification
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.domain.models import (
    Blocker,
    BlockerDependency,
    BlockerOrganisation,
    BlockerStep,
    BlockerUpdate,
    DataItem,
    Dependency,
    Journey,
    Member,
    Organisation,
    Stage,
    Step,
    StepDataItem,
    StepSupporter,
)
from servicecommunity.i18n import gettext
from servicecommunity.store.bulk import gc_paused


def _cols(model: Any) -> Any:
    return model.__table__.c


def _as_date(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo is None else value.astimezone(UTC)).date()
    return value


def load_journey(session: Session, journey_id: str) -> JourneyData:
    """Read one journey, its community's organisations and the open blockers on it, in bulk.

    A dozen Core ``select`` statements whatever the size of the journey. Raises
    :class:`NotFoundError` when there is no such journey.
    """
    with gc_paused():
        return _load_journey(session, journey_id)


def _load_journey(session: Session, journey_id: str) -> JourneyData:
    conn = session.connection()
    j, sg, st, dp = _cols(Journey), _cols(Stage), _cols(Step), _cols(Dependency)
    st_table = Step.__table__  # type: ignore[attr-defined]
    row = conn.execute(select(j.id, j.name, j.community_id).where(j.id == journey_id)).first()
    if row is None:
        raise NotFoundError(gettext("No journey with id {id!r}.").format(id=journey_id))
    community_id = row.community_id

    stages = [
        StageInfo(r.id, r.name, r.position)
        for r in conn.execute(select(sg.id, sg.name, sg.position).where(sg.journey_id == journey_id))
    ]
    channel_lists = _Channels()
    supporters: dict[str, list[str]] = defaultdict(list)
    ss = _cols(StepSupporter)
    for step_id, org_id in conn.execute(
        select(ss.step_id, ss.organisation_id).join(st_table, st.id == ss.step_id).where(st.journey_id == journey_id)
    ).all():
        supporters[step_id].append(org_id)
    asks: dict[str, list[str]] = defaultdict(list)
    sd = _cols(StepDataItem)
    for step_id, item_id in conn.execute(
        select(sd.step_id, sd.data_item_id).join(st_table, st.id == sd.step_id).where(st.journey_id == journey_id)
    ).all():
        asks[step_id].append(item_id)
    di = _cols(DataItem)
    data_items: dict[str, str] = dict(conn.execute(select(di.id, di.name).where(di.community_id == community_id)).all())
    empty: tuple[str, ...] = ()
    steps = [
        StepInfo(
            step_id, title, stage_id, position, owner_id, channel_lists.of(channels), hours, volume,
            tuple(sorted(supporters[step_id])) if step_id in supporters else empty,
            tuple(sorted(asks[step_id])) if step_id in asks else empty,
            wait,
        )
        for step_id, title, stage_id, position, owner_id, channels, hours, volume, wait in conn.execute(
            select(
                st.id, st.title, st.stage_id, st.position, st.owner_id, type_coerce(st.channels, String),
                st.duration_hours, st.monthly_volume, st.wait_hours,
            ).where(st.journey_id == journey_id)
        ).all()
    ]
    # The driver's rows as the records: ``agreed`` already a bool (SQLAlchemy's Boolean type reads it so).
    dependencies = list(starmap(DependencyInfo, conn.execute(
        select(dp.id, dp.from_step_id, dp.to_step_id, dp.kind, dp.handoff_mode, dp.agreed).where(
            dp.journey_id == journey_id
        )
    ).all()))

    og, mb = _cols(Organisation), _cols(Member)
    members: dict[str, int] = dict(conn.execute(
            select(mb.organisation_id, func.count())
            .where(mb.community_id == community_id, mb.organisation_id.is_not(None))
            .group_by(mb.organisation_id)
        ).all())
    organisations = [
        OrganisationInfo(r.id, r.name, r.short_name, members.get(r.id, 0))
        for r in conn.execute(select(og.id, og.name, og.short_name).where(og.community_id == community_id))
    ]

    blockers = _load_blockers(conn, community_id, {s.id for s in steps}, {d.id for d in dependencies})
    return build_journey_data(
        journey_id=journey_id,
        journey_name=row.name,
        community_id=community_id,
        stages=stages,
        steps=steps,
        dependencies=dependencies,
        organisations=organisations,
        data_items=data_items,
        blockers=blockers,
    )


class _Channels(dict[Any, tuple[str, ...]]):
    """Steps' channel lists by their stored form, each parsed once: a journey has a few dozen distinct ones.

    Keyed by the JSON text as SQLite holds it; a driver that parses JSON itself gives lists, keyed as tuples.
    """

    def __missing__(self, stored: Any) -> tuple[str, ...]:
        values = json.loads(stored) if isinstance(stored, str) else stored
        found = self[stored] = tuple(values or ())
        return found

    def of(self, stored: Any) -> tuple[str, ...]:
        return self[stored if stored is None or isinstance(stored, str) else tuple(stored)]


class _Days(dict[Any, "date | None"]):
    """The UTC day of each stored date or time (text in SQLite, a date or datetime elsewhere), each parsed once."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, value: Any) -> date | None:
        day = self[value] = _day_of(value)
        return day


def _load_blockers(conn: Any, community_id: str, step_ids: set[str], dep_ids: set[str]) -> list[BlockerInfo]:
    """The open blockers that name a step or dependency of the journey, with their links and last update.

    The links of the community's open blockers are read through the blocker key and kept when they
    point into the journey: in SQLite that is about twice as fast as joining each link to its step.
    """
    bk = _cols(Blocker)
    bs, bd, bo, bu = _cols(BlockerStep), _cols(BlockerDependency), _cols(BlockerOrganisation), _cols(BlockerUpdate)
    open_ids = select(bk.id).where(bk.community_id == community_id, bk.status.in_(OPEN_STATUSES))
    on_steps: dict[str, list[str]] = defaultdict(list)
    for blocker_id, step_id in conn.execute(
        select(bs.blocker_id, bs.step_id).where(bs.blocker_id.in_(open_ids)).order_by(bs.blocker_id, bs.step_id)
    ).all():
        if step_id in step_ids:
            on_steps[blocker_id].append(step_id)
    on_deps: dict[str, list[str]] = defaultdict(list)
    for blocker_id, dep_id in conn.execute(
        select(bd.blocker_id, bd.dependency_id)
        .where(bd.blocker_id.in_(open_ids))
        .order_by(bd.blocker_id, bd.dependency_id)
    ).all():
        if dep_id in dep_ids:
            on_deps[blocker_id].append(dep_id)
    causes: dict[str, list[str]] = defaultdict(list)
    for blocker_id, org_id in conn.execute(
        select(bo.blocker_id, bo.organisation_id)
        .where(bo.blocker_id.in_(open_ids))
        .order_by(bo.blocker_id, bo.organisation_id)
    ).all():
        causes[blocker_id].append(org_id)
    # Times as stored text: only the day matters, and parsing 20,000 datetimes costs more than the query.
    latest = dict(
        conn.execute(
            select(bu.blocker_id, type_coerce(func.max(bu.created_at), String))
            .where(bu.blocker_id.in_(open_ids))
            .group_by(bu.blocker_id)
        ).all()
    )
    # Dates as stored text too: each distinct day parsed once (SQLAlchemy's Date type parses every one).
    rows = conn.execute(
        select(
            bk.id, bk.title, bk.severity, bk.status, bk.owner_id, type_coerce(bk.raised_on, String),
            type_coerce(bk.due_on, String), type_coerce(bk.created_at, String), bk.classification,
        )
        .where(bk.community_id == community_id, bk.status.in_(OPEN_STATUSES))
    ).all()
    out = []
    empty: tuple[str, ...] = ()
    days = _Days()
    sensitive = Classification.OFFICIAL_SENSITIVE.value
    for blocker_id, title, severity, status, owner_id, raised_on, due_on, created_at, classification in rows:
        if blocker_id not in on_steps and blocker_id not in on_deps:
            continue
        raised = days[raised_on]
        out.append(
            BlockerInfo(
                blocker_id, title, severity, status, owner_id, raised, days[due_on],
                days[latest.get(blocker_id)] or raised or days[created_at],
                tuple(on_steps[blocker_id]) if blocker_id in on_steps else empty,  # sorted by the query
                tuple(on_deps[blocker_id]) if blocker_id in on_deps else empty,
                tuple(causes[blocker_id]) if blocker_id in causes else empty,
                classification == sensitive,
            )
        )
    return out


def _day_of(value: str | datetime | date | None) -> date | None:
    """The UTC day of a stored time, read as text (SQLite) or as a datetime (other databases)."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return _as_date(value)
