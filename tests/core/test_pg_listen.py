"""Other people's changes, announced by the server: LISTEN/NOTIFY from the record tables' triggers.

Needs a server (see tests/core/test_pg_store.py).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from sqlalchemy import select, text

from servicecommunity import services
from servicecommunity.domain.models import Step
from servicecommunity.exchange.demo import load_demo
from servicecommunity.store.listening import Listener, ServerChange
from servicecommunity.store.workspace import open_store


def test_an_edit_elsewhere_is_announced_with_its_section_and_who(pg_databases: Callable[[], str]) -> None:
    url = pg_databases()
    with open_store(url) as store:
        load_demo(store)
        with Listener(url) as listener:
            assert listener.wait(0.1) == []
            with store.session() as session:
                step = session.execute(select(Step).order_by(Step.id).limit(1)).scalars().one()
                services.update(session, "steps", step.id, data={"title": "Retitled elsewhere"})
            heard = listener.wait(2)
            assert {c.section for c in heard} >= {"steps"}
            assert all(isinstance(c, ServerChange) and c.by == "postgres" and c.pid != listener.pid for c in heard)
            # a transaction rolled back announces nothing
            with store.session() as session:
                session.execute(text("UPDATE step SET title = 'Never' WHERE id = :i"), {"i": step.id})
                session.rollback()
            assert listener.wait(0.3) == []


def test_a_large_write_is_a_handful_of_announcements(pg_databases: Callable[[], str]) -> None:
    url = pg_databases()
    with open_store(url) as store, Listener(url) as listener:
        load_demo(store)  # 174 records in one import
        heard = listener.wait(2)
    assert {"steps", "blockers", "stages"} <= {c.section for c in heard}
    assert len(heard) == len({(c.section, c.by, c.pid) for c in heard}) < 40  # once a section, not once a row


def test_how_soon_another_client_hears_of_an_edit(pg_databases: Callable[[], str]) -> None:
    """The 95th-percentile time from an edit's commit to another client hearing of it (goal: under 1 s)."""
    url = pg_databases()
    with open_store(url) as store:
        load_demo(store)
        with store.session() as session:
            step_id = session.execute(select(Step.id).order_by(Step.id).limit(1)).scalar_one()
        with Listener(url) as listener:
            listener.wait(0.2)
            delays = []
            for i in range(30):
                with store.session() as session:
                    services.update(session, "steps", step_id, data={"title": f"Edit {i}"})
                committed = time.perf_counter()
                heard = listener.wait(2)
                delays.append(time.perf_counter() - committed)
                assert any(c.section == "steps" for c in heard)
    p95 = statistics.quantiles(delays, n=20)[-1]
    print(f"\ncommit -> heard by another client: median {statistics.median(delays) * 1000:.1f} ms, "
          f"95th percentile {p95 * 1000:.1f} ms over {len(delays)} edits")
    assert p95 < 1.0
