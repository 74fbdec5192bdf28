"""Start-up: each command imports only what it uses.

Each check runs the command line in a fresh interpreter (``python -c``) and lists the modules it
imported, so nothing this test process has already loaded can hide an import. ``--help`` must
not load the storage, analysis or export libraries; ``summary`` must not load the analysis or the
export libraries; building the parser must not import any command's implementation.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: What a command that does not store, analyse or export must leave unimported (top-level names).
HEAVY = frozenset(
    {"networkx", "sqlalchemy", "sqlmodel", "alembic", "jsonschema", "openpyxl", "reportlab", "PIL", "lxml"}
)
#: The analysis and the export libraries: what ``summary`` must leave unimported.
NOT_FOR_SUMMARY = frozenset({"networkx", "openpyxl", "reportlab", "PIL", "lxml"})
#: The modules that implement commands (storage, analysis, formats): none is needed for a parser.
IMPLEMENTATIONS = frozenset(
    {
        "servicecommunity.store.workspace", "servicecommunity.domain.models", "servicecommunity.exchange.bundle",
        "servicecommunity.services.queries", "servicecommunity.analysis", "servicecommunity.analysis.graphs",
        "servicecommunity.exchange.merge", "servicecommunity.exchange.exports", "servicecommunity.exchange.imports",
    }
)  # fmt: skip

PROBE = """
import contextlib, io, json, sys
from servicecommunity.cli.main import build_parser, main
mode, argv = sys.argv[1], sys.argv[2:]
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    if mode == "parser":
        build_parser()
        code = 0
    else:
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def probe(mode: str, *argv: str) -> tuple[int, str, set[str]]:
    """Exit code, printed text and imported modules of ``main(argv)`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode, *argv], capture_output=True, text=True, check=True, timeout=120
    )
    result = json.loads(done.stdout.splitlines()[-1])
    return result["code"], result["out"], set(result["modules"])


def tops(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_help_imports_no_storage_analysis_or_export_library() -> None:
    code, out, modules = probe("main", "--help")
    assert code == 0 and "summary" in out and "export" in out
    assert not tops(modules) & HEAVY, sorted(tops(modules) & HEAVY)
    assert not modules & IMPLEMENTATIONS, sorted(modules & IMPLEMENTATIONS)


def test_building_the_parser_imports_no_command_implementation() -> None:
    code, _out, modules = probe("parser")
    assert code == 0
    assert not modules & IMPLEMENTATIONS, sorted(modules & IMPLEMENTATIONS)
    assert not tops(modules) & HEAVY, sorted(tops(modules) & HEAVY)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    from servicecommunity.cli.main import main

    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    return path


def test_summary_imports_neither_the_analysis_nor_the_export_libraries(demo_db: Path) -> None:
    code, out, modules = probe("main", "summary", "--db", str(demo_db))
    assert code == 0 and "Starting a Business" in out
    assert not tops(modules) & NOT_FOR_SUMMARY, sorted(tops(modules) & NOT_FOR_SUMMARY)
    assert "servicecommunity.analysis" not in modules and "servicecommunity.exchange.exports" not in modules


@pytest.mark.parametrize("command", ["demo", "summary", "journeys", "blockers", "analyse", "export", "import"])
def test_each_command_still_explains_its_options(command: str) -> None:
    """A command's own --help shows options that are only added when the command is used."""
    code, out, _modules = probe("main", command, "--help")
    assert code == 0 and "--db" in out
    expected = {
        "export": ["--format", "markdown", "Excel workbook"],
        "import": ["--format", "govuk", "--kind", "blockers"],
        "blockers": ["--severity", "critical"],
        "analyse": ["--without-step"],
    }.get(command, [])
    for text in expected:
        assert text in out, f"{command} --help lacks {text!r}"
