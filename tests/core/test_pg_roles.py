"""Rights enforced by the database: each role connects with plain SQL and sees and changes only what it may.

An OFFICIAL-SENSITIVE blocker owned by one organisation: its members and the facilitators see it,
its history and its noted old values; a member of another organisation sees none of them with
plain SQL and cannot change or comment on them; a viewer reads the rest and writes nothing.
Needs a server (see tests/core/test_pg_store.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from servicecommunity import services
from servicecommunity.cli.main import main
from servicecommunity.domain.models import Blocker, Member
from servicecommunity.exchange.demo import load_demo
from servicecommunity.store.workspace import open_store

_n = itertools.count()


@dataclass
class Workspace:
    url: str  # the owner's, as SQLAlchemy takes it
    sensitive: str  # an OFFICIAL-SENSITIVE blocker's id
    owner_org: str
    other_org: str

    def connect(self, login: str) -> psycopg.Connection:
        url = make_url(self.url).set(drivername="postgresql", username=login)
        return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


@pytest.fixture
def workspace(pg_databases: Callable[[], str], capsys: pytest.CaptureFixture[str]) -> Iterator[Workspace]:
    url = pg_databases()
    assert main(["init", url, "--roles"]) == 0, capsys.readouterr().err
    with open_store(url) as store:
        load_demo(store)
        with store.session() as session:
            blocker = session.execute(select(Blocker).where(Blocker.owner_id.is_not(None))  # type: ignore[union-attr]
                                      .order_by(Blocker.id).limit(1)).scalars().one()
            services.update(session, "blockers", blocker.id, data={"classification": "OFFICIAL-SENSITIVE"})
        with store.session() as session:
            services.comment_on_blocker(session, blocker.id, comment="Only for HMRC's eyes")
        with store.session() as session:
            members = session.execute(select(Member).where(Member.organisation_id.is_not(None))).scalars().all()  # type: ignore[union-attr]
        owner_org = str(blocker.owner_id)
        ours = next(m for m in members if m.organisation_id == owner_org)
        theirs = next(m for m in members if m.organisation_id != owner_org)
    tag = f"{make_url(url).database}_{next(_n)}"
    logins = {
        "alice": ("sc_member", ours.id), "bob": ("sc_member", theirs.id),
        "vic": ("sc_viewer", theirs.id), "fay": ("sc_facilitator", theirs.id),
    }
    names = {who: f"{who}_{tag}" for who in logins}
    owner = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(owner, autocommit=True) as conn:
        for who, (role, member_id) in logins.items():
            conn.execute(f'CREATE ROLE "{names[who]}" LOGIN IN ROLE {role}')
            conn.execute("INSERT INTO workspace_login (login, member_id) VALUES (%s, %s)", (names[who], member_id))
    ws = Workspace(url, blocker.id, owner_org, str(theirs.organisation_id))
    ws.names = names  # type: ignore[attr-defined]
    try:
        yield ws
    finally:
        with psycopg.connect(owner, autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'DROP OWNED BY "{name}"')
                conn.execute(f'DROP ROLE "{name}"')


def seen(ws: Workspace, who: str, sql: str, *args: object) -> int:
    with ws.connect(ws.names[who]) as conn:  # type: ignore[attr-defined]
        return int(conn.execute(sql, args).fetchone()[0])  # type: ignore[index]


def test_a_sensitive_blocker_and_its_history_are_its_organisations_and_the_facilitators(workspace: Workspace) -> None:
    ws = workspace
    count_blocker = "SELECT count(*) FROM blocker WHERE id = %s"
    count_history = "SELECT count(*) FROM blockerupdate WHERE blocker_id = %s"
    count_noted = "SELECT count(*) FROM sync_dirty WHERE id = %s"
    for who, sees in (("alice", 1), ("fay", 1), ("bob", 0), ("vic", 0)):
        assert seen(ws, who, count_blocker, ws.sensitive) == sees, who
        assert (seen(ws, who, count_history, ws.sensitive) > 0) == bool(sees), who
        assert seen(ws, who, count_noted, ws.sensitive) == sees, who  # its old values, noted for the next share
    # the rest stay in sight: every other blocker, and the sensitive ones of bob's own organisation
    his = seen(ws, "fay", "SELECT count(*) FROM blocker WHERE classification <> 'OFFICIAL-SENSITIVE' OR owner_id = %s",
               ws.other_org)
    assert his < seen(ws, "fay", "SELECT count(*) FROM blocker")
    assert seen(ws, "bob", "SELECT count(*) FROM blocker") == his
    assert seen(ws, "vic", "SELECT count(*) FROM step") == 34


def test_another_organisation_cannot_change_or_comment_on_it(workspace: Workspace) -> None:
    ws = workspace
    with ws.connect(ws.names["bob"]) as conn:  # type: ignore[attr-defined]
        changed = conn.execute("UPDATE blocker SET title = 'Taken over' WHERE id = %s", (ws.sensitive,)).rowcount
        assert changed == 0
        assert conn.execute("DELETE FROM blocker WHERE id = %s", (ws.sensitive,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO blockerupdate (id, created_at, updated_at, blocker_id, kind, comment) "
                         "VALUES ('x1', now(), now(), %s, 'comment', 'sneaky')", (ws.sensitive,))
        # nor make a blocker sensitive to another organisation, so that it drops out of its own sight
        other = conn.execute("SELECT id FROM blocker WHERE classification = 'OFFICIAL' AND owner_id = %s LIMIT 1",
                             (ws.owner_org,)).fetchone()
        if other is not None:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                conn.execute("UPDATE blocker SET classification = 'OFFICIAL-SENSITIVE' WHERE id = %s", (other[0],))
    assert seen(ws, "fay", "SELECT count(*) FROM blocker WHERE id = %s AND title = 'Taken over'", ws.sensitive) == 0
    with ws.connect(ws.names["alice"]) as conn:  # type: ignore[attr-defined]
        assert conn.execute("UPDATE blocker SET severity = 'high' WHERE id = %s", (ws.sensitive,)).rowcount == 1


def test_a_viewer_reads_and_writes_nothing(workspace: Workspace) -> None:
    ws = workspace
    with ws.connect(ws.names["vic"]) as conn:  # type: ignore[attr-defined]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE step SET title = 'Vandalised'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM organisation")
    with ws.connect(ws.names["bob"]) as conn:  # type: ignore[attr-defined]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM workspace_login")  # only facilitators say who is who
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM alembic_version")


def test_a_member_edits_through_the_app_as_themselves(workspace: Workspace) -> None:
    """The core's own writes work under a member's login: triggers, clocks, activity, all allowed."""
    ws = workspace
    url = make_url(ws.url).set(username=ws.names["alice"]).render_as_string(hide_password=False)  # type: ignore[attr-defined]
    with open_store(url) as store:
        with store.session() as session:
            services.comment_on_blocker(session, ws.sensitive, comment="Seen by HMRC")
        with store.session() as session:
            step = session.execute(select(services.ENTITIES["steps"]).limit(1)).scalars().one()
            services.update(session, "steps", step.id, data={"title": "Edited by a member"})
    assert seen(ws, "bob", "SELECT count(*) FROM blockerupdate WHERE comment = 'Seen by HMRC'") == 0
    assert seen(ws, "fay", "SELECT count(*) FROM blockerupdate WHERE comment = 'Seen by HMRC'") == 1


def _as(ws: Workspace, who: str) -> str:
    return make_url(ws.url).set(username=ws.names[who]).render_as_string(hide_password=False)  # type: ignore[attr-defined]


def test_the_activity_log_keeps_a_sensitive_blockers_words_to_its_readers(workspace: Workspace) -> None:
    """The log's summaries hold a blocker's title and a comment's words: hidden as the blocker is."""
    ws = workspace
    count = ("SELECT count(*) FROM activity WHERE entity_id = %s "
             "OR entity_id IN (SELECT id FROM blockerupdate WHERE blocker_id = %s) OR summary LIKE '%%HMRC%%'")
    words = "SELECT count(*) FROM activity WHERE summary LIKE '%%HMRC%%'"
    for who, sees in (("alice", True), ("fay", True), ("bob", False), ("vic", False)):
        assert (seen(ws, who, count, ws.sensitive, ws.sensitive) > 0) == sees, who
        assert (seen(ws, who, words) > 0) == sees, who
    # the rest of the log stays in sight
    assert seen(ws, "bob", "SELECT count(*) FROM activity WHERE entity = 'steps' OR entity = 'communities'") > 0


