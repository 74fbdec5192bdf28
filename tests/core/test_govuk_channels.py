"""A GOV.UK import leaves channels unknown, and the analysis reads unknown as unknown, not as online."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from servicecommunity import services
from servicecommunity.analysis import analyse
from servicecommunity.domain.models import Step
from servicecommunity.exchange.imports import govuk
from servicecommunity.store.workspace import Store
from tests.core.test_import_govuk import EXAMPLE

ONLINE_ONLY = "assisted_digital.online_only"


def test_get_a_divorce_gives_no_online_only_findings_until_someone_says_a_step_is_online_only(
    store: Store, standards: Path
) -> None:
    with store.session() as session:
        journey = govuk.apply(session, govuk.preview(session, standards / EXAMPLE)).value
    with store.session() as session:
        steps = session.scalars(select(Step).where(Step.journey_id == journey.id)).all()
        assert steps and all(s.channels == [] for s in steps)
        report = analyse(session, journey.id)
        assert [f.message for f in report.findings if f.kind == ONLINE_ONLY] == []
        samaritans = next(s for s in steps if "Samaritans" in s.title)
        relate = next(s for s in steps if "Relate" in s.title)
        services.update_step(session, relate.id, data={"channels": ["online"]})
        services.update_step(session, samaritans.id, data={"channels": ["online", "phone"]})
    with store.session() as session:
        found = [f for f in analyse(session, journey.id).findings if f.kind == ONLINE_ONLY]
        assert [f.step_ids for f in found] == [(relate.id,)]
