"""The domain model: a service community, its journeys, the organisations that own each step, blockers.

Every record has a UUID key (stored as its 36-character text, the same in the database and in a
bundle) and created/updated times in UTC. Deleting a record writes a :class:`Tombstone`, so that a
deletion travels to other laptops when maps are merged. Many-to-many sets (a step's supporting
organisations, a blocker's affected steps...) live in link tables; in a bundle they travel inside
their parent record, so changing a set changes the parent's ``updated_at``.

No ``from __future__ import annotations`` here: SQLModel resolves field types at class creation.
"""

import uuid
from datetime import UTC, date, datetime
from typing import NamedTuple

from sqlalchemy import JSON, Column, Index, MetaData
from sqlmodel import Field, SQLModel

# A constraint naming convention, so that Alembic's batch migrations on SQLite can find and
# change constraints by name (Alembic docs, "Integration of Naming Conventions into Operations").
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def new_id() -> str:
    """A fresh record key."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (SQLModel's UTCDateTime refuses naive times)."""
    return datetime.now(UTC)


class Record(SQLModel):
    """Fields every stored record has."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


# --- the community and its people -------------------------------------------------------------


class Community(Record, table=True):
    name: str
    description: str = ""


class Organisation(Record, table=True):
    community_id: str = Field(foreign_key="community.id", index=True)
    name: str
    short_name: str = ""
    kind: str = "department"  # enums.OrganisationKind
    colour: str = "#5b6770"  # #rrggbb


class Group(Record, table=True):
    """A sub-group inside the community (for example user research)."""

    __tablename__ = "community_group"
    community_id: str = Field(foreign_key="community.id", index=True)
    name: str
    purpose: str = ""


class Member(Record, table=True):
    community_id: str = Field(foreign_key="community.id", index=True)
    name: str
    email: str = ""
    role: str = "member"  # enums.MemberRole
    organisation_id: str | None = Field(
        default=None, foreign_key="organisation.id", index=True, ondelete="SET NULL"
    )


class GroupMember(SQLModel, table=True):
    group_id: str = Field(foreign_key="community_group.id", primary_key=True, ondelete="CASCADE")
    member_id: str = Field(foreign_key="member.id", primary_key=True, ondelete="CASCADE")


# --- journeys -----------------------------------------------------------------------------------


class Journey(Record, table=True):
    community_id: str = Field(foreign_key="community.id", index=True)
    name: str
    persona: str = ""
    user_need: str = ""
    status: str = "as_is"  # enums.JourneyStatus
    description: str = ""
    # The journey this one is the to-be of (a loose reference: the as-is may be deleted, or not in
    # a one-journey bundle; then the link reads as none).
    as_is_id: str | None = Field(default=None, max_length=36)
    position: int | None = None  # order in the navigator; None: after the ordered ones, by name


class Stage(Record, table=True):
    journey_id: str = Field(foreign_key="journey.id", index=True, ondelete="CASCADE")
    name: str
    position: int = 0
    description: str = ""


class Step(Record, table=True):
    journey_id: str = Field(foreign_key="journey.id", index=True, ondelete="CASCADE")
    stage_id: str = Field(foreign_key="stage.id", index=True, ondelete="CASCADE")
    position: int = 0  # order within its stage
    title: str
    description: str = ""
    owner_id: str | None = Field(
        default=None, foreign_key="organisation.id", index=True, ondelete="SET NULL"
    )
    channels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    touchpoint: str = ""  # a GOV.UK page, a form, a call centre
    touchpoint_url: str = ""
    duration_hours: float | None = None  # typical time the user spends on it (waiting included when wait_hours is None)
    wait_hours: float | None = None  # typical time the user waits (a decision, a letter); None: not recorded
    emotion: int | None = None  # how the user feels, -2..+2
    pain_points: str = ""
    monthly_volume: int | None = None
    cost_per_transaction: float | None = None  # GBP
    user_satisfaction: float | None = None  # percent
    completion_rate: float | None = None  # percent
    digital_take_up: float | None = None  # percent


class StepSupporter(SQLModel, table=True):
    """An organisation that supports a step it does not own."""

    step_id: str = Field(foreign_key="step.id", primary_key=True, ondelete="CASCADE")
    organisation_id: str = Field(foreign_key="organisation.id", primary_key=True, ondelete="CASCADE")


class DataItem(Record, table=True):
    """Something a step asks the user for, e.g. "National Insurance number"."""

    community_id: str = Field(foreign_key="community.id", index=True)
    name: str
    description: str = ""


class StepDataItem(SQLModel, table=True):
    step_id: str = Field(foreign_key="step.id", primary_key=True, ondelete="CASCADE")
    data_item_id: str = Field(foreign_key="dataitem.id", primary_key=True, ondelete="CASCADE")


class Dependency(Record, table=True):
    """``to_step`` needs ``from_step`` first, or a hand-off of data or work between them."""

    __table_args__ = (Index("ix_dependency_journey_from_to", "journey_id", "from_step_id", "to_step_id"),)
    journey_id: str = Field(foreign_key="journey.id", ondelete="CASCADE")
    from_step_id: str = Field(foreign_key="step.id", index=True, ondelete="CASCADE")
    to_step_id: str = Field(foreign_key="step.id", index=True, ondelete="CASCADE")
    kind: str = "sequence"  # enums.DependencyKind
    handoff_mode: str | None = None  # enums.HandoffMode
    agreed: bool = True  # has the hand-off been agreed between the organisations?
    note: str = ""


# --- blockers and workshops ---------------------------------------------------------------------


class Workshop(Record, table=True):
    community_id: str = Field(foreign_key="community.id", index=True)
    journey_id: str | None = Field(default=None, foreign_key="journey.id", ondelete="SET NULL")
    title: str
    held_on: date
    facilitator_id: str | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    notes: str = ""


class WorkshopAttendee(SQLModel, table=True):
    workshop_id: str = Field(foreign_key="workshop.id", primary_key=True, ondelete="CASCADE")
    member_id: str = Field(foreign_key="member.id", primary_key=True, ondelete="CASCADE")


class Blocker(Record, table=True):
    """Something that stops the community improving the journey."""

    community_id: str = Field(foreign_key="community.id", index=True)
    title: str
    description: str = ""
    category: str = "other"  # enums.BlockerCategory
    severity: str = "medium"  # enums.Severity
    status: str = "open"  # enums.BlockerStatus
    classification: str = "OFFICIAL"  # enums.Classification
    raised_by_id: str | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    owner_id: str | None = Field(
        default=None, foreign_key="organisation.id", index=True, ondelete="SET NULL"
    )  # the organisation that must resolve it
    workshop_id: str | None = Field(default=None, foreign_key="workshop.id", ondelete="SET NULL")
    raised_on: date | None = None
    due_on: date | None = None
    resolved_on: date | None = None
    standard_points: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class BlockerOrganisation(SQLModel, table=True):
    """An organisation whose policy, system or timeline causes the blocker."""

    blocker_id: str = Field(foreign_key="blocker.id", primary_key=True, ondelete="CASCADE")
    organisation_id: str = Field(foreign_key="organisation.id", primary_key=True, ondelete="CASCADE")


class BlockerStep(SQLModel, table=True):
    blocker_id: str = Field(foreign_key="blocker.id", primary_key=True, ondelete="CASCADE")
    step_id: str = Field(foreign_key="step.id", primary_key=True, index=True, ondelete="CASCADE")


class BlockerDependency(SQLModel, table=True):
    blocker_id: str = Field(foreign_key="blocker.id", primary_key=True, ondelete="CASCADE")
    dependency_id: str = Field(
        foreign_key="dependency.id", primary_key=True, index=True, ondelete="CASCADE"
    )


class BlockerUpdate(Record, table=True):
    """One entry of a blocker's history: a comment, or a change of status (with an optional comment)."""

    # the history in time order, and the latest change per blocker, read from the index alone
    __table_args__ = (Index("ix_blockerupdate_blocker_created", "blocker_id", "created_at"),)
    blocker_id: str = Field(foreign_key="blocker.id", ondelete="CASCADE")
    author_id: str | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    kind: str = "comment"  # enums.UpdateKind
    comment: str = ""
    old_status: str | None = None
    new_status: str | None = None


