"""What the network views are laid out from, checked against the demo."""

from __future__ import annotations

from servicecommunity import services
from servicecommunity.services.queries import graph as q
from servicecommunity.store.workspace import Store

HMRC = "776db015-ceb6-5680-a61d-2c269963ef58"
ACCOUNTS_TO_TAX = "c53b283e-3ce1-5d1b-8509-96fd2f3876e3"  # a hand-off with an open blocker on it


def _journey(store: Store) -> str:
    with store.session() as s:
        return services.queries.journeys(s)[0].id


def test_organisation_graph_input(demo_store: Store) -> None:
    with demo_store.session() as s:
        journey, colours, blocked = q.organisation_graph_input(s, _journey(demo_store))
    assert journey.journey_name == "Starting a Business" and len(journey.steps) == 34
    assert len(colours) == 12 and colours[HMRC] == "#008670"
    assert ACCOUNTS_TO_TAX in blocked and blocked <= {d.id for d in journey.dependencies}


def test_step_graph_input(demo_store: Store) -> None:
    with demo_store.session() as s:
        journey, shown = q.step_graph_input(s, _journey(demo_store))
    assert len(journey.steps) == 34 and len(shown.steps) == 34 and len(shown.dependencies) == 43
    assert next(d for d in shown.dependencies if d.id == ACCOUNTS_TO_TAX).blocked
