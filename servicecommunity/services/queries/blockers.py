"""Read models of the blocker register: its rows, a blocker's history, the form's values and choices.

Each function takes a session (see :mod:`servicecommunity.store.reading`) and returns plain values,
never ORM objects, so the register holds ids and text only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity.domain.enums import OPEN_STATUSES, BlockerStatus, UpdateKind, label
from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.domain.models import (
    Blocker,
    BlockerDependency,
    BlockerOrganisation,
    BlockerStep,
    BlockerUpdate,
    Dependency,
    Journey,
    Member,
    Organisation,
    Stage,
    Step,
)
from servicecommunity.i18n import gettext
from servicecommunity.services.queries.community import community_of_journey
from servicecommunity.store import codec


@dataclass(frozen=True)
class BlockerRow:
    """A blocker as the register shows it: plain values, no ORM object."""

    id: str
    title: str
    description: str
    category: str
    severity: str
    status: str
    classification: str
    owner_id: str | None
    owner: str  # its label, "" if nobody owns it
    blocking_organisation_ids: tuple[str, ...]
    blocking: str  # their labels, comma separated
    raised_by_id: str | None
    raised_by: str
    raised_on: date | None
    due_on: date | None
    resolved_on: date | None
    step_ids: tuple[str, ...]
    steps: tuple[str, ...]  # their titles
    dependency_ids: tuple[str, ...]
    standard_points: tuple[int, ...]
    updated_at: datetime
    overdue: bool

    @property
    def is_open(self) -> bool:
        return BlockerStatus(self.status).is_open

    def haystack(self) -> str:
        """Everything the free-text filter searches, folded."""
        return " ".join(
            (self.title, self.description, self.owner, self.blocking, self.raised_by, " ".join(self.steps),
             label(self.category), label(self.status))
        ).casefold()


class Register(NamedTuple):
    """The register of the community a journey belongs to: that community (None if there is none) and its rows."""

    community_id: str | None
    rows: list[BlockerRow]


def register(session: Session, journey_id: str | None, *, today: date | None = None) -> Register:
    """Every blocker of the journey's community (see :func:`community_of_journey`) as register rows."""
    community = community_of_journey(session, journey_id)
    return Register(community, register_rows(session, community, today=today))


