"""The command line as a new user meets it: exit codes, one-line errors, the demo, summary, filters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from servicecommunity.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2 and "servicecommunity demo" in out


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["blockers", "--severity", "enormous"])
    assert exc.value.code == 2


def test_missing_workspace_is_a_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "summary", "--db", str(tmp_path / "none.sqlite"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: No workspace at")
    assert "Traceback" not in err


def test_demo_then_summary_shows_the_community(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "w.sqlite")
    code, out, _ = run(capsys, "demo", "--db", db)
    assert code == 0 and "Created the Starting a Business demo" in out
    code, out, _ = run(capsys, "summary", "--db", db)
    assert code == 0 and "Starting a Business" in out and "Open blockers by organisation" in out
    code, out, _ = run(capsys, "summary", "--db", db, "--json")
    data = json.loads(out)
    assert data["counts"]["steps"] >= 25 and data["counts"]["blockers"] >= 12
    assert sum(sum(v.values()) for v in data["open_blockers_by_organisation"].values()) > 0


def test_demo_refuses_to_overwrite_without_force_and_keeps_a_copy_with_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "w.sqlite"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    code, _, err = run(capsys, "demo", "--db", str(db))
    assert code == 1 and "--force" in err
    assert run(capsys, "demo", "--db", str(db), "--if-missing")[0] == 0
    code, out, _ = run(capsys, "demo", "--db", str(db), "--force")
    assert code == 0 and "kept as" in out
    assert len(list(tmp_path.glob("w.replaced-*.sqlite"))) == 1


def test_blockers_filters(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "w.sqlite")
    run(capsys, "demo", "--db", db)
    _, out, _ = run(capsys, "blockers", "--db", db, "--json")
    every = json.loads(out)
    _, out, _ = run(capsys, "blockers", "--db", db, "--json", "--severity", "critical")
    critical = json.loads(out)
    assert critical and all(b["severity"] == "critical" for b in critical)
    assert len(critical) < len(every)
    owner = every[0]["owner"]
    _, out, _ = run(capsys, "blockers", "--db", db, "--json", "--org", owner)
    assert {b["owner"] for b in json.loads(out)} == {owner}
    code, _, err = run(capsys, "blockers", "--db", db, "--org", "Ministry of Magic")
    assert code == 1 and "No organisation called 'Ministry of Magic'" in err
    _, out, _ = run(capsys, "journeys", "--db", db)
    assert "Starting a Business" in out


def test_json_export_import_round_trip_through_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db, copy = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    run(capsys, "demo", "--db", db)
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert run(capsys, "export", "--db", db, "--format", "json", "--include-sensitive", "-o", str(first))[0] == 0
    assert run(capsys, "import", "--db", copy, str(first))[0] == 0
    assert run(capsys, "export", "--db", copy, "--format", "json", "--include-sensitive", "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_python_dash_m_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "servicecommunity", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "servicecommunity" in done.stdout


def test_export_names_the_community_when_the_workspace_holds_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from servicecommunity import services
    from servicecommunity.store.workspace import open_store

    db = str(tmp_path / "two.sqlite")
    run(capsys, "demo", "--db", db)
    with open_store(db) as store, store.session() as session:
        second = services.create(session, "communities", data={"name": "Second community"}).value.id
    out_file = tmp_path / "out.json"

    code, _, err = run(capsys, "export", "--db", db, "--format", "json", "-o", str(out_file))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "--community" in err and "Second community" in err and "Starting a Business" in err
    assert not out_file.exists()

    assert run(capsys, "export", "--db", db, "--format", "json", "--community", "second COMMUNITY", "-o", str(out_file))[0] == 0
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["scope"]["community_id"] == second and [c["name"] for c in data["communities"]] == ["Second community"]

    code, _, _ = run(capsys, "export", "--db", db, "--community", second, "--format", "csv", "-o", str(tmp_path / "s.zip"))
    assert code == 0
    code, _, err = run(capsys, "export", "--db", db, "--community", "Nobody", "-o", str(out_file))
    assert code == 1 and "No community called 'Nobody'" in err and "Second community" in err
