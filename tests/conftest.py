"""Fixtures for every test: the workspace and data folders go to a temporary directory.

PostgreSQL: ``$SERVICECOMMUNITY_TEST_PG`` is the URL of a server the tests may make databases on
(``scripts/pg_cluster.py run -- pytest ...`` starts a throwaway one and sets it; ``make test`` does).
With ``--pg`` (or ``SERVICECOMMUNITY_PG_STORES=1``) every test of ``tests/core`` that takes the
``store`` or ``demo_store`` fixture runs twice, on a SQLite file and on a new PostgreSQL database. A test that
needs the server skips, saying why, when none is given, except under CI (``CI=true``), where it
fails: CI must test against a real server.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from servicecommunity.store.workspace import Store, open_store

PG_ENV = "SERVICECOMMUNITY_TEST_PG"
BACKENDS = ("sqlite", "postgresql")
_databases = itertools.count()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--pg", action="store_true",
                     help=f"run the store/demo_store tests on PostgreSQL as well (the server: ${PG_ENV})")


def _both_backends(config: pytest.Config) -> bool:
    return bool(config.getoption("--pg")) or os.environ.get("SERVICECOMMUNITY_PG_STORES") == "1"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # the core's tests only: the app connects to files alone so far
    core = Path(__file__).resolve().parent / "core"
    if ("backend" in metafunc.fixturenames and _both_backends(metafunc.config)
            and core in Path(str(metafunc.definition.path)).resolve().parents):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


#: tests whose PostgreSQL run is skipped, and why: they check SQLite itself, or hand the command
#: line the workspace's file path (``store.path``, None for a server)
SQLITE_ONLY = {
    "test_rows_sql_cannot_render_exactly_still_give_the_same_bytes":
        "it writes SQLite's own storage quirks (typeless columns) with PRAGMAs",
    "test_an_export_is_of_one_moment_while_the_app_goes_on_editing":
        "it edits midway through SQLite's row rendering (codec.sqlite_json_text), which PostgreSQL does not use",
    "test_every_record_table_notes_its_changes_for_the_clocks":
        "it reads SQLite's triggers from sqlite_master (test_pg_store.py checks PostgreSQL's)",
    "test_a_wrong_query_is_still_a_bug": "it expects SQLite's exception class (PostgreSQL's is ProgrammingError)",
    "test_command_line_exports_every_format": "it gives the command line the workspace's file path",
    "test_the_backups_list_says_why_each_was_taken_in_welsh":
        "it backs up a workspace file (a server's backups are pg_dump's: the README says how)",
    "test_command_line_format_from_the_file_ending_and_json_output": "it gives the command line the workspace's file path",
}


#: fixtures whose tests' PostgreSQL run is skipped, and why
SQLITE_ONLY_FIXTURES = {
    "hostile": "its hostile text holds a NUL character, which PostgreSQL's text cannot store "
               "(refused there in one sentence: test_pg_store.py)",
    "refused": "it gives the command line the workspace's file path",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgresql":
            reason = SQLITE_ONLY.get(getattr(item, "originalname", item.name)) or next(
                (why for name, why in SQLITE_ONLY_FIXTURES.items() if name in getattr(item, "fixturenames", ())), None)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of the PostgreSQL server for the tests (its maintenance database); skip or fail without one."""
    url = os.environ.get(PG_ENV)
    if not url:
        message = (f"no PostgreSQL server for the tests: ${PG_ENV} is not set "
                   "(run them with 'python scripts/pg_cluster.py run -- pytest ...', as make test does)")
        if in_ci():
            pytest.fail(f"CI must test against PostgreSQL, but {message}", pytrace=False)
        pytest.skip(message)
    return url


@pytest.fixture
def pg_databases(pg_server: str) -> Iterator[Callable[[], str]]:
    """Make new, empty databases on the test server; each a URL. Dropped when the test ends."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(pg_server)
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    made: list[str] = []

    def new() -> str:
        name = f"sc_test_{os.getpid()}_{next(_databases)}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return base.set(database=name).render_as_string(hide_password=False)

    yield new
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the ``store`` fixtures open: "sqlite" unless parametrised by ``--pg``."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def workspace_at(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[str], str | Path]:
    """Where a new workspace goes on the backend under test: a file in ``tmp_path``, or a new database."""
    if backend == "sqlite":
        return lambda name: tmp_path / name
    new = request.getfixturevalue("pg_databases")
    return lambda _name: new()

#: Copies of the published schemas the exports and imports are checked against (see its PROVENANCE.md).
STANDARDS = Path(__file__).resolve().parent / "data" / "standards"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's workspace or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SERVICECOMMUNITY_DB", str(home / "default.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("SERVICECOMMUNITY_LOG_DIR", str(home / "logs"))


@pytest.fixture
def store(workspace_at: Callable[[str], str | Path]) -> Iterator[Store]:
    """An empty workspace (a file, or with ``--pg`` also a PostgreSQL database)."""
    with open_store(workspace_at("workspace.sqlite")) as s:
        yield s


@pytest.fixture
def demo_store(workspace_at: Callable[[str], str | Path]) -> Iterator[Store]:
    """A workspace holding the Starting a Business demo (a file, or with ``--pg`` also a database)."""
    from servicecommunity.exchange.demo import load_demo

    with open_store(workspace_at("demo.sqlite")) as s:
        load_demo(s)
        yield s


@pytest.fixture
def standards() -> Path:
    """``tests/data/standards``: the official schemas, in the repository so the checks always run."""
    return STANDARDS
