"""PostgreSQL: the change-noting insert triggers test an import's setting in their WHEN clause (schema 0008).

Needs a server: ``$SERVICECOMMUNITY_TEST_PG`` (``scripts/pg_cluster.py run -- pytest ...``); these
tests skip without one, and fail without one under CI.
"""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from sqlalchemy import text

from servicecommunity.exchange.demo import load_demo
from servicecommunity.store.bulk import untracked_inserts
from servicecommunity.store.workspace import alembic_config, open_store

SETTING = "current_setting('servicecommunity.untracked'::text, true)"


def _insert_triggers(conn) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(conn.execute(text(
        "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger "
        "WHERE NOT tgisinternal AND starts_with(tgname, 'sync_dirty_insert_')")).all())


def test_every_insert_trigger_skips_an_imports_rows_before_queuing_them_and_0007_has_none(
    pg_databases: Callable[[], str]
) -> None:
    url = pg_databases()
    with open_store(url) as store:
        with store.engine.connect() as conn:
            found = _insert_triggers(conn)
        assert len(found) >= 20
        assert all(f" FOR EACH ROW WHEN (({SETTING} IS DISTINCT FROM 'on'::text)) EXECUTE " in d for d in found.values())
        cfg = alembic_config(store.engine)
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0007")
        with store.engine.connect() as conn:
            before = _insert_triggers(conn)
        assert before.keys() == found.keys()
        assert not any(" WHEN " in d for d in before.values())
    with open_store(url) as store, store.engine.connect() as conn:  # and up again on open
        assert _insert_triggers(conn) == found


def test_a_link_row_imported_is_not_noted_and_one_added_here_is(pg_databases: Callable[[], str]) -> None:
    notes = "SELECT (SELECT count(*) FROM sync_dirty) + (SELECT count(*) FROM sync_dirty_link)"
    with open_store(pg_databases()) as store:
        load_demo(store)
        with store.session() as session:
            conn = session.connection()
            pair = dict(conn.execute(text(
                "SELECT b.id AS b, s.id AS s FROM blocker b CROSS JOIN step s WHERE NOT EXISTS "
                "(SELECT 1 FROM blockerstep x WHERE x.blocker_id = b.id AND x.step_id = s.id) LIMIT 1")).one()._mapping)
            conn.execute(text("DELETE FROM sync_dirty"))
            conn.execute(text("DELETE FROM sync_dirty_link"))
            with untracked_inserts(conn, ["blockerstep"]):
                conn.execute(text("INSERT INTO blockerstep (blocker_id, step_id) VALUES (:b, :s)"), pair)
            imported = conn.execute(text(notes)).scalar()
            conn.execute(text("DELETE FROM blockerstep WHERE blocker_id = :b AND step_id = :s"), pair)
            conn.execute(text("DELETE FROM sync_dirty"))
            conn.execute(text("DELETE FROM sync_dirty_link"))
            conn.execute(text("INSERT INTO blockerstep (blocker_id, step_id) VALUES (:b, :s)"), pair)
            added = conn.execute(text(notes)).scalar()
            session.rollback()
    assert imported == 0
    assert added is not None and added >= 1
