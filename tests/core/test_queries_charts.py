"""The charts' read models, checked against the demo's blockers, steps and hand-offs as written in its bundle."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from servicecommunity import services
from servicecommunity.services.queries import charts as q
from servicecommunity.store.workspace import Store

COMMUNITY = "9173bcb1-2a22-56f1-a724-e6838a4bcd67"


def _journey(store: Store) -> str:
    with store.session() as s:
        return services.queries.journeys(s)[0].id


def test_open_blockers_by_owner_most_first_then_by_name(demo_store: Store) -> None:
    with demo_store.session() as s:
        bars = q.severity_bars(s, COMMUNITY)
        assert q.severity_bars(s, None) == q.SeverityBars()
    # 12 open blockers: HMRC 4, GDS 3, and one each for five others (ties by name)
    assert bars.labels == ["HMRC", "GDS", "BBB", "Companies House", "DBT", "DWP", "Leeds"]
    assert bars.totals() == [4, 3, 1, 1, 1, 1, 1]
    assert bars.counts == {
        "low": [0, 0, 0, 0, 0, 0, 1],
        "medium": [2, 2, 0, 0, 0, 0, 0],
        "high": [2, 1, 1, 1, 0, 1, 0],
        "critical": [0, 0, 0, 0, 1, 0, 0],
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        bars.labels = []  # type: ignore[misc]


def test_beyond_the_limit_the_rest_are_others(demo_store: Store) -> None:
    with demo_store.session() as s:
        bars = q.severity_bars(s, COMMUNITY, limit=3)
    assert bars.labels == ["HMRC", "GDS", "Others (5)"]
    assert bars.totals() == [4, 3, 5] and bars.organisation_ids[-1] is None


def test_trend_month_by_month(demo_store: Store) -> None:
    with demo_store.session() as s:
        trend = q.trend(s, COMMUNITY, today=date(2026, 12, 15))
        assert q.trend(s, None) == q.Trend()
    assert trend.months == [date(2026, m, 1) for m in range(3, 13)]
    assert trend.raised == [6, 3, 2, 0, 0, 0, 4, 0, 0, 0]
    assert trend.resolved == [0, 0, 0, 1, 0, 1, 0, 1, 0, 0]  # resolved in June and October, won't fix in August
    assert trend.open_at_end == [6, 9, 11, 10, 10, 9, 13, 12, 12, 12]


def test_trend_keeps_the_last_three_years(demo_store: Store) -> None:
    with demo_store.session() as s:
        trend = q.trend(s, COMMUNITY, today=date(2031, 1, 20))
    assert len(trend.months) == 36 and (trend.months[0], trend.months[-1]) == (date(2028, 2, 1), date(2031, 1, 1))
    assert set(trend.open_at_end) == {12} and sum(trend.raised) == 0


def test_step_measures_along_the_journey(demo_store: Store) -> None:
    with demo_store.session() as s:
        measures = q.step_measures(s, _journey(demo_store))
        assert q.step_measures(s, None) == q.StepMeasures()
    assert len(measures.step_ids) == 34
    assert measures.stages == [("Check you can do it", 0, 3), ("Choose a structure and register", 4, 9),
                               ("Set up tax", 10, 15), ("Premises, food and safety", 16, 21),
                               ("Employ people", 22, 27), ("Trade and grow", 28, 33)]
    assert measures.titles[0] == "Read 'Set up a business' and work out what applies"
    assert measures.values["monthly_volume"][0] == 210000.0 and measures.values["user_satisfaction"][0] is None
    assert measures.values["user_satisfaction"][16] == 55.0
    assert set(measures.values) == {m[0] for m in q.MEASURES}


def test_handoff_matrix_counts_every_cross_organisation_dependency(demo_store: Store) -> None:
    journey = _journey(demo_store)
    with demo_store.session() as s:
        matrix = q.handoff_matrix(s, journey)
        small = q.handoff_matrix(s, journey, limit=4)
        assert q.handoff_matrix(s, None) == q.HandoffMatrix()
    # 26 of the 43 dependencies join steps of different owners (or an owned step and an unowned one);
    # 10 organisations own steps, and some steps have no owner
    assert matrix.total() == 26 and len(matrix.labels) == 11
    assert matrix.labels[-1] == q.NO_OWNER and matrix.organisation_ids[-1] is None and not matrix.others
    assert all(matrix.counts[i][i] == 0 for i in range(11))
    assert small.others and small.labels[-1] == "Others" and len(small.labels) == 4 and small.total() == 26
