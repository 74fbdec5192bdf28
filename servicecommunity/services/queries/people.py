"""Read models of organisations, members and sub-groups: their tables, one organisation's page, who is using the app.

Each function takes a session (see :mod:`servicecommunity.store.reading`) and returns plain values,
never ORM objects.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from servicecommunity.analysis.layout import load_map
from servicecommunity.domain.enums import OPEN_STATUSES, Severity
from servicecommunity.domain.models import (
    Blocker,
    BlockerOrganisation,
    Group,
    GroupMember,
    Member,
    Organisation,
    StepSupporter,
)

#: What the status bar says when nobody has said who they are (or the member is gone).
NOBODY = "Who are you? Choose under Community > Who am I…"


@dataclass(frozen=True)
class OrganisationRow:
    id: str
    name: str
    short_name: str
    kind: str
    colour: str
    members: int
    open_blockers: int
    #: the version read with the row (``updated_at``): an edit passes it as ``expected``
    updated_at: Any = field(default=None, compare=False)

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    email: str
    role: str
    organisation_id: str | None
    organisation: str
    group_ids: tuple[str, ...]
    groups: str
    updated_at: Any = field(default=None, compare=False)  # as for OrganisationRow


@dataclass(frozen=True)
class GroupRow:
    id: str
    name: str
    purpose: str
    member_ids: tuple[str, ...]
    members: str
    updated_at: Any = field(default=None, compare=False)  # as for OrganisationRow


def organisations(session: Session, community_id: str | None) -> list[OrganisationRow]:
    """The community's organisations by name, with how many people and open blockers (owned) each has."""
    if community_id is None:
        return []
    orgs = session.scalars(select(Organisation).where(col(Organisation.community_id) == community_id)).all()
    staff = Counter(
        session.scalars(select(col(Member.organisation_id)).where(col(Member.community_id) == community_id)).all()
    )
    blockers = Counter(session.scalars(select(col(Blocker.owner_id)).where(
        col(Blocker.community_id) == community_id, col(Blocker.status).in_(OPEN_STATUSES))).all())
    rows = [OrganisationRow(o.id, o.name, o.short_name, o.kind, o.colour, staff[o.id], blockers[o.id],
                            o.updated_at) for o in orgs]
    return sorted(rows, key=lambda r: r.name.casefold())


def members(session: Session, community_id: str | None) -> list[MemberRow]:
    """The community's members by name, with their organisation's label and their sub-groups (by name)."""
    if community_id is None:
        return []
    orgs = {o.id: o.short_name or o.name for o in session.scalars(
        select(Organisation).where(col(Organisation.community_id) == community_id))}
    groups = {g.id: g.name for g in session.scalars(select(Group).where(col(Group.community_id) == community_id))}
    links: dict[str, list[str]] = defaultdict(list)
    for group_id, member_id in session.execute(select(col(GroupMember.group_id), col(GroupMember.member_id))).all():
        if group_id in groups:
            links[member_id].append(group_id)
    rows = []
    for m in session.scalars(select(Member).where(col(Member.community_id) == community_id)).all():
        ids = tuple(sorted(links.get(m.id, ()), key=lambda g: groups[g].casefold()))
        rows.append(MemberRow(m.id, m.name, m.email, m.role, m.organisation_id,
                              orgs.get(m.organisation_id, "") if m.organisation_id else "",
                              ids, ", ".join(groups[g] for g in ids), m.updated_at))
    return sorted(rows, key=lambda r: r.name.casefold())


def groups(session: Session, community_id: str | None) -> list[GroupRow]:
    """The community's sub-groups by name, with their members (by name)."""
    if community_id is None:
        return []
    names = {m.id: m.name for m in session.scalars(select(Member).where(col(Member.community_id) == community_id))}
    links: dict[str, list[str]] = defaultdict(list)
    for group_id, member_id in session.execute(select(col(GroupMember.group_id), col(GroupMember.member_id))).all():
        if member_id in names:
            links[group_id].append(member_id)
    rows = []
    for g in session.scalars(select(Group).where(col(Group.community_id) == community_id)).all():
        ids = tuple(sorted(links.get(g.id, ()), key=lambda m: names[m].casefold()))
        rows.append(GroupRow(g.id, g.name, g.purpose, ids, ", ".join(names[m] for m in ids), g.updated_at))
    return sorted(rows, key=lambda r: r.name.casefold())


