"""Start-up of the command line: ``servicecommunity --help`` and ``summary`` on the demo, in wall time.

Each is a fresh interpreter (``python -m servicecommunity ...``), timed from start to exit, beside
``python -c "import sqlite3"`` measured in the same run, which is what any Python program costs
on this machine. The three are run in turn (round robin) so a busy moment slows all of them
alike; the figure is the median of ``RUNS`` runs after one warm-up run each. The demo workspace
is made once beforehand, so ``summary`` only opens and reads it.

Also printed: what ``--help`` and ``summary`` add to the bare interpreter (each median minus the
bare one). ``SC_BENCH_QUICK=1`` runs each 3 times instead of 9.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

Row = tuple[str, float, float | None, str]

RUNS = 9
QUICK_RUNS = 3
#: ``--help`` needs argparse and our own light modules only (1.3 s when it imported everything).
HELP_BUDGET = 0.25  # seconds over ``import sqlite3``
#: ``summary`` has no budget: nearly all of it is importing what it needs (SQLAlchemy, SQLModel
#: and pydantic, the model, and Alembic, which store/workspace.py imports to check the schema version);
#: tests/core/test_startup.py guards that it imports nothing more.
SUMMARY_BUDGET = None


def _environment(home: Path) -> dict[str, str]:
    """This environment with every data and settings folder in ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SERVICECOMMUNITY_")}
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        SERVICECOMMUNITY_DB=str(home / "default.sqlite"),
    )
    return env


def _wall(args: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def run() -> list[Row]:
    runs = QUICK_RUNS if os.environ.get("SC_BENCH_QUICK") else RUNS
    with tempfile.TemporaryDirectory(prefix="sc-bench-startup-") as folder:
        home = Path(folder)
        env = _environment(home)
        db = home / "demo.sqlite"
        app = [sys.executable, "-m", "servicecommunity"]
        subprocess.run([*app, "demo", "--db", str(db)], env=env, cwd=home, check=True, stdout=subprocess.DEVNULL)
        commands = {
            "python -c 'import sqlite3'": [sys.executable, "-c", "import sqlite3"],
            "servicecommunity --help": [*app, "--help"],
            "servicecommunity summary (demo)": [*app, "summary", "--db", str(db)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for args in commands.values():  # warm the file cache
            _wall(args, env, home)
        for _ in range(runs):
            for name, args in commands.items():
                times[name].append(_wall(args, env, home))
    median = {name: statistics.median(values) for name, values in times.items()}
    bare = median["python -c 'import sqlite3'"]
    help_, summary = median["servicecommunity --help"], median["servicecommunity summary (demo)"]
    return [
        (f"python -c 'import sqlite3', median of {runs}", bare, None, "s"),
        (f"servicecommunity --help, median of {runs}", help_, None, "s"),
        (f"servicecommunity summary on the demo, median of {runs}", summary, None, "s"),
        ("--help over the bare interpreter", help_ - bare, HELP_BUDGET, "s"),
        ("summary over the bare interpreter", summary - bare, SUMMARY_BUDGET, "s"),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