def register_rows(
    session: Session, community_id: str | None, *, ids: Iterable[str] | None = None, today: date | None = None
) -> list[BlockerRow]:
    """The community's blockers (or only ``ids``) as register rows, in a handful of queries."""
    if community_id is None:
        return []
    conn = session.connection()
    # Core rows, not ORM objects: a workspace can hold tens of thousands of blockers.
    table = Blocker.__table__  # type: ignore[attr-defined]
    query = select(table).where(table.c.community_id == community_id)
    wanted = None if ids is None else sorted(set(ids))
    if wanted is not None:
        if not wanted:
            return []
        query = query.where(table.c.id.in_(wanted))
    blockers = list(conn.execute(query).all())
    if not blockers:
        return []
    blocker_ids = [b.id for b in blockers]
    orgs = {r.id: (r.short_name or r.name) for r in conn.execute(
        select(col(Organisation.id), col(Organisation.name), col(Organisation.short_name))
        .where(col(Organisation.community_id) == community_id))}
    members = {r.id: r.name for r in conn.execute(
        select(col(Member.id), col(Member.name)).where(col(Member.community_id) == community_id))}
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    link_tables: tuple[tuple[Any, Any, str], ...] = (
        (BlockerOrganisation, col(BlockerOrganisation.organisation_id), "orgs"),
        (BlockerStep, col(BlockerStep.step_id), "steps"),
        (BlockerDependency, col(BlockerDependency.dependency_id), "deps"),
    )
    for link, column, field in link_tables:
        parent = col(link.blocker_id)
        links_query = select(parent, column)
        if wanted is not None:
            links_query = links_query.where(parent.in_(blocker_ids))
        for blocker_id, child_id in conn.execute(links_query):
            links[blocker_id][field].append(child_id)
    titles: dict[str, str]
    if wanted is None:  # every step of the community's journeys, without a huge IN list
        titles = {str(k): str(v) for k, v in conn.execute(
            select(col(Step.id), col(Step.title)).join(Journey, col(Step.journey_id) == col(Journey.id))
            .where(col(Journey.community_id) == community_id)).all()}
    else:
        step_ids = {s for blk in links.values() for s in blk.get("steps", ())}
        titles = {str(k): str(v) for k, v in conn.execute(
            select(col(Step.id), col(Step.title)).where(col(Step.id).in_(step_ids))).all()} if step_ids else {}
    out = []
    for b in blockers:
        blk = links.get(b.id, {})
        blocking = tuple(sorted(blk.get("orgs", ()), key=lambda o: orgs.get(o, o)))
        steps = tuple(sorted(blk.get("steps", ()), key=lambda s: titles.get(s, s)))
        out.append(
            BlockerRow(
                id=b.id, title=b.title, description=b.description, category=b.category, severity=b.severity,
                status=b.status, classification=b.classification, owner_id=b.owner_id,
                owner=orgs.get(b.owner_id, "") if b.owner_id else "",
                blocking_organisation_ids=blocking, blocking=", ".join(orgs.get(o, "?") for o in blocking),
                raised_by_id=b.raised_by_id, raised_by=members.get(b.raised_by_id, "") if b.raised_by_id else "",
                raised_on=b.raised_on, due_on=b.due_on, resolved_on=b.resolved_on,
                step_ids=steps, steps=tuple(titles.get(s, "?") for s in steps),
                dependency_ids=tuple(sorted(blk.get("deps", ()))), standard_points=tuple(b.standard_points or ()),
                updated_at=b.updated_at, overdue=_overdue(b.status, b.due_on, today),
            )
        )
    return out


def _overdue(status: str, due_on: date | None, today: date | None) -> bool:
    """As :func:`servicecommunity.services.queries.is_overdue`, on plain values."""
    return status in OPEN_STATUSES and due_on is not None and due_on < (today or date.today())


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a blocker's history, oldest first."""

    id: str
    at: datetime | date | None
    author: str
    kind: str  # "raised", "comment" or "status"
    text: str


def history(session: Session, blocker_id: str) -> list[HistoryEntry]:
    """A blocker's history in order: when it was raised, then each comment and change of status."""
    blocker = session.get(Blocker, blocker_id)
    if blocker is None:
        return []
    members = {r.id: r.name for r in session.connection().execute(
        select(col(Member.id), col(Member.name)).where(col(Member.community_id) == blocker.community_id))}
    raiser = members.get(blocker.raised_by_id, "") if blocker.raised_by_id else ""
    out = [HistoryEntry(f"{blocker.id}:raised", blocker.raised_on or blocker.created_at, raiser or "Unknown",
                        "raised", f"Raised as {label(blocker.severity).lower()} severity, {label(blocker.category).lower()}")]
    updates = session.scalars(
        select(BlockerUpdate).where(col(BlockerUpdate.blocker_id) == blocker_id).order_by(col(BlockerUpdate.created_at))
    ).all()
    for u in updates:
        author = members.get(u.author_id, "Unknown") if u.author_id else "Unknown"
        if u.kind == UpdateKind.STATUS:
            change = f"Status {label(u.old_status or '?').lower()} → {label(u.new_status or '?').lower()}"
            text = f"{change}: {u.comment}" if u.comment else change
        else:
            text = u.comment
        out.append(HistoryEntry(u.id, u.created_at, author, u.kind, text))
    return out


#: The fields the blocker form edits, the keys :func:`blocker_values` returns.
FORM_FIELDS = (
    "title", "description", "category", "severity", "classification", "owner_id", "blocking_organisation_ids",
    "raised_on", "due_on", "standard_points", "step_ids", "dependency_ids",
)


