"""The fixed vocabularies of the domain (see DOMAIN.md).

Stored as their string values, so a workspace file and a bundle read the same words a person does.
"""

from enum import StrEnum


class OrganisationKind(StrEnum):
    DEPARTMENT = "department"
    AGENCY = "agency"
    LOCAL_AUTHORITY = "local_authority"
    ARMS_LENGTH_BODY = "arms_length_body"
    THIRD_SECTOR = "third_sector"
    OTHER = "other"


class MemberRole(StrEnum):
    FACILITATOR = "facilitator"
    MEMBER = "member"
    OBSERVER = "observer"


class JourneyStatus(StrEnum):
    AS_IS = "as_is"
    TO_BE = "to_be"


class Channel(StrEnum):
    ONLINE = "online"
    PHONE = "phone"
    PAPER = "paper"
    FACE_TO_FACE = "face_to_face"


class DependencyKind(StrEnum):
    SEQUENCE = "sequence"
    NEEDS = "needs"
    DATA_HANDOFF = "data_handoff"
    ALTERNATIVE = "alternative"


class HandoffMode(StrEnum):
    API = "api"
    EMAIL = "email"
    PAPER = "paper"
    PHONE = "phone"
    FACE_TO_FACE = "face_to_face"


class BlockerCategory(StrEnum):
    POLICY = "policy"
    LEGISLATION = "legislation"
    TECHNOLOGY = "technology"
    CONTRACT = "contract"
    DATA_SHARING = "data_sharing"
    COMMUNICATION = "communication"
    TIMELINE = "timeline"
    OWNERSHIP = "ownership"
    FUNDING = "funding"
    OTHER = "other"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """1 (low) to 4 (critical), for sorting and weighting."""
        return list(Severity).index(self) + 1


class BlockerStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    WONT_FIX = "wont_fix"

    @property
    def is_open(self) -> bool:
        """Still stands in the way: open, in progress or escalated."""
        return self not in (BlockerStatus.RESOLVED, BlockerStatus.WONT_FIX)


class Classification(StrEnum):
    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


class UpdateKind(StrEnum):
    COMMENT = "comment"
    STATUS = "status"


OPEN_STATUSES: frozenset[str] = frozenset(s.value for s in BlockerStatus if s.is_open)

#: The Service Standard's 14 points (seed 000), numbered as GOV.UK numbers them.
SERVICE_STANDARD_POINTS: dict[int, str] = {
    1: "Understand users and their needs",
    2: "Solve a whole problem for users",
    3: "Provide a joined up experience across all channels",
    4: "Make the service simple to use",
    5: "Make sure everyone can use the service",
    6: "Have a multidisciplinary team",
    7: "Use agile ways of working",
    8: "Iterate and improve frequently",
    9: "Create a secure service which protects users' privacy",
    10: "Define what success looks like and publish performance data",
    11: "Choose the right tools and technology",
    12: "Make new source code open",
    13: "Use and contribute to open standards, common components and patterns",
    14: "Operate a reliable service",
}


def label(value: str) -> str:
    """A stored value as a person reads it: ``face_to_face`` -> ``Face to face``."""
    if value in (Classification.OFFICIAL, Classification.OFFICIAL_SENSITIVE):
        return value
    special = {"wont_fix": "Won't fix", "as_is": "As is", "to_be": "To be", "api": "API"}
    if value in special:
        return special[value]
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]