@dataclass(frozen=True)
class Handoff:
    dependency_id: str
    from_step: str
    to_step: str
    other: str  # the organisation on the other side
    kind: str
    agreed: bool
    blocked: bool


#: An open blocker on an organisation's page: (id, title, severity, status).
BlockerItem = tuple[str, str, str, str]


@dataclass(frozen=True)
class OrganisationSummary:
    """One organisation's part in the community and in the current journey."""

    id: str
    name: str
    short_name: str
    kind: str
    colour: str
    journey: str = ""
    members: tuple[tuple[str, str], ...] = ()  # (name, role)
    owned_steps: tuple[tuple[str, str, str], ...] = ()  # (id, stage, title)
    supported_steps: int = 0
    handoffs_in: tuple[Handoff, ...] = ()
    handoffs_out: tuple[Handoff, ...] = ()
    open_blockers: tuple[BlockerItem, ...] = ()  # worst first
    caused_blockers: tuple[BlockerItem, ...] = ()  # open, owned by others, worst first


def organisation_summary(session: Session, organisation_id: str, journey_id: str | None) -> OrganisationSummary | None:
    """What one organisation owns in the journey, its hand-offs in and out, its open blockers (owned and
    caused for others) and its people; None if it no longer exists."""
    org = session.get(Organisation, organisation_id)
    if org is None:
        return None
    people = tuple(sorted(((m.name, m.role) for m in session.scalars(
        select(Member).where(col(Member.organisation_id) == org.id))), key=lambda t: t[0].casefold()))
    journey = ""
    owned_steps: list[tuple[str, str, str]] = []
    handoffs_in: list[Handoff] = []
    handoffs_out: list[Handoff] = []
    supported_steps = 0
    if journey_id:
        data = load_map(session, journey_id)
        journey = data.journey_name
        stages = dict(data.stages)
        steps = {s.id: s for s in data.steps}
        owned_steps = [(s.id, stages.get(s.stage_id, ""), s.title) for s in data.steps if s.owner_id == org.id]
        for dep in data.dependencies:
            a, b = steps.get(dep.from_step_id), steps.get(dep.to_step_id)
            if a is None or b is None or a.owner_id == b.owner_id:
                continue
            if b.owner_id == org.id:
                other = data.organisations.get(a.owner_id) if a.owner_id else None
                handoffs_in.append(Handoff(dep.id, a.title, b.title, other.label if other else "No owner",
                                           dep.kind, dep.agreed, dep.blocked))
            elif a.owner_id == org.id:
                other = data.organisations.get(b.owner_id) if b.owner_id else None
                handoffs_out.append(Handoff(dep.id, a.title, b.title, other.label if other else "No owner",
                                            dep.kind, dep.agreed, dep.blocked))
        supported = set(session.scalars(
            select(col(StepSupporter.step_id)).where(col(StepSupporter.organisation_id) == org.id)).all())
        supported_steps = len(supported & set(steps))
    rank = {s.value: s.rank for s in Severity}
    owned = session.scalars(select(Blocker).where(
        col(Blocker.owner_id) == org.id, col(Blocker.status).in_(OPEN_STATUSES))).all()
    open_blockers = sorted(((b.id, b.title, b.severity, b.status) for b in owned), key=lambda t: -rank[t[2]])
    caused_ids = session.scalars(select(col(BlockerOrganisation.blocker_id)).where(
        col(BlockerOrganisation.organisation_id) == org.id)).all()
    caused = session.scalars(select(Blocker).where(
        col(Blocker.id).in_(caused_ids), col(Blocker.status).in_(OPEN_STATUSES),
        col(Blocker.owner_id) != org.id)).all() if caused_ids else []
    caused_blockers = sorted(((b.id, b.title, b.severity, b.status) for b in caused), key=lambda t: -rank[t[2]])
    return OrganisationSummary(
        org.id, org.name, org.short_name, org.kind, org.colour, journey, people, tuple(owned_steps), supported_steps,
        tuple(handoffs_in), tuple(handoffs_out), tuple(open_blockers), tuple(caused_blockers),
    )


def member_label(session: Session, member_id: str | None) -> str:
    """Who is using the app, for a status bar: "Name (Organisation)", the name alone, or :data:`NOBODY`."""
    if not member_id:
        return NOBODY
    member = session.get(Member, member_id)
    if member is None:
        return NOBODY
    org = session.get(Organisation, member.organisation_id) if member.organisation_id else None
    return f"{member.name} ({org.short_name or org.name})" if org else member.name
