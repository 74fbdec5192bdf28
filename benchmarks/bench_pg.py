"""A team workspace on PostgreSQL beside a file, in one run: import, analysis input, analysis, export.

The synthetic community (``SC_BENCH_QUICK=1``: the small one) is imported into a new SQLite file
and into a new PostgreSQL database on the server ``$SERVICECOMMUNITY_TEST_PG`` names (or a
throwaway one that ``scripts/pg_cluster.py`` starts and stops), then the same work is timed on
each: the import (``import_new``), loading the biggest journey for the analysis (``load_journey``),
the analysis, and exporting the bundle. Each figure is the best of a few runs, SQLite's beside
PostgreSQL's with their ratio (the issue's goal: within 1.5x): the import is made into
``IMPORTS`` new stores on each side (new files, new databases), the best of them counted, and
the other figures are measured on the last. The server is on a local socket: a server across a
network adds its round trips.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

# loaded before the timing: import_new loads it on first use, which would count against the first database
import servicecommunity.services  # noqa: F401
from servicecommunity.analysis import analyse_data
from servicecommunity.analysis.graphs import load_journey
from servicecommunity.analysis.layout import load_map
from servicecommunity.domain.models import Step
from servicecommunity.exchange.bundle import export_bundle, import_new
from servicecommunity.store.workspace import open_store
from servicecommunity.testing.synthetic import generate_bundle

FULL = {"steps": 5000, "dependencies": 15000, "blockers": 20000}
QUICK = {"steps": 500, "dependencies": 1500, "blockers": 2000}
REPEATS = 3
IMPORTS = 3  # fresh stores a side: an import into a store that has the records already is refused


def _best(fn: Callable[[], Any], repeats: int = REPEATS) -> tuple[Any, float]:
    best, value = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - started)
    return value, best


def _server() -> tuple[str, Callable[[], None]]:
    url = os.environ.get("SERVICECOMMUNITY_TEST_PG")
    if url:
        return url, lambda: None
    spec = importlib.util.spec_from_file_location("pg_cluster", Path(__file__).parents[1] / "scripts" / "pg_cluster.py")
    assert spec is not None and spec.loader is not None
    cluster = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cluster)
    folder, url = cluster.start()
    return url, lambda: cluster.stop(folder)


def _new_database(server: str, name: str) -> str:
    base = make_url(server)
    with psycopg.connect(base.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def _measure(new_store: Callable[[int], str | Path], bundle: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    imports = []
    for n in range(IMPORTS):
        with open_store(new_store(n)) as store, store.session() as session:
            started = time.perf_counter()
            import_new(session, bundle)
            imports.append(time.perf_counter() - started)
    out["import (import_new)"] = min(imports)
    with open_store(new_store(IMPORTS - 1)) as store:
        with store.session() as session:
            journey = session.execute(select(Step.journey_id).group_by(Step.journey_id)
                                      .order_by(func.count().desc()).limit(1)).scalar_one()
            load_journey(session, journey)  # warm the caches, as an open workspace has them
            data, out["load_journey (the map's and the analysis's input)"] = _best(lambda: load_journey(session, journey))
            load_map(session, journey)
            _, out["load_map (the map window's data)"] = _best(lambda: load_map(session, journey))
        _, out["analyse_data"] = _best(lambda: analyse_data(data))
        with store.session() as session:
            _, out["export_bundle"] = _best(lambda: export_bundle(session, include_sensitive=True))
    return out


def measure() -> tuple[dict[str, int], dict[str, float], dict[str, float]]:
    """The synthetic community's sizes, and each figure on SQLite and on PostgreSQL."""
    sizes = QUICK if os.environ.get("SC_BENCH_QUICK") == "1" else FULL
    bundle = generate_bundle(seed=0, **sizes)
    server, stop = _server()
    try:
        with tempfile.TemporaryDirectory(prefix="sc-bench-pg-") as tmp:
            sqlite = _measure(lambda n: Path(tmp) / f"bench{n}.sqlite", bundle)
            names = [f"sc_bench_{os.getpid()}_{n}" for n in range(IMPORTS)]
            urls = [_new_database(server, name) for name in names]  # made before the timing, as the files' folder is
            pg = _measure(lambda n: urls[n], bundle)
            with psycopg.connect(make_url(server).set(drivername="postgresql").render_as_string(hide_password=False),
                                 autocommit=True) as conn:
                for name in names:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        stop()
    return sizes, sqlite, pg


def run() -> list[tuple[str, float, float | None, str]]:
    _, sqlite, pg = measure()
    return [(f"{label}: PostgreSQL / SQLite", pg[label] / s, 1.5, "x") for label, s in sqlite.items()]


def main() -> int:
    sizes, sqlite, pg = measure()
    print(f"synthetic community: {sizes}; the import: best of {IMPORTS}, each into a new store")
    print(f"{'':55}{'SQLite':>10}{'PostgreSQL':>12}{'ratio':>8}")
    for label, s in sqlite.items():
        p = pg[label]
        print(f"{label:55}{s:>9.3f}s{p:>11.3f}s{p / s:>7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