class Note(Record, table=True):
    """One entry of the comment thread on a step or a hand-off (a dependency): exactly one of the two.

    ``journey_id`` is the journey of that step or dependency (as a dependency holds its steps'),
    so that a one-journey bundle carries the journey's notes and their deletions.
    """

    # each thread in time order, read from the index alone
    __table_args__ = (
        Index("ix_note_step_created", "step_id", "created_at"),
        Index("ix_note_dependency_created", "dependency_id", "created_at"),
    )
    journey_id: str = Field(foreign_key="journey.id", index=True, ondelete="CASCADE")
    step_id: str | None = Field(default=None, foreign_key="step.id", ondelete="CASCADE")
    dependency_id: str | None = Field(default=None, foreign_key="dependency.id", ondelete="CASCADE")
    author_id: str | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    body: str


# --- bookkeeping ----------------------------------------------------------------------------------


class Tombstone(SQLModel, table=True):
    """A deleted record, remembered so that its deletion travels in bundles."""

    id: str = Field(primary_key=True, max_length=36)
    entity: str  # the bundle section it was in, e.g. "steps"
    deleted_at: datetime = Field(default_factory=utcnow)


class Activity(SQLModel, table=True):
    """The activity log: who changed what, when. Local to the workspace; not exported."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: str | None = None  # a member id, when the app knows who is using it
    action: str  # create / update / delete / reorder / link / import / merge
    entity: str
    entity_id: str | None = None
    summary: str = ""


class Meta(SQLModel, table=True):
    """Workspace facts: its own id, the current user, the last time it shared with a peer."""

    key: str = Field(primary_key=True)
    value: str


# The record tables in dependency order (parents first), keyed by their bundle section name.
ENTITIES: dict[str, type[Record]] = {
    "communities": Community,
    "organisations": Organisation,
    "groups": Group,
    "members": Member,
    "data_items": DataItem,
    "journeys": Journey,
    "stages": Stage,
    "steps": Step,
    "dependencies": Dependency,
    "workshops": Workshop,
    "blockers": Blocker,
    "blocker_updates": BlockerUpdate,
    "notes": Note,
}


class LinkSet(NamedTuple):
    """A many-to-many set stored in ``table``, carried in a bundle as the parent's list ``field``."""

    field: str
    table: type[SQLModel]
    parent_column: str
    child_column: str
    child: type[Record]


