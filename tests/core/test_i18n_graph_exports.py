"""GraphML and BPMN exported in Welsh carry no English of their own: only the community's data.

Found by exporting the demo in both languages and keeping the words the Welsh file shares with the
English one that are not in the community's data: the files' descriptions ("exported … from
Service Community", "Steps (nodes) and …"), a step's "Owner:" and "Touchpoint:", a blocker's
"Due", the gateways' and events' names ("Either / or", "Start", "End"), the stages' category and
the steps' channels in GraphML ("Online, Phone") were English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from servicecommunity import i18n
from servicecommunity.cli.main import main

#: words of the formats themselves (XML names, schema words) that no translation changes
FORMAT_WORDS = {"xml", "version", "encoding", "UTF", "graphml", "http", "www", "org", "xmlns", "xsi", "schemaLocation",
                "OFFICIAL", "SENSITIVE", "API",
                "choice"}  # the name a BPMN condition expression gives the route taken: program text, as "==" is


@pytest.fixture(autouse=True)
def _own_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "_chosen", {})
    monkeypatch.setenv(i18n.ENV, "en")
    yield


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("graphs")
    db = folder / "demo.sqlite"
    # made once for the module, before the per-test fixture: it leaves the language as it found it itself
    chosen, i18n._chosen = i18n._chosen, {}
    try:
        assert main(["--lang", "en", "demo", "--db", str(db)]) == 0
        assert main(["--lang", "en", "export", "--db", str(db), "-o", str(folder / "data.json")]) == 0
        for lang in ("en", "cy"):
            for ending in ("graphml", "bpmn"):
                assert main(["--lang", lang, "export", "--db", str(db), "-o", str(folder / f"{lang}.{ending}")]) == 0
    finally:
        i18n._chosen = chosen
    return folder


def _text(path: Path) -> str:
    """What a person reads in the file: attribute values and text, not the tags' own names."""
    raw = path.read_text(encoding="utf-8")
    values = re.findall(r'\sname="([^"]*)"', raw)  # what a modeller shows; ids and GraphML's attr.name are for programs
    texts = [t for t in re.findall(r">([^<]+)<", raw) if not re.fullmatch(r"\s*[A-Za-z]+_[\w.-]+\s*", t)]  # refs to ids
    return " ".join(values + texts)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z']+", text.replace("&amp;", "&")))


@pytest.mark.parametrize("files", [("graphml", "cy.graphml", "en.graphml"),
                                   ("organisations", "cy-organisations.graphml", "en-organisations.graphml"),
                                   ("bpmn", "cy.bpmn", "en.bpmn")])
def test_no_english_of_the_file_own_in_welsh(exported: Path, files: tuple[str, str, str]) -> None:
    _, welsh, english = files
    data = _words((exported / "data.json").read_text(encoding="utf-8"))
    shared = _words(_text(exported / welsh)) & _words(_text(exported / english))
    left = sorted(shared - data - FORMAT_WORDS)
    assert left == [], left


def test_the_english_files_still_say_it_in_english(exported: Path) -> None:
    bpmn = (exported / "en.bpmn").read_text(encoding="utf-8")
    assert "Owner: " in bpmn and "exported" in bpmn and 'name="Either / or"' in bpmn
    graph = (exported / "en.graphml").read_text(encoding="utf-8")
    assert "Steps (nodes) and the dependencies between them (edges)." in graph
    assert "Online" in graph


@pytest.mark.parametrize("ending", ["graphml", "bpmn", "mmd", "svg"])
def test_each_file_says_which_language_it_is_in(tmp_path: Path, ending: str) -> None:
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    for lang, words in (("cy", "Iaith: Cymraeg."), ("en", "Language: English.")):
        out = tmp_path / f"{lang}.{ending}"
        assert main(["--lang", lang, "export", "--db", str(db), "-o", str(out)]) == 0
        assert words in out.read_text(encoding="utf-8"), (lang, ending)
