"""Fixtures for every test: the workspace and data folders go to a temporary directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from servicecommunity.store.workspace import Store, open_store

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
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty workspace."""
    with open_store(tmp_path / "workspace.sqlite") as s:
        yield s


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """A workspace holding the Starting a Business demo."""
    from servicecommunity.exchange.demo import load_demo

    with open_store(tmp_path / "demo.sqlite") as s:
        load_demo(s)
        yield s


@pytest.fixture
def standards() -> Path:
    """``tests/data/standards``: the official schemas, in the repository so the checks always run."""
    return STANDARDS
