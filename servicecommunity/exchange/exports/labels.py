"""The stored values' labels (``enums.label``) marked for translation, so that the extractor finds
them: the exports translate a label where they show it (``gettext(enums.label(value))``), and
``tests/core/test_i18n.py`` checks that every enum's label is listed here. The classification
markings (OFFICIAL, OFFICIAL-SENSITIVE) are left as they are: they are the marking itself."""

from __future__ import annotations

from servicecommunity.i18n import N_

LABELS: tuple[str, ...] = (
    # BlockerCategory
    N_("Policy"), N_("Legislation"), N_("Technology"), N_("Contract"), N_("Data sharing"), N_("Communication"),
    N_("Timeline"), N_("Ownership"), N_("Funding"), N_("Other"),
    # BlockerStatus
    N_("Open"), N_("In progress"), N_("Escalated"), N_("Resolved"), N_("Won't fix"),
    # Channel and HandoffMode
    N_("Online"), N_("Phone"), N_("Paper"), N_("Face to face"), N_("API"), N_("Email"),
    # DependencyKind
    N_("Sequence"), N_("Needs"), N_("Data handoff"), N_("Alternative"),
    # JourneyStatus
    N_("As is"), N_("To be"),
    # MemberRole
    N_("Facilitator"), N_("Member"), N_("Observer"),
    # OrganisationKind
    N_("Department"), N_("Agency"), N_("Local authority"), N_("Arms length body"), N_("Third sector"),
    # Severity
    N_("Low"), N_("Medium"), N_("High"), N_("Critical"),
    # UpdateKind
    N_("Comment"), N_("Status"),
)
