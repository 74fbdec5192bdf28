"""A step's waiting time (``wait_hours``, schema 0004): the migration both ways on a workspace with data,
bundles with and without the field, merging it, and the critical path that tells effort from waiting."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from servicecommunity import services
from servicecommunity.analysis import analyse_data
from servicecommunity.analysis.graphs import (
    DependencyInfo,
    JourneyData,
    OrganisationInfo,
    StageInfo,
    StepInfo,
    build_journey_data,
)
from servicecommunity.domain.models import Step
from servicecommunity.exchange import bundle
from servicecommunity.exchange.demo import load_demo
from servicecommunity.exchange.sync import SyncDirty
from servicecommunity.store.workspace import alembic_config, open_store
from tests.core.members import Member

VAT = "Register for VAT"
LOAN = "Apply for a Start Up Loan"


def _columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f'pragma table_info("{table}")')]
    finally:
        conn.close()


def _trigger_columns(path: Path, name: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        (sql,) = conn.execute("select sql from sqlite_master where type = 'trigger' and name = ?", (name,)).fetchone()
    finally:
        conn.close()
    return re.findall(r"'(\w+)', OLD\.", sql)


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0]
                for t in ("step", "dependency", "blockerstep", "stepsupporter", "stepdataitem")}
    finally:
        conn.close()


def _migrate(path: Path, verb: str, revision: str) -> None:
    with open_store(path) as store:
        cfg = alembic_config(store.engine)
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            getattr(command, verb)(cfg, revision)


# --- the migration -------------------------------------------------------------------------------------


def test_the_migration_goes_down_and_up_on_a_workspace_with_data(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with open_store(path) as store:
        load_demo(store)
        with store.session() as session:
            vat = session.scalars(select(Step).where(Step.title == VAT)).one()
            assert (vat.duration_hours, vat.wait_hours) == (1.5, 720.0)
    counts = _counts(path)
    assert "wait_hours" in _columns(path, "step")
    assert "wait_hours" in _trigger_columns(path, "sync_dirty_update_step")

    _migrate(path, "downgrade", "0003")
    assert "wait_hours" not in _columns(path, "step")
    assert _counts(path) == counts  # dropped in place: no step rebuilt, nothing cascaded away
    assert _trigger_columns(path, "sync_dirty_update_step") == _trigger_columns(path, "sync_dirty_delete_step")
    assert "wait_hours" not in _trigger_columns(path, "sync_dirty_delete_step")
    assert "duration_hours" in _trigger_columns(path, "sync_dirty_update_step")
    conn = sqlite3.connect(path)
    try:  # the 0003 triggers still work on the table without the column
        conn.execute("update step set title = 'Register for VAT now' where title = ?", (VAT,))
        conn.commit()
        (old,) = conn.execute("select old from sync_dirty where entity = 'steps'").fetchone()
        assert json.loads(old)["title"] == VAT and "wait_hours" not in json.loads(old)
        conn.execute("delete from sync_dirty")
        conn.commit()
    finally:
        conn.close()

    with open_store(path) as store:  # opened again: upgraded to head, the waits not recorded
        assert store.backup is not None
        with store.session() as session:
            vat = session.scalars(select(Step).where(Step.title == "Register for VAT now")).one()
            assert (vat.duration_hours, vat.wait_hours) == (1.5, None)
            services.update_step(session, vat.id, data={"wait_hours": 500.0})
        with store.session() as session:
            dirty = session.get(SyncDirty, vat.id)
            assert dirty is not None and dirty.old is not None
            assert json.loads(dirty.old)["wait_hours"] is None  # the trigger was made again with the column
    assert _counts(path) == counts


# --- bundles ---------------------------------------------------------------------------------------------


def _demo_text(tmp_path: Path) -> str:
    with open_store(tmp_path / "demo.sqlite") as store:
        load_demo(store)
        with store.session() as session:
            return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


def _waits(path: Path) -> dict[str, float | None]:
    with open_store(path) as store, store.session() as session:
        return {s.title: s.wait_hours for s in session.scalars(select(Step))}


def test_a_bundle_carries_the_waiting_time_there_and_back(tmp_path: Path) -> None:
    text = _demo_text(tmp_path)
    data = bundle.parse_bundle(text)
    assert {s["title"]: s["wait_hours"] for s in data["steps"]}[VAT] == 720.0
    with open_store(tmp_path / "b.sqlite") as store, store.session() as session:
        bundle.import_new(session, data)
    assert _waits(tmp_path / "b.sqlite")[VAT] == 720.0
    with open_store(tmp_path / "b.sqlite") as store, store.session() as session:
        assert bundle.dumps(bundle.export_bundle(session, include_sensitive=True)) == text


def test_a_bundle_from_before_the_field_imports_with_the_waits_not_recorded(tmp_path: Path) -> None:
    data = json.loads(_demo_text(tmp_path))
    for rec in data["steps"]:
        del rec["wait_hours"]
    parsed = bundle.parse_bundle(json.dumps(data))
    assert all(rec["wait_hours"] is None for rec in parsed["steps"])
    with open_store(tmp_path / "b.sqlite") as store, store.session() as session:
        bundle.import_new(session, parsed)
    waits = _waits(tmp_path / "b.sqlite")
    assert len(waits) == len(data["steps"]) and set(waits.values()) == {None}


def test_a_bad_waiting_time_is_refused_in_one_sentence(tmp_path: Path) -> None:
    data = json.loads(_demo_text(tmp_path))
    data["steps"][0]["wait_hours"] = -3
    with pytest.raises(bundle.BundleError, match="wait_hours") as caught:
        bundle.parse_bundle(json.dumps(data))
    assert "\n" not in str(caught.value)


# --- merging ---------------------------------------------------------------------------------------------


@pytest.fixture
def members(tmp_path: Path) -> Iterator[list[Member]]:
    made = [Member(tmp_path / f"{name}.sqlite") for name in "ab"]
    load_demo(made[0].store)
    made[1].receive(made[0].send())
    yield made
    for m in made:
        m.close()


def _step(m: Member, title: str) -> str:
    with m.session() as session:
        return str(session.scalars(select(Step.id).where(Step.title == title)).one())


def _swap(x: Member, y: Member) -> None:
    to_y, to_x = x.send(), y.send()
    y.receive(to_y)
    x.receive(to_x)


def test_a_waiting_time_set_on_one_side_and_a_title_on_the_other_both_survive(members: list[Member]) -> None:
    a, b = members
    step = _step(a, LOAN)
    a.update("steps", step, wait_hours=336.0)
    b.update("steps", step, title="Apply for a Start Up Loan online")
    _swap(a, b)
    for m in (a, b):
        rec = m.get("steps", step)
        assert rec is not None and (rec["title"], rec["wait_hours"]) == ("Apply for a Start Up Loan online", 336.0)
        assert m.conflicts() == []  # the title edit did not count as an edit of the wait
    assert a.state() == b.state()


def test_the_waiting_time_changed_on_both_sides_is_a_conflict_with_both_values(members: list[Member]) -> None:
    a, b = members
    step = _step(a, VAT)
    a.update("steps", step, wait_hours=500.0)
    b.update("steps", step, wait_hours=900.0)
    _swap(a, b)
    assert a.state() == b.state()
    for m in (a, b):
        (conflict,) = m.conflicts()
        assert conflict.field == "wait_hours"
        assert {conflict.shown.value, conflict.other.value} == {500.0, 900.0}


# --- the critical path's words -------------------------------------------------------------------------------


def _journey(steps: list[StepInfo], edges: list[tuple[str, str]]) -> JourneyData:
    return build_journey_data(
        journey_id="j", journey_name="Start a café", community_id="c",
        stages=[StageInfo(f"st{i}", f"Stage {i}", i) for i in range(3)],
        steps=steps,
        dependencies=[DependencyInfo(f"d{a}{b}", a, b) for a, b in edges],
        organisations=[OrganisationInfo("hmrc", "HM Revenue and Customs", "HMRC"), OrganisationInfo("ch", "Companies House")],
    )


def _path_finding(data: JourneyData) -> tuple[str, str, dict[str, object]]:
    report = analyse_data(data, today=date(2026, 12, 1))
    (finding,) = [f for f in report.findings if f.kind == "critical_path"]
    return finding.message, finding.action, dict(finding.data)


def test_the_critical_path_gives_the_users_own_time_and_the_waiting_apart() -> None:
    # 1 -> 2 -> 4 and 1 -> 3 -> 4: step 3 takes less effort but a 5-week wait, so the route runs through it
    steps = [
        StepInfo("1", "Choose a structure", "st0", 0, "hmrc", duration_hours=2, wait_hours=0),
        StepInfo("2", "Fill in the long form", "st1", 0, "ch", duration_hours=10, wait_hours=0),
        StepInfo("3", "Register for VAT", "st1", 1, "hmrc", duration_hours=1.5, wait_hours=840),
        StepInfo("4", "Open the café", "st2", 0, "hmrc", duration_hours=2.5, wait_hours=0),
    ]
    message, action, data = _path_finding(_journey(steps, [("1", "2"), ("1", "3"), ("2", "4"), ("3", "4")]))
    assert message.replace("\u2018", "'").replace("\u2019", "'").startswith(
        "The longest route from the start of the journey takes about 5 weeks over 3 steps, from 'Choose a structure' "
        "to 'Open the café': about 6 hours of the user's own time and 5 weeks of waiting. "
        "The longest steps are 'Register for VAT' (1.5 hours and 5 weeks of waiting), 'Open the café' (2.5 hours) "
        "and 'Choose a structure' (2 hours).")
    assert "waiting included" not in message
    assert (data["effort_hours"], data["wait_hours"], data["mixed_steps"]) == (6.0, 840.0, 0)
    assert action.startswith("Start with the longest waits")


def test_the_critical_path_says_when_the_map_does_not_tell_waiting_apart() -> None:
    steps = [StepInfo("1", "Apply", "st0", 0, duration_hours=3), StepInfo("2", "Hear back", "st1", 0, duration_hours=336)]
    message, action, data = _path_finding(_journey(steps, [("1", "2")]))
    assert "about 2 weeks over 2 steps" in message
    assert "waiting included: no step on it says how much of its time is waiting" in message
    assert "of the user's own time" not in message
    assert action.startswith("Start with the longest steps")
    assert data["mixed_steps"] == 2


def test_the_critical_path_says_which_steps_mix_effort_and_waiting() -> None:
    steps = [StepInfo("1", "Apply", "st0", 0, duration_hours=3, wait_hours=0),
             StepInfo("2", "Hear back", "st1", 0, duration_hours=4),
             StepInfo("3", "Get the letter", "st2", 0, duration_hours=0.5, wait_hours=72)]
    message, _, _ = _path_finding(_journey(steps, [("1", "2"), ("2", "3")]))
    assert ("about 7.5 hours of the user's own time and 3 days of waiting, though 1 step on it records one time "
            "with any waiting included.") in message


def test_a_route_too_long_to_be_one_users_journey_is_said_to_mean_nothing() -> None:
    steps = [StepInfo(str(i), f"Step {i}", "st0", i, duration_hours=1, wait_hours=24) for i in range(45)]
    message, action, data = _path_finding(_journey(steps, [(str(i), str(i + 1)) for i in range(44)]))
    assert "A route of 45 steps is not one user's journey" in message
    assert "this figure means nothing until they are checked" in message
    assert data["meaningful"] is False
    assert action == "Check the dependencies: a real user's route is much shorter."
