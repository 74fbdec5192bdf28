"""Read models for the window and dialogs, and reading through the store's error mapping."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select
from sqlmodel import col

from servicecommunity.domain.errors import WorkspaceBusyError
from servicecommunity.domain.models import Journey, Step
from servicecommunity.services.queries import workspace as q
from servicecommunity.store import reading
from servicecommunity.store.workspace import Store


def test_journey_to_show_keeps_a_remembered_journey_and_falls_back_to_the_first(demo_store: Store) -> None:
    with demo_store.session() as s:
        only = s.scalars(select(col(Journey.id))).one()
        assert q.journey_to_show(s, only) == only
        assert q.journey_to_show(s, "no-such-journey") == only
        assert q.journey_to_show(s, None) == only


def test_choices_are_plain_values_in_name_order(demo_store: Store) -> None:
    with demo_store.session() as s:
        journeys = q.journey_choices(s)
        orgs = q.organisation_choices(s)
    assert [j.text for j in journeys] == ["Starting a Business"]
    assert [o.full_name for o in orgs] == sorted(o.full_name for o in orgs) and len(orgs) == 12
    hmrc = next(o for o in orgs if o.full_name == "HM Revenue & Customs")
    assert hmrc.text == "HMRC" and all(isinstance(v, str) for v in hmrc)


def test_step_place_is_its_index_among_the_stage_steps(demo_store: Store) -> None:
    with demo_store.session() as s:
        step = s.scalars(select(Step).order_by(col(Step.stage_id), col(Step.position))).all()[1]
        place = q.step_place(s, step.id)
        siblings = s.scalars(select(col(Step.id)).where(col(Step.stage_id) == step.stage_id)
                             .order_by(col(Step.position), col(Step.created_at))).all()
    assert place.stage_id == step.stage_id and place.owner_id == step.owner_id
    assert siblings[place.position] == step.id


def test_record_labels_name_ours_and_a_bundles_records(demo_store: Store) -> None:
    with demo_store.session() as s:
        step = s.scalars(select(Step)).first()
        assert step is not None
        labels = q.record_labels(s, {"steps": [{"id": "new-step", "title": "From the bundle"}]})
    assert labels[step.id] == step.title and labels["new-step"] == "From the bundle"


def test_read_turns_a_busy_file_into_the_projects_sentence(demo_store: Store) -> None:
    def busy(_session: object) -> None:
        from sqlalchemy.exc import OperationalError

        error = sqlite3.OperationalError("database is locked")
        error.sqlite_errorname = "SQLITE_BUSY"  # type: ignore[attr-defined]
        raise OperationalError("SELECT 1", {}, error)

    with pytest.raises(WorkspaceBusyError, match="Another program"):
        reading.read(demo_store, busy)
    assert reading.read(demo_store, lambda s: len(q.journey_choices(s))) == 1


def test_a_wrong_query_is_still_a_bug(demo_store: Store) -> None:
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError):
        reading.read(demo_store, lambda s: s.connection().exec_driver_sql("SELECT * FROM no_such_table").all())
