"""Validated input for the service layer: ``XCreate`` for new records, ``XUpdate`` for partial edits.

Field types carry the domain's rules (vocabularies, the -2..+2 feeling scale, percentages), so a
wrong field is refused before anything touches the store. Updates are the same fields made
optional; the service applies ``model_dump(exclude_unset=True)``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model, field_validator

from servicecommunity import enums

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Percent = Annotated[float, Field(ge=0, le=100)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=36)]

OrganisationKindT = Literal[tuple(e.value for e in enums.OrganisationKind)]  # type: ignore[valid-type]
MemberRoleT = Literal[tuple(e.value for e in enums.MemberRole)]  # type: ignore[valid-type]
JourneyStatusT = Literal[tuple(e.value for e in enums.JourneyStatus)]  # type: ignore[valid-type]
ChannelT = Literal[tuple(e.value for e in enums.Channel)]  # type: ignore[valid-type]
DependencyKindT = Literal[tuple(e.value for e in enums.DependencyKind)]  # type: ignore[valid-type]
HandoffModeT = Literal[tuple(e.value for e in enums.HandoffMode)]  # type: ignore[valid-type]
CategoryT = Literal[tuple(e.value for e in enums.BlockerCategory)]  # type: ignore[valid-type]
SeverityT = Literal[tuple(e.value for e in enums.Severity)]  # type: ignore[valid-type]
StatusT = Literal[tuple(e.value for e in enums.BlockerStatus)]  # type: ignore[valid-type]
ClassificationT = Literal[tuple(e.value for e in enums.Classification)]  # type: ignore[valid-type]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CommunityCreate(_In):
    name: Name
    description: Text = ""


class OrganisationCreate(_In):
    community_id: Id
    name: Name
    short_name: Annotated[str, StringConstraints(max_length=40)] = ""
    kind: OrganisationKindT = "department"
    colour: Colour = "#5b6770"


class GroupCreate(_In):
    community_id: Id
    name: Name
    purpose: Text = ""


class MemberCreate(_In):
    community_id: Id
    name: Name
    email: Annotated[str, StringConstraints(max_length=320)] = ""
    role: MemberRoleT = "member"
    organisation_id: Id | None = None
    group_ids: list[Id] = []


class JourneyCreate(_In):
    community_id: Id
    name: Name
    persona: Text = ""
    user_need: Text = ""
    status: JourneyStatusT = "as_is"
    description: Text = ""


class StageCreate(_In):
    journey_id: Id
    name: Name
    position: int | None = None  # None: after the last stage
    description: Text = ""


class DataItemCreate(_In):
    community_id: Id
    name: Name
    description: Text = ""


class StepCreate(_In):
    journey_id: Id
    stage_id: Id
    title: Name
    position: int | None = None  # None: after the last step of its stage
    description: Text = ""
    owner_id: Id | None = None
    supporter_ids: list[Id] = []
    channels: list[ChannelT] = []
    touchpoint: Text = ""
    touchpoint_url: Annotated[str, StringConstraints(max_length=2000)] = ""
    duration_hours: Annotated[float, Field(ge=0)] | None = None
    emotion: Annotated[int, Field(ge=-2, le=2)] | None = None
    pain_points: Text = ""
    monthly_volume: Annotated[int, Field(ge=0)] | None = None
    cost_per_transaction: Annotated[float, Field(ge=0)] | None = None
    user_satisfaction: Percent | None = None
    completion_rate: Percent | None = None
    digital_take_up: Percent | None = None
    data_item_ids: list[Id] = []

    @field_validator("channels")
    @classmethod
    def _unique_channels(cls, value: list[str]) -> list[str]:
        return sorted(set(value), key=[c.value for c in enums.Channel].index)


class DependencyCreate(_In):
    from_step_id: Id
    to_step_id: Id
    kind: DependencyKindT = "sequence"
    handoff_mode: HandoffModeT | None = None
    agreed: bool = True
    note: Text = ""


class WorkshopCreate(_In):
    community_id: Id
    title: Name
    held_on: date
    journey_id: Id | None = None
    facilitator_id: Id | None = None
    notes: Text = ""
    attendee_ids: list[Id] = []


class BlockerCreate(_In):
    community_id: Id
    title: Name
    description: Text = ""
    category: CategoryT = "other"
    severity: SeverityT = "medium"
    status: StatusT = "open"
    classification: ClassificationT = "OFFICIAL"
    raised_by_id: Id | None = None
    owner_id: Id | None = None
    workshop_id: Id | None = None
    raised_on: date | None = None
    due_on: date | None = None
    resolved_on: date | None = None
    standard_points: list[Annotated[int, Field(ge=1, le=14)]] = []
    blocking_organisation_ids: list[Id] = []
    step_ids: list[Id] = []
    dependency_ids: list[Id] = []

    @field_validator("standard_points")
    @classmethod
    def _sorted_points(cls, value: list[int]) -> list[int]:
        return sorted(set(value))


def _partial(model: type[_In], name: str, fixed: tuple[str, ...]) -> type[_In]:
    """The same fields as ``model``, all optional, less those an edit may not change."""
    fields: dict[str, Any] = {
        key: (info.annotation | None, None)
        for key, info in model.model_fields.items()
        if key not in fixed
    }
    return create_model(name, __base__=_In, **fields)


# What an edit may not change: the community a record belongs to, a step's journey.
CommunityUpdate = _partial(CommunityCreate, "CommunityUpdate", ())
OrganisationUpdate = _partial(OrganisationCreate, "OrganisationUpdate", ("community_id",))
GroupUpdate = _partial(GroupCreate, "GroupUpdate", ("community_id",))
MemberUpdate = _partial(MemberCreate, "MemberUpdate", ("community_id",))
JourneyUpdate = _partial(JourneyCreate, "JourneyUpdate", ("community_id",))
StageUpdate = _partial(StageCreate, "StageUpdate", ("journey_id", "position"))
DataItemUpdate = _partial(DataItemCreate, "DataItemUpdate", ("community_id",))
StepUpdate = _partial(StepCreate, "StepUpdate", ("journey_id",))
DependencyUpdate = _partial(DependencyCreate, "DependencyUpdate", ())
WorkshopUpdate = _partial(WorkshopCreate, "WorkshopUpdate", ("community_id",))
BlockerUpdateIn = _partial(BlockerCreate, "BlockerUpdateIn", ("community_id", "status"))