def test_a_member_withdraws_a_comment_and_deletes_a_sensitive_blocker_of_their_own(workspace: Workspace) -> None:
    ws = workspace
    with open_store(_as(ws, "alice")) as store:
        with store.session() as session:
            entry = services.comment_on_blocker(session, ws.sensitive, comment="A slip, HMRC").value
        with store.session() as session:
            services.withdraw_blocker_update(session, entry.id)
        with store.session() as session:
            services.delete(session, "blockers", ws.sensitive)
    # what the deletion left (its old values, its log entries) is still the organisation's alone
    for who, sees in (("alice", True), ("fay", True), ("bob", False)):
        assert (seen(ws, who, "SELECT count(*) FROM activity WHERE summary LIKE '%%HMRC%%'") > 0) == sees, who
        assert (seen(ws, who, "SELECT count(*) FROM sync_dirty WHERE old LIKE '%%HMRC%%'") > 0) == sees, who


def test_members_of_either_organisation_export_a_bundle(workspace: Workspace) -> None:
    """An export refreshes the clocks, writing them as the member: no policy stops it."""
    from servicecommunity.exchange.bundle import export_bundle

    ws = workspace
    for who in ("bob", "alice"):
        with open_store(_as(ws, who)) as store, store.session() as session:
            data = export_bundle(session, include_sensitive=True)
        ids = {b["id"] for b in data["blockers"]}
        assert (ws.sensitive in ids) == (who == "alice"), who


