"""The rules of each record, defined once: ``XBase`` holds a record's fields and their constraints.

``XCreate`` (a new record) is ``XBase`` plus what only a create sets (the community a record belongs
to, a step's journey); ``XUpdate`` (a partial edit) is ``XBase`` with every field optional and the
same constraints and validators (:func:`_partial`); the service applies
``model_dump(exclude_unset=True)``. The bundle's JSON Schema takes its enums, ranges, lengths and
patterns from these same classes (:func:`json_rules`), so a value a create refuses is refused by an
edit and by an import too. This is the model family of the full-stack FastAPI template
(``ItemBase``/``ItemCreate``/``ItemUpdate``), without restating a field in the update.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model, field_validator

from servicecommunity.domain import enums

MAX_INTEGER = 2**63 - 1  # the largest INTEGER SQLite stores

# A name or title: not blank (the pattern says so to a JSON Schema, which cannot strip whitespace).
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500, pattern=r"\S")]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Percent = Annotated[float, Field(ge=0, le=100)]
Amount = Annotated[float, Field(ge=0)]  # finite: _In refuses infinity and NaN
Count = Annotated[int, Field(ge=0, le=MAX_INTEGER)]  # also a position in an ordered list
Id = Annotated[str, StringConstraints(min_length=1, max_length=36)]

# Each vocabulary's words, read from its enum so they are written once. mypy cannot evaluate a
# Literal built at run time, so to the type checker each one is the plain ``str`` it is stored as;
# pydantic (and the JSON Schema) see the Literal.
if TYPE_CHECKING:
    OrganisationKindT: TypeAlias = str
    MemberRoleT: TypeAlias = str
    JourneyStatusT: TypeAlias = str
    ChannelT: TypeAlias = str
    DependencyKindT: TypeAlias = str
    HandoffModeT: TypeAlias = str
    CategoryT: TypeAlias = str
    SeverityT: TypeAlias = str
    StatusT: TypeAlias = str
    ClassificationT: TypeAlias = str
    UpdateKindT: TypeAlias = str
else:
    OrganisationKindT = Literal[tuple(e.value for e in enums.OrganisationKind)]
    MemberRoleT = Literal[tuple(e.value for e in enums.MemberRole)]
    JourneyStatusT = Literal[tuple(e.value for e in enums.JourneyStatus)]
    ChannelT = Literal[tuple(e.value for e in enums.Channel)]
    DependencyKindT = Literal[tuple(e.value for e in enums.DependencyKind)]
    HandoffModeT = Literal[tuple(e.value for e in enums.HandoffMode)]
    CategoryT = Literal[tuple(e.value for e in enums.BlockerCategory)]
    SeverityT = Literal[tuple(e.value for e in enums.Severity)]
    StatusT = Literal[tuple(e.value for e in enums.BlockerStatus)]
    ClassificationT = Literal[tuple(e.value for e in enums.Classification)]
    UpdateKindT = Literal[tuple(e.value for e in enums.UpdateKind)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


M = TypeVar("M", bound=_In)


def _partial(base: type[M], name: str) -> type[M]:
    """``base`` with every field optional (``None`` unless given), keeping its constraints and validators.

    A field's constraints live in its ``FieldInfo.metadata`` once pydantic has read the class, so
    they are put back around the type before ``| None`` is added; the validators come with the base.
    """
    fields: dict[str, Any] = {}
    for key, info in base.model_fields.items():
        kind: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        fields[key] = (kind | None, None)
    return create_model(name, __base__=base, __module__=__name__, **fields)


# --- the community and its people -------------------------------------------------------------------


class CommunityBase(_In):
    name: Name
    description: Text = ""


class CommunityCreate(CommunityBase):
    pass


class OrganisationBase(_In):
    name: Name
    short_name: Annotated[str, StringConstraints(max_length=40)] = ""
    kind: OrganisationKindT = "department"
    colour: Colour = "#5b6770"


class OrganisationCreate(OrganisationBase):
    community_id: Id


class GroupBase(_In):
    name: Name
    purpose: Text = ""


class GroupCreate(GroupBase):
    community_id: Id


class MemberBase(_In):
    name: Name
    email: Annotated[str, StringConstraints(max_length=320)] = ""
    role: MemberRoleT = "member"
    organisation_id: Id | None = None
    group_ids: list[Id] = []


class MemberCreate(MemberBase):
    community_id: Id


class DataItemBase(_In):
    name: Name
    description: Text = ""


class DataItemCreate(DataItemBase):
    community_id: Id


# --- journeys -----------------------------------------------------------------------------------------


class JourneyBase(_In):
    name: Name
    persona: Text = ""
    user_need: Text = ""
    status: JourneyStatusT = "as_is"
    description: Text = ""
    as_is_id: Id | None = None  # the journey this one is the to-be of


class JourneyCreate(JourneyBase):
    community_id: Id
    position: Count | None = None  # None: after the ordered journeys (reorder_journeys orders them)


class StageBase(_In):
    name: Name
    description: Text = ""


class StageCreate(StageBase):
    journey_id: Id
    position: Count | None = None  # None: after the last stage (reorder_stages moves a stage)


class StepBase(_In):
    stage_id: Id
    title: Name
    position: Count | None = None  # None: after the last step of its stage
    description: Text = ""
    owner_id: Id | None = None
    supporter_ids: list[Id] = []
    channels: list[ChannelT] = []
    touchpoint: Text = ""
    touchpoint_url: Annotated[str, StringConstraints(max_length=2000)] = ""
    duration_hours: Amount | None = None
    wait_hours: Amount | None = None
    emotion: Annotated[int, Field(ge=-2, le=2)] | None = None
    pain_points: Text = ""
    monthly_volume: Count | None = None
    cost_per_transaction: Amount | None = None
    user_satisfaction: Percent | None = None
    completion_rate: Percent | None = None
    digital_take_up: Percent | None = None
    data_item_ids: list[Id] = []

    @field_validator("channels")
    @classmethod
    def _unique_channels(cls, value: list[str] | None) -> list[str] | None:
        if value is None:  # an edit that empties a required field: the service says so
            return None
        return sorted(set(value), key=[c.value for c in enums.Channel].index)


class StepCreate(StepBase):
    journey_id: Id


class DependencyBase(_In):
    from_step_id: Id
    to_step_id: Id
    kind: DependencyKindT = "sequence"
    handoff_mode: HandoffModeT | None = None
    agreed: bool = True
    note: Text = ""


class DependencyCreate(DependencyBase):
    pass


# --- blockers and workshops -----------------------------------------------------------------------


class WorkshopBase(_In):
    title: Name
    held_on: date
    journey_id: Id | None = None
    facilitator_id: Id | None = None
    notes: Text = ""
    attendee_ids: list[Id] = []


class WorkshopCreate(WorkshopBase):
    community_id: Id


class BlockerBase(_In):
    title: Name
    description: Text = ""
    category: CategoryT = "other"
    severity: SeverityT = "medium"
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
    def _sorted_points(cls, value: list[int] | None) -> list[int] | None:
        return None if value is None else sorted(set(value))


class BlockerCreate(BlockerBase):
    community_id: Id
    status: StatusT = "open"  # afterwards it changes through the blocker's history


class BlockerUpdateBase(_In):
    """An entry of a blocker's history (written by ``services.change_blocker_status`` and the like)."""

    kind: UpdateKindT = "comment"
    comment: Text = ""
    old_status: StatusT | None = None
    new_status: StatusT | None = None


