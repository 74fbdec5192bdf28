"""The command line in Welsh: argparse's own words, and the messages the commands print (import
reports, "Wrote …", a missing workspace) come from the Welsh catalogue; English is unchanged."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from servicecommunity import i18n
from servicecommunity.cli.argparse_text import plural_messages
from servicecommunity.cli.main import main

#: argparse's English words that must not show in a Welsh run
ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help message and exit",
                    "the following arguments are required", "invalid choice", "choose from",
                    "expected one argument", "error:")


@pytest.fixture(autouse=True)
def _own_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each run chooses its language afresh, and leaves none behind for other tests."""
    monkeypatch.setattr(i18n, "_chosen", {})
    monkeypatch.setenv(i18n.ENV, "en")
    yield


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # --help and argparse's refusals
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_in_welsh_has_no_english_argparse_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "cy", "analyse", "--help")
    assert code == 0
    assert out.startswith("defnydd: servicecommunity analyse")
    assert "opsiynau:" in out and "dangos y neges gymorth hon a gadael" in out
    for word in ARGPARSE_ENGLISH:
        assert word not in out, word


def test_top_level_help_in_welsh(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--lang", "cy", "--help")
    for word in ARGPARSE_ENGLISH:
        assert word not in out, word


def test_argparse_refusals_in_welsh(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, "--lang", "cy", "analyse", "--limit")
    assert code == 2
    assert "disgwyliwyd un ddadl" in err
    monkeypatch.setenv(i18n.ENV, "cy")  # a --lang it does not know: the environment's language says so
    code, _, err = run(capsys, "analyse", "--lang", "fr")
    assert code == 2 and "dewis annilys" in err and "dewiswch o" in err
    for word in ARGPARSE_ENGLISH:
        assert word not in err, word


def test_argparse_in_english_is_unchanged_and_restored(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--lang", "en", "analyse", "--help")
    assert out.startswith("usage: servicecommunity analyse")
    assert "options:" in out and "show this help message and exit" in out
    code, _, err = run(capsys, "--lang", "en", "analyse", "--limit")
    assert code == 2 and "expected one argument" in err
    run(capsys, "--lang", "cy", "analyse", "--help")
    # after a Welsh run, argparse outside the command line speaks as it did
    assert argparse.ArgumentParser(prog="x").format_help().startswith("usage: x")


@pytest.mark.parametrize("n", [0, 1, 2, 3, 6, 20])
def test_argparse_plurals_have_welsh_forms(n: int) -> None:
    with i18n.language("cy"):
        welsh = plural_messages(n)
    assert all("%s" in text and not re.search(r"\bexpected\b|\bconflicting\b", text) for text in welsh)


# --- the commands' own messages ------------------------------------------------------------------

#: English words of the core's fixed messages that a Welsh run must not show
MESSAGE_ENGLISH = re.compile(r"\b(Wrote|Merged|merge would|added|updated|deleted|unchanged|conflicts? (is|are) "
                             r"pending|Imported|No workspace|give --db|The (step|blocker))\b")


@pytest.fixture
def two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    here, there = str(tmp_path / "here.sqlite"), str(tmp_path / "there.sqlite")
    for db in (here, there):
        assert run(capsys, "--lang", "en", "demo", "--db", db)[0] == 0
    return here, there


def _retitle_first_step(db: str, title: str) -> None:
    from sqlalchemy import select

    from servicecommunity import services
    from servicecommunity.domain.models import Step
    from servicecommunity.store.workspace import open_store

    with open_store(db) as store, store.session() as session:
        step = session.scalars(select(Step).order_by(Step.title)).first()
        assert step is not None
        services.update_step(session, step.id, data={"title": title})


def test_the_welsh_export_names_the_option_that_adds_sensitive_blockers(
    two: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line names --include-sensitive in either language (it swapped English words inside
    the sentence, so in Welsh it said 'choosing to include sensitive blockers' in Welsh instead)."""
    here, _ = two
    for lang, said in (("cy", "mae --include-sensitive yn eu hychwanegu"), ("en", "--include-sensitive adds them")):
        code, out, _ = run(capsys, "--lang", lang, "export", "--db", here, "-o", str(tmp_path / f"{lang}.json"))
        assert code == 0 and said in out, out


def test_export_and_import_report_in_welsh(two: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    here, there = two
    _retitle_first_step(here, "Ours")
    _retitle_first_step(there, "Theirs")
    sent = tmp_path / "there.json"
    code, out, _ = run(capsys, "--lang", "cy", "export", "--db", there, "--format", "json", "--include-sensitive",
                       "-o", str(sent))
    assert code == 0 and out.startswith(f"Ysgrifennwyd {sent}"), out
    assert not MESSAGE_ENGLISH.search(out), out

    code, out, _ = run(capsys, "--lang", "cy", "import", "--db", here, str(sent), "--dry-run")
    assert code == 0 and out.startswith("Byddai'r cyfuno'n gwneud:"), out
    assert "Mae 1 gwrthdaro yn aros" in out and "wedi'u hychwanegu" in out and "heb newid" in out
    assert "'Ours'" in out and "'Theirs'" in out  # the community's own data, as written
    assert not MESSAGE_ENGLISH.search(out), out
    code, out, _ = run(capsys, "--lang", "cy", "import", "--db", here, str(sent))
    assert code == 0 and out.startswith("Cyfunwyd:"), out
    assert not MESSAGE_ENGLISH.search(out), out


def test_import_report_in_english_is_unchanged(two: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    here, there = two
    _retitle_first_step(here, "Ours")
    _retitle_first_step(there, "Theirs")
    sent = tmp_path / "there.json"
    code, out, _ = run(capsys, "--lang", "en", "export", "--db", there, "--format", "json", "--include-sensitive",
                       "-o", str(sent))
    assert code == 0 and out.startswith(f"Wrote {sent} (")
    code, out, _ = run(capsys, "--lang", "en", "import", "--db", here, str(sent), "--dry-run")
    assert out.startswith("The merge would make: 0 added; ") and "; 0 deleted; " in out
    # the record's title is whichever value is shown, which depends on the laptops' ids
    assert re.search(r"\n1 conflict is pending \(both values are kept until someone chooses\):\n"
                     r"  - The step '(Ours|Theirs)', title: ", out), out


def test_a_missing_workspace_is_refused_in_welsh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.sqlite"
    code, out, err = run(capsys, "--lang", "cy", "summary", "--db", str(missing))
    assert code == 1 and out == ""
    assert err == (f"gwall: Dim gweithle yn {missing}; crëwch un gyda 'servicecommunity demo' neu rhowch --db.\n")
    code, _, err = run(capsys, "--lang", "en", "summary", "--db", str(missing))
    assert code == 1 and err.startswith(f"error: No workspace at {missing}; create one with")


def test_the_demo_summary_in_welsh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "cy", "demo", "--db", str(tmp_path / "w.sqlite"))
    assert code == 0 and "\nMewnforiwyd " in out and "daith" in out, out
    assert not MESSAGE_ENGLISH.search(out), out


def test_a_refusal_of_the_services_is_welsh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "w.sqlite")
    assert run(capsys, "--lang", "en", "demo", "--db", db)[0] == 0
    code, _, err = run(capsys, "--lang", "cy", "analyse", "--db", db, "--journey", "Nowhere")
    assert code == 1 and err.startswith("gwall: Dim taith o'r enw 'Nowhere'; y teithiau yw: "), err
    code, _, err = run(capsys, "--lang", "en", "analyse", "--db", db, "--journey", "Nowhere")
    assert code == 1 and err.startswith("error: No journey called 'Nowhere'; the journeys are: "), err
