"""The read model of organisations, members and sub-groups, checked against the demo as written in its bundle."""

from __future__ import annotations

import dataclasses

import pytest

from servicecommunity import services
from servicecommunity.services.queries import people as q
from servicecommunity.store.workspace import Store

COMMUNITY = "9173bcb1-2a22-56f1-a724-e6838a4bcd67"
HMRC = "776db015-ceb6-5680-a61d-2c269963ef58"
GARETH = "116bef54-5e51-5841-928c-70ef42b1f496"  # HMRC; Data sharing and Policy alignment


def _journey(store: Store) -> str:
    with store.session() as s:
        return services.queries.journeys(s)[0].id


def test_organisations_by_name_with_people_and_open_blockers(demo_store: Store) -> None:
    with demo_store.session() as s:
        rows = q.organisations(s, COMMUNITY)
        assert q.organisations(s, None) == []
    assert [r.name for r in rows] == [  # by name, case-folded: "Health…" before "HM…"
        "British Business Bank", "Companies House", "Department for Business and Trade", "Department for Education",
        "Department for Work and Pensions", "Food Standards Agency", "Government Digital Service",
        "Health and Safety Executive", "HM Revenue & Customs", "Home Office", "Leeds City Council",
        "The Pensions Regulator"]
    hmrc = next(r for r in rows if r.id == HMRC)
    assert hmrc == q.OrganisationRow(HMRC, "HM Revenue & Customs", "HMRC", "department", "#008670", 2, 4)
    assert hmrc.label == "HMRC"
    with pytest.raises(dataclasses.FrozenInstanceError):
        hmrc.name = "changed"  # type: ignore[misc]


def test_members_carry_their_organisation_and_sub_groups_by_name(demo_store: Store) -> None:
    with demo_store.session() as s:
        rows = q.members(s, COMMUNITY)
    assert len(rows) == 16 and [r.name for r in rows] == sorted((r.name for r in rows), key=str.casefold)
    gareth = next(r for r in rows if r.id == GARETH)
    assert (gareth.name, gareth.email, gareth.role) == ("Gareth Llewellyn", "gareth.llewellyn@hmrc.gov.uk.example", "member")
    assert (gareth.organisation_id, gareth.organisation) == (HMRC, "HMRC")
    assert gareth.groups == "Data sharing, Policy alignment" and len(gareth.group_ids) == 2


def test_groups_carry_their_members_by_name(demo_store: Store) -> None:
    with demo_store.session() as s:
        rows = q.groups(s, COMMUNITY)
    assert [(r.name, r.members) for r in rows] == [
        ("Data sharing", "Gareth Llewellyn, Laura Fenwick, Mark Sutcliffe, Nadia Hussain, Owen Pritchard"),
        ("Policy alignment", "Aisha Rahman, Gareth Llewellyn, Helen Bradshaw, James Adeyemi, Priya Raman, Rachel Chen"),
        ("User research", "Bethan Hughes, Daniel Osei, Ifeoma Okafor, Sarah McAllister"),
    ]
    assert GARETH in rows[0].member_ids and rows[0].purpose.startswith("Works out what the user is asked")


def test_an_organisations_page_in_the_journey(demo_store: Store) -> None:
    with demo_store.session() as s:
        page = q.organisation_summary(s, HMRC, _journey(demo_store))
        without_journey = q.organisation_summary(s, HMRC, None)
        assert q.organisation_summary(s, "no-such-organisation", None) is None
    assert page is not None and without_journey is not None
    assert (page.name, page.short_name, page.kind, page.journey) == (
        "HM Revenue & Customs", "HMRC", "department", "Starting a Business")
    assert page.members == (("Gareth Llewellyn", "member"), ("Sarah McAllister", "member"))
    assert len(page.owned_steps) == 10 and page.supported_steps == 6
    assert (len(page.handoffs_in), len(page.handoffs_out)) == (8, 5)
    assert [b[2] for b in page.open_blockers] == ["high", "high", "medium", "medium"]
    assert {b[1] for b in page.open_blockers} == {
        "Small companies now file the same accounts twice", "Legacy PAYE system cannot take an API call",
        "Policy change clearance takes months at HMRC but weeks at Companies House",
        "The company's UTR is sent only by post"}
    assert sorted(b[1] for b in page.caused_blockers) == [
        "Departments cannot agree a common communication channel",
        "No agreed hand-off of new directors' UTRs from HMRC to DWP"]
    # without a journey: the community part only
    assert without_journey.journey == "" and without_journey.owned_steps == () and without_journey.handoffs_in == ()
    assert without_journey.open_blockers == page.open_blockers


def test_member_label_for_the_status_bar(demo_store: Store) -> None:
    with demo_store.session() as s:
        assert q.member_label(s, GARETH) == "Gareth Llewellyn (HMRC)"
        assert q.member_label(s, None) == q.NOBODY
        assert q.member_label(s, "no-such-member") == q.NOBODY
