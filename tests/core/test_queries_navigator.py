"""The navigator's read model and the community a window is in, checked against the demo."""

from __future__ import annotations

from servicecommunity import services
from servicecommunity.services.queries import community, people
from servicecommunity.services.queries import navigator as q
from servicecommunity.store.workspace import Store

COMMUNITY = "9173bcb1-2a22-56f1-a724-e6838a4bcd67"


def _journey(store: Store) -> str:
    with store.session() as s:
        return services.queries.journeys(s)[0].id


def test_the_community_of_a_journey_or_else_the_first(demo_store: Store, store: Store) -> None:
    journey = _journey(demo_store)
    with demo_store.session() as s:
        assert community.community_of_journey(s, journey) == COMMUNITY
        assert community.community_of_journey(s, None) == COMMUNITY
        assert community.community_of_journey(s, "no-such-journey") == COMMUNITY
        found, rows = community.in_community_of_journey(s, journey, people.groups)
        assert found == COMMUNITY and [r.name for r in rows] == ["Data sharing", "Policy alignment", "User research"]
    with store.session() as s:
        assert community.community_of_journey(s, None) is None


def test_the_tree_lists_journeys_with_step_counts_organisations_and_members(demo_store: Store) -> None:
    journey = _journey(demo_store)
    with demo_store.session() as s:
        tree = q.tree(s, COMMUNITY)
        everything = q.tree(s, None)
        assert q.step_counts(s) == {journey: 34}
    assert tree.journeys == [q.JourneyEntry(journey, "Starting a Business", 34, "as_is", None, 6)]
    assert len(tree.organisations) == 12 and len(tree.members) == 16
    # by name as stored (upper case first): "HM Revenue & Customs" before "Health and Safety Executive"
    names = [o.name for o in tree.organisations]
    assert names[:2] == ["British Business Bank", "Companies House"]
    assert names.index("HM Revenue & Customs") < names.index("Health and Safety Executive")
    hmrc = next(o for o in tree.organisations if o.short_name == "HMRC")
    assert hmrc.colour == "#008670"
    assert [m.name for m in tree.members[:3]] == ["Aisha Rahman", "Bethan Hughes", "Claire Donnelly"]
    # no community: every journey, and no organisations or members
    assert everything.journeys == tree.journeys and everything.organisations == [] and everything.members == []
