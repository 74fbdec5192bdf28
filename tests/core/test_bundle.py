"""JSON bundles: import(export(x)) == x for any community, merges of changed copies, and bad files."""

from __future__ import annotations

import json
import re
import shutil
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicecommunity.domain import enums
from servicecommunity.domain.errors import BundleError
from servicecommunity.exchange import bundle
from servicecommunity.exchange.merge import import_bundle, merge_bundle
from servicecommunity.store import codec
from servicecommunity.store.workspace import Store, open_store
from tests.core.builders import assert_one_journey

JSONDict = dict[str, Any]

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
# a name or title: not only spaces (schemas.Name)
WORDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(lambda s: re.search(r"\S", s))
TIMES = st.datetimes(datetime(2001, 1, 1), datetime(2099, 1, 1), timezones=st.just(UTC)).map(codec.format_datetime)
DATES = st.dates(date(2001, 1, 1), date(2099, 1, 1)).map(date.isoformat)
AMOUNT = st.none() | st.floats(0, 1e9, allow_nan=False, allow_infinity=False)
PERCENT = st.none() | st.floats(0, 100, allow_nan=False)


def values(enum: type[enums.StrEnum]) -> st.SearchStrategy[str]:
    return st.sampled_from([e.value for e in enum])


@st.composite
def communities(draw: st.DrawFn) -> JSONDict:
    """A random but consistent bundle of one community, in the canonical form an export gives."""
    used: set[str] = set()

    def new_id() -> str:
        value = str(draw(st.uuids(version=4)))
        if value in used:
            value = str(uuid.uuid4())
        used.add(value)
        return value

    def record(**fields: Any) -> JSONDict:
        created = draw(TIMES)
        return {"id": new_id(), "created_at": created, "updated_at": draw(TIMES), **fields}

    def maybe(items: list[JSONDict]) -> str | None:
        return draw(st.none() | st.sampled_from([i["id"] for i in items])) if items else None

    def some(items: list[JSONDict]) -> list[str]:
        ids = [i["id"] for i in items]
        return sorted(draw(st.lists(st.sampled_from(ids), unique=True))) if ids else []

    def several(make: Any, most: int) -> list[JSONDict]:
        return [make() for _ in range(draw(st.integers(0, most)))]

    community = record(name=draw(WORDS), description=draw(TEXT))
    cid = community["id"]
    orgs = several(lambda: record(community_id=cid, name=draw(WORDS), short_name=draw(TEXT),
                                  kind=draw(values(enums.OrganisationKind)),
                                  colour=draw(st.from_regex(r"\A#[0-9a-f]{6}\Z"))), 3)
    groups = several(lambda: record(community_id=cid, name=draw(WORDS), purpose=draw(TEXT)), 2)
    members = several(lambda: record(community_id=cid, name=draw(WORDS), email=draw(TEXT),
                                     role=draw(values(enums.MemberRole)), organisation_id=maybe(orgs),
                                     group_ids=some(groups)), 3)
    items = several(lambda: record(community_id=cid, name=draw(WORDS), description=draw(TEXT)), 2)
    journeys = several(lambda: record(community_id=cid, name=draw(WORDS), persona=draw(TEXT), user_need=draw(TEXT),
                                      status=draw(values(enums.JourneyStatus)), description=draw(TEXT)), 2)
    stages, steps, deps = [], [], []
    for journey in journeys:
        journey_stages = several(lambda j=journey: record(journey_id=j["id"], name=draw(WORDS),
                                                          position=draw(st.integers(0, 100)), description=draw(TEXT)), 2)
        stages += journey_stages
        journey_steps = []
        for stage in journey_stages:
            journey_steps += several(lambda j=journey, s=stage: record(
                journey_id=j["id"], stage_id=s["id"], position=draw(st.integers(0, 100)), title=draw(WORDS),
                description=draw(TEXT), owner_id=maybe(orgs), supporter_ids=some(orgs),
                channels=draw(st.lists(values(enums.Channel), unique=True)), touchpoint=draw(TEXT),
                touchpoint_url=draw(TEXT), duration_hours=draw(AMOUNT), emotion=draw(st.none() | st.integers(-2, 2)),
                pain_points=draw(TEXT), monthly_volume=draw(st.none() | st.integers(0, 10**12)),
                cost_per_transaction=draw(AMOUNT), user_satisfaction=draw(PERCENT), completion_rate=draw(PERCENT),
                digital_take_up=draw(PERCENT), data_item_ids=some(items)), 2)
        for stage in journey_stages:  # distinct places in a stage, as an export's are (a merge spreads a tie)
            taken = -1
            for step in sorted((s for s in journey_steps if s["stage_id"] == stage["id"]), key=lambda s: s["position"]):
                step["position"] = taken = max(step["position"], taken + 1)
        steps += journey_steps
        if journey_steps:
            deps += several(lambda j=journey, js=journey_steps: record(
                journey_id=j["id"], from_step_id=draw(st.sampled_from(js))["id"], to_step_id=draw(st.sampled_from(js))["id"],
                kind=draw(values(enums.DependencyKind)), handoff_mode=draw(st.none() | values(enums.HandoffMode)),
                agreed=draw(st.booleans()), note=draw(TEXT)), 3)
    workshops = several(lambda: record(community_id=cid, journey_id=maybe(journeys), title=draw(WORDS), held_on=draw(DATES),
                                       facilitator_id=maybe(members), notes=draw(TEXT), attendee_ids=some(members)), 2)
    blockers = several(lambda: record(
        community_id=cid, title=draw(WORDS), description=draw(TEXT), category=draw(values(enums.BlockerCategory)),
        severity=draw(values(enums.Severity)), status=draw(values(enums.BlockerStatus)),
        classification=draw(values(enums.Classification)), raised_by_id=maybe(members), owner_id=maybe(orgs),
        workshop_id=maybe(workshops), raised_on=draw(st.none() | DATES), due_on=draw(st.none() | DATES),
        resolved_on=draw(st.none() | DATES), standard_points=draw(st.lists(st.integers(1, 14), unique=True)),
        blocking_organisation_ids=some(orgs), step_ids=some(steps), dependency_ids=some(deps)), 3)
    updates = []
    for blocker in blockers:
        updates += several(lambda b=blocker: record(
            blocker_id=b["id"], author_id=maybe(members), kind=draw(values(enums.UpdateKind)), comment=draw(TEXT),
            old_status=draw(st.none() | values(enums.BlockerStatus)), new_status=draw(st.none() | values(enums.BlockerStatus))), 2)
    notes = []
    for on in [*steps, *deps]:
        column = "step_id" if on in steps else "dependency_id"
        notes += several(lambda o=on, c=column: record(
            journey_id=o["journey_id"], author_id=maybe(members), body=draw(WORDS),
            **{"step_id": None, "dependency_id": None, c: o["id"]}), 1)
    tombstones = several(lambda: {"id": new_id(), "entity": draw(st.sampled_from(bundle.SECTIONS)), "deleted_at": draw(TIMES)}, 2)
    sections = {
        "communities": [community], "organisations": orgs, "groups": groups, "members": members, "data_items": items,
        "journeys": journeys, "stages": stages, "steps": steps, "dependencies": deps, "workshops": workshops,
        "blockers": blockers, "blocker_updates": updates, "notes": notes,
    }
    out: JSONDict = {"format": bundle.FORMAT, "format_version": bundle.FORMAT_VERSION,
                     "scope": {"community_id": cid, "journey_id": None}}
    for name, records in sections.items():
        out[name] = sorted(records, key=lambda r: r["id"])
    out["tombstones"] = sorted(tombstones, key=lambda t: t["id"])
    out["as_of"] = max(r["updated_at"] for recs in sections.values() for r in recs)
    out["omitted"] = {"sensitive_blockers": 0}
    out["clocks"], out["sites"] = {}, {}  # records made by hand: every one at genesis
    sensitive = any(b["classification"] == "OFFICIAL-SENSITIVE" for b in blockers)
    out["classification"] = "OFFICIAL-SENSITIVE" if sensitive else "OFFICIAL"
    return out


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, migrated workspace file to copy: migrating a new one per example is slow."""
    path = tmp_path_factory.mktemp("blank") / "blank.sqlite"
    open_store(path).close()
    return path


def fresh(blank: Path, folder: Path) -> Store:
    target = folder / "w.sqlite"
    shutil.copyfile(blank, target)
    return open_store(target)


def exported(store: Store) -> JSONDict:
    with store.session() as session:
        return bundle.export_bundle(session, include_sensitive=True)


HYPOTHESIS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


@HYPOTHESIS
@given(data=communities())
def test_import_of_an_export_is_the_same_community(data: JSONDict, blank: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    bundle.validate_bundle(data)  # the strategy makes valid bundles
    text = bundle.dumps(data)
    with fresh(blank, tmp_path_factory.mktemp("rt")) as store:
        with store.session() as session:
            import_bundle(session, bundle.parse_bundle(text))
        assert exported(store) == data
        assert bundle.dumps(exported(store)) == text
        with store.session() as session:  # the file export, rendered by SQLite, writes the very same bytes
            assert bundle.export_bundle_file(session, include_sensitive=True).data == text.encode("utf-8")
            for journey in data["journeys"]:
                for sensitive in (False, True):
                    one = bundle.export_bundle(session, journey_id=journey["id"], include_sensitive=sensitive)
                    assert_one_journey(one, data, journey["id"], sensitive)
                    fast = bundle.export_bundle_file(session, journey_id=journey["id"], include_sensitive=sensitive)
                    assert fast.data == bundle.dumps_bytes(one)
                    assert (fast.classification, fast.omitted) == (one["classification"], one["omitted"])
                    assert fast.versions == {rec["id"]: codec.sqlite_time(rec["updated_at"])
                                             for s in bundle.SECTIONS for rec in one[s]}
        with store.session() as session:  # merging it again changes nothing
            again = merge_bundle(session, bundle.parse_bundle(text))
        assert not again.changed and again.conflicts == []
        assert bundle.dumps(exported(store)) == text


def _later(stamp: str, seconds: int) -> str:
    return codec.format_datetime(codec.parse_datetime(stamp) + timedelta(seconds=seconds))


@HYPOTHESIS
@given(data=communities(), picks=st.lists(st.tuples(st.sampled_from(bundle.SECTIONS), st.integers(0, 20), TEXT), max_size=6),
       drop_updates=st.integers(0, 3))
def test_a_copy_changed_only_there_merges_into_exactly_that_copy(
    data: JSONDict, picks: list[tuple[str, int, str]], drop_updates: int, blank: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    theirs = json.loads(json.dumps(data))
    for section, index, text in picks:  # edit a text field of some records, stamped later than anything here
        records = theirs[section]
        if not records:
            continue
        rec = records[index % len(records)]
        field = next(k for k in ("description", "name", "title", "comment", "note", "body") if k in rec)
        rec[field] = text if field not in ("name", "title", "body") or text.strip() else "renamed"
        rec["updated_at"] = _later(max(data["as_of"], rec["updated_at"]), 1 + index)
    for rec in theirs["blocker_updates"][:drop_updates]:  # and delete some history entries there
        theirs["tombstones"].append({"id": rec["id"], "entity": "blocker_updates", "deleted_at": _later(data["as_of"], 99)})
    theirs["blocker_updates"] = theirs["blocker_updates"][drop_updates:]
    theirs["tombstones"].sort(key=lambda t: t["id"])
    stamps = [r["updated_at"] for s in bundle.SECTIONS for r in theirs[s]]
    theirs["as_of"] = max(stamps)
    # edited by hand, so its clocks know nothing of the edits: sent as a format-1 bundle would be
    del theirs["clocks"], theirs["sites"]
    theirs["format_version"] = 1
    bundle.validate_bundle(theirs)

    with fresh(blank, tmp_path_factory.mktemp("m")) as store:
        with store.session() as session:
            import_bundle(session, data)
        with store.session() as session:
            report = merge_bundle(session, theirs)
        assert report.conflicts == []
        merged = exported(store)
        assert {k: v for k, v in merged.items() if k not in ("clocks", "sites", "format_version")} == {
            k: v for k, v in theirs.items() if k != "format_version"}


# --- bad files, through the API ---------------------------------------------------------------------


@pytest.fixture
def demo(demo_store: Store) -> JSONDict:
    return exported(demo_store)


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda d: d.update(format_version=3), "newer than this app reads"),
        (lambda d: d.update(format_version=0), "format version 0"),
        (lambda d: d.update(format="something-else"), "not a Service Community bundle"),
        (lambda d: d["steps"][0].update(stage_id=str(uuid.uuid4())), "missing stage record"),
        (lambda d: d["members"].append(dict(d["members"][0])), "twice"),
        (lambda d: d["steps"][0].pop("title"), "the field 'title' is missing"),
        (lambda d: d["steps"][0].update(colour="#fff"), "a field the format does not have, 'colour'"),
        (lambda d: d["blockers"][0].update(severity="apocalyptic"), "blockers/0/severity"),
        (lambda d: d["scope"].update(community_id=str(uuid.uuid4())), "does not contain the community"),
    ],
)
def test_a_bad_bundle_is_refused_and_the_workspace_is_untouched(
    demo_store: Store, demo: JSONDict, spoil: Any, message: str, tmp_path: Path
) -> None:
    before = bundle.dumps(exported(demo_store))
    spoil(demo)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(demo), encoding="utf-8")
    with pytest.raises(BundleError, match=message):
        data = bundle.read_bundle(path)
        with demo_store.session() as session:
            import_bundle(session, data)
    assert bundle.dumps(exported(demo_store)) == before


def test_the_text_of_an_export_is_stable(demo_store: Store, store: Store) -> None:
    text = bundle.dumps(exported(demo_store))
    with store.session() as session:
        import_bundle(session, bundle.parse_bundle(text))
    assert bundle.dumps(exported(store)) == text
