"""Small hand-built communities for tests, made through the service layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


def assert_one_journey(one: dict[str, Any], data: dict[str, Any], journey_id: str, sensitive: bool) -> None:
    """A journey's bundle: its steps and hand-offs, the blockers on them with links trimmed to it."""
    steps = {s["id"] for s in data["steps"] if s["journey_id"] == journey_id}
    deps = {d["id"] for d in data["dependencies"] if d["journey_id"] == journey_id}
    workshops = {w["id"] for w in data["workshops"] if w["journey_id"] in (journey_id, None)}
    assert {s["id"] for s in one["steps"]} == steps and {d["id"] for d in one["dependencies"]} == deps
    assert {w["id"] for w in one["workshops"]} == workshops
    on_it = [b for b in data["blockers"] if set(b["step_ids"]) & steps or set(b["dependency_ids"]) & deps]
    kept = [b for b in on_it if sensitive or b["classification"] != "OFFICIAL-SENSITIVE"]
    assert [b["id"] for b in one["blockers"]] == [b["id"] for b in kept]
    assert one["omitted"]["sensitive_blockers"] == len(on_it) - len(kept)
    for got, full in zip(one["blockers"], kept, strict=True):
        assert got["step_ids"] == [i for i in full["step_ids"] if i in steps]
        assert got["dependency_ids"] == [i for i in full["dependency_ids"] if i in deps]
        assert got["workshop_id"] == (full["workshop_id"] if full["workshop_id"] in workshops else None)
        assert got["blocking_organisation_ids"] == full["blocking_organisation_ids"]
    kept_ids = {b["id"] for b in kept}
    assert [u["id"] for u in one["blocker_updates"]] == [u["id"] for u in data["blocker_updates"] if u["blocker_id"] in kept_ids]
