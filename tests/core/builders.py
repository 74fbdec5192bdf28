"""Small hand-built communities for tests, made through the service layer."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from servicecommunity import services


@dataclass
class Built:
    community: str = ""
    orgs: dict[str, str] = field(default_factory=dict)
    journey: str = ""
    stages: dict[str, str] = field(default_factory=dict)
    steps: dict[str, str] = field(default_factory=dict)
    deps: dict[str, str] = field(default_factory=dict)


def small_journey(session: Session) -> Built:
    """HMRC and Companies House; stages Register, Tax; steps A (CH), B (HMRC), C (no owner)."""
    b = Built()
    b.community = services.create(session, "communities", data={"name": "Test community"}).value.id
    for short in ("HMRC", "CH"):
        b.orgs[short] = services.create(
            session, "organisations", data={"community_id": b.community, "name": short, "short_name": short}
        ).value.id
    b.journey = services.create(session, "journeys", data={"community_id": b.community, "name": "Start"}).value.id
    for name in ("Register", "Tax"):
        b.stages[name] = services.create(session, "stages", data={"journey_id": b.journey, "name": name}).value.id
    for title, stage, owner in (("A", "Register", "CH"), ("B", "Tax", "HMRC"), ("C", "Tax", None)):
        b.steps[title] = services.create_step(
            session,
            data={
                "journey_id": b.journey,
                "stage_id": b.stages[stage],
                "title": title,
                "owner_id": b.orgs[owner] if owner else None,
            },
        ).value.id
    b.deps["A>B"] = services.create_dependency(
        session, data={"from_step_id": b.steps["A"], "to_step_id": b.steps["B"], "kind": "data_handoff", "handoff_mode": "api"}
    ).value.id
    return b
