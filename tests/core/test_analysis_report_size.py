"""The report's JSON stays compact at scale: a synthetic community a fifth the size of the benchmark's.

The benchmark's 5,000-step journey must give a JSON report under 10 MB as ``analyse --json`` prints
it; this community, with a fifth of the steps, dependencies and blockers, must stay under a fifth of
that, and still hold every finding with its ids (the full figure is printed by
``benchmarks/bench_analysis.py``).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from servicecommunity.analysis import analyse_data, findings_from_json
from servicecommunity.analysis.graphs import JourneyData, load_journey
from servicecommunity.domain.models import Step
from servicecommunity.store.workspace import open_store
from servicecommunity.testing.synthetic import generate_bundle, load

TODAY = date(2025, 7, 1)
SCALE = 5  # a fifth of the benchmark's 5,000 steps, 15,000 dependencies and 20,000 blockers
BUDGET_BYTES = 10_000_000 // SCALE


@pytest.fixture(scope="module")
def fifth(tmp_path_factory: pytest.TempPathFactory) -> JourneyData:
    bundle = generate_bundle(seed=0, steps=5000 // SCALE, dependencies=15000 // SCALE, blockers=20000 // SCALE)
    with open_store(tmp_path_factory.mktemp("fifth") / "s.sqlite") as store:
        load(store, bundle)
        with store.session() as session:
            biggest = session.execute(
                select(Step.journey_id).group_by(Step.journey_id).order_by(func.count().desc())  # type: ignore[call-overload]
            ).scalars().first()
            return load_journey(session, biggest)


def test_the_json_report_is_compact_and_complete_at_scale(fifth: JourneyData) -> None:
    report = analyse_data(fifth, today=TODAY)
    assert report.counts["blocker.impact"] > 2000  # a flood of blockers, as in the benchmark
    text = json.dumps([report.to_json(5)], ensure_ascii=False, separators=(",", ":"))  # as analyse --json
    assert len(text.encode()) < BUDGET_BYTES
    back = findings_from_json(json.loads(text)[0])
    assert len(back) == len(report.findings)
    for mine, theirs in zip(back, report.findings, strict=True):
        assert (mine.kind, mine.subject, mine.step_ids, mine.organisation_ids, mine.blocker_ids, mine.action) == (
            theirs.kind, theirs.subject, theirs.step_ids, theirs.organisation_ids, theirs.blocker_ids, theirs.action)
