"""The command line as a terminal user meets it: every command explained in plain text, refused
options and unknown file endings refused in one sentence (exit 2, nothing written), and messages
that name the option to use."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from servicecommunity.cli.main import LazySubcommands, build_parser, main

#: reST and Markdown that reads as noise in a terminal: ``code``, :role:`x`, **bold**, `x`
MARKUP = re.compile(r"``|:(?:mod|func|class|data|meth|attr|ref|doc):|\*\*|`[^`\s]")
WIDTH = 80


def run(capsys: pytest.CaptureFixture[str], *args: str, plugins: Any = None) -> tuple[int, str, str]:
    code = main(list(args), plugins=plugins)
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], *args: str, plugins: Any = None) -> str:
    """The one line a refused command line prints on stderr (exit 2, nothing on stdout)."""
    try:
        code = main(list(args), plugins=plugins)
    except SystemExit as exc:  # argparse's own refusals exit
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert code == 2, (code, out, err)
    assert out == "" and "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("error: "), err
    return err


def _gui_plugins() -> list[Any]:
    pytest.importorskip("PySide6")
    from ui.cli import register

    return [register]


def commands(parser: argparse.ArgumentParser, prefix: str = "servicecommunity") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every command's parser with its late options added, once each (aliases skipped)."""
    for action in parser._actions:
        if isinstance(action, LazySubcommands):
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) in seen:
                    continue
                seen.add(id(sub))
                action.complete(sub)
                yield f"{prefix} {name}", sub
                yield from commands(sub, f"{prefix} {name}")


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "w.sqlite")
    assert run(capsys, "demo", "--db", db)[0] == 0
    return db


# --- help ---------------------------------------------------------------------------------------


def test_every_command_has_a_description_in_plain_text_that_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    parser = build_parser(_gui_plugins())
    found = dict(commands(parser))
    assert {"servicecommunity summary", "servicecommunity journeys", "servicecommunity gui"} <= set(found)
    problems = []
    for name, sub in [("servicecommunity", parser), *found.items()]:
        text = sub.format_help()
        if not (sub.description or "").strip():
            problems.append(f"{name}: no description")
        for line in text.splitlines():
            if MARKUP.search(line):
                problems.append(f"{name}: markup in {line.strip()!r}")
            if len(line) > WIDTH:
                problems.append(f"{name}: {len(line)} columns: {line.strip()[:50]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("command", ["summary", "journeys", "import", "backups", "blockers"])
def test_the_help_of_each_command_reads_as_plain_text(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    description = out.split("\n\n")[1]
    assert not description.lstrip().startswith(("positional arguments", "options")), out
    assert "``" not in out and ":func:" not in out


# --- refused options ----------------------------------------------------------------------------


def test_gui_refuses_json_in_one_sentence(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    plugins = _gui_plugins()
    import ui.app

    started: list[Any] = []

    def run_app(*args: Any, **kwargs: Any) -> int:  # the app must not open
        started.append(args)
        return 0

    monkeypatch.setattr(ui.app, "run", run_app)
    err = refused(capsys, "gui", "--json", plugins=plugins)
    assert "--json" in err and "servicecommunity gui --help" in err
    assert not started
    with pytest.raises(SystemExit):
        main(["gui", "--help"], plugins=plugins)
    assert "--json" not in capsys.readouterr().out


def test_an_argument_a_command_does_not_take_names_the_command_and_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "summary", "--paper", "A1")
    assert "'servicecommunity summary'" in err and "--paper" in err and "servicecommunity summary --help" in err


def test_an_option_given_before_the_command_says_where_it_goes(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "--json", "summary")
    assert "--json goes after the command" in err and "'servicecommunity summary --json'" in err


def test_bad_values_are_one_line_that_points_at_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "blockers", "--severity", "enormous")
    assert "enormous" in err and "servicecommunity blockers --help" in err
    err = refused(capsys, "export")
    assert "--output" in err and "servicecommunity export --help" in err
    err = refused(capsys, "nosuch")
    assert "'nosuch'" in err and "'servicecommunity --help' lists the commands" in err


def test_export_refuses_an_unknown_ending_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], demo_db: str, tmp_path: Path
) -> None:
    target = tmp_path / "out.xyz"
    before = listing(tmp_path)
    err = refused(capsys, "export", "--db", demo_db, "-o", str(target))
    assert "out.xyz" in err and "--format" in err and ".pdf" in err
    assert listing(tmp_path) == before
    # saying the format is enough
    code, _, _ = run(capsys, "export", "--db", demo_db, "--format", "json", "-o", str(target))
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["format"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--paper", "A1", "-o", "out.xlsx"], "--paper"),
        (["--tiled", "-o", "out.svg"], "--tiled"),
        (["--dpi", "300", "-o", "out.pdf"], "--dpi"),
        (["--no-findings", "-o", "out.mmd", "--journey", "Starting a Business"], "--no-findings"),
        (["--paper", "A3", "--org", "HMRC", "-o", "pack.pdf"], "--paper"),
        (["--tiled", "-o", "out.pdf"], "--paper A3"),
    ],
)
def test_export_refuses_an_option_its_format_has_no_use_for(
    capsys: pytest.CaptureFixture[str], demo_db: str, tmp_path: Path, args: list[str], named: str
) -> None:
    args = [str(tmp_path / a) if a.startswith(("out.", "pack.")) else a for a in args]
    before = listing(tmp_path)
    err = refused(capsys, "export", "--db", demo_db, *args)
    assert named in err
    assert listing(tmp_path) == before


