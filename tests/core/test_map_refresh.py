"""The map re-read in parts after each edit is the map read whole (blocker badges included)."""

from __future__ import annotations

from typing import Any

from servicecommunity import services
from servicecommunity.analysis import layout
from servicecommunity.store.workspace import Store
from tests.core.builders import small_journey


def _shown(data: layout.MapData) -> tuple[Any, Any]:
    steps = [(s.id, s.title, s.stage_id, s.position, s.owner_id, s.blocker_count, s.worst_severity) for s in data.steps]
    deps = sorted((d.id, d.from_step_id, d.to_step_id, d.crosses_org, d.blocked) for d in data.dependencies)
    return steps, deps


def test_each_edit_refreshes_to_what_a_full_read_shows(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        loader = layout.MapLoader(b.journey)
        loader.load(s)

    def step(fn: Any) -> Any:
        with store.session() as s:
            result = fn(s)
            changes = result.changes
            refreshed = loader.refresh(s, changes.sections, changes.ids)
            assert refreshed is not None
            assert _shown(refreshed) == _shown(layout.load_map(s, b.journey))
            return result.value

    community, tax, hmrc = b.community, b.stages["Tax"], b.orgs["HMRC"]
    step(lambda s: services.create_blocker(s, data={"community_id": community, "title": "Slow", "severity": "high",
                                                   "dependency_ids": [b.deps["A>B"]]}))
    d = step(lambda s: services.create_step(s, data={"journey_id": b.journey, "stage_id": tax, "title": "D",
                                                      "owner_id": hmrc})).id
    d_to_a = step(lambda s: services.create_dependency(s, data={"from_step_id": d, "to_step_id": b.steps["A"],
                                                                 "kind": "data_handoff", "handoff_mode": "api"})).id
    step(lambda s: services.create_blocker(s, data={"community_id": community, "title": "Lost", "severity": "critical",
                                                   "step_ids": [d], "dependency_ids": [d_to_a]}))
    lost = step(lambda s: services.create_blocker(s, data={"community_id": community, "title": "Wait", "severity": "low",
                                                          "step_ids": [b.steps["C"]]})).id
    # the blocker's severity, links and status, each on its own
    step(lambda s: services.update(s, "blockers", lost, data={"severity": "critical"}))
    step(lambda s: services.update(s, "blockers", lost, data={"step_ids": [d], "dependency_ids": [b.deps["A>B"]]}))
    step(lambda s: services.update(s, "blockers", lost, data={"step_ids": [], "dependency_ids": [d_to_a]}))
    # the owner of a step at a hand-off (crossing organisations or not), and a move to another stage
    step(lambda s: services.update(s, "steps", b.steps["A"], data={"owner_id": hmrc}))
    step(lambda s: services.update(s, "steps", d, data={"stage_id": b.stages["Register"], "owner_id": None}))
    step(lambda s: services.change_blocker_status(s, lost, status="resolved", comment="Done"))
    step(lambda s: services.change_blocker_status(s, lost, status="open", comment="Back"))
    step(lambda s: services.delete(s, "dependencies", d_to_a))
    step(lambda s: services.delete(s, "steps", b.steps["B"]))  # the blocked hand-off A>B goes with it
    step(lambda s: services.delete(s, "steps", d))
