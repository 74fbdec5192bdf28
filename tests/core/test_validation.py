"""Impossible values are refused at the door, by every way in, with a sentence naming record and field.

One definition of each record's rules (``schemas.XBase``) serves a create, an edit and the bundle's
JSON Schema; the parametrised tests below walk every constrained field of every section so that a
rule added to one of them is checked by all three.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pydantic
import pytest

from servicecommunity import services
from servicecommunity.cli.main import main
from servicecommunity.domain import schemas
from servicecommunity.domain.errors import BundleError, ValidationError
from servicecommunity.exchange import bundle, validation
from servicecommunity.exchange.imports import govuk, spreadsheet
from servicecommunity.services import labels
from servicecommunity.store.workspace import Store, open_store


def snapshot(store: Store) -> str:
    with store.session() as session:
        return bundle.dumps(bundle.export_bundle(session, include_sensitive=True))


@pytest.fixture(scope="module")
def demo_bundle_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    from servicecommunity.domain.models import Step
    from servicecommunity.exchange.demo import load_demo
    from servicecommunity.services import notes

    with open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite") as store:
        load_demo(store)
        with store.session() as session:  # the demo has no notes yet: one, so that their rules are tried
            step = session.query(Step).first()
            assert step is not None
            notes.add_note(session, step_id=step.id, body="A note")
        return snapshot(store)


@pytest.fixture
def demo_bundle(demo_bundle_text: str) -> dict[str, Any]:
    return json.loads(demo_bundle_text)  # type: ignore[no-any-return]


def first_with(data: dict[str, Any], section: str, column: str) -> dict[str, Any]:
    return next(rec for rec in data[section] if rec[column] is not None)


# --- impossible dates, times and numbers in a bundle ------------------------------------------------

# (section, column, value, what the message says of it)
IMPOSSIBLE: list[tuple[str, str, Any, str]] = [
    ("steps", "updated_at", "2024-02-30T00:00:00Z", "impossible last updated, '2024-02-30T00:00:00Z'"),
    ("steps", "created_at", "2024-01-01T25:61:00Z", "impossible time created, '2024-01-01T25:61:00Z'"),
    ("organisations", "updated_at", "2024-01-01T10:00:00+25:00", "impossible last updated"),
    ("communities", "created_at", "0001-01-01T00:00:00+01:00", "impossible time created"),
    ("workshops", "held_on", "2024-13-01", "impossible held on, '2024-13-01'"),
    ("blockers", "due_on", "2023-02-29", "impossible due on, '2023-02-29'"),
    ("steps", "duration_hours", float("inf"), "time taken (hours)"),
    ("steps", "cost_per_transaction", float("nan"), "cost per transaction"),
]


@pytest.mark.parametrize(("section", "column", "value", "said"), IMPOSSIBLE, ids=[f"{s}.{c}" for s, c, _, _ in IMPOSSIBLE])
def test_an_impossible_value_in_a_bundle_is_refused_naming_record_and_field(
    demo_bundle: dict[str, Any], section: str, column: str, value: Any, said: str
) -> None:
    record = first_with(demo_bundle, section, column) if column in ("held_on", "due_on") else demo_bundle[section][0]
    record[column] = value
    text = json.dumps(demo_bundle)  # NaN and Infinity as Python's json writes (and reads) them
    with pytest.raises(BundleError) as caught:
        bundle.parse_bundle(text, name="team.json")
    message = str(caught.value)
    assert message.startswith(f"In team.json, the {services.NOUN[section]} {record['id'][:8]}… has "), message
    assert said in message and message.endswith("; the file is damaged or was edited by hand."), message


@pytest.mark.parametrize(("column", "value"), [("monthly_volume", 2**70), ("position", 2**64), ("emotion", -(2**70))])
def test_integers_beyond_what_sqlite_holds_are_refused(demo_bundle: dict[str, Any], column: str, value: int) -> None:
    demo_bundle["steps"][0][column] = value
    with pytest.raises(BundleError, match=f"steps/0/{column}"):
        bundle.validate_bundle(demo_bundle)  # the schema's maximum, from schemas.Count
    # and, for a column whose definition sets no maximum, the check beyond the schema
    said = rf"^In the bundle, the step .* has {value} as its {re.escape(labels.field_label(column))}, beyond what the workspace"
    with pytest.raises(BundleError, match=said):
        validation.check_bundle_values(demo_bundle)


def test_a_number_too_long_to_read_is_refused_in_a_sentence(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = '{"format": "servicecommunity-bundle", "format_version": ' + "1" * 5000 + "}"
    with pytest.raises(BundleError, match="not valid JSON"):
        bundle.parse_bundle(text)
    path = tmp_path / "long.json"
    path.write_text(text, encoding="utf-8")
    assert main(["import", "--db", str(store.path), str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: long.json holds a number too long") and err.count("\n") == 1


def test_the_issue_example_reads_as_one_sentence(demo_bundle: dict[str, Any]) -> None:
    step = demo_bundle["steps"][0]
    step["updated_at"] = "2024-02-30T00:00:00Z"
    with pytest.raises(BundleError) as caught:
        bundle.validate_bundle(demo_bundle)
    assert str(caught.value) == (
        f"In the bundle, the step {step['id'][:8]}… has an impossible last updated, '2024-02-30T00:00:00Z'; "
        "the file is damaged or was edited by hand."
    )


def test_impossible_times_elsewhere_in_the_bundle_are_refused(demo_bundle: dict[str, Any]) -> None:
    demo_bundle["as_of"] = "2024-04-31T00:00:00.000000Z"
    with pytest.raises(BundleError, match=r"impossible as of, '2024-04-31"):
        bundle.validate_bundle(demo_bundle)
    demo_bundle["as_of"] = None
    demo_bundle["tombstones"] = [
        {"id": "00000000-0000-4000-8000-000000000000", "entity": "steps", "deleted_at": "2024-06-31T00:00:00Z"}
    ]
    with pytest.raises(BundleError, match=r"^In the bundle, the deletion 00000000… has an impossible time deleted"):
        bundle.validate_bundle(demo_bundle)


@pytest.mark.parametrize("into", ["a new workspace", "the demo (a merge)"])
def test_the_command_line_refuses_an_impossible_date_and_leaves_the_workspace_alone(
    demo_store: Store, demo_bundle: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], into: str
) -> None:
    demo_bundle["steps"][0]["updated_at"] = "2024-02-30T00:00:00Z"
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(demo_bundle), encoding="utf-8")
    db = tmp_path / "new.sqlite" if into == "a new workspace" else demo_store.path
    before = snapshot(demo_store)
    code = main(["import", "--db", str(db), str(path)])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert "the step " in err and "impossible last updated, '2024-02-30T00:00:00Z'" in err and "damaged.json" in err
    assert snapshot(demo_store) == before
    assert into != "a new workspace" or not db.exists()


# --- one definition of each record's rules: create, edit and bundle agree ----------------------------


def _bad_values(prop: dict[str, Any]) -> list[tuple[str, Any]]:
    """Values that break one constraint each of a field's JSON Schema (pydantic's rendering)."""
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    out: list[tuple[str, Any]] = []
    for option in options:
        if "enum" in option:
            out.append(("enum", "no-such-value"))
        if "pattern" in option:
            bad = next(v for v in ("   ", "not a colour", "") if not re.search(option["pattern"], v))
            out.append(("pattern", bad))
        if "maxLength" in option:
            out.append(("maxLength", "x" * (option["maxLength"] + 1)))
        if "minLength" in option:
            out.append(("minLength", ""))
        if "minimum" in option:
            out.append(("minimum", option["minimum"] - 1))
        if "maximum" in option:
            out.append(("maximum", option["maximum"] + 1))
        if option.get("format") == "date":
            out.append(("date", "2024-02-30"))
        if option.get("type") == "array":
            out += [(f"items {kind}", [value]) for kind, value in _bad_values(option["items"])]
    return out


def _cases() -> list[tuple[str, str, str, Any]]:
    cases = []
    for section, model in services.CREATE_SCHEMAS.items():
        properties = model.model_json_schema()["properties"]
        for name, prop in sorted(properties.items()):
            cases += [(section, name, kind, value) for kind, value in _bad_values(prop)]
    return cases


CASES = _cases()


def test_the_cases_cover_the_rules_the_issue_names() -> None:
    covered = {(section, name) for section, name, _, _ in CASES}
    assert {("organisations", "name"), ("organisations", "colour"), ("steps", "emotion"),
            ("steps", "channels"), ("blockers", "standard_points"), ("workshops", "held_on")} <= covered
    assert len(CASES) > 60


@pytest.mark.parametrize(("section", "name", "kind", "value"), CASES,
                         ids=[f"{s}.{n}-{k}" for s, n, k, _ in CASES])
def test_an_edit_refuses_what_a_create_refuses(section: str, name: str, kind: str, value: Any) -> None:
    def refuses(model: type[pydantic.BaseModel], data: dict[str, Any]) -> bool:
        try:
            model.model_validate(data)
        except pydantic.ValidationError as exc:
            return any(err["loc"][:1] == (name,) for err in exc.errors())
        return False

    assert refuses(services.CREATE_SCHEMAS[section], {name: value})
    if name in services.UPDATE_SCHEMAS[section].model_fields:
        assert refuses(services.UPDATE_SCHEMAS[section], {name: value})


@pytest.mark.parametrize(("section", "name", "kind", "value"), CASES,
                         ids=[f"{s}.{n}-{k}" for s, n, k, _ in CASES])
def test_a_bundle_refuses_what_a_create_refuses(
    demo_bundle: dict[str, Any], section: str, name: str, kind: str, value: Any
) -> None:
    record = demo_bundle[section][0]
    if name not in record:  # the stage a step goes in: travels as stage_id, a column checked by itself
        pytest.skip(f"{name} is not a bundle column")
    record[name] = value
    with pytest.raises(BundleError, match=rf"{section}/0/{name}|{name}|{labels.field_label(name)}"):
        bundle.validate_bundle(demo_bundle)


def test_the_bundle_schema_takes_its_rules_from_the_record_definitions() -> None:
    props = bundle.json_schema()["$defs"]
    colour = schemas.OrganisationCreate.model_json_schema()["properties"]["colour"]["pattern"]
    assert props["organisations"]["properties"]["colour"]["pattern"] == colour
    assert props["organisations"]["properties"]["name"]["maxLength"] == 500
    assert props["steps"]["properties"]["emotion"]["anyOf"][0] == {"type": "integer", "minimum": -2, "maximum": 2}
    assert props["blocker_updates"]["properties"]["new_status"]["anyOf"][0]["enum"][0] == "open"


def test_the_issue_example_edit_is_refused_and_nothing_is_written(demo_store: Store) -> None:
    before = snapshot(demo_store)
    with demo_store.session() as session:
        org_id = json.loads(before)["organisations"][0]["id"]
        for data in ({"name": "   "}, {"colour": "not a colour"}, {"kind": "cartel"}, {"short_name": "x" * 41}):
            with pytest.raises(ValidationError):
                services.update(session, "organisations", org_id, data=data)
        with pytest.raises(ValidationError):
            services.update(session, "organisations", org_id, data={"name": "   ", "colour": "not a colour"})
    assert snapshot(demo_store) == before


def test_edits_refuse_values_the_workspace_cannot_hold(demo_store: Store) -> None:
    before = snapshot(demo_store)
    step_id = json.loads(before)["steps"][0]["id"]
    with demo_store.session() as session:
        for data in ({"monthly_volume": 2**70}, {"duration_hours": float("inf")}, {"user_satisfaction": float("nan")},
                     {"emotion": 3}, {"channels": ["pigeon"]}, {"position": -1}):
            with pytest.raises(ValidationError):
                services.update(session, "steps", step_id, data=data)
    assert snapshot(demo_store) == before


def test_an_edit_still_applies_its_rules_after_the_update_class_is_made(demo_store: Store) -> None:
    before = json.loads(snapshot(demo_store))
    step_id = before["steps"][0]["id"]
    with demo_store.session() as session:
        step = services.update(session, "steps", step_id, data={"channels": ["phone", "online", "phone"]}).value
        assert step.channels == ["online", "phone"]
        org = services.update(session, "organisations", before["organisations"][0]["id"], data={"name": "  Tidy  "}).value
        assert org.name == "Tidy"


# --- the other ways in: spreadsheets and GOV.UK ------------------------------------------------------


def test_a_spreadsheet_that_edits_a_step_is_held_to_the_same_rules(demo_store: Store, tmp_path: Path) -> None:
    data = json.loads(snapshot(demo_store))
    step = data["steps"][0]
    path = tmp_path / "edits.csv"
    path.write_text(
        "Step ID,Step,User satisfaction,Monthly volume\n"
        f"{step['id']},{step['title']},150,1\n"
        f"{data['steps'][1]['id']},{data['steps'][1]['title']},50,1e30\n",
        encoding="utf-8",
    )
    with demo_store.session() as session:
        preview = spreadsheet.preview(session, path, kind="steps")
    assert [r.action for r in preview.rows] == ["update", "update"]
    assert "User satisfaction" in preview.rows[0].errors[0]
    assert "Monthly volume" in preview.rows[1].errors[0]
    before = snapshot(demo_store)
    with demo_store.session() as session, pytest.raises(ValidationError, match="row 2: User satisfaction"):
        spreadsheet.apply(session, preview)
    assert snapshot(demo_store) == before


def test_a_step_by_step_with_a_blank_title_is_refused_naming_the_step(store: Store) -> None:
    item: dict[str, Any] = {
        "title": "Learn to drive",
        "details": {"step_by_step_nav": {
            "title": "Learn to drive", "introduction": "",
            "steps": [{"title": "Check", "contents": []}, {"title": "   ", "contents": []}],
        }},
    }
    with pytest.raises(BundleError, match=r"^Step 2 of drive\.json has a blank title"):
        govuk.parse(item, "drive.json")
    item["details"]["step_by_step_nav"]["steps"][1]["title"] = "Book"
    item["details"]["step_by_step_nav"]["title"] = " \t "
    with pytest.raises(BundleError, match=r"^drive\.json has a blank title"):
        govuk.parse(item, "drive.json")


def test_a_long_step_by_step_title_imported_twice_still_fits(store: Store) -> None:
    title = "T" * 500
    item = {"title": title, "details": {"step_by_step_nav": {
        "title": title, "introduction": "", "steps": [{"title": "Check", "contents": []}]}}}
    for _ in range(2):
        with store.session() as session:
            skeleton = govuk.preview_data(session, item, "long.json")
            journey = govuk.apply(session, skeleton).value
            assert len(journey.name) <= 500
