"""A team workspace on PostgreSQL: opening, the migrations, the change-noting triggers, snapshots.

Needs a server: ``$SERVICECOMMUNITY_TEST_PG`` (``scripts/pg_cluster.py run -- pytest ...``); these
tests skip without one, and fail without one under CI.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import psycopg
import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import make_url

from servicecommunity import services
from servicecommunity.domain.errors import StoreError, ValidationError, WorkspaceBusyError
from servicecommunity.domain.models import ENTITIES, LINKS
from servicecommunity.exchange import sync
from servicecommunity.exchange.demo import load_demo
from servicecommunity.store.workspace import (
    alembic_config,
    begin_write,
    head_revision,
    one_snapshot,
    open_store,
    server_url,
)


def plain(url: str) -> str:
    """A URL psycopg itself takes (libpq's form)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_a_server_url_names_a_server_and_a_path_a_file() -> None:
    assert server_url("postgresql://bob@db/team") == "postgresql+psycopg://bob@db/team"
    assert server_url("postgres://bob@db/team") == "postgresql+psycopg://bob@db/team"
    assert server_url("postgresql+psycopg://bob@db/team") == "postgresql+psycopg://bob@db/team"
    assert server_url("team.sqlite") is None
    assert server_url("postgresql.sqlite") is None


def test_an_empty_database_becomes_a_workspace_at_the_head(pg_databases: Callable[[], str]) -> None:
    url = pg_databases()
    with pytest.raises(StoreError, match="holds no workspace yet; create one with 'servicecommunity init"):
        open_store(url, create=False)
    with open_store(url) as store:
        assert store.is_server and store.path is None
        with store.session() as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
            assert sync.has_clocks(session)
        first_id = store.workspace_id
    with open_store(url, create=False) as again:  # opened again: the same workspace, nothing redone
        assert again.workspace_id == first_id


def test_another_programs_database_is_refused_and_left_as_it_was(pg_databases: Callable[[], str]) -> None:
    url = pg_databases()
    with psycopg.connect(plain(url), autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int PRIMARY KEY)")
    with pytest.raises(StoreError, match="another program's tables"):
        open_store(url)
    with psycopg.connect(plain(url)) as conn:
        names = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert names == {"invoices"}


def test_a_server_that_cannot_be_reached_is_one_sentence(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="Cannot reach the team workspace at postgresql://nobody@/team"):
        open_store(f"postgresql://nobody@/team?host={tmp_path}")


def test_the_password_never_shows_in_a_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://bob:hunter2@/team?host={tmp_path}")
    assert "hunter2" not in str(caught.value) and "bob:***@" in str(caught.value)


def test_every_record_and_link_table_notes_its_changes(pg_databases: Callable[[], str]) -> None:
    with open_store(pg_databases()) as store, store.session() as session:
        found = {r[0] for r in session.execute(text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'sync_dirty_%'"))}
    expected = set()
    for section, model in ENTITIES.items():
        table = model.__table__.name  # type: ignore[attr-defined]
        expected |= {f"sync_dirty_{verb}_{table}" for verb in ("insert", "update", "delete")}
        for link in LINKS.get(section, ()):
            name = link.table.__table__.name  # type: ignore[attr-defined]
            expected |= {f"sync_dirty_insert_{name}", f"sync_dirty_delete_{name}"}
    assert found == expected


def test_an_edit_is_noted_and_refreshed_into_a_dot_for_that_field_alone(pg_databases: Callable[[], str]) -> None:
    with open_store(pg_databases()) as store:
        load_demo(store)
        with store.session() as session:
            step_id = session.execute(text("SELECT id FROM step ORDER BY id LIMIT 1")).scalar_one()
            sync.refresh(session)
            session.commit()
        with store.session() as session:
            services.update(session, "steps", step_id, data={"title": "Register for VAT online"})
        with store.session() as session:
            old = session.execute(text("SELECT old FROM sync_dirty WHERE id = :i"), {"i": step_id}).scalar_one()
            assert json.loads(old)["title"] != "Register for VAT online"
            assert sync.refresh(session) == 1
            session.commit()
            clock = sync.Clock.from_json(json.loads(sync.clocks_for(session, [step_id])[step_id]))
    assert set(clock.fields) == {"title"}


def test_the_migrations_go_down_and_up_again(pg_databases: Callable[[], str]) -> None:
    url = pg_databases()
    with open_store(url) as store:
        load_demo(store)
        cfg = alembic_config(store.engine)
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT to_regclass('sync_dirty')")).scalar() is None
            assert conn.execute(text(
                "SELECT count(*) FROM pg_proc WHERE proname LIKE 'sync\\_%'")).scalar() == 0
    with open_store(url) as store, store.session() as session:  # and up again on open
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        assert session.execute(text("SELECT count(*) FROM step")).scalar() == 34


def test_one_snapshot_reads_one_moment_while_another_client_commits(pg_databases: Callable[[], str]) -> None:
    with open_store(pg_databases()) as store:
        load_demo(store)
        with store.session() as session, one_snapshot(session):
            before = session.execute(text("SELECT count(*) FROM organisation")).scalar()
            with store.session() as other:
                community = other.execute(text("SELECT id FROM community")).scalar_one()
                services.create(other, "organisations", data={"community_id": community, "name": "Meanwhile Ltd"})
            during = session.execute(text("SELECT count(*) FROM organisation")).scalar()
        with store.session() as session:
            after = session.execute(text("SELECT count(*) FROM organisation")).scalar()
    assert during == before and after == before + 1


def test_a_nul_character_is_refused_in_one_sentence_and_nothing_is_written(pg_databases: Callable[[], str]) -> None:
    """PostgreSQL's text cannot hold NUL (a file can): the edit is refused, not half-written."""
    with open_store(pg_databases()) as store:
        load_demo(store)
        with store.session() as session:
            community = session.execute(text("SELECT id FROM community")).scalar_one()
            before = session.execute(text("SELECT count(*) FROM organisation")).scalar()
        with store.session() as session, pytest.raises(ValidationError, match=r"NUL character.*nothing was changed"):
            services.create(session, "organisations", data={"community_id": community, "name": "Nul\x00Ltd"})
        with store.session() as session:
            assert session.execute(text("SELECT count(*) FROM organisation")).scalar() == before


def test_imports_and_merges_take_the_workspaces_write_lock_one_at_a_time(pg_databases: Callable[[], str]) -> None:
    """begin_write on PostgreSQL: a second writer waits for the first, and gives up as 'busy' in one sentence."""
    with open_store(pg_databases()) as store, store.session() as first, store.session() as second:
        begin_write(first)
        second.execute(text("SET lock_timeout = '200ms'"))
        with pytest.raises(WorkspaceBusyError):
            begin_write(second)
        second.rollback()
        first.rollback()  # the first's transaction ends: the lock is free again
        begin_write(second)
        second.rollback()


def test_an_imports_own_rows_are_not_noted_but_an_edit_in_the_same_transaction_is(
    pg_databases: Callable[[], str]
) -> None:
    with open_store(pg_databases()) as store:
        load_demo(store)
        with store.session() as session:
            community = session.execute(text("SELECT id FROM community")).scalar_one()
            stamp = "2026-01-01T00:00:00.000000Z"
            rec = {"id": "org-untracked", "created_at": stamp, "updated_at": stamp, "community_id": community,
                   "name": "Imported Ltd", "short_name": "", "kind": "other", "colour": ""}
            services.insert_records(session, {"organisations": [rec]}, tracked=False)
            services.insert_records(session, {"organisations": [dict(rec, id="org-tracked", name="Made here")]})
            noted = {r[0] for r in session.execute(text("SELECT id FROM sync_dirty WHERE id LIKE 'org-%'"))}
            session.rollback()
    assert noted == {"org-tracked"}
