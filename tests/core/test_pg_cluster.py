"""scripts/pg_cluster.py: a throwaway server starts on a socket, answers, and leaves nothing behind."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import psycopg
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pg_cluster.py"


def cluster_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pg_cluster", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_cluster_starts_answers_and_is_gone_after_stop() -> None:
    script = cluster_script()
    if script.bin_dir() is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI must test against PostgreSQL, but its programs are not installed")
        pytest.skip("PostgreSQL's programs (initdb, pg_ctl) are not installed on this machine")
    folder, url = script.start()
    try:
        assert url.startswith("postgresql+psycopg://postgres@/postgres?host=")
        with psycopg.connect(url.replace("+psycopg", "")) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
            assert conn.execute("SHOW listen_addresses").fetchone() == ("",)  # a socket only, no TCP
    finally:
        script.stop(folder)
    assert not folder.exists()


def test_run_gives_the_command_its_exit_status_without_a_server_outside_ci(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PG_BIN": str(tmp_path), "CI": ""}
    done = subprocess.run([sys.executable, str(SCRIPT), "run", "--", sys.executable, "-c", "raise SystemExit(4)"],
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 4 and "will be skipped" in done.stderr
    done = subprocess.run([sys.executable, str(SCRIPT), "run", "--", sys.executable, "-c", "pass"],
                          env={**env, "CI": "true"}, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "CI must test against PostgreSQL" in done.stderr
