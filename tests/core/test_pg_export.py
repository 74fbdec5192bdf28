"""A bundle exported from PostgreSQL is byte for byte the one the same workspace gives on SQLite.

PostgreSQL renders each section's records as JSON text (``codec.pg_json_records``), SQLite through
its own functions or Python: the same workspace, copied to the server, must give the same bytes
either way, whole community and one journey, with odd text, whole and tiny floats and a blocker
linked in two journeys. Needs a server (see tests/core/test_pg_store.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, update

from servicecommunity.domain.errors import BundleError
from servicecommunity.domain.models import BlockerStep, Journey, Step
from servicecommunity.exchange import bundle
from servicecommunity.exchange.copying import copy_workspace
from servicecommunity.store.workspace import open_store
from servicecommunity.testing.synthetic import generate_bundle

ODD = 'Odd "quoted" \\ back\nslash \x01\x1f\t tab, é ü ☃ 𝄞 \u2028 end'


def exports(where: str | Path, journey_id: str | None) -> tuple[bytes, bytes]:
    with open_store(where, create=False) as store, store.session() as session:
        as_dicts = bundle.dumps_bytes(bundle.export_bundle(session, journey_id=journey_id, include_sensitive=True))
        as_file = bundle.export_bundle_file(session, journey_id=journey_id, include_sensitive=True).data
    return as_dicts, as_file


def an_odd_workspace(path: Path) -> tuple[str, str]:
    data = generate_bundle(seed=3, steps=60, dependencies=120, blockers=80, small_journey_steps=10)
    with open_store(path) as store:
        with store.session() as session:
            bundle.import_new(session, data)
        with store.session() as session:
            journeys = [j.id for j in session.scalars(select(Journey).order_by(Journey.id))]
            steps = session.scalars(select(Step).order_by(Step.id)).all()
            first, other = steps[0], next(s for s in steps if s.journey_id != steps[0].journey_id)
            session.execute(update(Step).where(Step.id == first.id).values(
                title=ODD, description="", duration_hours=2.0, wait_hours=1e-7, cost_per_transaction=1e16,
                user_satisfaction=0.1 + 0.2, completion_rate=None))
            session.execute(update(Step).where(Step.id == other.id).values(duration_hours=123456789.0))
            blocker = session.scalars(select(BlockerStep.blocker_id).where(BlockerStep.step_id == first.id)).first()
            if blocker is None:
                blocker = session.scalars(select(BlockerStep.blocker_id)).first()
                session.add(BlockerStep(blocker_id=blocker, step_id=first.id))
            session.add(BlockerStep(blocker_id=blocker, step_id=other.id))  # linked in two journeys
            session.commit()
    return first.journey_id, other.journey_id if other.journey_id in journeys else journeys[-1]


def test_postgresql_exports_the_same_bytes_as_sqlite(tmp_path: Path, pg_databases: Callable[[], str]) -> None:
    original = tmp_path / "original.sqlite"
    journeys = an_odd_workspace(original)
    exports(original, None)  # the edits above get their dots here, so both sides export the same clocks
    server = pg_databases()
    copy_workspace(original, server)
    for journey_id in (None, *journeys):
        on_file, on_server = exports(original, journey_id), exports(server, journey_id)
        assert on_file[0] == on_file[1]
        assert on_server[0] == on_file[0], journey_id
        assert on_server[1] == on_file[1], journey_id
    whole = exports(original, None)[0].decode("utf-8")
    assert '"duration_hours": 2.0' in whole and '"cost_per_transaction": 1e+16' in whole
    assert '"wait_hours": 1e-07' in whole and '\\u0001\\u001f' in whole


def test_a_second_import_of_the_same_bundle_is_refused_on_postgresql(pg_databases: Callable[[], str]) -> None:
    data = generate_bundle(seed=4, steps=30, dependencies=40, blockers=20, small_journey_steps=5)
    total = sum(len(data[s]) for s in bundle.SECTIONS) + len(data["tombstones"])
    server = pg_databases()
    with open_store(server) as store:
        with store.session() as session:
            bundle.import_new(session, data)
        with store.session() as session:
            assert len(bundle.existing_ids(session, data)) == total
            with pytest.raises(BundleError, match=f"already has {total} of this bundle's records"):
                bundle.import_new(session, data)
        with store.session() as session:
            assert bundle.existing_ids(session, {s: [] for s in (*bundle.SECTIONS, "tombstones")}) == set()