def blocker_values(session: Session, blocker_id: str) -> dict[str, Any]:
    """A blocker's editable fields (:data:`FORM_FIELDS`) as plain values; dates as dates."""
    blocker = session.get(Blocker, blocker_id)
    if blocker is None:
        raise ServiceCommunityError(gettext("Unknown blocker {blocker_id}.").format(blocker_id=repr(blocker_id)))
    record = codec.record_to_json(session, blocker)
    values = {key: record[key] for key in FORM_FIELDS}
    for key in ("raised_on", "due_on"):
        values[key] = getattr(blocker, key)
    return values


@dataclass(frozen=True)
class FormChoices:
    """What the blocker form offers: organisations, the journey's steps, the dependencies named."""

    organisations: list[tuple[str, str]]  # (label, id)
    steps: list[tuple[str, str]]  # ("Stage · title", id)
    dependencies: list[tuple[str, str]]  # ("from → to", id)


def organisation_labels(session: Session, community_id: str | None) -> list[tuple[str, str]]:
    """``(short name or name, id)`` of the community's organisations, by that label (case-folded)."""
    orgs = session.scalars(select(Organisation).where(col(Organisation.community_id) == community_id)).all()
    return sorted(((o.short_name or o.name, o.id) for o in orgs), key=lambda t: t[0].casefold())


def form_choices(session: Session, community_id: str | None, journey_id: str | None,
                 extra_step_ids: Iterable[str] = (), dependency_ids: Iterable[str] = ()) -> FormChoices:
    """The form's choices: the community's organisations, the journey's steps in map order (and any
    ``extra_step_ids`` from elsewhere), and the named dependencies described "from → to (kind)"."""
    organisations = organisation_labels(session, community_id)
    query = select(Step, col(Stage.name), col(Stage.position)).join(Stage, col(Step.stage_id) == col(Stage.id))
    extra = set(extra_step_ids)
    rows = list(session.execute(query.where(col(Step.journey_id) == journey_id)).all()) if journey_id else []
    if extra - {r[0].id for r in rows}:
        rows += session.execute(query.where(col(Step.id).in_(extra - {r[0].id for r in rows}))).all()
    rows.sort(key=lambda r: (r[2], r[0].position))
    steps = [(f"{stage} · {step.title}", step.id) for step, stage, _pos in rows]
    deps = []
    dep_ids = sorted(set(dependency_ids))
    if dep_ids:
        titles = dict(session.execute(select(col(Step.id), col(Step.title))).all())
        for dep in session.scalars(select(Dependency).where(col(Dependency.id).in_(dep_ids))).all():
            deps.append((f"{titles.get(dep.from_step_id, '?')} → {titles.get(dep.to_step_id, '?')} "
                         f"({label(dep.kind).lower()})", dep.id))
    return FormChoices(organisations, steps, deps)


def member_organisation(session: Session, member_id: str | None) -> tuple[str | None, str]:
    """The organisation a member belongs to: ``(id, short name or name)``, or ``(None, "")``."""
    if not member_id:
        return None, ""
    member = session.get(Member, member_id)
    org = session.get(Organisation, member.organisation_id) if member and member.organisation_id else None
    return (org.id, org.short_name or org.name) if org else (None, "")


def default_owner(session: Session, step_ids: Sequence[str], dependency_ids: Sequence[str]) -> str | None:
    """Who should own a blocker on these steps and hand-offs: the first step's owner, else the owner of
    the first hand-off's receiving step; None when none has one."""
    for step_id in step_ids:
        step = session.get(Step, step_id)
        if step is not None and step.owner_id:
            return step.owner_id
    for dep_id in dependency_ids:
        dep = session.get(Dependency, dep_id)
        step = session.get(Step, dep.to_step_id) if dep else None
        if step is not None and step.owner_id:
            return step.owner_id
    return None
