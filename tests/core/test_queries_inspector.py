"""The inspector's read model: a record's fields and the choices its forms offer, checked against the demo."""

from __future__ import annotations

from servicecommunity import services
from servicecommunity.services.queries import inspector as q
from servicecommunity.store.workspace import Store

COMMUNITY = "9173bcb1-2a22-56f1-a724-e6838a4bcd67"
TWICE = "11853dcf-f69e-55a0-a2d1-6bbce87105d1"


def _journey(store: Store) -> str:
    with store.session() as s:
        return services.queries.journeys(s)[0].id


def test_the_journeys_community(demo_store: Store) -> None:
    with demo_store.session() as s:
        assert q.journey_community(s, _journey(demo_store)) == COMMUNITY
        assert q.journey_community(s, None) is None
        assert q.journey_community(s, "no-such-journey") is None


def test_choices_for_the_forms(demo_store: Store) -> None:
    journey = _journey(demo_store)
    with demo_store.session() as s:
        orgs = q.organisation_choices(s, COMMUNITY)
        stages = q.stages(s, journey)
        items = q.data_items(s, COMMUNITY)
        assert q.organisation_choices(s, None) == []
    texts = [text for text, _id in orgs]
    assert len(orgs) == 12 and texts == sorted(texts)
    # a short name is shown beside the name unless it is the name
    assert "HM Revenue & Customs (HMRC)" in texts and "Home Office" in texts and "Companies House" in texts
    assert [st.name for st in stages] == ["Check you can do it", "Choose a structure and register", "Set up tax",
                                         "Premises, food and safety", "Employ people", "Trade and grow"]
    assert sorted(i.name for i in items) == [
        "Business bank details", "Business name", "Company registration number", "Date of birth",
        "Employer PAYE reference", "National Insurance number", "Registered office address", "SIC code",
        "Unique Taxpayer Reference (UTR)"]


def test_a_record_as_its_fields_or_none(demo_store: Store) -> None:
    with demo_store.session() as s:
        record = q.record(s, "blockers", TWICE)
        assert q.record(s, "steps", "no-such-step") is None
    assert record is not None
    assert record["title"] == "Small companies now file the same accounts twice" and record["due_on"] == "2026-07-31"
