"""Read-side questions the command line and the desktop app both ask. No writes here."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from servicecommunity.domain.enums import OPEN_STATUSES, BlockerStatus, Severity
from servicecommunity.domain.errors import NotFoundError
from servicecommunity.domain.models import (
    ENTITIES,
    Blocker,
    Community,
    Journey,
    Organisation,
    Stage,
    Step,
)
from servicecommunity.i18n import gettext


def counts(session: Session) -> dict[str, int]:
    """How many records of each kind the workspace holds."""
    out: dict[str, int] = {}
    for section, model in ENTITIES.items():
        out[section] = session.execute(select(func.count()).select_from(model)).scalar_one()
    return out


def communities(session: Session) -> list[Community]:
    return list(session.scalars(select(Community).order_by(col(Community.name))).all())


def find_organisation(session: Session, name: str, community_id: str | None = None) -> Organisation:
    """An organisation by id, short name or name (case-insensitive)."""
    query = select(Organisation)
    if community_id:
        query = query.where(col(Organisation.community_id) == community_id)
    orgs = session.scalars(query).all()
    wanted = name.casefold()
    for org in orgs:
        if wanted in (org.id, org.short_name.casefold(), org.name.casefold()):
            return org
    choices = ", ".join(sorted(o.short_name or o.name for o in orgs)) or "none"
    raise NotFoundError(gettext("No organisation called {name}; the organisations are: {choices}.").format(name=repr(name), choices=choices))


@dataclass
class JourneyInfo:
    id: str
    name: str
    persona: str
    status: str
    stages: int
    steps: int


def journeys(session: Session) -> list[JourneyInfo]:
    stage_counts: dict[str, int] = dict(
        session.execute(select(col(Stage.journey_id), func.count()).group_by(col(Stage.journey_id))).all()
    )
    step_counts: dict[str, int] = dict(
        session.execute(select(col(Step.journey_id), func.count()).group_by(col(Step.journey_id))).all()
    )
    return [
        JourneyInfo(j.id, j.name, j.persona, j.status, stage_counts.get(j.id, 0), step_counts.get(j.id, 0))
        for j in session.scalars(select(Journey).order_by(col(Journey.name))).all()
    ]


def open_blockers_by_org(session: Session) -> dict[str, Counter[str]]:
    """``{organisation label: Counter(severity)}`` of open blockers, by owning organisation."""
    orgs = {o.id: (o.short_name or o.name) for o in session.scalars(select(Organisation))}
    table: dict[str, Counter[str]] = defaultdict(Counter)
    rows = session.execute(
        select(col(Blocker.owner_id), col(Blocker.severity), func.count())
        .where(col(Blocker.status).in_(OPEN_STATUSES))
        .group_by(col(Blocker.owner_id), col(Blocker.severity))
    ).all()
    for owner_id, severity, n in rows:
        table[orgs.get(owner_id, "(no owner)")][severity] += n
    return dict(sorted(table.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))


def list_blockers(
    session: Session,
    *,
    organisation: str | None = None,
    status: str | None = None,
    severity: str | None = None,
    category: str | None = None,
    open_only: bool = False,
) -> list[Blocker]:
    """Blockers matching the filters, worst first, then by due date."""
    query = select(Blocker)
    if organisation:
        org = find_organisation(session, organisation)
        query = query.where(col(Blocker.owner_id) == org.id)
    if status:
        query = query.where(col(Blocker.status) == status)
    if severity:
        query = query.where(col(Blocker.severity) == severity)
    if category:
        query = query.where(col(Blocker.category) == category)
    if open_only:
        query = query.where(col(Blocker.status).in_(OPEN_STATUSES))
    rows = list(session.scalars(query).all())
    rows.sort(key=lambda b: (-Severity(b.severity).rank, b.due_on or date.max, b.title))
    return rows


def is_overdue(blocker: Any, today: date | None = None) -> bool:
    """Open and past its due date."""
    return (
        BlockerStatus(blocker.status).is_open
        and blocker.due_on is not None
        and blocker.due_on < (today or date.today())
    )


def organisation_labels(session: Session) -> dict[str, str]:
    """``{id: short name or name}`` of every organisation."""
    return {o.id: (o.short_name or o.name) for o in session.scalars(select(Organisation))}
