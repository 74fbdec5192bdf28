"""The bundle file export (SQLite renders each record): the same bytes as the dict path, whatever the rows hold."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from servicecommunity.exchange import bundle, exports
from servicecommunity.store import codec
from servicecommunity.store.workspace import Store
from servicecommunity.testing import synthetic
from tests.core.builders import assert_one_journey


def both(store: Store, **scope: object) -> tuple[bytes, bundle.BundleFile]:
    with store.session() as session:
        slow = bundle.dumps_bytes(bundle.export_bundle(session, **scope))  # type: ignore[arg-type]
        fast = bundle.export_bundle_file(session, **scope)  # type: ignore[arg-type]
    return slow, fast


@pytest.mark.parametrize("sensitive", [False, True])
def test_the_demo_gives_the_same_bytes_both_ways(demo_store: Store, sensitive: bool) -> None:
    slow, fast = both(demo_store, include_sensitive=sensitive)
    assert fast.data == slow
    with demo_store.session() as session:
        journey_id = session.execute(text("SELECT id FROM journey")).scalar_one()
    slow, fast = both(demo_store, journey_id=journey_id, include_sensitive=sensitive)
    assert fast.data == slow
    data = json.loads(fast.data)
    assert fast.omitted == data["omitted"] and fast.classification == data["classification"]
    assert (data["omitted"]["sensitive_blockers"] > 0) is not sensitive


def test_a_synthetic_community_gives_the_same_bytes_both_ways(store: Store) -> None:
    data = synthetic.generate_bundle(steps=300, dependencies=900, blockers=1200)
    synthetic.load(store, data)
    for journey in data["journeys"]:
        slow, fast = both(store, journey_id=journey["id"])
        assert fast.data == slow
    slow, fast = both(store, include_sensitive=True)
    assert fast.data == slow


# Rows SQL would render differently from Python: each must go the dict way, not come out wrong.
ODD_ROWS = [
    ("a time not in SQLAlchemy's usual form", "UPDATE blocker SET updated_at = '2024-05-01 09:30:00' WHERE id = (SELECT min(id) FROM blocker)"),
    ("a time with an offset", "UPDATE step SET created_at = '2024-05-01T09:30:00+01:00' WHERE id = (SELECT min(id) FROM step)"),
    ("an integer list written compactly", "UPDATE blocker SET standard_points = '[3,1]' WHERE id = (SELECT max(id) FROM blocker)"),
    ("a list of booleans", "UPDATE blocker SET standard_points = '[true, false]' WHERE id = (SELECT max(id) FROM blocker)"),
    ("a JSON object", "UPDATE step SET channels = '{\"b\": 1, \"a\": [1.5, \"x\"]}' WHERE id = (SELECT max(id) FROM step)"),
    ("text escaped as ASCII", "UPDATE step SET channels = '[\"caf\\u00e9\", \"\\u2028\"]' WHERE id = (SELECT max(id) FROM step)"),
    ("a REAL in an INTEGER column", "UPDATE step SET position = 0.1 + 0.2 WHERE id = (SELECT min(id) FROM step)"),
    ("a flag other than 0 or 1", "UPDATE dependency SET agreed = 7 WHERE id = (SELECT min(id) FROM dependency)"),
    ("floats Python and SQLite write differently", "UPDATE step SET duration_hours = 0.1 + 0.2, cost_per_transaction = 1e16, "
     "user_satisfaction = 1e-7, completion_rate = 100 WHERE id = (SELECT min(id) FROM step)"),
    ("control characters and quotes in text", "UPDATE blocker SET title = char(1) || '\"' || char(10) || '\\' || char(127) "
     "|| char(8232) || 'é' WHERE id = (SELECT min(id) FROM blocker)"),
]


@pytest.mark.parametrize(("what", "sql"), ODD_ROWS, ids=[w for w, _ in ODD_ROWS])
def test_rows_sql_cannot_render_exactly_still_give_the_same_bytes(demo_store: Store, what: str, sql: str) -> None:
    with demo_store.session() as session:
        session.execute(text("PRAGMA foreign_keys=OFF"))
        assert session.execute(text(sql)).rowcount == 1, what
        session.commit()
    slow, fast = both(demo_store, include_sensitive=True)
    assert fast.data == slow
    json.loads(fast.data)  # and still JSON


def test_a_json_export_gives_every_change_a_dot_and_reports_what_it_left_out(demo_store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        session.execute(text("UPDATE blocker SET description = 'changed here'"))
        session.commit()
        assert session.execute(text("SELECT count(*) FROM sync_dirty")).scalar_one() > 0
        result = exports.export(session, "json", tmp_path / "b.json")
        assert session.execute(text("SELECT count(*) FROM sync_dirty")).scalar_one() == 0
    data = json.loads((tmp_path / "b.json").read_bytes())
    assert result.omitted["sensitive_blockers"] == data["omitted"]["sensitive_blockers"] > 0
    for blocker in data["blockers"]:  # each change travels with its dot
        assert "description" in data["clocks"][blocker["id"]]["f"]


def test_a_journey_bundle_trims_links_to_other_journeys(store: Store) -> None:
    """Blockers that span journeys: each journey's bundle holds them with only its own links."""
    data = synthetic.generate_bundle(steps=300, dependencies=900, blockers=1200)
    synthetic.load(store, data)
    big, *others = sorted(data["journeys"], key=lambda j: -sum(s["journey_id"] == j["id"] for s in data["steps"]))
    other_step = next(s["id"] for s in data["steps"] if s["journey_id"] == others[0]["id"])
    only_big = [b["id"] for b in data["blockers"] if b["step_ids"]][:3]
    with store.session() as session:  # two blockers now also touch another journey; one touches only it
        for blocker_id in only_big[:2]:
            session.execute(text("INSERT INTO blockerstep (blocker_id, step_id) VALUES (:b, :s)"),
                            {"b": blocker_id, "s": other_step})
        session.execute(text("DELETE FROM blockerstep WHERE blocker_id = :b"), {"b": only_big[2]})
        session.execute(text("DELETE FROM blockerdependency WHERE blocker_id = :b"), {"b": only_big[2]})
        session.execute(text("INSERT INTO blockerstep (blocker_id, step_id) VALUES (:b, :s)"),
                        {"b": only_big[2], "s": other_step})
        session.commit()
        full = bundle.export_bundle(session, include_sensitive=True)
        for journey in (big, others[0]):
            for sensitive in (False, True):
                one = bundle.export_bundle(session, journey_id=journey["id"], include_sensitive=sensitive)
                assert_one_journey(one, full, journey["id"], sensitive)
                assert bundle.export_bundle_file(session, journey_id=journey["id"],
                                                 include_sensitive=sensitive).data == bundle.dumps_bytes(one)
        spanning = bundle.export_bundle(session, journey_id=others[0]["id"], include_sensitive=True)["blockers"]
    assert {b["id"] for b in spanning} >= set(only_big)


