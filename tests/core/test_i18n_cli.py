"""The command line in Welsh: argparse's own words, and the messages the commands print (import
reports, "Wrote …", a missing workspace) come from the Welsh catalogue; English is unchanged."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

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
