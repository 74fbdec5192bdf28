"""What the poster export says it made (paper, sheets, sizes), in the language of the run.

The note after ``export -o poster.pdf`` ("Poster of Starting a Business: 6 A3 sheets (3 across,
2 down) and an assembly guide, …") was an English f-string in a Welsh run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from servicecommunity import i18n
from servicecommunity.cli.main import main

ENGLISH = {"sheets", "sheet", "across", "down", "assembly", "guide", "about", "when", "joined", "within",
           "titles", "printed", "actual", "size", "page", "drawn", "fit", "Choose", "automatic", "paper"}


@pytest.fixture(autouse=True)
def _own_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "_chosen", {})
    monkeypatch.setenv(i18n.ENV, "en")
    yield


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    return db


def note(capsys: pytest.CaptureFixture[str], db: Path, lang: str, out: Path, *extra: str) -> str:
    assert main(["--lang", lang, "export", "--db", str(db), "-o", str(out), *extra]) == 0
    printed = capsys.readouterr()
    return printed.out.split("\n", 1)[1] + printed.err  # after the "Wrote …" line: the notes


@pytest.mark.parametrize("extra", [(), ("--paper", "A3"), ("--paper", "A1", "--tiled")])
def test_the_poster_note_is_welsh_in_a_welsh_run(capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path,
                                                 extra: tuple[str, ...]) -> None:
    english = note(capsys, demo, "en", tmp_path / "en.pdf", *extra)
    welsh = note(capsys, demo, "cy", tmp_path / "cy.pdf", *extra)
    assert "Starting a Business" in english and "Starting a Business" in welsh  # the community's own name stays
    assert any(word in english.replace(",", " ").replace(":", " ").split() for word in ENGLISH)
    left = {w for w in welsh.replace(",", " ").replace(":", " ").replace("(", " ").replace(")", " ").split() if w in ENGLISH}
    assert not left, welsh