# The sets each record carries (by bundle section).
LINKS: dict[str, tuple[LinkSet, ...]] = {
    "members": (LinkSet("group_ids", GroupMember, "member_id", "group_id", Group),),
    "steps": (
        LinkSet("supporter_ids", StepSupporter, "step_id", "organisation_id", Organisation),
        LinkSet("data_item_ids", StepDataItem, "step_id", "data_item_id", DataItem),
    ),
    "workshops": (LinkSet("attendee_ids", WorkshopAttendee, "workshop_id", "member_id", Member),),
    "blockers": (
        LinkSet("blocking_organisation_ids", BlockerOrganisation, "blocker_id", "organisation_id", Organisation),
        LinkSet("step_ids", BlockerStep, "blocker_id", "step_id", Step),
        LinkSet("dependency_ids", BlockerDependency, "blocker_id", "dependency_id", Dependency),
    ),
}

SECTION_OF: dict[type[Record], str] = {model: section for section, model in ENTITIES.items()}

# The references each record holds: column -> the section it points into.
REFS: dict[str, dict[str, str]] = {
    "communities": {},
    "organisations": {"community_id": "communities"},
    "groups": {"community_id": "communities"},
    "members": {"community_id": "communities", "organisation_id": "organisations"},
    "data_items": {"community_id": "communities"},
    "journeys": {"community_id": "communities"},
    "stages": {"journey_id": "journeys"},
    "steps": {"journey_id": "journeys", "stage_id": "stages", "owner_id": "organisations"},
    "dependencies": {"journey_id": "journeys", "from_step_id": "steps", "to_step_id": "steps"},
    "workshops": {"community_id": "communities", "journey_id": "journeys", "facilitator_id": "members"},
    "blockers": {
        "community_id": "communities",
        "raised_by_id": "members",
        "owner_id": "organisations",
        "workshop_id": "workshops",
    },
    "blocker_updates": {"blocker_id": "blockers", "author_id": "members"},
    "notes": {"journey_id": "journeys", "step_id": "steps", "dependency_id": "dependencies", "author_id": "members"},
}

# References whose target's deletion deletes the record too (the rest are set to null).
OWNING_REFS: frozenset[tuple[str, str]] = frozenset(
    {(section, "community_id") for section in REFS if "community_id" in REFS[section]}
    | {
        ("stages", "journey_id"),
        ("steps", "journey_id"),
        ("steps", "stage_id"),
        ("dependencies", "journey_id"),
        ("dependencies", "from_step_id"),
        ("dependencies", "to_step_id"),
        ("blocker_updates", "blocker_id"),
        ("notes", "journey_id"),
        ("notes", "step_id"),  # a note is on a step or on a dependency: the other reference is null
        ("notes", "dependency_id"),
    }
)
#: Owning references that may be null, one of a group being set (a note's step or dependency).
ONE_OF_REFS: dict[str, tuple[str, ...]] = {"notes": ("step_id", "dependency_id")}
