"""The blocker register's read model, checked against the demo's records as written in its bundle."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from servicecommunity import services
from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.services.queries import blockers as q
from servicecommunity.store.workspace import Store

COMMUNITY = "9173bcb1-2a22-56f1-a724-e6838a4bcd67"
TWICE = "11853dcf-f69e-55a0-a2d1-6bbce87105d1"  # "Small companies now file the same accounts twice"
PENSION_LETTER = "5217ef2d"  # resolved, was due 31 Oct 2026
HMRC = "776db015-ceb6-5680-a61d-2c269963ef58"
COMPANIES_HOUSE = "781079f1-f3ea-5863-b2ee-c8d508dbbe4a"
OWEN = "6881e4e4-d2a3-51cc-a1e6-4a39e7c2034c"  # Owen Pritchard, Companies House
ACCOUNTS_STEP = "684c4fd5-bd4e-5338-b385-15f4a5d0890d"  # owned by Companies House
TAX_RETURN_STEP = "29979312-a47f-58fa-a042-3097ec822591"  # owned by HMRC
ACCOUNTS_TO_TAX = "c53b283e-3ce1-5d1b-8509-96fd2f3876e3"


def _journey(store: Store) -> str:
    with store.session() as s:
        return services.queries.journeys(s)[0].id


def test_the_register_is_the_communitys_fifteen_blockers_as_plain_rows(demo_store: Store) -> None:
    with demo_store.session() as s:
        register = q.register(s, _journey(demo_store), today=date(2026, 8, 1))
    assert register.community_id == COMMUNITY
    assert len(register.rows) == 15
    row = next(r for r in register.rows if r.id == TWICE)
    assert (row.title, row.status, row.severity, row.category) == (
        "Small companies now file the same accounts twice", "open", "medium", "timeline")
    assert (row.owner_id, row.owner) == (HMRC, "HMRC")
    # the organisations causing it, by label
    assert row.blocking_organisation_ids == (COMPANIES_HOUSE, HMRC)
    assert row.blocking == "Companies House, HMRC"
    assert (row.raised_by_id, row.raised_by) == (OWEN, "Owen Pritchard")
    assert (row.raised_on, row.due_on, row.resolved_on) == (date(2026, 4, 8), date(2026, 7, 31), None)
    assert row.steps == ("File annual accounts with Companies House", "File the Company Tax Return and pay Corporation Tax")
    assert row.step_ids == (ACCOUNTS_STEP, TAX_RETURN_STEP)
    assert row.dependency_ids == (ACCOUNTS_TO_TAX,)
    assert row.standard_points == (2, 4, 13)
    assert row.overdue and row.is_open
    assert "owen pritchard" in row.haystack() and "timeline" in row.haystack()
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.title = "changed"  # type: ignore[misc]


def test_overdue_means_open_and_due_before_today(demo_store: Store) -> None:
    with demo_store.session() as s:
        on_the_day = q.register_rows(s, COMMUNITY, today=date(2026, 7, 31))
        much_later = q.register_rows(s, COMMUNITY, today=date(2030, 1, 1))
    assert not next(r for r in on_the_day if r.id == TWICE).overdue
    assert next(r for r in much_later if r.id == TWICE).overdue
    # resolved (and won't fix) blockers are never overdue; the demo has 12 open ones, one with no due date
    assert not next(r for r in much_later if r.id.startswith(PENSION_LETTER)).overdue
    assert sum(r.overdue for r in much_later) == 11


def test_rows_by_id_match_the_full_register_and_skip_the_unknown(demo_store: Store) -> None:
    with demo_store.session() as s:
        full = {r.id: r for r in q.register_rows(s, COMMUNITY, today=date(2026, 8, 1))}
        some = q.register_rows(s, COMMUNITY, ids=[TWICE, "no-such-blocker"], today=date(2026, 8, 1))
        assert q.register_rows(s, COMMUNITY, ids=[]) == []
        assert q.register_rows(s, None) == []
        assert q.register_rows(s, "no-such-community") == []
    assert some == [full[TWICE]]


def test_an_empty_workspace_has_no_community_and_no_rows(store: Store) -> None:
    with store.session() as s:
        assert q.register(s, None) == q.Register(None, [])


def test_history_is_raised_then_each_update_in_order(demo_store: Store) -> None:
    with demo_store.session() as s:
        history = q.history(s, TWICE)
        assert q.history(s, "no-such-blocker") == []
    assert [(h.kind, h.author) for h in history] == [
        ("raised", "Owen Pritchard"), ("comment", "Gareth Llewellyn"), ("comment", "Owen Pritchard")]
    assert history[0].text == "Raised as medium severity, timeline"
    assert history[0].at == date(2026, 4, 8)
    assert history[1].text.startswith("Software developers are adding joint submission")


def test_a_status_change_reads_as_old_to_new_with_its_comment(demo_store: Store) -> None:
    with demo_store.session() as s:
        services.change_blocker_status(s, TWICE, status="in_progress", comment="Talking to legal")
    with demo_store.session() as s:
        last = q.history(s, TWICE)[-1]
    assert (last.kind, last.text) == ("status", "Status open → in progress: Talking to legal")


def test_blocker_values_are_the_forms_fields_with_dates(demo_store: Store) -> None:
    with demo_store.session() as s:
        values = q.blocker_values(s, TWICE)
        with pytest.raises(ServiceCommunityError, match="Unknown blocker"):
            q.blocker_values(s, "no-such-blocker")
    assert tuple(values) == q.FORM_FIELDS
    assert values["raised_on"] == date(2026, 4, 8) and values["due_on"] == date(2026, 7, 31)
    assert values["owner_id"] == HMRC and sorted(values["step_ids"]) == sorted([ACCOUNTS_STEP, TAX_RETURN_STEP])
    assert values["standard_points"] == [2, 4, 13]


def test_form_choices_offer_organisations_steps_in_map_order_and_named_handoffs(demo_store: Store) -> None:
    journey = _journey(demo_store)
    with demo_store.session() as s:
        choices = q.form_choices(s, COMMUNITY, journey, dependency_ids=[ACCOUNTS_TO_TAX])
        no_journey = q.form_choices(s, COMMUNITY, None, extra_step_ids=[ACCOUNTS_STEP])
    assert [text for text, _id in choices.organisations] == [
        "BBB", "Companies House", "DBT", "DfE", "DWP", "FSA", "GDS", "HMRC", "Home Office", "HSE", "Leeds", "TPR"]
    assert len(choices.steps) == 34
    assert choices.steps[0][0] == "Check you can do it · Read 'Set up a business' and work out what applies"
    assert choices.dependencies == [(
        "File annual accounts with Companies House → File the Company Tax Return and pay Corporation Tax (needs)",
        ACCOUNTS_TO_TAX)]
    # with no journey, only the steps asked for (a blocker's steps from elsewhere)
    assert no_journey.steps == [("Trade and grow · File annual accounts with Companies House", ACCOUNTS_STEP)]


def test_a_members_organisation_and_the_default_owner(demo_store: Store) -> None:
    with demo_store.session() as s:
        assert q.member_organisation(s, OWEN) == (COMPANIES_HOUSE, "Companies House")
        assert q.member_organisation(s, None) == (None, "")
        assert q.member_organisation(s, "no-such-member") == (None, "")
        # the first step's owner, else the receiving end of the first hand-off
        assert q.default_owner(s, [ACCOUNTS_STEP], [ACCOUNTS_TO_TAX]) == COMPANIES_HOUSE
        assert q.default_owner(s, [], [ACCOUNTS_TO_TAX]) == HMRC
        assert q.default_owner(s, ["no-such-step"], []) is None
