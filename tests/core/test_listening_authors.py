"""Who is behind an announced change: the member a login belongs to, else the change's author in the
activity log, else nobody known (the front end names the login). Needs a server for the
``workspace_login`` part (see tests/core/test_pg_store.py); the rest runs on SQLite and, with
``--pg``, on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select, text

from servicecommunity import services
from servicecommunity.cli.main import main
from servicecommunity.domain.models import Member, Organisation, Step
from servicecommunity.exchange.demo import load_demo
from servicecommunity.store.listening import Author, ServerChange, authors
from servicecommunity.store.workspace import Store, open_store


def _two_members(store: Store) -> tuple[Member, Member, str]:
    with store.session() as session:
        members = session.execute(select(Member).where(Member.organisation_id.is_not(None))  # type: ignore[union-attr]
                                  .order_by(Member.id)).scalars().all()
        first, second = members[0], members[1]
        organisation = session.get(Organisation, first.organisation_id)
        assert organisation is not None
        return first, second, organisation.short_name or organisation.name


def test_the_author_of_a_change_is_named_from_the_activity_log(demo_store: Store) -> None:
    first, _second, short = _two_members(demo_store)
    notes = [ServerChange("steps", "postgres", 1)]
    with demo_store.session() as session:
        assert authors(session, notes) == {}  # nobody known: the login is named
        step = session.execute(select(Step).limit(1)).scalars().one()
        services.update(session, "steps", step.id, data={"title": "By a member"}, actor_id=first.id)
    with demo_store.session() as session:
        assert authors(session, notes) == {"postgres": Author(first.name, short)}
        # the program's own person is never the author of what it hears of
        assert authors(session, notes, own_member_id=first.id) == {}
        # an announcement about another section is not matched to that change
        assert authors(session, [ServerChange("blockers", "postgres", 1)]) == {}


def test_the_member_a_login_belongs_to_comes_first(pg_databases: Callable[[], str],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    url = pg_databases()
    assert main(["init", url, "--roles"]) == 0, capsys.readouterr().err
    with open_store(url) as store:
        load_demo(store)
        first, second, short = _two_members(store)
        with store.session() as session:
            session.execute(text("INSERT INTO workspace_login (login, member_id) VALUES ('alice', :m)"), {"m": first.id})
            step = session.execute(select(Step).limit(1)).scalars().one()
            session.commit()
            # the activity log names someone else for the last change: the login's member still wins
            services.update(session, "steps", step.id, data={"title": "By another"}, actor_id=second.id)
        with store.session() as session:
            named = authors(session, [ServerChange("steps", "alice", 1), ServerChange("steps", "bob", 2)])
        assert named["alice"] == Author(first.name, short)
        assert named["bob"].name == second.name  # no login row: the change's author