class NoteBase(_In):
    """An entry of the thread on a step or a hand-off: its words (not blank)."""

    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000, pattern=r"\S")]


class NoteCreate(NoteBase):
    """A new note: on a step or on a dependency (exactly one), by a member (or nobody known)."""

    step_id: Id | None = None
    dependency_id: Id | None = None
    author_id: Id | None = None


# What an edit may change: the base's fields. What it may not (the community a record belongs to, a
# step's journey, a stage's place, a blocker's status) is only in the create.
CommunityUpdate = _partial(CommunityBase, "CommunityUpdate")
OrganisationUpdate = _partial(OrganisationBase, "OrganisationUpdate")
GroupUpdate = _partial(GroupBase, "GroupUpdate")
MemberUpdate = _partial(MemberBase, "MemberUpdate")
JourneyUpdate = _partial(JourneyBase, "JourneyUpdate")
StageUpdate = _partial(StageBase, "StageUpdate")
DataItemUpdate = _partial(DataItemBase, "DataItemUpdate")
StepUpdate = _partial(StepBase, "StepUpdate")
DependencyUpdate = _partial(DependencyBase, "DependencyUpdate")
WorkshopUpdate = _partial(WorkshopBase, "WorkshopUpdate")
BlockerUpdateIn = _partial(BlockerBase, "BlockerUpdateIn")
NoteUpdate = _partial(NoteBase, "NoteUpdate")

#: The definition each bundle section's records follow.
RECORDS: dict[str, type[_In]] = {
    "communities": CommunityCreate,
    "organisations": OrganisationCreate,
    "groups": GroupCreate,
    "members": MemberCreate,
    "data_items": DataItemCreate,
    "journeys": JourneyCreate,
    "stages": StageCreate,
    "steps": StepCreate,
    "dependencies": DependencyCreate,
    "workshops": WorkshopCreate,
    "blockers": BlockerCreate,
    "blocker_updates": BlockerUpdateBase,
    "notes": NoteCreate,
}

# The JSON Schema keywords that carry a rule (the type comes from the table's column).
_RULE_KEYWORDS = ("enum", "minimum", "maximum", "minLength", "maxLength", "pattern")


def _rules_of(prop: dict[str, Any]) -> dict[str, Any]:
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    if len(options) != 1:  # pragma: no cover - a field of two types needs its own rule in the bundle
        raise AssertionError(f"a field of several types: {prop}")
    option = options[0]
    rules = {key: option[key] for key in _RULE_KEYWORDS if key in option}
    if option.get("type") == "array":
        rules["items"] = {"type": option["items"]["type"], **_rules_of(option["items"])}
    return rules


def json_rules(section: str) -> dict[str, dict[str, Any]]:
    """Per field of a section's records, the JSON Schema keywords of its rules (for the bundle's schema)."""
    properties = RECORDS[section].model_json_schema()["properties"]
    return {name: rules for name, prop in properties.items() if (rules := _rules_of(prop))}