def _midway(monkeypatch: pytest.MonkeyPatch, section: str, act: object) -> None:
    """Run ``act()`` while an export is reading: as it starts on ``section``."""

    real = codec.sqlite_json_text

    def reading(name: str, *args: object, **kwargs: object) -> object:
        if name == section:
            act()  # type: ignore[operator]
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(codec, "sqlite_json_text", reading)


def test_an_export_is_of_one_moment_while_the_app_goes_on_editing(
    demo_store: Store, tmp_path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """Another window adds a step and a hand-off to it while the export is reading: the file holds
    neither (it was read at one moment), and it reads back whole (no hand-off to a step it lacks)."""
    from servicecommunity import services

    with demo_store.session() as session:
        step = session.execute(text("SELECT id, journey_id, stage_id FROM step ORDER BY id LIMIT 1")).one()
    added: dict[str, str] = {}

    def edit() -> None:
        with demo_store.session() as other:
            new = services.create(other, "steps", data={"journey_id": step.journey_id, "stage_id": step.stage_id,
                                                         "title": "Added meanwhile"}).value
            dep = services.create(other, "dependencies", data={"from_step_id": step.id,
                                                               "to_step_id": new.id}).value
            added.update(step=new.id, dependency=dep.id)

    _midway(monkeypatch, "dependencies", edit)  # steps already read, dependencies not yet
    with demo_store.session() as session:
        exports.export(session, "json", tmp_path / "b.json")
    assert added  # the edit ran, midway
    data = bundle.read_bundle(tmp_path / "b.json")  # validated: every reference resolves
    assert added["step"] not in {s["id"] for s in data["steps"]}
    assert added["dependency"] not in {d["id"] for d in data["dependencies"]}


def test_a_record_changed_while_it_was_exported_is_read_again_so_values_and_clocks_agree(
    demo_store: Store, tmp_path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """An edit landing between the clocks' refresh and the read: the export reads again."""
    from servicecommunity import services
    from servicecommunity.exchange.exports import _refresh_clocks as real_refresh

    with demo_store.session() as session:
        blocker_id = session.execute(text("SELECT id FROM blocker ORDER BY id LIMIT 1")).scalar_one()
    calls = []

    def refresh_then_edit(session):  # type: ignore[no-untyped-def]
        real_refresh(session)
        calls.append(1)
        if len(calls) == 1:
            with demo_store.session() as other:
                services.update(other, "blockers", blocker_id, data={"title": "Renamed meanwhile"})

    monkeypatch.setattr(exports, "_refresh_clocks", refresh_then_edit)
    with demo_store.session() as session:
        exports.export(session, "json", tmp_path / "b.json", include_sensitive=True)
    data = bundle.read_bundle(tmp_path / "b.json")
    sent = {b["id"]: b for b in data["blockers"]}
    assert len(calls) == 2
    assert sent[blocker_id]["title"] == "Renamed meanwhile"
    assert "title" in data["clocks"][blocker_id]["f"]  # the rename went with its dot



def _nested(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("where", ["a record's field", "a clock's other value", "the scope", "the sites"])
def test_a_deeply_nested_bundle_is_refused_in_one_sentence(demo_store: Store, where: str) -> None:
    """Nested far deeper than any bundle, a value would make the schema checks recurse until Python's stack ran out."""
    import copy

    with demo_store.session() as session:
        base = bundle.export_bundle(session)
    data = copy.deepcopy(base)
    deep = _nested(100_000)
    if where == "a record's field":
        data["steps"][0]["channels"] = deep
    elif where == "a clock's other value":
        data["clocks"][data["steps"][0]["id"]] = {
            "c": ["0" * 16, 0], "f": {"title": {"w": [["a" * 16, 1], ["b" * 16, 2]], "vv": {}, "x": [deep]}}}
    elif where == "the scope":
        data["scope"]["journey_id"] = deep
    else:
        data["sites"] = {"a" * 16: deep}
    with pytest.raises(bundle.BundleError, match=r"^deep\.json is nested too deeply to be a file this app reads\.$"):
        bundle.validate_bundle(data, name="deep.json")
    text = bundle.dumps(base).rstrip()[:-1] + ', "deep": ' + "[" * 900 + "]" * 900 + "}"
    with pytest.raises(bundle.BundleError, match=r"^deep\.json is nested too deeply"):
        bundle.parse_bundle(text, name="deep.json")  # as text too