def test_import_refuses_an_ending_it_does_not_read_and_opens_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.7\nnot a spreadsheet\n")
    db = tmp_path / "new.sqlite"
    err = refused(capsys, "import", "--db", str(db), str(notes))
    assert "notes.pdf" in err and "--format csv" in err and ".xlsx" in err
    assert not db.exists()


def test_the_options_each_format_uses_are_still_taken(capsys: pytest.CaptureFixture[str], demo_db: str, tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "--db", demo_db, "--dpi", "72", "--journey", "Starting a Business",
                       "-o", str(tmp_path / "m.png"))
    assert code == 0, err
    code, _, err = run(capsys, "export", "--db", demo_db, "--no-findings", "-o", str(tmp_path / "m.md"))
    assert code == 0, err
    code, _, err = run(capsys, "export", "--db", demo_db, "--paper", "A3", "--tiled", "-o", str(tmp_path / "m.pdf"))
    assert code == 0, err
    code, _, err = run(capsys, "export", "--db", demo_db, "-o", str(tmp_path / "bundle"))  # no ending: JSON
    assert code == 0 and json.loads((tmp_path / "bundle").read_text(encoding="utf-8"))["format"], err


# --- messages that name the option ----------------------------------------------------------------


def test_the_export_names_include_sensitive(capsys: pytest.CaptureFixture[str], demo_db: str, tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", "--db", demo_db, "-o", str(tmp_path / "b.md"))
    assert code == 0, err
    assert "OFFICIAL-SENSITIVE" in out and "--include-sensitive" in out
    assert "choosing to include" not in out
    code, out, err = run(capsys, "export", "--db", demo_db, "--json", "-o", str(tmp_path / "b.json"))
    notes = json.loads(out)["notes"]
    assert any("--include-sensitive" in n for n in notes) and not any("choosing" in n for n in notes)


def test_reimporting_the_apps_own_workbook_names_kind(capsys: pytest.CaptureFixture[str], demo_db: str, tmp_path: Path) -> None:
    book = tmp_path / "all.xlsx"
    assert run(capsys, "export", "--db", demo_db, "-o", str(book))[0] == 0
    code, _, err = run(capsys, "import", "--db", demo_db, str(book))
    assert code == 1 and err.count("\n") == 1, err
    assert "--kind steps" in err and "--kind blockers" in err
    code, _, err = run(capsys, "import", "--db", demo_db, "--kind", "blockers", "--dry-run", str(book))
    assert code == 0, err


def test_a_spreadsheet_into_a_workspace_of_two_communities_names_community(
    capsys: pytest.CaptureFixture[str], demo_db: str, tmp_path: Path
) -> None:
    from servicecommunity import services
    from servicecommunity.store.workspace import open_store

    with open_store(demo_db) as store, store.session() as session:
        services.create(session, "communities", data={"name": "Second community"})
    sheet = tmp_path / "steps.csv"
    sheet.write_text("Stage,Step\nSet up,Register\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "--db", demo_db, "--kind", "steps", "--journey", "Starting a Business",
                       str(sheet))
    assert code == 1 and err.count("\n") == 1, err
    assert "--community" in err and "Second community" in err
    code, _, err = run(capsys, "import", "--db", demo_db, "--kind", "steps", "--journey", "Starting a Business",
                       "--community", "Starting a Business", "--dry-run", str(sheet))
    assert code == 0, err


def test_a_one_journey_format_names_journey(capsys: pytest.CaptureFixture[str], demo_db: str, tmp_path: Path) -> None:
    from sqlalchemy import select

    from servicecommunity import services
    from servicecommunity.domain.models import Community
    from servicecommunity.store.workspace import open_store

    with open_store(demo_db) as store, store.session() as session:
        community = session.scalars(select(Community)).one()
        services.create(session, "journeys", data={"name": "Closing a Business", "community_id": community.id})
    code, _, err = run(capsys, "export", "--db", demo_db, "-o", str(tmp_path / "m.svg"))
    assert code == 1 and err.count("\n") == 1, err
    assert "--journey" in err and "Closing a Business" in err
    assert not (tmp_path / "m.svg").exists()


def test_analyse_says_which_option_shows_withheld_titles(capsys: pytest.CaptureFixture[str], demo_db: str) -> None:
    code, out, err = run(capsys, "analyse", "--db", demo_db)
    assert code == 0, err
    assert "(title withheld)" in out
    assert "--include-sensitive" in out.splitlines()[-1]
    code, out, err = run(capsys, "analyse", "--db", demo_db, "--include-sensitive")
    assert code == 0 and "(title withheld)" not in out and "--include-sensitive" not in out
