"""``servicecommunity import``: merges with conflicts listed, spreadsheets, GOV.UK, dry runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from servicecommunity import services
from servicecommunity.cli.main import main
from servicecommunity.domain.models import Step
from servicecommunity.store.workspace import open_store
from tests.core.test_import_govuk import DRIVING


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    here, there = str(tmp_path / "here.sqlite"), str(tmp_path / "there.sqlite")
    for db in (here, there):
        assert run(capsys, "demo", "--db", db)[0] == 0
    return here, there


def first_step(db: str) -> str:
    from sqlalchemy import select

    from servicecommunity.domain.models import Step

    with open_store(db) as store, store.session() as session:
        step = session.scalars(select(Step).order_by(Step.title)).first()
        assert step is not None
        return step.id


def edit(db: str, step_id: str, title: str) -> None:
    with open_store(db) as store, store.session() as session:
        services.update_step(session, step_id, data={"title": title})


def test_a_bundle_from_another_member_is_merged_and_its_conflicts_listed(
    two: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here, there = two
    step = first_step(here)
    edit(here, step, "Ours")
    edit(there, step, "Theirs")
    sent = tmp_path / "there.json"
    assert run(capsys, "export", "--db", there, "--format", "json", "--include-sensitive", "-o", str(sent))[0] == 0

    code, out, _ = run(capsys, "import", "--db", here, str(sent), "--dry-run")
    assert code == 0 and out.startswith("The merge would make") and "1 conflict is pending" in out
    code, out, _ = run(capsys, "import", "--db", here, str(sent), "--json")
    report = json.loads(out)
    assert code == 0 and report["applied"] and report["conflicts"] == 1
    conflict = report["conflict_list"][0]
    assert (conflict["id"], conflict["field"], conflict["label"]) == (step, "title", "title")
    assert {conflict["shown"]["value"], conflict["other"]["value"]} == {"Ours", "Theirs"}

    code, out, _ = run(capsys, "import", "--db", here, str(sent))  # again: nothing new, still pending
    assert code == 0 and "0 added; 0 updated; 0 deleted" in out and "1 conflict is pending" in out
    code, out, _ = run(capsys, "conflicts", "--db", here)
    assert code == 0 and "'Ours'" in out and "'Theirs'" in out and step[:8] in out
    code, out, _ = run(capsys, "resolve", "--db", here, step[:8], "--keep", "theirs")
    assert code == 0 and "Settled" in out
    code, out, _ = run(capsys, "conflicts", "--db", here, "--json")
    assert code == 0 and json.loads(out) == []
    with open_store(here) as store, store.session() as session:
        assert session.get(Step, step).title == "Theirs"  # type: ignore[union-attr]
    code, _, err = run(capsys, "resolve", "--db", here, step[:8], "--keep", "theirs")
    assert code == 1 and "No pending conflict" in err


def test_a_workshop_spreadsheet_with_errors_is_refused_unless_told_to_skip_them(
    two: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here, _ = two
    sheet = tmp_path / "workshop.csv"
    sheet.write_text("Stage,Step,Owner\nSet up tax,Register for VAT online,HMRC\nSet up tax,Oops,Ministry of Magic\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "--db", here, str(sheet))
    assert code == 1 and "row 3: Owner: no organisation called 'Ministry of Magic'" in out
    assert err.startswith("error: 1 row of workshop.csv has errors")
    code, out, _ = run(capsys, "import", "--db", here, str(sheet), "--skip-invalid", "--json")
    assert code == 0 and json.loads(out)["applied"] and json.loads(out)["create"] == 1
    code, out, _ = run(capsys, "import", "--db", here, str(sheet), "--dry-run")
    assert code == 0 and "1 unchanged" in out


def test_a_govuk_step_by_step_becomes_a_journey(two: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    here, _ = two
    path = tmp_path / "driving.json"
    path.write_text(json.dumps(DRIVING), encoding="utf-8")
    code, out, _ = run(capsys, "import", "--db", here, str(path), "--dry-run")
    assert code == 0 and out.startswith("Would create Journey 'Learn to drive a car: step by step'")
    assert "or: Book a motorcycle test" in out
    code, out, _ = run(capsys, "import", "--db", here, str(path), "--json")
    assert code == 0 and json.loads(out)["applied"] and len(json.loads(out)["stages"]) == 7
    code, out, _ = run(capsys, "journeys", "--db", here)
    assert "Learn to drive a car: step by step" in out


def test_the_format_can_be_forced(two: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    here, _ = two
    path = tmp_path / "driving.txt"
    path.write_text(json.dumps(DRIVING), encoding="utf-8")
    code, _, err = run(capsys, "import", "--db", here, str(path), "--format", "json")
    assert code == 1 and "not a Service Community bundle" in err
    assert run(capsys, "import", "--db", here, str(path), "--format", "govuk", "--dry-run")[0] == 0


def test_join_duplicates_lists_likely_pairs_and_joins_two(two: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import select

    from servicecommunity.domain.models import Organisation

    here, _ = two
    with open_store(here) as store, store.session() as session:
        kept = session.scalars(select(Organisation).where(Organisation.name == "Companies House")).one()
        kept_id, community = kept.id, kept.community_id
        copy = services.create(session, "organisations", data={"community_id": community, "name": "companies  house"}).value.id
        services.update_step(session, first_step(here), data={"owner_id": copy})
    code, out, _ = run(capsys, "join-duplicates", "--db", here, "--json")
    assert code == 0 and [(p["keep"], p["drop"]) for p in json.loads(out)] == [(kept_id, copy)]
    code, out, _ = run(capsys, "join-duplicates", "--db", here, kept_id[:8], copy[:8])
    assert code == 0 and out.startswith("Joined 'companies  house' into 'Companies House'")
    with open_store(here) as store, store.session() as session:
        assert session.get(Organisation, copy) is None
        assert session.get(Step, first_step(here)).owner_id == kept_id  # type: ignore[union-attr]
    code, _, err = run(capsys, "join-duplicates", "--db", here, "ffffffff", kept_id[:8])
    assert code == 1 and "matches 0" in err


def test_the_govuk_text_lists_every_step_under_its_stage(two: tuple[str, str], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Every GOV.UK step is a stage and its links its steps: a numbered stage's steps are listed too,
    not only the "and"/"or" ones, each under its own stage."""
    here, _ = two
    path = tmp_path / "driving.json"
    path.write_text(json.dumps(DRIVING), encoding="utf-8")
    code, out, _ = run(capsys, "import", "--db", here, str(path), "--dry-run")
    assert code == 0
    lines = out.splitlines()
    third = lines.index("  3. Driving lessons and practice")
    assert lines[third + 1].strip() == "Find an instructor"
    assert lines[lines.index("  1. Check you're allowed to drive") + 1].strip() == "Check the age you can drive"
    assert lines[lines.index("  4. Prepare for your theory test") + 1].strip() == "and: Theory test revision"
    listed = [line for line in lines if line.startswith("     ")]
    code, out, _ = run(capsys, "import", "--db", here, str(path), "--dry-run", "--json")
    assert len(listed) == len(json.loads(out)["steps"])  # every step, once