def test_a_sensitive_blockers_link_changes_and_clock_stay_with_its_readers(workspace: Workspace) -> None:
    """What an export leaves (the blocker's clock) and a link change notes (``sync_dirty_link``)."""
    from servicecommunity.exchange.bundle import export_bundle
    from servicecommunity.exchange.sync import SyncClock

    ws = workspace
    with open_store(_as(ws, "alice")) as store:
        with store.session() as session:
            step = session.execute(select(services.ENTITIES["steps"].id).limit(1)).scalar_one()  # type: ignore[attr-defined]
            services.update(session, "blockers", ws.sensitive, data={"step_ids": [step]})
        links = "SELECT count(*) FROM sync_dirty_link WHERE parent = %s"
        for who, sees in (("alice", True), ("fay", True), ("bob", False), ("vic", False)):
            assert (seen(ws, who, links, ws.sensitive) > 0) == sees, who
        with store.session() as session:
            export_bundle(session, include_sensitive=True)  # gives the changes their clocks
            session.commit()
        with store.session() as session:
            assert session.get(SyncClock, ws.sensitive) is not None
    clock = "SELECT count(*) FROM sync_clock WHERE id = %s"
    for who, sees in (("alice", 1), ("fay", 1), ("bob", 0), ("vic", 0)):
        assert seen(ws, who, clock, ws.sensitive) == sees, who


def test_a_blocker_made_sensitive_takes_its_earlier_log_with_it(workspace: Workspace) -> None:
    ws = workspace
    with ws.connect(ws.names["alice"]) as conn:  # type: ignore[attr-defined]
        other = conn.execute("SELECT id FROM blocker WHERE classification = 'OFFICIAL' AND owner_id = %s LIMIT 1",
                             (ws.owner_org,)).fetchone()
    if other is None:
        pytest.skip("the demo has no other blocker of that organisation")
    with open_store(_as(ws, "alice")) as store, store.session() as session:
        services.comment_on_blocker(session, other[0], comment="Said in the open")
    words = "SELECT count(*) FROM activity WHERE summary = 'Said in the open'"
    assert seen(ws, "bob", words) == 1
    with open_store(_as(ws, "alice")) as store, store.session() as session:
        services.update(session, "blockers", other[0], data={"classification": "OFFICIAL-SENSITIVE"})
    assert (seen(ws, "bob", words), seen(ws, "alice", words), seen(ws, "fay", words)) == (0, 1, 1)
    # nobody but the hosting team reads what the server remembers of each blocker
    with ws.connect(ws.names["fay"]) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):  # type: ignore[attr-defined]
        conn.execute("SELECT count(*) FROM sc_blocker_fact")
